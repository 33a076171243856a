/* The audit chain: its hash is the one audit.h describes (worked out here
 * by sha256sum), it holds when two connections write in turn and after a
 * rolled-back change, and pr_audit_verify names what was changed. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "postroom/audit.h"
#include "postroom/dept.h"
#include "postroom/item.h"

static void assert_holds(pr_db *db, int64_t events)
{
	pr_audit_check r;
	pr_error err = { 0 };
	assert_int_equal(pr_audit_verify(db, &r, &err), PR_OK);
	if (!r.ok)
		fail_msg("the chain does not hold: %s", r.problem);
	assert_int_equal(r.events, events);
	assert_int_equal(strlen(r.head), 64);
}

static void test_hash_is_the_documented_one(void **state)
{
	(void)state;
	pr_db *db = unit_db_new();
	pr_error err = { 0 };
	unit_register(db, "alice", "admin");
	pr_db_set_actor(db, "alice");
	assert_int_equal(pr_dept_add(db, "asc", "Adult Social Care", "asc@county.example",
				     NULL, &err), PR_OK);
	/* The input of audit.h, byte for byte: the previous hash (64 zeros)
	 * then id, at, actor, entity, entity_id, ref, from (none), to, why. */
	char want[80] = "";
	int rc = unit_sh(want, sizeof want,
			 "printf 'postroom-audit-1\\n64:%%064d\\n1:1\\n10:%lld\\n5:alice\\n"
			 "10:department\\n1:1\\n3:ASC\\n-\\n6:active\\n17:Adult Social Care\\n' 0 "
			 "| sha256sum | cut -c1-64", (long long)UNIT_NOW);
	assert_int_equal(rc, 0);
	want[strcspn(want, "\n")] = '\0';
	pr_audit_check r;
	assert_int_equal(pr_audit_verify(db, &r, &err), PR_OK);
	assert_true(r.ok);
	assert_string_equal(r.head, want);
	unit_db_free(db);
}

static void test_two_connections_in_turn(void **state)
{
	(void)state;
	pr_db *a = unit_db_new();
	pr_db *b = NULL;
	pr_error err = { 0 };
	assert_int_equal(pr_db_open(pr_db_path(a), 0, &b, &err), PR_OK);
	pr_db_set_actor(b, "tester");
	assert_int_equal(pr_dept_add(a, "ASC", "Adult Social Care", "asc@county.example",
				     NULL, &err), PR_OK);
	/* Each connection's idea of the last event must not outlive its
	 * transaction: the other one writes in between. */
	for (int i = 0; i < 6; i++) {
		pr_item_new in = { .dept_code = "ASC", .sender = "S", .addressee = "A",
				   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
		pr_item it;
		assert_int_equal(pr_item_add(i % 2 ? a : b, &in, &it, &err), PR_OK);
	}
	assert_holds(a, 7);
	assert_holds(b, 7);
	pr_db_close(b);
	unit_db_free(a);
}

static void test_after_a_refused_change(void **state)
{
	(void)state;
	pr_db *db = unit_db_new();
	pr_error err = { 0 };
	assert_int_equal(pr_dept_add(db, "ASC", "Adult Social Care", "asc@county.example",
				     NULL, &err), PR_OK);
	/* The second add is refused (the code is taken) and whatever it did
	 * is rolled back: the next event still follows the first. */
	assert_int_not_equal(pr_dept_add(db, "ASC", "Again", "x@county.example", NULL, &err),
			     PR_OK);
	assert_int_equal(pr_dept_add(db, "HWY", "Highways", "hwy@county.example", NULL, &err),
			 PR_OK);
	assert_holds(db, 2);
	unit_db_free(db);
}

static void test_verify_names_the_changed_event(void **state)
{
	(void)state;
	pr_db *db = unit_db_new();
	pr_error err = { 0 };
	assert_int_equal(pr_dept_add(db, "ASC", "Adult Social Care", "asc@county.example",
				     NULL, &err), PR_OK);
	assert_int_equal(pr_dept_add(db, "HWY", "Highways", "hwy@county.example", NULL, &err),
			 PR_OK);
	assert_int_equal(pr_dept_add(db, "REV", "Revenues", "rev@county.example", NULL, &err),
			 PR_OK);
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	unit_sql_exec(s, "DROP TRIGGER audit_events_no_update;"
		      "UPDATE audit_events SET reason = 'Roads' WHERE id = 2;"
		      "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
		      "BEGIN SELECT RAISE(ABORT, 'no'); END;");
	sqlite3_close(s);
	pr_audit_check r;
	assert_int_equal(pr_audit_verify(db, &r, &err), PR_OK);
	assert_false(r.ok);
	assert_int_equal(r.bad_id, 2);
	assert_non_null(strstr(r.problem, "event 2 (department HWY"));
	assert_non_null(strstr(r.problem, "does not match its hash"));
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_is_the_documented_one),
		cmocka_unit_test(test_two_connections_in_turn),
		cmocka_unit_test(test_after_a_refused_change),
		cmocka_unit_test(test_verify_names_the_changed_event),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
