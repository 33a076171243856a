/* Items: logging, validation, exceptions, hand-over, the audit trail and
 * listing, on real database files. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/audit.h"
#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/ref.h"

/* ---- helpers --------------------------------------------------------- */

/* The integer SQL gives, read through a fresh read-only connection. */
static long long q_int(pr_db *db, const char *sql)
{
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	long long v = unit_sql_int(s, sql);
	sqlite3_close(s);
	return v;
}

/* Everything a failed call must leave alone. */
typedef struct snapshot {
	long long items, audit, sequences, received;
} snapshot;

static snapshot snap(pr_db *db)
{
	snapshot s = {
		.items = q_int(db, "SELECT count(*) FROM items"),
		.audit = q_int(db, "SELECT count(*) FROM audit_events"),
		.sequences = q_int(db, "SELECT coalesce(sum(last), 0) FROM sequences"),
		.received = q_int(db, "SELECT coalesce(sum(received), 0) FROM daily_rollup"),
	};
	return s;
}

static void assert_unchanged(pr_db *db, snapshot before)
{
	snapshot now = snap(db);
	assert_int_equal(now.items, before.items);
	assert_int_equal(now.audit, before.audit);
	assert_int_equal(now.sequences, before.sequences);
	assert_int_equal(now.received, before.received);
}

static pr_db *db_with_depts(void)
{
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	assert_ok(pr_dept_add(db, "REV", "Revenues and Benefits", "rev@council.example",
			      NULL, &err), &err);
	assert_ok(pr_dept_add(db, "HWY", "Highways", "hwy@council.example", NULL, &err),
		  &err);
	return db;
}

