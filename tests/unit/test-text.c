/* pr_utf8_*, pr_text_trim_copy, pr_text_check, pr_text_contains. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "postroom/text.h"

static void test_utf8_valid_multibyte(void **state)
{
	(void)state;
	assert_true(pr_utf8_valid(""));
	assert_true(pr_utf8_valid("plain ASCII ~"));
	assert_true(pr_utf8_valid("caf\xc3\xa9"));                 /* é, 2 bytes */
	assert_true(pr_utf8_valid("\xe2\x82\xac 5"));              /* €, 3 bytes */
	assert_true(pr_utf8_valid("\xf0\x9f\x93\xae"));            /* 📮, 4 bytes */
	assert_true(pr_utf8_valid("\xed\x9f\xbf"));                /* U+D7FF */
	assert_true(pr_utf8_valid("\xee\x80\x80"));                /* U+E000 */
	assert_true(pr_utf8_valid("\xf4\x8f\xbf\xbf"));            /* U+10FFFF */
	assert_int_equal(pr_utf8_len("caf\xc3\xa9"), 4);
	assert_int_equal(pr_utf8_len("\xe2\x82\xac\xf0\x9f\x93\xae"), 2);
	assert_int_equal(pr_utf8_len(""), 0);
}

static void test_utf8_overlong(void **state)
{
	(void)state;
	assert_false(pr_utf8_valid("\xc0\xaf"));         /* '/' in 2 bytes */
	assert_false(pr_utf8_valid("\xc1\xbf"));
	assert_false(pr_utf8_valid("\xe0\x80\xaf"));     /* '/' in 3 bytes */
	assert_false(pr_utf8_valid("\xe0\x9f\xbf"));     /* U+07FF in 3 bytes */
	assert_false(pr_utf8_valid("\xf0\x80\x80\xaf")); /* '/' in 4 bytes */
	assert_false(pr_utf8_valid("\xf0\x8f\xbf\xbf")); /* U+FFFF in 4 bytes */
}

static void test_utf8_surrogate_and_range(void **state)
{
	(void)state;
	assert_false(pr_utf8_valid("\xed\xa0\x80"));     /* U+D800 */
	assert_false(pr_utf8_valid("\xed\xbf\xbf"));     /* U+DFFF */
	assert_false(pr_utf8_valid("a\xed\xb0\x80z"));   /* U+DC00 inside */
	assert_false(pr_utf8_valid("\xf4\x90\x80\x80")); /* U+110000 */
	assert_false(pr_utf8_valid("\xf5\x80\x80\x80"));
	assert_false(pr_utf8_valid("\xff"));
	assert_false(pr_utf8_valid("\xfe"));
}

static void test_utf8_truncated(void **state)
{
	(void)state;
	assert_false(pr_utf8_valid("caf\xc3"));          /* lead byte at the end */
	assert_false(pr_utf8_valid("\xe2\x82"));         /* 2 of 3 bytes */
	assert_false(pr_utf8_valid("\xe2\x82 x"));       /* cut by a space */
	assert_false(pr_utf8_valid("\xf0\x9f\x93"));     /* 3 of 4 bytes */
	assert_false(pr_utf8_valid("\x80"));             /* lone continuation */
	assert_false(pr_utf8_valid("ab\xbf"));
	assert_false(pr_utf8_valid("\xc3\xa9\xa9"));     /* one too many */
}

static void test_check_required(void **state)
{
	(void)state;
	pr_error err = { 0 };
	assert_int_equal(pr_text_check("sender", "", 10, true, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "sender"));
	assert_non_null(strstr(err.msg, "required"));
	assert_int_equal(pr_text_check("sender", NULL, 10, true, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "sender"));
	assert_int_equal(pr_text_check("note", "", 10, false, &err), PR_OK);
	assert_int_equal(pr_text_check("note", NULL, 10, false, &err), PR_OK);
	assert_int_equal(pr_text_check("note", "fine", 10, true, &err), PR_OK);
}

static void test_check_too_long(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char *big = malloc(10001);
	memset(big, 'x', 10000);
	big[10000] = '\0';
	assert_int_equal(pr_text_check("addressee", big, 120, true, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "addressee"));
	assert_non_null(strstr(err.msg, "10000"));
	assert_non_null(strstr(err.msg, "120"));
	/* Exactly at the limit is fine; the limit counts characters, not bytes. */
	assert_int_equal(pr_text_check("addressee", big, 10000, true, &err), PR_OK);
	free(big);
	/* 3 characters, 7 bytes. */
	assert_int_equal(pr_text_check("name", "\xc3\xa9\xe2\x82\xac\xc3\xa9", 3, true, &err),
			 PR_OK);
	assert_int_equal(pr_text_check("name", "\xc3\xa9\xe2\x82\xac\xc3\xa9x", 3, true, &err),
			 PR_EINVAL);
	assert_non_null(strstr(err.msg, "name"));
}

