#include "postroom/operator.h"

#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "postroom/text.h"

static const char *const role_names[] = {
	[PR_ROLE_OPERATOR] = "operator",
	[PR_ROLE_SUPERVISOR] = "supervisor",
	[PR_ROLE_ADMIN] = "admin",
};

const char *pr_role_name(pr_role role)
{
	if ((unsigned)role >= sizeof role_names / sizeof role_names[0])
		return "?";
	return role_names[role];
}

pr_status pr_role_parse(const char *s, pr_role *out, pr_error *err)
{
	for (unsigned i = 0; i < sizeof role_names / sizeof role_names[0]; i++) {
		if (s && strcmp(s, role_names[i]) == 0) {
			*out = (pr_role)i;
			return PR_OK;
		}
	}
	return pr_fail(err, PR_EINVAL, "role '%.40s' is not one of operator, "
		       "supervisor, admin", s ? s : "");
}

const char *pr_whoami(void)
{
	static char login[PR_LOGIN_MAX + 1];
	if (login[0])
		return login;
	struct passwd *pw = getpwuid(getuid());
	const char *name = pw && pw->pw_name ? pw->pw_name : NULL;
	if (!name)
		name = getenv("LOGNAME");
	if (!name || !*name)
		name = getenv("USER");
	if (name && *name)
		snprintf(login, sizeof login, "%s", name);
	else
		snprintf(login, sizeof login, "uid%ld", (long)getuid());
	return login;
}

static pr_status check_login(const char *login, pr_error *err)
{
	if (!login || !*login)
		return pr_fail(err, PR_EINVAL, "login is required");
	size_t n = strlen(login);
	if (n > PR_LOGIN_MAX)
		return pr_fail(err, PR_EINVAL, "login is too long: %zu characters, "
			       "at most %d", n, PR_LOGIN_MAX);
	for (const char *p = login; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      *p == '_' || *p == '-' || *p == '.') ||
		    (p == login && *p == '-'))
			return pr_fail(err, PR_EINVAL, "login '%.40s' is not a Unix "
				       "login name (lower-case letters, digits, "
				       "'.', '_', '-')", login);
	return PR_OK;
}

static void read_operator(sqlite3_stmt *s, pr_operator *op)
{
	pr_error ignored;
	op->id = sqlite3_column_int64(s, 0);
	pr_column_copy(s, 1, op->login, sizeof op->login);
	pr_column_copy(s, 2, op->name, sizeof op->name);
	if (pr_role_parse((const char *)sqlite3_column_text(s, 3), &op->role,
			  &ignored) != PR_OK)
		op->role = PR_ROLE_OPERATOR;
	op->active = sqlite3_column_int(s, 4) != 0;
	op->created_at = sqlite3_column_int64(s, 5);
}

#define OPERATOR_COLUMNS "id, login, name, role, active, created_at"

pr_status pr_operator_find(pr_db *db, const char *login, pr_operator *out,
			   pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT " OPERATOR_COLUMNS
				     " FROM operators WHERE login = ?1", err);
	if (!s)
		return err->code;
	pr_bind_text(s, 1, login ? login : "");
	int rc = sqlite3_step(s);
	pr_status st = PR_OK;
	if (rc == SQLITE_ROW)
		read_operator(s, out);
	else if (rc == SQLITE_DONE)
		st = pr_fail(err, PR_ENOTFOUND, "no operator '%.40s'", login ? login : "");
	else
		st = pr_db_fail(db, err, rc, "finding the operator");
	sqlite3_reset(s);
	return st;
}

/* True in *ANY when at least one operator is registered. */
static pr_status operators_exist(pr_db *db, bool *any, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT EXISTS (SELECT 1 FROM operators)", err);
	if (!s)
		return err->code;
	int rc = sqlite3_step(s);
	bool found = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return pr_db_fail(db, err, rc, "checking the operator's role");
	*any = found;
	return PR_OK;
}

/* Inserts LOGIN with ROLE and its audit event, inside the caller's
 * transaction. PR_EEXISTS when the login is taken. */
