/* postroom report: the supervisor's figures (DESIGN.md section 4), all read
 * from the daily counts the core keeps, and `report check` to verify them. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/report.h"
#include "postroom/service/print.h"
#include "postroom/xmem.h"

/* --- shared -------------------------------------------------------------- */

typedef struct report_opts {
	cli_args a;
	cli_format fmt;
	char from[PR_DAY_LEN], to[PR_DAY_LEN];
	const char *dept;
} report_opts;

/* Parses --from/--to (default: DEFAULT_DAYS days up to today, or to --to),
 * --dept when CMD has it, and --format. False on bad usage (printed). */
static bool report_args(report_opts *o, const char *cmd, int argc, char **argv,
			long default_days)
{
	pr_error err;
	long from, to;
	if (!cli_parse(&o->a, cmd, argc, argv) || !cli_format_of(&o->a, &o->fmt))
		return false;
	if (o->a.npos > 0) {
		cli_usage_error(cmd, "unexpected argument '%s'", o->a.pos[0]);
		return false;
	}
	to = pr_time_dayno(pr_now());
	if (cli_opt(&o->a, "to") && pr_day_parse(cli_opt(&o->a, "to"), &to, &err)) {
		cli_usage_error(cmd, "--to: %s", err.msg);
		return false;
	}
	from = to - (default_days - 1);
	if (cli_opt(&o->a, "from") && pr_day_parse(cli_opt(&o->a, "from"), &from, &err)) {
		cli_usage_error(cmd, "--from: %s", err.msg);
		return false;
	}
	if (from > to) {
		cli_usage_error(cmd, "--from is after --to");
		return false;
	}
	pr_day_format(from, o->from);
	pr_day_format(to, o->to);
	o->dept = cli_opt(&o->a, "dept");
	return true;
}

static void fmt_long(char *out, size_t cap, long v)
{
	snprintf(out, cap, "%ld", v);
}

/* The percentage text of F (one decimal) or "" when nothing was received. */
static void pct_of(const pr_figures *f, bool same_day, char *out, size_t cap)
{
	double p;
	out[0] = '\0';
	if (same_day ? pr_figures_same_day_pct(f, &p) : pr_figures_pct(f, &p))
		snprintf(out, cap, "%.1f", p);
}

static const char *met_of(const pr_figures *f, cli_format fmt)
{
	if (f->received == 0)
		return fmt == FMT_TEXT ? "-" : "";
	return pr_figures_met(f) ? "yes" : "no";
}

/* The figures of F as text cells: counts, percentages, target, met. */
typedef struct figure_cells {
	char received[24], scanned[24], emailed[24], exceptions[24], pending[24];
	char pct[16], same_day[16], target[16];
	const char *met;
} figure_cells;

static void figure_cells_of(const pr_figures *f, cli_format fmt, figure_cells *c)
{
	fmt_long(c->received, sizeof c->received, f->received);
	fmt_long(c->scanned, sizeof c->scanned, f->scanned);
	fmt_long(c->emailed, sizeof c->emailed, f->emailed);
	fmt_long(c->exceptions, sizeof c->exceptions, f->exceptions);
	fmt_long(c->pending, sizeof c->pending, f->pending);
	pct_of(f, false, c->pct, sizeof c->pct);
	pct_of(f, true, c->same_day, sizeof c->same_day);
	snprintf(c->target, sizeof c->target, "%.1f", f->target_pct);
	c->met = met_of(f, fmt);
}

/* --- daily, weekly, monthly -------------------------------------------- */

/* The contract's columns in its order, then the same-day rate. */
static const cli_col period_cols[] = {
	{ .name = "date" },
	{ .name = "received", .type = COL_NUMBER },
	{ .name = "scanned", .type = COL_NUMBER },
	{ .name = "emailed", .type = COL_NUMBER },
	{ .name = "exceptions", .type = COL_NUMBER },
	{ .name = "pending", .type = COL_NUMBER },
	{ .name = "scanned_pct", .type = COL_NUMBER },
	{ .name = "target_pct", .type = COL_NUMBER },
	{ .name = "met", .type = COL_BOOL },
	{ .name = "same_day_pct", .type = COL_NUMBER },
};

