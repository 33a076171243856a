/* F3 Batches: making up scan batches at the desk.
 *
 * Above, the open batches and then the most recent others, newest first
 * (pr_batch_list), with their counts and states; below, the items of the
 * selected batch in tray order (pr_batch_items_load); on the bottom row
 * the scan line or a reminder of the keys. Tab moves between the two
 * lists.
 *
 *   n     opens a batch for a department picked by typing part of its
 *         name or code (the Intake form's picker), then the scan line
 *   +     the scan line: a handheld scanner types a label's reference and
 *         Enter, and so can the operator; each goes to pr_batch_add, the
 *         result or the core's refusal on the status line, and the line
 *         stays ready for the next. A batch label scanned there selects
 *         that batch.
 *   u     the department's received items not yet in a batch; Enter or
 *         Space adds the highlighted one
 *   -     takes the selected item out of the open batch
 *   c     closes the batch, then asks whether to print its sheets now
 *   p     prints the sheets of a closed batch (again)
 *   e, H  exceptions at the desk, as on the Intake list (desk.c)
 *
 * Sheets are written to a temporary PDF (pr_sheets_write) and handed to
 * pr_print_file: the printer in the configuration, or the spool folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/batch.h"
#include "postroom/item.h"
#include "postroom/io/printer.h"
#include "postroom/service/print.h"
#include "postroom/xmem.h"

#include "ask.h"
#include "deptpick.h"
#include "desk.h"
#include "draw.h"
#include "fit.h"
#include "list.h"
#include "textfield.h"
#include "ui.h"

#define RECENT_MAX 200   /* closed and later batches listed after the open ones */
#define PICK_MAX 2000    /* unbatched items offered at once */
#define FORM_W 64
#define FORM_H 11

enum bmode {
	MODE_LIST,  /* moving in the lists */
	MODE_SCAN,  /* the scan line has the keys */
	MODE_NEW,   /* the new-batch form */
	MODE_PICK,  /* the unbatched items */
};

struct bview {
	enum bmode mode;
	bool on_items;             /* the focus is in the items list */
	/* the batches */
	pr_batch *batches;
	size_t nb, capb, nopen;
	struct ui_list blist;
	unsigned bgen;
	bool bloaded;
	char sel_ref[PR_REF_LEN];  /* the selected batch, kept across re-reads */
	/* its items */
	pr_item *items;
	size_t ni;
	struct ui_list ilist;
	unsigned igen;
	char items_of[PR_REF_LEN];
	/* the scan line and the new-batch form */
	struct ui_field scan;
	struct ui_deptpick dept;
	/* the picker */
	pr_item *pick;
	size_t npick, cappick;
	struct ui_list plist;
	unsigned pgen;
	char pick_for[PR_REF_LEN];
};

static const char *const print_answers[] = { "Yes, print the sheets now", "No, not now" };

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

/* The open batches, newest first, then the most recent others. */
static void load_batches(struct ui *ui, struct bview *v)
{
	pr_error err;
	pr_batch_filter f = { .status = PR_BATCH_OPEN };
	struct collect c = { v, false };

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
	f = (pr_batch_filter){ .status = -1, .limit = RECENT_MAX + v->nopen };
	c.skip_open = true;
	if (pr_batch_list(ui->db, &f, add_batch, &c, &err) != PR_OK)
		ui_error(ui, &err);
	/* Keep the selection on the same batch when it is still listed. */
	for (size_t i = 0; i < v->nb && v->sel_ref[0]; i++) {
		if (strcmp(v->batches[i].ref, v->sel_ref) == 0) {
			v->blist.sel = i;
			break;
		}
	}
	v->blist.count = v->nb;
	if (v->blist.sel >= v->nb)
		v->blist.sel = v->nb ? v->nb - 1 : 0;
	snprintf(v->sel_ref, sizeof v->sel_ref, "%s", v->nb ? v->batches[v->blist.sel].ref : "");
}

