/* The scrolling state of a list: how many lines, which is on top, which is
 * selected. Data stays with the view, which reads only the visible rows. */
#include <stdio.h>

#include "list.h"
#include "ui.h"

static void clamp(struct ui_list *l)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (l->count == 0) {
		l->top = l->sel = 0;
		return;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->cursor) {
		if (l->sel < l->top)
			l->top = l->sel;
		if (l->sel >= l->top + h)
			l->top = l->sel - h + 1;
	}
	if (l->count <= h)
		l->top = 0;
	else if (l->top > l->count - h)
		l->top = l->count - h;
}

/* Sets the line count and height, keeping positions inside the list. */
void ui_list_resize(struct ui_list *l, size_t count, int height)
{
	l->count = count;
	l->height = height;
	clamp(l);
}

/* Applies a movement action; true when ACT is one. */
bool ui_list_move(struct ui_list *l, enum ui_action act)
{
	size_t page = l->height > 1 ? (size_t)l->height - 1 : 1;
	size_t *pos = l->cursor ? &l->sel : &l->top;

	switch (act) {
	case ACT_UP:
		if (*pos > 0)
			(*pos)--;
		break;
	case ACT_DOWN:
		(*pos)++;
		if (!l->cursor && l->count > 0 && *pos >= l->count)
			*pos = l->count - 1;
		break;
	case ACT_PGUP:
		*pos = *pos > page ? *pos - page : 0;
		if (l->cursor)
			l->top = l->top > page ? l->top - page : 0;
		break;
	case ACT_PGDN:
		*pos += page;
		if (l->cursor)
			l->top += page;
		break;
	case ACT_HOME:
		l->top = l->sel = 0;
		break;
	case ACT_END:
		l->sel = l->count > 0 ? l->count - 1 : 0;
		l->top = l->count;
		break;
	default:
		return false;
	}
	clamp(l);
	return true;
}

/* "12-25 of 3012" into OUT. */
void ui_list_position(const struct ui_list *l, char *out, size_t cap)
{
	size_t last = l->top + (size_t)(l->height > 0 ? l->height : 0);

	if (last > l->count)
		last = l->count;
	if (l->count == 0)
		snprintf(out, cap, "none");
	else
		snprintf(out, cap, "%zu-%zu of %zu", l->top + 1, last, l->count);
}
