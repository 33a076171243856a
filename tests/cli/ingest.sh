# postroom ingest from the command line: scan files made by mkscan from
# postroom's own batch sheets go in with the real binary and a real
# database; each item's PDF is read back with poppler and zbar to prove
# which scan pages went to which item; every compression and depth, pages
# turned, skewed and speckled, letters with barcodes of their own, blank
# pages, the reusable separator, each scan problem and its resolution,
# each kind of bad file, the same file twice and folders.
. tests/lib.sh
. tests/scan.sh
plan 187
export POSTROOM_NOW=2026-11-20T09:30:00
ARC=$TESTDIR/archive QUA=$TESTDIR/quarantine IN=$TESTDIR/in
DAY=$ARC/2026/11/20
mkdir -p "$IN"
cat >"$TESTDIR/postroom.conf" <<EOF
archive = $ARC
quarantine = $QUA
hot_folder = $TESTDIR/hot
EOF
export POSTROOM_CONFIG="$TESTDIR/postroom.conf"
pr init >/dev/null

# --- helpers -------------------------------------------------------------
# A csv listing on stdin, its rows where column FCOL is FVAL ("" for all),
# the columns COL... joined by ';' (python's csv reader: details and page
# lists hold commas).
pcsv() { # pcsv FCOL FVAL COL...
	/usr/bin/python3 -c '
import csv, sys
fc, fv, cols = sys.argv[1], sys.argv[2], sys.argv[3:]
for row in csv.DictReader(sys.stdin):
    if fc == "" or row[fc] == fv:
        print(";".join(row[c] for c in cols))' "$@"
}
# A field of item REF's `item show --format json` (its first line).
item_field() { # item_field REF NAME
	pr item show "$1" --format json | head -n 1 |
		sed -n "s/.*\"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\}[,}].*/\1/p"
}
status_of() { item_field "$1" status; }
pdf_of() { item_field "$1" pdf; }
# The scan pages in item REF's PDF, from the letters' page marks.
marks_of() { _p=$(pdf_of "$1"); [ -n "$_p" ] && [ -f "$_p" ] && pdf_marks "$_p"; }
# "REF: marks|..." for REF..., to compare with want_split.
got_split() {
	for _r in "$@"; do printf '%s: %s|' "$_r" "$(marks_of "$_r")"; done
}
# The same from mkscan's --map in MAP, for the items REF... in the order of
# their separators in the file.
want_split() { # want_split MAP REF...
	_m=$1
	shift
	map_split "$_m" | cut -d' ' -f2- >"$TESTDIR/.split"
	_i=1
	for _r in "$@"; do
		printf '%s: %s|' "$_r" "$(sed -n "${_i}p" "$TESTDIR/.split")"
		_i=$((_i + 1))
	done
}
# Every image of PDF as "color/bpc/enc" once: "gray/1/ccitt".
pdf_kinds() {
	_k=$(pdfimages -list "$1" 2>/dev/null | awk 'NR > 2 { print $6 "/" $8 "/" $9 }' | sort -u)
	echo $_k
}
# "A4" when every page of PDF is A4 (595 x 842 pt to the point).
pdf_a4() {
	pdfinfo -f 1 -l 999 "$1" 2>/dev/null | awk '/^Page +[0-9]+ size:/ {
		n++; if (int($4 + 0.5) == 595 && int($6 + 0.5) == 842) ok++ }
		END { print (n > 0 && n == ok) ? "A4" : n " pages, " ok " A4" }'
}
rows_of() { printf '%s\n' "$OUT" | grep -c "$1"; }
scanned_today() {
	pr report daily --from 2026-11-20 --to 2026-11-20 --format csv | pcsv "" "" scanned
}
files_recorded() { sqlite3 "$DB" "SELECT count(*) FROM scan_files"; }
audit_rows() { sqlite3 "$DB" "SELECT count(*) FROM audit_events"; }
# A new batch of N items of ASC: B, its items in R1..RN, its sheets in S.
new_batch() { # new_batch N
	set -- $(make_batch ASC "$1")
	B=$1
	shift
	REFS="$*"
	_i=1
	for _r in "$@"; do eval "R$_i=\$_r"; _i=$((_i + 1)); done
	S="$TESTDIR/sheets-$B.pdf"
	batch_sheets "$B" "$S"
}

