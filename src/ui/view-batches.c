/* F3 Batches: what is waiting to be made up into scan batches. The batch
 * actions themselves (open, add, label, close) are not in this version. */
#include "postroom/item.h"

#include "counts.h"

static const struct ui_count_row rows[] = {
	{ "received today, not yet in a batch", PR_ITEM_RECEIVED, true },
	{ "received on any day, not yet in a batch", PR_ITEM_RECEIVED, false },
	{ "in a batch today, waiting for their scan", PR_ITEM_BATCHED, true },
	{ "in a batch on any day, waiting for their scan", PR_ITEM_BATCHED, false },
};

static const struct ui_counts_spec counts = {
	.rows = rows,
	.n = sizeof rows / sizeof rows[0],
	.notice = "Making up, labelling and closing scan batches is not in this version of the console yet. This screen only counts the items waiting for it.",
};

const struct view_ops view_batches_ops = {
	.name = "batches",
	.title = "Batches - scan batches",
	.screen = SCR_BATCHES,
	.priv_size = sizeof(struct ui_counts),
	.spec = &counts,
	.draw = ui_counts_view_draw,
};
