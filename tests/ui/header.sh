#!/bin/sh
# The header line after `demo` on a working day (Friday 2026-11-20) at 06:38
# and at 14:00: today's figures, not "none received", and the order in
# which its parts are shortened (src/ui/header.h) at 80 and 132 columns with
# the example configuration's site name. Line 1 of the screen is compared
# whole with the first form of the rule that fits.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 27

CONF=$PWD/config/postroom.conf
SITE=$(sed -n 's/^site_name = "\(.*\)"$/\1/p' "$CONF")
LOGIN=$(id -un)
TODAY=2026-11-20
expect_eq "the example configuration names the site" "$SITE" "County Council Post Room"

cols_of() { printf '%s' "$1" | wc -m | tr -d ' '; }

# expected_header COLS CLOCK PCT WORD: the rule of header.h written out,
# form by form; the first whose line fits in COLS columns, as capture-pane
# shows it (the line's last space trimmed).
expected_header() {
	_full="Scanned $3% / target 95% ($4)" _short="Scanned $3% / 95% ($4)"
	for _form in "│ $LOGIN │ Fri $TODAY $2 │|$_full" "│ $LOGIN │ $TODAY $2 │|$_full" \
		"  $LOGIN  $TODAY $2  |$_full" "  $LOGIN  $TODAY $2  |$_short" \
		"  $LOGIN  $TODAY  |$_short" " $LOGIN $TODAY |$_short"; do
		_mid=${_form%%|*} _figs=${_form#*|}
		case $_mid in "│"*) _mid=" $_mid " ;; esac
		_pad=$(( $1 - 1 - $(cols_of "$SITE") - $(cols_of "$_mid") - $(cols_of "$_figs") - 1 ))
		[ "$_pad" -ge 0 ] && break
	done
	printf ' %s%*s%s%s\n' "$SITE" "$_pad" "" "$_mid" "$_figs"
}

header_line() { screen | head -n 1; }

# check_header SIZE CLOCK PCT WORD: line 1 is the rule's line, with the
# site's name whole, the operator, the date and the figure with its word.
check_header() {
	_w=${1%x*}
	wait_for "Scanned $3%" >/dev/null
	_got=$(header_line) _want=$(expected_header "$_w" "$2" "$3" "$4")
	expect_eq "$1 at $2: the header line is the rule's" "$_got" "$_want"
	case $_got in
	" $SITE "*" $LOGIN "*" $TODAY"*"Scanned $3% "*"$4"*) _report 1 "$1 at $2: site, operator, date, figure and word" ;;
	*) OUT=$_got; _report 0 "$1 at $2: site, operator, date, figure and word" ;;
	esac
	case $_got in
	*"none received"*) OUT=$_got; _report 0 "$1 at $2: today has post" ;;
	*) _report 1 "$1 at $2: today has post" ;;
	esac
}

# at TIME: a fresh demo database at TIME on the Friday, checked at both sizes.
at() {
	NOW=${TODAY}T$1:00
	export POSTROOM_NOW=$NOW
	DB="$TESTDIR/demo-$1.db"
	export POSTROOM_DB="$DB"
	check "$1: demo" pr --config "$CONF" demo --days 2 --seed 1
	check "$1: today's figures" pr --config "$CONF" report daily --from $TODAY --to $TODAY --format csv
	set -- "$1" $(printf '%s\n' "$OUT" | awk -F, -v d=$TODAY '$1 == d { print $2, $3, $7, $9 }')
	recv=$2 scan=$3 pct=$4 word=below
	[ "$5" = yes ] && word=met
	[ "${recv:-0}" -gt 0 ] && [ "${scan:-0}" -gt 0 ] && [ "$scan" -lt "$recv" ] \
		&& _report 1 "$1: post received today ($recv), a share scanned ($scan)" \
		|| { OUT="received [$recv] scanned [$scan]"; _report 0 "$1: post received and scanned today"; }

	ui_start POSTROOM_CONFIG="$CONF"
	check_header 80x24 "$1" "$pct" "$word"
	keys F7
	expect_screen "80x24 at $1: the dashboard shows today's figures" \
		"Fri $TODAY: $scan of $recv scanned = $pct%"
	ui_quit
	UI_W=132 UI_H=43 ui_start POSTROOM_CONFIG="$CONF"
	check_header 132x43 "$1" "$pct" "$word"
	case $(header_line) in
	*"│ Fri $TODAY $1 │ Scanned $pct% / target 95% ($word)") _report 1 "132x43 at $1: weekday, time and the full figure" ;;
	*) OUT=$(header_line); _report 0 "132x43 at $1: weekday, time and the full figure" ;;
	esac
	ui_quit
}

at 06:38
at 14:00

# A site name too long for 80 columns: every other step is taken, then the
# name is cut; the operator, the date and the figure with its word stay.
LONG="Ynys Môn County Council Document Handling Service, Llangefni"
printf 'site_name = "%s"\n' "$LONG" >"$TESTDIR/long.conf"
ui_start POSTROOM_CONFIG="$TESTDIR/long.conf"
wait_for "Scanned $pct%" >/dev/null
line=$(header_line)
case $line in
" Ynys Môn County"*"… $LOGIN $TODAY Scanned $pct% / 95% ($word)") _report 1 "80x24, a long site name: cut last" ;;
*) OUT=$line; _report 0 "80x24, a long site name: cut last" ;;
esac
expect_eq "80x24, a long site name: the line fills the width" "$(cols_of "$line ")" 80
ui_quit
expect_screen "quits with status 0" "[postroom exited 0]"
check_asan "no sanitizer report"
