/* pr_demo_fill: the shape of the demo data, read back with plain SQL through
 * a second, read-only connection. One 30-day demo is shared by most tests;
 * the tests of today at other times and of determinism make their own. */
#include "unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/demo.h"
#include "postroom/item.h"
#include "postroom/operator.h"
#include "postroom/ref.h"

static pr_db *shared_db;
static sqlite3 *shared_sql;

/* ---- helpers --------------------------------------------------------- */

/* FNV-1a over what identifies the items: two equal demos hash alike. */
static uint64_t items_checksum(sqlite3 *s)
{
	sqlite3_stmt *stmt = NULL;
	uint64_t h = UINT64_C(14695981039346656037);
	const char *sql = "SELECT ref, sender, status, received_at, dept_id, "
			  "addressee, coalesce(scanned_at, 0), flags FROM items ORDER BY id";
	if (sqlite3_prepare_v2(s, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(s));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			const unsigned char *t = sqlite3_column_text(stmt, c);
			for (; t && *t; t++)
				h = (h ^ *t) * UINT64_C(1099511628211);
			h = (h ^ 0xff) * UINT64_C(1099511628211);
		}
	}
	sqlite3_finalize(stmt);
	return h;
}

/* FNV-1a over every row of SQL, column by column. */
static uint64_t rows_checksum(sqlite3 *s, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	uint64_t h = UINT64_C(14695981039346656037);
	long rows = 0;
	if (sqlite3_prepare_v2(s, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(s));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		rows++;
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			const unsigned char *t = sqlite3_column_text(stmt, c);
			for (; t && *t; t++)
				h = (h ^ *t) * UINT64_C(1099511628211);
			h = (h ^ 0xff) * UINT64_C(1099511628211);
		}
	}
	sqlite3_finalize(stmt);
	if (rows == 0)
		fail_msg("no rows to check: %s", sql);
	return h;
}

/* unit_sql_int with the SQL made from FMT. */
static long long sqlf(sqlite3 *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static long long sqlf(sqlite3 *s, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof sql);
	return unit_sql_int(s, sql);
}

/* A DAYS-day demo of SEED made with the clock at NOW (then put back at
 * UNIT_NOW). */
static pr_db *demo_db_at(int days, uint64_t seed, const char *now)
{
	pr_error err;
	pr_db *db = unit_db_new();
	pr_demo_options opt = {.days = days, .seed = seed};
	pr_clock_fix(unit_time(now));
	pr_status st = pr_demo_fill(db, &opt, &err);
	pr_clock_fix(UNIT_NOW);
	assert_ok(st, &err);
	return db;
}

static pr_db *demo_db(int days, uint64_t seed)
{
	return demo_db_at(days, seed, "2026-11-20T09:30:00");
}

/* Nothing in the database is dated after NOW: no receipt, batch, scan,
 * email, hand-over or audit event. */
static void check_nothing_after(sqlite3 *s, pr_time now)
{
	long long t = (long long)now;
	assert_int_equal(sqlf(s, "SELECT count(*) FROM items WHERE received_at > %lld "
			      "OR scanned_at > %lld OR emailed_at > %lld OR handed_at > %lld "
			      "OR updated_at > %lld", t, t, t, t, t), 0);
	assert_int_equal(sqlf(s, "SELECT count(*) FROM batches WHERE opened_at > %lld "
			      "OR closed_at > %lld OR sheets_printed_at > %lld "
			      "OR scanned_at > %lld", t, t, t, t), 0);
	assert_int_equal(sqlf(s, "SELECT count(*) FROM audit_events WHERE at > %lld", t), 0);
	/* Nor is a day after NOW's. */
	char today[PR_DAY_LEN];
	pr_time_day(now, today);
	assert_int_equal(sqlf(s, "SELECT count(*) FROM items WHERE received_day > '%s' "
			      "OR scanned_day > '%s'", today, today), 0);
}

/* The count of today's (DAY's) items WHERE. */
static long long day_count(sqlite3 *s, const char *day, const char *where)
{
	return sqlf(s, "SELECT count(*) FROM items WHERE received_day = '%s' AND (%s)",
		    day, where);
}

