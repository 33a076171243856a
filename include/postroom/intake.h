/* The intake desk: logging incoming post and, where the configuration says
 * so, putting it straight into its department's open scan batch. The step
 * above items and batches (it uses both; neither uses it). */
#ifndef POSTROOM_INTAKE_H
#define POSTROOM_INTAKE_H

#include <stdbool.h>

#include "postroom/db.h"
#include "postroom/item.h"

/* Logs IN as pr_item_add does and, when AUTO_BATCH is true and the item is
 * not an exception, puts it at the end of its department's newest open
 * batch, opening one when it has none; all in one transaction, so either
 * the item is logged and batched or nothing happened. OUT (may be NULL)
 * is the item as it ended up. Fails as pr_item_add. */
pr_status pr_intake_log(pr_db *db, const pr_item_new *in, bool auto_batch,
			pr_item *out, pr_error *err);

/* The most items one tray may be logged with. */
#define PR_TRAY_MAX 2000

/* What a tray logged by count came to. */
typedef struct pr_tray {
	char batch_ref[PR_REF_LEN];   /* the department's open batch they went into */
	char first_ref[PR_REF_LEN];   /* the first and last of the new items */
	char last_ref[PR_REF_LEN];
	long count;
} pr_tray;

/* Logs a tray of COUNT (1 to PR_TRAY_MAX) ordinary letters for department
 * DEPT_CODE received at RECEIVED_AT (0 = now), all in one transaction: COUNT
 * unindexed items (sender and addressee to be filled in later, at the Scan
 * screen) put at the end of the department's open batch, opening one when
 * it has none. Either the whole tray is logged or nothing is. *OUT (may be
 * NULL) says where they went. Fails as pr_item_add; PR_EINVAL (field
 * "count") for a count out of range. */
pr_status pr_intake_tray(pr_db *db, const char *dept_code, long count, pr_time received_at,
			 pr_tray *out, pr_error *err);

#endif
