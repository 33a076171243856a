# The command line's global contract: help, version, usage errors, init,
# configuration. Exit 0 done, 1 failed, 2 bad usage; errors on stderr.
. tests/lib.sh
plan 67

expect_exit 0 "--help exits 0" pr --help
expect_out "--help lists the commands" "postroom item add --dept CODE"
expect_out "--help lists report daily" "postroom report daily"
expect_exit 0 "--version exits 0" pr --version
expect_out "--version prints the version" "^postroom [0-9]+\.[0-9]+\.[0-9]+$"
expect_exit 0 "help command exits 0" pr help

expect_exit 2 "unknown command is bad usage" pr frobnicate
expect_err "unknown command is named" "^postroom: unknown command 'frobnicate'"
expect_exit 2 "unknown global option is bad usage" pr --colour
expect_err "unknown global option is named" "unknown option '--colour'"
expect_exit 2 "--db without a value is bad usage" pr --db
expect_err "missing value is explained" "needs a value"
expect_exit 2 "no command without a terminal is bad usage" sh -c "'$POSTROOM_BIN' </dev/null >/dev/null"

expect_exit 1 "commands on a missing database fail" pr dept list
expect_err "missing database says how to make one" "no database at .*postroom init"
check "init creates the database" pr init
expect_out "init names the file and schema" "is ready \(schema version [0-9]+\)"
[ -f "$DB" ]; RC=$?; OUT="" ERR=""
[ $RC -eq 0 ] && _report 1 "database file exists at \$POSTROOM_DB" || _report 0 "database file exists at \$POSTROOM_DB"
check "init again is harmless" pr init
check "--db overrides POSTROOM_DB" pr --db "$TESTDIR/other/nested/x.db" init
expect_out "--db path is used, folders made" "other/nested/x.db is ready"
check "--db=PATH form works" pr --db="$TESTDIR/other/nested/x.db" dept list

# The default database lives in the XDG data dir.
check "default database in XDG data dir" env -u POSTROOM_DB "$POSTROOM_BIN" init
expect_out "default path is under XDG_DATA_HOME" "$XDG_DATA_HOME/postroom/postroom.db"

# Configuration: search order and errors naming file and line.
mkdir -p "$XDG_CONFIG_HOME/postroom"
printf '# site\nsite_name = "Shire Hall Post Room"\nscanned_target = 90\n' \
	>"$XDG_CONFIG_HOME/postroom/postroom.conf"
check "config shows settings" pr config
expect_out "XDG config file is read" "site_name +Shire Hall Post Room"
expect_out "config names its source" "from $XDG_CONFIG_HOME/postroom/postroom.conf"
printf 'site_name = Elsewhere\n' >"$TESTDIR/env.conf"
check "POSTROOM_CONFIG wins over XDG" env POSTROOM_CONFIG="$TESTDIR/env.conf" "$POSTROOM_BIN" config
expect_out "POSTROOM_CONFIG file is read" "site_name +Elsewhere"
printf 'site_name = Explicit\n' >"$TESTDIR/explicit.conf"
check "--config wins over POSTROOM_CONFIG" env POSTROOM_CONFIG="$TESTDIR/env.conf" "$POSTROOM_BIN" --config "$TESTDIR/explicit.conf" config
expect_out "--config file is read" "site_name +Explicit"
check "config as json" pr config --format json
expect_out "json config has keys" '"key": "timezone"'

printf 'site_name = ok\n\ncolour = blue\n' >"$TESTDIR/bad.conf"
expect_exit 1 "unknown setting fails" pr --config "$TESTDIR/bad.conf" config
expect_err "unknown setting names file and line" "bad.conf:3: unknown setting 'colour'"
printf 'scanned_target = 120\n' >"$TESTDIR/bad2.conf"
expect_exit 1 "bad target fails" pr --config "$TESTDIR/bad2.conf" config
expect_err "bad value names file, line and key" "bad2.conf:1: scanned_target: '120' is not a percentage"
printf 'timezone = Mars/Olympus\n' >"$TESTDIR/bad3.conf"
expect_exit 1 "unknown time zone fails" pr --config "$TESTDIR/bad3.conf" config
expect_err "unknown zone is named" "bad3.conf:1: timezone: 'Mars/Olympus'"
printf 'just words\n' >"$TESTDIR/bad4.conf"
expect_exit 1 "line without = fails" pr --config "$TESTDIR/bad4.conf" config
expect_err "line without = is explained" "bad4.conf:1: expected 'key = value'"
expect_exit 1 "missing --config file fails" pr --config "$TESTDIR/nope.conf" config
expect_err "missing config file is named" "nope.conf"

expect_exit 1 "bad POSTROOM_NOW fails" env POSTROOM_NOW=yesterday "$POSTROOM_BIN" config
expect_err "bad POSTROOM_NOW is named" "POSTROOM_NOW"
check "the example configuration is valid" pr --config config/postroom.conf config
expect_out "example config is the source" "from config/postroom.conf"

# That postroom.1 documents every command and option: tests/cli/help.sh.
if command -v man >/dev/null 2>&1; then
	run sh -c 'man --warnings=w -l man/postroom.1 2>&1 >/dev/null; man --warnings=w -l man/postroom.conf.5 2>&1 >/dev/null'
	expect_eq "man pages render without warnings" "$OUT" ""
fi
# Every setting of the configuration table is in postroom.conf(5).
run pr config --format csv
for key in $(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1); do
	if grep -q "^\.B $key\$" man/postroom.conf.5; then _report 1 "postroom.conf.5 documents $key"; else _report 0 "postroom.conf.5 documents $key"; fi
done
