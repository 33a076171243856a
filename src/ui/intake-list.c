/* The Intake screen's list of today's items, newest first. It asks the core
 * for the count and for the rows on screen only (offset and limit), so
 * thousands of items scroll without delay; Enter shows one item with its
 * history in a popup. */
#include <stdlib.h>
#include <string.h>

#include "postroom/clock.h"
#include "postroom/item.h"
#include "postroom/xmem.h"

#include "desk.h"
#include "draw.h"
#include "intake.h"
#include "list.h"

struct fetch {
	pr_item *rows;
	size_t n, max;
};

static bool fetch_row(const pr_item *item, void *ud)
{
	struct fetch *f = ud;

	if (f->n < f->max)
		f->rows[f->n++] = *item;
	return f->n < f->max;
}

static void today_filter(const struct ui *ui, pr_item_filter *f)
{
	*f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f->from_day = ui->today;
	f->to_day = ui->today;
	f->newest_first = true;
}

/* Brings the count and the visible rows up to date with the database. */
static void list_refresh(struct ui *ui, struct intake_list *t, int height)
{
	pr_item_filter f;
	pr_error err;

	today_filter(ui, &f);
	if (t->count_gen != ui->generation) {
		size_t n = 0;
		t->count_gen = ui->generation;
		if (pr_item_count(ui->db, &f, &n, &err) != PR_OK) {
			ui_error(ui, &err);
			n = 0;
		}
		t->list.count = n;
	}
	ui_list_resize(&t->list, t->list.count, height);
	if (t->rows_gen == ui->generation && t->rows_top == t->list.top && t->rows_h == height)
		return;
	t->rows_gen = ui->generation;
	t->rows_top = t->list.top;
	t->rows_h = height;
	if (t->cap < (size_t)height) {
		t->cap = (size_t)height;
		t->rows = xrealloc(t->rows, t->cap * sizeof t->rows[0]);
	}
	f.offset = t->list.top;
	f.limit = (size_t)height;
	struct fetch fe = { t->rows, 0, (size_t)height };
	if (pr_item_list(ui->db, &f, fetch_row, &fe, &err) != PR_OK)
		ui_error(ui, &err);
	t->nrows = fe.n;
}

struct columns {
	int time, ref, dept, sender, addressee, kind, tracking, status;
	int ws, wa, wk, wt;
};

/* Column positions for width W: sender and addressee share what is left;
 * wide terminals also get kind and tracking. */
static void layout(int x, int w, struct columns *c)
{
	c->wk = w >= 100 ? 13 : 0;
	c->wt = w >= 125 ? 14 : 0;
	int fixed = 6 + 14 + 10 + 12 + (c->wk ? c->wk + 1 : 0) + (c->wt ? c->wt + 1 : 0);
	int rest = w - fixed - 2;
	c->ws = rest / 2;
	c->wa = rest - c->ws;
	c->time = x;
	c->ref = c->time + 6;
	c->dept = c->ref + 14;
	c->sender = c->dept + 10;
	c->addressee = c->sender + c->ws + 1;
	c->kind = c->addressee + c->wa + 1;
	c->tracking = c->kind + (c->wk ? c->wk + 1 : 0);
	c->status = c->tracking + (c->wt ? c->wt + 1 : 0);
}

static void draw_row(const pr_item *it, const struct columns *c, int y, enum ui_role role)
{
	char hhmm[6];

	pr_time_hhmm(it->received_at, hhmm);
	ui_put(y, c->time, 5, role, hhmm);
	ui_put(y, c->ref, 13, role, it->ref);
	ui_put(y, c->dept, 9, role, it->dept_code);
	ui_put(y, c->sender, c->ws, role, it->sender);
	ui_put(y, c->addressee, c->wa, role, it->addressee);
	if (c->wk) {
		const char *k = pr_kind_label(it->kind);
		ui_put(y, c->kind, c->wk, role, k ? k : "?");
	}
	if (c->wt)
		ui_put(y, c->tracking, c->wt, role, it->tracking);
	const char *s = pr_item_status_name(it->status);
	ui_put(y, c->status, 11, role, s ? s : "?");
}

