#!/bin/sh
# F7 Reports, the supervisor's dashboard, for a fixed clock (Friday
# 2026-11-20 15:00), at 80x24 and 132x43: today's scanned percentage against
# the target, the week and the month (sums of daily counts), the worst
# departments, the backlog by age; Left/Right move the day, Enter opens a
# department, T sets a target (supervisors only), and items another process
# logs show without a key press. Every expected figure is computed here
# from the items the test creates.
. tests/lib.sh
. tests/ui/lib/tmux.sh
plan 65

NOW=2026-11-20T15:00:00
export POSTROOM_NOW=$NOW
TODAY=2026-11-20 YESTERDAY=2026-11-19 WEEK=2026-11-16 MONTH=2026-11

check "init" pr init
check "dept ASC" pr dept add ASC --name "Adult Social Care" --email asc@council.example
check "dept HOU" pr dept add HOU --name "Housing" --email hou@council.example
check "dept PLN" pr dept add PLN --name "Planning" --email pln@council.example

# The items: COUNT DAY TIME DEPT KIND, KIND s = scanned the same day, o =
# open (not yet scanned), x = an exception (private and confidential).
cat >"$TESTDIR/spec" <<'EOF'
4 2026-10-30 10:00 ASC s
4 2026-11-02 10:00 HOU s
1 2026-11-02 10:00 HOU o
5 2026-11-16 10:00 ASC s
8 2026-11-19 10:00 ASC s
1 2026-11-19 10:00 HOU s
1 2026-11-19 10:00 HOU o
9 2026-11-20 09:00 ASC s
1 2026-11-20 12:30 ASC o
6 2026-11-20 09:30 HOU s
2 2026-11-20 10:00 PLN s
1 2026-11-20 09:00 PLN o
1 2026-11-20 13:00 PLN x
EOF
: >"$TESTDIR/scan.refs"
added=0
while read -r count day time dept kind; do
	i=0
	while [ "$i" -lt "$count" ]; do
		flag=
		[ "$kind" = x ] && flag="--flag private"
		# shellcheck disable=SC2086
		ref=$(pr item add --dept "$dept" --sender "Sender $i" --addressee "Team" \
			--received "${day}T$time:00" $flag 2>/dev/null | head -n 1) || break
		[ "$kind" = s ] && echo "$ref" >>"$TESTDIR/scan.refs"
		added=$((added + 1))
		i=$((i + 1))
	done
done <"$TESTDIR/spec"
want=$(awk '{ n += $1 } END { print n }' "$TESTDIR/spec")
expect_eq "the CLI logged every item" "$added" "$want"

# There is no scan command yet: mark items scanned in SQL the way ingest
# will (the rollup triggers on items keep the daily counts).
refs=$(sed "s/.*/'&'/" "$TESTDIR/scan.refs" | paste -sd, -)
check "mark items scanned" sqlite3 "$DB" "UPDATE items SET status = 'scanned', \
scanned_at = received_at + 600, scanned_day = received_day WHERE ref IN ($refs)"

# ---- expected figures, from the spec ----
# figs FROM TO [DEPT]: "received scanned" over the days FROM..TO.
figs() {
	awk -v f="$1" -v t="$2" -v d="${3:-}" '$2 >= f && $2 <= t && (d == "" || $4 == d) {
		r += $1; if ($5 == "s") s += $1 } END { printf "%d %d\n", r, s }' "$TESTDIR/spec"
}
pct() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.1f%%\n", 100 * s / r }'; }
# The department with the lowest scanned share on DAY, and its figures.
worst() {
	awk -v day="$1" '$2 == day { r[$4] += $1; if ($5 == "s") s[$4] += $1 }
		END { for (d in r) printf "%.6f %s %d %d\n", s[d] / r[d], d, r[d], s[d] }' \
		"$TESTDIR/spec" | sort -n | head -n 1 | cut -d' ' -f2-
}
# The backlog by age at 15:00 today: < 4 hours, same day, 1 day, 2+ days, total.
backlog() {
	awk -v today="$TODAY" -v yday="$YESTERDAY" '$5 != "s" {
		if ($2 == today && $3 > "11:00") a += $1; else if ($2 == today) b += $1
		else if ($2 == yday) c += $1; else e += $1 }
		END { printf "%d %d %d %d %d\n", a, b, c, e, a + b + c + e }' "$TESTDIR/spec"
}