static pr_item_new plain(const char *dept)
{
	pr_item_new in = { .dept_code = dept, .sender = "HMRC", .addressee = "Ann Smith",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
	return in;
}

static pr_item add(pr_db *db, const pr_item_new *in)
{
	pr_error err = { 0 };
	pr_item it;
	memset(&it, 0, sizeof it);
	assert_ok(pr_item_add(db, in, &it, &err), &err);
	return it;
}

/* Logs a plain letter for DEPT. */
static pr_item add_plain(pr_db *db, const char *dept)
{
	pr_item_new in = plain(dept);
	return add(db, &in);
}

typedef struct events {
	int n;
	pr_audit_event ev[16];
} events;

static bool collect_event(const pr_audit_event *ev, void *ud)
{
	events *e = ud;
	if (e->n < 16)
		e->ev[e->n] = *ev;
	e->n++;
	return true;
}

static events history(pr_db *db, const char *ref)
{
	pr_error err = { 0 };
	events e;
	memset(&e, 0, sizeof e);
	assert_ok(pr_item_history(db, ref, collect_event, &e, &err), &err);
	return e;
}

/* ---- adding ---------------------------------------------------------- */

static void test_add_all_fields(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = db_with_depts();
	pr_item_new in = {
		.dept_code = "rev",
		.sender = "  Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m  ",
		.addressee = "Jos\xc3\xa9 M\xc3\xbcller (\xe2\x82\xac claims)",
		.kind = PR_KIND_PARCEL,
		.service = PR_SERVICE_RECORDED,
		.tracking = " ab 123 456 789 gb ",
		.flags = PR_FLAG_URGENT | PR_FLAG_DAMAGED,
	};
	pr_item it = add(db, &in);
	assert_true(it.id > 0);
	assert_memory_equal(it.ref, "I261120-0001", 12);
	assert_int_equal(strlen(it.ref), 13);
	char check[PR_REF_LEN];
	assert_ok(pr_ref_parse(it.ref, check, &err), &err);
	assert_string_equal(it.dept_code, "REV");
	assert_string_equal(it.dept_name, "Revenues and Benefits");
	assert_string_equal(it.sender, "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m");
	assert_string_equal(it.addressee, "Jos\xc3\xa9 M\xc3\xbcller (\xe2\x82\xac claims)");
	assert_int_equal(it.kind, PR_KIND_PARCEL);
	assert_int_equal(it.service, PR_SERVICE_RECORDED);
	assert_string_equal(it.tracking, "AB123456789GB");
	assert_int_equal(it.flags, PR_FLAG_URGENT | PR_FLAG_DAMAGED);
	assert_int_equal(it.status, PR_ITEM_RECEIVED);
	assert_int_equal(it.received_at, UNIT_NOW);
	assert_string_equal(it.received_day, "2026-11-20");
	assert_string_equal(it.logged_by, "tester");
	assert_string_equal(it.batch_ref, "");
	assert_int_equal(it.scanned_at, 0);
	assert_int_equal(it.emailed_at, 0);
	assert_string_equal(it.exception_reason, "");
	assert_string_equal(it.handed_to, "");
	assert_int_equal(it.handed_at, 0);

	/* Found again by its reference in any case. */
	char lower[PR_REF_LEN];
	for (size_t i = 0; i <= strlen(it.ref); i++)
		lower[i] = (char)(it.ref[i] >= 'A' && it.ref[i] <= 'Z' ? it.ref[i] + 32 : it.ref[i]);
	pr_item got;
	assert_ok(pr_item_get(db, lower, &got, &err), &err);
	assert_int_equal(got.id, it.id);
	assert_string_equal(got.sender, it.sender);
	assert_string_equal(got.tracking, it.tracking);

	/* OUT may be NULL. */
	pr_item_new second = plain("HWY");
	assert_ok(pr_item_add(db, &second, NULL, &err), &err);
	assert_int_equal(q_int(db, "SELECT count(*) FROM items"), 2);
	unit_db_free(db);
}

static void test_reference_sequence(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = db_with_depts();
	pr_item_new in = plain("REV");
	char prev[PR_REF_LEN] = "";
	for (int i = 1; i <= 12; i++) {
		pr_item it = add(db, &in);
		char want[32];
		snprintf(want, sizeof want, "I261120-%04d", i);
		assert_memory_equal(it.ref, want, 12);
		assert_string_not_equal(it.ref, prev);
		snprintf(prev, sizeof prev, "%s", it.ref);
	}
	/* Another department shares the day's sequence. */
	pr_item it = add_plain(db, "HWY");
	assert_memory_equal(it.ref, "I261120-0013", 12);
	/* Unknown reference: well-formed but absent. */
	char ghost[PR_REF_LEN];
	pr_error e2 = { 0 };
	pr_ref_make('I', 20000, 5, ghost);
	pr_item got;
	assert_int_equal(pr_item_get(db, ghost, &got, &e2), PR_ENOTFOUND);
	assert_non_null(strstr(e2.msg, ghost));
	assert_int_equal(pr_item_get(db, "I261120-0001", &got, &err), PR_EINVAL);
	unit_db_free(db);
}

static void expect_field_error(pr_db *db, const pr_item_new *in, pr_status want,
			       const char *field)
{
	pr_error err = { 0 };
	snapshot before = snap(db);
	pr_status st = pr_item_add(db, in, NULL, &err);
	if (st != want || !strstr(err.msg, field))
		fail_msg("expected %s naming '%s', got %s: %s", pr_status_text(want), field,
			 pr_status_text(st), err.msg);
	assert_unchanged(db, before);
}

static void test_bad_fields_rejected(void **state)
{
	(void)state;
	pr_db *db = db_with_depts();
	char long_name[121 * 2 + 1] = "", at_limit[120 * 2 + 1] = "";
	for (int i = 0; i < 121; i++)
		strcat(long_name, "\xc3\xa9");
	for (int i = 0; i < 120; i++)
		strcat(at_limit, "\xc3\xa9");

	const char *bad_texts[] = { NULL, "", "   \t ", long_name, "bad \xc0\xaf",
				    "cut \xe2\x82", "tab\there", "new\nline" };
	for (size_t i = 0; i < sizeof bad_texts / sizeof bad_texts[0]; i++) {
		pr_item_new in = plain("REV");
		in.sender = bad_texts[i];
		expect_field_error(db, &in, PR_EINVAL, "sender");
		in = plain("REV");
		in.addressee = bad_texts[i];
		expect_field_error(db, &in, PR_EINVAL, "addressee");
	}
	pr_item_new in = plain(NULL);
	expect_field_error(db, &in, PR_EINVAL, "department");
	in = plain("");
	expect_field_error(db, &in, PR_EINVAL, "department");
	in = plain("REV");
	in.kind = (pr_kind)7;
	expect_field_error(db, &in, PR_EINVAL, "kind");
	in = plain("REV");
	in.service = (pr_service)9;
	expect_field_error(db, &in, PR_EINVAL, "service");
	in = plain("REV");
	in.flags = 1u << 12;
	expect_field_error(db, &in, PR_EINVAL, "flags");

	/* 120 characters (240 bytes) is within the limit and kept whole. */
	in = plain("REV");
	in.sender = at_limit;
	pr_item it = add(db, &in);
	assert_string_equal(it.sender, at_limit);
	unit_db_free(db);
}

static void test_unknown_department(void **state)
{
	(void)state;
	pr_db *db = db_with_depts();
	pr_item_new in = plain("NOPE");
	expect_field_error(db, &in, PR_ENOTFOUND, "NOPE");
	unit_db_free(db);
}

static void test_tracking(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = db_with_depts();
	pr_item_new in = plain("REV");
	in.service = PR_SERVICE_RECORDED;
	expect_field_error(db, &in, PR_EINVAL, "tracking");
	in.service = PR_SERVICE_SPECIAL;
	in.tracking = "";
	expect_field_error(db, &in, PR_EINVAL, "tracking");

	const char *malformed[] = { "AB12345678GB", "A1123456789GB", "AB123456789G",
				    "AB123456789GBX", "AB12345678XGB", "1B123456789GB",
				    "AB-123456789-GB", "\xc3\xa9\x42\x31\x32\x33\x34\x35\x36\x37\x38\x39GB" };
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		in.tracking = malformed[i];
		expect_field_error(db, &in, PR_EINVAL, "tracking");
	}

	in.tracking = "zz 987 654 321 gb";
	pr_item first = add(db, &in);
	assert_string_equal(first.tracking, "ZZ987654321GB");
	assert_int_equal(first.service, PR_SERVICE_SPECIAL);

	/* The same number again, written differently: refused. */
	pr_item_new dup = plain("HWY");
	dup.service = PR_SERVICE_RECORDED;
	dup.tracking = "ZZ987654321GB";
	expect_field_error(db, &dup, PR_EEXISTS, first.ref);
	dup.tracking = "zz987654321gb";
	expect_field_error(db, &dup, PR_EEXISTS, "ZZ987654321GB");

	/* A standard item may carry a tracking number too. */
	pr_item_new std = plain("REV");
	std.tracking = "AA000000001GB";
	pr_item it = add(db, &std);
	assert_string_equal(it.tracking, "AA000000001GB");

	char out[PR_TRACKING_LEN];
	assert_ok(pr_tracking_parse("ab123456789gb", out, &err), &err);
	assert_string_equal(out, "AB123456789GB");
	assert_int_equal(pr_tracking_parse(NULL, out, &err), PR_EINVAL);
	unit_db_free(db);
}

