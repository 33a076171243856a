/* Scan files in, through libtiff 4.5.
 *
 * Every page is checked when the file is opened (size, depth, photometric,
 * compression, image data inside the file), so a bad file is refused before
 * any of it is used. A page is decoded row by row: strips through
 * TIFFReadScanline, tiles one row of tiles at a time, so only the output
 * and one row of strips or tiles are ever in memory. Encoding for a PDF
 * reuses libtiff's own encoders (G4, Deflate) on a TIFF held in memory and
 * takes back the strip they wrote.
 *
 * libtiff's errors and warnings go to handlers of each handle (TIFFOpenExt
 * options) that keep the first message for the pr_error, and the global
 * handlers are silenced too, so nothing reaches stderr. A warning while a
 * page's data is decoded (a premature end of the data, a bad code length)
 * counts as damage: a scan is stored only when every row of it decoded. */
#include "postroom/io/tiff.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <tiffio.h>

#include "postroom/xmem.h"

#define MSG_MAX 300

/* What is kept of a page once it has been checked. */
typedef struct page {
	pr_tiff_page info;
	uint16_t photometric, compression, spp, bps, fillorder;
	uint32_t tile_w, tile_h;
	int strips;
	uint32_t t6options;
	uint64_t raw0;          /* bytes of strip 0 */
	uint64_t diroff;        /* where its directory is in the file */
	unsigned char lut[256]; /* palette index -> grey */
	unsigned char (*rgb)[3];/* palette index -> RGB (256 entries) */
} page;

struct pr_tiff {
	TIFF *tif;
	char path[1024];
	int n;
	page *pages;
	char msg[MSG_MAX];      /* libtiff's first error since the last reset */
	int errors, warnings;
	char warn[MSG_MAX];
};

/* --- messages ------------------------------------------------------------ */

/* Keeps libtiff's message in DST without the file's name it often starts
 * with ("PATH: Can not read ..."): ours names the file already. */
