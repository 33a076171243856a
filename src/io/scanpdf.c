/* PDFs of scans written by hand (PDF 1.4, ISO 32000-1 sections 7.5, 8.9).
 *
 * Layout: header, then for each page as it is added its image XObject, its
 * content stream and its page object; at the end the page tree, the
 * catalog, the cross-reference table and the trailer. Objects are numbered
 * as they are written, except the page tree, which is object 1 so that
 * every page can name its parent before the tree is known. Every byte goes
 * through out(), which counts the offset and feeds the SHA-256, so the
 * digest is of exactly the bytes written without reading the file again. */
#include "postroom/io/scanpdf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "postroom/io/outfile.h"
#include "postroom/xmem.h"

#define PAGES_OBJ 1

struct pr_scanpdf {
	char path[1024];
	char tmp[1100];
	FILE *f;
	uint64_t pos;           /* bytes written */
	pr_sha256 sha;
	uint64_t *offsets;      /* of object n at [n], 0 until written */
	int objects, cap;       /* highest object number, capacity */
	int *page_objs;
	int pages, page_cap;
	bool failed;
	int write_errno;
};

/* Writes N bytes; remembers the first failure. */
static void out(pr_scanpdf *p, const void *data, size_t n)
{
	if (p->failed || n == 0)
		return;
	if (fwrite(data, 1, n, p->f) != n) {
		p->failed = true;
		p->write_errno = errno ? errno : EIO;
		return;
	}
	pr_sha256_update(&p->sha, data, n);
	p->pos += n;
}

static void outf(pr_scanpdf *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void outf(pr_scanpdf *p, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf) {
		p->failed = true;
		p->write_errno = EOVERFLOW;
		return;
	}
	out(p, buf, (size_t)n);
}

static int new_object(pr_scanpdf *p)
{
	return ++p->objects;
}

/* Starts object N at the current offset. */
static void begin_object(pr_scanpdf *p, int n)
{
	if (n >= p->cap) {
		int cap = p->cap ? p->cap : 64;
		while (cap <= n)
			cap *= 2;
		p->offsets = xrealloc(p->offsets, (size_t)cap * sizeof *p->offsets);
		memset(p->offsets + p->cap, 0, (size_t)(cap - p->cap) * sizeof *p->offsets);
		p->cap = cap;
	}
	p->offsets[n] = p->pos;
	outf(p, "%d 0 obj\n", n);
}

/* A number of points with at most 4 decimals and no trailing zeros. */
static void num(char *buf, size_t cap, double v)
{
	snprintf(buf, cap, "%.4f", v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *e = buf + strlen(buf) - 1;
		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*e = '\0';
	}
}

static void free_writer(pr_scanpdf *p)
{
	free(p->offsets);
	free(p->page_objs);
	free(p);
}

