/* The audit trail: one writer, hash-chained events, and the check. */
#include "postroom/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "postroom/sha256.h"

/* The hash before the first event. Hashes are stored as 32-byte blobs. */
static const unsigned char genesis[PR_SHA256_LEN];

/* The names of the triggers that keep the trail append-only (schema 6). */
static const char *const guard_triggers[] = {
	"audit_events_no_update", "audit_events_no_delete", "audit_events_hashed",
};

/* Writes N in decimal at the end of BUF (24 bytes); returns its start. */
static char *decimal(uint64_t n, char buf[24])
{
	char *p = buf + 24;
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	return p;
}

/* Adds N bytes at S as "N:" S "\n", or "-\n" when S is NULL. */
static void add_bytes(pr_sha256 *h, const void *s, size_t n)
{
	char buf[25];
	if (!s) {
		pr_sha256_update(h, "-\n", 2);
		return;
	}
	buf[24] = ':';
	char *p = decimal(n, buf);
	pr_sha256_update(h, p, (size_t)(buf + 25 - p));
	pr_sha256_update(h, s, n);
	pr_sha256_update(h, "\n", 1);
}

static void add_field(pr_sha256 *h, const char *s)
{
	add_bytes(h, s, s ? strlen(s) : 0);
}

static void add_int(pr_sha256 *h, const int64_t *v)
{
	char buf[25], *p;
	if (!v) {
		add_bytes(h, NULL, 0);
		return;
	}
	p = decimal(*v < 0 ? 0 - (uint64_t)*v : (uint64_t)*v, buf);
	if (*v < 0)
		*--p = '-';
	add_bytes(h, p, (size_t)(buf + 24 - p));
}

/* The hash of an event (see audit.h); ENTITY_ID may be NULL (none). */
static void event_hash(const unsigned char prev[PR_SHA256_LEN], int64_t id, pr_time at, const char *actor,
		       const char *entity, const int64_t *entity_id, const char *ref,
		       const char *from, const char *to, const char *reason,
		       unsigned char out[PR_SHA256_LEN])
{
	pr_sha256 h;
	char hex[PR_SHA256_HEX_LEN];
	pr_sha256_init(&h);
	pr_sha256_update(&h, "postroom-audit-1\n", 17);
	pr_sha256_hex(prev, hex);
	add_field(&h, hex);
	add_int(&h, &id);
	int64_t t = at;
	add_int(&h, &t);
	add_field(&h, actor);
	add_field(&h, entity);
	add_int(&h, entity_id);
	add_field(&h, ref);
	add_field(&h, from);
	add_field(&h, to);
	add_field(&h, reason);
	pr_sha256_final(&h, out);
}

/* Copies the 32-byte hash in column COL of S to OUT; false when the column
 * holds no such hash (NULL, or another size). */
static bool column_hash(sqlite3_stmt *s, int col, unsigned char out[PR_SHA256_LEN])
{
	const void *b = sqlite3_column_blob(s, col);
	if (!b || sqlite3_column_bytes(s, col) != PR_SHA256_LEN)
		return false;
	memcpy(out, b, PR_SHA256_LEN);
	return true;
}

/* The id and hash of the last event (0 and the genesis hash when none). */
static pr_status chain_head(pr_db *db, int64_t *id, unsigned char hash[PR_SHA256_LEN],
			    pr_error *err)
{
	if (pr_db_audit_head(db, id, hash))
		return PR_OK;
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT id, hash FROM audit_events "
				     "ORDER BY id DESC LIMIT 1", err);
	if (!s)
		return err ? err->code : PR_EDB;
	int rc = sqlite3_step(s);
	*id = 0;
	memcpy(hash, genesis, PR_SHA256_LEN);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		(void)column_hash(s, 1, hash);
		rc = SQLITE_DONE;
	}
	pr_status st = rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "reading the audit trail");
	sqlite3_reset(s);
	return st;
}

pr_status pr_audit_write(pr_db *db, const char *entity, int64_t entity_id,
			 const char *ref, const char *from, const char *to,
			 const char *reason, pr_error *err)
{
	return pr_audit_write_as(db, pr_now(), NULL, entity, entity_id, ref, from, to,
				 reason, err);
}