static void keep(char *dst, const char *path, const char *module, const char *fmt,
		 va_list ap)
{
	char text[MSG_MAX];
	vsnprintf(text, sizeof text, fmt, ap);
	(void)module;
	const char *msg = text;
	size_t n = path ? strlen(path) : 0;
	if (n && strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		msg += n + 2;
	snprintf(dst, MSG_MAX, "%s", msg);
}

static int on_error(TIFF *tif, void *ud, const char *module, const char *fmt, va_list ap)
{
	(void)tif;
	pr_tiff *t = ud;
	if (t) {
		if (t->errors++ == 0)
			keep(t->msg, t->path, module, fmt, ap);
	}
	return 1;
}

static int on_warning(TIFF *tif, void *ud, const char *module, const char *fmt, va_list ap)
{
	(void)tif;
	pr_tiff *t = ud;
	if (t) {
		if (t->warnings++ == 0)
			keep(t->warn, t->path, module, fmt, ap);
	}
	return 1;
}

static void quiet(const char *module, const char *fmt, va_list ap)
{
	(void)module;
	(void)fmt;
	(void)ap;
}

static void reset(pr_tiff *t)
{
	t->msg[0] = t->warn[0] = '\0';
	t->errors = t->warnings = 0;
}

/* libtiff's reason, or FALLBACK. */
static const char *why(const pr_tiff *t, const char *fallback)
{
	if (t->msg[0])
		return t->msg;
	if (t->warn[0])
		return t->warn;
	return fallback;
}

static TIFFOpenOptions *options(pr_tiff *t)
{
	TIFFSetErrorHandler(quiet);
	TIFFSetWarningHandler(quiet);
	TIFFOpenOptions *o = TIFFOpenOptionsAlloc();
	if (!o)
		return NULL;
	TIFFOpenOptionsSetErrorHandlerExtR(o, on_error, t);
	TIFFOpenOptionsSetWarningHandlerExtR(o, on_warning, t);
	TIFFOpenOptionsSetMaxSingleMemAlloc(o, (tmsize_t)PR_TIFF_MAX_DECODED + 65536);
	return o;
}

/* --- opening and checking ---------------------------------------------------- */

static const char *compression_name(uint16_t c)
{
	switch (c) {
	case COMPRESSION_NONE: return "none";
	case COMPRESSION_CCITTRLE: return "CCITT RLE";
	case COMPRESSION_CCITTFAX3: return "CCITT G3";
	case COMPRESSION_CCITTFAX4: return "CCITT G4";
	case COMPRESSION_LZW: return "LZW";
	case COMPRESSION_OJPEG: return "old-style JPEG";
	case COMPRESSION_JPEG: return "JPEG";
	case COMPRESSION_ADOBE_DEFLATE:
	case COMPRESSION_DEFLATE: return "Deflate";
	case COMPRESSION_PACKBITS: return "PackBits";
	default: return NULL;
	}
}

static double resolution(TIFF *tif, ttag_t tag, uint16_t unit)
{
	float r = 0;
	if (!TIFFGetField(tif, tag, &r) || !(r > 0) || r > 100000)
		return 0;
	if (unit == RESUNIT_CENTIMETER)
		return r * 2.54;
	if (unit == RESUNIT_NONE)
		return 0;
	return r;
}

/* Checks the current directory, page number NO (from 1), into *P. */
static pr_status check_page(pr_tiff *t, int no, uint64_t file_size, page *p, pr_error *err)
{
	TIFF *tif = t->tif;
	memset(p, 0, sizeof *p);
	uint32_t w = 0, h = 0;
	if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w) || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h) ||
	    w == 0 || h == 0)
		return pr_fail(err, PR_EINVAL, "%s, page %d: the page has no width or height", t->path, no);
	uint16_t bps = 1, spp = 1, photo = 0, planar = PLANARCONFIG_CONTIG, comp = COMPRESSION_NONE;
	uint16_t fill = FILLORDER_MSB2LSB, unit = RESUNIT_INCH;
	TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bps);
	TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
	TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
	TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &comp);
	TIFFGetFieldDefaulted(tif, TIFFTAG_FILLORDER, &fill);
	TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
	if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photo))
		photo = bps == 1 ? PHOTOMETRIC_MINISWHITE : spp >= 3 ? PHOTOMETRIC_RGB
								     : PHOTOMETRIC_MINISBLACK;

	p->info.width = (int)w;
	p->info.height = (int)h;
	double xd = resolution(tif, TIFFTAG_XRESOLUTION, unit);
	double yd = resolution(tif, TIFFTAG_YRESOLUTION, unit);
	p->info.dpi_given = xd > 0 || yd > 0;
	if (!(xd > 0))
		xd = yd > 0 ? yd : PR_TIFF_DEFAULT_DPI;
	if (!(yd > 0))
		yd = xd;
	p->info.xdpi = xd;
	p->info.ydpi = yd;
	if (w > PR_TIFF_MAX_PX || h > PR_TIFF_MAX_PX)
		return pr_fail(err, PR_EINVAL,
			       "%s, page %d: %u x %u pixels is too large for a scanned page (at most %d)",
			       t->path, no, w, h, PR_TIFF_MAX_PX);
	double wmm = w / xd * 25.4, hmm = h / yd * 25.4;
	if (wmm > PR_TIFF_MAX_MM || hmm > PR_TIFF_MAX_MM)
		return pr_fail(err, PR_EINVAL,
			       "%s, page %d: %.0f x %.0f mm at %.0f dpi is too large for a scanned page",
			       t->path, no, wmm, hmm, xd);
	uint64_t decoded = (uint64_t)w * h * spp * bps / 8;
	if (decoded > PR_TIFF_MAX_DECODED)
		return pr_fail(err, PR_EINVAL,
			       "%s, page %d: the page needs %llu MB decoded, more than %u MB",
			       t->path, no, (unsigned long long)(decoded >> 20),
			       PR_TIFF_MAX_DECODED >> 20);

	const char *cname = compression_name(comp);
	if (!cname || comp == COMPRESSION_OJPEG || !TIFFIsCODECConfigured(comp)) {
		if (cname)
			return pr_fail(err, PR_EINVAL, "%s, page %d: %s compression is not supported",
				       t->path, no, cname);
		return pr_fail(err, PR_EINVAL, "%s, page %d: compression %u is not supported",
			       t->path, no, comp);
	}
	snprintf(p->info.compression, sizeof p->info.compression, "%s", cname);

	if (planar != PLANARCONFIG_CONTIG && spp > 1)
		return pr_fail(err, PR_EINVAL,
			       "%s, page %d: colour planes stored separately are not supported",
			       t->path, no);
	bool mono = photo == PHOTOMETRIC_MINISWHITE || photo == PHOTOMETRIC_MINISBLACK;
	if (mono && spp == 1 && bps == 1) {
		p->info.kind = PR_TIFF_BILEVEL;
	} else if (mono && spp == 1 && bps == 8) {
		p->info.kind = PR_TIFF_GREY;
	} else if (photo == PHOTOMETRIC_RGB && bps == 8 && (spp == 3 || spp == 4)) {
		p->info.kind = PR_TIFF_RGB;
	} else if (photo == PHOTOMETRIC_YCBCR && bps == 8 && spp == 3 && comp == COMPRESSION_JPEG) {
		p->info.kind = PR_TIFF_RGB;
	} else if (photo == PHOTOMETRIC_PALETTE && spp == 1 && bps == 8) {
		uint16_t *r, *g, *b;
		if (!TIFFGetField(tif, TIFFTAG_COLORMAP, &r, &g, &b))
			return pr_fail(err, PR_EINVAL, "%s, page %d: a palette page without a palette",
				       t->path, no);
		p->rgb = xmalloc(256 * sizeof *p->rgb);
		for (int i = 0; i < 256; i++) {
			unsigned rr = r[i] >> 8, gg = g[i] >> 8, bb = b[i] >> 8;
			p->rgb[i][0] = (unsigned char)rr;
			p->rgb[i][1] = (unsigned char)gg;
			p->rgb[i][2] = (unsigned char)bb;
			p->lut[i] = (unsigned char)((77 * rr + 150 * gg + 29 * bb + 128) >> 8);
		}
		p->info.kind = PR_TIFF_RGB;
		p->info.palette = true;
	} else {
		return pr_fail(err, PR_EINVAL,
			       "%s, page %d: %u bits x %u samples a pixel with photometric %u is not"
			       " supported (bilevel, 8-bit grey, 24-bit colour or an 8-bit palette are)",
			       t->path, no, bps, spp, photo);
	}

	p->photometric = photo;
	p->compression = comp;
	p->spp = spp;
	p->bps = bps;
	p->fillorder = fill;
	p->info.tiled = TIFFIsTiled(tif) != 0;
	if (p->info.tiled) {
		TIFFGetField(tif, TIFFTAG_TILEWIDTH, &p->tile_w);
		TIFFGetField(tif, TIFFTAG_TILELENGTH, &p->tile_h);
		if (p->tile_w == 0 || p->tile_h == 0 || p->tile_w > PR_TIFF_MAX_PX ||
		    p->tile_h > PR_TIFF_MAX_PX)
			return pr_fail(err, PR_EINVAL, "%s, page %d: bad tile size %u x %u", t->path,
				       no, p->tile_w, p->tile_h);
		/* Rows of tiles are put together whole bytes at a time. */
		if (p->tile_w % 8)
			return pr_fail(err, PR_EINVAL,
				       "%s, page %d: tiles %u pixels wide are not supported (TIFF"
				       " wants a multiple of 16)",
				       t->path, no, p->tile_w);
	}
	if (comp == COMPRESSION_CCITTFAX4)
		TIFFGetField(tif, TIFFTAG_T6OPTIONS, &p->t6options);

	/* Every strip or tile inside the file: a truncated file fails here. */
	uint64_t *off = NULL, *cnt = NULL;
	uint32_t chunks = TIFFNumberOfStrips(tif);
	if (p->info.tiled)
		chunks = TIFFNumberOfTiles(tif);
	ttag_t ot = p->info.tiled ? TIFFTAG_TILEOFFSETS : TIFFTAG_STRIPOFFSETS;
	ttag_t ct = p->info.tiled ? TIFFTAG_TILEBYTECOUNTS : TIFFTAG_STRIPBYTECOUNTS;
	if (chunks == 0 || !TIFFGetField(tif, ot, &off) || !TIFFGetField(tif, ct, &cnt) || !off ||
	    !cnt)
		return pr_fail(err, PR_EINVAL, "%s, page %d: the page has no image data", t->path, no);
	for (uint32_t i = 0; i < chunks; i++) {
		if (cnt[i] == 0 || off[i] > file_size || cnt[i] > file_size - off[i])
			return pr_fail(err, PR_EINVAL,
				       "%s, page %d: %s %u of its image data is %s (the file is"
				       " truncated or damaged)",
				       t->path, no, p->info.tiled ? "tile" : "strip", i,
				       cnt[i] == 0 ? "missing" : "past the end of the file");
	}
	p->strips = (int)chunks;
	p->raw0 = cnt[0];
	return PR_OK;
}

