/* F4 Scan: the scanning service at the desk.
 *
 * Above, the hot folder and its worker (running or not, its process, the
 * last activity) and the file the worker has in hand with a progress bar
 * by page, read again on every tick from the worker's status file
 * (service/scandesk.h). Below, one of four lists, chosen with Tab or 1-4:
 *
 *   1 files ingested today, with their batch, items and pages (Enter: all
 *     of a file);
 *   2 open scan problems: Enter asks how to resolve one; A gives its pages
 *     to an item whose reference is typed or scanned with a handheld
 *     scanner; S sets them aside with a reason (pr_scan_resolve_item,
 *     pr_scan_resolve_aside: audited);
 *   3 quarantined files with the reasons;
 *   4 items scanned today: Enter opens the page review (scan-review.c),
 *     I the index form beside it (pr_item_index), R marks the item for
 *     rescan with a reason (pr_item_rescan).
 *
 * This file holds the view: its modes, keys and questions. The lists and
 * the worker's lines are in scan-list.c, the review in scan-review.c
 * (scanview.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/item.h"
#include "postroom/scan.h"

#include "desk.h"
#include "draw.h"
#include "popup.h"
#include "scanview.h"

static struct sview *view_of(struct ui *ui)
{
	return ui->views[SCR_SCAN].priv;
}

/* ---- questions ---- */