pr_status pr_audit_write_as(pr_db *db, pr_time at, const char *actor,
			    const char *entity, int64_t entity_id, const char *ref,
			    const char *from, const char *to, const char *reason,
			    pr_error *err)
{
	int64_t last;
	unsigned char prev[PR_SHA256_LEN], hash[PR_SHA256_LEN];
	pr_status st = chain_head(db, &last, prev, err);
	if (st != PR_OK)
		return st;
	const char *who = actor ? actor : pr_db_actor(db);
	const char *why = reason && *reason ? reason : NULL;
	int64_t id = last + 1;
	event_hash(prev, id, at, who, entity, &entity_id, ref, from, to, why, hash);
	sqlite3_stmt *s = pr_db_stmt(db,
		"INSERT INTO audit_events (id, at, actor, entity, entity_id, ref, "
		"from_state, to_state, reason, hash) "
		"VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10)", err);
	if (!s)
		return err ? err->code : PR_EDB;
	sqlite3_bind_int64(s, 1, at);
	sqlite3_bind_text(s, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, entity_id);
	sqlite3_bind_text(s, 5, ref, -1, SQLITE_STATIC);
	pr_bind_text(s, 6, from);
	sqlite3_bind_text(s, 7, to, -1, SQLITE_STATIC);
	pr_bind_text(s, 8, why);
	sqlite3_bind_int64(s, 9, id);
	sqlite3_bind_blob(s, 10, hash, PR_SHA256_LEN, SQLITE_STATIC);
	st = pr_db_exec_stmt(db, s, "writing the audit trail", err);
	if (st == PR_OK)
		pr_db_set_audit_head(db, id, hash);
	return st;
}

/* Reads the event at the current row of S (the columns of EVENT_COLS). */
#define EVENT_COLS "id, at, actor, entity, entity_id, ref, from_state, to_state, " \
	"reason, hash"

static void event_read(sqlite3_stmt *s, pr_audit_event *ev, bool *has_entity_id,
		       bool nulls[10])
{
	for (int i = 0; i < 10; i++)
		nulls[i] = sqlite3_column_type(s, i) == SQLITE_NULL;
	ev->id = sqlite3_column_int64(s, 0);
	ev->at = sqlite3_column_int64(s, 1);
	pr_column_copy(s, 2, ev->actor, sizeof ev->actor);
	pr_column_copy(s, 3, ev->entity, sizeof ev->entity);
	ev->entity_id = sqlite3_column_int64(s, 4);
	*has_entity_id = !nulls[4];
	pr_column_copy(s, 5, ev->ref, sizeof ev->ref);
	pr_column_copy(s, 6, ev->from_state, sizeof ev->from_state);
	pr_column_copy(s, 7, ev->to_state, sizeof ev->to_state);
	pr_column_copy(s, 8, ev->reason, sizeof ev->reason);
	unsigned char h[PR_SHA256_LEN];
	ev->hash[0] = '\0';
	if (column_hash(s, 9, h))
		pr_sha256_hex(h, ev->hash);
}

/* The hash event row S should have after PREV, read from S itself (the
 * whole text of each column, not the copies cut to the event's sizes). */
static void row_hash(sqlite3_stmt *s, const unsigned char prev[PR_SHA256_LEN],
		     unsigned char out[PR_SHA256_LEN])
{
	int64_t entity_id = sqlite3_column_int64(s, 4);
	bool has_id = sqlite3_column_type(s, 4) != SQLITE_NULL;
	event_hash(prev, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
		   (const char *)sqlite3_column_text(s, 2),
		   (const char *)sqlite3_column_text(s, 3), has_id ? &entity_id : NULL,
		   (const char *)sqlite3_column_text(s, 5),
		   (const char *)sqlite3_column_text(s, 6),
		   (const char *)sqlite3_column_text(s, 7),
		   (const char *)sqlite3_column_text(s, 8), out);
}

pr_status pr_audit_list(pr_db *db, const char *ref, pr_audit_fn fn, void *ud,
			pr_error *err)
{
	sqlite3_stmt *s = ref
		? pr_db_stmt(db, "SELECT " EVENT_COLS " FROM audit_events WHERE ref = ?1 "
			     "ORDER BY id", err)
		: pr_db_stmt(db, "SELECT " EVENT_COLS " FROM audit_events ORDER BY id", err);
	if (!s)
		return err ? err->code : PR_EDB;
	if (ref)
		sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc;
	pr_audit_event ev;
	bool has_id, nulls[10];
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		event_read(s, &ev, &has_id, nulls);
		if (!fn(&ev, ud))
			break;
	}
	pr_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "reading the audit trail");
	sqlite3_reset(s);
	return st;
}

