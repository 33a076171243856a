/* The scrolling state of a list of COUNT lines (list.c): which is on top,
 * which is selected. The data stays with its owner, which reads only the
 * visible rows. */
#ifndef POSTROOM_UI_LIST_H
#define POSTROOM_UI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"

struct ui_list {
	size_t count;  /* lines in all */
	size_t top;    /* first line shown */
	size_t sel;    /* selected line (when CURSOR) */
	int height;    /* lines shown */
	bool cursor;   /* a selected line moves; else the list only scrolls */
};
/* Sets the number of lines and the visible height, keeping the selection
 * and the top inside the list. */
void ui_list_resize(struct ui_list *l, size_t count, int height);
/* Applies a movement action (UP, DOWN, PGUP, PGDN, HOME, END); true when
 * ACT is one. */
bool ui_list_move(struct ui_list *l, enum ui_action act);
/* Draws "lines A-B of N" style position text into OUT. */
void ui_list_position(const struct ui_list *l, char *out, size_t cap);

#endif
