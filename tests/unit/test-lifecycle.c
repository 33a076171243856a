/* The item's life cycle: every pair of states is tried through the one
 * function that moves items; the allowed moves change the item, write one
 * audit event and keep the daily figures right, the others are refused
 * naming both states and change nothing. White-box: it calls the core's
 * internal pr_item_move inside a transaction, as the core's modules do. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "../../src/core/core.h"
#include "postroom/batch.h"
#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/report.h"

/* The moves DESIGN.md section 3 allows, written out independently of the
 * core's table so that a change to either shows here. */
static const struct {
	pr_item_status from, to;
} allowed[] = {
	{ PR_ITEM_RECEIVED, PR_ITEM_BATCHED },
	{ PR_ITEM_BATCHED, PR_ITEM_RECEIVED },
	{ PR_ITEM_BATCHED, PR_ITEM_SCANNED },
	{ PR_ITEM_RECEIVED, PR_ITEM_SCANNED },
	{ PR_ITEM_SCANNED, PR_ITEM_BATCHED },
	{ PR_ITEM_SCANNED, PR_ITEM_EMAILED },
	{ PR_ITEM_RECEIVED, PR_ITEM_EXCEPTION },
	{ PR_ITEM_BATCHED, PR_ITEM_EXCEPTION },
	{ PR_ITEM_EXCEPTION, PR_ITEM_HANDED_OVER },
	{ PR_ITEM_RECEIVED, PR_ITEM_RETURNED },
	{ PR_ITEM_RECEIVED, PR_ITEM_VOID },
	{ PR_ITEM_BATCHED, PR_ITEM_VOID },
};

static bool is_allowed(pr_item_status from, pr_item_status to)
{
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (allowed[i].from == from && allowed[i].to == to)
			return true;
	return false;
}

static long long q_int(pr_db *db, const char *fmt, long long arg)
{
	char sql[512];
	snprintf(sql, sizeof sql, fmt, arg);
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	long long v = unit_sql_int(s, sql);
	sqlite3_close(s);
	return v;
}

/* Counts the rollups disagreeing with the items. */
static bool count_diff(const pr_rollup_diff *d, void *ud)
{
	(void)d;
	(*(int *)ud)++;
	return true;
}

static void assert_rollups_right(pr_db *db)
{
	pr_error err = { 0 };
	int diffs = 0;
	size_t ndiff = 99;
	assert_ok(pr_report_check(db, count_diff, &diffs, &ndiff, &err), &err);
	assert_int_equal(diffs, 0);
	assert_int_equal(ndiff, 0);
}

/* A new item put into state STATUS through plain SQL on a second
 * connection (the triggers keep the rollups right), as if it had got
 * there; in a batch when the state is one that belongs in a batch. */
