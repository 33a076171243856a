# Tray intake: a tray of ordinary letters logged by count goes into the
# department's open batch as unindexed items, whole or not at all, and a
# scan of it split by reusable separators gives each letter to the next
# item in tray order.
. tests/lib.sh
. tests/scan.sh
plan 21
export POSTROOM_NOW=2026-11-20T09:30:00

check "init" pr init
check "a department" pr dept add REV --name Revenues --email rev@county.example
run pr item add --dept REV --count 25
expect_eq "item add --count exits 0" "$RC" 0
expect_eq "it prints the first and the last reference" "$(printf '%s\n' "$OUT" | grep -c '^I261120-[0-9]\{4\}[A-Z]$')" 2
first=$(printf '%s\n' "$OUT" | sed -n 1p) last=$(printf '%s\n' "$OUT" | sed -n 2p)
expect_err "and says which batch they went into" "a tray of 25 items in batch B261120-0001[A-Z]: $first to $last"
B=$(printf '%s\n' "$ERR" | sed -n 's/.* in batch \(B[0-9A-Z-]*\):.*/\1/p')
run pr batch show "$B" --format csv
expect_eq "the batch holds the 25 items" "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c ',batched,')" 25
expect_eq "in order, the first first" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -d, -f2)" "$first"
expect_eq "and the last last" "$(printf '%s\n' "$OUT" | tail -n 1 | cut -d, -f2)" "$last"
run pr item show "$first" --format json
expect_out "an item of the tray is a letter with no sender or addressee yet" \
	'"sender": "", "addressee": "", "kind": "letter", "service": "standard"'
run pr report daily --format csv --from 2026-11-20
expect_out "the day counts them received" "^2026-11-20,25,"
run pr item add --dept REV --count 5
expect_eq "a second tray joins the same open batch" "$(printf '%s\n' "$ERR" | grep -c "in batch $B:")" 1

before=$(pr item list --format csv | tail -n +2 | grep -c .)
expect_exit 2 "--count 0 is refused" pr item add --dept REV --count 0
expect_exit 2 "--count 2001 is refused" pr item add --dept REV --count 2001
expect_exit 2 "--count with --sender is refused" pr item add --dept REV --count 3 --sender "HMRC"
expect_err "naming the option" "--sender is for one item"
expect_exit 1 "an unknown department is refused" pr item add --dept NOPE --count 3
expect_eq "nothing was logged by the refusals" "$(pr item list --format csv | tail -n +2 | grep -c .)" "$before"

# A scan of a small tray, split by reusable separators.
run pr item add --dept REV --count 3 --received 2026-11-20T10:00:00
check "a department with one open batch: close it" pr batch close "$B"
run pr item add --dept REV --count 3
t1=$(printf '%s\n' "$OUT" | sed -n 1p)
B2=$(printf '%s\n' "$ERR" | sed -n 's/.* in batch \(B[0-9A-Z-]*\):.*/\1/p')
pr batch close "$B2" >/dev/null 2>&1
batch_sheets "$B2" "$TESTDIR/sheets.pdf"
pr sheets separator -o "$TESTDIR/sep.pdf" >/dev/null
make_scan "$TESTDIR/tray.tif" --dpi 200 "sheet:1:$TESTDIR/sheets.pdf" \
	"sheet:1:$TESTDIR/sep.pdf" letter "sheet:1:$TESTDIR/sep.pdf" letter letter \
	"sheet:1:$TESTDIR/sep.pdf" letter >/dev/null 2>&1
run pr ingest --format csv "$TESTDIR/tray.tif"
expect_eq "the tray's scan goes in whole" "$RC" 0
expect_eq "the first of the tray has the first letter" \
	"$(printf '%s\n' "$OUT" | grep ",$t1," | cut -d, -f4)" 1
run pr batch show "$B2" --format csv
expect_eq "the three letters of the tray are scanned, in tray order" \
	"$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f4 | tr '\n' ' ')" "scanned scanned scanned "
