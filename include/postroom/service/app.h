/* What both front ends (the command line and the console) share: the
 * loaded configuration, where the database is, and opening it with the
 * settings applied. */
#ifndef POSTROOM_SERVICE_APP_H
#define POSTROOM_SERVICE_APP_H

#include <stdbool.h>

#include "postroom/config.h"
#include "postroom/db.h"

#define PR_VERSION "0.1.0"

typedef struct pr_app {
	pr_config cfg;
	char *db_path;   /* --db, $POSTROOM_DB, config, or the data dir default */
	pr_db *db;       /* opened by pr_app_open_db; closed by main */
} pr_app;

/* Opens (and upgrades) APP's database if it is not open yet, and applies
 * the configuration's database settings (target, busy timeout, mixed
 * batches). With CREATE a missing file is made. Fails as pr_db_open, with
 * APP->db left NULL. */
pr_status pr_app_open_db(pr_app *app, bool create, pr_error *err);

#endif
