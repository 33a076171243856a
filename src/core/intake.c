/* The intake desk: an item logged and, unless it is an exception, put into
 * its department's open batch in the same transaction. */
#include "postroom/intake.h"

#include <string.h>

#include "core.h"

pr_status pr_intake_log(pr_db *db, const pr_item_new *in, bool auto_batch,
			pr_item *out, pr_error *err)
{
	int64_t id;
	char ref[PR_REF_LEN];
	pr_status st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "log an item", err);
	if (st != PR_OK)
		return st;
	if ((st = pr_item_insert(db, in, &id, ref, err)) != PR_OK)
		return pr_db_rollback(db, st);
	if (auto_batch && !pr_flags_exception(in->flags)) {
		pr_item_state it;
		int64_t batch_id;
		char batch_ref[PR_REF_LEN];
		if ((st = pr_item_state_of(db, ref, &it, err)) != PR_OK ||
		    (st = pr_batch_ensure_open(db, it.dept_id, &batch_id, batch_ref,
					       err)) != PR_OK ||
		    (st = pr_batch_put(db, batch_id, batch_ref, id, ref, err)) != PR_OK)
			return pr_db_rollback(db, st);
	}
	if (out && (st = pr_item_get(db, ref, out, err)) != PR_OK)
		return pr_db_rollback(db, st);
	return pr_db_commit(db, err);
}

pr_status pr_intake_tray(pr_db *db, const char *dept_code, long count, pr_time received_at,
			 pr_tray *out, pr_error *err)
{
	if (count < 1 || count > PR_TRAY_MAX)
		return pr_fail_field(err, PR_EINVAL, PR_FIELD_COUNT, "a tray holds 1 to %d "
				     "items, not %ld", PR_TRAY_MAX, count);
	pr_item_new in = {.dept_code = dept_code, .kind = PR_KIND_LETTER,
			  .service = PR_SERVICE_STANDARD, .received_at = received_at,
			  .unindexed = true};
	pr_tray tray = {.count = count};
	pr_status st = pr_db_begin_as(db, PR_ROLE_OPERATOR, "log a tray", err);
	if (st != PR_OK)
		return st;
	int64_t batch_id = 0;
	for (long i = 0; st == PR_OK && i < count; i++) {
		int64_t id;
		char ref[PR_REF_LEN];
		if ((st = pr_item_insert(db, &in, &id, ref, err)) != PR_OK)
			break;
		if (i == 0) {
			pr_item_state it;
			if ((st = pr_item_state_of(db, ref, &it, err)) != PR_OK ||
			    (st = pr_batch_ensure_open(db, it.dept_id, &batch_id, tray.batch_ref,
						       err)) != PR_OK)
				break;
			memcpy(tray.first_ref, ref, PR_REF_LEN);
		}
		memcpy(tray.last_ref, ref, PR_REF_LEN);
		st = pr_batch_put(db, batch_id, tray.batch_ref, id, ref, err);
	}
	if (st != PR_OK)
		return pr_db_rollback(db, st);
	if (out)
		*out = tray;
	return pr_db_commit(db, err);
}
