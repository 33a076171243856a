/* Drawing primitives: UTF-8 text cut to a width in columns, fills, rules
 * and wrapped paragraphs, all in colour roles. */
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "colour.h"
#include "draw.h"
#include "fit.h"
#include "ui.h"

/* Draws S at Y, X in ROLE within W columns, "…" marking a cut. */
int ui_put(int y, int x, int w, enum ui_role role, const char *s)
{
	wchar_t buf[UI_WTEXT_MAX];
	size_t n = ui_decode(s, buf, UI_WTEXT_MAX);
	int total = 0, used = 0;
	size_t fit = 0;

	if (w <= 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		total += ui_wc_width(buf[i]);
	int room = total > w ? w - 1 : w;
	while (fit < n && used + ui_wc_width(buf[fit]) <= room)
		used += ui_wc_width(buf[fit++]);
	attrset(ui_role_attr(role));
	mvaddnwstr(y, x, buf, (int)fit);
	if (total > w) {
		addnwstr(L"\u2026", 1);
		used++;
	}
	attrset(A_NORMAL);
	return used;
}

/* ui_put with printf-style formatting. */
int ui_putf(int y, int x, int w, enum ui_role role, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(y, x, w, role, buf);
}

/* Fills W columns at Y, X with blanks in ROLE. */
void ui_fill(int y, int x, int w, enum ui_role role)
{
	if (w <= 0)
		return;
	attrset(ui_role_attr(role));
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* Draws line character WC (box drawing, U+2500...) at Y, X, N times across
 * (or down when DOWN) in ROLE. Unicode in a UTF-8 locale, so terminals whose
 * alternate character set does not pass through (vt100 in tmux) still show
 * lines; ASCII ALT otherwise. */
static void line_chars(int y, int x, int n, bool down, wchar_t wc, char alt, enum ui_role role)
{
	cchar_t cc;
	wchar_t s[2] = { wc, L'\0' };

	if (n <= 0)
		return;
	if (MB_CUR_MAX > 1 && setcchar(&cc, s, ui_role_attr(role), 0, NULL) == OK) {
		if (down)
			mvvline_set(y, x, &cc, n);
		else
			mvhline_set(y, x, &cc, n);
		return;
	}
	attrset(ui_role_attr(role));
	if (down)
		mvvline(y, x, (chtype)alt, n);
	else
		mvhline(y, x, (chtype)alt, n);
	attrset(A_NORMAL);
}

/* Draws character WC N times across from Y, X in ROLE (ALT without UTF-8). */
void ui_glyphs(int y, int x, int n, wchar_t wc, char alt, enum ui_role role)
{
	line_chars(y, x, n, false, wc, alt, role);
}

/* Draws a box around R in ROLE. */
void ui_box(const struct ui_rect *r, enum ui_role role)
{
	line_chars(r->y, r->x + 1, r->w - 2, false, L'\u2500', '-', role);
	line_chars(r->y + r->h - 1, r->x + 1, r->w - 2, false, L'\u2500', '-', role);
	line_chars(r->y + 1, r->x, r->h - 2, true, L'\u2502', '|', role);
	line_chars(r->y + 1, r->x + r->w - 1, r->h - 2, true, L'\u2502', '|', role);
	line_chars(r->y, r->x, 1, false, L'\u250c', '+', role);
	line_chars(r->y, r->x + r->w - 1, 1, false, L'\u2510', '+', role);
	line_chars(r->y + r->h - 1, r->x, 1, false, L'\u2514', '+', role);
	line_chars(r->y + r->h - 1, r->x + r->w - 1, 1, false, L'\u2518', '+', role);
}

/* A horizontal rule across W columns with TITLE near its start. */
void ui_rule(int y, int x, int w, enum ui_role role, const char *title)
{
	line_chars(y, x, w, false, L'\u2500', '-', ROLE_DIM);
	if (title != NULL && *title != '\0' && w > 6) {
		char buf[512];
		snprintf(buf, sizeof buf, " %s ", title);
		ui_put(y, x + 2, w - 4, role, buf);
	}
}

/* Draws S word-wrapped inside AREA from relative row Y; the next row. */
int ui_put_wrapped(const struct ui_rect *area, int y, enum ui_role role, const char *s)
{
	const char *p = s;

	while (*p != '\0' && y < area->h) {
		/* Take as many whole words as fit in the width. */
		size_t best = 0, len = strlen(p);
		for (size_t i = 0; i <= len; i++) {
			if (p[i] != ' ' && p[i] != '\0')
				continue;
			char part[2048];
			size_t k = i < sizeof part ? i : sizeof part - 1;
			memcpy(part, p, k);
			part[k] = '\0';
			if (ui_text_width(part) > area->w - 2)
				break;
			best = i;
		}
		if (best == 0) /* one word longer than the line: cut it */
			best = len;
		char line[2048];
		size_t k = best < sizeof line ? best : sizeof line - 1;
		memcpy(line, p, k);
		line[k] = '\0';
		ui_put(area->y + y, area->x + 1, area->w - 2, role, line);
		y++;
		p += best;
		while (*p == ' ')
			p++;
	}
	return y;
}
