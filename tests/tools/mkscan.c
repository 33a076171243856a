/* mkscan: writes a multi-page TIFF like the one a post room scanner leaves
 * in the hot folder, from a list of page specifications: postroom's own
 * batch sheets (rendered from their PDF by pdftoppm), synthetic letters,
 * letters with a barcode of their own, blank pages and deliberately bad
 * pages, in any of the compressions, depths and layouts scanners write.
 * Used by the scan tests and the benchmarks; not part of postroom.
 *
 * Every page is drawn into an 8-bit grey raster (0 black), changed by its
 * modifiers, written and freed before the next, so memory stays that of
 * one page whatever the number of pages. The same arguments always give
 * the same bytes. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tiffio.h>
#include <zint.h>

static const char usage_text[] =
	"usage: mkscan -o OUT.tif [OPTION]... PAGE...\n"
	"Writes a multi-page TIFF scan file, one PAGE after another (A4 at the dpi).\n"
	"\n"
	"Options:\n"
	"  -o FILE               the TIFF to write (required)\n"
	"  --dpi N               200, 240, 300 (default) or 600\n"
	"  --depth N             1 (bilevel, default), 8 (grey) or 24 (RGB colour, where\n"
	"                        letters are typed in dark blue)\n"
	"  --compression C       g4 (default for 1), g3, g3-2d, none, lzw (default for 8\n"
	"                        and 24), deflate, jpeg (8 and 24 only)\n"
	"  --predictor           horizontal predictor with lzw and deflate\n"
	"  --photometric P       white (0 is white; default for 1) or black (0 is black;\n"
	"                        default for 8); 24-bit is RGB (YCbCr with jpeg)\n"
	"  --tiles               256x256 tiles instead of strips\n"
	"  --rows-per-strip N    rows a strip (default: the whole page for 1 bit, 64\n"
	"                        otherwise; a multiple of 16 with jpeg)\n"
	"  --big-endian          Motorola byte order (default Intel)\n"
	"  --bigtiff             a BigTIFF file\n"
	"  --resolution-unit U   inch (default) or cm\n"
	"  --pagenumber          a PAGENUMBER tag (page, total) on every page\n"
	"  --duplex              a back after every page: blank unless the page has\n"
	"                        back=letter/\n"
	"  --no-mark             no page mark on letters (see below)\n"
	"  --seed N              seed of speckle and of corruption (default 1)\n"
	"  --page-delay MS       wait MS milliseconds after each page (a slow scanner)\n"
	"  --truncate N[%]       cut the finished file to N bytes (or N% of its size)\n"
	"  --corrupt-strip P     overwrite the first strip (or tile) of page P, counted\n"
	"                        from 1 in the file, with random bytes\n"
	"  --map                 print one line a page: NUMBER KIND DETAIL\n"
	"\n"
	"PAGE is [MODIFIER/]...SOURCE. Sources:\n"
	"  blank                 a white page\n"
	"  letter[:N]            a typed A4 letter drawn from seed N (default: its page\n"
	"                        number in the file): letterhead, address, paragraphs,\n"
	"                        signature\n"
	"  letter-code:DATA      a letter carrying its own Code 128 of DATA at the top\n"
	"                        right (as HMRC and DWP letters do)\n"
	"  code:DATA             a sheet with a large Code 128 of DATA and nothing else\n"
	"                        (a separator for a reference no sheet PDF holds)\n"
	"  pbm:FILE, pgm:FILE, ppm:FILE, pnm:FILE\n"
	"                        a netpbm image (P1 to P6) as it is, e.g. one page of\n"
	"                        `pdftoppm -r DPI -mono|-gray`\n"
	"  sheets:PDF            every page of a PDF (postroom batch sheets), rendered\n"
	"                        by pdftoppm at the dpi and cut or padded to A4\n"
	"  sheet:N:PDF           page N of that PDF (1 is a batch's header)\n"
	"  batch:K:PDF           a batch as fed: page 1 of PDF (the header), then each\n"
	"                        further page (a separator) followed by K letters\n"
	"  absurd                a page claiming 100000 x 100000 pixels, 16 bytes of data\n"
	"Modifiers (each applies to every page of its source):\n"
	"  rot180/, upside/      the page turned upside down\n"
	"  skew=DEG/             turned DEG degrees (-10 to 10) about its centre\n"
	"  speckle=N/            N black specks of 1 to 3 pixels (seeded)\n"
	"  back=letter/          with --duplex, the back is a letter (seed: 100000 plus\n"
	"                        its page number)\n"
	"  back=blank/           with --duplex, the back is blank (the default)\n"
	"  repeat=N/             the source N times\n"
	"Backs share their front's modifiers (a sheet is turned whole).\n"
	"\n"
	"Letters and letter backs carry a page mark: a Code 39 of \"P\" and their page\n"
	"number in the file, four digits (P0007), at the bottom left, which a reader\n"
	"of Code 128 alone does not see (zbarimg -Sdisable -Scode39.enable reads it).\n"
	"Sheets, code pages and blank pages carry none.\n"
	"Exit status: 0 written, 1 failed (nothing is left at OUT), 2 bad usage.\n";

/* ---- small helpers ------------------------------------------------------ */

static const char *out_path;
static char tmp_dir[4096];

