# Shared helpers for the shell test suites (sourced). Each check prints one
# TAP line: "ok N - what" or "not ok N - what" with the evidence after it.
#
#   pr           runs the postroom under test against $DB
#   check DESC CMD...          passes when CMD exits 0
#   expect_exit N DESC CMD...  passes when CMD exits with status N
#   expect_out DESC PATTERN    passes when $OUT (last run's stdout) matches
#   expect_err DESC PATTERN    passes when $ERR (last run's stderr) matches
#   expect_eq DESC GOT WANT    passes when GOT is WANT
#   run CMD...   runs CMD capturing $OUT, $ERR and $RC
#   plan N       declares the number of checks (a suite that stops early fails)
#   skip DESC WHY    counts a check that cannot be made here as skipped
#   skip_rest WHY    skips every planned check not yet made, and ends the suite
#   at_exit CMD  cleans up when the suite ends
set -u
: "${POSTROOM_BIN:?set POSTROOM_BIN to the postroom binary}"
TESTDIR=$(mktemp -d "${TMPDIR:-/tmp}/postroom-t.XXXXXX")
_n=0 _planned="" _cleanups=""

# plan N: the suite will make N checks; printed as TAP's "1..N", and a
# suite that ends having made another number fails, so one that stops
# early cannot pass.
plan() { _planned=$1; echo "1..$1"; }

# skip DESC WHY: a check this machine cannot make, counted as skipped.
skip() { _n=$((_n + 1)); echo "ok $_n - $1 # SKIP $2"; }

# skip_rest WHY: the checks still planned are skipped; the suite ends.
skip_rest() {
	if [ -z "$_planned" ]; then
		echo "ok $((_n + 1)) # SKIP $1"
		exit 0
	fi
	while [ "$_n" -lt "$_planned" ]; do skip "not made" "$1"; done
	exit 0
}

# at_exit CMD: runs CMD when the suite ends, however it ends (latest first).
at_exit() { _cleanups="$1; $_cleanups"; }

_on_exit() {
	_rc=$?
	eval "$_cleanups"
	if [ -n "$_planned" ] && [ "$_n" -ne "$_planned" ]; then
		echo "not ok $((_n + 1)) - planned $_planned checks but made $_n"
		_rc=1
	fi
	rm -rf "$TESTDIR"
	exit "$_rc"
}
trap _on_exit EXIT
trap 'exit 143' TERM INT HUP
export HOME="$TESTDIR/home" XDG_CONFIG_HOME="$TESTDIR/home/.config" \
	XDG_DATA_HOME="$TESTDIR/home/.local/share"
mkdir -p "$HOME"
. tests/env.sh
DB="$TESTDIR/post.db"
export POSTROOM_DB="$DB"

pr() { "$POSTROOM_BIN" "$@"; }

run() {
	"$@" >"$TESTDIR/.out" 2>"$TESTDIR/.err"
	RC=$?
	OUT=$(cat "$TESTDIR/.out")
	ERR=$(cat "$TESTDIR/.err")
}

_report() { # _report OK DESC
	_n=$((_n + 1))
	if [ "$1" -eq 1 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		printf '%s\n' "  exit: ${RC:-?}" "  stdout: $(printf '%s' "${OUT:-}" | head -c 600)" \
			"  stderr: $(printf '%s' "${ERR:-}" | head -c 600)" | sed 's/^/#/'
	fi
}

check() {
	desc=$1
	shift
	run "$@"
	[ "$RC" -eq 0 ] && _report 1 "$desc" || _report 0 "$desc"
}

expect_exit() {
	want=$1 desc=$2
	shift 2
	run "$@"
	[ "$RC" -eq "$want" ] && _report 1 "$desc" || _report 0 "$desc (wanted exit $want)"
}

# An empty pattern (often one built from a variable that is empty by
# mistake) would match anything: it fails the check instead.
expect_out() {
	if [ -z "$2" ]; then _report 0 "$1 (empty pattern)"; return; fi
	if printf '%s\n' "$OUT" | grep -Eq -- "$2"; then _report 1 "$1"; else _report 0 "$1 (no match for /$2/)"; fi
}

expect_err() {
	if [ -z "$2" ]; then _report 0 "$1 (empty pattern)"; return; fi
	if printf '%s\n' "$ERR" | grep -Eq -- "$2"; then _report 1 "$1"; else _report 0 "$1 (stderr lacks /$2/)"; fi
}

expect_eq() { # expect_eq DESC GOT WANT
	if [ "$2" = "$3" ]; then _report 1 "$1"; else OUT="got [$2] wanted [$3]"; _report 0 "$1"; fi
}

# An outside part a suite drives (cupsd, the SMTP server, tmux) could not
# start: says so once, in one TAP line with the log's tail as comments, and
# ends the suite, rather than letting every later check fail on its own.
outside_failed() { # outside_failed WHAT [LOGFILE]
	_n=$((_n + 1))
	echo "not ok $_n - $1 could not start"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then
		tail -n 8 "$2" | sed 's/^/#   /'
	fi
	exit 1
}
