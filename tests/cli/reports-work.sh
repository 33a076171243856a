# report backlog|cycle|operators|check: work waiting by age under a fixed
# clock, cycle times, who did what each day, and the check of the daily
# counts against the items, in text, csv and json. Expected rows are
# computed here from the items table's rows and the test's own ledger.
. tests/lib.sh
plan 64
NOW=2026-11-03T15:00:00
export POSTROOM_NOW=$NOW
pr init >/dev/null
pr dept add REV --name Revenues --email rev@county.example >/dev/null
pr dept add HWY --name Highways --email hwy@county.example >/dev/null
pr dept add PLN --name Planning --email pln@county.example >/dev/null
ME=$(id -un)

epoch() { date -d "$1" +%s; }
sql() { sqlite3 "$DB" "$1"; }
LEDGER="$TESTDIR/ledger.txt" # day login column: one line per thing done
: >"$LEDGER"
# add DEPT TIME [FLAG]: logged at TIME (the clock then) by this user.
add() {
	if [ $# -gt 2 ]; then
		REF=$(POSTROOM_NOW=$2 pr item add --dept "$1" --sender S --addressee A --received "$2" --flag "$3" 2>/dev/null)
		echo "${2%%T*} $ME exceptions" >>"$LEDGER"
	else
		REF=$(POSTROOM_NOW=$2 pr item add --dept "$1" --sender S --addressee A --received "$2")
	fi
	echo "${2%%T*} $ME logged" >>"$LEDGER"
}
exception() { POSTROOM_NOW=$2 pr item exception "$1" --reason legal >/dev/null; echo "${2%%T*} $ME exceptions" >>"$LEDGER"; }
handover() { POSTROOM_NOW=$2 pr item handover "$1" --to Finance >/dev/null; echo "${2%%T*} $ME exceptions" >>"$LEDGER"; }
scan() {
	sql "UPDATE items SET status = 'scanned', scanned_at = $(epoch "$2"),
	     scanned_day = '${2%% *}' WHERE ref = '$1'"
}
email() { sql "UPDATE items SET status = 'emailed', emailed_at = $(epoch "$2") WHERE ref = '$1'"; }

# Waiting now (Tue 3 Nov 15:00): REV 13:30 (1.5 h), 11:01 (3 h 59), 11:00
# (exactly 4 h: same day), 08:00; Mon 2 Nov 23:50 and 09:00; 29 Oct.
add REV 2026-11-03T13:30
add REV 2026-11-03T11:01
add REV 2026-11-03T11:00
add REV 2026-11-03T08:00
add REV 2026-11-02T23:50
add REV 2026-11-02T09:00
add REV 2026-10-29T09:00
# HWY: an exception waiting from Sunday, one handed over (not waiting), one
# batched (waiting), one scanned (not waiting), one marked an exception today.
add HWY 2026-11-01T10:00 private
add HWY 2026-11-02T10:00 remittance; handover "$REF" 2026-11-02T16:00
add HWY 2026-11-02T11:00; sql "UPDATE items SET status = 'batched' WHERE ref = '$REF'"
add HWY 2026-11-03T09:00; scan "$REF" "2026-11-03 09:45"
add HWY 2026-11-03T09:10; exception "$REF" 2026-11-03T12:00
# PLN: only scanned, emailed or voided items: nothing waiting.
add PLN 2026-10-29T08:00; scan "$REF" "2026-10-29 08:10"
add PLN 2026-10-29T08:00; scan "$REF" "2026-10-29 08:40"; email "$REF" "2026-10-29 09:00"
add PLN 2026-10-29T08:00; scan "$REF" "2026-10-29 09:30"; email "$REF" "2026-10-29 10:02"
add PLN 2026-10-29T08:00; scan "$REF" "2026-10-30 08:00"
add PLN 2026-10-29T08:00; scan "$REF" "2026-10-29 08:20"; email "$REF" "2026-10-29 08:35"
add PLN 2026-10-29T08:30; sql "UPDATE items SET status = 'void' WHERE ref = '$REF'"
# Someone else closed batches on Monday (no batch command yet: the trail
# entries the batch commands will write).
# (A hash is all the trigger asks of an event put in by hand.)
sql "INSERT INTO audit_events (at, actor, entity, ref, from_state, to_state, hash) VALUES
     ($(epoch '2026-11-02 12:00'), 'jdoe', 'batch', 'B261102-01', 'open', 'closed', randomblob(32)),
     ($(epoch '2026-11-02 13:00'), 'jdoe', 'batch', 'B261102-02', 'open', 'closed', randomblob(32)),
     ($(epoch '2026-11-02 14:00'), 'jdoe', 'batch', 'B261102-03', NULL, 'open', randomblob(32))"
echo "2026-11-02 jdoe batches_closed" >>"$LEDGER"
echo "2026-11-02 jdoe batches_closed" >>"$LEDGER"

# The items as logged: dept status received_at received_day scanned_at emailed_at.
sql "SELECT d.code, i.status, i.received_at, i.received_day, coalesce(i.scanned_at, '-'),
     coalesce(i.emailed_at, '-') FROM items i JOIN departments d ON d.id = i.dept_id" |
	tr '|' ' ' >"$TESTDIR/items.txt"
body() { printf '%s\n' "$OUT" | tail -n +2; }
width_ok() {
	W=$(printf '%s\n' "$OUT" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
	[ "$W" -le 80 ] && _report 1 "$1 fits 80 columns ($W)" || _report 0 "$1 fits 80 columns ($W)"
}
# json_rows KEYS...: the json array on stdin as csv rows of KEYS.
json_rows() {
	/usr/bin/python3 -c '
import json, sys
keys = sys.argv[1:]
def f(v):
    if v is None: return ""
    if isinstance(v, bool): return "yes" if v else "no"
    if isinstance(v, float): return "%.1f" % v
    return str(v)
for o in json.load(sys.stdin):
    assert list(o.keys()) == keys, (list(o.keys()), keys)
    print(",".join(f(o[k]) for k in keys))' "$@"
}

# --- backlog ------------------------------------------------------------
# expected_backlog NOW [DEPT]: per department with open work, most first then
# by code, and the total; ages from the time of receipt to NOW.
expected_backlog() {
	awk -v now="$(epoch "$1")" -v today="${1%%T*}" -v yesterday="$(date -d "${1%%T*} - 1 day" +%F)" \
		-v only="${2:-}" '
	BEGIN { name["REV"] = "Revenues"; name["HWY"] = "Highways"; name["PLN"] = "Planning" }
	$2 == "received" || $2 == "batched" || $2 == "exception" {
		if (only != "" && $1 != only) next
		c = $1; n[c]++
		if (now - $3 < 4 * 3600) a = 1
		else if ($4 >= today) a = 2
		else if ($4 == yesterday) a = 3
		else a = 4
		age[c, a]++; age["", a]++
		if ($2 == "exception") x[c]++; else u[c]++
	}
	END {
		for (c in n) {
			printf "%06d %s %s,%s", 999999 - n[c], c, c, name[c]
			for (a = 1; a <= 4; a++) printf ",%d", age[c, a]
			printf ",%d,%d,%d\n", u[c], x[c], n[c]
			U += u[c]; X += x[c]
		}
		printf "999999 ~ ,All departments"
		for (a = 1; a <= 4; a++) printf ",%d", age["", a]
		printf ",%d,%d,%d\n", U, X, U + X
	}' "$TESTDIR/items.txt" | sort -k1,1n -k2,2 | cut -d' ' -f3-
}
check "report backlog csv" pr report backlog --format csv
expect_eq "backlog header" "$(printf '%s\n' "$OUT" | head -1)" \
	"dept,name,under_4h,same_day,1_day,2_days_plus,unscanned,exceptions,total"
WANT=$(expected_backlog $NOW)
expect_eq "backlog rows computed from the items" "$(body)" "$WANT"
expect_eq "by hand: REV 2 under 4 h, 2 today, 2 yesterday, 1 older" \
	"$(printf '%s\n' "$WANT" | head -1)" "REV,Revenues,2,2,2,1,7,0,7"
expect_eq "by hand: HWY waits on two exceptions and a batch" \
	"$(printf '%s\n' "$WANT" | sed -n 2p)" "HWY,Highways,0,1,1,1,1,2,3"
check "report backlog --dept hwy" pr report backlog --dept hwy --format csv
expect_eq "one department and its total" "$(body)" "$(expected_backlog $NOW HWY)"
check "report backlog for PLN" pr report backlog --dept PLN --format csv
expect_eq "nothing waiting in PLN: an empty total" "$(body)" ",All departments,0,0,0,0,0,0,0"
LATER=2026-11-04T10:00:00
run env POSTROOM_NOW=$LATER "$POSTROOM_BIN" report backlog --format csv
expect_eq "a day later everything has aged" "$(body)" "$(expected_backlog $LATER)"
check "report backlog json" pr report backlog --format json
GOT=$(printf '%s\n' "$OUT" | json_rows dept name under_4h same_day 1_day 2_days_plus unscanned \
	exceptions total 2>&1)
expect_eq "backlog json values" "$GOT" "$WANT"
check "report backlog text" pr report backlog
expect_out "backlog text header" "^DEPT +NAME +<4H +SAMEDAY +1DAY +2\+DAYS +UNSCAN +EXC +TOTAL$"
expect_out "text total row" "^ALL +All departments +2 +3 +3 +2 +8 +2 +10$"
width_ok "backlog text"
expect_exit 1 "backlog: unknown department" pr report backlog --dept NOPE
expect_err "names it" "NOPE"
expect_exit 2 "backlog takes no period" pr report backlog --from 2026-11-01

# --- cycle times ----------------------------------------------------------
# expected_cycle FROM TO [DEPT]: per day, received, scanned and emailed, with
# the median and 90th percentile by nearest rank in whole minutes.
expected_cycle() {
	awk -v only="${3:-}" '$2 != "void" && (only == "" || $1 == only) {
		print $4, "r", 0
		if ($5 != "-") print $4, "s", $5 - $3
		if ($6 != "-") print $4, "e", $6 - $3
	}' "$TESTDIR/items.txt" | sort -k1,1 -k2,2 -k3,3n >"$TESTDIR/cycle.txt"
	d=$1
	while [ "$d" != "$(date -d "$2 + 1 day" +%F)" ]; do
		awk -v d="$d" '
		function rank(k, p, n,   i) { if (!n) return ""; i = int((n * p + 99) / 100); return int((v[k, i] + 30) / 60) }
		$1 == d { c[$2]++; v[$2, c[$2]] = $3 }
		END { printf "%s,%d,%d,%s,%s,%d,%s,%s\n", d, c["r"], c["s"], rank("s", 50, c["s"]),
			rank("s", 90, c["s"]), c["e"], rank("e", 50, c["e"]), rank("e", 90, c["e"]) }' "$TESTDIR/cycle.txt"
		d=$(date -d "$d + 1 day" +%F)
	done
}
CYCLE_HEADER="date,received,scanned,scan_median_min,scan_p90_min,emailed,email_median_min,email_p90_min"
check "report cycle csv" pr report cycle --from 2026-10-28 --to 2026-11-03 --format csv
expect_eq "cycle header" "$(printf '%s\n' "$OUT" | head -1)" "$CYCLE_HEADER"
WANT=$(expected_cycle 2026-10-28 2026-11-03)
expect_eq "cycle rows computed from the items" "$(body)" "$WANT"
# By hand: PLN on 29 Oct scanned after 10, 20, 40, 90 min and 1 day (1440);
# emailed after 35, 60 and 122 min. REV's item that day is waiting.
expect_eq "by hand: 29 Oct" "$(printf '%s\n' "$WANT" | grep '^2026-10-29')" \
	"2026-10-29,6,5,40,1440,3,60,122"
expect_eq "by hand: 28 Oct had nothing" "$(printf '%s\n' "$WANT" | head -1)" "2026-10-28,0,0,,,0,,"
check "report cycle for PLN" pr report cycle --from 2026-10-29 --to 2026-10-30 --dept PLN --format csv
expect_eq "PLN cycle rows" "$(body)" "$(expected_cycle 2026-10-29 2026-10-30 PLN)"
check "report cycle json" pr report cycle --from 2026-10-28 --to 2026-11-03 --format json
GOT=$(printf '%s\n' "$OUT" | json_rows $(echo $CYCLE_HEADER | tr ',' ' ') 2>&1)
expect_eq "cycle json values (null when none)" "$GOT" "$WANT"
check "report cycle text" pr report cycle --from 2026-10-28 --to 2026-11-03
expect_out "cycle text header" "^DATE +RECVD +SCANNED +SCAN-MED +SCAN-P90 +EMAILED +MAIL-MED +MAIL-P90$"
expect_out "minutes as h:mm" "^2026-10-29 +6 +5 +0:40 +24:00 +3 +1:00 +2:02$"
expect_out "dashes when none" "^2026-10-28 +0 +0 +- +- +0 +- +-$"
width_ok "cycle text"

# --- operators ------------------------------------------------------------
# From the ledger: logged, exceptions (marked at intake, later, or handed
# over) and batches closed per day and login, in the period.
expected_ops() {
	awk -v from="$1" -v to="$2" '$1 >= from && $1 <= to {
		k = $1 "," $2; seen[k] = 1; n[k, $3]++ }
	END { for (k in seen) printf "%s,%d,%d,%d\n", k, n[k, "logged"], n[k, "exceptions"],
		n[k, "batches_closed"] }' "$LEDGER" | sort
}
check "report operators csv" pr report operators --from 2026-10-01 --to 2026-11-30 --format csv
expect_eq "operators header" "$(printf '%s\n' "$OUT" | head -1)" "date,login,logged,exceptions,batches_closed"
WANT=$(expected_ops 2026-10-01 2026-11-30)
expect_eq "operators rows from the test's ledger" "$(body)" "$WANT"
expect_eq "by hand: Monday's batches" "$(printf '%s\n' "$WANT" | grep '^2026-11-02,jdoe,')" "2026-11-02,jdoe,0,0,2"
expect_eq "by hand: Monday's items (4 logged, 1 private, 1 handed over)" \
	"$(printf '%s\n' "$WANT" | grep "^2026-11-02,$ME,")" "2026-11-02,$ME,4,2,0"
