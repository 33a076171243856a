/* Work waiting and work done: the backlog by age under a fixed clock, cycle
 * times by nearest rank, each operator's day from the audit trail, and
 * `report check` finding rollups edited behind the triggers' back.
 *
 * Expected figures are computed here from the items the test logs. Scans and
 * emails, which have no API yet, are plain SQL updates, as ingest and the
 * router will make. */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/operator.h"
#include "postroom/report.h"

typedef struct fixture {
	pr_db *db;
	sqlite3 *sql;
} fixture;

static int setup(void **state)
{
	pr_error err = { 0 };
	fixture *fx = calloc(1, sizeof *fx);
	fx->db = unit_db_new();
	fx->sql = unit_sql_open(pr_db_path(fx->db));
	if (pr_dept_add(fx->db, "REV", "Revenues", "rev@council.example", NULL, &err) ||
	    pr_dept_add(fx->db, "HWY", "Highways", "hwy@council.example", NULL, &err) ||
	    pr_dept_add(fx->db, "PLN", "Planning", "pln@council.example", NULL, &err))
		return -1;
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

/* Logs an item for DEPT received at local time WHEN; its reference in REF. */
static void add(fixture *fx, const char *dept, const char *when, unsigned flags,
		char ref[PR_REF_LEN])
{
	pr_error err = { 0 };
	pr_item_new in = { .dept_code = dept, .sender = "Sender", .addressee = "To",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD,
			   .received_at = unit_time(when), .flags = flags };
	pr_item it;
	assert_ok(pr_item_add(fx->db, &in, &it, &err), &err);
	if (ref)
		memcpy(ref, it.ref, PR_REF_LEN);
}

static void sqlf(fixture *fx, const char *fmt, ...)
{
	char sql[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	unit_sql_exec(fx->sql, sql);
}

/* Scanned at local time WHEN (what ingest will do). */
static void scan(fixture *fx, const char *ref, const char *when)
{
	pr_time t = unit_time(when);
	char day[PR_DAY_LEN];
	pr_time_day(t, day);
	sqlf(fx, "UPDATE items SET status = 'scanned', scanned_at = %lld, scanned_day = '%s' "
	     "WHERE ref = '%s'", (long long)t, day, ref);
}

/* Emailed at local time WHEN, after a scan. */
static void email(fixture *fx, const char *ref, const char *when)
{
	sqlf(fx, "UPDATE items SET status = 'emailed', emailed_at = %lld WHERE ref = '%s'",
	     (long long)unit_time(when), ref);
}

/* --- backlog ------------------------------------------------------------- */

typedef struct backlog_rows {
	int n;
	pr_backlog b[8];
} backlog_rows;

static bool collect_backlog(const pr_backlog *b, void *ud)
{
	backlog_rows *r = ud;
	if (r->n < 8)
		r->b[r->n] = *b;
	r->n++;
	return true;
}

/* The test's own backlog: open items per department and age. */
typedef struct open_item {
	const char *dept;
	pr_time at;
	bool exception;
} open_item;

typedef struct want_backlog {
	long by_age[PR_AGE_COUNT], unscanned, exceptions;
} want_backlog;

/* The age of an item received at AT when it is NOW, as the design says:
 * under 4 hours, else received today, yesterday, or before. */
static pr_age age_of(pr_time at, pr_time now)
{
	if (now - at < 4 * 3600)
		return PR_AGE_UNDER_4H;
	long d = pr_time_dayno(at), today = pr_time_dayno(now);
	if (d >= today)
		return PR_AGE_SAME_DAY;
	return d == today - 1 ? PR_AGE_1_DAY : PR_AGE_2_DAYS;
}

static want_backlog expect_backlog(const open_item *items, int n, const char *dept,
				   pr_time now)
{
	want_backlog w = { { 0 }, 0, 0 };
	for (int i = 0; i < n; i++) {
		if (dept && strcmp(items[i].dept, dept) != 0)
			continue;
		w.by_age[age_of(items[i].at, now)]++;
		if (items[i].exception)
			w.exceptions++;
		else
			w.unscanned++;
	}
	return w;
}

static void check_backlog(const pr_backlog *b, const want_backlog *w)
{
	for (int a = 0; a < PR_AGE_COUNT; a++)
		if (b->by_age[a] != w->by_age[a])
			fail_msg("%s %s: %ld, expected %ld", b->code[0] ? b->code : "total",
				 pr_age_name((pr_age)a), b->by_age[a], w->by_age[a]);
	assert_int_equal(b->unscanned, w->unscanned);
	assert_int_equal(b->exceptions, w->exceptions);
	assert_int_equal(b->total, w->unscanned + w->exceptions);
	long sum = 0;
	for (int a = 0; a < PR_AGE_COUNT; a++)
		sum += b->by_age[a];
	assert_int_equal(sum, b->total);
}

static void test_backlog_ages(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	/* Now is Friday 2026-11-20 09:30 (UNIT_NOW). */
	open_item open[16];
	int n = 0;
	char ref[PR_REF_LEN];
#define OPEN(dept, when, flags)                                              \
	do {                                                                 \
		add(fx, dept, when, flags, NULL);                            \
		open[n++] = (open_item){ dept, unit_time(when), (flags) != 0 }; \
	} while (0)
	OPEN("REV", "2026-11-20T08:30", 0);                 /* 1 h ago */
	OPEN("REV", "2026-11-20T05:31", 0);                 /* just under 4 h */
	OPEN("REV", "2026-11-20T05:30", 0);                 /* exactly 4 h: same day */
	OPEN("REV", "2026-11-20T04:30", 0);                 /* 5 h ago, today */
	OPEN("REV", "2026-11-20T00:05", 0);                 /* today, just */
	OPEN("REV", "2026-11-19T23:59", 0);                 /* yesterday */
	OPEN("REV", "2026-11-19T10:00", PR_FLAG_PRIVATE);   /* exception, waiting */
	OPEN("REV", "2026-11-17T10:00", 0);                 /* 3 days ago */
	OPEN("HWY", "2026-11-20T09:00", 0);
	OPEN("HWY", "2026-11-18T09:00", PR_FLAG_LEGAL);
	OPEN("HWY", "2026-10-01T09:00", 0);                 /* weeks old */
	/* A batched item waits too. */
	add(fx, "HWY", "2026-11-19T12:00", 0, ref);
	sqlf(fx, "UPDATE items SET status = 'batched' WHERE ref = '%s'", ref);
	open[n++] = (open_item){ "HWY", unit_time("2026-11-19T12:00"), false };
	/* Not waiting: scanned, emailed, handed over, voided. */
	add(fx, "REV", "2026-11-20T07:00", 0, ref);
	scan(fx, ref, "2026-11-20T09:00");
	add(fx, "REV", "2026-11-17T07:00", 0, ref);
	scan(fx, ref, "2026-11-18T09:00");
	email(fx, ref, "2026-11-18T09:05");
	add(fx, "HWY", "2026-11-18T07:00", PR_FLAG_REMITTANCE, ref);
	assert_ok(pr_item_handover(fx->db, ref, "Finance desk", NULL, &err), &err);
	add(fx, "PLN", "2026-11-16T07:00", 0, ref);
	sqlf(fx, "UPDATE items SET status = 'void' WHERE ref = '%s'", ref);
#undef OPEN

	backlog_rows r = { 0 };
	assert_ok(pr_report_backlog(fx->db, NULL, collect_backlog, &r, &err), &err);
	/* REV (8) before HWY (4); PLN has nothing waiting; then the total. */
	assert_int_equal(r.n, 3);
	assert_string_equal(r.b[0].code, "REV");
	assert_string_equal(r.b[0].name, "Revenues");
	assert_string_equal(r.b[1].code, "HWY");
	assert_string_equal(r.b[2].code, "");
	want_backlog w = expect_backlog(open, n, "REV", UNIT_NOW);
	check_backlog(&r.b[0], &w);
	/* Spot checks of the hand-made ages. */
	assert_int_equal(r.b[0].by_age[PR_AGE_UNDER_4H], 2);
	assert_int_equal(r.b[0].by_age[PR_AGE_SAME_DAY], 3);
	assert_int_equal(r.b[0].by_age[PR_AGE_1_DAY], 2);
	assert_int_equal(r.b[0].by_age[PR_AGE_2_DAYS], 1);
	assert_int_equal(r.b[0].exceptions, 1);
	w = expect_backlog(open, n, "HWY", UNIT_NOW);
	check_backlog(&r.b[1], &w);
	w = expect_backlog(open, n, NULL, UNIT_NOW);
	check_backlog(&r.b[2], &w);
	assert_int_equal(r.b[2].total, n);

	/* One department: its row and a total equal to it. */
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_backlog(fx->db, "hwy", collect_backlog, &r, &err), &err);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.b[0].code, "HWY");
	w = expect_backlog(open, n, "HWY", UNIT_NOW);
	check_backlog(&r.b[0], &w);
	check_backlog(&r.b[1], &w);
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_backlog(fx->db, "PLN", collect_backlog, &r, &err), &err);
	assert_int_equal(r.n, 1); /* only the (empty) total */
	assert_int_equal(r.b[0].total, 0);
	assert_int_equal(pr_report_backlog(fx->db, "NOPE", collect_backlog, &r, &err),
			 PR_ENOTFOUND);

	/* A day later everything has aged. */
	pr_time later = unit_time("2026-11-21T11:00");
	pr_clock_fix(later);
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_backlog(fx->db, NULL, collect_backlog, &r, &err), &err);
	w = expect_backlog(open, n, NULL, later);
	check_backlog(&r.b[r.n - 1], &w);
	assert_int_equal(r.b[r.n - 1].by_age[PR_AGE_UNDER_4H], 0);
	assert_int_equal(r.b[r.n - 1].by_age[PR_AGE_1_DAY], 6);
	pr_clock_fix(UNIT_NOW);
}

