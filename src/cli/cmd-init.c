/* postroom init: create or upgrade the database. */
#include "cli.h"

int cmd_init(pr_app *app, int argc, char **argv)
{
	cli_args a;
	if (!cli_parse(&a, "init", argc, argv))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("init", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, true))
		return EXIT_FAIL;
	printf("Database %s is ready (schema version %d).\n", pr_db_path(app->db),
	       pr_db_version(app->db));
	return EXIT_OK;
}
