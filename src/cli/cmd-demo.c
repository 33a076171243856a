/* postroom demo: fill an empty database with a realistic post room. */
#include <unistd.h>

#include "cli.h"
#include "postroom/demo.h"
#include "postroom/item.h"

static void show_progress(double done, void *ud)
{
	(void)ud;
	fprintf(stderr, "\rpostroom: making demo data... %3d%%", (int)(done * 100 + 0.5));
	fflush(stderr);
}

int cmd_demo(pr_app *app, int argc, char **argv)
{
	cli_args a;
	long days = 30, seed = 1;
	if (!cli_parse(&a, "demo", argc, argv))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("demo", "unexpected argument '%s'", a.pos[0]);
	if (!cli_opt_long(&a, "days", 1, 3660, &days) ||
	    !cli_opt_long(&a, "seed", 0, 2147483647L, &seed))
		return EXIT_USAGE;
	if (!cli_db(app, true))
		return EXIT_FAIL;

	pr_error err;
	bool empty = false;
	if (pr_db_is_empty(app->db, &empty, &err) != PR_OK)
		return cli_fail(&err);
	if (!empty && cli_has(&a, "if-empty")) {
		fprintf(stderr, "postroom: %s already holds data; leaving it as it is\n",
			pr_db_path(app->db));
		return EXIT_OK;
	}
	pr_demo_options opt = { .days = (int)days, .seed = (uint64_t)seed };
	bool tty = isatty(STDERR_FILENO);
	if (tty)
		opt.progress = show_progress;
	pr_status st = pr_demo_fill(app->db, &opt, &err);
	if (tty)
		fputc('\n', stderr);
	if (st != PR_OK)
		return cli_fail(&err);

	size_t items = 0;
	pr_item_filter all = PR_ITEM_FILTER_ALL;
	if (pr_item_count(app->db, &all, &items, &err) != PR_OK)
		return cli_fail(&err);
	printf("Demo post room: %zu items over %ld days in %s\n", items, days,
	       pr_db_path(app->db));
	return EXIT_OK;
}
