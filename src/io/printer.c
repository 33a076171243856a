/* Printing: to a CUPS queue through libcups, or, with no printer named in
 * the configuration, into the spool folder. */
#include "postroom/io/printer.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cups/cups.h>

#include "postroom/xmem.h"

/* How long a connection to the scheduler, and then each request, may take
 * before the scheduler counts as not answering. */
#define CONNECT_TIMEOUT_MS 5000
#define REQUEST_TIMEOUT_S 10.0

/* Spool names: NNNN-TITLE.ext, the title cut to this many bytes. */
#define SPOOL_TITLE_MAX 60
#define SPOOL_EXT_MAX 8

static void set_out(pr_print_result *out, const char *destination, int job_id)
{
	if (!out)
		return;
	snprintf(out->destination, sizeof out->destination, "%s", destination);
	out->job_id = job_id;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Opens PATH for reading and checks it is a regular file. */
static pr_status open_input(const char *path, int *fd_out, pr_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return pr_fail(err, PR_EIO, "cannot read %s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return pr_fail(err, PR_EIO, "cannot read %s: %s", path, strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return pr_fail(err, PR_EIO, "cannot print %s: not a regular file", path);
	}
	*fd_out = fd;
	return PR_OK;
}

/* ---- spool folder ---- */

/* TITLE as a file-name part: letters, digits, '.', '_' and '-' kept, runs of
 * anything else made one '-', no leading dots or dashes, at most MAX bytes;
 * "job" when nothing is left. */
static void sanitise(const char *title, char *out, size_t max)
{
	size_t n = 0;
	bool dash = false;
	for (const unsigned char *p = (const unsigned char *)title; *p && n < max; p++) {
		if (isalnum(*p) || *p == '.' || *p == '_' || *p == '-') {
			if ((*p == '.' || *p == '-') && n == 0)
				continue;
			if (dash && n > 0 && n < max - 1 && *p != '-')
				out[n++] = '-';
			dash = false;
			out[n++] = (char)*p;
		} else {
			dash = true;
		}
	}
	while (n > 0 && (out[n - 1] == '-' || out[n - 1] == '.'))
		n--;
	out[n] = '\0';
	if (n == 0)
		snprintf(out, max + 1, "job");
}

/* The extension of PATH's file name, lower case, with its dot ("" when it has
 * none, or an unusable one). */
static void extension(const char *path, char *out, size_t cap)
{
	const char *name = base_name(path);
	const char *dot = strrchr(name, '.');
	out[0] = '\0';
	if (!dot || dot == name || dot[1] == '\0' || strlen(dot + 1) > SPOOL_EXT_MAX ||
	    cap < SPOOL_EXT_MAX + 2)
		return;
	size_t n = 0;
	out[n++] = '.';
	for (const unsigned char *p = (const unsigned char *)dot + 1; *p; p++) {
		if (!isalnum(*p)) {
			out[0] = '\0';
			return;
		}
		out[n++] = (char)tolower(*p);
	}
	out[n] = '\0';
}

/* One more than the highest NNNN- prefix in DIR (1 when there is none). */
static long next_number(const char *dir)
{
	long max = 0;
	DIR *d = opendir(dir);
	if (!d)
		return 1;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char *end;
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		long v = strtol(e->d_name, &end, 10);
		if (*end == '-' && v > max && v < 100000000L)
			max = v;
	}
	closedir(d);
	return max + 1;
}

