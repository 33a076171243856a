/* What each operator did each day, read from the audit trail. */
#include <string.h>

#include "core.h"
#include "postroom/report.h"

pr_status pr_report_operators(pr_db *db, const char *from_day, const char *to_day,
			      pr_activity_fn fn, void *ud, pr_error *err)
{
	long from, to;
	pr_status st;
	if ((st = pr_days_parse(from_day, to_day, &from, &to, err)) != PR_OK)
		return st;
	/* Local days: SQLite's 'localtime' follows the zone set by
	 * pr_timezone_set. */
	sqlite3_stmt *s = pr_db_stmt(db,
		"SELECT date(at, 'unixepoch', 'localtime') AS day, actor, "
		"  total(entity = 'item' AND from_state IS NULL), "
		"  total(entity = 'item' AND (to_state = 'exception' "
		"        OR to_state = 'handed-over')), "
		"  total(entity = 'batch' AND to_state = 'closed') "
		"FROM audit_events WHERE at >= ?1 AND at < ?2 "
		"GROUP BY day, actor ORDER BY day, actor", err);
	if (!s)
		return err->code;
	sqlite3_bind_int64(s, 1, pr_day_start(from));
	sqlite3_bind_int64(s, 2, pr_day_start(to + 1));
	int rc;
	pr_activity a;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&a, 0, sizeof a);
		pr_column_copy(s, 0, a.day, sizeof a.day);
		pr_column_copy(s, 1, a.login, sizeof a.login);
		a.logged = (long)sqlite3_column_double(s, 2);
		a.exceptions = (long)sqlite3_column_double(s, 3);
		a.batches_closed = (long)sqlite3_column_double(s, 4);
		if (!a.logged && !a.exceptions && !a.batches_closed)
			continue; /* other work only (departments, targets) */
		if (!fn(&a, ud))
			break;
	}
	st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "reading the operators' work");
	sqlite3_reset(s);
	return st;
}
