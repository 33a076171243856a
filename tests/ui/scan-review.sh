#!/bin/sh
# Page review at the Scan screen: a letter, a blank page and a separator
# sheet of a real 300 dpi scan file, drawn from the archived original in
# the terminal, told apart in the captured screen by what the preview box
# holds: braille in a UTF-8 locale (at 80x24 and 132x43), ASCII without
# UTF-8 (TERM=vt100, LC_ALL=C, NO_COLOR), half blocks on request. The
# preview's draw time is noted (POSTROOM_TIMING) and printed.
. tests/lib.sh
. tests/ui/lib/tmux.sh
. tests/scan.sh
plan 39

check "init" pr init
make_batch REV 3 >"$TESTDIR/batch"
B=$(sed -n 1p "$TESTDIR/batch") I2=$(sed -n 3p "$TESTDIR/batch")
S=$TESTDIR/sheets.pdf
batch_sheets "$B" "$S"
# 1 header, 2 I1's separator, 3 letter, 4 I2's separator, 5 letter,
# 6 blank, 7 letter, 8 I3's separator, 9 letter.
check "a 300 dpi scan file" make_scan "$TESTDIR/scan.tif" --dpi 300 sheet:1:"$S" sheet:2:"$S" \
	letter sheet:3:"$S" letter blank letter sheet:4:"$S" letter
run pr ingest "$TESTDIR/scan.tif"
expect_out "I2 has two pages and a blank one" "$I2 +2 +1 "

# The preview box's cells, a line a row ("│...│" in UTF-8, "|...|" without).
box() { screen | LC_ALL=C.UTF-8 sed -En 's/^[^│|]*[│|](.*)[│|] *$/\1/p'; }
# Counts in the box: all cells, cells with ink, full cells (⣿ or █).
count_cells() { box | tr -d '\n' | LC_ALL=C.UTF-8 wc -m | tr -d ' '; }
count_blank() { box | grep -o '⠀' | wc -l | tr -d ' '; }
count_full() { box | grep -o '⣿' | wc -l | tr -d ' '; }
count_ascii_ink() { box | tr -d ' \n' | wc -c | tr -d ' '; }
count_ascii_full() { box | grep -o '[#@]' | wc -l | tr -d ' '; }
between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

ui_start POSTROOM_SCREEN=scan POSTROOM_TIMING="$TESTDIR/timing"
wait_for "Files today"
keys 4 Down Enter
expect_body "the review of I2 opens on its first page" "Page review: $I2 - page 1 of 3"
expect_body "with its page count and blank pages" "Pages +2 in its PDF, 1 blank left out"
expect_body "and the resolution" "Resolution 300 dpi"
expect_body "and where its pages are in the file" "Scan file +scan\.tif, pages 5, 7, blank 6"
expect_body "the page shown is the item's" "Showing +file page 5, the item's "
cells=$(count_cells) ink=$((cells - $(count_blank))) full=$(count_full)
echo "# letter: $cells cells, $ink with ink, $full full"
between "$cells" 300 2000 && _report 1 "the preview is a box of cells ($cells)" ||
	_report 0 "the preview is a box of cells ($cells)"
letter_ink=$ink
between "$ink" 100 "$cells" && _report 1 "a letter: lines of ink ($ink cells)" ||
	_report 0 "a letter: lines of ink ($ink cells)"
[ "$full" -le 12 ] && _report 1 "a letter: hardly a full cell ($full)" ||
	_report 0 "a letter: hardly a full cell ($full)"
