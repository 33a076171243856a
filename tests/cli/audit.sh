# The audit trail (issue 13, part 4): append-only (triggers refuse UPDATE
# and DELETE), hash-chained, shown by `audit [REF]` and checked by `audit
# verify`, which names the first event that does not hold. Scans, the demo
# and a database from before the chain are covered.
. tests/lib.sh
. tests/scan.sh
plan 35
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null
out=$(make_batch ASC 2)
B=$(echo "$out" | head -n 1)
I1=$(echo "$out" | sed -n 2p)
pr item exception "$I1" --reason "private & confidential" >/dev/null 2>&1 || true
batch_sheets "$B" "$TESTDIR/sheets.pdf"
mkdir -p "$TESTDIR/in"
make_scan "$TESTDIR/in/scan1.tif" "batch:1:$TESTDIR/sheets.pdf" >/dev/null
make_scan "$TESTDIR/in/stray.tif" letter:3 >/dev/null
printf 'not a tiff at all\n' >"$TESTDIR/in/junk.tif"
pr ingest "$TESTDIR/in" >/dev/null 2>&1

sq() { sqlite3 "$DB" "$1"; }
# The stray letter's problem, set aside: a reason that would drive a
# terminal is refused first, then a plain one is taken (and audited).
P=$(sq "SELECT min(id) FROM scan_problems WHERE status = 'open'")
expect_exit 1 "a set-aside reason with a C1 control is refused" \
	pr scan resolve "$P" --set-aside "$(printf 'misfiled\302\233')"
check "a plain reason is taken" pr scan resolve "$P" --set-aside "not our post"
expect_eq "and its resolution is in the trail" \
	"$(sq "SELECT from_state || '>' || to_state || ':' || reason FROM audit_events WHERE entity = 'scan-problem' ORDER BY id DESC LIMIT 1")" \
	"open>set-aside:not our post"
expect_eq "every event has its hash" "$(sq "SELECT count(*) FROM audit_events WHERE length(hash) IS NOT 32")" 0
expect_eq "numbered without gaps" "$(sq "SELECT max(id) - count(*) FROM audit_events")" 0
expect_eq "the hashes differ" "$(sq "SELECT count(DISTINCT hash) = count(*) FROM audit_events")" 1
expect_eq "scan files are in the trail" "$(sq "SELECT count(*) > 0 FROM audit_events WHERE entity = 'scan-file'")" 1
expect_eq "scan problems are in the trail" "$(sq "SELECT count(*) > 0 FROM audit_events WHERE entity = 'scan-problem'")" 1

check "audit verify passes on an honest trail" pr audit verify
expect_out "it counts the events" "The audit trail holds: [0-9]+ events"
expect_out "and gives the head hash" "Last event's hash: [0-9a-f]{64}"
check "audit shows the whole trail" pr audit
expect_out "with a header" "^ +ID +WHEN +WHO +WHAT +REF +CHANGE +WHY"
expect_out "and the batch's opening" "batch +$B +\(new\) -> open"
run pr audit "$I1"
expect_eq "audit REF shows only that item" "$(printf '%s\n' "$OUT" | tail -n +2 | grep -vc " $I1 ")" 0
expect_out "from its logging" "item +$I1 +\(new\) -> received"
run pr audit list "$I1" --format csv
expect_out "csv has a header" "^id,at,actor,entity,ref,from,to,reason,hash$"
expect_out "and the hash of each event" ",[0-9a-f]{64}$"
run pr audit --format json
expect_out "json too" '"entity": "scan-file"'

# Append-only: plain SQL cannot change or remove an event.
run sqlite3 "$DB" "UPDATE audit_events SET actor = 'someone' WHERE id = 3"
expect_err "an UPDATE is refused" "audit events cannot be changed"
run sqlite3 "$DB" "DELETE FROM audit_events WHERE id = 3"
expect_err "a DELETE is refused" "audit events cannot be deleted"
run sqlite3 "$DB" "INSERT INTO audit_events (at, actor, entity, ref, to_state) VALUES (1, 'x', 'item', 'X', 'received')"
expect_err "an event without its hash is refused" "written with their hash"

