/* postroom target set|list: the scanned target and when it takes effect. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "postroom/target.h"

static const cli_col target_cols[] = {
	{ .name = "from", .width = 10 },
	{ .name = "target_pct", .type = COL_NUMBER, .width = 10, .right = true },
	{ .name = "set_by", .width = 16 },
	{ .name = "set_at" },
};

static bool target_row(const pr_target *t, void *ud)
{
	char pct[16], at[PR_TIME_LEN];
	snprintf(pct, sizeof pct, "%.1f", t->pct);
	pr_time_format(t->set_at, at);
	const char *row[] = { t->from_day, pct, t->set_by, at };
	table_row(ud, row);
	return true;
}

int cmd_target_list(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	if (!cli_parse(&a, "target list", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("target list", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, fmt, target_cols, 4, stdout);
	pr_status st = pr_target_list(app->db, target_row, &t, &err);
	if (st != PR_OK)
		return table_finish(&t, st, &err);
	table_end(&t);
	if (st == PR_OK && fmt == FMT_TEXT)
		printf("Before the first date: %.1f%% (scanned_target in the configuration)\n",
		       app->cfg.scanned_target);
	return st == PR_OK ? EXIT_OK : cli_fail(&err);
}

int cmd_target_set(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	if (!cli_parse(&a, "target set", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("target set", "give one percentage");
	double pct;
	if (pr_target_parse(a.pos[0], &pct, &err) != PR_OK)
		return cli_usage_error("target set", "%s", err.msg);
	char day[PR_DAY_LEN];
	long dayno = pr_time_dayno(pr_now());
	if (cli_opt(&a, "from") && pr_day_parse(cli_opt(&a, "from"), &dayno, &err))
		return cli_usage_error("target set", "--from: %s", err.msg);
	pr_day_format(dayno, day);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_target_set(app->db, pct, day, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("Scanned target %.1f%% from %s\n", pct, day))
		return cli_result_lost("the target from %s was set ('postroom target "
				       "list')", day);
	return EXIT_OK;
}