check "report operators for two days" pr report operators --from 2026-11-02 --to 2026-11-03 --format csv
expect_eq "only those days" "$(body)" "$(expected_ops 2026-11-02 2026-11-03)"
check "report operators json" pr report operators --from 2026-10-01 --to 2026-11-30 --format json
GOT=$(printf '%s\n' "$OUT" | json_rows date login logged exceptions batches_closed 2>&1)
expect_eq "operators json values" "$GOT" "$WANT"
check "report operators text" pr report operators --from 2026-10-01 --to 2026-11-30
expect_out "operators text header" "^date +login +logged +exceptions +batches_closed$"
expect_out "jdoe's batches" "^2026-11-02 +jdoe +0 +0 +2$"
width_ok "operators text"

# --- check ----------------------------------------------------------------
check "report check on a clean database" pr report check
expect_out "says they agree" "^The daily counts agree with the items\.$"
check "report check csv" pr report check --format csv
expect_eq "csv: just the header" "$OUT" "date,dept,column,kept,items"
# count DAY DEPT COLUMN: the figure recounted here from the items.
count() {
	awk -v d="$1" -v c="$2" -v col="$3" '$4 == d && $1 == c && $2 != "void" {
		if (col == "received") n++
		if (col == "scanned" && $5 != "-") n++
		if (col == "exceptions" && ($2 == "exception" || $2 == "handed-over")) n++
	} END { print n + 0 }' "$TESTDIR/items.txt"
}
REV_ID=$(sql "SELECT id FROM departments WHERE code = 'REV'")
HWY_ID=$(sql "SELECT id FROM departments WHERE code = 'HWY'")
sql "UPDATE daily_rollup SET received = received + 3 WHERE day = '2026-11-03' AND dept_id = $REV_ID"
K=$(count 2026-11-03 REV received)
expect_exit 1 "a changed count is found" pr report check --format csv
expect_eq "the difference: day, dept, column, kept, items" "$(body)" "2026-11-03,REV,received,$((K + 3)),$K"
expect_err "summary on stderr" "^postroom: 1 difference between the daily counts and the items$"
sql "DELETE FROM daily_rollup WHERE day = '2026-11-01' AND dept_id = $HWY_ID;
     INSERT INTO daily_rollup (day, dept_id, received, scanned) VALUES ('2026-10-31', $REV_ID, 2, 1)"
