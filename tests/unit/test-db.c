/* pr_db_open and friends on real files: creation, refusal of foreign and
 * newer files, read-only and locked databases, several processes at once. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "postroom/dept.h"
#include "postroom/item.h"
/* Internal, for inspection only: the connection behind a pr_db (to read
 * its per-connection pragmas) and the SQLite-to-status mapping. */
#include "../../src/core/core.h"

/* The whole content of PATH (caller frees), its size in *N. */
static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

/* Opens PATH with PR_DB_CREATE and expects WANT: no handle, a message that
 * names PATH and NEEDLE (when not NULL), and the file byte for byte as it
 * was. */
static void expect_open_refused(const char *path, pr_status want, const char *needle)
{
	pr_error err = { 0 };
	pr_db *db = NULL;
	size_t n0, n1;
	unsigned char *before = slurp(path, &n0);

	assert_int_equal(pr_db_open(path, PR_DB_CREATE, &db, &err), want);
	assert_null(db);
	assert_non_null(strstr(err.msg, path));
	if (needle)
		assert_non_null(strstr(err.msg, needle));

	unsigned char *after = slurp(path, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before);
	free(after);
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

static void add_dept(pr_db *db, const char *code)
{
	pr_error err = { 0 };
	char email[64];
	snprintf(email, sizeof email, "%s@council.example", code);
	assert_ok(pr_dept_add(db, code, "A department", email, NULL, &err), &err);
}

/* A new database with department REV; its path copied to PATH (CAP bytes),
 * which stays valid after the handle is closed. */
static pr_db *db_with_rev(char *path, size_t cap)
{
	pr_db *db = unit_db_new();
	snprintf(path, cap, "%s", pr_db_path(db));
	add_dept(db, "REV");
	return db;
}

static pr_item_new new_item(const char *dept)
{
	pr_item_new in = { .dept_code = dept, .sender = "HMRC", .addressee = "Ann Smith",
			   .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
	return in;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- tests ----------------------------------------------------------- */

static void test_create_in_new_folder(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = NULL;
	char path[600];
	pr_clock_fix(UNIT_NOW);
	snprintf(path, sizeof path, "%s", unit_path("new/nested/folder/post.db"));
	assert_false(exists(path));
	assert_ok(pr_db_open(path, PR_DB_CREATE, &db, &err), &err);
	assert_non_null(db);
	assert_true(exists(path));
	assert_string_equal(pr_db_path(db), path);
	assert_int_equal(pr_db_version(db), pr_schema_version());
	assert_true(pr_schema_version() >= 1);

	/* Per-connection settings of the core's own connection. */
	sqlite3 *h = pr_db_sqlite(db);
	assert_int_equal(unit_sql_int(h, "PRAGMA foreign_keys"), 1);

	/* What the file says to anyone. */
	sqlite3 *s = unit_sql_open(path);
	char mode[16];
	unit_sql_text(s, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "wal");
	assert_int_equal(unit_sql_int(s, "PRAGMA user_version"), pr_schema_version());
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM sqlite_master WHERE "
				      "type = 'table' AND name IN ('items', 'departments', "
				      "'daily_rollup', 'audit_events', 'targets')"), 5);
	sqlite3_close(s);
	pr_db_close(db);
}

static void test_missing_without_create(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = (pr_db *)&err; /* must be reset to NULL */
	const char *path = unit_path("absent/none.db");
	assert_int_equal(pr_db_open(path, 0, &db, &err), PR_ENOTFOUND);
	assert_null(db);
	assert_non_null(strstr(err.msg, path));
	assert_false(exists(path));
	assert_false(exists(unit_path("absent")));

	assert_int_equal(pr_db_open("", PR_DB_CREATE, &db, &err), PR_EINVAL);
	assert_int_equal(pr_db_open(unit_tmpdir(), PR_DB_CREATE, &db, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "folder"));
}

static void test_reopen_is_idempotent(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char path[600];
	pr_db *db = db_with_rev(path, sizeof path);
	pr_item_new in = new_item("REV");
	assert_ok(pr_item_add(db, &in, NULL, &err), &err);
	pr_db_close(db);

	sqlite3 *s = unit_sql_open(path);
	long long objects = unit_sql_int(s, "SELECT count(*) FROM sqlite_master");
	sqlite3_close(s);

	for (int i = 0; i < 3; i++) {
		assert_ok(pr_db_open(path, 0, &db, &err), &err);
		assert_int_equal(pr_db_version(db), pr_schema_version());
		pr_dept d;
		assert_ok(pr_dept_find(db, "rev", &d, &err), &err);
		pr_item_filter f = PR_ITEM_FILTER_ALL;
		size_t n = 0;
		assert_ok(pr_item_count(db, &f, &n, &err), &err);
		assert_int_equal(n, 1);
		pr_db_close(db);
		/* With CREATE and NO_UPGRADE too: nothing to do, nothing done. */
		assert_ok(pr_db_open(path, PR_DB_CREATE | PR_DB_NO_UPGRADE, &db, &err), &err);
		pr_db_close(db);
	}
	s = unit_sql_open(path);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM sqlite_master"), objects);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items"), 1);
	sqlite3_close(s);
}

