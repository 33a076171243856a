/* PDFs of scans, checked with poppler: one image a page (1-bit ccitt for
 * bilevel pages, gray and rgb for the others), the page size from the
 * scan's resolution (A4 at 300 and at 200 dpi), every page rendered back
 * reading its own barcode the right way round (black on white), the G4
 * bytes of a passed-through page equal to the TIFF's strip, the
 * cross-reference offsets right, the SHA-256 that of the file, and nothing
 * under the final name (or a temporary one) unless the PDF was closed. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "postroom/io/decode.h"
#include "postroom/io/scanpdf.h"
#include "postroom/io/tiff.h"
#include "scans.h"

typedef struct layout {
	fake_fmt fmt;
	double dpi;
	const char *code;
	const char *color, *enc;        /* pdfimages -list columns */
	int bpc;
} layout;

static const layout pages[] = {
	{ { .name = "g4", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 }, 300,
	  "B261120-0001X", "gray", "ccitt", 1 },
	{ { .name = "g4-black", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	    .minisblack = true, .big_endian = true }, 200, "I261120-0002A", "gray", "ccitt", 1 },
	{ { .name = "g4-lsb", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	    .lsb_first = true }, 300, "I261120-0003B", "gray", "ccitt", 1 },
	{ { .name = "g3", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX3, .g3_2d = true },
	  200, "I261120-0004C", "gray", "ccitt", 1 },
	{ { .name = "g4-tiles", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	    .tile = 512, .minisblack = true }, 300, "I261120-0005D", "gray", "ccitt", 1 },
	{ { .name = "grey", .kind = FK_GREY, .compression = COMPRESSION_LZW, .rows_per_strip = 64,
	    .miniswhite = true }, 300, "I261120-0006E", "gray", "image", 8 },
	{ { .name = "rgb", .kind = FK_RGB, .compression = COMPRESSION_JPEG, .rows_per_strip = 64,
	    .ycbcr = true }, 200, "I261120-0007F", "rgb", "image", 8 },
	{ { .name = "grey-jpeg", .kind = FK_GREY, .compression = COMPRESSION_JPEG }, 300,
	  "I261120-0009H", "gray", "jpeg", 8 },
	{ { .name = "ycbcr-jpeg", .kind = FK_RGB, .compression = COMPRESSION_JPEG, .ycbcr = true,
	    .big_endian = true }, 200, "I261120-0010J", "rgb", "jpeg", 8 },
	{ { .name = "rgb-jpeg", .kind = FK_RGB, .compression = COMPRESSION_JPEG }, 300,
	  "I261120-0011K", "rgb", "jpeg", 8 },
	{ { .name = "palette", .kind = FK_PALETTE, .compression = COMPRESSION_ADOBE_DEFLATE,
	    .rows_per_strip = 64 }, 300, "I261120-0008G", "rgb", "image", 8 },
};
#define NPAGES ((int)(sizeof pages / sizeof pages[0]))

static char tiffs[NPAGES][600];

/* One TIFF a layout, each page its own barcode and some text. */
static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < NPAGES; i++) {
		snprintf(tiffs[i], sizeof tiffs[i], "%s", unit_path(pages[i].fmt.name));
		strcat(tiffs[i], ".tif");
		fake_page p = fake_a4(pages[i].dpi);
		fake_sheet(&p, pages[i].code, 0);
		fake_text(&p, 25, 200, 8, 150, (unsigned)i);
		fake_write1(tiffs[i], &p, &pages[i].fmt);
		fake_free(&p);
	}
	return 0;
}

static void encoded(int i, pr_encoded_page *e)
{
	pr_tiff *t;
	pr_error err = { 0 };
	assert_ok(pr_tiff_open(tiffs[i], &t, &err), &err);
	assert_ok(pr_tiff_page_encoded(t, 0, e, &err), &err);
	pr_tiff_close(t);
}