static void test_exception_flags(void **state)
{
	(void)state;
	pr_db *db = db_with_depts();
	const unsigned exc[] = { PR_FLAG_PRIVATE, PR_FLAG_REMITTANCE, PR_FLAG_LEGAL,
				 PR_FLAG_BULKY };
	for (size_t i = 0; i < sizeof exc / sizeof exc[0]; i++) {
		pr_item_new in = plain("REV");
		in.flags = exc[i];
		pr_item it = add(db, &in);
		assert_int_equal(it.status, PR_ITEM_EXCEPTION);
		assert_string_equal(it.exception_reason, pr_flag_label(exc[i]));
		events h = history(db, it.ref);
		assert_int_equal(h.n, 2);
		assert_string_equal(h.ev[0].from_state, "");
		assert_string_equal(h.ev[0].to_state, "received");
		assert_string_equal(h.ev[1].from_state, "received");
		assert_string_equal(h.ev[1].to_state, "exception");
		assert_string_equal(h.ev[1].reason, pr_flag_label(exc[i]));
	}
	assert_string_equal(pr_flag_label(PR_FLAG_PRIVATE), "Private & confidential");

	pr_item_new both = plain("REV");
	both.flags = PR_FLAG_PRIVATE | PR_FLAG_REMITTANCE | PR_FLAG_URGENT;
	pr_item it = add(db, &both);
	assert_int_equal(it.status, PR_ITEM_EXCEPTION);
	assert_string_equal(it.exception_reason,
			    "Private & confidential, Remittance (cheque/cash)");

	const unsigned not_exc[] = { PR_FLAG_URGENT, PR_FLAG_DAMAGED, 0 };
	for (size_t i = 0; i < sizeof not_exc / sizeof not_exc[0]; i++) {
		pr_item_new in = plain("REV");
		in.flags = not_exc[i];
		pr_item n = add(db, &in);
		assert_int_equal(n.status, PR_ITEM_RECEIVED);
		assert_string_equal(n.exception_reason, "");
		assert_int_equal(history(db, n.ref).n, 1);
	}
	assert_int_equal(q_int(db, "SELECT exceptions FROM daily_rollup "
			       "WHERE day = '2026-11-20'"), 5);
	assert_int_equal(q_int(db, "SELECT received FROM daily_rollup "
			       "WHERE day = '2026-11-20'"), 8);
	unit_db_free(db);
}

