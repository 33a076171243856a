/* Scanned targets, each kept with the day it takes effect, so every day's
 * figures are judged by the target in force then. */
#ifndef POSTROOM_TARGET_H
#define POSTROOM_TARGET_H

#include <stdbool.h>

#include "postroom/clock.h"
#include "postroom/db.h"

typedef struct pr_target {
	char from_day[PR_DAY_LEN];
	double pct;
	char set_by[33];
	pr_time set_at;
} pr_target;

typedef bool (*pr_target_fn)(const pr_target *t, void *ud);

/* Sets the scanned target to PCT (above 0, at most 100) from FROM_DAY on,
 * replacing a target set for that same day. Only supervisors and admins
 * may: PR_EDENIED otherwise.
 * Written to the audit trail. */
pr_status pr_target_set(pr_db *db, double pct, const char *from_day, pr_error *err);

/* Reads a target percentage as people write one: digits with at most one
 * decimal place, optionally followed by '%' ("95", "97.5", "96%"), above 0
 * and at most 100; no hexadecimal, exponents, signs or spaces. PR_EINVAL
 * with a message quoting S otherwise. */
pr_status pr_target_parse(const char *s, double *pct, pr_error *err);

/* Every dated target, oldest first. */
pr_status pr_target_list(pr_db *db, pr_target_fn fn, void *ud, pr_error *err);

#endif
