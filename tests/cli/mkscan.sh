# The scan-file maker of the tests (tests/tools/mkscan): every compression,
# depth, resolution and layout it writes, read back with libtiff's tools and
# zbarimg; postroom's separator sheets still read as their items' references
# at 200 and 300 dpi, upside down, skewed and speckled; duplex backs, letters
# with barcodes of their own, and the bad files it makes on purpose.
. tests/lib.sh
. tests/scan.sh
plan 111
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null
set -- $(make_batch ASC 3)
B=$1 R1=$2 R2=$3 R3=$4
S="$TESTDIR/sheets.pdf"
batch_sheets "$B" "$S"
T="$TESTDIR/scan.tif"
codes() { read_codes "$1" | tr '\n' '|'; }

# --- A batch as fed, CCITT G4 at 300 dpi -----------------------------------
check "a batch of 3 items, 2 letters each" make_scan "$T" --map --pagenumber batch:2:"$S"
printf '%s\n' "$OUT" >"$TESTDIR/map"
expect_eq "10 pages" "$(tiff_pages "$T")" 10
expect_eq "the map names every page" "$(cut -d' ' -f1,2 "$TESTDIR/map" | tr '\n' ' ')" \
	"1 sheet 2 sheet 3 letter 4 letter 5 sheet 6 letter 7 letter 8 sheet 9 letter 10 letter "
expect_eq "pages read back: header, separators, marked letters" "$(codes "$T")" \
	"1 CODE-128:$B|2 CODE-128:$R1|3 CODE-39:P0003|4 CODE-39:P0004|5 CODE-128:$R2|6 CODE-39:P0006|7 CODE-39:P0007|8 CODE-128:$R3|9 CODE-39:P0009|10 CODE-39:P0010|"
expect_eq "map_split gives each item's letter pages" "$(map_split "$TESTDIR/map" | tr '\n' '|')" \
	"2 3 4|5 6 7|8 9 10|"
expect_eq "CCITT G4" "$(tiff_tag "$T" 1 "Compression Scheme")" "CCITT Group 4"
expect_eq "bilevel" "$(tiff_tag "$T" 4 "Bits/Sample")" 1
expect_eq "min-is-white" "$(tiff_tag "$T" 4 "Photometric Interpretation")" "min-is-white"
expect_eq "A4 at 300 dpi" "$(tiff_tag "$T" 10 "Image Width")" "2480 Image Length: 3508"
expect_eq "300 dpi" "$(tiff_tag "$T" 3 "Resolution")" "300, 300 pixels/inch"
expect_eq "one strip a page" "$(tiff_tag "$T" 3 "Rows/Strip")" 3508
expect_eq "page numbers" "$(tiff_tag "$T" 10 "Page Number")" "9-10"
expect_eq "little-endian" "$(tiffdump "$T" | sed -n 's/^Magic: \(0x[0-9a-f]*\).*/\1/p')" "0x4949"
run tiffinfo -D "$T"
expect_eq "every page decodes cleanly" "$RC:$ERR" "0:"
L=$(page_ink "$T" 3)
[ "$L" -gt 20000 ] && [ "$L" -lt 200000 ]
_report $((1 - $?)) "a letter is inked like a typed page ($L ppm black)"
check "the same arguments give the same bytes" make_scan "$TESTDIR/again.tif" --pagenumber batch:2:"$S"
expect_eq "same SHA-256" "$(sha256sum <"$TESTDIR/again.tif")" "$(sha256sum <"$T")"

# --- Every compression and depth --------------------------------------------
# A separator, a letter and a separator fed upside down, each way of writing.
for c in "1 g4" "1 g3" "1 g3-2d" "1 none" "1 lzw" "8 lzw" "8 deflate" "8 jpeg" "24 lzw" \
	"24 deflate" "24 jpeg"; do
	set -- $c
	F="$TESTDIR/d$1-$2.tif"
	run make_scan "$F" --depth "$1" --compression "$2" sheet:2:"$S" letter rot180/sheet:3:"$S"
	summary="$(tiff_pages "$F") $(tiff_tag "$F" 2 "Compression Scheme") $(tiff_tag "$F" 2 "Bits/Sample")x$(tiff_tag "$F" 2 "Samples/Pixel") $(tiff_tag "$F" 2 "Photometric Interpretation")"
	case $c in
	"1 g4") want="CCITT Group 4 1x1 min-is-white" ;;
	"1 g3" | "1 g3-2d") want="CCITT Group 3 1x1 min-is-white" ;;
	"1 none") want="None 1x1 min-is-white" ;;
	"1 lzw") want="LZW 1x1 min-is-white" ;;
	"8 lzw") want="LZW 8x1 min-is-black" ;;
	"8 deflate") want="AdobeDeflate 8x1 min-is-black" ;;
	"8 jpeg") want="JPEG 8x1 min-is-black" ;;
	"24 lzw") want="LZW 8x3 RGB color" ;;
	"24 deflate") want="AdobeDeflate 8x3 RGB color" ;;
	"24 jpeg") want="JPEG 8x3 YCbCr" ;;
	esac
	expect_eq "depth $1 $2: written as such" "$RC $summary" "0 3 $want"
	expect_eq "depth $1 $2: reads back" "$(codes "$F")" "1 CODE-128:$R1|2 CODE-39:P0002|3 CODE-128:$R2|"
