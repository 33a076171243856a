/* A bar chart of percentages: one bar a point, its height proportional to
 * the value in eighths of a row (U+2581..U+2588), a target line across
 * (U+2504), an axis with its numbers and a legend that prints the last
 * value and the target, so the chart never tells anything by colour alone.
 * Points with nothing to measure get a dot on the base line. */
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "ui.h"

#define AXIS_W 4     /* "100┤" */
#define LEGEND_W 14  /* the legend on the right */
#define LABEL_W 5    /* "11-20" */

struct layout {
	int px, pw;       /* plot: first column and width */
	int slot, bw;     /* columns a point, of them the bar */
	int bars;         /* rows of bars */
	bool values;      /* a row of values under the bars */
	bool below;       /* the legend under the chart, else on the right */
};

static bool lay_out(const struct ui_rect *r, size_t n, struct layout *l)
{
	int wide = (r->w - AXIS_W) / (int)n, right = (r->w - AXIS_W - LEGEND_W) / (int)n;

	memset(l, 0, sizeof *l);
	l->px = r->x + AXIS_W;
	if (wide >= 4 && r->h >= 10) {
		l->below = true;
		l->slot = wide > 6 ? 6 : wide;
	} else {
		l->slot = right > 0 ? right : 1;
	}
	l->bw = l->slot > 1 ? l->slot - 1 : 1;
	l->values = l->bw >= 3;
	l->pw = l->slot * (int)n;
	l->bars = r->h - 1 - (l->values ? 1 : 0) - (l->below ? 1 : 0);
	return l->bars >= 3 && l->pw + AXIS_W <= r->w;
}

/* The row (0 = the bottom one) that holds level PCT among ROWS. */
static int row_of(double pct, int rows)
{
	int k = (int)(pct / 100.0 * rows);
	return k < 0 ? 0 : k >= rows ? rows - 1 : k;
}

static void draw_axis(const struct ui_rect *r, const struct layout *l)
{
	int base = r->y + l->bars - 1;

	for (int k = 0; k < l->bars; k++)
		ui_glyphs(base - k, l->px - 1, 1, L'\u2502', '|', ROLE_DIM);
	for (int v = 0; v <= 100; v += 25) {
		if ((v == 25 || v == 75) && l->bars < 12)
			continue;
		int k = v == 100 ? l->bars - 1 : row_of(v, l->bars);
		ui_putf(base - k, r->x, 3, ROLE_LABEL, "%3d", v);
		ui_glyphs(base - k, l->px - 1, 1, L'\u2524', '+', ROLE_DIM);
	}
}

static void draw_bar(const struct layout *l, int base, int bx, const struct ui_chart_point *p)
{
	if (p->none) {
		ui_glyphs(base, bx, l->bw, L'\u00b7', '.', ROLE_DIM);
		return;
	}
	int eighths = (int)(p->value / 100.0 * l->bars * 8 + 0.5);
	if (p->value > 0 && eighths == 0)
		eighths = 1;
	int full = eighths / 8, rem = eighths % 8;
	for (int k = 0; k < full && k < l->bars; k++)
		ui_glyphs(base - k, bx, l->bw, L'\u2588', '#', p->role);
	if (rem > 0 && full < l->bars)
		ui_glyphs(base - full, bx, l->bw, (wchar_t)(0x2580 + rem), rem >= 4 ? '#' : '_', p->role);
}

static void draw_labels(int y, const struct layout *l, const struct ui_chart *c)
{
	int step = (LABEL_W + 1 + l->slot - 1) / l->slot, left = l->px + l->pw + 1;

	if (step > 2)
		step = 7;
	for (size_t i = c->n; i-- > 0;) {
		if ((c->n - 1 - i) % (size_t)step != 0)
			continue;
		int x = l->px + (int)i * l->slot, len = (int)strlen(c->pts[i].label);
		if (x + len > l->px + l->pw)
			x = l->px + l->pw - len;
		if (x + len >= left || x < l->px)
			continue;
		ui_put(y, x, len, ROLE_LABEL, c->pts[i].label);
		left = x;
	}
}

static void draw_values(int y, const struct layout *l, const struct ui_chart *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct ui_chart_point *p = &c->pts[i];
		int bx = l->px + (int)i * l->slot;
		if (p->none)
			ui_put(y, bx + l->bw - 1, 1, ROLE_DIM, "-");
		else
			ui_putf(y, bx, l->bw, ROLE_NORMAL, "%*.0f", l->bw, p->value);
	}
}

static void draw_legend(const struct ui_rect *r, const struct layout *l, const struct ui_chart *c)
{
	char target[32];

	if (c->target >= 0)
		snprintf(target, sizeof target, "target %g%%", c->target);
	else
		snprintf(target, sizeof target, "no target");
	if (l->below) {
		int y = r->y + r->h - 1, x = l->px, end = r->x + r->w;
		x += ui_putf(y, x, end - x, ROLE_LABEL, "last day %s   ", c->last);
		ui_glyphs(y, x, 2, L'\u2504', '-', ROLE_DIM);
		x += 3;
		x += ui_putf(y, x, end - x, ROLE_LABEL, "%s   ", target);
		ui_glyphs(y, x, 1, L'\u00b7', '.', ROLE_DIM);
		ui_put(y, x + 2, end - x - 2, ROLE_LABEL, "nothing received");
		return;
	}
	int x = l->px + l->pw + 1, w = r->x + r->w - x;
	if (w < 8)
		return;
	const char *lines[] = { "Scanned %", "", "", "", "  received" };
	for (int i = 0; i < 5 && i < l->bars; i++)
		ui_put(r->y + i, x, w, ROLE_LABEL, lines[i]);
	if (l->bars > 1)
		ui_putf(r->y + 1, x, w, ROLE_TITLE, "last %s", c->last);
	if (l->bars > 2) {
		ui_glyphs(r->y + 2, x, 1, L'\u2504', '-', ROLE_DIM);
		ui_put(r->y + 2, x + 2, w - 2, ROLE_LABEL, target);
	}
	if (l->bars > 3) {
		ui_glyphs(r->y + 3, x, 1, L'\u00b7', '.', ROLE_DIM);
		ui_put(r->y + 3, x + 2, w - 2, ROLE_LABEL, "nothing");
	}
}

/* Draws chart C in R. */
void ui_chart_draw(const struct ui_rect *r, const struct ui_chart *c)
{
	struct layout l;

	if (c->n == 0 || !lay_out(r, c->n, &l)) {
		ui_put(r->y, r->x, r->w, ROLE_DIM, "(no room for the chart)");
		return;
	}
	int base = r->y + l.bars - 1;
	draw_axis(r, &l);
	if (c->target >= 0)
		ui_glyphs(base - row_of(c->target, l.bars), l.px, l.pw, L'\u2504', '-', ROLE_DIM);
	for (size_t i = 0; i < c->n; i++)
		draw_bar(&l, base, l.px + (int)i * l.slot, &c->pts[i]);
	if (l.values)
		draw_values(r->y + l.bars, &l, c);
	draw_labels(r->y + l.bars + (l.values ? 1 : 0), &l, c);
	draw_legend(r, &l, c);
}
