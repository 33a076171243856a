/* The hot folder's files (hotfolder.h). */
#include "postroom/service/hotfolder.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

bool pr_hot_name_ok(const char *name)
{
	static const char *const temporary[] = {".tmp", ".part", ".partial", ".crdownload",
						"~", ".TMP", ".PART"};
	if (!name || !*name || name[0] == '.')
		return false;
	for (size_t i = 0; i < sizeof temporary / sizeof temporary[0]; i++)
		if (ends_with(name, temporary[i]))
			return false;
	return true;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const pr_hot_file *)a)->path, ((const pr_hot_file *)b)->path);
}

pr_status pr_hot_list(const char *dir, pr_hot_file **files, size_t *n, pr_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return pr_fail(err, PR_EIO, "cannot read folder %s: %s", dir, strerror(errno));
	pr_hot_file *list = NULL;
	size_t count = 0, cap = 0;
	struct dirent *e;
	pr_status st = PR_OK;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (!pr_hot_name_ok(e->d_name))
			continue;
		pr_hot_file f;
		int len = snprintf(f.path, sizeof f.path, "%s/%s", dir, e->d_name);
		if (len < 0 || (size_t)len >= sizeof f.path)
			continue;
		struct stat sb;
		if (stat(f.path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		f.size = (long long)sb.st_size;
		f.mtime = (pr_time)sb.st_mtime;
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			pr_hot_file *q = realloc(list, ncap * sizeof *q);
			if (!q) {
				st = pr_fail(err, PR_EIO, "out of memory listing %s", dir);
				break;
			}
			list = q;
			cap = ncap;
		}
		list[count++] = f;
		errno = 0;
	}
	if (st == PR_OK && errno != 0)
		st = pr_fail(err, PR_EIO, "cannot read folder %s: %s", dir, strerror(errno));
	closedir(d);
	if (st != PR_OK) {
		free(list);
		return st;
	}
	if (count)
		qsort(list, count, sizeof *list, by_path);
	*files = list;
	*n = count;
	return PR_OK;
}

bool pr_hot_settled(const pr_hot_file *f, pr_time now, int settle_s)
{
	return f->mtime <= now && now - f->mtime >= settle_s;
}
