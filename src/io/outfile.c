/* Output files written whole or not at all: a new temporary file beside
 * the target, flushed to disk, then renamed over it. Only a regular file or
 * a new name is ever replaced. No outside library. */
#include "postroom/io/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a new output file may be: read and written by its owner, read by
 * the owner's group, never by everyone (the files hold personal data). */
#define OUT_MODE 0640

/* PR_OK when PATH names nothing yet or a regular file that may be
 * replaced; otherwise PR_EIO saying what is there. */
static pr_status check_target(const char *path, pr_error *err)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT)
			return PR_OK;
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(errno));
	}
	if (S_ISREG(sb.st_mode))
		return PR_OK;
	if (S_ISLNK(sb.st_mode)) {
		char to[PATH_MAX];
		ssize_t n = readlink(path, to, sizeof to - 1);
		to[n > 0 ? n : 0] = '\0';
		return pr_fail(err, PR_EIO, "cannot write %s: it is a symbolic link "
			       "(to %s); name the file itself", path, n > 0 ? to : "?");
	}
	const char *what = S_ISDIR(sb.st_mode) ? "a folder"
		: S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "a device"
		: S_ISFIFO(sb.st_mode) ? "a named pipe"
		: S_ISSOCK(sb.st_mode) ? "a socket" : "not a regular file";
	return pr_fail(err, PR_EIO, "cannot write %s: it is %s, not a regular file; "
		       "name a new file or a regular one", path, what);
}

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
	pr_status st = check_target(path, err);
	if (st != PR_OK)
		return st;
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
	/* mkstemps makes the file 0600; the group may read it too, unless the
	 * umask says otherwise. */
	mode_t mask = umask(0);
	umask(mask);
	(void)fchmod(f, OUT_MODE & ~mask);
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
	/* Again just before the rename: something may have appeared there
	 * while the file was being written. */
	pr_status st = check_target(path, err);
	if (st != PR_OK) {
		pr_out_abandon(tmp);
		return st;
	}
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
