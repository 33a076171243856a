/* Documents for the desk (libharu): the scanner's batch sheets and the
 * day's accountable-items sheet. A4 PDF. */
#ifndef POSTROOM_SHEETS_H
#define POSTROOM_SHEETS_H

#include <stddef.h>

#include "postroom/batch.h"
#include "postroom/config.h"
#include "postroom/item.h"
#include "postroom/printer.h"

/* Writes BATCH's sheets to PATH: page 1 the batch header (the batch
 * reference as a large Code 128, department, number of items, date,
 * operator), then one separator sheet per item of ITEMS[0..N) (the item
 * reference as a Code 128 with tall bars and quiet zones, at least 4 pixels
 * a module when scanned at 300 dpi, with sender, addressee and kind).
 * PR_EIO naming PATH when it cannot be written. */
pr_status pr_sheets_write(const char *path, const pr_batch *batch,
			  const pr_item *items, size_t n, pr_error *err);

/* Writes the accountable-items sheet of DAY (recorded and Special Delivery
 * items ITEMS[0..N): reference, tracking number, service, department,
 * addressee) with a signature and time box for the person collecting. */
pr_status pr_accountable_write(const char *path, const char *day,
			       const pr_item *items, size_t n, pr_error *err);

/* Prints the sheets of batch BATCH_REF as CFG says (pr_print_file), made in
 * a temporary file that is removed afterwards, and records them as printed.
 * *PAGES (may be NULL) is the number of pages; OUT says where they went.
 * PR_ESTATE for an empty batch; when printing worked but recording it did
 * not, the message says so. */
pr_status pr_sheets_print(pr_db *db, const pr_config *cfg, const char *batch_ref,
			  pr_print_result *out, size_t *pages, pr_error *err);

#endif
