#!/bin/sh
# Benchmarks, side by side with the standard tools on the same file, in one
# run, reported as ratios. Usage: bench/run.sh POSTROOM_BINARY [DAYS]
#
#   report   `postroom report daily` over the whole period against the plain
#            SQL GROUP BY over the items table in the sqlite3 shell
#   list     `postroom item list --format csv` for one busy day against
#            `sqlite3 -csv` selecting the same rows
#   demo     how long the demo database took to build (items a second)
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
days=${2:-${BENCH_DAYS:-180}}
dir=$(mktemp -d "${TMPDIR:-/tmp}/postroom-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export POSTROOM_DB="$dir/bench.db" POSTROOM_NOW=2026-11-20T17:00:00 TZ=Europe/London
export HOME="$dir" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"

now() { date +%s.%N; }
# best TIMES COMMAND...: the fastest of TIMES runs, in seconds.
best() {
	n=$1
	shift
	b=""
	for _ in $(seq "$n"); do
		t0=$(now)
		"$@" >/dev/null
		t1=$(now)
		t=$(calc "$t1 - $t0")
		if [ -z "$b" ] || [ "$(calc "$t < $b")" -eq 1 ]; then b=$t; fi
	done
	echo "$b"
}
calc() { awk "BEGIN { print $1 }"; }
ratio() { awk "BEGIN { printf \"%.1f\", $1 / $2 }"; }
ms() { awk "BEGIN { printf \"%.1f\", $1 * 1000 }"; }

echo "postroom benchmarks: $days days of demo post"
t0=$(now)
"$bin" demo --days "$days" --seed 7 >/dev/null
t1=$(now)
items=$(sqlite3 "$POSTROOM_DB" "SELECT count(*) FROM items")
build=$(calc "$t1 - $t0")
printf '  demo build      %8s items in %6.2f s  (%s items/s)\n' "$items" "$build" \
	"$(awk "BEGIN { printf \"%d\", $items / $build }")"

from=$(sqlite3 "$POSTROOM_DB" "SELECT min(received_day) FROM items")
to=$(sqlite3 "$POSTROOM_DB" "SELECT max(received_day) FROM items")
ours=$(best 5 "$bin" report daily --from "$from" --to "$to" --format csv)
theirs=$(best 5 sqlite3 "$POSTROOM_DB" "SELECT date(received_at, 'unixepoch', 'localtime') AS d,
	count(*), count(scanned_at), count(emailed_at) FROM items GROUP BY d")
printf '  report daily    postroom %8s ms   sqlite3 GROUP BY %8s ms   %sx faster\n' \
	"$(ms "$ours")" "$(ms "$theirs")" "$(ratio "$theirs" "$ours")"

busiest=$(sqlite3 "$POSTROOM_DB" "SELECT received_day FROM items GROUP BY received_day ORDER BY count(*) DESC LIMIT 1")
ours=$(best 5 "$bin" item list --from "$busiest" --to "$busiest" --format csv)
theirs=$(best 5 sqlite3 -csv "$POSTROOM_DB" "SELECT i.*, d.code FROM items i JOIN departments d ON d.id = i.dept_id WHERE received_day = '$busiest' ORDER BY i.id")
printf '  item list (day) postroom %8s ms   sqlite3 -csv     %8s ms   ratio %s\n' \
	"$(ms "$ours")" "$(ms "$theirs")" "$(ratio "$theirs" "$ours")"
