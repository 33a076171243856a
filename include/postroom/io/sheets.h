/* Documents for the desk (libharu): the scanner's batch sheets and the
 * day's accountable-items sheet. A4 PDF. */
#ifndef POSTROOM_IO_SHEETS_H
#define POSTROOM_IO_SHEETS_H

#include <stddef.h>

#include "postroom/batch.h"
#include "postroom/config.h"
#include "postroom/item.h"

/* Writes BATCH's sheets to PATH: page 1 the batch header (the batch
 * reference as a large Code 128, department, number of items, date,
 * operator), then one separator sheet per item of ITEMS[0..N) (the item
 * reference as a Code 128 with tall bars and quiet zones, at least 4 pixels
 * a module when scanned at 300 dpi, with sender, addressee and kind).
 * PR_EIO naming PATH when it cannot be written. */
pr_status pr_sheets_write(const char *path, const pr_batch *batch,
			  const pr_item *items, size_t n, pr_error *err);

/* Writes COPIES (1 to 500) reusable separator sheets to PATH: the code
 * PR_NEXT_DOC_CODE (scan.h) as a large Code 128 and plain words saying
 * what the sheet is for. They name no item, so they are printed once and
 * reused: put one in front of each document of a batch whose header is on
 * top, and each document is given to the batch's next item in tray order.
 * PR_EINVAL for COPIES out of range, PR_EIO naming PATH. */
pr_status pr_reusable_separators_write(const char *path, int copies, pr_error *err);

/* Writes the accountable-items sheet of DAY (recorded and Special Delivery
 * items ITEMS[0..N): reference, tracking number, service, department,
 * addressee) with a signature and time box for the person collecting. */
pr_status pr_accountable_write(const char *path, const char *day,
			       const pr_item *items, size_t n, pr_error *err);

#endif
