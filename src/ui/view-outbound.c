/* F6 Outbound: the outbound side of the post room is not in this version;
 * the screen says so plainly and shows the incoming exceptions to hand over. */
#include "postroom/item.h"

#include "counts.h"

static const struct ui_count_row rows[] = {
	{ "exceptions received today, to hand over", PR_ITEM_EXCEPTION, true },
	{ "exceptions on any day, to hand over", PR_ITEM_EXCEPTION, false },
	{ "handed over, received today", PR_ITEM_HANDED_OVER, true },
};

static void outbound_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	ui_counts_screen(ui, view->priv, "Outbound - print jobs and the collection", rows, sizeof rows / sizeof rows[0],
			 "Outbound print jobs, envelopes and pieces, and the daily Royal Mail collection with its manifest are not in this version of the console yet. Nothing on this screen can be released, printed or posted.", area);
}

static int outbound_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	(void)ui;
	(void)view;
	(void)act;
	(void)key;
	return UI_OK;
}

const struct view_ops view_outbound_ops = {
	.name = "outbound",
	.title = "Outbound - print jobs and the collection",
	.screen = SCR_OUTBOUND,
	.priv_size = sizeof(struct ui_counts),
	.draw = outbound_draw,
	.key = outbound_key,
};