static void cleanup(void)
{
	if (!tmp_dir[0])
		return;
	DIR *d = opendir(tmp_dir);
	if (d) {
		struct dirent *e;
		char p[sizeof tmp_dir + 300];
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "%s/%s", tmp_dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(tmp_dir);
	tmp_dir[0] = 0;
}

static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("mkscan: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (out_path)
		unlink(out_path);
	cleanup();
	exit(1);
}

static _Noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("mkscan: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n(mkscan --help lists the options and pages)\n", stderr);
	va_end(ap);
	cleanup();
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* A whole number from S in [LO, HI], or a usage error naming WHAT. */
static long number(const char *s, long lo, long hi, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		usage_error("%s must be a whole number from %ld to %ld, not '%s'", what, lo, hi, s);
	return v;
}

/* splitmix64: a small deterministic generator. */
static uint64_t rnd_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static long rnd_range(uint64_t *s, long lo, long hi) /* lo..hi inclusive */
{
	return lo + (long)(rnd_next(s) % (uint64_t)(hi - lo + 1));
}

/* ---- rasters ------------------------------------------------------------ */

typedef struct {
	int w, h;
	unsigned char *px; /* w*h grey, 0 black, 255 white */
} raster;

static raster raster_new(int w, int h)
{
	raster r = { w, h, xmalloc((size_t)w * (size_t)h) };
	memset(r.px, 255, (size_t)w * (size_t)h);
	return r;
}

static void fill(raster *r, long x0, long y0, long x1, long y1, unsigned char v)
{
	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > r->w)
		x1 = r->w;
	if (y1 > r->h)
		y1 = r->h;
	for (long y = y0; y < y1; y++)
		if (x1 > x0)
			memset(r->px + (size_t)y * (size_t)r->w + (size_t)x0, v, (size_t)(x1 - x0));
}

static int dpi = 300;

static long mm(double v) { return lround(v * dpi / 25.4); }

static int a4_w(void) { return (int)mm(210); }
static int a4_h(void) { return (int)mm(297); }

/* Draws a 1D barcode of DATA (zint SYMBOLOGY) with its left edge at X and
 * top at Y, MODULE pixels a module, H pixels tall; ALIGN_RIGHT puts its
 * right edge at X instead. Returns its width in pixels, quiet zones
 * included; R NULL only measures. */
static long draw_barcode(raster *r, int symbology, const char *data, long x, long y, long module,
			 long h, int align_right)
{
	struct zint_symbol *s = ZBarcode_Create();
	if (!s)
		die("out of memory");
	s->symbology = symbology;
	s->scale = 0.5f; /* one pixel a module */
	s->height = 10;
	s->show_hrt = 0;
	int rc = ZBarcode_Encode_and_Buffer(s, (const unsigned char *)data, (int)strlen(data), 0);
	if (rc >= ZINT_ERROR) {
		char msg[sizeof s->errtxt + 1];
		snprintf(msg, sizeof msg, "%s", s->errtxt);
		ZBarcode_Delete(s);
		die("cannot draw a barcode of '%s': %s", data, msg);
	}
	long w = s->bitmap_width;
	const unsigned char *row = s->bitmap + 3 * (size_t)w * (size_t)(s->bitmap_height / 2);
	if (align_right)
		x -= w * module;
	for (long i = 0; r && i < w; i++)
		if (row[3 * i] < 128)
			fill(r, x + i * module, y, x + (i + 1) * module, y + h, 0);
	ZBarcode_Delete(s);
	return w * module;
}

/* Fake type: a word of N glyph-like shapes, each a few strokes in a cell of
 * CW x XH pixels, starting at X on the baseline BASE. */
static long draw_word(raster *r, uint64_t *rs, long x, long base, int n, long cw, long xh)
{
	long t = cw / 6 > 1 ? cw / 6 : 1; /* stroke */
	long asc = xh * 4 / 10;
	for (int i = 0; i < n; i++) {
		long x0 = x + t, x1 = x + cw - t, top = base - xh;
		switch (rnd_range(rs, 0, 7)) {
		case 0: /* o */
			fill(r, x0, top, x1, top + t, 0);
			fill(r, x0, base - t, x1, base, 0);
			fill(r, x0, top, x0 + t, base, 0);
			fill(r, x1 - t, top, x1, base, 0);
			break;
		case 1: /* l */
			fill(r, x0 + t, top - asc, x0 + 2 * t, base, 0);
			break;
		case 2: /* n */
			fill(r, x0, top, x0 + t, base, 0);
			fill(r, x0, top, x1, top + t, 0);
			fill(r, x1 - t, top, x1, base, 0);
			break;
		case 3: /* e */
			fill(r, x0, top, x1, top + t, 0);
			fill(r, x0, top + (xh - t) / 2, x1, top + (xh + t) / 2, 0);
			fill(r, x0, base - t, x1, base, 0);
			fill(r, x0, top, x0 + t, base, 0);
			break;
		case 4: /* i */
			fill(r, x0 + t, top, x0 + 2 * t, base, 0);
			fill(r, x0 + t, top - 2 * t, x0 + 2 * t, top - t, 0);
			break;
		case 5: /* c */
			fill(r, x0, top, x1, top + t, 0);
			fill(r, x0, base - t, x1, base, 0);
			fill(r, x0, top, x0 + t, base, 0);
			break;
		case 6: /* d */
			fill(r, x0, top, x1, top + t, 0);
			fill(r, x0, base - t, x1, base, 0);
			fill(r, x0, top, x0 + t, base, 0);
			fill(r, x1 - t, top - asc, x1, base, 0);
			break;
		default: /* u */
			fill(r, x0, top, x0 + t, base, 0);
			fill(r, x0, base - t, x1, base, 0);
			fill(r, x1 - t, top, x1, base, 0);
			break;
		}
		x += cw;
	}
	return x;
}

/* A line of words from X0 to at most X1 (to about FRACTION of it). */
static void draw_line(raster *r, uint64_t *rs, long x0, long x1, long base, double fraction)
{
	long cw = mm(1.9), xh = mm(2.1), gap = mm(1.6);
	long end = x0 + (long)((double)(x1 - x0) * fraction);
	long x = x0;
	for (int guard = 0; guard < 200; guard++) {
		int n = (int)rnd_range(rs, 1, 10);
		if (x + n * cw > end)
			break;
		x = draw_word(r, rs, x, base, n, cw, xh) + gap;
	}
}

