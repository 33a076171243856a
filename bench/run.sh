#!/bin/sh
# Benchmarks, side by side with the standard tools on the same file, in one
# run, reported as ratios. Usage: bench/run.sh POSTROOM_BINARY [DAYS]
#
#   report   `postroom report daily` over the whole period against the plain
#            SQL GROUP BY over the items table in the sqlite3 shell
#   list     `postroom item list --format csv` for one busy day against
#            `sqlite3 -csv` selecting the same rows
#   demo     how long the demo database took to build (items a second)
#   scans    postroom's ingest of a 101-page and a 1,000-page G4 scan file made
#            from the demo's batch sheets (bench/scan-files.sh), against
#            tiffsplit + zbarimg and against tiffcp -c none, and its memory
#
# Then years of a large council's post (BENCH_YEARS, default 10, about 20
# million items, built by bench/large-db.sh): `report daily` for a year
# against the plain SQL GROUP BY date(received_at) over the items table, the
# other reports, `report check`, and the console's dashboard: its first draw
# and its peak memory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
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

# --- Scan ingest --------------------------------------------------------------
# The 101-page A4 300 dpi G4 file of a 20-item batch (header, 20 separators,
# 80 letter pages) and a 1,000-page one, made from real batches of the demo
# database by bench/scan-files.sh. One run of each, side by side with what a
# script would do (tiffsplit, then zbarimg reading Code 128 alone) and with
# the decode floor (tiffcp -c none, the best of 3 runs).
scans="$dir/scans"
mkscan="$(dirname "$bin")/tools/mkscan"
echo "postroom benchmarks: scan ingest"
t0=$(now)
"$here/scan-files.sh" "$bin" "$mkscan" "$scans"
t1=$(now)
printf '  scan files made in %.1f s: %s pages (%s MB), %s pages (%s MB)\n' "$(calc "$t1 - $t0")" \
	"$(tiffinfo "$scans/scan-101.tif" 2>/dev/null | grep -c '^TIFF Directory at')" \
	"$(du -m "$scans/scan-101.tif" | cut -f1)" \
	"$(tiffinfo "$scans/scan-1000.tif" 2>/dev/null | grep -c '^TIFF Directory at')" \
	"$(du -m "$scans/scan-1000.tif" | cut -f1)"

# seconds_of COMMAND...: one run's wall time.
seconds_of() {
	t0=$(now)
	"$@" >/dev/null 2>&1
	t1=$(now)
	calc "$t1 - $t0"
}
split_and_read() { # split_and_read FILE: what a script would do
	rm -rf "$scans/split"
	mkdir "$scans/split"
	tiffsplit "$1" "$scans/split/p"
	# zbarimg exits 4 when some page (a letter) holds no Code 128.
	zbarimg --nodbus -q -Sdisable -Scode128.enable "$scans/split"/p*.tif >"$scans/split.codes" || true
}
script_101=$(seconds_of split_and_read "$scans/scan-101.tif")
found=$(grep -c '^CODE-128:' "$scans/split.codes" || true)
floor_101=$(best 3 tiffcp -c none "$scans/scan-101.tif" "$scans/none.tif")
floor_1000=$(seconds_of tiffcp -c none "$scans/scan-1000.tif" "$scans/none.tif")
rm -rf "$scans/split" "$scans/none.tif"

# postroom's own ingest, one run a file: seconds and peak memory (KB). Left
# empty while there is no ingest command; its figures then show as "-".
ours_101="" rss_101="" ours_1000="" rss_1000=""
if "$bin" ingest --help >/dev/null 2>&1; then
	ingest() { # ingest FILE: sets secs and rss
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f '%e %M' -o "$scans/time" "$bin" ingest "$1" --format csv >/dev/null 2>&1 || true
			read -r secs rss <"$scans/time"
		else
			secs=$(seconds_of "$bin" ingest "$1" --format csv) rss=""
		fi
	}
	ingest "$scans/scan-101.tif"
	ours_101=$secs rss_101=$rss
	ingest "$scans/scan-1000.tif"
	ours_1000=$secs rss_1000=$rss
fi
fmt_s() { if [ -n "$1" ]; then printf '%.2f s' "$1"; else echo "-"; fi; }
fmt_x() { if [ -n "$1" ] && [ -n "$2" ]; then echo "$(ratio "$1" "$2")x"; else echo "-"; fi; }
fmt_mb() { if [ -n "$1" ]; then awk "BEGIN { printf \"%.1f MB\", $1 / 1024 }"; else echo "-"; fi; }
row() { printf '  %-30s %9s  %-18s %-20s %11s\n' "$@"; }
row "" "101 pages" "postroom" "target" "1,000 pages"
row "postroom ingest" "$(fmt_s "$ours_101")" "" "" "$(fmt_s "$ours_1000")"
row "tiffsplit + zbarimg ($found codes)" "$(fmt_s "$script_101")" \
	"$(fmt_x "$script_101" "$ours_101") faster" ">= 20x faster" ""
