/* PDF documents for the io layer's layouts (sheets, labels, manifests),
 * through an interface without libharu's types: only pdf.c calls libharu.
 * Text is UTF-8 in and WinAnsi in the file (base-14 fonts); coordinates are
 * points from the bottom left. Drawing on a NULL page does nothing, so a
 * layout need not test each page; the first libharu error is kept and
 * reported by pr_pdf_save. Private to src/io. */
#ifndef POSTROOM_IO_PDF_H
#define POSTROOM_IO_PDF_H

#include <stddef.h>

#include "postroom/status.h"

#define PR_PT_PER_MM (72.0 / 25.4)
#define PR_A4_W 595.276
#define PR_A4_H 841.890

typedef struct pr_pdf pr_pdf;
typedef struct pr_pdf_page pr_pdf_page;

typedef enum pr_pdf_font {
	PR_FONT_REGULAR,   /* Helvetica */
	PR_FONT_BOLD,      /* Helvetica-Bold */
	PR_FONT_MONO,      /* Courier-Bold, for references */
	PR_FONT_COUNT
} pr_pdf_font;

/* Alignment of pr_pdf_text. */
enum { PR_LEFT, PR_CENTRE, PR_RIGHT };

/* A new document titled TITLE (may be NULL) in *OUT; free with
 * pr_pdf_free. PR_EIO when libharu cannot start one. */
pr_status pr_pdf_new(pr_pdf **out, const char *title, pr_error *err);

/* Frees P and its pages; NULL is fine. */
void pr_pdf_free(pr_pdf *p);

/* A new page W x H points, owned by P (NULL after a libharu error). */
pr_pdf_page *pr_pdf_page_add(pr_pdf *p, double w, double h);

/* The number of pages made, and page I of them (NULL out of range). */
size_t pr_pdf_page_count(const pr_pdf *p);
pr_pdf_page *pr_pdf_page_at(pr_pdf *p, size_t i);

/* Converts UTF-8 IN to WinAnsi (Windows-1252) into OUT (CAP bytes):
 * characters outside it and malformed bytes become '?', control characters
 * spaces. Always terminates OUT. */
void pr_winansi(const char *in, char *out, size_t cap);

/* The width in points of UTF-8 TEXT in FONT at SIZE. */
double pr_pdf_width(const pr_pdf *p, pr_pdf_font font, double size, const char *text);

/* Shows UTF-8 TEXT with its baseline at Y, aligned at X; when MAX_W > 0 and
 * the text is wider, it is cut and ends with "...". */
void pr_pdf_text(pr_pdf_page *page, pr_pdf_font font, double size, double x, double y,
		 int align, double max_w, const char *text);

/* Draws PATTERN ('1' a bar module, '0' a space) as filled rectangles from
 * (X, Y) (bottom left), MODULE points a module, H points tall. */
void pr_pdf_bars(pr_pdf_page *page, const char *pattern, double x, double y,
		 double module, double h);

/* A filled black rectangle from (X, Y), W x H points. */
void pr_pdf_fill_rect(pr_pdf_page *page, double x, double y, double w, double h);

/* A straight line WIDTH points wide in GREY (0 black .. 1 white). */
void pr_pdf_line(pr_pdf_page *page, double x1, double y1, double x2, double y2,
		 double width, double grey);

/* The outline of a rectangle from (X, Y), W x H, WIDTH points wide. */
void pr_pdf_box(pr_pdf_page *page, double x, double y, double w, double h, double width);

/* Saves the document to PATH through a temporary file. PR_EIO naming PATH
 * (and libharu's error number when it failed earlier). */
pr_status pr_pdf_save(pr_pdf *p, const char *path, pr_error *err);

#endif