static void free_pages(pr_tiff *t)
{
	if (!t->pages)
		return;
	for (int i = 0; i < t->n; i++)
		free(t->pages[i].rgb);
	free(t->pages);
	t->pages = NULL;
}

void pr_tiff_close(pr_tiff *t)
{
	if (!t)
		return;
	if (t->tif)
		TIFFClose(t->tif);
	free_pages(t);
	free(t);
}

/* Whether the first bytes are a TIFF or BigTIFF header. */
static bool tiff_magic(const unsigned char *b)
{
	return (b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0) ||
	       (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43));
}

pr_status pr_tiff_open(const char *path, pr_tiff **out, pr_error *err)
{
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no scan file named");
	struct stat st;
	FILE *f = fopen(path, "rb");
	if (!f)
		return pr_fail(err, PR_EIO, "cannot read %s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return pr_fail(err, PR_EIO, "cannot read %s: not a regular file", path);
	}
	unsigned char magic[8] = { 0 };
	size_t got = fread(magic, 1, sizeof magic, f);
	const unsigned char *first = magic + 4;
	fclose(f);
	if (got < 4 || !tiff_magic(magic))
		return pr_fail(err, PR_EINVAL, "%s is not a TIFF file%s", path,
			       st.st_size == 0 ? " (it is empty)" : "");
	/* A classic TIFF whose first directory is at offset 0 has no pages. */
	if (magic[2] == 42 || magic[3] == 42) {
		bool zero = got == 8 && !(first[0] | first[1] | first[2] | first[3]);
		if (got < 8 || zero)
			return pr_fail(err, PR_EINVAL, "%s has no pages (a TIFF header and %s)", path,
				       zero ? "no directory" : "nothing else");
	}

	pr_tiff *t = xcalloc(1, sizeof *t);
	snprintf(t->path, sizeof t->path, "%s", path);
	TIFFOpenOptions *o = options(t);
	if (!o) {
		free(t);
		return pr_fail(err, PR_EIO, "cannot read %s: out of memory", path);
	}
	/* "m": no memory mapping, so a file cut short while it is read gives a
	 * read error rather than a fault. */
	t->tif = TIFFOpenExt(path, "rm", o);
	TIFFOpenOptionsFree(o);
	if (!t->tif) {
		pr_status s = pr_fail(err, PR_EINVAL, "%s is not a readable TIFF file: %s", path,
				      why(t, "no directory"));
		free(t);
		return s;
	}
	size_t cap = 16;
	t->pages = xcalloc(cap, sizeof *t->pages);
	uint16_t total = 0;
	pr_status s = PR_OK;
	for (;;) {
		if ((size_t)t->n == cap) {
			if (cap >= 100000) {
				s = pr_fail(err, PR_EINVAL, "%s: more than %zu pages", path, cap);
				break;
			}
			t->pages = xrealloc(t->pages, cap * 2 * sizeof *t->pages);
			memset(t->pages + cap, 0, cap * sizeof *t->pages);
			cap *= 2;
		}
		s = check_page(t, t->n + 1, (uint64_t)st.st_size, &t->pages[t->n], err);
		t->pages[t->n].diroff = TIFFCurrentDirOffset(t->tif);
		if (s != PR_OK) {
			free(t->pages[t->n].rgb);
			t->pages[t->n].rgb = NULL;
			break;
		}
		uint16_t pg, tot;
		if (TIFFGetField(t->tif, TIFFTAG_PAGENUMBER, &pg, &tot) && tot > total)
			total = tot;
		t->n++;
		reset(t);
		if (!TIFFReadDirectory(t->tif)) {
			if (t->errors) {
				s = pr_fail(err, PR_EINVAL,
					    "%s: the directory after page %d is damaged: %s", path,
					    t->n, why(t, "unreadable"));
			}
			break;
		}
	}
	if (s == PR_OK && total > t->n)
		s = pr_fail(err, PR_EINVAL,
			    "%s: the file holds %d pages but says it has %u (it is truncated)", path,
			    t->n, total);
	if (s != PR_OK) {
		pr_tiff_close(t);
		return s;
	}
	*out = t;
	return PR_OK;
}

