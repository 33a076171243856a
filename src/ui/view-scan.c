/* F4 Scan: how many items wait for their scan and how many were scanned.
 * The hot folder, ingest progress and page review are not in this version. */
#include "postroom/item.h"

#include "counts.h"

static const struct ui_count_row rows[] = {
	{ "in a batch, waiting for their scan (received today)", PR_ITEM_BATCHED, true },
	{ "in a batch, waiting for their scan (any day)", PR_ITEM_BATCHED, false },
	{ "scanned, received today", PR_ITEM_SCANNED, true },
	{ "exceptions received today (not for scanning)", PR_ITEM_EXCEPTION, true },
};

static const struct ui_counts_spec counts = {
	.rows = rows,
	.n = sizeof rows / sizeof rows[0],
	.notice = "Watching the hot folder, ingest progress, quarantined files and page review are not in this version of the console yet. This screen only counts items by state.",
};

const struct view_ops view_scan_ops = {
	.priv_size = sizeof(struct ui_counts),
	.spec = &counts,
	.refresh = ui_counts_view_refresh,
	.draw = ui_counts_view_draw,
};
