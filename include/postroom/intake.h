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

#endif
