# A process killed in the middle of writing leaves the database consistent:
# whole days or nothing, the daily counts equal to the items, the audit trail
# complete, and the file passing SQLite's integrity check.
. tests/lib.sh
plan 21
export POSTROOM_NOW=2026-11-20T17:00:00
"$POSTROOM_BIN" demo --days 40 --seed 3 >/dev/null 2>&1 &
victim=$!
i=0
until [ "$(sqlite3 "$DB" "SELECT count(*) FROM items" 2>/dev/null || echo 0)" -gt 10000 ] || [ $i -ge 600 ]; do
	i=$((i + 1))
	sleep 0.05
done
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
items=$(sqlite3 "$DB" "SELECT count(*) FROM items")
[ "$items" -gt 0 ]; RC=$?; OUT="items=$items" ERR=""
[ $RC -eq 0 ] && _report 1 "the killed demo had written some days ($items items)" || _report 0 "the killed demo had written some days"
expect_eq "integrity check passes" "$(sqlite3 "$DB" "PRAGMA integrity_check")" "ok"
expect_eq "daily counts equal the items" "$(sqlite3 "$DB" "
	SELECT count(*) FROM (
	  SELECT received_day, dept_id, count(*) AS n FROM items WHERE status <> 'void'
	  GROUP BY received_day, dept_id) i
	LEFT JOIN daily_rollup r ON r.day = i.received_day AND r.dept_id = i.dept_id
	WHERE r.received IS NOT i.n")" "0"
expect_eq "every item has its creation event" "$(sqlite3 "$DB" "
	SELECT count(*) FROM items i WHERE NOT EXISTS (SELECT 1 FROM audit_events a
	  WHERE a.ref = i.ref AND a.to_state = 'received' AND a.from_state IS NULL)")" "0"
expect_eq "no day is half written: its items" "$(sqlite3 "$DB" "
	SELECT count(*) FROM sequences s WHERE s.kind = 'I' AND s.last <> (SELECT count(*)
	  FROM items WHERE received_day = s.day)")" "0"
expect_eq "no day is half written: its batches" "$(sqlite3 "$DB" "
	SELECT count(*) FROM sequences s WHERE s.kind = 'B' AND s.last <> (SELECT count(*)
	  FROM batches WHERE substr(ref, 2, 6) = substr(replace(s.day, '-', ''), 3))")" "0"
check "the audit chain of a killed demo holds" pr audit verify
check "the database still opens and reports" pr report daily --format csv
check "and takes new items" pr item add --dept ASC --sender S --addressee A

# SIGKILL at random moments (in a window that widens each round) of
# ingesting multi-page scan files (a batch of 8 items, 3 letters each: 33
# pages), again and again, each file re-run until it goes in: after every kill the file is still where it was, or it
# is archived and recorded once; at the end every item has one PDF, nothing
# is recorded twice and nothing in the archive is a leftover.
# SIGKILL at random moments of item adds: every reference printed is there
# once, and the day's numbering has no gap.
export POSTROOM_NOW=2026-11-22T09:30:00
: >"$TESTDIR/acked"
adds=0 add_kills=0
while [ $adds -lt 80 ]; do
	adds=$((adds + 1))
	"$POSTROOM_BIN" item add --dept ASC --sender "Killed $adds" --addressee A >>"$TESTDIR/acked" 2>/dev/null &
	victim=$!
	sleep "$(awk -v s="$adds" 'BEGIN { srand(s + 1000); printf "%.3f", rand() * 0.12 }')"
	kill -9 "$victim" 2>/dev/null && add_kills=$((add_kills + 1))
	wait "$victim" 2>/dev/null
done
acked=$(grep -c . "$TESTDIR/acked")
echo "# $add_kills SIGKILLs in $adds item adds; $acked references printed"
expect_eq "every reference printed is stored once" "$(for r in $(cat "$TESTDIR/acked"); do
	sqlite3 "$DB" "SELECT count(*) FROM items WHERE ref = '$r'"; done | sort -u | tr '\n' ' ')" \
	"$([ "$acked" -gt 0 ] && echo '1 ')"
expect_eq "the numbering of the day has no gap" "$(sqlite3 "$DB" "SELECT (SELECT last FROM sequences
	WHERE kind = 'I' AND day = '2026-11-22') = count(*) FROM items WHERE received_day = '2026-11-22'")" 1

