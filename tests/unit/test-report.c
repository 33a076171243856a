/* Daily figures (DESIGN.md section 4) read from the rollup the triggers keep,
 * checked against counts the test keeps itself and against a GROUP BY over
 * the items.
 *
 * There is no scan API yet: items are marked scanned by updating status,
 * scanned_at and scanned_day with plain SQL, as ingest will. */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/report.h"

#define NDAYS 4
static const char *const days[NDAYS] = { "2026-10-30", "2026-10-31", "2026-11-01",
					 "2026-11-02" };

/* What the test expects, per day, for all departments and for REV. */
typedef struct tally {
	long received, scanned, same_day, exceptions;
} tally;

typedef struct fixture {
	pr_db *db;
	sqlite3 *sql;
	tally all[NDAYS], rev[NDAYS];
} fixture;

/* Marks REF scanned at local time WHEN (what ingest will do). */
static void mark_scanned(fixture *fx, const char *ref, const char *when)
{
	pr_time t = unit_time(when);
	char day[PR_DAY_LEN], sql[400];
	pr_time_day(t, day);
	snprintf(sql, sizeof sql, "UPDATE items SET status = 'scanned', scanned_at = %lld, "
		 "scanned_day = '%s' WHERE ref = '%s'", (long long)t, day, ref);
	unit_sql_exec(fx->sql, sql);
}

/* Adds COUNT items to DEPT on day index D; the first NSCAN are scanned that
 * day, the next NLATE the day after, the next NEXC are exceptions. */
static void add_items(fixture *fx, const char *dept, int d, int count, int nscan,
		      int nlate, int nexc)
{
	pr_error err = { 0 };
	for (int i = 0; i < count; i++) {
		char when[40];
		snprintf(when, sizeof when, "%sT%02d:15", days[d], 8 + i % 9);
		pr_item_new in = { .dept_code = dept, .sender = "Sender", .addressee = "To",
				   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD,
				   .received_at = unit_time(when) };
		bool exc = i >= nscan + nlate && i < nscan + nlate + nexc;
		/* Half the exceptions come from a flag, half from a later call. */
		if (exc && i % 2 == 0)
			in.flags = PR_FLAG_REMITTANCE;
		pr_item it;
		assert_ok(pr_item_add(fx->db, &in, &it, &err), &err);
		assert_string_equal(it.received_day, days[d]);
		if (exc && i % 2 == 1)
			assert_ok(pr_item_exception(fx->db, it.ref, "legal", NULL, &err), &err);
		tally *t[2] = { &fx->all[d], strcmp(dept, "REV") == 0 ? &fx->rev[d] : NULL };
		for (int k = 0; k < 2; k++) {
			if (!t[k])
				continue;
			t[k]->received++;
			if (i < nscan) {
				t[k]->scanned++;
				t[k]->same_day++;
			} else if (i < nscan + nlate) {
				t[k]->scanned++;
			} else if (exc) {
				t[k]->exceptions++;
			}
		}
		if (i < nscan) {
			snprintf(when, sizeof when, "%sT23:59:30", days[d]);
			mark_scanned(fx, it.ref, when);
		} else if (i < nscan + nlate) {
			/* Just after midnight local: the next day. */
			long dn;
			char next[PR_DAY_LEN];
			assert_ok(pr_day_parse(days[d], &dn, &err), &err);
			pr_day_format(dn + 1, next);
			snprintf(when, sizeof when, "%sT00:00:01", next);
			mark_scanned(fx, it.ref, when);
		}
	}
}

static int setup(void **state)
{
	pr_error err = { 0 };
	fixture *fx = calloc(1, sizeof *fx);
	fx->db = unit_db_new();
	fx->sql = unit_sql_open(pr_db_path(fx->db));
	if (pr_dept_add(fx->db, "REV", "Revenues", "rev@council.example", NULL, &err) ||
	    pr_dept_add(fx->db, "HWY", "Highways", "hwy@council.example", NULL, &err))
		return -1;
	/* 30 Oct: 8 items; 31 Oct: none; 1 Nov: 4; 2 Nov: 7. */
	add_items(fx, "REV", 0, 5, 3, 1, 1);   /* 3 same day, 1 next day, 1 exception */
	add_items(fx, "HWY", 0, 3, 3, 0, 0);
	add_items(fx, "REV", 2, 3, 2, 0, 0);
	add_items(fx, "HWY", 2, 1, 0, 0, 1);
	add_items(fx, "HWY", 3, 6, 1, 0, 2);
	add_items(fx, "REV", 3, 1, 0, 0, 0);
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
	pr_figures f[40];
} rows;

static bool collect(const pr_figures *f, void *ud)
{
	rows *r = ud;
	if (r->n < 40)
		r->f[r->n] = *f;
	r->n++;
	return true;
}

