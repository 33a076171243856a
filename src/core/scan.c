/* The records of scanning (scan.h): scan files as they were ingested or
 * quarantined, the items' images, the problems and their resolution. Each
 * write is one transaction; items move only through pr_item_move. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/item.h"
#include "postroom/scan.h"
#include "postroom/text.h"

static const char *const file_status_names[] = {"arrived", "ingested", "quarantined"};
static const char *const problem_status_names[] = {"open", "assigned", "set-aside"};

const char *pr_scan_status_name(pr_scan_status s)
{
	return (unsigned)s < PR_SCAN_STATUS_COUNT ? file_status_names[s] : NULL;
}

pr_status pr_scan_status_parse(const char *s, pr_scan_status *out, pr_error *err)
{
	for (int i = 0; i < PR_SCAN_STATUS_COUNT; i++)
		if (s && strcmp(s, file_status_names[i]) == 0) {
			*out = (pr_scan_status)i;
			return PR_OK;
		}
	return pr_fail_field(err, PR_EINVAL, "status", "unknown scan file status '%s' "
			     "(arrived, ingested or quarantined)", s ? s : "");
}

const char *pr_problem_status_name(pr_problem_status s)
{
	return (unsigned)s < PR_PROBLEM_STATUS_COUNT ? problem_status_names[s] : NULL;
}

static pr_problem_status problem_status_of(const char *s)
{
	for (int i = 0; i < PR_PROBLEM_STATUS_COUNT; i++)
		if (s && strcmp(s, problem_status_names[i]) == 0)
			return (pr_problem_status)i;
	return PR_PROBLEM_OPEN;
}

static pr_scan_problem_kind problem_kind_of(const char *s)
{
	for (int i = 0; i < PR_PROBLEM_KIND_COUNT; i++)
		if (s && strcmp(s, pr_scan_problem_name((pr_scan_problem_kind)i)) == 0)
			return (pr_scan_problem_kind)i;
	return PR_PROBLEM_NO_HEADER;
}

/* --- writing ---------------------------------------------------------- */

/* Batch BATCH_ID becomes scanned when none of its items waits any more
 * and at least one was scanned; audited. */
