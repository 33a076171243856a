/* Opening the database, migrations, transactions, and turning SQLite's
 * result codes into postroom's. */
#include "core.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postroom/batch.h"
#include "postroom/config.h"
#include "postroom/operator.h"
#include "postroom/xmem.h"

#define STMT_CACHE_MAX 96
#define BUSY_TIMEOUT_MS 5000

struct pr_db {
	sqlite3 *h;
	char *path;
	char actor[33];
	double default_target;
	bool mixed_batches;
	int busy_timeout_ms;
	int64_t data_version; /* -1 until first asked */
	/* The last audit event's id and hash, known within the current write
	 * transaction only (another process may write between two). */
	bool audit_known;
	int64_t audit_id;
	unsigned char audit_hash[32];
	size_t nstmt;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} stmts[STMT_CACHE_MAX];
};

sqlite3 *pr_db_sqlite(pr_db *db)
{
	return db->h;
}

const char *pr_db_path(const pr_db *db)
{
	return db->path;
}

void pr_db_set_actor(pr_db *db, const char *login)
{
	snprintf(db->actor, sizeof db->actor, "%s", login && *login ? login : "unknown");
}

const char *pr_db_actor(const pr_db *db)
{
	return db->actor;
}

void pr_db_set_default_target(pr_db *db, double pct)
{
	db->default_target = pct;
}

double pr_db_default_target(pr_db *db)
{
	return db->default_target;
}

void pr_db_set_mixed_batches(pr_db *db, bool mixed)
{
	db->mixed_batches = mixed;
}

bool pr_db_mixed_batches(const pr_db *db)
{
	return db->mixed_batches;
}

void pr_db_set_busy_timeout(pr_db *db, int ms)
{
	db->busy_timeout_ms = ms < 0 ? 0 : ms;
	sqlite3_busy_timeout(db->h, db->busy_timeout_ms);
}

pr_status pr_db_fail(pr_db *db, pr_error *err, int rc, const char *what)
{
	const char *path = db ? db->path : "database";
	const char *detail = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return pr_fail(err, PR_EBUSY, "%s: %s is locked by another writer "
			       "(waited %.1f s); nothing was changed, try again",
			       what, path, db ? db->busy_timeout_ms / 1000.0 : 0.0);
	case SQLITE_READONLY:
		return pr_fail(err, PR_EREADONLY, "%s: %s is read-only (check the "
			       "permissions of the file and its folder)", what, path);
	case SQLITE_NOTADB:
		return pr_fail(err, PR_ENOTDB, "%s: %s is not a SQLite database",
			       what, path);
	case SQLITE_CORRUPT:
		return pr_fail(err, PR_EDB, "%s: %s is damaged (%s)", what, path, detail);
	case SQLITE_FULL:
		return pr_fail(err, PR_EIO, "%s: the disk holding %s is full", what, path);
	case SQLITE_CANTOPEN:
		if (db && db->h && sqlite3_system_errno(db->h) == ENOSPC)
			return pr_fail(err, PR_EIO, "%s: the disk holding %s is full",
				       what, path);
		return pr_fail(err, PR_EIO, "%s: cannot open %s (%s)", what, path, detail);
	case SQLITE_IOERR:
		if (db && db->h && sqlite3_system_errno(db->h) == ENOSPC)
			return pr_fail(err, PR_EIO, "%s: the disk holding %s is full",
				       what, path);
		return pr_fail(err, PR_EIO, "%s: input/output error on %s (%s)",
			       what, path, detail);
	default:
		return pr_fail(err, PR_EDB, "%s: %s", what, detail);
	}
}