static int assigned(struct ui *ui, const char *about, int choice, const char *text)
{
	pr_error err;
	long long id = atoll(about);

	(void)choice;
	if (!*text) {
		ui_message(ui, true, "No reference given: problem P%lld not changed", id);
		return UI_REDRAW;
	}
	if (pr_scan_resolve_item(ui->db, id, text, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	pr_scan_problem p;
	if (pr_scan_problem_get(ui->db, id, &p, &err) == PR_OK)
		ui_message(ui, false, "Problem P%lld resolved: pages %s given to %s, now scanned",
			   id, p.page_list, p.item_ref);
	else
		ui_message(ui, false, "Problem P%lld resolved: its pages given to %s", id, text);
	return UI_RELOAD | UI_REDRAW;
}

static int set_aside(struct ui *ui, const char *about, int choice, const char *text)
{
	pr_error err;
	long long id = atoll(about);

	(void)choice;
	if (!*text) {
		ui_message(ui, true, "No reason given: problem P%lld not changed", id);
		return UI_REDRAW;
	}
	if (pr_scan_resolve_aside(ui->db, id, text, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	ui_message(ui, false, "Problem P%lld resolved: its pages set aside (%s)", id, text);
	return UI_RELOAD | UI_REDRAW;
}

static void ask_assign(struct ui *ui, const pr_scan_problem *p)
{
	char about[32], prompt[600];

	snprintf(about, sizeof about, "%lld", (long long)p->id);
	snprintf(prompt, sizeof prompt, "Pages %s of %s go to item (type or scan it):",
		 p->pages ? p->page_list : "none", p->file_name);
	ui_ask_text(ui, "Assign the pages to an item", prompt, PR_REF_LEN - 1, assigned, about);
}

static void ask_aside(struct ui *ui, const pr_scan_problem *p)
{
	char about[32], prompt[600];

	snprintf(about, sizeof about, "%lld", (long long)p->id);
	snprintf(prompt, sizeof prompt, "Why are the pages of problem P%lld set aside?",
		 (long long)p->id);
	ui_ask_text(ui, "Set the pages aside", prompt, PR_REASON_MAX, set_aside, about);
}

static const char *const resolutions[] = {
	"Assign its pages to an item",
	"Set its pages aside with a reason",
};

static int resolve_chosen(struct ui *ui, const char *about, int choice, const char *text)
{
	pr_scan_problem p;
	pr_error err;

	(void)text;
	if (pr_scan_problem_get(ui->db, atoll(about), &p, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	if (choice == 0)
		ask_assign(ui, &p);
	else
		ask_aside(ui, &p);
	return UI_REDRAW;
}

static int rescanned(struct ui *ui, const char *about, int choice, const char *text)
{
	pr_error err;
	pr_item it;

	(void)choice;
	if (!*text) {
		ui_message(ui, true, "No reason given: %s not changed", about);
		return UI_REDRAW;
	}
	if (pr_item_rescan(ui->db, about, text, &it, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	struct sview *v = view_of(ui);
	if (v->mode != SMODE_LIST && strcmp(v->rev.ref, it.ref) == 0)
		v->mode = SMODE_LIST;
	ui_message(ui, false, "%s marked for rescan: back in batch %s", it.ref, it.batch_ref);
	return UI_RELOAD | UI_REDRAW;
}

static void ask_rescan(struct ui *ui, const char *ref)
{
	char prompt[120];

	snprintf(prompt, sizeof prompt, "Why scan %s again (pages missing, unreadable...)?", ref);
	ui_ask_text(ui, "Mark for rescan", prompt, PR_REASON_MAX, rescanned, ref);
}

/* A file's record in a popup. */
static void file_popup(struct ui *ui, const pr_scan_file *f)
{
	char when[PR_TIME_LEN];

	ui_popup_open(ui, f->name);
	ui_popup_add(ui, "Status     %s", pr_scan_status_name(f->status));
	ui_popup_add(ui, "Kept at    %s", f->path);
	ui_time_text(f->arrived_at, when);
	ui_popup_add(ui, "Arrived    %s", when);
	if (f->done_at) {
		ui_time_text(f->done_at, when);
		ui_popup_add(ui, "Done       %s", when);
	}
	ui_popup_add(ui, "Pages      %d", f->pages);
	ui_popup_add(ui, "Batch      %s", *f->batch_ref ? f->batch_ref : "none");
	ui_popup_add(ui, "Items      %d scanned", f->items);
	ui_popup_add(ui, "Problems   %d", f->problems);
	ui_popup_add(ui, "Size       %lld bytes", f->size);
	ui_popup_add(ui, "SHA-256    %s", *f->sha256 ? f->sha256 : "(not read)");
	if (*f->reason)
		ui_popup_add(ui, "Why        %s", f->reason);
}

/* ---- the view ---- */

static void scan_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct sview *v = view->priv;

	scan_desk_refresh(ui, v);
	scan_lists_refresh(ui, v, area);
	if (v->mode != SMODE_LIST)
		scan_review_refresh(ui, v, area);
}

static void scan_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct sview *v = view->priv;

	if (v->mode == SMODE_LIST)
		scan_lists_draw(ui, v, area);
	else
		scan_review_draw(ui, v, area);
}

static bool scan_tick(struct ui *ui, struct view *view)
{
	return scan_desk_refresh(ui, view->priv);
}

static int index_key(struct ui *ui, struct sview *v, enum ui_action act, ui_key key)
{
	bool full = false;

	switch (act) {
	case ACT_BACK:
		v->mode = SMODE_REVIEW;
		ui_message(ui, false, "Not indexed: %s unchanged", v->rev.ref);
		return UI_REDRAW;
	case ACT_SCAN_ENTER:
		return scan_index_save(ui, v);
	case ACT_SCAN_LIST:
	case ACT_UP:
	case ACT_DOWN:
		v->field = !v->field;
		return UI_REDRAW;
	default:
		break;
	}
	struct ui_field *f = v->field ? &v->addressee : &v->sender;
	if (ui_field_key(f, key, &full) && full)
		ui_message(ui, true, "At most %zu characters", f->max);
	return UI_REDRAW;
}

/* Up and Down in the review: the item before or after in the list. */
static void review_other_item(struct ui *ui, struct sview *v, enum ui_action act)
{
	struct ui_table *t = &v->tab[SL_ITEMS];

	scan_select_item(v, v->rev.ref);
	if (!ui_table_move(t, act))
		return;
	const pr_scan_review *r = scan_selected_item(v);
	if (r != NULL && strcmp(r->ref, v->rev.ref) != 0)
		scan_review_open(ui, v, r);
	else
		ui_message(ui, false, "No other item that way");
}

static int review_key(struct ui *ui, struct sview *v, enum ui_action act)
{
	switch (act) {
	case ACT_BACK:
		v->mode = SMODE_LIST;
		v->list = SL_ITEMS;
		scan_select_item(v, v->rev.ref);
		return UI_REDRAW;
	case ACT_SCAN_NEXT_PAGE:
		scan_review_step(v, 1);
		return UI_REDRAW;
	case ACT_SCAN_PREV_PAGE:
		scan_review_step(v, -1);
		return UI_REDRAW;
	case ACT_HOME:
		v->cur = 0;
		return UI_REDRAW;
	case ACT_END:
		scan_review_step(v, (int)v->npages);
		return UI_REDRAW;
	case ACT_SCAN_WHOLE_FILE:
		scan_review_whole_file(ui, v);
		return UI_REDRAW;
	case ACT_SCAN_STYLE:
		scan_review_next_style(ui, v);
		return UI_REDRAW;
	case ACT_SCAN_INDEX:
		scan_index_open(v);
		return UI_REDRAW;
	case ACT_SCAN_RESCAN:
		ask_rescan(ui, v->rev.ref);
		return UI_REDRAW;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
		review_other_item(ui, v, act);
		return UI_REDRAW;
	default:
		return UI_OK;
	}
}

static int list_key(struct ui *ui, struct sview *v, enum ui_action act, ui_key key)
{
	const pr_scan_problem *p = scan_selected_problem(v);
	const pr_scan_review *r = v->list == SL_ITEMS ? scan_selected_item(v) : NULL;
	const pr_scan_file *f = scan_selected_file(v);
	char about[32];

	switch (act) {
	case ACT_SCAN_LIST:
		v->list = (enum slist)((v->list + (key == UI_TAB ? 1 : SL_COUNT - 1)) % SL_COUNT);
		return UI_REDRAW;
	case ACT_SCAN_FILES:
	case ACT_SCAN_PROBLEMS:
	case ACT_SCAN_QUARANTINE:
	case ACT_SCAN_ITEMS:
		v->list = (enum slist)(act - ACT_SCAN_FILES);
		return UI_REDRAW;
	case ACT_SCAN_ENTER:
		if (v->list == SL_PROBLEMS && p != NULL) {
			snprintf(about, sizeof about, "%lld", (long long)p->id);
			char prompt[300];
			snprintf(prompt, sizeof prompt, "P%lld %s: %s", (long long)p->id,
				 pr_scan_problem_name(p->kind), p->detail);
			ui_ask_choice(ui, "Resolve the scan problem", prompt, resolutions, 2,
				      resolve_chosen, about);
		} else if (r != NULL) {
			scan_review_open(ui, v, r);
		} else if (f != NULL) {
			file_popup(ui, f);
		} else {
			ui_message(ui, true, "Nothing selected");
		}
		return UI_REDRAW;
	case ACT_SCAN_ASSIGN:
	case ACT_SCAN_ASIDE:
		if (p == NULL) {
			ui_message(ui, true, "Choose a problem first (2: Problems)");
			return UI_REDRAW;
		}
		if (act == ACT_SCAN_ASSIGN)
			ask_assign(ui, p);
		else
			ask_aside(ui, p);
		return UI_REDRAW;
	case ACT_SCAN_INDEX:
	case ACT_SCAN_RESCAN:
		if (r == NULL) {
			ui_message(ui, true, "Choose a scanned item first (4: Scanned items)");
			return UI_REDRAW;
		}
		if (act == ACT_SCAN_RESCAN) {
			ask_rescan(ui, r->ref);
		} else {
			scan_review_open(ui, v, r);
			scan_index_open(v);
		}
		return UI_REDRAW;
	default:
		break;
	}
	return ui_table_move(scan_table(v), act) ? UI_REDRAW : UI_OK;
}

static int scan_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	struct sview *v = view->priv;

	switch (v->mode) {
	case SMODE_INDEX:
		return index_key(ui, v, act, key);
	case SMODE_REVIEW:
		return review_key(ui, v, act);
	case SMODE_LIST:
		break;
	}
	return list_key(ui, v, act, key);
}

static enum ui_mode scan_mode(const struct ui *ui, const struct view *view)
{
	const struct sview *v = view->priv;
	static const enum ui_mode lists[SL_COUNT] = {
		[SL_FILES] = UIM_SCAN_FILES, [SL_PROBLEMS] = UIM_SCAN_PROBLEMS,
		[SL_QUARANTINE] = UIM_SCAN_QUARANTINE, [SL_ITEMS] = UIM_SCAN_ITEMS,
	};

	(void)ui;
	switch (v->mode) {
	case SMODE_INDEX: return UIM_SCAN_INDEX;
	case SMODE_REVIEW: return UIM_SCAN_REVIEW;
	case SMODE_LIST: break;
	}
	return lists[v->list];
}

static bool scan_text_focus(const struct ui *ui, const struct view *view)
{
	const struct sview *v = view->priv;

	(void)ui;
	return v->mode == SMODE_INDEX;
}

static void scan_open(struct ui *ui, struct view *view)
{
	struct sview *v = view->priv;

	(void)ui;
	scan_lists_init(v);
	v->style = MB_CUR_MAX > 1 ? PR_PREVIEW_BRAILLE : PR_PREVIEW_ASCII;
	v->list = SL_FILES;
}

static void scan_done(struct ui *ui, struct view *view)
{
	(void)ui;
	scan_lists_free(view->priv);
	scan_review_free(view->priv);
}

const struct view_ops view_scan_ops = {
	.priv_size = sizeof(struct sview),
	.open = scan_open,
	.refresh = scan_refresh,
	.draw = scan_draw,
	.key = scan_key,
	.text_focus = scan_text_focus,
	.mode = scan_mode,
	.tick = scan_tick,
	.done = scan_done,
};