static void test_received_time(void **state)
{
	(void)state;
	pr_db *db = db_with_depts();
	pr_item_new in = plain("REV");
	in.received_at = UNIT_NOW + 3600;
	expect_field_error(db, &in, PR_EINVAL, "future");
	in.received_at = -5;
	expect_field_error(db, &in, PR_EINVAL, "receipt");

	/* Back-dated: that day's reference, sequence and figures. */
	in.received_at = unit_time("2026-11-18T15:00:00Z");
	pr_item old = add(db, &in);
	assert_memory_equal(old.ref, "I261118-0001", 12);
	assert_string_equal(old.received_day, "2026-11-18");
	assert_int_equal(old.received_at, unit_time("2026-11-18T15:00:00Z"));
	/* Today's sequence is separate. */
	pr_item t = add_plain(db, "REV");
	assert_memory_equal(t.ref, "I261120-0001", 12);
	/* Late evening UTC in summer is the next local day. */
	in.received_at = unit_time("2026-07-01T23:30:00Z");
	pr_item summer = add(db, &in);
	assert_memory_equal(summer.ref, "I260702-0001", 12);
	assert_string_equal(summer.received_day, "2026-07-02");

	assert_int_equal(q_int(db, "SELECT received FROM daily_rollup WHERE day = '2026-11-18'"), 1);
	assert_int_equal(q_int(db, "SELECT received FROM daily_rollup WHERE day = '2026-11-20'"), 1);
	assert_int_equal(q_int(db, "SELECT received FROM daily_rollup WHERE day = '2026-07-02'"), 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM daily_rollup WHERE day = '2026-07-01'"), 0);
	unit_db_free(db);
}

/* ---- exceptions and hand-over ---------------------------------------- */

static void test_exception_transitions(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = db_with_depts();
	pr_item it = add_plain(db, "REV");
	snapshot before = snap(db);

	assert_int_equal(pr_item_exception(db, it.ref, "  ", NULL, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "reason"));
	assert_int_equal(pr_item_exception(db, it.ref, NULL, NULL, &err), PR_EINVAL);
	assert_int_equal(pr_item_exception(db, it.ref, "bad\x01", NULL, &err), PR_EINVAL);
	assert_int_equal(pr_item_exception(db, "nonsense", "x", NULL, &err), PR_EINVAL);
	char ghost[PR_REF_LEN];
	pr_ref_make('I', 20000, 77, ghost);
	assert_int_equal(pr_item_exception(db, ghost, "x", NULL, &err), PR_ENOTFOUND);
	assert_unchanged(db, before);

	pr_item ex;
	assert_ok(pr_item_exception(db, it.ref, "  cheque enclosed ", &ex, &err), &err);
	assert_int_equal(ex.status, PR_ITEM_EXCEPTION);
	assert_string_equal(ex.exception_reason, "cheque enclosed");
	assert_int_equal(q_int(db, "SELECT exceptions FROM daily_rollup"), 1);

	before = snap(db);
	assert_int_equal(pr_item_exception(db, it.ref, "again", NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "exception"));
	assert_non_null(strstr(err.msg, it.ref));
	assert_unchanged(db, before);
	pr_item same;
	assert_ok(pr_item_get(db, it.ref, &same, &err), &err);
	assert_string_equal(same.exception_reason, "cheque enclosed");
	unit_db_free(db);
}

static void test_handover(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = db_with_depts();
	pr_item it = add_plain(db, "REV");

	snapshot before = snap(db);
	assert_int_equal(pr_item_handover(db, it.ref, "Bob Jones", NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "received"));
	assert_unchanged(db, before);

	assert_ok(pr_item_exception(db, it.ref, "private", NULL, &err), &err);
	assert_int_equal(pr_item_handover(db, it.ref, " ", NULL, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "name"));

	pr_clock_fix(UNIT_NOW + 5400);
	pr_item h;
	assert_ok(pr_item_handover(db, it.ref, "  Bj\xc3\xb6rn Jones ", &h, &err), &err);
	assert_int_equal(h.status, PR_ITEM_HANDED_OVER);
	assert_string_equal(h.handed_to, "Bj\xc3\xb6rn Jones");
	assert_int_equal(h.handed_at, UNIT_NOW + 5400);
	assert_string_equal(h.exception_reason, "private");
	/* Still an exception in the figures. */
	assert_int_equal(q_int(db, "SELECT exceptions FROM daily_rollup"), 1);

	before = snap(db);
	assert_int_equal(pr_item_handover(db, it.ref, "Someone Else", NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, "handed-over"));
	assert_int_equal(pr_item_exception(db, it.ref, "x", NULL, &err), PR_ESTATE);
	assert_unchanged(db, before);
	pr_clock_fix(UNIT_NOW);
	unit_db_free(db);
}

static void test_audit_trail(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = db_with_depts();
	unit_register(db, "alice", "operator");
	unit_register(db, "bob", "operator");
	unit_register(db, "carol", "operator");
	pr_db_set_actor(db, "alice");
	pr_item it = add_plain(db, "REV");
	pr_item other = add_plain(db, "REV");

	pr_clock_fix(UNIT_NOW + 60);
	pr_db_set_actor(db, "bob");
	assert_ok(pr_item_exception(db, it.ref, "legal papers", NULL, &err), &err);
	pr_clock_fix(UNIT_NOW + 120);
	pr_db_set_actor(db, "carol");
	assert_ok(pr_item_handover(db, it.ref, "Dan Evans", NULL, &err), &err);
	pr_clock_fix(UNIT_NOW);

	events h = history(db, it.ref);
	assert_int_equal(h.n, 3);
	const char *actors[] = { "alice", "bob", "carol" };
	const char *from[] = { "", "received", "exception" };
	const char *to[] = { "received", "exception", "handed-over" };
	const pr_time at[] = { UNIT_NOW, UNIT_NOW + 60, UNIT_NOW + 120 };
	for (int i = 0; i < 3; i++) {
		assert_string_equal(h.ev[i].actor, actors[i]);
		assert_string_equal(h.ev[i].entity, "item");
		assert_string_equal(h.ev[i].ref, it.ref);
		assert_string_equal(h.ev[i].from_state, from[i]);
		assert_string_equal(h.ev[i].to_state, to[i]);
		assert_int_equal(h.ev[i].at, at[i]);
		if (i > 0)
			assert_true(h.ev[i].id > h.ev[i - 1].id);
	}
	assert_string_equal(h.ev[0].reason, "logged");
	assert_string_equal(h.ev[1].reason, "legal papers");
	assert_non_null(strstr(h.ev[2].reason, "Dan Evans"));

	/* The other item's trail is its own. */
	events o = history(db, other.ref);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.ev[0].ref, other.ref);
	/* The whole trail holds both. */
	events all;
	memset(&all, 0, sizeof all);
	assert_ok(pr_audit_list(db, NULL, collect_event, &all, &err), &err);
	assert_true(all.n >= 4);
	unit_db_free(db);
}

