/* SHA-256: the FIPS 180-4 / NIST example vectors, block boundaries fed in
 * every split, and a file against sha256sum. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/sha256.h"

static void test_vectors(void **state)
{
	(void)state;
	static const struct {
		const char *msg, *hex;
	} v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	char hex[PR_SHA256_HEX_LEN];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		pr_sha256_hex_of(v[i].msg, strlen(v[i].msg), hex);
		assert_string_equal(hex, v[i].hex);
	}
}

/* One million "a", fed in pieces of awkward sizes. */
static void test_million_a(void **state)
{
	(void)state;
	char chunk[1000];
	memset(chunk, 'a', sizeof chunk);
	pr_sha256 s;
	pr_sha256_init(&s);
	size_t left = 1000000, k = 1;
	while (left) {
		size_t n = k % 997 + 1;
		if (n > left)
			n = left;
		pr_sha256_update(&s, chunk, n);
		left -= n;
		k = k * 31 + 7;
	}
	unsigned char d[PR_SHA256_LEN];
	char hex[PR_SHA256_HEX_LEN];
	pr_sha256_final(&s, d);
	pr_sha256_hex(d, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Every length around the padding boundaries, whole and split in two,
 * gives the same digest. */
static void test_splits(void **state)
{
	(void)state;
	unsigned char msg[200];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (unsigned char)(i * 7 + 3);
	for (size_t len = 0; len <= 130; len++) {
		char whole[PR_SHA256_HEX_LEN];
		pr_sha256_hex_of(msg, len, whole);
		for (size_t cut = 0; cut <= len; cut += 5) {
			pr_sha256 s;
			unsigned char d[PR_SHA256_LEN];
			char hex[PR_SHA256_HEX_LEN];
			pr_sha256_init(&s);
			pr_sha256_update(&s, msg, cut);
			pr_sha256_update(&s, msg + cut, len - cut);
			pr_sha256_final(&s, d);
			pr_sha256_hex(d, hex);
			assert_string_equal(hex, whole);
		}
	}
}

static void test_file_against_sha256sum(void **state)
{
	(void)state;
	if (!unit_have("sha256sum"))
		skip();
	const char *path = unit_path("data.bin");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	unsigned x = 12345;
	for (int i = 0; i < 300001; i++) {
		x = x * 1103515245u + 12345u;
		fputc((int)(x >> 16) & 255, f);
	}
	fclose(f);
	char hex[PR_SHA256_HEX_LEN], want[100] = "";
	pr_error err = { 0 };
	assert_ok(pr_sha256_file(path, hex, &err), &err);
	assert_int_equal(unit_sh(want, sizeof want, "sha256sum '%s' | cut -c1-64", path), 0);
	want[strcspn(want, "\n")] = '\0';
	assert_string_equal(hex, want);

	strcpy(hex, "untouched");
	assert_int_equal(pr_sha256_file(unit_path("missing.bin"), hex, &err), PR_EIO);
	assert_non_null(strstr(err.msg, "missing.bin"));
	assert_string_equal(hex, "untouched");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_splits),
		cmocka_unit_test(test_file_against_sha256sum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
