/* F7 Reports: the supervisor's dashboard for one day (today unless moved
 * with Left and Right), for all departments or, after Enter on one of the
 * five worst, for that department alone:
 *
 *   the day's scanned percentage in large figures, the target in force
 *   and a word (met / below / none received); the week and the month that
 *   hold the day (sums of daily counts); a 30-day bar chart ending on the
 *   day with the target line across; the five worst departments of the day
 *   (or the department's own counts); the backlog now by age.
 *
 * Figures come from the core's reports (daily rollups; the backlog reads
 * only open items) and are read again only when the database changed
 * (ui->generation, moved on by pr_db_changed), the day or the department
 * changed, or, for the backlog whose ages move with the clock, the minute
 * turned. 'T' opens a small form that sets a new target (pr_target_set:
 * supervisors only; the core's refusal is shown as it is). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/clock.h"
#include "postroom/report.h"
#include "postroom/target.h"

#include "bigfig.h"
#include "chart.h"
#include "draw.h"
#include "fit.h"
#include "textfield.h"
#include "ui.h"

#define DASH_DAYS 30
#define DASH_WORST 5
#define FORM_W 56
#define FORM_H 8

struct target_form {
	bool open;
	int focus;                 /* 0: the percentage, 1: the day */
	struct ui_field pct, day;
};

struct dash {
	long back;                 /* days before today the dashboard is on */
	char dept[13];             /* the department shown alone; "" for all */
	char dept_name[321];
	size_t sel;                /* the selected one of the worst */
	/* What was read, and for which data, day and department. */
	bool loaded;
	unsigned gen;
	long day;
	char loaded_dept[13];
	pr_time backlog_minute;
	pr_figures days[DASH_DAYS];
	size_t ndays;
	pr_figures week, month;
	pr_dept_figures worst[DASH_WORST];
	size_t nworst;
	pr_backlog backlog;
	struct target_form form;
};

static const char *const wdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* ---- reading ---- */

static bool add_day(const pr_figures *f, void *ud)
{
	struct dash *s = ud;

	if (s->ndays < DASH_DAYS)
		s->days[s->ndays++] = *f;
	return s->ndays < DASH_DAYS;
}

static bool take_first(const pr_figures *f, void *ud)
{
	*(pr_figures *)ud = *f;
	return false;
}

/* The worst departments that received anything (they come first). */
static bool add_worst(const pr_dept_figures *d, void *ud)
{
	struct dash *s = ud;

	if (d->f.received == 0)
		return false;
	s->worst[s->nworst++] = *d;
	return s->nworst < DASH_WORST;
}

/* The total row of the backlog: all departments, or the one asked for. */
static bool take_total(const pr_backlog *b, void *ud)
{
	if (b->code[0] == '\0')
		*(pr_backlog *)ud = *b;
	return true;
}

static long today_no(const struct ui *ui)
{
	long d = 0;

	if (pr_day_parse(ui->today, &d, NULL) != PR_OK)
		d = pr_time_dayno(pr_now());
	return d;
}

static void load(struct ui *ui, struct dash *s, long day)
{
	pr_time minute = pr_now() / 60;
	bool all = !s->loaded || s->gen != ui->generation || s->day != day ||
		   strcmp(s->loaded_dept, s->dept) != 0;
	const char *dept = s->dept[0] ? s->dept : NULL;
	pr_status st = PR_OK;
	pr_error err;

	if (!all && minute == s->backlog_minute)
		return;
	if (all) {
		char from[PR_DAY_LEN], to[PR_DAY_LEN];
		pr_day_format(day - (DASH_DAYS - 1), from);
		pr_day_format(day, to);
		s->loaded = true;
		s->gen = ui->generation;
		s->day = day;
		memcpy(s->loaded_dept, s->dept, sizeof s->loaded_dept);
		s->ndays = s->nworst = 0;
		memset(&s->week, 0, sizeof s->week);
		memset(&s->month, 0, sizeof s->month);
		st = pr_report_daily(ui->db, from, to, dept, add_day, s, &err);
		if (st == PR_OK)
			st = pr_report_periods(ui->db, PR_PERIOD_WEEK, to, to, dept, take_first,
					       &s->week, &err);
		if (st == PR_OK)
			st = pr_report_periods(ui->db, PR_PERIOD_MONTH, to, to, dept, take_first,
					       &s->month, &err);
		if (st == PR_OK && dept == NULL)
			st = pr_report_depts(ui->db, to, to, add_worst, s, &err);
	}
	s->backlog_minute = minute;
	memset(&s->backlog, 0, sizeof s->backlog);
	if (st == PR_OK)
		st = pr_report_backlog(ui->db, dept, take_total, &s->backlog, &err);
	if (st != PR_OK)
		ui_error(ui, &err);
	if (s->sel >= s->nworst)
		s->sel = s->nworst > 0 ? s->nworst - 1 : 0;
}

