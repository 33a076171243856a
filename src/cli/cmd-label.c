/* postroom label: a Code 128 label for an item or a batch. */
#include "cli.h"
#include "postroom/barcode.h"
#include "postroom/batch.h"
#include "postroom/item.h"

int cmd_label(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	char ref[PR_REF_LEN];
	if (!cli_parse(&a, "label", argc, argv))
		return EXIT_USAGE;
	const char *out = cli_opt(&a, "o");
	if (a.npos != 1)
		return cli_usage_error("label", "give one item or batch reference");
	if (!out)
		return cli_usage_error("label", "-o FILE is required (.png, .svg, .eps or .pdf)");
	if (pr_ref_parse(a.pos[0], ref, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	/* Only references that exist get a label. */
	pr_item it;
	pr_batch b;
	pr_status st = ref[0] == 'B' ? pr_batch_get(app->db, ref, &b, &err)
				     : pr_item_get(app->db, ref, &it, &err);
	if (st != PR_OK)
		return cli_fail(&err);
	if (pr_label_write(ref, out, &err) != PR_OK)
		return cli_fail(&err);
	printf("Label for %s written to %s\n", ref, out);
	if (cli_has(&a, "print"))
		return cli_print(app, out, ref);
	return EXIT_OK;
}
