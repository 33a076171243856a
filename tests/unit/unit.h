/* Helpers shared by the cmocka unit tests: real SQLite files in a fresh
 * temporary folder, plain SQL on a second connection to them, and a fixed
 * clock. */
#ifndef POSTROOM_UNIT_H
#define POSTROOM_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sqlite3.h>

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

/* A second connection to the database file PATH, beside the core's own,
 * read-write (the file is created when missing), with a 5 s busy timeout.
 * Fails the test on error; close it with sqlite3_close. */
sqlite3 *unit_sql_open(const char *path);

/* The same, read-only: for tests that only look. */
sqlite3 *unit_sql_open_ro(const char *path);

/* Runs SQL (one or more statements); fails the test with SQLite's message
 * on error. */
void unit_sql_exec(sqlite3 *s, const char *sql);

/* The first column of the first row of SQL as an integer (0 for NULL).
 * Fails the test on error or when there is no row. */
long long unit_sql_int(sqlite3 *s, const char *sql);

/* The same as a double (0.0 for NULL). */
double unit_sql_double(sqlite3 *s, const char *sql);

/* The same as text, copied into OUT of CAP bytes ("" for NULL). */
void unit_sql_text(sqlite3 *s, const char *sql, char *out, size_t cap);

/* The day number of "YYYY-MM-DD" (pr_day_parse); fails the test when S is
 * not a day. */
long unit_day(const char *s);

/* The time S in any form pr_time_parse reads, in the zone set; fails the
 * test when S is not a time. */
pr_time unit_time(const char *s);

/* Asserts that ST is PR_OK, printing ERR's message when it is not. */
#define assert_ok(st, err)                                                   \
	do {                                                                 \
		pr_status st_ = (st);                                        \
		if (st_ != PR_OK)                                            \
			fail_msg("%s: %s", pr_status_text(st_), (err)->msg); \
	} while (0)

#endif
