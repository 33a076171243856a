/* The intake desk: an item logged and, unless it is an exception, put into
 * its department's open batch in the same transaction. */
#include "postroom/intake.h"

#include "core.h"

pr_status pr_intake_log(pr_db *db, const pr_item_new *in, bool auto_batch,
			pr_item *out, pr_error *err)
{
	int64_t id;
	char ref[PR_REF_LEN];
	pr_status st = pr_db_begin(db, err);
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