static rows daily(pr_db *db, const char *from, const char *to, const char *dept)
{
	pr_error err = { 0 };
	rows r;
	memset(&r, 0, sizeof r);
	assert_ok(pr_report_daily(db, from, to, dept, collect, &r, &err), &err);
	return r;
}

/* Round half up to one decimal, in integers. */
static double expected_pct(long scanned, long received)
{
	long tenths = (2000 * scanned + received) / (2 * received);
	return (double)tenths / 10.0;
}

static void check_against(const rows *r, const tally *t)
{
	assert_int_equal(r->n, NDAYS);
	for (int d = 0; d < NDAYS; d++) {
		const pr_figures *f = &r->f[d];
		assert_string_equal(f->day, days[d]);
		assert_int_equal(f->received, t[d].received);
		assert_int_equal(f->scanned, t[d].scanned);
		assert_int_equal(f->scanned_same_day, t[d].same_day);
		assert_int_equal(f->exceptions, t[d].exceptions);
		assert_int_equal(f->emailed, 0);
		assert_int_equal(f->pending, t[d].received - t[d].scanned - t[d].exceptions);
		double pct = -1;
		if (t[d].received == 0) {
			assert_false(pr_figures_pct(f, &pct));
			assert_true(pct == -1); /* untouched */
			assert_false(pr_figures_same_day_pct(f, &pct));
			assert_false(pr_figures_met(f));
		} else {
			assert_true(pr_figures_pct(f, &pct));
			assert_true(pct == expected_pct(t[d].scanned, t[d].received));
			assert_true(pr_figures_same_day_pct(f, &pct));
			assert_true(pct == expected_pct(t[d].same_day, t[d].received));
		}
	}
}

static void test_daily_all(void **state)
{
	fixture *fx = *state;
	rows r = daily(fx->db, days[0], days[NDAYS - 1], NULL);
	check_against(&r, fx->all);
	/* Spot checks of the hand-made numbers. */
	assert_int_equal(r.f[0].received, 8);
	assert_int_equal(r.f[0].scanned, 7);
	assert_int_equal(r.f[0].scanned_same_day, 6);
	assert_int_equal(r.f[1].received, 0);
	assert_int_equal(r.f[2].received, 4);
	assert_int_equal(r.f[3].received, 7);
	assert_int_equal(r.f[3].pending, 4);
	double pct;
	assert_true(pr_figures_pct(&r.f[0], &pct));
	assert_true(pct == 87.5);
	assert_true(pr_figures_same_day_pct(&r.f[0], &pct));
	assert_true(pct == 75.0);
	assert_true(pr_figures_pct(&r.f[3], &pct));
	assert_true(pct == 14.3); /* 1/7 = 14.2857 */
	assert_true(pr_figures_pct(&r.f[2], &pct));
	assert_true(pct == 50.0);

	/* One day at a time gives the same. */
	for (int d = 0; d < NDAYS; d++) {
		pr_figures one;
		pr_error err = { 0 };
		assert_ok(pr_report_day(fx->db, days[d], &one, &err), &err);
		assert_string_equal(one.day, days[d]);
		assert_int_equal(one.received, r.f[d].received);
		assert_int_equal(one.scanned, r.f[d].scanned);
		assert_int_equal(one.exceptions, r.f[d].exceptions);
	}
	/* A wider period: days around are empty rows. */
	rows w = daily(fx->db, "2026-10-28", "2026-11-04", NULL);
	assert_int_equal(w.n, 8);
	assert_string_equal(w.f[0].day, "2026-10-28");
	assert_int_equal(w.f[0].received, 0);
	assert_string_equal(w.f[2].day, "2026-10-30");
	assert_int_equal(w.f[2].received, 8);
	assert_string_equal(w.f[7].day, "2026-11-04");
}

static void test_daily_dept(void **state)
{
	fixture *fx = *state;
	rows r = daily(fx->db, days[0], days[NDAYS - 1], "rev");
	check_against(&r, fx->rev);
	assert_int_equal(r.f[0].received, 5);
	assert_int_equal(r.f[0].scanned, 4);
	assert_int_equal(r.f[0].scanned_same_day, 3);
	assert_int_equal(r.f[0].exceptions, 1);
	assert_int_equal(r.f[3].received, 1);

	/* REV and HWY add up to all. */
	rows h = daily(fx->db, days[0], days[NDAYS - 1], "HWY");
	rows a = daily(fx->db, days[0], days[NDAYS - 1], NULL);
	for (int d = 0; d < NDAYS; d++) {
		assert_int_equal(r.f[d].received + h.f[d].received, a.f[d].received);
		assert_int_equal(r.f[d].scanned + h.f[d].scanned, a.f[d].scanned);
		assert_int_equal(r.f[d].exceptions + h.f[d].exceptions, a.f[d].exceptions);
	}
}

