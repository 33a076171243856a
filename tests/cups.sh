#!/bin/sh
# A private CUPS scheduler for the tests: its own configuration, spool, logs
# and socket inside one folder, never the system's cupsd or /etc/cups.
# It has one raw queue, postroom-test, whose backend copies every job whole
# into DIR/out/job-ID (written under a temporary name, then renamed, so a
# file that is there is complete).
#
# Sourced by shell tests:
#   . tests/cups.sh
#   cups_start DIR [WATCH_PID]   starts cupsd; exports CUPS_SERVER=DIR/cups.sock
#                                and sets CUPS_DIR; returns non-zero on failure
#                                (the reason on stderr, the log's tail with it)
#   cups_stop [DIR]              stops it (DIR defaults to $CUPS_DIR); idempotent
#   cups_wait_file PATH [SECS]   waits (bounded, default 10 s) until PATH exists
# Or run as a command (the C unit tests use this form):
#   sh tests/cups.sh start DIR [WATCH_PID]   prints the CUPS_SERVER socket path
#   sh tests/cups.sh stop DIR
# WATCH_PID, when given, is a process whose end stops the scheduler too, so a
# test that crashes leaves no cupsd behind.
#
# Needs root (cupsd runs the 0700 backend as root) and cupsd, lpadmin, lpstat.

CUPS_TEST_PRINTER=postroom-test

# Polls every 0.05 s until "$@" succeeds, for at most SECS seconds.
_cups_poll() { # _cups_poll SECS CMD...
	_cp_n=$(($1 * 20))
	shift
	while [ "$_cp_n" -gt 0 ]; do
		"$@" && return 0
		_cp_n=$((_cp_n - 1))
		sleep 0.05
	done
	return 1
}

# True when PID is a live process (not gone, not a zombie).
_cups_alive() {
	kill -0 "$1" 2>/dev/null || return 1
	if [ -r "/proc/$1/stat" ]; then
		# The state is the field after "(name)".
		_ca_state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
		[ "$_ca_state" != Z ] || return 1
	fi
	return 0
}

_cups_dead() { ! _cups_alive "$1"; }

_cups_running() { # _cups_running SOCKET
	CUPS_SERVER=$1 lpstat -r 2>/dev/null | grep -q 'scheduler is running'
}

# True when the scheduler answers; also true (ending the wait) when it died.
_cups_up() { # _cups_up PID SOCKET
	_cups_alive "$1" || return 0
	_cups_running "$2"
}

cups_wait_file() { # cups_wait_file PATH [SECS]
	_cups_poll "${2:-10}" test -f "$1"
}

# The last lines the scheduler wrote (its own output first: a refused
# configuration is reported there, before any log exists).
_cups_log_tail() {
	[ -s "$1/cupsd.out" ] && tail -n 4 "$1/cupsd.out" | sed 's/^/  cupsd: /' >&2
	[ -f "$1/log/error_log" ] && grep -E '^[EW] ' "$1/log/error_log" | tail -n 4 |
		sed 's/^/  cupsd: /' >&2
	return 0
}