/* ---- words and numbers ---- */

/* The scanned percentage of F as "85.0%", or DASH when none was received. */
static void pct_text(const pr_figures *f, char *out, size_t cap, const char *dash)
{
	double pct;

	if (pr_figures_pct(f, &pct))
		snprintf(out, cap, "%.1f%%", pct);
	else
		snprintf(out, cap, "%s", dash);
}

/* "met", "below" or NONE, and the role to draw it in. */
static const char *verdict(const pr_figures *f, const char *none, enum ui_role *role)
{
	if (f->received <= 0) {
		*role = ROLE_DIM;
		return none;
	}
	bool met = pr_figures_met(f);
	*role = met ? ROLE_MET : ROLE_BELOW;
	return met ? "met" : "below";
}

static void day_text(long day, char *out, size_t cap)
{
	char d[PR_DAY_LEN];

	pr_day_format(day, d);
	snprintf(out, cap, "%s %s", wdays[pr_day_weekday(day)], d);
}

/* ---- drawing ---- */

static void draw_title(const struct dash *s, long today, long day, int y, int x, int w)
{
	char when[32], ago[32];

	day_text(day, when, sizeof when);
	if (day == today)
		snprintf(ago, sizeof ago, "today");
	else if (day == today - 1)
		snprintf(ago, sizeof ago, "yesterday");
	else
		snprintf(ago, sizeof ago, "%ld days ago", today - day);
	char hint[128];
	ui_hints(s->dept[0] ? UIM_REPORTS_DEPT : UIM_REPORTS_ALL, w - 46, hint, sizeof hint);
	int hw = ui_text_width(hint), tw = hw > 0 ? w - hw - 2 : w;
	if (s->dept[0])
		ui_putf(y, x, tw, ROLE_TITLE, "%s %s, %s (%s)", s->dept, s->dept_name, when, ago);
	else
		ui_putf(y, x, tw, ROLE_TITLE, "All departments, %s (%s)", when, ago);
	if (tw < w)
		ui_put(y, x + w - hw, hw, ROLE_DIM, hint);
}

/* One row of the week and month table; WIDE adds exceptions and pending. */
static void period_row(int y, int x, int w, bool wide, const char *label, const pr_figures *f)
{
	char pct[16], tgt[16];
	enum ui_role role;
	const char *word = verdict(f, "none", &role);
	int used;

	pct_text(f, pct, sizeof pct, "-");
	snprintf(tgt, sizeof tgt, "%g%%", f->target_pct);
	if (wide)
		used = ui_putf(y, x, w, ROLE_NORMAL, "%-14s%9ld%9ld%11ld%9ld%9s%8s ", label,
			       f->received, f->scanned, f->exceptions, f->pending, pct, tgt);
	else
		used = ui_putf(y, x, w, ROLE_NORMAL, "%-11s%7ld%8ld%8s%5s ", label, f->received,
			       f->scanned, pct, tgt);
	ui_put(y, x + used, w - used, role, word);
}

