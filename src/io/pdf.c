/* PDF documents through libharu, the one io file that calls it: pages of
 * text in the base-14 fonts (WinAnsi), barcodes as vector bars, lines and
 * boxes. libharu's errors are recorded instead of printed, and the
 * document is saved whole or not at all. */
#include "pdf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "postroom/io/outfile.h"
#include "postroom/xmem.h"

struct pr_pdf_page {
	HPDF_Page page;
	pr_pdf *doc;
};

struct pr_pdf {
	HPDF_Doc doc;
	HPDF_STATUS error, detail;   /* the first libharu error, 0 if none */
	HPDF_Font font[PR_FONT_COUNT];
	pr_pdf_page **page;          /* the pages made so far */
	size_t pages;
};

/* ---------------------------------------------------------------- text */

/* Windows-1252 0x80..0x9F; 0 = unassigned. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The next code point of S (advancing *S), or -1 for a malformed sequence
 * (one byte skipped). */
static long utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned c = p[0];
	int len;
	long cp, min;
	if (c < 0x80) {
		*s = p + 1;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, cp = c & 0x07, min = 0x10000;
	} else {
		*s = p + 1;
		return -1;
	}
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s = p + 1;
			return -1;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*s = p + len;
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	return cp;
}

void pr_winansi(const char *in, char *out, size_t cap)
{
	size_t o = 0;
	if (cap == 0)
		return;
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	while (*s && o + 1 < cap) {
		long cp = utf8_next(&s);
		int b = '?';
		if (cp >= 0 && cp < 0x20)
			b = ' ';
		else if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF))
			b = (int)cp;
		else if (cp > 0xFF)
			for (int i = 0; i < 32; i++)
				if (cp1252_high[i] == cp)
					b = 0x80 + i;
		out[o++] = (char)b;
	}
	out[o] = '\0';
}

/* ---------------------------------------------------------------- pdf */

static void HPDF_STDCALL on_error(HPDF_STATUS error, HPDF_STATUS detail, void *ud)
{
	pr_pdf *p = ud;
	if (p->error == 0) {
		p->error = error;
		p->detail = detail;
	}
}

pr_status pr_pdf_new(pr_pdf **out, const char *title, pr_error *err)
{
	static const char *const names[PR_FONT_COUNT] = {
		[PR_FONT_REGULAR] = "Helvetica", [PR_FONT_BOLD] = "Helvetica-Bold",
		[PR_FONT_MONO] = "Courier-Bold",
	};
	*out = NULL;
	pr_pdf *p = xcalloc(1, sizeof *p);
	p->doc = HPDF_New(on_error, p);
	if (!p->doc) {
		free(p);
		return pr_fail(err, PR_EIO, "cannot start a PDF document (out of memory)");
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	for (int i = 0; i < PR_FONT_COUNT; i++)
		p->font[i] = HPDF_GetFont(p->doc, names[i], "WinAnsiEncoding");
	if (title) {
		char t[256];
		pr_winansi(title, t, sizeof t);
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, t);
	}
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "postroom");
	if (p->error) {
		pr_status st = pr_fail(err, PR_EIO, "cannot start a PDF document: libharu error 0x%04X",
				       (unsigned)p->error);
		pr_pdf_free(p);
		return st;
	}
	*out = p;
	return PR_OK;
}

void pr_pdf_free(pr_pdf *p)
{
	if (!p)
		return;
	if (p->doc)
		HPDF_Free(p->doc);
	for (size_t i = 0; i < p->pages; i++)
		free(p->page[i]);
	free(p->page);
	free(p);
}

pr_pdf_page *pr_pdf_page_add(pr_pdf *p, double w, double h)
{
	if (p->error)
		return NULL;
	HPDF_Page page = HPDF_AddPage(p->doc);
	if (!page)
		return NULL;
	HPDF_Page_SetWidth(page, (HPDF_REAL)w);
	HPDF_Page_SetHeight(page, (HPDF_REAL)h);
	if ((p->pages & (p->pages - 1)) == 0)
		p->page = xrealloc(p->page, (p->pages ? p->pages * 2 : 1) * sizeof *p->page);
	pr_pdf_page *pg = xmalloc(sizeof *pg);
	pg->page = page;
	pg->doc = p;
	p->page[p->pages++] = pg;
	return pg;
}

size_t pr_pdf_page_count(const pr_pdf *p)
{
	return p->pages;
}

pr_pdf_page *pr_pdf_page_at(pr_pdf *p, size_t i)
{
	return i < p->pages ? p->page[i] : NULL;
}

static HPDF_Font font_of(const pr_pdf *p, pr_pdf_font font)
{
	return (unsigned)font < PR_FONT_COUNT ? p->font[font] : NULL;
}

/* The width in points of WinAnsi TEXT in FONT at SIZE. */
static double winansi_width(HPDF_Font font, double size, const char *text)
{
	if (!font || !text || !*text)
		return 0;
	HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)text,
						(HPDF_UINT)strlen(text));
	return tw.width * size / 1000.0;
}

