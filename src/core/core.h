/* Private to src/core: the SQLite handle and the helpers every core module
 * uses to speak SQL. Nothing outside src/core includes this file. */
#ifndef POSTROOM_CORE_INTERNAL_H
#define POSTROOM_CORE_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/dept.h"
#include "postroom/operator.h"
#include "postroom/ref.h"
#include "postroom/status.h"

/* The SQL of migration VERSION (1-based), or NULL. */
const char *pr_schema_migration(int version);

/* The connection behind DB. */
sqlite3 *pr_db_sqlite(pr_db *db);

/* A prepared statement for SQL, cached for the life of DB and reset, its
 * bindings cleared. SQL must be a string literal (cached by address).
 * NULL on failure, with ERR set. Do not finalize it. */
sqlite3_stmt *pr_db_stmt(pr_db *db, const char *sql, pr_error *err);

/* Starts a write transaction (BEGIN IMMEDIATE), so a busy database waits
 * for the busy timeout instead of failing half way. */
pr_status pr_db_begin(pr_db *db, pr_error *err);

/* pr_db_begin, then pr_operator_require(MIN, WHAT) inside the transaction;
 * on refusal the transaction is rolled back and PR_EDENIED returned. */
pr_status pr_db_begin_as(pr_db *db, pr_role min, const char *what, pr_error *err);

/* Commits, or on failure rolls back and reports. */
pr_status pr_db_commit(pr_db *db, pr_error *err);

/* Rolls back the open transaction, if any; keeps the status passed in so
 * callers can write `return pr_db_rollback(db, st)`. */
pr_status pr_db_rollback(pr_db *db, pr_status st);

/* Turns SQLite result RC into a status and a message that says what was
 * being done (WHAT) and why it failed, in words a person can act on. */
pr_status pr_db_fail(pr_db *db, pr_error *err, int rc, const char *what);

/* Steps STMT to completion (a write). PR_OK or the mapped error. */
pr_status pr_db_exec_stmt(pr_db *db, sqlite3_stmt *stmt, const char *what,
			  pr_error *err);

/* Binds text that may be NULL (bound as SQL NULL). */
void pr_bind_text(sqlite3_stmt *stmt, int idx, const char *s);

/* Copies column COL of STMT (text, possibly NULL) into DST of size CAP. */
void pr_column_copy(sqlite3_stmt *stmt, int col, char *dst, size_t cap);

/* Whether a batch of DB may hold several departments' items. */
bool pr_db_mixed_batches(const pr_db *db);

/* The default target percentage of DB. */
double pr_db_default_target(pr_db *db);

/* Writes one audit event inside the caller's transaction. FROM may be NULL
 * (a creation); REASON may be NULL. */
pr_status pr_audit_write(pr_db *db, const char *entity, int64_t entity_id,
			 const char *ref, const char *from, const char *to,
			 const char *reason, pr_error *err);

/* The id and hash of the last audit event, when this connection wrote it
 * within the write transaction still open; false otherwise (read it). */
bool pr_db_audit_head(pr_db *db, int64_t *id, unsigned char hash[32]);

/* Records the audit event just written (kept until the transaction ends). */
void pr_db_set_audit_head(pr_db *db, int64_t id, const unsigned char hash[32]);

/* Gives every audit event without a hash its place in the chain, in id
 * order (the upgrade that starts the chain). In the caller's transaction. */
pr_status pr_audit_seal(pr_db *db, pr_error *err);

/* As pr_audit_write, at time AT by ACTOR (NULL: the database's actor).
 * Every audit event is written here: each is chained to the one before by
 * its hash (see audit.h). */
pr_status pr_audit_write_as(pr_db *db, pr_time at, const char *actor,
			    const char *entity, int64_t entity_id, const char *ref,
			    const char *from, const char *to, const char *reason,
			    pr_error *err);

/* What the core reads of an item inside a transaction before changing it. */
typedef struct pr_item_state {
	int64_t id, dept_id, batch_id;     /* batch_id 0: in none */
	int status;                        /* pr_item_status */
	char dept_code[PR_DEPT_CODE_MAX + 1];
	char batch_ref[PR_REF_LEN];
} pr_item_state;

/* The state of item REF (a normalised reference) inside the caller's
 * transaction; PR_ENOTFOUND (field "item") when there is none. */
pr_status pr_item_state_of(pr_db *db, const char *ref, pr_item_state *out,
			   pr_error *err);

