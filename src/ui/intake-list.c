/* The Intake screen's list of today's items, newest first: a table that
 * pages through the database, asking the core for the count and for the
 * rows on screen only (offset and limit), so thousands of items scroll
 * without delay; Enter shows one item with its history in a popup. */
#include <stdio.h>
#include <string.h>

#include "postroom/clock.h"
#include "postroom/item.h"

#include "desk.h"
#include "draw.h"
#include "fit.h"
#include "intake.h"
#include "table.h"

enum { C_TIME, C_REF, C_DEPT, C_SENDER, C_ADDRESSEE, C_KIND, C_TRACKING, C_STATUS, C_COUNT };

/* Kind shows from 100 columns, tracking from 125. */
static const struct ui_column columns[C_COUNT] = {
	[C_TIME] = { "Time", 5, UI_ALIGN_LEFT, 0 },
	[C_REF] = { "Reference", 13, UI_ALIGN_LEFT, 0 },
	[C_DEPT] = { "Dept", 9, UI_ALIGN_LEFT, 0 },
	[C_SENDER] = { "Sender", 0, UI_ALIGN_LEFT, 0 },
	[C_ADDRESSEE] = { "Addressee", 0, UI_ALIGN_LEFT, 0 },
	[C_KIND] = { "Kind", 13, UI_ALIGN_LEFT, 100 },
	[C_TRACKING] = { "Tracking", 14, UI_ALIGN_LEFT, 125 },
	[C_STATUS] = { "Status", 11, UI_ALIGN_LEFT, 0 },
};

static void cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_item *it = row;
	const char *s = NULL;
	char hhmm[6];

	(void)index;
	switch (col) {
	case C_TIME:
		pr_time_hhmm(it->received_at, hhmm);
		s = hhmm;
		break;
	case C_REF: s = it->ref; break;
	case C_DEPT: s = it->dept_code; break;
	case C_SENDER: s = it->sender; break;
	case C_ADDRESSEE: s = it->addressee; break;
	case C_KIND: s = pr_kind_label(it->kind); break;
	case C_TRACKING: s = it->tracking; break;
	case C_STATUS: s = pr_item_status_name(it->status); break;
	default: break;
	}
	snprintf(out, cap, "%s", s ? s : "?");
}

static void today_filter(const struct ui *ui, pr_item_filter *f)
{
	*f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f->from_day = ui->today;
	f->to_day = ui->today;
	f->newest_first = true;
}

static pr_status count_today(struct ui *ui, void *ctx, size_t *n, pr_error *err)
{
	pr_item_filter f;

	(void)ctx;
	today_filter(ui, &f);
	return pr_item_count(ui->db, &f, n, err);
}

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

static pr_status fetch_today(struct ui *ui, void *ctx, size_t offset, size_t limit, void *rows,
			     size_t *n, pr_error *err)
{
	pr_item_filter f;
	struct fetch fe = { rows, 0, limit };

	(void)ctx;
	today_filter(ui, &f);
	f.offset = offset;
	f.limit = limit;
	pr_status st = pr_item_list(ui->db, &f, fetch_row, &fe, err);
	if (st == PR_OK)
		*n = fe.n;
	return st;
}

static const struct ui_table_pager today_pager = { count_today, fetch_today };

/* Sets up the table. */
void intake_list_init(struct intake *in)
{
	struct ui_table *t = &in->today;

	ui_table_init(t, columns, C_COUNT, sizeof(pr_item), cell);
	ui_table_set_pager(t, &today_pager, NULL);
	ui_table_set_empty(t, "No items logged today yet.");
}

/* The table's place: below the title rule at relative row Y. */
static struct ui_rect table_rect(const struct ui_rect *area, int y)
{
	return (struct ui_rect){ area->y + y + 1, area->x, area->h - y - 1, area->w };
}

/* Reads the count and the rows on screen when they changed. */
void intake_list_refresh(struct ui *ui, struct intake *in, const struct ui_rect *area, int y)
{
	struct ui_rect r = table_rect(area, y);

	if (r.h >= 2)
		ui_table_page(ui, &in->today, r.h);
}

/* Draws the list with its title rule and column heads. */
void intake_list_draw(struct intake *in, const struct ui_rect *area, int y)
{
	struct ui_table *t = &in->today;
	struct ui_rect r = table_rect(area, y);
	char pos[64], base[160], hints[128], title[320];

	if (r.h < 2)
		return;
	ui_table_position(t, pos, sizeof pos);
	snprintf(base, sizeof base, "Today's items: %zu, newest first (%s)", ui_table_count(t), pos);
	ui_hints(intake_mode(in), area->w - 9 - ui_text_width(base), hints, sizeof hints);
	snprintf(title, sizeof title, "%s%s%s", base, hints[0] ? " - " : "", hints);
	ui_rule(area->y + y, area->x, area->w, ROLE_TITLE, title);
	ui_table_draw(t, &r, !in->in_form);
}

/* Moves in the list. */
bool intake_list_move(struct intake *in, enum ui_action act)
{
	return ui_table_move(&in->today, act);
}

/* Back to the newest item (after one was logged). */
void intake_list_top(struct intake *in)
{
	in->today.list.top = 0;
	ui_table_select(&in->today, 0);
}

/* The reference of the selected item, or NULL (a message says so). */
const char *intake_list_selected(struct ui *ui, struct intake *in)
{
	const pr_item *it = ui_table_selected(&in->today);

	if (it == NULL) {
		ui_message(ui, true, "No item is selected");
		return NULL;
	}
	return it->ref;
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
	ui_table_free(&in->today);
}
