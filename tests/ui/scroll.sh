#!/bin/sh
# Today's list pages through the database: with thousands of items End and
# PgDn reach the oldest at once, from the list and from the form.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 13

check "demo fills a day" pr demo --days 1 --seed 1
run pr item list --from 2026-11-20 --to 2026-11-20 --format csv
total=$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)
oldest=$(printf '%s\n' "$OUT" | sed -n '2s/,.*//p')
newest=$(printf '%s\n' "$OUT" | tail -n 1 | sed 's/,.*//')
[ "$total" -ge 1000 ] && _report 1 "the demo day has $total items" || _report 0 "the demo day has many items (got $total)"

ui_start
expect_screen "the count of today's items shows" "Today's items: $total, newest first"
expect_screen "the newest is on top" "$newest"

# 12 rows show at 80x24; a page moves by 11, keeping one line in view.
keys PageDown
expect_screen "PgDn scrolls the list even from the form" "(11-21 of $total)"
expect_screen "the focus stays in the form" ">Department"

keys Escape
wait_for "Enter: show, n: form"
keys End
expect_screen "End shows the oldest" "$oldest"
expect_screen "and the last lines" "of $total)"
keys Home
expect_screen "Home goes back to the newest" "$newest"
i=0
while [ "$i" -lt 300 ]; do
	keys PageDown
	i=$((i + 1))
done
expect_screen "PgDn reaches the oldest too" "$oldest"
keys Enter
expect_screen "the oldest item opens with its history" "History"
keys Escape

ui_quit
expect_screen "quits with status 0" "[postroom exited 0]"
check_asan "no sanitizer report"
