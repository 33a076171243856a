/* postroom item index|rescan: after the scan, the same core functions the
 * Scan screen calls. */
#include "cli.h"
#include "postroom/item.h"

int cmd_item_index(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_item it;
	if (!cli_parse(&a, "item index", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("item index", "give one item reference");
	if (!cli_opt(&a, "sender") || !cli_opt(&a, "addressee"))
		return cli_usage_error("item index", "--sender and --addressee are required");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_item_index(app->db, a.pos[0], cli_opt(&a, "sender"), cli_opt(&a, "addressee"),
			  &it, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s indexed: from %s to %s\n", it.ref, it.sender, it.addressee))
		return cli_result_lost("%s is indexed ('postroom item show %s')", it.ref, it.ref);
	return EXIT_OK;
}

int cmd_item_rescan(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_item it;
	if (!cli_parse(&a, "item rescan", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("item rescan", "give one item reference");
	if (!cli_opt(&a, "reason"))
		return cli_usage_error("item rescan", "--reason is required");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_item_rescan(app->db, a.pos[0], cli_opt(&a, "reason"), &it, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s marked for rescan: back in batch %s, waiting for its scan\n", it.ref,
			it.batch_ref))
		return cli_result_lost("%s is marked for rescan ('postroom item show %s')", it.ref,
				       it.ref);
	return EXIT_OK;
}
