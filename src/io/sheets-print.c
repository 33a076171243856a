/* Printing a batch's sheets: the one path the console and the command line
 * share, from the batch in the database to the printer or spool folder. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "postroom/sheets.h"

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
