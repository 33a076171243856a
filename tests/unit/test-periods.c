/* Weeks, months, departments and dated targets (DESIGN.md section 4): the
 * bounds of periods, period figures as sums of the daily counts, the
 * departments worst first, and pr_target_set with its roles and audit.
 *
 * Every expected figure is computed here from the items the test logs, kept
 * in its own tally per day; the report is never its own oracle. Items are
 * marked scanned with plain SQL, as ingest will (there is no scan API). */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/operator.h"
#include "postroom/report.h"
#include "postroom/target.h"

/* --- bounds of periods (no database) ------------------------------------- */

static long dn(const char *day)
{
	return unit_day(day);
}

static void assert_day(long dayno, const char *want)
{
	char got[PR_DAY_LEN];
	pr_day_format(dayno, got);
	assert_string_equal(got, want);
}

static void test_week_bounds(void **state)
{
	(void)state;
	/* 2026-11-30 is a Monday; its week runs into December. */
	assert_int_equal(pr_day_weekday(dn("2026-11-30")), 0);
	for (long d = dn("2026-11-30"); d <= dn("2026-12-06"); d++) {
		assert_day(pr_period_start(PR_PERIOD_WEEK, d), "2026-11-30");
		assert_day(pr_period_next(PR_PERIOD_WEEK, d), "2026-12-07");
	}
	assert_day(pr_period_start(PR_PERIOD_WEEK, dn("2026-11-29")), "2026-11-23");
	assert_day(pr_period_next(PR_PERIOD_WEEK, dn("2026-11-29")), "2026-11-30");
	/* Across a year end and the clocks going back (25 Oct 2026). */
	assert_day(pr_period_start(PR_PERIOD_WEEK, dn("2027-01-01")), "2026-12-28");
	assert_day(pr_period_next(PR_PERIOD_WEEK, dn("2027-01-01")), "2027-01-04");
	assert_day(pr_period_start(PR_PERIOD_WEEK, dn("2026-10-25")), "2026-10-19");
	assert_day(pr_period_start(PR_PERIOD_WEEK, dn("2026-10-26")), "2026-10-26");

	/* Every day of seven years: a week starts on a Monday at or before
	 * the day, and the next one seven days later. Mondays are found
	 * here from a known Monday, not from pr_day_weekday. */
	long monday = dn("2026-11-30");
	for (long d = dn("2023-01-01"); d <= dn("2029-12-31"); d++) {
		long off = ((d - monday) % 7 + 7) % 7;
		long start = pr_period_start(PR_PERIOD_WEEK, d);
		assert_int_equal(start, d - off);
		assert_int_equal(pr_period_next(PR_PERIOD_WEEK, d), d - off + 7);
		assert_int_equal(pr_period_start(PR_PERIOD_DAY, d), d);
		assert_int_equal(pr_period_next(PR_PERIOD_DAY, d), d + 1);
	}
}

