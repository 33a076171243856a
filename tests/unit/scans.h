/* Made-up scans for the tests of the scan io layer: A4 pages drawn in
 * memory (white paper, Code 128 bars from zint's module pattern at any
 * angle, lines of letter-like strokes, speckle, a page turned 180 degrees)
 * and written as TIFF files with libtiff in every layout a scanner makes.
 * Included by test-tiff.c, test-decode.c and test-scanpdf.c. */
#ifndef POSTROOM_TEST_SCANS_H
#define POSTROOM_TEST_SCANS_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tiffio.h>

#include "postroom/io/barcode.h"

#define UNUSED __attribute__((unused))

/* A page in memory: 8-bit grey, 0 = black. */
typedef struct fake_page {
	int w, h;
	double dpi;
	unsigned char *px;
} fake_page;

static UNUSED fake_page fake_a4(double dpi)
{
	fake_page p;
	p.dpi = dpi;
	p.w = (int)lround(210.0 / 25.4 * dpi);
	p.h = (int)lround(297.0 / 25.4 * dpi);
	p.px = malloc((size_t)p.w * (size_t)p.h);
	assert_non_null(p.px);
	memset(p.px, 255, (size_t)p.w * (size_t)p.h);
	return p;
}

static UNUSED fake_page fake_sized(int w, int h, double dpi)
{
	fake_page p = { w, h, dpi, malloc((size_t)w * (size_t)h) };
	assert_non_null(p.px);
	memset(p.px, 255, (size_t)w * (size_t)h);
	return p;
}

static UNUSED void fake_free(fake_page *p)
{
	free(p->px);
	p->px = NULL;
}

static UNUSED double fake_mm(const fake_page *p, double mm)
{
	return mm / 25.4 * p->dpi;
}

/* Fills the rectangle (mm) with grey V. */
static UNUSED void fake_rect(fake_page *p, double x, double y, double w, double h, int v)
{
	int x0 = (int)fake_mm(p, x), y0 = (int)fake_mm(p, y);
	int x1 = (int)fake_mm(p, x + w), y1 = (int)fake_mm(p, y + h);
	if (x1 <= x0)
		x1 = x0 + 1;
	if (y1 <= y0)
		y1 = y0 + 1;
	for (int yy = y0 < 0 ? 0 : y0; yy < y1 && yy < p->h; yy++)
		for (int xx = x0 < 0 ? 0 : x0; xx < x1 && xx < p->w; xx++)
			p->px[(size_t)yy * (size_t)p->w + (size_t)xx] = (unsigned char)v;
}

/* Draws TEXT as Code 128 (zint's modules) centred at (CX, CY) mm, MODULE
 * mm a module, HEIGHT mm tall, turned ANGLE degrees. */
static UNUSED void fake_barcode(fake_page *p, const char *text, double cx, double cy,
				double module, double height, double angle)
{
	char *pat;
	pr_error err = { 0 };
	assert_ok(pr_barcode_code128_pattern(text, &pat, &err), &err);
	double n = (double)strlen(pat);
	double mpx = fake_mm(p, module), hpx = fake_mm(p, height);
	double wpx = n * mpx;
	double ccx = fake_mm(p, cx), ccy = fake_mm(p, cy);
	double r = sqrt(wpx * wpx + hpx * hpx) / 2 + 2;
	double c = cos(angle * M_PI / 180), s = sin(angle * M_PI / 180);
	for (int y = (int)(ccy - r); y <= (int)(ccy + r); y++) {
		if (y < 0 || y >= p->h)
			continue;
		for (int x = (int)(ccx - r); x <= (int)(ccx + r); x++) {
			if (x < 0 || x >= p->w)
				continue;
			double dx = x + 0.5 - ccx, dy = y + 0.5 - ccy;
			double u = dx * c + dy * s + wpx / 2, v = -dx * s + dy * c + hpx / 2;
			if (u < 0 || v < 0 || u >= wpx || v >= hpx)
				continue;
			size_t m = (size_t)(u / mpx);
			if (pat[m] == '1')
				p->px[(size_t)y * (size_t)p->w + (size_t)x] = 0;
		}
	}
	free(pat);
}

/* A postroom sheet: its barcode across the top third, 0.34 mm modules
 * (4 pixels at 300 dpi), 15 mm tall, turned ANGLE degrees. */
static UNUSED void fake_sheet(fake_page *p, const char *code, double angle)
{
	fake_barcode(p, code, 105, 80, 0.34, 15, angle);
	/* The sheet's printed words under it. */
	for (int i = 0; i < 3; i++)
		fake_rect(p, 40, 110 + 8.0 * i, 130 - 30.0 * i, 4, 0);
}

static unsigned fake_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

