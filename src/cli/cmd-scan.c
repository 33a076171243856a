/* scan list, scan exceptions, scan resolve: the scan files taken in or
 * quarantined, the problems they raised, and their resolution. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "postroom/clock.h"
#include "postroom/scan.h"

static const cli_col file_cols[] = {
	{ .name = "id", .title = "ID", .type = COL_NUMBER, .width = 4, .right = true },
	{ .name = "path", .title = "FILE", .width = 28 },
	{ .name = "status", .title = "STATUS", .width = 11 },
	{ .name = "pages", .title = "PAGES", .type = COL_NUMBER, .width = 5, .right = true },
	{ .name = "batch", .title = "BATCH", .width = 14 },
	{ .name = "items", .title = "ITEMS", .type = COL_NUMBER, .width = 5, .right = true },
	{ .name = "sha256", .title = "SHA-256", .width = 12 },
	{ .name = "reason", .title = "REASON" },
};
#define NFILE_COLS (int)(sizeof file_cols / sizeof file_cols[0])

static bool file_row(const pr_scan_file *f, void *ud)
{
	cli_table *t = ud;
	char id[24], pages[16], items[16], sha[PR_SHA256_HEX];
	snprintf(id, sizeof id, "%lld", (long long)f->id);
	snprintf(pages, sizeof pages, "%d", f->pages);
	snprintf(items, sizeof items, "%d", f->items);
	/* The text listing shows the first twelve digits, enough to tell
	 * files apart; csv and json give the whole digest. */
	snprintf(sha, sizeof sha, "%s", f->sha256);
	if (t->format == FMT_TEXT && strlen(sha) > 12)
		sha[12] = '\0';
	const char *row[NFILE_COLS] = { id, f->path, pr_scan_status_name(f->status), pages,
					f->batch_ref, items, sha, f->reason };
	table_row(t, row);
	return true;
}

int cmd_scan_list(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	int status = -1;
	if (!cli_parse(&a, "scan list", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("scan list", "unexpected argument '%s'", a.pos[0]);
	if (cli_opt(&a, "status")) {
		pr_scan_status s;
		if (pr_scan_status_parse(cli_opt(&a, "status"), &s, &err) != PR_OK)
			return cli_usage_error("scan list", "%s", err.msg);
		status = (int)s;
	}
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, fmt, file_cols, NFILE_COLS, stdout);
	pr_status st = pr_scan_list(app->db, status, file_row, &t, &err);
	return table_finish(&t, st, &err);
}

static const cli_col problem_cols[] = {
	{ .name = "id", .title = "ID", .type = COL_NUMBER, .width = 4, .right = true },
	{ .name = "kind", .title = "PROBLEM", .width = 16 },
	{ .name = "file", .title = "FILE", .width = 18 },
	{ .name = "pages", .title = "PAGES", .width = 9 },
	{ .name = "batch", .title = "BATCH", .width = 14 },
	{ .name = "ref", .title = "REF", .width = 14 },
	{ .name = "status", .title = "STATUS", .width = 9 },
	{ .name = "detail", .title = "DETAIL" },
	{ .name = "pdf" },
	{ .name = "resolution" },
	{ .name = "resolved_by" },
	{ .name = "resolved_at" },
};
#define NPROBLEM_COLS (int)(sizeof problem_cols / sizeof problem_cols[0])
/* The text listing stops at the detail; csv and json give every column. */
#define NPROBLEM_TEXT_COLS 8

static bool problem_row(const pr_scan_problem *p, void *ud)
{
	cli_table *t = ud;
	char id[24], at[PR_TIME_LEN] = "";
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	if (p->resolved_at)
		pr_time_format(p->resolved_at, at);
	const char *row[NPROBLEM_COLS] = {
		id, pr_scan_problem_name(p->kind), p->file_name, p->page_list, p->batch_ref,
		p->ref, pr_problem_status_name(p->status), p->detail, p->pdf_path,
		p->resolution, p->resolved_by, at,
	};
	table_row(t, row);
	return true;
}

int cmd_scan_exceptions(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	if (!cli_parse(&a, "scan exceptions", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("scan exceptions", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, fmt, problem_cols, fmt == FMT_TEXT ? NPROBLEM_TEXT_COLS : NPROBLEM_COLS,
		    stdout);
	pr_status st = pr_scan_problems(app->db, cli_has(&a, "all"), problem_row, &t, &err);
	return table_finish(&t, st, &err);
}

int cmd_scan_resolve(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	if (!cli_parse(&a, "scan resolve", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("scan resolve", "give one problem number");
	char *end;
	long long id = strtoll(a.pos[0], &end, 10);
	if (*end || end == a.pos[0] || id < 1)
		return cli_usage_error("scan resolve", "'%s' is not a problem number "
				       "(see 'postroom scan exceptions')", a.pos[0]);
	const char *item = cli_opt(&a, "item"), *aside = cli_opt(&a, "set-aside");
	if (!item == !aside)
		return cli_usage_error("scan resolve", "give either --item REF or "
				       "--set-aside REASON");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	pr_status st = item ? pr_scan_resolve_item(app->db, id, item, &err)
			    : pr_scan_resolve_aside(app->db, id, aside, &err);
	if (st != PR_OK)
		return cli_fail(&err);
	bool said = item ? cli_result("problem %lld: pages given to item %s\n", id, item)
			 : cli_result("problem %lld: pages set aside\n", id);
	if (!said)
		return cli_result_lost("problem %lld was resolved ('postroom scan "
				       "exceptions')", id);
	return EXIT_OK;
}
