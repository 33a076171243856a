/* Scan batches: making up a department's tray of items, closing it. */
#include "postroom/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/xmem.h"

static const char *const status_names[] = {
#define BATCH_NAME(e, name) [e] = name,
	PR_BATCH_STATUS_LIST(BATCH_NAME)
#undef BATCH_NAME
};

const char *pr_batch_status_name(pr_batch_status s)
{
	return (unsigned)s < PR_BATCH_STATUS_COUNT ? status_names[s] : NULL;
}

pr_status pr_batch_status_parse(const char *s, pr_batch_status *out, pr_error *err)
{
	for (int i = 0; i < PR_BATCH_STATUS_COUNT; i++) {
		if (s && strcmp(s, status_names[i]) == 0) {
			*out = (pr_batch_status)i;
			return PR_OK;
		}
	}
	return pr_fail(err, PR_EINVAL, "batch state '%.40s' is not one of open, "
		       "closed, scanned, released", s ? s : "");
}

#define BATCH_SELECT                                                          \
	"SELECT b.id, b.ref, d.code, d.name, b.status, b.opened_by, b.opened_at, " \
	"coalesce(b.closed_by, ''), coalesce(b.closed_at, 0), "                 \
	"coalesce(b.sheets_printed_at, 0), "                                    \
	"(SELECT count(*) FROM items i WHERE i.batch_id = b.id) "               \
	"FROM batches b JOIN departments d ON d.id = b.dept_id "

static void read_batch(sqlite3_stmt *s, pr_batch *b)
{
	pr_error ignored;
	b->id = sqlite3_column_int64(s, 0);
	pr_column_copy(s, 1, b->ref, sizeof b->ref);
	pr_column_copy(s, 2, b->dept_code, sizeof b->dept_code);
	pr_column_copy(s, 3, b->dept_name, sizeof b->dept_name);
	if (pr_batch_status_parse((const char *)sqlite3_column_text(s, 4), &b->status,
				  &ignored) != PR_OK)
		b->status = PR_BATCH_OPEN;
	pr_column_copy(s, 5, b->opened_by, sizeof b->opened_by);
	b->opened_at = sqlite3_column_int64(s, 6);
	pr_column_copy(s, 7, b->closed_by, sizeof b->closed_by);
	b->closed_at = sqlite3_column_int64(s, 8);
	b->sheets_printed_at = sqlite3_column_int64(s, 9);
	b->items = (long)sqlite3_column_int64(s, 10);
}

/* Parses REF as a reference of KIND ('B' or 'I'), saying which it is when a
 * reference of the other kind was given (a scanned label of the wrong sort). */
static pr_status parse_kind(const char *ref, char kind, char out[PR_REF_LEN],
			    pr_error *err)
{
	pr_status st = pr_ref_parse(ref, out, err);
	if (st != PR_OK)
		return st;
	if (out[0] != kind)
		return pr_fail(err, PR_EINVAL, "%s is not %s reference", out,
			       kind == 'B' ? "a batch" : "an item");
	return PR_OK;
}

