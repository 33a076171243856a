/* Days, times, the site's zone (Europe/London) and the injectable clock. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "postroom/clock.h"

static int setup_london(void **state)
{
	(void)state;
	pr_error err;
	if (pr_timezone_set("Europe/London", &err) != PR_OK)
		return -1;
	pr_clock_fix(UNIT_NOW);
	return 0;
}

static void test_day_round_trip(void **state)
{
	(void)state;
	const char *days[] = { "1970-01-01", "2000-02-29", "2026-01-01", "2026-02-28",
			       "2026-03-01", "2026-12-31", "2028-02-29", "2099-12-31" };
	char out[PR_DAY_LEN];
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		pr_day_format(unit_day(days[i]), out);
		assert_string_equal(out, days[i]);
	}
	assert_int_equal(unit_day("1970-01-01"), 0);
	assert_int_equal(unit_day("2026-03-29"), 20541);
	assert_int_equal(unit_day("2028-02-29"), 21243);
	assert_int_equal(unit_day("2028-03-01") - unit_day("2028-02-28"), 2);
	assert_int_equal(unit_day("2027-03-01") - unit_day("2027-02-28"), 1);
	/* Every day of 2026 to 2028 formats and parses back to itself. */
	for (long d = unit_day("2026-01-01"); d <= unit_day("2028-12-31"); d++) {
		pr_day_format(d, out);
		assert_int_equal(unit_day(out), d);
	}
}

static void test_day_invalid(void **state)
{
	(void)state;
	const char *bad[] = { "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01",
			      "2026-00-10", "2026-01-00", "2026-01-32", "2026-1-5",
			      "26-01-05", "2026/01/05", "2026-01-05x", "", "today",
			      "2026-01-05 " };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pr_error err = { 0 };
		long d = 12345;
		assert_int_equal(pr_day_parse(bad[i], &d, &err), PR_EINVAL);
		assert_int_equal(d, 12345);
		assert_int_equal(err.code, PR_EINVAL);
		assert_non_null(strstr(err.msg, "YYYY-MM-DD"));
	}
	pr_error err = { 0 };
	long d;
	assert_int_equal(pr_day_parse(NULL, &d, &err), PR_EINVAL);
	assert_int_equal(pr_day_parse("2000-02-29", &d, &err), PR_OK);
}

static void test_time_parse_zones(void **state)
{
	(void)state;
	assert_int_equal(unit_time("2026-11-20T09:30:00Z"), UNIT_NOW);
	assert_int_equal(unit_time("2026-11-20T09:30Z"), UNIT_NOW);
	assert_int_equal(unit_time("2026-11-20T10:30:00+01:00"), UNIT_NOW);
	assert_int_equal(unit_time("2026-11-20T10:30:00+0100"), UNIT_NOW);
	assert_int_equal(unit_time("2026-11-20T04:30:00-05:00"), UNIT_NOW);
	/* 2026-07-01 is in BST: local noon is 11:00 UTC. */
	assert_int_equal(unit_time("2026-07-01T12:00"), 1782903600);
	assert_int_equal(unit_time("2026-07-01 12:00:00"), 1782903600);
	assert_int_equal(unit_time("2026-07-01T12:00:00+01:00"), 1782903600);
	assert_int_equal(unit_time("2026-07-01T11:00:00Z"), 1782903600);
	/* January is GMT: local equals UTC. */
	assert_int_equal(unit_time("2026-01-15T12:00"), 1768478400);
	assert_int_equal(unit_time("2026-01-15T12:00:00Z"), 1768478400);
	/* A bare date is local midnight. */
	assert_int_equal(unit_time("2026-07-01"), 1782903600 - 12 * 3600);
	assert_int_equal(unit_time("2026-11-20"), pr_day_start(unit_day("2026-11-20")));
}

static void test_time_parse_invalid(void **state)
{
	(void)state;
	const char *bad[] = { "2026-11-20T24:00", "2026-11-20T09:60", "2026-11-20T9:30",
			      "2026-11-20T09:30:00+1", "2026-11-20T09:30:00+01:00x",
			      "2026-11-20T09:30:00Zed", "2026-11-20T09:30:00+24:00",
			      "2026-02-29T09:30", "2026-11-20X09:30", "noon", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pr_error err = { 0 };
		pr_time t = 42;
		assert_int_equal(pr_time_parse(bad[i], &t, &err), PR_EINVAL);
		assert_int_equal(t, 42);
		assert_non_null(strstr(err.msg, "not a time"));
	}
}

static void test_time_format(void **state)
{
	(void)state;
	char out[PR_TIME_LEN], d[PR_DAY_LEN], hm[6];
	pr_time_format(UNIT_NOW, out);
	assert_string_equal(out, "2026-11-20T09:30:00+00:00");
	pr_time_format(1782903600, out);
	assert_string_equal(out, "2026-07-01T12:00:00+01:00");
	assert_int_equal(unit_time(out), 1782903600);
	pr_time_hhmm(1782903600, hm);
	assert_string_equal(hm, "12:00");
	/* 23:30 UTC on 30 June is already 1 July in London. */
	pr_time_day(unit_time("2026-06-30T23:30:00Z"), d);
	assert_string_equal(d, "2026-07-01");
	pr_time_day(unit_time("2026-12-31T23:30:00Z"), d);
	assert_string_equal(d, "2026-12-31");
	assert_int_equal(pr_time_dayno(unit_time("2026-06-30T23:30:00Z")), unit_day("2026-07-01"));
}