static void test_text_file_is_not_a_db(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("notes.txt"));
	FILE *f = fopen(path, "w");
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %d of an ordinary text file, not a database\n", i);
	fclose(f);
	expect_open_refused(path, PR_ENOTDB, NULL);
}

static void test_foreign_sqlite_is_not_ours(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("other-app.db"));
	sqlite3 *s = unit_sql_open(path);
	unit_sql_exec(s, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);"
			 "INSERT INTO photos (name) VALUES ('cat.jpg');");
	assert_int_equal(unit_sql_int(s, "PRAGMA user_version"), 0);
	sqlite3_close(s);

	expect_open_refused(path, PR_ENOTDB, "not a postroom");
	s = unit_sql_open(path);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM sqlite_master "
				      "WHERE name = 'items'"), 0);
	sqlite3_close(s);
}

static void test_newer_schema_refused_unchanged(void **state)
{
	(void)state;
	char path[600], wal[620];
	snprintf(path, sizeof path, "%s", unit_path("future.db"));
	snprintf(wal, sizeof wal, "%s-wal", path);
	sqlite3 *s = unit_sql_open(path);
	unit_sql_exec(s, "CREATE TABLE items (id INTEGER PRIMARY KEY, future_column TEXT);"
			 "PRAGMA user_version = 99;");
	sqlite3_close(s);

	expect_open_refused(path, PR_ETOONEW, "99");
	assert_false(exists(wal));
	s = unit_sql_open(path);
	char mode[16];
	unit_sql_text(s, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "delete"); /* not switched to WAL */
	assert_int_equal(unit_sql_int(s, "PRAGMA user_version"), 99);
	sqlite3_close(s);
}

static void test_read_only(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char path[600];
	pr_db *db = db_with_rev(path, sizeof path);

	if (geteuid() == 0) {
		/* Root writes through chmod 0444, so the file cannot be made
		 * read-only here: check the mapping a read-only file gets. */
		assert_int_equal(pr_db_fail(db, &err, SQLITE_READONLY, "logging the item"),
				 PR_EREADONLY);
		assert_int_equal(err.code, PR_EREADONLY);
		assert_non_null(strstr(err.msg, path));
		assert_non_null(strstr(err.msg, "read-only"));
		assert_non_null(strstr(err.msg, "logging the item"));
		assert_int_equal(pr_db_fail(db, &err, SQLITE_READONLY_DBMOVED, "x"),
				 PR_EREADONLY);
		assert_int_equal(pr_db_fail(db, &err, SQLITE_BUSY, "x"), PR_EBUSY);
		assert_int_equal(pr_db_fail(db, &err, SQLITE_BUSY_SNAPSHOT, "x"), PR_EBUSY);
		assert_int_equal(pr_db_fail(db, &err, SQLITE_NOTADB, "x"), PR_ENOTDB);
		assert_int_equal(pr_db_fail(db, &err, SQLITE_FULL, "x"), PR_EIO);
		unit_db_free(db);
		return;
	}
	pr_db_close(db);
	assert_int_equal(chmod(path, 0444), 0);
	assert_ok(pr_db_open(path, 0, &db, &err), &err);
	pr_item_new in = new_item("REV");
	assert_int_equal(pr_item_add(db, &in, NULL, &err), PR_EREADONLY);
	assert_non_null(strstr(err.msg, path));
	pr_item_filter f = PR_ITEM_FILTER_ALL;
	size_t n = 99;
	assert_ok(pr_item_count(db, &f, &n, &err), &err);
	assert_int_equal(n, 0);
	pr_db_close(db);
	chmod(path, 0644);
}

static void test_locked_by_another_writer(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	add_dept(db, "REV");
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	long long audit0 = unit_sql_int(s, "SELECT count(*) FROM audit_events");
	unit_sql_exec(s, "BEGIN IMMEDIATE");

	pr_db_set_busy_timeout(db, 100);
	pr_item_new in = new_item("REV");
	double t0 = now_s();
	assert_int_equal(pr_item_add(db, &in, NULL, &err), PR_EBUSY);
	double took = now_s() - t0;
	assert_true(took >= 0.09);
	assert_true(took < 2.0);
	assert_int_equal(err.code, PR_EBUSY);
	assert_non_null(strstr(err.msg, pr_db_path(db)));
	assert_non_null(strstr(err.msg, "nothing was changed"));
	/* The exception path is refused the same way. */
	pr_item_new ex = new_item("REV");
	ex.flags = PR_FLAG_PRIVATE;
	assert_int_equal(pr_item_add(db, &ex, NULL, &err), PR_EBUSY);

	unit_sql_exec(s, "ROLLBACK");
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events"), audit0);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM sequences"), 0);
	assert_int_equal(unit_sql_int(s, "SELECT coalesce(sum(received), 0) FROM daily_rollup"), 0);

	/* Released: the same call now works, numbered from 1. */
	pr_item it;
	assert_ok(pr_item_add(db, &in, &it, &err), &err);
	assert_memory_equal(it.ref, "I261120-0001", 12);
	sqlite3_close(s);
	unit_db_free(db);
}

