/* Dated scanned targets. */
#include "postroom/target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/operator.h"
#include "postroom/report.h"
#include "postroom/xmem.h"

pr_status pr_targets_load(pr_db *db, pr_targets *t, pr_error *err)
{
	memset(t, 0, sizeof *t);
	t->fallback = pr_db_default_target(db);
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT effective_from, pct FROM targets "
				     "ORDER BY effective_from", err);
	if (!s)
		return err->code;
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (t->n == cap) {
			cap = cap ? cap * 2 : 8;
			t->from = xrealloc(t->from, cap * sizeof *t->from);
			t->pct = xrealloc(t->pct, cap * sizeof *t->pct);
		}
		pr_column_copy(s, 0, t->from[t->n], PR_DAY_LEN);
		t->pct[t->n++] = sqlite3_column_double(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		pr_targets_free(t);
		return pr_db_fail(db, err, rc, "reading the targets");
	}
	return PR_OK;
}

double pr_targets_on(const pr_targets *t, const char *day)
{
	double pct = t->fallback;
	for (size_t i = 0; i < t->n && strcmp(t->from[i], day) <= 0; i++)
		pct = t->pct[i];
	return pct;
}

void pr_targets_free(pr_targets *t)
{
	free(t->from);
	free(t->pct);
	memset(t, 0, sizeof *t);
}

pr_status pr_target_on(pr_db *db, const char *day, double *pct, pr_error *err)
{
	long dayno;
	pr_targets t;
	pr_status st = pr_day_parse(day, &dayno, err);
	if (st != PR_OK || (st = pr_targets_load(db, &t, err)) != PR_OK)
		return st;
	*pct = pr_targets_on(&t, day);
	pr_targets_free(&t);
	return PR_OK;
}

pr_status pr_target_set(pr_db *db, double pct, const char *from_day, pr_error *err)
{
	long dayno;
	pr_status st = pr_day_parse(from_day, &dayno, err);
	if (st != PR_OK)
		return st;
	if (!(pct > 0 && pct <= 100))
		return pr_fail(err, PR_EINVAL, "a target of %g%% is not above 0 and "
			       "at most 100", pct);
	if ((st = pr_db_begin_as(db, PR_ROLE_SUPERVISOR, "set the scanned target",
				 err)) != PR_OK)
		return st;
	char before[32] = "";
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT pct FROM targets WHERE effective_from = ?1", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	sqlite3_bind_text(s, 1, from_day, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(before, sizeof before, "%g", sqlite3_column_double(s, 0));
	sqlite3_reset(s);
	s = pr_db_stmt(db, "INSERT INTO targets (pct, effective_from, set_by, set_at) "
		       "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (effective_from) DO UPDATE "
		       "SET pct = excluded.pct, set_by = excluded.set_by, "
		       "set_at = excluded.set_at", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	sqlite3_bind_double(s, 1, pct);
	sqlite3_bind_text(s, 2, from_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, pr_db_actor(db), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, pr_now());
	char after[32], why[64];
	snprintf(after, sizeof after, "%g", pct);
	snprintf(why, sizeof why, "scanned target from %s", from_day);
	if ((st = pr_db_exec_stmt(db, s, "setting the target", err)) != PR_OK ||
	    (st = pr_audit_write(db, "target", 0, from_day, before[0] ? before : NULL,
				 after, why, err)) != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_target_list(pr_db *db, pr_target_fn fn, void *ud, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT effective_from, pct, set_by, set_at "
				     "FROM targets ORDER BY effective_from", err);
	if (!s)
		return err->code;
	int rc;
	pr_target t;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pr_column_copy(s, 0, t.from_day, sizeof t.from_day);
		t.pct = sqlite3_column_double(s, 1);
		pr_column_copy(s, 2, t.set_by, sizeof t.set_by);
		t.set_at = sqlite3_column_int64(s, 3);
		if (!fn(&t, ud))
			break;
	}
	pr_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "listing the targets");
	sqlite3_reset(s);
	return st;
}

pr_status pr_target_parse(const char *s, double *pct, pr_error *err)
{
	const char *p = s ? s : "";
	long tenths = 0;
	int digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
		tenths = tenths * 10 + (*p - '0');
	tenths *= 10;
	if (digits > 0 && *p == '.' && p[1] >= '0' && p[1] <= '9') {
		tenths += p[1] - '0';
		p += 2;
	}
	if (*p == '%')
		p++;
	if (digits == 0 || *p || tenths <= 0 || tenths > 1000)
		return pr_fail(err, PR_EINVAL, "'%.40s' is not a percentage above 0 and "
			       "at most 100 (such as 95 or 97.5)", s ? s : "");
	*pct = (double)tenths / 10.0;
	return PR_OK;
}
