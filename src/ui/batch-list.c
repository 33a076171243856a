/* The Batches screen's lists: above, the open batches and then the most
 * recent others, newest first (pr_batch_list), with their counts and
 * states; below, the items of the selected batch in tray order
 * (pr_batch_items_load); on the bottom row the scan line or the hints of
 * the mode. The picker of unbatched items is a table too. All three are
 * short enough to read whole; the table widget scrolls them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/xmem.h"

#include "batches.h"
#include "desk.h"
#include "draw.h"
#include "fit.h"

/* ---- the tables ---- */

enum { BC_REF, BC_DEPT, BC_ITEMS, BC_STATE, BC_OPENED, BC_BY, BC_SHEETS, BC_COUNT };
static const struct ui_column batch_cols[BC_COUNT] = {
	[BC_REF] = { "Reference", 13, UI_ALIGN_LEFT, 0 },
	[BC_DEPT] = { "Dept", 6, UI_ALIGN_LEFT, 0 },
	[BC_ITEMS] = { "Items", 5, UI_ALIGN_RIGHT, 0 },
	[BC_STATE] = { "State", 8, UI_ALIGN_LEFT, 0 },
	[BC_OPENED] = { "Opened", 16, UI_ALIGN_LEFT, 0 },
	[BC_BY] = { "By", 10, UI_ALIGN_LEFT, 0 },
	[BC_SHEETS] = { "Sheets", 0, UI_ALIGN_LEFT, 0 },
};

/* B's state as a word. */
const char *batch_state_text(const pr_batch *b)
{
	const char *s = pr_batch_status_name(b->status);
	return s ? s : "?";
}

static void batch_cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_batch *b = row;
	char when[PR_TIME_LEN];

	(void)index;
	switch (col) {
	case BC_REF: snprintf(out, cap, "%s", b->ref); break;
	case BC_DEPT: snprintf(out, cap, "%s", b->dept_code); break;
	case BC_ITEMS: snprintf(out, cap, "%ld", b->items); break;
	case BC_STATE: snprintf(out, cap, "%s", batch_state_text(b)); break;
	case BC_OPENED:
		ui_time_text(b->opened_at, when);
		snprintf(out, cap, "%s", when);
		break;
	case BC_BY: snprintf(out, cap, "%s", b->opened_by); break;
	case BC_SHEETS:
		snprintf(out, cap, "%s", b->sheets_printed_at ? "printed"
			 : b->status == PR_BATCH_OPEN ? "" : "not yet");
		break;
	default: break;
	}
}

enum { IC_NO, IC_REF, IC_SENDER, IC_ADDRESSEE, IC_KIND, IC_STATUS, IC_COUNT };
static const struct ui_column item_cols[IC_COUNT] = {
	[IC_NO] = { "#", 3, UI_ALIGN_RIGHT, 0 },
	[IC_REF] = { "Reference", 13, UI_ALIGN_LEFT, 0 },
	[IC_SENDER] = { "Sender", 0, UI_ALIGN_LEFT, 0 },
	[IC_ADDRESSEE] = { "Addressee", 0, UI_ALIGN_LEFT, 0 },
	[IC_KIND] = { "Kind", 12, UI_ALIGN_LEFT, 0 },
	[IC_STATUS] = { "Status", 11, UI_ALIGN_LEFT, 0 },
};

static void item_cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_item *it = row;
	const char *s = NULL;

	switch (col) {
	case IC_NO:
		snprintf(out, cap, "%zu", index + 1);
		return;
	case IC_REF: s = it->ref; break;
	case IC_SENDER: s = it->sender; break;
	case IC_ADDRESSEE: s = it->addressee; break;
	case IC_KIND: s = pr_kind_label(it->kind); break;
	case IC_STATUS: s = pr_item_status_name(it->status); break;
	default: break;
	}
	snprintf(out, cap, "%s", s ? s : "?");
}

enum { PC_REF, PC_RECEIVED, PC_SENDER, PC_ADDRESSEE, PC_COUNT };
static const struct ui_column pick_cols[PC_COUNT] = {
	[PC_REF] = { "Reference", 13, UI_ALIGN_LEFT, 0 },
	[PC_RECEIVED] = { "Received", 16, UI_ALIGN_LEFT, 0 },
	[PC_SENDER] = { "Sender", 0, UI_ALIGN_LEFT, 0 },
	[PC_ADDRESSEE] = { "Addressee", 0, UI_ALIGN_LEFT, 0 },
};

