# The defects found by probing (issue 13, part 1), each with its check:
# output files never replace what is not a regular file, a committed
# change's result is never lost to a failed write, the clock of a release
# build, text that would drive a terminal, and the smaller ones.
. tests/lib.sh
plan 68
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
I1=$(pr item add --dept ASC --sender "Zoë Brontë" --addressee "Care team")
B1=$(pr batch open --dept ASC)
pr batch add "$B1" "$I1" >/dev/null

# --- -o writes only to a new name or a regular file ------------------------
out="$TESTDIR/out"
mkdir -p "$out/elsewhere"
mkfifo "$out/pipe.pdf"
expect_exit 1 "label to a named pipe is refused" pr label "$I1" -o "$out/pipe.pdf"
expect_err "the pipe is named as one" "pipe.pdf: it is a named pipe, not a regular file"
if [ -p "$out/pipe.pdf" ]; then _report 1 "the pipe is still a pipe"; else _report 0 "the pipe is still a pipe"; fi
: >"$out/elsewhere/target.png"
ln -s "$out/elsewhere/target.png" "$out/link.png"
expect_exit 1 "label over a symbolic link is refused" pr label "$I1" -o "$out/link.png"
expect_err "where the link points is said" "link.png: it is a symbolic link \(to $out/elsewhere/target.png\)"
if [ -L "$out/link.png" ] && [ ! -s "$out/elsewhere/target.png" ]; then
	_report 1 "the link and its target are untouched"
else
	_report 0 "the link and its target are untouched"
fi
expect_exit 1 "batch sheets to /dev/null is refused" pr batch sheets "$B1" -o /dev/null
expect_err "a device is named as one" "/dev/null: it is a device"
if [ -c /dev/null ]; then _report 1 "/dev/null is still a device"; else _report 0 "/dev/null is still a device"; fi
expect_exit 1 "the accountable sheet to /dev/full is refused" pr report accountable -o /dev/full
if [ -c /dev/full ]; then _report 1 "/dev/full is still a device"; else _report 0 "/dev/full is still a device"; fi
mkdir "$out/folder.pdf"
expect_exit 1 "sheets over a folder are refused" pr batch sheets "$B1" -o "$out/folder.pdf"
expect_eq "no temporary file is left behind" "$(find "$out" -name '.*' -type f | wc -l | tr -d ' ')" 0
check "a regular file is replaced" pr label "$I1" -o "$out/elsewhere/target.png"
expect_eq "with the label" "$(head -c 4 "$out/elsewhere/target.png" | od -An -c | tr -d ' ')" '211PNG'
check "a new file is written" pr batch sheets "$B1" -o "$out/sheets.pdf"
expect_eq "a new file is not readable by everyone (0640)" "$(stat -c %a "$out/sheets.pdf")" 640
(umask 077 && pr label "$I1" -o "$out/private.png" >/dev/null)
expect_eq "a restrictive umask is kept (0600)" "$(stat -c %a "$out/private.png")" 600

# --- the result of a committed change is never lost ------------------------
run sh -c "'$POSTROOM_BIN' item add --dept ASC --sender Lost --addressee A >/dev/full"
expect_eq "item add to a full stdout fails" "$RC" 1
expect_err "saying the change was made and how to find it" \
	"cannot write to standard output \(No space left on device\); the change was made: item I261120-[0-9]{4}[A-Z] was logged \('postroom item show I261120"
ref=$(printf '%s\n' "$ERR" | sed -n "s/.*item \(I261120-[0-9]*[A-Z]\) was logged.*/\1/p")
check "the reference said is there" pr item show "$ref"
expect_out "with its sender" "Sender +Lost"
run sh -c "'$POSTROOM_BIN' batch open --dept ASC >/dev/full"
expect_eq "batch open to a full stdout fails" "$RC" 1
expect_err "naming the batch made" "the change was made: batch B261120-[0-9]{4}[A-Z] was opened"
run sh -c "'$POSTROOM_BIN' dept list >/dev/full"
expect_eq "a listing to a full stdout fails too" "$RC" 1
expect_err "and says so" "cannot write to standard output"

