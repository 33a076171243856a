/* Retention: the core's records first, then the files (service/purge.h). */
#include "postroom/service/purge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postroom/xmem.h"

static pr_purge_file_outcome remove_file(const char *path, char **message)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT)
			return PR_PURGE_FILE_GONE;
		*message = xasprintf("cannot look at %s: %s", path, strerror(errno));
		return PR_PURGE_FILE_FAILED;
	}
	if (!S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode)) {
		*message = xasprintf("%s is not a regular file; it was left as it is", path);
		return PR_PURGE_FILE_FAILED;
	}
	if (unlink(path) != 0) {
		if (errno == ENOENT)
			return PR_PURGE_FILE_GONE;
		*message = xasprintf("cannot remove %s: %s", path, strerror(errno));
		return PR_PURGE_FILE_FAILED;
	}
	return PR_PURGE_FILE_REMOVED;
}

pr_status pr_purge_run(pr_db *db, const char *before, int keep_days, bool dry_run,
		       pr_purge_report *out, pr_error *err)
{
	pr_purge_report r;
	memset(&r, 0, sizeof r);
	pr_status st = pr_purge(db, before, keep_days, dry_run, &r.plan, err);
	if (st != PR_OK)
		return st;
	size_t n = r.plan.n ? r.plan.n : 1;
	r.outcome = xcalloc(n, sizeof *r.outcome);
	r.message = xcalloc(n, sizeof *r.message);
	for (size_t i = 0; i < r.plan.n; i++) {
		const pr_purge_entry *e = &r.plan.entries[i];
		if (!e->path || dry_run) {
			r.outcome[i] = PR_PURGE_FILE_KEPT;
			continue;
		}
		r.outcome[i] = remove_file(e->path, &r.message[i]);
		if (r.outcome[i] == PR_PURGE_FILE_REMOVED)
			r.removed++;
		else if (r.outcome[i] == PR_PURGE_FILE_GONE)
			r.gone++;
		else
			r.failed++;
	}
	*out = r;
	return PR_OK;
}

void pr_purge_report_free(pr_purge_report *r)
{
	for (size_t i = 0; i < r->plan.n; i++)
		free(r->message[i]);
	free(r->message);
	free(r->outcome);
	pr_purge_plan_free(&r->plan);
	memset(r, 0, sizeof *r);
}
