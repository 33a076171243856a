/* Scan files in: every layout a scanner writes (G4, G3, none, grey and
 * colour with LZW, Deflate and JPEG, a palette, strips and tiles, both byte
 * orders, both photometrics, FillOrder 2, 200 and 300 dpi) read to grey
 * with the right barcode on the right page, and encoded for a PDF without
 * loss; bad files (not a TIFF, empty, no pages, truncated anywhere, absurd
 * sizes, unsupported depth, damaged strips, random damage) refused with a
 * message that names the file and the problem, without a crash or a leak. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "postroom/io/decode.h"
#include "postroom/io/scanpdf.h"
#include "postroom/io/tiff.h"
#include "scans.h"

#define SEP "I261120-0042K"

static const fake_fmt formats[] = {
	{ .name = "g4", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 },
	{ .name = "g4-minisblack", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	  .minisblack = true },
	{ .name = "g4-strips", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	  .rows_per_strip = 256 },
	{ .name = "g4-tiles", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	  .tile = 512 },
	{ .name = "g4-big-endian", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	  .big_endian = true },
	{ .name = "g4-fillorder2", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	  .lsb_first = true },
	{ .name = "g4-no-dpi", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4,
	  .no_dpi = true, .no_pagenumber = true },
	{ .name = "g3-1d", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX3 },
	{ .name = "g3-2d", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX3, .g3_2d = true,
	  .big_endian = true },
	{ .name = "bilevel-none", .kind = FK_BILEVEL, .compression = COMPRESSION_NONE,
	  .rows_per_strip = 64 },
	{ .name = "grey-none", .kind = FK_GREY, .compression = COMPRESSION_NONE, .rows_per_strip = 32 },
	{ .name = "grey-lzw", .kind = FK_GREY, .compression = COMPRESSION_LZW, .rows_per_strip = 64 },
	{ .name = "grey-deflate-miniswhite", .kind = FK_GREY,
	  .compression = COMPRESSION_ADOBE_DEFLATE, .miniswhite = true, .rows_per_strip = 64 },
	{ .name = "grey-jpeg", .kind = FK_GREY, .compression = COMPRESSION_JPEG,
	  .rows_per_strip = 64 },
	{ .name = "grey-lzw-tiles-be", .kind = FK_GREY, .compression = COMPRESSION_LZW, .tile = 256,
	  .big_endian = true },
	{ .name = "rgb-lzw", .kind = FK_RGB, .compression = COMPRESSION_LZW, .rows_per_strip = 32 },
	{ .name = "rgb-deflate-be", .kind = FK_RGB, .compression = COMPRESSION_ADOBE_DEFLATE,
	  .rows_per_strip = 32, .big_endian = true },
	{ .name = "rgb-jpeg", .kind = FK_RGB, .compression = COMPRESSION_JPEG, .rows_per_strip = 64 },
	{ .name = "rgb-jpeg-ycbcr", .kind = FK_RGB, .compression = COMPRESSION_JPEG,
	  .rows_per_strip = 64, .ycbcr = true },
	{ .name = "rgb-jpeg-tiles", .kind = FK_RGB, .compression = COMPRESSION_JPEG, .tile = 256,
	  .ycbcr = true },
	{ .name = "grey-jpeg-1strip", .kind = FK_GREY, .compression = COMPRESSION_JPEG },
	{ .name = "rgb-jpeg-1strip", .kind = FK_RGB, .compression = COMPRESSION_JPEG },
	{ .name = "rgb-jpeg-ycbcr-1strip-be", .kind = FK_RGB, .compression = COMPRESSION_JPEG,
	  .ycbcr = true, .big_endian = true },
	{ .name = "palette-lzw", .kind = FK_PALETTE, .compression = COMPRESSION_LZW,
	  .rows_per_strip = 64 },
};

static pr_tiff_kind kind_of(const fake_fmt *f)
{
	return f->kind == FK_BILEVEL ? PR_TIFF_BILEVEL : f->kind == FK_GREY ? PR_TIFF_GREY
									   : PR_TIFF_RGB;
}

/* Writes ENC back as a one-page TIFF (its bytes as the only strip) and
 * returns its path, to be decoded again by the code under test. */
