#!/bin/sh
# A terminal smaller than 80x24 shows a clear message instead of a broken
# screen, and the console comes back when the terminal is enlarged; larger
# terminals use the extra room.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 14

check "init" pr init
check "dept add" pr dept add ASC --name "Adult Social Care" --email asc@council.example
check "item add" pr item add --dept ASC --sender "Zoë Brontë" --addressee "Care Team" --tracking AB123456789GB --service recorded
ui_start
expect_screen "the console opens at 80x24" ">Department"

tmux -L "$SOCK" resize-window -t "$SESSION" -x 60 -y 20
expect_screen "60x20 shows the too-small message" \
	"Terminal too small: 60x20, postroom needs at least 80x24"
gone ">Department" 3 && _report 1 "the broken screen is not drawn" || _report 0 "the broken screen is not drawn"

tmux -L "$SOCK" resize-window -t "$SESSION" -x 80 -y 24
expect_screen "back at 80x24 the form shows again" ">Department"
expect_screen "and the key bar" "F10Quit"
gone "Terminal too small" 3 && _report 1 "the message is gone" || _report 0 "the message is gone"

tmux -L "$SOCK" resize-window -t "$SESSION" -x 130 -y 40
expect_screen "a wide terminal shows the kind column" "Kind          Tracking"
expect_screen "and the tracking number" "AB123456789GB"
expect_screen "and the letter keys on the key bar" "F10 Quit (q)"

ui_quit
expect_screen "quits with status 0" "[postroom exited 0]"
check_asan "no sanitizer report"