/* ---- listing --------------------------------------------------------- */

typedef struct refs {
	size_t n;
	char ref[64][PR_REF_LEN];
	char day[64][PR_DAY_LEN];
	char dept[64][PR_DEPT_CODE_MAX + 1];
	pr_item_status status[64];
	size_t stop_after; /* 0 = never stop */
} refs;

static bool collect_item(const pr_item *it, void *ud)
{
	refs *r = ud;
	if (r->n < 64) {
		snprintf(r->ref[r->n], PR_REF_LEN, "%s", it->ref);
		snprintf(r->day[r->n], PR_DAY_LEN, "%s", it->received_day);
		snprintf(r->dept[r->n], sizeof r->dept[0], "%s", it->dept_code);
		r->status[r->n] = it->status;
	}
	r->n++;
	return !(r->stop_after && r->n >= r->stop_after);
}

static refs list(pr_db *db, const pr_item_filter *f)
{
	pr_error err = { 0 };
	refs *r = calloc(1, sizeof *r);
	assert_non_null(r);
	assert_ok(pr_item_list(db, f, collect_item, r, &err), &err);
	refs copy = *r;
	free(r);
	return copy;
}

static size_t count(pr_db *db, const pr_item_filter *f)
{
	pr_error err = { 0 };
	size_t n = 9999;
	assert_ok(pr_item_count(db, f, &n, &err), &err);
	return n;
}

