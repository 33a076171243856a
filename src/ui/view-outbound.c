/* F6 Outbound: the outbound side of the post room is not in this version;
 * the screen says so plainly and shows the incoming exceptions to hand over. */
#include "postroom/item.h"

#include "counts.h"

static const struct ui_count_row rows[] = {
	{ "exceptions received today, to hand over", PR_ITEM_EXCEPTION, true },
	{ "exceptions on any day, to hand over", PR_ITEM_EXCEPTION, false },
	{ "handed over, received today", PR_ITEM_HANDED_OVER, true },
};

static const struct ui_counts_spec counts = {
	.rows = rows,
	.n = sizeof rows / sizeof rows[0],
	.notice = "Outbound print jobs, envelopes and pieces, and the daily Royal Mail collection with its manifest are not in this version of the console yet. Nothing on this screen can be released, printed or posted.",
};

const struct view_ops view_outbound_ops = {
	.priv_size = sizeof(struct ui_counts),
	.spec = &counts,
	.refresh = ui_counts_view_refresh,
	.draw = ui_counts_view_draw,
};
