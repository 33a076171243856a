/* Items of incoming post: logging, finding, exceptions and hand-over. */
#include "postroom/item.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/text.h"
#include "postroom/xmem.h"

/* --- names ------------------------------------------------------------- */

#define NAME_OF(e, name, ...) [e] = name,
#define LABEL_OF(e, name, label) [e] = label,
static const char *const kind_names[] = { PR_KIND_LIST(NAME_OF) };
static const char *const kind_labels[] = { PR_KIND_LIST(LABEL_OF) };
static const char *const service_names[] = { PR_SERVICE_LIST(NAME_OF) };
static const char *const service_labels[] = { PR_SERVICE_LIST(LABEL_OF) };
static const char *const status_names[] = { PR_ITEM_STATUS_LIST(NAME_OF) };
#undef NAME_OF
#undef LABEL_OF

static const struct flag_info {
	unsigned bit;
	const char *name, *label;
	bool exception;
} flags_table[] = {
#define FLAG_ROW(e, bit, name, label, exc) { bit, name, label, exc },
	PR_FLAG_LIST(FLAG_ROW)
#undef FLAG_ROW
};

const char *pr_kind_name(pr_kind k)
{
	return (unsigned)k < PR_KIND_COUNT ? kind_names[k] : NULL;
}

const char *pr_kind_label(pr_kind k)
{
	return (unsigned)k < PR_KIND_COUNT ? kind_labels[k] : NULL;
}

const char *pr_service_name(pr_service s)
{
	return (unsigned)s < PR_SERVICE_COUNT ? service_names[s] : NULL;
}

const char *pr_service_label(pr_service s)
{
	return (unsigned)s < PR_SERVICE_COUNT ? service_labels[s] : NULL;
}

const char *pr_item_status_name(pr_item_status s)
{
	return (unsigned)s < PR_ITEM_STATUS_COUNT ? status_names[s] : NULL;
}

/* Finds S in NAMES[0..N) and stores its index; else a message listing all. */
static pr_status parse_name(const char *what, const char *s,
			    const char *const *names, int n, int *out, pr_error *err)
{
	char list[256] = "";
	for (int i = 0; i < n; i++) {
		if (s && strcmp(s, names[i]) == 0) {
			*out = i;
			return PR_OK;
		}
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", names[i]);
	}
	return pr_fail(err, PR_EINVAL, "%s '%.40s' is not one of %s", what,
		       s ? s : "", list);
}

pr_status pr_kind_parse(const char *s, pr_kind *out, pr_error *err)
{
	int i;
	pr_status st = parse_name("kind", s, kind_names, PR_KIND_COUNT, &i, err);
	if (st == PR_OK)
		*out = (pr_kind)i;
	return st;
}

pr_status pr_service_parse(const char *s, pr_service *out, pr_error *err)
{
	int i;
	pr_status st = parse_name("service", s, service_names, PR_SERVICE_COUNT, &i, err);
	if (st == PR_OK)
		*out = (pr_service)i;
	return st;
}

pr_status pr_item_status_parse(const char *s, pr_item_status *out, pr_error *err)
{
	int i;
	pr_status st = parse_name("status", s, status_names, PR_ITEM_STATUS_COUNT, &i, err);
	if (st == PR_OK)
		*out = (pr_item_status)i;
	return st;
}

pr_status pr_flag_parse(const char *s, unsigned *flag, pr_error *err)
{
	const char *names[PR_FLAG_COUNT];
	int i;
	for (i = 0; i < PR_FLAG_COUNT; i++)
		names[i] = flags_table[i].name;
	pr_status st = parse_name("flag", s, names, PR_FLAG_COUNT, &i, err);
	if (st == PR_OK)
		*flag = flags_table[i].bit;
	return st;
}

static const struct flag_info *flag_info(unsigned flag)
{
	for (int i = 0; i < PR_FLAG_COUNT; i++)
		if (flags_table[i].bit == flag)
			return &flags_table[i];
	return NULL;
}

const char *pr_flag_name(unsigned flag)
{
	const struct flag_info *f = flag_info(flag);
	return f ? f->name : NULL;
}

const char *pr_flag_label(unsigned flag)
{
	const struct flag_info *f = flag_info(flag);
	return f ? f->label : NULL;
}

unsigned pr_flag_by_index(int i)
{
	return i >= 0 && i < PR_FLAG_COUNT ? flags_table[i].bit : 0;
}

bool pr_flags_exception(unsigned flags)
{
	for (int i = 0; i < PR_FLAG_COUNT; i++)
		if ((flags & flags_table[i].bit) && flags_table[i].exception)
			return true;
	return false;
}

