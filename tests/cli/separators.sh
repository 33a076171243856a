# Reusable separator sheets: `sheets separator` makes them, and a batch
# split by them gives each document to the batch's next item in tray order
# (postroom's own sheets, scanned with mkscan, read back with zbar and
# poppler): the right number of documents, one too few (the item left
# over is a problem), one too many (a new item of the batch's department),
# and both kinds of separator in one batch.
. tests/lib.sh
. tests/scan.sh
plan 32

check "init" pr init
run pr sheets separator -o "$TESTDIR/sep.pdf" --copies 2
expect_eq "sheets separator exits 0" "$RC" 0
expect_out "and says what it wrote" "2 reusable separator sheets written to"
expect_eq "one page a copy" "$(pdf_pages "$TESTDIR/sep.pdf")" 2
expect_eq "each sheet carries the reusable code" "$(read_codes "$TESTDIR/sep.pdf" | sort -u | tr '\n' ' ')" \
	"1 CODE-128:POSTROOM-NEXT 2 CODE-128:POSTROOM-NEXT "
run pr sheets separator --copies 2
expect_eq "without -o it is a usage error" "$RC" 2
run pr sheets separator -o "$TESTDIR/x.pdf" --copies 501
expect_eq "at most 500 copies" "$RC" 2

mkdir -p "$TESTDIR/in"
SEP="sheet:1:$TESTDIR/sep.pdf"

# scan_batch NAME N LAYOUT...: a batch of N items, its header sheet, then
# LAYOUT pages (S for a reusable separator, Sn for item n's own separator,
# L for a letter); ingests it; the batch and items in $TESTDIR/NAME.refs.
scan_batch() {
	name=$1 n=$2
	shift 2
	make_batch REV "$n" >"$TESTDIR/$name.refs"
	b=$(sed -n 1p "$TESTDIR/$name.refs")
	batch_sheets "$b" "$TESTDIR/$name.pdf"
	set -- "sheet:1:$TESTDIR/$name.pdf" $(for p in "$@"; do
		case $p in
		S) echo "$SEP" ;;
		S*) echo "sheet:$((${p#S} + 1)):$TESTDIR/$name.pdf" ;;
		L) echo letter ;;
		esac
	done)
	make_scan "$TESTDIR/in/$name.tif" --dpi 200 "$@" >/dev/null 2>&1
	run pr ingest --format csv "$TESTDIR/in/$name.tif"
}
item_of() { sed -n "$(($2 + 1))p" "$TESTDIR/$1.refs"; }
pdf_of() { pr item show "$1" --format json | sed -n 's/.*"pdf": "\([^"]*\)".*/\1/p'; }

# As many documents as items: tray order.
scan_batch even 3 S L L S L S L
expect_eq "three documents for three items: exit 0" "$RC" 0
expect_eq "three rows" "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)" 3
expect_eq "the first item has the first document's pages" "$(pdf_marks "$(pdf_of "$(item_of even 1)")")" "3 4"
expect_eq "the second the second's" "$(pdf_marks "$(pdf_of "$(item_of even 2)")")" "6"
expect_eq "the third the third's" "$(pdf_marks "$(pdf_of "$(item_of even 3)")")" "8"
run pr batch show "$(item_of even 0)" --format csv
expect_eq "the batch is scanned" "$(printf '%s\n' "$OUT" | grep -c ',scanned,')" 3

# One document too few: the last item is left, a problem with both counts.
scan_batch short 3 S L S L
expect_eq "two documents for three items: exit 1" "$RC" 1
expect_out "the third item is a no-pages problem" "no-pages"
expect_eq "two items scanned" "$(pr item list --status scanned --format csv | grep -c "$(item_of short 0 | cut -c2-7)")" "$((3 + 2))"
run pr scan exceptions --format csv
expect_out "scan exceptions names the item left over" "no-pages,.*,$(item_of short 3),open"
expect_out "with both numbers to reconcile" "the batch has 3 items waiting, the file gave 2 documents"
run pr item show "$(item_of short 3)" --format csv
expect_out "it is still waiting in its batch" ",batched,"

# One document too many: a new item of the batch's department, scanned.
before=$(pr item list --format csv | tail -n +2 | grep -c .)
scan_batch long 2 S L S L S L L
expect_eq "three documents for two items: exit 0" "$RC" 0
expect_eq "three rows" "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)" 3
after=$(pr item list --format csv | tail -n +2 | grep -c .)
expect_eq "one item more than logged" "$after" "$((before + 2 + 1))"
new=$(printf '%s\n' "$OUT" | tail -n 1 | cut -d, -f3)
run pr item show "$new" --format csv
expect_out "the new item is of the batch's department, scanned" ",REV,.*,scanned,"
expect_eq "with the last document's pages" "$(pdf_marks "$(pdf_of "$new")")" "7 8"
run pr batch show "$(item_of long 0)"
expect_out "in the batch" "$new"

# Both kinds in one batch: an item's own separator is its own; the reusable
# ones give the others in tray order, skipping the one named.
scan_batch mixed 3 S2 L S L S L
expect_eq "mixed separators: exit 0" "$RC" 0
expect_eq "item 2 has the pages after its own separator" "$(pdf_marks "$(pdf_of "$(item_of mixed 2)")")" "3"
expect_eq "item 1 the first reusable document" "$(pdf_marks "$(pdf_of "$(item_of mixed 1)")")" "5"
expect_eq "item 3 the second" "$(pdf_marks "$(pdf_of "$(item_of mixed 3)")")" "7"

# The reusable code is never a reference.
run pr item show POSTROOM-NEXT
expect_eq "POSTROOM-NEXT is not a reference" "$RC" 1
expect_err "and the error says so" "reference"
run pr scan exceptions --format csv
expect_eq "only the short batch's item is a problem" "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)" 1
