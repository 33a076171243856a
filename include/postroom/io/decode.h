/* Barcodes read off a scanned page (zbar): Code 128, the code of every
 * sheet postroom prints and of many letters. */
#ifndef POSTROOM_IO_DECODE_H
#define POSTROOM_IO_DECODE_H

#include <stddef.h>

#include "postroom/io/image.h"
#include "postroom/status.h"

#define PR_CODE_MAX 128   /* bytes of one code's text, terminator included */

/* A barcode reader, set up once and reused for every page. */
typedef struct pr_decoder pr_decoder;

/* A new reader for Code 128 only, scanning every second row of the page
 * across (horizontal codes, upright or upside down, skewed a few degrees)
 * and no columns: a page turned 90 degrees or a QR code is not read. PR_EIO when zbar cannot make one. Close it with
 * pr_decoder_close. */
pr_status pr_decoder_open(pr_decoder **out, pr_error *err);

void pr_decoder_close(pr_decoder *d);

/* Reads the barcodes on IMG (8-bit grey, 0 = black; about 150 dpi reads
 * best) into CODES[0 .. *N), at most MAX, each once, in zbar's order; a
 * code longer than PR_CODE_MAX - 1 bytes is left out. *N is 0 when there
 * are none: that is not a failure. PR_EINVAL for an empty image. */
pr_status pr_decode_codes(pr_decoder *d, const pr_grey_image *img, char codes[][PR_CODE_MAX],
			  size_t max, size_t *n, pr_error *err);

#endif