/* All the layouts as one PDF at PATH; SHA gets its digest. */
static void write_pdf(const char *path, char sha[PR_SHA256_HEX_LEN])
{
	pr_scanpdf *pdf;
	pr_error err = { 0 };
	assert_ok(pr_scanpdf_open(path, &pdf, &err), &err);
	for (int i = 0; i < NPAGES; i++) {
		pr_encoded_page e;
		encoded(i, &e);
		assert_ok(pr_scanpdf_add_page(pdf, &e, &err), &err);
		pr_encoded_free(&e);
		assert_int_equal(pr_scanpdf_pages(pdf), i + 1);
		/* Nothing under the final name while it is written. */
		assert_false(unit_exists(path));
	}
	assert_ok(pr_scanpdf_close(pdf, sha, &err), &err);
}

static void test_images_and_sizes(void **state)
{
	(void)state;
	if (!unit_have("pdfimages") || !unit_have("pdfinfo"))
		skip();
	char path[600], sha[PR_SHA256_HEX_LEN];
	snprintf(path, sizeof path, "%s", unit_path("scan.pdf"));
	write_pdf(path, sha);

	char out[8192];
	assert_int_equal(unit_pdf_pages(path, NULL, 0), NPAGES);
	/* poppler says nothing on stderr about the file (no xref repairs). */
	assert_int_equal(unit_sh(out, sizeof out, "pdfinfo -f 1 -l %d '%s' 2>&1 >/dev/null", NPAGES,
				 path), 0);
	assert_string_equal(out, "");
	assert_int_equal(unit_sh(out, sizeof out, "pdfinfo -f 1 -l %d '%s'", NPAGES, path), 0);
	for (int i = 0; i < NPAGES; i++) {
		char key[40];
		snprintf(key, sizeof key, "Page %4d size: ", i + 1);
		const char *line = strstr(out, key);
		assert_non_null(line);
		double w, h;
		assert_int_equal(sscanf(line + strlen(key), "%lf x %lf", &w, &h), 2);
		/* A4 is 595.28 x 841.89 points; whole pixels at the dpi. */
		if (w < 594.9 || w > 595.6 || h < 841.5 || h > 842.3)
			fail_msg("page %d is %.2f x %.2f points", i + 1, w, h);
		if (pages[i].dpi == 300)
			assert_non_null(strstr(line, "595.2 x 841.92 pts (A4)"));
		else
			assert_non_null(strstr(line, "595.44 x 842.04 pts"));
	}

	assert_int_equal(unit_sh(out, sizeof out, "pdfimages -list '%s'", path), 0);
	char *line = strstr(out, "\n-");
	assert_non_null(line);
	line = strchr(line + 1, '\n') + 1;
	for (int i = 0; i < NPAGES; i++) {
		int page, num, width, height, comp, bpc, xppi;
		char type[20], color[20], enc[20], interp[20];
		int got = sscanf(line, "%d %d %19s %d %d %19s %d %d %19s %19s %*d %*d %d", &page, &num,
				 type, &width, &height, color, &comp, &bpc, enc, interp, &xppi);
		assert_int_equal(got, 11);
		assert_int_equal(page, i + 1);
		assert_string_equal(type, "image");
		assert_string_equal(color, pages[i].color);
		assert_int_equal(bpc, pages[i].bpc);
		assert_string_equal(enc, pages[i].enc);
		assert_int_equal(xppi, (int)pages[i].dpi);
		assert_int_equal(width, (int)lround(210 / 25.4 * pages[i].dpi));
		line = strchr(line, '\n');
		assert_non_null(line);
		line++;
	}
	assert_string_equal(line, "");

	/* The digest is the file's. */
	char want[100];
	assert_int_equal(unit_sh(want, sizeof want, "sha256sum '%s' | cut -c1-64", path), 0);
	want[strcspn(want, "\n")] = '\0';
	assert_string_equal(sha, want);
	unit_assert_no_leftovers();
}

