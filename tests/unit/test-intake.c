/* Intake: one item logged (and auto-batched), and a tray of ordinary
 * letters by count, whole or not at all, on real database files. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "postroom/batch.h"
#include "postroom/dept.h"
#include "postroom/intake.h"
#include "postroom/item.h"

static long long q_int(pr_db *db, const char *sql)
{
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	long long v = unit_sql_int(s, sql);
	sqlite3_close(s);
	return v;
}

static pr_db *setup(void)
{
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	assert_ok(pr_dept_add(db, "REV", "Revenues", "rev@council.example", NULL, &err), &err);
	return db;
}

static void test_tray(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = setup();
	pr_tray t;
	assert_ok(pr_intake_tray(db, "rev", 40, 0, &t, &err), &err);
	assert_int_equal(t.count, 40);
	assert_int_equal(t.batch_ref[0], 'B');
	assert_int_equal(q_int(db, "SELECT count(*) FROM items WHERE status = 'batched' "
			       "AND sender = '' AND addressee = ''"), 40);
	/* In tray order, first to last. */
	char want[128];
	snprintf(want, sizeof want, "SELECT batch_pos FROM items WHERE ref = '%s'", t.first_ref);
	assert_int_equal(q_int(db, want), 1);
	snprintf(want, sizeof want, "SELECT batch_pos FROM items WHERE ref = '%s'", t.last_ref);
	assert_int_equal(q_int(db, want), 40);
	/* Each audited as logged and batched. */
	assert_int_equal(q_int(db, "SELECT count(*) FROM audit_events WHERE entity = 'item'"),
			 80);
	/* A second tray goes into the same open batch. */
	pr_tray t2;
	assert_ok(pr_intake_tray(db, "REV", 2, 0, &t2, &err), &err);
	assert_string_equal(t2.batch_ref, t.batch_ref);
	unit_db_free(db);
}

static void test_tray_refused(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = setup();
	pr_tray t;
	memset(&t, 0x5a, sizeof t);
	assert_int_equal(pr_intake_tray(db, "REV", 0, 0, &t, &err), PR_EINVAL);
	assert_string_equal(err.field, PR_FIELD_COUNT);
	assert_int_equal(pr_intake_tray(db, "REV", PR_TRAY_MAX + 1, 0, &t, &err), PR_EINVAL);
	assert_int_equal(pr_intake_tray(db, "NOPE", 3, 0, &t, &err), PR_ENOTFOUND);
	assert_string_equal(err.field, PR_FIELD_DEPT);
	/* A time in the future is refused for the tray as for one item. */
	assert_int_equal(pr_intake_tray(db, "REV", 3, UNIT_NOW + 86400, &t, &err), PR_EINVAL);
	/* Nothing written, and the out-parameter untouched. */
	assert_int_equal(q_int(db, "SELECT count(*) FROM items"), 0);
	assert_int_equal(q_int(db, "SELECT count(*) FROM batches"), 0);
	assert_int_equal(q_int(db, "SELECT count(*) FROM audit_events WHERE entity <> 'department'"), 0);
	assert_int_equal((unsigned char)t.batch_ref[0], 0x5a);
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tray),
		cmocka_unit_test(test_tray_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
