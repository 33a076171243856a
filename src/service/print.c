/* Documents made from the database: a batch's sheets printed (the one path
 * the console and the command line share, from the batch to the printer or
 * spool folder), labels, and the accountable-items sheet. */
#include "postroom/service/print.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "postroom/batch.h"
#include "postroom/io/barcode.h"
#include "postroom/io/sheets.h"
#include "postroom/item.h"
#include "postroom/xmem.h"

pr_status pr_sheets_print(pr_db *db, const pr_config *cfg, const char *batch_ref,
			  pr_print_result *out, size_t *pages, pr_error *err)
{
	pr_batch b;
	pr_item *items = NULL;
	size_t n = 0;
	pr_print_result res;
	pr_status st;
	if ((st = pr_batch_get(db, batch_ref, &b, err)) != PR_OK ||
	    (st = pr_batch_items_load(db, b.ref, &items, &n, err)) != PR_OK)
		return st;
	if (n == 0) {
		free(items);
		return pr_fail(err, PR_ESTATE, "batch %s is empty: no sheets to print", b.ref);
	}
	const char *tmp = getenv("TMPDIR");
	char path[512], title[64];
	snprintf(path, sizeof path, "%s/postroom-sheets-%s-XXXXXX.pdf",
		 tmp && *tmp ? tmp : "/tmp", b.ref);
	int fd = mkstemps(path, 4);
	if (fd < 0) {
		free(items);
		return pr_fail(err, PR_EIO, "no temporary file for the sheets of %s in %s",
			       b.ref, tmp && *tmp ? tmp : "/tmp");
	}
	close(fd);
	snprintf(title, sizeof title, "postroom sheets %s", b.ref);
	st = pr_sheets_write(path, &b, items, n, err);
	free(items);
	if (st == PR_OK)
		st = pr_print_file(cfg, path, title, &res, err);
	unlink(path);
	if (st != PR_OK)
		return st;
	if (out)
		*out = res;
	if (pages)
		*pages = n + 1;
	if ((st = pr_batch_sheets_printed(db, b.ref, err)) != PR_OK) {
		pr_error why = *err;
		return pr_fail(err, st, "the sheets of %s were printed, but could not be "
			       "recorded: %s", b.ref, why.msg);
	}
	return PR_OK;
}

pr_status pr_sheets_make(pr_db *db, const char *batch_ref, const char *path, char *bref,
			 size_t *n, pr_error *err)
{
	pr_batch b;
	pr_item *items = NULL;
	size_t count = 0;
	pr_status st;
	if ((st = pr_batch_get(db, batch_ref, &b, err)) != PR_OK ||
	    (st = pr_batch_items_load(db, b.ref, &items, &count, err)) != PR_OK)
		return st;
	st = count == 0 ? pr_fail(err, PR_ESTATE, "batch %s is empty: no sheets to make",
				  b.ref)
			: pr_sheets_write(path, &b, items, count, err);
	free(items);
	if (st != PR_OK)
		return st;
	snprintf(bref, PR_REF_LEN, "%s", b.ref);
	if (n)
		*n = count;
	return PR_OK;
}

pr_status pr_label_make(pr_db *db, const char *ref, const char *path, char *nref,
			pr_error *err)
{
	pr_status st = pr_ref_parse(ref, nref, err);
	if (st != PR_OK)
		return st;
	/* Only references that exist get a label. */
	pr_item it;
	pr_batch b;
	st = nref[0] == 'B' ? pr_batch_get(db, nref, &b, err) : pr_item_get(db, nref, &it, err);
	if (st != PR_OK)
		return st;
	return pr_label_write(nref, path, err);
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

pr_status pr_accountable_make(pr_db *db, const char *day, const char *path, size_t *n,
			      pr_error *err)
{
	pr_item_filter f = { .status = -1, .from_day = day, .to_day = day,
			     .accountable = true };
	item_array a = { 0 };
	pr_status st = pr_item_list(db, &f, collect, &a, err);
	if (st == PR_OK)
		st = pr_accountable_write(path, day, a.v, a.n, err);
	if (st == PR_OK && n)
		*n = a.n;
	free(a.v);
	return st;
}
