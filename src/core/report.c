/* Daily figures from the rollup table (DESIGN.md section 4). */
#include "postroom/report.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "postroom/dept.h"
#include "postroom/xmem.h"

#define MAX_REPORT_DAYS 36600

static double round1(double v)
{
	return floor(v * 10.0 + 0.5) / 10.0;
}

bool pr_figures_pct(const pr_figures *f, double *pct)
{
	if (f->received <= 0)
		return false;
	*pct = round1(100.0 * (double)f->scanned / (double)f->received);
	return true;
}

bool pr_figures_same_day_pct(const pr_figures *f, double *pct)
{
	if (f->received <= 0)
		return false;
	*pct = round1(100.0 * (double)f->scanned_same_day / (double)f->received);
	return true;
}

bool pr_figures_met(const pr_figures *f)
{
	double pct;
	return pr_figures_pct(f, &pct) && pct >= f->target_pct;
}

pr_status pr_days_parse(const char *from_day, const char *to_day, long *from,
			 long *to, pr_error *err)
{
	pr_status st;
	if ((st = pr_day_parse(from_day, from, err)) != PR_OK ||
	    (st = pr_day_parse(to_day, to, err)) != PR_OK)
		return st;
	if (*from > *to)
		return pr_fail(err, PR_EINVAL, "the period starts (%s) after it ends "
			       "(%s)", from_day, to_day);
	if (*to - *from >= MAX_REPORT_DAYS)
		return pr_fail(err, PR_EINVAL, "the period is longer than 100 years");
	return PR_OK;
}

pr_status pr_scope_parse(pr_db *db, const char *from_day, const char *to_day,
			 const char *dept_code, long *from, long *to,
			 int64_t *dept_id, pr_error *err)
{
	pr_dept dept = { .id = 0 };
	pr_status st = pr_days_parse(from_day, to_day, from, to, err);
	if (st == PR_OK && dept_code)
		st = pr_dept_find(db, dept_code, &dept, err);
	*dept_id = dept.id;
	return st;
}

static void finish(pr_figures *f)
{
	f->pending = f->received - f->scanned - f->exceptions;
	if (f->pending < 0)
		f->pending = 0;
}

pr_status pr_report_daily(pr_db *db, const char *from_day, const char *to_day,
			  const char *dept_code, pr_figures_fn fn, void *ud,
			  pr_error *err)
{
	long from, to;
	int64_t dept_id;
	pr_status st = pr_scope_parse(db, from_day, to_day, dept_code, &from, &to,
				      &dept_id, err);
	if (st != PR_OK)
		return st;
	pr_targets t;
	if ((st = pr_targets_load(db, &t, err)) != PR_OK)
		return st;
	sqlite3_stmt *s = dept_code
		? pr_db_stmt(db, "SELECT day, received, scanned, scanned_same_day, "
			     "emailed, exceptions FROM daily_rollup WHERE day "
			     "BETWEEN ?1 AND ?2 AND dept_id = ?3 ORDER BY day", err)
		: pr_db_stmt(db, "SELECT day, sum(received), sum(scanned), "
			     "sum(scanned_same_day), sum(emailed), sum(exceptions) "
			     "FROM daily_rollup WHERE day BETWEEN ?1 AND ?2 "
			     "GROUP BY day ORDER BY day", err);
	if (!s) {
		pr_targets_free(&t);
		return err->code;
	}
	sqlite3_bind_text(s, 1, from_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to_day, -1, SQLITE_STATIC);
	if (dept_code)
		sqlite3_bind_int64(s, 3, dept_id);

	int rc = sqlite3_step(s);
	bool go_on = true;
	for (long d = from; d <= to && go_on; d++) {
		pr_figures f = { .received = 0 };
		pr_day_format(d, f.day);
		/* Rows come in day order; days without a row are zeros. */
		if (rc == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(s, 0), f.day) == 0) {
			f.received = sqlite3_column_int64(s, 1);
			f.scanned = sqlite3_column_int64(s, 2);
			f.scanned_same_day = sqlite3_column_int64(s, 3);
			f.emailed = sqlite3_column_int64(s, 4);
			f.exceptions = sqlite3_column_int64(s, 5);
			rc = sqlite3_step(s);
		}
		f.target_pct = pr_targets_on(&t, f.day);
		finish(&f);
		go_on = fn(&f, ud);
	}
	st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "reading the daily figures");
	sqlite3_reset(s);
	pr_targets_free(&t);
	return st;
}

static bool copy_one(const pr_figures *f, void *ud)
{
	*(pr_figures *)ud = *f;
	return false;
}

pr_status pr_report_day(pr_db *db, const char *day, pr_figures *out, pr_error *err)
{
	return pr_report_daily(db, day, day, NULL, copy_one, out, err);
}

long pr_period_start(pr_period kind, long dayno)
{
	char day[PR_DAY_LEN];
	long first = dayno;
	switch (kind) {
	case PR_PERIOD_DAY:
		return dayno;
	case PR_PERIOD_WEEK:
		return dayno - pr_day_weekday(dayno);
	case PR_PERIOD_MONTH:
		pr_day_format(dayno, day);
		day[8] = '0';
		day[9] = '1';
		pr_day_parse(day, &first, NULL);
		return first;
	}
	return dayno;
}