done
expect_eq "G3 2D coding is flagged" "$(tiff_tag "$TESTDIR/d1-g3-2d.tif" 1 "Group 3 Options")" \
	"2-d encoding (1 = 0x1)"
expect_eq "colour letters are not grey" \
	"$(tiffcp "$TESTDIR/d24-lzw.tif,1" "$TESTDIR/colour.tif" && tifftopnm "$TESTDIR/colour.tif" 2>/dev/null | ppmhist -noheader 2>/dev/null | awk '$1 != $2 || $2 != $3 { n++ } END { print (n > 0) }')" 1

# --- Resolutions: postroom's sheets at 200 dpi and the others ----------------
# At 200 dpi a separator's module is 4 pixels; upside down, skewed both
# ways by 2.5 degrees and speckled, it still reads.
F="$TESTDIR/r200.tif"
check "200 dpi, turned, skewed, speckled" make_scan "$F" --dpi 200 upside/sheet:1:"$S" \
	skew=2.5/sheet:2:"$S" skew=-2.5/rot180/sheet:3:"$S" speckle=400/sheet:4:"$S" \
	skew=3/letter-code:HMRC-1234567
expect_eq "A4 at 200 dpi" "$(tiff_tag "$F" 1 "Image Width")" "1654 Image Length: 2339"
expect_eq "200 dpi" "$(tiff_tag "$F" 1 "Resolution")" "200, 200 pixels/inch"
expect_eq "every code reads at 200 dpi" "$(codes "$F")" \
	"1 CODE-128:$B|2 CODE-128:$R1|3 CODE-128:$R2|4 CODE-128:$R3|5 CODE-128:HMRC-1234567 CODE-39:P0005|"
F="$TESTDIR/r300.tif"
check "300 dpi, turned and skewed" make_scan "$F" rot180/skew=2.5/sheet:2:"$S" skew=-3/sheet:3:"$S"
expect_eq "skewed separators read at 300 dpi" "$(codes "$F")" "1 CODE-128:$R1|2 CODE-128:$R2|"
for d in 240 600; do
	F="$TESTDIR/r$d.tif"
	check "$d dpi" make_scan "$F" --dpi "$d" sheet:2:"$S"
	case $d in 240) size="1984 Image Length: 2806" ;; 600) size="4961 Image Length: 7016" ;; esac
	expect_eq "A4 and $d dpi in the tags" "$(tiff_tag "$F" 1 "Image Width") $(tiff_tag "$F" 1 "Resolution")" \
		"$size $d, $d pixels/inch"
	expect_eq "the separator reads at $d dpi" "$(codes "$F")" "1 CODE-128:$R1|"
done
F="$TESTDIR/cm.tif"
check "resolution in centimetres" make_scan "$F" --resolution-unit cm blank
expect_eq "pixels a centimetre" "$(tiff_tag "$F" 1 "Resolution")" "118.11, 118.11 pixels/cm"

# --- Layouts: tiles, strips, byte order --------------------------------------
F="$TESTDIR/tiles.tif"
check "tiles" make_scan "$F" --tiles sheet:2:"$S" letter
expect_eq "256 x 256 tiles" "$(tiff_tag "$F" 1 "Tile Width")" "256 Tile Length: 256"
expect_eq "tiled pages read back" "$(codes "$F")" "1 CODE-128:$R1|2 CODE-39:P0002|"
F="$TESTDIR/jtiles.tif"
check "JPEG colour tiles, big-endian" make_scan "$F" --depth 24 --compression jpeg --tiles --big-endian sheet:3:"$S"
expect_eq "tiled, big-endian" "$(tiff_tag "$F" 1 "Tile Width") $(tiffdump "$F" | sed -n 's/^Magic: \(0x[0-9a-f]*\).*/\1/p')" \
	"256 Tile Length: 256 0x4d4d"