set -- $(figs "$TODAY" "$TODAY")
t_recv=$1 t_scan=$2 t_pct=$(pct "$1" "$2")
set -- $(figs "$YESTERDAY" "$YESTERDAY")
y_recv=$1 y_scan=$2 y_pct=$(pct "$1" "$2")
set -- $(figs "$WEEK" 2026-11-22)
w_recv=$1 w_scan=$2 w_pct=$(pct "$1" "$2")
set -- $(figs "$MONTH-01" "$MONTH-30")
m_recv=$1 m_scan=$2 m_pct=$(pct "$1" "$2")
set -- $(worst "$TODAY")
wt_code=$1 wt_recv=$2 wt_scan=$3 wt_pct=$(pct "$2" "$3")
set -- $(worst "$YESTERDAY")
wy_code=$1 wy_recv=$2 wy_scan=$3 wy_pct=$(pct "$2" "$3")
set -- $(backlog)
b_4h=$1 b_same=$2 b_1d=$3 b_2d=$4 b_total=$5
expect_eq "the figures the test expects (today)" "$t_recv $t_scan $t_pct" "20 17 85.0%"

# The figures every layout shows: today's, the week's, the month's, the
# worst department first and the backlog.
check_figures() { # check_figures SIZE
	expect_screen "$1: today's figures beside the big digits" \
		"Fri $TODAY: $t_scan of $t_recv scanned = $t_pct"
	expect_screen "$1: the target and a word for it" "Target 95%: BELOW target"
	expect_re "$1: this week, summed" "Week 11-16 +$w_recv +$w_scan .*$w_pct +95% below"
	expect_re "$1: this month, summed" "Nov 2026 +$m_recv +$m_scan .*$m_pct +95% below"
	expect_re "$1: the worst department first" "> $wt_code .* $wt_recv +$wt_scan +$wt_pct below"
	expect_re "$1: backlog under 4 hours" "< 4 hours +$b_4h( |$)"
	expect_re "$1: backlog same day" "same day +$b_same( |$)"
	expect_re "$1: backlog 1 day" "1 day +$b_1d( |$)"
	expect_re "$1: backlog 2+ days" "2\+ days +$b_2d( |$)"
	expect_re "$1: backlog total" "Total +$b_total "
	expect_screen "$1: the chart with its numbers" "last $t_pct"
	expect_screen "$1: the chart's target line in the legend" "target 95%"
}

# ---- 80x24 ----
ui_start
wait_for ">Department"
keys F7
expect_screen "F7 opens the dashboard" "All departments, Fri $TODAY (today)"
check_figures 80x24
# Nothing told by colour alone: the chart's empty days are labelled.
expect_screen "80x24: empty days are labelled" "nothing"

keys Left
expect_screen "Left: the day before" "All departments, Thu $YESTERDAY (yesterday)"
expect_screen "Left: that day's figures" "Thu $YESTERDAY: $y_scan of $y_recv scanned = $y_pct"
expect_re "Left: that day's worst department" "> $wy_code .* $wy_recv +$wy_scan +$wy_pct below"
expect_re "Left: the same week" "Week 11-16 +$w_recv +$w_scan"
keys Right
expect_screen "Right: back to the day after" "Fri $TODAY: $t_scan of $t_recv scanned = $t_pct"
keys Left Left Left
expect_screen "three days back" "(3 days ago)"
keys t
expect_screen "t: back on today" "All departments, Fri $TODAY (today)"
keys Left
wait_for "(yesterday)"
keys Home
expect_screen "Home: back on today" "All departments, Fri $TODAY (today)"

set -- $(figs "$TODAY" "$TODAY" "$wt_code")
keys Enter
expect_screen "Enter opens the worst department" "$wt_code Planning, Fri $TODAY (today)"
expect_screen "its own figures" "Fri $TODAY: $2 of $1 scanned = $(pct "$1" "$2")"
expect_re "its day's exceptions" "Exceptions +1( |$)"
expect_screen "its chart" "30 days to Fri $TODAY - $wt_code"
keys Escape
expect_screen "Esc: back to all departments" "All departments, Fri $TODAY (today)"
keys Down Enter
expect_screen "Down, Enter: the second worst" "ASC Adult Social Care, Fri $TODAY"
keys Escape
wait_for "All departments"

# Setting a target: refused while the user is only an operator, allowed
# once the user is a supervisor.
check "this user is only an operator" sqlite3 "$DB" \
	"UPDATE operators SET role = 'operator' WHERE login = '$(id -un)'"
