#!/bin/sh
# The help screen lists every action of the current screen and every global
# one, the key bar every function key: the expected lists are read from the
# action table itself (src/ui/actions.h), so an action missing from help
# fails here. F1 and the letter keys h and ? all open help.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 21

table=src/ui/actions.h
# "ID SCOPE LABEL" for every action, one a line.
actions=$(sed -n 's/^A(\([A-Z_]*\), \(SCR_[A-Z]*\), .*, "\([^"]*\)", "[^"]*")[ \\]*$/\1 \2 \3/p' "$table")
n=$(printf '%s\n' "$actions" | grep -c .)
[ "$n" -ge 10 ] && _report 1 "the action table has $n actions" || _report 0 "the action table reads (got $n)"

check "init" pr init
ui_start
wait_for ">Department"

# All help pages of the screen shown now, concatenated: page down until
# the header's "lines A-B of N" stops changing (each page waited for, so a
# slow machine cannot skip one).
help_lines() { screen | sed -n 's/.*(lines \([0-9]*-[0-9]* of [0-9]*\)).*/\1/p' | head -n 1; }
help_pages() {
	keys Home
	_all="" _page=0 _was=""
	wait_for "Help - Esc or F1: back" 3
	_i=0
	while [ "$_i" -lt 30 ] && [ "$(help_lines)" = "" ]; do sleep 0.1; _i=$((_i + 1)); done
	while [ "$_page" -lt 10 ]; do
		_now=$(help_lines)
		_all="$_all
$(screen)"
		case $_now in *-*" of "*) ;; *) break ;; esac
		_end=${_now#*-}
		[ "${_end%% of *}" = "${_now##* of }" ] && break
		keys PageDown
		_i=0
		while [ "$_i" -lt 30 ] && [ "$(help_lines)" = "$_now" ]; do sleep 0.1; _i=$((_i + 1)); done
		_page=$((_page + 1))
	done
	printf '%s\n' "$_all"
}

check_help() { # check_help SCOPE NAME: every global and SCOPE action is listed
	pages=$(help_pages)
	missing=""
	for scope in SCR_ANY "$1"; do
		labels=$(printf '%s\n' "$actions" | awk -v s="$scope" '$2 == s { $1 = ""; $2 = ""; sub(/^  /, ""); print }')
		[ -n "$labels" ] || continue
		printf '%s\n' "$labels" | {
			while IFS= read -r label; do
				printf '%s\n' "$pages" | grep -Fq -- " $label " || echo "$label"
			done
		} >"$TESTDIR/missing"
		missing="$missing$(cat "$TESTDIR/missing")"
	done
	if [ -z "$missing" ]; then
		_report 1 "help on $2 lists all its actions and the global ones"
	else
		RC=- OUT="missing: $missing" ERR=
		_report 0 "help on $2 lists all its actions and the global ones"
	fi
}

keys F1
expect_screen "F1 opens help" "Keys of the Intake screen"
check_help SCR_INTAKE Intake
keys Escape
expect_screen "Esc leaves help for the screen it came from" ">Department"

# Letters act outside text fields: leave the form first.
keys Escape
wait_for "Enter: show, n: form"
keys h
expect_screen "the letter h opens help" "Keys of the Intake screen"
keys F1
expect_screen "F1 again goes back" "Today's items"

for pair in "F3 SCR_BATCHES Batches" "F4 SCR_SCAN Scan" "F5 SCR_ROUTING Routing" \
	"F6 SCR_OUTBOUND Outbound" "F7 SCR_REPORTS Reports" "F8 SCR_ADMIN Admin"; do
	set -- $pair
	keys "$1"
	sleep 0.05
	keys '?'
	expect_screen "? opens help on $3" "Keys of the $3 screen"
	check_help "$2" "$3"
	keys Escape
done

# The key bar: every action whose first key is a function key.
bar=$(screen | tail -n 1)
fkeys=$(sed -n 's/^A([A-Z_]*, SCR_ANY, [A-Z_]*, UI_FN(KEY_F(\([0-9]*\))), .*, "\([^"]*\)", "[^"]*")[ \\]*$/F\1\2/p' "$table")
missing=""
for k in $fkeys; do
	printf '%s\n' "$bar" | grep -Fq -- "$k" || missing="$missing $k"
done
expect_eq "the key bar shows every function key of the table" "$missing" ""

ui_quit
check_asan "no sanitizer report"
