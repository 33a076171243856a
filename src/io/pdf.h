/* Private helpers of the io layer: files written whole or not at all, and
 * libharu documents (base-14 fonts in WinAnsi, barcodes as vector bars)
 * whose errors are recorded instead of printed. */
#ifndef POSTROOM_IO_PDF_H
#define POSTROOM_IO_PDF_H

#include <stddef.h>

#include <hpdf.h>

#include "postroom/status.h"

#define PR_PT_PER_MM (72.0 / 25.4)
#define PR_A4_W 595.276
#define PR_A4_H 841.890

/* --- Files written whole: a temporary file beside PATH, renamed into place. */

/* Creates a new empty temporary file in PATH's folder whose name ends in
 * SUFFIX (".png": some writers pick the format from it) and writes its name
 * to TMP (CAP bytes). *FD (may be NULL: the file is closed) gets the open
 * descriptor. PR_EIO naming PATH and the reason when it cannot. */
pr_status pr_out_begin(const char *path, const char *suffix, char *tmp, size_t cap,
		       int *fd, pr_error *err);

/* Flushes TMP to disk and renames it to PATH; on failure removes TMP and
 * gives PR_EIO naming PATH. */
pr_status pr_out_commit(const char *tmp, const char *path, pr_error *err);

/* Removes TMP (after a failure); keeps errno. */
void pr_out_abandon(const char *tmp);

/* --- libharu documents. */

typedef struct pr_pdf {
	HPDF_Doc doc;
	HPDF_STATUS error, detail;   /* the first libharu error, 0 if none */
	HPDF_Font regular, bold, mono;
	HPDF_Page *page;             /* the pages made so far */
	size_t pages;
} pr_pdf;

/* A new document with Helvetica, Helvetica-Bold and Courier-Bold in
 * WinAnsiEncoding and an error handler that records instead of printing. */
pr_status pr_pdf_new(pr_pdf *p, const char *title, pr_error *err);

void pr_pdf_free(pr_pdf *p);

/* A new page W x H points (NULL after a libharu error). */
HPDF_Page pr_pdf_page(pr_pdf *p, double w, double h);

/* Converts UTF-8 IN to WinAnsi (Windows-1252) into OUT (CAP bytes):
 * characters outside it and malformed bytes become '?', control characters
 * spaces. Always terminates OUT. */
void pr_winansi(const char *in, char *out, size_t cap);

/* The width in points of WinAnsi TEXT in FONT at SIZE. */
double pr_pdf_width(HPDF_Font font, double size, const char *text);

/* Alignment of pr_pdf_text. */
enum { PR_LEFT, PR_CENTRE, PR_RIGHT };

/* Shows UTF-8 TEXT with its baseline at Y, aligned at X; when MAX_W > 0 and
 * the text is wider, it is cut and ends with "...". */
void pr_pdf_text(HPDF_Page page, HPDF_Font font, double size, double x, double y,
		 int align, double max_w, const char *text);

/* Draws PATTERN ('1' a bar module, '0' a space) as filled rectangles from
 * (X, Y) (bottom left), MODULE points a module, H points tall. */
void pr_pdf_bars(HPDF_Page page, const char *pattern, double x, double y,
		 double module, double h);

/* Saves the document to PATH through a temporary file. PR_EIO naming PATH
 * (and libharu's error number when it failed earlier). */
pr_status pr_pdf_save(pr_pdf *p, const char *path, pr_error *err);

#endif
