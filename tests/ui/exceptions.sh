#!/bin/sh
# Exceptions at the desk from the console: on the Intake list an item is
# marked as an exception with a reason picked from the list (or typed) and
# handed over to a named person; the command line's item history shows
# both, with the name as the signature. The core's refusals show on the
# status line; Esc cancels a question and changes nothing.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 29

check "init" pr init
check "dept add ASC" pr dept add ASC --name "Adult Social Care" --email asc@council.example
I1=$(pr item add --dept ASC --sender "Mrs J Patel" --addressee "Care team")
I2=$(pr item add --dept ASC --sender "Smith & Co Solicitors" --addressee "Legal")
I3=$(pr item add --dept ASC --sender "HMRC" --addressee "Payroll")

ui_start
wait_for ">Department"
keys Escape
expect_screen "Esc leaves the form for the list" "Enter: show, n: form"
# Newest first: I3, I2, I1.
keys Home Down
expect_re "the second item is selected" "^>.*$I2"

keys e
expect_screen "e asks the reason" "Mark as an exception"
expect_screen "the reasons are offered" "Returned to sender"
expect_screen "and free text" "Other: type the reason"
keys Escape
expect_screen "Esc cancels the question" "Cancelled: nothing changed"
run pr item show "$I2"
expect_out "nothing changed after Esc" "^Status +received"

keys e
wait_for "Mark as an exception"
keys l
expect_screen "a first letter picks the reason: the result shows" "$I2 is an exception: Legal original"
expect_body "the list shows the new state" "$I2 .*exception"

keys H
expect_screen "H asks who takes it" "Hand $I2 over to"
typetext "Jo Bloggs"
keys Enter
expect_screen "the hand-over is confirmed with the name" "$I2 handed over to Jo Bloggs at 09:30"
expect_body "the list shows it handed over" "$I2 .*handed-over"

run pr item show "$I2"
expect_out "item show: the exception reason" "^Exception +Legal original"
expect_out "item show: handed to the name, with the time" "^Handed to +Jo Bloggs at 2026-11-20T09:30"
expect_out "history: received -> exception with the reason" "received -> exception.*Legal original"
expect_out "history: exception -> handed-over with the name" "exception -> handed-over.*Jo Bloggs"

# A typed reason: the last choice asks for the text.
keys Home
wait_re "^>.*$I3"
keys e
wait_for "Mark as an exception"
keys 7
expect_screen "Other asks for the reason as text" "Why is $I3 an exception?"
typetext "Soaked, contents unreadable"
keys Enter
expect_screen "the typed reason is recorded" "$I3 is an exception: Soaked, contents unreadable"
run pr item show "$I3"
expect_out "item show: the typed reason" "^Exception +Soaked, contents unreadable"

# Refusals come from the core and show as they are.
keys Down Down
wait_re "^>.*$I1"
keys H
wait_for "Hand $I1 over to"
typetext "Somebody"
keys Enter
expect_re "handing over an item that is no exception is refused" "Error: .*only exceptions are handed over"
run pr item show "$I1"
expect_out "the refused item is unchanged" "^Status +received"
keys Up
wait_re "^>.*$I2"
keys e
wait_for "Mark as an exception"
keys 4
expect_re "an item handed over cannot become an exception" "Error: .*only received or batched items"

# The popup shows the history, exception and hand-over included.
keys Enter
expect_screen "Enter shows the item's history" "History"
expect_re "the popup shows the hand-over in the history" "exception -> handed-over +signed for by Jo"
expect_screen "and the signature" "Handed to   Jo Bloggs"
keys Escape
gone "History"

ui_quit
expect_screen "F10 quits with status 0" "[postroom exited 0]"
check_asan "no sanitizer report"
