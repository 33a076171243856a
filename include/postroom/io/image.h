/* Pages of a scan in memory, as the io layer hands them on: a grey image
 * for reading barcodes and checking for ink, and the page's image data as
 * it goes into a PDF. No outside library's types. */
#ifndef POSTROOM_IO_IMAGE_H
#define POSTROOM_IO_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/* An 8-bit grey image: 1 byte a pixel, 0 = black, 255 = white, rows
 * top-down with no padding (row y starts at pixels + y * width). XDPI and
 * YDPI are its resolution (after any averaging down). Free the pixels with
 * pr_grey_image_free. */
typedef struct pr_grey_image {
	int width, height;
	double xdpi, ydpi;
	unsigned char *pixels;
} pr_grey_image;

/* Frees IMG's pixels and zeroes it; IMG may be NULL or already freed. */
void pr_grey_image_free(pr_grey_image *img);

/* How a page's image data is encoded for a PDF image XObject. */
typedef enum pr_encoded_format {
	PR_ENC_G4,          /* 1 bit a pixel, CCITT Group 4 (/CCITTFaxDecode, K -1) */
	PR_ENC_FLATE_GREY,  /* 8-bit grey, 0 = black, a zlib stream (/FlateDecode) */
	PR_ENC_FLATE_RGB,   /* 8-bit RGB, a zlib stream (/FlateDecode) */
	PR_ENC_JPEG_GREY,   /* a whole JPEG stream, one component (/DCTDecode) */
	PR_ENC_JPEG_RGB,    /* a whole JPEG stream, three components (/DCTDecode) */
} pr_encoded_format;

/* One page's image data ready for a PDF. For G4, BLACK_IS_1 is the PDF's
 * /BlackIs1: whether 1 bits of the decoded data are black. For JPEG RGB,
 * YCBCR says the stream holds YCbCr to be turned into RGB (/ColorTransform
 * 1) rather than RGB itself. Free the bytes with pr_encoded_free. */
typedef struct pr_encoded_page {
	pr_encoded_format format;
	int width, height;      /* pixels */
	double xdpi, ydpi;
	bool black_is_1;
	bool ycbcr;
	bool passthrough;       /* the scan file's own bytes, unchanged */
	unsigned char *bytes;
	size_t size;
} pr_encoded_page;

/* Frees ENC's bytes and zeroes it; ENC may be NULL or already freed. */
void pr_encoded_free(pr_encoded_page *enc);

/* Whether IMG holds no ink worth keeping (see blank.c for the rule): the
 * margins (scanner edges, punched holes) and speckle are ignored, a few
 * lines of text are ink. An empty image is blank. */
bool pr_page_is_blank(const pr_grey_image *img);

/* The counts pr_page_is_blank decides on, for tests and reports: the
 * cells of the page's inner area and how many of them are inked. */
typedef struct pr_blank_stats {
	long cells, inked;
	int cell_px;            /* a cell's side in pixels */
} pr_blank_stats;

void pr_page_ink(const pr_grey_image *img, pr_blank_stats *out);

#endif