pr_status pr_scanpdf_open(const char *path, pr_scanpdf **out_pdf, pr_error *err)
{
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no PDF file named");
	pr_scanpdf *p = xcalloc(1, sizeof *p);
	if (snprintf(p->path, sizeof p->path, "%s", path) >= (int)sizeof p->path) {
		free_writer(p);
		return pr_fail(err, PR_EIO, "cannot write %s: the path is too long", path);
	}
	int fd;
	pr_status s = pr_out_begin(path, ".pdf", p->tmp, sizeof p->tmp, &fd, err);
	if (s != PR_OK) {
		free_writer(p);
		return s;
	}
	p->f = fdopen(fd, "wb");
	if (!p->f) {
		int e = errno;
		close(fd);
		pr_out_abandon(p->tmp);
		free_writer(p);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", path, strerror(e));
	}
	pr_sha256_init(&p->sha);
	p->objects = PAGES_OBJ;
	/* A binary comment so that transfer programs treat the file as binary. */
	outf(p, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
	*out_pdf = p;
	return PR_OK;
}

int pr_scanpdf_pages(const pr_scanpdf *pdf)
{
	return pdf ? pdf->pages : 0;
}

static pr_status write_failed(pr_scanpdf *p, pr_error *err)
{
	return pr_fail(err, PR_EIO, "cannot write %s: %s", p->path,
		       strerror(p->write_errno ? p->write_errno : EIO));
}

pr_status pr_scanpdf_add_page(pr_scanpdf *p, const pr_encoded_page *enc, pr_error *err)
{
	if (!p)
		return pr_fail(err, PR_EINVAL, "no PDF open");
	if (p->failed)
		return write_failed(p, err);
	if (!enc || !enc->bytes || enc->size == 0 || enc->width <= 0 || enc->height <= 0 ||
	    !(enc->xdpi > 0) || !(enc->ydpi > 0))
		return pr_fail(err, PR_EINVAL, "%s, page %d: the page has no image data", p->path,
			       p->pages + 1);
	if (enc->format != PR_ENC_G4 && enc->format != PR_ENC_FLATE_GREY &&
	    enc->format != PR_ENC_FLATE_RGB && enc->format != PR_ENC_JPEG_GREY &&
	    enc->format != PR_ENC_JPEG_RGB)
		return pr_fail(err, PR_EINVAL, "%s, page %d: unknown image format %d", p->path,
			       p->pages + 1, (int)enc->format);
	char w[32], h[32];
	num(w, sizeof w, enc->width / enc->xdpi * 72.0);
	num(h, sizeof h, enc->height / enc->ydpi * 72.0);

	int image = new_object(p);
	begin_object(p, image);
	outf(p, "<< /Type /XObject /Subtype /Image /Width %d /Height %d", enc->width, enc->height);
	if (enc->format == PR_ENC_G4) {
		outf(p, " /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode"
			" /DecodeParms << /K -1 /Columns %d /Rows %d%s >>",
		     enc->width, enc->height, enc->black_is_1 ? " /BlackIs1 true" : "");
	} else if (enc->format == PR_ENC_JPEG_RGB) {
		outf(p, " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode"
			" /DecodeParms << /ColorTransform %d >>", enc->ycbcr ? 1 : 0);
	} else if (enc->format == PR_ENC_JPEG_GREY) {
		outf(p, " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode");
	} else {
		outf(p, " /ColorSpace /%s /BitsPerComponent 8 /Filter /FlateDecode",
		     enc->format == PR_ENC_FLATE_RGB ? "DeviceRGB" : "DeviceGray");
	}
	outf(p, " /Length %zu >>\nstream\n", enc->size);
	out(p, enc->bytes, enc->size);
	outf(p, "\nendstream\nendobj\n");

	char content[160];
	int clen = snprintf(content, sizeof content, "q %s 0 0 %s 0 0 cm /Im0 Do Q\n", w, h);
	int contents = new_object(p);
	begin_object(p, contents);
	outf(p, "<< /Length %d >>\nstream\n%sendstream\nendobj\n", clen, content);

	int page = new_object(p);
	begin_object(p, page);
	outf(p, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources << /XObject <<"
		" /Im0 %d 0 R >> >> /Contents %d 0 R >>\nendobj\n",
	     PAGES_OBJ, w, h, image, contents);
	if (p->failed)
		return write_failed(p, err);
	if (p->pages == p->page_cap) {
		p->page_cap = p->page_cap ? p->page_cap * 2 : 16;
		p->page_objs = xrealloc(p->page_objs, (size_t)p->page_cap * sizeof *p->page_objs);
	}
	p->page_objs[p->pages++] = page;
	return PR_OK;
}

void pr_scanpdf_abandon(pr_scanpdf *p)
{
	if (!p)
		return;
	if (p->f)
		fclose(p->f);
	pr_out_abandon(p->tmp);
	free_writer(p);
}

/* Flushes the folder holding PATH, so the rename is on disk too. */
static void sync_folder(const char *path)
{
	char dir[1024];
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

pr_status pr_scanpdf_close(pr_scanpdf *p, char sha256[PR_SHA256_HEX_LEN], pr_error *err)
{
	if (!p)
		return pr_fail(err, PR_EINVAL, "no PDF open");
	if (p->failed) {
		pr_status s = write_failed(p, err);
		pr_scanpdf_abandon(p);
		return s;
	}
	if (p->pages == 0) {
		pr_status s = pr_fail(err, PR_EINVAL, "%s: a PDF needs at least one page", p->path);
		pr_scanpdf_abandon(p);
		return s;
	}
	begin_object(p, PAGES_OBJ);
	outf(p, "<< /Type /Pages /Count %d /Kids [", p->pages);
	for (int i = 0; i < p->pages; i++)
		outf(p, "%s%d 0 R", i % 10 ? " " : "\n", p->page_objs[i]);
	outf(p, "\n] >>\nendobj\n");
	int catalog = new_object(p);
	begin_object(p, catalog);
	outf(p, "<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", PAGES_OBJ);

	uint64_t xref = p->pos;
	outf(p, "xref\n0 %d\n0000000000 65535 f \n", p->objects + 1);
	for (int i = 1; i <= p->objects; i++)
		outf(p, "%010llu 00000 n \n", (unsigned long long)p->offsets[i]);
	outf(p, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%llu\n%%%%EOF\n", p->objects + 1,
	     catalog, (unsigned long long)xref);
	if (!p->failed && fflush(p->f) != 0) {
		p->failed = true;
		p->write_errno = errno;
	}
	if (p->failed) {
		pr_status s = write_failed(p, err);
		pr_scanpdf_abandon(p);
		return s;
	}
	int fd = fileno(p->f);
	if (fsync(fd) != 0) {
		int e = errno;
		pr_scanpdf_abandon(p);
		return pr_fail(err, PR_EIO, "cannot write %s: %s", p->path, strerror(e));
	}
	/* Renamed while its descriptor is open: the lock on it says to
	 * pr_out_sweep that it is being written until it has its name. Every
	 * byte is flushed and on disk already. */
	pr_status s = pr_out_commit(p->tmp, p->path, err);
	fclose(p->f);
	p->f = NULL;
	if (s != PR_OK) {
		free_writer(p);
		return s;
	}
	sync_folder(p->path);
	unsigned char d[PR_SHA256_LEN];
	pr_sha256_final(&p->sha, d);
	if (sha256)
		pr_sha256_hex(d, sha256);
	free_writer(p);
	return PR_OK;
}
