/* Files written whole, and libharu documents that keep quiet. */
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postroom/xmem.h"

/* ---------------------------------------------------------------- files */

pr_status pr_out_begin(const char *path, const char *suffix, char *tmp, size_t cap,
		       int *fd, pr_error *err)
{
	if (fd)
		*fd = -1;
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no output file named");
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dirlen = slash ? (int)(slash - path) + 1 : 0;
	if (!*base)
		return pr_fail(err, PR_EIO, "cannot write %s: it names a folder", path);
	int n = snprintf(tmp, cap, "%.*s.%.40s.XXXXXX%s", dirlen, path, base,
			 suffix ? suffix : "");
	if (n < 0 || (size_t)n >= cap)
		return pr_fail(err, PR_EIO, "cannot write %s: the path is too long", path);
	int f = mkstemps(tmp, suffix ? (int)strlen(suffix) : 0);
	if (f < 0) {
		int e = errno;
		tmp[0] = '\0';
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	/* mkstemps makes the file 0600; an output file is for others too. */
	(void)fchmod(f, 0644);
	if (fd)
		*fd = f;
	else
		close(f);
	return PR_OK;
}

void pr_out_abandon(const char *tmp)
{
	int e = errno;
	if (tmp && *tmp)
		unlink(tmp);
	errno = e;
}

pr_status pr_out_commit(const char *tmp, const char *path, pr_error *err)
{
	int f = open(tmp, O_RDONLY | O_CLOEXEC);
	if (f < 0 || fsync(f) != 0) {
		int e = errno;
		if (f >= 0)
			close(f);
		pr_out_abandon(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	close(f);
	if (rename(tmp, path) != 0) {
		int e = errno;
		pr_out_abandon(tmp);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	return PR_OK;
}

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

pr_status pr_pdf_new(pr_pdf *p, const char *title, pr_error *err)
{
	memset(p, 0, sizeof *p);
	p->doc = HPDF_New(on_error, p);
	if (!p->doc)
		return pr_fail(err, PR_EIO, "cannot start a PDF document (out of memory)");
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	p->regular = HPDF_GetFont(p->doc, "Helvetica", "WinAnsiEncoding");
	p->bold = HPDF_GetFont(p->doc, "Helvetica-Bold", "WinAnsiEncoding");
	p->mono = HPDF_GetFont(p->doc, "Courier-Bold", "WinAnsiEncoding");
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
	return PR_OK;
}

void pr_pdf_free(pr_pdf *p)
{
	if (p && p->doc) {
		HPDF_Free(p->doc);
		p->doc = NULL;
	}
	if (p) {
		free(p->page);
		p->page = NULL;
		p->pages = 0;
	}
}

HPDF_Page pr_pdf_page(pr_pdf *p, double w, double h)
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
	p->page[p->pages++] = page;
	return page;
}

double pr_pdf_width(HPDF_Font font, double size, const char *text)
{
	if (!font || !text || !*text)
		return 0;
	HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)text,
						(HPDF_UINT)strlen(text));
	return tw.width * size / 1000.0;
}

void pr_pdf_text(HPDF_Page page, HPDF_Font font, double size, double x, double y,
		 int align, double max_w, const char *text)
{
	if (!page || !font)
		return;
	size_t cap = (text ? strlen(text) : 0) + 4;
	char *t = xmalloc(cap);
	pr_winansi(text, t, cap);
	double w = pr_pdf_width(font, size, t);
	if (max_w > 0 && w > max_w) {
		size_t len = strlen(t);
		while (len > 0) {
			len--;
			memcpy(t + len, "...", 4);
			w = pr_pdf_width(font, size, t);
			if (w <= max_w)
				break;
		}
	}
	if (align == PR_CENTRE)
		x -= w / 2;
	else if (align == PR_RIGHT)
		x -= w;
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, t);
	HPDF_Page_EndText(page);
	free(t);
}

void pr_pdf_bars(HPDF_Page page, const char *pattern, double x, double y,
		 double module, double h)
{
	if (!page || !pattern)
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
		HPDF_Page_Rectangle(page, (HPDF_REAL)(x + (double)i * module), (HPDF_REAL)y,
				    (HPDF_REAL)((double)(j - i) * module), (HPDF_REAL)h);
		any = 1;
		i = j;
	}
	if (any)
		HPDF_Page_Fill(page);
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