static void draw_mark(raster *r, long page_no)
{
	char m[16];
	snprintf(m, sizeof m, "P%04ld", page_no % 10000);
	draw_barcode(r, BARCODE_CODE39, m, mm(20), mm(281), mm(0.5) > 2 ? mm(0.5) : 2, mm(7), 0);
}

/* A typed letter from SEED; CODE, when not NULL, as its own Code 128. */
static raster draw_letter(uint64_t seed, const char *code)
{
	raster r = raster_new(a4_w(), a4_h());
	uint64_t rs = seed * 7919u + 17u;
	long left = mm(22), right = a4_w() - mm(20);

	/* Letterhead: a logo block and the sender's address at the right. */
	fill(&r, left, mm(14), left + mm(28), mm(16), 0);
	fill(&r, left, mm(14), left + mm(2), mm(28), 0);
	fill(&r, left + mm(6), mm(19), left + mm(24), mm(25), 0);
	for (int i = 0; i < 3; i++)
		draw_line(&r, &rs, right - mm(60), right, mm(18 + 5 * i), 1.0);
	if (code) {
		long module = mm(0.33) > 2 ? mm(0.33) : 2;
		draw_barcode(&r, BARCODE_CODE128, code, right, mm(36), module, mm(10), 1);
		draw_line(&r, &rs, right - mm(45), right, mm(51), 1.0);
	}
	/* Address block, date, salutation. */
	for (int i = 0; i < 4; i++)
		draw_line(&r, &rs, left, left + mm(70), mm(52 + 5 * i), 0.6 + 0.1 * (double)(i % 3));
	draw_line(&r, &rs, right - mm(35), right, mm(82), 1.0);
	draw_line(&r, &rs, left, left + mm(40), mm(95), 1.0);
	/* Paragraphs down to the signature. */
	long base = mm(106), bottom = mm(238);
	for (int guard = 0; guard < 100 && base < bottom; guard++) {
		int lines = (int)rnd_range(&rs, 2, 6);
		for (int i = 0; i < lines && base < bottom; i++) {
			draw_line(&r, &rs, left, right, base, i == lines - 1 ? 0.45 : 1.0);
			base += mm(5.5);
		}
		base += mm(4);
	}
	/* Signature: a zigzag, then the name. */
	long sx = left, sy = mm(252);
	for (int i = 0; i < 40; i++) {
		long dy = (long)rnd_range(&rs, -(int)mm(4), (int)mm(4));
		fill(&r, sx, sy + dy, sx + mm(1), sy + dy + mm(0.6), 0);
		sx += mm(1);
	}
	draw_line(&r, &rs, left, left + mm(45), mm(262), 1.0);
	return r;
}

/* A sheet holding only a large Code 128 of DATA (6 pixels a module at 300
 * dpi, as postroom's separators) and a line of type under it. */
static raster draw_code_sheet(const char *data)
{
	raster r = raster_new(a4_w(), a4_h());
	uint64_t rs = 99;
	long module = mm(0.5) > 3 ? mm(0.5) : 3;
	long w = draw_barcode(NULL, BARCODE_CODE128, data, 0, 0, module, 1, 0);
	draw_barcode(&r, BARCODE_CODE128, data, (a4_w() - w) / 2, mm(60), module, mm(45), 0);
	draw_line(&r, &rs, (a4_w() - mm(60)) / 2, (a4_w() + mm(60)) / 2, mm(115), 1.0);
	return r;
}

/* ---- netpbm ------------------------------------------------------------- */

static int pnm_token(FILE *f, const char *path, long *v)
{
	int c;
	for (;;) {
		c = getc(f);
		if (c == '#') {
			while (c != '\n' && c != EOF)
				c = getc(f);
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			break;
		}
	}
	if (c < '0' || c > '9')
		die("%s: not a netpbm image (bad header)", path);
	long n = 0;
	while (c >= '0' && c <= '9') {
		if (n > 1000000)
			die("%s: a netpbm number is too large", path);
		n = n * 10 + (c - '0');
		c = getc(f);
	}
	*v = n;
	return c;
}

/* A plain PBM pixel: '0' or '1', digits not always spaced. */
static long pnm_bit(FILE *f, const char *path)
{
	for (int c = getc(f);; c = getc(f)) {
		if (c == '0' || c == '1')
			return c - '0';
		if (c == '#') {
			while (c != '\n' && c != EOF)
				c = getc(f);
		}
		if (c == EOF || (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '#'))
			die("%s: image data ends early or is not 0 and 1", path);
	}
}

/* Reads a netpbm image (P1 to P6) as grey. */
static raster read_pnm(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open %s: %s", path, strerror(errno));
	int m = getc(f), k = getc(f);
	if (m != 'P' || k < '1' || k > '6')
		die("%s: not a netpbm image (P1 to P6)", path);
	long w, h, maxval = 1;
	pnm_token(f, path, &w);
	int last = pnm_token(f, path, &h);
	if (k != '1' && k != '4')
		last = pnm_token(f, path, &maxval);
	(void)last;
	if (w < 1 || h < 1 || w > 30000 || h > 30000 || maxval < 1 || maxval > 65535)
		die("%s: unlikely size %ldx%ld (maxval %ld)", path, w, h, maxval);
	raster r = raster_new((int)w, (int)h);
	int ch = (k == '3' || k == '6') ? 3 : 1;
	int wide = maxval > 255;
	size_t rowb = k == '4' ? (size_t)(w + 7) / 8 : (size_t)w * (size_t)ch * (wide ? 2 : 1);
	unsigned char *row = xmalloc(rowb);
	for (long y = 0; y < h; y++) {
		unsigned char *o = r.px + (size_t)y * (size_t)w;
		if (k >= '4') {
			if (fread(row, 1, rowb, f) != rowb)
				die("%s: image data ends early (row %ld of %ld)", path, y + 1, h);
		}
		for (long x = 0; x < w; x++) {
			long v[3] = { 0, 0, 0 };
			for (int c = 0; c < ch; c++) {
				if (k == '4') {
					v[c] = (row[x / 8] >> (7 - x % 8)) & 1;
				} else if (k >= '5') {
					size_t i = (size_t)(x * ch + c);
					v[c] = wide ? (row[2 * i] << 8 | row[2 * i + 1]) : row[i];
				} else if (k == '1') {
					v[c] = pnm_bit(f, path);
				} else {
					pnm_token(f, path, &v[c]);
				}
			}
			long g;
			if (k == '1' || k == '4')
				g = v[0] ? 0 : 255;
			else if (ch == 3)
				g = (299 * v[0] + 587 * v[1] + 114 * v[2]) * 255 / (1000 * maxval);
			else
				g = v[0] * 255 / maxval;
			o[x] = (unsigned char)(g > 255 ? 255 : g);
		}
	}
	free(row);
	fclose(f);
	return r;
}

