/* What main() hands to the command line and the console: the loaded
 * configuration and where the database is. Shared by src/cli and src/ui. */
#ifndef POSTROOM_APP_H
#define POSTROOM_APP_H

#include <stdio.h>

#include "postroom/config.h"
#include "postroom/db.h"

#define PR_VERSION "0.1.0"

typedef struct pr_app {
	pr_config cfg;
	char *db_path;   /* --db, $POSTROOM_DB, config, or the data dir default */
	pr_db *db;       /* opened by app_open_db; closed by main */
} pr_app;

/* Opens (and upgrades) the database for APP if not yet open. With CREATE
 * a missing file is made. Prints "postroom: message" on stderr on failure
 * and returns the exit status to use (1), else 0. */
int app_open_db(pr_app *app, int create);

/* Runs the ncurses console; returns the process exit status. */
int ui_run(pr_app *app);

/* Runs one command (ARGV[0] is its name); returns the exit status:
 * 0 done, 1 failed, 2 bad usage. */
int cli_run(pr_app *app, int argc, char **argv);

/* Prints the global usage to F. */
void cli_usage(FILE *f);

#endif
