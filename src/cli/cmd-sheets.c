/* postroom sheets separator: the reusable "next document" separator sheet,
 * printed once and used every day. */
#include <stdio.h>

#include "cli.h"
#include "postroom/io/sheets.h"

int cmd_sheets_separator(pr_app *app, int argc, char **argv)
{
	cli_args a;
	long copies = 1;
	pr_error err;
	if (!cli_parse(&a, "sheets separator", argc, argv) ||
	    !cli_opt_long(&a, "copies", 1, 500, &copies))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("sheets separator", "unexpected argument '%s'", a.pos[0]);
	const char *out = cli_opt(&a, "o");
	if (!out)
		return cli_usage_error("sheets separator", "-o FILE.pdf is required");
	if (pr_reusable_separators_write(out, (int)copies, &err) != PR_OK)
		return cli_fail(&err);
	printf("%ld reusable separator sheet%s written to %s\n", copies, copies == 1 ? "" : "s",
	       out);
	if (cli_has(&a, "print"))
		return cli_print(app, out, "postroom reusable separators");
	return EXIT_OK;
}
