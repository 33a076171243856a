/* Demo data: a county council's post room, realistic and deterministic. */
#ifndef POSTROOM_DEMO_H
#define POSTROOM_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "postroom/db.h"

typedef struct pr_demo_options {
	int days;        /* days of post up to and including today, 1..3660 */
	uint64_t seed;   /* same seed and same clock: same data */
	/* Called now and then with the share done (0..1); may be NULL. */
	void (*progress)(double done, void *ud);
	void *ud;
} pr_demo_options;

/* Fills an empty database with departments, recipients, operators and
 * DAYS days of post counting today, today up to pr_now(): the items, their
 * batches and their audit trail, each as it stands at now. PR_EINVAL for
 * DAYS out of range; PR_ESTATE when the database already holds departments
 * or items. A failure part way leaves the directory and whole days. */
pr_status pr_demo_fill(pr_db *db, const pr_demo_options *opt, pr_error *err);

/* True when the database holds no departments and no items. */
pr_status pr_db_is_empty(pr_db *db, bool *empty, pr_error *err);

#endif
