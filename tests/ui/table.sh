#!/bin/sh
# The table widget (src/ui/table.c) on the console's lists: column heads;
# the selection marked with '>' and drawn reversed, so it shows without
# colours too; paging through the database a screenful at a time with the
# position in the title; an empty-state line; numbers aligned right; and
# columns that only show on wide terminals. Hints follow the screen's mode.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 30

ESC=$(printf '\033')
# The screen line (with escapes) that starts with the marker.
marked_line() { screen -e | grep -E "^(${ESC}\[[0-9;]*m)*>" | head -n 1; }
# True when a body line matches REGEX now (no waiting: for absences).
body_has() { body | grep -Eq -- "$1"; }

# ---- empty lists ----
check "init" pr init
ui_start
expect_body "an empty list says so" "^ No items logged today yet\.$"
expect_screen "with its position" "Today's items: 0, newest first (none)"
keys F3
expect_body "the Batches list too" "^ No batches yet: n opens one for a department\.$"
expect_screen "the hints follow the mode (no batch yet)" "n: open a batch for a department, F1: all keys"
ui_quit

# ---- a day of post ----
check "demo fills a day" pr demo --days 1 --seed 1
run pr item list --from 2026-11-20 --to 2026-11-20 --format csv
# Newest first, as the console lists them.
refs=$(printf '%s\n' "$OUT" | tail -n +2 | sed 's/,.*//' | sed -n '1!G;h;$p')
total=$(printf '%s\n' "$refs" | grep -c .)
nth() { printf '%s\n' "$refs" | sed -n "${1}p"; }
[ "$total" -ge 100 ] && _report 1 "the demo day has $total items" || _report 0 "the demo day has many items (got $total)"

ui_start
wait_for ">Department"
expect_body "the column heads at 80 columns" "^ Time +Reference +Dept +Sender +Addressee +Status *$"
expect_screen "11 rows of them: the position" "(1-11 of $total)"
if body_has "^>[0-9]{2}:[0-9]{2} "; then
	RC=- OUT=$(screen) ERR=; _report 0 "no row is marked while the form has the focus"
else
	_report 1 "no row is marked while the form has the focus"
fi
keys Escape
wait_for "Enter: show, n: form"
expect_body "in the list the newest row is marked" "^>[0-9:]{5} $(nth 1) "
keys Down
expect_body "Down marks the next" "^>[0-9:]{5} $(nth 2) "
if body_has "^ [0-9:]{5} $(nth 1) "; then _report 1 "and unmarks the first"; else
	RC=- OUT=$(screen) ERR=; _report 0 "and unmarks the first"; fi
keys PageDown
expect_screen "PgDn pages past a screenful, keeping a line" "(11-21 of $total)"
expect_body "the selection moves a page" "^>[0-9:]{5} $(nth 12) "
expect_body "the new page's rows are read from the database" "^ [0-9:]{5} $(nth 21) "
keys End
expect_screen "End: the last page" "($((total - 10))-$total of $total)"
expect_body "the oldest is marked" "^>[0-9:]{5} $(nth "$total") "
keys Home
expect_body "Home: the newest again" "^>[0-9:]{5} $(nth 1) "

# Right-aligned numbers: the Batches list's Items column ends under its head.
keys F3
wait_for "Reference     Dept   Items"
head=$(body | grep -m1 "Reference     Dept   Items")
row=$(body | grep -m1 -E "^>B[0-9]{6}-")
end=$(printf '%s\n' "$head" | awk '{ print index($0, "Items") + 4 }')
last=$(printf '%s\n' "$row" | cut -c"$end")
after=$(printf '%s\n' "$row" | cut -c"$((end + 1))")
case "$last$after" in
[0-9]" ") _report 1 "the item counts are aligned right under their head" ;;
*) RC=- OUT="$head
$row" ERR=; _report 0 "the item counts are aligned right under their head" ;;
esac
expect_re "the batches page too" "Batches: [0-9]+ open, [0-9]+ recent \(1-6 of [0-9]+\)"
keys PageDown
expect_re "PgDn: the next page of batches" "Batches: [0-9]+ open, [0-9]+ recent \(6-11 of [0-9]+\)"
expect_screen "hints of the batches list" "Tab: items"
keys Tab
expect_screen "hints of the items list" "Esc: batches"
ui_quit

# Wide terminals get the kind and tracking columns.
UI_W=132 ui_start
wait_for ">Department"
expect_body "Kind and Tracking at 132 columns" "^ Time +Reference +Dept +Sender +Addressee +Kind +Tracking +Status *$"
ui_quit

# Without colours the selection is still marked and reversed (SGR 7).
for how in "NO_COLOR=1" "TERM=vt100"; do
	case $how in TERM=*) UI_TERM=${how#TERM=}; set -- ;; *) UI_TERM=screen; set -- "$how" ;; esac
	ui_start "$@"
	wait_for ">Department"
	keys Escape
	wait_for "Enter: show, n: form"
	keys Down
	expect_body "$how: the marker shows" "^>[0-9:]{5} $(nth 2) "
	line=$(marked_line)
	case $line in
	*"${ESC}[7m"*|*"${ESC}["*";7m"*|*"${ESC}[7;"*) _report 1 "$how: the marked row is reversed" ;;
	*) RC=- OUT=$(printf '%s' "$line" | od -c | head -8) ERR=; _report 0 "$how: the marked row is reversed" ;;
	esac
	ui_quit
done
UI_TERM=screen
check_asan "no sanitizer report"
