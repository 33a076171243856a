# target set|list: dated scanned targets, who may set them, and each day's
# figures judged by the target in force that day.
. tests/lib.sh
plan 57
export POSTROOM_NOW=2026-11-04T10:00:00
pr init >/dev/null
pr dept add REV --name Revenues --email rev@county.example >/dev/null
ME=$(id -un)
sql() { sqlite3 "$DB" "$1"; }

check "target list with none set" pr target list
expect_out "the configured default applies" "^Before the first date: 95\.0% \(scanned_target in the configuration\)$"
check "target list csv with none set" pr target list --format csv
expect_eq "csv: just the header" "$OUT" "from,target_pct,set_by,set_at"

# init registered this login as the first admin: it may.
check "target set by the first admin" pr target set 90 --from 2026-11-02
expect_out "confirmed" "^Scanned target 90\.0% from 2026-11-02$"
check "the same day again replaces it" pr target set 85% --from 2026-11-02
check "target list csv" pr target list --format csv
expect_eq "one target, replaced" "$(printf '%s\n' "$OUT" | tail -n +2)" \
	"2026-11-02,85.0,$ME,2026-11-04T10:00:00+00:00"
expect_eq "both changes in the audit trail" \
	"$(sql "SELECT coalesce(from_state, '-') || '>' || to_state || ' ' || actor FROM audit_events
	        WHERE entity = 'target' AND ref = '2026-11-02' ORDER BY id" | tr '\n' ';')" \
	"->90 $ME;90>85 $ME;"
check "without --from: from today" pr target set 97.5
expect_out "today" "^Scanned target 97\.5% from 2026-11-04$"
check "target list json" pr target list --format json
GOT=$(printf '%s\n' "$OUT" | /usr/bin/python3 -c '
import json, sys
print(";".join("%s=%s" % (t["from"], t["target_pct"]) for t in json.load(sys.stdin)))' 2>&1)
expect_eq "json: oldest first, numbers" "$GOT" "2026-11-02=85.0;2026-11-04=97.5"
check "target list text" pr target list
expect_out "text row" "^2026-11-04 +97\.5 +$ME "

# Bad usage: exit 2, with the reason.
for pct in 0 101 abc 50x "" 100.5 0.0; do
	expect_exit 2 "target '$pct' is refused" pr target set "$pct" --from 2026-11-10
	expect_err "target '$pct': says why" "is not a percentage above 0 and at most 100"
done
expect_exit 2 "a negative target is refused" pr target set -5 --from 2026-11-10
expect_exit 2 "a bad day is refused" pr target set 90 --from 2026-11-31
expect_err "names --from" "^postroom target set: --from: '2026-11-31' is not a date"
expect_exit 2 "no percentage" pr target set --from 2026-11-10
expect_exit 2 "two percentages" pr target set 90 91
expect_exit 2 "unknown subcommand" pr target get
expect_exit 2 "no subcommand" pr target
expect_eq "nothing refused was kept" "$(sql "SELECT count(*) FROM targets")" "2"
check "100 is allowed" pr target set 100 --from 2026-12-25

# Each day's figures use the target in force that day: 10 items a day from
# Sun 1 to Wed 4 Nov, 9 of them scanned (90.0 %); 95 by default, 85 from
# the 2nd, 97.5 from the 4th.
for d in 01 02 03 04; do
	for i in 0 1 2 3 4 5 6 7 8 9; do
		REF=$(pr item add --dept REV --sender S --addressee A --received "2026-11-${d}T08:0$i")
		[ $i -lt 9 ] && sql "UPDATE items SET status = 'scanned', scanned_at = received_at + 600,
			scanned_day = received_day WHERE ref = '$REF'"
	done
done
tgt() { # the target this test set for DAY
	if [ "$1" \< 2026-11-02 ]; then echo 95.0
	elif [ "$1" \< 2026-11-04 ]; then echo 85.0
	elif [ "$1" \< 2026-12-25 ]; then echo 97.5
	else echo 100.0; fi
}
WANT=""
for d in 2026-10-31 2026-11-01 2026-11-02 2026-11-03 2026-11-04; do
	case $d in
	2026-10-31) row="$d,0,0,0,0,0,,$(tgt $d),," ;;
	*) t=$(tgt $d); met=$(awk -v t="$t" 'BEGIN { print (90.0 >= t ? "yes" : "no") }')
	   row="$d,10,9,0,0,1,90.0,$t,$met,90.0" ;;
	esac
	WANT="$WANT${WANT:+
}$row"
done
check "daily across the changes" pr report daily --from 2026-10-31 --to 2026-11-04 --format csv
expect_eq "each day judged by its own target" "$(printf '%s\n' "$OUT" | tail -n +2)" "$WANT"
check "weekly across the changes" pr report weekly --from 2026-11-01 --to 2026-11-04 --format csv
# Week of 26 Oct (ends Sun 1 Nov, 95): 10 items; week of 2 Nov (ends Sun 8,
# 97.5): 30 items, 27 scanned.
expect_eq "a week is judged by the target on its last day" "$(printf '%s\n' "$OUT" | tail -n +2)" \
	"2026-10-26,10,9,0,0,1,90.0,95.0,no,90.0
2026-11-02,30,27,0,0,3,90.0,97.5,no,90.0"
check "monthly" pr report monthly --from 2026-11-04 --to 2026-11-04 --format csv
expect_eq "November judged by the target on the 30th" "$(printf '%s\n' "$OUT" | tail -n +2)" \
	"2026-11-01,40,36,0,0,4,90.0,97.5,no,90.0"
check "report dept" pr report dept --from 2026-11-02 --to 2026-11-03 --format csv
expect_out "dept period judged by the target on its last day" "^REV,Revenues,20,18,0,0,2,90.0,85.0,yes,90.0$"

# Only supervisors and admins may: with only someone else registered, this
# user is unknown and refused.
pr operator add jsupervisor --role supervisor >/dev/null
sql "DELETE FROM operators WHERE login = '$ME'"
expect_exit 1 "an unregistered user may not set the target" pr target set 80 --from 2026-11-10
expect_err "says who and what" "^postroom: $ME may not set the scanned target: that needs the supervisor role"
sql "INSERT INTO operators (login, name, role, created_at) VALUES ('$ME', '', 'operator', 0)"
expect_exit 1 "an operator may not set the target" pr target set 80 --from 2026-11-10
expect_err "operator refused" "may not set the scanned target"
expect_eq "nothing kept or audited" \
	"$(sql "SELECT count(*) FROM targets WHERE effective_from = '2026-11-10'") $(sql "SELECT count(*) FROM audit_events WHERE ref = '2026-11-10'")" "0 0"
check "anyone may list them" pr target list

# A supervisor and an admin may (each in a database of their own).
for role in supervisor admin; do
	D2="$TESTDIR/$role.db"
	pr --db "$D2" init >/dev/null
	pr --db "$D2" operator add jop --role operator >/dev/null
	sqlite3 "$D2" "UPDATE operators SET role = '$role' WHERE login = '$ME'"
	check "a $role may set the target" pr --db "$D2" target set 80 --from 2026-11-10
	expect_eq "kept, set by $ME" "$(sqlite3 "$D2" "SELECT pct || ' ' || set_by FROM targets")" "80.0 $ME"
done
