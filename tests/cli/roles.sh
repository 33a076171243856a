#!/bin/sh
# Roles, checked in the core: other Unix logins (runuser) act on one shared
# database. nobody is not registered: it reads but changes nothing. daemon
# is an operator: logs and batches but may not set targets, resolve scan
# exceptions, add departments or operators. bin is a supervisor: sets
# targets but adds no departments or operators. Every refusal exits 1 with
# the same message and changes nothing; init registers the first admin.
. tests/lib.sh
if [ "$(id -u)" -ne 0 ] || ! command -v runuser >/dev/null 2>&1; then
	echo "1..0 # SKIP needs root and runuser to act as other logins"
	exit 0
fi
plan 45

# A folder the other logins can reach: the database and its WAL beside it.
SH=$(mktemp -d /tmp/postroom-roles.XXXXXX)
at_exit "rm -rf '$SH'"
chmod 1777 "$SH"
DB="$SH/post.db"
export POSTROOM_DB="$DB"
share() { chmod 666 "$DB" "$DB-wal" "$DB-shm" 2>/dev/null; return 0; }

# as LOGIN ARGS...: postroom run by LOGIN with a home of its own.
as() {
	_u=$1
	shift
	mkdir -p "$SH/home-$_u" && chmod 777 "$SH/home-$_u"
	runuser -u "$_u" -- env HOME="$SH/home-$_u" XDG_CONFIG_HOME="$SH/home-$_u/.config" \
		XDG_DATA_HOME="$SH/home-$_u/.local/share" POSTROOM_DB="$DB" \
		ASAN_OPTIONS=detect_leaks=1 "$POSTROOM_BIN" "$@"
}

# Everything a change would touch: the audit trail and every list.
state() {
	for _c in "audit list" "item list" "dept list" "operator list" "target list" \
		"batch list" "scan exceptions"; do
		# shellcheck disable=SC2086
		pr $_c --format csv 2>&1
	done | cksum
}

# refused DESC LOGIN ROLE ARGS...: LOGIN runs postroom ARGS, which exits 1
# saying LOGIN may not do it for want of ROLE.
refused() {
	_d=$1 _u=$2 _r=$3
	shift 3
	run as "$_u" "$@"
	_said=$(printf '%s' "$ERR" | grep -c "^postroom: $_u may not .*: that needs the $_r role (see 'postroom operator list')")
	expect_eq "$_d" "$RC:$_said" "1:1"
}

run pr init
expect_err "init registers the invoking login as the first admin, and says so" \
	"no operators yet: root is registered as the first admin"
run pr init
expect_eq "a second init registers nobody and says nothing of it" \
	"$RC:$(printf '%s' "$ERR" | grep -c 'first admin')" "0:0"
check "the admin adds a department" pr dept add ASC --name "Adult Social Care" \
	--email asc@council.example
check "the admin adds an operator" pr operator add daemon --role operator
check "the admin adds a supervisor" pr operator add bin --role supervisor
REF=$(pr item add --dept ASC --sender S --addressee A)
EXC=$(pr item add --dept ASC --sender S --addressee B)
check "the admin marks an exception" pr item exception "$EXC" --reason "legal papers"
BATCH=$(pr batch open --dept ASC)
check "the admin puts an item in a batch" pr batch add "$BATCH" "$REF"
share

# --- a login that is not registered ------------------------------------
before=$(state)
run as nobody item list --format csv
expect_eq "an unregistered login lists the items" "$RC:$(printf '%s\n' "$OUT" | grep -c "^$REF,")" "0:1"
run as nobody item show "$REF"
expect_eq "an unregistered login shows an item" "$RC" 0
run as nobody report daily
expect_eq "an unregistered login reads a report" "$RC" 0
refused "unregistered: item add is refused" nobody operator \
	item add --dept ASC --sender S --addressee A
refused "unregistered: a tray is refused" nobody operator item add --dept ASC --count 3
refused "unregistered: item exception is refused" nobody operator \
	item exception "$REF" --reason "private"
refused "unregistered: item handover is refused" nobody operator \
	item handover "$EXC" --to "Dan Evans"
refused "unregistered: batch open is refused" nobody operator batch open --dept ASC
refused "unregistered: batch add is refused" nobody operator batch add "$BATCH" "$EXC"
refused "unregistered: batch remove is refused" nobody operator batch remove "$BATCH" "$REF"
refused "unregistered: batch close is refused" nobody operator batch close "$BATCH"
refused "unregistered: item index is refused" nobody operator \
	item index "$REF" --sender "HMRC" --addressee "Team"
refused "unregistered: item rescan is refused" nobody operator \
	item rescan "$REF" --reason "blurred"
refused "unregistered: target set is refused" nobody supervisor target set 90
refused "unregistered: scan resolve is refused" nobody supervisor \
	scan resolve 1 --set-aside "blank"
refused "unregistered: dept add is refused" nobody admin \
	dept add HWY --name Highways --email hwy@council.example
run as nobody operator add nobody --role admin
expect_eq "unregistered: making itself admin is refused" \
	"$RC:$(printf '%s' "$ERR" | grep -c "nobody may not add an operator: that needs the admin role")" "1:1"
expect_eq "nothing changed after the unregistered login's refusals" "$(state)" "$before"

# --- an operator ---------------------------------------------------------
run as daemon item add --dept ASC --sender S --addressee C
expect_eq "an operator logs an item" "$RC" 0
OREF=$OUT
run as daemon batch add "$BATCH" "$OREF"
expect_eq "an operator batches it" "$RC" 0
share
before=$(state)
refused "operator: target set is refused" daemon supervisor target set 90
refused "operator: scan resolve is refused" daemon supervisor \
	scan resolve 1 --set-aside "blank"
refused "operator: dept add is refused" daemon admin \
	dept add HWY --name Highways --email hwy@council.example
refused "operator: operator add is refused" daemon admin operator add sys --role operator
refused "operator: making itself admin is refused" daemon admin \
	operator add daemon --role admin
expect_eq "nothing changed after the operator's refusals" "$(state)" "$before"
run pr audit list "$OREF" --format csv
expect_out "the operator's item is logged under its login" ",daemon,"

# --- a supervisor --------------------------------------------------------
run as bin target set 90
expect_eq "a supervisor sets the target" "$RC" 0
run as bin scan resolve 999 --set-aside "blank"
expect_eq "a supervisor may resolve scan exceptions (refused only as not found)" \
	"$RC:$(printf '%s' "$ERR" | grep -c 'may not')" "1:0"
share
before=$(state)
refused "supervisor: dept add is refused" bin admin \
	dept add HWY --name Highways --email hwy@council.example
refused "supervisor: operator add is refused" bin admin operator add sys --role operator
expect_eq "nothing changed after the supervisor's refusals" "$(state)" "$before"

# --- init --admin --------------------------------------------------------
DB="$SH/second.db"
export POSTROOM_DB="$DB"
run pr init --admin daemon
expect_err "init --admin names the first admin" \
	"no operators yet: daemon is registered as the first admin"
run pr operator list --format csv
expect_eq "daemon is the only operator, an admin" "$(printf '%s\n' "$OUT" | grep -c ',')" 2
expect_out "with the admin role" "^daemon,admin,"
refused "root, not registered there, may not add a department" root admin \
	dept add ASC --name "Adult Social Care" --email asc@council.example
run pr init --admin bin
expect_err "a later init --admin says it changes nothing" \
	"operators are registered already, so --admin bin changes nothing"
share
run as daemon dept add ASC --name "Adult Social Care" --email asc@council.example
expect_eq "the admin named at init adds a department" "$RC" 0
