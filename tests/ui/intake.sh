#!/bin/sh
# The Intake form driven by keys only: an item logged through the console
# is found by the command line with the same reference; errors keep what
# was typed; a barcode scanner's fast typing + Enter works; F10 quits
# cleanly under the sanitizers.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 27

check "init" pr init
check "dept add ASC" pr dept add ASC --name "Adult Social Care" --email asc@council.example
check "dept add CSC" pr dept add CSC --name "Children's Services" --email csc@council.example

ui_start
expect_screen "the console opens on Intake" ">Department"
expect_screen "the header shows the date and time" "2026-11-20 09:30"
expect_screen "the header says nothing is received yet" "Scanned --% (none received)"
expect_screen "the key bar shows Quit" "Quit"

# Part of the department's name: the match shows, Tab accepts it.
typetext "adult"
expect_screen "typing part of a name shows the matching department" "> ASC    Adult Social Care"
keys Tab
expect_screen "Tab accepts the match" "-> ASC Adult Social Care"
# UTF-8 editing in the middle of a field: "Zoëx Brontë", back 7, delete x.
typetext "Zoëx Brontë"
keys Left Left Left Left Left Left Left BSpace
expect_screen "a character is deleted after a multibyte one" "Sender     Zoë Brontë"
keys Tab
typetext "Council Tax Team"
keys Enter
expect_screen "Enter logs the item and shows its reference" "Logged I261120-"
ref=$(screen | sed -n 's/.*Logged \(I261120-[0-9]*[A-Z]\) for ASC.*/\1/p' | head -n 1)
expect_screen "the form is ready for the next item" ">Department"
expect_screen "the new item is listed, newest first" "$ref ASC       Zoë Brontë"

run pr item list --format csv
expect_out "the command line lists the reference shown on the status line" "^$ref,"
expect_out "with the sender and addressee typed" "^$ref,.*,ASC,Zoë Brontë,Council Tax Team,letter,standard"

# An error keeps the form, names the fault and moves the focus there.
typetext "CSC"
keys Tab Tab
typetext "Payroll"
keys Enter
expect_screen "a missing sender is reported on the status line" "Error: sender is required"
expect_screen "the focus goes to the field at fault" ">Sender"
expect_screen "what was typed is kept" "Payroll"
typetext "HM Courts"

# Kind by its first letter, service by Space, then a scanner's burst.
keys Tab Tab p Tab Space Tab
typetext "AB123456789GB"
keys Enter
expect_screen "a tracking number typed fast and Enter logs a recorded parcel" "Logged I261120-"
run pr item list --format csv
expect_out "the scanned tracking number is stored" "CSC,HM Courts,Payroll,parcel,recorded,AB123456789GB"

# Bounded text: 130 characters typed, 120 kept.
keys Tab
typetext "$(printf '%0130d' 0)"
expect_screen "a text field refuses more than 120 characters" "Error: Sender is limited to 120 characters"

# The list: Esc leaves the form, Enter shows the item and its history.
keys Escape
expect_screen "Esc leaves the form for the list" "Enter: show, n: form"
keys Home Enter
expect_screen "Enter shows the item with its history" "History"
expect_screen "the item's details show" "AB123456789GB"
keys Escape
gone "History"
keys n
expect_screen "n goes back to the form" ">Department"

ui_quit
expect_screen "F10 quits with status 0" "[postroom exited 0]"
check_asan "no sanitizer report"