static void test_bad_periods(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	rows r;
	memset(&r, 0, sizeof r);
	assert_int_equal(pr_report_daily(fx->db, days[0], days[1], "NOPE", collect, &r, &err),
			 PR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "NOPE"));
	assert_int_equal(pr_report_daily(fx->db, "2026-11-02", "2026-10-30", NULL, collect,
					 &r, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "2026-11-02"));
	assert_int_equal(pr_report_daily(fx->db, "2026-02-29", "2026-03-01", NULL, collect,
					 &r, &err), PR_EINVAL);
	assert_int_equal(pr_report_daily(fx->db, "2026-10-30", "soon", NULL, collect,
					 &r, &err), PR_EINVAL);
	assert_int_equal(r.n, 0); /* nothing reported */
	/* from == to is one day. */
	r = daily(fx->db, days[2], days[2], NULL);
	assert_int_equal(r.n, 1);
}

static void test_targets(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	pr_db_set_default_target(fx->db, 92.5);
	unit_sql_exec(fx->sql, "INSERT INTO targets (pct, effective_from, set_by, set_at) VALUES "
		      "(40, '2026-11-01', 'sup', 0), (97, '2026-12-01', 'sup', 0)");
	rows r = daily(fx->db, days[0], days[NDAYS - 1], NULL);
	assert_true(r.f[0].target_pct == 92.5);  /* before any dated target */
	assert_true(r.f[1].target_pct == 92.5);
	assert_true(r.f[2].target_pct == 40.0);  /* in force from 1 Nov */
	assert_true(r.f[3].target_pct == 40.0);
	/* 87.5 < 92.5; nothing received; 50 >= 40; 14.3 < 40. */
	assert_false(pr_figures_met(&r.f[0]));
	assert_false(pr_figures_met(&r.f[1]));
	assert_true(pr_figures_met(&r.f[2]));
	assert_false(pr_figures_met(&r.f[3]));

	double pct;
	assert_ok(pr_target_on(fx->db, "2026-10-31", &pct, &err), &err);
	assert_true(pct == 92.5);
	assert_ok(pr_target_on(fx->db, "2026-11-30", &pct, &err), &err);
	assert_true(pct == 40.0);
	assert_ok(pr_target_on(fx->db, "2026-12-01", &pct, &err), &err);
	assert_true(pct == 97.0);
	assert_int_equal(pr_target_on(fx->db, "2026-13-01", &pct, &err), PR_EINVAL);

	/* 30 Oct meets a default of 85 (87.5 >= 85). */
	pr_db_set_default_target(fx->db, 85);
	r = daily(fx->db, days[0], days[0], NULL);
	assert_true(r.f[0].target_pct == 85.0);
	assert_true(pr_figures_met(&r.f[0]));
	pr_db_set_default_target(fx->db, 95);
	unit_sql_exec(fx->sql, "DELETE FROM targets");
}

static void test_pct_rounding(void **state)
{
	(void)state;
	for (long rec = 1; rec <= 1200; rec++) {
		for (long sc = 0; sc <= rec; sc++) {
			pr_figures f = { .received = rec, .scanned = sc, .target_pct = 95 };
			double pct;
			assert_true(pr_figures_pct(&f, &pct));
			if (pct != expected_pct(sc, rec))
				fail_msg("%ld/%ld: %.10f, expected %.1f", sc, rec, pct,
					 expected_pct(sc, rec));
			assert_true(pr_figures_met(&f) == (pct >= 95.0));
		}
	}
	/* The edges of the target. */
	pr_figures f = { .received = 1000, .scanned = 950, .target_pct = 95 };
	assert_true(pr_figures_met(&f));
	f.scanned = 949; /* 94.9 */
	assert_false(pr_figures_met(&f));
	f.received = 0;
	f.scanned = 0;
	assert_false(pr_figures_met(&f));
}

/* Rollup rows that differ from a GROUP BY over the items (either way). */
static long long rollup_mismatches(sqlite3 *s)
{
	return unit_sql_int(s,
		       "WITH truth AS (SELECT received_day AS day, dept_id, "
		       "  sum(status <> 'void') AS received, "
		       "  sum(status <> 'void' AND scanned_at IS NOT NULL) AS scanned, "
		       "  sum(status <> 'void' AND scanned_day IS received_day) AS same_day, "
		       "  sum(status <> 'void' AND emailed_at IS NOT NULL) AS emailed, "
		       "  sum(status IN ('exception','handed-over','returned')) AS exceptions "
		       "  FROM items GROUP BY 1, 2), "
		       "kept AS (SELECT day, dept_id, received, scanned, scanned_same_day, "
		       "  emailed, exceptions FROM daily_rollup WHERE received OR scanned OR "
		       "  scanned_same_day OR emailed OR exceptions) "
		       "SELECT (SELECT count(*) FROM (SELECT * FROM truth EXCEPT SELECT * FROM kept)) + "
		       "       (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM truth))");
}

