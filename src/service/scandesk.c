/* The scanning service as the Scan screen sees it (scandesk.h). */
#include "postroom/service/scandesk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "postroom/io/tiff.h"
#include "postroom/service/hotfolder.h"

static const char *const phase_names[] = { "idle", "reading", "writing" };

const char *pr_worker_phase_name(pr_worker_phase phase)
{
	return (unsigned)phase < sizeof phase_names / sizeof phase_names[0] ? phase_names[phase]
									     : "idle";
}

pr_status pr_worker_progress_write(const char *hot, const pr_worker_progress *p,
				   pr_error *err)
{
	char path[PR_PATH_MAX + 32], tmp[PR_PATH_MAX + 48], text[512];
	snprintf(path, sizeof path, "%s/%s", hot, PR_WORKER_STATUS_NAME);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	char file[256];
	/* One line a field: a name with a newline in it would end the line. */
	snprintf(file, sizeof file, "%s", p->file);
	file[strcspn(file, "\r\n")] = '\0';
	int len = snprintf(text, sizeof text, "pid %ld\nfile %s\nphase %s\npage %d\npages %d\n"
			   "at %lld\n", p->pid, file, pr_worker_phase_name(p->phase), p->page,
			   p->pages, (long long)p->at);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return pr_fail(err, PR_EIO, "cannot write %s: %s", tmp, strerror(errno));
	bool ok = write(fd, text, (size_t)len) == len;
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		unlink(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(saved));
	}
	return PR_OK;
}

void pr_worker_progress_clear(const char *hot)
{
	char path[PR_PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/%s", hot, PR_WORKER_STATUS_NAME);
	unlink(path);
}

pr_status pr_worker_progress_read(const char *hot, pr_worker_progress *out, pr_error *err)
{
	char path[PR_PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/%s", hot, PR_WORKER_STATUS_NAME);
	FILE *f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? pr_fail(err, PR_ENOTFOUND, "no worker status in %s", hot)
				       : pr_fail(err, PR_EIO, "cannot read %s: %s", path,
						 strerror(errno));
	pr_worker_progress p = {0};
	char line[400];
	int fields = 0;
	for (int n = 0; n < 16 && fgets(line, sizeof line, f); n++) {
		line[strcspn(line, "\n")] = '\0';
		char *sp = strchr(line, ' ');
		if (!sp)
			continue;
		*sp = '\0';
		const char *key = line, *val = sp + 1;
		if (strcmp(key, "pid") == 0) {
			p.pid = strtol(val, NULL, 10);
			fields |= 1;
		} else if (strcmp(key, "file") == 0) {
			snprintf(p.file, sizeof p.file, "%s", val);
			fields |= 2;
		} else if (strcmp(key, "phase") == 0) {
			for (size_t i = 0; i < sizeof phase_names / sizeof phase_names[0]; i++)
				if (strcmp(val, phase_names[i]) == 0) {
					p.phase = (pr_worker_phase)i;
					fields |= 4;
				}
		} else if (strcmp(key, "page") == 0) {
			p.page = atoi(val);
		} else if (strcmp(key, "pages") == 0) {
			p.pages = atoi(val);
		} else if (strcmp(key, "at") == 0) {
			p.at = (pr_time)strtoll(val, NULL, 10);
		}
	}
	fclose(f);
	if (fields != 7 || p.pid <= 0 || p.page < 0 || p.pages < 0 || p.page > p.pages)
		return pr_fail(err, PR_EINVAL, "%s is not a worker status", path);
	*out = p;
	return PR_OK;
}

/* Whether a worker holds HOT's lock, and its pid from the lock file. */
static bool worker_running(const char *hot, long *pid)
{
	char path[PR_PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/%s", hot, PR_WORKER_LOCK_NAME);
	*pid = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool held = false;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0)
		held = errno == EWOULDBLOCK;
	else
		flock(fd, LOCK_UN);
	if (held) {
		char buf[32];
		ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		*pid = strtol(buf, NULL, 10);
	}
	close(fd);
	return held;
}

static bool newest_file(const pr_scan_file *f, void *ud)
{
	pr_scan_desk *d = ud;
	d->last_activity = f->done_at ? f->done_at : f->arrived_at;
	snprintf(d->last_file, sizeof d->last_file, "%s", f->name);
	return false; /* the first is the newest */
}

pr_status pr_scan_desk_state(pr_app *app, pr_scan_desk *out, pr_error *err)
{
	pr_scan_desk d;
	memset(&d, 0, sizeof d);
	char *hot = pr_config_hot_dir(&app->cfg);
	snprintf(d.hot, sizeof d.hot, "%s", hot);
	free(hot);
	pr_hot_file *files = NULL;
	size_t n = 0;
	pr_error herr;
	if (pr_hot_list(d.hot, &files, &n, &herr) == PR_OK) {
		d.hot_ok = true;
		d.waiting = (int)n;
		free(files);
	}
	if (d.hot_ok)
		d.running = worker_running(d.hot, &d.pid);
	pr_worker_progress p;
	if (d.running && pr_worker_progress_read(d.hot, &p, &herr) == PR_OK &&
	    (d.pid == 0 || p.pid == d.pid) && p.phase != PR_WORKER_IDLE) {
		d.busy = true;
		d.progress = p;
		/* The file in hand is still in the hot folder: not waiting. */
		if (d.waiting > 0)
			d.waiting--;
	}
	pr_status st = pr_scan_list(app->db, -1, newest_file, &d, err);
	if (st != PR_OK)
		return st;
	*out = d;
	return PR_OK;
}

pr_status pr_scan_page_grey(const char *path, int page, int max_dpi, pr_grey_image *out,
			    int *pages, pr_error *err)
{
	pr_tiff *t = NULL;
	pr_status st = pr_tiff_open(path, &t, err);
	if (st != PR_OK)
		return st;
	int n = pr_tiff_pages(t);
	if (page < 1 || page > n) {
		pr_tiff_close(t);
		return pr_fail(err, PR_EINVAL, "%s has no page %d (it has %d)", path, page, n);
	}
	pr_grey_image img = {0};
	st = pr_tiff_page_grey(t, page - 1, max_dpi, &img, err);
	pr_tiff_close(t);
	if (st != PR_OK)
		return st;
	*out = img;
	if (pages)
		*pages = n;
	return PR_OK;
}