row "tiffcp -c none (decode floor)" "$(fmt_s "$floor_101")" \
	"$(fmt_x "$ours_101" "$floor_101") the floor" "<= 4x the floor" "$(fmt_s "$floor_1000")"
row "postroom peak memory" "$(fmt_mb "$rss_101")" "" "< 64 MB, then flat" "$(fmt_mb "$rss_1000")"

# --- Years of a large council's post ---------------------------------------
# BENCH_YEARS (10) years of about BENCH_PER_DAY (7700) items a working day:
# some 20 million items. The build takes minutes and a few GB of disk.
years=${BENCH_YEARS:-10}
per_day=${BENCH_PER_DAY:-7700}
large="$dir/large.db"
end=2026-11-20
echo "postroom benchmarks: $years years of a large council's post"
t0=$(now)
"$here/large-db.sh" "$bin" "$large" $((years * 365 + years / 4)) "$per_day" "$end"
t1=$(now)
items=$(sqlite3 "$large" "SELECT count(*) FROM items")
printf '  build           %8s items in %6.1f s  (%s MB)\n' "$items" "$(calc "$t1 - $t0")" \
	"$(du -m "$large" | cut -f1)"

year_from=$(date -d "$end -364 days" +%F)
export POSTROOM_DB="$large" POSTROOM_NOW="${end}T17:00:00"
ours=$(best 5 "$bin" report daily --from "$year_from" --to "$end" --format csv)
theirs=$(best 3 sqlite3 "$large" "SELECT date(received_at, 'unixepoch', 'localtime') AS d,
	count(*), count(scanned_at), count(emailed_at) FROM items
	WHERE received_at >= unixepoch('$year_from', 'utc') AND received_at < unixepoch('$end', '+1 day', 'utc')
	GROUP BY d")
printf '  report daily, a year   postroom %8s ms   sqlite3 GROUP BY %9s ms   %sx faster (target 20x)\n' \
	"$(ms "$ours")" "$(ms "$theirs")" "$(ratio "$theirs" "$ours")"
ours=$(best 3 "$bin" report monthly --from "$(date -d "$end -$((years * 365)) days" +%F)" --to "$end" --format csv)
printf '  report monthly, all    postroom %8s ms\n' "$(ms "$ours")"
ours=$(best 3 "$bin" report backlog --format csv)
printf '  report backlog         postroom %8s ms\n' "$(ms "$ours")"
t0=$(now)
"$bin" report check >/dev/null
t1=$(now)
printf '  report check           postroom %8s ms (recounts every item)\n' "$(ms "$(calc "$t1 - $t0")")"

# The console's first draw of the dashboard and its peak memory, from the
# timing lines it writes when POSTROOM_TIMING names a file.
if command -v tmux >/dev/null 2>&1; then
	timing="$dir/timing"
	sock="prbench$$"
	tmux -L "$sock" -f /dev/null new-session -d -x 132 -y 43 \
		"env POSTROOM_DB='$large' POSTROOM_NOW='$POSTROOM_NOW' POSTROOM_TIMING='$timing' POSTROOM_SCREEN=reports TERM=xterm-256color LC_ALL=C.UTF-8 '$bin'"
	i=0
	until grep -q first_draw_ms "$timing" 2>/dev/null || [ $i -ge 300 ]; do i=$((i + 1)); sleep 0.1; done
	tmux -L "$sock" send-keys q 2>/dev/null || true
	i=0
	until grep -q peak_rss_kb "$timing" 2>/dev/null || [ $i -ge 100 ]; do i=$((i + 1)); sleep 0.1; done
	tmux -L "$sock" kill-server 2>/dev/null || true
	draw=$(sed -n 's/^first_draw_ms //p' "$timing" 2>/dev/null | head -1)
	rss=$(sed -n 's/^peak_rss_kb //p' "$timing" 2>/dev/null | head -1)
	printf '  dashboard first draw   %8s ms (target < 50)\n' "${draw:-?}"
	printf '  console peak memory    %8s MB (target < 32)\n' \
		"$( [ -n "$rss" ] && awk "BEGIN { printf \"%.1f\", $rss / 1024 }" || echo '?')"
fi