static const char *enc_as_tiff(const pr_encoded_page *enc, const char *name)
{
	static char path[600];
	snprintf(path, sizeof path, "%s", unit_path(name));
	TIFF *t = TIFFOpen(path, "w");
	assert_non_null(t);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, (uint32_t)enc->width);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, (uint32_t)enc->height);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, (uint32_t)enc->height);
	TIFFSetField(t, TIFFTAG_XRESOLUTION, (float)enc->xdpi);
	TIFFSetField(t, TIFFTAG_YRESOLUTION, (float)enc->ydpi);
	if (enc->format == PR_ENC_JPEG_GREY || enc->format == PR_ENC_JPEG_RGB) {
		/* A whole JPEG stream is a valid strip on its own. */
		int spp = enc->format == PR_ENC_JPEG_RGB ? 3 : 1;
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, spp);
		TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC,
			     spp == 1 ? PHOTOMETRIC_MINISBLACK
			     : enc->ycbcr ? PHOTOMETRIC_YCBCR : PHOTOMETRIC_RGB);
	} else if (enc->format == PR_ENC_G4) {
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
		TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC,
			     enc->black_is_1 ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_MINISWHITE);
	} else {
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
		int spp = enc->format == PR_ENC_FLATE_RGB ? 3 : 1;
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, spp);
		TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC,
			     spp == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
	}
	assert_true(TIFFWriteRawStrip(t, 0, enc->bytes, (tmsize_t)enc->size) > 0);
	TIFFClose(t);
	return path;
}

static void open_ok(const char *path, pr_tiff **t)
{
	pr_error err = { 0 };
	assert_ok(pr_tiff_open(path, t, &err), &err);
}

/* Full-resolution grey of page INDEX of PATH. */
static pr_grey_image grey_full(const char *path, int index)
{
	pr_tiff *t;
	pr_grey_image g;
	pr_error err = { 0 };
	open_ok(path, &t);
	assert_ok(pr_tiff_page_grey(t, index, 0, &g, &err), &err);
	pr_tiff_close(t);
	return g;
}

/* One layout: page 1 a separator, page 2 a blank back, page 3 a letter
 * with its own barcode, at DPI. */