/* LINES lines of letter-like marks (10 pt: 2.5 mm tall, strokes 0.3 mm)
 * from (X, Y) mm, each line WIDTH mm long. */
static UNUSED void fake_text(fake_page *p, double x, double y, int lines, double width,
			     unsigned seed)
{
	for (int l = 0; l < lines; l++) {
		double cy = y + 5.0 * l, cx = x;
		while (cx < x + width) {
			int letters = 2 + (int)(fake_rand(&seed) % 7);
			for (int k = 0; k < letters && cx < x + width; k++) {
				/* An upright stroke, and a bowl or bar. */
				fake_rect(p, cx, cy, 0.3, 2.5, 0);
				unsigned shape = fake_rand(&seed) % 3;
				if (shape == 0) {
					fake_rect(p, cx, cy + 1.2, 1.5, 0.3, 0);
				} else {
					fake_rect(p, cx, cy, 1.5, 0.3, 0);
					fake_rect(p, cx, cy + 2.2, 1.5, 0.3, 0);
					if (shape == 2)
						fake_rect(p, cx + 1.4, cy, 0.3, 2.5, 0);
				}
				cx += 2.0;
			}
			cx += 2.0;
		}
	}
}

/* DOTS black specks of 1 to MAXPX pixels square, anywhere. */
static UNUSED void fake_speckle(fake_page *p, int dots, int maxpx, unsigned seed)
{
	for (int i = 0; i < dots; i++) {
		int x = (int)(fake_rand(&seed) * 7u % (unsigned)p->w);
		int y = (int)(fake_rand(&seed) * 13u % (unsigned)p->h);
		int s = 1 + (int)(fake_rand(&seed) % (unsigned)maxpx);
		for (int yy = y; yy < y + s && yy < p->h; yy++)
			for (int xx = x; xx < x + s && xx < p->w; xx++)
				p->px[(size_t)yy * (size_t)p->w + (size_t)xx] = 0;
	}
}

/* Turns the page 180 degrees (fed upside down). */
static UNUSED void fake_turn(fake_page *p)
{
	size_t n = (size_t)p->w * (size_t)p->h;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned char t = p->px[i];
		p->px[i] = p->px[n - 1 - i];
		p->px[n - 1 - i] = t;
	}
}

/* --- writing TIFFs ------------------------------------------------------ */

enum fake_kind { FK_BILEVEL, FK_GREY, FK_RGB, FK_PALETTE };

typedef struct fake_fmt {
	const char *name;
	enum fake_kind kind;
	uint16_t compression;
	bool minisblack;        /* bilevel and grey: MINISBLACK (else MINISWHITE for bilevel,
				   MINISBLACK anyway for grey unless miniswhite) */
	bool miniswhite;        /* grey: stored inverted */
	uint32_t rows_per_strip;/* 0: one strip */
	uint32_t tile;          /* tile side, 0 for strips */
	bool big_endian;
	bool lsb_first;         /* FillOrder 2 */
	bool g3_2d;
	bool ycbcr;             /* JPEG colour as YCbCr */
	bool no_dpi;
	bool no_pagenumber;
} fake_fmt;

static void fake_row(const fake_page *p, const fake_fmt *f, int y, unsigned char *row)
{
	const unsigned char *src = p->px + (size_t)y * (size_t)p->w;
	switch (f->kind) {
	case FK_BILEVEL:
		memset(row, 0, ((size_t)p->w + 7) / 8);
		for (int x = 0; x < p->w; x++) {
			bool black = src[x] < 128;
			bool one = f->minisblack ? !black : black;
			if (one)
				row[x / 8] |= (unsigned char)(0x80 >> (x % 8));
		}
		break;
	case FK_GREY:
		for (int x = 0; x < p->w; x++)
			row[x] = f->miniswhite ? (unsigned char)(255 - src[x]) : src[x];
		break;
	case FK_RGB:
		/* Paper slightly cream, ink dark blue: still grey enough. */
		for (int x = 0; x < p->w; x++) {
			row[3 * x] = (unsigned char)(src[x] * 250 / 255);
			row[3 * x + 1] = (unsigned char)(src[x] * 248 / 255);
			row[3 * x + 2] = (unsigned char)(20 + src[x] * 215 / 255);
		}
		break;
	case FK_PALETTE:
		for (int x = 0; x < p->w; x++)
			row[x] = src[x];
		break;
	}
}