/* ---- PDF sheets through pdftoppm ---------------------------------------- */

typedef struct {
	char *pdf;
	char **files; /* its pages rendered, in order */
	int pages;
} rendered;

static rendered *renders;
static size_t n_renders;
static int depth = 1;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* PDF rendered at the dpi (once), every page a netpbm file in tmp_dir. */
static rendered *render_pdf(const char *pdf)
{
	for (size_t i = 0; i < n_renders; i++)
		if (strcmp(renders[i].pdf, pdf) == 0)
			return &renders[i];
	if (access(pdf, R_OK) != 0)
		die("cannot read %s: %s", pdf, strerror(errno));
	if (!tmp_dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(tmp_dir, sizeof tmp_dir, "%s/mkscan.XXXXXX",
			 t && *t && strlen(t) < sizeof tmp_dir - 20 ? t : "/tmp");
		if (!mkdtemp(tmp_dir)) {
			tmp_dir[0] = 0;
			die("cannot make a temporary folder: %s", strerror(errno));
		}
	}
	char prefix[sizeof tmp_dir + 32], res[16];
	snprintf(prefix, sizeof prefix, "%s/r%zu", tmp_dir, n_renders);
	snprintf(res, sizeof res, "%d", dpi);
	pid_t pid = fork();
	if (pid < 0)
		die("cannot start pdftoppm: %s", strerror(errno));
	if (pid == 0) {
		execlp("pdftoppm", "pdftoppm", "-r", res, depth == 1 ? "-mono" : "-gray", pdf, prefix,
		       (char *)NULL);
		fprintf(stderr, "mkscan: cannot run pdftoppm: %s\n", strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waiting for pdftoppm: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("pdftoppm could not render %s", pdf);

	renders = xrealloc(renders, (n_renders + 1) * sizeof *renders);
	rendered *r = &renders[n_renders];
	r->pdf = xstrdup(pdf);
	r->files = NULL;
	r->pages = 0;
	char stem[16];
	snprintf(stem, sizeof stem, "r%zu-", n_renders);
	DIR *d = opendir(tmp_dir);
	if (!d)
		die("cannot read %s: %s", tmp_dir, strerror(errno));
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, stem, strlen(stem)) != 0)
			continue;
		char p[sizeof tmp_dir + 300];
		snprintf(p, sizeof p, "%s/%s", tmp_dir, e->d_name);
		r->files = xrealloc(r->files, (size_t)(r->pages + 1) * sizeof *r->files);
		r->files[r->pages++] = xstrdup(p);
	}
	closedir(d);
	if (r->pages == 0)
		die("pdftoppm gave no pages for %s", pdf);
	/* pdftoppm pads the page numbers to one width: names sort as numbers. */
	qsort(r->files, (size_t)r->pages, sizeof *r->files, by_name);
	n_renders++;
	return r;
}

/* Cuts or pads R (white) to A4 at the dpi, in place. */
static void to_a4(raster *r)
{
	int w = a4_w(), h = a4_h();
	if (r->w == w && r->h == h)
		return;
	raster n = raster_new(w, h);
	for (int y = 0; y < h && y < r->h; y++)
		memcpy(n.px + (size_t)y * (size_t)w, r->px + (size_t)y * (size_t)r->w,
		       (size_t)(w < r->w ? w : r->w));
	free(r->px);
	*r = n;
}

/* ---- the page list ------------------------------------------------------ */

enum kind { K_BLANK, K_LETTER, K_LETTER_CODE, K_CODE, K_PNM, K_SHEET, K_ABSURD };
static const char *const kind_name[] = { "blank", "letter", "letter-code", "code", "image",
					 "sheet", "absurd" };

typedef struct {
	enum kind kind;
	long n;          /* letter seed; sheet page */
	const char *arg; /* data, image path or the PDF */
	const char *file; /* the rendered sheet */
	int rot180, back_letter, is_back;
	double skew;
	long speckle;
} page;

static page *pages;
static size_t n_pages;
static int duplex, marks = 1;

static void add_page(const page *p)
{
	if (n_pages % 64 == 0)
		pages = xrealloc(pages, (n_pages + 64) * sizeof *pages);
	pages[n_pages] = *p;
	pages[n_pages].is_back = 0;
	if (pages[n_pages].kind == K_LETTER && pages[n_pages].n < 0)
		pages[n_pages].n = (long)n_pages + 1;
	n_pages++;
	if (duplex) {
		page b = *p;
		b.is_back = 1;
		b.kind = p->back_letter ? K_LETTER : K_BLANK;
		b.n = p->back_letter ? 100000 + (long)n_pages + 1 : 0;
		b.arg = b.file = NULL;
		if (n_pages % 64 == 0)
			pages = xrealloc(pages, (n_pages + 64) * sizeof *pages);
		pages[n_pages++] = b;
	}
}

static void add_sheet(page p, rendered *r, int n)
{
	p.kind = K_SHEET;
	p.n = n;
	p.arg = r->pdf;
	p.file = r->files[n - 1];
	add_page(&p);
}

