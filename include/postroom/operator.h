/* Operators: who may use postroom, and in which role. */
#ifndef POSTROOM_OPERATOR_H
#define POSTROOM_OPERATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "postroom/clock.h"
#include "postroom/db.h"

#define PR_LOGIN_MAX 32

typedef enum pr_role {
	PR_ROLE_OPERATOR,
	PR_ROLE_SUPERVISOR,
	PR_ROLE_ADMIN,
} pr_role;

typedef struct pr_operator {
	int64_t id;
	char login[PR_LOGIN_MAX + 1];
	char name[81 * 4];
	pr_role role;
	bool active;
	pr_time created_at;
} pr_operator;

typedef bool (*pr_operator_fn)(const pr_operator *op, void *ud);

/* "operator", "supervisor" or "admin". */
const char *pr_role_name(pr_role role);

/* Parses a role name. PR_EINVAL lists the valid names. */
pr_status pr_role_parse(const char *s, pr_role *out, pr_error *err);

/* Adds an operator. LOGIN is a Unix login name; NAME may be NULL or empty.
 * Needs the admin role, except for the first registration while none
 * exist, which anyone may make and which must be an admin (PR_EDENIED
 * otherwise). PR_EEXISTS when the login is taken. OUT may be NULL. */
pr_status pr_operator_add(pr_db *db, const char *login, const char *name,
			  pr_role role, pr_operator *out, pr_error *err);

/* Registers LOGIN as the first admin if no operator is registered yet:
 * *ADDED says whether it was. Nothing changes when operators exist. */
pr_status pr_operator_first(pr_db *db, const char *login, const char *name,
			    bool *added, pr_error *err);

/* True in *ANY when at least one operator is registered. */
pr_status pr_operator_any(pr_db *db, bool *any, pr_error *err);

/* Every operator, by login. */
pr_status pr_operator_list(pr_db *db, pr_operator_fn fn, void *ud, pr_error *err);

/* The operator with LOGIN. PR_ENOTFOUND when there is none. */
pr_status pr_operator_find(pr_db *db, const char *login, pr_operator *out,
			   pr_error *err);

/* Checks that the acting operator (pr_db_actor) is registered, active and
 * holds role MIN or a higher one, for the action described by WHAT ("set
 * the target"). Every write in the core calls it; a login that is not
 * registered may only read. PR_EDENIED: "LOGIN may not WHAT: that needs
 * the ROLE role (see 'postroom operator list')", or, while no operators
 * are registered at all, a message that says how to register the first. */
pr_status pr_operator_require(pr_db *db, pr_role min, const char *what, pr_error *err);

/* The login name of the user running this process (from the password
 * database, else $LOGNAME/$USER, else "uid<N>"). Static storage. */
const char *pr_whoami(void);

#endif
