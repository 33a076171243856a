/* Supervisor figures, read from the daily rollups the core keeps as items
 * change (never by counting all items). Definitions: DESIGN.md section 4. */
#ifndef POSTROOM_REPORT_H
#define POSTROOM_REPORT_H

#include <stdbool.h>

#include "postroom/clock.h"
#include "postroom/db.h"

typedef struct pr_figures {
	char day[PR_DAY_LEN];  /* the day, or the first day of the period */
	long received;
	long scanned;
	long scanned_same_day;
	long emailed;
	long exceptions;
	long pending;          /* received - scanned - exceptions */
	double target_pct;     /* the target in force on the day */
} pr_figures;

typedef bool (*pr_figures_fn)(const pr_figures *f, void *ud);

/* The scanned percentage of F, rounded to one decimal; false (and *PCT
 * untouched) when nothing was received. */
bool pr_figures_pct(const pr_figures *f, double *pct);

/* The same-day rate of F: the share of received scanned before the day
 * ended; false when nothing was received. */
bool pr_figures_same_day_pct(const pr_figures *f, double *pct);

/* Whether F met its target; false when nothing was received. */
bool pr_figures_met(const pr_figures *f);

/* One pr_figures a day from FROM_DAY to TO_DAY inclusive (YYYY-MM-DD), days
 * with nothing received included, for department DEPT_CODE or all (NULL). */
pr_status pr_report_daily(pr_db *db, const char *from_day, const char *to_day,
			  const char *dept_code, pr_figures_fn fn, void *ud,
			  pr_error *err);

/* The figures of one day (all departments) into OUT. */
pr_status pr_report_day(pr_db *db, const char *day, pr_figures *out, pr_error *err);

/* The scanned target in force on DAY. */
pr_status pr_target_on(pr_db *db, const char *day, double *pct, pr_error *err);

#endif
