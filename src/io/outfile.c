/* Output files written whole or not at all: a new temporary file beside
 * the target, flushed to disk, then renamed over it. No outside library. */
#include "postroom/io/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

pr_status pr_out_begin(const char *path, const char *suffix, char *tmp, size_t cap,
		       int *fd, pr_error *err)
{
	if (fd)
		*fd = -1;
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no output file named");
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dirlen = slash ? (int)(slash - path) + 1 : 0;
	if (!*base)
		return pr_fail(err, PR_EIO, "cannot write %s: it names a folder", path);
	int n = snprintf(tmp, cap, "%.*s.%.40s.XXXXXX%s", dirlen, path, base,
			 suffix ? suffix : "");
	if (n < 0 || (size_t)n >= cap)
		return pr_fail(err, PR_EIO, "cannot write %s: the path is too long", path);
	int f = mkstemps(tmp, suffix ? (int)strlen(suffix) : 0);
	if (f < 0) {
		int e = errno;
		tmp[0] = '\0';
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	/* mkstemps makes the file 0600; an output file is for others too. */
	(void)fchmod(f, 0644);
	/* Held while the descriptor is open: a temporary nobody holds is one
	 * whose writer died (pr_out_sweep). A new file: it cannot be taken. */
	(void)flock(f, LOCK_EX | LOCK_NB);
	if (fd)
		*fd = f;
	else
		close(f);
	return PR_OK;
}

void pr_out_abandon(const char *tmp)
{
	int e = errno;
	if (tmp && *tmp)
		unlink(tmp);
	errno = e;
}

pr_status pr_out_commit(const char *tmp, const char *path, pr_error *err)
{
	int f = open(tmp, O_RDONLY | O_CLOEXEC);
	if (f < 0 || fsync(f) != 0) {
		int e = errno;
		if (f >= 0)
			close(f);
		pr_out_abandon(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	close(f);
	if (rename(tmp, path) != 0) {
		int e = errno;
		pr_out_abandon(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	return PR_OK;
}

/* Whether NAME is a temporary of pr_out_begin for a file called BASE:
 * ".BASE." (BASE cut to 40 bytes), six characters, then the suffix. */
static bool temporary_of(const char *name, const char *base)
{
	size_t n = strlen(base) < 40 ? strlen(base) : 40;
	return name[0] == '.' && strncmp(name + 1, base, n) == 0 && name[n + 1] == '.' &&
	       strlen(name + n + 2) >= 6;
}

void pr_out_sweep(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	if (!slash || !slash[1])
		return;
	char dir[1024];
	if (snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path) >=
	    (int)sizeof dir)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!temporary_of(e->d_name, slash + 1))
			continue;
		int f = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (f < 0)
			continue;
		struct stat sb;
		/* Taken while it is still the file listed: its writer is gone. */
		if (fstat(f, &sb) == 0 && S_ISREG(sb.st_mode) && flock(f, LOCK_EX | LOCK_NB) == 0)
			(void)unlinkat(dirfd(d), e->d_name, 0);
		close(f);
	}
	closedir(d);
}
