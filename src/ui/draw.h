/* Drawing primitives (draw.c): text cut to a width, fills, boxes and
 * rules, block characters with ASCII stand-ins. Text is measured and cut
 * by fit.c. */
#ifndef POSTROOM_UI_DRAW_H
#define POSTROOM_UI_DRAW_H

#include <wchar.h>

#include "colour.h"
#include "fit.h"

/* A rectangle of the screen. */
struct ui_rect {
	int y, x, h, w;
};

/* Draws UTF-8 text S at Y, X in ROLE, cut to W columns ("…" marks a cut);
 * returns the columns used. */
int ui_put(int y, int x, int w, enum ui_role role, const char *s);
/* As ui_put with printf-style formatting. */
int ui_putf(int y, int x, int w, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Fills W columns at Y, X with spaces in ROLE. */
void ui_fill(int y, int x, int w, enum ui_role role);
/* Draws S word-wrapped in AREA from row Y (relative); returns the next row. */
int ui_put_wrapped(const struct ui_rect *area, int y, enum ui_role role, const char *s);
/* Draws character WC (a block or line character) N times across from Y,
 * X in ROLE; ASCII ALT instead where the locale has no UTF-8. */
void ui_glyphs(int y, int x, int n, wchar_t wc, char alt, enum ui_role role);
/* Draws a box around R in ROLE. */
void ui_box(const struct ui_rect *r, enum ui_role role);
/* Draws a horizontal rule with TITLE at row Y of width W. */
void ui_rule(int y, int x, int w, enum ui_role role, const char *title);

#endif