/* The selected batch, or NULL when there is none. */
static const pr_batch *selected(const struct bview *v)
{
	if (v->nb == 0 || v->blist.sel >= v->nb)
		return NULL;
	return &v->batches[v->blist.sel];
}

/* Remembers the selection by reference (after a move). */
static void note_selection(struct bview *v)
{
	const pr_batch *b = selected(v);

	snprintf(v->sel_ref, sizeof v->sel_ref, "%s", b ? b->ref : "");
}

static void load_items(struct ui *ui, struct bview *v)
{
	const pr_batch *b = selected(v);
	pr_error err;

	if (b == NULL) {
		free(v->items);
		v->items = NULL;
		v->ni = 0;
		v->items_of[0] = '\0';
		v->ilist.count = 0;
		return;
	}
	if (v->igen == ui->generation && strcmp(v->items_of, b->ref) == 0)
		return;
	if (strcmp(v->items_of, b->ref) != 0)
		v->ilist.top = v->ilist.sel = 0;
	v->igen = ui->generation;
	snprintf(v->items_of, sizeof v->items_of, "%s", b->ref);
	free(v->items);
	v->items = NULL;
	v->ni = 0;
	if (pr_batch_items_load(ui->db, b->ref, &v->items, &v->ni, &err) != PR_OK)
		ui_error(ui, &err);
	v->ilist.count = v->ni;
}

static bool add_pick(const pr_item *it, void *ud)
{
	struct bview *v = ud;

	if (v->npick == v->cappick) {
		v->cappick = v->cappick ? v->cappick * 2 : 64;
		v->pick = xrealloc(v->pick, v->cappick * sizeof v->pick[0]);
	}
	v->pick[v->npick++] = *it;
	return v->npick < PICK_MAX;
}

/* The selected batch's department's received items, oldest first. */
static void load_pick(struct ui *ui, struct bview *v)
{
	const pr_batch *b = selected(v);
	pr_error err;

	if (b == NULL || (v->pgen == ui->generation && strcmp(v->pick_for, b->ref) == 0))
		return;
	v->pgen = ui->generation;
	snprintf(v->pick_for, sizeof v->pick_for, "%s", b->ref);
	v->npick = 0;
	pr_item_filter f = PR_ITEM_FILTER_ALL;
	f.dept_code = b->dept_code;
	f.status = PR_ITEM_RECEIVED;
	f.limit = PICK_MAX;
	if (pr_item_list(ui->db, &f, add_pick, v, &err) != PR_OK)
		ui_error(ui, &err);
	v->plist.count = v->npick;
}

/* ---- drawing ---- */

static const char *state_text(const pr_batch *b)
{
	const char *s = pr_batch_status_name(b->status);
	return s ? s : "?";
}

static void draw_batches(struct bview *v, const struct ui_rect *area, int y, int h)
{
	char pos[64];
	int x = area->x + 1;

	ui_list_resize(&v->blist, v->nb, h);
	ui_list_position(&v->blist, pos, sizeof pos);
	char title[160];
	snprintf(title, sizeof title, "Batches: %zu open, %zu recent (%s)", v->nopen,
		 v->nb - v->nopen, pos);
	ui_rule(area->y + y, area->x, area->w, ROLE_TITLE, title);
	int hy = area->y + y + 1;
	ui_putf(hy, x, area->w - 2, ROLE_LABEL, "%-13s %-6s %5s %-8s %-16s %-10s %s",
		"Reference", "Dept", "Items", "State", "Opened", "By", "Sheets");
	if (v->nb == 0) {
		ui_put(hy + 1, x, area->w - 2, ROLE_DIM,
		       "No batches yet: n opens one for a department.");
		return;
	}
	for (int i = 0; i < h && v->blist.top + (size_t)i < v->nb; i++) {
		size_t k = v->blist.top + (size_t)i;
		const pr_batch *b = &v->batches[k];
		bool sel = k == v->blist.sel;
		bool focus = sel && !v->on_items;
		enum ui_role role = focus ? ROLE_CURSOR : ROLE_NORMAL;
		char opened[PR_TIME_LEN];
		int ry = hy + 1 + i;

		ui_time_text(b->opened_at, opened);
		if (focus)
			ui_fill(ry, area->x, area->w, ROLE_CURSOR);
		ui_put(ry, area->x, 1, role, sel ? ">" : " ");
		ui_putf(ry, x, area->w - 2, role, "%-13s %-6s %5ld %-8s %-16s %-10.10s %s", b->ref,
			b->dept_code, b->items, state_text(b), opened, b->opened_by,
			b->sheets_printed_at ? "printed" : b->status == PR_BATCH_OPEN ? "" : "not yet");
	}
}