# --- the common case: a G4 300 dpi duplex batch --------------------------
new_batch 3
F=$IN/common.tif
make_scan "$F" --duplex --pagenumber --map batch:2:"$S" >"$TESTDIR/common.map"
cp "$F" "$TESTDIR/common.copy"
before=$(scanned_today)
run pr ingest --format csv "$F"
expect_eq "a duplex G4 batch goes in whole" "$RC" 0
expect_eq "csv header" "$(printf '%s\n' "$OUT" | head -n 1)" \
	"file,batch,item,pages,blank_pages,pdf,problem"
expect_eq "one row per item: 2 letter pages, their 2 blank backs counted" \
	"$(printf '%s\n' "$OUT" | pcsv "" "" file batch item pages blank_pages problem | tr '\n' '|')" \
	"common.tif;$B;$R1;2;2;|common.tif;$B;$R2;2;2;|common.tif;$B;$R3;2;2;|"
expect_eq "each PDF in the archive by date, named by its item" \
	"$(printf '%s\n' "$OUT" | pcsv "" "" pdf | tr '\n' '|')" \
	"$DAY/$R1.pdf|$DAY/$R2.pdf|$DAY/$R3.pdf|"
expect_eq "each item's PDF holds exactly its letter pages" "$(got_split $REFS)" \
	"$(want_split "$TESTDIR/common.map" $REFS)"
expect_eq "the split is the one the sheets say" "$(got_split $REFS)" \
	"$R1: 5 7|$R2: 11 13|$R3: 17 19|"
expect_eq "bilevel pages stay 1-bit CCITT" \
	"$(for r in $REFS; do pdf_kinds "$DAY/$r.pdf"; done | sort -u)" "gray/1/ccitt"
expect_eq "A4 pages" "$(for r in $REFS; do pdf_a4 "$DAY/$r.pdf"; done | sort -u)" A4
expect_eq "the blank backs are kept beside the PDF" \
	"$(pdf_pages "$DAY/$R2-blank.pdf") $(pdf_marks "$DAY/$R2-blank.pdf")" "2 - -"
expect_eq "items scanned" "$(for r in $REFS; do status_of "$r"; done | sort -u)" scanned
run pr batch show "$B"
expect_out "the batch is scanned" "^Batch $B .* scanned, 3 items"
expect_eq "the day's scanned figure moved at once" "$(scanned_today)" "$((before + 3))"
expect_eq "item show gives pages, blank pages and the PDF" \
	"$(item_field "$R1" pages) $(item_field "$R1" blank_pages) $(pdf_of "$R1")" "2 2 $DAY/$R1.pdf"
CB=$B CS=$S CR1=$R1
O=$ARC/originals/2026/11/20/common.tif
check "the original is kept unchanged in archive/originals" cmp "$O" "$TESTDIR/common.copy"
expect_eq "and is no longer in the folder it came from" "$(ls "$IN")" ""
expect_eq "scan list records where it is and its SHA-256" \
	"$(pr scan list --format csv | pcsv "" "" path status pages batch items sha256)" \
	"$O;ingested;20;$B;3;$(sha256sum <"$TESTDIR/common.copy" | cut -d' ' -f1)"
expect_eq "each PDF's recorded SHA-256 is its own" \
	"$(sqlite3 "$DB" "SELECT pdf_path || ' ' || sha256 FROM scan_images ORDER BY id" |
		while read -r p h; do [ "$(sha256sum <"$p" | cut -d' ' -f1)" = "$h" ] && echo ok; done |
		tr '\n' ' ')" "ok ok ok "