static pr_status batch_scanned_if_done(pr_db *db, int64_t batch_id, pr_time at,
				       const char *why, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT b.ref, b.status, "
		"(SELECT count(*) FROM items i WHERE i.batch_id = b.id AND i.status = 'batched'), "
		"(SELECT count(*) FROM items i WHERE i.batch_id = b.id AND "
		"i.status IN ('scanned', 'emailed')) FROM batches b WHERE b.id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, batch_id);
	int rc = sqlite3_step(s);
	char ref[PR_REF_LEN] = "", status[16] = "";
	long waiting = 0, scanned = 0;
	if (rc == SQLITE_ROW) {
		pr_column_copy(s, 0, ref, sizeof ref);
		pr_column_copy(s, 1, status, sizeof status);
		waiting = (long)sqlite3_column_int64(s, 2);
		scanned = (long)sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? PR_OK : pr_db_fail(db, err, rc, "reading the batch");
	if (waiting > 0 || scanned == 0 ||
	    (strcmp(status, "open") != 0 && strcmp(status, "closed") != 0))
		return PR_OK;
	s = pr_db_stmt(db, "UPDATE batches SET status = 'scanned', scanned_at = ?2 "
		       "WHERE id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, batch_id);
	sqlite3_bind_int64(s, 2, at);
	pr_status st = pr_db_exec_stmt(db, s, "marking the batch scanned", err);
	if (st == PR_OK)
		st = pr_audit_write_as(db, at, NULL, "batch", batch_id, ref, status, "scanned",
				       why, err);
	return st;
}

/* An item's image as it is recorded. */
typedef struct image_row {
	int64_t item_id, file_id;
	int first_page, pages, blank_pages, dpi;
	const char *pdf_path, *page_list, *blank_list, *blank_pdf_path, *sha256;
} image_row;

/* Records image G as the item's current one (earlier ones stay on record,
 * no longer current). */
static pr_status image_insert(pr_db *db, const image_row *g, pr_time at, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "UPDATE scan_images SET current = 0 "
				     "WHERE item_id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, g->item_id);
	pr_status st = pr_db_exec_stmt(db, s, "recording the item's image", err);
	if (st != PR_OK)
		return st;
	s = pr_db_stmt(db, "INSERT INTO scan_images (item_id, scan_file_id, first_page, "
		       "pages, pdf_path, created_at, page_list, blank_pages, blank_list, "
		       "blank_pdf_path, sha256, dpi, current) VALUES (?1, ?2, ?3, ?4, ?5, "
		       "?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, g->item_id);
	if (g->file_id)
		sqlite3_bind_int64(s, 2, g->file_id);
	else
		sqlite3_bind_null(s, 2);
	sqlite3_bind_int(s, 3, g->first_page);
	sqlite3_bind_int(s, 4, g->pages);
	sqlite3_bind_text(s, 5, g->pdf_path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, at);
	sqlite3_bind_text(s, 7, g->page_list ? g->page_list : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 8, g->blank_pages);
	sqlite3_bind_text(s, 9, g->blank_list ? g->blank_list : "", -1, SQLITE_STATIC);
	pr_bind_text(s, 10, g->blank_pdf_path && *g->blank_pdf_path ? g->blank_pdf_path : NULL);
	pr_bind_text(s, 11, g->sha256 && *g->sha256 ? g->sha256 : NULL);
	if (g->dpi > 0)
		sqlite3_bind_int(s, 12, g->dpi);
	else
		sqlite3_bind_null(s, 12);
	return pr_db_exec_stmt(db, s, "recording the item's image", err);
}

/* A new item for a document beyond the batch's count: logged unindexed in
 * the batch's department, put in the batch. */
static pr_status new_item_for(pr_db *db, pr_scan_doc *d, pr_time at, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT dp.code FROM batches b JOIN departments dp "
				     "ON dp.id = b.dept_id WHERE b.id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, d->batch_id);
	char code[PR_DEPT_CODE_MAX + 1] = "";
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		pr_column_copy(s, 0, code, sizeof code);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? pr_fail(err, PR_ESTATE, "batch %s is gone", d->batch_ref)
					 : pr_db_fail(db, err, rc, "reading the batch");
	pr_item_new in = {.dept_code = code, .kind = PR_KIND_LETTER,
			  .service = PR_SERVICE_STANDARD, .received_at = at, .unindexed = true};
	pr_status st = pr_item_insert(db, &in, &d->item_id, d->ref, err);
	if (st == PR_OK)
		st = pr_batch_put(db, d->batch_id, d->batch_ref, d->item_id, d->ref, err);
	return st;
}

static pr_status problem_insert(pr_db *db, int64_t file_id, const pr_scan_doc *d,
				pr_time at, pr_error *err)
{
	char pages[200];
	int *all = NULL;
	size_t n = d->npages + d->nblanks;
	/* The problem holds all its pages, blank ones too. */
	if (n) {
		all = malloc(n * sizeof *all);
		if (!all)
			return pr_fail(err, PR_EIO, "out of memory recording a scan problem");
		size_t i = 0, j = 0, k = 0;
		while (i < d->npages || j < d->nblanks)
			all[k++] = (j >= d->nblanks || (i < d->npages && d->pages[i] < d->blanks[j]))
					   ? d->pages[i++] : d->blanks[j++];
	}
	pr_page_list_format(all, n, pages, sizeof pages);
	free(all);
	sqlite3_stmt *s = pr_db_stmt(db, "INSERT INTO scan_problems (scan_file_id, kind, "
		"batch_id, ref, detail, pages, page_list, pdf_path, sha256, item_id, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, file_id);
	sqlite3_bind_text(s, 2, pr_scan_problem_name(d->problem), -1, SQLITE_STATIC);
	if (d->batch_id)
		sqlite3_bind_int64(s, 3, d->batch_id);
	else
		sqlite3_bind_null(s, 3);
	pr_bind_text(s, 4, *d->ref ? d->ref : NULL);
	sqlite3_bind_text(s, 5, d->detail, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)n);
	sqlite3_bind_text(s, 7, pages, -1, SQLITE_STATIC);
	pr_bind_text(s, 8, *d->pdf_path ? d->pdf_path : NULL);
	pr_bind_text(s, 9, *d->pdf_sha256 ? d->pdf_sha256 : NULL);
	if (d->item_id)
		sqlite3_bind_int64(s, 10, d->item_id);
	else
		sqlite3_bind_null(s, 10);
	sqlite3_bind_int64(s, 11, at);
	pr_status st = pr_db_exec_stmt(db, s, "recording a scan problem", err);
	if (st != PR_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(pr_db_sqlite(db));
	char ref[32];
	snprintf(ref, sizeof ref, "P%lld", (long long)id);
	return pr_audit_write_as(db, at, NULL, "scan-problem", id, ref, NULL, "open",
				 d->detail, err);
}

static pr_status file_insert(pr_db *db, const pr_scan_intake *in, pr_scan_status status,
			     const char *reason, int64_t batch_id, int items, int problems,
			     pr_time at, int64_t *id, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "INSERT INTO scan_files (name, path, archive_path, "
		"size, sha256, pages, status, reason, batch_id, arrived_at, done_at, items, "
		"problems, ingested_by) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13)", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, in->name ? in->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, in->archive_path ? in->archive_path : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, in->size);
	pr_bind_text(s, 4, in->sha256 && *in->sha256 ? in->sha256 : NULL);
	sqlite3_bind_int(s, 5, in->pages);
	sqlite3_bind_text(s, 6, pr_scan_status_name(status), -1, SQLITE_STATIC);
	pr_bind_text(s, 7, reason);
	if (batch_id)
		sqlite3_bind_int64(s, 8, batch_id);
	else
		sqlite3_bind_null(s, 8);
	sqlite3_bind_int64(s, 9, in->arrived_at ? in->arrived_at : at);
	sqlite3_bind_int64(s, 10, at);
	sqlite3_bind_int(s, 11, items);
	sqlite3_bind_int(s, 12, problems);
	sqlite3_bind_text(s, 13, pr_db_actor(db), -1, SQLITE_STATIC);
	pr_status st = pr_db_exec_stmt(db, s, "recording the scan file", err);
	if (st != PR_OK)
		return st;
	*id = sqlite3_last_insert_rowid(pr_db_sqlite(db));
	char ref[32];
	snprintf(ref, sizeof ref, "F%lld", (long long)*id);
	return pr_audit_write_as(db, at, NULL, "scan-file", *id, ref, NULL,
				 pr_scan_status_name(status),
				 reason ? reason : in->name, err);
}

static pr_status already_ingested(pr_db *db, const char *sha256, pr_error *err)
{
	pr_scan_file f;
	pr_error e2;
	pr_status st = pr_scan_find_sha(db, sha256, &f, &e2);
	if (st == PR_ENOTFOUND)
		return PR_OK;
	if (st != PR_OK) {
		if (err)
			*err = e2;
		return st;
	}
	return pr_fail(err, PR_EEXISTS, "%s was ingested already as scan file %lld (%s)",
		       f.name, (long long)f.id, f.path);
}

pr_status pr_scan_commit(pr_db *db, const pr_scan_intake *in, pr_scan_plan *plan,
			 int64_t *id_out, pr_error *err)
{
	pr_time at = pr_now();
	int items = 0, problems = 0;
	int64_t first_batch = 0;
	for (size_t i = 0; i < plan->n; i++) {
		if (plan->docs[i].kind == PR_DOC_PROBLEM)
			problems++;
		else
			items++;
		if (!first_batch)
			first_batch = plan->docs[i].batch_id;
	}
	pr_status st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "ingest a scan", err);
	if (st != PR_OK)
		return st;
	int64_t file_id = 0;
	if (in->sha256 && *in->sha256)
		st = already_ingested(db, in->sha256, err);
	if (st == PR_OK)
		st = file_insert(db, in, PR_SCAN_INGESTED, NULL, first_batch, items, problems, at,
				 &file_id, err);
	/* New items are numbered before any document is stored, so a failure
	 * part way leaves the plan as it was for the caller. */
	int64_t *made = calloc(plan->n ? plan->n : 1, sizeof *made);
	if (!made && st == PR_OK)
		st = pr_fail(err, PR_EIO, "out of memory recording the scan");
	for (size_t i = 0; st == PR_OK && i < plan->n; i++) {
		pr_scan_doc *d = &plan->docs[i];
		if (d->kind == PR_DOC_PROBLEM) {
			st = problem_insert(db, file_id, d, at, err);
			continue;
		}
		if (d->kind == PR_DOC_NEW_ITEM) {
			pr_scan_doc copy = *d;
			st = new_item_for(db, &copy, at, err);
			if (st != PR_OK)
				break;
			made[i] = copy.item_id;
			memcpy(d->ref, copy.ref, PR_REF_LEN);
		}
		int64_t item_id = d->kind == PR_DOC_NEW_ITEM ? made[i] : d->item_id;
		char why[PR_PATH_MAX + 64], pages[200];
		pr_page_list_format(d->pages, d->npages, pages, sizeof pages);
		snprintf(why, sizeof why, "%s, page%s %s", in->name ? in->name : "scan",
			 d->npages == 1 ? "" : "s", pages);
		pr_item_change c = {.id = item_id, .ref = d->ref, .from = PR_ITEM_BATCHED,
				    .to = PR_ITEM_SCANNED, .reason = why, .at = at};
		st = pr_item_move(db, &c, err);
		if (st == PR_ESTATE)
			pr_fail(err, PR_ESTATE, "item %s is no longer waiting to be scanned "
				"(another operator changed it); nothing of %s was recorded",
				d->ref, in->name ? in->name : "the file");
		if (st == PR_OK) {
			char blanks[200];
			pr_page_list_format(d->pages, d->npages, pages, sizeof pages);
			pr_page_list_format(d->blanks, d->nblanks, blanks, sizeof blanks);
			image_row g = {.item_id = item_id, .file_id = file_id,
				       .first_page = d->pages[0], .pages = (int)d->npages,
				       .blank_pages = (int)d->nblanks, .dpi = d->dpi,
				       .pdf_path = d->pdf_path, .page_list = pages,
				       .blank_list = blanks, .blank_pdf_path = d->blank_pdf_path,
				       .sha256 = d->pdf_sha256};
			st = image_insert(db, &g, at, err);
		}
	}
	/* Every batch the file touched may now be whole. */
	for (size_t i = 0; st == PR_OK && i < plan->n; i++) {
		int64_t b = plan->docs[i].batch_id;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen || plan->docs[j].batch_id == b;
		if (b && !seen)
			st = batch_scanned_if_done(db, b, at, in->name, err);
	}
	if (st != PR_OK) {
		/* Leave the plan as the caller gave it: references of new items
		 * were numbered in the transaction that is rolled back. */
		for (size_t i = 0; made && i < plan->n; i++)
			if (plan->docs[i].kind == PR_DOC_NEW_ITEM)
				plan->docs[i].ref[0] = '\0';
		free(made);
		return pr_db_rollback(db, st);
	}
	free(made);
	if (id_out)
		*id_out = file_id;
	return pr_db_commit(db, err);
}

pr_status pr_scan_quarantined(pr_db *db, const pr_scan_intake *in, const char *reason,
			      int64_t *id_out, pr_error *err)
{
	pr_status st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "ingest a scan", err);
	if (st != PR_OK)
		return st;
	int64_t id = 0;
	st = file_insert(db, in, PR_SCAN_QUARANTINED, reason && *reason ? reason : "unreadable",
			 0, 0, 0, pr_now(), &id, err);
	if (st != PR_OK)
		return pr_db_rollback(db, st);
	if (id_out)
		*id_out = id;
	return pr_db_commit(db, err);
}

/* --- reading ---------------------------------------------------------- */

#define FILE_SELECT                                                               \
	"SELECT f.id, coalesce(f.name, ''), f.path, f.status, f.size, "             \
	"coalesce(f.pages, 0), coalesce(b.ref, ''), f.items, f.problems, "          \
	"coalesce(f.sha256, ''), coalesce(f.reason, ''), f.arrived_at, "            \
	"coalesce(f.done_at, 0) FROM scan_files f LEFT JOIN batches b ON b.id = f.batch_id "

static void read_file_row(sqlite3_stmt *s, pr_scan_file *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	pr_column_copy(s, 1, f->name, sizeof f->name);
	pr_column_copy(s, 2, f->path, sizeof f->path);
	pr_scan_status_parse((const char *)sqlite3_column_text(s, 3), &f->status, NULL);
	f->size = sqlite3_column_int64(s, 4);
	f->pages = sqlite3_column_int(s, 5);
	pr_column_copy(s, 6, f->batch_ref, sizeof f->batch_ref);
	f->items = sqlite3_column_int(s, 7);
	f->problems = sqlite3_column_int(s, 8);
	pr_column_copy(s, 9, f->sha256, sizeof f->sha256);
	pr_column_copy(s, 10, f->reason, sizeof f->reason);
	f->arrived_at = sqlite3_column_int64(s, 11);
	f->done_at = sqlite3_column_int64(s, 12);
}

pr_status pr_scan_find_sha(pr_db *db, const char *sha256, pr_scan_file *out, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, FILE_SELECT "WHERE f.sha256 = ?1 AND "
				     "f.status = 'ingested'", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_file_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PR_OK;
	if (rc == SQLITE_DONE)
		return pr_fail(err, PR_ENOTFOUND, "no scan file with that content");
	return pr_db_fail(db, err, rc, "finding the scan file");
}

pr_status pr_scan_list(pr_db *db, int status, pr_scan_file_fn fn, void *ud, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, FILE_SELECT "WHERE ?1 IS NULL OR f.status = ?1 "
				     "ORDER BY f.id DESC", err);
	if (!s)
		return err->code;
	if (status >= 0)
		sqlite3_bind_text(s, 1, pr_scan_status_name((pr_scan_status)status), -1,
				  SQLITE_STATIC);
	int rc;
	pr_scan_file f;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_file_row(s, &f);
		if (!fn(&f, ud)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PR_OK : pr_db_fail(db, err, rc, "listing scan files");
}

pr_status pr_scan_counts_get(pr_db *db, pr_scan_counts *out, pr_error *err)
{
	char today[PR_DAY_LEN];
	pr_time_day(pr_now(), today);
	pr_time from = pr_day_start(pr_time_dayno(pr_now()));
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT "
		"(SELECT count(*) FROM scan_files WHERE status = 'ingested'), "
		"(SELECT count(*) FROM scan_files WHERE status = 'quarantined'), "
		"(SELECT count(*) FROM scan_problems WHERE status = 'open'), "
		"(SELECT count(*) FROM scan_files WHERE status = 'ingested' AND done_at >= ?1 "
		"AND done_at < ?1 + 86400)", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, from);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->ingested = (long)sqlite3_column_int64(s, 0);
		out->quarantined = (long)sqlite3_column_int64(s, 1);
		out->problems_open = (long)sqlite3_column_int64(s, 2);
		out->ingested_today = (long)sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PR_OK : pr_db_fail(db, err, rc, "counting scans");
}