static void draw_items(struct bview *v, const struct ui_rect *area, int y, int h)
{
	const pr_batch *b = selected(v);
	char pos[64];
	int x = area->x + 1, w = area->w - 2;
	int fixed = 3 + 1 + 13 + 1 + 12 + 1 + 11;
	int ws = (w - fixed - 2) / 2, wa = w - fixed - 2 - ws;

	ui_list_resize(&v->ilist, v->ni, h);
	ui_list_position(&v->ilist, pos, sizeof pos);
	if (b == NULL) {
		ui_rule(area->y + y, area->x, area->w, ROLE_TITLE, "");
		return;
	}
	char title[512];
	snprintf(title, sizeof title, "Items of %s, %s, %s: %zu (%s)", b->ref, b->dept_code,
		 state_text(b), v->ni, pos);
	ui_rule(area->y + y, area->x, area->w, ROLE_TITLE, title);
	int hy = area->y + y + 1;
	char sh[256], ah[256];
	ui_fit(sh, sizeof sh, "Sender", ws);
	ui_fit(ah, sizeof ah, "Addressee", wa);
	ui_putf(hy, x, w, ROLE_LABEL, "%3s %-13s %s %s %-12s %s", "#", "Reference", sh, ah,
		"Kind", "Status");
	if (v->ni == 0) {
		ui_put(hy + 1, x, w, ROLE_DIM, b->status == PR_BATCH_OPEN
		       ? "Empty: + scans or types references in, u picks from the unbatched items."
		       : "No items.");
		return;
	}
	for (int i = 0; i < h && v->ilist.top + (size_t)i < v->ni; i++) {
		size_t k = v->ilist.top + (size_t)i;
		const pr_item *it = &v->items[k];
		bool sel = k == v->ilist.sel && v->on_items;
		enum ui_role role = sel ? ROLE_CURSOR : ROLE_NORMAL;
		const char *kind = pr_kind_label(it->kind), *st = pr_item_status_name(it->status);
		int ry = hy + 1 + i;

		ui_fit(sh, sizeof sh, it->sender, ws);
		ui_fit(ah, sizeof ah, it->addressee, wa);
		if (sel)
			ui_fill(ry, area->x, area->w, ROLE_CURSOR);
		ui_put(ry, area->x, 1, role, sel ? ">" : " ");
		ui_putf(ry, x, w, role, "%3zu %-13s %s %s %-12.12s %s", k + 1, it->ref, sh, ah,
			kind ? kind : "?", st ? st : "?");
	}
}

/* The mode of the lists: which batch is selected, which list has the
 * focus. */
static enum ui_mode list_mode(const struct bview *v)
{
	const pr_batch *b = selected(v);

	if (b == NULL)
		return UIM_BATCHES_NONE;
	if (b->status == PR_BATCH_OPEN)
		return v->on_items ? UIM_ITEMS_OPEN : UIM_BATCHES_OPEN;
	return v->on_items ? UIM_ITEMS_CLOSED : UIM_BATCHES_CLOSED;
}