# Someone drops the trigger and edits an event: verify names it.
cp "$DB" "$TESTDIR/edited.db"
sqlite3 "$TESTDIR/edited.db" "DROP TRIGGER audit_events_no_update;
	UPDATE audit_events SET actor = 'nobody' WHERE id = 4"
run pr --db "$TESTDIR/edited.db" audit verify
expect_eq "verify fails on an edited event" "$RC" 1
expect_err "naming the missing trigger" "trigger audit_events_no_update, which keeps the audit trail append-only, is missing"
expect_err "and the event changed" "event 4 \(.* by nobody\) does not match its hash: it was changed after it was written"
cp "$DB" "$TESTDIR/edited2.db"
sqlite3 "$TESTDIR/edited2.db" "DROP TRIGGER audit_events_no_update;
	UPDATE audit_events SET reason = 'moved' WHERE id = 6;
	CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'x'); END"
run pr --db "$TESTDIR/edited2.db" audit verify
expect_eq "verify fails even with the trigger put back" "$RC" 1
expect_err "naming event 6 first" "^postroom: the audit trail does not hold: event 6 "
cp "$DB" "$TESTDIR/deleted.db"
sqlite3 "$TESTDIR/deleted.db" "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 5"
run pr --db "$TESTDIR/deleted.db" audit verify
expect_err "a removed event is found at the one after it" "event 6 .* does not follow the event before it"
sqlite3 "$TESTDIR/deleted.db" "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET id = id - 1 WHERE id > 5"
run pr --db "$TESTDIR/deleted.db" audit verify
expect_err "and when the ones after it are renumbered" "event 5 .* does not match its hash"
cp "$DB" "$TESTDIR/rehashed.db"
# Rewriting an event's own hash is not enough: the next one no longer follows.
sqlite3 "$TESTDIR/rehashed.db" "DROP TRIGGER audit_events_no_update;
	UPDATE audit_events SET hash = zeroblob(32) WHERE id = 2"
run pr --db "$TESTDIR/rehashed.db" audit verify
expect_err "a forged hash is found" "event 2 .* does not match its hash"

# A database from before the chain (schema 5) is chained when upgraded.
pr --db "$TESTDIR/old.db" init >/dev/null
pr --db "$TESTDIR/old.db" dept add OLD --name Old --email old@county.example >/dev/null
pr --db "$TESTDIR/old.db" item add --dept OLD --sender S --addressee A >/dev/null
sqlite3 "$TESTDIR/old.db" "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;
	DROP TRIGGER audit_events_hashed; UPDATE audit_events SET hash = NULL;
	DROP INDEX items_unpurged; ALTER TABLE items DROP COLUMN purged_at;
	ALTER TABLE departments DROP COLUMN keep_days; ALTER TABLE scan_images DROP COLUMN purged_at;
	ALTER TABLE scan_problems DROP COLUMN purged_at; ALTER TABLE scan_files DROP COLUMN purged_at;
	PRAGMA user_version = 5"
check "an old database opens" pr --db "$TESTDIR/old.db" audit verify
expect_out "with its events chained (the first admin, the department, the item)" "holds: 3 events"
expect_eq "and guarded" "$(sqlite3 "$TESTDIR/old.db" "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_events_%'")" 3

# The demo's events are chained too.
pr --db "$TESTDIR/demo.db" demo --days 3 >/dev/null
check "the demo's trail verifies" pr --db "$TESTDIR/demo.db" audit verify
expect_eq "demo events all hashed" "$(sqlite3 "$TESTDIR/demo.db" "SELECT count(*) FROM audit_events WHERE hash IS NULL")" 0