/* The big figure, the day's words and the week and month table. */
static void draw_top(const struct dash *s, int y, int x, int w)
{
	static const pr_figures nothing;
	const pr_figures *f = s->ndays > 0 ? &s->days[s->ndays - 1] : &nothing;
	char big[16], pct[16], sday[16], when[32], label[24];
	enum ui_role role;
	const char *word = verdict(f, "none received", &role);
	double sd;

	pct_text(f, pct, sizeof pct, "--");
	/* The text column stays put: room for "00.0%" at the larger scale
	 * when the table fits beside it; "100%" is written without its
	 * decimal to fit there. */
	snprintf(big, sizeof big, "%s", strcmp(pct, "100.0%") == 0 ? "100%" : pct);
	int scale = ui_bigfig_width("00.0%", 2) + 3 + 45 <= w ? 2 : 1;
	int room = ui_bigfig_width("00.0%", scale);
	if (ui_bigfig_width(big, scale) > room)
		scale = 1;
	ui_bigfig_draw(y, x, room, big, scale, role);
	int tx = x + room + 3, tw = x + w - tx;
	bool wide = tw >= 72;

	day_text(s->day, when, sizeof when);
	if (f->received > 0)
		ui_putf(y, tx, tw, ROLE_TITLE, "%s: %ld of %ld scanned = %s", when, f->scanned,
			f->received, pct);
	else
		ui_putf(y, tx, tw, ROLE_TITLE, "%s: nothing received", when);
	int used = ui_putf(y + 1, tx, tw, ROLE_LABEL, "Target %g%%: ", f->target_pct);
	used += ui_put(y + 1, tx + used, tw - used, role, f->received > 0 && pr_figures_met(f)
		       ? "MET" : f->received > 0 ? "BELOW target" : word);
	if (pr_figures_same_day_pct(f, &sd)) {
		snprintf(sday, sizeof sday, "%.1f%%", sd);
		ui_putf(y + 1, tx + used, tw - used, ROLE_LABEL, "  (same day %s)", sday);
	}
	if (wide)
		ui_putf(y + 2, tx, tw, ROLE_LABEL, "%-14s%9s%9s%11s%9s%9s%8s %s", "", "Received",
			"Scanned", "Exceptions", "Pending", "Scanned", "Target", "Met");
	else
		ui_putf(y + 2, tx, tw, ROLE_LABEL, "%-11s%7s%8s%8s%5s %s", "", "Rcvd", "Scanned",
			"%", "Tgt", "Met");
	snprintf(label, sizeof label, "Week %s", s->week.day[0] ? s->week.day + 5 : "-");
	period_row(y + 3, tx, tw, wide, label, &s->week);
	snprintf(label, sizeof label, "%s %.4s", s->month.day[0] ? months[(atoi(s->month.day + 5) + 11) % 12]
		 : "Month", s->month.day);
	period_row(y + 4, tx, tw, wide, label, &s->month);
}

static void draw_chart(const struct dash *s, int y, int x, int w, int h)
{
	struct ui_chart_point pts[DASH_DAYS];
	char title[128], when[32], last[16] = "none";

	day_text(s->day, when, sizeof when);
	snprintf(title, sizeof title, "Scanned %% a day, %d days to %s%s%s", DASH_DAYS, when,
		 s->dept[0] ? " - " : "", s->dept);
	ui_rule(y, x, w, ROLE_TITLE, title);
	memset(pts, 0, sizeof pts);
	for (size_t i = 0; i < s->ndays; i++) {
		const pr_figures *f = &s->days[i];
		pts[i].none = !pr_figures_pct(f, &pts[i].value);
		pts[i].role = pr_figures_met(f) ? ROLE_MET : ROLE_BELOW;
		snprintf(pts[i].label, sizeof pts[i].label, "%.5s", f->day + 5);
	}
	if (s->ndays > 0)
		pct_text(&s->days[s->ndays - 1], last, sizeof last, "none");
	struct ui_chart c = {
		.pts = pts, .n = s->ndays,
		.target = s->ndays > 0 ? s->days[s->ndays - 1].target_pct : -1,
		.last = last,
	};
	struct ui_rect r = { y + 1, x, h - 1, w };
	ui_chart_draw(&r, &c);
}

