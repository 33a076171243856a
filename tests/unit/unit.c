#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];
static char pathbuf[512];
static int db_counter;

static void remove_tmpdir(void)
{
	char cmd[300];
	if (tmpdir[0] == '\0')
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *unit_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/postroom-unit.XXXXXX",
			 base && *base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(1);
		}
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

const char *unit_path(const char *name)
{
	snprintf(pathbuf, sizeof pathbuf, "%s/%s", unit_tmpdir(), name);
	return pathbuf;
}

pr_db *unit_db_new(void)
{
	pr_error err;
	pr_db *db = NULL;
	char name[64];

	pr_clock_fix(UNIT_NOW);
	if (pr_timezone_set("Europe/London", &err) != PR_OK)
		fail_msg("timezone: %s", err.msg);
	snprintf(name, sizeof name, "unit-%d-%d.db", (int)getpid(), ++db_counter);
	pr_status st = pr_db_open(unit_path(name), PR_DB_CREATE, &db, &err);
	if (st != PR_OK)
		fail_msg("open %s: %s", name, err.msg);
	pr_db_set_actor(db, "tester");
	return db;
}

void unit_db_free(pr_db *db)
{
	char path[600];
	if (!db)
		return;
	snprintf(path, sizeof path, "%s", pr_db_path(db));
	pr_db_close(db);
	unlink(path);
	strncat(path, "-wal", sizeof path - strlen(path) - 1);
	unlink(path);
	path[strlen(path) - 4] = '\0';
	strncat(path, "-shm", sizeof path - strlen(path) - 1);
	unlink(path);
}
