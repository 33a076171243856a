# Bad input gets a clear message and the right exit status, and leaves the
# database exactly as it was.
. tests/lib.sh
plan 48
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
pr item add --dept ASC --sender S --addressee A >/dev/null

snapshot() { sqlite3 "$DB" .dump | sha256sum | cut -d' ' -f1; }
unchanged() { # unchanged DESC: the database equals the snapshot in $BEFORE
	NOW=$(snapshot)
	if [ "$NOW" = "$BEFORE" ]; then _report 1 "$1: database unchanged"; else _report 0 "$1: database unchanged"; fi
}
BEFORE=$(snapshot)

expect_exit 2 "unknown option" pr item add --dept ASC --sender S --addressee A --colour red
expect_err "unknown option is named" "postroom item add: unknown option '--colour'"
expect_err "usage line follows" "usage: postroom item add --dept CODE"
expect_exit 2 "missing option value" pr item add --dept ASC --sender S --addressee
expect_err "missing value is named" "option '--addressee' needs a value"
expect_exit 2 "missing required option" pr item add --dept ASC --sender S
expect_exit 2 "option given twice" pr item add --dept ASC --dept ASC --sender S --addressee A
expect_err "twice is explained" "given twice"
expect_exit 2 "unknown subcommand" pr item fly
expect_exit 2 "bad kind" pr item add --dept ASC --sender S --addressee A --kind crate
expect_err "kinds are listed" "letter, large-letter, parcel"
expect_exit 2 "bad flag" pr item add --dept ASC --sender S --addressee A --flag shiny
expect_exit 2 "bad received time" pr item add --dept ASC --sender S --addressee A --received "last tuesday"
expect_exit 1 "received time in the future" pr item add --dept ASC --sender S --addressee A --received 2026-12-25T09:00
expect_err "future is explained" "in the future"
expect_exit 1 "unknown department" pr item add --dept XYZ --sender S --addressee A
expect_err "department is named" "no department with code 'XYZ'"
expect_exit 1 "tracking required for recorded" pr item add --dept ASC --sender S --addressee A --service recorded
expect_err "tracking requirement explained" "tracking number is required for Recorded"
expect_exit 1 "malformed tracking number" pr item add --dept ASC --sender S --addressee A --service recorded --tracking AB12345GB
expect_err "tracking form explained" "two letters, nine digits, two letters"
LONG=$(head -c 10000 /dev/zero | tr '\0' 'x')
expect_exit 1 "10,000-character sender" pr item add --dept ASC --sender "$LONG" --addressee A
expect_err "length is explained with the field" "sender is too long: 10000 characters, at most 120"
expect_exit 1 "10,000-character department name" pr dept add LNG --name "$LONG" --email l@county.example
expect_err "dept name length explained" "department name is too long"
BADUTF=$(printf 'Caf\303\050')
expect_exit 1 "invalid UTF-8 addressee" pr item add --dept ASC --sender S --addressee "$BADUTF"
expect_err "UTF-8 fault is named" "addressee is not valid UTF-8"
CTRL=$(printf 'a\033[2Jb')
expect_exit 1 "control characters" pr item add --dept ASC --sender "$CTRL" --addressee A
expect_err "control character named" "sender contains a control character"
unchanged "after rejected input"

# A file that is not a SQLite database.
printf 'this is not a database\n%.0s' $(seq 1 200) >"$TESTDIR/notes.txt"
SUM=$(sha256sum <"$TESTDIR/notes.txt")
expect_exit 1 "text file as database" pr --db "$TESTDIR/notes.txt" dept list
expect_err "not a database is said" "notes.txt is not a SQLite database"
expect_eq "the text file is untouched" "$(sha256sum <"$TESTDIR/notes.txt")" "$SUM"
sqlite3 "$TESTDIR/other.db" "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');"
expect_exit 1 "another program's SQLite database" pr --db "$TESTDIR/other.db" init
expect_err "foreign database is refused" "not a postroom one"
expect_eq "foreign database untouched" "$(sqlite3 "$TESTDIR/other.db" 'SELECT name FROM recipes')" "soup"
cp "$DB" "$TESTDIR/newer.db"
sqlite3 "$TESTDIR/newer.db" "PRAGMA user_version = 42"
expect_exit 1 "database from a newer postroom" pr --db "$TESTDIR/newer.db" dept list
expect_err "newer schema explained" "written by a newer postroom \(schema 42"
expect_exit 1 "directory as database" pr --db "$TESTDIR" dept list
expect_err "folder is said" "is a folder"

# A read-only database: as root, run as nobody, who may read but not write.
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$TESTDIR"
	as_reader() { setpriv --reuid 65534 --regid 65534 --clear-groups env HOME=/ "$POSTROOM_BIN" "$@"; }
else
	chmod 0444 "$DB"
	chmod 0555 "$TESTDIR"
	as_reader() { "$POSTROOM_BIN" "$@"; }
fi
expect_exit 1 "write to a read-only database" as_reader item add --dept ASC --sender S --addressee A
expect_err "read-only is said" "is read-only"
[ "$(id -u)" -eq 0 ] || { chmod 0755 "$TESTDIR"; chmod 0644 "$DB"; }
unchanged "after a read-only attempt"

# A database locked by another writer: hold BEGIN IMMEDIATE in sqlite3.
mkfifo "$TESTDIR/lockin"
sqlite3 "$DB" <"$TESTDIR/lockin" >"$TESTDIR/lockout" 2>&1 &
LOCKER=$!
exec 3>"$TESTDIR/lockin"
echo "BEGIN IMMEDIATE; SELECT 'locked';" >&3
i=0
until grep -q locked "$TESTDIR/lockout" 2>/dev/null || [ $i -ge 100 ]; do i=$((i + 1)); sleep 0.05; done
printf 'busy_timeout_ms = 200\n' >"$TESTDIR/fast.conf"
expect_exit 1 "write while another writer holds the lock" pr --config "$TESTDIR/fast.conf" item add --dept ASC --sender S --addressee A
expect_err "lock is explained" "locked by another writer \(waited 0.2 s\); nothing was changed"
check "reading still works while locked" pr item list --format csv
echo "ROLLBACK;" >&3
exec 3>&-
wait $LOCKER
unchanged "after the lock"
check "writing works once the lock is gone" pr item add --dept ASC --sender S --addressee A
