/* postroom init: create or upgrade the database, and register its first
 * admin while no operators are registered. */
#include "cli.h"
#include "postroom/operator.h"

int cmd_init(pr_app *app, int argc, char **argv)
{
	cli_args a;
	if (!cli_parse(&a, "init", argc, argv))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("init", "unexpected argument '%s'", a.pos[0]);
	const char *admin = cli_opt(&a, "admin");
	if (!cli_db(app, true))
		return EXIT_FAIL;
	pr_error err;
	bool added = false;
	const char *login = admin ? admin : pr_db_actor(app->db);
	if (pr_operator_first(app->db, login, NULL, &added, &err) != PR_OK)
		return cli_fail(&err);
	if (added)
		fprintf(stderr, "postroom: no operators yet: %s is registered as the "
			"first admin\n", login);
	else if (admin)
		fprintf(stderr, "postroom: operators are registered already, so --admin "
			"%s changes nothing (see 'postroom operator list')\n", admin);
	printf("Database %s is ready (schema version %d).\n", pr_db_path(app->db),
	       pr_db_version(app->db));
	return EXIT_OK;
}
