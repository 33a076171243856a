# Helpers for the console tests (sourced after tests/lib.sh): the real
# postroom in a private tmux server at a fixed size, keys sent with
# send-keys, the screen read with capture-pane and polled (never slept on).
#
#   ui_start [VAR=VALUE]...   starts the console (80x24 unless UI_W/UI_H)
#   keys KEY...               tmux key names: F1 Tab Enter Escape PageDown ...
#   typetext TEXT                 types TEXT literally (UTF-8 is fine)
#   screen                    prints the screen now
#   wait_for TEXT [SECS]      waits until TEXT shows (fixed string); 1 if not
#   wait_re REGEX [SECS]      waits until a line matches REGEX (grep -E)
#   gone TEXT [SECS]          waits until TEXT no longer shows
#   ui_quit                   F10, then waits for the exit line
#   expect_screen DESC TEXT   a TAP line: TEXT shows (waits for it)
#   expect_re DESC REGEX      a TAP line: a line matches REGEX (waits for it)
#   expect_body DESC REGEX    the same, looking only between the header and
#                             the status line (a list or form, never the
#                             message that reports what was done)
#   check_asan DESC           a TAP line: no sanitizer report was written
NOW=2026-11-20T09:30:00
export POSTROOM_NOW=$NOW
SESSION=pr
_starts=0
SOCK="pr$$-0"
# Every start gets its own server (a new one on a socket being shut down
# would race); all are killed at the end.
_kill_all() {
	_k=0
	while [ "$_k" -le "$_starts" ]; do
		tmux -L "pr$$-$_k" kill-server 2>/dev/null
		_k=$((_k + 1))
	done
}
at_exit _kill_all
command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux is not installed"; exit 0; }

ui_start() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	_starts=$((_starts + 1))
	SOCK="pr$$-$_starts"
	tmux -L "$SOCK" -f /dev/null new-session -d -s "$SESSION" -x "${UI_W:-80}" -y "${UI_H:-24}" \
		"env POSTROOM_DB='$DB' POSTROOM_NOW='$NOW' HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
XDG_DATA_HOME='$XDG_DATA_HOME' TZ=Europe/London LC_ALL=C.UTF-8 TERM=${UI_TERM:-screen} \
ASAN_OPTIONS='log_path=$TESTDIR/asan:detect_leaks=1' \
UBSAN_OPTIONS='log_path=$TESTDIR/asan:print_stacktrace=1:halt_on_error=1' $* \
'$POSTROOM_BIN'; echo \"[postroom exited \$?]\"; exec sleep 600" \
		>"$TESTDIR/tmux-start.log" 2>&1 ||
		outside_failed "tmux (server $SOCK)" "$TESTDIR/tmux-start.log"
}

keys() { tmux -L "$SOCK" send-keys -t "$SESSION" "$@" 2>/dev/null; }
typetext() { tmux -L "$SOCK" send-keys -t "$SESSION" -l "$1" 2>/dev/null; }
screen() { tmux -L "$SOCK" capture-pane -p -t "$SESSION" "$@" 2>/dev/null; }

wait_for() { # wait_for TEXT [SECONDS]; an empty TEXT never shows
	[ -n "$1" ] || return 1
	_wi=0 _max=$(( ${2:-10} * 10 ))
	while [ "$_wi" -lt "$_max" ]; do
		screen | grep -Fq -- "$1" && return 0
		sleep 0.1
		_wi=$((_wi + 1))
	done
	return 1
}

wait_re() { # wait_re REGEX [SECONDS]; an empty REGEX never matches
	[ -n "$1" ] || return 1
	_wi=0 _max=$(( ${2:-10} * 10 ))
	while [ "$_wi" -lt "$_max" ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		_wi=$((_wi + 1))
	done
	return 1
}

# The screen without its header (top line), status line and key bar (the
# two bottom lines).
body() { screen | sed '1d;$d' | sed '$d'; }

wait_body() { # wait_body REGEX [SECONDS]; an empty REGEX never matches
	[ -n "$1" ] || return 1
	_wi=0 _max=$(( ${2:-10} * 10 ))
	while [ "$_wi" -lt "$_max" ]; do
		body | grep -Eq -- "$1" && return 0
		sleep 0.1
		_wi=$((_wi + 1))
	done
	return 1
}

gone() { # gone TEXT [SECONDS]; an empty TEXT is never gone
	[ -n "$1" ] || return 1
	_wi=0 _max=$(( ${2:-10} * 10 ))
	while [ "$_wi" -lt "$_max" ]; do
		screen | grep -Fq -- "$1" || return 0
		sleep 0.1
		_wi=$((_wi + 1))
	done
	return 1
}

expect_screen() { # expect_screen DESC TEXT
	if wait_for "$2"; then
		_report 1 "$1"
	else
		RC=- OUT="screen lacks [$2]:
$(screen)" ERR=
		_report 0 "$1"
	fi
}

expect_re() { # expect_re DESC REGEX
	if wait_re "$2"; then
		_report 1 "$1"
	else
		RC=- OUT="no line matches /$2/:
$(screen)" ERR=
		_report 0 "$1"
	fi
}

expect_body() { # expect_body DESC REGEX
	if wait_body "$2"; then
		_report 1 "$1"
	else
		RC=- OUT="no line between header and status matches /$2/:
$(screen)" ERR=
		_report 0 "$1"
	fi
}

ui_quit() { # F10, or Esc and q where the terminal has no F10 (vt100)
	case ${UI_TERM:-screen} in
	vt100*) keys Escape; sleep 0.1; keys q ;;
	*) keys F10 ;;
	esac
	wait_for "[postroom exited"
}

check_asan() { # check_asan DESC
	if ls "$TESTDIR"/asan.* >/dev/null 2>&1; then
		RC=- OUT=$(cat "$TESTDIR"/asan.* | head -c 1500) ERR=
		_report 0 "$1"
	else
		_report 1 "$1"
	fi
}
