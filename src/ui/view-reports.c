/* F7 Reports: the daily figures of the last 14 days (pr_report_daily):
 * received, scanned, emailed, exceptions, pending, scanned % against the
 * target in force, and whether it was met, in words as well as colour. */
#include <stdio.h>
#include <string.h>

#include "postroom/clock.h"
#include "postroom/report.h"

#include "ui.h"

#define REPORT_DAYS 14

struct reports {
	pr_figures days[REPORT_DAYS];
	size_t n;
	unsigned gen;
	char today[PR_DAY_LEN];
	bool failed;
};

static bool add_day(const pr_figures *f, void *ud)
{
	struct reports *r = ud;

	if (r->n < REPORT_DAYS)
		r->days[r->n++] = *f;
	return r->n < REPORT_DAYS;
}

static void load(struct ui *ui, struct reports *r)
{
	char from[PR_DAY_LEN];
	pr_error err;

	if (r->gen == ui->generation && strcmp(r->today, ui->today) == 0)
		return;
	r->gen = ui->generation;
	memcpy(r->today, ui->today, sizeof r->today);
	r->n = 0;
	pr_day_format(pr_time_dayno(pr_now()) - (REPORT_DAYS - 1), from);
	r->failed = pr_report_daily(ui->db, from, ui->today, NULL, add_day, r, &err) != PR_OK;
	if (r->failed)
		ui_error(ui, &err);
}

/* Prints a percentage with one decimal, or "-" when there is none. */
static void pct_text(const pr_figures *f, char *out, size_t cap)
{
	double pct;

	if (pr_figures_pct(f, &pct))
		snprintf(out, cap, "%.1f", pct);
	else
		snprintf(out, cap, "-");
}

static void draw_bar(int y, int x, int w, const pr_figures *f)
{
	double pct;

	if (w < 10 || !pr_figures_pct(f, &pct))
		return;
	int fill = (int)(pct / 100.0 * w + 0.5), mark = (int)(f->target_pct / 100.0 * w + 0.5);
	attrset(ui_role_attr(pr_figures_met(f) ? ROLE_MET : ROLE_BELOW));
	for (int i = 0; i < w; i++)
		mvaddch(y, x + i, i < fill ? '#' : (i == mark ? '|' : '.'));
	attrset(A_NORMAL);
}

static void reports_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct reports *r = view->priv;
	static const char head[] =
		"Date        Received Scanned Emailed Exceptions Pending Scanned% Target% Met";
	int x = area->x + 1, bar_x = x + (int)strlen(head) + 2;
	pr_figures total;
	char pct[16];

	load(ui, r);
	ui_putf(area->y, x, area->w - 2, ROLE_TITLE,
		"Reports - daily figures of the last %d days, all departments", REPORT_DAYS);
	ui_put(area->y + 2, x, area->w - 2, ROLE_LABEL, head);
	if (area->w - bar_x > 12)
		ui_put(area->y + 2, bar_x, area->w - bar_x - 1, ROLE_LABEL, "scanned (| = target)");
	memset(&total, 0, sizeof total);
	int y = area->y + 3;
	for (size_t i = 0; i < r->n && y < area->y + area->h - 2; i++, y++) {
		const pr_figures *f = &r->days[i];
		bool any = f->received > 0, met = pr_figures_met(f);
		pct_text(f, pct, sizeof pct);
		ui_putf(y, x, area->w - 2, ROLE_NORMAL,
			"%-10s  %8ld %7ld %7ld %10ld %7ld %8s %7g",
			f->day, f->received, f->scanned, f->emailed, f->exceptions, f->pending,
			pct, f->target_pct);
		ui_put(y, x + (int)strlen(head) - 3, 3, !any ? ROLE_DIM : met ? ROLE_MET : ROLE_BELOW,
		       !any ? "-" : met ? "yes" : "no");
		draw_bar(y, bar_x, area->w - bar_x - 1, f);
		total.received += f->received;
		total.scanned += f->scanned;
		total.emailed += f->emailed;
		total.exceptions += f->exceptions;
		total.pending += f->pending;
	}
	if (r->n > 0 && y < area->y + area->h) {
		pct_text(&total, pct, sizeof pct);
		ui_putf(y, x, area->w - 2, ROLE_TITLE, "%-10s  %8ld %7ld %7ld %10ld %7ld %8s",
			"Total", total.received, total.scanned, total.emailed, total.exceptions,
			total.pending, pct);
		y++;
	}
	if (!r->failed && y + 1 < area->y + area->h)
		ui_put(y + 1, x, area->w - 2, ROLE_DIM,
		       "Scanned% = scanned / received, one decimal; Met = at or above the target.");
}

static int reports_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	(void)ui;
	(void)view;
	(void)act;
	(void)key;
	return UI_OK;
}

const struct view_ops view_reports_ops = {
	.name = "reports",
	.title = "Reports",
	.screen = SCR_REPORTS,
	.priv_size = sizeof(struct reports),
	.draw = reports_draw,
	.key = reports_key,
};
