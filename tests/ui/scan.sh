#!/bin/sh
# F4 Scan at the desk, on real scan files made from the batches' own sheets:
# the hot folder and the worker's state, today's files with batch, items and
# pages, a quarantined file with its reason, the open scan problems resolved
# from the screen (pages given to an item typed or scanned into the field;
# pages set aside with a reason; both in the audit trail), an item indexed
# beside its page preview and found by 'item show' with its new addressee,
# and an item marked for rescan; at 80x24 in monochrome (NO_COLOR,
# TERM=vt100), then at 132x43.
. tests/lib.sh
. tests/ui/lib/tmux.sh
. tests/scan.sh
plan 50

check "init" pr init
mkdir -p "$TESTDIR/in"
make_batch REV 2 >"$TESTDIR/batch"
B=$(sed -n 1p "$TESTDIR/batch") I1=$(sed -n 2p "$TESTDIR/batch") I2=$(sed -n 3p "$TESTDIR/batch")
batch_sheets "$B" "$TESTDIR/s1.pdf"
check "a scan file of the batch" make_scan "$TESTDIR/in/scan1.tif" --dpi 200 batch:1:"$TESTDIR/s1.pdf"
run pr ingest "$TESTDIR/in/scan1.tif"
expect_eq "it is ingested" "$RC" 0
printf 'not a tiff\n' >"$TESTDIR/in/broken.tif"
run pr ingest "$TESTDIR/in/broken.tif"
expect_eq "a broken file is quarantined" "$RC" 1
make_batch HWY 2 >"$TESTDIR/batch2"
B2=$(sed -n 1p "$TESTDIR/batch2") J1=$(sed -n 2p "$TESTDIR/batch2") J2=$(sed -n 3p "$TESTDIR/batch2")
batch_sheets "$B2" "$TESTDIR/s2.pdf"
# The header, a letter before any separator (a problem with its page),
# then J1's separator and letter: J2 gets no pages (a problem without any).
check "a scan with a page before the first separator" make_scan "$TESTDIR/in/scan2.tif" \
	--dpi 200 sheet:1:"$TESTDIR/s2.pdf" letter sheet:2:"$TESTDIR/s2.pdf" letter
run pr ingest "$TESTDIR/in/scan2.tif"
expect_eq "it raises problems" "$RC" 1
run pr scan exceptions --format csv
P1=$(printf '%s\n' "$OUT" | awk -F, '$2 == "before-separator" { print $1 }')
P2=$(printf '%s\n' "$OUT" | awk -F, '$2 == "no-pages" { print $1 }')
expect_eq "two problems: before-separator and no-pages" "${P1:+x}${P2:+y}" "xy"

UI_TERM=vt100
ui_start NO_COLOR=1 POSTROOM_SCREEN=scan
expect_body "the worker is not running, in words" "Worker: NOT RUNNING"
expect_body "the last activity is the newest file's" "Last activity: today 09:30 \(scan2\.tif\)"
expect_body "nothing is in progress" "In progress: none\. Waiting: 0 files in "
expect_body "today's files: scan1 with its batch, items and pages" \
	"09:30 +scan1\.tif +$B +2 +5 +0"
expect_body "and scan2 with its batch and problems" "09:30 +scan2\.tif +$B2 +1 +4 +2"
expect_body "the list selector marks the current list in brackets" "\[1 Files today: 2\]"
keys 3
expect_body "the quarantined file with its reason" "broken\.tif +broken\.tif is not a TIFF"
keys Tab
expect_body "Tab goes on to the scanned items" "\[4 Scanned items: 3\]"
keys 2
expect_body "the problems: the page before the first separator" \
	"^>P$P1 +before-separator +2 +pages after the header of $B2"
expect_body "and the item without pages" "^ P$P2 +no-pages +none"
expect_re "the hints offer the resolutions" "Enter: resolve, A: assign pages, S: set aside"