cups_start() { # cups_start DIR [WATCH_PID]
	_cs_dir=${1:?cups_start DIR}
	_cs_watch=${2:-}
	for _cs_tool in cupsd lpadmin lpstat; do
		if ! command -v "$_cs_tool" >/dev/null 2>&1 &&
			! [ -x "/usr/sbin/$_cs_tool" ]; then
			echo "cups.sh: $_cs_tool is not installed" >&2
			return 1
		fi
	done
	if [ "$(id -u)" -ne 0 ]; then
		echo "cups.sh: a private cupsd needs root" >&2
		return 1
	fi
	mkdir -p "$_cs_dir" || return 1
	_cs_dir=$(cd "$_cs_dir" && pwd) || return 1
	_cs_sock=$_cs_dir/cups.sock
	# sockaddr_un.sun_path holds 108 bytes.
	if [ "${#_cs_sock}" -gt 100 ]; then
		echo "cups.sh: socket path too long for a Unix socket: $_cs_sock" >&2
		return 1
	fi
	if [ -f "$_cs_dir/cupsd.pid" ] && _cups_alive "$(cat "$_cs_dir/cupsd.pid")"; then
		echo "cups.sh: a cupsd already runs for $_cs_dir" >&2
		return 1
	fi
	rm -rf "${_cs_dir:?}/etc" "${_cs_dir:?}/spool" "${_cs_dir:?}/cache" "${_cs_dir:?}/state" \
		"${_cs_dir:?}/lib" "${_cs_dir:?}/log" "$_cs_sock"
	mkdir -p "$_cs_dir/etc/ppd" "$_cs_dir/etc/ssl" "$_cs_dir/spool/tmp" \
		"$_cs_dir/cache" "$_cs_dir/state/certs" "$_cs_dir/lib/backend" \
		"$_cs_dir/log" "$_cs_dir/out" || return 1
	chmod 0755 "$_cs_dir" "$_cs_dir/lib" "$_cs_dir/lib/backend"
	# cupsd refuses a world-writable spool temp folder unless it is 1777.
	chmod 0710 "$_cs_dir/spool"
	chmod 1777 "$_cs_dir/spool/tmp"
	# The scheduler's helpers and filters from the system; our own backends.
	for _cs_sub in daemon filter notifier monitor; do
		[ -d "/usr/lib/cups/$_cs_sub" ] && ln -s "/usr/lib/cups/$_cs_sub" "$_cs_dir/lib/$_cs_sub"
	done

	# The backend: with no arguments it lists no devices; with a job it
	# copies the file (argument 6, or standard input) to OUT/job-ID.
	cat >"$_cs_dir/lib/backend/postroom-copy" <<'EOF'
#!/bin/sh
[ $# -eq 0 ] && exit 0
out=${DEVICE_URI#*:}
tmp="$out/.job-$1.part"
if [ $# -ge 6 ]; then
	cat -- "$6" >"$tmp" || exit 1
else
	cat >"$tmp" || exit 1
fi
chmod 0644 "$tmp"
mv -f -- "$tmp" "$out/job-$1" || exit 1
echo "INFO: copied job $1 to $out" >&2
exit 0
EOF
	chmod 0700 "$_cs_dir/lib/backend/postroom-copy"

	# Only the directives this scheduler needs, each with a value and every
	# path inside DIR: a bare directive is refused by some cupsd revisions
	# ("Missing value for Printcap"), and a default would reach into /etc.
	cat >"$_cs_dir/etc/cups-files.conf" <<EOF
ServerRoot $_cs_dir/etc
RequestRoot $_cs_dir/spool
TempDir $_cs_dir/spool/tmp
CacheDir $_cs_dir/cache
StateDir $_cs_dir/state
ServerBin $_cs_dir/lib
ServerKeychain $_cs_dir/etc/ssl
AccessLog $_cs_dir/log/access_log
ErrorLog $_cs_dir/log/error_log
PageLog $_cs_dir/log/page_log
Printcap $_cs_dir/state/printcap
SystemGroup root
EOF
	cat >"$_cs_dir/etc/cupsd.conf" <<EOF
LogLevel info
MaxLogSize 0
Listen $_cs_sock
Browsing No
BrowseLocalProtocols none
WebInterface No
DefaultShared No
PreserveJobFiles No
PreserveJobHistory Yes
JobRetryLimit 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF

	# -f: stay in the foreground, so $! is the scheduler itself.
	_cs_cupsd=$(command -v cupsd || echo /usr/sbin/cupsd)
	"$_cs_cupsd" -f -c "$_cs_dir/etc/cupsd.conf" -s "$_cs_dir/etc/cups-files.conf" \
		</dev/null >"$_cs_dir/cupsd.out" 2>&1 &
	_cs_pid=$!
	echo "$_cs_pid" >"$_cs_dir/cupsd.pid"
	if ! _cups_poll 10 _cups_up "$_cs_pid" "$_cs_sock" || ! _cups_alive "$_cs_pid"; then
		echo "cups.sh: the private cupsd did not start ($_cs_dir)" >&2
		_cups_log_tail "$_cs_dir"
		cups_stop "$_cs_dir"
		return 1
	fi
	if ! CUPS_SERVER=$_cs_sock lpadmin -p "$CUPS_TEST_PRINTER" -E \
		-v "postroom-copy:$_cs_dir/out" -m raw >"$_cs_dir/lpadmin.out" 2>&1; then
		echo "cups.sh: lpadmin could not create $CUPS_TEST_PRINTER:" >&2
		sed 's/^/  /' "$_cs_dir/lpadmin.out" >&2
		_cups_log_tail "$_cs_dir"
		cups_stop "$_cs_dir"
		return 1
	fi
	if [ -n "$_cs_watch" ]; then
		# Stops the scheduler when the watched process ends.
		(
			trap '' HUP
			while _cups_alive "$_cs_watch" && _cups_alive "$_cs_pid"; do
				sleep 1
			done
			kill -TERM "$_cs_pid" 2>/dev/null
		) </dev/null >/dev/null 2>&1 &
		echo "$!" >"$_cs_dir/watch.pid"
	fi
	CUPS_DIR=$_cs_dir
	CUPS_SERVER=$_cs_sock
	export CUPS_SERVER
	return 0
}

cups_stop() { # cups_stop [DIR]
	_ct_dir=${1:-${CUPS_DIR:-}}
	[ -n "$_ct_dir" ] || return 0
	if [ -f "$_ct_dir/watch.pid" ]; then
		_ct_pid=$(cat "$_ct_dir/watch.pid")
		kill -TERM "$_ct_pid" 2>/dev/null
		rm -f "$_ct_dir/watch.pid"
	fi
	if [ -f "$_ct_dir/cupsd.pid" ]; then
		_ct_pid=$(cat "$_ct_dir/cupsd.pid")
		if _cups_alive "$_ct_pid"; then
			kill -TERM "$_ct_pid" 2>/dev/null
			if ! _cups_poll 5 _cups_dead "$_ct_pid"; then
				kill -KILL "$_ct_pid" 2>/dev/null
				_cups_poll 2 _cups_dead "$_ct_pid"
			fi
		fi
		# Reaps it when this shell started it.
		wait "$_ct_pid" 2>/dev/null
		rm -f "$_ct_dir/cupsd.pid"
	fi
	rm -f "$_ct_dir/cups.sock"
	[ "${CUPS_DIR:-}" = "$_ct_dir" ] && unset CUPS_DIR CUPS_SERVER
	return 0
}

# Run as a command rather than sourced.
case ${0##*/} in
cups.sh)
	case ${1:-} in
	start)
		[ -n "${2:-}" ] || { echo "usage: $0 start DIR [WATCH_PID]" >&2; exit 2; }
		cups_start "$2" "${3:-}" || exit 1
		echo "$CUPS_SERVER"
		;;
	stop)
		[ -n "${2:-}" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
		cups_stop "$2"
		;;
	*)
		echo "usage: $0 start DIR [WATCH_PID] | stop DIR" >&2
		exit 2
		;;
	esac
	;;
esac