static void draw_worst(const struct dash *s, int y, int x, int w, int h)
{
	char title[64];

	snprintf(title, sizeof title, "Worst %d departments, %s", DASH_WORST,
		 s->ndays > 0 ? s->days[s->ndays - 1].day + 5 : "");
	ui_rule(y, x, w, ROLE_TITLE, title);
	int namew = w - 39;
	bool names = namew >= 10;
	int used = ui_putf(y + 1, x, w, ROLE_LABEL, "  %-8s", "Dept");
	if (names)
		used += ui_putf(y + 1, x + used, w - used, ROLE_LABEL, " %-*s", namew, "Name");
	ui_putf(y + 1, x + used, w - used, ROLE_LABEL, "%7s%8s%7s %s", "Rcvd", "Scanned", "%", "Met");
	if (s->nworst == 0)
		ui_put(y + 2, x + 2, w - 2, ROLE_DIM, "(no department received anything)");
	for (size_t i = 0; i < s->nworst && (int)i + 2 < h; i++) {
		const pr_dept_figures *d = &s->worst[i];
		char pct[16], name[1024];
		enum ui_role wrole, role = i == s->sel ? ROLE_CURSOR : ROLE_NORMAL;
		const char *word = verdict(&d->f, "-", &wrole);
		int ry = y + 2 + (int)i;
		if (i == s->sel)
			ui_fill(ry, x, w, ROLE_CURSOR);
		pct_text(&d->f, pct, sizeof pct, "-");
		used = ui_putf(ry, x, w, role, "%c %-8s", i == s->sel ? '>' : ' ', d->code);
		if (names) {
			ui_fit(name, sizeof name, d->name, namew);
			used += ui_putf(ry, x + used, w - used, role, " %s", name);
		}
		used += ui_putf(ry, x + used, w - used, role, "%7ld%8ld%7s ", d->f.received,
				d->f.scanned, pct);
		ui_put(ry, x + used, w - used, i == s->sel ? role : wrole, word);
	}
}

/* The department view's counts for the day in place of the worst five. */
static void draw_dept_day(const struct dash *s, int y, int x, int w, int h)
{
	static const pr_figures nothing;
	const pr_figures *f = s->ndays > 0 ? &s->days[s->ndays - 1] : &nothing;
	char title[64], pct[16] = "-", sd[16] = "-";
	double v;

	snprintf(title, sizeof title, "%s on %s", s->dept, f->day);
	ui_rule(y, x, w, ROLE_TITLE, title);
	pct_text(f, pct, sizeof pct, "-");
	if (pr_figures_same_day_pct(f, &v))
		snprintf(sd, sizeof sd, "%.1f%%", v);
	struct {
		const char *label;
		long n;
		const char *extra;
	} rows[] = {
		{ "Received", f->received, "" }, { "Scanned", f->scanned, pct },
		{ "Same day", f->scanned_same_day, sd }, { "Emailed", f->emailed, "" },
		{ "Exceptions", f->exceptions, "" }, { "Pending", f->pending, "" },
	};
	for (int i = 0; i < 6 && i + 1 < h; i++)
		ui_putf(y + 1 + i, x, w, ROLE_NORMAL, "  %-12s%8ld  %s", rows[i].label, rows[i].n,
			rows[i].extra);
}

