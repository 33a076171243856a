/* Code 128 through libzint: rasters for documents, the module pattern for
 * vector drawing, and address labels in png, svg, eps and pdf.
 *
 * zint 2.11 sizes: raster scale 1 is 2 pixels a module (scale 0.5 the
 * smallest, 1 pixel); vector output is 2 units a module at scale 1 (SVG
 * pixels, EPS points). Quiet zones (10 modules each side for Code 128) come
 * from BARCODE_QUIET_ZONES. */
#include "postroom/io/barcode.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zint.h>

#include "postroom/io/outfile.h"
#include "postroom/xmem.h"
#include "pdf.h"

#define LABEL_W_MM 89.0
#define LABEL_H_MM 36.0
#define LABEL_DPI 300

/* zint's message without its "Error 204: " number. */
static const char *zint_words(const struct zint_symbol *s)
{
	const char *t = s->errtxt;
	if (strncmp(t, "Error ", 6) == 0 || strncmp(t, "Warning ", 8) == 0) {
		const char *c = strstr(t, ": ");
		if (c)
			return c + 2;
	}
	return *t ? t : "refused by zint";
}

/* A new symbol holding TEXT encoded as Code 128 (UTF-8 in, ISO 8859-1 in
 * the bars) with quiet zones; HRT on or off. */
static pr_status encode(const char *text, int hrt, struct zint_symbol **out, pr_error *err)
{
	*out = NULL;
	if (!text)
		text = "";
	struct zint_symbol *s = ZBarcode_Create();
	if (!s)
		return pr_fail(err, PR_EIO, "cannot make a barcode: out of memory");
	s->symbology = BARCODE_CODE128;
	s->input_mode = UNICODE_MODE;
	s->output_options = BARCODE_QUIET_ZONES;
	s->show_hrt = hrt;
	int r = ZBarcode_Encode(s, (const unsigned char *)text, (int)strlen(text));
	if (r >= ZINT_ERROR) {
		pr_status st = pr_fail(err, PR_EINVAL, "cannot make a Code 128 barcode of \"%.80s\": %s",
				       text, zint_words(s));
		ZBarcode_Delete(s);
		return st;
	}
	*out = s;
	return PR_OK;
}

/* Renders S to its RGB bitmap; PR_EIO with zint's words on failure. */
static pr_status buffer(struct zint_symbol *s, pr_error *err)
{
	if (ZBarcode_Buffer(s, 0) >= ZINT_ERROR)
		return pr_fail(err, PR_EIO, "cannot draw the barcode: %s", zint_words(s));
	return PR_OK;
}

/* Width of S in modules, quiet zones included (a 1 pixel a module raster). */
static pr_status symbol_modules(struct zint_symbol *s, int *modules, pr_error *err)
{
	s->scale = 0.5f;
	s->height = 10;
	int hrt = s->show_hrt;
	s->show_hrt = 0;
	pr_status st = buffer(s, err);
	s->show_hrt = hrt;
	if (st == PR_OK)
		*modules = s->bitmap_width;
	return st;
}

pr_status pr_barcode_code128(const char *text, int scale, double height_mm, int dpi,
			     pr_barcode *out, pr_error *err)
{
	memset(out, 0, sizeof *out);
	if (scale < 1 || scale > 40)
		return pr_fail(err, PR_EINVAL, "barcode scale %d is out of range (1 to 40 pixels a module)",
			       scale);
	if (dpi < 50 || dpi > 2400)
		return pr_fail(err, PR_EINVAL, "barcode resolution %d dpi is out of range (50 to 2400)",
			       dpi);
	if (!(height_mm > 0 && height_mm <= 500))
		return pr_fail(err, PR_EINVAL, "barcode height %g mm is out of range", height_mm);

	struct zint_symbol *s;
	pr_status st = encode(text, 0, &s, err);
	if (st != PR_OK)
		return st;
	long height_px = lround(height_mm * dpi / 25.4);
	if (height_px < 1)
		height_px = 1;
	s->scale = (float)scale / 2.0f;
	s->height = (float)height_px / (float)scale;
	st = buffer(s, err);
	if (st == PR_OK) {
		size_t n = (size_t)s->bitmap_width * (size_t)s->bitmap_height;
		out->width = s->bitmap_width;
		out->height = s->bitmap_height;
		out->modules = s->bitmap_width / scale;
		out->pixels = xmalloc(n ? n : 1);
		for (size_t i = 0; i < n; i++) {
			const unsigned char *p = s->bitmap + 3 * i;
			unsigned grey = (p[0] * 30u + p[1] * 59u + p[2] * 11u) / 100u;
			out->pixels[i] = grey < 128 ? 0 : 255;
		}
	}
	ZBarcode_Delete(s);
	return st;
}

