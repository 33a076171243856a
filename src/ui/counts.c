/* Counts of items by state for the simpler screens, read with
 * pr_item_count and kept until the data changes. */
#include <stdio.h>

#include "postroom/item.h"

#include "counts.h"
#include "draw.h"

/* Re-counts the rows when the data changed. */
void ui_counts_refresh(struct ui *ui, struct ui_counts *c, const struct ui_count_row *rows,
		       size_t n)
{
	if (n > UI_COUNTS_MAX)
		n = UI_COUNTS_MAX;
	if (c->gen != ui->generation || !c->read) {
		c->read = true;
		c->gen = ui->generation;
		for (size_t i = 0; i < n; i++) {
			pr_item_filter f = PR_ITEM_FILTER_ALL;
			pr_error err;
			f.status = rows[i].status;
			if (rows[i].today)
				f.from_day = f.to_day = ui->today;
			c->ok[i] = pr_item_count(ui->db, &f, &c->value[i], &err) == PR_OK;
			if (!c->ok[i])
				ui_error(ui, &err);
		}
	}
}

/* Draws the count rows as last counted. */
int ui_counts_draw(const struct ui_counts *c, const struct ui_count_row *rows, size_t n,
		   const struct ui_rect *area, int y)
{
	if (n > UI_COUNTS_MAX)
		n = UI_COUNTS_MAX;
	for (size_t i = 0; i < n && y < area->h; i++, y++) {
		if (c->ok[i])
			ui_putf(area->y + y, area->x + 2, area->w - 4, ROLE_NORMAL, "%8zu  %s",
				c->value[i], rows[i].label);
		else
			ui_putf(area->y + y, area->x + 2, area->w - 4, ROLE_ERROR, "%8s  %s",
				"?", rows[i].label);
	}
	return y;
}

/* A whole waiting-work screen's data: its counts. */
void ui_counts_view_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	const struct ui_counts_spec *spec = view->ops->spec;

	(void)area;
	ui_counts_refresh(ui, view->priv, spec->rows, spec->n);
}

/* A whole waiting-work screen: title, counts and notice. */
void ui_counts_view_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	const struct ui_counts_spec *spec = view->ops->spec;

	(void)ui;
	ui_put(area->y, area->x + 1, area->w - 2, ROLE_TITLE, ui_screen_info(view->screen)->title);
	int y = ui_counts_draw(view->priv, spec->rows, spec->n, area, 2);
	ui_put_wrapped(area, y + 1, ROLE_LABEL, spec->notice);
}