/* Every full day: 2,000-6,000 items on a weekday, at most 60 at the
 * weekend. Today (the last day) is still under way and is left out. */
static void check_volumes(sqlite3 *s, int days)
{
	sqlite3_stmt *stmt = NULL;
	const char *sql =
		"SELECT received_day, strftime('%w', received_day), count(*) "
		"FROM items WHERE received_day < (SELECT max(received_day) FROM items) "
		"GROUP BY received_day";
	int weekdays = 0;
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(stmt, 0);
		int dow = sqlite3_column_int(stmt, 1);
		long n = sqlite3_column_int(stmt, 2);
		if (dow >= 1 && dow <= 5) {
			weekdays++;
			if (n < 2000 || n > 6000)
				fail_msg("%s (weekday): %ld items", day, n);
		} else if (n > 60) {
			fail_msg("%s (weekend): %ld items", day, n);
		}
	}
	sqlite3_finalize(stmt);
	/* Days before today: (days - 1), of which at least 5/7 minus a
	 * weekend's rounding are working days. */
	assert_true(weekdays >= (days - 1) * 5 / 7 - 1);
}

/* ---- group set-up: one 30-day demo ------------------------------------ */

static int progress_calls;
static double progress_last;
static bool progress_monotonic = true;

static void on_progress(double done, void *ud)
{
	(void)ud;
	if (done < progress_last)
		progress_monotonic = false;
	progress_last = done;
	progress_calls++;
}

static int group_setup(void **state)
{
	(void)state;
	pr_error err;
	shared_db = unit_db_new();
	pr_demo_options opt = {.days = 30, .seed = 42, .progress = on_progress};
	if (pr_demo_fill(shared_db, &opt, &err) != PR_OK) {
		fprintf(stderr, "demo fill: %s\n", err.msg);
		return -1;
	}
	shared_sql = unit_sql_open_ro(pr_db_path(shared_db));
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	sqlite3_close(shared_sql);
	unit_db_free(shared_db);
	return 0;
}

/* ---- tests ----------------------------------------------------------- */

static void test_bad_days_refused(void **state)
{
	(void)state;
	pr_error err;
	bool empty = false;
	pr_db *db = unit_db_new();
	pr_demo_options opt = {.days = 0, .seed = 1};
	assert_int_equal(pr_demo_fill(db, &opt, &err), PR_EINVAL);
	opt.days = 3661;
	assert_int_equal(pr_demo_fill(db, &opt, &err), PR_EINVAL);
	assert_ok(pr_db_is_empty(db, &empty, &err), &err);
	assert_true(empty);
	unit_db_free(db);
}

static void test_progress_reported(void **state)
{
	(void)state;
	assert_true(progress_calls >= 30);
	assert_true(progress_monotonic);
	assert_true(progress_last == 1.0);
}

static void test_departments(void **state)
{
	(void)state;
	sqlite3 *s = shared_sql;
	long long n = unit_sql_int(s, "SELECT count(*) FROM departments");
	assert_true(n >= 40);
	assert_int_equal(unit_sql_int(s, "SELECT count(DISTINCT upper(code)) FROM departments"), n);
	/* Codes: 1-12 letters, digits or '-'. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM departments WHERE "
				      "length(code) BETWEEN 1 AND 12 AND code NOT GLOB "
				      "'*[^A-Za-z0-9-]*'"), n);
	/* Emails: one '@', a dot in the domain, the .example domain. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM departments WHERE "
				      "email GLOB '?*@?*.example' AND email NOT GLOB '*@*@*' "
				      "AND email NOT GLOB '* *'"), n);
	assert_int_equal(unit_sql_int(s, "SELECT count(DISTINCT email) FROM departments"), n);
	/* 2-6 people in every department, with addresses of their own. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM (SELECT d.id, count(r.id) AS k "
				      "FROM departments d LEFT JOIN recipients r ON r.dept_id = d.id "
				      "GROUP BY d.id) WHERE k BETWEEN 2 AND 6"), n);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM recipients WHERE email NOT GLOB "
				      "'?*.?*@?*.example' OR email GLOB '*[ '']*'"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) - count(DISTINCT email) FROM recipients"), 0);
	/* Departments are not equally busy. */
	assert_true(unit_sql_int(s, "SELECT max(k) FROM (SELECT count(*) AS k FROM items "
				 "GROUP BY dept_id)") >
		    5 * unit_sql_int(s, "SELECT min(k) FROM (SELECT count(*) AS k FROM items "
				     "GROUP BY dept_id)"));
}

