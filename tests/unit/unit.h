/* Helpers shared by the cmocka unit tests: real SQLite files in a fresh
 * temporary folder, and a fixed clock. */
#ifndef POSTROOM_UNIT_H
#define POSTROOM_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/status.h"

/* 2026-11-20T09:30:00Z, a Friday: "now" in every unit test unless a test
 * fixes another time. */
#define UNIT_NOW ((pr_time)1795167000)

/* A new temporary folder for this test process (removed at exit). */
const char *unit_tmpdir(void);

/* A path inside the temporary folder; static storage, overwritten by the
 * next call. */
const char *unit_path(const char *name);

/* Opens a new, empty, migrated database file in the temporary folder with
 * the clock fixed at UNIT_NOW and the zone Europe/London. Fails the test on
 * error. */
pr_db *unit_db_new(void);

/* Closes DB and deletes its files. */
void unit_db_free(pr_db *db);

/* Asserts that ST is PR_OK, printing ERR's message when it is not. */
#define assert_ok(st, err)                                                   \
	do {                                                                 \
		pr_status st_ = (st);                                        \
		if (st_ != PR_OK)                                            \
			fail_msg("%s: %s", pr_status_text(st_), (err)->msg); \
	} while (0)

#endif