pr_status pr_audit_seal(pr_db *db, pr_error *err)
{
	sqlite3 *h = pr_db_sqlite(db);
	sqlite3_stmt *rd = NULL, *up = NULL;
	unsigned char prev[PR_SHA256_LEN], hash[PR_SHA256_LEN];
	memcpy(prev, genesis, PR_SHA256_LEN);
	int rc = sqlite3_prepare_v2(h, "SELECT " EVENT_COLS " FROM audit_events "
				    "ORDER BY id", -1, &rd, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "UPDATE audit_events SET hash = ?1 "
					"WHERE id = ?2", -1, &up, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(rd)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		if (column_hash(rd, 9, prev))
			continue; /* sealed already: the chain goes on from it */
		row_hash(rd, prev, hash);
		sqlite3_bind_blob(up, 1, hash, PR_SHA256_LEN, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(rd, 0));
		rc = sqlite3_step(up);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_reset(up);
		memcpy(prev, hash, PR_SHA256_LEN);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	pr_status st = rc == SQLITE_OK ? PR_OK
		: pr_db_fail(db, err, rc, "chaining the audit trail");
	sqlite3_finalize(rd);
	sqlite3_finalize(up);
	return st;
}

/* A line naming event EV for messages: "event 12 (item I261120-0042K,
 * received -> batched at 2026-11-20T09:30:00+00:00 by jsmith)". */
static void event_name(const pr_audit_event *ev, char *out, size_t cap)
{
	char at[PR_TIME_LEN];
	pr_time_format(ev->at, at);
	snprintf(out, cap, "event %" PRId64 " (%s %s, %s -> %s at %s by %s)", ev->id,
		 ev->entity, ev->ref, ev->from_state[0] ? ev->from_state : "(new)",
		 ev->to_state, at, ev->actor);
}

static pr_status check_triggers(pr_db *db, pr_audit_check *out, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT count(*) FROM sqlite_master WHERE "
				     "type = 'trigger' AND tbl_name = 'audit_events' "
				     "AND name = ?1", err);
	if (!s)
		return err ? err->code : PR_EDB;
	for (size_t i = 0; i < sizeof guard_triggers / sizeof guard_triggers[0]; i++) {
		sqlite3_bind_text(s, 1, guard_triggers[i], -1, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW)
			return pr_db_fail(db, err, rc, "checking the audit trail");
		if (n == 0 && out->ok) {
			out->ok = false;
			snprintf(out->problem, sizeof out->problem, "the trigger %s, which "
				 "keeps the audit trail append-only, is missing: someone "
				 "removed it", guard_triggers[i]);
		}
	}
	return PR_OK;
}

pr_status pr_audit_verify(pr_db *db, pr_audit_check *out, pr_error *err)
{
	pr_audit_check r = { .ok = true };
	unsigned char prev[PR_SHA256_LEN], hash[PR_SHA256_LEN], stored[PR_SHA256_LEN];
	char name[300];
	int64_t last_id = 0;
	memcpy(prev, genesis, PR_SHA256_LEN);
	pr_status st = check_triggers(db, &r, err);
	if (st != PR_OK)
		return st;
	bool triggers_ok = r.ok;
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT " EVENT_COLS " FROM audit_events "
				     "ORDER BY id", err);
	if (!s)
		return err ? err->code : PR_EDB;
	int rc;
	pr_audit_event ev;
	bool has_id, nulls[10];
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		event_read(s, &ev, &has_id, nulls);
		r.events++;
		row_hash(s, prev, hash);
		const char *why = NULL;
		bool has_hash = column_hash(s, 9, stored);
		if (!has_hash)
			why = "has no hash: it was put in without the audit writer";
		else if (ev.id != last_id + 1)
			why = "does not follow the event before it: the events between "
			      "were removed";
		else if (memcmp(stored, hash, PR_SHA256_LEN) != 0)
			why = "does not match its hash: it was changed after it was written "
			      "(or the events before it were)";
		if (why && r.bad_id == 0) {
			r.ok = false;
			r.bad_id = ev.id;
			event_name(&ev, name, sizeof name);
			if (triggers_ok)
				snprintf(r.problem, sizeof r.problem, "%s %s", name, why);
			else {
				size_t n = strlen(r.problem);
				snprintf(r.problem + n, sizeof r.problem - n, "; and %s %s",
					 name, why);
			}
		}
		/* Go on from the stored hash: one changed event is named once,
		 * not again with every event after it. */
		memcpy(prev, has_hash ? stored : hash, PR_SHA256_LEN);
		last_id = ev.id;
		pr_sha256_hex(prev, r.head);
	}
	st = rc == SQLITE_DONE ? PR_OK : pr_db_fail(db, err, rc, "checking the audit trail");
	sqlite3_reset(s);
	if (st == PR_OK)
		*out = r;
	return st;
}