/* 24 items over 2026-11-17..20, two departments, every third an exception. */
static pr_db *listing_db(void)
{
	pr_db *db = db_with_depts();
	const char *days[] = { "2026-11-17T10:00:00Z", "2026-11-18T10:00:00Z",
			       "2026-11-19T10:00:00Z", "2026-11-20T08:00:00Z" };
	for (int i = 0; i < 24; i++) {
		pr_item_new in = plain(i % 2 ? "HWY" : "REV");
		in.received_at = unit_time(days[i % 4]);
		in.flags = i % 3 == 0 ? PR_FLAG_PRIVATE : 0;
		add(db, &in);
	}
	return db;
}

static void test_list_filters(void **state)
{
	(void)state;
	pr_db *db = listing_db();

	pr_item_filter all = PR_ITEM_FILTER_ALL;
	refs r = list(db, &all);
	assert_int_equal(r.n, 24);
	assert_int_equal(count(db, &all), 24);
	for (size_t i = 1; i < r.n; i++)
		assert_true(strcmp(r.day[i - 1], r.day[i]) <= 0); /* oldest first */

	pr_item_filter f = PR_ITEM_FILTER_ALL;
	f.from_day = "2026-11-18";
	f.to_day = "2026-11-19";
	r = list(db, &f);
	assert_int_equal(r.n, 12);
	assert_int_equal(count(db, &f), 12);
	for (size_t i = 0; i < r.n; i++)
		assert_true(strcmp(r.day[i], "2026-11-18") == 0 ||
			    strcmp(r.day[i], "2026-11-19") == 0);

	f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f.dept_code = "hwy";
	r = list(db, &f);
	assert_int_equal(r.n, 12);
	assert_int_equal(count(db, &f), 12);
	for (size_t i = 0; i < r.n; i++)
		assert_string_equal(r.dept[i], "HWY");

	f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f.status = PR_ITEM_EXCEPTION;
	r = list(db, &f);
	assert_int_equal(r.n, 8);
	assert_int_equal(count(db, &f), 8);
	for (size_t i = 0; i < r.n; i++)
		assert_int_equal(r.status[i], PR_ITEM_EXCEPTION);

	/* All at once: REV (even i), exceptions (i % 3 == 0), on the 17th
	 * (i % 4 == 0): i = 0 and 12. */
	f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f.from_day = f.to_day = "2026-11-17";
	f.dept_code = "REV";
	f.status = PR_ITEM_EXCEPTION;
	r = list(db, &f);
	assert_int_equal(r.n, 2);
	assert_int_equal(count(db, &f), 2);

	f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f.from_day = "2026-11-21";
	assert_int_equal(list(db, &f).n, 0);
	assert_int_equal(count(db, &f), 0);

	/* The callback can stop early. */
	refs *some = calloc(1, sizeof *some);
	pr_error err = { 0 };
	some->stop_after = 5;
	assert_ok(pr_item_list(db, &all, collect_item, some, &err), &err);
	assert_int_equal(some->n, 5);
	free(some);

	/* Bad filters. */
	f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f.from_day = "2026-02-30";
	assert_int_equal(pr_item_list(db, &f, collect_item, &r, &err), PR_EINVAL);
	size_t n;
	assert_int_equal(pr_item_count(db, &f, &n, &err), PR_EINVAL);
	f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f.dept_code = "NOPE";
	assert_int_equal(pr_item_count(db, &f, &n, &err), PR_ENOTFOUND);
	f = (pr_item_filter)PR_ITEM_FILTER_ALL;
	f.status = PR_ITEM_STATUS_COUNT;
	assert_int_equal(pr_item_count(db, &f, &n, &err), PR_EINVAL);
	unit_db_free(db);
}

