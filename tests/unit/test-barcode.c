/* Barcodes out: zint rasters and patterns, and labels in png, svg, eps and
 * pdf read back by the real tools (zbarimg, rsvg-convert, gs, pdftoppm,
 * netpbm), straight, turned 90 degrees and skewed 3 degrees. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "postroom/io/barcode.h"
#include "postroom/ref.h"

#define REF "I261120-0042K"

/* The PNG's width and height from its IHDR. */
static void png_size(const char *file, int *w, int *h)
{
	unsigned char b[24];
	FILE *f = fopen(file, "rb");
	assert_non_null(f);
	assert_int_equal(fread(b, 1, sizeof b, f), sizeof b);
	fclose(f);
	assert_memory_equal(b + 1, "PNG", 3);
	*w = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
	*h = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
}

/* The PNG turned 90 degrees and skewed 3 degrees both still decode. */
static void assert_decodes_turned(const char *png, const char *want)
{
	char turned[600], skewed[600];
	snprintf(turned, sizeof turned, "%s.r90.png", png);
	snprintf(skewed, sizeof skewed, "%s.s3.png", png);
	assert_int_equal(unit_sh(NULL, 0, "pngtopnm '%s' | pamflip -r90 | pnmtopng > '%s' 2>/dev/null",
			         png, turned), 0);
	unit_assert_decodes(turned, want);
	assert_int_equal(unit_sh(NULL, 0, "pngtopnm '%s' | pnmrotate -background=white 3 2>/dev/null"
				          " | pnmtopng > '%s' 2>/dev/null", png, skewed), 0);
	unit_assert_decodes(skewed, want);
	unlink(turned);
	unlink(skewed);
}

/* ------------------------------------------------------------- rasters */

static void test_pattern(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char *p;
	assert_ok(pr_barcode_code128_pattern(REF, &p, &err), &err);
	size_t n = strlen(p);
	/* 10 quiet modules, a start code, ..., the stop code, 10 quiet. */
	assert_memory_equal(p, "0000000000" "11010", 15);
	assert_string_equal(p + n - 23, "1100011101011" "0000000000");
	assert_int_equal(strspn(p, "01"), n);
	/* Code 128 symbols are 11 modules a character, 13 for the stop. */
	assert_int_equal((n - 20 - 13) % 11, 0);
	free(p);
}

static void test_raster_scale(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char *p;
	assert_ok(pr_barcode_code128_pattern(REF, &p, &err), &err);
	int modules = (int)strlen(p);
	for (int scale = 1; scale <= 5; scale++) {
		pr_barcode b;
		assert_ok(pr_barcode_code128(REF, scale, 20, 300, &b, &err), &err);
		assert_int_equal(b.modules, modules);
		assert_int_equal(b.width, modules * scale);
		assert_int_equal(b.height, 236); /* 20 mm at 300 dpi */
		/* Every row is the pattern, SCALE pixels a module. */
		for (int y = 0; y < b.height; y += b.height / 7) {
			const unsigned char *row = b.pixels + (size_t)y * (size_t)b.width;
			for (int x = 0; x < b.width; x++)
				if ((row[x] == 0) != (p[x / scale] == '1'))
					fail_msg("scale %d row %d pixel %d", scale, y, x);
		}
		pr_barcode_free(&b);
		assert_null(b.pixels);
	}
	free(p);
}

static void test_raster_refused(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_barcode b;
	assert_int_equal(pr_barcode_code128("I261120-0042K\xe2\x82\xac", 4, 20, 300, &b, &err),
			 PR_EINVAL);
	assert_non_null(strstr(err.msg, "8859-1"));
	assert_null(b.pixels);
	assert_int_equal(pr_barcode_code128("", 4, 20, 300, &b, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "No input data"));
	assert_int_equal(pr_barcode_code128(REF, 0, 20, 300, &b, &err), PR_EINVAL);
	assert_int_equal(pr_barcode_code128(REF, 4, 0, 300, &b, &err), PR_EINVAL);
	char *p = (char *)"x";
	assert_int_equal(pr_barcode_code128_pattern("", &p, &err), PR_EINVAL);
	assert_null(p);
	/* Latin-1 letters are fine. */
	assert_ok(pr_barcode_code128("Zo\xc3\xab", 2, 10, 300, &b, &err), &err);
	pr_barcode_free(&b);
}

/* -------------------------------------------------------------- labels */

static void test_label_png(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("label.png"));
	assert_ok(pr_label_write(REF, path, &err), &err);
	int w, h;
	png_size(path, &w, &h);
	/* About 89 x 36 mm at 300 dpi (1051 x 425 pixels). */
	if (w < 1000 || w > 1060 || h < 400 || h > 450)
		fail_msg("label is %d x %d pixels", w, h);
	unit_assert_decodes(path, REF);
	assert_decodes_turned(path, REF);
	/* A batch reference too, and the upper-case extension. */
	char bref[PR_REF_LEN];
	pr_ref_make('B', unit_day("2026-11-20"), 7, bref);
	snprintf(path, sizeof path, "%s", unit_path("batch.PNG"));
	assert_ok(pr_label_write(bref, path, &err), &err);
	unit_assert_decodes(path, bref);
	unit_assert_no_leftovers();
}

