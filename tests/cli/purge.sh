# postroom purge: retention. Items past their keep date (the keep_days
# setting, or their department's own) lose their sender, addressee and
# scans; scan files whose items are all purged lose their original; items
# still being handled, and items not yet due, keep everything. Counts, the
# daily figures and the audit chain stay as they were; a dry run changes
# nothing; a file that cannot be removed is named, not fatal; admins only.
. tests/lib.sh
. tests/scan.sh
plan 43
ARC=$TESTDIR/archive QUA=$TESTDIR/quarantine
cat >"$TESTDIR/postroom.conf" <<EOF
archive = $ARC
quarantine = $QUA
keep_days = 30
EOF
export POSTROOM_CONFIG="$TESTDIR/postroom.conf"
export POSTROOM_NOW=2026-01-05T10:00:00
pr init >/dev/null
pr operator add "$(id -un)" --role admin >/dev/null

# ASC keeps 30 days (the setting), HR 400 days of its own.
out=$(make_batch ASC 3) && batch_sheets "$(echo "$out" | head -n 1)" "$TESTDIR/asc.pdf"
set -- $(echo "$out" | tail -n +2); A1=$1 A2=$2 A3=$3
make_scan "$TESTDIR/asc.tif" batch:1:"$TESTDIR/asc.pdf"
out=$(make_batch HR 1) && batch_sheets "$(echo "$out" | head -n 1)" "$TESTDIR/hr.pdf"
H1=$(echo "$out" | tail -n 1)
make_scan "$TESTDIR/hr.tif" batch:1:"$TESTDIR/hr.pdf"
check "the scan files go in" pr ingest "$TESTDIR/asc.tif" "$TESTDIR/hr.tif"
W1=$(pr item add --dept ASC --sender "Waiting Sender" --addressee "Waiting Team")
pdfs=$(sqlite3 "$DB" "SELECT pdf_path FROM scan_images ORDER BY id")
orig=$(sqlite3 "$DB" "SELECT archive_path FROM scan_files ORDER BY id")
present() { for _f in $pdfs $orig; do [ -f "$_f" ] && echo "$_f"; done; }
expect_eq "4 item PDFs and 2 originals in the archive" "$(present | wc -l | tr -d ' ')" 6

check "HR keeps its items 400 days" pr dept set hr --keep-days 400
run pr dept list --format csv
expect_out "dept list shows HR's keep days" "^HR,.*,400,"
expect_exit 2 "keep days above 36500 are bad usage" pr dept set HR --keep-days 40000
expect_exit 1 "an unknown department is refused" pr dept set NOPE --keep-days 10
expect_err "and named" "no department with code 'NOPE'"

before_counts=$(pr report daily --from 2026-01-05 --to 2026-01-05 --format csv | tail -n 1)
before_events=$(sqlite3 "$DB" "SELECT count(*) FROM audit_events")

export POSTROOM_NOW=2026-03-01T10:00:00
expect_exit 2 "--before is required" pr purge
expect_exit 2 "a bad day is bad usage" pr purge --before 2026-02-30

# 30 days after 2026-01-05 is 2026-02-04: on 2026-02-03 nothing is due.
run env POSTROOM_NOW=2026-02-03T10:00:00 "$POSTROOM_BIN" purge --before 2026-02-01 --dry-run
expect_out "before the keep date nothing is due" "^Dry run, nothing changed: before 2026-02-01, 0 items"

check "a dry run" pr purge --before 2026-02-01 --dry-run
expect_out "the dry run lists ASC's items" "^item +$A1 +2026-01-05 +would go"
expect_out "and their PDFs" "^image +$A2 .*would go +$ARC/2026/01/05/$A2.pdf"
expect_out "and the ASC scan file's original" "^original +F1 .*would go +$ARC/originals/"
expect_out "the dry run sums up" "3 items would lose sender and addressee, 3 scan images, 1 scan file"
if printf '%s\n' "$OUT" | grep -Eq "$H1|$W1"; then _report 0 "HR's item (400 days) and the waiting item are not listed"
else _report 1 "HR's item (400 days) and the waiting item are not listed"; fi
expect_eq "the dry run changed nothing in the database" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM items WHERE purged_at IS NOT NULL OR sender = ''")/$(sqlite3 "$DB" "SELECT count(*) FROM audit_events")" \
	"0/$before_events"
expect_eq "and removed no file" "$(present | wc -l | tr -d ' ')" 6

