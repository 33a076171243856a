/* A growable array of text lines, for views that show a few dozen lines
 * (help, admin) and scroll them with a struct ui_list. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "postroom/xmem.h"

#include "draw.h"
#include "lines.h"
#include "list.h"
#include "ui.h"

/* Appends a line formatted from FMT and AP. */
void ui_lines_vadd(struct ui_lines *ls, const char *fmt, va_list ap)
{
	char buf[2048];

	vsnprintf(buf, sizeof buf, fmt, ap);
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 32;
		ls->v = xrealloc(ls->v, ls->cap * sizeof ls->v[0]);
	}
	ls->v[ls->n++] = xstrdup(buf);
}

/* Appends a printf-formatted line. */
void ui_lines_add(struct ui_lines *ls, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_lines_vadd(ls, fmt, ap);
	va_end(ap);
}

/* Replaces line I. */
void ui_lines_set(struct ui_lines *ls, size_t i, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(ls->v[i]);
	ls->v[i] = xstrdup(buf);
}

/* Frees every line. */
void ui_lines_clear(struct ui_lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i]);
	free(ls->v);
	ls->v = NULL;
	ls->n = ls->cap = 0;
}

/* Draws the lines from L->top into AREA from relative row Y. */
void ui_lines_draw(const struct ui_lines *ls, const struct ui_list *l,
		   const struct ui_rect *area, int y)
{
	for (size_t i = l->top; i < ls->n && y < area->h; i++, y++) {
		const char *s = ls->v[i];
		enum ui_role role = ROLE_NORMAL;
		if (s[0] == '#') {
			role = ROLE_TITLE;
			s++;
		}
		if (l->cursor && i == l->sel) {
			ui_fill(area->y + y, area->x, area->w, ROLE_CURSOR);
			role = ROLE_CURSOR;
		}
		ui_put(area->y + y, area->x + 1, area->w - 2, role, s);
	}
}

/* The page of a scrolling view of lines: list fitted, lines drawn, position
 * given back for the title. */
void ui_lines_page(const struct ui_lines *ls, struct ui_list *l, const struct ui_rect *area,
		   char *pos, size_t cap)
{
	ui_list_resize(l, ls->n, area->h - 1);
	ui_list_position(l, pos, cap);
	ui_lines_draw(ls, l, area, 1);
}