/* Parses one PAGE argument and adds its pages. */
static void add_spec(const char *spec)
{
	page p = { .kind = K_BLANK, .n = -1 };
	long repeat = 1;
	const char *s = spec;
	for (;;) {
		const char *slash = strchr(s, '/');
		if (!slash)
			break;
		size_t len = (size_t)(slash - s);
		char mod[64];
		if (len >= sizeof mod)
			break;
		memcpy(mod, s, len);
		mod[len] = 0;
		if (strcmp(mod, "rot180") == 0 || strcmp(mod, "upside") == 0) {
			p.rot180 = !p.rot180;
		} else if (strncmp(mod, "skew=", 5) == 0) {
			char *end;
			p.skew = strtod(mod + 5, &end);
			if (end == mod + 5 || *end || !(p.skew >= -10 && p.skew <= 10))
				usage_error("%s: skew must be a number of degrees from -10 to 10", spec);
		} else if (strncmp(mod, "speckle=", 8) == 0) {
			p.speckle = number(mod + 8, 0, 1000000, "speckle");
		} else if (strcmp(mod, "back=letter") == 0) {
			p.back_letter = 1;
		} else if (strcmp(mod, "back=blank") == 0) {
			p.back_letter = 0;
		} else if (strncmp(mod, "repeat=", 7) == 0) {
			repeat = number(mod + 7, 1, 100000, "repeat");
		} else {
			break; /* not a modifier: the source, whose path may hold '/' */
		}
		s = slash + 1;
	}

	const char *colon = strchr(s, ':');
	size_t kl = colon ? (size_t)(colon - s) : strlen(s);
	const char *arg = colon ? colon + 1 : NULL;
#define IS(name) (kl == strlen(name) && strncmp(s, name, kl) == 0)
	for (long rep = 0; rep < repeat; rep++) {
		page q = p;
		if (IS("blank") && !arg) {
			q.kind = K_BLANK;
			add_page(&q);
		} else if (IS("absurd") && !arg) {
			q.kind = K_ABSURD;
			add_page(&q);
		} else if (IS("letter")) {
			q.kind = K_LETTER;
			q.n = arg ? number(arg, 0, 1000000000, "a letter's seed") : -1;
			add_page(&q);
		} else if ((IS("letter-code") || IS("code")) && arg && *arg) {
			q.kind = IS("code") ? K_CODE : K_LETTER_CODE;
			q.arg = arg;
			q.n = -1;
			add_page(&q);
		} else if ((IS("pbm") || IS("pgm") || IS("ppm") || IS("pnm")) && arg && *arg) {
			q.kind = K_PNM;
			q.arg = arg;
			add_page(&q);
		} else if (IS("sheets") && arg && *arg) {
			rendered *r = render_pdf(arg);
			for (int i = 1; i <= r->pages; i++)
				add_sheet(q, r, i);
		} else if ((IS("sheet") || IS("batch")) && arg && strchr(arg, ':')) {
			const char *pdf = strchr(arg, ':') + 1;
			char num[16];
			size_t nl = (size_t)(pdf - 1 - arg);
			if (nl == 0 || nl >= sizeof num || !*pdf)
				usage_error("%s: give %s:N:PDF", spec, IS("sheet") ? "sheet" : "batch");
			memcpy(num, arg, nl);
			num[nl] = 0;
			rendered *r = render_pdf(pdf);
			if (IS("sheet")) {
				long n = number(num, 1, 100000, "a sheet's page");
				if (n > r->pages)
					usage_error("%s: the PDF has %d pages", spec, r->pages);
				add_sheet(q, r, (int)n);
			} else {
				long k = number(num, 0, 1000, "letters an item");
				add_sheet(q, r, 1);
				for (int i = 2; i <= r->pages; i++) {
					add_sheet(q, r, i);
					for (long j = 0; j < k; j++) {
						page l = p;
						l.kind = K_LETTER;
						l.n = -1;
						add_page(&l);
					}
				}
			}
		} else {
			usage_error("%s: not a page (blank, letter[:N], letter-code:DATA, code:DATA, "
				    "pbm:FILE, sheets:PDF, sheet:N:PDF, batch:K:PDF, absurd)", spec);
		}
	}
#undef IS
}

/* ---- page changes ------------------------------------------------------- */

static void turn180(raster *r)
{
	size_t n = (size_t)r->w * (size_t)r->h;
	for (size_t i = 0, j = n - 1; i < j; i++, j--) {
		unsigned char t = r->px[i];
		r->px[i] = r->px[j];
		r->px[j] = t;
	}
}

/* Turns R by DEG degrees about its centre (nearest pixel; white outside). */
static void skew(raster *r, double deg)
{
	if (deg == 0)
		return;
	raster n = raster_new(r->w, r->h);
	double a = deg * M_PI / 180, c = cos(a), s = sin(a);
	double cx = r->w / 2.0, cy = r->h / 2.0;
	for (int y = 0; y < r->h; y++) {
		double dy = y - cy;
		/* The source of (x, y): the point turned back by -a. */
		double sx = -cx * c + dy * s + cx, sy = cx * s + dy * c + cy;
		unsigned char *o = n.px + (size_t)y * (size_t)r->w;
		for (int x = 0; x < r->w; x++, sx += c, sy -= s) {
			long ix = lround(sx), iy = lround(sy);
			if (ix >= 0 && iy >= 0 && ix < r->w && iy < r->h)
				o[x] = r->px[(size_t)iy * (size_t)r->w + (size_t)ix];
		}
	}
	free(r->px);
	*r = n;
}

static uint64_t seed = 1;

static void speckle(raster *r, long n, size_t page_no)
{
	uint64_t rs = seed * 1000003u + page_no;
	for (long i = 0; i < n; i++) {
		long x = rnd_range(&rs, 0, r->w - 1), y = rnd_range(&rs, 0, r->h - 1);
		long d = rnd_range(&rs, 1, 3);
		fill(r, x, y, x + d, y + d, 0);
	}
}