static void check_format(const fake_fmt *f, double dpi, pr_decoder *dec)
{
	char name[100];
	snprintf(name, sizeof name, "%s-%.0f.tif", f->name, dpi);
	const char *path = unit_path(name);
	char file[600];
	snprintf(file, sizeof file, "%s", path);
	fake_page p[3] = { fake_a4(dpi), fake_a4(dpi), fake_a4(dpi) };
	fake_sheet(&p[0], SEP, 0);
	fake_text(&p[2], 25, 40, 10, 150, 7);
	fake_barcode(&p[2], "HMRC 123456789", 150, 25, 0.4, 12, 0);
	fake_page *pp[3] = { &p[0], &p[1], &p[2] };
	fake_write(file, pp, 3, f);

	pr_tiff *t;
	pr_error err = { 0 };
	open_ok(file, &t);
	assert_int_equal(pr_tiff_pages(t), 3);
	for (int i = 0; i < 3; i++) {
		pr_tiff_page info;
		assert_ok(pr_tiff_page_info(t, i, &info, &err), &err);
		assert_int_equal(info.width, p[i].w);
		assert_int_equal(info.height, p[i].h);
		double want = f->no_dpi ? PR_TIFF_DEFAULT_DPI : dpi;
		assert_true(info.xdpi > want - 0.01 && info.xdpi < want + 0.01);
		assert_int_equal(info.dpi_given, !f->no_dpi);
		assert_int_equal(info.kind, kind_of(f));
		assert_int_equal(info.tiled, f->tile != 0);

		pr_grey_image g;
		assert_ok(pr_tiff_page_grey(t, i, 150, &g, &err), &err);
		int fx = (int)(want / 150);
		assert_int_equal(g.width, p[i].w / fx);
		assert_int_equal(g.height, p[i].h / fx);
		char codes[4][PR_CODE_MAX];
		size_t n;
		assert_ok(pr_decode_codes(dec, &g, codes, 4, &n, &err), &err);
		if (i == 0) {
			if (n != 1 || strcmp(codes[0], SEP) != 0)
				fail_msg("%s: page 1 reads %zu codes, not %s", name, n, SEP);
		} else if (i == 1) {
			assert_int_equal(n, 0);
		} else {
			if (n != 1 || strcmp(codes[0], "HMRC 123456789") != 0)
				fail_msg("%s: page 3 reads %zu codes", name, n);
		}
		if (pr_page_is_blank(&g) != (i == 1))
			fail_msg("%s: page %d blank is %d", name, i + 1, pr_page_is_blank(&g));
		pr_grey_image_free(&g);
		assert_null(g.pixels);

		pr_encoded_page e;
		assert_ok(pr_tiff_page_encoded(t, i, &e, &err), &err);
		assert_int_equal(e.width, p[i].w);
		assert_int_equal(e.height, p[i].h);
		assert_true(e.xdpi > want - 0.01 && e.xdpi < want + 0.01);
		bool jpeg = f->compression == COMPRESSION_JPEG && !f->tile && !f->rows_per_strip;
		pr_encoded_format fmt = f->kind == FK_BILEVEL ? PR_ENC_G4
					: f->kind == FK_GREY  ? (jpeg ? PR_ENC_JPEG_GREY : PR_ENC_FLATE_GREY)
							      : (jpeg ? PR_ENC_JPEG_RGB : PR_ENC_FLATE_RGB);
		assert_int_equal(e.format, fmt);
		assert_int_equal(e.ycbcr, jpeg && f->ycbcr);
		bool pass = (f->compression == COMPRESSION_CCITTFAX4 || jpeg) && !f->tile &&
			    !f->rows_per_strip;
		assert_int_equal(e.passthrough, pass);
		if (pass && !f->lsb_first && !jpeg) {
			size_t rn;
			unsigned char *raw = fake_raw_strip(file, i, &rn);
			assert_int_equal(rn, e.size);
			assert_memory_equal(raw, e.bytes, rn);
			free(raw);
		}
		assert_int_equal(e.black_is_1, pass && f->minisblack);
		/* Lossless: the encoded page decodes to exactly the page. */
		const char *back = enc_as_tiff(&e, "back.tif");
		pr_grey_image a = grey_full(file, i), b = grey_full(back, 0);
		assert_int_equal(a.width, b.width);
		assert_int_equal(a.height, b.height);
		if (memcmp(a.pixels, b.pixels, (size_t)a.width * (size_t)a.height) != 0)
			fail_msg("%s: page %d encoded is not the page", name, i + 1);
		pr_grey_image_free(&a);
		pr_grey_image_free(&b);
		pr_encoded_free(&e);
		unlink(back);
	}
	pr_tiff_close(t);
	for (int i = 0; i < 3; i++)
		fake_free(&p[i]);
	unlink(file);
}

static void test_every_format(void **state)
{
	(void)state;
	pr_decoder *dec;
	pr_error err = { 0 };
	assert_ok(pr_decoder_open(&dec, &err), &err);
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		check_format(&formats[i], 300, dec);
		/* 200 dpi for a third of them, each kind among them. */
		if (i % 3 == 0)
			check_format(&formats[i], 200, dec);
	}
	pr_decoder_close(dec);
}

/* The grey page averages: a 300 dpi page is halved, 600 dpi quartered,
 * 200 and 240 dpi kept whole; black is 0 and white 255 whatever the
 * photometric. */