keys Right
expect_body "Right: the second page" "Page review: $I2 - page 2 of 3"
keys Right
expect_body "then the blank page" "Showing +file page 6, blank, left out of its PDF"
expect_body "said in words" "Ink +0\.0% of the page: blank"
ink=$(( $(count_cells) - $(count_blank) ))
expect_eq "a blank page: no ink in the box" "$ink" 0
keys f
expect_screen "f: every page of the file" "Every page of scan.tif (9 pages)"
keys , , , ,
expect_body "back to the file's page 2" "Page review: $I2 - file page 2 of 9"
expect_body "the separator is not the item's" "Showing +file page 2, not the item's"
cells=$(count_cells) ink=$((cells - $(count_blank))) full=$(count_full)
echo "# separator: $cells cells, $ink with ink, $full full"
[ "$full" -ge 15 ] && _report 1 "a separator: its barcode is a block of full cells ($full)" ||
	_report 0 "a separator: its barcode is a block of full cells ($full)"
[ "$ink" -lt "$letter_ink" ] && _report 1 "and less ink than a letter ($ink < $letter_ink)" ||
	_report 0 "and less ink than a letter ($ink < $letter_ink)"
keys v
expect_screen "v: half blocks" "Preview in half blocks"
halves=$(box | LC_ALL=C.UTF-8 grep -o '[▀▄█]' | wc -l | tr -d ' ')
[ "$halves" -ge 20 ] && _report 1 "the separator in half blocks ($halves)" ||
	_report 0 "the separator in half blocks ($halves)"
keys Escape
expect_body "Esc: back to the list" "\[4 Scanned items: 3\]"
ui_quit
ms=$(sed -n 's/^preview_ms //p' "$TESTDIR/timing" | sort -n | tail -n 1)
echo "# preview of a 300 dpi page (decode, reduce, draw; test build): at most ${ms:-?} ms"
expect_eq "each page drawn noted its time" "$(grep -c '^preview_ms [0-9]' "$TESTDIR/timing")" 7

# 132x43: a larger box, the same pages.
UI_W=132 UI_H=43
ui_start POSTROOM_SCREEN=scan
wait_for "Files today"
keys 4 Down Enter
expect_body "at 132x43 the review opens" "Page review: $I2 - page 1 of 3"
cells=$(count_cells) ink=$((cells - $(count_blank)))
[ "$cells" -ge 1500 ] && _report 1 "a larger box ($cells cells)" || _report 0 "a larger box ($cells cells)"
[ "$ink" -ge 300 ] && _report 1 "the letter's ink ($ink cells)" || _report 0 "the letter's ink ($ink cells)"
keys Right Right
expect_body "the blank page" "Ink +0\.0% of the page: blank"
expect_eq "no ink at 132x43" "$(( $(count_cells) - $(count_blank) ))" 0
ui_quit

# Without UTF-8 on a monochrome vt100: ASCII.
UI_W=80 UI_H=24 UI_TERM=vt100
ui_start LC_ALL=C NO_COLOR=1 POSTROOM_SCREEN=scan
wait_for "Files today"
keys 4 Down Enter
expect_body "ASCII: the review opens" "Page review: $I2 - page 1 of 3"
expect_re "the box is drawn in ASCII" "^.*\+-{20,}\+"
ink=$(count_ascii_ink) full=$(count_ascii_full)
echo "# ASCII letter: $ink cells with ink, $full darkest"
[ "$ink" -ge 100 ] && _report 1 "ASCII: a letter's ink ($ink)" || _report 0 "ASCII: a letter's ink ($ink)"
keys .
expect_body "ASCII: page 2" "page 2 of 3"
keys .
expect_body "ASCII: the blank page" "Ink +0\.0% of the page: blank"
expect_eq "ASCII: nothing in the box" "$(count_ascii_ink)" 0
keys f , , , ,
expect_body "ASCII: the separator" "Showing +file page 2, not the item's"
full=$(count_ascii_full)
[ "$full" -ge 15 ] && _report 1 "ASCII: its barcode in the darkest characters ($full)" ||
	_report 0 "ASCII: its barcode in the darkest characters ($full)"
keys v
expect_screen "v keeps ASCII without UTF-8" "Preview in ASCII: this terminal has no UTF-8"
ui_quit
check_asan "no sanitizer report"
