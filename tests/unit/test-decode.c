/* Barcodes off scanned pages and the blank check, on pages that went
 * through a real G4 TIFF and the grey decode at 150 dpi, as ingest reads
 * them: upright, upside down, skewed 2 and 3 degrees, speckled, a letter
 * with a barcode of its own beside the text, several codes on a page;
 * blank, speckled blank, a scanner's dark edges, a few lines of
 * text. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "postroom/io/decode.h"
#include "postroom/io/tiff.h"
#include "scans.h"

#define SEP "I261120-0042K"

static pr_decoder *dec;

static int setup(void **state)
{
	(void)state;
	pr_error err = { 0 };
	return pr_decoder_open(&dec, &err) == PR_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	pr_decoder_close(dec);
	return 0;
}

/* P written as a G4 TIFF at its dpi and read back to grey at 150 dpi. */
static pr_grey_image scanned(fake_page *p)
{
	const char *path = unit_path("page.tif");
	fake_fmt f = { .name = "g4", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 };
	fake_write1(path, p, &f);
	pr_tiff *t;
	pr_grey_image g;
	pr_error err = { 0 };
	assert_ok(pr_tiff_open(path, &t, &err), &err);
	assert_ok(pr_tiff_page_grey(t, 0, 150, &g, &err), &err);
	pr_tiff_close(t);
	unlink(path);
	return g;
}

/* The codes read on G, joined with "|". */
static void read_codes(const pr_grey_image *g, char *out, size_t cap)
{
	char codes[8][PR_CODE_MAX];
	size_t n = 99;
	pr_error err = { 0 };
	assert_ok(pr_decode_codes(dec, g, codes, 8, &n, &err), &err);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strncat(out, "|", cap - strlen(out) - 1);
		strncat(out, codes[i], cap - strlen(out) - 1);
	}
}

