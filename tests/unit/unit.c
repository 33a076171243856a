#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[256];
static char pathbuf[512];
static int db_counter;

static void remove_tmpdir(void)
{
	char cmd[300];
	if (tmpdir[0] == '\0')
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *unit_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/postroom-unit.XXXXXX",
			 base && *base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(1);
		}
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

const char *unit_path(const char *name)
{
	snprintf(pathbuf, sizeof pathbuf, "%s/%s", unit_tmpdir(), name);
	return pathbuf;
}

pr_db *unit_db_new(void)
{
	pr_error err;
	pr_db *db = NULL;
	char name[64];

	pr_clock_fix(UNIT_NOW);
	if (pr_timezone_set("Europe/London", &err) != PR_OK)
		fail_msg("timezone: %s", err.msg);
	snprintf(name, sizeof name, "unit-%d-%d.db", (int)getpid(), ++db_counter);
	pr_status st = pr_db_open(unit_path(name), PR_DB_CREATE, &db, &err);
	if (st != PR_OK)
		fail_msg("open %s: %s", name, err.msg);
	pr_db_set_actor(db, "tester");
	unit_register(db, "tester", "admin");
	return db;
}

void unit_register(pr_db *db, const char *login, const char *role)
{
	char sql[200];
	snprintf(sql, sizeof sql, "INSERT INTO operators (login, name, role, created_at) "
		 "VALUES ('%s', '', '%s', 0) ON CONFLICT (login) DO UPDATE SET "
		 "role = excluded.role", login, role);
	sqlite3 *s = unit_sql_open(pr_db_path(db));
	unit_sql_exec(s, sql);
	sqlite3_close(s);
}

void unit_db_free(pr_db *db)
{
	char path[600];
	if (!db)
		return;
	snprintf(path, sizeof path, "%s", pr_db_path(db));
	pr_db_close(db);
	unlink(path);
	strncat(path, "-wal", sizeof path - strlen(path) - 1);
	unlink(path);
	path[strlen(path) - 4] = '\0';
	strncat(path, "-shm", sizeof path - strlen(path) - 1);
	unlink(path);
}

static sqlite3 *sql_open(const char *path, int flags)
{
	sqlite3 *s = NULL;
	if (sqlite3_open_v2(path, &s, flags, NULL) != SQLITE_OK) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(s));
		sqlite3_close(s);
		fail_msg("open %s: %s", path, msg);
	}
	sqlite3_busy_timeout(s, 5000);
	return s;
}

sqlite3 *unit_sql_open(const char *path)
{
	return sql_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

sqlite3 *unit_sql_open_ro(const char *path)
{
	return sql_open(path, SQLITE_OPEN_READONLY);
}

void unit_sql_exec(sqlite3 *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char copy[256];
		snprintf(copy, sizeof copy, "%s", msg ? msg : sqlite3_errmsg(s));
		sqlite3_free(msg);
		fail_msg("%s: %s", sql, copy);
	}
}

/* SQL prepared and stepped to its first row; fails the test when it cannot
 * be prepared or gives no row. The caller finalizes. */
static sqlite3_stmt *first_row(sqlite3 *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(s));
	if (sqlite3_step(st) != SQLITE_ROW) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(s));
		sqlite3_finalize(st);
		fail_msg("%s: no row (%s)", sql, msg);
	}
	return st;
}

long long unit_sql_int(sqlite3 *s, const char *sql)
{
	sqlite3_stmt *st = first_row(s, sql);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

double unit_sql_double(sqlite3 *s, const char *sql)
{
	sqlite3_stmt *st = first_row(s, sql);
	double v = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return v;
}

void unit_sql_text(sqlite3 *s, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *st = first_row(s, sql);
	const unsigned char *t = sqlite3_column_text(st, 0);
	snprintf(out, cap, "%s", t ? (const char *)t : "");
	sqlite3_finalize(st);
}

long unit_day(const char *s)
{
	pr_error err = { 0 };
	long d = -1;
	assert_ok(pr_day_parse(s, &d, &err), &err);
	return d;
}

pr_time unit_time(const char *s)
{
	pr_error err = { 0 };
	pr_time t = -1;
	assert_ok(pr_time_parse(s, &t, &err), &err);
	return t;
}

/* popen the formatted command, keep what fits of its output in OUT. */
int unit_sh(char *out, size_t cap, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	if (!p)
		fail_msg("popen %s", cmd);
	size_t len = 0;
	char buf[4096];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, p)) > 0) {
		if (out && len + 1 < cap) {
			size_t k = got < cap - 1 - len ? got : cap - 1 - len;
			memcpy(out + len, buf, k);
			len += k;
		}
	}
	if (out && cap)
		out[len] = '\0';
	int rc = pclose(p);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* `command -v TOOL` succeeds. */
bool unit_have(const char *tool)
{
	return unit_sh(NULL, 0, "command -v %s >/dev/null 2>&1", tool) == 0;
}

/* zbarimg with only Code 128 enabled must exit 0 and print exactly
 * "CODE-128:WANT\n". */
void unit_assert_decodes(const char *file, const char *want)
{
	char out[1024], expect[256];
	int rc = unit_sh(out, sizeof out, "zbarimg --nodbus -q -Sdisable -Scode128.enable '%s'",
			 file);
	snprintf(expect, sizeof expect, "CODE-128:%s\n", want);
	if (rc != 0 || strcmp(out, expect) != 0)
		fail_msg("%s: zbarimg exit %d, read '%s', wanted '%s'", file, rc, out, want);
}

/* pdfinfo PDF must exit 0 and print a "Pages:" line. */
int unit_pdf_pages(const char *pdf, char *info, size_t cap)
{
	char own[2048];
	char *out = info ? info : own;
	size_t size = info ? cap : sizeof own;
	int n = -1;
	assert_int_equal(unit_sh(out, size, "pdfinfo '%s'", pdf), 0);
	const char *p = strstr(out, "Pages:");
	if (!p || sscanf(p + 6, "%d", &n) != 1)
		fail_msg("no page count in '%s'", out);
	return n;
}

/* Any dot file other than "." and ".." in unit_tmpdir() fails the test. */
void unit_assert_no_leftovers(void)
{
	DIR *d = opendir(unit_tmpdir());
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			fail_msg("left behind: %s", e->d_name);
	closedir(d);
}

/* stat(PATH) succeeds. */
bool unit_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}
