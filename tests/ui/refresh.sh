#!/bin/sh
# Other operators' changes (other processes) show without a key press: the
# console watches the database (pr_db_changed) on its one-second tick and
# re-reads the header figures, today's list and the batches.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 18

check "init" pr init
check "dept add" pr dept add ASC --name "Adult Social Care" --email asc@council.example
ui_start
expect_screen "nothing received yet" "Scanned --% (none received)"
expect_screen "an empty list" "Today's items: 0"

check "another operator logs an item" pr item add --dept ASC --sender "Inland Revenue" --addressee "Payments Team"
ref=$(printf '%s\n' "$OUT" | head -n 1)
expect_screen "the list shows it without a key press" "Today's items: 1"
expect_screen "with its reference" "$ref ASC       Inland Revenue"
expect_screen "the header figures follow" "Scanned 0.0% / 95% (below)"

keys F3
expect_screen "Batches: none yet" "No batches yet"
check "another operator opens a batch" pr batch open --dept ASC
batch=$(printf '%s\n' "$OUT" | head -n 1)
check "and puts the item in it" pr batch add "$batch" "$ref"
expect_re "Batches shows the batch and its count without a key press" "$batch ASC +1 open"
expect_screen "and the item in it" "  1 $ref"
check "another operator logs an exception" pr item add --dept ASC --sender "Solicitors LLP" --addressee "Legal" --flag legal
keys F4
wait_for "Files today"
printf 'not a tiff\n' >"$TESTDIR/broken.tif"
run pr ingest "$TESTDIR/broken.tif"
expect_screen "Scan lists another operator's quarantined file without a key press" "3 Quarantined: 1"
keys F7
expect_screen "Reports shows today's figures" "Fri 2026-11-20: 0 of 2 scanned = 0.0%"

ui_quit
expect_screen "quits with status 0" "[postroom exited 0]"
check_asan "no sanitizer report"
