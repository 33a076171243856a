/* postroom config: the settings in force and where they came from. */
#include "cli.h"

static const cli_col config_cols[] = {
	{ .name = "key", .width = 16 },
	{ .name = "value", .width = 36 },
	{ .name = "meaning" },
};

static void config_row(const pr_config_entry *e, void *ud)
{
	const char *row[] = { e->key, e->value, e->help };
	table_row(ud, row);
}

int cmd_config(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	if (!cli_parse(&a, "config", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("config", "unexpected argument '%s'", a.pos[0]);
	if (fmt == FMT_TEXT)
		printf("# from %s; database %s\n",
		       app->cfg.source ? app->cfg.source : "built-in defaults",
		       app->db_path);
	cli_table t;
	table_begin(&t, fmt, config_cols, 3, stdout);
	pr_config_each(&app->cfg, config_row, &t);
	table_end(&t);
	return EXIT_OK;
}