# --- the clock: POSTROOM_NOW in a release build ----------------------------
# clock.c as a release build compiles it (no PR_TEST_CLOCK), with a probe.
cat >"$TESTDIR/probe.c" <<'PROBE'
#include <stdio.h>
#include <time.h>
#include "postroom/clock.h"
int main(int argc, char **argv)
{
	pr_error err;
	if (pr_clock_from_env(&err) != PR_OK)
		return 2;
	if (argc > 1)
		pr_clock_allow_env(); /* as for a database marked demo */
	printf("%s %s\n", pr_now() < time(NULL) - 86400 ? "set" : "real",
	       pr_clock_env_ignored() ? "ignored" : "used");
	(void)argv;
	return 0;
}
PROBE
if cc -std=c17 -Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -o "$TESTDIR/probe" \
	"$TESTDIR/probe.c" src/core/clock.c src/core/status.c 2>"$TESTDIR/cc.err"; then
	expect_eq "a release build keeps real time" "$(POSTROOM_NOW=2020-01-01T09:00:00 "$TESTDIR/probe")" "real ignored"
	expect_eq "a demo database may set it" "$(POSTROOM_NOW=2020-01-01T09:00:00 "$TESTDIR/probe" demo)" "set used"
else
	skip "a release build keeps real time" "no C compiler"
	skip "a demo database may set it" "no C compiler"
fi
expect_eq "the demo database is marked as one" \
	"$(pr --db "$TESTDIR/demo.db" demo --days 1 >/dev/null && sqlite3 "$TESTDIR/demo.db" "SELECT count(*) FROM meta WHERE key = 'demo'")" 1
expect_eq "an ordinary database is not" "$(sqlite3 "$DB" "SELECT count(*) FROM meta")" 0

# --- text that would drive a terminal --------------------------------------
for c in '\302\233' '\302\205' '\342\200\256' '\342\201\246'; do
	expect_exit 1 "$(printf '%s' "$c" | od -An -tx1 | tr -d ' ') in a sender is refused" \
		pr item add --dept ASC --sender "$(printf "a${c}b")" --addressee A
done
expect_err "a direction control is named" "sender contains a text direction control \(U\+2066\)"
I2=$(pr item add --dept ASC --sender Plain --addressee A)
sqlite3 "$DB" "UPDATE items SET sender = 'x' || char(27) || '[2J' || char(8238) || char(155) WHERE ref = '$I2'"
run pr item list
expect_out "item list escapes ESC" 'x\\x1B\[2J'
if printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '\033')"; then _report 0 "item list writes no raw ESC"; else _report 1 "item list writes no raw ESC"; fi
run pr item list --format csv
expect_out "csv escapes them all" 'x\\x1B\[2J\\u202E\\u009B,'
if printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '\302\233')\|$(printf '\342\200\256')"; then _report 0 "csv writes no raw C1 or override"; else _report 1 "csv writes no raw C1 or override"; fi
run pr item show "$I2"
expect_out "item show escapes them" 'Sender +x\\x1B\[2J\\u202E\\u009B'
run pr item list --format json
expect_out "json writes them as \\u escapes" '"sender": "x\\u001b\[2J\\u202e\\u009b"'