# Pages given to an item: Enter, the first answer, the reference as a
# handheld scanner types it (characters, then Enter).
keys Enter
expect_screen "Enter asks how to resolve it" "Assign its pages to an item"
keys 1
expect_screen "then the item, typed or scanned" "go to item (type or scan it)"
typetext "$J2"
keys Enter
expect_screen "the pages are given to it" "Problem P$P1 resolved: pages 2 given to $J2, now scanned"
expect_body "that problem is no longer listed" "^>P$P2 +no-pages"
# The other set aside, with S.
keys S
expect_screen "S asks why the pages are set aside" "Why are the pages of problem P$P2 set aside?"
typetext "its pages came in front of the header"
keys Enter
expect_screen "they are set aside" "Problem P$P2 resolved: its pages set aside"
expect_body "no problem is left" "No scan problem waiting: nothing to resolve"
run pr item show "$J2"
expect_out "item show: the item has the problem's pages" "^Status +scanned$"
expect_out "and its history says so" "batched -> scanned .*pages 2 of scan2\.tif \(scan problem $P1\)"
expect_eq "the audit trail has both resolutions" \
	"$(sqlite3 "$DB" "SELECT group_concat(ref || ' ' || to_state || ' ' || reason, '|') FROM \
(SELECT * FROM audit_events WHERE entity = 'scan-problem' AND to_state <> 'open' ORDER BY id)")" \
	"P$P1 assigned assigned to item $J2|P$P2 set-aside its pages came in front of the header"

# Indexing beside the page preview: the last scanned item is I1.
keys 4 Up Up Up Up
expect_body "the scanned items, newest first" "^>$J2 "
keys Down Down Down
expect_body "the first one scanned is the last" "^>$I1 +1 +0 +200 +Sender 1 +Team 1"
keys I
expect_body "I opens the review with the index form" "Page review: $I1 - page 1 of 1"
expect_re "the form's keys show" "Enter: save, Tab: other field, Esc: cancel"
keys C-u
typetext "Ann Smith, Council Tax"
keys Tab C-u
typetext "HM Revenue & Customs"
keys Enter
expect_screen "the item is indexed" "$I1 indexed: from HM Revenue & Customs to Ann Smith, Council Tax"
expect_body "the review shows the new sender" "Sender +HM Revenue & Customs"
run pr item show "$I1"
expect_out "item show has the new addressee" "^Addressee +Ann Smith, Council Tax$"
expect_out "and the new sender" "^Sender +HM Revenue & Customs$"
expect_out "the history records the indexing" "indexed: sender 'HM Revenue & Customs', addressee 'Ann Smith, Council Tax' \(were 'Sender 1', 'Team 1'\)"

# An empty addressee is refused, and nothing changes.
keys I
wait_for "Enter: save, Tab: other field"
keys C-u Enter
expect_screen "an empty addressee is refused" "Error: addressee is required"
keys Escape
expect_screen "Esc leaves the form unchanged" "Not indexed: $I1 unchanged"

# Mark for rescan, from the review.
keys R
expect_screen "R asks why" "Why scan $I1 again"
typetext "page cut off at the bottom"
keys Enter
expect_screen "the item is back in its batch" "$I1 marked for rescan: back in batch $B"
expect_body "and no longer among the scanned items" "\[4 Scanned items: 3\]"
run pr item show "$I1"
expect_out "item show: batched again" "^Status +batched$"
expect_out "its history says why" "scanned -> batched .*marked for rescan: page cut off at the bottom"
run pr batch list --format csv
expect_out "its batch is closed again" "^$B,REV,closed,"

keys F1
expect_screen "help lists the Scan screen's keys" "Keys of the Scan screen"
expect_screen "with their labels" "Next list or field"
ui_quit

# 132x43: the wide list shows the batch column.
UI_TERM=screen UI_W=132 UI_H=43
ui_start POSTROOM_SCREEN=scan
keys 4
expect_body "at 132x43 the items show their batch" "^>$J2 +$B2 +1 +0 +\\? +Sender 2"
keys Enter
expect_body "and the review opens" "Page review: $J2 - page 1 of 1"
ui_quit
check_asan "no sanitizer report"
