/* After the scan: reviewing an item's pages, indexing it (sender and
 * addressee), and marking it for rescan (scan.h, item.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/item.h"
#include "postroom/scan.h"
#include "postroom/text.h"

/* --- review ------------------------------------------------------------ */

#define REVIEW_SELECT                                                              \
	"SELECT i.ref, coalesce(b.ref, ''), d.code, i.sender, i.addressee, i.status, " \
	"g.pages, g.blank_pages, coalesce(g.dpi, 0), g.page_list, g.blank_list, "    \
	"coalesce(g.scan_file_id, 0), coalesce(f.name, ''), "                       \
	"coalesce(f.archive_path, f.path, ''), g.pdf_path, g.created_at "           \
	"FROM scan_images g JOIN items i ON i.id = g.item_id "                       \
	"JOIN departments d ON d.id = i.dept_id "                                    \
	"LEFT JOIN batches b ON b.id = i.batch_id "                                  \
	"LEFT JOIN scan_files f ON f.id = g.scan_file_id "

static const char *const item_states[] = {
#define STATE_NAME(e, name) [e] = name,
	PR_ITEM_STATUS_LIST(STATE_NAME)
#undef STATE_NAME
};

static int state_of(const char *s)
{
	for (int i = 0; i < PR_ITEM_STATUS_COUNT; i++)
		if (s && strcmp(s, item_states[i]) == 0)
			return i;
	return PR_ITEM_RECEIVED;
}

static void read_review(sqlite3_stmt *s, pr_scan_review *r)
{
	memset(r, 0, sizeof *r);
	pr_column_copy(s, 0, r->ref, sizeof r->ref);
	pr_column_copy(s, 1, r->batch_ref, sizeof r->batch_ref);
	pr_column_copy(s, 2, r->dept_code, sizeof r->dept_code);
	pr_column_copy(s, 3, r->sender, sizeof r->sender);
	pr_column_copy(s, 4, r->addressee, sizeof r->addressee);
	r->status = state_of((const char *)sqlite3_column_text(s, 5));
	r->pages = sqlite3_column_int(s, 6);
	r->blank_pages = sqlite3_column_int(s, 7);
	r->dpi = sqlite3_column_int(s, 8);
	pr_column_copy(s, 9, r->page_list, sizeof r->page_list);
	pr_column_copy(s, 10, r->blank_list, sizeof r->blank_list);
	r->scan_file_id = sqlite3_column_int64(s, 11);
	pr_column_copy(s, 12, r->file_name, sizeof r->file_name);
	pr_column_copy(s, 13, r->file_path, sizeof r->file_path);
	pr_column_copy(s, 14, r->pdf_path, sizeof r->pdf_path);
	r->created_at = sqlite3_column_int64(s, 15);
}

pr_status pr_scan_reviews(pr_db *db, pr_time since, size_t limit, pr_scan_review_fn fn,
			  void *ud, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, REVIEW_SELECT "WHERE g.current = 1 AND "
				     "g.created_at >= ?1 ORDER BY g.created_at DESC, g.id DESC "
				     "LIMIT ?2", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, limit ? (sqlite3_int64)limit : -1);
	int rc;
	pr_scan_review r;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_review(s, &r);
		if (!fn(&r, ud)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PR_OK : pr_db_fail(db, err, rc, "listing scanned items");
}