static void test_month_bounds(void **state)
{
	(void)state;
	/* February in a leap year and in others. */
	assert_day(pr_period_start(PR_PERIOD_MONTH, dn("2024-02-29")), "2024-02-01");
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2024-02-01")), "2024-03-01");
	assert_int_equal(pr_period_next(PR_PERIOD_MONTH, dn("2024-02-10")) -
			 pr_period_start(PR_PERIOD_MONTH, dn("2024-02-10")), 29);
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2026-02-28")), "2026-03-01");
	assert_int_equal(pr_period_next(PR_PERIOD_MONTH, dn("2026-02-01")) -
			 pr_period_start(PR_PERIOD_MONTH, dn("2026-02-01")), 28);
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2100-02-15")), "2100-03-01");
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2000-02-29")), "2000-03-01");
	/* December into January. */
	assert_day(pr_period_start(PR_PERIOD_MONTH, dn("2026-12-31")), "2026-12-01");
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2026-12-31")), "2027-01-01");
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2026-12-01")), "2027-01-01");
	assert_day(pr_period_start(PR_PERIOD_MONTH, dn("2027-01-01")), "2027-01-01");
	/* 31-day months, and the 31st itself. */
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2026-01-31")), "2026-02-01");
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2026-07-31")), "2026-08-01");
	assert_day(pr_period_next(PR_PERIOD_MONTH, dn("2026-08-01")), "2026-09-01");

	/* Every day of seven years: the start is the 1st of the day's month,
	 * the next is the 1st of the following month. */
	for (long d = dn("2023-01-01"); d <= dn("2029-12-31"); d++) {
		char day[PR_DAY_LEN], want[PR_DAY_LEN], got[PR_DAY_LEN];
		pr_day_format(d, day);
		int y = atoi(day), m = atoi(day + 5);
		snprintf(want, sizeof want, "%04d-%02d-01", y, m);
		pr_day_format(pr_period_start(PR_PERIOD_MONTH, d), got);
		assert_string_equal(got, want);
		if (++m == 13) {
			m = 1;
			y++;
		}
		snprintf(want, sizeof want, "%04d-%02d-01", y, m);
		pr_day_format(pr_period_next(PR_PERIOD_MONTH, d), got);
		assert_string_equal(got, want);
	}
}

/* --- period figures ------------------------------------------------------ */

/* The test's own counts for one day. */
typedef struct tally {
	long received, scanned, same_day, exceptions;
} tally;

#define FIRST_DAY "2026-11-01"
#define NTALLY 62 /* 1 Nov .. 1 Jan */

typedef struct fixture {
	pr_db *db;
	sqlite3 *sql;
	tally all[NTALLY], rev[NTALLY];
	int seq;
} fixture;

static tally *slot(tally *t, const char *day)
{
	long i = dn(day) - dn(FIRST_DAY);
	assert_true(i >= 0 && i < NTALLY);
	return &t[i];
}

static void mark_scanned(fixture *fx, const char *ref, const char *when)
{
	pr_time t = unit_time(when);
	char day[PR_DAY_LEN], sql[400];
	pr_time_day(t, day);
	snprintf(sql, sizeof sql, "UPDATE items SET status = 'scanned', scanned_at = %lld, "
		 "scanned_day = '%s' WHERE ref = '%s'", (long long)t, day, ref);
	unit_sql_exec(fx->sql, sql);
}

enum fate { PENDING, SCAN_SAME_DAY, SCAN_NEXT_DAY, EXCEPTION };

/* Logs one item for DEPT received on DAY and gives it FATE, counting it in
 * the test's tallies. */
static void add(fixture *fx, const char *dept, const char *day, enum fate fate)
{
	pr_error err = { 0 };
	char when[40];
	snprintf(when, sizeof when, "%sT%02d:%02d", day, 8 + fx->seq % 9, fx->seq % 60);
	fx->seq++;
	pr_item_new in = { .dept_code = dept, .sender = "Sender", .addressee = "To",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD,
			   .received_at = unit_time(when),
			   .flags = fate == EXCEPTION ? PR_FLAG_PRIVATE : 0 };
	pr_item it;
	assert_ok(pr_item_add(fx->db, &in, &it, &err), &err);
	assert_string_equal(it.received_day, day);
	if (fate == SCAN_SAME_DAY) {
		snprintf(when, sizeof when, "%sT18:00", day);
		mark_scanned(fx, it.ref, when);
	} else if (fate == SCAN_NEXT_DAY) {
		char next[PR_DAY_LEN];
		pr_day_format(dn(day) + 1, next);
		snprintf(when, sizeof when, "%sT07:30", next);
		mark_scanned(fx, it.ref, when);
	}
	tally *t[2] = { slot(fx->all, day),
			strcmp(dept, "REV") == 0 ? slot(fx->rev, day) : NULL };
	for (int k = 0; k < 2; k++) {
		if (!t[k])
			continue;
		t[k]->received++;
		t[k]->scanned += fate == SCAN_SAME_DAY || fate == SCAN_NEXT_DAY;
		t[k]->same_day += fate == SCAN_SAME_DAY;
		t[k]->exceptions += fate == EXCEPTION;
	}
}

