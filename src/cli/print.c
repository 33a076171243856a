/* Printing from the command line: where the file went, or why not. */
#include "cli.h"
#include "postroom/io/printer.h"

int cli_print(pr_app *app, const char *file, const char *title)
{
	pr_error err;
	pr_print_result r;
	if (pr_print_file(&app->cfg, file, title, &r, &err) != PR_OK)
		return cli_fail(&err);
	if (r.job_id)
		printf("Sent to printer %s (job %d)\n", r.destination, r.job_id);
	else
		printf("No printer is set: written to %s\n", r.destination);
	return EXIT_OK;
}
