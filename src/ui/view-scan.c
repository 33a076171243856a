/* F4 Scan: how many items wait for their scan and how many were scanned,
 * and what the worker has done with the hot folder's files. The list of
 * files, page review and fixing problems at the console are not in this
 * version: the command line does those (ingest, scan list, scan
 * exceptions, scan resolve). */
#include "postroom/item.h"
#include "postroom/scan.h"

#include "counts.h"
#include "draw.h"
#include "screens.h"

static const struct ui_count_row rows[] = {
	{ "in a batch, waiting for their scan (received today)", PR_ITEM_BATCHED, true },
	{ "in a batch, waiting for their scan (any day)", PR_ITEM_BATCHED, false },
	{ "scanned, received today", PR_ITEM_SCANNED, true },
	{ "exceptions received today (not for scanning)", PR_ITEM_EXCEPTION, true },
};
#define NROWS (sizeof rows / sizeof rows[0])

static const char notice[] =
	"The list of scan files, page review and fixing scan problems are not in this "
	"version of the console yet: this screen only counts. The worker (postroom "
	"worker) takes files from the hot folder; 'postroom scan list' and 'postroom "
	"scan exceptions' show them, 'postroom scan resolve' fixes a problem.";

struct scan_view {
	struct ui_counts items;
	pr_scan_counts files;
	bool files_ok;
	unsigned gen;
	bool read;
};

static void scan_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct scan_view *s = view->priv;
	(void)area;
	ui_counts_refresh(ui, &s->items, rows, NROWS);
	if (s->read && s->gen == ui->generation)
		return;
	s->read = true;
	s->gen = ui->generation;
	pr_error err;
	s->files_ok = pr_scan_counts_get(ui->db, &s->files, &err) == PR_OK;
	if (!s->files_ok)
		ui_error(ui, &err);
}

static int file_line(const struct scan_view *s, const struct ui_rect *area, int y, long v,
		     const char *label)
{
	if (y >= area->h)
		return y;
	if (s->files_ok)
		ui_putf(area->y + y, area->x + 2, area->w - 4, ROLE_NORMAL, "%8ld  %s", v, label);
	else
		ui_putf(area->y + y, area->x + 2, area->w - 4, ROLE_ERROR, "%8s  %s", "?", label);
	return y + 1;
}

static void scan_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	const struct scan_view *s = view->priv;
	(void)ui;
	ui_put(area->y, area->x + 1, area->w - 2, ROLE_TITLE, ui_screen_info(view->screen)->title);
	int y = ui_counts_draw(&s->items, rows, NROWS, area, 2);
	y = file_line(s, area, y + 1, s->files.ingested_today, "scan files ingested today");
	y = file_line(s, area, y, s->files.ingested, "scan files ingested in all");
	y = file_line(s, area, y, s->files.quarantined,
		      "scan files quarantined (unreadable, kept aside)");
	y = file_line(s, area, y, s->files.problems_open, "scan problems waiting for a person");
	ui_put_wrapped(area, y + 1, ROLE_LABEL, notice);
}

const struct view_ops view_scan_ops = {
	.priv_size = sizeof(struct scan_view),
	.refresh = scan_refresh,
	.draw = scan_draw,
};