static void test_rollup_matches_items(void **state)
{
	fixture *fx = *state;
	pr_error err = { 0 };
	assert_int_equal(rollup_mismatches(fx->sql), 0);
	assert_true(unit_sql_int(fx->sql, "SELECT count(*) FROM daily_rollup") >= 5);

	/* More inserts through the API, updates and a delete through SQL. */
	for (int i = 0; i < 5; i++) {
		pr_item_new in = { .dept_code = i % 2 ? "REV" : "HWY", .sender = "S",
				   .addressee = "A", .kind = PR_KIND_PARCEL,
				   .service = PR_SERVICE_STANDARD,
				   .received_at = unit_time("2026-11-01T12:00") };
		assert_ok(pr_item_add(fx->db, &in, NULL, &err), &err);
	}
	unit_sql_exec(fx->sql,
		      "BEGIN IMMEDIATE;"
		      /* moved to another department */
		      "UPDATE items SET dept_id = (SELECT id FROM departments WHERE code = 'HWY') "
		      "  WHERE id = (SELECT min(id) FROM items WHERE received_day = '2026-10-30');"
		      /* re-dated to another day */
		      "UPDATE items SET received_day = '2026-10-31' "
		      "  WHERE id = (SELECT max(id) FROM items WHERE received_day = '2026-11-02');"
		      /* emailed */
		      "UPDATE items SET status = 'emailed', emailed_at = 1793000000 "
		      "  WHERE status = 'scanned' AND received_day = '2026-10-30' "
		      "  AND id % 2 = 0;"
		      /* voided */
		      "UPDATE items SET status = 'void' "
		      "  WHERE id = (SELECT max(id) FROM items WHERE status = 'received');"
		      /* an exception handed over, another returned */
		      "UPDATE items SET status = 'handed-over', handed_to = 'X', handed_at = 1 "
		      "  WHERE id = (SELECT min(id) FROM items WHERE status = 'exception');"
		      /* a scan undone */
		      "UPDATE items SET status = 'received', scanned_at = NULL, scanned_day = NULL "
		      "  WHERE id = (SELECT max(id) FROM items WHERE status = 'scanned');"
		      "DELETE FROM items WHERE id = (SELECT min(id) FROM items "
		      "  WHERE received_day = '2026-11-01');"
		      "COMMIT;");
	assert_int_equal(rollup_mismatches(fx->sql), 0);
	assert_true(unit_sql_int(fx->sql, "SELECT sum(emailed) FROM daily_rollup") > 0);

	/* The report agrees with the items too. */
	rows r = daily(fx->db, days[0], days[NDAYS - 1], NULL);
	for (int d = 0; d < NDAYS; d++) {
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM items WHERE status <> 'void' "
			 "AND received_day = '%s'", days[d]);
		assert_int_equal(r.f[d].received, unit_sql_int(fx->sql, sql));
		snprintf(sql, sizeof sql, "SELECT count(*) FROM items WHERE status <> 'void' "
			 "AND scanned_at IS NOT NULL AND received_day = '%s'", days[d]);
		assert_int_equal(r.f[d].scanned, unit_sql_int(fx->sql, sql));
		snprintf(sql, sizeof sql, "SELECT count(*) FROM items WHERE status <> 'void' "
			 "AND emailed_at IS NOT NULL AND received_day = '%s'", days[d]);
		assert_int_equal(r.f[d].emailed, unit_sql_int(fx->sql, sql));
	}
	assert_int_equal(r.f[1].received, 1); /* the re-dated item */

	/* Sabotage: a rollup edited behind the triggers' back is caught. */
	unit_sql_exec(fx->sql, "UPDATE daily_rollup SET received = received + 1 "
		      "WHERE day = '2026-10-30' AND dept_id = (SELECT id FROM departments "
		      "WHERE code = 'REV')");
	/* The row is missing from each side's view of the other. */
	assert_int_equal(rollup_mismatches(fx->sql), 2);
	unit_sql_exec(fx->sql, "UPDATE daily_rollup SET received = received - 1 "
		      "WHERE day = '2026-10-30' AND dept_id = (SELECT id FROM departments "
		      "WHERE code = 'REV')");
	assert_int_equal(rollup_mismatches(fx->sql), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_daily_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daily_dept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_periods, setup, teardown),
		cmocka_unit_test_setup_teardown(test_targets, setup, teardown),
		cmocka_unit_test(test_pct_rounding),
		cmocka_unit_test_setup_teardown(test_rollup_matches_items, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