# --- every compression, depth, layout and resolution ----------------------
# A batch of 2 items with a letter each (5 pages), written each way; the
# text listing of the first.
first=1
for c in "--compression g3" "--compression g3-2d" "--compression none" \
	"--compression lzw" "--rows-per-strip 100" "--tiles" "--big-endian" \
	"--depth 8 --compression lzw" "--depth 8 --compression deflate --predictor" \
	"--depth 8 --compression jpeg" "--depth 24 --compression lzw" \
	"--depth 24 --compression deflate" "--depth 24 --compression jpeg" \
	"--depth 24 --compression jpeg --tiles --big-endian" "--dpi 200" \
	"--dpi 200 --depth 8 --compression deflate" "--dpi 200 --depth 24 --compression jpeg"; do
	new_batch 2
	F=$IN/way.tif
	# shellcheck disable=SC2086
	make_scan "$F" $c --map batch:1:"$S" >"$TESTDIR/way.map"
	run pr ingest "$F"
	if [ "$first" = 1 ]; then
		expect_out "the text listing has a header" "^FILE +BATCH +ITEM +PAGES +BLANK +PDF"
		first=0
	fi
	expect_eq "$c: goes in, a row per item" "$RC $(rows_of "^way.tif  *$B  *I.*  *1  *0  *$DAY/")" "0 2"
	expect_eq "$c: the split is exact" "$(got_split $REFS)" "$(want_split "$TESTDIR/way.map" $REFS)"
	case $c in
	*"depth 8"*) want="gray/8/(jpeg|image)" ;;
	*"depth 24"*) want="rgb/8/(jpeg|image)" ;;
	*) want="gray/1/ccitt" ;;
	esac
	got="$(pdf_kinds "$DAY/$R1.pdf") $(pdf_a4 "$DAY/$R1.pdf") $(pdf_kinds "$DAY/$R2.pdf") $(pdf_a4 "$DAY/$R2.pdf")"
	OUT=$got
	expect_out "$c: PDF images $want, A4 pages ($got)" "^$want A4 $want A4\$"
done

# --- pages turned, skewed, speckled; letters' own codes; blank pages ------
new_batch 3
F=$IN/fed.tif
make_scan "$F" --map sheet:1:"$S" rot180/sheet:2:"$S" letter skew=2.5/letter \
	skew=2.5/sheet:3:"$S" letter-code:HMRC-1234567 speckle=300/skew=-2.5/sheet:4:"$S" \
	letter blank speckle=40/blank rot180/letter >"$TESTDIR/fed.map"
run pr ingest --format csv "$F"
expect_eq "turned, skewed and speckled separators all found" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" item pages blank_pages | tr '\n' '|')" \
	"0 $R1;2;0|$R2;1;0|$R3;2;2|"
expect_eq "the split is exact" "$(got_split $REFS)" "$R1: 3 4|$R2: 6|$R3: 8 11|"
expect_eq "as the map says" "$(got_split $REFS)" "$(want_split "$TESTDIR/fed.map" $REFS)"
expect_eq "the letter's own Code 128 stays content in its item's PDF" \
	"$(read_codes "$DAY/$R2.pdf")" "1 CODE-128:HMRC-1234567 CODE-39:P0006"
expect_eq "blank pages inside a letter are kept in REF-blank.pdf" \
	"$(pdf_pages "$DAY/$R3-blank.pdf") $(item_field "$R3" blank_pages)" "2 2"
expect_eq "no blank PDF for an item without blank pages" "$(ls "$DAY" | grep -c "^$R1-blank")" 0
run sqlite3 "$DB" "SELECT page_list || ';' || blank_list FROM scan_images i JOIN items t ON t.id = i.item_id WHERE t.ref = '$R3'"
expect_eq "the blank pages' numbers are recorded" "$OUT" "8, 11;9-10"

# --- the reusable separator -------------------------------------------------
# Four documents behind "next document" sheets for a batch of 3: its items
# in tray order, then a new item of the batch's department.
new_batch 3
F=$IN/next.tif
NEXT=code:POSTROOM-NEXT
make_scan "$F" --duplex sheet:1:"$S" $NEXT letter $NEXT letter letter $NEXT letter $NEXT letter
run pr ingest --format csv "$F"
expect_eq "four documents, no problem" "$RC $(printf '%s\n' "$OUT" | pcsv "" "" problem | tr -d '\n')" "0 "
NEW=$(printf '%s\n' "$OUT" | pcsv "" "" item | sed -n 4p)
expect_eq "the batch's items in tray order, then a new item" \
	"$(printf '%s\n' "$OUT" | pcsv "" "" batch item pages | tr '\n' '|')" \
	"$B;$R1;1|$B;$R2;2|$B;$R3;1|$B;$NEW;1|"