static void test_operators(void **state)
{
	(void)state;
	sqlite3 *s = shared_sql;
	assert_true(unit_sql_int(s, "SELECT count(*) FROM operators") >= 8);
	assert_true(unit_sql_int(s, "SELECT count(*) FROM operators WHERE role = 'supervisor'") >= 1);
	assert_true(unit_sql_int(s, "SELECT count(*) FROM operators WHERE role = 'operator'") >= 5);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM operators WHERE login = '%s' "
		 "AND role = 'admin'", "tester" /* the acting login */);
	assert_int_equal(unit_sql_int(s, sql), 1);
	/* Items were logged by operators on the list. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE logged_by NOT IN "
				      "(SELECT login FROM operators)"), 0);
}

static void test_volumes(void **state)
{
	(void)state;
	check_volumes(shared_sql, 30);
	/* Today: only what has arrived by now. */
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM items WHERE received_at > %lld",
		 (long long)UNIT_NOW);
	assert_int_equal(unit_sql_int(shared_sql, sql), 0);
	snprintf(sql, sizeof sql, "SELECT max(received_at) > %lld - 3 * 3600 FROM items",
		 (long long)UNIT_NOW);
	assert_int_equal(unit_sql_int(shared_sql, sql), 1);
}

static void test_mix(void **state)
{
	(void)state;
	sqlite3 *s = shared_sql;
	double letters = unit_sql_double(s, "SELECT avg(kind = 'letter') FROM items");
	double parcels = unit_sql_double(s, "SELECT avg(kind = 'parcel') FROM items");
	double standard = unit_sql_double(s, "SELECT avg(service = 'standard') FROM items");
	assert_true(letters > 0.77 && letters < 0.83);
	assert_true(parcels > 0.03 && parcels < 0.07);
	assert_true(standard > 0.90 && standard < 0.94);
	/* Tracking numbers on recorded and special delivery items only. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE (service = 'standard') "
				      "<> (tracking IS NULL)"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE tracking IS NOT NULL "
				      "AND tracking NOT GLOB '[A-Z][A-Z][0-9][0-9][0-9][0-9][0-9]"
				      "[0-9][0-9][0-9][0-9]GB'"), 0);
	/* Flagged items are exceptions, never scanned. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE flags & 15 AND "
				      "(scanned_at IS NOT NULL OR status NOT IN "
				      "('exception','handed-over'))"), 0);
	double priv = unit_sql_double(s, "SELECT avg(flags & 1 <> 0) FROM items");
	assert_true(priv > 0.015 && priv < 0.025);
	/* Every state of a finished or live item turns up. */
	static const char *const states[] = {"received", "scanned", "emailed",
					      "exception", "handed-over", "returned"};
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		char sql[120];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM items WHERE status = '%s'",
			 states[i]);
		if (unit_sql_int(s, sql) == 0)
			fail_msg("no item is %s", states[i]);
	}
	/* The live backlog is recent: nothing older than yesterday waits. */
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM items WHERE status = 'received' "
		 "AND received_at < %lld - 4 * 86400", (long long)UNIT_NOW);
	assert_int_equal(unit_sql_int(s, sql), 0);
	/* Handed-over items name who signed. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE status = 'handed-over' "
				      "AND (handed_to IS NULL OR handed_at < received_at)"), 0);
}

static void test_times_consistent(void **state)
{
	(void)state;
	sqlite3 *s = shared_sql;
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE scanned_at < received_at "
				      "OR emailed_at < scanned_at OR scanned_day < received_day "
				      "OR (scanned_at IS NULL) <> (scanned_day IS NULL) "
				      "OR (emailed_at IS NOT NULL AND scanned_at IS NULL) "
				      "OR updated_at < received_at"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE received_day <> "
				      "date(received_at, 'unixepoch', 'localtime')"), 0);
	char sql[300];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM items WHERE max(updated_at, "
		 "coalesce(scanned_at, 0), coalesce(emailed_at, 0), "
		 "coalesce(handed_at, 0)) > %lld", (long long)UNIT_NOW);
	assert_int_equal(unit_sql_int(s, sql), 0);
	/* Mostly the morning delivery: 07:30-11:00 local. */
	double morning = unit_sql_double(s, "SELECT avg(time(received_at, 'unixepoch', "
					 "'localtime') BETWEEN '07:30' AND '11:00') FROM items");
	assert_true(morning > 0.7 && morning < 0.95);
	/* The room opens at 06:00: some post is logged before 07:00 on a
	 * working day, none before 06:00. */
	double early = unit_sql_double(s, "SELECT avg(time(received_at, 'unixepoch', "
				       "'localtime') < '07:00') FROM items WHERE "
				       "strftime('%w', received_day) BETWEEN '1' AND '5'");
	assert_true(early > 0.04 && early < 0.15);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE time(received_at, "
				      "'unixepoch', 'localtime') < '06:00'"), 0);
	/* Nobody signs for an exception before the departments' staff are in. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE time(handed_at, "
				      "'unixepoch', 'localtime') < '08:30'"), 0);
	check_nothing_after(s, UNIT_NOW);
}

static void test_scanned_share_rises(void **state)
{
	(void)state;
	sqlite3 *s = shared_sql;
	const char *first =
		"SELECT 100.0 * sum(scanned_at IS NOT NULL) / count(*) FROM items "
		"WHERE received_day = (SELECT min(received_day) FROM items "
		"WHERE strftime('%w', received_day) BETWEEN '1' AND '5')";
	const char *last =
		"SELECT 100.0 * sum(scanned_at IS NOT NULL) / count(*) FROM items "
		"WHERE received_day = (SELECT max(received_day) FROM items "
		"WHERE strftime('%w', received_day) BETWEEN '1' AND '5' "
		"AND received_day < (SELECT max(received_day) FROM items))";
	double a = unit_sql_double(s, first), b = unit_sql_double(s, last);
	if (!(a > 35 && a < 60 && b > 85))
		fail_msg("scanned share %.1f%% on the first day, %.1f%% on the last", a, b);
	/* Most scanned items were emailed on. */
	double emailed = unit_sql_double(s, "SELECT avg(emailed_at IS NOT NULL) FROM items "
					 "WHERE scanned_at IS NOT NULL");
	assert_true(emailed > 0.95 && emailed < 1.0);
}