sqlite3_stmt *pr_db_stmt(pr_db *db, const char *sql, pr_error *err)
{
	for (size_t i = 0; i < db->nstmt; i++) {
		if (db->stmts[i].sql == sql) {
			sqlite3_stmt *st = db->stmts[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st = NULL;
	unsigned flags = db->nstmt < STMT_CACHE_MAX ? SQLITE_PREPARE_PERSISTENT : 0;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, flags, &st, NULL);
	if (rc != SQLITE_OK) {
		pr_db_fail(db, err, rc, "preparing a query");
		return NULL;
	}
	if (db->nstmt == STMT_CACHE_MAX) {
		/* Full: drop the oldest entry. Never happens with the fixed set
		 * of queries the core has, but stays correct if it did. */
		sqlite3_finalize(db->stmts[0].stmt);
		memmove(&db->stmts[0], &db->stmts[1],
			(STMT_CACHE_MAX - 1) * sizeof db->stmts[0]);
		db->nstmt--;
	}
	db->stmts[db->nstmt].sql = sql;
	db->stmts[db->nstmt].stmt = st;
	db->nstmt++;
	return st;
}

static pr_status exec_sql(pr_db *db, const char *sql, const char *what, pr_error *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? PR_OK : pr_db_fail(db, err, rc, what);
}

pr_status pr_db_begin(pr_db *db, pr_error *err)
{
	db->audit_known = false;
	return exec_sql(db, "BEGIN IMMEDIATE", "starting a change", err);
}

bool pr_db_audit_head(pr_db *db, int64_t *id, unsigned char hash[32])
{
	if (!db->audit_known || sqlite3_get_autocommit(db->h))
		return false;
	*id = db->audit_id;
	memcpy(hash, db->audit_hash, 32);
	return true;
}

void pr_db_set_audit_head(pr_db *db, int64_t id, const unsigned char hash[32])
{
	db->audit_known = !sqlite3_get_autocommit(db->h);
	db->audit_id = id;
	memcpy(db->audit_hash, hash, 32);
}

pr_status pr_db_commit(pr_db *db, pr_error *err)
{
	db->audit_known = false;
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return PR_OK;
	pr_status st = pr_db_fail(db, err, rc, "saving the change");
	return pr_db_rollback(db, st);
}

pr_status pr_db_rollback(pr_db *db, pr_status st)
{
	db->audit_known = false;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

pr_status pr_db_exec_stmt(pr_db *db, sqlite3_stmt *stmt, const char *what, pr_error *err)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(stmt);
		return PR_OK;
	}
	pr_status st = pr_db_fail(db, err, rc, what);
	sqlite3_reset(stmt);
	return st;
}

void pr_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, idx);
}

void pr_column_copy(sqlite3_stmt *stmt, int col, char *dst, size_t cap)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);
	snprintf(dst, cap, "%s", s ? (const char *)s : "");
}

/* Reads one integer from a PRAGMA or query. */
static pr_status query_int(pr_db *db, const char *sql, int64_t *out, pr_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			*out = 0;
			rc = SQLITE_OK;
		}
	}
	pr_status status = rc == SQLITE_OK ? PR_OK
		: pr_db_fail(db, err, rc, "reading the database");
	sqlite3_finalize(st);
	return status;
}

int pr_db_version(pr_db *db)
{
	int64_t v = 0;
	if (query_int(db, "PRAGMA user_version", &v, NULL) != PR_OK)
		return -1;
	return (int)v;
}

/* Applies the migrations after the file's version, each in its own write
 * transaction that re-reads the version, so two processes opening an old
 * file at once do not both upgrade it. */
static pr_status migrate(pr_db *db, unsigned flags, pr_error *err)
{
	int64_t version = 0;
	pr_status st = query_int(db, "PRAGMA user_version", &version, err);
	if (st != PR_OK)
		return st;
	if (version == pr_schema_version())
		return PR_OK;
	if (flags & PR_DB_NO_UPGRADE)
		return pr_fail(err, PR_ESTATE, "%s has schema %lld and needs an "
			       "upgrade to %d: run 'postroom init'", db->path,
			       (long long)version, pr_schema_version());
	for (int v = (int)version + 1; v <= pr_schema_version(); v++) {
		char what[64], pragma[48];
		snprintf(what, sizeof what, "upgrading the schema to version %d", v);
		if ((st = pr_db_begin(db, err)) != PR_OK)
			return st;
		int64_t now_version = 0;
		if ((st = query_int(db, "PRAGMA user_version", &now_version, err)) != PR_OK)
			return pr_db_rollback(db, st);
		if (now_version >= v) { /* another process did it meanwhile */
			pr_db_rollback(db, PR_OK);
			continue;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		/* 6 makes the audit trail a chain: the events written before
		 * it get their hashes first, in the same transaction. */
		if (v == 6 && (st = pr_audit_seal(db, err)) != PR_OK)
			return pr_db_rollback(db, st);
		if ((st = exec_sql(db, pr_schema_migration(v), what, err)) != PR_OK ||
		    (st = exec_sql(db, pragma, what, err)) != PR_OK)
			return pr_db_rollback(db, st);
		if ((st = pr_db_commit(db, err)) != PR_OK)
			return st;
	}
	return PR_OK;
}

/* Refuses a file written by a newer postroom or by another program. Runs
 * before anything writes, so a refused file is left exactly as it was. */
static pr_status check_ours(pr_db *db, pr_error *err)
{
	int64_t version = 0;
	pr_status st = query_int(db, "PRAGMA user_version", &version, err);
	if (st != PR_OK)
		return st;
	if (version > pr_schema_version())
		return pr_fail(err, PR_ETOONEW, "%s was written by a newer postroom "
			       "(schema %lld; this postroom knows up to %d): use "
			       "that version or upgrade", db->path,
			       (long long)version, pr_schema_version());
	if (version == 0) {
		/* One statement, one snapshot: a postroom migrating the file
		 * meanwhile is not taken for another program's tables. */
		int64_t tables = 0;
		st = query_int(db, "SELECT count(*) FROM sqlite_master WHERE "
			       "(SELECT user_version FROM pragma_user_version) = 0",
			       &tables, err);
		if (st != PR_OK)
			return st;
		if (tables > 0)
			return pr_fail(err, PR_ENOTDB, "%s is a SQLite database but "
				       "not a postroom one; choose another file",
				       db->path);
	}
	return PR_OK;
}

static pr_status configure(pr_db *db, pr_error *err)
{
	int64_t ignored;
	/* Reading the schema is the first thing that touches the file: a file
	 * that is not SQLite fails here with SQLITE_NOTADB. */
	pr_status st = query_int(db, "PRAGMA schema_version", &ignored, err);
	if (st != PR_OK)
		return st;
	/* Before switching to WAL, which rewrites the file's header. */
	if ((st = check_ours(db, err)) != PR_OK)
		return st;
	if (!sqlite3_db_readonly(db->h, "main")) {
		sqlite3_stmt *s = NULL;
		int rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &s, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return pr_db_fail(db, err, rc, "switching to WAL mode");
	}
	if ((st = exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL",
			   "setting up the connection", err)) != PR_OK)
		return st;
	return PR_OK;
}

