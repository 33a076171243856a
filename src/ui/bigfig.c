/* Large figures for the dashboard: a 3-by-5 pixel font whose pixels are
 * full block characters (U+2588), so they show on any UTF-8 terminal,
 * vt100 in tmux included; '#' where the locale is not UTF-8. */
#include <string.h>

#include "bigfig.h"
#include "draw.h"
#include "ui.h"

struct glyph {
	char ch;
	const char *rows[UI_BIGFIG_ROWS]; /* '#' is a pixel; all rows one width */
};

static const struct glyph font[] = {
	{ '0', { "###", "# #", "# #", "# #", "###" } },
	{ '1', { " # ", "## ", " # ", " # ", "###" } },
	{ '2', { "###", "  #", "###", "#  ", "###" } },
	{ '3', { "###", "  #", " ##", "  #", "###" } },
	{ '4', { "# #", "# #", "###", "  #", "  #" } },
	{ '5', { "###", "#  ", "###", "  #", "###" } },
	{ '6', { "###", "#  ", "###", "# #", "###" } },
	{ '7', { "###", "  #", "  #", "  #", "  #" } },
	{ '8', { "###", "# #", "###", "# #", "###" } },
	{ '9', { "###", "# #", "###", "  #", "###" } },
	{ '.', { " ", " ", " ", " ", "#" } },
	{ '%', { "# #", "  #", " # ", "#  ", "# #" } },
	{ '-', { "   ", "   ", "###", "   ", "   " } },
	{ ' ', { " ", " ", " ", " ", " " } },
};

static const struct glyph *find(char ch)
{
	for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
		if (font[i].ch == ch)
			return &font[i];
	return NULL;
}

/* Columns of TEXT at SCALE: each glyph and a one-column gap after it. */
int ui_bigfig_width(const char *text, int scale)
{
	int w = 0;

	for (const char *p = text; *p != '\0'; p++) {
		const struct glyph *g = find(*p);
		if (g != NULL)
			w += (int)strlen(g->rows[0]) * scale + 1;
	}
	return w > 0 ? w - 1 : 0;
}

/* Draws TEXT in large figures from Y, X within W columns. */
void ui_bigfig_draw(int y, int x, int w, const char *text, int scale, enum ui_role role)
{
	int at = 0;

	for (const char *p = text; *p != '\0'; p++) {
		const struct glyph *g = find(*p);
		if (g == NULL)
			continue;
		int gw = (int)strlen(g->rows[0]);
		if (at + gw * scale > w)
			return;
		for (int r = 0; r < UI_BIGFIG_ROWS; r++)
			for (int c = 0; c < gw; c++)
				if (g->rows[r][c] == '#')
					ui_glyphs(y + r, x + at + c * scale, scale, L'\u2588', '#', role);
		at += gw * scale + 1;
	}
}