expect_eq "it reads back" "$(codes "$F")" "1 CODE-128:$R2|"
F="$TESTDIR/strips.tif"
check "100 rows a strip, big-endian G4" make_scan "$F" --rows-per-strip 100 --big-endian sheet:2:"$S"
expect_eq "36 strips of 100 rows" "$(tiff_tag "$F" 1 "Rows/Strip") $(tiffdump "$F" | sed -n 's/^StripOffsets (273) LONG (4) \([0-9]*\)<.*/\1/p')" "100 36"
expect_eq "big-endian" "$(tiffdump "$F" | sed -n 's/^Magic: \(0x[0-9a-f]*\).*/\1/p')" "0x4d4d"
expect_eq "it reads back" "$(codes "$F")" "1 CODE-128:$R1|"
F="$TESTDIR/pred.tif"
check "grey deflate with a predictor" make_scan "$F" --depth 8 --compression deflate --predictor sheet:4:"$S"
expect_eq "predictor set" "$(tiff_tag "$F" 1 "Predictor")" "horizontal differencing 2 (0x2)"
expect_eq "it reads back" "$(codes "$F")" "1 CODE-128:$R3|"

# --- Duplex -------------------------------------------------------------------
F="$TESTDIR/duplex.tif"
check "duplex" make_scan "$F" --duplex --map batch:1:"$S" back=letter/letter
printf '%s\n' "$OUT" >"$TESTDIR/dmap"
expect_eq "a back after every page" "$(tiff_pages "$F")" 16
expect_eq "sheets and plain letters have blank backs; back=letter a letter" \
	"$(cut -d' ' -f2,3 "$TESTDIR/dmap" | tr '\n' '|')" \
	"sheet $S:1|back blank|sheet $S:2|back blank|letter 5|back blank|sheet $S:3|back blank|letter 9|back blank|sheet $S:4|back blank|letter 13|back blank|letter 15|back letter|"
expect_eq "blank backs carry no ink" "$(page_ink "$F" 2) $(page_ink "$F" 4)" "0 0"
expect_eq "pages read back" "$(codes "$F")" \
	"1 CODE-128:$B|2 -|3 CODE-128:$R1|4 -|5 CODE-39:P0005|6 -|7 CODE-128:$R2|8 -|9 CODE-39:P0009|10 -|11 CODE-128:$R3|12 -|13 CODE-39:P0013|14 -|15 CODE-39:P0015|16 CODE-39:P0016|"

# --- Other pages ----------------------------------------------------------------
F="$TESTDIR/other.tif"
mono="$TESTDIR/mono" gray="$TESTDIR/gray"
pdftoppm -r 300 -mono -f 2 -l 2 -singlefile "$S" "$mono"
pdftoppm -r 300 -gray -f 3 -l 3 -singlefile "$S" "$gray"
pnmtoplainpnm "$mono.pbm" >"$mono-plain.pbm" 2>/dev/null
check "netpbm pages, code pages, blank, speckle" make_scan "$F" --seed 5 pbm:"$mono.pbm" pgm:"$gray.pgm" \
	pbm:"$mono-plain.pbm" code:I261120-0099A letter-code:DWP/123/X letter:42 blank speckle=50/blank repeat=2/letter
expect_eq "each reads back" "$(codes "$F")" \
	"1 CODE-128:$R1|2 CODE-128:$R2|3 CODE-128:$R1|4 CODE-128:I261120-0099A|5 CODE-128:DWP/123/X CODE-39:P0005|6 CODE-39:P0006|7 -|8 -|9 CODE-39:P0009|10 CODE-39:P0010|"
expect_eq "a blank page is white" "$(page_ink "$F" 7)" 0
S8=$(page_ink "$F" 8)
[ "$S8" -gt 0 ] && [ "$S8" -lt 100 ]
_report $((1 - $?)) "a speckled blank page is nearly white ($S8 ppm)"
check "another seed" make_scan "$TESTDIR/seed6.tif" --seed 6 speckle=50/blank
check "the first seed" make_scan "$TESTDIR/seed5.tif" --seed 5 speckle=50/blank
[ "$(sha256sum <"$TESTDIR/seed6.tif")" != "$(sha256sum <"$TESTDIR/seed5.tif")" ]
_report $((1 - $?)) "the speckle follows the seed"
check "letters differ by seed" make_scan "$TESTDIR/l.tif" --no-mark letter:1 letter:2 letter:1
expect_eq "letter:1 twice, letter:2 once" \
	"$(tiffinfo "$TESTDIR/l.tif" >/dev/null && tiffsplit "$TESTDIR/l.tif" "$TESTDIR/lp" &&
		for p in aaa aab aac; do tifftopnm "$TESTDIR/lp$p.tif" 2>/dev/null | sha256sum | cut -c1-12; done | uniq | wc -l | tr -d ' ')" 3
