/* F5 Routing: scanned items waiting to be emailed and those emailed. The
 * email queue itself (queued, sent, failed, retry) is not in this version. */
#include "postroom/item.h"

#include "counts.h"

static const struct ui_count_row rows[] = {
	{ "scanned, waiting to be emailed (received today)", PR_ITEM_SCANNED, true },
	{ "scanned, waiting to be emailed (any day)", PR_ITEM_SCANNED, false },
	{ "emailed, received today", PR_ITEM_EMAILED, true },
};

static const struct ui_counts_spec counts = {
	.rows = rows,
	.n = sizeof rows / sizeof rows[0],
	.notice = "The email queue (queued, sending, sent, failed) and retrying failed deliveries are not in this version of the console yet. This screen only counts items by state.",
};

const struct view_ops view_routing_ops = {
	.priv_size = sizeof(struct ui_counts),
	.spec = &counts,
	.refresh = ui_counts_view_refresh,
	.draw = ui_counts_view_draw,
};
