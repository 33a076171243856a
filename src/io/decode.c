/* Barcodes in, through zbar 0.23. Every symbology is turned off and only
 * Code 128 turned on: with all of them on, the DataBar decoder prints
 * assertion lines to stderr and the scan is five times slower. Only rows
 * are scanned (ZBAR_CFG_X_DENSITY 0), every second one (at 150 dpi, one
 * row in 75 to the inch): the barcodes of postroom's sheets run across the
 * page, and bars a few millimetres tall cross many rows even at 3 degrees
 * of skew. On a busy 150 dpi A4 page this takes about 9 ms; scanning
 * columns as well (which zbar's QR finder needs) about twice that. */
#include "postroom/io/decode.h"

#include <stdlib.h>
#include <string.h>

#include <zbar.h>

#include "postroom/xmem.h"

#define ROW_STEP 4

struct pr_decoder {
	zbar_image_scanner_t *scanner;
};

pr_status pr_decoder_open(pr_decoder **out, pr_error *err)
{
	zbar_image_scanner_t *s = zbar_image_scanner_create();
	if (!s)
		return pr_fail(err, PR_EIO, "cannot set up the barcode reader");
	zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(s, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_X_DENSITY, 0);
	zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, ROW_STEP);
	zbar_image_scanner_enable_cache(s, 0);
	pr_decoder *d = xcalloc(1, sizeof *d);
	d->scanner = s;
	*out = d;
	return PR_OK;
}

void pr_decoder_close(pr_decoder *d)
{
	if (!d)
		return;
	zbar_image_scanner_destroy(d->scanner);
	free(d);
}

pr_status pr_decode_codes(pr_decoder *d, const pr_grey_image *img, char codes[][PR_CODE_MAX],
			  size_t max, size_t *n, pr_error *err)
{
	if (!d)
		return pr_fail(err, PR_EINVAL, "no barcode reader");
	if (!img || !img->pixels || img->width <= 0 || img->height <= 0)
		return pr_fail(err, PR_EINVAL, "no image to read barcodes from");
	zbar_image_t *zi = zbar_image_create();
	if (!zi)
		return pr_fail(err, PR_EIO, "cannot read barcodes: out of memory");
	zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(zi, (unsigned)img->width, (unsigned)img->height);
	/* zbar only reads the pixels; it frees nothing (no cleanup handler). */
	zbar_image_set_data(zi, img->pixels, (unsigned long)img->width * (unsigned long)img->height,
			    NULL);
	int r = zbar_scan_image(d->scanner, zi);
	if (r < 0) {
		zbar_image_destroy(zi);
		return pr_fail(err, PR_EIO, "cannot read barcodes: zbar failed");
	}
	size_t k = 0;
	for (const zbar_symbol_t *sym = zbar_image_first_symbol(zi); sym && k < max;
	     sym = zbar_symbol_next(sym)) {
		const char *data = zbar_symbol_get_data(sym);
		unsigned len = zbar_symbol_get_data_length(sym);
		if (!data || len == 0 || len >= PR_CODE_MAX || memchr(data, '\0', len))
			continue;
		bool seen = false;
		for (size_t j = 0; j < k && !seen; j++)
			seen = strlen(codes[j]) == len && memcmp(codes[j], data, len) == 0;
		if (seen)
			continue;
		memcpy(codes[k], data, len);
		codes[k][len] = '\0';
		k++;
	}
	zbar_image_destroy(zi);
	*n = k;
	return PR_OK;
}
