/* postroom batch: scan batches, their sheets for the scanner. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "postroom/batch.h"
#include "postroom/service/print.h"

static const cli_col batch_cols[] = {
	{ .name = "ref", .width = 13 },
	{ .name = "dept", .width = 8 },
	{ .name = "status", .width = 8 },
	{ .name = "items", .type = COL_NUMBER, .width = 5, .right = true },
	{ .name = "opened_at", .width = 25 },
	{ .name = "opened_by", .width = 10 },
	{ .name = "closed_at" },
};

static bool batch_row(const pr_batch *b, void *ud)
{
	cli_table *t = ud;
	char items[24], opened[PR_TIME_LEN], closed[PR_TIME_LEN] = "";
	snprintf(items, sizeof items, "%ld", b->items);
	pr_time_format(b->opened_at, opened);
	if (b->closed_at)
		pr_time_format(b->closed_at, closed);
	const char *row[] = { b->ref, b->dept_code, pr_batch_status_name(b->status),
			      items, opened, b->opened_by, closed };
	table_row(t, row);
	return true;
}

int cmd_batch_list(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	long limit = 0;
	pr_batch_filter f = { .status = -1 };
	if (!cli_parse(&a, "batch list", argc, argv) ||
	    !cli_format_of(&a, &fmt) || !cli_opt_long(&a, "limit", 1, 1000000, &limit))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("batch list", "unexpected argument '%s'", a.pos[0]);
	if (cli_opt(&a, "status")) {
		pr_batch_status s;
		if (pr_batch_status_parse(cli_opt(&a, "status"), &s, &err) != PR_OK)
			return cli_usage_error("batch list", "%s", err.msg);
		f.status = (int)s;
	}
	f.dept_code = cli_opt(&a, "dept");
	f.limit = (size_t)limit;
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, fmt, batch_cols, 7, stdout);
	pr_status st = pr_batch_list(app->db, &f, batch_row, &t, &err);
	return table_finish(&t, st, &err);
}

int cmd_batch_open(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_batch b;
	if (!cli_parse(&a, "batch open", argc, argv))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("batch open", "unexpected argument '%s'", a.pos[0]);
	if (!cli_opt(&a, "dept"))
		return cli_usage_error("batch open", "--dept is required");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_batch_open(app->db, cli_opt(&a, "dept"), &b, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s\n", b.ref))
		return cli_result_lost("batch %s was opened ('postroom batch show %s' "
				       "shows it)", b.ref, b.ref);
	return EXIT_OK;
}

int cmd_batch_add(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	if (!cli_parse(&a, "batch add", argc, argv))
		return EXIT_USAGE;
	if (a.npos < 2)
		return cli_usage_error("batch add", "give the batch and one or more "
				       "item references");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	/* Each item is added on its own, as a scanner at the desk would:
	 * a refused one is reported and the others still go in. */
	int rc = EXIT_OK;
	bool lost = false;
	for (int i = 1; i < a.npos; i++) {
		pr_item it;
		if (pr_batch_add(app->db, a.pos[0], a.pos[i], &it, &err) != PR_OK)
			rc = cli_fail(&err);
		else if (!lost && !cli_result("%s added to %s\n", it.ref, it.batch_ref))
			lost = true;
	}
	if (lost)
		return cli_result_lost("items were added to %s ('postroom batch show %s' "
				       "lists them)", a.pos[0], a.pos[0]);
	return rc;
}

