#include "postroom/audit.h"

#include "core.h"

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
	sqlite3_stmt *s = pr_db_stmt(db,
		"INSERT INTO audit_events (at, actor, entity, entity_id, ref, "
		"from_state, to_state, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, at);
	sqlite3_bind_text(s, 2, actor ? actor : pr_db_actor(db), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, entity_id);
	sqlite3_bind_text(s, 5, ref, -1, SQLITE_STATIC);
	pr_bind_text(s, 6, from);
	sqlite3_bind_text(s, 7, to, -1, SQLITE_STATIC);
	pr_bind_text(s, 8, reason && *reason ? reason : NULL);
	return pr_db_exec_stmt(db, s, "writing the audit trail", err);
}

pr_status pr_audit_list(pr_db *db, const char *ref, pr_audit_fn fn, void *ud,
			pr_error *err)
{
	sqlite3_stmt *s = ref
		? pr_db_stmt(db, "SELECT id, at, actor, entity, ref, from_state, "
			     "to_state, reason FROM audit_events WHERE ref = ?1 "
			     "ORDER BY id", err)
		: pr_db_stmt(db, "SELECT id, at, actor, entity, ref, from_state, "
			     "to_state, reason FROM audit_events ORDER BY id", err);
	if (!s)
		return err->code;
	if (ref)
		sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc;
	pr_audit_event ev;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ev.id = sqlite3_column_int64(s, 0);
		ev.at = sqlite3_column_int64(s, 1);
		pr_column_copy(s, 2, ev.actor, sizeof ev.actor);
		pr_column_copy(s, 3, ev.entity, sizeof ev.entity);
		pr_column_copy(s, 4, ev.ref, sizeof ev.ref);
		pr_column_copy(s, 5, ev.from_state, sizeof ev.from_state);
		pr_column_copy(s, 6, ev.to_state, sizeof ev.to_state);
		pr_column_copy(s, 7, ev.reason, sizeof ev.reason);
		if (!fn(&ev, ud))
			break;
	}
	pr_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "reading the audit trail");
	sqlite3_reset(s);
	return st;
}