/* The labels of the exception flags in FLAGS, joined by ", ". */
static void exception_reason(unsigned flags, char *out, size_t cap)
{
	out[0] = '\0';
	for (int i = 0; i < PR_FLAG_COUNT; i++) {
		if (!(flags & flags_table[i].bit) || !flags_table[i].exception)
			continue;
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%s", len ? ", " : "",
			 flags_table[i].label);
	}
}

pr_status pr_tracking_parse(const char *in, char out[PR_TRACKING_LEN], pr_error *err)
{
	char buf[PR_TRACKING_LEN];
	size_t n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof buf) {
			n = sizeof buf; /* too long */
			break;
		}
		buf[n++] = (char)toupper((unsigned char)*p);
	}
	bool ok = n == PR_TRACKING_LEN - 1;
	for (size_t i = 0; ok && i < n; i++) {
		bool letter = i < 2 || i >= 11;
		ok = letter ? (buf[i] >= 'A' && buf[i] <= 'Z')
			    : (buf[i] >= '0' && buf[i] <= '9');
	}
	if (!ok)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_TRACKING, "tracking number '%.40s' is not in "
			       "Royal Mail's form: two letters, nine digits, two "
			       "letters (AB123456789GB)", in ? in : "");
	buf[n] = '\0';
	memcpy(out, buf, PR_TRACKING_LEN);
	return PR_OK;
}

/* --- reading ----------------------------------------------------------- */

static int index_of(const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (s && strcmp(s, names[i]) == 0)
			return i;
	return 0;
}

void pr_item_read(sqlite3_stmt *s, pr_item *it)
{
	it->id = sqlite3_column_int64(s, 0);
	pr_column_copy(s, 1, it->ref, sizeof it->ref);
	pr_column_copy(s, 2, it->dept_code, sizeof it->dept_code);
	pr_column_copy(s, 3, it->dept_name, sizeof it->dept_name);
	pr_column_copy(s, 4, it->sender, sizeof it->sender);
	pr_column_copy(s, 5, it->addressee, sizeof it->addressee);
	it->kind = (pr_kind)index_of((const char *)sqlite3_column_text(s, 6),
				     kind_names, PR_KIND_COUNT);
	it->service = (pr_service)index_of((const char *)sqlite3_column_text(s, 7),
					   service_names, PR_SERVICE_COUNT);
	pr_column_copy(s, 8, it->tracking, sizeof it->tracking);
	it->flags = (unsigned)sqlite3_column_int(s, 9);
	it->status = (pr_item_status)index_of((const char *)sqlite3_column_text(s, 10),
					      status_names, PR_ITEM_STATUS_COUNT);
	it->received_at = sqlite3_column_int64(s, 11);
	pr_column_copy(s, 12, it->received_day, sizeof it->received_day);
	pr_column_copy(s, 13, it->logged_by, sizeof it->logged_by);
	pr_column_copy(s, 14, it->batch_ref, sizeof it->batch_ref);
	it->scanned_at = sqlite3_column_int64(s, 15);
	it->emailed_at = sqlite3_column_int64(s, 16);
	pr_column_copy(s, 17, it->exception_reason, sizeof it->exception_reason);
	pr_column_copy(s, 18, it->handed_to, sizeof it->handed_to);
	it->handed_at = sqlite3_column_int64(s, 19);
	it->batch_pos = sqlite3_column_int(s, 20);
}