static void test_label_svg(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char svg[600], png[600], out[256];
	snprintf(svg, sizeof svg, "%s", unit_path("label.svg"));
	snprintf(png, sizeof png, "%s", unit_path("label-svg.png"));
	assert_ok(pr_label_write(REF, svg, &err), &err);
	assert_int_equal(unit_sh(out, sizeof out, "grep -c '<svg width=\"89.000mm\"' '%s'", svg), 0);
	assert_int_equal(unit_sh(NULL, 0, "rsvg-convert -d 300 -p 300 -o '%s' '%s'", png, svg), 0);
	int w, h;
	png_size(png, &w, &h);
	if (w < 1040 || w > 1060 || h < 410 || h > 440)
		fail_msg("svg renders %d x %d at 300 dpi", w, h);
	unit_assert_decodes(png, REF);
	assert_decodes_turned(png, REF);
	unlink(png);
}

static void test_label_eps(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char eps[600], png[600], out[256];
	snprintf(eps, sizeof eps, "%s", unit_path("label.eps"));
	snprintf(png, sizeof png, "%s", unit_path("label-eps.png"));
	assert_ok(pr_label_write(REF, eps, &err), &err);
	FILE *f = fopen(eps, "rb");
	assert_non_null(f);
	char head[11] = { 0 };
	assert_int_equal(fread(head, 1, 10, f), 10);
	fclose(f);
	assert_string_equal(head, "%!PS-Adobe");
	assert_int_equal(unit_sh(out, sizeof out, "grep -c '%s' '%s'", REF, eps), 0);
	/* The bounding box is 89 x 36 mm: 252 x 102 points. */
	assert_int_equal(unit_sh(out, sizeof out, "sed -n 's/^%%%%BoundingBox: //p' '%s'", eps), 0);
	int x0, y0, x1, y1;
	assert_int_equal(sscanf(out, "%d %d %d %d", &x0, &y0, &x1, &y1), 4);
	if (x1 - x0 < 248 || x1 - x0 > 256 || y1 - y0 < 96 || y1 - y0 > 108)
		fail_msg("EPS bounding box %s", out);
	if (!unit_have("gs")) {
		printf("# gs not installed: EPS checked by its header only\n");
		return;
	}
	assert_int_equal(unit_sh(NULL, 0, "gs -q -dSAFER -dBATCH -dNOPAUSE -dEPSCrop -sDEVICE=pnggray "
				          "-r300 -sOutputFile='%s' '%s' >/dev/null 2>&1", png, eps), 0);
	unit_assert_decodes(png, REF);
	assert_decodes_turned(png, REF);
	unlink(png);
}

static void test_label_pdf(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char pdf[600], stem[600], png[640], out[2048];
	snprintf(pdf, sizeof pdf, "%s", unit_path("label.pdf"));
	snprintf(stem, sizeof stem, "%s", unit_path("label-pdf"));
	snprintf(png, sizeof png, "%s.png", stem);
	assert_ok(pr_label_write(REF, pdf, &err), &err);
	assert_int_equal(unit_pdf_pages(pdf, out, sizeof out), 1);
	assert_non_null(strstr(out, "252.283 x 102.047 pts"));
	assert_int_equal(unit_sh(out, sizeof out, "pdftotext '%s' -", pdf), 0);
	assert_non_null(strstr(out, REF));
	assert_int_equal(unit_sh(NULL, 0, "pdftoppm -r 300 -png -singlefile '%s' '%s'", pdf, stem), 0);
	unit_assert_decodes(png, REF);
	assert_decodes_turned(png, REF);
	unlink(png);
}

static void test_label_bad(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char path[600], keep[600];

	/* Unknown or missing extension. */
	snprintf(path, sizeof path, "%s", unit_path("label.gif"));
	assert_int_equal(pr_label_write(REF, path, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "png, .svg, .eps or .pdf"));
	assert_false(unit_exists(path));
	snprintf(path, sizeof path, "%s", unit_path("label"));
	assert_int_equal(pr_label_write(REF, path, &err), PR_EINVAL);
	assert_false(unit_exists(path));

	/* Text zint refuses, in every format: zint's words, no file. */
	static const char *const exts[] = { "png", "svg", "eps", "pdf" };
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/refused.%s", unit_tmpdir(), exts[i]);
		assert_int_equal(pr_label_write("I261120-0042K\xe2\x82\xac", path, &err), PR_EINVAL);
		assert_non_null(strstr(err.msg, "Invalid character in input data (ISO/IEC 8859-1 only)"));
		assert_int_equal(pr_label_write("", path, &err), PR_EINVAL);
		assert_non_null(strstr(err.msg, "No input data"));
		assert_false(unit_exists(path));
	}

	/* A refused write leaves the earlier label as it was. */
	snprintf(keep, sizeof keep, "%s", unit_path("keep.png"));
	assert_ok(pr_label_write(REF, keep, &err), &err);
	assert_int_equal(pr_label_write("", keep, &err), PR_EINVAL);
	unit_assert_decodes(keep, REF);

	/* Unwritable paths (tests run as root: a path under a regular file). */
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "/etc/hostname/label.%s", exts[i]);
		assert_int_equal(pr_label_write(REF, path, &err), PR_EIO);
		assert_non_null(strstr(err.msg, path));
		assert_non_null(strstr(err.msg, "Not a directory"));
		snprintf(path, sizeof path, "%s/no-such-folder/label.%s", unit_tmpdir(), exts[i]);
		assert_int_equal(pr_label_write(REF, path, &err), PR_EIO);
		assert_non_null(strstr(err.msg, path));
		assert_non_null(strstr(err.msg, "No such file or directory"));
	}
	unit_assert_no_leftovers();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pattern),
		cmocka_unit_test(test_raster_scale),
		cmocka_unit_test(test_raster_refused),
		cmocka_unit_test(test_label_png),
		cmocka_unit_test(test_label_svg),
		cmocka_unit_test(test_label_eps),
		cmocka_unit_test(test_label_pdf),
		cmocka_unit_test(test_label_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