long pr_period_next(pr_period kind, long dayno)
{
	long start = pr_period_start(kind, dayno);
	switch (kind) {
	case PR_PERIOD_DAY:
		return start + 1;
	case PR_PERIOD_WEEK:
		return start + 7;
	case PR_PERIOD_MONTH:
		/* Day 28 of any month plus 4 days is in the next month. */
		return pr_period_start(PR_PERIOD_MONTH, start + 31);
	}
	return start + 1;
}

/* Adds the counts of day figures F into the period total P. */
static void add_figures(pr_figures *p, const pr_figures *f)
{
	p->received += f->received;
	p->scanned += f->scanned;
	p->scanned_same_day += f->scanned_same_day;
	p->emailed += f->emailed;
	p->exceptions += f->exceptions;
	p->pending += f->pending;
	p->target_pct = f->target_pct; /* the last day's */
}

typedef struct period_acc {
	pr_period kind;
	long next;            /* first day of the period after the open one */
	bool open;
	pr_figures sum;
	pr_figures_fn fn;
	void *ud;
	bool stopped;
} period_acc;

static bool period_day(const pr_figures *f, void *ud)
{
	period_acc *a = ud;
	long dayno;
	if (pr_day_parse(f->day, &dayno, NULL) != PR_OK)
		return false;
	if (a->open && dayno >= a->next) {
		a->open = false;
		if (!a->fn(&a->sum, a->ud)) {
			a->stopped = true;
			return false;
		}
	}
	if (!a->open) {
		memset(&a->sum, 0, sizeof a->sum);
		pr_day_format(pr_period_start(a->kind, dayno), a->sum.day);
		a->next = pr_period_next(a->kind, dayno);
		a->open = true;
	}
	add_figures(&a->sum, f);
	return true;
}

pr_status pr_report_periods(pr_db *db, pr_period kind, const char *from_day,
			    const char *to_day, const char *dept_code,
			    pr_figures_fn fn, void *ud, pr_error *err)
{
	long from, to;
	pr_status st;
	if ((st = pr_days_parse(from_day, to_day, &from, &to, err)) != PR_OK)
		return st;
	char wide_from[PR_DAY_LEN], wide_to[PR_DAY_LEN];
	pr_day_format(pr_period_start(kind, from), wide_from);
	pr_day_format(pr_period_next(kind, to) - 1, wide_to);
	period_acc a = { .kind = kind, .fn = fn, .ud = ud };
	st = pr_report_daily(db, wide_from, wide_to, dept_code, period_day, &a, err);
	if (st == PR_OK && a.open && !a.stopped)
		fn(&a.sum, ud);
	return st;
}

/* Worst scanned share first; nothing received last; then by code. */
static int by_scanned_share(const void *pa, const void *pb)
{
	const pr_dept_figures *a = pa, *b = pb;
	bool ea = a->f.received == 0, eb = b->f.received == 0;
	if (ea != eb)
		return ea ? 1 : -1;
	if (!ea) {
		/* Compare scanned/received exactly, without rounding. */
		long double l = (long double)a->f.scanned * b->f.received,
			    r = (long double)b->f.scanned * a->f.received;
		if (l != r)
			return l < r ? -1 : 1;
	}
	return strcmp(a->code, b->code);
}

pr_status pr_report_depts(pr_db *db, const char *from_day, const char *to_day,
			  pr_dept_figures_fn fn, void *ud, pr_error *err)
{
	long from, to;
	pr_status st;
	if ((st = pr_days_parse(from_day, to_day, &from, &to, err)) != PR_OK)
		return st;
	double target;
	if ((st = pr_target_on(db, to_day, &target, err)) != PR_OK)
		return st;
	sqlite3_stmt *s = pr_db_stmt(db,
		"SELECT d.code, d.name, total(r.received), total(r.scanned), "
		"total(r.scanned_same_day), total(r.emailed), total(r.exceptions) "
		"FROM departments d LEFT JOIN daily_rollup r ON r.dept_id = d.id "
		"AND r.day BETWEEN ?1 AND ?2 GROUP BY d.id", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, from_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to_day, -1, SQLITE_STATIC);
	pr_dept_figures *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		pr_dept_figures *d = &rows[n++];
		memset(d, 0, sizeof *d);
		pr_column_copy(s, 0, d->code, sizeof d->code);
		pr_column_copy(s, 1, d->name, sizeof d->name);
		snprintf(d->f.day, sizeof d->f.day, "%s", from_day);
		d->f.received = (long)sqlite3_column_double(s, 2);
		d->f.scanned = (long)sqlite3_column_double(s, 3);
		d->f.scanned_same_day = (long)sqlite3_column_double(s, 4);
		d->f.emailed = (long)sqlite3_column_double(s, 5);
		d->f.exceptions = (long)sqlite3_column_double(s, 6);
		d->f.target_pct = target;
		finish(&d->f);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(rows);
		return pr_db_fail(db, err, rc, "reading the department figures");
	}
	if (n > 1) /* rows is null when there are no departments */
		qsort(rows, n, sizeof *rows, by_scanned_share);
	for (size_t i = 0; i < n; i++)
		if (!fn(&rows[i], ud))
			break;
	free(rows);
	return PR_OK;
}