static void test_grey_levels(void **state)
{
	(void)state;
	const double dpis[] = { 200, 240, 300, 600 };
	const int factors[] = { 1, 1, 2, 4 };
	for (int k = 0; k < 4; k++) {
		fake_page p = fake_sized(403, 301, dpis[k]);
		/* The left 202 pixels black. */
		for (int y = 0; y < p.h; y++)
			memset(p.px + (size_t)y * (size_t)p.w, 0, 202);
		for (int m = 0; m < 2; m++) {
			fake_fmt f = { .name = "levels", .kind = FK_BILEVEL,
				       .compression = COMPRESSION_CCITTFAX4, .minisblack = m };
			const char *path = unit_path("levels.tif");
			fake_write1(path, &p, &f);
			pr_tiff *t;
			pr_grey_image g;
			pr_error err = { 0 };
			open_ok(path, &t);
			assert_ok(pr_tiff_page_grey(t, 0, 150, &g, &err), &err);
			assert_int_equal(g.width, 403 / factors[k]);
			assert_int_equal(g.height, 301 / factors[k]);
			/* At 600 dpi the cell of pixels 200-203 is half black. */
			if (factors[k] == 4)
				assert_int_equal(g.pixels[50], 127);
			if (factors[k] == 2) {
				assert_int_equal(g.pixels[100], 0);
				assert_int_equal(g.pixels[101], 255);
			}
			assert_true(g.xdpi > dpis[k] / factors[k] - 0.01);
			assert_int_equal(g.pixels[0], 0);
			assert_int_equal(g.pixels[g.width - 1], 255);
			pr_grey_image_free(&g);
			pr_tiff_close(t);
		}
		fake_free(&p);
	}
}

/* --- bad files ----------------------------------------------------------- */

static void expect_refused(const char *path, pr_status code, const char *words)
{
	pr_tiff *t = (pr_tiff *)0x1;
	pr_error err = { 0 };
	pr_status s = pr_tiff_open(path, &t, &err);
	if (s != code)
		fail_msg("%s: status %d (%s), want %d", path, s, err.msg, code);
	assert_ptr_equal(t, (pr_tiff *)0x1);
	if (!strstr(err.msg, words))
		fail_msg("message \"%s\" does not say \"%s\"", err.msg, words);
	if (!strstr(err.msg, path))
		fail_msg("message \"%s\" does not name %s", err.msg, path);
}

static void write_bytes(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static unsigned char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *b = malloc((size_t)len);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return b;
}

static void test_not_tiff(void **state)
{
	(void)state;
	const char *path = unit_path("letter.pdf");
	write_bytes(path, "%PDF-1.4\n", 9);
	expect_refused(path, PR_EINVAL, "is not a TIFF file");
	path = unit_path("empty.tif");
	write_bytes(path, "", 0);
	expect_refused(path, PR_EINVAL, "is not a TIFF file (it is empty)");
	path = unit_path("zero.tif");
	write_bytes(path, "II*\0\0\0\0\0", 8);
	expect_refused(path, PR_EINVAL, "has no pages");
	path = unit_path("header.tif");
	write_bytes(path, "MM\0*", 4);
	expect_refused(path, PR_EINVAL, "has no pages");
	/* A first directory past the end. */
	path = unit_path("nodir.tif");
	write_bytes(path, "II*\0\xff\0\0\0", 8);
	expect_refused(path, PR_EINVAL, "is not a readable TIFF file");
	expect_refused(unit_path("missing.tif"), PR_EIO, "cannot read");
	expect_refused(unit_tmpdir(), PR_EIO, "not a regular file");
}

/* A 3-page file cut at many points: each cut is refused at open or, when
 * the cut falls where libtiff cannot tell, at the latest when the page is
 * decoded; never a crash. */
