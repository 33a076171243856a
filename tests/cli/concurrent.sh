# Several operators at once on one database: four processes logging items
# side by side lose nothing, share the numbering and keep the counts right.
. tests/lib.sh
plan 8
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null

for w in 1 2 3 4; do
	(
		i=0
		while [ $i -lt 40 ]; do
			"$POSTROOM_BIN" item add --dept ASC --sender "Desk $w" --addressee "Item $i" \
				>>"$TESTDIR/refs.$w" 2>>"$TESTDIR/errors" || echo "fail $w $i" >>"$TESTDIR/errors"
			i=$((i + 1))
		done
	) &
done
wait

OUT=$(cat "$TESTDIR/errors" 2>/dev/null)
expect_eq "no process failed" "$OUT" ""
expect_eq "160 references printed" "$(cat "$TESTDIR"/refs.* | wc -l | tr -d ' ')" "160"
expect_eq "all references distinct" "$(cat "$TESTDIR"/refs.* | sort -u | wc -l | tr -d ' ')" "160"
expect_eq "numbering has no gaps" "$(cat "$TESTDIR"/refs.* | cut -c9-12 | sort -n | tail -1)" "0160"
run pr item list --format csv
expect_eq "160 items stored" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "160"
run pr report daily --from 2026-11-20 --to 2026-11-20 --format csv
expect_eq "daily count agrees" "$(printf '%s\n' "$OUT" | tail -1 | cut -d, -f2)" "160"
expect_eq "every item has its audit event" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM audit_events WHERE entity = 'item' AND to_state = 'received'")" "160"
check "the audit trail written side by side holds as a chain" pr audit verify