static void draw_backlog(const struct dash *s, int y, int x, int w, int h)
{
	const pr_backlog *b = &s->backlog;
	long most = 1;

	char title[64], split[96];

	snprintf(title, sizeof title, "Backlog now by age%s%s", s->dept[0] ? ": " : " (open items)",
		 s->dept);
	ui_rule(y, x, w, ROLE_TITLE, title);
	ui_putf(y + 1, x, w, ROLE_LABEL, "  %-11s%7s", "Age", "Items");
	for (int a = 0; a < PR_AGE_COUNT; a++)
		if (b->by_age[a] > most)
			most = b->by_age[a];
	int barw = w - 23;
	for (int a = 0; a < PR_AGE_COUNT && a + 2 < h; a++) {
		ui_putf(y + 2 + a, x, w, ROLE_NORMAL, "  %-11s%7ld", pr_age_label((pr_age)a),
			b->by_age[a]);
		if (barw >= 4 && b->by_age[a] > 0) {
			int n = (int)((double)b->by_age[a] / (double)most * barw + 0.5);
			ui_glyphs(y + 2 + a, x + 22, n > 0 ? n : 1, L'\u2588', '#',
				  a >= PR_AGE_1_DAY ? ROLE_BELOW : ROLE_LABEL);
		}
	}
	if (PR_AGE_COUNT + 2 >= h)
		return;
	int used = ui_putf(y + 2 + PR_AGE_COUNT, x, w, ROLE_TITLE, "  %-11s%7ld  ", "Total", b->total);
	snprintf(split, sizeof split, "(%ld to scan, %ld exceptions)", b->unscanned, b->exceptions);
	if (ui_text_width(split) > w - used)
		snprintf(split, sizeof split, "(%ld exceptions)", b->exceptions);
	ui_put(y + 2 + PR_AGE_COUNT, x + used, w - used, ROLE_LABEL, split);
}

static void draw_form(struct ui *ui, struct dash *s, const struct ui_rect *area)
{
	struct target_form *fm = &s->form;
	struct ui_rect r = { area->y + (area->h - FORM_H) / 2, area->x + (area->w - FORM_W) / 2,
			     FORM_H, FORM_W };

	for (int i = 0; i < r.h; i++)
		ui_fill(r.y + i, r.x, r.w, ROLE_POPUP);
	ui_box(&r, ROLE_POPUP);
	ui_put(r.y, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " Set the scanned target ");
	ui_put(r.y + 2, r.x + 2, 14, ROLE_POPUP, "Target %");
	ui_field_draw(ui, &fm->pct, r.y + 2, r.x + 16, 8, fm->focus == 0);
	ui_put(r.y + 3, r.x + 2, 14, ROLE_POPUP, "From day");
	ui_field_draw(ui, &fm->day, r.y + 3, r.x + 16, 12, fm->focus == 1);
	ui_put(r.y + 4, r.x + 2, r.w - 4, ROLE_POPUP,
	       "Days before keep the target they had.");
	char hints[128];
	ui_hints(UIM_REPORTS_FORM, r.w - 4, hints, sizeof hints);
	ui_put(r.y + 6, r.x + 2, r.w - 4, ROLE_POPUP, hints);
}

static void reports_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct dash *s = view->priv;

	(void)area;
	if (s->back < 0)
		s->back = 0;
	load(ui, s, today_no(ui) - s->back);
}

static void reports_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct dash *s = view->priv;
	long today = today_no(ui);
	int x = area->x + 1, w = area->w - 2;

	draw_title(s, today, s->day, area->y, x, w);
	/* Rows: the title, the top (5), the chart, the bottom (title, header
	 * and five lines); a blank row between parts when there is room. */
	int gap = area->h >= 30 ? 1 : 0, bottom_h = 7;
	int top_y = area->y + 1 + gap, chart_y = top_y + UI_BIGFIG_ROWS + gap;
	int chart_h = area->y + area->h - bottom_h - gap - chart_y;
	int bottom_y = chart_y + chart_h + gap;
	draw_top(s, top_y, x, w);
	draw_chart(s, chart_y, x, w, chart_h);
	int lw = (w - 2) / 2;
	if (s->dept[0])
		draw_dept_day(s, bottom_y, x, lw, bottom_h);
	else
		draw_worst(s, bottom_y, x, lw, bottom_h);
	draw_backlog(s, bottom_y, x + lw + 2, w - lw - 2, bottom_h);
	if (s->form.open)
		draw_form(ui, s, area);
}

/* ---- keys ---- */

static void form_open(struct ui *ui, struct dash *s)
{
	struct target_form *fm = &s->form;
	char pct[16] = "";
	double now;
	pr_error err;

	ui_field_init(&fm->pct, 8);
	ui_field_init(&fm->day, 10);
	if (pr_target_on(ui->db, ui->today, &now, &err) == PR_OK)
		snprintf(pct, sizeof pct, "%g", now);
	ui_field_set(&fm->pct, pct);
	ui_field_set(&fm->day, ui->today);
	fm->focus = 0;
	fm->open = true;
	ui_message(ui, false, "New scanned target: the percentage and the day it takes effect");
}

