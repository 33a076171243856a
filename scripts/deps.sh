#!/bin/sh
# Installs the Debian packages postroom needs to build, run and test.
# Usage: scripts/deps.sh [build|test]
#   build  what `make` and `make run` need
#   test   also the tools the test suite drives (tmux, SMTP server, poppler, zbar, cups)
# Runs `apt-get update` once, and only when something is missing. Needs root
# (or sudo) only when a package has to be installed.
set -eu

want=${1:-build}

build_pkgs="make gcc pkg-config libncurses-dev libsqlite3-dev sqlite3 libzint-dev libtiff-dev
libzbar-dev libhpdf-dev libcurl4-openssl-dev libcups2-dev"
test_pkgs="clang libcmocka-dev tmux python3-aiosmtpd poppler-utils zbar-tools libtiff-tools
cups cups-client cups-bsd librsvg2-bin netpbm"

pkgs=$build_pkgs
[ "$want" = test ] && pkgs="$pkgs $test_pkgs"

missing=""
for p in $pkgs; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

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
