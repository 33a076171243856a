/* postroom operator add|list: who may use postroom, in which role. */
#include <string.h>

#include "cli.h"
#include "postroom/operator.h"

static const cli_col operator_cols[] = {
	{ .name = "login", .width = 16 },
	{ .name = "role", .width = 10 },
	{ .name = "active", .type = COL_BOOL, .width = 6 },
	{ .name = "created", .width = 25 },
	{ .name = "name" },
};

static bool operator_row(const pr_operator *op, void *ud)
{
	char created[PR_TIME_LEN];
	pr_time_format(op->created_at, created);
	const char *row[] = { op->login, pr_role_name(op->role),
			      op->active ? "yes" : "no", created, op->name };
	table_row(ud, row);
	return true;
}

int cmd_operator_list(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	cli_table t;
	pr_error err;
	if (!cli_parse(&a, "operator list", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("operator list", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	table_begin(&t, fmt, operator_cols, 5, stdout);
	pr_status st = pr_operator_list(app->db, operator_row, &t, &err);
	return table_finish(&t, st, &err);
}

int cmd_operator_add(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_role role;
	if (!cli_parse(&a, "operator add", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("operator add", a.npos ? "give one login"
				       : "the login is missing");
	if (!cli_opt(&a, "role"))
		return cli_usage_error("operator add", "--role is required");
	if (pr_role_parse(cli_opt(&a, "role"), &role, &err) != PR_OK)
		return cli_usage_error("operator add", "%s", err.msg);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	bool any = true;
	if (pr_operator_any(app->db, &any, &err) != PR_OK ||
	    pr_operator_add(app->db, a.pos[0], cli_opt(&a, "name"), role, NULL, &err) != PR_OK)
		return cli_fail(&err);
	if (!any)
		fprintf(stderr, "postroom: no operators yet: %s is registered as the "
			"first admin\n", a.pos[0]);
	if (!cli_result("%s\n", a.pos[0]))
		return cli_result_lost("operator %s was added ('postroom operator list')",
				       a.pos[0]);
	return EXIT_OK;
}
