/* Scan batches: open, add, remove, close, list and the tray order, with the
 * refusals that leave everything as it was, on real database files. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Rows a refused call must leave alone. */
static long long fingerprint(pr_db *db)
{
	return q_int(db, "SELECT (SELECT count(*) FROM audit_events) * 1000000 + "
		     "(SELECT count(*) FROM batches) * 1000 + "
		     "(SELECT count(*) FROM items WHERE status = 'batched')");
}

static pr_db *setup(void)
{
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	assert_ok(pr_dept_add(db, "REV", "Revenues", "rev@council.example", NULL, &err), &err);
	assert_ok(pr_dept_add(db, "HWY", "Highways", "hwy@council.example", NULL, &err), &err);
	return db;
}

static pr_item item(pr_db *db, const char *dept)
{
	pr_error err = { 0 };
	pr_item_new in = { .dept_code = dept, .sender = "HMRC", .addressee = "Ann",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
	pr_item it;
	assert_ok(pr_item_add(db, &in, &it, &err), &err);
	return it;
}

static bool collect_ref(const pr_item *it, void *ud)
{
	char *out = ud;
	size_t n = strlen(out);
	snprintf(out + n, 512 - n, "%s%s", n ? " " : "", it->ref);
	return true;
}

static void test_open_add_order_close(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = setup();
	pr_batch b;
	assert_ok(pr_batch_open(db, "rev", &b, &err), &err);
	assert_int_equal(b.status, PR_BATCH_OPEN);
	assert_string_equal(b.dept_code, "REV");
	assert_int_equal(b.items, 0);
	assert_int_equal(b.ref[0], 'B');

	pr_item a = item(db, "REV"), c = item(db, "REV"), d = item(db, "REV");
	pr_item out;
	/* Added out of logging order: the tray order is the order of adding. */
	assert_ok(pr_batch_add(db, b.ref, d.ref, &out, &err), &err);
	assert_int_equal(out.status, PR_ITEM_BATCHED);
	assert_string_equal(out.batch_ref, b.ref);
	assert_int_equal(out.batch_pos, 1);
	assert_ok(pr_batch_add(db, b.ref, a.ref, NULL, &err), &err);
	assert_ok(pr_batch_add(db, b.ref, c.ref, NULL, &err), &err);
	char refs[512] = "", want[512];
	assert_ok(pr_batch_items(db, b.ref, collect_ref, refs, &err), &err);
	snprintf(want, sizeof want, "%s %s %s", d.ref, a.ref, c.ref);
	assert_string_equal(refs, want);

	/* Out and back in: it goes to the end. */
	assert_ok(pr_batch_remove(db, b.ref, a.ref, &err), &err);
	assert_ok(pr_item_get(db, a.ref, &out, &err), &err);
	assert_int_equal(out.status, PR_ITEM_RECEIVED);
	assert_string_equal(out.batch_ref, "");
	assert_ok(pr_batch_add(db, b.ref, a.ref, NULL, &err), &err);
	refs[0] = '\0';
	assert_ok(pr_batch_items(db, b.ref, collect_ref, refs, &err), &err);
	snprintf(want, sizeof want, "%s %s %s", d.ref, c.ref, a.ref);
	assert_string_equal(refs, want);

	pr_batch closed;
	assert_ok(pr_batch_close(db, b.ref, &closed, &err), &err);
	assert_int_equal(closed.status, PR_BATCH_CLOSED);
	assert_int_equal(closed.items, 3);
	assert_string_equal(closed.closed_by, "tester");
	pr_item *items = NULL;
	size_t n = 0;
	assert_ok(pr_batch_items_load(db, b.ref, &items, &n, &err), &err);
	assert_int_equal(n, 3);
	assert_string_equal(items[2].ref, a.ref);
	free(items);
	assert_int_equal(q_int(db, "SELECT count(*) FROM audit_events WHERE "
			       "entity = 'batch' AND to_state = 'closed'"), 1);
	unit_db_free(db);
}

static void test_refusals_change_nothing(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = setup();
	pr_batch b, other;
	assert_ok(pr_batch_open(db, "REV", &b, &err), &err);
	assert_ok(pr_batch_open(db, "REV", &other, &err), &err);
	pr_item a = item(db, "REV"), h = item(db, "HWY");
	assert_ok(pr_batch_add(db, b.ref, a.ref, NULL, &err), &err);
	long long before = fingerprint(db);

	/* Already in a batch: the message names it; the field is the item. */
	assert_int_equal(pr_batch_add(db, other.ref, a.ref, NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, b.ref));
	assert_string_equal(err.field, PR_FIELD_ITEM);
	/* Another department's item. */
	assert_int_equal(pr_batch_add(db, b.ref, h.ref, NULL, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "HWY"));
	assert_string_equal(err.field, PR_FIELD_ITEM);
	/* A batch reference where an item is wanted, and the other way. */
	assert_int_equal(pr_batch_add(db, b.ref, other.ref, NULL, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "not an item reference"));
	assert_int_equal(pr_batch_add(db, a.ref, h.ref, NULL, &err), PR_EINVAL);
	/* Not in this batch. */
	assert_int_equal(pr_batch_remove(db, other.ref, a.ref, &err), PR_ESTATE);
	/* Closing an empty batch. */
	assert_int_equal(pr_batch_close(db, other.ref, NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "empty"));
	/* An exception cannot be batched. */
	pr_item e = item(db, "REV");
	assert_ok(pr_item_exception(db, e.ref, "cheque", NULL, &err), &err);
	before = fingerprint(db);
	assert_int_equal(pr_batch_add(db, b.ref, e.ref, NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "exception"));
	assert_int_equal(fingerprint(db), before);

	/* A closed batch takes nothing in and gives nothing out. */
	assert_ok(pr_batch_close(db, b.ref, NULL, &err), &err);
	pr_item late = item(db, "REV");
	before = fingerprint(db);
	assert_int_equal(pr_batch_add(db, b.ref, late.ref, NULL, &err), PR_ESTATE);
	assert_string_equal(err.field, PR_FIELD_BATCH);
	assert_int_equal(pr_batch_remove(db, b.ref, a.ref, &err), PR_ESTATE);
	assert_int_equal(pr_batch_close(db, b.ref, NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "already closed"));
	assert_int_equal(fingerprint(db), before);
	unit_db_free(db);
}

static void test_mixed_batches(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = setup();
	pr_batch b;
	assert_ok(pr_batch_open(db, "REV", &b, &err), &err);
	pr_item h = item(db, "HWY");
	pr_db_set_mixed_batches(db, true);
	assert_ok(pr_batch_add(db, b.ref, h.ref, NULL, &err), &err);
	unit_db_free(db);
}

static void test_intake_batches(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = setup();
	pr_item_new in = { .dept_code = "REV", .sender = "HMRC", .addressee = "Ann",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
	pr_item a, c, x;
	/* The first opens a batch, the second joins it. */
	assert_ok(pr_intake_log(db, &in, true, &a, &err), &err);
	assert_int_equal(a.status, PR_ITEM_BATCHED);
	assert_ok(pr_intake_log(db, &in, true, &c, &err), &err);
	assert_string_equal(c.batch_ref, a.batch_ref);
	assert_int_equal(c.batch_pos, 2);
	/* An exception is never batched. */
	in.flags = PR_FLAG_REMITTANCE;
	assert_ok(pr_intake_log(db, &in, true, &x, &err), &err);
	assert_int_equal(x.status, PR_ITEM_EXCEPTION);
	assert_string_equal(x.batch_ref, "");
	/* Without auto-batching it stays received. */
	in.flags = 0;
	assert_ok(pr_intake_log(db, &in, false, &x, &err), &err);
	assert_int_equal(x.status, PR_ITEM_RECEIVED);
	/* A failed intake leaves no item and no batch. */
	long long items = q_int(db, "SELECT count(*) FROM items"),
		  batches = q_int(db, "SELECT count(*) FROM batches");
	in.dept_code = "NOPE";
	assert_int_equal(pr_intake_log(db, &in, true, &x, &err), PR_ENOTFOUND);
	assert_string_equal(err.field, PR_FIELD_DEPT);
	assert_int_equal(q_int(db, "SELECT count(*) FROM items"), items);
	assert_int_equal(q_int(db, "SELECT count(*) FROM batches"), batches);
	unit_db_free(db);
}

static bool count_batch(const pr_batch *b, void *ud)
{
	(void)b;
	(*(int *)ud)++;
	return true;
}

static void test_list(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = setup();
	pr_batch b1, b2, b3;
	assert_ok(pr_batch_open(db, "REV", &b1, &err), &err);
	assert_ok(pr_batch_open(db, "HWY", &b2, &err), &err);
	assert_ok(pr_batch_open(db, "REV", &b3, &err), &err);
	pr_item a = item(db, "REV");
	assert_ok(pr_batch_add(db, b1.ref, a.ref, NULL, &err), &err);
	assert_ok(pr_batch_close(db, b1.ref, NULL, &err), &err);
	int n = 0;
	pr_batch_filter f = { .status = -1 };
	assert_ok(pr_batch_list(db, &f, count_batch, &n, &err), &err);
	assert_int_equal(n, 3);
	n = 0;
	f.status = PR_BATCH_OPEN;
	assert_ok(pr_batch_list(db, &f, count_batch, &n, &err), &err);
	assert_int_equal(n, 2);
	n = 0;
	f.dept_code = "REV";
	assert_ok(pr_batch_list(db, &f, count_batch, &n, &err), &err);
	assert_int_equal(n, 1);
	pr_batch open;
	assert_ok(pr_batch_open_of(db, "REV", &open, &err), &err);
	assert_string_equal(open.ref, b3.ref);
	assert_int_equal(pr_batch_open_of(db, "NOPE", &open, &err), PR_ENOTFOUND);
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_add_order_close),
		cmocka_unit_test(test_refusals_change_nothing),
		cmocka_unit_test(test_mixed_batches),
		cmocka_unit_test(test_intake_batches),
		cmocka_unit_test(test_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
