/* The worker: the service's long-running process. It runs a small table
 * of periodic jobs (today: taking scan files from the hot folder; email
 * sending and print-job tracking join the same table), waking when a file
 * arrives in the hot folder (inotify) or when a job is due (polling where
 * the folder cannot be watched). It stops cleanly when asked, after the
 * file in hand, and a crash loses nothing: a scan file stays in the hot
 * folder until its ingest is committed (ingest.h). One worker a hot
 * folder: a second one is refused. */
#ifndef POSTROOM_SERVICE_WORKER_H
#define POSTROOM_SERVICE_WORKER_H

#include <signal.h>
#include <stdbool.h>

#include "postroom/service/app.h"

typedef enum pr_log_level { PR_LOG_INFO, PR_LOG_WARNING, PR_LOG_ERROR } pr_log_level;

/* Where the worker's one line per event goes (stderr, syslog). */
typedef void (*pr_log_fn)(pr_log_level level, const char *line, void *ud);

typedef struct pr_worker_options {
	bool once;                   /* run each job once on what is there, return */
	pr_log_fn log;               /* required */
	void *log_ud;
	volatile sig_atomic_t *stop; /* set to stop after the work in hand (SIGTERM) */
} pr_worker_options;

/* Runs the worker on APP's database and configuration until *STOP is set
 * (or, with ONCE, after one round). PR_OK when it stopped as asked; PR_EIO
 * when the hot folder cannot be read or another worker holds it, naming
 * the folder; the database's errors when it cannot be opened. Errors on a
 * single file are logged and the file is left to try again. */
pr_status pr_worker_run(pr_app *app, const pr_worker_options *opt, pr_error *err);

#endif
