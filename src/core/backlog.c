/* Work waiting and how long work takes: the backlog by age and department,
 * and the cycle times from receipt to scan and to email. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/dept.h"
#include "postroom/report.h"
#include "postroom/xmem.h"

#define AGE_NAME(e, name, label) [e] = name,
#define AGE_LABEL(e, name, label) [e] = label,
static const char *const age_names[] = { PR_AGE_LIST(AGE_NAME) };
static const char *const age_labels[] = { PR_AGE_LIST(AGE_LABEL) };
#undef AGE_NAME
#undef AGE_LABEL

const char *pr_age_name(pr_age a)
{
	return (unsigned)a < PR_AGE_COUNT ? age_names[a] : NULL;
}

const char *pr_age_label(pr_age a)
{
	return (unsigned)a < PR_AGE_COUNT ? age_labels[a] : NULL;
}

#define UNDER_4H (4 * 3600)

pr_status pr_report_backlog(pr_db *db, const char *dept_code, pr_backlog_fn fn,
			    void *ud, pr_error *err)
{
	pr_dept dept = { .id = 0 };
	pr_status st;
	if (dept_code && (st = pr_dept_find(db, dept_code, &dept, err)) != PR_OK)
		return st;
	pr_time now = pr_now();
	long today = pr_time_dayno(now);
	char today_s[PR_DAY_LEN], yesterday_s[PR_DAY_LEN];
	pr_day_format(today, today_s);
	pr_day_format(today - 1, yesterday_s);
	/* The status test is written as the items_open index's condition, so
	 * only open items are read. */
	sqlite3_stmt *s = pr_db_stmt(db,
		"SELECT d.code, d.name, "
		"  total(i.received_at > ?1), "
		"  total(i.received_at <= ?1 AND i.received_day >= ?2), "
		"  total(i.received_at <= ?1 AND i.received_day = ?3), "
		"  total(i.received_at <= ?1 AND i.received_day < ?3), "
		"  total(i.status <> 'exception'), total(i.status = 'exception') "
		"FROM items i JOIN departments d ON d.id = i.dept_id "
		"WHERE (status = 'received' OR status = 'batched' OR status = 'exception') "
		"  AND (?4 = 0 OR i.dept_id = ?4) "
		"GROUP BY i.dept_id ORDER BY count(*) DESC, d.code", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, now - UNDER_4H);
	sqlite3_bind_text(s, 2, today_s, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, yesterday_s, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, dept.id);
	pr_backlog b, total = { .code = "" };
	snprintf(total.name, sizeof total.name, "All departments");
	int rc;
	bool go_on = true;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&b, 0, sizeof b);
		pr_column_copy(s, 0, b.code, sizeof b.code);
		pr_column_copy(s, 1, b.name, sizeof b.name);
		for (int a = 0; a < PR_AGE_COUNT; a++) {
			b.by_age[a] = (long)sqlite3_column_double(s, 2 + a);
			total.by_age[a] += b.by_age[a];
		}
		b.unscanned = (long)sqlite3_column_double(s, 6);
		b.exceptions = (long)sqlite3_column_double(s, 7);
		b.total = b.unscanned + b.exceptions;
		total.unscanned += b.unscanned;
		total.exceptions += b.exceptions;
		total.total += b.total;
		if (go_on && !fn(&b, ud))
			go_on = false;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return pr_db_fail(db, err, rc, "reading the backlog");
	if (go_on)
		fn(&total, ud);
	return PR_OK;
}

/* Growing arrays of durations in seconds. */
typedef struct durations {
	long *v;
	size_t n, cap;
} durations;

static void push(durations *d, long v)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = v < 0 ? 0 : v;
}

static int by_value(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The P-th percentile of D by nearest rank, in whole minutes; -1 if empty. */
static long percentile_min(durations *d, int p)
{
	if (d->n == 0)
		return -1;
	size_t rank = (d->n * (size_t)p + 99) / 100;
	if (rank == 0)
		rank = 1;
	return (d->v[rank - 1] + 30) / 60;
}

static bool emit_cycle(pr_cycle *c, durations *scan, durations *mail,
		       pr_cycle_fn fn, void *ud)
{
	/* qsort with a null array is undefined even for no elements. */
	if (scan->n > 1)
		qsort(scan->v, scan->n, sizeof *scan->v, by_value);
	if (mail->n > 1)
		qsort(mail->v, mail->n, sizeof *mail->v, by_value);
	c->scanned = (long)scan->n;
	c->emailed = (long)mail->n;
	c->scan_median_min = percentile_min(scan, 50);
	c->scan_p90_min = percentile_min(scan, 90);
	c->email_median_min = percentile_min(mail, 50);
	c->email_p90_min = percentile_min(mail, 90);
	bool go_on = fn(c, ud);
	scan->n = mail->n = 0;
	return go_on;
}

pr_status pr_report_cycle(pr_db *db, const char *from_day, const char *to_day,
			  const char *dept_code, pr_cycle_fn fn, void *ud,
			  pr_error *err)
{
	long from, to;
	int64_t dept_id;
	pr_status st = pr_scope_parse(db, from_day, to_day, dept_code, &from, &to,
				      &dept_id, err);
	if (st != PR_OK)
		return st;
	sqlite3_stmt *s = pr_db_stmt(db,
		"SELECT received_day, scanned_at - received_at, emailed_at - received_at "
		"FROM items WHERE received_day BETWEEN ?1 AND ?2 AND status <> 'void' "
		"AND (?3 = 0 OR dept_id = ?3) ORDER BY received_day", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, from_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to_day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, dept_id);
	durations scan = { 0 }, mail = { 0 };
	pr_cycle c;
	int rc = sqlite3_step(s);
	bool go_on = true;
	for (long d = from; d <= to && go_on; d++) {
		memset(&c, 0, sizeof c);
		pr_day_format(d, c.day);
		while (rc == SQLITE_ROW &&
		       strcmp((const char *)sqlite3_column_text(s, 0), c.day) == 0) {
			c.received++;
			if (sqlite3_column_type(s, 1) != SQLITE_NULL)
				push(&scan, (long)sqlite3_column_int64(s, 1));
			if (sqlite3_column_type(s, 2) != SQLITE_NULL)
				push(&mail, (long)sqlite3_column_int64(s, 2));
			rc = sqlite3_step(s);
		}
		go_on = emit_cycle(&c, &scan, &mail, fn, ud);
	}
	st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "reading the cycle times");
	sqlite3_reset(s);
	free(scan.v);
	free(mail.v);
	return st;
}