static void test_day_start_dst(void **state)
{
	(void)state;
	/* Clocks go forward at 01:00 GMT on Sunday 29 March 2026. */
	long spring = unit_day("2026-03-29");
	assert_int_equal(pr_day_start(spring), 1774742400);          /* 00:00Z */
	assert_int_equal(pr_day_start(spring + 1), 1774825200);      /* 23:00Z */
	assert_int_equal(pr_day_start(spring + 1) - pr_day_start(spring), 23 * 3600);
	assert_int_equal(pr_day_start(spring) - pr_day_start(spring - 1), 24 * 3600);
	/* And back at 02:00 BST on Sunday 25 October 2026. */
	long autumn = unit_day("2026-10-25");
	assert_int_equal(pr_day_start(autumn), 1792882800);          /* 23:00Z the day before */
	assert_int_equal(pr_day_start(autumn + 1), 1792972800);      /* 00:00Z */
	assert_int_equal(pr_day_start(autumn + 1) - pr_day_start(autumn), 25 * 3600);
	/* The start of every day is on that day, and a second before is not. */
	for (long d = spring - 3; d <= spring + 3; d++) {
		assert_int_equal(pr_time_dayno(pr_day_start(d)), d);
		assert_int_equal(pr_time_dayno(pr_day_start(d) - 1), d - 1);
	}
	for (long d = autumn - 3; d <= autumn + 3; d++) {
		assert_int_equal(pr_time_dayno(pr_day_start(d)), d);
		assert_int_equal(pr_time_dayno(pr_day_start(d) - 1), d - 1);
	}
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(pr_day_weekday(unit_day("1970-01-01")), 3);  /* Thursday */
	assert_int_equal(pr_day_weekday(unit_day("2026-11-20")), 4);  /* Friday */
	assert_int_equal(pr_day_weekday(unit_day("2026-03-29")), 6);  /* Sunday */
	assert_int_equal(pr_day_weekday(unit_day("2026-11-23")), 0);  /* Monday */
	assert_int_equal(pr_day_weekday(unit_day("1969-12-29")), 0);  /* before the epoch */
	for (long d = unit_day("2026-11-23"); d < unit_day("2026-11-23") + 14; d++)
		assert_int_equal(pr_day_weekday(d), (d - unit_day("2026-11-23")) % 7);
}

static void test_clock_fix(void **state)
{
	(void)state;
	pr_clock_fix(1234567890);
	assert_int_equal(pr_now(), 1234567890);
	pr_clock_fix(0);
	pr_time real = pr_now();
	assert_true(real > 1700000000); /* the real clock, after 2023 */
	pr_clock_fix(UNIT_NOW);
	assert_int_equal(pr_now(), UNIT_NOW);
}

static void test_clock_from_env(void **state)
{
	(void)state;
	pr_error err = { 0 };
	setenv("POSTROOM_NOW", "2026-07-01T12:00", 1);
	assert_ok(pr_clock_from_env(&err), &err);
	assert_int_equal(pr_now(), 1782903600);
	setenv("POSTROOM_NOW", "2026-11-20T09:30:00Z", 1);
	assert_ok(pr_clock_from_env(&err), &err);
	assert_int_equal(pr_now(), UNIT_NOW);

	pr_clock_fix(1000000000);
	setenv("POSTROOM_NOW", "yesterday", 1);
	assert_int_equal(pr_clock_from_env(&err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "POSTROOM_NOW"));
	assert_non_null(strstr(err.msg, "yesterday"));
	assert_int_equal(pr_now(), 1000000000); /* unchanged */

	unsetenv("POSTROOM_NOW");
	assert_ok(pr_clock_from_env(&err), &err);
	assert_int_equal(pr_now(), 1000000000); /* unset: left alone */
	pr_clock_fix(UNIT_NOW);
}

static void test_bad_timezone(void **state)
{
	(void)state;
	const char *bad[] = { "Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime",
			      "", "Europe" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pr_error err = { 0 };
		assert_int_equal(pr_timezone_set(bad[i], &err), PR_ECONFIG);
		assert_int_equal(err.code, PR_ECONFIG);
		assert_non_null(strstr(err.msg, "time zone"));
	}
	pr_error err = { 0 };
	assert_int_equal(pr_timezone_set(NULL, &err), PR_ECONFIG);
	/* The zone in force is still London: July noon is BST. */
	char out[PR_TIME_LEN];
	pr_time_format(1782903600, out);
	assert_string_equal(out, "2026-07-01T12:00:00+01:00");

	/* Another real zone changes local days and times; then back. */
	assert_ok(pr_timezone_set("America/New_York", &err), &err);
	pr_time_format(UNIT_NOW, out);
	assert_string_equal(out, "2026-11-20T04:30:00-05:00");
	assert_ok(pr_timezone_set("UTC", &err), &err);
	pr_time_format(1782903600, out);
	assert_string_equal(out, "2026-07-01T11:00:00+00:00");
	assert_ok(pr_timezone_set("Europe/London", &err), &err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_round_trip),
		cmocka_unit_test(test_day_invalid),
		cmocka_unit_test(test_time_parse_zones),
		cmocka_unit_test(test_time_parse_invalid),
		cmocka_unit_test(test_time_format),
		cmocka_unit_test(test_day_start_dst),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_clock_fix),
		cmocka_unit_test(test_clock_from_env),
		cmocka_unit_test(test_bad_timezone),
	};
	return cmocka_run_group_tests(tests, setup_london, NULL);
}