pr_status pr_db_open(const char *path, unsigned flags, pr_db **out, pr_error *err)
{
	struct stat sb;
	*out = NULL;
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no database path given");
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return pr_fail(err, PR_EIO, "cannot use %s: %s", path, strerror(errno));
		if (!(flags & PR_DB_CREATE))
			return pr_fail(err, PR_ENOTFOUND, "no database at %s: create it "
				       "with 'postroom init' (or 'postroom demo')", path);
		char *dir = xstrdup(path);
		pr_status st = pr_mkdir_p(dirname(dir), err);
		free(dir);
		if (st != PR_OK)
			return st;
	} else if (S_ISDIR(sb.st_mode)) {
		return pr_fail(err, PR_EINVAL, "%s is a folder, not a database file", path);
	} else if (!S_ISREG(sb.st_mode)) {
		/* SQLite would leave PATH-journal beside a device. */
		return pr_fail(err, PR_EINVAL, "%s is not a regular file, so it cannot "
			       "hold a database", path);
	} else if (sb.st_size == 0 && !(flags & PR_DB_CREATE)) {
		/* An empty file is not yet a database: only init or demo make
		 * one of it, never a command that reads. */
		return pr_fail(err, PR_ENOTFOUND, "%s is an empty file, not yet a "
			       "database: create it with 'postroom init' (or 'postroom "
			       "demo')", path);
	}

	pr_db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->default_target = 95.0;
	db->data_version = -1;
	pr_db_set_actor(db, pr_whoami());
	int oflags = SQLITE_OPEN_READWRITE | (flags & PR_DB_CREATE ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		pr_status st = pr_db_fail(db, err, rc, "opening the database");
		pr_db_close(db);
		return st;
	}
	sqlite3_extended_result_codes(db->h, 1);
	pr_db_set_busy_timeout(db, BUSY_TIMEOUT_MS);
	pr_status st = configure(db, err);
	if (st == PR_OK)
		st = migrate(db, flags, err);
	int64_t demo = 0;
	if (st == PR_OK && pr_db_version(db) >= 5)
		st = query_int(db, "SELECT count(*) FROM meta WHERE key = 'demo'", &demo, err);
	if (st != PR_OK) {
		pr_db_close(db);
		return st;
	}
	if (demo)
		pr_clock_allow_env();
	*out = db;
	return PR_OK;
}

void pr_db_close(pr_db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->nstmt; i++)
		sqlite3_finalize(db->stmts[i].stmt);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

bool pr_db_changed(pr_db *db)
{
	int64_t v = 0;
	sqlite3_stmt *st = pr_db_stmt(db, "PRAGMA data_version", NULL);
	if (!st)
		return true;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	bool changed = v != db->data_version;
	db->data_version = v;
	return changed;
}

pr_status pr_sequence_next(pr_db *db, const char *kind, const char *day,
			   long *out, pr_error *err)
{
	sqlite3_stmt *st = pr_db_stmt(db,
		"INSERT INTO sequences (kind, day, last) VALUES (?1, ?2, 1) "
		"ON CONFLICT (kind, day) DO UPDATE SET last = last + 1 "
		"RETURNING last", err);
	if (!st)
		return err ? err->code : PR_EDB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		pr_status s = pr_db_fail(db, err, rc, "numbering the reference");
		sqlite3_reset(st);
		return s;
	}
	*out = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return PR_OK;
}