/* The grey PGM (P5) at PATH as an image. */
static pr_grey_image read_pgm(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	int w, h, max;
	assert_int_equal(fscanf(f, "P5 %d %d %d", &w, &h, &max), 3);
	fgetc(f);
	pr_grey_image g = { w, h, 150, 150, malloc((size_t)w * (size_t)h) };
	assert_int_equal(fread(g.pixels, 1, (size_t)w * (size_t)h, f), (size_t)w * (size_t)h);
	fclose(f);
	return g;
}

/* Page I of PDF rendered in colour: the paper is the cream the TIFF has
 * (250, 248, 235), or a palette's grey: colours were not transformed
 * twice or not at all. */
static void check_paper(const char *pdf, int i, const fake_fmt *f)
{
	char prefix[600], ppm[700];
	snprintf(prefix, sizeof prefix, "%s", unit_path("colour"));
	assert_int_equal(unit_sh(NULL, 0, "pdftoppm -r 20 -singlefile -f %d -l %d '%s' '%s'", i + 1,
				 i + 1, pdf, prefix), 0);
	snprintf(ppm, sizeof ppm, "%s.ppm", prefix);
	FILE *fp = fopen(ppm, "rb");
	assert_non_null(fp);
	int w, h, max;
	assert_int_equal(fscanf(fp, "P6 %d %d %d", &w, &h, &max), 3);
	fgetc(fp);
	unsigned char *b = malloc((size_t)w * (size_t)h * 3);
	assert_int_equal(fread(b, 3, (size_t)w * (size_t)h, fp), (size_t)w * (size_t)h);
	fclose(fp);
	/* 20 mm in, 20 mm down: paper. */
	const unsigned char *px = b + 3 * ((size_t)(h / 15) * (size_t)w + (size_t)(w / 10));
	int want[3] = { 250, 248, 235 };
	if (f->kind == FK_PALETTE)
		want[0] = want[1] = want[2] = 255;
	for (int c = 0; c < 3; c++)
		if (abs(px[c] - want[c]) > 6)
			fail_msg("page %d (%s): paper is %d,%d,%d", i + 1, f->name, px[0], px[1], px[2]);
	free(b);
	unlink(ppm);
}

/* Every page rendered at 150 dpi reads its own barcode, black on white. */
static void test_rendered_back(void **state)
{
	(void)state;
	if (!unit_have("pdftoppm"))
		skip();
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("render.pdf"));
	write_pdf(path, NULL);
	pr_decoder *dec;
	pr_error err = { 0 };
	assert_ok(pr_decoder_open(&dec, &err), &err);
	for (int i = 0; i < NPAGES; i++) {
		char prefix[600], pgm[700];
		snprintf(prefix, sizeof prefix, "%s", unit_path("render"));
		assert_int_equal(unit_sh(NULL, 0, "pdftoppm -r 150 -gray -singlefile -f %d -l %d '%s' '%s'",
					 i + 1, i + 1, path, prefix), 0);
		snprintf(pgm, sizeof pgm, "%s.pgm", prefix);
		if (i == 0 && unit_have("zbarimg"))
			unit_assert_decodes(pgm, pages[i].code);
		pr_grey_image g = read_pgm(pgm);
		char codes[4][PR_CODE_MAX];
		size_t n;
		assert_ok(pr_decode_codes(dec, &g, codes, 4, &n, &err), &err);
		if (n != 1 || strcmp(codes[0], pages[i].code) != 0)
			fail_msg("page %d (%s) reads %zu codes", i + 1, pages[i].fmt.name, n);
		/* Mostly white paper: the polarity held. */
		long sum = 0;
		for (size_t k = 0; k < (size_t)g.width * (size_t)g.height; k++)
			sum += g.pixels[k];
		long mean = sum / ((long)g.width * g.height);
		if (mean < 200)
			fail_msg("page %d (%s) is dark: mean %ld", i + 1, pages[i].fmt.name, mean);
		assert_false(pr_page_is_blank(&g));
		pr_grey_image_free(&g);
		unlink(pgm);
		if (strcmp(pages[i].color, "rgb") == 0)
			check_paper(path, i, &pages[i].fmt);
	}
	pr_decoder_close(dec);
}