static void test_truncated(void **state)
{
	(void)state;
	fake_page p[3] = { fake_a4(200), fake_a4(200), fake_a4(200) };
	fake_sheet(&p[0], SEP, 0);
	fake_text(&p[1], 25, 40, 20, 150, 3);
	fake_text(&p[2], 25, 40, 20, 150, 4);
	fake_page *pp[3] = { &p[0], &p[1], &p[2] };
	fake_fmt f = { .name = "trunc", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 };
	const char *whole = unit_path("whole.tif");
	char wpath[600];
	snprintf(wpath, sizeof wpath, "%s", whole);
	fake_write(wpath, pp, 3, &f);
	size_t n;
	unsigned char *b = read_all(wpath, &n);
	char cut[600];
	snprintf(cut, sizeof cut, "%s", unit_path("cut.tif"));
	int refused_at_open = 0, refused_later = 0;
	for (int k = 1; k < 40; k++) {
		size_t len = n * (size_t)k / 40;
		write_bytes(cut, b, len);
		pr_tiff *t;
		pr_error err = { 0 };
		pr_status s = pr_tiff_open(cut, &t, &err);
		if (s != PR_OK) {
			assert_int_equal(s, PR_EINVAL);
			assert_non_null(strstr(err.msg, cut));
			refused_at_open++;
			continue;
		}
		/* Open only when the cut left the directories and data whole
		 * (libtiff writes each page's data before its directory). */
		bool bad = false;
		for (int i = 0; i < pr_tiff_pages(t) && !bad; i++) {
			pr_grey_image g;
			pr_encoded_page e;
			if (pr_tiff_page_grey(t, i, 150, &g, &err) != PR_OK)
				bad = true;
			else
				pr_grey_image_free(&g);
			if (pr_tiff_page_encoded(t, i, &e, &err) == PR_OK)
				pr_encoded_free(&e);
		}
		if (bad)
			refused_later++;
		else
			assert_int_equal(pr_tiff_pages(t), 3);
		pr_tiff_close(t);
	}
	assert_true(refused_at_open >= 35);
	(void)refused_later;

	/* A cut that leaves two whole pages: PAGENUMBER says 3. */
	pr_tiff *t;
	open_ok(wpath, &t);
	pr_tiff_close(t);
	/* Find the third directory's offset by walking the second's next link. */
	TIFF *tt = TIFFOpen(wpath, "r");
	assert_non_null(tt);
	assert_true(TIFFSetDirectory(tt, 2));
	uint64_t third = TIFFCurrentDirOffset(tt);
	TIFFClose(tt);
	/* Point the second directory's link at 0: a file of two pages. */
	unsigned char *c = malloc(n);
	memcpy(c, b, n);
	for (size_t i = 0; i + 4 <= n; i++) {
		uint32_t v = (uint32_t)c[i] | (uint32_t)c[i + 1] << 8 | (uint32_t)c[i + 2] << 16 |
			     (uint32_t)c[i + 3] << 24;
		if (v == third && i != 4) {
			memset(c + i, 0, 4);
			break;
		}
	}
	write_bytes(cut, c, n);
	expect_refused(cut, PR_EINVAL, "holds 2 pages but says it has 3");
	free(c);
	free(b);
	for (int i = 0; i < 3; i++)
		fake_free(&p[i]);
}

