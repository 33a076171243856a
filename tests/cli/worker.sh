# postroom worker: --once on a hot folder (settled files taken, files still
# being written and temporary names left), and the worker as a process: a
# file dropped in is ingested and logged, SIGTERM stops it, a second worker
# is refused, and one killed mid-file loses and repeats nothing.
. tests/lib.sh
. tests/scan.sh
plan 43
export POSTROOM_NOW=2026-11-20T09:30:00
HOT=$TESTDIR/hot ARC=$TESTDIR/archive QUA=$TESTDIR/quarantine
DAY=$ARC/2026/11/20 ORIG=$ARC/originals/2026/11/20
mkdir -p "$HOT"
conf() { # conf FILE SETTLE
	printf '%s\n' "hot_folder = $HOT" "archive = $ARC" "quarantine = $QUA" \
		"hot_settle_s = $2" "hot_poll_s = 2" >"$1"
}
conf "$TESTDIR/settle5.conf" 5
conf "$TESTDIR/settle1.conf" 1
export POSTROOM_CONFIG="$TESTDIR/settle5.conf"
pr init >/dev/null

status_of() {
	pr item show "$1" --format json | head -n 1 | sed -n 's/.*"status": "\([a-z-]*\)".*/\1/p'
}
statuses() { for _r in "$@"; do status_of "$_r"; done | sort | uniq -c | awk '{ printf "%s%s x%s", (NR > 1 ? " " : ""), $2, $1 } END { print "" }'; }
new_batch() { # new_batch N: B, REFS, S
	set -- $(make_batch ASC "$1")
	B=$1
	shift
	REFS="$*"
	S="$TESTDIR/sheets-$B.pdf"
	batch_sheets "$B" "$S"
}
ago() { touch -d "@$(($(date +%s) - $2))" "$1"; } # ago FILE SECONDS
files_named() { sqlite3 "$DB" "SELECT count(*) FROM scan_files WHERE name = '$1'"; }

# --- worker --once --------------------------------------------------------------
new_batch 2
B1=$B R1=$REFS
make_scan "$HOT/settled.tif" batch:1:"$S"
ago "$HOT/settled.tif" 60
new_batch 1
B2=$B R2=$REFS
make_scan "$HOT/fresh.tif" batch:1:"$S"
new_batch 1
R3=$REFS
make_scan "$HOT/third.tif.part" batch:1:"$S"
ago "$HOT/third.tif.part" 60
new_batch 1
R4=$REFS
make_scan "$HOT/fourth.tmp" batch:1:"$S"
ago "$HOT/fourth.tmp" 60
touch "$HOT/fresh.tif"
run pr worker --once
expect_eq "worker --once: exit 0" "$RC" 0
expect_err "a settled file is ingested and logged" \
	"postroom worker: ingested settled.tif: 5 pages, batch $B1, 2 items scanned, 0 problems"
expect_eq "its items are scanned, the original archived" \
	"$(statuses $R1) $(ls "$ORIG")" "scanned x2 settled.tif"
expect_err "a file just written is left: still being written" \
	"postroom worker: waiting for $HOT/fresh.tif: still being written"
expect_eq "it stays, not recorded, its item waiting" \
	"$(ls "$HOT" | grep -c '^fresh.tif$') $(files_named fresh.tif) $(status_of "$R2")" "1 0 batched"
expect_eq "temporary names are not taken, nor mentioned" \
	"$(ls "$HOT" | grep -c 'third.tif.part\|fourth.tmp') $(printf '%s\n' "$ERR" | grep -c 'third\|fourth') $(statuses $R3 $R4)" \
	"2 0 batched x2"
expect_eq "one line per event, each with its time" \
	"$(printf '%s\n' "$ERR" | grep -vc '^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]\{8\} postroom worker: ')" 0
touch "$HOT/fresh.tif"
run pr worker --once
expect_eq "again at once: nothing new" "$RC $(printf '%s\n' "$ERR" | grep -c ingested) $(status_of "$R2")" \
	"0 0 batched"
mv "$HOT/third.tif.part" "$HOT/third.tif"
mv "$HOT/fourth.tmp" "$HOT/fourth.tif"
touch "$HOT/fresh.tif"
run pr worker --once
expect_err "renamed, the file is taken" "ingested third.tif: 3 pages"
expect_err "the other too" "ingested fourth.tif: 3 pages"
expect_eq "their items are scanned; the fresh one still waits" \
	"$(statuses $R3 $R4) $(status_of "$R2")" "scanned x2 batched"
ago "$HOT/fresh.tif" 6
run pr worker --once
expect_err "once settled, the last file is taken" "ingested fresh.tif: 3 pages, batch $B2"
expect_eq "the hot folder is empty but for the worker's lock" "$(ls -A "$HOT")" ".postroom-worker.lock"
expect_eq "each file recorded once" \
	"$(sqlite3 "$DB" "SELECT group_concat(name || ' ' || status, ', ') FROM (SELECT name, status FROM scan_files ORDER BY name)")" \
	"fourth.tif ingested, fresh.tif ingested, settled.tif ingested, third.tif ingested"

