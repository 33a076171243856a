/* The worker's loop and its table of periodic jobs (worker.h). */
#include "postroom/service/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "postroom/io/watch.h"
#include "postroom/service/hotfolder.h"
#include "postroom/service/ingest.h"
#include "postroom/service/scandesk.h"

typedef struct worker {
	pr_app *app;
	const pr_worker_options *opt;
	char *hot, *archive, *quarantine;
	/* Set by a job that wants to run again sooner than its interval (a
	 * file still being written): seconds from now, or -1. */
	int again_in;
	/* Files renamed or moved into the hot folder since the last look:
	 * complete at once, whatever their time says. */
	char renamed[64][256];
	int nrenamed;
} worker;

static void on_arrival(const char *name, bool renamed, void *ud)
{
	worker *w = ud;
	if (!renamed || w->nrenamed >= (int)(sizeof w->renamed / sizeof w->renamed[0]))
		return;
	snprintf(w->renamed[w->nrenamed++], sizeof w->renamed[0], "%s", name);
}

/* Whether PATH was renamed into the hot folder since the last look. */
static bool was_renamed(const worker *w, const char *path)
{
	const char *name = strrchr(path, '/');
	name = name ? name + 1 : path;
	for (int i = 0; i < w->nrenamed; i++)
		if (strcmp(w->renamed[i], name) == 0)
			return true;
	return false;
}

