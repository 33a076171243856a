#!/bin/sh
# Runs every test: the cmocka unit tests, the command-line scenarios and the
# console tests. Usage: tests/run.sh BUILD_DIR
# Every test prints a TAP line ("ok ..." / "not ok ..."); this script counts
# them and ends with "N passed, N failed" (", N skipped" when any were).
set -u
build=${1:-build/test}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

export POSTROOM_BIN="$top/$build/postroom"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
. tests/env.sh
log=$(mktemp -d "${TMPDIR:-/tmp}/postroom-tests.XXXXXX")
trap 'rm -rf "$log"' EXIT
# The unit tests see a home of their own (the shell suites make theirs).
export HOME="$log/home" XDG_CONFIG_HOME="$log/home/.config" \
	XDG_DATA_HOME="$log/home/.local/share"
mkdir -p "$HOME"

passed=0 failed=0 skipped=0 broken=""

count() { # count FILE NAME: adds up the TAP lines of one suite's output
	# A skipped test is "ok ... # SKIP" (or "not ok ... # SKIP" from cmocka).
	p=$(grep -c '^ok ' "$1" | tr -d ' ')
	sp=$(grep -c '^ok .*# [Ss][Kk][Ii][Pp]' "$1" | tr -d ' ')
	sf=$(grep -c '^not ok .*# [Ss][Kk][Ii][Pp]' "$1" | tr -d ' ')
	f=$(grep -c '^not ok ' "$1" | tr -d ' ')
	passed=$((passed + p - sp)) skipped=$((skipped + sp + sf)) failed=$((failed + f - sf))
	if [ "$f" -gt "$sf" ] || [ "$2" = broken ]; then
		grep '^not ok ' "$1" | sed 's/^/  /'
	fi
}

run_suite() { # run_suite NAME COMMAND...
	name=$1
	shift
	out="$log/$(echo "$name" | tr '/' '_').out"
	printf '%-34s ' "$name"
	# A suite that hangs fails rather than holding up the run.
	timeout 900 "$@" >"$out" 2>&1
	rc=$?
	[ "$rc" -eq 124 ] && echo "not ok - $name timed out after 900 s" >>"$out"
	# Every suite says how many checks it makes ("1..N"), so one that stops
	# early is caught (tests/lib.sh: plan).
	grep -q '^1\.\.[0-9]' "$out" || echo "not ok - $name declares no plan (1..N)" >>"$out"
	p=$(grep -c '^ok ' "$out" | tr -d ' ')
	f=$(grep '^not ok ' "$out" | grep -vc '# [Ss][Kk][Ii][Pp]' | tr -d ' ')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# The suite died without saying which test: count it as one failure.
		echo "not ok - $name exited with status $rc" >>"$out"
		f=1
	fi
	if [ "$f" -gt 0 ]; then
		echo "$p ok, $f FAILED"
		sed 's/^/  | /' "$out" | tail -n 40
		broken="$broken $name"
	else
		echo "$p ok"
	fi
	count "$out" ok >/dev/null
}

for t in "$build"/unit/test-*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=TAP run_suite "unit/$(basename "$t")" "$t"
done
for t in tests/build/*.sh tests/cli/*.sh tests/ui/*.sh; do
	[ -f "$t" ] || continue
	run_suite "${t#tests/}" sh "$t"
done

[ -n "$broken" ] && echo "failing suites:$broken"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