/* The same in text: fits 80 columns. */
static const cli_col period_text_cols[] = {
	{ .name = "DATE", .width = 10 },
	{ .name = "RECVD", .width = 6, .right = true },
	{ .name = "SCAN", .width = 6, .right = true },
	{ .name = "EMAIL", .width = 6, .right = true },
	{ .name = "EXC", .width = 5, .right = true },
	{ .name = "PEND", .width = 5, .right = true },
	{ .name = "SCAN%", .width = 6, .right = true },
	{ .name = "TGT%", .width = 5, .right = true },
	{ .name = "MET", .width = 3 },
	{ .name = "SAME%", .width = 6, .right = true },
};

static bool period_row(const pr_figures *f, void *ud)
{
	cli_table *t = ud;
	figure_cells c;
	figure_cells_of(f, t->format, &c);
	const char *row[] = { f->day, c.received, c.scanned, c.emailed, c.exceptions,
			      c.pending, c.pct, c.target, c.met, c.same_day };
	table_row(t, row);
	return true;
}

static int report_periods(pr_app *app, pr_period kind, const char *cmd,
			  long default_days, int argc, char **argv)
{
	report_opts o;
	pr_error err;
	if (!report_args(&o, cmd, argc, argv, default_days))
		return EXIT_USAGE;
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, o.fmt, o.fmt == FMT_TEXT ? period_text_cols : period_cols, 10,
		    stdout);
	pr_status st = pr_report_periods(app->db, kind, o.from, o.to, o.dept,
					 period_row, &t, &err);
	return table_finish(&t, st, &err);
}

/* --- per department ------------------------------------------------------ */

static const cli_col dept_cols[] = {
	{ .name = "dept" },
	{ .name = "name" },
	{ .name = "received", .type = COL_NUMBER },
	{ .name = "scanned", .type = COL_NUMBER },
	{ .name = "emailed", .type = COL_NUMBER },
	{ .name = "exceptions", .type = COL_NUMBER },
	{ .name = "pending", .type = COL_NUMBER },
	{ .name = "scanned_pct", .type = COL_NUMBER },
	{ .name = "target_pct", .type = COL_NUMBER },
	{ .name = "met", .type = COL_BOOL },
	{ .name = "same_day_pct", .type = COL_NUMBER },
};

static const cli_col dept_text_cols[] = {
	{ .name = "DEPT", .width = 8 },
	{ .name = "NAME", .width = 18 },
	{ .name = "RECVD", .width = 6, .right = true },
	{ .name = "SCAN", .width = 6, .right = true },
	{ .name = "EXC", .width = 5, .right = true },
	{ .name = "PEND", .width = 5, .right = true },
	{ .name = "SCAN%", .width = 6, .right = true },
	{ .name = "TGT%", .width = 5, .right = true },
	{ .name = "MET", .width = 3 },
};

typedef struct dept_ctx {
	cli_table *t;
	const char *only;
} dept_ctx;

static bool dept_row(const pr_dept_figures *d, void *ud)
{
	dept_ctx *c = ud;
	const pr_figures *f = &d->f;
	if (c->only && strcasecmp(c->only, d->code) != 0)
		return true;
	figure_cells x;
	figure_cells_of(f, c->t->format, &x);
	if (c->t->format == FMT_TEXT) {
		const char *row[] = { d->code, d->name, x.received, x.scanned,
				      x.exceptions, x.pending, x.pct, x.target, x.met };
		table_row(c->t, row);
	} else {
		const char *row[] = { d->code, d->name, x.received, x.scanned, x.emailed,
				      x.exceptions, x.pending, x.pct, x.target, x.met,
				      x.same_day };
		table_row(c->t, row);
	}
	return true;
}

