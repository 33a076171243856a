/* postroom report daily: the supervisor's figures (DESIGN.md section 4). */
#include <string.h>

#include "cli.h"
#include "postroom/report.h"

/* The contract's columns, in its order. */
static const cli_col daily_cols[] = {
	{ .name = "date", .title = "DATE", .width = 10 },
	{ .name = "received", .title = "RECEIVED", .type = COL_NUMBER, .width = 8, .right = true },
	{ .name = "scanned", .title = "SCANNED", .type = COL_NUMBER, .width = 7, .right = true },
	{ .name = "emailed", .title = "EMAILED", .type = COL_NUMBER, .width = 7, .right = true },
	{ .name = "exceptions", .title = "EXCEPT", .type = COL_NUMBER, .width = 6, .right = true },
	{ .name = "pending", .title = "PENDING", .type = COL_NUMBER, .width = 7, .right = true },
	{ .name = "scanned_pct", .title = "SCANNED%", .type = COL_NUMBER, .width = 8, .right = true },
	{ .name = "target_pct", .title = "TARGET%", .type = COL_NUMBER, .width = 7, .right = true },
	{ .name = "met", .title = "MET", .type = COL_BOOL, .width = 3 },
};

static bool daily_row(const pr_figures *f, void *ud)
{
	cli_table *t = ud;
	char n[6][24], pct[16] = "", target[16];
	double p;
	snprintf(n[0], sizeof n[0], "%ld", f->received);
	snprintf(n[1], sizeof n[1], "%ld", f->scanned);
	snprintf(n[2], sizeof n[2], "%ld", f->emailed);
	snprintf(n[3], sizeof n[3], "%ld", f->exceptions);
	snprintf(n[4], sizeof n[4], "%ld", f->pending);
	if (pr_figures_pct(f, &p))
		snprintf(pct, sizeof pct, "%.1f", p);
	snprintf(target, sizeof target, "%.1f", f->target_pct);
	const char *met = !*pct ? "" : pr_figures_met(f) ? "yes" : "no";
	if (t->format == FMT_TEXT && !*pct)
		met = "-";
	const char *row[] = { f->day, n[0], n[1], n[2], n[3], n[4], pct, target, met };
	table_row(t, row);
	return true;
}

static int report_daily(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	char from[PR_DAY_LEN], to[PR_DAY_LEN];
	long fromno, tono;
	if (!cli_parse(&a, "report daily", "from=,to=,dept=", argc, argv) ||
	    !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("report daily", "unexpected argument '%s'", a.pos[0]);
	/* Default period: the 30 days up to today, or up to --to. */
	tono = pr_time_dayno(pr_now());
	if (cli_opt(&a, "to") && pr_day_parse(cli_opt(&a, "to"), &tono, &err))
		return cli_usage_error("report daily", "--to: %s", err.msg);
	fromno = tono - 29;
	if (cli_opt(&a, "from") && pr_day_parse(cli_opt(&a, "from"), &fromno, &err))
		return cli_usage_error("report daily", "--from: %s", err.msg);
	if (fromno > tono)
		return cli_usage_error("report daily", "--from is after --to");
	pr_day_format(fromno, from);
	pr_day_format(tono, to);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, fmt, daily_cols, 9, stdout);
	pr_status st = pr_report_daily(app->db, from, to, cli_opt(&a, "dept"),
				       daily_row, &t, &err);
	table_end(&t);
	return st == PR_OK ? EXIT_OK : cli_fail(&err);
}

int cmd_report(pr_app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("report", "say which report: daily");
	if (strcmp(argv[1], "daily") == 0)
		return report_daily(app, argc - 2, argv + 2);
	return cli_usage_error("report", "unknown report '%s' (this version has: daily)",
			       argv[1]);
}
