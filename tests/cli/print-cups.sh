# The private CUPS scheduler of tests/cups.sh, driven with the CUPS command
# line tools: it starts, its queue postroom-test takes a job with lp and the
# backend's copy is the file byte for byte, and it stops without a trace.
# Needs root; without it the checks are skipped, saying why.
. tests/lib.sh
. tests/cups.sh
plan 13

at_exit cups_stop

skip_all() { skip_rest "$why"; }

checks="private cupsd starts|lp submits to postroom-test|the job arrives whole|lpstat lists the queue|cups_stop stops the scheduler"
why=""
if [ "$(id -u)" -ne 0 ]; then
	why="a private cupsd needs root"
elif ! command -v cupsd >/dev/null 2>&1 && ! [ -x /usr/sbin/cupsd ]; then
	why="cupsd is not installed (make deps-test)"
elif ! command -v lp >/dev/null 2>&1; then
	why="lp is not installed (make deps-test)"
fi
if [ -n "$why" ]; then
	IFS='|'
	# shellcheck disable=SC2086
	skip_all $checks
fi

CD="$TESTDIR/cups"
cups_start "$CD" $$ 2>"$TESTDIR/cups-start.log" ||
	outside_failed "the private cupsd" "$TESTDIR/cups-start.log"
RC=0 OUT="" ERR=""
_report 1 "private cupsd starts"
expect_eq "CUPS_SERVER names its socket" "${CUPS_SERVER:-}" "$CD/cups.sock"

# A PDF header, then every byte value and some random ones.
in="$TESTDIR/job.pdf"
{
	printf '%%PDF-1.4\n%%'
	printf '%b' "$(i=0; while [ $i -lt 256 ]; do printf '\\%04o' $i; i=$((i + 1)); done)"
	head -c 200000 /dev/urandom
	printf '\n%%%%EOF\n'
} >"$in"

check "lp submits to postroom-test" lp -d postroom-test -t "print-cups check" "$in"
expect_out "lp reports the job id" "^request id is postroom-test-[0-9]+"
job=$(printf '%s\n' "$OUT" | sed -n 's/^request id is postroom-test-\([0-9]*\).*/\1/p')
check "the job reaches the backend's folder" cups_wait_file "$CD/out/job-${job:-0}" 20
check "the job arrives whole" cmp "$in" "$CD/out/job-${job:-0}"

check "lpstat lists the queue" lpstat -p postroom-test
expect_out "the queue is enabled" "printer postroom-test is (idle|now printing)"
run lpstat -r
expect_out "lpstat -r: the scheduler is running" "scheduler is running"

pid=$(cat "$CD/cupsd.pid")
cups_stop "$CD"
check "cups_stop stops the scheduler" _cups_dead "$pid"
check "cups_stop removes the socket" test ! -e "$CD/cups.sock"
run env CUPS_SERVER="$CD/cups.sock" lpstat -r
expect_out "lpstat -r: the scheduler is not running" "scheduler is not running"
check "cups_stop twice is harmless" cups_stop "$CD"
