# postroom item index and item rescan: after the scan, from the command
# line (the Scan screen calls the same core functions); each refusal
# changes nothing.
. tests/lib.sh
. tests/scan.sh
plan 21

check "init" pr init
make_batch REV 2 >"$TESTDIR/batch"
B=$(sed -n 1p "$TESTDIR/batch") I1=$(sed -n 2p "$TESTDIR/batch") I2=$(sed -n 3p "$TESTDIR/batch")
batch_sheets "$B" "$TESTDIR/s.pdf"
check "a scan of the batch" make_scan "$TESTDIR/scan.tif" --dpi 200 batch:1:"$TESTDIR/s.pdf"
check "ingested" pr ingest "$TESTDIR/scan.tif"
events() { sqlite3 "$DB" "SELECT count(*) FROM audit_events"; }

run pr item index "$I1" --sender "HM Revenue & Customs" --addressee "Ann Smith"
expect_eq "item index: exit 0" "$RC" 0
expect_out "and says what it set" "^$I1 indexed: from HM Revenue & Customs to Ann Smith$"
run pr item show "$I1"
expect_out "item show has the new addressee" "^Addressee +Ann Smith$"
n=$(events)
expect_exit 1 "an empty sender is refused" pr item index "$I1" --sender " " --addressee "Bob"
expect_err "naming the field" "sender is required"
expect_exit 2 "--addressee is required" pr item index "$I1" --sender "X"
expect_exit 1 "an unknown item is refused" pr item index I990101-0042A --sender S --addressee A
expect_eq "the refusals wrote nothing" "$(events)" "$n"

run pr item rescan "$I2" --reason "page 2 cut off"
expect_eq "item rescan: exit 0" "$RC" 0
expect_out "and says where the item went" "^$I2 marked for rescan: back in batch $B, waiting for its scan$"
run pr item show "$I2" --format json
expect_out "item show: batched, with no pages any more" '"status": *"batched"'
run pr batch list --format csv
expect_out "the batch is closed again" "^$B,REV,closed,"
n=$(events)
expect_exit 1 "a second rescan is refused" pr item rescan "$I2" --reason again
expect_err "saying why" "is batched: only a scanned item can be marked for rescan"
expect_exit 2 "--reason is required" pr item rescan "$I1"
expect_eq "the refusals wrote nothing" "$(events)" "$n"
check "its pages scanned again behind the batch's sheets give it a new image" sh -c \
	"'$MKSCAN' -o '$TESTDIR/again.tif' --dpi 200 sheet:1:'$TESTDIR/s.pdf' sheet:3:'$TESTDIR/s.pdf' letter:7 >/dev/null 2>&1 && '$POSTROOM_BIN' ingest '$TESTDIR/again.tif' | grep -q '$I2'"
run pr batch list --format csv
expect_out "and the batch is scanned again" "^$B,REV,scanned,"
