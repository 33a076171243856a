/* Barcodes out (libzint): Code 128 labels and rasters for documents. */
#ifndef POSTROOM_IO_BARCODE_H
#define POSTROOM_IO_BARCODE_H

#include "postroom/status.h"

/* A barcode drawn as pixels: 1 byte a pixel, 0 = black, 255 = white, rows
 * top-down. Free with pr_barcode_free. */
typedef struct pr_barcode {
	int width, height;      /* pixels */
	int modules;            /* width of the symbol in modules, quiet zones included */
	unsigned char *pixels;
} pr_barcode;

/* Draws TEXT as Code 128 with SCALE pixels a module and bars HEIGHT_MM
 * millimetres tall at DPI, with quiet zones and no human-readable text.
 * PR_EINVAL with zint's reason when TEXT cannot be encoded. */
pr_status pr_barcode_code128(const char *text, int scale, double height_mm, int dpi,
			     pr_barcode *out, pr_error *err);

void pr_barcode_free(pr_barcode *b);

/* The modules of TEXT as Code 128, quiet zones included: a new string
 * (free with free()) of '1' for a bar module and '0' for a space module,
 * for drawing the bars as vectors at any size. PR_EINVAL with zint's reason
 * when TEXT cannot be encoded. */
pr_status pr_barcode_code128_pattern(const char *text, char **pattern, pr_error *err);

/* Writes a label for REF to PATH: Code 128 with REF printed under it, sized
 * for an 89 x 36 mm address label. The format follows PATH's extension:
 * .png, .svg, .eps or .pdf. PR_EINVAL for another extension or a REF zint
 * refuses; PR_EIO naming PATH when it cannot be written (nothing is left
 * half written). */
pr_status pr_label_write(const char *ref, const char *path, pr_error *err);

#endif