static void fake_tags(TIFF *t, const fake_page *p, const fake_fmt *f, int no, int total)
{
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, (uint32_t)p->w);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, (uint32_t)p->h);
	TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFSetField(t, TIFFTAG_COMPRESSION, f->compression);
	TIFFSetField(t, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
	if (!f->no_dpi) {
		TIFFSetField(t, TIFFTAG_XRESOLUTION, (float)p->dpi);
		TIFFSetField(t, TIFFTAG_YRESOLUTION, (float)p->dpi);
		TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
	}
	if (!f->no_pagenumber)
		TIFFSetField(t, TIFFTAG_PAGENUMBER, (uint16_t)no, (uint16_t)total);
	switch (f->kind) {
	case FK_BILEVEL:
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC,
			     f->minisblack ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_MINISWHITE);
		if (f->lsb_first)
			TIFFSetField(t, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
		if (f->compression == COMPRESSION_CCITTFAX3)
			TIFFSetField(t, TIFFTAG_GROUP3OPTIONS,
				     f->g3_2d ? GROUP3OPT_2DENCODING | GROUP3OPT_FILLBITS : 0);
		break;
	case FK_GREY:
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC,
			     f->miniswhite ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK);
		break;
	case FK_RGB:
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
		if (f->compression == COMPRESSION_JPEG && f->ycbcr) {
			TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
			TIFFSetField(t, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
		} else {
			TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
		}
		break;
	case FK_PALETTE: {
		static uint16_t map[3][256];
		for (int i = 0; i < 256; i++)
			map[0][i] = map[1][i] = map[2][i] = (uint16_t)(i * 257);
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_PALETTE);
		TIFFSetField(t, TIFFTAG_COLORMAP, map[0], map[1], map[2]);
		break;
	}
	}
	if (f->compression == COMPRESSION_JPEG)
		TIFFSetField(t, TIFFTAG_JPEGQUALITY, 90);
}

/* Writes PAGES[0..N) as the TIFF file PATH in layout F. */
static UNUSED void fake_write(const char *path, fake_page *const *pages, int n, const fake_fmt *f)
{
	TIFF *t = TIFFOpen(path, f->big_endian ? "wb" : "wl");
	assert_non_null(t);
	for (int i = 0; i < n; i++) {
		const fake_page *p = pages[i];
		fake_tags(t, p, f, i, n);
		tmsize_t rb = f->kind == FK_BILEVEL ? (p->w + 7) / 8 : f->kind == FK_RGB ? 3 * p->w : p->w;
		unsigned char *row = malloc((size_t)rb);
		assert_non_null(row);
		if (f->tile) {
			TIFFSetField(t, TIFFTAG_TILEWIDTH, f->tile);
			TIFFSetField(t, TIFFTAG_TILELENGTH, f->tile);
			tmsize_t ts = TIFFTileSize(t), trb = TIFFTileRowSize(t);
			unsigned char *tile = malloc((size_t)ts);
			assert_non_null(tile);
			for (uint32_t ty = 0; ty < (uint32_t)p->h; ty += f->tile) {
				for (uint32_t tx = 0; tx < (uint32_t)p->w; tx += f->tile) {
					memset(tile, f->kind == FK_BILEVEL && !f->minisblack ? 0 : 255,
					       (size_t)ts);
					size_t bits = f->kind == FK_BILEVEL ? 1 : f->kind == FK_RGB ? 24 : 8;
					size_t start = tx * bits / 8;
					for (uint32_t y = 0; y < f->tile && ty + y < (uint32_t)p->h; y++) {
						fake_row(p, f, (int)(ty + y), row);
						size_t take = (size_t)trb;
						if (start + take > (size_t)rb)
							take = (size_t)rb - start;
						memcpy(tile + y * (size_t)trb, row + start, take);
					}
					assert_true(TIFFWriteTile(t, tile, tx, ty, 0, 0) >= 0);
				}
			}
			free(tile);
		} else {
			uint32_t rps = f->rows_per_strip ? f->rows_per_strip : (uint32_t)p->h;
			TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, rps);
			for (int y = 0; y < p->h; y++) {
				fake_row(p, f, y, row);
				assert_true(TIFFWriteScanline(t, row, (uint32_t)y, 0) >= 0);
			}
		}
		free(row);
		assert_true(TIFFWriteDirectory(t));
	}
	TIFFClose(t);
}

static UNUSED void fake_write1(const char *path, fake_page *p, const fake_fmt *f)
{
	fake_write(path, &p, 1, f);
}

/* The raw bytes of strip 0 of page INDEX of PATH (free()). */
static UNUSED unsigned char *fake_raw_strip(const char *path, int index, size_t *n)
{
	TIFF *t = TIFFOpen(path, "r");
	assert_non_null(t);
	assert_true(TIFFSetDirectory(t, (tdir_t)index));
	uint64_t *cnt;
	assert_true(TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &cnt));
	unsigned char *buf = malloc((size_t)cnt[0]);
	assert_non_null(buf);
	assert_int_equal(TIFFReadRawStrip(t, 0, buf, (tmsize_t)cnt[0]), (tmsize_t)cnt[0]);
	*n = (size_t)cnt[0];
	TIFFClose(t);
	return buf;
}

#endif
