#!/bin/sh
# Makes the scan files of the ingest benchmark in DIR, from real batches of
# the database in POSTROOM_DB (a demo one is made when there is none): A4,
# 300 dpi, CCITT G4, one strip a page, written by tests/tools/mkscan from
# postroom's own batch sheets, rendered by pdftoppm.
#
#   scan-101.tif    a batch of 20 items: its header, then each separator and
#                   4 letter pages (101 pages)
#   scan-1000.tif   a batch of 111 items with 8 letter pages each (1,000 pages)
#
# Beside each: NAME.pdf (the batch's sheets), NAME.refs (the batch reference,
# then the items' in tray order) and NAME.map (mkscan --map: what each page
# holds). Both batches are closed, ready to ingest.
#
# Usage: bench/scan-files.sh POSTROOM_BINARY MKSCAN_BINARY DIR
set -eu
bin=$1 mkscan=$2 dir=$3
mkdir -p "$dir"
[ -s "${POSTROOM_DB:?set POSTROOM_DB}" ] || "$bin" demo --days 1 --seed 7 >/dev/null

# A department of the demo, and batches of new items for it, as the desk
# would log them.
dept=$("$bin" dept list --format csv | awk -F, 'NR == 2 { print $1 }')
[ -n "$dept" ] || { echo "scan-files: no department in $POSTROOM_DB" >&2; exit 1; }

batch() { # batch NAME ITEMS LETTERS
	b=$("$bin" batch open --dept "$dept")
	refs="" i=1
	while [ "$i" -le "$2" ]; do
		refs="$refs $("$bin" item add --dept "$dept" --sender "Sender $i of $1" \
			--addressee "Team $((i % 7 + 1))")"
		i=$((i + 1))
	done
	# The command line takes some dozens of references at a time.
	# shellcheck disable=SC2086
	printf '%s\n' $refs | xargs -n 40 "$bin" batch add "$b" >/dev/null
	"$bin" batch close "$b" >/dev/null 2>&1
	"$bin" batch sheets "$b" -o "$dir/$1.pdf" >/dev/null
	{ echo "$b"; for r in $refs; do echo "$r"; done; } >"$dir/$1.refs"
	"$mkscan" -o "$dir/$1.tif" --dpi 300 --compression g4 --pagenumber --map \
		"batch:$3:$dir/$1.pdf" >"$dir/$1.map"
}

batch scan-101 20 4
batch scan-1000 111 8
