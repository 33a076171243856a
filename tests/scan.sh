# Helpers for the suites that make and read scan files (sourced after
# tests/lib.sh). Scan files are written by tests/tools/mkscan (built with
# `make MODE=test tools`) from postroom's own batch sheets; see
# `mkscan --help` for its pages, and its --map for what each page holds.
#
#   make_batch DEPT N        opens a batch of N new items for DEPT (made when
#                            missing), closes it; prints the batch reference,
#                            then the item references in tray order, a line each
#   batch_sheets BATCH PDF   writes the batch's header and separator sheets
#   foreign_batch DEPT N PDF make_batch in a database of its own, dated
#                            2026-01-05, with its sheets in PDF: references
#                            that are valid (check letter) but unknown to $DB
#   make_scan OUT ARG...     mkscan -o OUT ARG...
#   tiff_pages FILE          pages of a TIFF, as libtiff counts them
#   tiff_tag FILE PAGE NAME  the value tiffinfo gives NAME on PAGE (from 1),
#                            e.g. tiff_tag f.tif 1 "Compression Scheme"
#   pdf_pages PDF            pages of a PDF (pdfinfo)
#   read_codes FILE [DPI]    reads every page of a PDF or TIFF back with zbar:
#                            a line a page, "N CODE..." (CODE-128:DATA, and
#                            CODE-39:Pnnnn for a page mark) or "N -"
#   pdf_marks PDF [DPI]      the scan pages a PDF holds, from the letters' page
#                            marks: "3 4 5 6" ("-" for a page with no mark)
#   map_split MAP            from mkscan --map output in file MAP: a line for
#                            each separator (every sheet after the first),
#                            "SHEET_PAGE LETTER_PAGE...", the letter pages
#                            (those with a mark) up to the next sheet
#   page_ink FILE PAGE       black pixels of a TIFF page in parts per million
MKSCAN=${MKSCAN:-$(dirname "$POSTROOM_BIN")/tools/mkscan}
[ -x "$MKSCAN" ] || { echo "not ok 1 - $MKSCAN is not built (make MODE=test tools)"; exit 1; }

make_batch() { # make_batch DEPT N
	_mb_d=$1 _mb_n=$2
	if ! pr dept list --format csv 2>/dev/null | grep -qi "^$_mb_d,"; then
		pr dept add "$_mb_d" --name "Department $_mb_d" --email "$(echo "$_mb_d" |
			tr 'A-Z' 'a-z')@county.example" >/dev/null || return 1
	fi
	_mb_b=$(pr batch open --dept "$_mb_d") || return 1
	_mb_refs="" _mb_i=1
	while [ "$_mb_i" -le "$_mb_n" ]; do
		_mb_r=$(pr item add --dept "$_mb_d" --sender "Sender $_mb_i" --addressee "Team $_mb_i") ||
			return 1
		_mb_refs="$_mb_refs $_mb_r" _mb_i=$((_mb_i + 1))
	done
	# The command line takes some dozens of references at a time.
	# shellcheck disable=SC2086
	printf '%s\n' $_mb_refs | xargs -n 40 "$POSTROOM_BIN" batch add "$_mb_b" >/dev/null || return 1
	pr batch close "$_mb_b" >/dev/null 2>&1 || return 1
	echo "$_mb_b"
	for _mb_r in $_mb_refs; do echo "$_mb_r"; done
}

batch_sheets() { pr batch sheets "$1" -o "$2" >/dev/null; }

foreign_batch() { # foreign_batch DEPT N PDF
	(
		DB="$TESTDIR/foreign.db" POSTROOM_NOW=2026-01-05T10:00:00
		POSTROOM_DB=$DB
		export POSTROOM_DB POSTROOM_NOW
		[ -s "$DB" ] || pr init >/dev/null || exit 1
		_fb_out=$(make_batch "$1" "$2") || exit 1
		batch_sheets "$(echo "$_fb_out" | head -n 1)" "$3" || exit 1
		echo "$_fb_out"
	)
}

make_scan() { # make_scan OUT ARG...
	_ms_out=$1
	shift
	# Its pages rendered from PDFs go to the suite's folder, removed at the end.
	TMPDIR="$TESTDIR" "$MKSCAN" -o "$_ms_out" "$@"
}

tiff_pages() { tiffinfo "$1" 2>/dev/null | grep -c '^TIFF Directory at offset'; }

tiff_tag() { # tiff_tag FILE PAGE NAME
	tiffinfo "$1" 2>/dev/null | awk -v page="$2" -v name="$3" '
		/^TIFF Directory at offset/ { n++ }
		n == page && index($0, "  " name ": ") == 1 {
			sub("^  " name ": ", ""); print; exit
		}'
}

pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# The pages of FILE as netpbm or TIFF files in DIR, in page order.
_split_pages() { # _split_pages FILE DIR DPI
	if [ "$(head -c 4 "$1")" = "%PDF" ]; then
		pdftoppm -r "$3" -gray "$1" "$2/p" 2>/dev/null
	else
		tiffsplit "$1" "$2/p" 2>/dev/null
	fi
}

read_codes() { # read_codes FILE [DPI]
	_rc_dir=$(mktemp -d "$TESTDIR/read.XXXXXX")
	_split_pages "$1" "$_rc_dir" "${2:-150}"
	_rc_n=0
	for _rc_f in "$_rc_dir"/p*; do
		[ -f "$_rc_f" ] || continue
		_rc_n=$((_rc_n + 1))
		_rc_c=$(zbarimg --nodbus -q -Sdisable -Scode128.enable -Scode39.enable "$_rc_f" 2>/dev/null |
			sort | tr '\n' ' ' | sed 's/ $//')
		echo "$_rc_n ${_rc_c:--}"
	done
	rm -rf "$_rc_dir"
}

pdf_marks() { # pdf_marks PDF [DPI]
	read_codes "$1" "${2:-150}" | awk '{
		m = "-"
		for (i = 2; i <= NF; i++) if ($i ~ /^CODE-39:P[0-9]+$/) m = substr($i, 10) + 0
		printf "%s%s", (NR > 1 ? " " : ""), m
	} END { print "" }'
}

map_split() { # map_split MAP
	awk '
		$2 == "sheet" { sheets++; if (sheets > 1) { if (line != "") print line; line = $1 }; next }
		sheets > 1 && / mark P[0-9]+/ { line = line " " $1 }
		END { if (line != "") print line }' "$1"
}

page_ink() { # page_ink FILE PAGE
	_pi_dir=$(mktemp -d "$TESTDIR/ink.XXXXXX")
	tiffcp "$1,$(($2 - 1))" "$_pi_dir/page.tif" 2>/dev/null
	# tifftopnm reads neither JPEG YCbCr nor tiles: tiff2rgba first.
	tiff2rgba "$_pi_dir/page.tif" "$_pi_dir/rgba.tif" 2>/dev/null
	tifftopnm "$_pi_dir/rgba.tif" 2>/dev/null | ppmtopgm 2>/dev/null |
		pamthreshold -simple -threshold 0.5 2>/dev/null | pamsumm -mean -brief 2>/dev/null |
		awk '{ printf "%d\n", (1 - $1) * 1000000 + 0.5 }'
	rm -rf "$_pi_dir"
}
