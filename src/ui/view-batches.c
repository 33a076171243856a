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
 * This file holds the view: its modes, its keys and the new-batch form.
 * The lists and the picker are in batch-list.c, what the keys do to
 * batches in batch-actions.c (batches.h). */
#include <stdio.h>
#include <string.h>

#include "batches.h"
#include "desk.h"
#include "draw.h"

#define FORM_W 64
#define FORM_H 11

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

static void batches_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct bview *v = view->priv;

	batch_lists_refresh(ui, v, area);
	if (v->mode == MODE_NEW)
		ui_deptpick_update(ui, &v->dept);
}

static void batches_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct bview *v = view->priv;

	batch_lists_draw(ui, v, area);
	if (v->mode == MODE_NEW)
		draw_form(ui, v, area);
	else if (v->mode == MODE_PICK)
		batch_pick_draw(v, area);
}

/* ---- keys ---- */

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
		return batch_scan_enter(ui, v);
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
		ui_table_move(&v->itab, act);
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
		return batch_open_new(ui, v);
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
		if (v->npick == 0 || v->ptab.list.sel >= v->npick) {
			ui_message(ui, true, "No item to add");
			return UI_REDRAW;
		}
		char ref[PR_REF_LEN];
		snprintf(ref, sizeof ref, "%s", v->pick[v->ptab.list.sel].ref);
		return batch_add_item(ui, v, ref);
	}
	ui_table_move(&v->ptab, act);
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
		if (batch_open_selected(ui, v) == NULL)
			return UI_REDRAW;
		ui_field_init(&v->scan, PR_REF_LEN - 1);
		v->mode = MODE_SCAN;
		return UI_REDRAW;
	case ACT_BATCH_PICK:
		if (batch_open_selected(ui, v) == NULL)
			return UI_REDRAW;
		v->pgen = 0;
		v->pick_for[0] = '\0';
		v->ptab.list = (struct ui_list){ .cursor = true };
		v->mode = MODE_PICK;
		return UI_REDRAW;
	case ACT_BATCH_REMOVE:
		return batch_remove_item(ui, v);
	case ACT_BATCH_CLOSE:
		return batch_close(ui, v);
	case ACT_BATCH_PRINT:
		return batch_print(ui, v);
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
		if ((it = batch_selected_item(ui, v)) != NULL)
			ui_item_popup(ui, it->ref);
		return UI_REDRAW;
	case ACT_BATCH_EXCEPTION:
	case ACT_BATCH_HAND_OVER:
		if ((it = batch_selected_item(ui, v)) == NULL)
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
		return ui_table_move(&v->itab, act) ? UI_REDRAW : UI_OK;
	if (ui_table_move(&v->btab, act)) {
		batch_note_selection(v);
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
	return batch_list_mode(v);
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
	batch_lists_init(v);
	ui_field_init(&v->scan, PR_REF_LEN - 1);
	ui_deptpick_init(&v->dept);
}

static void batches_done(struct ui *ui, struct view *view)
{
	(void)ui;
	batch_lists_free(view->priv);
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
