#include "postroom/clock.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static pr_time fixed_now;
/* POSTROOM_NOW as read, waiting for a demo database (release builds). */
static pr_time env_now;
static bool env_used;

#ifndef PR_TEST_CLOCK
#define PR_TEST_CLOCK 0
#endif

pr_time pr_now(void)
{
	return fixed_now ? fixed_now : (pr_time)time(NULL);
}

void pr_clock_fix(pr_time t)
{
	fixed_now = t;
}

pr_status pr_clock_from_env(pr_error *err)
{
	const char *s = getenv("POSTROOM_NOW");
	pr_time t;
	if (!s || !*s)
		return PR_OK;
	if (pr_time_parse(s, &t, err) != PR_OK)
		return pr_fail(err, PR_EINVAL, "POSTROOM_NOW: '%s' is not a time "
			       "(use YYYY-MM-DDTHH:MM:SS)", s);
	env_now = t;
	env_used = false;
	if (PR_TEST_CLOCK)
		pr_clock_allow_env();
	return PR_OK;
}

void pr_clock_allow_env(void)
{
	if (env_now && !env_used) {
		pr_clock_fix(env_now);
		env_used = true;
	}
}

bool pr_clock_env_ignored(void)
{
	return env_now && !env_used;
}

bool pr_clock_test_build(void)
{
	return PR_TEST_CLOCK;
}

bool pr_timezone_known(const char *tz)
{
	char path[300];
	struct stat sb;
	if (!tz || !*tz || strstr(tz, "..") || tz[0] == '/' || strlen(tz) > 200)
		return false;
	if (strcmp(tz, "UTC") == 0)
		return true;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	if (access(path, R_OK) != 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	/* The folder holds other files too (zone.tab, iso3166.tab, leapseconds),
	 * which glibc would quietly take for UTC: a zone starts "TZif". */
	char magic[4] = "";
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t n = fread(magic, 1, sizeof magic, f);
	fclose(f);
	return n == sizeof magic && memcmp(magic, "TZif", 4) == 0;
}

pr_status pr_timezone_set(const char *tz, pr_error *err)
{
	if (!pr_timezone_known(tz))
		return pr_fail(err, PR_ECONFIG, "time zone '%s' is unknown on this "
			       "machine (use a name such as Europe/London)",
			       tz ? tz : "");
	setenv("TZ", tz, 1);
	tzset();
	return PR_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static void local_tm(pr_time t, struct tm *tm)
{
	time_t tt = (time_t)t;
	localtime_r(&tt, tm);
}

long pr_time_dayno(pr_time t)
{
	struct tm tm;
	local_tm(t, &tm);
	return days_from_civil(tm.tm_year + 1900L, (unsigned)tm.tm_mon + 1,
			       (unsigned)tm.tm_mday);
}

void pr_time_day(pr_time t, char out[PR_DAY_LEN])
{
	pr_day_format(pr_time_dayno(t), out);
}

void pr_day_format(long dayno, char out[PR_DAY_LEN])
{
	int y, m, d;
	civil_from_days(dayno, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(out, PR_DAY_LEN, "0000-00-00");
		return;
	}
	snprintf(out, PR_DAY_LEN, "%04d-%02d-%02d", y, m, d);
}

pr_time pr_day_start(long dayno)
{
	int y, m, d;
	struct tm tm = { 0 };
	civil_from_days(dayno, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (pr_time)mktime(&tm);
}

int pr_day_weekday(long dayno)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = (dayno + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

void pr_time_format(pr_time t, char out[PR_TIME_LEN])
{
	struct tm tm;
	char zone[8];
	local_tm(t, &tm);
	strftime(out, PR_TIME_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z", &tm); /* +0100 */
	size_t n = strlen(out);
	if (strlen(zone) == 5)
		snprintf(out + n, PR_TIME_LEN - n, "%.3s:%.2s", zone, zone + 3);
}

void pr_time_hhmm(pr_time t, char out[6])
{
	struct tm tm;
	local_tm(t, &tm);
	unsigned h = (unsigned)tm.tm_hour % 24, m = (unsigned)tm.tm_min % 60;
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
}

/* Reads exactly N digits at *P into *OUT and advances *P. */
static int read_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return 0;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Parses YYYY-MM-DD at *P; advances *P. */
static int read_date(const char **p, int *y, int *m, int *d)
{
	if (!read_digits(p, 4, y) || **p != '-')
		return 0;
	(*p)++;
	if (!read_digits(p, 2, m) || **p != '-')
		return 0;
	(*p)++;
	if (!read_digits(p, 2, d))
		return 0;
	return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 &&
	       *d <= days_in_month(*y, *m);
}

pr_status pr_day_parse(const char *s, long *dayno, pr_error *err)
{
	int y, m, d;
	const char *p = s;
	if (!s || !read_date(&p, &y, &m, &d) || *p != '\0')
		return pr_fail(err, PR_EINVAL, "'%s' is not a date (use YYYY-MM-DD)",
			       s ? s : "");
	*dayno = days_from_civil(y, (unsigned)m, (unsigned)d);
	return PR_OK;
}

pr_status pr_time_parse(const char *s, pr_time *out, pr_error *err)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	const char *p = s;
	if (!s || !read_date(&p, &y, &m, &d))
		goto bad;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (!read_digits(&p, 2, &hh) || *p++ != ':' || !read_digits(&p, 2, &mm))
			goto bad;
		if (*p == ':') {
			p++;
			if (!read_digits(&p, 2, &ss))
				goto bad;
		}
		if (hh > 23 || mm > 59 || ss > 60)
			goto bad;
	}
	if (*p == '\0') {
		struct tm tm = { 0 };
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_hour = hh;
		tm.tm_min = mm;
		tm.tm_sec = ss;
		tm.tm_isdst = -1;
		*out = (pr_time)mktime(&tm);
		return PR_OK;
	}
	long offset = 0;
	if (*p == 'Z' && p[1] == '\0') {
		offset = 0;
	} else if ((*p == '+' || *p == '-') && p[1]) {
		int sign = *p++ == '-' ? -1 : 1, oh, om;
		if (!read_digits(&p, 2, &oh))
			goto bad;
		if (*p == ':')
			p++;
		if (!read_digits(&p, 2, &om) || *p != '\0' || oh > 23 || om > 59)
			goto bad;
		offset = sign * (oh * 3600L + om * 60L);
	} else {
		goto bad;
	}
	*out = (pr_time)days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 +
	       hh * 3600L + mm * 60L + ss - offset;
	return PR_OK;
bad:
	return pr_fail(err, PR_EINVAL, "'%s' is not a time (use YYYY-MM-DD or "
		       "YYYY-MM-DDTHH:MM[:SS], optionally with Z or +HH:MM)",
		       s ? s : "");
}
