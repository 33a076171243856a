/* Roles in the core: pr_operator_require's answers for each kind of login,
 * the first registration, and refusals that change nothing. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "postroom/batch.h"
#include "postroom/dept.h"
#include "postroom/intake.h"
#include "postroom/item.h"
#include "postroom/operator.h"
#include "postroom/scan.h"
#include "postroom/target.h"

static long long count(pr_db *db, const char *sql)
{
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	long long n = unit_sql_int(s, sql);
	sqlite3_close(s);
	return n;
}

static void test_require_paths(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	unit_register(db, "olive", "operator");
	unit_register(db, "sam", "supervisor");
	const struct { const char *login; pr_role most; } who[] = {
		{ "olive", PR_ROLE_OPERATOR }, { "sam", PR_ROLE_SUPERVISOR },
		{ "tester", PR_ROLE_ADMIN },
	};
	for (size_t i = 0; i < 3; i++) {
		pr_db_set_actor(db, who[i].login);
		for (int r = PR_ROLE_OPERATOR; r <= PR_ROLE_ADMIN; r++) {
			pr_status st = pr_operator_require(db, (pr_role)r, "do it", &err);
			if (r <= (int)who[i].most) {
				assert_ok(st, &err);
			} else {
				assert_int_equal(st, PR_EDENIED);
				char want[200];
				snprintf(want, sizeof want, "%s may not do it: that needs the %s "
					 "role (see 'postroom operator list')", who[i].login,
					 pr_role_name((pr_role)r));
				assert_string_equal(err.msg, want);
			}
		}
	}
	/* Not registered: refused even the operator role. */
	pr_db_set_actor(db, "nobody");
	assert_int_equal(pr_operator_require(db, PR_ROLE_OPERATOR, "log an item", &err),
			 PR_EDENIED);
	assert_string_equal(err.msg, "nobody may not log an item: that needs the operator "
			    "role (see 'postroom operator list')");
	/* An inactive admin is refused too. */
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	unit_sql_exec(s, "UPDATE operators SET active = 0 WHERE login = 'sam'");
	sqlite3_close(s);
	pr_db_set_actor(db, "sam");
	assert_int_equal(pr_operator_require(db, PR_ROLE_OPERATOR, "log an item", &err),
			 PR_EDENIED);
	unit_db_free(db);
}

static void test_no_operators(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	unit_sql_exec(s, "DELETE FROM operators");
	sqlite3_close(s);
	/* While none is registered nobody may change anything... */
	assert_int_equal(pr_operator_require(db, PR_ROLE_OPERATOR, "log an item", &err),
			 PR_EDENIED);
	assert_non_null(strstr(err.msg, "no operators are registered yet"));
	/* ...the first registration must be an admin... */
	assert_int_equal(pr_operator_add(db, "olive", NULL, PR_ROLE_OPERATOR, NULL, &err),
			 PR_EDENIED);
	assert_int_equal(count(db, "SELECT count(*) FROM operators"), 0);
	/* ...and anyone may make it. */
	pr_db_set_actor(db, "whoever");
	assert_ok(pr_operator_add(db, "alice", "Alice", PR_ROLE_ADMIN, NULL, &err), &err);
	/* After it, adding needs an admin. */
	assert_int_equal(pr_operator_add(db, "whoever", NULL, PR_ROLE_ADMIN, NULL, &err),
			 PR_EDENIED);
	assert_non_null(strstr(err.msg, "whoever may not add an operator"));
	pr_db_set_actor(db, "alice");
	assert_ok(pr_operator_add(db, "bob", NULL, PR_ROLE_OPERATOR, NULL, &err), &err);
	/* pr_operator_first changes nothing once operators exist. */
	bool added = true;
	assert_ok(pr_operator_first(db, "carol", NULL, &added, &err), &err);
	assert_false(added);
	assert_int_equal(count(db, "SELECT count(*) FROM operators"), 2);
	unit_db_free(db);
}

static void test_first_admin(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	unit_sql_exec(s, "DELETE FROM operators");
	sqlite3_close(s);
	bool added = false;
	assert_int_equal(pr_operator_first(db, "Not A Login", NULL, &added, &err), PR_EINVAL);
	assert_ok(pr_operator_first(db, "carol", "Carol", &added, &err), &err);
	assert_true(added);
	pr_operator op;
	assert_ok(pr_operator_find(db, "carol", &op, &err), &err);
	assert_int_equal(op.role, PR_ROLE_ADMIN);
	assert_int_equal(count(db, "SELECT count(*) FROM audit_events WHERE entity = "
			       "'operator' AND ref = 'carol'"), 1);
	unit_db_free(db);
}