static void test_rollup_matches_items(void **state)
{
	(void)state;
	const char *counted =
		"SELECT received_day, dept_id, count(*), sum(scanned_at IS NOT NULL), "
		"sum(scanned_day IS received_day), sum(emailed_at IS NOT NULL), "
		"sum(status IN ('exception','handed-over','returned')) "
		"FROM items WHERE status <> 'void' GROUP BY received_day, dept_id";
	const char *kept =
		"SELECT day, dept_id, received, scanned, scanned_same_day, emailed, "
		"exceptions FROM daily_rollup WHERE received <> 0";
	char sql[1200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", counted, kept);
	assert_int_equal(unit_sql_int(shared_sql, sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", kept, counted);
	assert_int_equal(unit_sql_int(shared_sql, sql), 0);
}

static void test_audit_trail(void **state)
{
	(void)state;
	sqlite3 *s = shared_sql;
	long long items = unit_sql_int(s, "SELECT count(*) FROM items");
	/* One creation event each. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events WHERE entity = 'item' "
				      "AND from_state IS NULL AND to_state = 'received'"), items);
	assert_int_equal(unit_sql_int(s, "SELECT count(DISTINCT entity_id) FROM audit_events "
				      "WHERE from_state IS NULL"), items);
	/* The last event leads to the item's state, and states chain. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items i WHERE i.status IS NOT "
				      "(SELECT to_state FROM audit_events a WHERE a.ref = i.ref "
				      "ORDER BY a.id DESC LIMIT 1)"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events a JOIN audit_events b "
				      "ON b.ref = a.ref AND b.id = (SELECT min(id) FROM audit_events "
				      "c WHERE c.ref = a.ref AND c.id > a.id) "
				      "WHERE b.from_state IS NOT a.to_state OR b.at < a.at"), 0);
	/* Actors are operators; a handover says who signed. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events WHERE actor NOT IN "
				      "(SELECT login FROM operators)"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events a JOIN items i "
				      "ON i.id = a.entity_id WHERE a.to_state = 'handed-over' AND "
				      "a.reason IS NOT 'signed for by ' || i.handed_to"), 0);
	/* The old regime: paper delivery of what was not scanned. */
	assert_true(unit_sql_int(s, "SELECT count(*) FROM items WHERE exception_reason = "
				 "'delivered unscanned (internal post)'") > 1000);
}

static void test_batches(void **state)
{
	(void)state;
	sqlite3 *s = shared_sql;
	/* Every item for scanning went through a tray of its own department,
	 * in tray order 1..n; nothing else did. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE (batch_id IS NULL) "
				      "<> (status NOT IN ('batched','scanned','emailed'))"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items i JOIN batches b ON "
				      "b.id = i.batch_id WHERE b.dept_id <> i.dept_id "
				      "OR b.opened_at > i.updated_at OR b.ref NOT GLOB 'B*'"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM (SELECT batch_id, count(*) AS n, "
				      "min(batch_pos) AS lo, max(batch_pos) AS hi, "
				      "count(DISTINCT batch_pos) AS k FROM items WHERE batch_id "
				      "IS NOT NULL GROUP BY batch_id) WHERE lo <> 1 OR hi <> n "
				      "OR k <> n"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM batches b WHERE NOT EXISTS "
				      "(SELECT 1 FROM items i WHERE i.batch_id = b.id)"), 0);
	/* A tray is scanned after it was closed; a scanned tray has all its
	 * items scanned, the last at its time; items of an open tray wait. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items i JOIN batches b ON "
				      "b.id = i.batch_id WHERE i.scanned_at IS NOT NULL AND "
				      "(b.closed_at IS NULL OR i.scanned_at < b.closed_at)"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM batches b WHERE (b.status = "
				      "'scanned') <> (b.scanned_at IS NOT NULL) OR (b.status = "
				      "'open') <> (b.closed_at IS NULL) OR b.sheets_printed_at "
				      "IS NOT b.closed_at"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM batches b WHERE b.status = "
				      "'scanned' AND b.scanned_at IS NOT (SELECT max(scanned_at) "
				      "FROM items i WHERE i.batch_id = b.id AND (SELECT count(*) "
				      "FROM items j WHERE j.batch_id = b.id AND j.scanned_at IS "
				      "NULL) = 0)"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items i JOIN batches b ON "
				      "b.id = i.batch_id WHERE b.status = 'open' AND "
				      "i.status <> 'batched'"), 0);
	/* At most one open tray a department, and trays of a sensible size. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM (SELECT dept_id FROM batches "
				      "WHERE status = 'open' GROUP BY dept_id HAVING count(*) > 1)"), 0);
	assert_true(unit_sql_int(s, "SELECT max(n) FROM (SELECT count(*) AS n FROM items "
				 "WHERE batch_id IS NOT NULL GROUP BY batch_id)") <= 60);
	double avg = unit_sql_double(s, "SELECT avg(n) FROM (SELECT count(*) AS n FROM items "
				     "WHERE batch_id IS NOT NULL GROUP BY batch_id)");
	assert_true(avg > 5 && avg < 40);
	/* Their trail: opened, closed with the count, scanned; numbered per
	 * day like the items. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM batches b WHERE b.status IS NOT "
				      "(SELECT to_state FROM audit_events a WHERE a.ref = b.ref "
				      "ORDER BY a.id DESC LIMIT 1)"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events a JOIN batches b "
				      "ON a.ref = b.ref WHERE a.entity = 'batch' AND "
				      "a.to_state = 'closed' AND a.reason IS NOT (SELECT count(*) "
				      "|| iif(count(*) = 1, ' item', ' items') FROM items i "
				      "WHERE i.batch_id = b.id)"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM (SELECT substr(ref, 2, 6) AS d, "
				      "count(*) AS n FROM batches GROUP BY d) b FULL JOIN (SELECT "
				      "substr(replace(day, '-', ''), 3) AS d, last FROM sequences "
				      "WHERE kind = 'B') q ON q.d = b.d WHERE q.last IS NOT b.n"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM batches"),
			 unit_sql_int(s, "SELECT sum(last) FROM sequences WHERE kind = 'B'"));
	/* Each state turns up: at 09:30 on a Friday the runner has just taken
	 * the trays to the scanners, so a few are open, more wait, and the
	 * rest are scanned. */
	assert_true(unit_sql_int(s, "SELECT count(*) FROM batches WHERE status = 'open'") > 0);
	assert_true(unit_sql_int(s, "SELECT count(*) FROM batches WHERE status = 'closed'") > 0);
	assert_true(unit_sql_int(s, "SELECT count(*) FROM batches WHERE status = 'scanned'") > 1000);
}

/* 06:38 on a working day: the room has been open since 06:00, so today
 * already has post logged, some of it in trays and a few items scanned,
 * and nothing from later in the day. */
static void test_today_early(void **state)
{
	(void)state;
	pr_time now = unit_time("2026-11-20T06:38:00");
	pr_db *db = demo_db_at(3, 42, "2026-11-20T06:38:00");
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	const char *day = "2026-11-20";
	long long received = day_count(s, day, "1");
	long long batched = day_count(s, day, "status = 'batched'");
	long long scanned = day_count(s, day, "scanned_at IS NOT NULL");
	if (received < 20 || batched < 1 || scanned < 1 || scanned >= received)
		fail_msg("at 06:38: %lld received, %lld batched, %lld scanned", received,
			 batched, scanned);
	/* Scanning runs behind logging: some items still wait for a tray. */
	assert_true(day_count(s, day, "status = 'received'") > 0);
	assert_true(unit_sql_int(s, "SELECT count(*) FROM batches WHERE status = 'open' "
				 "AND ref GLOB 'B261120-*'") > 0);
	/* Nobody has come to sign for today's exceptions yet. */
	assert_int_equal(day_count(s, day, "status = 'handed-over'"), 0);
	check_nothing_after(s, now);
	/* The daily counts agree with the items. */
	assert_int_equal(sqlf(s, "SELECT received FROM (SELECT sum(received) AS received "
			      "FROM daily_rollup WHERE day = '%s')", day), received);
	sqlite3_close(s);
	unit_db_free(db);
}

/* 14:00 on a working day: most of today's post is in, scanning has caught
 * up with the morning, and the afternoon's trays are still to do. */
static void test_today_afternoon(void **state)
{
	(void)state;
	pr_time now = unit_time("2026-11-20T14:00:00");
	/* Eight days: yesterday is on the plateau of the scanned share. */
	pr_db *db = demo_db_at(8, 42, "2026-11-20T14:00:00");
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	const char *day = "2026-11-20", *yday = "2026-11-19";
	long long received = day_count(s, day, "1");
	long long batched = day_count(s, day, "status = 'batched'");
	long long scanned = day_count(s, day, "scanned_at IS NOT NULL");
	long long emailed = day_count(s, day, "emailed_at IS NOT NULL");
	if (received < 1500 || batched < 1 || scanned >= received || emailed < 1)
		fail_msg("at 14:00: %lld received, %lld batched, %lld scanned, %lld emailed",
			 received, batched, scanned, emailed);
	/* The scanned share of today is below that of a finished day. */
	double today_pct = 100.0 * (double)scanned / (double)received;
	double y_pct = 100.0 * (double)day_count(s, yday, "scanned_at IS NOT NULL") /
		       (double)day_count(s, yday, "1");
	if (!(today_pct > 50 && today_pct < y_pct - 2 && y_pct > 85))
		fail_msg("scanned %.1f%% today at 14:00, %.1f%% yesterday", today_pct, y_pct);
	assert_true(day_count(s, day, "status = 'handed-over'") > 0);
	check_nothing_after(s, now);
	sqlite3_close(s);
	unit_db_free(db);
}

/* A later clock carries the same day further: what had happened by 06:38
 * is the same at 14:00 (the items logged and the trays opened by then). */
static void test_later_now_extends(void **state)
{
	(void)state;
	pr_db *a = demo_db_at(2, 9, "2026-11-20T06:38:00");
	pr_db *b = demo_db_at(2, 9, "2026-11-20T14:00:00");
	sqlite3 *sa = unit_sql_open_ro(pr_db_path(a)), *sb = unit_sql_open_ro(pr_db_path(b));
	char items[300], batches[300];
	pr_time t = unit_time("2026-11-20T06:38:00");
	snprintf(items, sizeof items, "SELECT ref, sender, addressee, received_at, dept_id, "
		 "kind, flags, logged_by FROM items WHERE received_at <= %lld ORDER BY ref",
		 (long long)t);
	snprintf(batches, sizeof batches, "SELECT ref, dept_id, opened_at, opened_by FROM "
		 "batches WHERE opened_at <= %lld ORDER BY ref", (long long)t);
	assert_true(rows_checksum(sa, items) == rows_checksum(sb, items));
	assert_true(rows_checksum(sa, batches) == rows_checksum(sb, batches));
	assert_true(unit_sql_int(sb, "SELECT count(*) FROM items") >
		    unit_sql_int(sa, "SELECT count(*) FROM items"));
	sqlite3_close(sa);
	sqlite3_close(sb);
	unit_db_free(a);
	unit_db_free(b);
}

/* The weekend: a few items on Saturday morning, none yet early on Sunday;
 * their trays wait for Monday's scanners, and nothing is dated ahead. */
static void test_weekend(void **state)
{
	(void)state;
	pr_db *db = demo_db_at(4, 42, "2026-11-21T10:00:00");
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	long long sat = day_count(s, "2026-11-21", "1");
	assert_true(sat > 0 && sat <= 60);
	assert_int_equal(day_count(s, "2026-11-21", "scanned_at IS NOT NULL"), 0);
	check_nothing_after(s, unit_time("2026-11-21T10:00:00"));
	sqlite3_close(s);
	unit_db_free(db);

	db = demo_db_at(4, 42, "2026-11-22T06:38:00");
	s = unit_sql_open_ro(pr_db_path(db));
	assert_int_equal(day_count(s, "2026-11-22", "1"), 0);
	assert_true(day_count(s, "2026-11-21", "1") > 0);
	assert_int_equal(day_count(s, "2026-11-21", "scanned_at IS NOT NULL"), 0);
	check_nothing_after(s, unit_time("2026-11-22T06:38:00"));
	sqlite3_close(s);
	unit_db_free(db);
}

static void test_deterministic(void **state)
{
	(void)state;
	pr_db *a = demo_db(10, 7), *b = demo_db(10, 7), *c = demo_db(10, 8);
	sqlite3 *sa = unit_sql_open_ro(pr_db_path(a)), *sb = unit_sql_open_ro(pr_db_path(b));
	sqlite3 *sc = unit_sql_open_ro(pr_db_path(c));
	check_volumes(sa, 10);
	assert_true(unit_sql_int(sa, "SELECT count(*) FROM items") > 10000);
	assert_true(items_checksum(sa) == items_checksum(sb));
	assert_true(items_checksum(sa) != items_checksum(sc));
	assert_int_equal(unit_sql_int(sa, "SELECT count(*) FROM audit_events"),
			 unit_sql_int(sb, "SELECT count(*) FROM audit_events"));
	sqlite3_close(sa);
	sqlite3_close(sb);
	sqlite3_close(sc);
	unit_db_free(a);
	unit_db_free(b);
	unit_db_free(c);

	/* The same seed and the same clock: the same rows in every table,
	 * at 06:38 and at 14:00 alike. */
	static const char *const tables[] = {
		"SELECT * FROM items ORDER BY id",
		"SELECT * FROM batches ORDER BY id",
		"SELECT * FROM audit_events ORDER BY id",
		"SELECT * FROM daily_rollup ORDER BY day, dept_id",
		"SELECT * FROM sequences ORDER BY kind, day",
		"SELECT * FROM recipients ORDER BY id",
	};
	static const char *const times[] = {"2026-11-20T06:38:00", "2026-11-20T14:00:00"};
	for (size_t t = 0; t < sizeof times / sizeof times[0]; t++) {
		a = demo_db_at(3, 11, times[t]);
		b = demo_db_at(3, 11, times[t]);
		sa = unit_sql_open_ro(pr_db_path(a));
		sb = unit_sql_open_ro(pr_db_path(b));
		for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
			if (rows_checksum(sa, tables[i]) != rows_checksum(sb, tables[i]))
				fail_msg("%s differs at %s", tables[i], times[t]);
		sqlite3_close(sa);
		sqlite3_close(sb);
		unit_db_free(a);
		unit_db_free(b);
	}
	/* A different clock gives a different state of the same post. */
	a = demo_db_at(3, 11, times[0]);
	b = demo_db_at(3, 11, times[1]);
	sa = unit_sql_open_ro(pr_db_path(a));
	sb = unit_sql_open_ro(pr_db_path(b));
	assert_true(rows_checksum(sa, tables[0]) != rows_checksum(sb, tables[0]));
	sqlite3_close(sa);
	sqlite3_close(sb);
	unit_db_free(a);
	unit_db_free(b);
}

/* Runs late: it adds to the shared demo. */
static void test_numbering_continues(void **state)
{
	(void)state;
	pr_error err;
	pr_item item;
	char want[PR_REF_LEN];
	long today = pr_time_dayno(UNIT_NOW);
	long last = (long)unit_sql_int(shared_sql, "SELECT last FROM sequences WHERE kind = 'I' "
				       "AND day = (SELECT max(received_day) FROM items)");
	assert_int_equal(last, unit_sql_int(shared_sql, "SELECT count(*) FROM items WHERE "
					    "received_day = (SELECT max(received_day) FROM items)"));
	pr_item_new in = {
		.dept_code = "ASC",
		.sender = "Mrs J Patel",
		.addressee = "Adult Social Care",
		.kind = PR_KIND_LETTER,
		.service = PR_SERVICE_STANDARD,
	};
	assert_ok(pr_item_add(shared_db, &in, &item, &err), &err);
	pr_ref_make('I', today, last + 1, want);
	assert_string_equal(item.ref, want);
}

static void test_second_fill_refused(void **state)
{
	(void)state;
	pr_error err;
	bool empty = true;
	long long before = unit_sql_int(shared_sql, "SELECT count(*) FROM items");
	pr_demo_options opt = {.days = 1, .seed = 42};
	assert_ok(pr_db_is_empty(shared_db, &empty, &err), &err);
	assert_false(empty);
	assert_int_equal(pr_demo_fill(shared_db, &opt, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "only an empty database"));
	assert_int_equal(unit_sql_int(shared_sql, "SELECT count(*) FROM items"), before);
}

int main(void)
{
	/* SQLite's 'localtime' in the checks reads TZ. */
	setenv("TZ", "Europe/London", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_days_refused),
		cmocka_unit_test(test_progress_reported),
		cmocka_unit_test(test_departments),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_volumes),
		cmocka_unit_test(test_mix),
		cmocka_unit_test(test_times_consistent),
		cmocka_unit_test(test_scanned_share_rises),
		cmocka_unit_test(test_rollup_matches_items),
		cmocka_unit_test(test_audit_trail),
		cmocka_unit_test(test_batches),
		cmocka_unit_test(test_today_early),
		cmocka_unit_test(test_today_afternoon),
		cmocka_unit_test(test_later_now_extends),
		cmocka_unit_test(test_weekend),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_numbering_continues),
		cmocka_unit_test(test_second_fill_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