/* Page I (from 0) drawn, ready to write. */
static raster make_page(size_t i)
{
	const page *p = &pages[i];
	raster r;
	switch (p->kind) {
	case K_LETTER:
	case K_LETTER_CODE:
		r = draw_letter((uint64_t)(p->kind == K_LETTER ? p->n : (long)i + 1),
				p->kind == K_LETTER_CODE ? p->arg : NULL);
		if (marks)
			draw_mark(&r, (long)i + 1);
		break;
	case K_CODE:
		r = draw_code_sheet(p->arg);
		break;
	case K_PNM:
		r = read_pnm(p->arg);
		break;
	case K_SHEET:
		r = read_pnm(p->file);
		to_a4(&r);
		break;
	default:
		r = raster_new(a4_w(), a4_h());
		break;
	}
	if (p->rot180)
		turn180(&r);
	skew(&r, p->skew);
	speckle(&r, p->speckle, i);
	return r;
}

/* ---- TIFF --------------------------------------------------------------- */

static int compression = -1, photometric_white = -1, tiles, rows_per_strip, predictor;
static int big_endian, bigtiff, res_cm, pagenumber, g3_2d;

/* Row Y of R as the file holds it, in OUT. */
static void pack_row(const raster *r, const page *p, int y, long x0, long n, unsigned char *out)
{
	const unsigned char *in = r->px + (size_t)y * (size_t)r->w;
	if (depth == 1) {
		memset(out, 0, (size_t)(n + 7) / 8);
		for (long x = 0; x < n; x++) {
			int black = x0 + x < r->w && in[x0 + x] < 128;
			if (black == photometric_white)
				out[x / 8] |= (unsigned char)(0x80 >> (x % 8));
		}
	} else if (depth == 8) {
		for (long x = 0; x < n; x++) {
			unsigned char v = x0 + x < r->w ? in[x0 + x] : 255;
			out[x] = photometric_white ? (unsigned char)(255 - v) : v;
		}
	} else {
		/* Letters are typed in dark blue: a colour page is not grey. */
		int tint = p->kind == K_LETTER || p->kind == K_LETTER_CODE;
		for (long x = 0; x < n; x++) {
			int v = x0 + x < r->w ? in[x0 + x] : 255;
			if (tint) {
				out[3 * x] = (unsigned char)(20 + v * 235 / 255);
				out[3 * x + 1] = (unsigned char)(30 + v * 225 / 255);
				out[3 * x + 2] = (unsigned char)(90 + v * 165 / 255);
			} else {
				out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = (unsigned char)v;
			}
		}
	}
}

static void set_common(TIFF *t, uint32_t w, uint32_t h, size_t i, size_t total)
{
	TIFFSetField(t, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
	TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFSetField(t, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT);
	TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, res_cm ? RESUNIT_CENTIMETER : RESUNIT_INCH);
	float res = res_cm ? (float)(dpi / 2.54) : (float)dpi;
	TIFFSetField(t, TIFFTAG_XRESOLUTION, res);
	TIFFSetField(t, TIFFTAG_YRESOLUTION, res);
	TIFFSetField(t, TIFFTAG_SOFTWARE, "mkscan");
	if (pagenumber)
		TIFFSetField(t, TIFFTAG_PAGENUMBER, (uint16_t)i, (uint16_t)total);
}

static void write_page(TIFF *t, size_t i)
{
	if (pages[i].kind == K_ABSURD) {
		set_common(t, 100000, 100000, i, n_pages);
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
		TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
		TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 100000);
		unsigned char junk[16] = { 0 };
		if (TIFFWriteRawStrip(t, 0, junk, sizeof junk) < 0 || !TIFFWriteDirectory(t))
			die("cannot write page %zu of %s", i + 1, out_path);
		return;
	}
	raster r = make_page(i);
	set_common(t, (uint32_t)r.w, (uint32_t)r.h, i, n_pages);
	int spp = depth == 24 ? 3 : 1;
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, depth == 1 ? 1 : 8);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, spp);
	TIFFSetField(t, TIFFTAG_COMPRESSION, compression);
	if (compression == COMPRESSION_CCITTFAX3)
		TIFFSetField(t, TIFFTAG_GROUP3OPTIONS, (uint32_t)(g3_2d ? GROUP3OPT_2DENCODING : 0));
	if (predictor > 0)
		TIFFSetField(t, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
	if (depth == 24 && compression == COMPRESSION_JPEG) {
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
		TIFFSetField(t, TIFFTAG_YCBCRSUBSAMPLING, 2, 2);
	} else if (depth == 24) {
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
	} else {
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC,
			     photometric_white ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK);
	}
	if (compression == COMPRESSION_JPEG) {
		TIFFSetField(t, TIFFTAG_JPEGQUALITY, 75);
		if (depth == 24)
			TIFFSetField(t, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
	}
	size_t bpp = (size_t)spp; /* bytes a pixel for depths 8 and 24 */
	if (tiles) {
		const uint32_t ts = 256;
		TIFFSetField(t, TIFFTAG_TILEWIDTH, ts);
		TIFFSetField(t, TIFFTAG_TILELENGTH, ts);
		size_t rowb = depth == 1 ? ts / 8 : ts * bpp;
		unsigned char *buf = xmalloc(rowb * ts);
		for (uint32_t ty = 0; ty < (uint32_t)r.h; ty += ts)
			for (uint32_t tx = 0; tx < (uint32_t)r.w; tx += ts) {
				for (uint32_t y = 0; y < ts; y++) {
					unsigned char *o = buf + rowb * y;
					if (ty + y < (uint32_t)r.h)
						pack_row(&r, &pages[i], (int)(ty + y), tx, ts, o);
					else
						memset(o, depth != 24 && photometric_white ? 0 : 0xff, rowb); /* white */
				}
				if (TIFFWriteEncodedTile(t, TIFFComputeTile(t, tx, ty, 0, 0), buf,
							 (tmsize_t)(rowb * ts)) < 0)
					die("cannot write page %zu of %s", i + 1, out_path);
			}
		free(buf);
	} else {
		uint32_t rps = rows_per_strip > 0 ? (uint32_t)rows_per_strip
			       : depth == 1 ? (uint32_t)r.h : 64;
		if (rps > (uint32_t)r.h)
			rps = (uint32_t)r.h;
		TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, rps);
		size_t rowb = depth == 1 ? ((size_t)r.w + 7) / 8 : (size_t)r.w * bpp;
		unsigned char *buf = xmalloc(rowb * rps);
		for (uint32_t y0 = 0, s = 0; y0 < (uint32_t)r.h; y0 += rps, s++) {
			uint32_t n = (uint32_t)r.h - y0 < rps ? (uint32_t)r.h - y0 : rps;
			for (uint32_t y = 0; y < n; y++)
				pack_row(&r, &pages[i], (int)(y0 + y), 0, r.w, buf + rowb * y);
			if (TIFFWriteEncodedStrip(t, s, buf, (tmsize_t)(rowb * n)) < 0)
				die("cannot write page %zu of %s", i + 1, out_path);
		}
		free(buf);
	}
	free(r.px);
	if (!TIFFWriteDirectory(t))
		die("cannot write page %zu of %s", i + 1, out_path);
}

