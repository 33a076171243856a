/* A table of rows in columns (table.c), for the lists that hold hundreds
 * or thousands of rows: column heads, widths (fixed or sharing what is
 * left) and alignment, scrolling, a selection, an empty-state line and a
 * position ("12-23 of 245").
 *
 * Rows are the owner's structs (ROW_SIZE bytes each). Either the owner
 * hands over all of them each refresh (ui_table_rows: a short list it
 * read itself), or the table pages through the database with a pager
 * (ui_table_page): it asks for the count, then only for the rows on
 * screen, again when the data changed or the list moved. The text of a
 * cell comes from the owner's CELL function; the table never calls the
 * core itself.
 *
 * The selected row is drawn reversed (ROLE_CURSOR, reverse video without
 * colours too) and marked with '>' in the first column, so the selection
 * does not rest on colour alone.
 *
 * Call order: ui_table_init once; then in the view's refresh
 * ui_table_rows or ui_table_page; in its draw ui_table_draw; ui_table_move
 * on movement keys; ui_table_free at the end. */
#ifndef POSTROOM_UI_TABLE_H
#define POSTROOM_UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/status.h"

#include "actions.h"
#include "draw.h"
#include "list.h"

struct ui;

#define UI_TABLE_COLS 12

enum ui_align { UI_ALIGN_LEFT, UI_ALIGN_RIGHT };

struct ui_column {
	const char *title;   /* the column's head */
	int width;           /* display columns; 0: shares what the fixed ones leave */
	enum ui_align align;
	int min_w;           /* shown only when the table is this wide; 0: always */
};

/* Writes the text of column COL of ROW (row number INDEX from 0) into OUT
 * (CAP bytes, UTF-8); the table cuts it to the column's width. */
typedef void (*ui_table_cell_fn)(const void *row, size_t index, int col, char *out, size_t cap);

/* Reads the rows of a table from the database for ui_table_page. CTX is
 * the table's ctx. Both return PR_OK, or an error in ERR (shown on the
 * status line; the table then shows no rows). */
struct ui_table_pager {
	/* The number of rows in all into *N. */
	pr_status (*count)(struct ui *ui, void *ctx, size_t *n, pr_error *err);
	/* Rows OFFSET .. OFFSET+LIMIT-1 into ROWS (room for LIMIT), how many
	 * there were into *N. */
	pr_status (*fetch)(struct ui *ui, void *ctx, size_t offset, size_t limit, void *rows,
			   size_t *n, pr_error *err);
};

struct ui_table {
	/* Set by ui_table_init; the owner may change them before drawing. */
	const struct ui_column *cols;
	int ncol;
	size_t row_size;
	ui_table_cell_fn cell;
	const struct ui_table_pager *pager;
	void *ctx;                 /* for the pager */
	bool heads;                /* column heads on the first row (true) */
	bool mark_unfocused;       /* '>' on the selected row also without focus */
	enum ui_role role;         /* rows (ROLE_NORMAL) */
	enum ui_role sel_role;     /* the selected row with focus (ROLE_CURSOR) */
	enum ui_role empty_role;   /* the empty-state line (ROLE_DIM) */
	char empty[160];           /* the line shown when there are no rows */
	/* The state: read with the functions below. */
	struct ui_list list;
	const void *rows;          /* ROWS[0] is row ROWS_TOP; NROWS of them */
	size_t nrows, rows_top;
	void *page;                /* the pager's rows */
	size_t page_cap;
	bool counted, paged;
	unsigned count_gen, page_gen;
	int page_h;
};

/* Sets up T (zeroed, or freed with ui_table_free) with NCOL columns COLS (static storage, at most
 * UI_TABLE_COLS), rows of ROW_SIZE bytes and their CELL text; no rows. */
void ui_table_init(struct ui_table *t, const struct ui_column *cols, int ncol, size_t row_size,
		   ui_table_cell_fn cell);
/* Sets PAGER (static storage) and its CTX: T then pages through the
 * database. */
void ui_table_set_pager(struct ui_table *t, const struct ui_table_pager *pager, void *ctx);
/* Sets the empty-state line (printf-style). */
void ui_table_set_empty(struct ui_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The rows a table of H screen rows shows (H less the heads). */
int ui_table_body(const struct ui_table *t, int h);
/* Hands T all its rows: N of them at ROWS (kept by the owner until the
 * next call), for a table of H screen rows. Keeps the selection inside. */
void ui_table_rows(struct ui_table *t, const void *rows, size_t n, int h);
/* Brings a paged table of H screen rows up to date: counts again when
 * ui->generation moved on, reads the rows on screen again when they or
 * the data changed. */
void ui_table_page(struct ui *ui, struct ui_table *t, int h);
/* Reads a paged table again at the next ui_table_page. */
void ui_table_stale(struct ui_table *t);
/* Applies a movement action (Up, Down, PgUp, PgDn, Home, End); true when
 * ACT is one. The rows on screen are read at the next refresh. */
bool ui_table_move(struct ui_table *t, enum ui_action act);
/* Selects row I (kept inside the table). */
void ui_table_select(struct ui_table *t, size_t i);
/* The selected row, or NULL when there is none (or it is not read yet). */
const void *ui_table_selected(const struct ui_table *t);
/* The number of rows in all. */
size_t ui_table_count(const struct ui_table *t);
/* "12-23 of 245", or "none", into OUT. */
void ui_table_position(const struct ui_table *t, char *out, size_t cap);
/* Draws T in R: heads, the rows from the top, the selected one reversed
 * and marked when FOCUS; the empty-state line when there are no rows. */
void ui_table_draw(const struct ui_table *t, const struct ui_rect *r, bool focus);
/* The x (into CX) and width (into CW) of each of the NCOL columns COLS of
 * a table W wide from X: column X holds the marker, the cells start at
 * X + 1 with one space between them and one column stays free on the
 * right; fixed columns get their width, flexible ones share the rest
 * (the last takes what division leaves), hidden ones (narrower than their
 * min_w) get a width of 0. Never places a cell past X + W - 1. */
void ui_table_layout(const struct ui_column *cols, int ncol, int x, int w, int *cx, int *cw);
/* Frees the pager's rows. */
void ui_table_free(struct ui_table *t);

#endif