pr_status pr_item_get(pr_db *db, const char *ref, pr_item *out, pr_error *err)
{
	char nref[PR_REF_LEN];
	pr_status st = pr_ref_parse(ref, nref, err);
	if (st != PR_OK)
		return st;
	sqlite3_stmt *s = pr_db_stmt(db, PR_ITEM_SELECT "WHERE i.ref = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, nref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		pr_item_read(s, out);
	else if (rc == SQLITE_DONE)
		st = pr_fail(err, PR_ENOTFOUND, "no item %s", nref);
	else
		st = pr_db_fail(db, err, rc, "finding the item");
	sqlite3_reset(s);
	return st;
}

/* Builds the WHERE clause of FILTER into SQL (a growing string) and checks
 * its values; binds happen in bind_filter in the same order. */
static pr_status filter_where(pr_db *db, const pr_item_filter *f, char *sql,
			      size_t cap, int64_t *dept_id, pr_error *err)
{
	long dayno;
	pr_dept dept;
	pr_status st;
	size_t n = strlen(sql);
	n += (size_t)snprintf(sql + n, cap - n, " WHERE 1");
	if (f->from_day) {
		if ((st = pr_day_parse(f->from_day, &dayno, err)) != PR_OK)
			return st;
		n += (size_t)snprintf(sql + n, cap - n, " AND i.received_day >= :from");
	}
	if (f->to_day) {
		if ((st = pr_day_parse(f->to_day, &dayno, err)) != PR_OK)
			return st;
		n += (size_t)snprintf(sql + n, cap - n, " AND i.received_day <= :to");
	}
	if (f->dept_code) {
		if ((st = pr_dept_find(db, f->dept_code, &dept, err)) != PR_OK)
			return st;
		*dept_id = dept.id;
		n += (size_t)snprintf(sql + n, cap - n, " AND i.dept_id = :dept");
	}
	if (f->accountable)
		n += (size_t)snprintf(sql + n, cap - n, " AND i.service <> 'standard'");
	if (f->status >= 0) {
		if (f->status >= PR_ITEM_STATUS_COUNT)
			return pr_fail(err, PR_EINVAL, "unknown item status %d", f->status);
		snprintf(sql + n, cap - n, " AND i.status = :status");
	}
	return PR_OK;
}

static void bind_filter(sqlite3_stmt *s, const pr_item_filter *f, int64_t dept_id)
{
	int i;
	if ((i = sqlite3_bind_parameter_index(s, ":from")))
		sqlite3_bind_text(s, i, f->from_day, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(s, ":to")))
		sqlite3_bind_text(s, i, f->to_day, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(s, ":dept")))
		sqlite3_bind_int64(s, i, dept_id);
	if ((i = sqlite3_bind_parameter_index(s, ":status")))
		sqlite3_bind_text(s, i, status_names[f->status], -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(s, ":limit")))
		sqlite3_bind_int64(s, i, f->limit ? (sqlite3_int64)f->limit : -1);
	if ((i = sqlite3_bind_parameter_index(s, ":offset")))
		sqlite3_bind_int64(s, i, (sqlite3_int64)f->offset);
}

pr_status pr_item_list(pr_db *db, const pr_item_filter *f, pr_item_fn fn,
		       void *ud, pr_error *err)
{
	char sql[1024] = PR_ITEM_SELECT;
	int64_t dept_id = 0;
	pr_status st = filter_where(db, f, sql, sizeof sql, &dept_id, err);
	if (st != PR_OK)
		return st;
	size_t n = strlen(sql);
	snprintf(sql + n, sizeof sql - n, "%s LIMIT :limit OFFSET :offset",
		 f->newest_first ? " ORDER BY i.received_day DESC, i.id DESC"
				 : " ORDER BY i.received_day, i.id");
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(pr_db_sqlite(db), sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return pr_db_fail(db, err, rc, "listing items");
	bind_filter(s, f, dept_id);
	pr_item *it = xmalloc(sizeof *it);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pr_item_read(s, it);
		if (!fn(it, ud))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = pr_db_fail(db, err, rc, "listing items");
	free(it);
	sqlite3_finalize(s);
	return st;
}

pr_status pr_item_count(pr_db *db, const pr_item_filter *f, size_t *count,
			pr_error *err)
{
	char sql[512] = "SELECT count(*) FROM items i";
	int64_t dept_id = 0;
	pr_status st = filter_where(db, f, sql, sizeof sql, &dept_id, err);
	if (st != PR_OK)
		return st;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(pr_db_sqlite(db), sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return pr_db_fail(db, err, rc, "counting items");
	bind_filter(s, f, dept_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = (size_t)sqlite3_column_int64(s, 0);
	else
		st = pr_db_fail(db, err, rc, "counting items");
	sqlite3_finalize(s);
	return st;
}

pr_status pr_item_history(pr_db *db, const char *ref, pr_audit_fn fn, void *ud,
			  pr_error *err)
{
	pr_item it;
	pr_status st = pr_item_get(db, ref, &it, err);
	if (st != PR_OK)
		return st;
	return pr_audit_list(db, it.ref, fn, ud, err);
}

/* --- changing ---------------------------------------------------------- */

static pr_status check_new(const pr_item_new *in, pr_time now, pr_error *err)
{
	pr_status st;
	bool named = !in->unindexed;
	if ((st = pr_text_check(PR_FIELD_DEPT, in->dept_code, PR_DEPT_CODE_MAX, true, err)) ||
	    (st = pr_text_check(PR_FIELD_SENDER, in->sender, PR_PARTY_MAX, named, err)) ||
	    (st = pr_text_check(PR_FIELD_ADDRESSEE, in->addressee, PR_PARTY_MAX, named, err)))
		return st;
	if ((unsigned)in->kind >= PR_KIND_COUNT)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_KIND, "kind %d is unknown",
				     (int)in->kind);
	if ((unsigned)in->service >= PR_SERVICE_COUNT)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_SERVICE, "service %d is "
				     "unknown", (int)in->service);
	unsigned all = 0;
	for (int i = 0; i < PR_FLAG_COUNT; i++)
		all |= flags_table[i].bit;
	if (in->flags & ~all)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_FLAGS, "unknown flags 0x%x",
				     in->flags & ~all);
	if (in->received_at > now + 300)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_RECEIVED, "the time of "
				     "receipt is in the future");
	if (in->received_at < 0)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_RECEIVED, "the time of "
				     "receipt is before 1970");
	return PR_OK;
}

