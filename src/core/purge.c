/* Retention: the records of what `postroom purge` removes (purge.h). */
#include "postroom/purge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/operator.h"
#include "postroom/xmem.h"

static const char *const kind_names[] = {
	[PR_PURGE_ITEM] = "item", [PR_PURGE_IMAGE] = "image",
	[PR_PURGE_BLANK] = "blank-pages", [PR_PURGE_PROBLEM] = "problem",
	[PR_PURGE_ORIGINAL] = "original",
};

const char *pr_purge_kind_name(pr_purge_kind kind)
{
	return (unsigned)kind < sizeof kind_names / sizeof kind_names[0]
		? kind_names[kind] : "?";
}

void pr_purge_plan_free(pr_purge_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		free(plan->entries[i].path);
	free(plan->entries);
	memset(plan, 0, sizeof *plan);
}

typedef struct plan_buf {
	pr_purge_plan *p;
	size_t cap;
} plan_buf;

static void add_entry(plan_buf *b, pr_purge_kind kind, const char *ref,
		      const char *day, const char *path)
{
	if (kind != PR_PURGE_ITEM && (!path || !*path))
		return;
	if (b->p->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->p->entries = xrealloc(b->p->entries, b->cap * sizeof *b->p->entries);
	}
	pr_purge_entry *e = &b->p->entries[b->p->n++];
	e->kind = kind;
	snprintf(e->ref, sizeof e->ref, "%s", ref);
	snprintf(e->day, sizeof e->day, "%s", day);
	e->path = kind == PR_PURGE_ITEM ? NULL : xstrdup(path);
}

/* An item or a scan file found due, read before any of them is changed. */
typedef struct due {
	int64_t id;
	char ref[32];
	char day[PR_DAY_LEN];
	char state[16];
	char *path;           /* a scan file's original */
} due;

typedef struct due_list {
	due *v;
	size_t n, cap;
} due_list;

static void due_free(due_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
}

/* Reads every row of S (id, ref, day, state[, path]) into L. */
static pr_status due_read(pr_db *db, sqlite3_stmt *s, due_list *l, const char *what,
			  pr_error *err)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 64;
			l->v = xrealloc(l->v, l->cap * sizeof *l->v);
		}
		due *d = &l->v[l->n++];
		d->id = sqlite3_column_int64(s, 0);
		pr_column_copy(s, 1, d->ref, sizeof d->ref);
		pr_column_copy(s, 2, d->day, sizeof d->day);
		pr_column_copy(s, 3, d->state, sizeof d->state);
		const char *path = sqlite3_column_count(s) > 4
			? (const char *)sqlite3_column_text(s, 4) : NULL;
		d->path = path ? xstrdup(path) : NULL;
	}
	pr_status st = rc == SQLITE_DONE ? PR_OK : pr_db_fail(db, err, rc, what);
	sqlite3_reset(s);
	return st;
}