# --- the worker as a process -------------------------------------------------------
WPIDS=""
at_exit 'for p in $WPIDS; do kill -KILL "$p" 2>/dev/null; done'
start_worker() { # start_worker LOG: the worker in the background, its pid in WPID
	POSTROOM_CONFIG="$TESTDIR/settle1.conf" "$POSTROOM_BIN" worker 2>"$1" &
	WPID=$!
	WPIDS="$WPIDS $WPID"
}
# wait_for CMD...: true once CMD succeeds, trying every 0.05 s for 60 s.
wait_for() {
	_w=0
	while [ "$_w" -lt 1200 ]; do
		"$@" && return 0
		sleep 0.05
		_w=$((_w + 1))
	done
	return 1
}
in_log() { grep -q -- "$2" "$1"; }
has_open() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q -- "-> $2\$"; }
gone() { ! kill -0 "$1" 2>/dev/null; }
# drop FILE NAME: into the hot folder as capture software does: a
# temporary name, then renamed.
drop() { cp "$1" "$HOT/$2.part" && mv "$HOT/$2.part" "$HOT/$2"; }

LOG=$TESTDIR/worker.log
start_worker "$LOG"
W=$WPID
wait_for in_log "$LOG" "watching"
expect_eq "the worker starts, watching the hot folder" \
	"$(sed 's/^[0-9T:-]* //' "$LOG")" "postroom worker: watching $HOT (inotify); archive $ARC, quarantine $QUA"
new_batch 2
make_scan "$TESTDIR/drop1.tif" batch:1:"$S"
drop "$TESTDIR/drop1.tif" drop1.tif
check "a file renamed into the hot folder is ingested" wait_for in_log "$LOG" "ingested drop1.tif"
expect_eq "its items are scanned, the file archived" "$(statuses $REFS) $(ls "$ORIG" | grep -c '^drop1.tif$')" \
	"scanned x2 1"
new_batch 1
make_scan "$HOT/drop2.tif" batch:1:"$S"
check "a file written in place is ingested once settled" wait_for in_log "$LOG" "ingested drop2.tif"
expect_eq "its item is scanned" "$(statuses $REFS)" "scanned x1"
cp "$TESTDIR/drop1.tif" "$HOT/drop1-copy.tif"
check "the same file again is logged as a duplicate" wait_for in_log "$LOG" "duplicate drop1-copy.tif"
expect_eq "one line per event, each with its time" \
	"$(grep -vc '^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]\{8\} postroom worker: ' "$LOG")" 0
expect_exit 1 "a second worker on the folder is refused" pr worker --once
expect_err "and says which runs" "another worker \(process $W\) is taking files from $HOT"
expect_exit 1 "a second long-running worker too" pr worker
kill -TERM "$W"
wait_for gone "$W"
wait "$W"
expect_eq "SIGTERM stops it cleanly" "$? $(tail -n 1 "$LOG" | sed 's/^[0-9T:-]* //')" "0 postroom worker: stopped"

# --- killed mid-file, then restarted ------------------------------------------------
# 202 pages: a header, and 3 items of 66 letter pages each.
new_batch 3
BIG_B=$B BIG_REFS=$REFS
make_scan "$TESTDIR/big.tif" batch:66:"$S"
set -- $REFS
BR1=$1
start_worker "$TESTDIR/kill1.log"
W=$WPID
drop "$TESTDIR/big.tif" big.tif
wait_for has_open "$W" "$HOT/big.tif"
mid="$(ls "$DAY" 2>/dev/null | grep -c "^$BR1")"
kill -KILL "$W"
wait_for gone "$W"
expect_eq "killed while reading the file: no PDF yet, nothing recorded" \
	"$mid $(files_named big.tif) $(statuses $BIG_REFS)" "0 0 batched x3"
expect_eq "the file is still in the hot folder, nothing stored" \
	"$(cmp -s "$HOT/big.tif" "$TESTDIR/big.tif" && echo same) $(files_named big.tif) $(statuses $BIG_REFS)" \
	"same 0 batched x3"
start_worker "$TESTDIR/kill2.log"
W=$WPID
# Killed as soon as the first item's PDF is in place, the others to come.
wait_for test -f "$DAY/$BR1.pdf"
mid="$(has_open "$W" "$HOT/big.tif" && echo open)"
kill -KILL "$W"
wait_for gone "$W"
expect_eq "killed again while writing its PDFs: still nothing recorded" \
	"$mid $(files_named big.tif) $(statuses $BIG_REFS)" "open 0 batched x3"
