/* Departments: the council's service areas and their team mailboxes. */
#ifndef POSTROOM_DEPT_H
#define POSTROOM_DEPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "postroom/db.h"

#define PR_DEPT_CODE_MAX 12   /* characters: letters, digits, '-' */
#define PR_DEPT_NAME_MAX 80   /* characters */
#define PR_EMAIL_MAX 254      /* bytes (ASCII) */

typedef struct pr_dept {
	int64_t id;
	char code[PR_DEPT_CODE_MAX + 1];
	char name[PR_DEPT_NAME_MAX * 4 + 1];
	char email[PR_EMAIL_MAX + 1];
	bool active;
	int keep_days;      /* its own retention in days; 0: the keep_days setting */
} pr_dept;

/* Called once a department; return false to stop early. */
typedef bool (*pr_dept_fn)(const pr_dept *dept, void *ud);

/* Adds a department. CODE is stored upper-case. PR_EINVAL names the bad
 * field; PR_EEXISTS when the code is taken. OUT may be NULL. */
pr_status pr_dept_add(pr_db *db, const char *code, const char *name,
		      const char *email, pr_dept *out, pr_error *err);

/* Sets how many days department CODE keeps its items before `postroom
 * purge` may remove their personal data and scans; DAYS 0 goes back to the
 * keep_days setting. Admins only (PR_EDENIED); PR_EINVAL for DAYS outside
 * 0..36500; PR_ENOTFOUND names the code. Written to the audit trail. */
pr_status pr_dept_set_keep_days(pr_db *db, const char *code, int days, pr_error *err);

/* Every department, by code. */
pr_status pr_dept_list(pr_db *db, pr_dept_fn fn, void *ud, pr_error *err);

/* The department with CODE (any case). PR_ENOTFOUND names the code. */
pr_status pr_dept_find(pr_db *db, const char *code, pr_dept *out, pr_error *err);

/* Up to MAX active departments matching TEXT, best first: exact code, code
 * prefix, a word of the name starting with TEXT, then TEXT anywhere in code
 * or name (case-insensitive). Empty TEXT gives the first MAX by code. *N is
 * the number written to OUT. */
pr_status pr_dept_search(pr_db *db, const char *text, pr_dept *out, size_t max,
			 size_t *n, pr_error *err);

/* Checks an email address well enough to catch typing errors: one '@',
 * a dot in the domain, printable ASCII, no spaces. */
pr_status pr_email_check(const char *field, const char *addr, pr_error *err);

#endif