expect_eq "each holds its pages" "$(got_split $REFS $NEW)" "$R1: 5|$R2: 9 11|$R3: 15|$NEW: 19|"
expect_eq "the new item is the department's, scanned, in the batch" \
	"$(item_field "$NEW" dept) $(status_of "$NEW") $(item_field "$NEW" batch)" "ASC scanned $B"
run pr batch show "$B"
expect_out "the batch has 4 items, all scanned" "^Batch $B .* scanned, 4 items"
# The sheet skips items the file names with their own separators.
new_batch 2
make_scan "$F" sheet:1:"$S" $NEXT letter sheet:2:"$S" letter
run pr ingest --format csv "$F"
expect_eq "a reusable separator skips an item named later in the file" \
	"$RC $(got_split $REFS)" "0 $R1: 5|$R2: 3|"

# --- scan problems ------------------------------------------------------------
# References that look right (check letter and all) but are not on record
# here: a batch and items of another database, logged the day before.
ODB=$TESTDIR/other.db
(
	export POSTROOM_DB="$ODB" POSTROOM_NOW=2026-11-19T10:00:00
	pr init >/dev/null
	make_batch ASC 1 >"$TESTDIR/other.refs"
	batch_sheets "$(head -n 1 "$TESTDIR/other.refs")" "$TESTDIR/other-sheets.pdf"
)
OB=$(sed -n 1p "$TESTDIR/other.refs") OR=$(sed -n 2p "$TESTDIR/other.refs")
OS=$TESTDIR/other-sheets.pdf
expect_eq "the other database's references are not on record here" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM items WHERE ref = '$OR'")$(sqlite3 "$DB" "SELECT count(*) FROM batches WHERE ref = '$OB'")" "00"
# FILE's problems, oldest first, as "kind;pages;batch;ref;status|...".
problems_of() { # problems_of FILE
	pr scan exceptions --all --format csv | pcsv file "$1" kind pages batch ref status | tr '\n' '|'
}
# The scan pages each of FILE's problems keeps in its PDF, "kind: marks|",
# "none" where it keeps no pages; the PDFs must be under archive/problems.
problem_marks() { # problem_marks FILE
	pr scan exceptions --all --format csv | pcsv file "$1" kind pdf |
		while IFS=';' read -r k p; do
			case $p in
			"") echo "$k: none" ;;
			"$ARC/problems/2026/11/20/"*) echo "$k: $(pdf_marks "$p")" ;;
			*) echo "$k: outside archive/problems: $p" ;;
			esac
		done | tr '\n' '|'
}
problem_id() { # problem_id FILE N: the Nth problem of FILE
	pr scan exceptions --all --format csv | pcsv file "$1" id | sed -n "${2}p"
}

# No header: each separator's pages are kept as a problem naming its item.
new_batch 2
NB_R1=$R1 NB_R2=$R2
make_scan "$IN/nohdr.tif" sheet:2:"$S" letter sheet:3:"$S" letter
run pr ingest --format csv "$IN/nohdr.tif"
expect_eq "no header: exit 1, two problem rows" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" item pages problem | tr '\n' '|')" \
	"1 $R1;1;no-header: separator $R1 with no batch header before it|$R2;1;no-header: separator $R2 with no batch header before it|"
expect_eq "no header: listed with their pages" "$(problems_of nohdr.tif)" \
	"no-header;2;;$R1;open|no-header;4;;$R2;open|"
expect_eq "no header: the pages are kept" "$(problem_marks nohdr.tif)" "no-header: 2|no-header: 4|"
expect_eq "no header: the items still wait" "$(status_of "$R1") $(status_of "$R2")" "batched batched"

