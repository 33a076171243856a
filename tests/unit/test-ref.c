/* References: form, round trip, and the check letter's power. */
#include "unit.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "postroom/clock.h"
#include "postroom/ref.h"

static void test_make_form(void **state)
{
	(void)state;
	char ref[PR_REF_LEN];
	pr_ref_make('I', unit_day("2026-11-20"), 42, ref);
	assert_int_equal(strlen(ref), 13);
	assert_memory_equal(ref, "I261120-0042", 12);
	assert_true(isupper((unsigned char)ref[12]));
	assert_null(strchr("IOQ", ref[12]));
	pr_ref_make('B', unit_day("2027-01-02"), 7, ref);
	assert_memory_equal(ref, "B270102-0007", 12);
	pr_ref_make('I', unit_day("2026-11-20"), 123456, ref);
	assert_memory_equal(ref, "I261120-123456", 14);
	assert_int_equal(strlen(ref), 15);
	/* Different sequences of one day give different references. */
	char a[PR_REF_LEN], b[PR_REF_LEN];
	pr_ref_make('I', unit_day("2026-11-20"), 1, a);
	pr_ref_make('I', unit_day("2026-11-20"), 2, b);
	assert_string_not_equal(a, b);
}

static void test_round_trip(void **state)
{
	(void)state;
	const char kinds[] = { 'I', 'B' };
	const long seqs[] = { 1, 9, 42, 999, 1000, 9999, 10000, 424242 };
	for (size_t k = 0; k < sizeof kinds; k++) {
		for (long d = unit_day("2026-10-25"); d < unit_day("2026-10-25") + 10; d++) {
			for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
				     char ref[PR_REF_LEN], out[PR_REF_LEN];
				     pr_error err = { 0 };
				     pr_ref_make(kinds[k], d, seqs[i], ref);
				     assert_ok(pr_ref_parse(ref, out, &err), &err);
				     assert_string_equal(out, ref);
			}
		}
	}
}

static void test_lower_case_and_spaces(void **state)
{
	(void)state;
	char ref[PR_REF_LEN], lower[PR_REF_LEN + 4], out[PR_REF_LEN];
	pr_error err = { 0 };
	pr_ref_make('I', unit_day("2026-11-20"), 42, ref);
	for (size_t i = 0; i <= strlen(ref); i++)
		lower[i] = (char)tolower((unsigned char)ref[i]);
	assert_ok(pr_ref_parse(lower, out, &err), &err);
	assert_string_equal(out, ref);
	char spaced[40];
	snprintf(spaced, sizeof spaced, "  %s \n", lower);
	assert_ok(pr_ref_parse(spaced, out, &err), &err);
	assert_string_equal(out, ref);
}

static void test_every_substitution_rejected(void **state)
{
	(void)state;
	char ref[PR_REF_LEN];
	pr_ref_make('I', unit_day("2026-11-20"), 4217, ref);
	size_t n = strlen(ref);
	int tried = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)ref[i]))
			continue;
		for (char c = '0'; c <= '9'; c++) {
			if (c == ref[i])
				continue;
			char bad[PR_REF_LEN], out[PR_REF_LEN] = "untouched";
			pr_error err = { 0 };
			memcpy(bad, ref, n + 1);
			bad[i] = c;
			pr_status st = pr_ref_parse(bad, out, &err);
			if (st != PR_EINVAL)
				fail_msg("%s (from %s) was accepted", bad, ref);
			assert_string_equal(out, "untouched");
			assert_true(strlen(err.msg) > 0);
			tried++;
		}
	}
	assert_int_equal(tried, 10 * 9);
	/* Any other check letter is refused too. */
	for (char c = 'A'; c <= 'Z'; c++) {
		char bad[PR_REF_LEN], out[PR_REF_LEN];
		pr_error err = { 0 };
		if (c == ref[n - 1])
			continue;
		memcpy(bad, ref, n + 1);
		bad[n - 1] = c;
		assert_int_equal(pr_ref_parse(bad, out, &err), PR_EINVAL);
	}
}

static void test_every_transposition_rejected(void **state)
{
	(void)state;
	/* Several sample references, so that many digit pairs are swapped. */
	const long seqs[] = { 4217, 1290, 8765, 35 };
	int tried = 0;
	for (size_t k = 0; k < sizeof seqs / sizeof seqs[0]; k++) {
		char ref[PR_REF_LEN];
		pr_ref_make('I', unit_day("2026-11-20") + (long)k * 37, seqs[k], ref);
		size_t n = strlen(ref);
		for (size_t i = 0; i + 1 < n; i++) {
			if (ref[i] == ref[i + 1])
				continue;
			char bad[PR_REF_LEN], out[PR_REF_LEN];
			pr_error err = { 0 };
			memcpy(bad, ref, n + 1);
			bad[i] = ref[i + 1];
			bad[i + 1] = ref[i];
			if (pr_ref_parse(bad, out, &err) != PR_EINVAL)
				fail_msg("%s (from %s) was accepted", bad, ref);
			tried++;
		}
	}
	assert_true(tried > 30);
}

static void test_check_letter_message(void **state)
{
	(void)state;
	char ref[PR_REF_LEN], out[PR_REF_LEN];
	pr_error err = { 0 };
	pr_ref_make('I', unit_day("2026-11-20"), 42, ref);
	ref[9] = ref[9] == '4' ? '5' : '4';
	assert_int_equal(pr_ref_parse(ref, out, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "check letter"));
}

static void test_bad_forms(void **state)
{
	(void)state;
	struct {
		const char *in;
		const char *words; /* expected in the message */
	} cases[] = {
		{ "", "not a reference" },
		{ "I261120", "not a reference" },
		{ "I2611200042K", "not a reference" },      /* no dash */
		{ "I261120-42K", "not a reference" },       /* short sequence */
		{ "I261120-004AK", "not a reference" },
		{ "1261120-0042K", "not a reference" },     /* no kind letter */
		{ "I261120-00427", "not a reference" },     /* no check letter */
		{ "I26112O-0042K", "not a reference" },
		{ "I261320-0042K", "not a date" },          /* month 13 */
		{ "I260229-0042K", "not a date" },          /* 2026 is not leap */
		{ "I261120-004200000000000K", "too long" },
		{ "I261120-\xc3\xa9\xc3\xa9K", "not a reference" },
		{ "I261120-\xc0\xafK", "plain text" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[PR_REF_LEN] = "untouched";
		pr_error err = { 0 };
		assert_int_equal(pr_ref_parse(cases[i].in, out, &err), PR_EINVAL);
		if (!strstr(err.msg, cases[i].words))
			fail_msg("'%s': message '%s' lacks '%s'", cases[i].in, err.msg,
				 cases[i].words);
		assert_string_equal(out, "untouched");
	}
	char out[PR_REF_LEN];
	pr_error err = { 0 };
	assert_int_equal(pr_ref_parse(NULL, out, &err), PR_EINVAL);
	/* A leap day of a leap year is a date. */
	char leap[PR_REF_LEN];
	pr_ref_make('I', unit_day("2028-02-29"), 1, leap);
	assert_ok(pr_ref_parse(leap, out, &err), &err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_make_form),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_lower_case_and_spaces),
		cmocka_unit_test(test_every_substitution_rejected),
		cmocka_unit_test(test_every_transposition_rejected),
		cmocka_unit_test(test_check_letter_message),
		cmocka_unit_test(test_bad_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
