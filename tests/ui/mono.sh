#!/bin/sh
# Without colours (NO_COLOR set, or TERM=vt100) the console still works:
# header, key bar and the Intake form show, and no colour escape is drawn.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 43

check "init" pr init
check "dept add" pr dept add ASC --name "Adult Social Care" --email asc@council.example

# SGR colour parameters: 30-37, 38;..., 40-47, 48;..., 90-97, 100-107 (39
# and 49, "default colour", are what tmux writes when there is none).
colours() {
	screen -e | grep -Eq "$(printf '\033')\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m"
}

ui_start
wait_for ">Department"
colours && _report 1 "with colours, colour escapes are drawn (the check below means something)" \
	|| _report 0 "with colours, colour escapes are drawn"
ui_quit

for how in "NO_COLOR=1" "NO_COLOR=" "TERM=vt100"; do
	case $how in TERM=*) UI_TERM=${how#TERM=}; set -- ;; *) UI_TERM=screen; set -- "$how" ;; esac
	ui_start "$@"
	expect_screen "$how: the header shows" "Scanned --% (none received)"
	expect_screen "$how: the key bar shows" "F1Help F2Intake"
	expect_screen "$how: the Intake form shows" ">Department"
	typetext "adu"
	expect_screen "$how: department matches show" "> ASC    Adult Social Care"
	if colours; then
		RC=- OUT=$(screen -e | od -c | head -20) ERR=
		_report 0 "$how: no colour escapes"
	else
		_report 1 "$how: no colour escapes"
	fi
	# The dashboard by its letter key (vt100 has no F7): block-character
	# figures and chart, words for what colour would say.
	keys Escape
	wait_for "Enter: show, n: form"
	keys r
	expect_screen "$how: the dashboard's figures in words" "Target 95%: none received"
	expect_screen "$how: its big figures in block characters" "██████ ██████"
	expect_screen "$how: its chart's axis" "100┤"
	if colours; then
		RC=- OUT=$(screen -e | od -c | head -20) ERR=
		_report 0 "$how: no colour escapes on the dashboard"
	else
		_report 1 "$how: no colour escapes on the dashboard"
	fi
	# Batches by its letter key; the new-batch form's matching department
	# is marked with ">", not colour alone.
	keys b
	expect_screen "$how: the Batches screen" "Batches: 0 open"
	keys n
	typetext "adu"
	expect_screen "$how: the new-batch form marks the match" "> ASC    Adult Social Care"
	if colours; then
		RC=- OUT=$(screen -e | od -c | head -20) ERR=
		_report 0 "$how: no colour escapes on Batches"
	else
		_report 1 "$how: no colour escapes on Batches"
	fi
	keys Escape
	wait_for "No batch opened"
	ui_quit
	expect_screen "$how: quits with status 0" "[postroom exited 0]"
done
check_asan "no sanitizer report"