#define PROBLEM_SELECT                                                             \
	"SELECT p.id, p.scan_file_id, p.kind, coalesce(b.ref, ''), coalesce(p.ref, ''), " \
	"p.detail, p.pages, p.page_list, coalesce(p.pdf_path, ''), p.status, "         \
	"coalesce(i.ref, ''), coalesce(p.resolution, ''), coalesce(p.resolved_by, ''), " \
	"coalesce(p.resolved_at, 0), p.created_at, coalesce(f.name, '') "              \
	"FROM scan_problems p LEFT JOIN batches b ON b.id = p.batch_id "               \
	"LEFT JOIN items i ON i.id = p.item_id AND p.status = 'assigned' "             \
	"LEFT JOIN scan_files f ON f.id = p.scan_file_id "

static void read_problem_row(sqlite3_stmt *s, pr_scan_problem *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	p->scan_file_id = sqlite3_column_int64(s, 1);
	p->kind = problem_kind_of((const char *)sqlite3_column_text(s, 2));
	pr_column_copy(s, 3, p->batch_ref, sizeof p->batch_ref);
	pr_column_copy(s, 4, p->ref, sizeof p->ref);
	pr_column_copy(s, 5, p->detail, sizeof p->detail);
	p->pages = sqlite3_column_int(s, 6);
	pr_column_copy(s, 7, p->page_list, sizeof p->page_list);
	pr_column_copy(s, 8, p->pdf_path, sizeof p->pdf_path);
	p->status = problem_status_of((const char *)sqlite3_column_text(s, 9));
	pr_column_copy(s, 10, p->item_ref, sizeof p->item_ref);
	pr_column_copy(s, 11, p->resolution, sizeof p->resolution);
	pr_column_copy(s, 12, p->resolved_by, sizeof p->resolved_by);
	p->resolved_at = sqlite3_column_int64(s, 13);
	p->created_at = sqlite3_column_int64(s, 14);
	pr_column_copy(s, 15, p->file_name, sizeof p->file_name);
}

