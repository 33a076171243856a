/* Opening the database for either front end, with the settings applied. */
#include "postroom/service/app.h"

#include "postroom/batch.h"

pr_status pr_app_open_db(pr_app *app, bool create, pr_error *err)
{
	if (app->db)
		return PR_OK;
	pr_status st = pr_db_open(app->db_path, create ? PR_DB_CREATE : 0, &app->db, err);
	if (st != PR_OK) {
		app->db = NULL;
		return st;
	}
	pr_db_set_default_target(app->db, app->cfg.scanned_target);
	pr_db_set_busy_timeout(app->db, app->cfg.busy_timeout_ms);
	pr_db_set_mixed_batches(app->db, app->cfg.mixed_batches);
	return PR_OK;
}
