/* The table widget: columns laid out across the width, rows drawn from
 * what the owner handed over or what the pager read, the selection
 * reversed and marked. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/xmem.h"

#include "colour.h"
#include "draw.h"
#include "fit.h"
#include "table.h"
#include "ui.h"

/* Set up with columns and rows; no rows yet. */
void ui_table_init(struct ui_table *t, const struct ui_column *cols, int ncol, size_t row_size,
		   ui_table_cell_fn cell)
{
	*t = (struct ui_table){
		.cols = cols,
		.ncol = ncol < UI_TABLE_COLS ? ncol : UI_TABLE_COLS,
		.row_size = row_size,
		.cell = cell,
		.heads = true,
		.role = ROLE_NORMAL,
		.sel_role = ROLE_CURSOR,
		.empty_role = ROLE_DIM,
		.list = { .cursor = true },
	};
}

/* Pages through the database with PAGER. */
void ui_table_set_pager(struct ui_table *t, const struct ui_table_pager *pager, void *ctx)
{
	t->pager = pager;
	t->ctx = ctx;
	ui_table_stale(t);
}

/* The empty-state line. */
void ui_table_set_empty(struct ui_table *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->empty, sizeof t->empty, fmt, ap);
	va_end(ap);
}

/* Rows of H screen rows less the heads. */
int ui_table_body(const struct ui_table *t, int h)
{
	int body = h - (t->heads ? 1 : 0);
	return body > 0 ? body : 0;
}

/* All rows, from the owner. */
void ui_table_rows(struct ui_table *t, const void *rows, size_t n, int h)
{
	t->rows = rows;
	t->nrows = n;
	t->rows_top = 0;
	ui_list_resize(&t->list, n, ui_table_body(t, h));
}

/* The pager's count and the rows on screen. */
void ui_table_page(struct ui *ui, struct ui_table *t, int h)
{
	int body = ui_table_body(t, h);
	pr_error err;

	if (t->pager == NULL)
		return;
	if (!t->counted || t->count_gen != ui->generation) {
		size_t n = 0;
		t->counted = true;
		t->count_gen = ui->generation;
		t->paged = false;
		if (t->pager->count(ui, t->ctx, &n, &err) != PR_OK) {
			ui_error(ui, &err);
			n = 0;
		}
		t->list.count = n;
	}
	ui_list_resize(&t->list, t->list.count, body);
	if (t->paged && t->page_gen == ui->generation && t->rows_top == t->list.top &&
	    t->page_h == body)
		return;
	t->paged = true;
	t->page_gen = ui->generation;
	t->rows_top = t->list.top;
	t->page_h = body;
	t->nrows = 0;
	t->rows = t->page;
	if (body == 0 || t->list.count == 0)
		return;
	if (t->page_cap < (size_t)body) {
		t->page_cap = (size_t)body;
		t->page = xrealloc(t->page, t->page_cap * t->row_size);
		t->rows = t->page;
	}
	size_t n = 0;
	if (t->pager->fetch(ui, t->ctx, t->list.top, (size_t)body, t->page, &n, &err) != PR_OK) {
		ui_error(ui, &err);
		n = 0;
	}
	t->nrows = n <= (size_t)body ? n : (size_t)body;
}

/* Read again next time. */
void ui_table_stale(struct ui_table *t)
{
	t->counted = false;
	t->paged = false;
}

/* A movement. */
bool ui_table_move(struct ui_table *t, enum ui_action act)
{
	return ui_list_move(&t->list, act);
}

/* Selects row I. */
void ui_table_select(struct ui_table *t, size_t i)
{
	t->list.sel = i;
	ui_list_resize(&t->list, t->list.count, t->list.height);
}

/* Row I when it was read, else NULL. */
static const void *row_at(const struct ui_table *t, size_t i)
{
	if (t->rows == NULL || i < t->rows_top || i - t->rows_top >= t->nrows)
		return NULL;
	return (const char *)t->rows + (i - t->rows_top) * t->row_size;
}

/* The selected row. */
const void *ui_table_selected(const struct ui_table *t)
{
	if (t->list.count == 0)
		return NULL;
	return row_at(t, t->list.sel);
}

/* The number of rows. */
size_t ui_table_count(const struct ui_table *t)
{
	return t->list.count;
}

/* The position text. */
void ui_table_position(const struct ui_table *t, char *out, size_t cap)
{
	ui_list_position(&t->list, out, cap);
}

/* TEXT in a cell Y, X, W columns wide, aligned as COL says. */
static void put_cell(int y, int x, int w, enum ui_role role, const struct ui_column *col,
		     const char *text)
{
	int tw = ui_text_width(text);

	if (w <= 0)
		return;
	if (col->align == UI_ALIGN_RIGHT && tw < w)
		x += w - tw;
	ui_put(y, x, w, role, text);
}

/* Heads, rows and the selection. */
void ui_table_draw(const struct ui_table *t, const struct ui_rect *r, bool focus)
{
	int cx[UI_TABLE_COLS], cw[UI_TABLE_COLS];
	int y = r->y, body = ui_table_body(t, r->h);

	ui_table_layout(t->cols, t->ncol, r->x, r->w, cx, cw);
	if (t->heads && r->h > 0) {
		for (int c = 0; c < t->ncol; c++)
			put_cell(y, cx[c], cw[c], ROLE_LABEL, &t->cols[c], t->cols[c].title);
		y++;
	}
	if (t->list.count == 0) {
		if (body > 0)
			ui_put(y, r->x + 1, r->w - 2, t->empty_role, t->empty);
		return;
	}
	for (int i = 0; i < body; i++) {
		size_t k = t->list.top + (size_t)i;
		const void *row = row_at(t, k);
		if (k >= t->list.count || row == NULL)
			break;
		bool sel = k == t->list.sel;
		enum ui_role role = sel && focus ? t->sel_role : t->role;
		ui_fill(y + i, r->x, r->w, role);
		if (sel && (focus || t->mark_unfocused))
			ui_put(y + i, r->x, 1, role, ">");
		for (int c = 0; c < t->ncol; c++) {
			char text[512];
			if (cw[c] <= 0)
				continue;
			text[0] = '\0';
			t->cell(row, k, c, text, sizeof text);
			put_cell(y + i, cx[c], cw[c], role, &t->cols[c], text);
		}
	}
}

/* Frees the pager's rows. */
void ui_table_free(struct ui_table *t)
{
	free(t->page);
	t->page = NULL;
	t->page_cap = 0;
	t->rows = NULL;
	t->nrows = 0;
}