/* Each guarded write refused for a login without the role, with nothing
 * written: no item, batch, scan file, department, target or event. */
static void test_refusals_change_nothing(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	assert_ok(pr_dept_add(db, "REV", "Revenues", "rev@council.example", NULL, &err), &err);
	pr_item_new in = { .dept_code = "REV", .sender = "S", .addressee = "A",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
	pr_item it;
	assert_ok(pr_item_add(db, &in, &it, &err), &err);
	pr_batch b;
	assert_ok(pr_batch_open(db, "REV", &b, &err), &err);
	unit_register(db, "olive", "operator");
	unit_register(db, "sam", "supervisor");
	const char *sql = "SELECT (SELECT count(*) FROM items) * 1000000 + "
		"(SELECT count(*) FROM batches) * 10000 + (SELECT count(*) FROM audit_events) "
		"* 10 + (SELECT count(*) FROM departments) + (SELECT count(*) FROM scan_files) "
		"+ (SELECT count(*) FROM targets) + (SELECT count(*) FROM items WHERE batch_id IS NOT NULL)";
	long long before = count(db, sql);
	pr_scan_intake si = { .name = "x.tif", .archive_path = "/nowhere/x.tif",
			      .sha256 = "", .size = 1, .pages = 1, .arrived_at = UNIT_NOW };
	pr_tray tray;
	pr_db_set_actor(db, "nobody");
	assert_int_equal(pr_item_add(db, &in, NULL, &err), PR_EDENIED);
	assert_int_equal(pr_intake_log(db, &in, true, NULL, &err), PR_EDENIED);
	assert_int_equal(pr_intake_tray(db, "REV", 3, 0, &tray, &err), PR_EDENIED);
	assert_int_equal(pr_item_exception(db, it.ref, "legal", NULL, &err), PR_EDENIED);
	assert_int_equal(pr_item_handover(db, it.ref, "Dan", NULL, &err), PR_EDENIED);
	assert_int_equal(pr_batch_open(db, "REV", NULL, &err), PR_EDENIED);
	assert_int_equal(pr_batch_add(db, b.ref, it.ref, NULL, &err), PR_EDENIED);
	assert_int_equal(pr_batch_remove(db, b.ref, it.ref, &err), PR_EDENIED);
	assert_int_equal(pr_batch_close(db, b.ref, NULL, &err), PR_EDENIED);
	assert_int_equal(pr_batch_sheets_printed(db, b.ref, &err), PR_EDENIED);
	assert_int_equal(pr_scan_quarantined(db, &si, "unreadable", NULL, &err), PR_EDENIED);
	assert_string_equal(err.msg, "nobody may not ingest a scan: that needs the operator "
			    "role (see 'postroom operator list')");
	pr_db_set_actor(db, "olive");
	assert_int_equal(pr_target_set(db, 90, "2026-12-01", &err), PR_EDENIED);
	assert_int_equal(pr_scan_resolve_aside(db, 1, "blank", &err), PR_EDENIED);
	assert_int_equal(pr_scan_resolve_item(db, 1, it.ref, &err), PR_EDENIED);
	assert_int_equal(pr_dept_add(db, "HWY", "Highways", "h@council.example", NULL, &err),
			 PR_EDENIED);
	pr_db_set_actor(db, "sam");
	assert_int_equal(pr_dept_add(db, "HWY", "Highways", "h@council.example", NULL, &err),
			 PR_EDENIED);
	assert_int_equal(pr_operator_add(db, "zed", NULL, PR_ROLE_OPERATOR, NULL, &err),
			 PR_EDENIED);
	assert_int_equal(count(db, sql), before);
	/* The operator may what operators do. */
	pr_db_set_actor(db, "olive");
	assert_ok(pr_batch_add(db, b.ref, it.ref, NULL, &err), &err);
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_require_paths),
		cmocka_unit_test(test_no_operators),
		cmocka_unit_test(test_first_admin),
		cmocka_unit_test(test_refusals_change_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
