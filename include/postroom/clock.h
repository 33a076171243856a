/* Time: an injectable "now", the site's time zone, and days.
 *
 * Times are seconds since the Unix epoch (UTC). A "day" is a local calendar
 * date in the configured time zone, written YYYY-MM-DD and counted as a day
 * number (days since 1970-01-01) for arithmetic. */
#ifndef POSTROOM_CLOCK_H
#define POSTROOM_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "postroom/status.h"

typedef int64_t pr_time;

#define PR_DAY_LEN 11  /* "YYYY-MM-DD" and its terminator */
#define PR_TIME_LEN 32 /* "YYYY-MM-DDTHH:MM:SS+HH:MM" and its terminator */

/* The current time: the real clock, or the fixed time set below. */
pr_time pr_now(void);

/* Fixes "now" at T for everything that asks pr_now(); T = 0 restores the
 * real clock. Used by tests and by POSTROOM_NOW. */
void pr_clock_fix(pr_time t);

/* Reads POSTROOM_NOW (an ISO 8601 time, see pr_time_parse) when set. A test
 * build (MODE=test: PR_TEST_CLOCK) fixes the clock there at once; a release
 * build only keeps it for pr_clock_allow_env, so the audit trail of a real
 * database records real time. PR_EINVAL names the variable when it cannot
 * be read. */
pr_status pr_clock_from_env(pr_error *err);

/* Fixes the clock at the POSTROOM_NOW read by pr_clock_from_env, if any:
 * called when the database is a demo (training) one, where a chosen time
 * harms nobody. */
void pr_clock_allow_env(void);

/* True when POSTROOM_NOW was given but is not in use (a release build on a
 * database that is not a demo one). */
bool pr_clock_env_ignored(void);

/* Whether this is a test build, whose clock POSTROOM_NOW always sets. */
bool pr_clock_test_build(void);

/* Whether TZ names a time zone this machine knows ("UTC", "Europe/London";
 * not a folder such as "Europe", where glibc would quietly use UTC). */
bool pr_timezone_known(const char *tz);

/* Makes TZ (an IANA zone name such as "Europe/London") the zone for local
 * days and times. PR_ECONFIG when the zone is unknown on this machine. */
pr_status pr_timezone_set(const char *tz, pr_error *err);

/* The local day of time T, as YYYY-MM-DD in OUT. */
void pr_time_day(pr_time t, char out[PR_DAY_LEN]);

/* T as local ISO 8601 with its UTC offset: 2026-11-20T09:30:00+00:00. */
void pr_time_format(pr_time t, char out[PR_TIME_LEN]);

/* T as local "HH:MM". */
void pr_time_hhmm(pr_time t, char out[6]);

/* Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]",
 * optionally followed by "Z" or "+HH:MM"/"-HH:MM"; without a zone the time is
 * local. PR_EINVAL when S is not such a time. */
pr_status pr_time_parse(const char *s, pr_time *out, pr_error *err);

/* Parses a day "YYYY-MM-DD" into a day number. PR_EINVAL when S is not a
 * real calendar date. */
pr_status pr_day_parse(const char *s, long *dayno, pr_error *err);

/* Writes day number DAYNO as YYYY-MM-DD. */
void pr_day_format(long dayno, char out[PR_DAY_LEN]);

/* The day number of the local day of time T. */
long pr_time_dayno(pr_time t);

/* The time of local midnight at the start of day DAYNO. */
pr_time pr_day_start(long dayno);

/* Day of week of DAYNO: 0 = Monday ... 6 = Sunday. */
int pr_day_weekday(long dayno);

#endif
