/* Watching a folder for files that arrive (Linux inotify): files closed
 * after writing and files renamed or moved into it. Where the folder
 * cannot be watched (a network file system, inotify limits) the caller
 * polls instead: pr_watch_open says so, and pr_watch_wait then only
 * sleeps. */
#ifndef POSTROOM_IO_WATCH_H
#define POSTROOM_IO_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/status.h"

typedef struct pr_watch pr_watch;

/* Starts watching folder DIR. PR_OK with *OUT; *WATCHING false (and the
 * reason in WHY, WHYCAP bytes) when inotify cannot watch it, and the
 * watch only sleeps. PR_EIO when DIR does not exist or is not a folder.
 * Close with pr_watch_close. */
pr_status pr_watch_open(const char *dir, pr_watch **out, bool *watching, char *why,
			size_t whycap, pr_error *err);

/* Called for each file that arrived: NAME (inside the folder) and whether
 * it was renamed or moved in (complete at once) rather than closed after
 * writing. */
typedef void (*pr_watch_fn)(const char *name, bool renamed, void *ud);

/* Waits up to TIMEOUT_MS (-1: no limit) for a file to arrive: true when one
 * did (FN, which may be NULL, is called for each), false on timeout or when
 * a signal interrupted the wait (the caller checks why). */
bool pr_watch_wait(pr_watch *w, int timeout_ms, pr_watch_fn fn, void *ud);

void pr_watch_close(pr_watch *w);

#endif