pr_status pr_scan_problems(pr_db *db, bool all, pr_scan_problem_fn fn, void *ud,
			   pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, PROBLEM_SELECT "WHERE ?1 OR p.status = 'open' "
				     "ORDER BY p.id", err);
	if (!s)
		return err->code;
	sqlite3_bind_int(s, 1, all);
	int rc;
	pr_scan_problem p;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_problem_row(s, &p);
		if (!fn(&p, ud)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PR_OK : pr_db_fail(db, err, rc, "listing scan problems");
}

pr_status pr_scan_problem_get(pr_db *db, int64_t id, pr_scan_problem *out, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, PROBLEM_SELECT "WHERE p.id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_problem_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PR_OK;
	if (rc == SQLITE_DONE)
		return pr_fail_field(err, PR_ENOTFOUND, "problem", "no scan problem %lld",
				     (long long)id);
	return pr_db_fail(db, err, rc, "reading the scan problem");
}

/* --- resolving -------------------------------------------------------- */

/* Reads problem ID inside the transaction and checks it is open. */
static pr_status open_problem(pr_db *db, int64_t id, pr_scan_problem *p, char *sha,
			      pr_error *err)
{
	pr_status st = pr_scan_problem_get(db, id, p, err);
	if (st != PR_OK)
		return st;
	if (p->status != PR_PROBLEM_OPEN)
		return pr_fail_field(err, PR_ESTATE, "problem", "scan problem %lld is %s "
				     "already", (long long)id, pr_problem_status_name(p->status));
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT coalesce(sha256, '') FROM scan_problems "
				     "WHERE id = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		pr_column_copy(s, 0, sha, PR_SHA256_HEX);
	sqlite3_reset(s);
	return PR_OK;
}

