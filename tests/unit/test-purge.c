/* Retention in the core and the service: which items are due (the keep_days
 * given, a department's own, an item's keep_until, items still being
 * handled), a dry run that changes nothing, the files removed after the
 * commit, the audit chain after it, admins only. */
#include "unit.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "postroom/audit.h"
#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/operator.h"
#include "postroom/purge.h"
#include "postroom/service/purge.h"

/* Logs an item for DEPT on 2025-01-10 and returns its id; REF gets it. */
static long long add_item(pr_db *db, const char *dept, char ref[PR_REF_LEN])
{
	pr_item it;
	pr_error err = { 0 };
	pr_item_new in = { .dept_code = dept, .sender = "Mr Sender", .addressee = "Ms Addressee",
			   .received_at = unit_time("2025-01-10T10:00:00") };
	if (pr_item_add(db, &in, &it, &err) != PR_OK)
		fail_msg("item add: %s", err.msg);
	memcpy(ref, it.ref, PR_REF_LEN);
	return (long long)it.id;
}

/* Marks item ID scanned with an image whose PDF is the file PDF. */
static void scanned(sqlite3 *s, long long id, const char *pdf)
{
	char sql[1400];
	snprintf(sql, sizeof sql, "UPDATE items SET status = 'scanned', scanned_at = %lld, "
		 "scanned_day = '2025-01-10' WHERE id = %lld; INSERT INTO scan_images "
		 "(item_id, first_page, pages, pdf_path, created_at) VALUES (%lld, 1, 1, '%s', 0)",
		 (long long)unit_time("2025-01-10T12:00:00"), id, id, pdf);
	unit_sql_exec(s, sql);
}

static void test_due_items_and_a_dry_run(void **state)
{
	(void)state;
	pr_db *db = unit_db_new();
	pr_error err = { 0 };
	assert_int_equal(pr_dept_add(db, "ASC", "Adult Social Care", "asc@county.example",
				     NULL, &err), PR_OK);
	assert_int_equal(pr_dept_add(db, "HR", "Human Resources", "hr@county.example",
				     NULL, &err), PR_OK);
	assert_int_equal(pr_dept_set_keep_days(db, "hr", 800, &err), PR_OK);
	char waiting[PR_REF_LEN], due[PR_REF_LEN], hr[PR_REF_LEN], kept[PR_REF_LEN];
	add_item(db, "ASC", waiting);
	long long due_id = add_item(db, "ASC", due);
	long long hr_id = add_item(db, "HR", hr);
	long long kept_id = add_item(db, "ASC", kept);
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	char pdf[1024];
	snprintf(pdf, sizeof pdf, "%s", unit_path("due.pdf"));
	assert_int_equal(unit_sh(NULL, 0, "echo pdf > '%s'", pdf), 0);
	scanned(s, due_id, pdf);
	scanned(s, hr_id, unit_path("hr.pdf"));
	scanned(s, kept_id, unit_path("kept.pdf"));
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE items SET keep_until = '2030-01-01' WHERE id = %lld",
		 kept_id);
	unit_sql_exec(s, sql);
	long long events = unit_sql_int(s, "SELECT count(*) FROM audit_events");

	pr_purge_report r;
	assert_int_equal(pr_purge_run(db, "2026-01-01", 365, true, &r, &err), PR_OK);
	assert_true(r.plan.dry_run);
	assert_int_equal(r.plan.items, 1);
	assert_int_equal(r.plan.images, 1);
	assert_int_equal(r.plan.n, 2);
	assert_string_equal(r.plan.entries[0].ref, due);
	assert_int_equal(r.plan.entries[1].kind, PR_PURGE_IMAGE);
	assert_string_equal(r.plan.entries[1].path, pdf);
	assert_int_equal(r.outcome[1], PR_PURGE_FILE_KEPT);
	pr_purge_report_free(&r);
	assert_int_equal(access(pdf, F_OK), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE purged_at IS NOT NULL "
				      "OR sender = ''"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events"), events);

	assert_int_equal(pr_purge_run(db, "2026-01-01", 365, false, &r, &err), PR_OK);
	assert_int_equal(r.plan.items, 1);
	assert_int_equal(r.removed, 1);
	assert_int_equal(r.failed, 0);
	pr_purge_report_free(&r);
	assert_int_equal(access(pdf, F_OK), -1);
	snprintf(sql, sizeof sql, "SELECT sender = '' AND addressee = '' AND purged_at > 0 "
		 "FROM items WHERE id = %lld", due_id);
	assert_int_equal(unit_sql_int(s, sql), 1);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items WHERE sender = ''"), 1);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM scan_images "
				      "WHERE purged_at IS NOT NULL"), 1);
	/* One event for the item, one for the run. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events"), events + 2);
	pr_audit_check c;
	assert_int_equal(pr_audit_verify(db, &c, &err), PR_OK);
	assert_true(c.ok);
	/* The daily figures are as they were: four received, three scanned. */
	assert_int_equal(unit_sql_int(s, "SELECT sum(received) * 10 + sum(scanned) "
				      "FROM daily_rollup WHERE day = '2025-01-10'"), 43);

	/* A shorter keep_days does not reach HR's own 800 days. */
	assert_int_equal(pr_purge(db, "2026-01-01", 30, true, &r.plan, &err), PR_OK);
	assert_int_equal(r.plan.items, 0);
	pr_purge_plan_free(&r.plan);
	sqlite3_close(s);
	unit_db_free(db);
}

static void test_refusals(void **state)
{
	(void)state;
	pr_db *db = unit_db_new();
	pr_error err = { 0 };
	pr_purge_plan p;
	assert_int_equal(pr_purge(db, "2026-02-30", 365, true, &p, &err), PR_EINVAL);
	assert_int_equal(pr_purge(db, "2026-01-01", 0, true, &p, &err), PR_EINVAL);
	assert_int_equal(pr_dept_set_keep_days(db, "NOPE", 10, &err), PR_ENOTFOUND);
	assert_int_equal(pr_dept_set_keep_days(db, "NOPE", 36501, &err), PR_EINVAL);
	/* The test database's first admin registers the others. */
	assert_int_equal(pr_operator_add(db, "alice", NULL, PR_ROLE_ADMIN, NULL, &err), PR_OK);
	assert_int_equal(pr_operator_add(db, "kim", NULL, PR_ROLE_SUPERVISOR, NULL, &err), PR_OK);
	pr_db_set_actor(db, "alice");
	assert_int_equal(pr_purge(db, "2026-01-01", 365, false, &p, &err), PR_OK);
	assert_int_equal(p.n, 0);
	pr_purge_plan_free(&p);
	pr_db_set_actor(db, "kim");
	assert_int_equal(pr_purge(db, "2026-01-01", 365, false, &p, &err), PR_EDENIED);
	assert_non_null(strstr(err.msg, "needs the admin role"));
	pr_db_set_actor(db, "nobody");
	assert_int_equal(pr_purge(db, "2026-01-01", 365, true, &p, &err), PR_EDENIED);
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_items_and_a_dry_run),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
