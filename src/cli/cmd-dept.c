/* postroom dept add|list: the directory of departments. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "postroom/dept.h"

/* Email last, so text output never cuts it. */
static const cli_col dept_cols[] = {
	{ .name = "code", .width = 12 },
	{ .name = "name", .width = 36 },
	{ .name = "active", .type = COL_BOOL, .width = 6 },
	{ .name = "keep_days", .type = COL_NUMBER, .width = 9, .right = true },
	{ .name = "email" },
};

static bool dept_row(const pr_dept *d, void *ud)
{
	char keep[16] = "";
	if (d->keep_days)
		snprintf(keep, sizeof keep, "%d", d->keep_days);
	const char *row[] = { d->code, d->name, d->active ? "yes" : "no", keep, d->email };
	table_row(ud, row);
	return true;
}

int cmd_dept_list(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	cli_table t;
	pr_error err;
	if (!cli_parse(&a, "dept list", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("dept list", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	table_begin(&t, fmt, dept_cols, 5, stdout);
	pr_status st = pr_dept_list(app->db, dept_row, &t, &err);
	return table_finish(&t, st, &err);
}

int cmd_dept_add(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_dept d;
	if (!cli_parse(&a, "dept add", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("dept add", a.npos ? "give one department code"
				       : "the department code is missing");
	if (!cli_opt(&a, "name") || !cli_opt(&a, "email"))
		return cli_usage_error("dept add", "--name and --email are required");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_dept_add(app->db, a.pos[0], cli_opt(&a, "name"), cli_opt(&a, "email"),
			&d, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s\n", d.code))
		return cli_result_lost("department %s was added ('postroom dept list')",
				       d.code);
	return EXIT_OK;
}

int cmd_dept_set(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	long days = -1;
	if (!cli_parse(&a, "dept set", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("dept set", a.npos ? "give one department code"
				       : "the department code is missing");
	if (!cli_opt(&a, "keep-days"))
		return cli_usage_error("dept set", "--keep-days is required");
	if (!cli_opt_long(&a, "keep-days", 0, 36500, &days))
		return EXIT_USAGE;
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_dept_set_keep_days(app->db, a.pos[0], (int)days, &err) != PR_OK)
		return cli_fail(&err);
	bool ok = days ? cli_result("%s keeps its items %ld days\n", a.pos[0], days)
		: cli_result("%s keeps its items as keep_days says (%d days)\n", a.pos[0],
			     app->cfg.keep_days);
	if (!ok)
		return cli_result_lost("the keep days were set ('postroom dept list')");
	return EXIT_OK;
}
