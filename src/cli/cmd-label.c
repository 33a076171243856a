/* postroom label: a Code 128 label for an item or a batch. */
#include "cli.h"
#include "postroom/ref.h"
#include "postroom/service/print.h"

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
	if (pr_label_make(app->db, ref, out, ref, &err) != PR_OK)
		return cli_fail(&err);
	printf("Label for %s written to %s\n", ref, out);
	if (cli_has(&a, "print"))
		return cli_print(app, out, ref);
	return EXIT_OK;
}