double pr_pdf_width(const pr_pdf *p, pr_pdf_font font, double size, const char *text)
{
	size_t cap = (text ? strlen(text) : 0) + 1;
	char *t = xmalloc(cap);
	pr_winansi(text, t, cap);
	double w = winansi_width(font_of(p, font), size, t);
	free(t);
	return w;
}

void pr_pdf_text(pr_pdf_page *pg, pr_pdf_font font, double size, double x, double y,
		 int align, double max_w, const char *text)
{
	if (!pg)
		return;
	HPDF_Font f = font_of(pg->doc, font);
	if (!f)
		return;
	size_t cap = (text ? strlen(text) : 0) + 4;
	char *t = xmalloc(cap);
	pr_winansi(text, t, cap);
	double w = winansi_width(f, size, t);
	if (max_w > 0 && w > max_w) {
		size_t len = strlen(t);
		while (len > 0) {
			len--;
			memcpy(t + len, "...", 4);
			w = winansi_width(f, size, t);
			if (w <= max_w)
				break;
		}
	}
	if (align == PR_CENTRE)
		x -= w / 2;
	else if (align == PR_RIGHT)
		x -= w;
	HPDF_Page_BeginText(pg->page);
	HPDF_Page_SetFontAndSize(pg->page, f, (HPDF_REAL)size);
	HPDF_Page_TextOut(pg->page, (HPDF_REAL)x, (HPDF_REAL)y, t);
	HPDF_Page_EndText(pg->page);
	free(t);
}

void pr_pdf_bars(pr_pdf_page *pg, const char *pattern, double x, double y,
		 double module, double h)
{
	if (!pg || !pattern)
		return;
	int any = 0;
	for (size_t i = 0; pattern[i];) {
		if (pattern[i] != '1') {
			i++;
			continue;
		}
		size_t j = i;
		while (pattern[j] == '1')
			j++;
		HPDF_Page_Rectangle(pg->page, (HPDF_REAL)(x + (double)i * module), (HPDF_REAL)y,
				    (HPDF_REAL)((double)(j - i) * module), (HPDF_REAL)h);
		any = 1;
		i = j;
	}
	if (any)
		HPDF_Page_Fill(pg->page);
}

void pr_pdf_fill_rect(pr_pdf_page *pg, double x, double y, double w, double h)
{
	if (!pg)
		return;
	HPDF_Page_Rectangle(pg->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(pg->page);
}

void pr_pdf_line(pr_pdf_page *pg, double x1, double y1, double x2, double y2,
		 double width, double grey)
{
	if (!pg)
		return;
	HPDF_Page_SetGrayStroke(pg->page, (HPDF_REAL)grey);
	HPDF_Page_SetLineWidth(pg->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(pg->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(pg->page, (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(pg->page);
	HPDF_Page_SetGrayStroke(pg->page, 0);
}

void pr_pdf_box(pr_pdf_page *pg, double x, double y, double w, double h, double width)
{
	if (!pg)
		return;
	HPDF_Page_SetLineWidth(pg->page, (HPDF_REAL)width);
	HPDF_Page_Rectangle(pg->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(pg->page);
}

pr_status pr_pdf_save(pr_pdf *p, const char *path, pr_error *err)
{
	if (p->error)
		return pr_fail(err, PR_EIO, "cannot write %s: libharu error 0x%04X (detail %u)",
			       path, (unsigned)p->error, (unsigned)p->detail);
	char tmp[4096];
	int fd;
	pr_status st = pr_out_begin(path, ".pdf", tmp, sizeof tmp, &fd, err);
	if (st != PR_OK)
		return st;
	if (HPDF_SaveToStream(p->doc) != HPDF_OK) {
		close(fd);
		pr_out_abandon(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: libharu error 0x%04X (detail %u)",
			       path, (unsigned)p->error, (unsigned)p->detail);
	}
	HPDF_ResetStream(p->doc);
	unsigned char buf[65536];
	for (;;) {
		HPDF_UINT32 size = sizeof buf;
		HPDF_STATUS rs = HPDF_ReadFromStream(p->doc, buf, &size);
		if (rs != HPDF_OK && rs != HPDF_STREAM_EOF) {
			close(fd);
			pr_out_abandon(tmp);
			return pr_fail(err, PR_EIO, "cannot write %s: libharu error 0x%04X", path,
				       (unsigned)rs);
		}
		for (size_t off = 0; off < size;) {
			ssize_t w = write(fd, buf + off, size - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				int e = w < 0 ? errno : EIO;
				close(fd);
				pr_out_abandon(tmp);
				return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
			}
			off += (size_t)w;
		}
		if (rs == HPDF_STREAM_EOF || size == 0)
			break;
	}
	if (close(fd) != 0) {
		int e = errno;
		pr_out_abandon(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	return pr_out_commit(tmp, path, err);
}