void pr_barcode_free(pr_barcode *b)
{
	if (!b)
		return;
	free(b->pixels);
	b->pixels = NULL;
	b->width = b->height = b->modules = 0;
}

pr_status pr_barcode_code128_pattern(const char *text, char **pattern, pr_error *err)
{
	*pattern = NULL;
	struct zint_symbol *s;
	pr_status st = encode(text, 0, &s, err);
	if (st != PR_OK)
		return st;
	int modules;
	st = symbol_modules(s, &modules, err);
	if (st == PR_OK) {
		/* One pixel a module: read the middle row. */
		const unsigned char *row = s->bitmap + 3 * (size_t)s->bitmap_width *
						       (size_t)(s->bitmap_height / 2);
		char *p = xmalloc((size_t)modules + 1);
		for (int i = 0; i < modules; i++)
			p[i] = row[3 * i + 1] < 128 ? '1' : '0';
		p[modules] = '\0';
		*pattern = p;
	}
	ZBarcode_Delete(s);
	return st;
}

/* ------------------------------------------------------------- labels */

/* png: a 300 dpi raster about 89 x 36 mm, whole pixels a module. */
static pr_status label_png(struct zint_symbol *s, pr_error *err)
{
	int modules;
	pr_status st = symbol_modules(s, &modules, err);
	if (st != PR_OK)
		return st;
	int w = (int)lround(LABEL_W_MM / 25.4 * LABEL_DPI);
	int h = (int)lround(LABEL_H_MM / 25.4 * LABEL_DPI);
	int ppm = w / modules;
	if (ppm < 2)
		ppm = 2;
	s->whitespace_width = w > modules * ppm ? (w - modules * ppm) / (2 * ppm) : 0;
	s->scale = (float)ppm / 2.0f;
	s->height = 20;
	if ((st = buffer(s, err)) != PR_OK)
		return st;
	int text_px = s->bitmap_height - 20 * ppm;
	int bar_px = h - text_px;
	if (bar_px < 10 * ppm)
		bar_px = 10 * ppm;
	s->height = (float)bar_px / (float)ppm;
	return PR_OK;
}

/* svg and eps: the module in millimetres that makes the symbol 89 mm wide,
 * and the bar height in modules that makes the label 36 mm tall. */
static pr_status label_vector(struct zint_symbol *s, double *module_mm, pr_error *err)
{
	int modules;
	pr_status st = symbol_modules(s, &modules, err);
	if (st != PR_OK)
		return st;
	*module_mm = LABEL_W_MM / modules;
	s->scale = 1;
	s->height = 20;
	if (ZBarcode_Buffer_Vector(s, 0) >= ZINT_ERROR)
		return pr_fail(err, PR_EIO, "cannot draw the barcode: %s", zint_words(s));
	double text_x = s->vector->height / 2.0 - 20.0;
	double bar_x = LABEL_H_MM / *module_mm - text_x;
	if (bar_x < 10)
		bar_x = 10;
	s->height = (float)bar_x;
	return PR_OK;
}

/* zint writes SVG sizes in pixels; give the label its size in millimetres
 * (same drawing, a viewBox) so it prints and renders at 89 mm wide. */
static pr_status svg_in_mm(const char *tmp, double mm_per_unit, const char *path,
			   pr_error *err)
{
	FILE *f = fopen(tmp, "rb");
	if (!f)
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(errno));
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap + 1);
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	int rerr = ferror(f);
	fclose(f);
	buf[len] = '\0';
	if (rerr) {
		free(buf);
		return pr_fail(err, PR_EIO, "cannot write %s: read back failed", path);
	}
	char *svg = strstr(buf, "<svg width=\"");
	pr_status st = PR_OK;
	if (svg) {
		char *p = svg + strlen("<svg width=\""), *end;
		double w = strtod(p, &end);
		if (end != p && strncmp(end, "\" height=\"", 10) == 0) {
			p = end + 10;
			double h = strtod(p, &end);
			if (end != p && *end == '"') {
				char *rest = end + 1;
				char *head = xasprintf("<svg width=\"%.3fmm\" height=\"%.3fmm\" "
						       "viewBox=\"0 0 %g %g\"",
						       w * mm_per_unit, h * mm_per_unit, w, h);
				f = fopen(tmp, "wb");
				if (!f || fwrite(buf, 1, (size_t)(svg - buf), f) != (size_t)(svg - buf) ||
				    fputs(head, f) == EOF || fputs(rest, f) == EOF) {
					st = pr_fail(err, PR_EIO, "cannot write %s: %s", path,
						     strerror(errno));
				}
				if (f && fclose(f) != 0 && st == PR_OK)
					st = pr_fail(err, PR_EIO, "cannot write %s: %s", path,
						     strerror(errno));
				free(head);
			}
		}
	}
	free(buf);
	return st;
}