static void add_n(fixture *fx, const char *dept, const char *day, enum fate fate, int n)
{
	for (int i = 0; i < n; i++)
		add(fx, dept, day, fate);
}

static int setup(void **state)
{
	pr_error err = { 0 };
	fixture *fx = calloc(1, sizeof *fx);
	fx->db = unit_db_new();
	fx->sql = unit_sql_open(pr_db_path(fx->db));
	/* Items cannot be logged in the future: now is after them all. */
	pr_clock_fix(unit_time("2027-01-02T12:00"));
	if (pr_dept_add(fx->db, "REV", "Revenues", "rev@council.example", NULL, &err) ||
	    pr_dept_add(fx->db, "HWY", "Highways", "hwy@council.example", NULL, &err))
		return -1;
	/* Week of Mon 23 Nov: Fri 27th. */
	add_n(fx, "REV", "2026-11-27", SCAN_SAME_DAY, 1);
	add_n(fx, "HWY", "2026-11-27", PENDING, 1);
	/* Week of Mon 30 Nov, across the month end: 100 %, 0 %, 50 % by day,
	 * 3 of 14 = 21.4 % for the week (not the 50 % average). */
	add_n(fx, "REV", "2026-11-30", SCAN_SAME_DAY, 1);
	add_n(fx, "HWY", "2026-12-01", PENDING, 7);
	add_n(fx, "REV", "2026-12-01", PENDING, 2);
	add_n(fx, "REV", "2026-12-02", SCAN_NEXT_DAY, 2);
	add_n(fx, "HWY", "2026-12-02", EXCEPTION, 1);
	add_n(fx, "REV", "2026-12-02", PENDING, 1);
	/* Week of Mon 7 Dec; Sat 5th and Sun 6th have nothing. */
	add_n(fx, "REV", "2026-12-07", SCAN_SAME_DAY, 3);
	add_n(fx, "HWY", "2026-12-31", SCAN_NEXT_DAY, 1); /* scanned 1 Jan */
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	sqlite3_close(fx->sql);
	unit_db_free(fx->db);
	free(fx);
	return 0;
}

typedef struct rows {
	int n;
	pr_figures f[64];
} rows;

static bool collect(const pr_figures *f, void *ud)
{
	rows *r = ud;
	if (r->n < 64)
		r->f[r->n] = *f;
	r->n++;
	return true;
}

static rows periods(pr_db *db, pr_period kind, const char *from, const char *to,
		    const char *dept)
{
	pr_error err = { 0 };
	rows r;
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_periods(db, kind, from, to, dept, collect, &r, &err), &err);
	return r;
}

/* Round half up to one decimal, in integers. */
static double expected_pct(long scanned, long received)
{
	return (double)((2000 * scanned + received) / (2 * received)) / 10.0;
}

/* Sums the tallies of days FIRST..LAST (day numbers). */
static tally sum_days(const tally *t, long first, long last)
{
	tally s = { 0 };
	for (long d = first; d <= last; d++) {
		long i = d - dn(FIRST_DAY);
		if (i < 0 || i >= NTALLY)
			continue;
		s.received += t[i].received;
		s.scanned += t[i].scanned;
		s.same_day += t[i].same_day;
		s.exceptions += t[i].exceptions;
	}
	return s;
}

/* F holds the sums of T over FIRST..LAST, is named FIRST and is judged by
 * TARGET. */