/* The bottom row: the scan line, or what the keys do here. */
static void draw_bottom(struct ui *ui, struct bview *v, const struct ui_rect *area)
{
	const pr_batch *b = selected(v);
	int y = area->y + area->h - 1, x = area->x + 1, w = area->w - 2;

	if (v->mode == MODE_SCAN && b != NULL) {
		int used = ui_putf(y, x, w, ROLE_TITLE, "Scan or type into %s (Enter adds, Esc stops):",
				   b->ref);
		ui_field_draw(ui, &v->scan, y, x + used + 1, w - used - 1 > 24 ? 24 : w - used - 1,
			      true);
		return;
	}
	char hints[256];
	ui_hints(list_mode(v), w, hints, sizeof hints);
	ui_put(y, x, w, ROLE_DIM, hints);
}

static void draw_form(struct ui *ui, struct bview *v, const struct ui_rect *area)
{
	struct ui_rect r = { area->y + (area->h - FORM_H) / 2, area->x + (area->w - FORM_W) / 2,
			     FORM_H, FORM_W };

	for (int i = 0; i < r.h; i++)
		ui_fill(r.y + i, r.x, r.w, ROLE_POPUP);
	ui_box(&r, ROLE_POPUP);
	ui_put(r.y, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " Open a batch ");
	ui_put(r.y + 1, r.x + 2, 12, ROLE_POPUP, "Department");
	ui_field_draw(ui, &v->dept.field, r.y + 1, r.x + 14, r.w - 16, true);
	ui_deptpick_draw(&v->dept, r.y + 3, r.x + 2, r.w - 4, UI_DEPTPICK_MAX + 1, true);
	char hints[128];
	ui_hints(UIM_BATCH_NEW, r.w - 6, hints, sizeof hints);
	ui_putf(r.y + r.h - 1, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " %s ", hints);
}

static void draw_pick(struct bview *v, const struct ui_rect *area)
{
	const pr_batch *b = selected(v);
	struct ui_rect r = { area->y + 1, area->x + 2, area->h - 2, area->w - 4 };
	char pos[64], when[PR_TIME_LEN];
	int h = r.h - 3;

	if (b == NULL)
		return;
	ui_list_resize(&v->plist, v->npick, h);
	ui_list_position(&v->plist, pos, sizeof pos);
	for (int i = 0; i < r.h; i++)
		ui_fill(r.y + i, r.x, r.w, ROLE_POPUP);
	ui_box(&r, ROLE_POPUP);
	ui_putf(r.y, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " %s items not in a batch (%s) ",
		b->dept_code, pos);
	if (v->npick == 0)
		ui_putf(r.y + 1, r.x + 2, r.w - 4, ROLE_POPUP, "None: every received %s item is "
			"in a batch.", b->dept_code);
	int ws = (r.w - 4 - 13 - 17 - 3) / 2;
	for (int i = 0; i < h && v->plist.top + (size_t)i < v->npick; i++) {
		size_t k = v->plist.top + (size_t)i;
		const pr_item *it = &v->pick[k];
		bool sel = k == v->plist.sel;
		enum ui_role role = sel ? ROLE_MATCH_SEL : ROLE_POPUP;
		char s[256], a[256];
		int ry = r.y + 1 + i;

		ui_time_text(it->received_at, when);
		ui_fit(s, sizeof s, it->sender, ws);
		ui_fit(a, sizeof a, it->addressee, ws);
		ui_fill(ry, r.x + 1, r.w - 2, role);
		ui_putf(ry, r.x + 1, r.w - 2, role, "%s%-13s %-16s %s %s", sel ? ">" : " ", it->ref,
			when, s, a);
	}
	char hints[128];
	ui_hints(UIM_BATCH_PICK, r.w - 6, hints, sizeof hints);
	ui_putf(r.y + r.h - 1, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " %s ", hints);
}