/* Reads the count and the rows on screen when they changed. */
void intake_list_refresh(struct ui *ui, struct intake *in, const struct ui_rect *area, int y)
{
	int height = area->h - y - 2;

	if (height >= 1)
		list_refresh(ui, &in->today, height);
}

/* Draws the list with its title rule and column heads. */
void intake_list_draw(struct ui *ui, struct intake *in, const struct ui_rect *area, int y)
{
	struct intake_list *t = &in->today;
	int height = area->h - y - 2;
	struct columns c;
	char pos[64], base[160], hints[128], title[320];

	(void)ui;
	if (height < 1)
		return;
	ui_list_resize(&t->list, t->list.count, height);
	ui_list_position(&t->list, pos, sizeof pos);
	snprintf(base, sizeof base, "Today's items: %zu, newest first (%s)", t->list.count, pos);
	ui_hints(intake_mode(in), area->w - 9 - ui_text_width(base), hints, sizeof hints);
	snprintf(title, sizeof title, "%s%s%s", base, hints[0] ? " - " : "", hints);
	ui_rule(area->y + y, area->x, area->w, ROLE_TITLE, title);
	layout(area->x + 1, area->w, &c);
	int hy = area->y + y + 1;
	ui_put(hy, c.time, 5, ROLE_LABEL, "Time");
	ui_put(hy, c.ref, 13, ROLE_LABEL, "Reference");
	ui_put(hy, c.dept, 9, ROLE_LABEL, "Dept");
	ui_put(hy, c.sender, c.ws, ROLE_LABEL, "Sender");
	ui_put(hy, c.addressee, c.wa, ROLE_LABEL, "Addressee");
	if (c.wk)
		ui_put(hy, c.kind, c.wk, ROLE_LABEL, "Kind");
	if (c.wt)
		ui_put(hy, c.tracking, c.wt, ROLE_LABEL, "Tracking");
	ui_put(hy, c.status, 11, ROLE_LABEL, "Status");
	if (t->list.count == 0) {
		ui_put(hy + 1, area->x + 1, area->w - 2, ROLE_DIM, "No items logged today yet.");
		return;
	}
	for (size_t i = 0; i < t->nrows && (int)i < height; i++) {
		int ry = hy + 1 + (int)i;
		bool sel = !in->in_form && t->list.top + i == t->list.sel;
		enum ui_role role = sel ? ROLE_CURSOR : ROLE_NORMAL;
		if (sel) {
			ui_fill(ry, area->x, area->w, ROLE_CURSOR);
			ui_put(ry, area->x, 1, ROLE_CURSOR, ">");
		}
		draw_row(&t->rows[i], &c, ry, role);
	}
}

/* Moves in the list. */
bool intake_list_move(struct intake *in, enum ui_action act)
{
	return ui_list_move(&in->today.list, act);
}

/* The reference of the selected item, or NULL (a message says so). */
const char *intake_list_selected(struct ui *ui, struct intake *in)
{
	struct intake_list *t = &in->today;

	if (t->list.count == 0 || t->list.sel < t->rows_top ||
	    t->list.sel - t->rows_top >= t->nrows) {
		ui_message(ui, true, "No item is selected");
		return NULL;
	}
	return t->rows[t->list.sel - t->rows_top].ref;
}

/* Opens a popup with the selected item and its audit history. */
void intake_list_show(struct ui *ui, struct intake *in)
{
	const char *ref = intake_list_selected(ui, in);

	if (ref != NULL)
		ui_item_popup(ui, ref);
}

/* Frees the rows. */
void intake_list_free(struct intake *in)
{
	free(in->today.rows);
	in->today.rows = NULL;
	in->today.cap = in->today.nrows = 0;
}
