# report daily: the contract's columns, figures computed here from the items
# this test logs, every day of the period, and the target in force.
. tests/lib.sh
plan 23
export POSTROOM_NOW=2026-11-20T15:00:00
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
pr dept add HWY --name Highways --email hwy@county.example >/dev/null
# 18th: 3 items (1 exception); 19th: nothing; 20th: 2 items, 1 exception.
for t in 08:00 09:00 10:00; do pr item add --dept ASC --sender S --addressee A --received "2026-11-18T$t" >/dev/null; done
pr item add --dept HWY --sender S --addressee A --received 2026-11-18T11:00 --flag remittance >/dev/null
pr item add --dept HWY --sender S --addressee A >/dev/null
pr item add --dept HWY --sender S --addressee A --flag bulky >/dev/null

check "report daily csv" pr report daily --from 2026-11-18 --to 2026-11-20 --format csv
expect_eq "csv header is the contract, then the same-day rate" "$(printf '%s\n' "$OUT" | head -1)" \
	"date,received,scanned,emailed,exceptions,pending,scanned_pct,target_pct,met,same_day_pct"
expect_eq "18th figures" "$(printf '%s\n' "$OUT" | grep '^2026-11-18')" "2026-11-18,4,0,0,1,3,0.0,95.0,no,0.0"
expect_eq "empty day has empty pct and met" "$(printf '%s\n' "$OUT" | grep '^2026-11-19')" "2026-11-19,0,0,0,0,0,,95.0,,"
expect_eq "20th figures" "$(printf '%s\n' "$OUT" | grep '^2026-11-20')" "2026-11-20,2,0,0,1,1,0.0,95.0,no,0.0"
expect_eq "one row a day" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "3"

check "report for one department" pr report daily --from 2026-11-18 --to 2026-11-18 --dept asc --format csv
expect_eq "ASC only" "$(printf '%s\n' "$OUT" | tail -1)" "2026-11-18,3,0,0,0,3,0.0,95.0,no,0.0"

check "report json" pr report daily --from 2026-11-19 --to 2026-11-20 --format json
expect_out "json nulls for an empty day" '"date": "2026-11-19", "received": 0, .*"scanned_pct": null, "target_pct": 95.0, "met": null'
expect_out "json numbers and booleans" '"date": "2026-11-20", "received": 2, .*"scanned_pct": 0.0, "target_pct": 95.0, "met": false'

check "report text" pr report daily --from 2026-11-18 --to 2026-11-20
expect_out "text header" "^DATE +RECVD +SCAN +EMAIL +EXC +PEND +SCAN% +TGT% +MET +SAME%"
W=$(printf '%s\n' "$OUT" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
[ "$W" -le 80 ]; RC=$?; [ $RC -eq 0 ] && _report 1 "text fits 80 columns ($W)" || _report 0 "text fits 80 columns ($W)"

check "default period is 30 days to today" pr report daily --format csv
expect_eq "30 rows" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "30"
expect_out "ends today" "^2026-11-20,"

# A config target applies where no dated target is kept.
printf 'scanned_target = 90\n' >"$TESTDIR/t.conf"
check "config target" pr --config "$TESTDIR/t.conf" report daily --from 2026-11-20 --to 2026-11-20 --format csv
expect_out "target 90 from config" "^2026-11-20,.*,90.0,no,0.0$"

expect_exit 2 "from after to is bad usage" pr report daily --from 2026-11-20 --to 2026-11-01
expect_exit 2 "bad date is bad usage" pr report daily --from 20-11-2026
expect_exit 1 "unknown dept fails" pr report daily --dept NOPE
expect_exit 2 "unknown report is bad usage" pr report yearly