# A file that cannot be removed: a folder where A1's PDF was (root can
# remove files from any folder, so a read-only folder would not do).
A1PDF=$ARC/2026/01/05/$A1.pdf
mv "$A1PDF" "$TESTDIR/a1.pdf" && mkdir "$A1PDF"
run pr purge --before 2026-02-01
expect_eq "a file that cannot be removed fails the run, after the rest" "$RC" 1
expect_err "it is named, with what to do" "$A1PDF is not a regular file.*remove it by hand"
expect_out "the purge sums up" "^Purged before 2026-02-01: 3 items \(sender, addressee\), 3 scan images, 1 scan file, 0 problem PDFs; 3 files removed, 0 already gone, 1 not removed"
rmdir "$A1PDF"
expect_eq "the three ASC items lost sender and addressee" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM items WHERE sender = '' AND addressee = '' AND purged_at IS NOT NULL")" 3
expect_eq "the others keep theirs" \
	"$(sqlite3 "$DB" "SELECT group_concat(ref || ':' || sender, ' ') FROM (SELECT ref, sender FROM items WHERE purged_at IS NULL ORDER BY ref)")" \
	"$H1:Sender 1 $W1:Waiting Sender"
expect_eq "their images are marked purged" "$(sqlite3 "$DB" "SELECT count(*) FROM scan_images WHERE purged_at IS NOT NULL")" 3
expect_eq "the ASC scan file is marked purged, HR's is not" \
	"$(sqlite3 "$DB" "SELECT group_concat(id || ':' || (purged_at IS NOT NULL)) FROM scan_files")" "1:1,2:0"
expect_eq "HR's PDF and original are all that is left" "$(present | tr '\n' ' ')" \
	"$(echo "$pdfs" | tail -n 1) $(echo "$orig" | tail -n 1) "

run pr item show "$A1" --format json
expect_out "item show has no sender any more" '"sender": ""'
if printf '%s\n' "$OUT" | grep -q '"pdf": "/'; then _report 0 "item show names no purged PDF"; else _report 1 "item show names no purged PDF"; fi
run pr audit "$A1"
expect_out "the item's trail says it was purged" "scanned -> purged +retention: sender, addressee and 1 scan image removed"
run pr audit 2026-02-01
expect_out "the run has its summary event" "purge +2026-02-01 +\(new\) -> done +retention before 2026-02-01 \(keep_days 30\): 3 items"
check "the audit chain holds after the purge" pr audit verify
check "the daily figures agree with the items" pr report check
expect_eq "the day's counts are as before (5 received, 4 scanned)" \
	"$(pr report daily --from 2026-01-05 --to 2026-01-05 --format csv | tail -n 1)|$(echo "$before_counts" | cut -d, -f1-3)" \
	"$before_counts|2026-01-05,5,4"

check "a second run" pr purge --before 2026-02-01
expect_out "finds nothing more" "^Purged before 2026-02-01: 0 items"
expect_eq "and writes no event" "$(sqlite3 "$DB" "SELECT count(*) FROM audit_events WHERE entity = 'purge'")" 1

# HR's 400 days from 2026-01-05: due from 2027-02-09.
run env POSTROOM_NOW=2027-02-10T10:00:00 "$POSTROOM_BIN" purge --before 2027-01-01
expect_out "HR's item goes once its own keep date has come" "^item +$H1 .*purged"
expect_out "with its scan file" "^original +F2 .*removed"
expect_eq "the waiting item is still not purged" "$(sqlite3 "$DB" "SELECT purged_at IS NULL FROM items WHERE ref = '$W1'")" 1
check "the audit chain holds" pr audit verify

# Admins only: a supervisor is refused.
DB2=$TESTDIR/other.db
POSTROOM_DB=$DB2 "$POSTROOM_BIN" init >/dev/null 2>&1
POSTROOM_DB=$DB2 "$POSTROOM_BIN" dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
# init made this login the first admin; no command demotes one, so SQL does.
sqlite3 "$DB2" "UPDATE operators SET role = 'supervisor' WHERE login = '$(id -un)'"
run env POSTROOM_DB="$DB2" "$POSTROOM_BIN" purge --before 2027-01-01 --dry-run
expect_eq "a supervisor may not purge" "$RC" 1
expect_err "the refusal names the role" "may not see what a purge would remove: that needs the admin role"
run env POSTROOM_DB="$DB2" "$POSTROOM_BIN" dept set ASC --keep-days 10
expect_err "nor set a department's keep days" "may not set a department's keep days: that needs the admin role"