# Unknown batch: the header of a batch not on record.
make_scan "$IN/unkbatch.tif" sheet:1:"$OS" letter letter
run pr ingest --format csv "$IN/unkbatch.tif"
expect_eq "unknown batch: exit 1, one problem" "$RC $(printf '%s\n' "$OUT" | pcsv "" "" pages | tr '\n' ' ')" "1 2 "
expect_out "unknown batch: it names the batch" "unknown-batch: .*$OB.*not on record"
expect_eq "unknown batch: listed with its pages" "$(problems_of unkbatch.tif)" "unknown-batch;2-3;;;open|"
expect_eq "unknown batch: the pages are kept" "$(problem_marks unkbatch.tif)" "unknown-batch: 2 3|"

# Pages before the first separator.
new_batch 1
make_scan "$IN/before.tif" sheet:1:"$S" letter letter sheet:2:"$S" letter
run pr ingest --format csv "$IN/before.tif"
expect_eq "before the separator: exit 1, a problem, the item stored" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" item pages blank_pages problem | cut -c1-35 | tr '\n' '|')" \
	"1 ;2;0;before-separator: pages after |$R1;1;0;|"
expect_eq "before the separator: listed" "$(problems_of before.tif)" "before-separator;2-3;$B;;open|"
expect_eq "before the separator: pages kept, and the item's" \
	"$(problem_marks before.tif) $(got_split "$R1")" "before-separator: 2 3| $R1: 5|"
BEFORE_B=$B

# A separator for an item of another batch.
new_batch 1
Q1=$R1 QB=$B QS=$S
new_batch 2
make_scan "$IN/other.tif" sheet:1:"$S" sheet:2:"$S" letter sheet:2:"$QS" letter sheet:3:"$S" letter
run pr ingest --format csv "$IN/other.tif"
expect_eq "another batch's item: exit 1, both items stored" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" item | tr '\n' ' ')" "1 $R1 $Q1 $R2 "
expect_out "another batch's item: the problem says whose it is" "other-batch: item $Q1 is in batch $QB, not $B"
expect_eq "another batch's item: listed" "$(problems_of other.tif)" "other-batch;5;$B;$Q1;open|"
expect_eq "another batch's item: pages kept, the batch's own split exact" \
	"$(problem_marks other.tif) $(got_split "$R1" "$R2")" "other-batch: 5| $R1: 3|$R2: 7|"
expect_eq "another batch's item: it still waits" "$(status_of "$Q1")" batched

# An unknown reference; a code with a wrong check letter is only content.
new_batch 1
case $R1 in *A) BAD=${R1%?}B ;; *) BAD=${R1%?}A ;; esac
make_scan "$IN/unkref.tif" sheet:1:"$S" sheet:2:"$S" letter code:"$BAD" letter code:"$OR" letter
run pr ingest --format csv "$IN/unkref.tif"
expect_eq "unknown reference: exit 1" "$RC" 1
expect_out "unknown reference: it names it" "unknown-ref: separator $OR names no item on record"
expect_eq "unknown reference: listed" "$(problems_of unkref.tif)" "unknown-ref;7;$B;$OR;open|"
expect_eq "unknown reference: pages kept; a wrong check letter stays content" \
	"$(problem_marks unkref.tif) $(got_split "$R1")" "unknown-ref: 7| $R1: 3 - 5|"

# Items with no pages: a separator with none after it, one not in the file.
new_batch 3
NP_R1=$R1 NP_R3=$R3 NP_B=$B
make_scan "$IN/nopages.tif" sheet:1:"$S" sheet:2:"$S" sheet:3:"$S" letter
run pr ingest --format csv "$IN/nopages.tif"
expect_eq "no pages: exit 1, the item with pages stored" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" item pages | tr '\n' ' ')" "1 $R1;0 $R2;1 $R3;0 "
expect_eq "no pages: listed" "$(problems_of nopages.tif)" "no-pages;;$B;$R1;open|no-pages;;$B;$R3;open|"
expect_eq "no pages: no PDF" "$(problem_marks nopages.tif)" "no-pages: none|no-pages: none|"
expect_eq "no pages: those items still wait, the batch is not scanned" \
	"$(status_of "$R1") $(status_of "$R2") $(status_of "$R3") $(pr batch show "$B" | head -n 1 | grep -o closed)" \
	"batched scanned batched closed"

