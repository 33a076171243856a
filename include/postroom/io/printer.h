/* Printing (libcups): to the CUPS printer named in the configuration, or,
 * with none named, into the spool folder. */
#ifndef POSTROOM_IO_PRINTER_H
#define POSTROOM_IO_PRINTER_H

#include "postroom/config.h"
#include "postroom/status.h"

typedef struct pr_print_result {
	char destination[512];  /* printer name, or the spool file written */
	int job_id;             /* CUPS job id; 0 when spooled */
} pr_print_result;

/* Prints the file PATH (a PDF or PNG) with job title TITLE. With a printer
 * in CFG: checks the printer exists (PR_ENOTFOUND "printer X is unknown")
 * and the scheduler answers (PR_EIO "the print scheduler is not running")
 * before submitting. Without: copies PATH into CFG's spool folder (made if
 * missing) under a unique name. OUT may be NULL. */
pr_status pr_print_file(const pr_config *cfg, const char *path, const char *title,
			pr_print_result *out, pr_error *err);

#endif