static void pick_cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_item *it = row;
	char when[PR_TIME_LEN];

	(void)index;
	switch (col) {
	case PC_REF: snprintf(out, cap, "%s", it->ref); break;
	case PC_RECEIVED:
		ui_time_text(it->received_at, when);
		snprintf(out, cap, "%s", when);
		break;
	case PC_SENDER: snprintf(out, cap, "%s", it->sender); break;
	case PC_ADDRESSEE: snprintf(out, cap, "%s", it->addressee); break;
	default: break;
	}
}

/* Sets up the tables. */
void batch_lists_init(struct bview *v)
{
	ui_table_init(&v->btab, batch_cols, BC_COUNT, sizeof(pr_batch), batch_cell);
	v->btab.mark_unfocused = true;
	ui_table_set_empty(&v->btab, "No batches yet: n opens one for a department.");
	ui_table_init(&v->itab, item_cols, IC_COUNT, sizeof(pr_item), item_cell);
	ui_table_init(&v->ptab, pick_cols, PC_COUNT, sizeof(pr_item), pick_cell);
	v->ptab.heads = false;
	v->ptab.role = ROLE_POPUP;
	v->ptab.sel_role = ROLE_MATCH_SEL;
	v->ptab.empty_role = ROLE_POPUP;
}

/* ---- reading ---- */

struct collect {
	struct bview *v;
	bool skip_open;
};

static bool add_batch(const pr_batch *b, void *ud)
{
	struct collect *c = ud;
	struct bview *v = c->v;

	if (c->skip_open && b->status == PR_BATCH_OPEN)
		return true;
	if (v->nb == v->capb) {
		v->capb = v->capb ? v->capb * 2 : 32;
		v->batches = xrealloc(v->batches, v->capb * sizeof v->batches[0]);
	}
	v->batches[v->nb++] = *b;
	return true;
}

/* The open batches, newest first, then the most recent others; the
 * selection stays on the same batch when it is still listed. */
static void load_batches(struct ui *ui, struct bview *v)
{
	pr_error err;
	pr_batch_filter f = { .status = PR_BATCH_OPEN };
	struct collect c = { v, false };
	struct ui_list *l = &v->btab.list;

	if (v->bloaded && v->bgen == ui->generation)
		return;
	v->bloaded = true;
	v->bgen = ui->generation;
	v->nb = 0;
	if (pr_batch_list(ui->db, &f, add_batch, &c, &err) != PR_OK) {
		ui_error(ui, &err);
		return;
	}
	v->nopen = v->nb;
	f = (pr_batch_filter){ .status = -1, .limit = BATCH_RECENT_MAX + v->nopen };
	c.skip_open = true;
	if (pr_batch_list(ui->db, &f, add_batch, &c, &err) != PR_OK)
		ui_error(ui, &err);
	for (size_t i = 0; i < v->nb && v->sel_ref[0]; i++) {
		if (strcmp(v->batches[i].ref, v->sel_ref) == 0) {
			l->sel = i;
			break;
		}
	}
	l->count = v->nb;
	if (l->sel >= v->nb)
		l->sel = v->nb ? v->nb - 1 : 0;
	snprintf(v->sel_ref, sizeof v->sel_ref, "%s", v->nb ? v->batches[l->sel].ref : "");
}

/* The selected batch, or NULL. */
const pr_batch *batch_selected(const struct bview *v)
{
	if (v->nb == 0 || v->btab.list.sel >= v->nb)
		return NULL;
	return &v->batches[v->btab.list.sel];
}

/* Remembers the selection by reference. */
void batch_note_selection(struct bview *v)
{
	const pr_batch *b = batch_selected(v);

	snprintf(v->sel_ref, sizeof v->sel_ref, "%s", b ? b->ref : "");
}

