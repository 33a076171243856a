/* Helpers shared by the cmocka unit tests: real SQLite files in a fresh
 * temporary folder, plain SQL on a second connection to them, a fixed
 * clock, and the outside tools (shell, zbarimg, pdfinfo) that read back
 * what the code wrote. */
#ifndef POSTROOM_UNIT_H
#define POSTROOM_UNIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/operator.h"
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

/* Registers LOGIN as an operator with ROLE ("operator", "supervisor",
 * "admin") in DB's file, by plain SQL (no audit event), so tests can act
 * as several logins. unit_db_new registers "tester" as an admin. */
void unit_register(pr_db *db, const char *login, const char *role);

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

/* Runs the shell command made from FMT; its standard output goes to OUT
 * (CAP bytes, may be NULL; cut short when longer). Returns the exit status,
 * -1 when the command did not exit normally. */
int unit_sh(char *out, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Whether TOOL is on the PATH. */
bool unit_have(const char *tool);

/* Asserts that zbarimg reads exactly one Code 128 in FILE, saying WANT. */
void unit_assert_decodes(const char *file, const char *want);

/* The page count of PDF from pdfinfo, asserting pdfinfo succeeds and gives
 * one. When INFO is not NULL, pdfinfo's whole output is copied there too
 * (CAP bytes), for tests that check more of it. */
int unit_pdf_pages(const char *pdf, char *info, size_t cap);

/* Asserts that no temporary files (".NAME.XXXXXX.ext") are left in the
 * test folder. */
void unit_assert_no_leftovers(void);

/* Whether PATH exists (stat succeeds). */
bool unit_exists(const char *path);

/* Asserts that ST is PR_OK, printing ERR's message when it is not. */
#define assert_ok(st, err)                                                   \
	do {                                                                 \
		pr_status st_ = (st);                                        \
		if (st_ != PR_OK)                                            \
			fail_msg("%s: %s", pr_status_text(st_), (err)->msg); \
	} while (0)

#endif