/* Overwrites the first strip or tile of page P (from 1) with random bytes. */
static void corrupt_strip(long p)
{
	TIFF *t = TIFFOpen(out_path, "r");
	if (!t)
		die("cannot reopen %s", out_path);
	if (!TIFFSetDirectory(t, (tdir_t)(p - 1)))
		die("--corrupt-strip %ld: the file has no page %ld", p, p);
	uint64_t *off = NULL, *cnt = NULL;
	int tiled = TIFFIsTiled(t);
	if (!TIFFGetField(t, tiled ? TIFFTAG_TILEOFFSETS : TIFFTAG_STRIPOFFSETS, &off) ||
	    !TIFFGetField(t, tiled ? TIFFTAG_TILEBYTECOUNTS : TIFFTAG_STRIPBYTECOUNTS, &cnt))
		die("--corrupt-strip %ld: the page has no strips", p);
	uint64_t o = off[0], n = cnt[0];
	TIFFClose(t);
	FILE *f = fopen(out_path, "r+b");
	if (!f || fseeko(f, (off_t)o, SEEK_SET) != 0)
		die("cannot rewrite %s: %s", out_path, strerror(errno));
	uint64_t rs = seed * 31u + (uint64_t)p;
	for (uint64_t k = 0; k < n; k++)
		putc((int)(rnd_next(&rs) & 0xff), f);
	if (fclose(f) != 0)
		die("cannot rewrite %s: %s", out_path, strerror(errno));
}

static void print_map(void)
{
	for (size_t i = 0; i < n_pages; i++) {
		const page *p = &pages[i];
		printf("%zu %s%s", i + 1, p->is_back ? "back " : "", kind_name[p->kind]);
		if (p->kind == K_SHEET)
			printf(" %s:%ld", p->arg, p->n);
		else if (p->kind == K_LETTER)
			printf(" %ld", p->n);
		else if (p->kind == K_LETTER_CODE || p->kind == K_CODE || p->kind == K_PNM)
			printf(" %s", p->arg);
		if ((p->kind == K_LETTER || p->kind == K_LETTER_CODE) && marks)
			printf(" mark P%04zu", (i + 1) % 10000);
		if (p->rot180)
			printf(" rot180");
		if (p->skew != 0)
			printf(" skew=%g", p->skew);
		if (p->speckle)
			printf(" speckle=%ld", p->speckle);
		putchar('\n');
	}
}

static void on_signal(int sig)
{
	(void)sig;
	_exit(130);
}