/* Selects batch REF in the list (read again first). */
void batch_select_ref(struct ui *ui, struct bview *v, const char *ref)
{
	snprintf(v->sel_ref, sizeof v->sel_ref, "%s", ref);
	v->bloaded = false;
	load_batches(ui, v);
}

static void load_items(struct ui *ui, struct bview *v)
{
	const pr_batch *b = batch_selected(v);
	pr_error err;

	if (b == NULL) {
		free(v->items);
		v->items = NULL;
		v->ni = 0;
		v->items_of[0] = '\0';
		return;
	}
	if (v->igen == ui->generation && strcmp(v->items_of, b->ref) == 0)
		return;
	if (strcmp(v->items_of, b->ref) != 0)
		v->itab.list.top = v->itab.list.sel = 0;
	v->igen = ui->generation;
	snprintf(v->items_of, sizeof v->items_of, "%s", b->ref);
	free(v->items);
	v->items = NULL;
	v->ni = 0;
	if (pr_batch_items_load(ui->db, b->ref, &v->items, &v->ni, &err) != PR_OK)
		ui_error(ui, &err);
}

static bool add_pick(const pr_item *it, void *ud)
{
	struct bview *v = ud;

	if (v->npick == v->cappick) {
		v->cappick = v->cappick ? v->cappick * 2 : 64;
		v->pick = xrealloc(v->pick, v->cappick * sizeof v->pick[0]);
	}
	v->pick[v->npick++] = *it;
	return v->npick < BATCH_PICK_MAX;
}

/* The selected batch's department's received items, oldest first. */
static void load_pick(struct ui *ui, struct bview *v)
{
	const pr_batch *b = batch_selected(v);
	pr_error err;

	if (b == NULL || (v->pgen == ui->generation && strcmp(v->pick_for, b->ref) == 0))
		return;
	v->pgen = ui->generation;
	snprintf(v->pick_for, sizeof v->pick_for, "%s", b->ref);
	v->npick = 0;
	pr_item_filter f = PR_ITEM_FILTER_ALL;
	f.dept_code = b->dept_code;
	f.status = PR_ITEM_RECEIVED;
	f.limit = BATCH_PICK_MAX;
	if (pr_item_list(ui->db, &f, add_pick, v, &err) != PR_OK)
		ui_error(ui, &err);
}

/* ---- layout ---- */

struct layout {
	struct ui_rect batches, items; /* the tables, heads included */
	int batches_rule, items_rule;  /* the rows of their titles */
	struct ui_rect pick;           /* the picker's box */
};

static void lay_out(const struct ui_rect *area, struct layout *lo)
{
	int avail = area->h - 5;
	int bh = avail * 2 / 5;

	if (bh < 2)
		bh = 2;
	lo->batches_rule = area->y;
	lo->batches = (struct ui_rect){ area->y + 1, area->x, bh + 1, area->w };
	lo->items_rule = area->y + bh + 2;
	lo->items = (struct ui_rect){ lo->items_rule + 1, area->x, avail - bh + 1, area->w };
	lo->pick = (struct ui_rect){ area->y + 1, area->x + 2, area->h - 2, area->w - 4 };
}

/* The picker's table inside its box R. */
static struct ui_rect pick_table(const struct ui_rect *r)
{
	return (struct ui_rect){ r->y + 1, r->x + 1, r->h - 3, r->w - 2 };
}

/* Reads what changed, and hands the tables their rows. */
void batch_lists_refresh(struct ui *ui, struct bview *v, const struct ui_rect *area)
{
	struct layout lo;
	const pr_batch *b;

	lay_out(area, &lo);
	load_batches(ui, v);
	ui_table_rows(&v->btab, v->batches, v->nb, lo.batches.h);
	batch_note_selection(v);
	load_items(ui, v);
	ui_table_rows(&v->itab, v->items, v->ni, lo.items.h);
	b = batch_selected(v);
	if (b != NULL)
		ui_table_set_empty(&v->itab, "%s", b->status == PR_BATCH_OPEN
			? "Empty: + scans or types references in, u picks from the unbatched items."
			: "No items.");
	if (v->mode == MODE_PICK && b != NULL) {
		load_pick(ui, v);
		ui_table_rows(&v->ptab, v->pick, v->npick, pick_table(&lo.pick).h);
		ui_table_set_empty(&v->ptab, "None: every received %s item is in a batch.",
				   b->dept_code);
	}
}

