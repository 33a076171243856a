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

static void scan_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	ui_counts_screen(ui, view->priv, "Scan - scanning", rows, sizeof rows / sizeof rows[0],
			 "Watching the hot folder, ingest progress, quarantined files and page review are not in this version of the console yet. This screen only counts items by state.", area);
}

static int scan_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	(void)ui;
	(void)view;
	(void)act;
	(void)key;
	return UI_OK;
}

const struct view_ops view_scan_ops = {
	.name = "scan",
	.title = "Scan - scanning",
	.screen = SCR_SCAN,
	.priv_size = sizeof(struct ui_counts),
	.draw = scan_draw,
	.key = scan_key,
};
