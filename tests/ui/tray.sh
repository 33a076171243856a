#!/bin/sh
# Tray intake at the console: the form's "Tray of" field logs a tray of
# ordinary letters by count into the department's open batch, the same as
# `item add --count`; a count with item fields, or out of range, is refused
# and nothing is logged. In monochrome at 80x24.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 12

check "init" pr init
check "dept add ASC" pr dept add ASC --name "Adult Social Care" --email asc@council.example

NO_COLOR=1 ui_start
typetext "ASC"
keys Tab Tab Tab Tab Tab Tab Tab
expect_screen "the focus reaches the tray field" ">Tray of"
typetext "12"
keys Enter
expect_screen "Enter logs the tray" "Logged a tray of 12 for ASC in batch B261120-"
B=$(screen | sed -n 's/.*in batch \(B261120-[0-9]*[A-Z]\).*/\1/p' | head -n 1)
expect_body "the list shows today's items" "Today's items: 12"
run pr batch show "$B" --format csv
expect_eq "the command line finds the 12 letters in the batch" \
	"$(printf '%s\n' "$OUT" | tail -n +2 | grep -c ',batched,')" 12
run pr item list --format csv
expect_eq "unindexed: no sender or addressee yet" \
	"$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f5,6 | sort -u)" ","

# A count with a sender: refused, nothing logged.
typetext "ASC"
keys Tab
typetext "HMRC"
keys Tab Tab Tab Tab Tab Tab
typetext "3"
keys Enter
expect_screen "a tray with a sender is refused" "A tray by count is ordinary letters"
keys BSpace
typetext "0"
keys Enter
expect_screen "a count out of range is refused" "Tray of: a number of letters from 1 to 2000"
run pr item list --format csv
expect_eq "the refusals logged nothing" "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)" 12
ui_quit
expect_screen "quits with status 0" "[postroom exited 0]"
check_asan "no sanitizer report"