/* --- cycle times --------------------------------------------------------- */

typedef struct cycle_rows {
	int n;
	pr_cycle c[16];
} cycle_rows;

static bool collect_cycle(const pr_cycle *c, void *ud)
{
	cycle_rows *r = ud;
	if (r->n < 16)
		r->c[r->n] = *c;
	r->n++;
	return true;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The P-th percentile of the N durations V (seconds) by nearest rank: the
 * smallest value with at least P % of them at or below it, in minutes
 * rounded to the nearest; -1 when there are none. */
static long nearest_rank_min(const long *v, int n, int p)
{
	if (n == 0)
		return -1;
	long s[32];
	memcpy(s, v, (size_t)n * sizeof *v);
	qsort(s, (size_t)n, sizeof *s, cmp_long);
	for (int k = 1; k <= n; k++)
		if (100 * k >= p * n)
			return (long)lround((double)s[k - 1] / 60.0);
	return -1;
}

static void test_cycle_times(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	char ref[PR_REF_LEN];
	/* Wednesday 18th: seven REV items scanned after these many seconds
	 * (one of them the next morning), three of them emailed; two HWY
	 * items not scanned; a voided one that must not count. */
	const long scan_s[] = { 3000, 600, 1800, 61200, 1200, 4200, 2430 };
	const long mail_s[] = { 5400, 1800, 2729 };
	const int nscan = 7, nmail = 3;
	pr_time base = unit_time("2026-11-18T08:00");
	for (int i = 0; i < nscan; i++) {
		add(fx, "REV", "2026-11-18T08:00", 0, ref);
		char day[PR_DAY_LEN];
		pr_time_day(base + scan_s[i], day);
		sqlf(fx, "UPDATE items SET status = 'scanned', scanned_at = %lld, "
		     "scanned_day = '%s' WHERE ref = '%s'",
		     (long long)(base + scan_s[i]), day, ref);
		if (i < nmail)
			sqlf(fx, "UPDATE items SET status = 'emailed', emailed_at = %lld "
			     "WHERE ref = '%s'", (long long)(base + mail_s[i]), ref);
	}
	add(fx, "HWY", "2026-11-18T09:00", 0, NULL);
	add(fx, "HWY", "2026-11-18T10:00", PR_FLAG_PRIVATE, NULL);
	add(fx, "REV", "2026-11-18T08:00", 0, ref);
	scan(fx, ref, "2026-11-18T08:01");
	sqlf(fx, "UPDATE items SET status = 'void' WHERE ref = '%s'", ref);
	/* Thursday 19th: nothing. Friday 20th: received, none scanned yet;
	 * one HWY item scanned in 90 s. */
	add(fx, "REV", "2026-11-20T08:00", 0, NULL);
	add(fx, "HWY", "2026-11-20T08:00", 0, ref);
	scan(fx, ref, "2026-11-20T08:01:30");

	cycle_rows r = { 0 };
	assert_ok(pr_report_cycle(fx->db, "2026-11-17", "2026-11-20", NULL, collect_cycle,
				  &r, &err), &err);
	assert_int_equal(r.n, 4);
	const pr_cycle *c = &r.c[1];
	assert_string_equal(c->day, "2026-11-18");
	assert_int_equal(c->received, nscan + 2);
	assert_int_equal(c->scanned, nscan);
	assert_int_equal(c->emailed, nmail);
	assert_int_equal(c->scan_median_min, nearest_rank_min(scan_s, nscan, 50));
	assert_int_equal(c->scan_p90_min, nearest_rank_min(scan_s, nscan, 90));
	assert_int_equal(c->email_median_min, nearest_rank_min(mail_s, nmail, 50));
	assert_int_equal(c->email_p90_min, nearest_rank_min(mail_s, nmail, 90));
	/* By hand: sorted 10, 20, 30, 40.5, 50, 70, 1020 minutes: the 4th and
	 * the 7th; mail 30, 45.5, 90: the 2nd and the 3rd. */
	assert_int_equal(c->scan_median_min, 41);
	assert_int_equal(c->scan_p90_min, 1020);
	assert_int_equal(c->email_median_min, 45);
	assert_int_equal(c->email_p90_min, 90);
	/* Days with nothing are there, with nothing to measure. */
	const int empty[] = { 0, 2 };
	for (int k = 0; k < 2; k++) {
		c = &r.c[empty[k]];
		assert_int_equal(c->received, 0);
		assert_int_equal(c->scanned, 0);
		assert_int_equal(c->scan_median_min, -1);
		assert_int_equal(c->scan_p90_min, -1);
		assert_int_equal(c->email_median_min, -1);
		assert_int_equal(c->email_p90_min, -1);
	}
	assert_string_equal(r.c[0].day, "2026-11-17");
	assert_string_equal(r.c[2].day, "2026-11-19");
	c = &r.c[3];
	assert_int_equal(c->received, 2);
	assert_int_equal(c->scanned, 1);
	assert_int_equal(c->scan_median_min, 2); /* 1.5 min rounds up */
	assert_int_equal(c->scan_p90_min, 2);
	assert_int_equal(c->email_median_min, -1);

	/* One department. */
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_cycle(fx->db, "2026-11-20", "2026-11-20", "REV", collect_cycle,
				  &r, &err), &err);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.c[0].received, 1);
	assert_int_equal(r.c[0].scanned, 0);
	assert_int_equal(r.c[0].scan_median_min, -1);
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_cycle(fx->db, "2026-11-18", "2026-11-18", "HWY", collect_cycle,
				  &r, &err), &err);
	assert_int_equal(r.c[0].received, 2);
	assert_int_equal(r.c[0].scanned, 0);
	assert_int_equal(pr_report_cycle(fx->db, "2026-11-20", "2026-11-18", NULL,
					 collect_cycle, &r, &err), PR_EINVAL);
	assert_int_equal(pr_report_cycle(fx->db, "2026-11-18", "2026-11-20", "NOPE",
					 collect_cycle, &r, &err), PR_ENOTFOUND);
}

