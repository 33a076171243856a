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

/* The dated targets, oldest first, so each day finds the one in force. */
typedef struct targets {
	size_t n;
	char (*from)[PR_DAY_LEN];
	double *pct;
	double fallback;
} targets;

static pr_status load_targets(pr_db *db, targets *t, pr_error *err)
{
	memset(t, 0, sizeof *t);
	t->fallback = pr_db_default_target(db);
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT effective_from, pct FROM targets "
				     "ORDER BY effective_from", err);
	if (!s)
		return err->code;
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (t->n == cap) {
			cap = cap ? cap * 2 : 8;
			t->from = xrealloc(t->from, cap * sizeof *t->from);
			t->pct = xrealloc(t->pct, cap * sizeof *t->pct);
		}
		pr_column_copy(s, 0, t->from[t->n], PR_DAY_LEN);
		t->pct[t->n++] = sqlite3_column_double(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return pr_db_fail(db, err, rc, "reading the targets");
	return PR_OK;
}

static double target_for(const targets *t, const char *day)
{
	double pct = t->fallback;
	for (size_t i = 0; i < t->n && strcmp(t->from[i], day) <= 0; i++)
		pct = t->pct[i];
	return pct;
}

static void free_targets(targets *t)
{
	free(t->from);
	free(t->pct);
}

pr_status pr_target_on(pr_db *db, const char *day, double *pct, pr_error *err)
{
	long dayno;
	targets t;
	pr_status st = pr_day_parse(day, &dayno, err);
	if (st != PR_OK || (st = load_targets(db, &t, err)) != PR_OK)
		return st;
	*pct = target_for(&t, day);
	free_targets(&t);
	return PR_OK;
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
	pr_status st;
	pr_dept dept = { .id = 0 };
	if ((st = pr_day_parse(from_day, &from, err)) != PR_OK ||
	    (st = pr_day_parse(to_day, &to, err)) != PR_OK)
		return st;
	if (from > to)
		return pr_fail(err, PR_EINVAL, "the period starts (%s) after it ends "
			       "(%s)", from_day, to_day);
	if (to - from >= MAX_REPORT_DAYS)
		return pr_fail(err, PR_EINVAL, "the period is longer than 100 years");
	if (dept_code && (st = pr_dept_find(db, dept_code, &dept, err)) != PR_OK)
		return st;
	targets t;
	if ((st = load_targets(db, &t, err)) != PR_OK)
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
		free_targets(&t);
		return err->code;
	}
	sqlite3_bind_text(s, 1, from_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to_day, -1, SQLITE_STATIC);
	if (dept_code)
		sqlite3_bind_int64(s, 3, dept.id);

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
		f.target_pct = target_for(&t, f.day);
		finish(&f);
		go_on = fn(&f, ud);
	}
	st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "reading the daily figures");
	sqlite3_reset(s);
	free_targets(&t);
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