int pr_tiff_pages(const pr_tiff *t)
{
	return t ? t->n : 0;
}

static pr_status bad_index(const pr_tiff *t, int index, pr_error *err)
{
	return pr_fail(err, PR_EINVAL, "%s has no page %d (it has %d)", t->path, index + 1, t->n);
}

pr_status pr_tiff_page_info(const pr_tiff *t, int index, pr_tiff_page *out, pr_error *err)
{
	if (!t || index < 0 || index >= t->n)
		return t ? bad_index(t, index, err) : pr_fail(err, PR_EINVAL, "no scan file open");
	*out = t->pages[index].info;
	return PR_OK;
}

/* --- reading rows -------------------------------------------------------- */

/* Makes page INDEX the current directory, reading it at the offset found
 * at open (TIFFSetDirectory would walk the chain from the first page each
 * time: quadratic over a long file). */
static bool go_to(pr_tiff *t, int index)
{
	return TIFFSetSubDirectory(t->tif, t->pages[index].diroff) == 1;
}

/* Decoded rows of one page in its own sample layout, top to bottom. */
typedef struct rows {
	pr_tiff *t;
	const page *p;
	int index;
	size_t row_bytes;
	unsigned char *buf;     /* one row (strips) or one row of tiles */
	unsigned char *tile;    /* one tile */
	size_t tile_row_bytes;
	int have_top;           /* first row held in BUF (tiles), -1 none */
} rows;

static pr_status damaged(rows *r, int y, pr_error *err)
{
	return pr_fail(err, PR_EINVAL, "%s, page %d: the image data is damaged at row %d: %s",
		       r->t->path, r->index + 1, y + 1, why(r->t, "cannot decode it"));
}