static int form_submit(struct ui *ui, struct dash *s)
{
	struct target_form *fm = &s->form;
	char pct_s[64], day_s[64];
	pr_error err;

	if (!ui_field_utf8(&fm->pct, pct_s, sizeof pct_s) ||
	    !ui_field_utf8(&fm->day, day_s, sizeof day_s)) {
		ui_message(ui, true, "the fields do not convert to text");
		return UI_REDRAW;
	}
	double pct;
	if (pr_target_parse(pct_s, &pct, &err) != PR_OK) {
		ui_message(ui, true, "the target is a percentage, such as 95 or 97.5");
		fm->focus = 0;
		return UI_REDRAW;
	}
	if (pr_target_set(ui->db, pct, day_s, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	fm->open = false;
	ui_message(ui, false, "Scanned target set to %g%% from %s", pct, day_s);
	return UI_RELOAD | UI_REDRAW;
}

static int form_key(struct ui *ui, struct dash *s, enum ui_action act, ui_key key)
{
	struct target_form *fm = &s->form;
	bool full;

	if (act == ACT_BACK) {
		fm->open = false;
		ui_message(ui, false, "Target not changed");
		return UI_REDRAW;
	}
	if (act == ACT_OPEN_DEPT)
		return form_submit(ui, s);
	if (act == ACT_OTHER_FIELD || act == ACT_UP || act == ACT_DOWN) {
		fm->focus ^= 1;
		return UI_REDRAW;
	}
	if (ui_field_key(fm->focus == 0 ? &fm->pct : &fm->day, key, &full)) {
		if (full)
			ui_message(ui, true, "the field is full");
		return UI_REDRAW;
	}
	return UI_OK;
}

static int reports_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	struct dash *s = view->priv;
	long today = today_no(ui);

	if (s->form.open)
		return form_key(ui, s, act, key);
	switch (act) {
	case ACT_DAY_BACK:
	case ACT_WEEK_BACK:
		if (today - s->back > DASH_DAYS + 7)
			s->back += act == ACT_DAY_BACK ? 1 : 7;
		return UI_REDRAW;
	case ACT_DAY_FWD:
	case ACT_WEEK_FWD:
		s->back -= act == ACT_DAY_FWD ? 1 : 7;
		if (s->back < 0)
			s->back = 0;
		return UI_REDRAW;
	case ACT_TODAY:
		s->back = 0;
		return UI_REDRAW;
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return UI_REDRAW;
	case ACT_DOWN:
		if (s->sel + 1 < s->nworst)
			s->sel++;
		return UI_REDRAW;
	case ACT_OPEN_DEPT:
		if (s->dept[0] == '\0' && s->sel < s->nworst) {
			snprintf(s->dept, sizeof s->dept, "%s", s->worst[s->sel].code);
			snprintf(s->dept_name, sizeof s->dept_name, "%s", s->worst[s->sel].name);
		}
		return UI_REDRAW;
	case ACT_BACK:
		s->dept[0] = '\0';
		return UI_REDRAW;
	case ACT_SET_TARGET:
		form_open(ui, s);
		return UI_REDRAW;
	default:
		return UI_OK;
	}
}

static enum ui_mode reports_mode(const struct ui *ui, const struct view *view)
{
	const struct dash *s = view->priv;

	(void)ui;
	if (s->form.open)
		return UIM_REPORTS_FORM;
	return s->dept[0] ? UIM_REPORTS_DEPT : UIM_REPORTS_ALL;
}

static bool reports_text_focus(const struct ui *ui, const struct view *view)
{
	const struct dash *s = view->priv;

	(void)ui;
	return s->form.open;
}

const struct view_ops view_reports_ops = {
	.priv_size = sizeof(struct dash),
	.refresh = reports_refresh,
	.draw = reports_draw,
	.key = reports_key,
	.text_focus = reports_text_focus,
	.mode = reports_mode,
};