int cmd_batch_remove(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	if (!cli_parse(&a, "batch remove", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 2)
		return cli_usage_error("batch remove", "give the batch and one item reference");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_batch_remove(app->db, a.pos[0], a.pos[1], &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s taken out of the batch\n", a.pos[1]))
		return cli_result_lost("%s was taken out of %s", a.pos[1], a.pos[0]);
	return EXIT_OK;
}

/* Writes the sheets of batch REF to PATH; the exit status. */
static int write_sheets(pr_app *app, const char *ref, const char *path)
{
	pr_error err;
	char bref[PR_REF_LEN];
	size_t n = 0;
	if (pr_sheets_make(app->db, ref, path, bref, &n, &err) != PR_OK)
		return cli_fail(&err);
	printf("Sheets for %s (%zu item%s, %zu pages) written to %s\n", bref, n,
	       n == 1 ? "" : "s", n + 1, path);
	return EXIT_OK;
}

/* Prints the sheets of batch REF and records it. */
static int print_sheets(pr_app *app, const char *ref)
{
	pr_error err;
	pr_print_result res;
	size_t pages = 0;
	if (pr_sheets_print(app->db, &app->cfg, ref, &res, &pages, &err) != PR_OK)
		return cli_fail(&err);
	if (res.job_id)
		printf("Sheets (%zu pages) sent to printer %s (job %d)\n", pages,
		       res.destination, res.job_id);
	else
		printf("No printer is set: sheets (%zu pages) written to %s\n", pages,
		       res.destination);
	return EXIT_OK;
}

int cmd_batch_close(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_batch b;
	if (!cli_parse(&a, "batch close", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("batch close", "give one batch reference");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_batch_close(app->db, a.pos[0], &b, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s closed with %ld item%s\n", b.ref, b.items,
			b.items == 1 ? "" : "s"))
		return cli_result_lost("batch %s was closed ('postroom batch show %s')",
				       b.ref, b.ref);
	if (cli_has(&a, "print"))
		return print_sheets(app, b.ref);
	fprintf(stderr, "postroom: print its sheets with 'postroom batch sheets %s "
		"--print'\n", b.ref);
	return EXIT_OK;
}

int cmd_batch_sheets(pr_app *app, int argc, char **argv)
{
	cli_args a;
	if (!cli_parse(&a, "batch sheets", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("batch sheets", "give one batch reference");
	const char *out = cli_opt(&a, "o");
	if (!out && !cli_has(&a, "print"))
		return cli_usage_error("batch sheets", "-o FILE.pdf or --print is required");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (!out)
		return print_sheets(app, a.pos[0]);
	int rc = write_sheets(app, a.pos[0], out);
	if (rc == EXIT_OK && cli_has(&a, "print")) {
		pr_error err;
		rc = cli_print(app, out, a.pos[0]);
		if (rc == EXIT_OK && pr_batch_sheets_printed(app->db, a.pos[0], &err) != PR_OK)
			rc = cli_fail(&err);
	}
	return rc;
}

static const cli_col member_cols[] = {
	{ .name = "pos", .type = COL_NUMBER, .width = 4, .right = true },
	{ .name = "ref", .width = 13 },
	{ .name = "dept", .width = 8 },
	{ .name = "status", .width = 8 },
	{ .name = "sender", .width = 20 },
	{ .name = "addressee" },
};

static bool member_row(const pr_item *it, void *ud)
{
	char pos[16];
	snprintf(pos, sizeof pos, "%d", it->batch_pos);
	const char *row[] = { pos, it->ref, it->dept_code, pr_item_status_name(it->status),
			      it->sender, it->addressee };
	table_row(ud, row);
	return true;
}

int cmd_batch_show(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	pr_batch b;
	if (!cli_parse(&a, "batch show", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("batch show", "give one batch reference");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_batch_get(app->db, a.pos[0], &b, &err) != PR_OK)
		return cli_fail(&err);
	if (fmt == FMT_TEXT)
		printf("Batch %s  %s %s  %s, %ld item%s\n\n", b.ref, b.dept_code,
		       b.dept_name, pr_batch_status_name(b.status), b.items,
		       b.items == 1 ? "" : "s");
	cli_table t;
	table_begin(&t, fmt, member_cols, 6, stdout);
	pr_status st = pr_batch_items(app->db, b.ref, member_row, &t, &err);
	return table_finish(&t, st, &err);
}
