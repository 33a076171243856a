/* Checking the daily counts kept by the triggers against the items. */
#include <string.h>

#include "core.h"
#include "postroom/report.h"

static const char *const columns[] = {
	"received", "scanned", "scanned_same_day", "emailed", "exceptions",
};

pr_status pr_report_check(pr_db *db, pr_rollup_diff_fn fn, void *ud,
			  size_t *ndiff, pr_error *err)
{
	/* One statement is one snapshot, and it writes nothing to the
	 * database: the recount is a materialised scratch table. */
	sqlite3_stmt *s = pr_db_stmt(db,
		"WITH recount AS MATERIALIZED ("
		"  SELECT received_day AS day, dept_id, "
		"    sum(status <> 'void') AS received, "
		"    sum(status <> 'void' AND scanned_at IS NOT NULL) AS scanned, "
		"    sum(status <> 'void' AND scanned_day IS received_day) AS same_day, "
		"    sum(status <> 'void' AND emailed_at IS NOT NULL) AS emailed, "
		"    sum(status = 'exception' OR status = 'handed-over' "
		"        OR status = 'returned') AS exceptions "
		"  FROM items GROUP BY received_day, dept_id) "
		"SELECT coalesce(k.day, a.day), coalesce(d.code, '#' || "
		"    coalesce(k.dept_id, a.dept_id)), "
		"  coalesce(k.received, 0), coalesce(a.received, 0), "
		"  coalesce(k.scanned, 0), coalesce(a.scanned, 0), "
		"  coalesce(k.scanned_same_day, 0), coalesce(a.same_day, 0), "
		"  coalesce(k.emailed, 0), coalesce(a.emailed, 0), "
		"  coalesce(k.exceptions, 0), coalesce(a.exceptions, 0) "
		"FROM daily_rollup k FULL OUTER JOIN recount a "
		"  ON a.day = k.day AND a.dept_id = k.dept_id "
		"LEFT JOIN departments d ON d.id = coalesce(k.dept_id, a.dept_id) "
		"WHERE coalesce(k.received, 0) <> coalesce(a.received, 0) "
		"  OR coalesce(k.scanned, 0) <> coalesce(a.scanned, 0) "
		"  OR coalesce(k.scanned_same_day, 0) <> coalesce(a.same_day, 0) "
		"  OR coalesce(k.emailed, 0) <> coalesce(a.emailed, 0) "
		"  OR coalesce(k.exceptions, 0) <> coalesce(a.exceptions, 0) "
		"ORDER BY 1, 2", err);
	if (!s)
		return err->code;
	int rc;
	bool go_on = true;
	*ndiff = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pr_rollup_diff d;
		pr_column_copy(s, 0, d.day, sizeof d.day);
		pr_column_copy(s, 1, d.dept_code, sizeof d.dept_code);
		for (int c = 0; c < 5; c++) {
			d.column = columns[c];
			d.kept = (long)sqlite3_column_int64(s, 2 + 2 * c);
			d.actual = (long)sqlite3_column_int64(s, 3 + 2 * c);
			if (d.kept == d.actual)
				continue;
			(*ndiff)++;
			if (go_on && !fn(&d, ud))
				go_on = false;
		}
	}
	pr_status st = rc == SQLITE_DONE ? PR_OK
		: pr_db_fail(db, err, rc, "recounting the daily figures");
	sqlite3_reset(s);
	return st;
}
