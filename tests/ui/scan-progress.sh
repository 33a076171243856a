#!/bin/sh
# The Scan screen while a worker runs in the background: the worker shown
# running with its process, a 242-page scan file (a batch of 20 items,
# duplex) renamed into the hot folder and its progress bar moving page by
# page, then the file among today's with its batch, items and pages; a
# status file left by a worker that is gone (or by another process) is not
# shown as in progress; a stopped worker is shown not running. At 80x24 on
# a monochrome vt100 (NO_COLOR).
. tests/lib.sh
. tests/ui/lib/tmux.sh
. tests/scan.sh
plan 17

HOT=$TESTDIR/hot
mkdir -p "$HOT"
printf '%s\n' "hot_folder = $HOT" "hot_settle_s = 1" "hot_poll_s = 2" >"$TESTDIR/postroom.conf"
export POSTROOM_CONFIG="$TESTDIR/postroom.conf"
check "init" pr init
make_batch REV 20 >"$TESTDIR/batch"
B=$(sed -n 1p "$TESTDIR/batch")
batch_sheets "$B" "$TESTDIR/sheets.pdf"
check "a 242-page scan file" make_scan "$TESTDIR/big.tif" --dpi 300 --duplex batch:5:"$TESTDIR/sheets.pdf"
expect_eq "it has 242 pages" "$(tiff_pages "$TESTDIR/big.tif")" 242

WPID=
stop_worker() { [ -n "$WPID" ] && kill "$WPID" 2>/dev/null && wait "$WPID" 2>/dev/null; WPID=; }
at_exit stop_worker

UI_TERM=vt100
ui_start NO_COLOR=1 POSTROOM_SCREEN=scan POSTROOM_CONFIG="$POSTROOM_CONFIG"
expect_body "no worker yet" "Worker: NOT RUNNING \(start: postroom worker\)"
"$POSTROOM_BIN" worker 2>"$TESTDIR/worker.log" &
WPID=$!
expect_body "the worker is running, with its process" "Worker: running, process $WPID\."

# Written under a temporary name, then renamed: taken at once.
cp "$TESTDIR/big.tif" "$HOT/.big.tif.part"
mv "$HOT/.big.tif.part" "$HOT/big.tif"
bar='\[(█|#)+(·|\.)*\] +[0-9]+%'
expect_body "the file in progress, page by page" "In progress: big\.tif, (reading|writing) page [0-9]+ of 242"
expect_body "with a bar and its percentage" "$bar"
# The screen follows by itself (no key pressed): the page moves on.
first=$(body | sed -nE 's/.*In progress: big\.tif, (reading|writing) page ([0-9]+) of 242.*/\1 \2/p')
moved=0 _i=0
while [ "$_i" -lt 100 ] && [ "$moved" -eq 0 ]; do
	now=$(body | sed -nE 's/.*In progress: big\.tif, (reading|writing) page ([0-9]+) of 242.*/\1 \2/p')
	[ -n "$now" ] && [ "$now" != "$first" ] && moved=1
	[ -z "$now" ] && break
	sleep 0.1
	_i=$((_i + 1))
done
echo "# progress went from [$first] to [$now]"
expect_eq "the progress moves on by itself" "$moved" 1
expect_body "then the file is done" "In progress: none\. Waiting: 0 files" 
expect_body "and among today's files with its batch, items and pages" \
	"09:30 +big\.tif +$B +20 +242 +0"
expect_body "the last activity is that file" "Last activity: today 09:30 \(big\.tif\)"
expect_eq "the worker logged the ingest" \
	"$(grep -c 'ingested big.tif: 242 pages' "$TESTDIR/worker.log")" 1

# A status file that is not the running worker's: not in progress.
printf 'pid 999999\nfile ghost.tif\nphase reading\npage 5\npages 10\nat 0\n' \
	>"$HOT/.postroom-worker.status"
sleep 1
expect_body "another process's status is not shown" "In progress: none\."
stop_worker
expect_body "a stopped worker is shown not running" "Worker: NOT RUNNING"
# What a worker killed mid-file leaves: its own pid, the lock free.
printf 'pid %s\nfile big2.tif\nphase writing\npage 50\npages 242\nat 0\n' "$$" \
	>"$HOT/.postroom-worker.status"
sleep 1
expect_body "a dead worker's status is not shown as in progress" "In progress: none\."
if body | grep -q "ghost\|big2"; then
	_report 0 "neither stale file is named"
else
	_report 1 "neither stale file is named"
fi
ui_quit
check_asan "no sanitizer report"