# Scanned twice: within a file, and an item scanned by an earlier file.
new_batch 1
make_scan "$IN/twice.tif" sheet:1:"$S" sheet:2:"$S" letter sheet:2:"$S" letter
run pr ingest --format csv "$IN/twice.tif"
expect_out "twice in a file: says so" "scanned-twice: item $R1 has a separator earlier in this file"
expect_eq "twice in a file: exit 1, the first stored" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" item | tr '\n' ' ')$(got_split "$R1")" "1 $R1 $R1 $R1: 3|"
expect_eq "twice in a file: listed, pages kept" "$(problems_of twice.tif) $(problem_marks twice.tif)" \
	"scanned-twice;5;$B;$R1;open| scanned-twice: 5|"
TW_R1=$R1
make_scan "$IN/again.tif" sheet:1:"$CS" sheet:2:"$CS" letter
run pr ingest --format csv "$IN/again.tif"
expect_out "scanned by an earlier file: says so" "scanned-twice: item $CR1 is scanned already"
expect_eq "scanned by an earlier file: listed, pages kept, the item's image unchanged" \
	"$RC $(problems_of again.tif) $(problem_marks again.tif) $(got_split "$CR1")" \
	"1 scanned-twice;3;$CB;$CR1;open| scanned-twice: 3| $CR1: 5 7|"

# --- resolving problems ---------------------------------------------------------
P=$(problem_id nohdr.tif 1)
a0=$(audit_rows)
run pr scan resolve "$P" --item "$NB_R1"
expect_eq "resolve --item: done" "$RC $OUT" "0 problem $P: pages given to item $NB_R1"
expect_eq "the item is scanned with the problem's pages" "$(status_of "$NB_R1") $(got_split "$NB_R1")" \
	"scanned $NB_R1: 2|"
expect_eq "the problem is assigned, its batch not yet scanned" \
	"$(problems_of nohdr.tif) $(pr batch show "$(item_field "$NB_R1" batch)" | head -n 1 | grep -o closed)" \
	"no-header;2;;$NB_R1;assigned|no-header;4;;$NB_R2;open| closed"
expect_eq "audited with who did it" \
	"$(sqlite3 "$DB" "SELECT actor || ' ' || from_state || ' ' || to_state FROM audit_events WHERE entity = 'scan-problem' AND entity_id = $P AND from_state IS NOT NULL")" \
	"root open assigned"
run pr scan resolve "$(problem_id nohdr.tif 2)" --item "$NB_R2"
expect_eq "the last item given its pages makes the batch scanned" \
	"$RC $(pr batch show "$(item_field "$NB_R2" batch)" | head -n 1 | grep -o scanned) $(got_split "$NB_R2")" \
	"0 scanned $NB_R2: 4|"
run pr scan resolve "$(problem_id other.tif 1)" --item "$Q1"
expect_eq "another batch's item takes its pages; its batch is scanned" \
	"$RC $(got_split "$Q1") $(pr batch show "$QB" | head -n 1 | grep -o scanned)" "0 $Q1: 5| scanned"
P=$(problem_id before.tif 1)
run pr scan resolve "$P" --set-aside "post for another council"
expect_eq "set aside: done" "$RC $OUT" "0 problem $P: pages set aside"
expect_eq "set aside: recorded with the reason and who" \
	"$(pr scan exceptions --all --format csv | pcsv id "$P" status resolution resolved_by)" \
	"set-aside;post for another council;root"
expect_eq "resolved problems leave the open list" \
	"$(pr scan exceptions --format csv | pcsv "" "" file | sort -u | tr '\n' ' ')" \
	"again.tif nopages.tif twice.tif unkbatch.tif unkref.tif "
