/* Supervisor figures, read from the daily rollups the core keeps as items
 * change (never by counting all items). Definitions: DESIGN.md section 4. */
#ifndef POSTROOM_REPORT_H
#define POSTROOM_REPORT_H

#include <stdbool.h>
#include <stddef.h>

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

/* Periods of a report. Weeks start on Monday. */
typedef enum pr_period { PR_PERIOD_DAY, PR_PERIOD_WEEK, PR_PERIOD_MONTH } pr_period;

/* The first day of the period of kind KIND that holds day number DAYNO, and
 * the first day of the next one. */
long pr_period_start(pr_period kind, long dayno);
long pr_period_next(pr_period kind, long dayno);

/* One pr_figures a period (day, week or month) covering FROM_DAY..TO_DAY,
 * widened to whole periods; each is the sum of its daily counts (never an
 * average of percentages), named by its first day, with the target in force
 * on its last day. DEPT_CODE NULL for all departments. */
pr_status pr_report_periods(pr_db *db, pr_period kind, const char *from_day,
			    const char *to_day, const char *dept_code,
			    pr_figures_fn fn, void *ud, pr_error *err);

/* A department's figures over a period. */
typedef struct pr_dept_figures {
	char code[13];
	char name[321];
	pr_figures f;         /* f.day is the period's first day */
} pr_dept_figures;

typedef bool (*pr_dept_figures_fn)(const pr_dept_figures *d, void *ud);

/* Every department's figures from FROM_DAY to TO_DAY, worst scanned
 * percentage first; departments that received nothing come last. */
pr_status pr_report_depts(pr_db *db, const char *from_day, const char *to_day,
			  pr_dept_figures_fn fn, void *ud, pr_error *err);

/* Ages of work waiting, measured from the time of receipt to now. */
#define PR_AGE_LIST(A)                                   \
	A(PR_AGE_UNDER_4H, "under_4h", "< 4 hours")      \
	A(PR_AGE_SAME_DAY, "same_day", "same day")       \
	A(PR_AGE_1_DAY, "1_day", "1 day")                \
	A(PR_AGE_2_DAYS, "2_days_plus", "2+ days")

#define PR_AGE_ENUM(e, ...) e,
typedef enum pr_age { PR_AGE_LIST(PR_AGE_ENUM) PR_AGE_COUNT } pr_age;
#undef PR_AGE_ENUM

/* The column name and the label of an age. */
const char *pr_age_name(pr_age a);
const char *pr_age_label(pr_age a);

/* Items not yet scanned or handled in one department (or all: code ""):
 * received or batched and not scanned, or exceptions not yet handed over. */
typedef struct pr_backlog {
	char code[13];
	char name[321];
	long by_age[PR_AGE_COUNT];
	long unscanned;       /* received or batched */
	long exceptions;      /* exceptions awaiting hand-over */
	long total;
} pr_backlog;

typedef bool (*pr_backlog_fn)(const pr_backlog *b, void *ud);

/* The backlog by department, largest first, then the total of all (code
 * ""). DEPT_CODE NULL for every department. Reads only the open items. */
pr_status pr_report_backlog(pr_db *db, const char *dept_code, pr_backlog_fn fn,
			    void *ud, pr_error *err);

/* How long items received on a day took to be scanned and to be emailed,
 * in minutes: median and 90th percentile by nearest rank, -1 when none. */
typedef struct pr_cycle {
	char day[PR_DAY_LEN];
	long received;
	long scanned;
	long scan_median_min, scan_p90_min;
	long emailed;
	long email_median_min, email_p90_min;
} pr_cycle;

typedef bool (*pr_cycle_fn)(const pr_cycle *c, void *ud);

/* Cycle times a day from FROM_DAY to TO_DAY for DEPT_CODE or all (NULL).
 * Reads the items of the period. */
pr_status pr_report_cycle(pr_db *db, const char *from_day, const char *to_day,
			  const char *dept_code, pr_cycle_fn fn, void *ud,
			  pr_error *err);

/* What one operator did on one day, from the audit trail. */
typedef struct pr_activity {
	char day[PR_DAY_LEN];
	char login[33];
	long logged;          /* items logged */
	long exceptions;      /* items marked exceptions or handed over */
	long batches_closed;
} pr_activity;

typedef bool (*pr_activity_fn)(const pr_activity *a, void *ud);

/* Operators' work a day from FROM_DAY to TO_DAY, by day then login. */
pr_status pr_report_operators(pr_db *db, const char *from_day, const char *to_day,
			      pr_activity_fn fn, void *ud, pr_error *err);

/* One difference between the kept daily counts and the items. */
typedef struct pr_rollup_diff {
	char day[PR_DAY_LEN];
	char dept_code[13];
	const char *column;   /* "received", "scanned", ... */
	long kept;
	long actual;
} pr_rollup_diff;

typedef bool (*pr_rollup_diff_fn)(const pr_rollup_diff *d, void *ud);

/* Recounts the daily figures from the items into a scratch table and
 * reports every difference from the kept ones; *NDIFF is their number.
 * Reads every item: for checking, not for reports. */
pr_status pr_report_check(pr_db *db, pr_rollup_diff_fn fn, void *ud,
			  size_t *ndiff, pr_error *err);

#endif