static void test_absurd(void **state)
{
	(void)state;
	const char *path = unit_path("absurd.tif");
	char file[600];
	snprintf(file, sizeof file, "%s", path);
	fake_fmt g4 = { .name = "a", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 };
	fake_page wide = fake_sized(20001, 16, 300);
	fake_write1(file, &wide, &g4);
	expect_refused(file, PR_EINVAL, "20001 x 16 pixels is too large");
	fake_free(&wide);

	fake_page long_ = fake_sized(100, 8000, 100);  /* 2 m at 100 dpi */
	fake_write1(file, &long_, &g4);
	expect_refused(file, PR_EINVAL, "2032 mm at 100 dpi is too large");
	fake_free(&long_);

	/* 10000 x 10000 RGB: 286 MB decoded, under 1.5 m at 600 dpi. Written
	 * by hand: tags only, one strip of a few bytes. */
	TIFF *t = TIFFOpen(file, "w");
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 10000u);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, 10000u);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
	TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 10000u);
	TIFFSetField(t, TIFFTAG_XRESOLUTION, 600.0f);
	TIFFSetField(t, TIFFTAG_YRESOLUTION, 600.0f);
	char junk[4] = "xxx";
	TIFFWriteRawStrip(t, 0, junk, 4);
	TIFFClose(t);
	expect_refused(file, PR_EINVAL, "needs 286 MB decoded");

	/* 16-bit grey. */
	t = TIFFOpen(file, "w");
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 64u);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, 64u);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 16);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 64u);
	unsigned short row[64] = { 0 };
	for (int y = 0; y < 64; y++)
		TIFFWriteScanline(t, row, (uint32_t)y, 0);
	TIFFClose(t);
	expect_refused(file, PR_EINVAL, "16 bits x 1 samples a pixel");

	/* Bilevel tiles 20 pixels wide (TIFF wants multiples of 16), which
	 * libtiff writes none: a 16-wide one has its TileWidth entry changed. */
	fake_page small = fake_sized(40, 40, 200);
	fake_fmt odd = { .name = "odd", .kind = FK_BILEVEL, .compression = COMPRESSION_NONE,
			 .tile = 16 };
	fake_write1(file, &small, &odd);
	fake_free(&small);
	size_t n;
	unsigned char *b = read_all(file, &n);
	bool changed = false;
	for (size_t i = 8; i + 12 <= n && !changed; i += 2) {
		/* Tag 322, SHORT or LONG, count 1, value 16 (little-endian). */
		if (b[i] == 0x42 && b[i + 1] == 0x01 && (b[i + 2] == 3 || b[i + 2] == 4) &&
		    b[i + 4] == 1 && b[i + 8] == 16) {
			b[i + 8] = 20;
			changed = true;
		}
	}
	assert_true(changed);
	write_bytes(file, b, n);
	free(b);
	expect_refused(file, PR_EINVAL, "tiles 20 pixels wide are not supported");
}

/* Damaged image data: a G4 strip overwritten in its middle fails to decode
 * with a message naming the file and page. */
static void test_corrupt_strip(void **state)
{
	(void)state;
	fake_page p[2] = { fake_a4(300), fake_a4(300) };
	fake_text(&p[0], 25, 40, 30, 150, 1);
	fake_text(&p[1], 25, 40, 30, 150, 2);
	fake_page *pp[2] = { &p[0], &p[1] };
	const fake_fmt fmts[] = {
		{ .name = "g4", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 },
		{ .name = "lzw", .kind = FK_GREY, .compression = COMPRESSION_LZW, .rows_per_strip = 512 },
		{ .name = "jpeg", .kind = FK_GREY, .compression = COMPRESSION_JPEG, .rows_per_strip = 512 },
		{ .name = "deflate", .kind = FK_RGB, .compression = COMPRESSION_ADOBE_DEFLATE,
		  .rows_per_strip = 512 },
	};
	char file[600];
	snprintf(file, sizeof file, "%s", unit_path("corrupt.tif"));
	for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
		fake_write(file, pp, 2, &fmts[k]);
		/* The second page's first strip, overwritten from its middle. */
		TIFF *t = TIFFOpen(file, "r");
		assert_true(TIFFSetDirectory(t, 1));
		uint64_t *off, *cnt;
		assert_true(TIFFGetField(t, TIFFTAG_STRIPOFFSETS, &off));
		assert_true(TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &cnt));
		uint64_t at = off[0] + cnt[0] / 3, len = cnt[0] / 3;
		TIFFClose(t);
		size_t n;
		unsigned char *b = read_all(file, &n);
		unsigned seed = 99;
		for (uint64_t i = 0; i < len; i++)
			b[at + i] = (unsigned char)fake_rand(&seed);
		write_bytes(file, b, n);
		free(b);

		pr_tiff *tf;
		pr_error err = { 0 };
		open_ok(file, &tf);
		pr_grey_image g;
		assert_ok(pr_tiff_page_grey(tf, 0, 150, &g, &err), &err);
		pr_grey_image_free(&g);
		g.pixels = (unsigned char *)0x1;
		pr_status s = pr_tiff_page_grey(tf, 1, 150, &g, &err);
		if (s != PR_EINVAL)
			fail_msg("%s: a damaged strip decodes (%d)", fmts[k].name, s);
		assert_ptr_equal(g.pixels, (unsigned char *)0x1);
		if (!strstr(err.msg, "page 2: the image data is damaged at row") ||
		    !strstr(err.msg, file))
			fail_msg("%s: message \"%s\"", fmts[k].name, err.msg);
		if (fmts[k].kind != FK_BILEVEL) {
			pr_encoded_page e;
			assert_int_equal(pr_tiff_page_encoded(tf, 1, &e, &err), PR_EINVAL);
		}
		/* The good page still reads after the bad one. */
		assert_ok(pr_tiff_page_grey(tf, 0, 150, &g, &err), &err);
		pr_grey_image_free(&g);
		pr_tiff_close(tf);
	}
	fake_free(&p[0]);
	fake_free(&p[1]);
}

