#!/bin/sh
# The Batches screen (F3) driven by keys: a batch opened for a department
# picked by typing part of its name; items added by typing references and
# Enter, as a handheld scanner does; one removed; one picked from the
# department's unbatched items; an item of another department refused;
# the batch closed and, answering yes, its sheets printed into the spool
# folder (no printer configured): header + one page an item. The command
# line sees the same batch. Intake puts new items into the open batch.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 56

CONF=$TESTDIR/postroom.conf
SPOOL=$TESTDIR/spool
printf 'spool = %s\n' "$SPOOL" >"$CONF"
export POSTROOM_CONFIG="$CONF"

check "init" pr init
check "dept add ASC" pr dept add ASC --name "Adult Social Care" --email asc@council.example
check "dept add HWY" pr dept add HWY --name "Highways" --email hwy@council.example
A1=$(pr item add --dept ASC --sender "Mrs J Patel" --addressee "Care team")
A2=$(pr item add --dept ASC --sender "Zoë Brontë" --addressee "Finance")
A3=$(pr item add --dept ASC --sender "HMRC" --addressee "Payroll")
A4=$(pr item add --dept ASC --sender "NHS Trust" --addressee "Hospital discharge")
H1=$(pr item add --dept HWY --sender "Openreach" --addressee "Streetworks")
expect_eq "five items logged" "$(pr item list --format csv | tail -n +2 | grep -c .)" 5

ui_start POSTROOM_CONFIG="$CONF"
wait_for ">Department"
keys F3
expect_screen "F3 shows the Batches screen" "Batches: 0 open, 0 recent"
expect_screen "with a hint when there are none" "No batches yet: n opens one"

# A batch for a department picked like on Intake.
keys n
expect_screen "n opens the new-batch form" "Open a batch"
typetext "adult"
expect_screen "part of a name shows the matching department" "> ASC    Adult Social Care"
keys Enter
expect_re "Enter opens the batch" "Opened B261120-[0-9]{4}[A-Z] for ASC Adult Social Care"
B=$(screen | sed -n 's/.*Opened \(B261120-[0-9]*[A-Z]\) for ASC.*/\1/p' | head -n 1)
expect_screen "the scan line is ready" "Scan or type into $B"

# Three references typed and Enter, as a scanner types them (one in lower case).
typetext "$A1"; keys Enter
expect_screen "the first is added, with the count" "Added $A1 to $B (1 item)"
typetext "$A2"; keys Enter
expect_screen "the second is added" "Added $A2 to $B (2 items)"
typetext "$(printf '%s' "$A3" | tr 'A-Z' 'a-z')"; keys Enter
expect_screen "a reference typed in lower case is added" "Added $A3 to $B (3 items)"
expect_re "the batch shows 3 items, open" "$B ASC +3 open"
expect_screen "the items are listed in tray order" "  3 $A3"
expect_screen "the scan line stays ready" "Scan or type into $B"

# Another department's item is refused with the core's reason.
typetext "$H1"; keys Enter
expect_screen "an item of another department is refused" "Error: item $H1 is for HWY but batch $B is for ASC"
# A mistyped reference: the check letter catches it.
typetext "$(printf '%s' "$A4" | sed 's/.$/Q/;s/QQ$/QZ/')"; keys Enter
expect_re "a mistyped reference is refused" "Error: .*check letter"
expect_re "nothing was added" "$B ASC +3 open"

# Remove one from the items list.
keys Escape
expect_screen "Esc stops scanning" "Scanning stopped"
keys Tab
expect_screen "Tab goes to the items" "Esc: batches"
keys Down
expect_re "the second item is selected" "^> +2 $A2"
keys -
expect_screen "- removes it" "Removed $A2 from $B (2 items)"
expect_re "the count follows" "$B ASC +2 open"

# Pick from the department's unbatched items: A2 (back) and A4.
keys u
expect_screen "u lists the department's unbatched items" "ASC items not in a batch"
expect_body "the removed item is there again, in the list" "$A2"
expect_body "and the one never batched" "$A4"
keys Down Enter
expect_screen "Enter adds the highlighted one" "Added $A4 to $B (3 items)"
keys Escape
expect_re "the picker closes: 3 items" "$B ASC +3 open"

