#!/bin/sh
# Checks from the compiled objects that each layer calls only what it may
# (README, "Source layout"). Usage: scripts/layers.sh BUILD_DIR
#
#   core     SQLite only; nothing of io, service, cli or ui
#   io       one outside library a file (zint, libharu, CUPS, libtiff,
#            zbar or libcurl), core's helpers; nothing of service, cli, ui
#   service  no outside library; core and io
#   cli, ui  no SQLite and no outside library but curses in ui; core, io
#            and service; nothing of each other
#
# An outside library's symbols are those its shared object defines; the
# project's are those the objects of each layer define. Prints one line per
# offence ("src/ui/x.o calls sqlite3_open (SQLite) ...") and exits 1 when
# there is any, 0 otherwise; 2 when BUILD_DIR has no objects.
set -u
export LC_ALL=C # sort and join agree on the order
build=${1:?usage: scripts/layers.sh BUILD_DIR}
[ -d "$build/src/core" ] || { echo "layers: no objects under $build/src" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/postroom-layers.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Outside libraries: NAME and the shared objects whose symbols are its own.
libso() { # libso FILE...: the paths gcc would link
	for f in "$@"; do
		p=$(gcc -print-file-name="$f")
		[ -e "$p" ] && printf '%s ' "$(readlink -f "$p")"
	done
}
lib_table() {
	echo "SQLite $(libso libsqlite3.so)"
	echo "curses $(libso libncursesw.so.6 libtinfo.so.6 libpanelw.so.6 libmenuw.so.6 libformw.so.6)"
	echo "zint $(libso libzint.so)"
	echo "libharu $(libso libhpdf.so)"
	echo "CUPS $(libso libcups.so)"
	echo "libtiff $(libso libtiff.so)"
	echo "zbar $(libso libzbar.so)"
	echo "libcurl $(libso libcurl.so)"
}
lib_table | while read -r name files; do
	[ -n "$files" ] || { echo "layers: cannot find the $name library" >&2; continue; }
	# shellcheck disable=SC2086
	nm -D --defined-only $files 2>/dev/null | awk -v n="$name" 'NF >= 3 { sub(/@.*/, "", $3); print $3, n }'
done | sort -u -k1,1 >"$work/libsyms"

# The project's own symbols, by layer.
for layer in core io service cli ui; do
	for o in "$build"/src/$layer/*.o; do
		[ -f "$o" ] || continue
		nm --defined-only "$o" | awk -v l="$layer" '$2 ~ /^[TDBR]$/ { print $3, l }'
	done
done | sort -u -k1,1 >"$work/ownsyms"

offences=0
check_object() { # check_object OBJECT LAYER
	obj=$1 layer=$2
	nm -u "$obj" | awk '{ print $2 }' | sort -u >"$work/undef"
	join "$work/undef" "$work/libsyms" >"$work/lib_used"
	join "$work/undef" "$work/ownsyms" >"$work/own_used"
	rel=${obj#"$build"/}
	bad=$(awk -v layer="$layer" -v obj="$rel" '
		{ lib = $2 }
		layer == "core" && lib != "SQLite" { print obj " calls " $1 " (" lib ")" }
		layer == "ui" && lib != "curses" { print obj " calls " $1 " (" lib ")" }
		(layer == "service" || layer == "cli" || layer == "main") { print obj " calls " $1 " (" lib ")" }
		layer == "io" && (lib == "SQLite" || lib == "curses") { print obj " calls " $1 " (" lib ")" }
	' "$work/lib_used")
	if [ "$layer" = io ]; then
		n=$(awk '{ print $2 }' "$work/lib_used" | sort -u | wc -l)
		if [ "$n" -gt 1 ]; then
			bad="$bad
$rel calls more than one outside library: $(awk '{ print $2 }' "$work/lib_used" | sort -u | tr '\n' ' ')"
		fi
	fi
	bad="$bad
$(awk -v layer="$layer" -v obj="$rel" '
		{ to = $2 }
		layer == "core" && to != "core" { print obj " calls " $1 " of " to }
		layer == "io" && to != "core" && to != "io" { print obj " calls " $1 " of " to }
		layer == "service" && (to == "cli" || to == "ui") { print obj " calls " $1 " of " to }
		layer == "cli" && to == "ui" { print obj " calls " $1 " of " to }
		layer == "ui" && to == "cli" { print obj " calls " $1 " of " to }
	' "$work/own_used")"
	bad=$(printf '%s\n' "$bad" | sed '/^$/d')
	if [ -n "$bad" ]; then
		printf '%s\n' "$bad"
		offences=$((offences + $(printf '%s\n' "$bad" | wc -l)))
	fi
}

objects=0
for layer in core io service cli ui; do
	for o in "$build"/src/$layer/*.o; do
		[ -f "$o" ] || continue
		check_object "$o" "$layer"
		objects=$((objects + 1))
	done
done
[ -f "$build/src/main.o" ] && check_object "$build/src/main.o" main && objects=$((objects + 1))
echo "layers: $objects objects checked, $offences offences"
[ "$offences" -eq 0 ]
