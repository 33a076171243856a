# report daily|weekly|monthly|dept across a month end (31 Oct / 1 Nov 2026)
# and a week end (Sun 1 / Mon 2 Nov), with a day with nothing (Sat 31 Oct),
# exceptions, items scanned on a later day and a change of target from
# 2 Nov. Every expected row is computed here, with awk, from the items
# table's rows (never from a report), and compared whole.
. tests/lib.sh
plan 109
export POSTROOM_NOW=2026-11-03T15:00:00
pr init >/dev/null
pr dept add REV --name "Revenues and Benefits" --email rev@county.example >/dev/null
pr dept add HWY --name Highways --email hwy@county.example >/dev/null
pr dept add PLN --name Planning --email pln@county.example >/dev/null
pr operator add "$(id -un)" --role supervisor >/dev/null

epoch() { date -d "$1" +%s; }
sql() { sqlite3 "$DB" "$1"; }
# add DEPT TIME [FLAG]: logs an item received at TIME, its reference in $REF.
add() {
	if [ $# -gt 2 ]; then
		REF=$(pr item add --dept "$1" --sender S --addressee A --received "$2" --flag "$3" 2>/dev/null)
	else
		REF=$(pr item add --dept "$1" --sender S --addressee A --received "$2")
	fi
}
# scan REF TIME: what ingest will do (no scan command yet); the triggers
# keep the daily counts.
scan() {
	sql "UPDATE items SET status = 'scanned', scanned_at = $(epoch "$2"),
	     scanned_day = '${2%% *}' WHERE ref = '$1'"
}
email() { sql "UPDATE items SET status = 'emailed', emailed_at = $(epoch "$2") WHERE ref = '$1'"; }

# Thu 29 Oct: REV 4 (2 scanned that day, 1 the next, 1 waiting); HWY 2 (one
# private, one scanned and emailed).
add REV 2026-10-29T08:10; scan "$REF" "2026-10-29 11:00"
add REV 2026-10-29T08:20; scan "$REF" "2026-10-29 16:00"
add REV 2026-10-29T08:30; scan "$REF" "2026-10-30 09:00"
add REV 2026-10-29T08:40
add HWY 2026-10-29T09:00 private
add HWY 2026-10-29T09:10; scan "$REF" "2026-10-29 10:00"; email "$REF" "2026-10-29 10:05"
# Fri 30 Oct: REV 3 scanned that day; HWY 1 waiting.
for t in 08:00 08:05 08:10; do add REV "2026-10-30T$t"; scan "$REF" "2026-10-30 12:00"; done
add HWY 2026-10-30T08:15
# Sat 31 Oct: nothing. Sun 1 Nov: HWY 1, scanned on Monday.
add HWY 2026-11-01T10:00; scan "$REF" "2026-11-02 09:30"
# Mon 2 Nov: REV 5 (4 scanned, 1 made an exception later), one voided;
# HWY 2 scanned.
for t in 08:00 08:01 08:02 08:03; do add REV "2026-11-02T$t"; scan "$REF" "2026-11-02 13:00"; done
add REV 2026-11-02T08:04
POSTROOM_NOW=2026-11-02T17:00 pr item exception "$REF" --reason "legal original" >/dev/null
add REV 2026-11-02T08:05; sql "UPDATE items SET status = 'void' WHERE ref = '$REF'"
add HWY 2026-11-02T09:00; scan "$REF" "2026-11-02 11:00"; email "$REF" "2026-11-02 11:10"
add HWY 2026-11-02T09:05; scan "$REF" "2026-11-02 11:00"
# Tue 3 Nov (today): REV 2 waiting; HWY 1 legal, handed over.
add REV 2026-11-03T08:00
add REV 2026-11-03T08:30
add HWY 2026-11-03T09:00 legal
pr item handover "$REF" --to "Legal services" >/dev/null

check "target set 90 from Monday 2 Nov" pr target set 90 --from 2026-11-02
expect_out "target confirmed" "^Scanned target 90.0% from 2026-11-02$"
CUT=2026-11-02 # before it 95, from it 90

# The items as the test logged them: day dept status scanned_day emailed.
sql "SELECT i.received_day, d.code, i.status, coalesce(i.scanned_day, '-'),
     i.emailed_at IS NOT NULL FROM items i JOIN departments d ON d.id = i.dept_id" |
	tr '|' ' ' >"$TESTDIR/items.txt"
[ "$(wc -l <"$TESTDIR/items.txt")" -eq 22 ] && _report 1 "22 items logged" || _report 0 "22 items logged"

# Every day from September to December with its week (Monday) and month.
d=2026-09-01
: >"$TESTDIR/days.txt"
while [ "$d" != 2027-01-01 ]; do
	u=$(date -d "$d" +%u)
	echo "$d $(date -d "$d - $((u - 1)) days" +%F) ${d%-??}-01" >>"$TESTDIR/days.txt"
	d=$(date -d "$d + 1 day" +%F)
done

# Shared awk: per-day counts from items.txt, and a csv row from counts.
AWK_LIB='
function tenths(s, r) { return int((2000 * s + r) / (2 * r)) }
function pct(s, r,   t) { if (!r) return ""; t = tenths(s, r); return sprintf("%d.%d", int(t / 10), t % 10) }
function target(day) { return day < cut ? 95 : 90 }
function met(s, r, tgt) { if (!r) return ""; return tenths(s, r) >= tgt * 10 ? "yes" : "no" }
function figures(k, s, r, sd, e, x, tgt,   p) {
	p = r - s - x; if (p < 0) p = 0
	return sprintf("%s,%d,%d,%d,%d,%d,%s,%.1f,%s,%s", k, r, s, e, x, p, pct(s, r), tgt,
		met(s, r, tgt), pct(sd, r))
}
function count(f,   d) {  # one line of items.txt, for department dept or all
	if (f[3] == "void" || (dept != "" && f[2] != dept)) return
	d = f[1]; R[d]++
	if (f[4] != "-") S[d]++
	if (f[4] == d) SD[d]++
	if (f[5] == 1) E[d]++
	if (f[3] == "exception" || f[3] == "handed-over" || f[3] == "returned") X[d]++
}'

# expected COL FROM TO [DEPT]: the rows of the report whose periods are keyed
# by column COL of days.txt (1 day, 2 week, 3 month), widened to whole
# periods: sums of the daily counts, judged by the target on the last day.
expected() {
	awk -v col="$1" -v from="$2" -v to="$3" -v dept="${4:-}" -v cut="$CUT" "$AWK_LIB"'
	FNR == NR { split($0, f, " "); count(f); next }
	{
		k = $col
		if (!(k in seen)) { seen[k] = 1; order[++n] = k }
		r[k] += R[$1]; s[k] += S[$1]; sd[k] += SD[$1]; e[k] += E[$1]; x[k] += X[$1]
		last[k] = $1
		if ($1 >= from && $1 <= to) want[k] = 1
	}
	END { for (i = 1; i <= n; i++) if (order[i] in want)
		print figures(order[i], s[order[i]], r[order[i]], sd[order[i]], e[order[i]],
			x[order[i]], target(last[order[i]])) }' "$TESTDIR/items.txt" "$TESTDIR/days.txt"
}

body() { printf '%s\n' "$OUT" | tail -n +2; }
HEADER="date,received,scanned,emailed,exceptions,pending,scanned_pct,target_pct,met,same_day_pct"

# --- daily --------------------------------------------------------------
check "report daily csv" pr report daily --from 2026-10-29 --to 2026-11-03 --format csv
expect_eq "daily header" "$(printf '%s\n' "$OUT" | head -1)" "$HEADER"
WANT=$(expected 1 2026-10-29 2026-11-03)
expect_eq "daily rows, every day, as computed from the items" "$(body)" "$WANT"
# Hand checks of the computation itself.
expect_eq "Thu 29 Oct: 6 in, 4 scanned (1 next day), 1 emailed, 1 exception" \
	"$(printf '%s\n' "$WANT" | grep '^2026-10-29')" "2026-10-29,6,4,1,1,1,66.7,95.0,no,50.0"
expect_eq "Sat 31 Oct: nothing" "$(printf '%s\n' "$WANT" | grep '^2026-10-31')" \
	"2026-10-31,0,0,0,0,0,,95.0,,"
expect_eq "Mon 2 Nov: the void item left out, target 90" \
	"$(printf '%s\n' "$WANT" | grep '^2026-11-02')" "2026-11-02,7,6,1,1,0,85.7,90.0,no,85.7"
check "report daily for REV" pr report daily --from 2026-10-29 --to 2026-11-03 --dept REV --format csv
expect_eq "REV daily rows" "$(body)" "$(expected 1 2026-10-29 2026-11-03 REV)"
check "report daily for hwy (any case)" pr report daily --from 2026-10-29 --to 2026-11-03 --dept hwy --format csv
expect_eq "HWY daily rows" "$(body)" "$(expected 1 2026-10-29 2026-11-03 HWY)"
check "report daily for PLN" pr report daily --from 2026-10-30 --to 2026-11-01 --dept PLN --format csv
expect_eq "PLN: empty days" "$(body)" "2026-10-30,0,0,0,0,0,,95.0,,
2026-10-31,0,0,0,0,0,,95.0,,
2026-11-01,0,0,0,0,0,,95.0,,"

# --- weekly -------------------------------------------------------------
check "report weekly csv" pr report weekly --from 2026-10-29 --to 2026-11-03 --format csv
expect_eq "weekly header" "$(printf '%s\n' "$OUT" | head -1)" "$HEADER"
WANT=$(expected 2 2026-10-29 2026-11-03)
expect_eq "weekly rows: whole weeks from Monday, sums of days" "$(body)" "$WANT"
expect_eq "two weeks, named by their Mondays" "$(printf '%s\n' "$WANT" | cut -d, -f1 | tr '\n' ' ')" \
	"2026-10-26 2026-11-02 "
# The week of 26 Oct: 11 in, 8 scanned = 72.7 %; the mean of its days'
# percentages (66.7, 75.0, 100.0) would be 80.6.
expect_eq "week of 26 Oct is a sum, not a mean" "$(printf '%s\n' "$WANT" | head -1)" \
	"2026-10-26,11,8,1,1,2,72.7,95.0,no,54.5"
check "report weekly for REV" pr report weekly --from 2026-11-01 --to 2026-11-02 --dept REV --format csv
expect_eq "REV weekly rows" "$(body)" "$(expected 2 2026-11-01 2026-11-02 REV)"
check "weekly from one day" pr report weekly --from 2026-11-04 --to 2026-11-04 --format csv
expect_eq "one day gives its whole week" "$(body)" "$(expected 2 2026-11-02 2026-11-08)"

# --- monthly ------------------------------------------------------------
check "report monthly csv" pr report monthly --from 2026-10-29 --to 2026-11-03 --format csv
expect_eq "monthly header" "$(printf '%s\n' "$OUT" | head -1)" "$HEADER"
WANT=$(expected 3 2026-10-29 2026-11-03)
expect_eq "monthly rows: whole months, sums of days" "$(body)" "$WANT"
expect_eq "October and November, by their first days" \
	"$(printf '%s\n' "$WANT" | cut -d, -f1,2,8 | tr '\n' ' ')" "2026-10-01,10,95.0 2026-11-01,11,90.0 "
check "report monthly for HWY" pr report monthly --from 2026-10-01 --to 2026-11-30 --dept HWY --format csv
expect_eq "HWY monthly rows" "$(body)" "$(expected 3 2026-10-01 2026-11-30 HWY)"

# --- json: the same values ------------------------------------------------
# json_rows KEYS...: each object of the json on stdin as a csv row of KEYS,
# null as "", booleans as yes/no, numbers as the csv writes them.
json_rows() {
	/usr/bin/python3 -c '
import json, sys
keys = sys.argv[1:]
def f(v, k):
    if v is None: return ""
    if isinstance(v, bool): return "yes" if v else "no"
    if isinstance(v, float): return "%.1f" % v
    return str(v)
for o in json.load(sys.stdin):
    assert list(o.keys()) == keys, (list(o.keys()), keys)
    print(",".join(f(o[k], k) for k in keys))' "$@"
}
KEYS=$(echo "$HEADER" | tr ',' ' ')
for r in daily weekly monthly; do
	col=1; [ $r = weekly ] && col=2; [ $r = monthly ] && col=3
	check "report $r json" pr report $r --from 2026-10-29 --to 2026-11-03 --format json
	# shellcheck disable=SC2086
	GOT=$(printf '%s\n' "$OUT" | json_rows $KEYS 2>&1)
	expect_eq "$r json: an array of objects with the computed values" "$GOT" \
		"$(expected $col 2026-10-29 2026-11-03)"
done
check "json types" pr report daily --from 2026-10-31 --to 2026-11-01 --format json
GOT=$(printf '%s\n' "$OUT" | /usr/bin/python3 -c '
import json, sys
a = json.load(sys.stdin)
e, s = a
print(len(a), e["scanned_pct"], e["met"], e["same_day_pct"], type(e["received"]).__name__,
      s["received"], s["scanned_pct"], s["met"], s["target_pct"])' 2>&1)
expect_eq "json nulls for nothing received, numbers and booleans" "$GOT" \
	"2 None None None int 1 100.0 True 95.0"

# --- text ---------------------------------------------------------------
width_ok() { # width_ok DESC: every line of $OUT at most 80 columns
	W=$(printf '%s\n' "$OUT" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
	[ "$W" -le 80 ] && _report 1 "$1 fits 80 columns ($W)" || _report 0 "$1 fits 80 columns ($W)"
}
for r in daily weekly monthly; do
	col=1; [ $r = weekly ] && col=2; [ $r = monthly ] && col=3
	check "report $r text" pr report $r --from 2026-10-29 --to 2026-11-03
	expect_out "$r text header" "^DATE +RECVD +SCAN +EMAIL +EXC +PEND +SCAN% +TGT% +MET +SAME%$"
	width_ok "$r text"
	# Rows with something received have every field: the same as csv.
	GOT=$(printf '%s\n' "$OUT" | tail -n +2 | awk 'NF == 10 { $1 = $1; gsub(/ /, ","); print }')
	expect_eq "$r text rows carry the computed figures" "$GOT" \
		"$(expected $col 2026-10-29 2026-11-03 | awk -F, '$2 > 0')"
done
check "text for a day with nothing" pr report daily --from 2026-10-31 --to 2026-10-31
expect_out "empty day: zeros, the target and a dash" "^2026-10-31 +0 +0 +0 +0 +0 +95\.0 +-"

# --- dept ---------------------------------------------------------------
# expected_dept FROM TO: every department, worst exact share first (ties by
# code), those with nothing received last.
expected_dept() {
	awk -v from="$1" -v to="$2" -v cut="$CUT" "$AWK_LIB"'
	BEGIN { name["REV"] = "Revenues and Benefits"; name["HWY"] = "Highways"; name["PLN"] = "Planning" }
	{
		if ($1 < from || $1 > to || $3 == "void") next
		c = $2; r[c]++
		if ($4 != "-") s[c]++
		if ($4 == $1) sd[c]++
		if ($5 == 1) e[c]++
		if ($3 == "exception" || $3 == "handed-over" || $3 == "returned") x[c]++
	}
	END { for (c in name) {
		row = figures(c, s[c], r[c], sd[c], e[c], x[c], target(to))
		sub(/^[A-Z]+,/, c "," name[c] ",", row)
		printf "%.17f %s %s\n", r[c] ? s[c] / r[c] : 2, c, row
	} }' "$TESTDIR/items.txt" | sort -k1,1g -k2,2 | cut -d' ' -f3-
}
check "report dept csv" pr report dept --from 2026-10-29 --to 2026-11-03 --format csv
expect_eq "dept header" "$(printf '%s\n' "$OUT" | head -1)" \
	"dept,name,received,scanned,emailed,exceptions,pending,scanned_pct,target_pct,met,same_day_pct"
WANT=$(expected_dept 2026-10-29 2026-11-03)
expect_eq "dept rows worst first, computed from the items" "$(body)" "$WANT"
expect_eq "HWY (4/7) before REV (10/14), PLN last" "$(printf '%s\n' "$WANT" | cut -d, -f1,8 | tr '\n' ' ')" \
	"HWY,57.1 REV,71.4 PLN, "
check "report dept before the change" pr report dept --from 2026-10-29 --to 2026-10-30 --format csv
expect_eq "dept rows for two days, target 95" "$(body)" "$(expected_dept 2026-10-29 2026-10-30)"
check "report dept on Monday" pr report dept --from 2026-11-02 --to 2026-11-02 --format csv
expect_eq "dept rows for Monday, target 90" "$(body)" "$(expected_dept 2026-11-02 2026-11-02)"
check "report dept --dept rev" pr report dept --from 2026-10-29 --to 2026-11-03 --dept rev --format csv
expect_eq "one department's row" "$(body)" "$(expected_dept 2026-10-29 2026-11-03 | grep '^REV,')"
check "report dept json" pr report dept --from 2026-10-29 --to 2026-11-03 --format json
GOT=$(printf '%s\n' "$OUT" | json_rows dept name received scanned emailed exceptions pending \
	scanned_pct target_pct met same_day_pct 2>&1)
expect_eq "dept json values" "$GOT" "$(expected_dept 2026-10-29 2026-11-03)"
check "report dept text" pr report dept --from 2026-10-29 --to 2026-11-03
expect_out "dept text header" "^DEPT +NAME +RECVD +SCAN +EXC +PEND +SCAN% +TGT% +MET$"
width_ok "dept text"
expect_eq "dept text order" "$(printf '%s\n' "$OUT" | tail -n +2 | awk '{ print $1 }' | tr '\n' ' ')" \
	"HWY REV PLN "

# --- bad usage ----------------------------------------------------------
for r in daily weekly monthly dept cycle operators; do
	expect_exit 2 "$r: --from after --to is bad usage" pr report $r --from 2026-11-03 --to 2026-11-01
	expect_err "$r: says so" "^postroom report $r: --from is after --to"
	expect_exit 2 "$r: a bad date is bad usage" pr report $r --from 2026-11-31
	expect_err "$r: names the option and the date" "^postroom report $r: --from: '2026-11-31' is not a date"
done
expect_exit 2 "a bad --to is bad usage" pr report weekly --to 03/11/2026
expect_err "names --to" "--to"
expect_exit 2 "unknown report" pr report yearly
expect_err "unknown report named" "unknown report 'yearly'"
expect_exit 2 "no report named" pr report
expect_err "lists the reports" "daily, weekly"
expect_exit 2 "unknown format" pr report weekly --format xml
for r in daily weekly monthly dept; do
	expect_exit 1 "$r: unknown department fails" pr report $r --dept NOPE
	expect_err "$r: names it" "postroom: .*NOPE"
done
expect_exit 2 "operators takes no --dept" pr report operators --dept REV
expect_exit 2 "stray argument" pr report daily 2026-11-01
