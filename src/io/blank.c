/* Blank pages and the image types' release functions. No outside library.
 *
 * The rule (on the grey page, at any resolution; usually about 150 dpi):
 *  - a margin of BLANK_MARGIN_MM on every side is ignored: scanner edges,
 *    the shadow of the sheet's border and punched holes live there;
 *  - the rest is cut into square cells of BLANK_CELL_MM (2.5 mm: about the
 *    height of a lower-case letter at 10 pt);
 *  - a pixel is dark below BLANK_DARK (128 of 255). Averaging a page down
 *    turns a dot of one or two scanner pixels into a light grey that stays
 *    above it, so fine speckle is gone before counting;
 *  - a cell is inked when at least 1/BLANK_CELL_SHARE of its pixels are dark
 *    AND it holds a stroke: an unbroken dark run of BLANK_STROKE_MM (1 mm)
 *    along a row or a column. Letters are made of such strokes; specks and
 *    dust, even coarse ones of half a millimetre, are not;
 *  - a page is blank when fewer than BLANK_MIN_CELLS cells are inked. A line
 *    of 10 pt text 40 mm long inks about 25 cells; a separator's back with
 *    heavy speckle (thousands of specks up to 0.3 mm) inks none. */
#include "postroom/io/image.h"

#include <stdlib.h>
#include <string.h>

#define BLANK_MARGIN_MM 10.0
#define BLANK_CELL_MM 2.5
#define BLANK_DARK 128
#define BLANK_CELL_SHARE 24
#define BLANK_STROKE_MM 1.0
#define BLANK_MIN_CELLS 8

void pr_grey_image_free(pr_grey_image *img)
{
	if (!img)
		return;
	free(img->pixels);
	memset(img, 0, sizeof *img);
}

void pr_encoded_free(pr_encoded_page *enc)
{
	if (!enc)
		return;
	free(enc->bytes);
	memset(enc, 0, sizeof *enc);
}

static int mm_px(double mm, double dpi)
{
	if (dpi <= 0)
		dpi = 200;
	return (int)(mm * dpi / 25.4 + 0.5);
}

/* Whether any of the N pixels at P is dark; written to vectorise. */
static bool any_dark(const unsigned char *p, int n)
{
	unsigned char light = 0xff;
	for (int i = 0; i < n; i++)
		light &= (unsigned char)(p[i] | 0x7f); /* bit 7 clear: below 128 */
	return !(light & 0x80);
}

/* Counts into *OUT, stopping once STOP cells are inked (0: never). */
static void ink(const pr_grey_image *img, long stop, pr_blank_stats *out)
{
	memset(out, 0, sizeof *out);
	if (!img || !img->pixels || img->width <= 0 || img->height <= 0)
		return;
	int cx = mm_px(BLANK_CELL_MM, img->xdpi), cy = mm_px(BLANK_CELL_MM, img->ydpi);
	if (cx < 3)
		cx = 3;
	if (cy < 3)
		cy = 3;
	out->cell_px = cx;
	int mx = mm_px(BLANK_MARGIN_MM, img->xdpi), my = mm_px(BLANK_MARGIN_MM, img->ydpi);
	/* A small image (not a page) keeps at least its middle half. */
	if (2 * mx > img->width / 2)
		mx = img->width / 4;
	if (2 * my > img->height / 2)
		my = img->height / 4;
	int x0 = mx, x1 = img->width - mx, y0 = my, y1 = img->height - my;
	int need = cx * cy / BLANK_CELL_SHARE;
	if (need < 2)
		need = 2;
	int run_x = mm_px(BLANK_STROKE_MM, img->xdpi), run_y = mm_px(BLANK_STROKE_MM, img->ydpi);
	if (run_x < 3)
		run_x = 3;
	if (run_y < 3)
		run_y = 3;
	int *down = malloc((size_t)cx * sizeof *down); /* dark run down each column */
	if (!down)
		return;
	long across_cells = (x1 - x0) / cx;
	for (int top = y0; top + cy <= y1; top += cy) {
		/* A band of white rows: its cells are counted, none inked. */
		bool dark_rows = false;
		for (int y = top; y < top + cy && !dark_rows; y++)
			dark_rows = any_dark(img->pixels + (size_t)y * (size_t)img->width + x0, x1 - x0);
		if (!dark_rows) {
			out->cells += across_cells;
			continue;
		}
		for (int left = x0; left + cx <= x1; left += cx) {
			out->cells++;
			int dark = 0;
			bool stroke = false;
			memset(down, 0, (size_t)cx * sizeof *down);
			for (int y = top; y < top + cy; y++) {
				const unsigned char *row = img->pixels + (size_t)y * (size_t)img->width;
				int across = 0;
				for (int x = left; x < left + cx; x++) {
					int *d = &down[x - left];
					if (row[x] >= BLANK_DARK) {
						across = 0;
						*d = 0;
						continue;
					}
					dark++;
					if (++across >= run_x || ++*d >= run_y)
						stroke = true;
				}
			}
			if (dark >= need && stroke && ++out->inked == stop) {
				free(down);
				return;
			}
		}
	}
	free(down);
}

void pr_page_ink(const pr_grey_image *img, pr_blank_stats *out)
{
	ink(img, 0, out);
}

bool pr_page_is_blank(const pr_grey_image *img)
{
	pr_blank_stats s;
	ink(img, BLANK_MIN_CELLS, &s);
	return s.inked < BLANK_MIN_CELLS;
}
