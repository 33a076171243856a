/* A window of text lines over the current view (an item and its history),
 * scrolled with the movement keys and closed with Esc or Enter. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "postroom/xmem.h"

#include "draw.h"
#include "lines.h"
#include "popup.h"
#include "ui.h"

/* Opens an empty popup called TITLE. */
void ui_popup_open(struct ui *ui, const char *title)
{
	ui_popup_close(ui);
	ui->popup.open = true;
	ui->popup.title = xstrdup(title);
}

/* Adds a line. */
void ui_popup_add(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_lines_vadd(&ui->popup.lines, fmt, ap);
	va_end(ap);
}

/* Closes the popup and frees its lines. */
void ui_popup_close(struct ui *ui)
{
	struct ui_popup *p = &ui->popup;

	ui_lines_clear(&p->lines);
	free(p->title);
	*p = (struct ui_popup){ 0 };
}

static void geometry(struct ui_rect *r)
{
	r->w = COLS - 4 > 100 ? 100 : COLS - 4;
	r->h = LINES - 4;
	r->y = 1;
	r->x = (COLS - r->w) / 2;
}

/* Draws the popup over the view. */
void ui_popup_draw(struct ui *ui)
{
	struct ui_popup *p = &ui->popup;
	struct ui_rect r;

	if (!p->open)
		return;
	geometry(&r);
	int body = r.h - 2;
	if (p->lines.n <= (size_t)body)
		p->top = 0;
	else if (p->top > p->lines.n - (size_t)body)
		p->top = p->lines.n - (size_t)body;
	for (int y = 0; y < r.h; y++)
		ui_fill(r.y + y, r.x, r.w, ROLE_POPUP);
	ui_box(&r, ROLE_POPUP);
	ui_putf(r.y, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " %s ", p->title);
	for (int y = 0; y < body && p->top + (size_t)y < p->lines.n; y++) {
		const char *s = p->lines.v[p->top + (size_t)y];
		enum ui_role role = ROLE_POPUP;
		if (s[0] == '#') {
			role = ROLE_POPUP_TITLE;
			s++;
		}
		ui_put(r.y + 1 + y, r.x + 2, r.w - 4, role, s);
	}
	char more[64];
	snprintf(more, sizeof more, "Esc: close%s",
		 p->lines.n > (size_t)body ? "  Up/Down/PgUp/PgDn: scroll" : "");
	ui_put(r.y + r.h - 1, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, more);
}

/* Keys while the popup is open. */
int ui_popup_key(struct ui *ui, enum ui_action act, ui_key key)
{
	struct ui_popup *p = &ui->popup;
	struct ui_rect r;

	geometry(&r);
	size_t page = r.h > 4 ? (size_t)r.h - 3 : 1;
	if (key == UI_ESC || key == UI_ENTER) {
		ui_popup_close(ui);
		return UI_REDRAW;
	}
	switch (act) {
	case ACT_UP:
		if (p->top > 0)
			p->top--;
		return UI_REDRAW;
	case ACT_DOWN:
		if (p->top + 1 < p->lines.n)
			p->top++;
		return UI_REDRAW;
	case ACT_PGUP:
		p->top = p->top > page ? p->top - page : 0;
		return UI_REDRAW;
	case ACT_PGDN:
		p->top += page;
		return UI_REDRAW;
	case ACT_HOME:
		p->top = 0;
		return UI_REDRAW;
	case ACT_END:
		p->top = p->lines.n;
		return UI_REDRAW;
	default:
		ui_popup_close(ui);
		return -1;
	}
}
