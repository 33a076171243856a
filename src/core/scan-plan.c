/* The plan of a scan file: which kind each page is, and how the pages
 * split into one document per item and a problem for whatever cannot be
 * matched (scan.h). Reads the database, writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/item.h"
#include "postroom/scan.h"

#define PR_PROBLEM_ROW(e, name, text) {name, text},
static const struct {
	const char *name, *text;
} problem_kinds[] = {PR_SCAN_PROBLEM_LIST(PR_PROBLEM_ROW)};
#undef PR_PROBLEM_ROW

const char *pr_scan_problem_name(pr_scan_problem_kind k)
{
	return (unsigned)k < PR_PROBLEM_KIND_COUNT ? problem_kinds[k].name : NULL;
}

const char *pr_scan_problem_text(pr_scan_problem_kind k)
{
	return (unsigned)k < PR_PROBLEM_KIND_COUNT ? problem_kinds[k].text : NULL;
}

pr_page_kind pr_page_classify(const char *const *codes, size_t n, char ref[PR_REF_LEN])
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(codes[i], PR_NEXT_DOC_CODE) == 0)
			return PR_PAGE_NEXT;
		char r[PR_REF_LEN];
		if (pr_ref_parse(codes[i], r, NULL) != PR_OK)
			continue;
		if (r[0] == 'B' || r[0] == 'I') {
			memcpy(ref, r, PR_REF_LEN);
			return r[0] == 'B' ? PR_PAGE_HEADER : PR_PAGE_SEPARATOR;
		}
	}
	return PR_PAGE_CONTENT;
}

void pr_page_list_format(const int *pages, size_t n, char *out, size_t cap)
{
	size_t len = 0;
	if (cap == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && pages[j + 1] == pages[j] + 1)
			j++;
		char part[32];
		if (j == i)
			snprintf(part, sizeof part, "%s%d", i ? ", " : "", pages[i]);
		else
			snprintf(part, sizeof part, "%s%d-%d", i ? ", " : "", pages[i], pages[j]);
		size_t pl = strlen(part);
		/* Room is kept for ", ..." after every part but the last, so a
		 * list too long to show whole says so rather than cut a number. */
		static const char more[] = ", ...";
		bool last = j + 1 >= n;
		if (len + pl + 1 + (last ? 0 : sizeof more - 1) > cap) {
			if (len + sizeof more <= cap)
				memcpy(out + len, more, sizeof more);
			return;
		}
		memcpy(out + len, part, pl + 1);
		len += pl;
		i = j + 1;
	}
}

/* --- building the plan -------------------------------------------------- */

typedef struct plan_builder {
	pr_db *db;
	pr_scan_plan *plan;
	size_t cap;
	long cur;                    /* index of the open document, -1 none */
	bool back_due;               /* the page before was a sheet */
	/* The batch the last header named (id 0: none or unknown). */
	int64_t batch_id, dept_id;
	char batch_ref[PR_REF_LEN];
	pr_scan_problem_kind no_batch;  /* why there is none: no-header or
					   unknown-batch */
	char unknown_ref[PR_REF_LEN];   /* the batch an unknown header names */
	/* Item ids given a document so far, and the references the file's
	 * separators name (the reusable separator skips those). */
	int64_t *taken;
	size_t ntaken, captaken;
	const pr_page_mark *pages;
	size_t npages;
	/* Batches whose headers the file holds, for their items with no
	 * pages at the end. */
	int64_t *batches;
	char (*batch_refs)[PR_REF_LEN];
	size_t nbatches;
} plan_builder;

static pr_status oom(pr_error *err)
{
	return pr_fail(err, PR_EIO, "out of memory planning the scan");
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, n * size);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

static pr_scan_doc *new_doc(plan_builder *b, pr_doc_kind kind, pr_error *err)
{
	pr_scan_plan *p = b->plan;
	if (!grow((void **)&p->docs, &b->cap, p->n + 1, sizeof *p->docs)) {
		oom(err);
		return NULL;
	}
	pr_scan_doc *d = &p->docs[p->n];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->batch_id = b->batch_id;
	snprintf(d->batch_ref, sizeof d->batch_ref, "%s", b->batch_ref);
	b->cur = (long)p->n++;
	return d;
}

static pr_scan_doc *new_problem(plan_builder *b, pr_scan_problem_kind k, const char *ref,
				const char *detail, pr_error *err)
{
	pr_scan_doc *d = new_doc(b, PR_DOC_PROBLEM, err);
	if (!d)
		return NULL;
	d->problem = k;
	snprintf(d->ref, sizeof d->ref, "%s", ref ? ref : "");
	snprintf(d->detail, sizeof d->detail, "%s", detail);
	return d;
}

