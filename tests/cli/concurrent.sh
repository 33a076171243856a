# Several operators at once on one database: four processes logging 200
# items each, with two more reading lists and reports all the while, lose
# nothing, share the numbering, keep the counts exact and the audit trail
# one chain; no writer or reader is turned away as "locked".
. tests/lib.sh
plan 13
export POSTROOM_NOW=2026-11-20T09:30:00
WRITERS=4 ITEMS=200
TOTAL=$((WRITERS * ITEMS))
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
pr dept add HR --name "Human Resources" --email hr@county.example >/dev/null

start=$(date +%s)
: >"$TESTDIR/errors"
w=1
while [ $w -le $WRITERS ]; do
	(
		i=0
		while [ $i -lt $ITEMS ]; do
			d=ASC; [ $((i % 3)) -eq 0 ] && d=HR
			"$POSTROOM_BIN" item add --dept $d --sender "Desk $w" --addressee "Item $i" \
				>>"$TESTDIR/refs.$w" 2>>"$TESTDIR/errors" || echo "fail $w $i" >>"$TESTDIR/errors"
			i=$((i + 1))
		done
	) &
	eval "writer$w=\$!"
	w=$((w + 1))
done
# Readers until the writers are done (bounded: at most 2000 reads each).
for r in 1 2; do
	(
		n=0
		while [ ! -e "$TESTDIR/done" ] && [ $n -lt 2000 ]; do
			if [ $r -eq 1 ]; then
				"$POSTROOM_BIN" item list --limit 50 --format csv >/dev/null 2>>"$TESTDIR/read-errors" ||
					echo "read fail $r $n" >>"$TESTDIR/read-errors"
			else
				"$POSTROOM_BIN" report daily --from 2026-11-20 --to 2026-11-20 --format csv \
					>/dev/null 2>>"$TESTDIR/read-errors" || echo "read fail $r $n" >>"$TESTDIR/read-errors"
			fi
			n=$((n + 1))
		done
		echo $n >"$TESTDIR/reads.$r"
	) &
done
w=1
while [ $w -le $WRITERS ]; do eval "wait \$writer$w"; w=$((w + 1)); done
touch "$TESTDIR/done"
wait
secs=$(($(date +%s) - start))
reads=$(($(cat "$TESTDIR/reads.1") + $(cat "$TESTDIR/reads.2")))
echo "# $WRITERS writers x $ITEMS items and $reads reads in ${secs}s"

expect_eq "no writer failed" "$(cat "$TESTDIR/errors")" ""
expect_eq "no reader failed" "$(cat "$TESTDIR/read-errors" 2>/dev/null)" ""
[ "$reads" -gt 0 ] && _report 1 "the readers read meanwhile ($reads reads)" || _report 0 "the readers read meanwhile"
expect_eq "$TOTAL references printed" "$(cat "$TESTDIR"/refs.* | wc -l | tr -d ' ')" "$TOTAL"
expect_eq "all references distinct" "$(cat "$TESTDIR"/refs.* | sort -u | wc -l | tr -d ' ')" "$TOTAL"
expect_eq "numbering has no gaps" "$(cat "$TESTDIR"/refs.* | cut -c9-12 | sort -n | tail -1)" "$(printf '%04d' $TOTAL)"
run pr item list --format csv
expect_eq "$TOTAL items stored" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "$TOTAL"
expect_eq "each writer's items are all there, once" \
	"$(sqlite3 "$DB" "SELECT group_concat(n, ' ') FROM (SELECT count(DISTINCT addressee) AS n FROM items GROUP BY sender ORDER BY sender)")" \
	"$ITEMS $ITEMS $ITEMS $ITEMS"
run pr report daily --from 2026-11-20 --to 2026-11-20 --format csv
expect_eq "daily count agrees" "$(printf '%s\n' "$OUT" | tail -1 | cut -d, -f2)" "$TOTAL"
expect_eq "per department too" \
	"$(sqlite3 "$DB" "SELECT group_concat(received, ' ') FROM (SELECT r.received FROM daily_rollup r JOIN departments d ON d.id = r.dept_id ORDER BY d.code)")" \
	"$((TOTAL - WRITERS * ((ITEMS + 2) / 3))) $((WRITERS * ((ITEMS + 2) / 3)))"
check "the daily figures agree with the items" pr report check
expect_eq "every item has its audit event" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM audit_events WHERE entity = 'item' AND to_state = 'received'")" "$TOTAL"
check "the audit trail written side by side holds as a chain" pr audit verify
