/* What the keys of the Batches screen do to batches: close one and offer
 * its sheets, print them, add an item (scanned, typed or picked), take one
 * out, open a batch for a department. Each goes to the core and puts the
 * outcome, or the core's refusal, on the status line.
 *
 * Sheets are written to a temporary PDF (pr_sheets_write) and handed to
 * pr_print_file: the printer in the configuration, or the spool folder. */
#include <stdio.h>
#include <string.h>

#include "postroom/batch.h"
#include "postroom/item.h"
#include "postroom/io/printer.h"
#include "postroom/service/print.h"

#include "ask.h"
#include "batches.h"

static const char *const print_answers[] = { "Yes, print the sheets now", "No, not now" };

/* The selected batch when it is open; else NULL with a message. */
const pr_batch *batch_open_selected(struct ui *ui, struct bview *v)
{
	const pr_batch *b = batch_selected(v);

	if (b == NULL) {
		ui_message(ui, true, "No batch: n opens one for a department");
		return NULL;
	}
	if (b->status != PR_BATCH_OPEN) {
		ui_message(ui, true, "Batch %s is %s: n opens a new one", b->ref, batch_state_text(b));
		return NULL;
	}
	return b;
}

/* The item selected in the items list; NULL with a message. */
const pr_item *batch_selected_item(struct ui *ui, struct bview *v)
{
	if (!v->on_items) {
		ui_message(ui, true, "Choose the item first: Tab goes to the batch's items");
		return NULL;
	}
	if (v->ni == 0 || v->itab.list.sel >= v->ni) {
		ui_message(ui, true, "The batch has no items");
		return NULL;
	}
	return &v->items[v->itab.list.sel];
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

/* Closes the selected open batch and asks whether to print its sheets. */
int batch_close(struct ui *ui, struct bview *v)
{
	const pr_batch *sel = batch_open_selected(ui, v);
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

/* Prints the sheets of the selected batch, which must be closed. */
int batch_print(struct ui *ui, struct bview *v)
{
	const pr_batch *b = batch_selected(v);

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
int batch_add_item(struct ui *ui, struct bview *v, const char *item_ref)
{
	const pr_batch *b = batch_open_selected(ui, v);
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
int batch_scan_enter(struct ui *ui, struct bview *v)
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
		batch_select_ref(ui, v, b.ref);
		if (strcmp(v->sel_ref, b.ref) != 0 || batch_selected(v) == NULL ||
		    strcmp(batch_selected(v)->ref, b.ref) != 0) {
			ui_message(ui, true, "Batch %s is not listed here", b.ref);
			return UI_REDRAW;
		}
		ui_message(ui, false, "Batch %s (%s, %s, %ld items) selected", b.ref, b.dept_code,
			   batch_state_text(&b), b.items);
		if (b.status != PR_BATCH_OPEN)
			v->mode = MODE_LIST;
		return UI_REDRAW;
	}
	return batch_add_item(ui, v, s);
}

/* Opens a batch for the form's department and starts the scan line. */
int batch_open_new(struct ui *ui, struct bview *v)
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
	batch_select_ref(ui, v, b.ref);
	v->on_items = false;
	v->mode = MODE_SCAN;
	ui_field_init(&v->scan, PR_REF_LEN - 1);
	ui_message(ui, false, "Opened %s for %s %s: scan or type its items", b.ref, b.dept_code,
		   b.dept_name);
	return UI_RELOAD | UI_REDRAW;
}

/* Takes the selected item out of the selected open batch. */
int batch_remove_item(struct ui *ui, struct bview *v)
{
	const pr_batch *b = batch_open_selected(ui, v);
	const pr_item *it = b ? batch_selected_item(ui, v) : NULL;
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
