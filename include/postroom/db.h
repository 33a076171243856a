/* The database: one SQLite file in WAL mode, opened with foreign keys on and
 * a busy timeout, its schema versioned by PRAGMA user_version.
 *
 * Every write is a BEGIN IMMEDIATE transaction inside the core. A pr_db is
 * used by one thread at a time. */
#ifndef POSTROOM_DB_H
#define POSTROOM_DB_H

#include <stdbool.h>

#include "postroom/status.h"

typedef struct pr_db pr_db;

/* The schema version this postroom writes. */
int pr_schema_version(void);

enum pr_db_flags {
	PR_DB_CREATE = 1, /* create the file (and its folder) when missing */
	PR_DB_NO_UPGRADE = 2, /* refuse, rather than apply, pending migrations */
};

/* Opens the database at PATH, creating it with PR_DB_CREATE, and brings the
 * schema up to date. Fails with PR_ENOTFOUND (no file), PR_ENOTDB (not a
 * SQLite or not a postroom database), PR_ETOONEW (written by a newer
 * postroom), PR_EREADONLY, PR_EBUSY or PR_EDB, the message naming PATH.
 * On success *OUT is set; close it with pr_db_close. */
pr_status pr_db_open(const char *path, unsigned flags, pr_db **out, pr_error *err);

/* Closes DB; NULL is fine. */
void pr_db_close(pr_db *db);

/* The path DB was opened with. */
const char *pr_db_path(const pr_db *db);

/* The schema version of the open file (after any upgrade). */
int pr_db_version(pr_db *db);

/* Sets who is acting (recorded in the audit trail); defaults to the OS login
 * at open. LOGIN is copied. */
void pr_db_set_actor(pr_db *db, const char *login);
const char *pr_db_actor(const pr_db *db);

/* The target percentage used for days before any dated target (from the
 * configuration, 95 by default). */
void pr_db_set_default_target(pr_db *db, double pct);

/* How long a write waits for another writer before giving up with
 * PR_EBUSY, in milliseconds (5000 by default). */
void pr_db_set_busy_timeout(pr_db *db, int ms);

/* True when another connection has committed a change since the last call
 * (cheap: PRAGMA data_version). The first call returns true. */
bool pr_db_changed(pr_db *db);

#endif
