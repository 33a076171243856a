#include "postroom/dept.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "postroom/operator.h"
#include "postroom/text.h"

pr_status pr_email_check(const char *field, const char *addr, pr_error *err)
{
	if (!addr || !*addr)
		return pr_fail(err, PR_EINVAL, "%s is required", field);
	size_t n = strlen(addr);
	if (n > PR_EMAIL_MAX)
		return pr_fail(err, PR_EINVAL, "%s is too long: %zu characters, at "
			       "most %d", field, n, PR_EMAIL_MAX);
	const char *at = strchr(addr, '@');
	for (const unsigned char *p = (const unsigned char *)addr; *p; p++)
		if (*p <= 0x20 || *p >= 0x7F || strchr("<>()[]\\,;:\"", *p))
			return pr_fail(err, PR_EINVAL, "%s '%.80s' is not an email "
				       "address: it contains '%c'", field, addr,
				       *p > 0x20 && *p < 0x7F ? *p : '?');
	if (!at || at == addr || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || addr[n - 1] == '.')
		return pr_fail(err, PR_EINVAL, "%s '%.80s' is not an email address "
			       "(name@example.org)", field, addr);
	return PR_OK;
}

static pr_status check_code(const char *code, char out[PR_DEPT_CODE_MAX + 1],
			    pr_error *err)
{
	pr_status st = pr_text_check("department code", code, PR_DEPT_CODE_MAX,
				     true, err);
	if (st != PR_OK)
		return st;
	size_t i = 0;
	for (const char *p = code; *p; p++) {
		if (!isalnum((unsigned char)*p) && *p != '-')
			return pr_fail(err, PR_EINVAL, "department code '%s' may hold "
				       "only letters, digits and '-'", code);
		out[i++] = (char)toupper((unsigned char)*p);
	}
	out[i] = '\0';
	return PR_OK;
}

static void read_dept(sqlite3_stmt *st, pr_dept *d)
{
	d->id = sqlite3_column_int64(st, 0);
	pr_column_copy(st, 1, d->code, sizeof d->code);
	pr_column_copy(st, 2, d->name, sizeof d->name);
	pr_column_copy(st, 3, d->email, sizeof d->email);
	d->active = sqlite3_column_int(st, 4) != 0;
	d->keep_days = sqlite3_column_int(st, 5);
}

