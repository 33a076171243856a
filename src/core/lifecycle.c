/* The item's life cycle (DESIGN.md section 3): one table of the moves an
 * item may make, each with the change of columns that goes with it, and
 * the one function through which every module moves an item. The audit
 * event is written beside the change, and the daily rollup follows from
 * the triggers on items, all in the caller's transaction. */
#include <stdio.h>

#include "core.h"
#include "postroom/item.h"

/* The SQL of a move binds: ?1 the item's id, ?2 the state it must be in,
 * ?3 the new state, ?4 the time of the move, ?5 the batch (batched), ?6 a
 * text (the exception's reason, the name of who signed), ?7 the local day
 * of the move. Each statement names only the parameters it uses. */
static const struct move {
	pr_item_status from, to;
	const char *sql;
} moves[] = {
	{ PR_ITEM_RECEIVED, PR_ITEM_BATCHED,
	  "UPDATE items SET status = ?3, batch_id = ?5, updated_at = ?4, "
	  "batch_pos = (SELECT coalesce(max(batch_pos), 0) + 1 FROM items "
	  "WHERE batch_id = ?5) WHERE id = ?1 AND status = ?2" },
	{ PR_ITEM_BATCHED, PR_ITEM_RECEIVED,
	  "UPDATE items SET status = ?3, batch_id = NULL, batch_pos = NULL, "
	  "updated_at = ?4 WHERE id = ?1 AND status = ?2" },
	{ PR_ITEM_BATCHED, PR_ITEM_SCANNED,
	  "UPDATE items SET status = ?3, scanned_at = ?4, scanned_day = ?7, "
	  "updated_at = ?4 WHERE id = ?1 AND status = ?2" },
	/* A scan problem's pages given to an item that was never batched
	 * (a file without a header sheet, say). */
	{ PR_ITEM_RECEIVED, PR_ITEM_SCANNED,
	  "UPDATE items SET status = ?3, scanned_at = ?4, scanned_day = ?7, "
	  "updated_at = ?4 WHERE id = ?1 AND status = ?2" },
	/* Marked for rescan: back to its batch as waiting, no longer counted
	 * as scanned; its images stay on record. */
	{ PR_ITEM_SCANNED, PR_ITEM_BATCHED,
	  "UPDATE items SET status = ?3, scanned_at = NULL, scanned_day = NULL, "
	  "updated_at = ?4 WHERE id = ?1 AND status = ?2" },
	{ PR_ITEM_SCANNED, PR_ITEM_EMAILED,
	  "UPDATE items SET status = ?3, emailed_at = ?4, updated_at = ?4 "
	  "WHERE id = ?1 AND status = ?2" },
	{ PR_ITEM_RECEIVED, PR_ITEM_EXCEPTION,
	  "UPDATE items SET status = ?3, exception_reason = ?6, updated_at = ?4 "
	  "WHERE id = ?1 AND status = ?2" },
	{ PR_ITEM_BATCHED, PR_ITEM_EXCEPTION,
	  "UPDATE items SET status = ?3, exception_reason = ?6, batch_id = NULL, "
	  "batch_pos = NULL, updated_at = ?4 WHERE id = ?1 AND status = ?2" },
	{ PR_ITEM_EXCEPTION, PR_ITEM_HANDED_OVER,
	  "UPDATE items SET status = ?3, handed_to = ?6, handed_at = ?4, "
	  "updated_at = ?4 WHERE id = ?1 AND status = ?2" },
	/* Not for the council: back to Royal Mail, with why (?6). */
	{ PR_ITEM_RECEIVED, PR_ITEM_RETURNED,
	  "UPDATE items SET status = ?3, exception_reason = ?6, updated_at = ?4 "
	  "WHERE id = ?1 AND status = ?2" },
	/* Logged by mistake: no longer counted anywhere. */
	{ PR_ITEM_RECEIVED, PR_ITEM_VOID,
	  "UPDATE items SET status = ?3, updated_at = ?4 "
	  "WHERE id = ?1 AND status = ?2" },
	{ PR_ITEM_BATCHED, PR_ITEM_VOID,
	  "UPDATE items SET status = ?3, batch_id = NULL, batch_pos = NULL, "
	  "updated_at = ?4 WHERE id = ?1 AND status = ?2" },
};

#define NMOVES (sizeof moves / sizeof moves[0])

static const struct move *find_move(pr_item_status from, pr_item_status to)
{
	for (size_t i = 0; i < NMOVES; i++)
		if (moves[i].from == from && moves[i].to == to)
			return &moves[i];
	return NULL;
}

bool pr_item_can_move(pr_item_status from, pr_item_status to)
{
	return find_move(from, to) != NULL;
}

pr_status pr_item_move(pr_db *db, const pr_item_change *c, pr_error *err)
{
	const char *from = pr_item_status_name((pr_item_status)c->from),
		   *to = pr_item_status_name((pr_item_status)c->to);
	if (!from || !to)
		return pr_fail(err, PR_EINVAL, "item %s: unknown state %d or %d", c->ref,
			       (int)c->from, (int)c->to);
	const struct move *m = find_move((pr_item_status)c->from, (pr_item_status)c->to);
	if (!m)
		return pr_fail(err, PR_ESTATE, "item %s cannot go from %s to %s", c->ref,
			       from, to);
	sqlite3_stmt *s = pr_db_stmt(db, m->sql, err);
	if (!s)
		return err->code;
	pr_time at = c->at ? c->at : pr_now();
	char day[PR_DAY_LEN];
	pr_time_day(at, day);
	int nparams = sqlite3_bind_parameter_count(s);
	for (int i = 1; i <= nparams; i++) {
		switch (i) {
		case 1: sqlite3_bind_int64(s, i, c->id); break;
		case 2: sqlite3_bind_text(s, i, from, -1, SQLITE_STATIC); break;
		case 3: sqlite3_bind_text(s, i, to, -1, SQLITE_STATIC); break;
		case 4: sqlite3_bind_int64(s, i, at); break;
		case 5: sqlite3_bind_int64(s, i, c->batch_id); break;
		case 6: pr_bind_text(s, i, c->text); break;
		case 7: sqlite3_bind_text(s, i, day, -1, SQLITE_TRANSIENT); break;
		default: break;
		}
	}
	pr_status st = pr_db_exec_stmt(db, s, "changing the item's state", err);
	if (st != PR_OK)
		return st;
	if (sqlite3_changes(pr_db_sqlite(db)) != 1)
		return pr_fail(err, PR_ESTATE, "item %s is no longer %s", c->ref, from);
	return pr_audit_write_as(db, at, c->actor, "item", c->id, c->ref, from, to,
				 c->reason, err);
}