static void say(worker *w, pr_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(worker *w, pr_log_level level, const char *fmt, ...)
{
	char line[PR_ERROR_MAX + 512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	w->opt->log(level, line, w->opt->log_ud);
}

static bool stopping(const worker *w)
{
	return w->opt->stop && *w->opt->stop;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* --- the jobs ---------------------------------------------------------- */

static void log_ingest(worker *w, const pr_ingest_result *r, double secs)
{
	int items = 0, problems = 0;
	const char *batch = "";
	for (size_t i = 0; i < r->plan.n; i++) {
		if (r->plan.docs[i].kind == PR_DOC_PROBLEM)
			problems++;
		else
			items++;
		if (!*batch)
			batch = r->plan.docs[i].batch_ref;
	}
	switch (r->outcome) {
	case PR_INGEST_STORED:
		say(w, problems ? PR_LOG_WARNING : PR_LOG_INFO,
		    "ingested %s: %d page%s, batch %s, %d item%s scanned, %d problem%s, "
		    "%.2f s", r->name, r->pages, r->pages == 1 ? "" : "s", *batch ? batch : "none",
		    items, items == 1 ? "" : "s", problems, problems == 1 ? "" : "s", secs);
		for (size_t i = 0; i < r->plan.n; i++)
			if (r->plan.docs[i].kind == PR_DOC_PROBLEM)
				say(w, PR_LOG_WARNING, "problem in %s: %s: %s", r->name,
				    pr_scan_problem_name(r->plan.docs[i].problem),
				    r->plan.docs[i].detail);
		if (*r->reason)
			say(w, PR_LOG_WARNING, "%s: %s", r->name, r->reason);
		break;
	case PR_INGEST_DUPLICATE:
		say(w, PR_LOG_WARNING, "duplicate %s: %s; moved to %s", r->name, r->reason,
		    r->kept_at);
		break;
	case PR_INGEST_QUARANTINED:
		say(w, PR_LOG_ERROR, "quarantined %s as %s: %s", r->name, r->kept_at, r->reason);
		break;
	}
}

/* The file in hand, as the status file tells the Scan screen
 * (scandesk.h): written at most every PROGRESS_GAP seconds, and on the
 * first and last page of each pass. A status that cannot be written is
 * said once and the ingest goes on. */
#define PROGRESS_GAP 0.2

typedef struct progress {
	worker *w;
	pr_worker_progress p;
	struct timespec last;
	bool written, failed;
} progress;

static void progress_put(progress *pg)
{
	pr_error err;
	pr_error_clear(&err);
	pg->p.pid = (long)getpid();
	pg->p.at = (pr_time)time(NULL);
	if (pr_worker_progress_write(pg->w->hot, &pg->p, &err) != PR_OK && !pg->failed) {
		pg->failed = true;
		say(pg->w, PR_LOG_WARNING, "progress not shown: %s", err.msg);
	}
	clock_gettime(CLOCK_MONOTONIC, &pg->last);
	pg->written = true;
}

static void on_progress(pr_ingest_phase phase, int page, int pages, void *ud)
{
	progress *pg = ud;
	pr_worker_phase wp = phase == PR_INGEST_READING ? PR_WORKER_READING : PR_WORKER_WRITING;
	bool edge = page <= 1 || page >= pages || wp != pg->p.phase;
	pg->p.phase = wp;
	pg->p.page = page;
	pg->p.pages = pages;
	if (edge || !pg->written || seconds_since(&pg->last) >= PROGRESS_GAP)
		progress_put(pg);
}

/* Takes every complete scan file in the hot folder, oldest name first. */
static pr_status job_scan(worker *w, pr_error *err)
{
	pr_hot_file *files = NULL;
	size_t n = 0;
	pr_status st = pr_hot_list(w->hot, &files, &n, err);
	if (st != PR_OK)
		return st;
	progress pg = {.w = w};
	pr_ingest_options opt = {.archive_dir = w->archive, .quarantine_dir = w->quarantine,
				 .progress = on_progress, .ud = &pg};
	int settle = w->app->cfg.hot_settle_s;
	for (size_t i = 0; i < n && !stopping(w); i++) {
		pr_time now = (pr_time)time(NULL);
		if (!pr_hot_settled(&files[i], now, settle) && !was_renamed(w, files[i].path)) {
			int left = settle - (int)(now - files[i].mtime);
			if (left < 1 || left > settle)
				left = settle > 0 ? settle : 1;
			if (w->again_in < 0 || left < w->again_in)
				w->again_in = left;
			if (w->opt->once)
				say(w, PR_LOG_INFO, "waiting for %s: still being written",
				    files[i].path);
			continue;
		}
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pr_ingest_result r;
		pr_error ferr;
		pr_error_clear(&ferr);
		const char *name = strrchr(files[i].path, '/');
		snprintf(pg.p.file, sizeof pg.p.file, "%.255s", name ? name + 1 : files[i].path);
		pg.p.phase = PR_WORKER_IDLE;
		pg.p.page = pg.p.pages = 0;
		pg.written = false;
		if (pr_ingest_file(w->app->db, &opt, files[i].path, &r, &ferr) == PR_OK)
			log_ingest(w, &r, seconds_since(&t0));
		else
			say(w, PR_LOG_ERROR, "not taken %s: %s (tried again later)", files[i].path,
			    ferr.msg);
		pr_ingest_result_free(&r);
		if (pg.written)
			pr_worker_progress_clear(w->hot);
	}
	free(files);
	w->nrenamed = 0;
	return PR_OK;
}

static int scan_interval(const pr_config *cfg)
{
	return cfg->hot_poll_s > 0 ? cfg->hot_poll_s : 10;
}

/* The periodic jobs: each runs at start, then every INTERVAL seconds, and
 * when the hot folder says a file arrived if WAKES_ON_FILE. */
static const struct worker_job {
	const char *name;
	int (*interval)(const pr_config *cfg);
	bool wakes_on_file;
	pr_status (*run)(worker *w, pr_error *err);
} jobs[] = {
	{"scan", scan_interval, true, job_scan},
};
#define NJOBS (sizeof jobs / sizeof jobs[0])

/* --- the loop ---------------------------------------------------------- */

/* Holds the hot folder's lock file so that one worker runs on it. */
static pr_status lock_hot(const char *hot, int *fd, pr_error *err)
{
	char path[PR_PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", hot, PR_WORKER_LOCK_NAME);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0)
		return pr_fail(err, PR_EIO, "cannot create %s: %s", path, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		char pid[32] = "";
		ssize_t n = pread(*fd, pid, sizeof pid - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		close(*fd);
		return pr_fail(err, PR_EIO, "another worker%s%s%s is taking files from %s",
			       *pid ? " (process " : "", pid, *pid ? ")" : "", hot);
	}
	char pid[32];
	int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(*fd, 0) == 0 && pwrite(*fd, pid, (size_t)len, 0) < 0) {
		/* The pid is a courtesy for the message above. */
	}
	return PR_OK;
}

pr_status pr_worker_run(pr_app *app, const pr_worker_options *opt, pr_error *err)
{
	worker w = {.app = app, .opt = opt, .again_in = -1};
	w.hot = pr_config_hot_dir(&app->cfg);
	w.archive = pr_config_archive_dir(&app->cfg);
	w.quarantine = pr_config_quarantine_dir(&app->cfg);
	pr_watch *watch = NULL;
	int lock = -1;
	bool watching = false;
	char why[200] = "";
	pr_status st = pr_mkdir_p(w.hot, err);
	if (st == PR_OK)
		st = lock_hot(w.hot, &lock, err);
	if (st == PR_OK && !opt->once)
		st = pr_watch_open(w.hot, &watch, &watching, why, sizeof why, err);
	if (st == PR_OK && !opt->once)
		say(&w, PR_LOG_INFO, "watching %s (%s); archive %s, quarantine %s", w.hot,
		    watching ? "inotify" : why, w.archive, w.quarantine);

	time_t due[NJOBS] = {0};
	while (st == PR_OK && !stopping(&w)) {
		time_t now = time(NULL);
		int wait_s = -1;
		for (size_t j = 0; j < NJOBS && !stopping(&w); j++) {
			if (now >= due[j]) {
				pr_error jerr;
				pr_error_clear(&jerr);
				w.again_in = -1;
				if (jobs[j].run(&w, &jerr) != PR_OK)
					say(&w, PR_LOG_ERROR, "%s: %s", jobs[j].name, jerr.msg);
				int next = jobs[j].interval(&app->cfg);
				if (w.again_in >= 0 && w.again_in < next)
					next = w.again_in;
				due[j] = time(NULL) + next;
			}
			int left = (int)(due[j] - time(NULL));
			if (left < 0)
				left = 0;
			if (wait_s < 0 || left < wait_s)
				wait_s = left;
		}
		if (opt->once || stopping(&w))
			break;
		if (pr_watch_wait(watch, wait_s * 1000, on_arrival, &w))
			for (size_t j = 0; j < NJOBS; j++)
				if (jobs[j].wakes_on_file)
					due[j] = 0;
	}
	if (st == PR_OK && !opt->once)
		say(&w, PR_LOG_INFO, "stopped");
	pr_watch_close(watch);
	if (lock >= 0)
		close(lock);
	free(w.hot);
	free(w.archive);
	free(w.quarantine);
	return st;
}
