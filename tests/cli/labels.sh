# Labels, batch sheets and the accountable-items sheet from the command
# line, read back with zbarimg and poppler's tools.
. tests/lib.sh
plan 41
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
I1=$(pr item add --dept ASC --sender "Zoë Brontë" --addressee "Care team")
decode() { zbarimg --nodbus -q -Sdisable -Scode128.enable "$1" 2>/dev/null; }

for ext in png pdf svg eps; do
	check "label as .$ext" pr label "$I1" -o "$TESTDIR/label.$ext"
done
expect_eq "png label reads back" "$(decode "$TESTDIR/label.png")" "CODE-128:$I1"
pdftoppm -r 300 -png -singlefile "$TESTDIR/label.pdf" "$TESTDIR/label-pdf"
expect_eq "pdf label reads back at 300 dpi" "$(decode "$TESTDIR/label-pdf.png")" "CODE-128:$I1"
rsvg-convert -d 300 -p 300 -b white -o "$TESTDIR/label-svg.png" "$TESTDIR/label.svg"
expect_eq "svg label reads back" "$(decode "$TESTDIR/label-svg.png")" "CODE-128:$I1"
expect_out "label confirms" "written to $TESTDIR/label.eps"
B1=$(pr batch open --dept ASC)
check "label for a batch" pr label "$B1" -o "$TESTDIR/batch.png"
expect_eq "batch label reads back" "$(decode "$TESTDIR/batch.png")" "CODE-128:$B1"

expect_exit 1 "label for an unknown item" pr label I261120-0099A -o "$TESTDIR/x.png"
expect_exit 1 "label of an unknown type" pr label "$I1" -o "$TESTDIR/x.gif"
expect_err "types are listed" "use .png, .svg, .eps or .pdf"
expect_exit 1 "label to an unwritable place" pr label "$I1" -o /etc/hostname/x.png
expect_err "the path is named" "/etc/hostname/x.png"
expect_eq "nothing written for refused labels" "$(ls "$TESTDIR" | grep -c '^x\.')" "0"
expect_exit 2 "label without -o" pr label "$I1"

# A 50-item batch gives 51 pages, each reading back as the right reference.
refs=""
i=0
while [ $i -lt 50 ]; do
	refs="$refs $(pr item add --dept ASC --sender "Sender $i" --addressee "Team $i")"
	i=$((i + 1))
done
# shellcheck disable=SC2086
pr batch add "$B1" $refs >/dev/null
check "sheets of a 50-item batch" pr batch sheets "$B1" -o "$TESTDIR/sheets.pdf"
expect_out "page count said" "50 items, 51 pages"
expect_eq "51 pages" "$(pdfinfo "$TESTDIR/sheets.pdf" | awk '/^Pages:/ { print $2 }')" "51"
pdftoppm -r 300 -gray -f 1 -l 3 "$TESTDIR/sheets.pdf" "$TESTDIR/page"
expect_eq "page 1 is the batch header" "$(decode "$TESTDIR"/page-01.pgm)" "CODE-128:$B1"
first=$(echo $refs | cut -d' ' -f1)
second=$(echo $refs | cut -d' ' -f2)
expect_eq "page 2 is the first item" "$(decode "$TESTDIR"/page-02.pgm)" "CODE-128:$first"
expect_eq "page 3 is the second item" "$(decode "$TESTDIR"/page-03.pgm)" "CODE-128:$second"
run pdftotext "$TESTDIR/sheets.pdf" -
expect_out "header names the department" "Adult Social Care"
expect_out "separators name the sender" "Sender 49"
check "close and print to the spool folder" pr --config /dev/null batch close "$B1"
printf 'spool = %s/spool\n' "$TESTDIR" >"$TESTDIR/spool.conf"
check "sheets printed with no printer set" pr --config "$TESTDIR/spool.conf" batch sheets "$B1" --print
expect_out "spool file named" "No printer is set: sheets \(51 pages\) written to $TESTDIR/spool/"
expect_eq "one spooled PDF with 51 pages" \
	"$(pdfinfo "$TESTDIR"/spool/* | awk '/^Pages:/ { print $2 }')" "51"
expect_exit 1 "sheets to an unwritable place" pr batch sheets "$B1" -o /etc/hostname/s.pdf
B2=$(pr batch open --dept ASC)
expect_exit 1 "sheets of an empty batch" pr batch sheets "$B2" -o "$TESTDIR/empty.pdf"

# The accountable-items sheet: recorded and Special Delivery items.
check "recorded item" pr item add --dept ASC --sender "HM Courts" --addressee Legal \
	--service special-delivery --tracking "rn 123456785 gb"
check "accountable items as text" pr report accountable --date 2026-11-20
expect_out "tracking listed" "RN123456785GB +Special Delivery +ASC"
expect_out "signature line" "Collected by: _+ +Signature: _+ +Time: _+"
W=$(printf '%s\n' "$OUT" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
[ "$W" -le 80 ]; RC=$?; [ $RC -eq 0 ] && _report 1 "accountable text fits 80 columns ($W)" || _report 0 "accountable text fits 80 columns ($W)"
check "accountable items as csv" pr report accountable --format csv
expect_eq "one row" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "1"
check "accountable sheet as PDF" pr report accountable -o "$TESTDIR/acc.pdf"
run pdftotext "$TESTDIR/acc.pdf" -
expect_out "PDF lists the tracking number" "RN123456785GB"
check "a day with none still makes a sheet" pr report accountable --date 2026-11-19 -o "$TESTDIR/none.pdf"