static void check_period(const pr_figures *f, const tally *t, const char *first,
			 const char *last, double target)
{
	tally s = sum_days(t, dn(first), dn(last));
	assert_string_equal(f->day, first);
	assert_int_equal(f->received, s.received);
	assert_int_equal(f->scanned, s.scanned);
	assert_int_equal(f->scanned_same_day, s.same_day);
	assert_int_equal(f->exceptions, s.exceptions);
	assert_int_equal(f->emailed, 0);
	assert_int_equal(f->pending, s.received - s.scanned - s.exceptions);
	assert_true(f->target_pct == target);
	double pct = -1;
	if (s.received == 0) {
		assert_false(pr_figures_pct(f, &pct));
		assert_false(pr_figures_met(f));
		return;
	}
	assert_true(pr_figures_pct(f, &pct));
	assert_true(pct == expected_pct(s.scanned, s.received));
	assert_true(pr_figures_met(f) == (pct >= target));
	assert_true(pr_figures_same_day_pct(f, &pct));
	assert_true(pct == expected_pct(s.same_day, s.received));
}

static void set_targets(fixture *fx)
{
	pr_error err = { 0 };
	double pct;
	assert_ok(pr_target_on(fx->db, "2026-11-01", &pct, &err), &err);
	assert_true(pct == 95.0); /* the default */
	/* Changes mid-week (Wed 2 Dec) and late in December. */
	assert_ok(pr_target_set(fx->db, 20, "2026-12-02", &err), &err);
	assert_ok(pr_target_set(fx->db, 97.5, "2026-12-25", &err), &err);
}

static void test_weekly_sums(void **state)
{
	fixture *fx = *state;
	set_targets(fx);
	rows r = periods(fx->db, PR_PERIOD_WEEK, "2026-11-27", "2026-12-07", NULL);
	/* Widened to whole weeks: 23 Nov, 30 Nov and 7 Dec. */
	assert_int_equal(r.n, 3);
	check_period(&r.f[0], fx->all, "2026-11-23", "2026-11-29", 95.0);
	check_period(&r.f[1], fx->all, "2026-11-30", "2026-12-06", 20.0);
	check_period(&r.f[2], fx->all, "2026-12-07", "2026-12-13", 20.0);

	/* The week across the month end: sums, not the mean of the days. */
	const pr_figures *w = &r.f[1];
	assert_int_equal(w->received, 14);
	assert_int_equal(w->scanned, 3);
	double pct, mean = 0;
	int ndays = 0;
	for (long d = dn("2026-11-30"); d <= dn("2026-12-06"); d++) {
		tally t = sum_days(fx->all, d, d);
		if (t.received) {
			mean += 100.0 * (double)t.scanned / (double)t.received;
			ndays++;
		}
	}
	mean /= ndays;
	assert_true(pr_figures_pct(w, &pct));
	assert_true(pct == 21.4);
	assert_true(fabs(mean - 50.0) < 1e-9);
	assert_true(fabs(pct - mean) > 1.0);
	/* 21.4 meets the 20 in force on its last day though 30 Nov's own
	 * target was 95. */
	assert_true(pr_figures_met(w));

	/* The days themselves each use the target in force then. */
	rows d = periods(fx->db, PR_PERIOD_DAY, "2026-11-30", "2026-12-07", NULL);
	assert_int_equal(d.n, 8);
	for (int i = 0; i < d.n; i++) {
		char day[PR_DAY_LEN];
		pr_day_format(dn("2026-11-30") + i, day);
		check_period(&d.f[i], fx->all, day, day, i < 2 ? 95.0 : 20.0);
	}
	assert_true(pr_figures_met(&d.f[0]));   /* 100 >= 95 */
	assert_false(pr_figures_met(&d.f[1]));  /* 0 < 95 */
	assert_true(pr_figures_met(&d.f[2]));   /* 66.7 >= 20 */
	assert_int_equal(d.f[5].received, 0);   /* Saturday */

	/* One day asked for still gives its whole week. */
	r = periods(fx->db, PR_PERIOD_WEEK, "2026-12-02", "2026-12-02", NULL);
	assert_int_equal(r.n, 1);
	check_period(&r.f[0], fx->all, "2026-11-30", "2026-12-06", 20.0);
	/* A Sunday to the next Monday: two weeks. */
	r = periods(fx->db, PR_PERIOD_WEEK, "2026-12-06", "2026-12-07", NULL);
	assert_int_equal(r.n, 2);
	check_period(&r.f[0], fx->all, "2026-11-30", "2026-12-06", 20.0);
	check_period(&r.f[1], fx->all, "2026-12-07", "2026-12-13", 20.0);

	/* One department. */
	r = periods(fx->db, PR_PERIOD_WEEK, "2026-11-30", "2026-12-06", "rev");
	assert_int_equal(r.n, 1);
	check_period(&r.f[0], fx->rev, "2026-11-30", "2026-12-06", 20.0);
	assert_int_equal(r.f[0].received, 6);
}