int main(int argc, char **argv)
{
	enum { O_DPI = 256, O_DEPTH, O_COMP, O_PRED, O_PHOTO, O_TILES, O_RPS, O_BIG, O_BIGTIFF,
	       O_RESUNIT, O_PAGENUM, O_DUPLEX, O_NOMARK, O_SEED, O_DELAY, O_TRUNC, O_CORRUPT,
	       O_MAP, O_HELP };
	static const struct option opts[] = {
		{ "dpi", required_argument, NULL, O_DPI },
		{ "depth", required_argument, NULL, O_DEPTH },
		{ "compression", required_argument, NULL, O_COMP },
		{ "predictor", no_argument, NULL, O_PRED },
		{ "photometric", required_argument, NULL, O_PHOTO },
		{ "tiles", no_argument, NULL, O_TILES },
		{ "rows-per-strip", required_argument, NULL, O_RPS },
		{ "big-endian", no_argument, NULL, O_BIG },
		{ "bigtiff", no_argument, NULL, O_BIGTIFF },
		{ "resolution-unit", required_argument, NULL, O_RESUNIT },
		{ "pagenumber", no_argument, NULL, O_PAGENUM },
		{ "duplex", no_argument, NULL, O_DUPLEX },
		{ "no-mark", no_argument, NULL, O_NOMARK },
		{ "seed", required_argument, NULL, O_SEED },
		{ "page-delay", required_argument, NULL, O_DELAY },
		{ "truncate", required_argument, NULL, O_TRUNC },
		{ "corrupt-strip", required_argument, NULL, O_CORRUPT },
		{ "map", no_argument, NULL, O_MAP },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	long delay = 0, corrupt = 0, trunc_keep = -1;
	int trunc_pct = 0;
	int map = 0, c;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case O_DPI:
			dpi = (int)number(optarg, 1, 10000, "--dpi");
			if (dpi != 200 && dpi != 240 && dpi != 300 && dpi != 600)
				usage_error("--dpi is 200, 240, 300 or 600, not %d", dpi);
			break;
		case O_DEPTH:
			depth = (int)number(optarg, 1, 24, "--depth");
			if (depth != 1 && depth != 8 && depth != 24)
				usage_error("--depth is 1, 8 or 24, not %d", depth);
			break;
		case O_COMP:
			if (strcmp(optarg, "g4") == 0) compression = COMPRESSION_CCITTFAX4;
			else if (strcmp(optarg, "g3") == 0) compression = COMPRESSION_CCITTFAX3;
			else if (strcmp(optarg, "g3-2d") == 0) compression = COMPRESSION_CCITTFAX3, g3_2d = 1;
			else if (strcmp(optarg, "none") == 0) compression = COMPRESSION_NONE;
			else if (strcmp(optarg, "lzw") == 0) compression = COMPRESSION_LZW;
			else if (strcmp(optarg, "deflate") == 0) compression = COMPRESSION_ADOBE_DEFLATE;
			else if (strcmp(optarg, "jpeg") == 0) compression = COMPRESSION_JPEG;
			else usage_error("--compression is g4, g3, g3-2d, none, lzw, deflate or jpeg, not '%s'", optarg);
			break;
		case O_PRED: predictor = 1; break;
		case O_PHOTO:
			if (strcmp(optarg, "white") == 0) photometric_white = 1;
			else if (strcmp(optarg, "black") == 0) photometric_white = 0;
			else usage_error("--photometric is white or black, not '%s'", optarg);
			break;
		case O_TILES: tiles = 1; break;
		case O_RPS: rows_per_strip = (int)number(optarg, 1, 100000, "--rows-per-strip"); break;
		case O_BIG: big_endian = 1; break;
		case O_BIGTIFF: bigtiff = 1; break;
		case O_RESUNIT:
			if (strcmp(optarg, "inch") == 0) res_cm = 0;
			else if (strcmp(optarg, "cm") == 0) res_cm = 1;
			else usage_error("--resolution-unit is inch or cm, not '%s'", optarg);
			break;
		case O_PAGENUM: pagenumber = 1; break;
		case O_DUPLEX: duplex = 1; break;
		case O_NOMARK: marks = 0; break;
		case O_SEED: seed = (uint64_t)number(optarg, 0, 2000000000, "--seed"); break;
		case O_DELAY: delay = number(optarg, 0, 600000, "--page-delay"); break;
		case O_TRUNC: {
			size_t len = strlen(optarg);
			char num[24];
			trunc_pct = len > 1 && optarg[len - 1] == '%';
			if (len - (size_t)trunc_pct >= sizeof num)
				usage_error("--truncate is N or N%%, not '%s'", optarg);
			memcpy(num, optarg, len - (size_t)trunc_pct);
			num[len - (size_t)trunc_pct] = 0;
			trunc_keep = number(num, 0, trunc_pct ? 100 : 1L << 40, "--truncate");
			break;
		}
		case O_CORRUPT: corrupt = number(optarg, 1, 1000000, "--corrupt-strip"); break;
		case O_MAP: map = 1; break;
		case 'h':
		case O_HELP: fputs(usage_text, stdout); return 0;
		default: usage_error("unknown option");
		}
	}
	if (!out || !*out)
		usage_error("name the file to write with -o");
	if (optind >= argc)
		usage_error("no pages given");
	if (compression < 0)
		compression = depth == 1 ? COMPRESSION_CCITTFAX4 : COMPRESSION_LZW;
	if (depth == 1 && compression == COMPRESSION_JPEG)
		usage_error("--compression jpeg needs --depth 8 or 24");
	if (depth != 1 && (compression == COMPRESSION_CCITTFAX3 || compression == COMPRESSION_CCITTFAX4))
		usage_error("CCITT compression needs --depth 1");
	if (predictor && compression != COMPRESSION_LZW && compression != COMPRESSION_ADOBE_DEFLATE)
		usage_error("--predictor goes with lzw or deflate");
	if (depth == 1 && predictor)
		usage_error("--predictor needs --depth 8 or 24");
	if (compression == COMPRESSION_JPEG && rows_per_strip % 16 != 0)
		usage_error("with jpeg, --rows-per-strip is a multiple of 16");
	if (photometric_white < 0)
		photometric_white = depth == 1;
	if (depth == 24 && photometric_white)
		usage_error("--photometric is for depths 1 and 8");
	if (!TIFFIsCODECConfigured((uint16_t)compression))
		die("this libtiff cannot write that compression");

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	atexit(cleanup);
	for (int i = optind; i < argc; i++)
		add_spec(argv[i]);
	if (n_pages > 65535 && pagenumber)
		usage_error("--pagenumber holds at most 65535 pages");

	char mode[4] = { 'w', big_endian ? 'b' : 'l', bigtiff ? '8' : 0, 0 };
	out_path = out;
	TIFF *t = TIFFOpen(out, mode);
	if (!t)
		die("cannot write %s", out);
	struct timespec pause = { delay / 1000, (delay % 1000) * 1000000 };
	for (size_t i = 0; i < n_pages; i++) {
		write_page(t, i);
		if (delay) {
			TIFFFlush(t);
			nanosleep(&pause, NULL);
		}
	}
	TIFFClose(t);

	if (corrupt)
		corrupt_strip(corrupt);
	if (trunc_keep >= 0) {
		struct stat st;
		if (stat(out, &st) != 0)
			die("cannot stat %s: %s", out, strerror(errno));
		off_t keep = trunc_pct ? (off_t)((double)st.st_size * (double)trunc_keep / 100) : trunc_keep;
		if (keep < st.st_size && truncate(out, keep) != 0)
			die("cannot cut %s: %s", out, strerror(errno));
	}
	out_path = NULL;
	if (map)
		print_map();
	return 0;
}