pr_status pr_dept_add(pr_db *db, const char *code, const char *name,
		      const char *email, pr_dept *out, pr_error *err)
{
	char ucode[PR_DEPT_CODE_MAX + 1];
	pr_status st;
	if ((st = check_code(code, ucode, err)) != PR_OK ||
	    (st = pr_text_check("department name", name, PR_DEPT_NAME_MAX, true, err)) != PR_OK ||
	    (st = pr_email_check("department email", email, err)) != PR_OK)
		return st;
	if ((st = pr_db_begin_as(db, PR_ROLE_ADMIN, "add a department", err)) != PR_OK)
		return st;
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT 1 FROM departments WHERE code = ?1", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	sqlite3_bind_text(s, 1, ucode, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return pr_db_rollback(db, pr_fail(err, PR_EEXISTS, "department %s "
						  "already exists", ucode));
	s = pr_db_stmt(db, "INSERT INTO departments (code, name, email, created_at) "
		       "VALUES (?1, ?2, ?3, ?4)", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	sqlite3_bind_text(s, 1, ucode, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, pr_now());
	if ((st = pr_db_exec_stmt(db, s, "adding the department", err)) != PR_OK)
		return pr_db_rollback(db, st);
	int64_t id = sqlite3_last_insert_rowid(pr_db_sqlite(db));
	if ((st = pr_audit_write(db, "department", id, ucode, NULL, "active",
				 name, err)) != PR_OK ||
	    (out && (st = pr_dept_find(db, ucode, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

#define DEPT_COLUMNS "id, code, name, email, active, keep_days"

pr_status pr_dept_list(pr_db *db, pr_dept_fn fn, void *ud, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT " DEPT_COLUMNS
				     " FROM departments ORDER BY code", err);
	if (!s)
		return err->code;
	int rc;
	pr_dept d;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_dept(s, &d);
		if (!fn(&d, ud))
			break;
	}
	pr_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "listing departments");
	sqlite3_reset(s);
	return st;
}

pr_status pr_dept_find(pr_db *db, const char *code, pr_dept *out, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT " DEPT_COLUMNS
				     " FROM departments WHERE code = ?1", err);
	if (!s)
		return err->code;
	pr_bind_text(s, 1, code ? code : "");
	int rc = sqlite3_step(s);
	pr_status st = PR_OK;
	if (rc == SQLITE_ROW)
		read_dept(s, out);
	else if (rc == SQLITE_DONE)
		st = pr_fail(err, PR_ENOTFOUND, "no department with code '%.40s' "
			     "(see 'postroom dept list')", code ? code : "");
	else
		st = pr_db_fail(db, err, rc, "finding the department");
	sqlite3_reset(s);
	return st;
}

pr_status pr_dept_search(pr_db *db, const char *text, pr_dept *out, size_t max,
			 size_t *n, pr_error *err)
{
	char pattern[PR_DEPT_NAME_MAX * 8 + 1];
	size_t j = 0;
	*n = 0;
	/* Escape LIKE's wildcards so typed text matches itself. */
	for (const char *p = text ? text : ""; *p && j + 2 < sizeof pattern; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			pattern[j++] = '\\';
		pattern[j++] = *p;
	}
	pattern[j] = '\0';
	sqlite3_stmt *s = pr_db_stmt(db,
		"SELECT " DEPT_COLUMNS " FROM departments "
		"WHERE active AND (?1 = '' OR code LIKE '%' || ?1 || '%' ESCAPE '\\' "
		"  OR name LIKE '%' || ?1 || '%' ESCAPE '\\') "
		"ORDER BY CASE WHEN code = ?1 THEN 0 "
		"  WHEN code LIKE ?1 || '%' ESCAPE '\\' THEN 1 "
		"  WHEN name LIKE ?1 || '%' ESCAPE '\\' "
		"    OR name LIKE '% ' || ?1 || '%' ESCAPE '\\' THEN 2 "
		"  ELSE 3 END, code LIMIT ?2", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, pattern, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	int rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		read_dept(s, &out[(*n)++]);
	if (*n < max && rc != SQLITE_DONE) {
		pr_status st = pr_db_fail(db, err, rc, "searching departments");
		sqlite3_reset(s);
		return st;
	}
	sqlite3_reset(s);
	return PR_OK;
}

pr_status pr_dept_set_keep_days(pr_db *db, const char *code, int days, pr_error *err)
{
	if (days < 0 || days > 36500)
		return pr_fail(err, PR_EINVAL, "%d is not a number of days from 1 to "
			       "36500 (0: the keep_days setting)", days);
	pr_status st = pr_db_begin(db, err);
	if (st != PR_OK)
		return st;
	pr_dept d;
	if ((st = pr_operator_require(db, PR_ROLE_ADMIN, "set a department's keep days",
				      err)) != PR_OK ||
	    (st = pr_dept_find(db, code, &d, err)) != PR_OK)
		return pr_db_rollback(db, st);
	sqlite3_stmt *s = pr_db_stmt(db, "UPDATE departments SET keep_days = ?1 "
				     "WHERE id = ?2", err);
	if (!s)
		return pr_db_rollback(db, err->code);
	if (days)
		sqlite3_bind_int(s, 1, days);
	else
		sqlite3_bind_null(s, 1);
	sqlite3_bind_int64(s, 2, d.id);
	char why[80];
	if (days)
		snprintf(why, sizeof why, "keeps its items %d days", days);
	else
		snprintf(why, sizeof why, "keeps its items as the keep_days setting says");
	if ((st = pr_db_exec_stmt(db, s, "setting the keep days", err)) != PR_OK ||
	    (st = pr_audit_write(db, "department", d.id, d.code,
				 d.active ? "active" : "inactive",
				 d.active ? "active" : "inactive", why, err)) != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}