static void test_check_control_and_utf8(void **state)
{
	(void)state;
	pr_error err = { 0 };
	assert_int_equal(pr_text_check("sender", "a\tb", 50, true, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "sender"));
	assert_non_null(strstr(err.msg, "control"));
	assert_int_equal(pr_text_check("sender", "line\nbreak", 50, true, &err), PR_EINVAL);
	assert_int_equal(pr_text_check("sender", "esc\x1b[2J", 50, true, &err), PR_EINVAL);
	assert_int_equal(pr_text_check("sender", "del\x7f", 50, true, &err), PR_EINVAL);
	assert_int_equal(pr_text_check("reason", "bad \xc0\xaf", 50, true, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "reason"));
	assert_non_null(strstr(err.msg, "UTF-8"));
}

static void test_trim_copy(void **state)
{
	(void)state;
	char out[32];
	pr_text_trim_copy(out, sizeof out, "  \t hello world \n ");
	assert_string_equal(out, "hello world");
	pr_text_trim_copy(out, sizeof out, "   ");
	assert_string_equal(out, "");
	pr_text_trim_copy(out, sizeof out, "");
	assert_string_equal(out, "");
	/* Fits exactly: 5 bytes + NUL. */
	char six[6];
	pr_text_trim_copy(six, sizeof six, " abcde ");
	assert_string_equal(six, "abcde");
	pr_text_trim_copy(six, sizeof six, "abcdefgh");
	assert_string_equal(six, "abcde");
}

static void test_trim_copy_never_cuts_a_character(void **state)
{
	(void)state;
	/* "é€📮" = 2 + 3 + 4 bytes, repeated; cut at every capacity. */
	const char *s = " \xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xae\xc3\xa9\xe2\x82\xac ";
	for (size_t cap = 1; cap <= 20; cap++) {
		char out[24];
		memset(out, '#', sizeof out);
		pr_text_trim_copy(out, cap, s);
		size_t len = strlen(out);
		assert_true(len < cap);
		assert_true(pr_utf8_valid(out));
		/* What was kept is a prefix of the trimmed text. */
		assert_memory_equal(out, s + 1, len);
		/* And it is the longest whole-character prefix that fits. */
		size_t next = len;
		const unsigned char *t = (const unsigned char *)s + 1 + len;
		if (*t != ' ') {
			next++;
			while ((t[next - len] & 0xC0) == 0x80)
				next++;
			assert_true(next >= cap);
		}
	}
}

static void test_contains(void **state)
{
	(void)state;
	assert_true(pr_text_contains("Revenues and Benefits", "benefit"));
	assert_true(pr_text_contains("abc", ""));
	assert_false(pr_text_contains("abc", "abcd"));
	assert_false(pr_text_contains("Highways", "way s"));
}

static void test_check_c1_and_bidi(void **state)
{
	(void)state;
	pr_error err;
	/* U+009B (CSI as one character), U+0085, U+202E, U+2066 and U+2069. */
	const char *bad[] = { ("a\xC2\x9B" "2J"), "x\xC2\x85y", "evil\xE2\x80\xAEtxt.exe",
			      "\xE2\x81\xA6x", "x\xE2\x81\xA9", "\xE2\x80\xAA" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pr_error_clear(&err);
		assert_int_equal(pr_text_check("sender", bad[i], 80, true, &err), PR_EINVAL);
		assert_non_null(strstr(err.msg, "sender contains"));
	}
	/* Neighbours that are ordinary text: U+00A0, U+2029, U+202F, U+2065. */
	const char *good[] = { ("a\xC2\xA0" "b"), "\xE2\x80\xA9", "\xE2\x80\xAF",
			       "\xE2\x81\xA5", "Zo\xC3\xAB" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_int_equal(pr_text_check("sender", good[i], 80, true, &err), PR_OK);
}

static void test_escaped(void **state)
{
	(void)state;
	assert_null(pr_text_escaped("Zo\xC3\xAB Bront\xC3\xAB"));
	assert_null(pr_text_escaped(""));
	char *e = pr_text_escaped("a\x1B[2J\tb\n\xC2\x9B\xE2\x80\xAEz\xFF");
	assert_string_equal(e, "a\\x1B[2J\\tb\\n\\u009B\\u202Ez\\xFF");
	free(e);
	e = pr_text_escaped("\x7F\xE2\x81\xA9");
	assert_string_equal(e, "\\x7F\\u2069");
	free(e);
	assert_true(pr_char_unsafe(0x9F));
	assert_false(pr_char_unsafe(0xA0));
	assert_false(pr_char_unsafe(' '));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_multibyte),
		cmocka_unit_test(test_utf8_overlong),
		cmocka_unit_test(test_utf8_surrogate_and_range),
		cmocka_unit_test(test_utf8_truncated),
		cmocka_unit_test(test_check_required),
		cmocka_unit_test(test_check_too_long),
		cmocka_unit_test(test_check_control_and_utf8),
		cmocka_unit_test(test_trim_copy),
		cmocka_unit_test(test_trim_copy_never_cuts_a_character),
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_check_c1_and_bidi),
		cmocka_unit_test(test_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
