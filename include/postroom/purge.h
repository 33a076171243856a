/* Retention: what `postroom purge` takes away from items past their keep
 * date, and the records that say so.
 *
 * An item is due when it was received before the day BEFORE, is no longer
 * being handled (not received, batched or an exception waiting), and its
 * keep date has come: the day after its keep_until when set, else its day
 * of receipt plus its department's keep days (dept.h), else plus the
 * keep_days setting. A due item loses its sender and addressee (kept as ""), and its
 * scan images (the item's PDF and the PDF of its blank pages) are marked
 * purged. A scan file is due once every item that has pages in it is
 * purged and none of its scan problems is still open (a file that gave no
 * item: once arrived before BEFORE and older than the keep_days setting);
 * its original and the PDFs of its resolved scan problems go with it.
 *
 * Counts, the daily figures and the audit trail stay as they were: items
 * are not deleted and their states do not change. Each item and scan file
 * purged has an audit event (from its state to "purged", saying what went)
 * and each run one more (entity "purge", the day BEFORE as its reference)
 * with the totals. Removing the files themselves is the service's part
 * (service/purge.h), after the commit. */
#ifndef POSTROOM_PURGE_H
#define POSTROOM_PURGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "postroom/clock.h"
#include "postroom/db.h"

typedef enum pr_purge_kind {
	PR_PURGE_ITEM,       /* an item's sender and addressee; no file */
	PR_PURGE_IMAGE,      /* an item's PDF */
	PR_PURGE_BLANK,      /* the PDF of an item's blank pages */
	PR_PURGE_PROBLEM,    /* the PDF of a scan problem */
	PR_PURGE_ORIGINAL,   /* the original scan file in the archive */
} pr_purge_kind;

/* "item", "image", "blank-pages", "problem", "original". */
const char *pr_purge_kind_name(pr_purge_kind kind);

typedef struct pr_purge_entry {
	pr_purge_kind kind;
	char ref[32];             /* the item's reference, or the scan file's
				     ("F12") for a problem or an original */
	char day[PR_DAY_LEN];     /* the item's day of receipt; the file's of arrival */
	char *path;               /* the file to remove; NULL for an item */
} pr_purge_entry;

typedef struct pr_purge_plan {
	char before[PR_DAY_LEN];
	bool dry_run;             /* nothing was changed */
	size_t items, images, problems, files;  /* how many of each */
	pr_purge_entry *entries;  /* items by day of receipt, each before its files; then scan files */
	size_t n;
} pr_purge_plan;

/* Purges what is due before day BEFORE ("YYYY-MM-DD")
 * with KEEP_DAYS (1..36500) where a department has none of its own, in one
 * transaction, and lists it in *OUT (free with pr_purge_plan_free). With
 * DRY_RUN the same is found and listed, and nothing changed. Admins only
 * (PR_EDENIED); PR_EINVAL for a bad day or keep days; the database's
 * errors as they come, with nothing changed. */
pr_status pr_purge(pr_db *db, const char *before, int keep_days, bool dry_run,
		   pr_purge_plan *out, pr_error *err);

void pr_purge_plan_free(pr_purge_plan *plan);

#endif