/* --- operators ----------------------------------------------------------- */

typedef struct activity_rows {
	int n;
	pr_activity a[16];
} activity_rows;

static bool collect_activity(const pr_activity *a, void *ud)
{
	activity_rows *r = ud;
	if (r->n < 16)
		r->a[r->n] = *a;
	r->n++;
	return true;
}

/* The test's own record of who did what on which day. */
typedef struct done {
	char day[PR_DAY_LEN];
	char login[33];
	long logged, exceptions, batches_closed;
} done;

typedef struct ledger {
	int n;
	done d[16];
} ledger;

static done *entry(ledger *l, const char *day, const char *login)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->d[i].day, day) == 0 && strcmp(l->d[i].login, login) == 0)
			return &l->d[i];
	assert_true(l->n < 16);
	done *e = &l->d[l->n++];
	memset(e, 0, sizeof *e);
	snprintf(e->day, sizeof e->day, "%s", day);
	snprintf(e->login, sizeof e->login, "%s", login);
	return e;
}

/* Acts as LOGIN at local time WHEN. */
static const char *act(fixture *fx, const char *login, const char *when, char day[PR_DAY_LEN])
{
	pr_time t = unit_time(when);
	pr_clock_fix(t);
	unit_register(fx->db, login, "operator");
	pr_db_set_actor(fx->db, login);
	pr_time_day(t, day);
	return day;
}