. tests/scan.sh
export POSTROOM_NOW=2026-11-21T09:30:00
ARC=$TESTDIR/archive IN=$TESTDIR/in
mkdir -p "$IN"
printf 'archive = %s\nquarantine = %s\n' "$ARC" "$TESTDIR/quarantine" >"$TESTDIR/postroom.conf"
export POSTROOM_CONFIG="$TESTDIR/postroom.conf"
: >"$TESTDIR/items"
for f in 1 2 3; do
	out=$(make_batch ASC 8) && batch_sheets "$(echo "$out" | head -n 1)" "$TESTDIR/s$f.pdf"
	echo "$out" | tail -n +2 >>"$TESTDIR/items"
	make_scan "$IN/scan$f.tif" batch:3:"$TESTDIR/s$f.pdf"
done
sha() { sha256sum "$1" | cut -d' ' -f1; }
shas=$(for f in 1 2 3; do sha "$IN/scan$f.tif"; done | sort | tr '\n' ' ')
kills=0 rounds=0 bad=""
start=$(date +%s)
for f in 1 2 3; do
	k=0
	while [ -e "$IN/scan$f.tif" ] && [ $k -lt 30 ]; do
		k=$((k + 1)) rounds=$((rounds + 1))
		"$POSTROOM_BIN" ingest "$IN/scan$f.tif" >/dev/null 2>&1 &
		victim=$!
		sleep "$(awk -v s="$rounds" -v k="$k" 'BEGIN { srand(s); printf "%.3f", rand() * (0.3 + 0.04 * k) }')"
		kill -9 "$victim" 2>/dev/null && kills=$((kills + 1))
		wait "$victim" 2>/dev/null
		# The file is where it was, or recorded once with its original archived.
		n=$(sqlite3 "$DB" "SELECT count(*) FROM scan_files WHERE status = 'ingested' AND name = 'scan$f.tif'")
		arch=$(sqlite3 "$DB" "SELECT archive_path FROM scan_files WHERE status = 'ingested' AND name = 'scan$f.tif'")
		if [ -e "$IN/scan$f.tif" ]; then
			[ "$n" -le 1 ] || bad="$bad scan$f:round$k:recorded-$n-times"
		elif [ "$n" -ne 1 ] || [ ! -f "$arch" ]; then
			bad="$bad scan$f:round$k:lost(recorded $n, archive '$arch')"
		fi
	done
	# Taken in whole at last (a stop after the commit is finished here).
	[ -e "$IN/scan$f.tif" ] && "$POSTROOM_BIN" ingest "$IN/scan$f.tif" >/dev/null 2>&1
done
secs=$(($(date +%s) - start))
echo "# $kills SIGKILLs in $rounds ingest runs of 3 files of 33 pages, ${secs}s"
[ "$kills" -ge 5 ] && _report 1 "ingests were killed ($kills of $rounds runs)" ||
	{ OUT="kills=$kills rounds=$rounds"; _report 0 "ingests were killed (at least 5)"; }
expect_eq "after every kill each file was in place or archived and recorded once" "$bad" ""
expect_eq "the hot files are all taken" "$(ls "$IN")" ""
expect_eq "each file is recorded once" \
	"$(sqlite3 "$DB" "SELECT count(*) || '/' || count(DISTINCT sha256) FROM scan_files WHERE status = 'ingested'")" "3/3"
expect_eq "the archived originals are the files as they came" \
	"$(for p in $(sqlite3 "$DB" "SELECT archive_path FROM scan_files WHERE status = 'ingested'"); do sha "$p"; done | sort | tr '\n' ' ')" \
	"$shas"
expect_eq "each of the 24 items has one current scan image" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT item_id FROM scan_images WHERE current = 1 GROUP BY item_id HAVING count(*) = 1)")/$(sqlite3 "$DB" "SELECT count(*) FROM scan_images")" "24/24"
expect_eq "and is scanned" "$(for r in $(cat "$TESTDIR/items"); do sqlite3 "$DB" "SELECT status FROM items WHERE ref = '$r'"; done | sort -u)" "scanned"
expect_eq "no file in the archive that no record names" \
	"$(find "$ARC" -type f | sort >"$TESTDIR/files"
	   sqlite3 "$DB" "SELECT pdf_path FROM scan_images UNION SELECT blank_pdf_path FROM scan_images WHERE blank_pdf_path IS NOT NULL
	     UNION SELECT pdf_path FROM scan_problems WHERE pdf_path IS NOT NULL UNION SELECT archive_path FROM scan_files" | sort >"$TESTDIR/named"
	   comm -23 "$TESTDIR/files" "$TESTDIR/named" | tr '\n' ' ')" ""
check "the audit chain after killed ingests holds" pr audit verify
check "the daily figures agree with the items" pr report check