pr_status pr_scan_review_get(pr_db *db, const char *ref, pr_scan_review *out, pr_error *err)
{
	char nref[PR_REF_LEN];
	pr_status st = pr_ref_parse(ref, nref, err);
	if (st != PR_OK)
		return st;
	sqlite3_stmt *s = pr_db_stmt(db, REVIEW_SELECT "WHERE i.ref = ?1 AND g.current = 1 "
				     "ORDER BY g.id DESC LIMIT 1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, nref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_review(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PR_OK;
	if (rc == SQLITE_DONE)
		return pr_fail_field(err, PR_ENOTFOUND, PR_FIELD_ITEM, "item %s has no current "
				     "scan image", nref);
	return pr_db_fail(db, err, rc, "reading the item's scan");
}

bool pr_page_list_parse(const char *s, int *pages, size_t cap, size_t *n)
{
	size_t k = 0;
	const char *p = s ? s : "";
	*n = 0;
	while (*p == ' ')
		p++;
	while (*p) {
		char *end;
		long a = strtol(p, &end, 10), b;
		if (end == p || a < 1 || a > 1000000)
			return false;
		p = end;
		b = a;
		if (*p == '-') {
			b = strtol(p + 1, &end, 10);
			if (end == p + 1 || b < a || b > 1000000)
				return false;
			p = end;
		}
		if ((size_t)(b - a) + 1 > cap - k)
			return false;
		for (long v = a; v <= b; v++)
			pages[k++] = (int)v;
		while (*p == ' ')
			p++;
		if (*p == ',') {
			p++;
			while (*p == ' ')
				p++;
			if (!*p)
				return false;
		} else if (*p) {
			return false;
		}
	}
	*n = k;
	return true;
}

/* --- indexing ------------------------------------------------------------ */

pr_status pr_item_index(pr_db *db, const char *ref, const char *sender,
			const char *addressee, pr_item *out, pr_error *err)
{
	char nref[PR_REF_LEN], s_new[PR_PARTY_MAX * 4 + 1], a_new[PR_PARTY_MAX * 4 + 1];
	pr_status st = pr_ref_parse(ref ? ref : "", nref, err);
	if (st != PR_OK) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", PR_FIELD_ITEM);
		return st;
	}
	if ((st = pr_text_check(PR_FIELD_SENDER, sender, PR_PARTY_MAX, true, err)) ||
	    (st = pr_text_check(PR_FIELD_ADDRESSEE, addressee, PR_PARTY_MAX, true, err)))
		return st;
	pr_text_trim_copy(s_new, sizeof s_new, sender);
	pr_text_trim_copy(a_new, sizeof a_new, addressee);
	if (!*s_new)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_SENDER, "sender is required");
	if (!*a_new)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_ADDRESSEE, "addressee is required");
	if ((st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "index an item", err)) != PR_OK)
		return st;
	pr_item it;
	if ((st = pr_item_get(db, nref, &it, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (it.status == PR_ITEM_VOID)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM, "item %s "
					"is void: it cannot be indexed", nref));
	if (strcmp(it.sender, s_new) != 0 || strcmp(it.addressee, a_new) != 0) {
		sqlite3_stmt *s = pr_db_stmt(db, "UPDATE items SET sender = ?2, addressee = ?3, "
					     "updated_at = ?4 WHERE id = ?1", err);
		if (!s)
			return pr_db_rollback(db, err->code);
		pr_time now = pr_now();
		sqlite3_bind_int64(s, 1, it.id);
		sqlite3_bind_text(s, 2, s_new, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, a_new, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, now);
		if ((st = pr_db_exec_stmt(db, s, "indexing the item", err)) != PR_OK)
			return pr_db_rollback(db, st);
		char why[PR_PARTY_MAX * 16 + 96];
		if (*it.sender || *it.addressee)
			snprintf(why, sizeof why, "indexed: sender '%s', addressee '%s' (were '%s', "
				 "'%s')", s_new, a_new, it.sender, it.addressee);
		else
			snprintf(why, sizeof why, "indexed: sender '%s', addressee '%s'", s_new,
				 a_new);
		const char *state = item_states[it.status];
		if ((st = pr_audit_write_as(db, now, NULL, "item", it.id, nref, state, state, why,
					    err)) != PR_OK)
			return pr_db_rollback(db, st);
	}
	if (out && (st = pr_item_get(db, nref, out, err)) != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

/* --- rescan -------------------------------------------------------------- */

pr_status pr_item_rescan(pr_db *db, const char *ref, const char *reason, pr_item *out,
			 pr_error *err)
{
	char nref[PR_REF_LEN], why[PR_REASON_MAX * 4 + 1];
	pr_status st = pr_ref_parse(ref ? ref : "", nref, err);
	if (st != PR_OK) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", PR_FIELD_ITEM);
		return st;
	}
	if ((st = pr_text_check(PR_FIELD_REASON, reason, PR_REASON_MAX, true, err)) != PR_OK)
		return st;
	pr_text_trim_copy(why, sizeof why, reason);
	if (!*why)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_REASON, "reason is required");
	if ((st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "mark an item for rescan", err)) != PR_OK)
		return st;
	pr_item_state it;
	if ((st = pr_item_state_of(db, nref, &it, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (it.status != PR_ITEM_SCANNED)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM, "item %s "
					"is %s: only a scanned item can be marked for rescan", nref,
					item_states[it.status]));
	if (!it.batch_id)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM, "item %s "
					"is in no batch: put its pages to an item by scan problem "
					"instead", nref));
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT status FROM batches WHERE id = ?1", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	sqlite3_bind_int64(s, 1, it.batch_id);
	char bstatus[16] = "";
	if (sqlite3_step(s) == SQLITE_ROW)
		pr_column_copy(s, 0, bstatus, sizeof bstatus);
	sqlite3_reset(s);
	if (strcmp(bstatus, "released") == 0)
		return pr_db_rollback(db, pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM, "item %s: "
					"its batch %s is released", nref, it.batch_ref));
	char audit_why[PR_REASON_MAX * 4 + 40];
	snprintf(audit_why, sizeof audit_why, "marked for rescan: %s", why);
	pr_time at = pr_now();
	pr_item_change c = { .id = it.id, .ref = nref, .from = PR_ITEM_SCANNED,
			     .to = PR_ITEM_BATCHED, .reason = audit_why, .at = at };
	if ((st = pr_item_move(db, &c, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (!(s = pr_db_stmt(db, "UPDATE scan_images SET current = 0 WHERE item_id = ?1 "
			     "AND current = 1", err)))
		return pr_db_rollback(db, err->code);
	sqlite3_bind_int64(s, 1, it.id);
	if ((st = pr_db_exec_stmt(db, s, "marking the image not current", err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (strcmp(bstatus, "scanned") == 0) {
		if (!(s = pr_db_stmt(db, "UPDATE batches SET status = 'closed', scanned_at = NULL "
				     "WHERE id = ?1 AND status = 'scanned'", err)))
			return pr_db_rollback(db, err->code);
		sqlite3_bind_int64(s, 1, it.batch_id);
		if ((st = pr_db_exec_stmt(db, s, "reopening the batch for its rescan", err)) ||
		    (st = pr_audit_write_as(db, at, NULL, "batch", it.batch_id, it.batch_ref,
					    "scanned", "closed", audit_why, err)))
			return pr_db_rollback(db, st);
	}
	if (out && (st = pr_item_get(db, nref, out, err)) != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}
