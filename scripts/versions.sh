#!/bin/sh
# Prints the versions of the outside programs and libraries postroom's tests
# drive, one line each: the Debian package revision, and where the program
# can say so, its own answer. Used by .ci/run before the suite.
echo "outside parts:"
pkgver() { # pkgver PACKAGE: its installed Debian revision, or "not installed"
	v=$(dpkg-query -W -f='${Version}' "$1" 2>/dev/null)
	printf '%s' "${v:-not installed}"
}
line() { # line NAME PACKAGE [PROGRAM'S OWN WORDS]
	printf '  %-10s %-36s %s\n' "$1" "$2 $(pkgver "$2")" "${3:-}"
}
line cupsd cups-daemon
line tmux tmux "$(tmux -V 2>/dev/null)"
line zbar libzbar0 "zbarimg $(zbarimg --version 2>/dev/null)"
line libtiff libtiff6 "$(tiffinfo 2>&1 | sed -n 's/^LIBTIFF, Version \(.*\)/\1/p' | head -n 1)"
line sqlite3 libsqlite3-0 "$(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
line zint libzint2.11
line libharu libhpdf-2.3.0
line libcurl libcurl4 "$(curl-config --version 2>/dev/null)"
line aiosmtpd python3-aiosmtpd "$(/usr/bin/python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)' 2>/dev/null)"
line poppler poppler-utils "$(pdfinfo -v 2>&1 | head -n 1)"
line ncurses libncursesw6
line cmocka libcmocka0
line gcc gcc "$(gcc -dumpfullversion 2>/dev/null)"
line clang clang "$(clang --version 2>/dev/null | head -n 1)"