/* The G4 data of a single-strip G4 page goes into the PDF unchanged. */
static void test_passthrough(void **state)
{
	(void)state;
	if (!unit_have("pdfimages"))
		skip();
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("pass.pdf"));
	write_pdf(path, NULL);
	for (int i = 0; i < 2; i++) {
		char prefix[600], file[700];
		snprintf(prefix, sizeof prefix, "%s", unit_path("img"));
		assert_int_equal(unit_sh(NULL, 0, "pdfimages -ccitt -f %d -l %d '%s' '%s'", i + 1, i + 1,
					 path, prefix), 0);
		snprintf(file, sizeof file, "%s-000.ccitt", prefix);
		FILE *f = fopen(file, "rb");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		size_t n = (size_t)ftell(f);
		fseek(f, 0, SEEK_SET);
		unsigned char *got = malloc(n);
		assert_int_equal(fread(got, 1, n, f), n);
		fclose(f);
		size_t rn;
		unsigned char *raw = fake_raw_strip(tiffs[i], 0, &rn);
		assert_int_equal(n, rn);
		assert_memory_equal(got, raw, n);
		free(raw);
		free(got);
		/* pdfimages' parameters say G4 and the polarity. */
		char params[300];
		snprintf(file, sizeof file, "%s-000.params", prefix);
		assert_int_equal(unit_sh(params, sizeof params, "cat '%s'", file), 0);
		assert_non_null(strstr(params, "-4"));
		/* /BlackIs1 true, which poppler gives fax2tiff as -W. */
		assert_non_null(strstr(params, pages[i].fmt.minisblack ? "-W" : "-B"));
		unlink(file);
		snprintf(file, sizeof file, "%s-000.ccitt", prefix);
		unlink(file);
	}
}

/* The bytes of file PATH (free()). */
static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *b = malloc(*n ? *n : 1);
	assert_int_equal(fread(b, 1, *n, f), *n);
	fclose(f);
	return b;
}

/* A single-strip JPEG page goes in as the strip itself, its tables put
 * back: the strip (after its SOI) ends the stream unchanged. */
static void test_jpeg_passthrough(void **state)
{
	(void)state;
	if (!unit_have("pdfimages"))
		skip();
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("jpeg.pdf"));
	write_pdf(path, NULL);
	for (int i = 0; i < NPAGES; i++) {
		if (strcmp(pages[i].enc, "jpeg") != 0)
			continue;
		char prefix[600], file[700];
		snprintf(prefix, sizeof prefix, "%s", unit_path("jp"));
		assert_int_equal(unit_sh(NULL, 0, "pdfimages -j -f %d -l %d '%s' '%s'", i + 1, i + 1,
					 path, prefix), 0);
		snprintf(file, sizeof file, "%s-000.jpg", prefix);
		size_t n, rn;
		unsigned char *got = slurp(file, &n);
		unsigned char *raw = fake_raw_strip(tiffs[i], 0, &rn);
		pr_encoded_page e;
		encoded(i, &e);
		assert_true(e.passthrough);
		assert_int_equal(n, e.size);
		assert_memory_equal(got, e.bytes, n);
		assert_true(n > rn);
		assert_memory_equal(got + n - (rn - 2), raw + 2, rn - 2);
		assert_memory_equal(got, "\xff\xd8", 2);
		pr_encoded_free(&e);
		free(raw);
		free(got);
		unlink(file);
	}
}

