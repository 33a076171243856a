/* A folder watched with inotify (watch.h). */
#include "postroom/io/watch.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct pr_watch {
	int fd;  /* -1 when polling */
};

pr_status pr_watch_open(const char *dir, pr_watch **out, bool *watching, char *why,
			size_t whycap, pr_error *err)
{
	struct stat sb;
	if (stat(dir, &sb) != 0)
		return pr_fail(err, PR_EIO, "cannot watch %s: %s", dir, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return pr_fail(err, PR_EIO, "cannot watch %s: not a folder", dir);
	pr_watch *w = malloc(sizeof *w);
	if (!w)
		return pr_fail(err, PR_EIO, "out of memory watching %s", dir);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd >= 0 && inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
		snprintf(why, whycap, "%s", strerror(errno));
		close(w->fd);
		w->fd = -1;
	} else if (w->fd < 0) {
		snprintf(why, whycap, "%s", strerror(errno));
	}
	*watching = w->fd >= 0;
	*out = w;
	return PR_OK;
}

bool pr_watch_wait(pr_watch *w, int timeout_ms, pr_watch_fn fn, void *ud)
{
	if (w->fd < 0) {
		if (timeout_ms < 0)
			return pause(), false;
		struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
		nanosleep(&ts, NULL);
		return false;
	}
	struct pollfd p = {.fd = w->fd, .events = POLLIN};
	if (poll(&p, 1, timeout_ms) <= 0)
		return false;
	/* Drain the queue, naming each file to FN. */
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool any = false;
	ssize_t n;
	while ((n = read(w->fd, buf, sizeof buf)) > 0) {
		any = true;
		for (char *at = buf; at < buf + n;) {
			const struct inotify_event *e = (const struct inotify_event *)(void *)at;
			if (fn && e->len > 0 && e->name[0])
				fn(e->name, (e->mask & IN_MOVED_TO) != 0, ud);
			at += sizeof *e + e->len;
		}
	}
	return any;
}

void pr_watch_close(pr_watch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	free(w);
}