static int by_day_login(const void *pa, const void *pb)
{
	const done *a = pa, *b = pb;
	int c = strcmp(a->day, b->day);
	return c ? c : strcmp(a->login, b->login);
}

static void test_operators(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	ledger l = { 0 };
	char day[PR_DAY_LEN], ref[PR_REF_LEN], refs[8][PR_REF_LEN];
	int nrefs = 0;

	/* Saturday 24 Oct 00:30 BST is still Friday 23rd in UTC: a local day. */
	act(fx, "alice", "2026-10-24T00:30", day);
	assert_string_equal(day, "2026-10-24");
	add(fx, "REV", "2026-10-24T00:29", 0, NULL);
	entry(&l, day, "alice")->logged++;

	/* Wednesday 18th: alice logs three (one private: an exception at
	 * once), bob one. */
	act(fx, "alice", "2026-11-18T09:00", day);
	for (int i = 0; i < 3; i++) {
		add(fx, "REV", "2026-11-18T08:50", i == 2 ? PR_FLAG_PRIVATE : 0, refs[nrefs++]);
		entry(&l, day, "alice")->logged++;
	}
	entry(&l, day, "alice")->exceptions++;
	act(fx, "bob", "2026-11-18T16:00", day);
	add(fx, "HWY", "2026-11-18T15:00", 0, refs[nrefs++]);
	entry(&l, day, "bob")->logged++;

	/* Thursday 19th: bob marks one of alice's an exception and hands over
	 * the private one; alice logs two; carol closes two batches and opens
	 * one (written to the trail as the batch commands will). */
	act(fx, "bob", "2026-11-19T10:00", day);
	assert_ok(pr_item_exception(fx->db, refs[0], "legal original", NULL, &err), &err);
	assert_ok(pr_item_handover(fx->db, refs[2], "Council tax", NULL, &err), &err);
	entry(&l, day, "bob")->exceptions += 2;
	act(fx, "alice", "2026-11-19T11:00", day);
	for (int i = 0; i < 2; i++)
		add(fx, "HWY", "2026-11-19T10:30", 0, ref);
	entry(&l, day, "alice")->logged += 2;
	act(fx, "carol", "2026-11-19T17:00", day);
	/* Outside the audit writer: a hash is all the trigger asks. */
	sqlf(fx, "INSERT INTO audit_events (at, actor, entity, ref, from_state, to_state, hash) "
	     "VALUES (%lld, 'carol', 'batch', 'B1', 'open', 'closed', randomblob(32)), "
	     "(%lld, 'carol', 'batch', 'B2', 'open', 'closed', randomblob(32)), "
	     "(%lld, 'carol', 'batch', 'B3', NULL, 'open', randomblob(32))",
	     (long long)pr_now(), (long long)pr_now() + 60, (long long)pr_now() + 120);
	entry(&l, day, "carol")->batches_closed += 2;
	/* Friday 20th: dave only adds a department: no row for him. */
	act(fx, "dave", "2026-11-20T09:00", day);
	unit_register(fx->db, "dave", "admin");
	assert_ok(pr_dept_add(fx->db, "LEG", "Legal", "legal@council.example", NULL, &err),
		  &err);
	/* Saturday 21st 23:59: alice logs one, late. */
	act(fx, "alice", "2026-11-21T23:59:59", day);
	add(fx, "LEG", "2026-11-21T23:00", 0, NULL);
	entry(&l, day, "alice")->logged++;
	pr_clock_fix(unit_time("2026-11-22T12:00"));

	qsort(l.d, (size_t)l.n, sizeof l.d[0], by_day_login);
	activity_rows r = { 0 };
	assert_ok(pr_report_operators(fx->db, "2026-10-01", "2026-11-30", collect_activity,
				      &r, &err), &err);
	assert_int_equal(r.n, l.n);
	for (int i = 0; i < l.n; i++) {
		assert_string_equal(r.a[i].day, l.d[i].day);
		assert_string_equal(r.a[i].login, l.d[i].login);
		assert_int_equal(r.a[i].logged, l.d[i].logged);
		assert_int_equal(r.a[i].exceptions, l.d[i].exceptions);
		assert_int_equal(r.a[i].batches_closed, l.d[i].batches_closed);
	}
	/* By hand, the 18th and 19th. */
	assert_string_equal(r.a[1].day, "2026-11-18");
	assert_string_equal(r.a[1].login, "alice");
	assert_int_equal(r.a[1].logged, 3);
	assert_int_equal(r.a[1].exceptions, 1);
	assert_string_equal(r.a[3].login, "alice");
	assert_string_equal(r.a[4].login, "bob");
	assert_int_equal(r.a[4].exceptions, 2);
	assert_string_equal(r.a[5].login, "carol");
	assert_int_equal(r.a[5].batches_closed, 2);

	/* The ends of the period are whole local days. */
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_operators(fx->db, "2026-11-19", "2026-11-20", collect_activity,
				      &r, &err), &err);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.a[0].day, "2026-11-19");
	assert_string_equal(r.a[2].day, "2026-11-19");
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_operators(fx->db, "2026-11-21", "2026-11-21", collect_activity,
				      &r, &err), &err);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.a[0].logged, 1);
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_operators(fx->db, "2026-10-24", "2026-10-24", collect_activity,
				      &r, &err), &err);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.a[0].day, "2026-10-24");
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_operators(fx->db, "2026-10-23", "2026-10-23", collect_activity,
				      &r, &err), &err);
	assert_int_equal(r.n, 0);
	assert_int_equal(pr_report_operators(fx->db, "2026-11-21", "2026-11-20",
					     collect_activity, &r, &err), PR_EINVAL);
	pr_clock_fix(UNIT_NOW);
}

