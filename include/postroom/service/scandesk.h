/* What the Scan screen shows of the scanning service, besides what the
 * core records: the hot folder and its worker (running or not, which
 * process, when it last did something), the file the worker has in hand
 * with its progress page by page, and a page of a scan file as a grey
 * image for review.
 *
 * The worker publishes its progress in a small status file in the hot
 * folder, HOT/.postroom-worker.status (a name the worker never takes as a
 * scan file), written whole under a temporary name and renamed over the
 * last, so a reader sees one complete state or the one before:
 *
 *   pid 1234
 *   file scan-0001.tif
 *   phase reading        (reading: pass 1; writing: pass 2)
 *   page 37
 *   pages 120
 *   at 1795167000        (when it was written, seconds since 1970)
 *
 * and removed once the file is done. Progress counts only while the
 * process that wrote it still holds the hot folder's lock
 * (HOT/.postroom-worker.lock, which holds its pid): a worker that died
 * mid-file leaves a stale status that is not shown as in progress. */
#ifndef POSTROOM_SERVICE_SCANDESK_H
#define POSTROOM_SERVICE_SCANDESK_H

#include <stdbool.h>

#include "postroom/clock.h"
#include "postroom/io/image.h"
#include "postroom/scan.h"
#include "postroom/service/app.h"

#define PR_WORKER_LOCK_NAME ".postroom-worker.lock"
#define PR_WORKER_STATUS_NAME ".postroom-worker.status"

typedef enum pr_worker_phase {
	PR_WORKER_IDLE,      /* no file in hand */
	PR_WORKER_READING,   /* pass 1: reading page PAGE of PAGES */
	PR_WORKER_WRITING,   /* pass 2: writing page PAGE of PAGES */
} pr_worker_phase;

/* One state of the status file. */
typedef struct pr_worker_progress {
	long pid;
	char file[256];      /* the file's name in the hot folder */
	pr_worker_phase phase;
	int page, pages;
	pr_time at;
} pr_worker_progress;

/* The name of PHASE ("reading"). */
const char *pr_worker_phase_name(pr_worker_phase phase);

/* Writes P as the status file of hot folder HOT, atomically (temporary and
 * rename). PR_EIO naming the file when it cannot be written; the status
 * before stays then. */
pr_status pr_worker_progress_write(const char *hot, const pr_worker_progress *p,
				   pr_error *err);

/* Removes the status file of HOT (the file in hand is done). */
void pr_worker_progress_clear(const char *hot);

/* Reads the status file of HOT into *OUT: PR_ENOTFOUND when there is none,
 * PR_EINVAL when it does not read as one (*OUT is filled only on PR_OK). */
pr_status pr_worker_progress_read(const char *hot, pr_worker_progress *out, pr_error *err);

/* The scanning service as the Scan screen shows it. */
typedef struct pr_scan_desk {
	char hot[PR_PATH_MAX];      /* the hot folder */
	bool hot_ok;                /* it exists and can be listed */
	int waiting;                /* scan files in it now, not yet taken */
	bool running;               /* a worker holds the hot folder's lock */
	long pid;                   /* its process (0 when not known) */
	pr_time last_activity;      /* the newest scan file's time (0: none yet) */
	char last_file[256];        /* and its name */
	bool busy;                  /* the worker has a file in hand now */
	pr_worker_progress progress;/* what it does with it (when busy) */
} pr_scan_desk;

/* Fills *OUT for APP's hot folder: whether a worker runs there (tested
 * with a non-blocking shared flock on its lock file, released at once;
 * the lock file is never created here), its pid from the lock file, the
 * files waiting, its progress when the status file is its own and not
 * idle, and the newest scan file on record (pr_scan_list). A hot folder
 * that does not exist is not an error (hot_ok false); the database's
 * errors are. */
pr_status pr_scan_desk_state(pr_app *app, pr_scan_desk *out, pr_error *err);

/* Page PAGE (from 1) of the scan file at PATH decoded to grey at no less
 * than MAX_DPI (pr_tiff_page_grey), with the number of pages of the file in
 * *PAGES (may be NULL). PR_EIO or PR_EINVAL naming the file as
 * pr_tiff_open does, PR_EINVAL for a page the file does not have. Free
 * *OUT with pr_grey_image_free. */
pr_status pr_scan_page_grey(const char *path, int page, int max_dpi, pr_grey_image *out,
			    int *pages, pr_error *err);

#endif
