/* The Intake screen's list of today's items, newest first. It asks the core
 * for the count and for the rows on screen only (offset and limit), so
 * thousands of items scroll without delay; Enter shows one item with its
 * history in a popup. */
#include <stdlib.h>
#include <string.h>

#include "postroom/audit.h"
#include "postroom/clock.h"
#include "postroom/item.h"
#include "postroom/xmem.h"

#include "intake.h"

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
	int fixed = 6 + 14 + 7 + 12 + (c->wk ? c->wk + 1 : 0) + (c->wt ? c->wt + 1 : 0);
	int rest = w - fixed - 2;
	c->ws = rest / 2;
	c->wa = rest - c->ws;
	c->time = x;
	c->ref = c->time + 6;
	c->dept = c->ref + 14;
	c->sender = c->dept + 7;
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
	ui_put(y, c->dept, 6, role, it->dept_code);
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

/* Draws the list with its title rule and column heads. */
void intake_list_draw(struct ui *ui, struct intake *in, const struct ui_rect *area, int y)
{
	struct intake_list *t = &in->today;
	int height = area->h - y - 2;
	struct columns c;
	char pos[64], title[160];

	if (height < 1)
		return;
	list_refresh(ui, t, height);
	ui_list_position(&t->list, pos, sizeof pos);
	snprintf(title, sizeof title, "Today's items: %zu, newest first (%s)%s", t->list.count,
		 pos, in->in_form ? "" : " - Enter: show, n: form");
	ui_rule(area->y + y, area->x, area->w, ROLE_TITLE, title);
	layout(area->x + 1, area->w, &c);
	int hy = area->y + y + 1;
	ui_put(hy, c.time, 5, ROLE_LABEL, "Time");
	ui_put(hy, c.ref, 13, ROLE_LABEL, "Reference");
	ui_put(hy, c.dept, 6, ROLE_LABEL, "Dept");
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

static void flags_text(unsigned flags, char *out, size_t cap)
{
	size_t used = 0;

	out[0] = '\0';
#define FLAG_TEXT(name, bit, cli, label, exc)                                  \
	if ((flags & (bit)) && used < cap)                                      \
		used += (size_t)snprintf(out + used, cap - used, "%s%s",        \
					 used ? ", " : "", label);
	PR_FLAG_LIST(FLAG_TEXT)
#undef FLAG_TEXT
	if (used == 0)
		snprintf(out, cap, "none");
}

static void when(pr_time t, char *out)
{
	pr_time_format(t, out);
	if (strlen(out) > 16)
		out[16] = '\0';
	char *tee = strchr(out, 'T');
	if (tee != NULL)
		*tee = ' ';
}

static bool add_event(const pr_audit_event *ev, void *ud)
{
	struct ui *ui = ud;
	char at[PR_TIME_LEN];

	when(ev->at, at);
	ui_popup_add(ui, "%s  %-10s %s -> %s%s%s", at, ev->actor,
		     ev->from_state[0] ? ev->from_state : "(new)", ev->to_state,
		     ev->reason[0] ? "  " : "", ev->reason);
	return true;
}

/* Opens a popup with the selected item and its audit history. */
void intake_list_show(struct ui *ui, struct intake *in)
{
	struct intake_list *t = &in->today;
	pr_item it;
	pr_error err;
	char at[PR_TIME_LEN], flags[256];

	if (t->list.count == 0 || t->list.sel < t->rows_top ||
	    t->list.sel - t->rows_top >= t->nrows) {
		ui_message(ui, true, "No item is selected");
		return;
	}
	const char *ref = t->rows[t->list.sel - t->rows_top].ref;
	if (pr_item_get(ui->db, ref, &it, &err) != PR_OK) {
		ui_error(ui, &err);
		return;
	}
	const char *kind = pr_kind_label(it.kind), *service = pr_service_label(it.service);
	const char *status = pr_item_status_name(it.status);
	ui_popup_open(ui, it.ref);
	ui_popup_add(ui, "Department  %s  %s", it.dept_code, it.dept_name);
	ui_popup_add(ui, "Sender      %s", it.sender);
	ui_popup_add(ui, "Addressee   %s", it.addressee);
	ui_popup_add(ui, "Kind        %s, %s", kind ? kind : "?", service ? service : "?");
	if (it.tracking[0])
		ui_popup_add(ui, "Tracking    %s", it.tracking);
	flags_text(it.flags, flags, sizeof flags);
	ui_popup_add(ui, "Flags       %s", flags);
	ui_popup_add(ui, "Status      %s", status ? status : "?");
	when(it.received_at, at);
	ui_popup_add(ui, "Received    %s by %s", at, it.logged_by);
	if (it.batch_ref[0])
		ui_popup_add(ui, "Batch       %s", it.batch_ref);
	if (it.scanned_at) {
		when(it.scanned_at, at);
		ui_popup_add(ui, "Scanned     %s", at);
	}
	if (it.emailed_at) {
		when(it.emailed_at, at);
		ui_popup_add(ui, "Emailed     %s", at);
	}
	if (it.exception_reason[0])
		ui_popup_add(ui, "Exception   %s", it.exception_reason);
	if (it.handed_to[0]) {
		when(it.handed_at, at);
		ui_popup_add(ui, "Handed to   %s, %s", it.handed_to, at);
	}
	ui_popup_add(ui, "%s", "");
	ui_popup_add(ui, "#History");
	if (pr_item_history(ui->db, it.ref, add_event, ui, &err) != PR_OK)
		ui_popup_add(ui, "(history unavailable: %s)", err.msg);
}

/* Frees the rows. */
void intake_list_free(struct intake *in)
{
	free(in->today.rows);
	in->today.rows = NULL;
	in->today.cap = in->today.nrows = 0;
}