/* --- report check -------------------------------------------------------- */

typedef struct diff_rows {
	int n;
	pr_rollup_diff d[32];
} diff_rows;

static bool collect_diff(const pr_rollup_diff *d, void *ud)
{
	diff_rows *r = ud;
	if (r->n < 32)
		r->d[r->n] = *d;
	r->n++;
	return true;
}

static bool stop_diff(const pr_rollup_diff *d, void *ud)
{
	(void)d;
	(*(int *)ud)++;
	return false;
}

static diff_rows check(fixture *fx, size_t *ndiff)
{
	pr_error err = { 0 };
	diff_rows r;
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_check(fx->db, collect_diff, &r, ndiff, &err), &err);
	assert_int_equal(*ndiff, (size_t)r.n);
	return r;
}

static void assert_diff(const pr_rollup_diff *d, const char *day, const char *dept,
			const char *column, long kept, long actual)
{
	assert_string_equal(d->day, day);
	assert_string_equal(d->dept_code, dept);
	assert_string_equal(d->column, column);
	assert_int_equal(d->kept, kept);
	assert_int_equal(d->actual, actual);
}

static void test_check(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	char ref[PR_REF_LEN];
	/* 18th REV: 3 items, 2 scanned (one the next day), 1 emailed.
	 * 19th HWY: 2 items, 1 exception. 19th REV: 1 item. */
	add(fx, "REV", "2026-11-18T09:00", 0, ref);
	scan(fx, ref, "2026-11-18T10:00");
	email(fx, ref, "2026-11-18T10:05");
	add(fx, "REV", "2026-11-18T09:10", 0, ref);
	scan(fx, ref, "2026-11-19T10:00");
	add(fx, "REV", "2026-11-18T09:20", 0, NULL);
	add(fx, "HWY", "2026-11-19T09:00", 0, NULL);
	add(fx, "HWY", "2026-11-19T09:10", PR_FLAG_BULKY, NULL);
	add(fx, "REV", "2026-11-19T09:10", 0, NULL);
	size_t ndiff = 99;
	diff_rows r = check(fx, &ndiff);
	assert_int_equal(ndiff, 0);

	/* A count changed. */
	sqlf(fx, "UPDATE daily_rollup SET scanned = scanned + 2 WHERE day = '2026-11-18' "
	     "AND dept_id = (SELECT id FROM departments WHERE code = 'REV')");
	r = check(fx, &ndiff);
	assert_int_equal(ndiff, 1);
	assert_diff(&r.d[0], "2026-11-18", "REV", "scanned", 4, 2);

	/* A row deleted: every column it counted differs. */
	sqlf(fx, "DELETE FROM daily_rollup WHERE day = '2026-11-19' AND dept_id = "
	     "(SELECT id FROM departments WHERE code = 'HWY')");
	/* A bogus row for a day without items, and one for no department. */
	sqlf(fx, "INSERT INTO daily_rollup (day, dept_id, received, exceptions) VALUES "
	     "('2026-11-01', (SELECT id FROM departments WHERE code = 'PLN'), 4, 1), "
	     "('2026-11-19', 999, 1, 0)");
	r = check(fx, &ndiff);
	assert_int_equal(ndiff, 6);
	/* By day, then department code ("#999" sorts first). */
	assert_diff(&r.d[0], "2026-11-01", "PLN", "received", 4, 0);
	assert_diff(&r.d[1], "2026-11-01", "PLN", "exceptions", 1, 0);
	assert_diff(&r.d[2], "2026-11-18", "REV", "scanned", 4, 2);
	assert_diff(&r.d[3], "2026-11-19", "#999", "received", 1, 0);
	assert_diff(&r.d[4], "2026-11-19", "HWY", "received", 0, 2);
	assert_diff(&r.d[5], "2026-11-19", "HWY", "exceptions", 0, 1);

	/* Same-day and emailed counts are checked too. */
	sqlf(fx, "UPDATE daily_rollup SET scanned_same_day = 0, emailed = 3 WHERE "
	     "day = '2026-11-18' AND dept_id = (SELECT id FROM departments WHERE code = 'REV')");
	r = check(fx, &ndiff);
	assert_int_equal(ndiff, 8);
	assert_diff(&r.d[3], "2026-11-18", "REV", "scanned_same_day", 0, 1);
	assert_diff(&r.d[4], "2026-11-18", "REV", "emailed", 3, 1);

	/* A callback that stops still gets the full count. */
	int calls = 0;
	ndiff = 0;
	assert_ok(pr_report_check(fx->db, stop_diff, &calls, &ndiff, &err), &err);
	assert_int_equal(calls, 1);
	assert_int_equal(ndiff, 8);

	/* The check wrote nothing: the damage is still there, and the items
	 * are untouched. */
	assert_int_equal(unit_sql_int(fx->sql, "SELECT count(*) FROM daily_rollup WHERE "
				      "dept_id = 999"), 1);
	assert_int_equal(unit_sql_int(fx->sql, "SELECT count(*) FROM items"), 6);

	/* Put right, it agrees again (a row of zeros is no difference). */
	sqlf(fx, "DELETE FROM daily_rollup WHERE dept_id = 999 OR day = '2026-11-01';"
	     "UPDATE daily_rollup SET scanned = 2, scanned_same_day = 1, emailed = 1 "
	     "WHERE day = '2026-11-18';"
	     "INSERT INTO daily_rollup (day, dept_id, received, exceptions) VALUES "
	     "('2026-11-19', (SELECT id FROM departments WHERE code = 'HWY'), 2, 1), "
	     "('2026-11-02', (SELECT id FROM departments WHERE code = 'PLN'), 0, 0)");
	r = check(fx, &ndiff);
	assert_int_equal(ndiff, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_backlog_ages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cycle_times, setup, teardown),
		cmocka_unit_test_setup_teardown(test_operators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