static pr_status problem_resolved(pr_db *db, const pr_scan_problem *p, const char *status,
				  int64_t item_id, const char *resolution, pr_time at,
				  pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "UPDATE scan_problems SET status = ?2, item_id = "
		"coalesce(?3, item_id), resolution = ?4, resolved_by = ?5, resolved_at = ?6 "
		"WHERE id = ?1 AND status = 'open'", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	if (item_id)
		sqlite3_bind_int64(s, 3, item_id);
	else
		sqlite3_bind_null(s, 3);
	sqlite3_bind_text(s, 4, resolution, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, pr_db_actor(db), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, at);
	pr_status st = pr_db_exec_stmt(db, s, "resolving the scan problem", err);
	if (st != PR_OK)
		return st;
	char ref[32];
	snprintf(ref, sizeof ref, "P%lld", (long long)p->id);
	return pr_audit_write_as(db, at, NULL, "scan-problem", p->id, ref, "open", status,
				 resolution, err);
}

pr_status pr_scan_resolve_item(pr_db *db, int64_t id, const char *item_ref, pr_error *err)
{
	char ref[PR_REF_LEN], sha[PR_SHA256_HEX] = "";
	pr_status st = pr_ref_parse(item_ref ? item_ref : "", ref, err);
	if (st != PR_OK) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", PR_FIELD_ITEM);
		return st;
	}
	if ((st = pr_db_begin_as(db, PR_ROLE_SUPERVISOR, "resolve a scan exception", err)) != PR_OK)
		return st;
	pr_scan_problem p;
	pr_item_state it;
	pr_time at = pr_now();
	st = open_problem(db, id, &p, sha, err);
	if (st == PR_OK && (p.pages == 0 || !*p.pdf_path))
		st = pr_fail_field(err, PR_ESTATE, "problem", "scan problem %lld holds no "
				   "pages to give to an item; set it aside instead",
				   (long long)id);
	if (st == PR_OK)
		st = pr_item_state_of(db, ref, &it, err);
	if (st == PR_OK && it.status != PR_ITEM_RECEIVED && it.status != PR_ITEM_BATCHED)
		st = pr_fail_field(err, PR_ESTATE, PR_FIELD_ITEM, "item %s is %s: only an item "
				   "waiting to be scanned can take the pages", ref,
				   pr_item_status_name((pr_item_status)it.status));
	char why[640];
	snprintf(why, sizeof why, "pages %s of %s (scan problem %lld)", p.page_list,
		 p.file_name, (long long)id);
	if (st == PR_OK) {
		pr_item_change c = {.id = it.id, .ref = ref, .from = it.status,
				    .to = PR_ITEM_SCANNED, .reason = why, .at = at};
		st = pr_item_move(db, &c, err);
	}
	if (st == PR_OK) {
		image_row g = {.item_id = it.id, .file_id = p.scan_file_id,
			       .first_page = atoi(p.page_list), .pages = p.pages,
			       .pdf_path = p.pdf_path, .page_list = p.page_list,
			       .sha256 = sha};
		st = image_insert(db, &g, at, err);
	}
	char resolution[120];
	snprintf(resolution, sizeof resolution, "assigned to item %s", ref);
	if (st == PR_OK)
		st = problem_resolved(db, &p, "assigned", it.id, resolution, at, err);
	if (st == PR_OK && it.batch_id)
		st = batch_scanned_if_done(db, it.batch_id, at, why, err);
	if (st != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_scan_resolve_aside(pr_db *db, int64_t id, const char *reason, pr_error *err)
{
	char why[400];
	pr_text_trim_copy(why, sizeof why, reason ? reason : "");
	if (!*why)
		return pr_fail_field(err, PR_EINVAL, "reason", "a reason is required to set "
				     "pages aside");
	pr_status st = pr_text_check("reason", why, sizeof why - 1, true, err);
	if (st != PR_OK)
		return st;
	st = pr_db_begin_as(db, PR_ROLE_SUPERVISOR, "resolve a scan exception", err);
	if (st != PR_OK)
		return st;
	pr_scan_problem p;
	char sha[PR_SHA256_HEX];
	st = open_problem(db, id, &p, sha, err);
	if (st == PR_OK)
		st = problem_resolved(db, &p, "set-aside", 0, why, pr_now(), err);
	if (st != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

/* --- images ----------------------------------------------------------- */

pr_status pr_scan_image_of(pr_db *db, const char *ref, pr_scan_image *out, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT g.pages, g.blank_pages, coalesce(g.dpi, 0), "
		"g.pdf_path, coalesce(g.blank_pdf_path, ''), coalesce(g.sha256, ''), "
		"g.page_list, coalesce(g.scan_file_id, 0), g.created_at FROM scan_images g "
		"JOIN items i ON i.id = g.item_id WHERE i.ref = ?1 AND g.current = 1 "
		"AND g.purged_at IS NULL "
		"ORDER BY g.id DESC LIMIT 1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->pages = sqlite3_column_int(s, 0);
		out->blank_pages = sqlite3_column_int(s, 1);
		out->dpi = sqlite3_column_int(s, 2);
		pr_column_copy(s, 3, out->pdf_path, sizeof out->pdf_path);
		pr_column_copy(s, 4, out->blank_pdf_path, sizeof out->blank_pdf_path);
		pr_column_copy(s, 5, out->sha256, sizeof out->sha256);
		pr_column_copy(s, 6, out->page_list, sizeof out->page_list);
		out->scan_file_id = sqlite3_column_int64(s, 7);
		out->created_at = sqlite3_column_int64(s, 8);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PR_OK;
	if (rc == SQLITE_DONE)
		return pr_fail(err, PR_ENOTFOUND, "item %s has no scan image (or its scan was purged)", ref);
	return pr_db_fail(db, err, rc, "reading the item's image");
}

pr_status pr_scan_path_recorded(pr_db *db, const char *path, bool *used, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT EXISTS (SELECT 1 FROM scan_images WHERE "
		"pdf_path = ?1 OR blank_pdf_path = ?1) OR EXISTS (SELECT 1 FROM scan_problems "
		"WHERE pdf_path = ?1) OR EXISTS (SELECT 1 FROM scan_files WHERE path = ?1)", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*used = sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PR_OK : pr_db_fail(db, err, rc, "looking up an archive file");
}