/* Purges item D: its files into B, its personal fields and images marked. */
static pr_status purge_item(pr_db *db, const due *d, pr_time now, plan_buf *b,
			    pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT pdf_path, blank_pdf_path FROM scan_images "
				     "WHERE item_id = ?1 AND purged_at IS NULL ORDER BY id", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, d->id);
	add_entry(b, PR_PURGE_ITEM, d->ref, d->day, NULL);
	int rc, images = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		images++;
		add_entry(b, PR_PURGE_IMAGE, d->ref, d->day,
			  (const char *)sqlite3_column_text(s, 0));
		add_entry(b, PR_PURGE_BLANK, d->ref, d->day,
			  (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return pr_db_fail(db, err, rc, "reading an item's scan images");
	b->p->items++;
	b->p->images += (size_t)images;
	pr_status st;
	s = pr_db_stmt(db, "UPDATE items SET sender = '', addressee = '', purged_at = ?2, "
		       "updated_at = ?2 WHERE id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, d->id);
	sqlite3_bind_int64(s, 2, now);
	if ((st = pr_db_exec_stmt(db, s, "purging an item", err)) != PR_OK)
		return st;
	s = pr_db_stmt(db, "UPDATE scan_images SET purged_at = ?2 "
		       "WHERE item_id = ?1 AND purged_at IS NULL", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, d->id);
	sqlite3_bind_int64(s, 2, now);
	if ((st = pr_db_exec_stmt(db, s, "purging an item's scan images", err)) != PR_OK)
		return st;
	char why[96];
	if (images)
		snprintf(why, sizeof why, "retention: sender, addressee and %d scan "
			 "image%s removed", images, images == 1 ? "" : "s");
	else
		snprintf(why, sizeof why, "retention: sender and addressee removed");
	return pr_audit_write_as(db, now, NULL, "item", d->id, d->ref, d->state, "purged",
				 why, err);
}

/* Purges scan file D: its original and resolved problems' PDFs into B. */
static pr_status purge_file(pr_db *db, const due *d, pr_time now, plan_buf *b,
			    pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT pdf_path FROM scan_problems "
				     "WHERE scan_file_id = ?1 AND purged_at IS NULL "
				     "AND status <> 'open' ORDER BY id", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, d->id);
	int rc, problems = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(s, 0);
		if (path && *path) {
			problems++;
			add_entry(b, PR_PURGE_PROBLEM, d->ref, d->day, path);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return pr_db_fail(db, err, rc, "reading a scan file's problems");
	add_entry(b, PR_PURGE_ORIGINAL, d->ref, d->day, d->path);
	b->p->files++;
	b->p->problems += (size_t)problems;
	pr_status st;
	s = pr_db_stmt(db, "UPDATE scan_problems SET purged_at = ?2 WHERE scan_file_id = ?1 "
		       "AND purged_at IS NULL AND status <> 'open'", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, d->id);
	sqlite3_bind_int64(s, 2, now);
	if ((st = pr_db_exec_stmt(db, s, "purging a scan file's problems", err)) != PR_OK)
		return st;
	s = pr_db_stmt(db, "UPDATE scan_files SET purged_at = ?2 WHERE id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, d->id);
	sqlite3_bind_int64(s, 2, now);
	if ((st = pr_db_exec_stmt(db, s, "purging a scan file", err)) != PR_OK)
		return st;
	char why[96];
	snprintf(why, sizeof why, "retention: the original removed, and %d problem "
		 "PDF%s", problems, problems == 1 ? "" : "s");
	return pr_audit_write_as(db, now, NULL, "scan-file", d->id, d->ref, d->state,
				 "purged", why, err);
}

static pr_status find_and_purge(pr_db *db, const char *before, int keep_days,
				plan_buf *b, pr_error *err)
{
	pr_time now = pr_now();
	char today[PR_DAY_LEN];
	pr_time_day(now, today);
	due_list items = { 0 }, files = { 0 };
	/* The keep date is the first day an item may go, so it is due when
	 * that day has come: receipt + keep days <= today (keep_until is the
	 * last day it is kept). */
	sqlite3_stmt *s = pr_db_stmt(db,
		"SELECT i.id, i.ref, i.received_day, i.status FROM items i "
		"JOIN departments d ON d.id = i.dept_id "
		"WHERE i.received_day < ?1 AND i.purged_at IS NULL "
		"  AND NOT (i.status = 'received' OR i.status = 'batched' "
		"    OR i.status = 'exception') "
		"  AND COALESCE(date(i.keep_until, '+1 day'), date(i.received_day, '+' || "
		"    COALESCE(d.keep_days, ?2) || ' days')) <= ?3 "
		"ORDER BY i.received_day, i.id", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, before, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, keep_days);
	sqlite3_bind_text(s, 3, today, -1, SQLITE_STATIC);
	pr_status st = due_read(db, s, &items, "finding the items past their keep date", err);
	for (size_t i = 0; st == PR_OK && i < items.n; i++)
		st = purge_item(db, &items.v[i], now, b, err);
	if (st == PR_OK && (s = pr_db_stmt(db,
		"SELECT f.id, 'F' || f.id, date(f.arrived_at, 'unixepoch', 'localtime') AS day, "
		"  f.status, f.archive_path FROM scan_files f "
		"WHERE f.status = 'ingested' AND f.purged_at IS NULL AND day < ?1 "
		"  AND NOT EXISTS (SELECT 1 FROM scan_images si JOIN items i "
		"    ON i.id = si.item_id WHERE si.scan_file_id = f.id AND i.purged_at IS NULL) "
		"  AND NOT EXISTS (SELECT 1 FROM scan_problems p "
		"    WHERE p.scan_file_id = f.id AND p.status = 'open') "
		"  AND (EXISTS (SELECT 1 FROM scan_images si WHERE si.scan_file_id = f.id) "
		"    OR date(day, '+' || ?2 || ' days') <= ?3) "
		"ORDER BY f.id", err)) == NULL)
		st = err->code;
	if (st == PR_OK) {
		sqlite3_bind_text(s, 1, before, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, keep_days);
		sqlite3_bind_text(s, 3, today, -1, SQLITE_STATIC);
		st = due_read(db, s, &files, "finding the scan files past their keep date", err);
	}
	for (size_t i = 0; st == PR_OK && i < files.n; i++)
		st = purge_file(db, &files.v[i], now, b, err);
	if (st == PR_OK && (b->p->items || b->p->files)) {
		char why[200];
		snprintf(why, sizeof why, "retention before %s (keep_days %d): %zu item%s "
			 "without sender and addressee, %zu scan image%s, %zu scan file%s with %zu "
			 "problem PDF%s", before, keep_days, b->p->items,
			 b->p->items == 1 ? "" : "s", b->p->images,
			 b->p->images == 1 ? "" : "s", b->p->files,
			 b->p->files == 1 ? "" : "s", b->p->problems,
			 b->p->problems == 1 ? "" : "s");
		st = pr_audit_write_as(db, now, NULL, "purge", 0, before, NULL, "done", why,
				       err);
	}
	due_free(&items);
	due_free(&files);
	return st;
}

pr_status pr_purge(pr_db *db, const char *before, int keep_days, bool dry_run,
		   pr_purge_plan *out, pr_error *err)
{
	long dayno;
	pr_status st = pr_day_parse(before, &dayno, err);
	if (st != PR_OK)
		return st;
	if (keep_days < 1 || keep_days > 36500)
		return pr_fail(err, PR_EINVAL, "%d is not a number of days from 1 to 36500",
			       keep_days);
	pr_purge_plan p = { .dry_run = dry_run };
	pr_day_format(dayno, p.before);
	plan_buf b = { .p = &p };
	if ((st = pr_db_begin(db, err)) != PR_OK)
		return st;
	if ((st = pr_operator_require(db, PR_ROLE_ADMIN, dry_run ? "see what a purge "
				      "would remove" : "purge personal data and scans",
				      err)) != PR_OK ||
	    (st = find_and_purge(db, p.before, keep_days, &b, err)) != PR_OK) {
		pr_purge_plan_free(&p);
		return pr_db_rollback(db, st);
	}
	st = dry_run ? pr_db_rollback(db, PR_OK) : pr_db_commit(db, err);
	if (st != PR_OK) {
		pr_purge_plan_free(&p);
		return st;
	}
	*out = p;
	return PR_OK;
}
