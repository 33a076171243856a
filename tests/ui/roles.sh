#!/bin/sh
# The console refuses what the core refuses: a login that is not registered
# (nobody, through runuser) sees the refusal on the status line when it
# saves at Intake, and nothing is logged.
. tests/lib.sh
. tests/ui/lib/tmux.sh
if [ "$(id -u)" -ne 0 ] || ! command -v runuser >/dev/null 2>&1; then
	echo "1..0 # SKIP needs root and runuser to act as another login"
	exit 0
fi
plan 7

SH=$(mktemp -d /tmp/postroom-uiroles.XXXXXX)
at_exit "rm -rf '$SH'"
chmod 1777 "$SH"
mkdir "$SH/home" && chmod 777 "$SH/home"
DB="$SH/post.db"
export POSTROOM_DB="$DB"
check "init" pr init
check "dept add ASC" pr dept add ASC --name "Adult Social Care" --email asc@council.example
chmod 666 "$DB" "$DB-wal" "$DB-shm" 2>/dev/null

# The console as nobody, with a home it can reach.
REAL=$POSTROOM_BIN
cat >"$SH/as-nobody" <<EOS
#!/bin/sh
exec runuser -u nobody -- env HOME='$SH/home' XDG_CONFIG_HOME='$SH/home/.config' \
XDG_DATA_HOME='$SH/home/.local/share' POSTROOM_DB='$DB' ASAN_OPTIONS=detect_leaks=1 '$REAL'
EOS
chmod 755 "$SH/as-nobody"
POSTROOM_BIN="$SH/as-nobody"
ui_start
expect_screen "the console opens on Intake for a login that is not registered" ">Department"
typetext "ASC"
keys Tab
typetext "A Sender"
keys Tab
typetext "Council Tax Team"
keys Enter
expect_screen "saving shows the core's refusal on the status line" \
	"nobody may not log an item: that needs the operator role"
expect_screen "what was typed is kept" "Council Tax Team"
ui_quit
POSTROOM_BIN=$REAL
run pr item list --format csv
expect_eq "nothing was logged" "$RC:$(printf '%s\n' "$OUT" | grep -c '^I')" "0:0"
run pr audit list --format csv
expect_eq "nor written to the audit trail" "$(printf '%s\n' "$OUT" | grep -c 'nobody')" 0