static pr_status rows_begin(pr_tiff *t, int index, rows *r, pr_error *err)
{
	memset(r, 0, sizeof *r);
	r->t = t;
	r->p = &t->pages[index];
	r->index = index;
	r->have_top = -1;
	reset(t);
	if (!go_to(t, index))
		return pr_fail(err, PR_EINVAL, "%s, page %d: cannot read its directory: %s", t->path,
			       index + 1, why(t, "damaged"));
	if (r->p->photometric == PHOTOMETRIC_YCBCR)
		TIFFSetField(t->tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
	uint64_t rb = TIFFScanlineSize64(t->tif);
	uint64_t want = ((uint64_t)r->p->info.width * r->p->spp * r->p->bps + 7) / 8;
	if (r->p->photometric == PHOTOMETRIC_YCBCR)
		want = (uint64_t)r->p->info.width * 3;
	if (rb < want)
		return pr_fail(err, PR_EINVAL, "%s, page %d: unexpected row size", t->path, index + 1);
	r->row_bytes = (size_t)rb;
	if (r->p->info.tiled) {
		uint64_t ts = TIFFTileSize64(t->tif);
		uint64_t trb = TIFFTileRowSize64(t->tif);
		if (ts == 0 || trb == 0 || ts > PR_TIFF_MAX_DECODED ||
		    (uint64_t)r->p->tile_h * r->row_bytes > PR_TIFF_MAX_DECODED)
			return pr_fail(err, PR_EINVAL, "%s, page %d: bad tiles", t->path, index + 1);
		r->tile = xmalloc((size_t)ts);
		r->tile_row_bytes = (size_t)trb;
		r->buf = xmalloc((size_t)r->p->tile_h * r->row_bytes);
	} else {
		r->buf = xmalloc(r->row_bytes);
	}
	/* Warnings from reading the directory (unknown tags) are not damage. */
	reset(t);
	return PR_OK;
}

static void rows_end(rows *r)
{
	free(r->buf);
	free(r->tile);
	r->buf = r->tile = NULL;
}

/* Row Y (rows are asked for in order) into *ROW. */
static pr_status rows_get(rows *r, int y, const unsigned char **row, pr_error *err)
{
	TIFF *tif = r->t->tif;
	if (!r->p->info.tiled) {
		if (TIFFReadScanline(tif, r->buf, (uint32_t)y, 0) < 0 || r->t->errors ||
		    r->t->warnings)
			return damaged(r, y, err);
		*row = r->buf;
		return PR_OK;
	}
	uint32_t th = r->p->tile_h, tw = r->p->tile_w;
	int top = (int)((uint32_t)y / th * th);
	if (top != r->have_top) {
		/* Tiles start on whole bytes: their widths are multiples of 8
		 * (checked at open). */
		size_t bits = (size_t)r->p->spp * r->p->bps;
		for (uint32_t x = 0; x < (uint32_t)r->p->info.width; x += tw) {
			if (TIFFReadTile(tif, r->tile, x, (uint32_t)top, 0, 0) < 0 || r->t->errors ||
			    r->t->warnings)
				return damaged(r, top, err);
			size_t start = (size_t)x * bits / 8;
			size_t take = r->tile_row_bytes;
			if (start + take > r->row_bytes)
				take = r->row_bytes - start;
			for (uint32_t ty = 0; ty < th && top + (int)ty < r->p->info.height; ty++)
				memcpy(r->buf + (size_t)ty * r->row_bytes + start,
				       r->tile + (size_t)ty * r->tile_row_bytes, take);
		}
		r->have_top = top;
	}
	*row = r->buf + (size_t)(y - top) * r->row_bytes;
	return PR_OK;
}

/* --- rows to grey -------------------------------------------------------- */

/* The number of 1 bits in each byte value. */
static const unsigned char ones[256] = {
#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
	B6(0), B6(1), B6(1), B6(2)
#undef B2
#undef B4
#undef B6
};

/* Adds the darkness (255 - grey) of ROW's first N*F pixels to ACC, F pixels
 * into each of N cells. */
static void add_dark(const page *p, const unsigned char *row, int f, int n, uint32_t *acc)
{
	int w = n * f;
	switch (p->info.kind) {
	case PR_TIFF_BILEVEL: {
		unsigned char flip = p->photometric == PHOTOMETRIC_MINISBLACK ? 0xff : 0;
		int bytes = (w + 7) / 8;
		if (8 % f == 0) {
			/* F divides 8: each byte is 8 / F whole cells. */
			int groups = 8 / f;
			unsigned mask = (1u << f) - 1;
			for (int i = 0; i < bytes; i++) {
				unsigned b = (unsigned char)(row[i] ^ flip); /* 1 = black */
				if (i == bytes - 1 && w % 8)
					b &= 0xff00u >> (w % 8);
				if (!b)
					continue;
				uint32_t *a = acc + (size_t)i * (size_t)groups;
				/* Only cells with ink are touched: the last byte's
				 * bits past N cells are cleared, their cells absent. */
				for (int g = 0; g < groups; g++) {
					unsigned k = ones[(b >> (8 - f * (g + 1))) & mask];
					if (k)
						a[g] += 255u * k;
				}
			}
			break;
		}
		for (int i = 0; i < bytes; i++) {
			unsigned b = (unsigned char)(row[i] ^ flip);
			if (!b)
				continue;
			for (int k = 0; k < 8; k++) {
				int x = i * 8 + k;
				if ((b & (0x80u >> k)) && x < w)
					acc[x / f] += 255;
			}
		}
		break;
	}
	case PR_TIFF_GREY: {
		/* The darkness of a grey sample: itself when 0 is white. */
		unsigned flip = p->photometric == PHOTOMETRIC_MINISWHITE ? 0 : 255;
		for (int o = 0; o < n; o++, row += f) {
			uint32_t sum = 0;
			for (int k = 0; k < f; k++)
				sum += flip ^ row[k];
			acc[o] += sum;
		}
		break;
	}
	case PR_TIFF_RGB:
		if (p->info.palette) {
			for (int o = 0; o < n; o++, row += f) {
				uint32_t sum = 0;
				for (int k = 0; k < f; k++)
					sum += 255u - p->lut[row[k]];
				acc[o] += sum;
			}
		} else {
			size_t spp = p->photometric == PHOTOMETRIC_YCBCR ? 3 : p->spp;
			for (int o = 0; o < n; o++) {
				uint32_t sum = 0;
				for (int k = 0; k < f; k++, row += spp)
					sum += 255u - ((77u * row[0] + 150u * row[1] + 29u * row[2] + 128) >> 8);
				acc[o] += sum;
			}
		}
		break;
	}
}

static int factor(double dpi, int max_dpi, int size)
{
	if (max_dpi <= 0)
		return 1;
	int f = (int)(dpi / max_dpi);
	if (f < 1 || f > size)
		f = 1;
	if (f > 16)
		f = 16;
	return f;
}

pr_status pr_tiff_page_grey(pr_tiff *t, int index, int max_dpi, pr_grey_image *out,
			    pr_error *err)
{
	if (!t || index < 0 || index >= t->n)
		return t ? bad_index(t, index, err) : pr_fail(err, PR_EINVAL, "no scan file open");
	const page *p = &t->pages[index];
	int fx = factor(p->info.xdpi, max_dpi, p->info.width);
	int fy = factor(p->info.ydpi, max_dpi, p->info.height);
	int ow = p->info.width / fx, oh = p->info.height / fy;
	rows r;
	pr_status s = rows_begin(t, index, &r, err);
	if (s != PR_OK) {
		rows_end(&r);
		return s;
	}
	unsigned char *px = xmalloc((size_t)ow * (size_t)oh);
	uint32_t *acc = xcalloc((size_t)ow, sizeof *acc);
	uint32_t cells = (uint32_t)(fx * fy);
	uint64_t recip = ((uint64_t)1 << 32) / cells + 1;
	for (int oy = 0; oy < oh && s == PR_OK; oy++) {
		for (int k = 0; k < fy; k++) {
			const unsigned char *row;
			s = rows_get(&r, oy * fy + k, &row, err);
			if (s != PR_OK)
				break;
			add_dark(p, row, fx, ow, acc);
		}
		/* acc / cells rounded, by a multiply: exact, as acc + cells / 2 <
		 * 2^24 and cells <= 2^8 here. White cells (most) need none. */
		unsigned char *o = px + (size_t)oy * (size_t)ow;
		for (int x = 0; x < ow; x++) {
			uint32_t a = acc[x];
			if (!a) {
				o[x] = 255;
				continue;
			}
			uint64_t q = ((uint64_t)(a + cells / 2) * recip) >> 32;
			o[x] = (unsigned char)(255u - (uint32_t)q);
			acc[x] = 0;
		}
	}
	/* Rows past the last whole cell are still decoded: damage there counts. */
	for (int y = oh * fy; y < p->info.height && s == PR_OK; y++) {
		const unsigned char *row;
		s = rows_get(&r, y, &row, err);
	}
	rows_end(&r);
	free(acc);
	if (s != PR_OK) {
		free(px);
		return s;
	}
	out->width = ow;
	out->height = oh;
	out->xdpi = p->info.xdpi / fx;
	out->ydpi = p->info.ydpi / fy;
	out->pixels = px;
	return PR_OK;
}

/* --- encoding in memory ----------------------------------------------------- */

typedef struct memfile {
	unsigned char *buf;
	size_t size, cap, pos;
} memfile;

static tmsize_t mem_read(thandle_t h, void *dst, tmsize_t n)
{
	memfile *m = h;
	if (n <= 0 || m->pos >= m->size)
		return 0;
	size_t take = m->size - m->pos < (size_t)n ? m->size - m->pos : (size_t)n;
	memcpy(dst, m->buf + m->pos, take);
	m->pos += take;
	return (tmsize_t)take;
}

static tmsize_t mem_write(thandle_t h, void *src, tmsize_t n)
{
	memfile *m = h;
	if (n < 0)
		return -1;
	size_t end = m->pos + (size_t)n;
	if (end > PR_TIFF_MAX_DECODED * 2u)
		return -1;
	if (end > m->cap) {
		size_t cap = m->cap ? m->cap : 65536;
		while (cap < end)
			cap *= 2;
		m->buf = xrealloc(m->buf, cap);
		m->cap = cap;
	}
	if (m->pos > m->size)
		memset(m->buf + m->size, 0, m->pos - m->size);
	memcpy(m->buf + m->pos, src, (size_t)n);
	m->pos = end;
	if (end > m->size)
		m->size = end;
	return n;
}

static toff_t mem_seek(thandle_t h, toff_t off, int whence)
{
	memfile *m = h;
	uint64_t base = whence == SEEK_CUR ? m->pos : whence == SEEK_END ? m->size : 0;
	uint64_t to = base + off;
	if (to > PR_TIFF_MAX_DECODED * 2u)
		return (toff_t)-1;
	m->pos = (size_t)to;
	return to;
}

static int mem_close(thandle_t h)
{
	(void)h;
	return 0;
}

static toff_t mem_size(thandle_t h)
{
	return ((memfile *)h)->size;
}

static int mem_map(thandle_t h, void **base, toff_t *size)
{
	(void)h;
	(void)base;
	(void)size;
	return 0;
}

static void mem_unmap(thandle_t h, void *base, toff_t size)
{
	(void)h;
	(void)base;
	(void)size;
}

/* Converts ROW of page P into the encoder's layout in DST: bilevel 1 =
 * black packed MSB first, grey 0 = black, RGB 3 bytes a pixel. */
static void to_target(const page *p, const unsigned char *row, unsigned char *dst, size_t dst_bytes)
{
	int w = p->info.width;
	switch (p->info.kind) {
	case PR_TIFF_BILEVEL:
		if (p->photometric == PHOTOMETRIC_MINISBLACK) {
			for (size_t i = 0; i < dst_bytes; i++)
				dst[i] = (unsigned char)~row[i];
		} else {
			memcpy(dst, row, dst_bytes);
		}
		if (w % 8)
			dst[dst_bytes - 1] &= (unsigned char)(0xff00u >> (w % 8));
		break;
	case PR_TIFF_GREY:
		if (p->photometric == PHOTOMETRIC_MINISWHITE) {
			for (int x = 0; x < w; x++)
				dst[x] = (unsigned char)(255 - row[x]);
		} else {
			memcpy(dst, row, (size_t)w);
		}
		break;
	case PR_TIFF_RGB:
		if (p->info.palette) {
			for (int x = 0; x < w; x++)
				memcpy(dst + 3 * x, p->rgb[row[x]], 3);
		} else {
			int spp = p->photometric == PHOTOMETRIC_YCBCR ? 3 : p->spp;
			if (spp == 3) {
				memcpy(dst, row, (size_t)w * 3);
			} else {
				for (int x = 0; x < w; x++)
					memcpy(dst + 3 * x, row + (size_t)x * (size_t)spp, 3);
			}
		}
		break;
	}
}

/* Decodes page INDEX and encodes it again with libtiff's own encoder (G4
 * for bilevel, Deflate otherwise) into one strip of a TIFF in memory,
 * whose bytes become *OUT. */
static pr_status reencode(pr_tiff *t, int index, pr_encoded_page *out, pr_error *err)
{
	const page *p = &t->pages[index];
	rows r;
	pr_status s = rows_begin(t, index, &r, err);
	if (s != PR_OK) {
		rows_end(&r);
		return s;
	}
	memfile m = { 0 };
	TIFFOpenOptions *o = options(t);
	TIFF *w = o ? TIFFClientOpenExt("memory", "w", &m, mem_read, mem_write, mem_seek, mem_close,
					mem_size, mem_map, mem_unmap, o)
		    : NULL;
	if (o)
		TIFFOpenOptionsFree(o);
	if (!w) {
		rows_end(&r);
		free(m.buf);
		return pr_fail(err, PR_EIO, "%s, page %d: cannot encode it: %s", t->path, index + 1,
			       why(t, "out of memory"));
	}
	int width = p->info.width, height = p->info.height;
	bool bilevel = p->info.kind == PR_TIFF_BILEVEL;
	int spp = p->info.kind == PR_TIFF_RGB ? 3 : 1;
	TIFFSetField(w, TIFFTAG_IMAGEWIDTH, (uint32_t)width);
	TIFFSetField(w, TIFFTAG_IMAGELENGTH, (uint32_t)height);
	TIFFSetField(w, TIFFTAG_BITSPERSAMPLE, bilevel ? 1 : 8);
	TIFFSetField(w, TIFFTAG_SAMPLESPERPIXEL, spp);
	TIFFSetField(w, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFSetField(w, TIFFTAG_ROWSPERSTRIP, (uint32_t)height);
	TIFFSetField(w, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
	if (bilevel) {
		TIFFSetField(w, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
		TIFFSetField(w, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
	} else {
		TIFFSetField(w, TIFFTAG_PHOTOMETRIC,
			     spp == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
		TIFFSetField(w, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
		TIFFSetField(w, TIFFTAG_PREDICTOR, PREDICTOR_NONE);
		TIFFSetField(w, TIFFTAG_ZIPQUALITY, 3);
	}
	/* Whatever setting up the encoder said is not the page's damage. */
	reset(t);
	size_t dst_bytes = bilevel ? ((size_t)width + 7) / 8 : (size_t)width * (size_t)spp;
	unsigned char *dst = xmalloc(dst_bytes);
	for (int y = 0; y < height && s == PR_OK; y++) {
		const unsigned char *row;
		s = rows_get(&r, y, &row, err);
		if (s != PR_OK)
			break;
		to_target(p, row, dst, dst_bytes);
		if (TIFFWriteScanline(w, dst, (uint32_t)y, 0) < 0)
			s = pr_fail(err, PR_EIO, "%s, page %d: cannot encode row %d: %s", t->path,
				    index + 1, y + 1, why(t, "encoder failed"));
	}
	free(dst);
	rows_end(&r);
	uint64_t *off = NULL, *cnt = NULL;
	if (s == PR_OK && (!TIFFFlushData(w) || !TIFFGetField(w, TIFFTAG_STRIPOFFSETS, &off) ||
			   !TIFFGetField(w, TIFFTAG_STRIPBYTECOUNTS, &cnt) || !off || !cnt ||
			   cnt[0] == 0 || off[0] + cnt[0] > m.size))
		s = pr_fail(err, PR_EIO, "%s, page %d: cannot encode it: %s", t->path, index + 1,
			    why(t, "no data written"));
	size_t start = s == PR_OK ? (size_t)off[0] : 0, len = s == PR_OK ? (size_t)cnt[0] : 0;
	/* Closing writes the memory TIFF's directory after the strip, which
	 * nobody reads; the strip then moves to the front of the buffer, which
	 * becomes the page's (no second copy of a large colour page). */
	TIFFClose(w);
	if (s != PR_OK) {
		free(m.buf);
		return s;
	}
	memmove(m.buf, m.buf + start, len);
	out->bytes = xrealloc(m.buf, len);
	out->size = len;
	out->format = bilevel ? PR_ENC_G4 : spp == 3 ? PR_ENC_FLATE_RGB : PR_ENC_FLATE_GREY;
	out->black_is_1 = false;
	out->passthrough = false;
	return PR_OK;
}

static pr_status passthrough(pr_tiff *t, int index, pr_encoded_page *out, pr_error *err)
{
	const page *p = &t->pages[index];
	reset(t);
	if (!go_to(t, index))
		return pr_fail(err, PR_EINVAL, "%s, page %d: cannot read its directory: %s", t->path,
			       index + 1, why(t, "damaged"));
	size_t n = (size_t)p->raw0;
	unsigned char *buf = xmalloc(n);
	reset(t);
	tmsize_t got = TIFFReadRawStrip(t->tif, 0, buf, (tmsize_t)n);
	if (got != (tmsize_t)n || t->errors) {
		free(buf);
		return pr_fail(err, PR_EINVAL, "%s, page %d: cannot read its image data: %s", t->path,
			       index + 1, why(t, "short read"));
	}
	if (p->fillorder == FILLORDER_LSB2MSB)
		TIFFReverseBits(buf, (tmsize_t)n);
	out->bytes = buf;
	out->size = n;
	out->format = PR_ENC_G4;
	/* Decoded G4 has 1 bits for the codes' black runs. MINISWHITE says 1 is
	 * black: the PDF default. MINISBLACK says 1 is white: /BlackIs1 true
	 * makes those runs 1 bits, which /DeviceGray shows white. */
	out->black_is_1 = p->photometric == PHOTOMETRIC_MINISBLACK;
	out->passthrough = true;
	return PR_OK;
}

/* Whether page P's data is one JPEG stream a PDF can take as it is: one
 * strip, 8-bit grey (0 = black), YCbCr or 3-sample RGB. */
static bool jpeg_whole(const page *p)
{
	if (p->compression != COMPRESSION_JPEG || p->info.tiled || p->strips != 1 || p->bps != 8)
		return false;
	if (p->info.kind == PR_TIFF_GREY)
		return p->photometric == PHOTOMETRIC_MINISBLACK;
	return p->info.kind == PR_TIFF_RGB && !p->info.palette &&
	       (p->photometric == PHOTOMETRIC_YCBCR ||
		(p->photometric == PHOTOMETRIC_RGB && p->spp == 3));
}

/* The frame header of JPEG stream B: true when it is baseline, extended
 * or progressive Huffman (what /DCTDecode reads) of W x H and N
 * components. */
static bool jpeg_frame(const unsigned char *b, size_t n, int w, int h, int comps)
{
	size_t i = 2;
	while (i + 4 <= n) {
		if (b[i] != 0xff)
			return false;
		unsigned m = b[i + 1];
		if (m == 0xff) {
			i++;
			continue;
		}
		size_t len = (size_t)b[i + 2] << 8 | b[i + 3];
		if (m == 0xc0 || m == 0xc1 || m == 0xc2) {
			if (len < 8 || i + 2 + len > n)
				return false;
			int fh = b[i + 5] << 8 | b[i + 6], fw = b[i + 7] << 8 | b[i + 8];
			return b[i + 4] == 8 && fh == h && fw == w && b[i + 9] == comps;
		}
		if ((m >= 0xc3 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) || m == 0xda ||
		    m == 0xd9 || len < 2)
			return false;
		i += 2 + len;
	}
	return false;
}

/* A single-strip JPEG page as one whole JPEG stream: its strip, with the
 * tables of JPEGTABLES (libtiff writes them there, "abbreviated" strips)
 * put back after the strip's SOI. PR_ENOTFOUND when the data is not what
 * a PDF can take as it is (the caller encodes it again). */
static pr_status jpeg_passthrough(pr_tiff *t, int index, pr_encoded_page *out, pr_error *err)
{
	const page *p = &t->pages[index];
	reset(t);
	if (!go_to(t, index))
		return pr_fail(err, PR_EINVAL, "%s, page %d: cannot read its directory: %s", t->path,
			       index + 1, why(t, "damaged"));
	uint32_t tlen = 0;
	const unsigned char *tables = NULL;
	if (!TIFFGetField(t->tif, TIFFTAG_JPEGTABLES, &tlen, &tables))
		tlen = 0;
	if (tlen && (tlen < 4 || !tables || tables[0] != 0xff || tables[1] != 0xd8))
		return PR_ENOTFOUND;
	size_t tbody = tlen ? tlen - 2 : 0;              /* without the SOI */
	if (tlen && tables[tlen - 2] == 0xff && tables[tlen - 1] == 0xd9)
		tbody -= 2;                               /* and the EOI */
	size_t n = (size_t)p->raw0;
	if (n < 4)
		return PR_ENOTFOUND;
	unsigned char *buf = xmalloc(n + tbody);
	tmsize_t got = TIFFReadRawStrip(t->tif, 0, buf + tbody, (tmsize_t)n);
	if (got != (tmsize_t)n || t->errors) {
		free(buf);
		return pr_fail(err, PR_EINVAL, "%s, page %d: cannot read its image data: %s", t->path,
			       index + 1, why(t, "short read"));
	}
	if (buf[tbody] != 0xff || buf[tbody + 1] != 0xd8) {
		free(buf);
		return PR_ENOTFOUND;
	}
	/* SOI, the tables, then the strip after its own SOI. */
	if (tlen)
		memcpy(buf + 2, tables + 2, tbody);
	buf[0] = 0xff;
	buf[1] = 0xd8;
	int comps = p->info.kind == PR_TIFF_GREY ? 1 : 3;
	if (!jpeg_frame(buf, n + tbody, p->info.width, p->info.height, comps)) {
		free(buf);
		return PR_ENOTFOUND;
	}
	out->bytes = buf;
	out->size = n + tbody;
	out->format = comps == 1 ? PR_ENC_JPEG_GREY : PR_ENC_JPEG_RGB;
	out->ycbcr = p->photometric == PHOTOMETRIC_YCBCR;
	out->passthrough = true;
	return PR_OK;
}

pr_status pr_tiff_page_encoded(pr_tiff *t, int index, pr_encoded_page *out, pr_error *err)
{
	if (!t || index < 0 || index >= t->n)
		return t ? bad_index(t, index, err) : pr_fail(err, PR_EINVAL, "no scan file open");
	const page *p = &t->pages[index];
	pr_encoded_page e = { 0 };
	pr_status s;
	if (p->info.kind == PR_TIFF_BILEVEL && p->compression == COMPRESSION_CCITTFAX4 &&
	    !p->info.tiled && p->strips == 1 && !(p->t6options & GROUP4OPT_UNCOMPRESSED))
		s = passthrough(t, index, &e, err);
	else {
		s = jpeg_whole(p) ? jpeg_passthrough(t, index, &e, err) : PR_ENOTFOUND;
		if (s == PR_ENOTFOUND)
			s = reencode(t, index, &e, err);
	}
	if (s != PR_OK)
		return s;
	e.width = p->info.width;
	e.height = p->info.height;
	e.xdpi = p->info.xdpi;
	e.ydpi = p->info.ydpi;
	*out = e;
	return PR_OK;
}
