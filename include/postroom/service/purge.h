/* Retention as a whole: the core's purge (purge.h), then the files it
 * names removed, only once its transaction has committed. A file that
 * cannot be removed is reported, not fatal: its record already says it is
 * purged, and the report names it to be removed by hand. */
#ifndef POSTROOM_SERVICE_PURGE_H
#define POSTROOM_SERVICE_PURGE_H

#include <stddef.h>

#include "postroom/purge.h"
#include "postroom/status.h"

typedef enum pr_purge_file_outcome {
	PR_PURGE_FILE_KEPT,       /* a dry run: left as it is */
	PR_PURGE_FILE_REMOVED,
	PR_PURGE_FILE_GONE,       /* it was not there any more */
	PR_PURGE_FILE_FAILED,     /* it could not be removed: see the message */
} pr_purge_file_outcome;

typedef struct pr_purge_report {
	pr_purge_plan plan;
	pr_purge_file_outcome *outcome;  /* one per entry of the plan */
	char **message;                  /* per entry: why it failed, or NULL */
	size_t removed, gone, failed;
} pr_purge_report;

/* Runs pr_purge (same arguments) and, unless DRY_RUN, removes each file of
 * the plan after the commit: only a regular file (a link is removed, never
 * followed); a folder or device is left and reported. *OUT holds the plan
 * and what became of each file (free with pr_purge_report_free). Fails
 * only as pr_purge does, with nothing changed. */
pr_status pr_purge_run(pr_db *db, const char *before, int keep_days, bool dry_run,
		       pr_purge_report *out, pr_error *err);

void pr_purge_report_free(pr_purge_report *r);

#endif