/* The cross-reference table points at every object exactly. */
static void test_xref(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("xref.pdf"));
	write_pdf(path, NULL);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size_t n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc(n + 1);
	assert_int_equal(fread(b, 1, n, f), n);
	b[n] = '\0';
	fclose(f);
	assert_memory_equal(b, "%PDF-1.4\n", 9);
	assert_memory_equal(b + n - 6, "%%EOF\n", 6);
	/* The last startxref. */
	char *sx = NULL;
	for (size_t i = n - 10; i > n - 64 && !sx; i--)
		if (memcmp(b + i, "startxref\n", 10) == 0)
			sx = b + i;
	assert_non_null(sx);
	unsigned long xref = strtoul(sx + 10, NULL, 10);
	assert_true(xref < n);
	assert_memory_equal(b + xref, "xref\n0 ", 7);
	int count = atoi(b + xref + 7);
	/* 3 objects a page, the page tree, the catalog and object 0. */
	assert_int_equal(count, 3 * NPAGES + 3);
	const char *e = strchr(b + xref + 5, '\n') + 1;
	assert_memory_equal(e, "0000000000 65535 f \n", 20);
	for (int i = 1; i < count; i++) {
		e += 20;
		unsigned long off = strtoul(e, NULL, 10);
		assert_memory_equal(e + 10, " 00000 n \n", 10);
		char want[32];
		int wl = snprintf(want, sizeof want, "%d 0 obj\n", i);
		assert_true(off < n);
		if (memcmp(b + off, want, (size_t)wl) != 0)
			fail_msg("object %d is not at %lu", i, off);
	}
	assert_non_null(strstr(b + xref, "trailer\n<< /Size"));
	free(b);
}

static void test_whole_or_nothing(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("item.pdf"));
	pr_error err = { 0 };
	pr_scanpdf *pdf;
	pr_encoded_page e;
	encoded(0, &e);

	/* Abandoned: nothing at all. */
	assert_ok(pr_scanpdf_open(path, &pdf, &err), &err);
	assert_ok(pr_scanpdf_add_page(pdf, &e, &err), &err);
	pr_scanpdf_abandon(pdf);
	assert_false(unit_exists(path));
	unit_assert_no_leftovers();

	/* An old file stays whole until the new one is closed. */
	FILE *f = fopen(path, "w");
	fputs("old", f);
	fclose(f);
	assert_ok(pr_scanpdf_open(path, &pdf, &err), &err);
	assert_ok(pr_scanpdf_add_page(pdf, &e, &err), &err);
	char out[100];
	assert_int_equal(unit_sh(out, sizeof out, "cat '%s'", path), 0);
	assert_string_equal(out, "old");
	char sha[PR_SHA256_HEX_LEN];
	assert_ok(pr_scanpdf_close(pdf, sha, &err), &err);
	char want[PR_SHA256_HEX_LEN];
	assert_ok(pr_sha256_file(path, want, &err), &err);
	assert_string_equal(sha, want);
	unit_assert_no_leftovers();

	/* No pages: refused, nothing left. */
	unlink(path);
	assert_ok(pr_scanpdf_open(path, &pdf, &err), &err);
	assert_int_equal(pr_scanpdf_close(pdf, sha, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "at least one page"));
	assert_false(unit_exists(path));
	unit_assert_no_leftovers();

	/* A bad page is refused and the PDF can still be abandoned. */
	assert_ok(pr_scanpdf_open(path, &pdf, &err), &err);
	pr_encoded_page bad = e;
	bad.xdpi = 0;
	assert_int_equal(pr_scanpdf_add_page(pdf, &bad, &err), PR_EINVAL);
	bad = e;
	bad.bytes = NULL;
	assert_int_equal(pr_scanpdf_add_page(pdf, &bad, &err), PR_EINVAL);
	assert_int_equal(pr_scanpdf_pages(pdf), 0);
	pr_scanpdf_abandon(pdf);
	pr_scanpdf_abandon(NULL);
	unit_assert_no_leftovers();

	/* A folder that does not exist. */
	char nowhere[700];
	snprintf(nowhere, sizeof nowhere, "%s/no/such/folder/x.pdf", unit_tmpdir());
	assert_int_equal(pr_scanpdf_open(nowhere, &pdf, &err), PR_EIO);
	assert_non_null(strstr(err.msg, nowhere));
	pr_encoded_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_images_and_sizes),
		cmocka_unit_test(test_rendered_back),
		cmocka_unit_test(test_passthrough),
		cmocka_unit_test(test_jpeg_passthrough),
		cmocka_unit_test(test_xref),
		cmocka_unit_test(test_whole_or_nothing),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