static void child_adds(const char *path, int nitems, int who)
{
	pr_error err = { 0 };
	pr_db *db = NULL;
	if (pr_db_open(path, 0, &db, &err) != PR_OK) {
		fprintf(stderr, "child %d: %s\n", who, err.msg);
		_exit(10);
	}
	char actor[24];
	snprintf(actor, sizeof actor, "child%d", who);
	pr_db_set_actor(db, actor);
	for (int i = 0; i < nitems; i++) {
		pr_item_new in = new_item(i % 2 ? "REV" : "HWY");
		if (pr_item_add(db, &in, NULL, &err) != PR_OK) {
			fprintf(stderr, "child %d item %d: %s\n", who, i, err.msg);
			pr_db_close(db);
			_exit(11);
		}
	}
	pr_db_close(db);
	_exit(0); /* not exit(): the parent owns the temporary folder */
}

static void test_several_processes(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char path[600];
	pr_db *db = db_with_rev(path, sizeof path);
	add_dept(db, "HWY");
	for (int c = 0; c < 4; c++) {
		char login[24];
		snprintf(login, sizeof login, "child%d", c);
		unit_register(db, login, "operator");
	}
	pr_db_close(db); /* no connection open across fork() */

	pid_t pids[4];
	for (int c = 0; c < 4; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] == 0)
			child_adds(path, 50, c);
	}
	for (int c = 0; c < 4; c++) {
		int status = 0;
		assert_int_equal(waitpid(pids[c], &status, 0), pids[c]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}

	sqlite3 *s = unit_sql_open(path);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM items"), 200);
	assert_int_equal(unit_sql_int(s, "SELECT count(DISTINCT ref) FROM items"), 200);
	assert_int_equal(unit_sql_int(s, "SELECT max(last) FROM sequences WHERE kind = 'I'"), 200);
	assert_int_equal(unit_sql_int(s, "SELECT sum(received) FROM daily_rollup"), 200);
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM audit_events WHERE entity = 'item'"),
			 200);
	assert_int_equal(unit_sql_int(s, "SELECT count(DISTINCT actor) FROM audit_events "
				      "WHERE actor LIKE 'child%'"), 4);
	sqlite3_close(s);

	assert_ok(pr_db_open(path, 0, &db, &err), &err);
	pr_item_filter f = PR_ITEM_FILTER_ALL;
	size_t n = 0;
	assert_ok(pr_item_count(db, &f, &n, &err), &err);
	assert_int_equal(n, 200);
	unit_db_free(db);
}

static void test_changed(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_db *db = unit_db_new();
	add_dept(db, "REV");
	assert_true(pr_db_changed(db));  /* the first call */
	assert_false(pr_db_changed(db));
	assert_false(pr_db_changed(db));

	/* Our own change is not "another connection's". */
	pr_item_new in = new_item("REV");
	assert_ok(pr_item_add(db, &in, NULL, &err), &err);
	assert_false(pr_db_changed(db));

	sqlite3 *s = unit_sql_open(pr_db_path(db));
	unit_sql_exec(s, "INSERT INTO targets (pct, effective_from, set_by, set_at) "
			 "VALUES (90, '2026-01-01', 'other', 0)");
	assert_true(pr_db_changed(db));
	assert_false(pr_db_changed(db));
	/* A read by the other connection changes nothing. */
	assert_int_equal(unit_sql_int(s, "SELECT count(*) FROM targets"), 1);
	assert_false(pr_db_changed(db));
	/* An uncommitted change is not seen; its commit is. */
	unit_sql_exec(s, "BEGIN IMMEDIATE; DELETE FROM targets");
	assert_false(pr_db_changed(db));
	unit_sql_exec(s, "COMMIT");
	assert_true(pr_db_changed(db));
	sqlite3_close(s);
	unit_db_free(db);
}

static void test_actor(void **state)
{
	(void)state;
	pr_db *db = unit_db_new();
	assert_string_equal(pr_db_actor(db), "tester");
	pr_db_set_actor(db, "a-very-long-login-name-that-goes-on-and-on-beyond-32");
	assert_int_equal(strlen(pr_db_actor(db)), 32);
	pr_db_set_actor(db, "");
	assert_string_equal(pr_db_actor(db), "unknown");
	unit_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_in_new_folder),
		cmocka_unit_test(test_missing_without_create),
		cmocka_unit_test(test_reopen_is_idempotent),
		cmocka_unit_test(test_text_file_is_not_a_db),
		cmocka_unit_test(test_foreign_sqlite_is_not_ours),
		cmocka_unit_test(test_newer_schema_refused_unchanged),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_locked_by_another_writer),
		cmocka_unit_test(test_several_processes),
		cmocka_unit_test(test_changed),
		cmocka_unit_test(test_actor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