int cmd_report_dept(pr_app *app, int argc, char **argv)
{
	report_opts o;
	pr_error err;
	pr_dept dept;
	if (!report_args(&o, "report dept", argc, argv, 30))
		return EXIT_USAGE;
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (o.dept && pr_dept_find(app->db, o.dept, &dept, &err) != PR_OK)
		return cli_fail(&err);
	cli_table t;
	if (o.fmt == FMT_TEXT)
		table_begin(&t, o.fmt, dept_text_cols, 9, stdout);
	else
		table_begin(&t, o.fmt, dept_cols, 11, stdout);
	dept_ctx c = { &t, o.dept };
	pr_status st = pr_report_depts(app->db, o.from, o.to, dept_row, &c, &err);
	return table_finish(&t, st, &err);
}

/* --- backlog ------------------------------------------------------------- */

static const cli_col backlog_cols[] = {
	{ .name = "dept" },
	{ .name = "name" },
	{ .name = "under_4h", .type = COL_NUMBER },
	{ .name = "same_day", .type = COL_NUMBER },
	{ .name = "1_day", .type = COL_NUMBER },
	{ .name = "2_days_plus", .type = COL_NUMBER },
	{ .name = "unscanned", .type = COL_NUMBER },
	{ .name = "exceptions", .type = COL_NUMBER },
	{ .name = "total", .type = COL_NUMBER },
};

/* 80 columns in all. */
static const cli_col backlog_text_cols[] = {
	{ .name = "DEPT", .width = 8 },
	{ .name = "NAME", .width = 16 },
	{ .name = "<4H", .width = 5, .right = true },
	{ .name = "SAMEDAY", .width = 7, .right = true },
	{ .name = "1DAY", .width = 5, .right = true },
	{ .name = "2+DAYS", .width = 6, .right = true },
	{ .name = "UNSCAN", .width = 6, .right = true },
	{ .name = "EXC", .width = 5, .right = true },
	{ .name = "TOTAL", .width = 6, .right = true },
};

static bool backlog_row(const pr_backlog *b, void *ud)
{
	cli_table *t = ud;
	char n[7][24];
	for (int a = 0; a < PR_AGE_COUNT; a++)
		fmt_long(n[a], sizeof n[a], b->by_age[a]);
	fmt_long(n[4], sizeof n[4], b->unscanned);
	fmt_long(n[5], sizeof n[5], b->exceptions);
	fmt_long(n[6], sizeof n[6], b->total);
	const char *code = b->code[0] ? b->code : (t->format == FMT_TEXT ? "ALL" : "");
	const char *row[] = { code, b->name, n[0], n[1], n[2], n[3], n[4], n[5], n[6] };
	table_row(t, row);
	return true;
}

