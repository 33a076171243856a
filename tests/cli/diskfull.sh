# A small disk filled to the last byte (a 2 MiB tmpfs, root only): changes
# are refused saying the disk is full, nothing is half written (no item
# without its audit event, no PDF without its record, no scan file lost),
# and once space returns the database is whole: the integrity check, the
# daily figures and the audit chain hold, every acknowledged item is there
# once, and work goes on.
. tests/lib.sh
. tests/scan.sh
plan 19
full=$TESTDIR/full
mkdir -p "$full"
if [ "$(id -u)" -ne 0 ]; then
	skip_rest "needs root to mount a small tmpfs"
fi
mount -t tmpfs -o size=2m tmpfs "$full" 2>/dev/null || skip_rest "cannot mount a tmpfs here"
at_exit "umount '$full' 2>/dev/null"
DB=$full/post.db
export POSTROOM_DB="$DB" POSTROOM_NOW=2026-11-20T09:30:00
ARC=$full/archive IN=$TESTDIR/in
mkdir -p "$IN"
printf 'archive = %s\nquarantine = %s\n' "$ARC" "$full/quarantine" >"$TESTDIR/postroom.conf"
export POSTROOM_CONFIG="$TESTDIR/postroom.conf"
pr init >/dev/null
out=$(make_batch ASC 2) && batch_sheets "$(echo "$out" | head -n 1)" "$TESTDIR/s.pdf"
make_scan "$IN/scan.tif" batch:2:"$TESTDIR/s.pdf"

# Leave some 256 KiB, then log items until the disk refuses one.
free_kib() { df -k "$full" | awk 'NR == 2 { print $4 }'; }
dd if=/dev/zero of="$full/fill" bs=1024 count=$(($(free_kib) - 256)) 2>/dev/null
: >"$TESTDIR/refs"
i=0 refused=0
while [ $i -lt 3000 ]; do
	if ref=$("$POSTROOM_BIN" item add --dept ASC --sender "Sender $i" --addressee "Team $i" 2>"$TESTDIR/add.err"); then
		echo "$ref" >>"$TESTDIR/refs"
	else
		refused=1
		break
	fi
	i=$((i + 1))
done
acked=$(wc -l <"$TESTDIR/refs" | tr -d ' ')
expect_eq "logging stops when the disk is full (after $acked items)" "$refused" 1
ERR=$(cat "$TESTDIR/add.err")
expect_err "saying the disk is full" "the disk holding $DB is full"
[ -z "$ref" ] && _report 1 "the refused item printed no reference" || _report 0 "the refused item printed no reference"

# Then the last byte.
dd if=/dev/zero of="$full/fill2" bs=1 2>/dev/null
expect_eq "no byte is free" "$(df -B1 --output=avail "$full" | tail -n 1 | tr -d ' ')" 0
run pr item add --dept ASC --sender S --addressee A
expect_err "an item is refused with no byte free" "is full"
expect_eq "without a reference" "$OUT" ""
run pr batch open --dept ASC
expect_err "so is a batch" "is full"
run pr ingest "$IN/scan.tif"
expect_eq "an ingest fails" "$RC" 1
expect_eq "leaving the scan file where it was" "$(ls "$IN")" "scan.tif"
expect_eq "and no PDF or original half written in the archive" \
	"$(find "$ARC" -type f 2>/dev/null | wc -l | tr -d ' ')" 0

# Space returns.
rm -f "$full/fill" "$full/fill2"
expect_eq "the database passes SQLite's integrity check" "$(sqlite3 "$DB" "PRAGMA integrity_check")" "ok"
check "the daily figures agree with the items" pr report check
check "the audit chain holds" pr audit verify
want=$((acked + 2))
expect_eq "every acknowledged item is there once ($want)" \
	"$(sqlite3 "$DB" "SELECT count(*) || '/' || count(DISTINCT ref) FROM items")" "$want/$want"
expect_eq "each with its audit event" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM audit_events WHERE entity = 'item' AND to_state = 'received'")" "$want"
expect_eq "none that was refused" "$(sqlite3 "$DB" "SELECT count(*) FROM items WHERE sender = 'S' OR sender = 'Sender $i'")" 0
check "work goes on: an item" pr item add --dept ASC --sender S --addressee A
check "and the scan file goes in" pr ingest "$IN/scan.tif"
expect_eq "recorded once, its original archived once" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM scan_files WHERE status = 'ingested'")/$(find "$ARC/originals" -type f | wc -l | tr -d ' ')" "1/1"