keys T
expect_screen "T opens the target form" "Set the scanned target"
keys C-u
typetext "97"
keys Enter
expect_screen "the core's refusal is shown" "may not set the scanned target"
check "this user becomes a supervisor" sqlite3 "$DB" \
	"UPDATE operators SET role = 'supervisor' WHERE login = '$(id -un)'"
keys Enter
expect_screen "the target is set" "Scanned target set to 97% from $TODAY"
expect_screen "the dashboard shows the new target" "Target 97%: BELOW target"
expect_screen "the header follows" "Scanned 85.0% / 97% (below)"
check "the target is stored" pr report daily --from "$TODAY" --to "$TODAY" --format csv
expect_out "report daily has it" "^$TODAY,$t_recv,$t_scan,.*,97(\.0)?,"

# Another process logs items: the dashboard follows without a key press.
check "another operator logs an item" pr item add --dept ASC --sender "Inland Revenue" \
	--addressee "Payments" --received "${TODAY}T14:30:00"
expect_screen "the dashboard updates by itself" \
	"Fri $TODAY: $t_scan of $((t_recv + 1)) scanned = $(pct $((t_recv + 1)) "$t_scan")"
expect_re "the backlog follows" "< 4 hours +$((b_4h + 1))( |$)"
ui_quit
expect_screen "80x24: quits with status 0" "[postroom exited 0]"

# ---- 132x43, opened straight on the dashboard (POSTROOM_SCREEN) ----
t_recv=$((t_recv + 1)) t_pct=$(pct "$t_recv" "$t_scan") w_recv=$((w_recv + 1)) \
	m_recv=$((m_recv + 1)) b_4h=$((b_4h + 1)) b_total=$((b_total + 1))
w_pct=$(pct "$w_recv" "$w_scan") m_pct=$(pct "$m_recv" "$m_scan")
UI_W=132 UI_H=43 ui_start POSTROOM_SCREEN=reports POSTROOM_TIMING="$TESTDIR/timing"
expect_screen "132x43: opens on the dashboard" "All departments, Fri $TODAY (today)"
check_figures_97() {
	expect_screen "$1: today's figures" "Fri $TODAY: $t_scan of $t_recv scanned = $t_pct"
	expect_screen "$1: the new target" "Target 97%: BELOW target"
	expect_re "$1: this week with exceptions and pending" \
		"Week 11-16 +$w_recv +$w_scan +[0-9]+ +[0-9]+ +$w_pct +97% below"
	expect_re "$1: this month" "Nov 2026 +$m_recv +$m_scan +[0-9]+ +[0-9]+ +$m_pct +97% below"
	expect_re "$1: the worst department with its name" "> $wt_code +Planning +$wt_recv +$wt_scan +$wt_pct below"
	expect_re "$1: backlog under 4 hours" "< 4 hours +$b_4h( |$)"
	expect_re "$1: backlog total and its split" "Total +$b_total +\([0-9]+ to scan, 1 exceptions\)"
	expect_screen "$1: the legend below the chart" "last day $t_pct"
}
check_figures_97 132x43
# Under each bar its value; "-" for days with nothing received (the spec
# has 10-30 at 100, 11-02 at 80, 11-16 at 100, 11-19 at 90, today at 81).
expect_re "132x43: a value under each bar" "^ +(- +)+100 +(- +)+80 +(- +)+100 +(- +)+90 +81$"
expect_screen "132x43: wide table headings" "Received  Scanned Exceptions"
ui_quit
expect_screen "132x43: quits with status 0" "[postroom exited 0]"
grep -Eq '^first_draw_ms [0-9]+$' "$TESTDIR/timing" && _report 1 "POSTROOM_TIMING: first_draw_ms" \
	|| { OUT=$(cat "$TESTDIR/timing" 2>&1); _report 0 "POSTROOM_TIMING: first_draw_ms"; }
grep -Eq '^peak_rss_kb [0-9]+$' "$TESTDIR/timing" && _report 1 "POSTROOM_TIMING: peak_rss_kb" \
	|| { OUT=$(cat "$TESTDIR/timing" 2>&1); _report 0 "POSTROOM_TIMING: peak_rss_kb"; }
ui_start POSTROOM_SCREEN=nowhere
expect_screen "POSTROOM_SCREEN naming no screen is refused" 'no screen "nowhere"'
expect_screen "with exit status 2" "[postroom exited 2]"
check_asan "no sanitizer report"