/* ---- drawing ---- */

static void draw_batches(struct bview *v, const struct layout *lo, const struct ui_rect *area)
{
	char pos[64], title[160];

	ui_table_position(&v->btab, pos, sizeof pos);
	snprintf(title, sizeof title, "Batches: %zu open, %zu recent (%s)", v->nopen,
		 v->nb - v->nopen, pos);
	ui_rule(lo->batches_rule, area->x, area->w, ROLE_TITLE, title);
	ui_table_draw(&v->btab, &lo->batches, !v->on_items);
}

static void draw_items(struct bview *v, const struct layout *lo, const struct ui_rect *area)
{
	const pr_batch *b = batch_selected(v);
	char pos[64], title[512];

	if (b == NULL) {
		ui_rule(lo->items_rule, area->x, area->w, ROLE_TITLE, "");
		return;
	}
	ui_table_position(&v->itab, pos, sizeof pos);
	snprintf(title, sizeof title, "Items of %s, %s, %s: %zu (%s)", b->ref, b->dept_code,
		 batch_state_text(b), v->ni, pos);
	ui_rule(lo->items_rule, area->x, area->w, ROLE_TITLE, title);
	ui_table_draw(&v->itab, &lo->items, v->on_items);
}

/* The mode of the lists. */
enum ui_mode batch_list_mode(const struct bview *v)
{
	const pr_batch *b = batch_selected(v);

	if (b == NULL)
		return UIM_BATCHES_NONE;
	if (b->status == PR_BATCH_OPEN)
		return v->on_items ? UIM_ITEMS_OPEN : UIM_BATCHES_OPEN;
	return v->on_items ? UIM_ITEMS_CLOSED : UIM_BATCHES_CLOSED;
}

/* The bottom row: the scan line, or what the keys do here. */
static void draw_bottom(struct ui *ui, struct bview *v, const struct ui_rect *area)
{
	const pr_batch *b = batch_selected(v);
	int y = area->y + area->h - 1, x = area->x + 1, w = area->w - 2;
	char hints[256];

	if (v->mode == MODE_SCAN && b != NULL) {
		int used = ui_putf(y, x, w, ROLE_TITLE, "Scan or type into %s (Enter adds, Esc stops):",
				   b->ref);
		ui_field_draw(ui, &v->scan, y, x + used + 1, w - used - 1 > 24 ? 24 : w - used - 1,
			      true);
		return;
	}
	ui_hints(batch_list_mode(v), w, hints, sizeof hints);
	ui_put(y, x, w, ROLE_DIM, hints);
}

/* Both lists and the bottom row. */
void batch_lists_draw(struct ui *ui, struct bview *v, const struct ui_rect *area)
{
	struct layout lo;

	lay_out(area, &lo);
	draw_batches(v, &lo, area);
	draw_items(v, &lo, area);
	draw_bottom(ui, v, area);
}

/* The picker in a box over the lists. */
void batch_pick_draw(struct bview *v, const struct ui_rect *area)
{
	const pr_batch *b = batch_selected(v);
	struct layout lo;
	char pos[64], hints[128];

	if (b == NULL)
		return;
	lay_out(area, &lo);
	struct ui_rect r = lo.pick, t = pick_table(&r);
	ui_table_position(&v->ptab, pos, sizeof pos);
	for (int i = 0; i < r.h; i++)
		ui_fill(r.y + i, r.x, r.w, ROLE_POPUP);
	ui_box(&r, ROLE_POPUP);
	ui_putf(r.y, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " %s items not in a batch (%s) ",
		b->dept_code, pos);
	ui_table_draw(&v->ptab, &t, true);
	ui_hints(UIM_BATCH_PICK, r.w - 6, hints, sizeof hints);
	ui_putf(r.y + r.h - 1, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " %s ", hints);
}

/* Frees the rows. */
void batch_lists_free(struct bview *v)
{
	free(v->batches);
	free(v->items);
	free(v->pick);
	ui_table_free(&v->btab);
	ui_table_free(&v->itab);
	ui_table_free(&v->ptab);
}
