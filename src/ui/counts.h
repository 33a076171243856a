/* A small table of item counts by state, for the screens whose own actions
 * are not built yet (counts.c): they show what the core already knows. */
#ifndef POSTROOM_UI_COUNTS_H
#define POSTROOM_UI_COUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

#define UI_COUNTS_MAX 8

/* One line: LABEL and the number of items in state STATUS, received today
 * (TODAY) or on any day. */
struct ui_count_row {
	const char *label;
	int status;
	bool today;
};

struct ui_counts {
	size_t value[UI_COUNTS_MAX];
	bool ok[UI_COUNTS_MAX];
	unsigned gen;
	bool read;
};

/* Counts ROWS (N of them, at most UI_COUNTS_MAX) into C when the data
 * changed since C was last counted; a failed count shows on the status
 * line and its row as "?". */
void ui_counts_refresh(struct ui *ui, struct ui_counts *c, const struct ui_count_row *rows,
		       size_t n);
/* Draws ROWS as counted in C from relative row Y of AREA; returns the next
 * free row. */
int ui_counts_draw(const struct ui_counts *c, const struct ui_count_row *rows, size_t n,
		   const struct ui_rect *area, int y);

/* A screen whose own actions are not built yet: its count ROWS (N of
 * them) and the paragraph NOTICE saying plainly what is not there yet. */
struct ui_counts_spec {
	const struct ui_count_row *rows;
	size_t n;
	const char *notice;
};

/* The refresh and draw hooks of such a screen: the screen's title, the
 * counts, then the notice, from the struct ui_counts_spec in
 * view->ops->spec. The view's private data is a struct ui_counts. */
void ui_counts_view_refresh(struct ui *ui, struct view *view, const struct ui_rect *area);
void ui_counts_view_draw(struct ui *ui, struct view *view, const struct ui_rect *area);

#endif
