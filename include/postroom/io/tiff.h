/* Scan files in (libtiff): a multi-page TIFF opened by path, its pages
 * described, decoded one at a time to grey for barcodes and the blank check,
 * and handed over as the image data of a PDF page without loss.
 *
 * Call order: pr_tiff_open, then any of pr_tiff_page_info, pr_tiff_page_grey
 * and pr_tiff_page_encoded for pages 0 .. pr_tiff_pages() - 1 in any order,
 * then pr_tiff_close. libtiff never writes to stderr: its messages become
 * the text of the pr_error. One pr_tiff is not for several threads. */
#ifndef POSTROOM_IO_TIFF_H
#define POSTROOM_IO_TIFF_H

#include <stdbool.h>

#include "postroom/io/image.h"
#include "postroom/status.h"

/* Limits past which a page is refused rather than decoded. */
#define PR_TIFF_MAX_PX 20000                    /* width or height in pixels */
#define PR_TIFF_MAX_MM 1500.0                   /* width or height at its dpi */
#define PR_TIFF_MAX_DECODED (256u * 1024 * 1024) /* bytes of a page decoded */
#define PR_TIFF_DEFAULT_DPI 200.0               /* when the file says none */

typedef struct pr_tiff pr_tiff;

typedef enum pr_tiff_kind {
	PR_TIFF_BILEVEL,    /* 1 bit a pixel */
	PR_TIFF_GREY,       /* 8-bit grey */
	PR_TIFF_RGB,        /* 24-bit colour (RGB, YCbCr JPEG, or a palette) */
} pr_tiff_kind;

/* What one page is. */
typedef struct pr_tiff_page {
	int width, height;      /* pixels */
	double xdpi, ydpi;      /* PR_TIFF_DEFAULT_DPI when the file gives none */
	bool dpi_given;         /* the file gave a resolution */
	pr_tiff_kind kind;
	char compression[24];   /* "CCITT G4", "LZW", "JPEG", "Deflate", "none", ... */
	bool tiled;
	bool palette;           /* colour from a palette */
} pr_tiff_page;

/* Opens the scan file PATH and checks every page: PR_OK with *OUT (close it
 * with pr_tiff_close). Refuses, with a message naming PATH and the page
 * (pages numbered from 1 in messages):
 *   PR_EIO     it cannot be read (missing, a folder, unreadable);
 *   PR_EINVAL  not a TIFF, no pages, a damaged directory, fewer pages than
 *              its PAGENUMBER total says (truncated), image data past the
 *              end of the file, a page of absurd size (over PR_TIFF_MAX_PX
 *              pixels or PR_TIFF_MAX_MM at its dpi, or more than
 *              PR_TIFF_MAX_DECODED bytes decoded), or a depth, photometric
 *              or compression this code does not read. */
pr_status pr_tiff_open(const char *path, pr_tiff **out, pr_error *err);

/* Closes T; T may be NULL. */
void pr_tiff_close(pr_tiff *t);

/* The number of pages (at least 1). */
int pr_tiff_pages(const pr_tiff *t);

/* Page INDEX (from 0) into *OUT. PR_EINVAL when INDEX is out of range. */
pr_status pr_tiff_page_info(const pr_tiff *t, int index, pr_tiff_page *out, pr_error *err);

/* Decodes page INDEX into an 8-bit grey image (0 = black), averaged down by
 * the largest whole factor on each axis that keeps at least MAX_DPI (a 300
 * dpi page at 150 is halved, 200 dpi stays; MAX_DPI 0 keeps full size).
 * Only this page and a row of strips or tiles are in memory. PR_EINVAL
 * naming the file, page and row when the data is damaged (nothing is
 * returned then). Free *OUT with pr_grey_image_free. */
pr_status pr_tiff_page_grey(pr_tiff *t, int index, int max_dpi, pr_grey_image *out,
			    pr_error *err);

/* Page INDEX as image data for a PDF, without loss:
 *   bilevel in one strip of CCITT G4: the file's own bytes, unchanged but
 *     for bit order (FillOrder 2 is reversed), with BLACK_IS_1 from the
 *     photometric; PASSTHROUGH is set. These bytes are copied, not decoded:
 *     decode the page with pr_tiff_page_grey as well (ingest does, for its
 *     barcodes) to know they are sound;
 *   other bilevel (G3, none, several strips, tiles): decoded and encoded
 *     again as G4 (BLACK_IS_1 false);
 *   JPEG in one strip (8-bit grey, YCbCr or RGB): the strip as a whole
 *     JPEG stream (the JPEGTables put back in), PR_ENC_JPEG_GREY or
 *     PR_ENC_JPEG_RGB; PASSTHROUGH is set;
 *   other grey: PR_ENC_FLATE_GREY; other colour (JPEG in several strips
 *     or tiles, a palette): decoded and written as PR_ENC_FLATE_RGB (zlib
 *     streams): lossless from the decoded pixels.
 * PR_EINVAL naming the file and page when the data is damaged. Free *OUT
 * with pr_encoded_free. */
pr_status pr_tiff_page_encoded(pr_tiff *t, int index, pr_encoded_page *out, pr_error *err);

#endif