expect_exit 1 "a deleted and a bogus row are found" pr report check --format csv
expect_eq "every difference, by day" "$(body)" "2026-10-31,REV,received,2,0
2026-10-31,REV,scanned,1,0
2026-11-01,HWY,received,0,$(count 2026-11-01 HWY received)
2026-11-01,HWY,exceptions,0,$(count 2026-11-01 HWY exceptions)
2026-11-03,REV,received,$((K + 3)),$K"
expect_err "summary counts them" "^postroom: 5 differences between the daily counts and the items$"
expect_exit 1 "report check text" pr report check
expect_out "text lists the difference" "^2026-11-03 +REV +received +$((K + 3)) +$K$"
width_ok "check text"
expect_exit 1 "report check json" pr report check --format json
GOT=$(printf '%s\n' "$OUT" | json_rows date dept column kept items 2>&1 | tail -1)
expect_eq "json difference" "$GOT" "2026-11-03,REV,received,$((K + 3)),$K"
# Reports read the kept counts: the damage shows in them, which is why the
# check exists.
check "report daily reads the rollup" pr report daily --from 2026-11-03 --to 2026-11-03 --format csv
expect_out "the broken count is what it shows" "^2026-11-03,$(( $(count 2026-11-03 REV received) + $(count 2026-11-03 HWY received) + 3 )),"
expect_exit 2 "check takes no arguments" pr report check now