static pr_status insert_operator(pr_db *db, const char *login, const char *name,
				 pr_role role, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT 1 FROM operators WHERE login = ?1", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return pr_fail(err, PR_EEXISTS, "operator %s already exists", login);
	s = pr_db_stmt(db, "INSERT INTO operators (login, name, role, created_at) "
		       "VALUES (?1, ?2, ?3, ?4)", err);
	if (!s)
		return err->code;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name ? name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, pr_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, pr_now());
	pr_status st = pr_db_exec_stmt(db, s, "adding the operator", err);
	if (st != PR_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(pr_db_sqlite(db));
	return pr_audit_write(db, "operator", id, login, NULL, pr_role_name(role),
			      name, err);
}

pr_status pr_operator_add(pr_db *db, const char *login, const char *name,
			  pr_role role, pr_operator *out, pr_error *err)
{
	pr_status st;
	if ((st = check_login(login, err)) != PR_OK ||
	    (st = pr_text_check("operator name", name, 80, false, err)) != PR_OK)
		return st;
	if ((st = pr_db_begin(db, err)) != PR_OK)
		return st;
	bool any = false;
	if ((st = operators_exist(db, &any, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (!any && role != PR_ROLE_ADMIN)
		return pr_db_rollback(db, pr_fail(err, PR_EDENIED, "no operators are "
			"registered yet: the first one must be an admin "
			"(--role admin)"));
	if (any && (st = pr_operator_require(db, PR_ROLE_ADMIN, "add an operator",
					     err)) != PR_OK)
		return pr_db_rollback(db, st);
	if ((st = insert_operator(db, login, name, role, err)) != PR_OK ||
	    (out && (st = pr_operator_find(db, login, out, err)) != PR_OK))
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_operator_list(pr_db *db, pr_operator_fn fn, void *ud, pr_error *err)
{
	sqlite3_stmt *s = pr_db_stmt(db, "SELECT " OPERATOR_COLUMNS
				     " FROM operators ORDER BY login", err);
	if (!s)
		return err->code;
	int rc;
	pr_operator op;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_operator(s, &op);
		if (!fn(&op, ud))
			break;
	}
	pr_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "listing operators");
	sqlite3_reset(s);
	return st;
}

pr_status pr_operator_any(pr_db *db, bool *any, pr_error *err)
{
	return operators_exist(db, any, err);
}

pr_status pr_operator_require(pr_db *db, pr_role min, const char *what, pr_error *err)
{
	bool any = false;
	pr_status st = operators_exist(db, &any, err);
	if (st != PR_OK)
		return st;
	if (!any)
		return pr_fail(err, PR_EDENIED, "%s may not %s: no operators are "
			       "registered yet (the first 'postroom operator add "
			       "LOGIN --role admin' or 'postroom init' registers one)",
			       pr_db_actor(db), what);
	pr_operator op;
	st = pr_operator_find(db, pr_db_actor(db), &op, err);
	if (st == PR_ENOTFOUND || (st == PR_OK && (!op.active || op.role < min)))
		return pr_fail(err, PR_EDENIED, "%s may not %s: that needs the %s "
			       "role (see 'postroom operator list')", pr_db_actor(db),
			       what, pr_role_name(min));
	return st;
}

pr_status pr_db_begin_as(pr_db *db, pr_role min, const char *what, pr_error *err)
{
	pr_status st = pr_db_begin(db, err);
	if (st != PR_OK)
		return st;
	if ((st = pr_operator_require(db, min, what, err)) != PR_OK)
		return pr_db_rollback(db, st);
	return PR_OK;
}

pr_status pr_operator_first(pr_db *db, const char *login, const char *name,
			    bool *added, pr_error *err)
{
	pr_status st;
	if ((st = check_login(login, err)) != PR_OK ||
	    (st = pr_text_check("operator name", name, 80, false, err)) != PR_OK)
		return st;
	if ((st = pr_db_begin(db, err)) != PR_OK)
		return st;
	bool any = false;
	if ((st = operators_exist(db, &any, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (any) {
		pr_db_rollback(db, PR_OK);
		*added = false;
		return PR_OK;
	}
	if ((st = insert_operator(db, login, name, PR_ROLE_ADMIN, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if ((st = pr_db_commit(db, err)) != PR_OK)
		return st;
	*added = true;
	return PR_OK;
}