static void test_monthly_sums(void **state)
{
	fixture *fx = *state;
	set_targets(fx);
	rows r = periods(fx->db, PR_PERIOD_MONTH, "2026-11-27", "2026-12-01", NULL);
	assert_int_equal(r.n, 2);
	/* November ends before the first change; December is judged by the
	 * target in force on the 31st. */
	check_period(&r.f[0], fx->all, "2026-11-01", "2026-11-30", 95.0);
	check_period(&r.f[1], fx->all, "2026-12-01", "2026-12-31", 97.5);
	assert_int_equal(r.f[0].received, 3);
	assert_int_equal(r.f[1].received, 17);
	/* The last item of December was scanned on 1 January: it counts in
	 * December, not on the same day. */
	tally dec = sum_days(fx->all, dn("2026-12-01"), dn("2026-12-31"));
	assert_int_equal(r.f[1].scanned, dec.scanned);
	assert_int_equal(r.f[1].scanned_same_day, 3);
	assert_int_equal(r.f[1].scanned, 6);

	/* December into January: January is empty but reported. */
	r = periods(fx->db, PR_PERIOD_MONTH, "2026-12-31", "2027-01-01", NULL);
	assert_int_equal(r.n, 2);
	check_period(&r.f[0], fx->all, "2026-12-01", "2026-12-31", 97.5);
	assert_string_equal(r.f[1].day, "2027-01-01");
	assert_int_equal(r.f[1].received, 0);
	assert_true(r.f[1].target_pct == 97.5);

	/* A leap February: one empty row of 29 days' worth. */
	r = periods(fx->db, PR_PERIOD_MONTH, "2028-02-29", "2028-02-29", NULL);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0].day, "2028-02-01");

	/* Monthly for one department. */
	r = periods(fx->db, PR_PERIOD_MONTH, "2026-12-15", "2026-12-15", "REV");
	assert_int_equal(r.n, 1);
	check_period(&r.f[0], fx->rev, "2026-12-01", "2026-12-31", 97.5);

	/* Bad periods. */
	pr_error err = { 0 };
	rows none;
	memset(&none, 0, sizeof none);
	assert_int_equal(pr_report_periods(fx->db, PR_PERIOD_MONTH, "2026-12-02",
					   "2026-12-01", NULL, collect, &none, &err),
			 PR_EINVAL);
	assert_int_equal(pr_report_periods(fx->db, PR_PERIOD_WEEK, "2026-02-30",
					   "2026-03-01", NULL, collect, &none, &err),
			 PR_EINVAL);
	assert_int_equal(pr_report_periods(fx->db, PR_PERIOD_WEEK, "2026-12-01",
					   "2026-12-01", "NOPE", collect, &none, &err),
			 PR_ENOTFOUND);
	assert_int_equal(none.n, 0);
}

static bool first_only(const pr_figures *f, void *ud)
{
	rows *r = ud;
	r->f[r->n++] = *f;
	return false;
}