/* The heights of the two lists in AREA. */
static void heights(const struct ui_rect *area, int *bh, int *ih)
{
	int avail = area->h - 5;

	*bh = avail * 2 / 5;
	if (*bh < 2)
		*bh = 2;
	*ih = avail - *bh;
}

static void batches_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct bview *v = view->priv;
	int bh, ih;

	heights(area, &bh, &ih);
	load_batches(ui, v);
	ui_list_resize(&v->blist, v->nb, bh);
	note_selection(v);
	load_items(ui, v);
	if (v->mode == MODE_NEW)
		ui_deptpick_update(ui, &v->dept);
	else if (v->mode == MODE_PICK)
		load_pick(ui, v);
}

static void batches_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct bview *v = view->priv;
	int bh, avail;

	heights(area, &bh, &avail);
	avail += bh;
	draw_batches(v, area, 0, bh);
	draw_items(v, area, bh + 2, avail - bh);
	draw_bottom(ui, v, area);
	if (v->mode == MODE_NEW)
		draw_form(ui, v, area);
	else if (v->mode == MODE_PICK)
		draw_pick(v, area);
}

/* ---- actions ---- */

/* The selected batch when it is open; else NULL with a message. */
static const pr_batch *open_batch(struct ui *ui, struct bview *v)
{
	const pr_batch *b = selected(v);

	if (b == NULL) {
		ui_message(ui, true, "No batch: n opens one for a department");
		return NULL;
	}
	if (b->status != PR_BATCH_OPEN) {
		ui_message(ui, true, "Batch %s is %s: n opens a new one", b->ref, state_text(b));
		return NULL;
	}
	return b;
}

/* The item selected in the items list; NULL with a message. */
static const pr_item *selected_item(struct ui *ui, struct bview *v)
{
	if (!v->on_items) {
		ui_message(ui, true, "Choose the item first: Tab goes to the batch's items");
		return NULL;
	}
	if (v->ni == 0 || v->ilist.sel >= v->ni) {
		ui_message(ui, true, "The batch has no items");
		return NULL;
	}
	return &v->items[v->ilist.sel];
}

/* Selects batch REF in the list (read again first). */
static void select_ref(struct ui *ui, struct bview *v, const char *ref)
{
	snprintf(v->sel_ref, sizeof v->sel_ref, "%s", ref);
	v->bloaded = false;
	load_batches(ui, v);
}

/* Prints the sheets of REF and says where they went, or why not. */
static int print_sheets(struct ui *ui, const char *ref)
{
	pr_error err;
	pr_print_result res;
	size_t pages = 0;
	if (pr_sheets_print(ui->db, &ui->app->cfg, ref, &res, &pages, &err) != PR_OK) {
		ui_message(ui, true, "Sheets for %s not printed: %s", ref, err.msg);
		return UI_RELOAD | UI_REDRAW;
	}
	if (res.job_id > 0)
		ui_message(ui, false, "Sheets for %s (%zu pages) sent to printer %s (job %d)",
			   ref, pages, res.destination, res.job_id);
	else
		ui_message(ui, false, "Sheets for %s (%zu pages) written to %s", ref, pages,
			   res.destination);
	return UI_RELOAD | UI_REDRAW;
}

static int print_answer(struct ui *ui, const char *ref, int choice, const char *text)
{
	(void)text;
	if (choice == 0)
		return print_sheets(ui, ref);
	ui_message(ui, false, "Batch %s closed; sheets not printed (p prints them)", ref);
	return UI_REDRAW;
}

