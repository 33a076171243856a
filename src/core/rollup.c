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
		/* The recount reads the table straight through (an index
		 * would mean a random lookup per item), and the comparison
		 * sorts both sides together instead of joining them. */
		"WITH recount AS MATERIALIZED ("
		"  SELECT received_day AS day, dept_id, "
		"    sum(status <> 'void') AS received, "
		"    sum(status <> 'void' AND scanned_at IS NOT NULL) AS scanned, "
		"    sum(status <> 'void' AND scanned_day IS received_day) AS same_day, "
		"    sum(status <> 'void' AND emailed_at IS NOT NULL) AS emailed, "
		"    sum(status = 'exception' OR status = 'handed-over' "
		"        OR status = 'returned') AS exceptions "
		"  FROM items NOT INDEXED GROUP BY received_day, dept_id), "
		"both (day, dept_id, kr, ar, ks, as_, kd, ad, ke, ae, kx, ax) AS ("
		"  SELECT day, dept_id, received, 0, scanned, 0, scanned_same_day, 0, "
		"    emailed, 0, exceptions, 0 FROM daily_rollup "
		"  UNION ALL "
		"  SELECT day, dept_id, 0, received, 0, scanned, 0, same_day, "
		"    0, emailed, 0, exceptions FROM recount) "
		"SELECT b.day, coalesce(d.code, '#' || b.dept_id), "
		"  sum(kr), sum(ar), sum(ks), sum(as_), sum(kd), sum(ad), "
		"  sum(ke), sum(ae), sum(kx), sum(ax) "
		"FROM both b LEFT JOIN departments d ON d.id = b.dept_id "
		"GROUP BY b.day, b.dept_id "
		"HAVING sum(kr) <> sum(ar) OR sum(ks) <> sum(as_) OR sum(kd) <> sum(ad) "
		"  OR sum(ke) <> sum(ae) OR sum(kx) <> sum(ax) "
		"ORDER BY b.day, 2", err);
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