pr_status pr_batch_get(pr_db *db, const char *ref, pr_batch *out, pr_error *err)
{
	char nref[PR_REF_LEN];
	pr_status st = parse_kind(ref, 'B', nref, err);
	if (st != PR_OK)
		return st;
	sqlite3_stmt *s = pr_db_stmt(db, BATCH_SELECT "WHERE b.ref = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, nref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_batch(s, out);
	else if (rc == SQLITE_DONE)
		st = pr_fail(err, PR_ENOTFOUND, "no batch %s", nref);
	else
		st = pr_db_fail(db, err, rc, "finding the batch");
	sqlite3_reset(s);
	return st;
}

pr_status pr_batch_open_of(pr_db *db, const char *dept_code, pr_batch *out, pr_error *err)
{
	pr_dept dept;
	pr_status st = pr_dept_find(db, dept_code, &dept, err);
	if (st != PR_OK)
		return st;
	sqlite3_stmt *s = pr_db_stmt(db, BATCH_SELECT "WHERE b.dept_id = ?1 AND "
				     "b.status = 'open' ORDER BY b.id DESC LIMIT 1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, dept.id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_batch(s, out);
	else if (rc == SQLITE_DONE)
		st = pr_fail(err, PR_ENOTFOUND, "%s has no open batch", dept.code);
	else
		st = pr_db_fail(db, err, rc, "finding the open batch");
	sqlite3_reset(s);
	return st;
}

/* Inserts a new open batch for DEPT_ID inside the caller's transaction. */
static pr_status insert_batch(pr_db *db, int64_t dept_id, int64_t *id,
			      char ref[PR_REF_LEN], pr_error *err)
{
	pr_time now = pr_now();
	char day[PR_DAY_LEN];
	long seq;
	pr_time_day(now, day);
	pr_status st = pr_sequence_next(db, "B", day, &seq, err);
	if (st != PR_OK)
		return st;
	pr_ref_make('B', pr_time_dayno(now), seq, ref);
	sqlite3_stmt *s = pr_db_stmt(db, "INSERT INTO batches (ref, dept_id, status, "
				     "opened_by, opened_at) VALUES (?1, ?2, 'open', ?3, ?4)",
				     err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, dept_id);
	sqlite3_bind_text(s, 3, pr_db_actor(db), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now);
	if ((st = pr_db_exec_stmt(db, s, "opening the batch", err)) != PR_OK)
		return st;
	*id = sqlite3_last_insert_rowid(pr_db_sqlite(db));
	return pr_audit_write(db, "batch", *id, ref, NULL, "open", NULL, err);
}

pr_status pr_batch_ensure_open(pr_db *db, int64_t dept_id, int64_t *batch_id,
			       char batch_ref[PR_REF_LEN], pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT id, ref FROM batches WHERE dept_id = ?1 "
				     "AND status = 'open' ORDER BY id DESC LIMIT 1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, dept_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*batch_id = sqlite3_column_int64(s, 0);
		pr_column_copy(s, 1, batch_ref, PR_REF_LEN);
		sqlite3_reset(s);
		return PR_OK;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return pr_db_fail(db, err, rc, "finding the open batch");
	return insert_batch(db, dept_id, batch_id, batch_ref, err);
}

pr_status pr_batch_put(pr_db *db, int64_t batch_id, const char *batch_ref,
		       int64_t item_id, const char *item_ref, pr_error *err)
{
	char why[64];
	snprintf(why, sizeof why, "in batch %s", batch_ref);
	pr_item_change c = { .id = item_id, .ref = item_ref, .from = PR_ITEM_RECEIVED,
			     .to = PR_ITEM_BATCHED, .reason = why, .batch_id = batch_id };
	return pr_item_move(db, &c, err);
}

pr_status pr_batch_open(pr_db *db, const char *dept_code, pr_batch *out, pr_error *err)
{
	pr_dept dept;
	int64_t id;
	char ref[PR_REF_LEN];
	pr_status st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "open a batch", err);
	if (st != PR_OK)
		return st;
	if ((st = pr_dept_find(db, dept_code, &dept, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (!dept.active)
		return pr_db_rollback(db, pr_fail(err, PR_ESTATE, "department %s is "
						  "closed", dept.code));
	if ((st = insert_batch(db, dept.id, &id, ref, err)) != PR_OK ||
	    (out && (st = pr_batch_get(db, ref, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

/* The state of batch REF inside the caller's transaction. */
typedef struct batch_state {
	int64_t id, dept_id;
	pr_batch_status status;
	long items;
} batch_state;

static pr_status load_batch(pr_db *db, const char *ref, batch_state *b, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT b.id, b.dept_id, b.status, (SELECT "
				     "count(*) FROM items i WHERE i.batch_id = b.id) "
				     "FROM batches b WHERE b.ref = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	pr_status st = PR_OK;
	if (rc == SQLITE_ROW) {
		pr_error ignored;
		b->id = sqlite3_column_int64(s, 0);
		b->dept_id = sqlite3_column_int64(s, 1);
		if (pr_batch_status_parse((const char *)sqlite3_column_text(s, 2),
					  &b->status, &ignored) != PR_OK)
			b->status = PR_BATCH_CLOSED;
		b->items = (long)sqlite3_column_int64(s, 3);
	} else if (rc == SQLITE_DONE) {
		st = pr_fail(err, PR_ENOTFOUND, "no batch %s", ref);
	} else {
		st = pr_db_fail(db, err, rc, "finding the batch");
	}
	sqlite3_reset(s);
	return st;
}

static pr_status dept_code_of(pr_db *db, int64_t dept_id, char *out, size_t cap,
			      pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT code FROM departments WHERE id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, dept_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		pr_column_copy(s, 0, out, cap);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PR_OK : pr_db_fail(db, err, rc, "finding the department");
}

pr_status pr_batch_add(pr_db *db, const char *batch_ref, const char *item_ref,
		       pr_item *out, pr_error *err)
{
	char bref[PR_REF_LEN], iref[PR_REF_LEN];
	pr_status st;
	if ((st = parse_kind(batch_ref, 'B', bref, err)) != PR_OK ||
	    (st = parse_kind(item_ref, 'I', iref, err)) != PR_OK)
		return st;
	if ((st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "add to a batch", err)) != PR_OK)
		return st;
	batch_state b;
	pr_item_state it;
	if ((st = load_batch(db, bref, &b, err)) != PR_OK ||
	    (st = pr_item_state_of(db, iref, &it, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (b.status != PR_BATCH_OPEN)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_BATCH,
			"batch %s is %s: items go into an open batch", bref,
			status_names[b.status]));
	if (it.status == PR_ITEM_BATCHED)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM,
			"item %s is already in batch %s", iref, it.batch_ref));
	if (it.status != PR_ITEM_RECEIVED)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM,
			"item %s is %s: only received items go into a batch", iref,
			pr_item_status_name((pr_item_status)it.status)));
	if (it.dept_id != b.dept_id && !pr_db_mixed_batches(db)) {
		char bdept[PR_DEPT_CODE_MAX + 1] = "";
		if ((st = dept_code_of(db, b.dept_id, bdept, sizeof bdept, err)) != PR_OK)
			return pr_db_rollback(db, st);
		return pr_db_rollback(db, pr_fail_field(err, PR_EINVAL, PR_FIELD_ITEM,
			"item %s is for %s but batch %s is for %s", iref, it.dept_code,
			bref, bdept));
	}
	if ((st = pr_batch_put(db, b.id, bref, it.id, iref, err)) != PR_OK ||
	    (out && (st = pr_item_get(db, iref, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_batch_remove(pr_db *db, const char *batch_ref, const char *item_ref,
			  pr_error *err)
{
	char bref[PR_REF_LEN], iref[PR_REF_LEN], why[64];
	pr_status st;
	if ((st = parse_kind(batch_ref, 'B', bref, err)) != PR_OK ||
	    (st = parse_kind(item_ref, 'I', iref, err)) != PR_OK)
		return st;
	if ((st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "remove from a batch", err)) != PR_OK)
		return st;
	batch_state b;
	pr_item_state it;
	if ((st = load_batch(db, bref, &b, err)) != PR_OK ||
	    (st = pr_item_state_of(db, iref, &it, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (it.batch_id != b.id || it.status != PR_ITEM_BATCHED)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM,
			"item %s is not in batch %s", iref, bref));
	if (b.status != PR_BATCH_OPEN)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_BATCH,
			"batch %s is %s: items come out of an open batch only", bref,
			status_names[b.status]));
	snprintf(why, sizeof why, "taken out of batch %s", bref);
	pr_item_change c = { .id = it.id, .ref = iref, .from = PR_ITEM_BATCHED,
			     .to = PR_ITEM_RECEIVED, .reason = why };
	if ((st = pr_item_move(db, &c, err)) != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_batch_close(pr_db *db, const char *ref, pr_batch *out, pr_error *err)
{
	char bref[PR_REF_LEN], why[32];
	pr_status st = parse_kind(ref, 'B', bref, err);
	if (st != PR_OK || (st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "close a batch", err)) != PR_OK)
		return st;
	batch_state b;
	if ((st = load_batch(db, bref, &b, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (b.status != PR_BATCH_OPEN)
		return pr_db_rollback(db, pr_fail(err, PR_ESTATE, "batch %s is already %s",
						  bref, status_names[b.status]));
	if (b.items == 0)
		return pr_db_rollback(db, pr_fail(err, PR_ESTATE, "batch %s is empty: "
						  "add items before closing it", bref));
	sqlite3_stmt *s = pr_db_stmt(db, "UPDATE batches SET status = 'closed', "
				     "closed_by = ?2, closed_at = ?3 WHERE id = ?1", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	sqlite3_bind_int64(s, 1, b.id);
	sqlite3_bind_text(s, 2, pr_db_actor(db), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, pr_now());
	snprintf(why, sizeof why, "%ld item%s", b.items, b.items == 1 ? "" : "s");
	if ((st = pr_db_exec_stmt(db, s, "closing the batch", err)) != PR_OK ||
	    (st = pr_audit_write(db, "batch", b.id, bref, "open", "closed", why,
				 err)) != PR_OK ||
	    (out && (st = pr_batch_get(db, bref, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_batch_sheets_printed(pr_db *db, const char *ref, pr_error *err)
{
	char bref[PR_REF_LEN];
	pr_status st = parse_kind(ref, 'B', bref, err);
	if (st != PR_OK || (st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "print batch sheets", err)) != PR_OK)
		return st;
	batch_state b;
	if ((st = load_batch(db, bref, &b, err)) != PR_OK)
		return pr_db_rollback(db, st);
	sqlite3_stmt *s = pr_db_stmt(db, "UPDATE batches SET sheets_printed_at = ?2 "
				     "WHERE id = ?1", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	sqlite3_bind_int64(s, 1, b.id);
	sqlite3_bind_int64(s, 2, pr_now());
	if ((st = pr_db_exec_stmt(db, s, "recording the printed sheets", err)) != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_batch_list(pr_db *db, const pr_batch_filter *f, pr_batch_fn fn,
			void *ud, pr_error *err)
{
	pr_dept dept = { .id = 0 };
	pr_status st;
	if (f->dept_code && (st = pr_dept_find(db, f->dept_code, &dept, err)) != PR_OK)
		return st;
	if (f->status >= PR_BATCH_STATUS_COUNT)
		return pr_fail(err, PR_EINVAL, "unknown batch state %d", f->status);
	sqlite3_stmt *s = pr_db_stmt(db, BATCH_SELECT "WHERE (?1 = 0 OR b.dept_id = ?1) "
				     "AND (?2 IS NULL OR b.status = ?2) ORDER BY b.id DESC "
				     "LIMIT ?3", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, dept.id);
	pr_bind_text(s, 2, f->status >= 0 ? status_names[f->status] : NULL);
	sqlite3_bind_int64(s, 3, f->limit ? (sqlite3_int64)f->limit : -1);
	int rc;
	pr_batch b;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_batch(s, &b);
		if (!fn(&b, ud))
			break;
	}
	st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "listing batches");
	sqlite3_reset(s);
	return st;
}

pr_status pr_batch_items(pr_db *db, const char *ref, pr_item_fn fn, void *ud,
			 pr_error *err)
{
	pr_batch b;
	pr_status st = pr_batch_get(db, ref, &b, err);
	if (st != PR_OK)
		return st;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(pr_db_sqlite(db), PR_ITEM_SELECT
				    "WHERE i.batch_id = ?1 ORDER BY i.batch_pos, i.id",
				    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return pr_db_fail(db, err, rc, "listing the batch");
	sqlite3_bind_int64(s, 1, b.id);
	pr_item *it = xmalloc(sizeof *it);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pr_item_read(s, it);
		if (!fn(it, ud))
			break;
	}
	st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "listing the batch");
	free(it);
	sqlite3_finalize(s);
	return st;
}

typedef struct item_array {
	pr_item *v;
	size_t n, cap;
} item_array;

static bool collect(const pr_item *it, void *ud)
{
	item_array *a = ud;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = *it;
	return true;
}

pr_status pr_batch_items_load(pr_db *db, const char *ref, pr_item **items,
			      size_t *n, pr_error *err)
{
	item_array a = { 0 };
	pr_status st = pr_batch_items(db, ref, collect, &a, err);
	if (st != PR_OK) {
		free(a.v);
		*items = NULL;
		*n = 0;
		return st;
	}
	*items = a.v;
	*n = a.n;
	return PR_OK;
}