a1=$(audit_rows) x1=$(pr scan exceptions --all --format csv)
expect_exit 1 "a second resolve is refused" pr scan resolve "$P" --item "$NP_R1"
expect_err "and says why" "resolved already|not open|already"
expect_exit 1 "a second set-aside too" pr scan resolve "$P" --set-aside "again"
expect_eq "and nothing changed" \
	"$(audit_rows) $(status_of "$NP_R1") $([ "$(pr scan exceptions --all --format csv)" = "$x1" ] && echo same)" \
	"$a1 batched same"
# Item and problem for each given; the batch for the two made scanned; the
# problem set aside.
expect_eq "each resolution was audited" "$((a1 - a0))" 9
P=$(problem_id nopages.tif 1)
expect_exit 1 "a problem with no pages cannot go to an item" pr scan resolve "$P" --item "$NP_R1"
expect_err "and says so" "holds no pages"
check "it can be set aside" pr scan resolve "$P" --set-aside "the item was empty"
expect_exit 1 "pages cannot go to an item scanned already" \
	pr scan resolve "$(problem_id twice.tif 1)" --item "$TW_R1"
expect_err "and says so" "$TW_R1 is scanned"
expect_exit 1 "an unknown problem" pr scan resolve 99999 --set-aside "x"
expect_exit 2 "both --item and --set-aside is bad usage" \
	pr scan resolve "$(problem_id twice.tif 1)" --item "$TW_R1" --set-aside "x"

# --- bad files ------------------------------------------------------------------
# Each is quarantined (exit 1) unchanged, with its reason; nothing of it is
# stored: its batch's items still wait, no PDF is written.
new_batch 2
BAD_S=$S BAD_REFS=$REFS
make_scan "$TESTDIR/good.tif" batch:1:"$S"
printf 'Dear Sir, this is not a TIFF at all.\n' >"$TESTDIR/bad-nottiff.tif"
for n in 100 30% 50% 90% 99%; do
	make_scan "$TESTDIR/bad-trunc$(echo "$n" | tr -d %).tif" --truncate "$n" batch:1:"$S"
done
make_scan "$TESTDIR/bad-strip.tif" --corrupt-strip 3 batch:1:"$S"
printf 'II*\000\000\000\000\000' >"$TESTDIR/bad-nopages.tif"
make_scan "$TESTDIR/bad-absurd.tif" sheet:1:"$S" sheet:2:"$S" absurd sheet:3:"$S" letter
dump_state() { # what must not change: items, images, problems, PDFs
	echo "$(for r in $BAD_REFS; do status_of "$r"; done)"
	sqlite3 "$DB" "SELECT count(*) FROM scan_images; SELECT count(*) FROM scan_problems;"
	find "$ARC" -name '*.pdf' | sort
}
dump_state >"$TESTDIR/state0"
for f in nottiff trunc100 trunc30 trunc50 trunc90 trunc99 strip nopages absurd; do
	F=$IN/$f.tif
	cp "$TESTDIR/bad-$f.tif" "$F"
	run pr ingest --format csv "$F"
	expect_eq "$f: quarantined, exit 1" \
		"$RC $(printf '%s\n' "$OUT" | pcsv "" "" file pdf | tr '\n' ' ')" "1 $f.tif;$QUA/$f.tif "
	case $f in
	nottiff) why="not a TIFF" ;;
	trunc*) why="directory .* is damaged|not a readable TIFF" ;;
	strip) why="page 3|damaged|corrupt" ;;
	nopages) why="no pages" ;;
	absurd) why="page 3.*100000|100000 x 100000" ;;
	esac
	R=$(pr scan list --status quarantined --format csv | pcsv path "$QUA/$f.tif" status reason)
	OUT=$R
	expect_out "$f: the reason is recorded ($R)" "^quarantined;.*($why)"
	check "$f: the file is moved unchanged to the quarantine" cmp "$QUA/$f.tif" "$TESTDIR/bad-$f.tif"
	dump_state >"$TESTDIR/state1"
	expect_eq "$f: nothing is stored, nothing left where it was" \
		"$(cmp -s "$TESTDIR/state0" "$TESTDIR/state1" && echo same) $(ls "$IN")" "same "
done
expect_eq "the good file of the same sheets still reads" "$(tiff_pages "$TESTDIR/good.tif")" 5

