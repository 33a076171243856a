# A newcomer's first `make` on a machine without the -dev packages stops
# before the compiler with one message that names the missing Debian
# packages and says how to install them. The machine's dpkg-query is
# replaced by one that reports chosen packages as not installed, and make
# runs on a copy of the build files, so nothing real is touched.
. tests/lib.sh
plan 9
top=$(pwd)
copy="$TESTDIR/tree"
mkdir -p "$copy/scripts" "$copy/src/core" "$TESTDIR/bin"
cp "$top/Makefile" "$copy/"
cp "$top/scripts/deps.sh" "$copy/scripts/"
# An empty core module: if the check let make go on, it would compile this.
printf 'int pr_build_check_marker;\n' >"$copy/src/core/marker.c"
printf 'int main(void) { return 0; }\n' >"$copy/src/main.c"

# fake_dpkg PACKAGE...: a dpkg-query that says these are missing, the rest
# installed.
fake_dpkg() {
	{
		echo '#!/bin/sh'
		echo 'for a in "$@"; do last=$a; done'
		echo 'case " '"$*"' " in *" $last "*) echo "unknown ok not-installed"; exit 1 ;; esac'
		echo 'echo "install ok installed"'
	} >"$TESTDIR/bin/dpkg-query"
	chmod +x "$TESTDIR/bin/dpkg-query"
}

fake_dpkg libzint-dev libhpdf-dev
PATH="$TESTDIR/bin:$PATH" run make -C "$copy" --no-print-directory
expect_eq "make stops when packages are missing" "$([ "$RC" -ne 0 ] && echo stopped)" stopped
expect_err "the message names the missing packages" \
	"^postroom: cannot build: these Debian packages are missing: libzint-dev libhpdf-dev$"
expect_err "the message says how to install them" "'make deps' \(or scripts/deps\.sh, as root\)"
if printf '%s\n' "$ERR" | grep -q 'No such file\|No rule\|error:'; then
	_report 0 "no compiler error follows the message"
else
	_report 1 "no compiler error follows the message"
fi
if [ -e "$copy/build/release/src/core/marker.o" ]; then
	_report 0 "nothing was compiled"
else
	_report 1 "nothing was compiled"
fi

fake_dpkg
PATH="$TESTDIR/bin:$PATH" run make -C "$copy" --no-print-directory build/release/src/core/marker.o
expect_eq "with every package there the build goes on" "$RC" 0
if [ -e "$copy/build/release/src/core/marker.o" ]; then
	_report 1 "and compiles"
else
	_report 0 "and compiles"
fi
PATH="$TESTDIR/bin:$PATH" run sh "$copy/scripts/deps.sh" check
expect_eq "deps.sh check is silent when nothing is missing" "$RC:$ERR" "0:"
PATH="$TESTDIR/bin:$PATH" run sh "$copy/scripts/deps.sh" nonsense
expect_eq "deps.sh with an unknown mode is bad usage" "$RC" 2