static void test_period_stop(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	rows r;
	memset(&r, 0, sizeof r);
	/* A callback that stops after the first period is not called again. */
	assert_ok(pr_report_periods(fx->db, PR_PERIOD_WEEK, "2026-11-23", "2026-12-13",
				    NULL, first_only, &r, &err), &err);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0].day, "2026-11-23");
}

/* --- departments worst first --------------------------------------------- */

typedef struct dept_rows {
	int n;
	pr_dept_figures d[16];
} dept_rows;

static bool collect_dept(const pr_dept_figures *d, void *ud)
{
	dept_rows *r = ud;
	if (r->n < 16)
		r->d[r->n] = *d;
	r->n++;
	return true;
}

/* What the test logs per department: scanned of received in the period. */
typedef struct dept_plan {
	const char *code;
	int scanned, received;
} dept_plan;

static void test_depts_order(void **state)
{
	(void)state;
	pr_error err = { 0 };
	fixture *fx = calloc(1, sizeof *fx);
	fx->db = unit_db_new();
	fx->sql = unit_sql_open(pr_db_path(fx->db));
	pr_clock_fix(unit_time("2026-11-22T12:00"));
	/* GGG 1/34 and HHH 1/35 both round to 2.9 %; HHH is worse exactly.
	 * AAA 1/3 and BBB 2/6 are equal: by code. DDD and EEE receive
	 * nothing in the period (EEE did the day before): last, by code. */
	const dept_plan plan[] = {
		{ "EEE", 0, 0 }, { "BBB", 2, 6 }, { "FFF", 5, 5 }, { "AAA", 1, 3 },
		{ "GGG", 1, 34 }, { "DDD", 0, 0 }, { "HHH", 1, 35 }, { "CCC", 0, 2 },
	};
	const int nplan = (int)(sizeof plan / sizeof plan[0]);
	/* No departments yet: no rows (and no sorting of nothing). */
	dept_rows none = { 0 };
	assert_ok(pr_report_depts(fx->db, "2026-11-19", "2026-11-20", collect_dept, &none,
				  &err), &err);
	assert_int_equal(none.n, 0);
	for (int i = 0; i < nplan; i++) {
		char email[40];
		snprintf(email, sizeof email, "%s@council.example", plan[i].code);
		assert_ok(pr_dept_add(fx->db, plan[i].code, plan[i].code, email, NULL, &err),
			  &err);
		/* Spread over the two days of the period, scanned ones first. */
		for (int k = 0; k < plan[i].received; k++)
			add(fx, plan[i].code, k % 2 ? "2026-11-19" : "2026-11-20",
			    k < plan[i].scanned ? SCAN_SAME_DAY : PENDING);
	}
	/* Outside the period: would change every ratio if counted. */
	add_n(fx, "EEE", "2026-11-18", SCAN_SAME_DAY, 2);
	add_n(fx, "CCC", "2026-11-18", SCAN_SAME_DAY, 3);
	add_n(fx, "HHH", "2026-11-21", SCAN_SAME_DAY, 3);
	assert_ok(pr_target_set(fx->db, 50, "2026-11-20", &err), &err);

	dept_rows r = { 0 };
	assert_ok(pr_report_depts(fx->db, "2026-11-19", "2026-11-20", collect_dept, &r,
				  &err), &err);
	const char *const order[] = { "CCC", "HHH", "GGG", "AAA", "BBB", "FFF", "DDD", "EEE" };
	assert_int_equal(r.n, nplan);
	for (int i = 0; i < nplan; i++) {
		const pr_dept_figures *d = &r.d[i];
		assert_string_equal(d->code, order[i]);
		const dept_plan *p = NULL;
		for (int k = 0; k < nplan; k++)
			if (strcmp(plan[k].code, d->code) == 0)
				p = &plan[k];
		assert_non_null(p);
		assert_string_equal(d->f.day, "2026-11-19");
		assert_int_equal(d->f.received, p->received);
		assert_int_equal(d->f.scanned, p->scanned);
		assert_int_equal(d->f.scanned_same_day, p->scanned);
		assert_int_equal(d->f.pending, p->received - p->scanned);
		assert_true(d->f.target_pct == 50.0); /* in force on the last day */
		double pct;
		if (p->received) {
			assert_true(pr_figures_pct(&d->f, &pct));
			assert_true(pct == expected_pct(p->scanned, p->received));
			assert_true(pr_figures_met(&d->f) == (pct >= 50.0));
		} else {
			assert_false(pr_figures_pct(&d->f, &pct));
		}
		/* Worst first: each exact ratio at most the next one's. */
		if (i > 0 && p->received && r.d[i - 1].f.received)
			assert_true(r.d[i - 1].f.scanned * d->f.received <=
				    d->f.scanned * r.d[i - 1].f.received);
	}
	/* The two that round alike. */
	double g = -1, h = -2;
	assert_true(pr_figures_pct(&r.d[1].f, &h) && pr_figures_pct(&r.d[2].f, &g));
	assert_true(g == h && g == 2.9);

	/* Before the target change the period is judged by the default. */
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_depts(fx->db, "2026-11-18", "2026-11-19", collect_dept, &r,
				  &err), &err);
	assert_true(r.d[0].f.target_pct == 95.0);
	/* On the 18th alone only CCC and EEE received: 100 % each, then the
	 * empty ones by code. */
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_depts(fx->db, "2026-11-18", "2026-11-18", collect_dept, &r,
				  &err), &err);
	assert_string_equal(r.d[0].code, "CCC");
	assert_string_equal(r.d[1].code, "EEE");
	assert_string_equal(r.d[2].code, "AAA");
	assert_string_equal(r.d[nplan - 1].code, "HHH");
	assert_int_equal(pr_report_depts(fx->db, "2026-11-20", "2026-11-19", collect_dept,
					 &r, &err), PR_EINVAL);
	sqlite3_close(fx->sql);
	unit_db_free(fx->db);
	free(fx);
}