/* Appends PAGE to LIST (N pages): the capacity doubles whenever N reaches
 * a power of two, starting at four. */
static bool add_page(int **list, size_t *n, int page)
{
	if (*n == 0 || (*n & (*n - 1)) == 0) {
		size_t cap = *n < 4 ? 4 : *n * 2;
		int *q = realloc(*list, cap * sizeof **list);
		if (!q)
			return false;
		*list = q;
	}
	(*list)[(*n)++] = page;
	return true;
}

static bool taken(const plan_builder *b, int64_t id)
{
	for (size_t i = 0; i < b->ntaken; i++)
		if (b->taken[i] == id)
			return true;
	return false;
}

static pr_status take(plan_builder *b, int64_t id, pr_error *err)
{
	if (!grow((void **)&b->taken, &b->captaken, b->ntaken + 1, sizeof *b->taken))
		return oom(err);
	b->taken[b->ntaken++] = id;
	return PR_OK;
}

static bool named_in_file(const plan_builder *b, const char *ref)
{
	for (size_t i = 0; i < b->npages; i++)
		if (b->pages[i].kind == PR_PAGE_SEPARATOR && strcmp(b->pages[i].ref, ref) == 0)
			return true;
	return false;
}

/* A header: the batch it names becomes the file's current batch. */
static pr_status on_header(plan_builder *b, const char *ref, pr_error *err)
{
	b->cur = -1;
	sqlite3_stmt *s = pr_db_stmt(b->db, "SELECT id, dept_id FROM batches WHERE ref = ?1",
				     err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		b->batch_id = sqlite3_column_int64(s, 0);
		b->dept_id = sqlite3_column_int64(s, 1);
		snprintf(b->batch_ref, sizeof b->batch_ref, "%s", ref);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pr_db_fail(b->db, err, rc, "finding the batch of a header sheet");
	if (rc == SQLITE_DONE) {
		/* Until the next header, what follows is kept as problems. */
		b->batch_id = b->dept_id = 0;
		b->batch_ref[0] = '\0';
		b->no_batch = PR_PROBLEM_UNKNOWN_BATCH;
		snprintf(b->unknown_ref, sizeof b->unknown_ref, "%s", ref);
		return PR_OK;
	}
	for (size_t i = 0; i < b->nbatches; i++)
		if (b->batches[i] == b->batch_id)
			return PR_OK;
	size_t cap = b->nbatches;
	if (!grow((void **)&b->batches, &cap, b->nbatches + 1, sizeof *b->batches))
		return oom(err);
	void *q = realloc(b->batch_refs, (b->nbatches + 1) * sizeof *b->batch_refs);
	if (!q)
		return oom(err);
	b->batch_refs = q;
	b->batches[b->nbatches] = b->batch_id;
	memcpy(b->batch_refs[b->nbatches++], ref, PR_REF_LEN);
	return PR_OK;
}

/* An item separator: its item's document, or a problem that keeps the
 * pages that follow. */
static pr_status on_separator(plan_builder *b, const char *ref, pr_error *err)
{
	char detail[200];
	if (!b->batch_id) {
		if (b->no_batch == PR_PROBLEM_UNKNOWN_BATCH)
			snprintf(detail, sizeof detail, "separator %s after the header of "
				 "batch %s, which is not on record", ref, b->unknown_ref);
		else
			snprintf(detail, sizeof detail, "separator %s with no batch header "
				 "before it", ref);
		return new_problem(b, b->no_batch, ref, detail, err) ? PR_OK : err->code;
	}
	sqlite3_stmt *s = pr_db_stmt(b->db, "SELECT i.id, i.status, coalesce(i.batch_id, 0), "
				     "coalesce(b.ref, '') FROM items i LEFT JOIN batches b "
				     "ON b.id = i.batch_id WHERE i.ref = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int64_t id = 0, batch_id = 0;
	pr_item_status status = PR_ITEM_RECEIVED;
	char other[PR_REF_LEN] = "";
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		pr_item_status_parse((const char *)sqlite3_column_text(s, 1), &status, NULL);
		batch_id = sqlite3_column_int64(s, 2);
		pr_column_copy(s, 3, other, sizeof other);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pr_db_fail(b->db, err, rc, "finding the item of a separator");

	pr_scan_doc *d;
	if (rc == SQLITE_DONE) {
		snprintf(detail, sizeof detail, "separator %s names no item on record", ref);
		d = new_problem(b, PR_PROBLEM_UNKNOWN_REF, ref, detail, err);
	} else if (batch_id != b->batch_id && status != PR_ITEM_SCANNED &&
		   status != PR_ITEM_EMAILED) {
		if (*other)
			snprintf(detail, sizeof detail, "item %s is in batch %s, not %s", ref,
				 other, b->batch_ref);
		else
			snprintf(detail, sizeof detail, "item %s is in no batch (it is %s), not "
				 "in %s", ref, pr_item_status_name(status), b->batch_ref);
		d = new_problem(b, PR_PROBLEM_OTHER_BATCH, ref, detail, err);
	} else if (status != PR_ITEM_BATCHED || taken(b, id)) {
		snprintf(detail, sizeof detail, "item %s %s", ref,
			 taken(b, id) ? "has a separator earlier in this file"
				      : "is scanned already");
		d = new_problem(b, PR_PROBLEM_SCANNED_TWICE, ref, detail, err);
	} else {
		d = new_doc(b, PR_DOC_ITEM, err);
		if (d) {
			d->item_id = id;
			snprintf(d->ref, sizeof d->ref, "%s", ref);
			if (take(b, id, err) != PR_OK)
				return err->code;
		}
	}
	return d ? PR_OK : err->code;
}

/* A reusable separator: the batch's next waiting item in tray order that
 * no separator of the file names, or a new item when none is left. */
static pr_status on_next(plan_builder *b, pr_error *err)
{
	if (!b->batch_id) {
		char detail[160];
		if (b->no_batch == PR_PROBLEM_UNKNOWN_BATCH)
			snprintf(detail, sizeof detail, "a reusable separator after the header "
				 "of batch %s, which is not on record", b->unknown_ref);
		else
			snprintf(detail, sizeof detail, "a reusable separator with no batch "
				 "header before it");
		return new_problem(b, b->no_batch, NULL, detail, err) ? PR_OK : err->code;
	}
	sqlite3_stmt *s = pr_db_stmt(b->db, "SELECT id, ref FROM items WHERE batch_id = ?1 "
				     "AND status = 'batched' ORDER BY batch_pos, id", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, b->batch_id);
	int64_t id = 0;
	char ref[PR_REF_LEN] = "";
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t cand = sqlite3_column_int64(s, 0);
		char r[PR_REF_LEN];
		pr_column_copy(s, 1, r, sizeof r);
		if (!taken(b, cand) && !named_in_file(b, r)) {
			id = cand;
			memcpy(ref, r, sizeof ref);
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pr_db_fail(b->db, err, rc, "finding the batch's next item");
	pr_scan_doc *d = new_doc(b, id ? PR_DOC_ITEM : PR_DOC_NEW_ITEM, err);
	if (!d)
		return err->code;
	if (id) {
		d->item_id = id;
		memcpy(d->ref, ref, sizeof d->ref);
		return take(b, id, err);
	}
	return PR_OK;
}

/* A page of content (blank or not): into the open document, or a
 * problem for pages that come before any separator. */
static pr_status on_content(plan_builder *b, int page, bool blank, pr_error *err)
{
	if (blank && b->back_due) {
		b->plan->backs++;
		b->back_due = false;
		return PR_OK;
	}
	b->back_due = false;
	if (b->cur < 0) {
		pr_scan_doc *d;
		if (b->batch_id) {
			char detail[120];
			snprintf(detail, sizeof detail, "pages after the header of %s before "
				 "the first separator", b->batch_ref);
			d = new_problem(b, PR_PROBLEM_BEFORE_SEPARATOR, NULL, detail, err);
		} else {
			char detail[160];
			if (b->no_batch == PR_PROBLEM_UNKNOWN_BATCH)
				snprintf(detail, sizeof detail, "pages after the header of batch "
					 "%s, which is not on record", b->unknown_ref);
			else
				snprintf(detail, sizeof detail, "pages with no batch header "
					 "before them");
			d = new_problem(b, b->no_batch, NULL, detail, err);
		}
		if (!d)
			return err->code;
	}
	pr_scan_doc *d = &b->plan->docs[b->cur];
	bool ok = blank ? add_page(&d->blanks, &d->nblanks, page)
			: add_page(&d->pages, &d->npages, page);
	return ok ? PR_OK : oom(err);
}

/* Items of the file's batches that are still waiting and got no pages. */
static pr_status items_without_pages(plan_builder *b, pr_error *err)
{
	for (size_t i = 0; i < b->nbatches; i++) {
		/* Both numbers, for the person who reconciles them. */
		long waiting = 0, docs = 0;
		for (size_t k = 0; k < b->plan->n; k++)
			docs += b->plan->docs[k].batch_id == b->batches[i] &&
				b->plan->docs[k].kind != PR_DOC_PROBLEM;
		sqlite3_stmt *c = pr_db_stmt(b->db, "SELECT count(*) FROM items WHERE "
					     "batch_id = ?1 AND status = 'batched'", err);
		if (!c)
			return err->code;
		sqlite3_bind_int64(c, 1, b->batches[i]);
		if (sqlite3_step(c) == SQLITE_ROW)
			waiting = (long)sqlite3_column_int64(c, 0);
		sqlite3_reset(c);
		sqlite3_stmt *s = pr_db_stmt(b->db, "SELECT id, ref FROM items WHERE "
					     "batch_id = ?1 AND status = 'batched' "
					     "ORDER BY batch_pos, id", err);
		if (!s)
			return err->code;
		sqlite3_bind_int64(s, 1, b->batches[i]);
		int rc;
		pr_status st = PR_OK;
		while (st == PR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0);
			if (taken(b, id))
				continue;
			char ref[PR_REF_LEN], detail[200];
			pr_column_copy(s, 1, ref, sizeof ref);
			snprintf(detail, sizeof detail, "item %s of batch %s has no pages in "
				 "this file: the batch has %ld item%s waiting, the file gave %ld "
				 "document%s", ref, b->batch_refs[i], waiting, waiting == 1 ? "" : "s",
				 docs, docs == 1 ? "" : "s");
			b->batch_id = b->batches[i];
			memcpy(b->batch_ref, b->batch_refs[i], PR_REF_LEN);
			pr_scan_doc *d = new_problem(b, PR_PROBLEM_NO_PAGES, ref, detail, err);
			if (!d)
				st = err->code;
			else
				d->item_id = id;
		}
		sqlite3_reset(s);
		if (st != PR_OK)
			return st;
		if (rc != SQLITE_DONE)
			return pr_db_fail(b->db, err, rc, "finding the batch's items");
	}
	return PR_OK;
}

/* A separator followed by no content: the item stays waiting and its
 * empty document becomes a no-pages problem (keeping any blank pages); a
 * reusable separator with nothing after it (a spare) is no document. */
static void empty_documents(pr_scan_plan *p)
{
	size_t kept = 0;
	for (size_t i = 0; i < p->n; i++) {
		pr_scan_doc *d = &p->docs[i];
		if (d->npages == 0 && d->kind == PR_DOC_NEW_ITEM && d->nblanks == 0)
			continue;
		if (d->npages == 0 && d->kind != PR_DOC_PROBLEM) {
			d->problem = PR_PROBLEM_NO_PAGES;
			if (d->kind == PR_DOC_ITEM)
				snprintf(d->detail, sizeof d->detail, "item %s has a separator "
					 "but no pages", d->ref);
			else
				snprintf(d->detail, sizeof d->detail, "a reusable separator with "
					 "only blank pages after it");
			d->kind = PR_DOC_PROBLEM;
		}
		p->docs[kept++] = *d;
	}
	p->n = kept;
}

pr_status pr_scan_plan_make(pr_db *db, const pr_page_mark *pages, size_t n,
			    pr_scan_plan *out, pr_error *err)
{
	pr_scan_plan plan = {0};
	plan_builder b = {.db = db, .plan = &plan, .cur = -1, .pages = pages, .npages = n,
			  .no_batch = PR_PROBLEM_NO_HEADER};
	pr_status st = PR_OK;
	for (size_t i = 0; st == PR_OK && i < n; i++) {
		int page = (int)i + 1;
		switch (pages[i].kind) {
		case PR_PAGE_HEADER:
			st = on_header(&b, pages[i].ref, err);
			break;
		case PR_PAGE_SEPARATOR:
			st = on_separator(&b, pages[i].ref, err);
			break;
		case PR_PAGE_NEXT:
			st = on_next(&b, err);
			break;
		case PR_PAGE_CONTENT:
			st = on_content(&b, page, pages[i].blank, err);
			continue;
		}
		plan.separators++;
		b.back_due = true;
	}
	if (st == PR_OK)
		empty_documents(&plan);
	if (st == PR_OK)
		st = items_without_pages(&b, err);
	free(b.taken);
	free(b.batches);
	free(b.batch_refs);
	if (st != PR_OK) {
		pr_scan_plan_free(&plan);
		return st;
	}
	*out = plan;
	return PR_OK;
}

void pr_scan_plan_free(pr_scan_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n; i++) {
		free(plan->docs[i].pages);
		free(plan->docs[i].blanks);
	}
	free(plan->docs);
	memset(plan, 0, sizeof *plan);
}