/* Random damage: bytes flipped anywhere in small files of every kind.
 * Whatever libtiff makes of it, a call fails cleanly or succeeds; ASan
 * and UBSan watch for the rest. */
static void test_fuzzed(void **state)
{
	(void)state;
	fake_page p = fake_sized(160, 120, 100);
	fake_text(&p, 3, 3, 10, 30, 5);
	char file[600];
	snprintf(file, sizeof file, "%s", unit_path("fuzz.tif"));
	unsigned seed = 2026;
	int opened = 0, failed = 0;
	/* POSTROOM_FUZZ_ROUNDS runs more for a longer search. */
	int rounds = getenv("POSTROOM_FUZZ_ROUNDS") ? atoi(getenv("POSTROOM_FUZZ_ROUNDS")) : 40;
	if (getenv("POSTROOM_FUZZ_SEED"))
		seed = (unsigned)atoi(getenv("POSTROOM_FUZZ_SEED"));
	for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
		fake_fmt f = formats[k];
		if (f.tile)
			f.tile = 32;
		if (f.rows_per_strip)
			f.rows_per_strip = 16;
		fake_page *pp[2] = { &p, &p };
		fake_write(file, pp, 2, &f);
		size_t n;
		unsigned char *orig = read_all(file, &n);
		unsigned char *b = malloc(n);
		for (int round = 0; round < rounds; round++) {
			memcpy(b, orig, n);
			int flips = 1 + (int)(fake_rand(&seed) % 8);
			for (int i = 0; i < flips; i++)
				b[fake_rand(&seed) * 31u % n] ^= (unsigned char)(1 + fake_rand(&seed) % 255);
			size_t len = round % 5 == 4 ? fake_rand(&seed) * 17u % n : n;
			write_bytes(file, b, len);
			pr_tiff *t;
			pr_error err = { 0 };
			if (pr_tiff_open(file, &t, &err) != PR_OK) {
				assert_true(err.msg[0] != '\0');
				failed++;
				continue;
			}
			opened++;
			for (int i = 0; i < pr_tiff_pages(t); i++) {
				pr_grey_image g;
				pr_encoded_page e;
				if (pr_tiff_page_grey(t, i, 150, &g, &err) == PR_OK)
					pr_grey_image_free(&g);
				else
					assert_true(err.msg[0] != '\0');
				if (pr_tiff_page_encoded(t, i, &e, &err) == PR_OK)
					pr_encoded_free(&e);
			}
			pr_tiff_close(t);
		}
		free(b);
		free(orig);
	}
	print_message("fuzzed: %d opened, %d refused\n", opened, failed);
	fake_free(&p);
}

