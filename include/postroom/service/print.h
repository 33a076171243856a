/* The service steps that make a document from the database and print or
 * write it: a batch's sheets, a label, the accountable-items sheet. Called
 * by the console and the command line alike. */
#ifndef POSTROOM_SERVICE_PRINT_H
#define POSTROOM_SERVICE_PRINT_H

#include <stddef.h>

#include "postroom/config.h"
#include "postroom/db.h"
#include "postroom/io/printer.h"

/* Prints the sheets of batch BATCH_REF as CFG says (pr_print_file), made in
 * a temporary file that is removed afterwards, and records them as printed.
 * *PAGES (may be NULL) is the number of pages; OUT says where they went.
 * PR_ESTATE for an empty batch; when printing worked but recording it did
 * not, the message says so. */
pr_status pr_sheets_print(pr_db *db, const pr_config *cfg, const char *batch_ref,
			  pr_print_result *out, size_t *pages, pr_error *err);

/* Writes the sheets of batch BATCH_REF to PATH (pr_sheets_write): its
 * normalised reference to BREF (PR_REF_LEN bytes), its number of items to
 * *N (may be NULL). PR_ESTATE for an empty batch. */
pr_status pr_sheets_make(pr_db *db, const char *batch_ref, const char *path, char *bref,
			 size_t *n, pr_error *err);

/* Writes the label of the item or batch REF (which must exist: PR_ENOTFOUND
 * otherwise) to PATH, its format from the extension (pr_label_write). The
 * normalised reference goes to NREF (PR_REF_LEN bytes). */
pr_status pr_label_make(pr_db *db, const char *ref, const char *path, char *nref,
			pr_error *err);

/* Writes the accountable-items sheet of DAY (YYYY-MM-DD: the recorded and
 * Special Delivery items received that day) to PATH; *N (may be NULL) is
 * the number of items on it. */
pr_status pr_accountable_make(pr_db *db, const char *day, const char *path, size_t *n,
			      pr_error *err);

#endif