run pr --config "$TESTDIR/settle1.conf" worker --once
expect_err "restarted: the file is ingested" "ingested big.tif: 202 pages, batch $BIG_B, 3 items scanned, 0 problems"
expect_eq "exactly once, every item scanned" "$(files_named big.tif) $(statuses $BIG_REFS)" "1 scanned x3"
expect_eq "exactly one PDF per item, 66 pages each" \
	"$(for r in $BIG_REFS; do echo "$(ls "$DAY" | grep -c "^$r") $(pdf_pages "$DAY/$r.pdf")"; done | sort -u)" "1 66"
expect_eq "each with its own pages" \
	"$(sqlite3 "$DB" "SELECT group_concat(page_list, '|') FROM (SELECT i.page_list FROM scan_images i JOIN items t ON t.id = i.item_id WHERE t.batch_id = (SELECT id FROM batches WHERE ref = '$BIG_B') ORDER BY i.id)")" \
	"3-68|70-135|137-202"
check "nothing lost: the original is archived unchanged" cmp "$ORIG/big.tif" "$TESTDIR/big.tif"
expect_eq "no half-written file is left in the archive" "$(ls -A "$DAY" | grep -c '^\.')" 0

# --- SIGTERM mid-file: the file is finished first -----------------------------------
new_batch 2
MID_REFS=$REFS
make_scan "$TESTDIR/mid.tif" batch:30:"$S"
LOG=$TESTDIR/term.log
start_worker "$LOG"
W=$WPID
drop "$TESTDIR/mid.tif" mid.tif
wait_for has_open "$W" "$HOT/mid.tif"
mid="$(files_named mid.tif)"
kill -TERM "$W"
wait_for gone "$W"
wait "$W"
expect_eq "SIGTERM mid-file: exit 0" "$? $mid" "0 0"
expect_eq "the file was finished, then the worker stopped" \
	"$(sed -n 's/^[0-9T:-]* postroom worker: \(ingested mid.tif: 63 pages\|stopped\).*/\1/p' "$LOG" | tr '\n' '|')" \
	"ingested mid.tif: 63 pages|stopped|"
expect_eq "its items are scanned, recorded once" "$(statuses $MID_REFS) $(files_named mid.tif)" "scanned x2 1"

# --- a file renamed in is complete at once, whatever the settle time -----------------
conf "$TESTDIR/settle60.conf" 60
new_batch 1
REN_REFS=$REFS
make_scan "$TESTDIR/ren.tif" batch:1:"$S"
make_scan "$TESTDIR/inplace-src.tif" batch:1:"$S" --seed 9
LOG=$TESTDIR/ren.log
POSTROOM_CONFIG="$TESTDIR/settle60.conf" "$POSTROOM_BIN" worker 2>"$LOG" &
W=$!
WPIDS="$WPIDS $W"
wait_for in_log "$LOG" "watching"
t0=$(date +%s)
drop "$TESTDIR/ren.tif" ren.tif
wait_for in_log "$LOG" "ingested ren.tif"
took=$(($(date +%s) - t0))
expect_eq "renamed in, it is taken long before the 60 s settle time" \
	"$(in_log "$LOG" "ingested ren.tif" && [ "$took" -lt 30 ] && echo soon) $(statuses $REN_REFS)" \
	"soon scanned x1"
cp "$TESTDIR/inplace-src.tif" "$HOT/inplace.tif"
sleep 2
expect_eq "a file written in place still waits for its settle time" \
	"$(grep -c 'inplace.tif' "$LOG")" 0
kill -TERM "$W"
wait_for gone "$W"

# --- stopped between the commit and the hot folder's removal ---------------------------
# The archived original is still linked in the hot folder (same file): the
# next look removes that name and nothing else.
ln "$ORIG/settled.tif" "$HOT/settled.tif"
ago "$HOT/settled.tif" 60
run pr --config "$TESTDIR/settle1.conf" worker --once
expect_err "the leftover link is recognised" "duplicate settled.tif: ingested already as scan file [0-9]+; its removal from where it came is finished now"
expect_eq "it is gone from the hot folder, the archive keeps the file, nothing recorded twice" \
	"$(ls "$HOT" | grep -c '^settled.tif$') $(ls "$ORIG" | grep -c '^settled.tif$') $(files_named settled.tif) $(ls "$QUA/duplicates" 2>/dev/null | grep -c settled)" \
	"0 1 1 0"
# Stopped after the commit with the original only in the hot folder (an
# archive on another file system, copied later): the next look moves it.
mv "$ORIG/third.tif" "$HOT/third.tif"
ago "$HOT/third.tif" 60
run pr --config "$TESTDIR/settle1.conf" worker --once
expect_err "the unfinished move is recognised" "duplicate third.tif: ingested already as scan file [0-9]+; its move into the archive is finished now"
expect_eq "the original is where the record says, recorded once" \
	"$(ls "$HOT" | grep -c '^third.tif$') $(ls "$ORIG" | grep -c '^third.tif$') $(files_named third.tif)" "0 1 1"