static void test_bad_calls(void **state)
{
	(void)state;
	fake_page p = fake_sized(64, 64, 200);
	fake_fmt f = { .name = "g4", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 };
	char file[600];
	snprintf(file, sizeof file, "%s", unit_path("one.tif"));
	fake_write1(file, &p, &f);
	pr_tiff *t;
	pr_error err = { 0 };
	open_ok(file, &t);
	pr_tiff_page info;
	pr_grey_image g;
	pr_encoded_page e;
	assert_int_equal(pr_tiff_page_info(t, 1, &info, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "has no page 2 (it has 1)"));
	assert_int_equal(pr_tiff_page_grey(t, -1, 150, &g, &err), PR_EINVAL);
	assert_int_equal(pr_tiff_page_encoded(t, 5, &e, &err), PR_EINVAL);
	assert_int_equal(pr_tiff_open(NULL, &t, &err), PR_EINVAL);
	pr_tiff_close(t);
	pr_tiff_close(NULL);
	pr_grey_image_free(NULL);
	pr_encoded_free(NULL);
	fake_free(&p);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Pages read in any order, and again, give the same pixels; a long file
 * of small pages is read page by page without walking it each time. */
static void test_any_order(void **state)
{
	(void)state;
	enum { N = 400 };
	fake_page pages[N];
	fake_page *pp[N];
	/* Each page its own mark, a black square at its own place. */
	for (int i = 0; i < N; i++) {
		pages[i] = fake_sized(64, 48, 100);
		fake_rect(&pages[i], (i % 8) * 2.0, (i / 8 % 6) * 2.0, 1.5, 1.5, 0);
		pp[i] = &pages[i];
	}
	fake_page p = pages[0];
	fake_fmt f = { .name = "g4", .kind = FK_BILEVEL, .compression = COMPRESSION_CCITTFAX4 };
	char file[600];
	snprintf(file, sizeof file, "%s", unit_path("long.tif"));
	fake_write(file, pp, N, &f);

	pr_tiff *t;
	pr_error err = { 0 };
	open_ok(file, &t);
	assert_int_equal(pr_tiff_pages(t), N);
	const int order[] = { N - 1, 0, 7, N - 1, 123, 0, 399, 200 };
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		int i = order[k];
		pr_grey_image g;
		assert_ok(pr_tiff_page_grey(t, i, 0, &g, &err), &err);
		/* The square's top-left pixel is black, its left neighbour white. */
		int x = (int)fake_mm(&p, (i % 8) * 2.0), y = (int)fake_mm(&p, (i / 8 % 6) * 2.0);
		assert_int_equal(g.pixels[y * g.width + x + 1], 0);
		if (x > 0)
			assert_int_equal(g.pixels[y * g.width + x - 1], 255);
		pr_grey_image_free(&g);
		pr_encoded_page e;
		assert_ok(pr_tiff_page_encoded(t, i, &e, &err), &err);
		pr_encoded_free(&e);
	}
	double t0s = now_s();
	for (int i = 0; i < N; i++) {
		pr_grey_image g;
		assert_ok(pr_tiff_page_grey(t, i, 150, &g, &err), &err);
		pr_grey_image_free(&g);
	}
	print_message("%d small pages read in %.3f s\n", N, now_s() - t0s);
	pr_tiff_close(t);
	for (int i = 0; i < N; i++)
		fake_free(&pages[i]);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_format),
		cmocka_unit_test(test_grey_levels),
		cmocka_unit_test(test_not_tiff),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_absurd),
		cmocka_unit_test(test_corrupt_strip),
		cmocka_unit_test(test_fuzzed),
		cmocka_unit_test(test_bad_calls),
		cmocka_unit_test(test_any_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