# --- the smaller ones ------------------------------------------------------
printf 'timezone = zone.tab\n' >"$TESTDIR/tz.conf"
expect_exit 1 "timezone = zone.tab is refused" pr --config "$TESTDIR/tz.conf" item list
expect_err "as an unknown zone" "'zone.tab' is not a time zone"
printf 'timezone = Europe/London\000Asia/Tokyo\n' >"$TESTDIR/nul.conf"
expect_exit 1 "a NUL in a configuration value is refused" pr --config "$TESTDIR/nul.conf" item list
expect_err "the line is named" "nul.conf:1: the line holds a NUL byte"
printf 'site_name = Shire Hall\342\200\256\n' >"$TESTDIR/bidi.conf"
expect_exit 1 "a direction control in a configuration value is refused" pr --config "$TESTDIR/bidi.conf" item list
expect_err "with its line" "bidi.conf:1: site_name: the value contains a text direction control"
expect_exit 2 "target set 0x60 is refused" pr target set 0x60
expect_exit 2 "target set 1e-300 is refused" pr target set 1e-300
expect_exit 2 "target set 95.25 is refused (one decimal)" pr target set 95.25
check "target set 97.5% is taken" pr target set 97.5% --from 2026-11-01
expect_out "and said" "Scanned target 97.5% from 2026-11-01"
expect_exit 2 "item list --to before --from is refused" pr item list --from 2026-11-20 --to 2026-11-19
expect_err "as the reports do" "--from is after --to"
: >"$TESTDIR/empty.db"
expect_exit 1 "a read command on a 0-byte file" pr --db "$TESTDIR/empty.db" item list
expect_eq "leaves it empty" "$(stat -c %s "$TESTDIR/empty.db")" 0
check "init makes it a database" pr --db "$TESTDIR/empty.db" init
expect_exit 1 "--db /dev/null is refused" pr --db /dev/null item list
if [ -e /dev/null-journal ] || [ -e /dev/null-wal ]; then _report 0 "no journal beside /dev/null"; else _report 1 "no journal beside /dev/null"; fi
expect_exit 1 "report cycle for an unknown department" pr report cycle --dept NOPE --format csv
expect_eq "prints no header" "$OUT" ""

# batch add takes as many references as it is given.
# The references with their check letters (src/core/ref.c), made here.
refs=$(awk 'BEGIN {
	L = "ABCDEFGHJKLMNPRSTUVWXYZ"; A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for (i = 10; i < 510; i++) {
		body = sprintf("I261120-%04d", i); sum = 0; w = 1
		for (k = 1; k <= length(body); k++) {
			c = substr(body, k, 1)
			if (c ~ /[0-9]/) v = c + 0; else if (c ~ /[A-Z]/) v = index(A, c) + 9; else continue
			sum += v * w++
		}
		print body substr(L, sum % 23 + 1, 1)
	}
}')
printf '%s\n' "$refs" | awk '{
	printf "INSERT INTO items (ref, dept_id, sender, addressee, kind, service, flags, status, "
	printf "received_at, received_day, logged_by, updated_at) VALUES (\047%s\047, 1, \047S\047, ", $1
	printf "\047A\047, \047letter\047, \047standard\047, 0, \047received\047, 1795166000, "
	printf "\0472026-11-20\047, \047test\047, 1795166000);\n"
}' | sqlite3 "$DB"
B2=$(pr batch open --dept ASC)
# shellcheck disable=SC2086
run pr batch add "$B2" $refs
expect_eq "batch add with 500 references" "$RC" 0
expect_eq "adds all 500" "$(printf '%s\n' "$OUT" | grep -c "added to $B2")" 500

# demo beside someone logging post: a clear message, not a raw SQLite one.
pr --db "$TESTDIR/race.db" init >/dev/null
sqlite3 "$TESTDIR/race.db" "INSERT INTO sequences (kind, day, last) VALUES ('I', '2026-11-20', 1)"
run pr --db "$TESTDIR/race.db" demo --days 2
expect_eq "demo stops" "$RC" 1
expect_err "saying someone logged post meanwhile" "someone logged post in .*race.db on 2026-11-20 while the demo was being made"

# A disk with no byte free is called full, not "disk I/O error": a small
# tmpfs (root only), filled to the last byte.
full="$TESTDIR/full"
mkdir -p "$full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=512k tmpfs "$full" 2>/dev/null; then
	at_exit "umount '$full' 2>/dev/null"
	pr --db "$full/p.db" init >/dev/null
	pr --db "$full/p.db" dept add ASC --name A --email a@county.example >/dev/null
	dd if=/dev/zero of="$full/fill" bs=4096 2>/dev/null
	expect_exit 1 "item add on a full disk fails" pr --db "$full/p.db" item add --dept ASC --sender S --addressee A
	expect_err "saying the disk is full" "the disk holding $full/p.db is full"
	run pr --db "$full/p.db" item list
	expect_err "so does a read command" "the disk holding $full/p.db is full"
else
	skip "item add on a full disk fails" "needs root to mount a small tmpfs"
	skip "saying the disk is full" "needs root to mount a small tmpfs"
	skip "so does a read command" "needs root to mount a small tmpfs"
fi