# A 2 GB file is refused unread (sparse: it takes no room).
F=$IN/huge.tif
truncate -s 2G "$F"
ino=$(stat -c %i "$F")
run pr ingest "$F"
expect_eq "2 GB: quarantined, exit 1" "$RC" 1
expect_eq "2 GB: the reason" "$(pr scan list --status quarantined --format csv | pcsv path "$QUA/huge.tif" reason)" \
	"huge.tif is 2048 MB, larger than the 1024 MB a scan file may be"
expect_eq "2 GB: the same file, moved" "$(stat -c '%i %s' "$QUA/huge.tif")" "$ino 2147483648"
rm -f "$QUA/huge.tif"

# A path that is not there: an error naming it, nothing recorded.
n0=$(files_recorded)
expect_exit 1 "a missing file is an error" pr ingest "$IN/gone.tif"
expect_err "naming it" "postroom: cannot read $IN/gone.tif: No such file"
expect_eq "nothing recorded" "$(files_recorded) $(ls "$QUA" | grep -c gone)" "$n0 0"

# --- the same file twice ----------------------------------------------------------
F=$IN/common-again.tif
cp "$TESTDIR/common.copy" "$F"
n0=$(files_recorded) a0=$(audit_rows) i0=$(pr item list --format csv) x0=$(pr scan exceptions --all --format csv)
run pr ingest --format csv "$F"
expect_eq "the same file again: exit 0, no row" "$RC $OUT" "0 file,batch,item,pages,blank_pages,pdf,problem"
expect_err "says it is in already and changed nothing" \
	"common-again.tif: the same file was ingested already as scan file [0-9]+ \(common.tif\); nothing changed"
expect_eq "scan files, items, problems and audit rows unchanged" \
	"$(files_recorded) $(audit_rows) $([ "$(pr item list --format csv)" = "$i0" ] && echo items) $([ "$(pr scan exceptions --all --format csv)" = "$x0" ] && echo problems)" \
	"$n0 $a0 items problems"
check "the copy is moved unchanged to the quarantine's duplicates" \
	cmp "$QUA/duplicates/common-again.tif" "$TESTDIR/common.copy"
expect_eq "the first ingest's PDFs are as they were" \
	"$(cd "$DAY" && echo "$CR1"*)" "$CR1-blank.pdf $CR1.pdf"

# --- folders ------------------------------------------------------------------------
# A folder stands for its files: not hidden ones, not temporary names, not
# those of its subfolders.
new_batch 1
D=$TESTDIR/drop
mkdir -p "$D/sub"
make_scan "$D/batch.tif" batch:1:"$S"
for n in .hidden.tif batch2.tif.part batch3.tmp sub/deep.tif; do
	printf 'not yet\n' >"$D/$n"
done
run pr ingest --format csv "$D"
expect_eq "a folder: its one complete file is ingested" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" file item pages | tr '\n' ' ')" "0 batch.tif;$R1;1 "
expect_eq "hidden, temporary and subfolder files are left alone" \
	"$(cd "$D" && find . -type f | sort | tr '\n' ' ')" "./.hidden.tif ./batch2.tif.part ./batch3.tmp ./sub/deep.tif "
expect_eq "and nothing is recorded of them" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM scan_files WHERE name IN ('.hidden.tif', 'batch2.tif.part', 'batch3.tmp', 'deep.tif')")" 0
# Several files at once, one of them bad: the good ones go in.
new_batch 1
make_scan "$D/one.tif" batch:1:"$S"
cp "$TESTDIR/bad-nottiff.tif" "$D/two.tif"
run pr ingest --format csv "$D"
expect_eq "a folder with a bad file: exit 1, the good one stored, the bad quarantined" \
	"$RC $(printf '%s\n' "$OUT" | pcsv "" "" file item problem | tr '\n' '|')" \
	"1 one.tif;$R1;|two.tif;;quarantined: $D/two.tif is not a TIFF file|"
expect_err "a summary line" "2 files: 1 ingested, 1 quarantined, 0 already in, 0 not taken; 0 problems raised"
expect_exit 2 "ingest with no path is bad usage" pr ingest