static pr_status label_zint(struct zint_symbol *s, const char *ext, const char *path,
			    pr_error *err)
{
	double module_mm = 0;
	pr_status st;
	if (strcmp(ext, "png") == 0) {
		st = label_png(s, err);
	} else {
		st = label_vector(s, &module_mm, err);
		if (st == PR_OK && strcmp(ext, "eps") == 0)
			s->scale = (float)(module_mm * PR_PT_PER_MM / 2.0); /* EPS units are points */
	}
	if (st != PR_OK)
		return st;

	char tmp[sizeof s->outfile], suffix[8];
	snprintf(suffix, sizeof suffix, ".%s", ext);
	if ((st = pr_out_begin(path, suffix, tmp, sizeof tmp, NULL, err)) != PR_OK)
		return st;
	memcpy(s->outfile, tmp, sizeof tmp);
	if (ZBarcode_Print(s, 0) >= ZINT_ERROR) {
		pr_out_abandon(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, zint_words(s));
	}
	if (strcmp(ext, "svg") == 0 && (st = svg_in_mm(tmp, module_mm / 2.0, path, err)) != PR_OK) {
		pr_out_abandon(tmp);
		return st;
	}
	return pr_out_commit(tmp, path, err);
}

/* pdf: an 89 x 36 mm page, vector bars in whole 1/300 inch steps, the
 * reference in Helvetica under them. */
static pr_status label_pdf(const char *ref, const char *path, pr_error *err)
{
	char *pattern;
	pr_status st = pr_barcode_code128_pattern(ref, &pattern, err);
	if (st != PR_OK)
		return st;
	const double w = LABEL_W_MM * PR_PT_PER_MM, h = LABEL_H_MM * PR_PT_PER_MM;
	const double step = 72.0 / 300.0; /* one pixel at 300 dpi */
	size_t modules = strlen(pattern);
	double module = floor((w - 4) / (double)modules / step) * step;
	if (module < step)
		module = (w - 4) / (double)modules;
	double x = floor((w - module * (double)modules) / 2 / step) * step;
	const double text_size = 12, bottom = 6;
	double bar_y = bottom + text_size + 4;

	pr_pdf *p;
	if ((st = pr_pdf_new(&p, ref, err)) != PR_OK) {
		free(pattern);
		return st;
	}
	pr_pdf_page *page = pr_pdf_page_add(p, w, h);
	pr_pdf_bars(page, pattern, x, bar_y, module, h - 6 - bar_y);
	pr_pdf_text(page, PR_FONT_REGULAR, text_size, w / 2, bottom + 2, PR_CENTRE, w - 8, ref);
	st = pr_pdf_save(p, path, err);
	pr_pdf_free(p);
	free(pattern);
	return st;
}

pr_status pr_label_write(const char *ref, const char *path, pr_error *err)
{
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no output file named for the label");
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	static const char *const exts[] = { "png", "svg", "eps", "pdf" };
	const char *ext = NULL;
	for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			ext = exts[i];
	if (!ext)
		return pr_fail(err, PR_EINVAL,
			       "cannot write a label to %s: unknown file type%s%s%s "
			       "(use .png, .svg, .eps or .pdf)",
			       path, dot ? " \"" : "", dot ? dot : "", dot ? "\"" : "");

	struct zint_symbol *s;
	pr_status st = encode(ref, 1, &s, err);
	if (st != PR_OK)
		return st;
	if (strcmp(ext, "pdf") == 0)
		st = label_pdf(ref, path, err);
	else
		st = label_zint(s, ext, path, err);
	ZBarcode_Delete(s);
	return st;
}
