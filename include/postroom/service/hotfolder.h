/* The scanner's hot folder: which of its files are scan files to take, and
 * which of those are complete. Capture software either writes a file in
 * place (complete once it has not changed for the settle time) or under a
 * temporary name and renames it when done (names that are never taken:
 * starting with '.', ending in .tmp, .part, .partial, .crdownload or '~'). */
#ifndef POSTROOM_SERVICE_HOTFOLDER_H
#define POSTROOM_SERVICE_HOTFOLDER_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/clock.h"
#include "postroom/scan.h"
#include "postroom/status.h"

typedef struct pr_hot_file {
	char path[PR_PATH_MAX];
	long long size;
	pr_time mtime;
} pr_hot_file;

/* Whether a file called NAME may be a finished scan file (not a temporary
 * name, not hidden). */
bool pr_hot_name_ok(const char *name);

/* The regular files of folder DIR whose names pass pr_hot_name_ok, sorted
 * by name, into *FILES (N of them; free with free()). PR_EIO naming DIR
 * when it cannot be read. */
pr_status pr_hot_list(const char *dir, pr_hot_file **files, size_t *n, pr_error *err);

/* Whether F, listed at NOW, is complete: unchanged (size and time) for at
 * least SETTLE_S seconds. A time in the future (another machine's clock)
 * counts as just changed. */
bool pr_hot_settled(const pr_hot_file *f, pr_time now, int settle_s);

#endif
