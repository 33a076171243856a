#!/bin/sh
# F4 Scan counts what ingest did: files ingested today and in all, files
# quarantined and scan problems waiting, beside the items waiting for their
# scan, and says plainly what it does not do yet.
. tests/lib.sh
. tests/ui/lib/tmux.sh
. tests/scan.sh
plan 12

check "init" pr init
mkdir -p "$TESTDIR/in"
make_batch REV 2 >"$TESTDIR/batch"
B=$(sed -n 1p "$TESTDIR/batch")
batch_sheets "$B" "$TESTDIR/sheets.pdf"
check "a scan file of the batch" make_scan "$TESTDIR/in/scan1.tif" --dpi 200 batch:1:"$TESTDIR/sheets.pdf"
run pr ingest "$TESTDIR/in/scan1.tif"
expect_eq "it is ingested" "$RC" 0
printf 'not a tiff\n' >"$TESTDIR/in/broken.tif"
run pr ingest "$TESTDIR/in/broken.tif"
expect_eq "a broken file is quarantined" "$RC" 1
make_batch REV 1 >"$TESTDIR/batch2"
B2=$(sed -n 1p "$TESTDIR/batch2")
batch_sheets "$B2" "$TESTDIR/sheets2.pdf"
# The header only: the batch's one item gets no pages, a problem.
check "a scan of a header alone" make_scan "$TESTDIR/in/scan2.tif" --dpi 200 sheet:1:"$TESTDIR/sheets2.pdf"
run pr ingest "$TESTDIR/in/scan2.tif"
expect_eq "it raises a problem" "$RC" 1

ui_start
keys F4
expect_body "Scan counts the files ingested today" "^ +2  scan files ingested today"
expect_body "and the file quarantined" "^ +1  scan files quarantined"
expect_body "and the problem waiting" "^ +1  scan problems waiting for a person"
expect_body "the items scanned today" "^ +2  scanned, received today"
expect_body "and says what it does not do yet" "page review and fixing scan problems are not in"
ui_quit
check_asan "no sanitizer report"