static void test_list_order_and_paging(void **state)
{
	(void)state;
	pr_db *db = listing_db();
	pr_item_filter f = PR_ITEM_FILTER_ALL;
	refs fwd = list(db, &f);
	f.newest_first = true;
	refs back = list(db, &f);
	assert_int_equal(back.n, fwd.n);
	for (size_t i = 0; i < fwd.n; i++)
		assert_string_equal(back.ref[i], fwd.ref[fwd.n - 1 - i]);
	assert_string_equal(back.day[0], "2026-11-20");

	/* Pages of 5 (the last one short) cover everything once, in order. */
	for (int newest = 0; newest <= 1; newest++) {
		const refs *whole = newest ? &back : &fwd;
		size_t seen = 0;
		for (size_t off = 0; off < 30; off += 5) {
			pr_item_filter p = PR_ITEM_FILTER_ALL;
			p.newest_first = newest;
			p.offset = off;
			p.limit = 5;
			refs page = list(db, &p);
			size_t expect = off >= 24 ? 0 : (24 - off < 5 ? 24 - off : 5);
			assert_int_equal(page.n, expect);
			for (size_t i = 0; i < page.n; i++)
				assert_string_equal(page.ref[i], whole->ref[off + i]);
			seen += page.n;
			/* count ignores offset and limit */
			assert_int_equal(count(db, &p), 24);
		}
		assert_int_equal(seen, 24);
	}

	/* Paging a filtered list. */
	pr_item_filter p = PR_ITEM_FILTER_ALL;
	p.dept_code = "REV";
	p.limit = 4;
	p.offset = 8;
	refs page = list(db, &p);
	assert_int_equal(page.n, 4);
	for (size_t i = 0; i < page.n; i++)
		assert_string_equal(page.dept[i], "REV");
	p.offset = 12;
	assert_int_equal(list(db, &p).n, 0);
	unit_db_free(db);
}

static void test_names_and_parsers(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_kind k;
	pr_service s;
	pr_item_status st;
	unsigned fl;
	assert_ok(pr_kind_parse("large-letter", &k, &err), &err);
	assert_int_equal(k, PR_KIND_LARGE_LETTER);
	assert_int_equal(pr_kind_parse("crate", &k, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "parcel"));
	assert_ok(pr_service_parse("special-delivery", &s, &err), &err);
	assert_int_equal(s, PR_SERVICE_SPECIAL);
	assert_ok(pr_item_status_parse("handed-over", &st, &err), &err);
	assert_int_equal(st, PR_ITEM_HANDED_OVER);
	assert_ok(pr_flag_parse("remittance", &fl, &err), &err);
	assert_int_equal(fl, PR_FLAG_REMITTANCE);
	assert_int_equal(pr_flag_parse("fragile", &fl, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "bulky"));
	assert_null(pr_kind_name((pr_kind)99));
	assert_string_equal(pr_item_status_name(PR_ITEM_EXCEPTION), "exception");
	assert_true(pr_flags_exception(PR_FLAG_BULKY | PR_FLAG_URGENT));
	assert_false(pr_flags_exception(PR_FLAG_URGENT | PR_FLAG_DAMAGED));
	assert_int_equal(pr_flag_by_index(PR_FLAG_COUNT), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_all_fields),
		cmocka_unit_test(test_reference_sequence),
		cmocka_unit_test(test_bad_fields_rejected),
		cmocka_unit_test(test_unknown_department),
		cmocka_unit_test(test_tracking),
		cmocka_unit_test(test_exception_flags),
		cmocka_unit_test(test_received_time),
		cmocka_unit_test(test_exception_transitions),
		cmocka_unit_test(test_handover),
		cmocka_unit_test(test_audit_trail),
		cmocka_unit_test(test_list_filters),
		cmocka_unit_test(test_list_order_and_paging),
		cmocka_unit_test(test_names_and_parsers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