static int close_batch(struct ui *ui, struct bview *v)
{
	const pr_batch *sel = open_batch(ui, v);
	pr_batch b;
	pr_error err;
	char prompt[128];

	if (sel == NULL)
		return UI_REDRAW;
	if (pr_batch_close(ui->db, sel->ref, &b, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	v->mode = MODE_LIST;
	ui_message(ui, false, "Closed %s with %ld item%s", b.ref, b.items, b.items == 1 ? "" : "s");
	snprintf(prompt, sizeof prompt, "Print the sheets of %s now (%ld pages)?", b.ref,
		 b.items + 1);
	ui_ask_choice(ui, "Batch closed", prompt, print_answers, 2, print_answer, b.ref);
	return UI_RELOAD | UI_REDRAW;
}

static int print_key(struct ui *ui, struct bview *v)
{
	const pr_batch *b = selected(v);

	if (b == NULL) {
		ui_message(ui, true, "No batch is selected");
		return UI_REDRAW;
	}
	if (b->status == PR_BATCH_OPEN) {
		ui_message(ui, true, "Batch %s is still open: c closes it, then its sheets print",
			   b->ref);
		return UI_REDRAW;
	}
	char ref[PR_REF_LEN];
	snprintf(ref, sizeof ref, "%s", b->ref);
	return print_sheets(ui, ref);
}

/* Adds ITEM_REF to the selected open batch; the result on the status line. */
static int add_item(struct ui *ui, struct bview *v, const char *item_ref)
{
	const pr_batch *b = open_batch(ui, v);
	pr_item it;
	pr_batch after;
	pr_error err;
	char bref[PR_REF_LEN];

	if (b == NULL)
		return UI_REDRAW;
	snprintf(bref, sizeof bref, "%s", b->ref);
	if (pr_batch_add(ui->db, bref, item_ref, &it, &err) != PR_OK) {
		/* Errors about the item itself name it already. */
		if (strcmp(err.field, PR_FIELD_ITEM) != 0)
			ui_message(ui, true, "%s: %s", item_ref, err.msg);
		else
			ui_error(ui, &err);
		return UI_REDRAW;
	}
	if (pr_batch_get(ui->db, bref, &after, &err) == PR_OK)
		ui_message(ui, false, "Added %s to %s (%ld item%s)", it.ref, bref, after.items,
			   after.items == 1 ? "" : "s");
	else
		ui_message(ui, false, "Added %s to %s", it.ref, bref);
	return UI_RELOAD | UI_REDRAW;
}

/* Enter on the scan line: a batch label selects the batch, anything else
 * is an item to add. The line is emptied for the next scan either way. */
static int scan_enter(struct ui *ui, struct bview *v)
{
	char text[UI_FIELD_MAX * 4 + 1];
	char *s = text;

	if (!ui_field_utf8(&v->scan, text, sizeof text))
		text[0] = '\0';
	ui_field_clear(&v->scan);
	while (*s == ' ')
		s++;
	for (char *e = s + strlen(s); e > s && e[-1] == ' ';)
		*--e = '\0';
	if (*s == '\0') {
		ui_message(ui, true, "Scan an item's label or type its reference, then Enter");
		return UI_REDRAW;
	}
	if (*s == 'B' || *s == 'b') {
		pr_batch b;
		pr_error err;
		if (pr_batch_get(ui->db, s, &b, &err) != PR_OK) {
			ui_error(ui, &err);
			return UI_REDRAW;
		}
		select_ref(ui, v, b.ref);
		if (strcmp(v->sel_ref, b.ref) != 0 || selected(v) == NULL ||
		    strcmp(selected(v)->ref, b.ref) != 0) {
			ui_message(ui, true, "Batch %s is not listed here", b.ref);
			return UI_REDRAW;
		}
		ui_message(ui, false, "Batch %s (%s, %s, %ld items) selected", b.ref, b.dept_code,
			   state_text(&b), b.items);
		if (b.status != PR_BATCH_OPEN)
			v->mode = MODE_LIST;
		return UI_REDRAW;
	}
	return add_item(ui, v, s);
}

static int open_new(struct ui *ui, struct bview *v)
{
	char code[PR_DEPT_NAME_MAX * 4 + 1];
	pr_batch b;
	pr_error err;

	ui_deptpick_update(ui, &v->dept);
	snprintf(code, sizeof code, "%s", ui_deptpick_chosen(&v->dept));
	if (code[0] == '\0') {
		ui_message(ui, true, "Type part of the department's name or code");
		return UI_REDRAW;
	}
	if (pr_batch_open(ui->db, code, &b, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	select_ref(ui, v, b.ref);
	v->on_items = false;
	v->mode = MODE_SCAN;
	ui_field_init(&v->scan, PR_REF_LEN - 1);
	ui_message(ui, false, "Opened %s for %s %s: scan or type its items", b.ref, b.dept_code,
		   b.dept_name);
	return UI_RELOAD | UI_REDRAW;
}

static int remove_item(struct ui *ui, struct bview *v)
{
	const pr_batch *b = open_batch(ui, v);
	const pr_item *it = b ? selected_item(ui, v) : NULL;
	char bref[PR_REF_LEN], iref[PR_REF_LEN];
	pr_batch after;
	pr_error err;

	if (it == NULL)
		return UI_REDRAW;
	snprintf(bref, sizeof bref, "%s", b->ref);
	snprintf(iref, sizeof iref, "%s", it->ref);
	if (pr_batch_remove(ui->db, bref, iref, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	if (pr_batch_get(ui->db, bref, &after, &err) == PR_OK)
		ui_message(ui, false, "Removed %s from %s (%ld item%s)", iref, bref, after.items,
			   after.items == 1 ? "" : "s");
	else
		ui_message(ui, false, "Removed %s from %s", iref, bref);
	return UI_RELOAD | UI_REDRAW;
}

static int scan_key(struct ui *ui, struct bview *v, enum ui_action act, ui_key key)
{
	bool full = false;

	switch (act) {
	case ACT_BACK:
	case ACT_BATCH_FOCUS:
		v->mode = MODE_LIST;
		ui_message(ui, false, "Scanning stopped");
		return UI_REDRAW;
	case ACT_BATCH_ENTER:
		return scan_enter(ui, v);
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
		ui_list_move(&v->ilist, act);
		return UI_REDRAW;
	default:
		break;
	}
	if (ui_field_key(&v->scan, key, &full) && full)
		ui_message(ui, true, "A reference is at most %zu characters", v->scan.max);
	return UI_REDRAW;
}

static int form_key(struct ui *ui, struct bview *v, enum ui_action act, ui_key key)
{
	bool full = false;

	switch (act) {
	case ACT_BACK:
		v->mode = MODE_LIST;
		ui_message(ui, false, "No batch opened");
		return UI_REDRAW;
	case ACT_BATCH_ENTER:
		return open_new(ui, v);
	case ACT_BATCH_FOCUS:
		ui_deptpick_accept(ui, &v->dept);
		return UI_REDRAW;
	case ACT_UP:
	case ACT_DOWN:
		ui_deptpick_update(ui, &v->dept);
		ui_deptpick_move(&v->dept, act);
		return UI_REDRAW;
	default:
		break;
	}
	if (ui_field_key(&v->dept.field, key, &full) && full)
		ui_message(ui, true, "Department is limited to %zu characters", v->dept.field.max);
	return UI_REDRAW;
}

static int pick_key(struct ui *ui, struct bview *v, enum ui_action act)
{
	if (act == ACT_BACK) {
		v->mode = MODE_LIST;
		return UI_REDRAW;
	}
	if (act == ACT_BATCH_ENTER) {
		if (v->npick == 0 || v->plist.sel >= v->npick) {
			ui_message(ui, true, "No item to add");
			return UI_REDRAW;
		}
		char ref[PR_REF_LEN];
		snprintf(ref, sizeof ref, "%s", v->pick[v->plist.sel].ref);
		return add_item(ui, v, ref);
	}
	ui_list_move(&v->plist, act);
	return UI_REDRAW;
}

static int batches_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	struct bview *v = view->priv;

	switch (v->mode) {
	case MODE_SCAN:
		return scan_key(ui, v, act, key);
	case MODE_NEW:
		return form_key(ui, v, act, key);
	case MODE_PICK:
		return pick_key(ui, v, act);
	case MODE_LIST:
		break;
	}
	const pr_item *it;
	switch (act) {
	case ACT_BATCH_NEW:
		ui_deptpick_init(&v->dept);
		v->mode = MODE_NEW;
		return UI_REDRAW;
	case ACT_BATCH_SCAN:
		if (open_batch(ui, v) == NULL)
			return UI_REDRAW;
		ui_field_init(&v->scan, PR_REF_LEN - 1);
		v->mode = MODE_SCAN;
		return UI_REDRAW;
	case ACT_BATCH_PICK:
		if (open_batch(ui, v) == NULL)
			return UI_REDRAW;
		v->pgen = 0;
		v->pick_for[0] = '\0';
		v->plist = (struct ui_list){ .cursor = true };
		v->mode = MODE_PICK;
		return UI_REDRAW;
	case ACT_BATCH_REMOVE:
		return remove_item(ui, v);
	case ACT_BATCH_CLOSE:
		return close_batch(ui, v);
	case ACT_BATCH_PRINT:
		return print_key(ui, v);
	case ACT_BATCH_FOCUS:
		v->on_items = !v->on_items;
		return UI_REDRAW;
	case ACT_BACK:
		v->on_items = false;
		return UI_REDRAW;
	case ACT_BATCH_ENTER:
		if (!v->on_items) {
			v->on_items = true;
			return UI_REDRAW;
		}
		if ((it = selected_item(ui, v)) != NULL)
			ui_item_popup(ui, it->ref);
		return UI_REDRAW;
	case ACT_BATCH_EXCEPTION:
	case ACT_BATCH_HAND_OVER:
		if ((it = selected_item(ui, v)) == NULL)
			return UI_REDRAW;
		if (act == ACT_BATCH_EXCEPTION)
			ui_desk_exception(ui, it->ref);
		else
			ui_desk_handover(ui, it->ref);
		return UI_REDRAW;
	default:
		break;
	}
	if (v->on_items)
		return ui_list_move(&v->ilist, act) ? UI_REDRAW : UI_OK;
	if (ui_list_move(&v->blist, act)) {
		note_selection(v);
		return UI_REDRAW;
	}
	return UI_OK;
}

static enum ui_mode batches_mode(const struct ui *ui, const struct view *view)
{
	const struct bview *v = view->priv;

	(void)ui;
	switch (v->mode) {
	case MODE_SCAN: return UIM_BATCH_SCAN;
	case MODE_NEW: return UIM_BATCH_NEW;
	case MODE_PICK: return UIM_BATCH_PICK;
	case MODE_LIST: break;
	}
	return list_mode(v);
}

static bool batches_text_focus(const struct ui *ui, const struct view *view)
{
	const struct bview *v = view->priv;

	(void)ui;
	return v->mode == MODE_SCAN || v->mode == MODE_NEW;
}

static void batches_open(struct ui *ui, struct view *view)
{
	struct bview *v = view->priv;

	(void)ui;
	v->blist.cursor = true;
	v->ilist.cursor = true;
	v->plist.cursor = true;
	ui_field_init(&v->scan, PR_REF_LEN - 1);
	ui_deptpick_init(&v->dept);
}

static void batches_done(struct ui *ui, struct view *view)
{
	struct bview *v = view->priv;

	(void)ui;
	free(v->batches);
	free(v->items);
	free(v->pick);
}

const struct view_ops view_batches_ops = {
	.priv_size = sizeof(struct bview),
	.open = batches_open,
	.refresh = batches_refresh,
	.draw = batches_draw,
	.key = batches_key,
	.text_focus = batches_text_focus,
	.mode = batches_mode,
	.done = batches_done,
};
