#!/bin/sh
# Installs the Debian packages postroom needs to build, run and test.
# Usage: scripts/deps.sh [build|test|check]
#   build  what `make` and `make run` need
#   test   also the tools the test suite drives (tmux, SMTP server, poppler, zbar, cups)
#   check  installs nothing: names the missing build packages and fails, so
#          `make` stops with one clear message instead of a compiler error
# Runs `apt-get update` once, and only when something is missing. Needs root
# (or sudo) only when a package has to be installed.
set -eu

want=${1:-build}

build_pkgs="make gcc pkg-config libncurses-dev libsqlite3-dev sqlite3 libzint-dev libtiff-dev
libzbar-dev libhpdf-dev libcurl4-openssl-dev libcups2-dev"
test_pkgs="clang libcmocka-dev tmux python3-aiosmtpd poppler-utils zbar-tools libtiff-tools
cups cups-client cups-bsd librsvg2-bin netpbm"

case $want in
build | check) pkgs=$build_pkgs ;;
test) pkgs="$build_pkgs $test_pkgs" ;;
*)
	echo "usage: scripts/deps.sh [build|test|check]" >&2
	exit 2
	;;
esac
# Not a Debian system: nothing to check against; the compiler will say.
command -v dpkg-query >/dev/null 2>&1 || exit 0

missing=""
for p in $pkgs; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$want" = check ]; then
	echo "postroom: cannot build: these Debian packages are missing:$missing" >&2
	echo "postroom: 'make deps' (or scripts/deps.sh, as root) installs them" >&2
	exit 1
fi

echo "postroom: installing missing Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "postroom: these packages are missing and this is not root:$missing" >&2
		exit 1
	fi
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
