/* A growable array of text lines for simple views and popups (lines.c). */
#ifndef POSTROOM_UI_LINES_H
#define POSTROOM_UI_LINES_H

#include <stdarg.h>
#include <stddef.h>

#include "draw.h"
#include "list.h"

struct ui_lines {
	char **v;
	size_t n, cap;
};

void ui_lines_add(struct ui_lines *ls, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* ui_lines_add with the arguments in AP. */
void ui_lines_vadd(struct ui_lines *ls, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Replaces line I (which must exist) with a printf-formatted one. */
void ui_lines_set(struct ui_lines *ls, size_t i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_lines_clear(struct ui_lines *ls);
/* Draws lines from L->top in AREA rows [Y, area->h) ; a line starting with
 * '#' is drawn as a title (without the '#'). */
void ui_lines_draw(const struct ui_lines *ls, const struct ui_list *l,
		   const struct ui_rect *area, int y);
/* A scrolling page of LS in AREA below the view's title row: fits L to
 * the lines and the height, draws them from row 1 and writes L's position
 * into POS (CAP bytes) for the caller's title. */
void ui_lines_page(const struct ui_lines *ls, struct ui_list *l, const struct ui_rect *area,
		   char *pos, size_t cap);

#endif