static pr_item item_in(pr_db *db, pr_item_status status, int64_t batch_id)
{
	pr_error err = { 0 };
	pr_item_new in = { .dept_code = "REV", .sender = "HMRC", .addressee = "Ann",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
	pr_item it;
	assert_ok(pr_item_add(db, &in, &it, &err), &err);
	bool in_batch = status == PR_ITEM_BATCHED || status == PR_ITEM_SCANNED ||
			status == PR_ITEM_EMAILED;
	char sql[512];
	char batch[32] = "NULL";
	if (in_batch)
		snprintf(batch, sizeof batch, "%lld", (long long)batch_id);
	snprintf(sql, sizeof sql, "UPDATE items SET status = '%s', batch_id = %s, "
		 "scanned_at = %s, scanned_day = %s, emailed_at = %s WHERE id = %lld",
		 pr_item_status_name(status), batch,
		 status == PR_ITEM_SCANNED || status == PR_ITEM_EMAILED ? "1795167000" : "NULL",
		 status == PR_ITEM_SCANNED || status == PR_ITEM_EMAILED ? "'2026-11-20'" : "NULL",
		 status == PR_ITEM_EMAILED ? "1795167000" : "NULL", (long long)it.id);
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	unit_sql_exec(s, sql);
	sqlite3_close(s);
	return it;
}

static void test_every_pair(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	assert_ok(pr_dept_add(db, "REV", "Revenues", "rev@council.example", NULL, &err), &err);
	pr_batch b;
	assert_ok(pr_batch_open(db, "REV", &b, &err), &err);
	assert_int_equal(b.id, 1);
	int tried = 0, moved = 0;
	for (int from = 0; from < PR_ITEM_STATUS_COUNT; from++) {
		for (int to = 0; to < PR_ITEM_STATUS_COUNT; to++) {
			pr_item it = item_in(db, (pr_item_status)from, b.id);
			long long audit = q_int(db, "SELECT count(*) FROM audit_events "
						"WHERE entity_id = %lld", it.id);
			pr_item_change c = { .id = it.id, .ref = it.ref, .from = from,
					     .to = to, .reason = "test", .batch_id = b.id,
					     .text = "why or who" };
			bool ok = is_allowed((pr_item_status)from, (pr_item_status)to);
			assert_int_equal(pr_item_can_move((pr_item_status)from,
							  (pr_item_status)to), ok);
			assert_ok(pr_db_begin(db, &err), &err);
			pr_status st = pr_item_move(db, &c, &err);
			if (st == PR_OK)
				assert_ok(pr_db_commit(db, &err), &err);
			else
				pr_db_rollback(db, st);
			pr_item after;
			assert_ok(pr_item_get(db, it.ref, &after, &err), &err);
			long long audit_after = q_int(db, "SELECT count(*) FROM audit_events "
						      "WHERE entity_id = %lld", it.id);
			tried++;
			if (ok) {
				if (st != PR_OK)
					fail_msg("%s -> %s refused: %s",
						 pr_item_status_name((pr_item_status)from),
						 pr_item_status_name((pr_item_status)to), err.msg);
				assert_int_equal(after.status, to);
				assert_int_equal(audit_after, audit + 1);
				moved++;
			} else {
				if (st != PR_ESTATE)
					fail_msg("%s -> %s allowed",
						 pr_item_status_name((pr_item_status)from),
						 pr_item_status_name((pr_item_status)to));
				char want[128];
				snprintf(want, sizeof want, "cannot go from %s to %s",
					 pr_item_status_name((pr_item_status)from),
					 pr_item_status_name((pr_item_status)to));
				assert_non_null(strstr(err.msg, want));
				assert_non_null(strstr(err.msg, it.ref));
				assert_int_equal(after.status, from);
				assert_int_equal(audit_after, audit);
			}
		}
	}
	assert_int_equal(tried, PR_ITEM_STATUS_COUNT * PR_ITEM_STATUS_COUNT);
	assert_int_equal(moved, (int)(sizeof allowed / sizeof allowed[0]));
	assert_rollups_right(db);
	unit_db_free(db);
}

/* Each move sets the columns that go with it and the audit event says who,
 * from what, to what and why. */
static void test_columns_and_audit(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	assert_ok(pr_dept_add(db, "REV", "Revenues", "rev@council.example", NULL, &err), &err);
	pr_batch b;
	assert_ok(pr_batch_open(db, "REV", &b, &err), &err);
	pr_item it = item_in(db, PR_ITEM_RECEIVED, 0);

	pr_item_change c = { .id = it.id, .ref = it.ref, .from = PR_ITEM_RECEIVED,
			     .to = PR_ITEM_BATCHED, .reason = "in batch", .batch_id = b.id,
			     .actor = "someone" };
	assert_ok(pr_db_begin(db, &err), &err);
	assert_ok(pr_item_move(db, &c, &err), &err);
	assert_ok(pr_db_commit(db, &err), &err);
	pr_item after;
	assert_ok(pr_item_get(db, it.ref, &after, &err), &err);
	assert_string_equal(after.batch_ref, b.ref);
	assert_int_equal(after.batch_pos, 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM audit_events WHERE entity_id = %lld "
			       "AND actor = 'someone' AND from_state = 'received' AND "
			       "to_state = 'batched' AND reason = 'in batch'", it.id), 1);

	/* Scanned: the time and the day are set; the day's scanned count moves. */
	long long scanned = q_int(db, "SELECT coalesce(sum(scanned), 0) FROM daily_rollup "
				  "WHERE %lld", 1);
	pr_item_change s = { .id = it.id, .ref = it.ref, .from = PR_ITEM_BATCHED,
			     .to = PR_ITEM_SCANNED, .at = UNIT_NOW - 60 };
	assert_ok(pr_db_begin(db, &err), &err);
	assert_ok(pr_item_move(db, &s, &err), &err);
	assert_ok(pr_db_commit(db, &err), &err);
	assert_ok(pr_item_get(db, it.ref, &after, &err), &err);
	assert_int_equal(after.scanned_at, UNIT_NOW - 60);
	assert_int_equal(q_int(db, "SELECT coalesce(sum(scanned), 0) FROM daily_rollup "
			       "WHERE %lld", 1), scanned + 1);

	/* The state read must still hold: a stale FROM is refused. */
	pr_item_change stale = { .id = it.id, .ref = it.ref, .from = PR_ITEM_BATCHED,
				 .to = PR_ITEM_RECEIVED };
	assert_ok(pr_db_begin(db, &err), &err);
	assert_int_equal(pr_item_move(db, &stale, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "no longer batched"));
	pr_db_rollback(db, PR_ESTATE);

	/* An unknown state is refused, not read out of bounds. */
	pr_item_change bad = { .id = it.id, .ref = it.ref, .from = 99, .to = 0 };
	assert_int_equal(pr_item_move(db, &bad, &err), PR_EINVAL);
	assert_rollups_right(db);
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_columns_and_audit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