pr_status pr_item_state_of(pr_db *db, const char *ref, pr_item_state *out,
			  pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT i.id, i.dept_id, "
				     "coalesce(i.batch_id, 0), i.status, d.code, "
				     "coalesce(b.ref, '') FROM items i JOIN departments d "
				     "ON d.id = i.dept_id LEFT JOIN batches b ON "
				     "b.id = i.batch_id WHERE i.ref = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	pr_status st = PR_OK;
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->dept_id = sqlite3_column_int64(s, 1);
		out->batch_id = sqlite3_column_int64(s, 2);
		out->status = (pr_item_status)index_of((const char *)sqlite3_column_text(s, 3),
						       status_names, PR_ITEM_STATUS_COUNT);
		pr_column_copy(s, 4, out->dept_code, sizeof out->dept_code);
		pr_column_copy(s, 5, out->batch_ref, sizeof out->batch_ref);
	} else if (rc == SQLITE_DONE) {
		st = pr_fail_field(err, PR_ENOTFOUND, "item", "no item %s", ref);
	} else {
		st = pr_db_fail(db, err, rc, "finding the item");
	}
	sqlite3_reset(s);
	return st;
}

pr_status pr_item_insert(pr_db *db, const pr_item_new *in, int64_t *id_out,
			 char ref_out[PR_REF_LEN], pr_error *err)
{
	pr_time now = pr_now();
	char tracking[PR_TRACKING_LEN] = "", sender[PR_PARTY_MAX * 4 + 1],
	     addressee[PR_PARTY_MAX * 4 + 1];
	pr_status st = check_new(in, now, err);
	if (st != PR_OK)
		return st;
	pr_text_trim_copy(sender, sizeof sender, in->sender ? in->sender : "");
	pr_text_trim_copy(addressee, sizeof addressee, in->addressee ? in->addressee : "");
	if (!in->unindexed && (!*sender || !*addressee))
		return *sender ? pr_fail_field(err, PR_EINVAL, PR_FIELD_ADDRESSEE,
					       "addressee is required")
			       : pr_fail_field(err, PR_EINVAL, PR_FIELD_SENDER,
					       "sender is required");
	bool has_tracking = in->tracking && *in->tracking;
	if (has_tracking && (st = pr_tracking_parse(in->tracking, tracking, err)) != PR_OK)
		return st;
	if (!has_tracking && in->service != PR_SERVICE_STANDARD)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_TRACKING, "a tracking number "
				     "is required for %s items", service_labels[in->service]);

	pr_time received_at = in->received_at ? in->received_at : now;
	char day[PR_DAY_LEN], ref[PR_REF_LEN], reason[256];
	pr_time_day(received_at, day);
	bool exception = pr_flags_exception(in->flags);
	exception_reason(in->flags, reason, sizeof reason);

	pr_dept dept;
	if ((st = pr_dept_find(db, in->dept_code, &dept, err)) != PR_OK) {
		snprintf(err->field, sizeof err->field, "%s", PR_FIELD_DEPT);
		return st;
	}
	if (!dept.active)
		return pr_fail_field(err, PR_ESTATE, PR_FIELD_DEPT, "department %s is "
				     "closed", dept.code);
	if (*tracking) {
		sqlite3_stmt *s = pr_db_stmt(db, "SELECT ref FROM items WHERE "
					     "tracking = ?1 AND status <> 'void'", err);
		if (!s)
			return err->code;
		sqlite3_bind_text(s, 1, tracking, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW) {
			pr_fail_field(err, PR_EEXISTS, PR_FIELD_TRACKING, "tracking number "
				      "%s is already logged as item %s", tracking,
				      (const char *)sqlite3_column_text(s, 0));
			sqlite3_reset(s);
			return PR_EEXISTS;
		}
		sqlite3_reset(s);
	}
	long seq, dayno = pr_time_dayno(received_at);
	if ((st = pr_sequence_next(db, "I", day, &seq, err)) != PR_OK)
		return st;
	pr_ref_make('I', dayno, seq, ref);

	sqlite3_stmt *s = pr_db_stmt(db,
		"INSERT INTO items (ref, dept_id, sender, addressee, kind, service, "
		"tracking, flags, status, received_at, received_day, logged_by, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'received', ?9, "
		"?10, ?11, ?12)", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, dept.id);
	sqlite3_bind_text(s, 3, sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, addressee, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, kind_names[in->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, service_names[in->service], -1, SQLITE_STATIC);
	pr_bind_text(s, 7, *tracking ? tracking : NULL);
	sqlite3_bind_int(s, 8, (int)in->flags);
	sqlite3_bind_int64(s, 9, received_at);
	sqlite3_bind_text(s, 10, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, pr_db_actor(db), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 12, now);
	if ((st = pr_db_exec_stmt(db, s, "logging the item", err)) != PR_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(pr_db_sqlite(db));
	if ((st = pr_audit_write(db, "item", id, ref, NULL, "received",
				 in->unindexed ? "logged in a tray" : "logged", err)) != PR_OK)
		return st;
	if (exception) {
		pr_item_change c = { .id = id, .ref = ref, .from = PR_ITEM_RECEIVED,
				     .to = PR_ITEM_EXCEPTION, .reason = reason,
				     .text = reason };
		if ((st = pr_item_move(db, &c, err)) != PR_OK)
			return st;
	}
	*id_out = id;
	memcpy(ref_out, ref, PR_REF_LEN);
	return PR_OK;
}

pr_status pr_item_add(pr_db *db, const pr_item_new *in, pr_item *out, pr_error *err)
{
	int64_t id;
	char ref[PR_REF_LEN];
	pr_status st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "log an item", err);
	if (st != PR_OK)
		return st;
	if ((st = pr_item_insert(db, in, &id, ref, err)) != PR_OK ||
	    (out && (st = pr_item_get(db, ref, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_item_exception(pr_db *db, const char *ref, const char *reason,
			    pr_item *out, pr_error *err)
{
	char nref[PR_REF_LEN], why[PR_REASON_MAX * 4 + 1];
	pr_status st;
	if ((st = pr_ref_parse(ref, nref, err)) != PR_OK)
		return st;
	if ((st = pr_text_check(PR_FIELD_REASON, reason, PR_REASON_MAX, true, err)) != PR_OK)
		return st;
	pr_text_trim_copy(why, sizeof why, reason);
	if (!*why)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_REASON, "reason is required");
	if ((st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "mark an exception", err)) != PR_OK)
		return st;
	pr_item_state it;
	if ((st = pr_item_state_of(db, nref, &it, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (it.status != PR_ITEM_RECEIVED && it.status != PR_ITEM_BATCHED)
		return pr_db_rollback(db, pr_fail(err, PR_ESTATE, "item %s is %s: "
			"only received or batched items can become exceptions",
			nref, status_names[it.status]));
	pr_item_change c = { .id = it.id, .ref = nref, .from = it.status,
			     .to = PR_ITEM_EXCEPTION, .reason = why, .text = why };
	if ((st = pr_item_move(db, &c, err)) != PR_OK ||
	    (out && (st = pr_item_get(db, nref, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_item_handover(pr_db *db, const char *ref, const char *to_name,
			   pr_item *out, pr_error *err)
{
	char nref[PR_REF_LEN], name[PR_REASON_MAX * 4 + 1], why[PR_REASON_MAX * 4 + 32];
	pr_status st;
	if ((st = pr_ref_parse(ref, nref, err)) != PR_OK)
		return st;
	if ((st = pr_text_check(PR_FIELD_SIGNED_BY, to_name, PR_REASON_MAX, true,
				err)) != PR_OK)
		return st;
	pr_text_trim_copy(name, sizeof name, to_name);
	if (!*name)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_SIGNED_BY,
				     "name of the person signing is required");
	if ((st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "hand over an item", err)) != PR_OK)
		return st;
	pr_item_state it;
	if ((st = pr_item_state_of(db, nref, &it, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (it.status != PR_ITEM_EXCEPTION)
		return pr_db_rollback(db, pr_fail(err, PR_ESTATE, "item %s is %s: "
			"only exceptions are handed over (mark it with 'item "
			"exception' first)", nref, status_names[it.status]));
	snprintf(why, sizeof why, "signed for by %s", name);
	pr_item_change c = { .id = it.id, .ref = nref, .from = PR_ITEM_EXCEPTION,
			     .to = PR_ITEM_HANDED_OVER, .reason = why, .text = name };
	if ((st = pr_item_move(db, &c, err)) != PR_OK ||
	    (out && (st = pr_item_get(db, nref, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}