int cmd_report_backlog(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	if (!cli_parse(&a, "report backlog", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("report backlog", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, fmt, fmt == FMT_TEXT ? backlog_text_cols : backlog_cols, 9, stdout);
	pr_status st = pr_report_backlog(app->db, cli_opt(&a, "dept"), backlog_row, &t, &err);
	return table_finish(&t, st, &err);
}

/* --- cycle times --------------------------------------------------------- */

static const cli_col cycle_cols[] = {
	{ .name = "date" },
	{ .name = "received", .type = COL_NUMBER },
	{ .name = "scanned", .type = COL_NUMBER },
	{ .name = "scan_median_min", .type = COL_NUMBER },
	{ .name = "scan_p90_min", .type = COL_NUMBER },
	{ .name = "emailed", .type = COL_NUMBER },
	{ .name = "email_median_min", .type = COL_NUMBER },
	{ .name = "email_p90_min", .type = COL_NUMBER },
};

static const cli_col cycle_text_cols[] = {
	{ .name = "DATE", .width = 10 },
	{ .name = "RECVD", .width = 6, .right = true },
	{ .name = "SCANNED", .width = 7, .right = true },
	{ .name = "SCAN-MED", .width = 8, .right = true },
	{ .name = "SCAN-P90", .width = 8, .right = true },
	{ .name = "EMAILED", .width = 7, .right = true },
	{ .name = "MAIL-MED", .width = 8, .right = true },
	{ .name = "MAIL-P90", .width = 8, .right = true },
};

/* Minutes as a number (csv, json) or h:mm (text); "" or "-" when none. */
static void minutes(char *out, size_t cap, long m, cli_format fmt)
{
	if (m < 0)
		snprintf(out, cap, "%s", fmt == FMT_TEXT ? "-" : "");
	else if (fmt == FMT_TEXT)
		snprintf(out, cap, "%ld:%02ld", m / 60, m % 60);
	else
		snprintf(out, cap, "%ld", m);
}

static bool cycle_row(const pr_cycle *c, void *ud)
{
	cli_table *t = ud;
	char n[3][24], m[4][24];
	fmt_long(n[0], sizeof n[0], c->received);
	fmt_long(n[1], sizeof n[1], c->scanned);
	fmt_long(n[2], sizeof n[2], c->emailed);
	minutes(m[0], sizeof m[0], c->scan_median_min, t->format);
	minutes(m[1], sizeof m[1], c->scan_p90_min, t->format);
	minutes(m[2], sizeof m[2], c->email_median_min, t->format);
	minutes(m[3], sizeof m[3], c->email_p90_min, t->format);
	const char *row[] = { c->day, n[0], n[1], m[0], m[1], n[2], m[2], m[3] };
	table_row(t, row);
	return true;
}

int cmd_report_cycle(pr_app *app, int argc, char **argv)
{
	report_opts o;
	pr_error err;
	if (!report_args(&o, "report cycle", argc, argv, 30))
		return EXIT_USAGE;
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, o.fmt, o.fmt == FMT_TEXT ? cycle_text_cols : cycle_cols, 8, stdout);
	pr_status st = pr_report_cycle(app->db, o.from, o.to, o.dept, cycle_row, &t, &err);
	return table_finish(&t, st, &err);
}

/* --- operators ----------------------------------------------------------- */

static const cli_col activity_cols[] = {
	{ .name = "date", .width = 10 },
	{ .name = "login", .width = 16 },
	{ .name = "logged", .type = COL_NUMBER, .width = 7, .right = true },
	{ .name = "exceptions", .type = COL_NUMBER, .width = 10, .right = true },
	{ .name = "batches_closed", .type = COL_NUMBER, .width = 14, .right = true },
};

static bool activity_row(const pr_activity *a, void *ud)
{
	char n[3][24];
	fmt_long(n[0], sizeof n[0], a->logged);
	fmt_long(n[1], sizeof n[1], a->exceptions);
	fmt_long(n[2], sizeof n[2], a->batches_closed);
	const char *row[] = { a->day, a->login, n[0], n[1], n[2] };
	table_row(ud, row);
	return true;
}

int cmd_report_operators(pr_app *app, int argc, char **argv)
{
	report_opts o;
	pr_error err;
	if (!report_args(&o, "report operators", argc, argv, 30))
		return EXIT_USAGE;
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, o.fmt, activity_cols, 5, stdout);
	pr_status st = pr_report_operators(app->db, o.from, o.to, activity_row, &t, &err);
	return table_finish(&t, st, &err);
}

/* --- check --------------------------------------------------------------- */

static const cli_col diff_cols[] = {
	{ .name = "date", .width = 10 },
	{ .name = "dept", .width = 8 },
	{ .name = "column", .width = 16 },
	{ .name = "kept", .type = COL_NUMBER, .width = 7, .right = true },
	{ .name = "items", .type = COL_NUMBER, .width = 7, .right = true },
};