expect_eq "no page marks with --no-mark" "$(codes "$TESTDIR/l.tif")" "1 -|2 -|3 -|"

# --- A slow scanner: the file grows a page at a time ------------------------------
F="$TESTDIR/slow.tif"
make_scan "$F" --page-delay 400 sheet:1:"$S" letter letter &
slow=$!
i=0
until [ "$(tiff_pages "$F" 2>/dev/null)" -ge 1 ] 2>/dev/null || [ $i -ge 100 ]; do
	i=$((i + 1))
	sleep 0.05
done
kill -0 "$slow" 2>/dev/null
_report $((1 - $?)) "a page can be read while the rest is still being written"
wait "$slow"
expect_eq "the finished file has every page" "$?:$(tiff_pages "$F")" "0:3"
expect_eq "pages rendered from PDFs are not left behind" "$(ls -d "$TESTDIR"/mkscan.* 2>/dev/null | wc -l | tr -d ' ')" 0

# --- References of another database ----------------------------------------------
set -- $(foreign_batch ASC 2 "$TESTDIR/foreign.pdf")
expect_eq "a foreign batch of 2 items" "$# $(echo "$1" | cut -c1-7)" "3 B260105"
expect_exit 1 "its items are unknown here" pr item show "$2"
check "its separators" make_scan "$TESTDIR/foreign.tif" sheet:2:"$TESTDIR/foreign.pdf"
expect_eq "read as its items" "$(codes "$TESTDIR/foreign.tif")" "1 CODE-128:$2|"

# --- Bad files ------------------------------------------------------------------
F="$TESTDIR/trunc.tif"
check "a file cut to half" make_scan "$F" --truncate 50% batch:2:"$S"
expect_eq "half its pages are left" "$(tiffinfo "$F" 2>/dev/null | grep -c '^TIFF Directory at offset' | awk '{ print ($1 < 10) }')" 1
expect_exit 1 "tiffinfo fails on it" tiffinfo "$F"
expect_err "and says why" "Can not read TIFF directory|Failed to read directory"
check "a file cut to 100 bytes" make_scan "$F" --truncate 100 letter
expect_eq "100 bytes" "$(wc -c <"$F" | tr -d ' ')" 100
F="$TESTDIR/corrupt.tif"
check "a corrupt strip on page 2" make_scan "$F" --corrupt-strip 2 sheet:1:"$S" letter letter
run tiffinfo -D "$F"
expect_eq "tiffinfo -D fails" "$RC" 1
expect_err "on a bad code word in page 2's strip" "Fax4Decode: Bad code word"
expect_eq "pages 1 and 3 are intact" "$(codes "$F" | cut -d'|' -f1,3)" "1 CODE-128:$B|3 CODE-39:P0003"
F="$TESTDIR/absurd.tif"
check "a page claiming 100000 x 100000" make_scan "$F" letter absurd letter
expect_eq "so the tags say" "$(tiff_pages "$F") $(tiff_tag "$F" 2 "Image Width")" "3 100000 Image Length: 100000"
run tiffinfo -D "$F"
expect_err "decoding it is refused" "over memory limit|Not enough|cannot|Bad code|Read error"
expect_exit 2 "JPEG for a bilevel file is bad usage" make_scan "$TESTDIR/u.tif" --depth 1 --compression jpeg blank
expect_exit 2 "an unknown page is bad usage" make_scan "$TESTDIR/u.tif" blank lettre
expect_err "the pages are listed" "not a page \(blank, letter"
expect_exit 2 "a sheet beyond the PDF" make_scan "$TESTDIR/u.tif" sheet:9:"$S"
expect_exit 1 "sheets of a PDF that is not one" make_scan "$TESTDIR/u.tif" sheets:"$T"
expect_eq "nothing is left behind by refusals" "$(ls "$TESTDIR" | grep -c '^u\.tif')" 0
check "mkscan --help lists the pages" "$MKSCAN" --help
expect_out "usage" "letter-code:DATA"