/* Copies everything from IN to OUT. */
static int copy_fd(int in, int out)
{
	char buf[65536];
	for (;;) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		for (ssize_t off = 0; off < r;) {
			ssize_t w = write(out, buf + off, (size_t)(r - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return -1;
			off += w;
		}
	}
}

static pr_status spool_file(const pr_config *cfg, const char *path, const char *title,
			    int in, pr_print_result *out, pr_error *err)
{
	char *dir = pr_config_spool_dir(cfg);
	char *tmp = NULL, *final = NULL;
	int fd = -1;
	pr_status st = pr_mkdir_p(dir, err);
	if (st != PR_OK)
		goto done;

	/* The copy is written under a hidden temporary name and only then
	 * given its NNNN- name, so the spool never shows half a file. */
	tmp = xasprintf("%s/.postroom-spool-XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd < 0) {
		st = pr_fail(err, PR_EIO, "cannot write in the spool folder %s: %s", dir,
			     strerror(errno));
		free(tmp);
		tmp = NULL;
		goto done;
	}
	if (copy_fd(in, fd) != 0 || fchmod(fd, 0640) != 0 || fsync(fd) != 0) {
		st = pr_fail(err, PR_EIO, "cannot copy %s into the spool folder %s: %s", path,
			     dir, strerror(errno));
		goto done;
	}
	if (close(fd) != 0) {
		fd = -1;
		st = pr_fail(err, PR_EIO, "cannot copy %s into the spool folder %s: %s", path,
			     dir, strerror(errno));
		goto done;
	}
	fd = -1;

	char name[SPOOL_TITLE_MAX + 1], ext[SPOOL_EXT_MAX + 2];
	sanitise(title, name, SPOOL_TITLE_MAX);
	extension(path, ext, sizeof ext);
	/* A title that is the file's own name does not repeat its extension. */
	size_t nl = strlen(name), el = strlen(ext);
	if (el > 0 && nl > el && strcasecmp(name + nl - el, ext) == 0)
		name[nl - el] = '\0';
	/* link() never replaces a file, so two postrooms spooling at once each
	 * get a number of their own: on EEXIST, the next one. */
	long n = next_number(dir);
	for (int tries = 0;; tries++, n++) {
		free(final);
		final = xasprintf("%s/%04ld-%s%s", dir, n, name, ext);
		if (link(tmp, final) == 0)
			break;
		if (errno != EEXIST || tries >= 1000) {
			st = pr_fail(err, PR_EIO, "cannot name the spool file %s: %s", final,
				     strerror(errno));
			goto done;
		}
	}
	set_out(out, final, 0);

done:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(final);
	free(dir);
	return st;
}

/* ---- CUPS ---- */

static pr_status print_cups(const char *printer, const char *path, const char *title,
			    pr_print_result *out, pr_error *err)
{
	/* libcups reads CUPS_SERVER (and client.conf) once per thread and keeps
	 * it; forgetting it here makes every print follow the environment of
	 * the moment. */
	cupsSetServer(NULL);
	const char *server = cupsServer();
	int port = ippPort();
	char where[300];
	if (server[0] == '/')
		snprintf(where, sizeof where, "%s", server);
	else
		snprintf(where, sizeof where, "%s:%d", server, port);

	http_t *http = httpConnect2(server, port, NULL, AF_UNSPEC, cupsEncryption(), 1,
				    CONNECT_TIMEOUT_MS, NULL);
	if (!http)
		return pr_fail(err, PR_EIO, "the print scheduler (%s) is not running", where);
	httpSetTimeout(http, REQUEST_TIMEOUT_S, NULL, NULL);

	/* Connecting is not enough (something else may hold the port): the
	 * scheduler must answer a cheap IPP request, whatever its status. */
	ipp_t *probe = cupsDoRequest(http, ippNewRequest(IPP_OP_CUPS_GET_DEFAULT), "/");
	if (!probe) {
		pr_status down = pr_fail(err, PR_EIO, "the print scheduler (%s) is not answering: %s",
					 where, cupsLastErrorString());
		httpClose(http);
		return down;
	}
	ippDelete(probe);

	/* "queue/instance" names an lpoptions instance of a queue. */
	char name[256];
	snprintf(name, sizeof name, "%s", printer);
	char *instance = strchr(name, '/');
	if (instance)
		*instance++ = '\0';

	pr_status st = PR_OK;
	cups_dest_t *dest = cupsGetNamedDest(http, name, instance);
	if (!dest) {
		ipp_status_t e = cupsLastError();
		if (e == IPP_STATUS_ERROR_NOT_FOUND || e <= IPP_STATUS_OK_EVENTS_COMPLETE)
			st = pr_fail(err, PR_ENOTFOUND, "printer %s is unknown to CUPS (%s)",
				     printer, where);
		else if (e == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ||
			 e == IPP_STATUS_ERROR_INTERNAL)
			st = pr_fail(err, PR_EIO, "the print scheduler (%s) did not answer: %s",
				     where, cupsLastErrorString());
		else
			st = pr_fail(err, PR_EIO, "cannot look up printer %s on %s: %s", printer,
				     where, cupsLastErrorString());
		httpClose(http);
		return st;
	}

	/* As lp does: the queue's saved options, then the job. */
	cups_option_t *options = NULL;
	int num_options = 0;
	for (int i = 0; i < dest->num_options; i++)
		num_options = cupsAddOption(dest->options[i].name, dest->options[i].value,
					    num_options, &options);
	int job = cupsPrintFile2(http, dest->name, path, title, num_options, options);
	if (job <= 0)
		st = pr_fail(err, PR_EIO, "printing %s on %s failed: %s", path, printer,
			     cupsLastErrorString());
	else
		set_out(out, dest->name, job);

	cupsFreeOptions(num_options, options);
	cupsFreeDests(1, dest);
	httpClose(http);
	return st;
}

pr_status pr_print_file(const pr_config *cfg, const char *path, const char *title,
			pr_print_result *out, pr_error *err)
{
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no file to print");
	if (!title || !*title)
		title = base_name(path);

	int fd = -1;
	pr_status st = open_input(path, &fd, err);
	if (st != PR_OK)
		return st;
	if (cfg->printer && *cfg->printer) {
		/* libcups opens the file itself; the check above names it when
		 * it cannot be read. */
		close(fd);
		return print_cups(cfg->printer, path, title, out, err);
	}
	st = spool_file(cfg, path, title, fd, out, err);
	close(fd);
	return st;
}