static bool diff_row(const pr_rollup_diff *d, void *ud)
{
	char kept[24], actual[24];
	fmt_long(kept, sizeof kept, d->kept);
	fmt_long(actual, sizeof actual, d->actual);
	const char *row[] = { d->day, d->dept_code, d->column, kept, actual };
	table_row(ud, row);
	return true;
}

int cmd_report_check(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	size_t ndiff = 0;
	if (!cli_parse(&a, "report check", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("report check", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	table_begin(&t, fmt, diff_cols, 5, stdout);
	pr_status st = pr_report_check(app->db, diff_row, &t, &ndiff, &err);
	if (st != PR_OK)
		return table_finish(&t, st, &err);
	table_end(&t);
	if (ndiff) {
		cli_error("%zu difference%s between the daily counts and the items",
			  ndiff, ndiff == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	if (fmt == FMT_TEXT)
		printf("The daily counts agree with the items.\n");
	return EXIT_OK;
}

/* --- accountable items --------------------------------------------------- */

static const cli_col accountable_cols[] = {
	{ .name = "ref", .width = 13 },
	{ .name = "tracking", .width = 13 },
	{ .name = "service", .width = 16 },
	{ .name = "dept", .width = 8 },
	{ .name = "received", .width = 8 },
	{ .name = "addressee" },
};

static bool accountable_row(const pr_item *it, void *ud)
{
	cli_table *t = ud;
	char hhmm[6];
	pr_time_hhmm(it->received_at, hhmm);
	const char *row[] = { it->ref, it->tracking, pr_service_label(it->service),
			      it->dept_code, hhmm, it->addressee };
	table_row(t, row);
	return true;
}

int cmd_report_accountable(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	char day[PR_DAY_LEN];
	long dayno = pr_time_dayno(pr_now());
	if (!cli_parse(&a, "report accountable", argc, argv) ||
	    !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("report accountable", "unexpected argument '%s'",
				       a.pos[0]);
	if (cli_opt(&a, "date") && pr_day_parse(cli_opt(&a, "date"), &dayno, &err))
		return cli_usage_error("report accountable", "--date: %s", err.msg);
	pr_day_format(dayno, day);
	const char *out = cli_opt(&a, "o");
	if (cli_has(&a, "print") && !out)
		return cli_usage_error("report accountable", "--print needs -o FILE.pdf");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	pr_item_filter f = { .status = -1, .from_day = day, .to_day = day,
			     .accountable = true };
	pr_status st;
	if (out) {
		/* The signed sheet: a PDF. */
		size_t n = 0;
		if (pr_accountable_make(app->db, day, out, &n, &err) != PR_OK)
			return cli_fail(&err);
		printf("Accountable items of %s (%zu) written to %s\n", day, n, out);
		return cli_has(&a, "print") ? cli_print(app, out, "accountable items") : EXIT_OK;
	}
	cli_table t;
	if (fmt == FMT_TEXT)
		printf("Accountable items received %s (recorded and Special Delivery)\n\n", day);
	table_begin(&t, fmt, accountable_cols, 6, stdout);
	st = pr_item_list(app->db, &f, accountable_row, &t, &err);
	if (st != PR_OK)
		return table_finish(&t, st, &err);
	table_end(&t);
	if (fmt == FMT_TEXT)
		printf("\n%ld item%s.\nCollected by: ______________________  "
		       "Signature: ________________  Time: ______\n", t.rows,
		       t.rows == 1 ? "" : "s");
	return EXIT_OK;
}

int cmd_report_daily(pr_app *app, int argc, char **argv)
{
	return report_periods(app, PR_PERIOD_DAY, "report daily", 30, argc, argv);
}

int cmd_report_weekly(pr_app *app, int argc, char **argv)
{
	return report_periods(app, PR_PERIOD_WEEK, "report weekly", 84, argc, argv);
}

int cmd_report_monthly(pr_app *app, int argc, char **argv)
{
	return report_periods(app, PR_PERIOD_MONTH, "report monthly", 365, argc, argv);
}
