/* The audit trail: who changed what, when, from which state to which, why. */
#ifndef POSTROOM_AUDIT_H
#define POSTROOM_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "postroom/clock.h"
#include "postroom/db.h"

typedef struct pr_audit_event {
	int64_t id;
	pr_time at;
	char actor[33];
	char entity[16];    /* "item", "batch", "department", ... */
	char ref[32];       /* the reference or code of what changed */
	char from_state[16];/* "" when it was created */
	char to_state[16];
	char reason[801];
} pr_audit_event;

typedef bool (*pr_audit_fn)(const pr_audit_event *ev, void *ud);

/* Audit events, oldest first: all of them when REF is NULL, else those of
 * the item, batch or other thing with reference REF. */
pr_status pr_audit_list(pr_db *db, const char *ref, pr_audit_fn fn, void *ud,
			pr_error *err);

#endif
