#!/bin/sh
# Runs each libFuzzer target for a bounded time on its corpus and sums up
# what it did. Usage: scripts/fuzz.sh BUILD_DIR SECONDS TARGET...
# (make fuzz builds BUILD_DIR/fuzz/fuzz-TARGET first). The seeds in
# tests/fuzz/TARGET are read, never written: new inputs go to
# BUILD_DIR/corpus/TARGET and crashes to BUILD_DIR/crash-TARGET-*.
set -u
build=$1 secs=$2
shift 2
status=0
printf '%-8s %12s %10s %8s %8s  %s\n' TARGET EXECUTIONS EXEC/S COVERAGE FEATURES RESULT
for t in "$@"; do
	bin="$build/fuzz/fuzz-$t"
	work="$build/corpus/$t"
	log="$build/fuzz-$t.log"
	mkdir -p "$work"
	"$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$build/crash-$t-" "$work" "tests/fuzz/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
	ft=$(grep -Eo 'ft: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
	if [ "$rc" -eq 0 ]; then
		result=ok
	else
		result="FAILED (exit $rc; see $log and $build/crash-$t-*)"
		status=1
	fi
	printf '%-8s %12s %10s %8s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
		"${ft:-?}" "$result"
done
exit $status