/* Inside the caller's transaction: checks IN and logs it as a new item
 * (received, or an exception when its flags say so), with its audit
 * events; its id and reference in *ID and REF. Changes nothing on failure
 * once the caller rolls back. */
struct pr_item_new;
pr_status pr_item_insert(pr_db *db, const struct pr_item_new *in, int64_t *id,
			 char ref[PR_REF_LEN], pr_error *err);

/* One move of an item from one state to another (lifecycle.c). */
typedef struct pr_item_change {
	int64_t id;              /* the item */
	const char *ref;         /* its reference, for the audit trail */
	int from, to;            /* pr_item_status: the state read in this
				    transaction, and the one to go to */
	const char *reason;      /* why, for the audit trail; may be NULL */
	int64_t batch_id;        /* to batched: the batch it goes into */
	const char *text;        /* to exception: the reason kept on the item;
				    to handed-over: who signed for it */
	pr_time at;              /* when; 0 = now */
	const char *actor;       /* who; NULL = the database's actor */
} pr_item_change;

/* Moves an item inside the caller's transaction: checks that the move is
 * in the life cycle's table (PR_ESTATE naming both states when not), that
 * the item is still in state FROM, writes the change of state with the
 * columns that go with it and the audit event; the daily rollup follows
 * from the triggers in the same transaction. The only writer of an item's
 * state. */
pr_status pr_item_move(pr_db *db, const pr_item_change *c, pr_error *err);

/* The next number of the sequence KIND on DAY ("YYYY-MM-DD"), inside the
 * caller's transaction. */
pr_status pr_sequence_next(pr_db *db, const char *kind, const char *day,
			   long *out, pr_error *err);

/* The columns pr_item_read expects, to be followed by WHERE/ORDER BY. */
#define PR_ITEM_SELECT                                                       \
	"SELECT i.id, i.ref, d.code, d.name, i.sender, i.addressee, i.kind, "  \
	"i.service, i.tracking, i.flags, i.status, i.received_at, "            \
	"i.received_day, i.logged_by, b.ref, i.scanned_at, i.emailed_at, "     \
	"i.exception_reason, i.handed_to, i.handed_at, i.batch_pos "           \
	"FROM items i JOIN departments d ON d.id = i.dept_id "                 \
	"LEFT JOIN batches b ON b.id = i.batch_id "

/* Reads one row of PR_ITEM_SELECT into IT. */
struct pr_item;
void pr_item_read(sqlite3_stmt *s, struct pr_item *it);

/* Inside the caller's transaction: the id and reference of the newest open
 * batch of department DEPT_ID, opening one when it has none. */
pr_status pr_batch_ensure_open(pr_db *db, int64_t dept_id, int64_t *batch_id,
			       char batch_ref[PR_REF_LEN], pr_error *err);

/* Inside the caller's transaction: puts received item ITEM_ID (reference
 * ITEM_REF) at the end of batch BATCH_ID, through pr_item_move. */
pr_status pr_batch_put(pr_db *db, int64_t batch_id, const char *batch_ref,
		       int64_t item_id, const char *item_ref, pr_error *err);

/* Parses the period FROM_DAY..TO_DAY (YYYY-MM-DD, inclusive) into day
 * numbers; PR_EINVAL when a day is not a date, the period runs backwards
 * or is longer than 100 years. */
pr_status pr_days_parse(const char *from_day, const char *to_day, long *from,
			long *to, pr_error *err);

/* pr_days_parse, then the id of department DEPT_CODE into *DEPT_ID (0 when
 * DEPT_CODE is NULL: all departments); PR_ENOTFOUND for an unknown one. */
pr_status pr_scope_parse(pr_db *db, const char *from_day, const char *to_day,
			 const char *dept_code, long *from, long *to,
			 int64_t *dept_id, pr_error *err);

/* The dated targets, oldest first, so each day finds the one in force
 * without a query of its own. */
typedef struct pr_targets {
	size_t n;
	char (*from)[PR_DAY_LEN];
	double *pct;
	double fallback;      /* before the first dated target */
} pr_targets;

/* Loads every dated target of DB into T; free with pr_targets_free. */
pr_status pr_targets_load(pr_db *db, pr_targets *t, pr_error *err);

/* The target in force on DAY (YYYY-MM-DD). */
double pr_targets_on(const pr_targets *t, const char *day);

void pr_targets_free(pr_targets *t);

#endif