/* --- setting targets ----------------------------------------------------- */

typedef struct target_rows {
	int n;
	pr_target t[8];
} target_rows;

static bool collect_target(const pr_target *t, void *ud)
{
	target_rows *r = ud;
	if (r->n < 8)
		r->t[r->n] = *t;
	r->n++;
	return true;
}

static target_rows targets(pr_db *db)
{
	pr_error err = { 0 };
	target_rows r;
	memset(&r, 0, sizeof r);
	assert_ok(pr_target_list(db, collect_target, &r, &err), &err);
	return r;
}

static void test_target_set(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	sqlite3 *sql = unit_sql_open(pr_db_path(db));
	double pct;

	/* Nobody registered: anyone may. */
	assert_ok(pr_target_set(db, 90, "2026-12-01", &err), &err);
	target_rows r = targets(db);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.t[0].from_day, "2026-12-01");
	assert_true(r.t[0].pct == 90.0);
	assert_string_equal(r.t[0].set_by, "tester");
	assert_int_equal(r.t[0].set_at, UNIT_NOW);
	assert_int_equal(unit_sql_int(sql, "SELECT count(*) FROM audit_events WHERE "
				      "entity = 'target' AND ref = '2026-12-01' AND "
				      "from_state IS NULL AND to_state = '90' AND "
				      "actor = 'tester'"), 1);

	/* The same day again replaces it; the audit keeps both. */
	assert_ok(pr_target_set(db, 85.5, "2026-12-01", &err), &err);
	r = targets(db);
	assert_int_equal(r.n, 1);
	assert_true(r.t[0].pct == 85.5);
	assert_int_equal(unit_sql_int(sql, "SELECT count(*) FROM audit_events WHERE "
				      "entity = 'target' AND ref = '2026-12-01' AND "
				      "from_state = '90' AND to_state = '85.5'"), 1);
	assert_ok(pr_target_on(db, "2026-12-01", &pct, &err), &err);
	assert_true(pct == 85.5);
	assert_ok(pr_target_on(db, "2026-11-30", &pct, &err), &err);
	assert_true(pct == 95.0);

	/* Out of range or a bad day: refused, nothing kept or audited. */
	const double bad[] = { 0, -5, 101, 100.01, NAN };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(pr_target_set(db, bad[i], "2026-12-05", &err), PR_EINVAL);
	const char *const bad_days[] = { "2026-02-29", "2026-13-01", "01/12/2026", "",
					 "2026-12-1" };
	for (size_t i = 0; i < sizeof bad_days / sizeof bad_days[0]; i++)
		assert_int_equal(pr_target_set(db, 90, bad_days[i], &err), PR_EINVAL);
	assert_int_equal(targets(db).n, 1);
	assert_int_equal(unit_sql_int(sql, "SELECT count(*) FROM audit_events WHERE "
				      "entity = 'target'"), 2);
	/* 100 is the most. */
	assert_ok(pr_target_set(db, 100, "2027-01-01", &err), &err);

	/* Only supervisors and admins may. */
	assert_ok(pr_operator_add(db, "alice", "Alice", PR_ROLE_OPERATOR, NULL, &err), &err);
	assert_ok(pr_operator_add(db, "bob", "Bob", PR_ROLE_SUPERVISOR, NULL, &err), &err);
	assert_ok(pr_operator_add(db, "carol", "Carol", PR_ROLE_ADMIN, NULL, &err), &err);
	const char *const refused[] = { "alice", "nobody" /* not registered */ };
	for (size_t i = 0; i < 2; i++) {
		pr_db_set_actor(db, refused[i]);
		assert_int_equal(pr_target_set(db, 50, "2027-02-01", &err), PR_EDENIED);
		assert_non_null(strstr(err.msg, refused[i]));
		assert_non_null(strstr(err.msg, "may not set the scanned target"));
	}
	assert_int_equal(targets(db).n, 2);
	assert_int_equal(unit_sql_int(sql, "SELECT count(*) FROM audit_events WHERE "
				      "ref = '2027-02-01'"), 0);
	pr_db_set_actor(db, "bob");
	assert_ok(pr_target_set(db, 50, "2027-02-01", &err), &err);
	pr_db_set_actor(db, "carol");
	assert_ok(pr_target_set(db, 60, "2027-03-01", &err), &err);
	r = targets(db);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.t[2].from_day, "2027-02-01");
	assert_string_equal(r.t[2].set_by, "bob");
	assert_string_equal(r.t[3].from_day, "2027-03-01");
	assert_string_equal(r.t[3].set_by, "carol");
	assert_int_equal(unit_sql_int(sql, "SELECT count(*) FROM audit_events WHERE "
				      "entity = 'target' AND actor = 'carol' AND "
				      "ref = '2027-03-01' AND to_state = '60'"), 1);
	/* Oldest first in the list, and each day in force until the next. */
	for (int i = 1; i < r.n; i++)
		assert_true(strcmp(r.t[i - 1].from_day, r.t[i].from_day) < 0);
	assert_ok(pr_target_on(db, "2027-02-28", &pct, &err), &err);
	assert_true(pct == 50.0);
	assert_ok(pr_target_on(db, "2099-01-01", &pct, &err), &err);
	assert_true(pct == 60.0);
	assert_ok(pr_target_on(db, "2026-12-31", &pct, &err), &err);
	assert_true(pct == 85.5);
	sqlite3_close(sql);
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_week_bounds),
		cmocka_unit_test(test_month_bounds),
		cmocka_unit_test_setup_teardown(test_weekly_sums, setup, teardown),
		cmocka_unit_test_setup_teardown(test_monthly_sums, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_stop, setup, teardown),
		cmocka_unit_test(test_depts_order),
		cmocka_unit_test(test_target_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