# Close, answer yes to printing: no printer set, so the spool folder.
keys c
expect_screen "c closes the batch and offers the sheets" "Print the sheets of $B now (4 pages)?"
keys y
expect_re "the sheets are written to the spool folder" "Sheets for $B \(4 pages\) written to $SPOOL/"
expect_re "the batch is closed with its sheets printed" "$B ASC +3 closed .*printed"
pdf=$(ls "$SPOOL"/*.pdf 2>/dev/null | head -n 1)
expect_eq "one PDF in the spool folder" "$(ls "$SPOOL"/*.pdf 2>/dev/null | wc -l | tr -d ' ')" 1
if command -v pdfinfo >/dev/null 2>&1; then
	expect_eq "the PDF has a header page and one page an item" \
		"$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" 4
else
	skip "the PDF has a header page and one page an item" "pdfinfo is not installed"
fi

# The command line sees the same.
run pr batch list --format csv
expect_out "batch list: closed with 3 items" "^$B,ASC,.*closed"
expect_out "batch list: the count" "^$B,.*(,3,|,3$)"
run pr item show "$A1"
expect_out "item show: in the batch" "^Batch +$B"
expect_out "item show: batched in the history" "received -> batched"
run pr item show "$A2"
expect_out "the removed item is waiting again" "^Status +received"
expect_out "its history says it was taken out" "batched -> received +taken out of batch $B"
run pr item show "$A4"
expect_out "the picked item is in the batch" "^Batch +$B"
run pr item show "$H1"
expect_out "the refused item is still waiting" "^Status +received"

# A closed batch takes no more items; its sheets print again with p.
keys +
expect_re "a closed batch takes no more" "Error: Batch $B is closed"
keys p
expect_re "p prints the sheets again" "Sheets for $B \(4 pages\) written to"
expect_eq "a second PDF in the spool folder" "$(ls "$SPOOL"/*.pdf 2>/dev/null | wc -l | tr -d ' ')" 2

# An empty batch cannot be closed; Esc in the form opens nothing.
keys n
wait_for "Open a batch"
keys Escape
expect_screen "Esc cancels the form" "No batch opened"
keys n
wait_for "Open a batch"
typetext "HWY"
keys Enter
expect_re "a batch for Highways" "Opened B261120-[0-9]{4}[A-Z] for HWY Highways"
HB=$(screen | sed -n 's/.*Opened \(B261120-[0-9]*[A-Z]\) for HWY.*/\1/p' | head -n 1)
keys Escape
wait_for "Scanning stopped"
keys c
expect_screen "closing an empty batch is refused" "Error: batch $HB is empty"

# Intake puts a new item straight into its department's open batch.
keys F2
wait_for ">Department"
typetext "HWY"
keys Tab
typetext "BT"
keys Tab
typetext "Potholes"
keys Enter
expect_re "Intake logs it into the open batch" "Logged I261120-[0-9]{4}[A-Z] for HWY, in batch $HB"
keys F3
expect_re "the Batches screen counts it" "$HB HWY +1 open"

# Help lists the screen's keys (help.sh checks them all).
keys F1
expect_screen "help on Batches" "Keys of the Batches screen"
expect_screen "help lists closing" "Close batch"
keys Escape

ui_quit
expect_screen "F10 quits with status 0" "[postroom exited 0]"

# A printer that does not exist: the reason shows, nothing is recorded.
printf 'spool = %s\nprinter = postroom-no-such-printer\n' "$SPOOL" >"$CONF"
ui_start POSTROOM_CONFIG="$CONF" POSTROOM_SCREEN=batches
wait_for "Batches:"
keys Down
expect_re "the closed batch is selected" "^>$B"
keys p
expect_re "an unknown printer or no scheduler is said" "Error: Sheets for $B not printed: .*(unknown|scheduler|not running)" 
ui_quit
check_asan "no sanitizer report"