static void expect_page(fake_page *p, const char *want, bool blank)
{
	pr_grey_image g = scanned(p);
	char got[400];
	read_codes(&g, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("read \"%s\", want \"%s\"", got, want);
	pr_blank_stats s;
	pr_page_ink(&g, &s);
	if (getenv("SHOW_INK"))
		print_message("ink: %ld of %ld cells\n", s.inked, s.cells);
	if (pr_page_is_blank(&g) != blank)
		fail_msg("blank %d, want %d (%ld of %ld cells inked)", !blank, blank, s.inked,
			 s.cells);
	pr_grey_image_free(&g);
	fake_free(p);
}

static void test_upright_and_turned(void **state)
{
	(void)state;
	const double dpis[] = { 200, 300, 600 };
	for (int i = 0; i < 3; i++) {
		fake_page p = fake_a4(dpis[i]);
		fake_sheet(&p, SEP, 0);
		expect_page(&p, SEP, false);
		p = fake_a4(dpis[i]);
		fake_sheet(&p, SEP, 0);
		fake_turn(&p);
		expect_page(&p, SEP, false);
	}
}

static void test_skew(void **state)
{
	(void)state;
	const double angles[] = { 2, -2, 3, -3 };
	for (int i = 0; i < 4; i++) {
		fake_page p = fake_a4(i % 2 ? 200 : 300);
		fake_sheet(&p, SEP, angles[i]);
		if (i == 2)
			fake_turn(&p);
		expect_page(&p, SEP, false);
	}
}

static void test_speckle(void **state)
{
	(void)state;
	/* Heavy speckle on a separator: 3000 specks of up to 3 pixels. */
	fake_page p = fake_a4(300);
	fake_sheet(&p, SEP, 2);
	fake_speckle(&p, 3000, 3, 11);
	expect_page(&p, SEP, false);
	p = fake_a4(200);
	fake_sheet(&p, SEP, -1);
	fake_speckle(&p, 2000, 2, 12);
	fake_turn(&p);
	expect_page(&p, SEP, false);
}

/* A letter's own Code 128 is read like any other (telling it from a
 * separator is the core's job), and so are two codes on one page. */
static void test_letter_codes(void **state)
{
	(void)state;
	fake_page p = fake_a4(300);
	fake_text(&p, 25, 60, 25, 160, 9);
	fake_barcode(&p, "DWP/AB123456C", 150, 30, 0.33, 10, 0.5);
	expect_page(&p, "DWP/AB123456C", false);

	p = fake_a4(300);
	fake_barcode(&p, "FIRST-1", 60, 40, 0.34, 12, 0);
	fake_barcode(&p, "SECOND-2", 140, 200, 0.34, 12, 0);
	pr_grey_image g = scanned(&p);
	char got[200];
	read_codes(&g, got, sizeof got);
	assert_true(strcmp(got, "FIRST-1|SECOND-2") == 0 || strcmp(got, "SECOND-2|FIRST-1") == 0);
	/* MAX caps what is returned. */
	char one[1][PR_CODE_MAX];
	size_t n;
	pr_error err = { 0 };
	assert_ok(pr_decode_codes(dec, &g, one, 1, &n, &err), &err);
	assert_int_equal(n, 1);
	pr_grey_image_free(&g);
	fake_free(&p);

	/* Text alone: no code, not blank. */
	p = fake_a4(300);
	fake_text(&p, 25, 40, 40, 160, 10);
	expect_page(&p, "", false);
}

/* --- blank pages ------------------------------------------------------ */

static void test_blank_pages(void **state)
{
	(void)state;
	/* White paper. */
	fake_page p = fake_a4(300);
	expect_page(&p, "", true);
	/* A separator's back: speckle, dust specks of up to 4 pixels. */
	p = fake_a4(300);
	fake_speckle(&p, 3000, 4, 21);
	expect_page(&p, "", true);
	p = fake_a4(200);
	fake_speckle(&p, 2000, 3, 22);
	expect_page(&p, "", true);
	/* Dark scanner edges and punched holes, all in the margin. */
	p = fake_a4(300);
	fake_rect(&p, 0, 0, 210, 3, 0);
	fake_rect(&p, 0, 0, 4, 297, 0);
	fake_rect(&p, 207, 0, 3, 297, 0);
	fake_rect(&p, 3, 100, 6, 6, 0);
	fake_rect(&p, 3, 180, 6, 6, 0);
	fake_speckle(&p, 500, 3, 23);
	expect_page(&p, "", true);
}

static void test_not_blank(void **state)
{
	(void)state;
	/* A few lines of text. */
	fake_page p = fake_a4(300);
	fake_text(&p, 30, 120, 3, 100, 31);
	expect_page(&p, "", false);
	/* One short line, 40 mm, with speckle. */
	p = fake_a4(200);
	fake_text(&p, 30, 200, 1, 40, 32);
	fake_speckle(&p, 1000, 2, 33);
	expect_page(&p, "", false);
	/* A signature-like scrawl: a thin line across 50 mm. */
	p = fake_a4(300);
	for (int i = 0; i < 50; i++)
		fake_rect(&p, 100 + i, 250 + 2 * sin(i / 3.0), 1.2, 0.4, 0);
	expect_page(&p, "", false);
}

/* The rule's counts: stable and documented. */
static void test_blank_counts(void **state)
{
	(void)state;
	fake_page p = fake_a4(300);
	pr_grey_image g = scanned(&p);
	pr_blank_stats s;
	pr_page_ink(&g, &s);
	if (getenv("SHOW_INK"))
		print_message("ink: %ld of %ld cells\n", s.inked, s.cells);
	/* 150 dpi: cells of 15 pixels; 190 x 277 mm inside the margins. */
	assert_int_equal(s.cell_px, 15);
	assert_true(s.cells > 70 * 100 && s.cells < 80 * 115);
	assert_int_equal(s.inked, 0);
	pr_grey_image_free(&g);
	fake_free(&p);

	pr_grey_image empty = { 0 };
	assert_true(pr_page_is_blank(&empty));
	assert_true(pr_page_is_blank(NULL));
}

static void test_bad_input(void **state)
{
	(void)state;
	char codes[2][PR_CODE_MAX];
	size_t n = 7;
	pr_error err = { 0 };
	pr_grey_image empty = { 0 };
	assert_int_equal(pr_decode_codes(dec, &empty, codes, 2, &n, &err), PR_EINVAL);
	assert_int_equal(pr_decode_codes(NULL, &empty, codes, 2, &n, &err), PR_EINVAL);
	assert_int_equal(n, 7);
	pr_decoder_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upright_and_turned),
		cmocka_unit_test(test_skew),
		cmocka_unit_test(test_speckle),
		cmocka_unit_test(test_letter_codes),
		cmocka_unit_test(test_blank_pages),
		cmocka_unit_test(test_not_blank),
		cmocka_unit_test(test_blank_counts),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
