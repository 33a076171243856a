/* A page in terminal cells (preview.h): area means of ink, then a
 * character per cell. No outside library. */
#include "postroom/io/preview.h"

#include <stdint.h>
#include <string.h>

void pr_preview_cell_dots(pr_preview_style style, int *dx, int *dy)
{
	*dx = style == PR_PREVIEW_BRAILLE ? 2 : 1;
	*dy = style == PR_PREVIEW_BRAILLE ? 4 : 2;
}

void pr_preview_fit(const pr_grey_image *img, int max_cols, int max_rows,
		    double cell_aspect, int *cols, int *rows)
{
	int c = max_cols > 0 ? max_cols : 1, r = max_rows > 0 ? max_rows : 1;
	if (img && img->width > 0 && img->height > 0) {
		double w = img->width / (img->xdpi > 0 ? img->xdpi : 1.0);
		double h = img->height / (img->ydpi > 0 ? img->ydpi : 1.0);
		double aspect = cell_aspect > 0 ? cell_aspect : 2.0;
		/* The page's height in cells when it is C cells wide. */
		double need = h / w * c / aspect;
		if (need > r)
			c = (int)(r * w / h * aspect + 0.5);
		else
			r = (int)(need + 0.5);
	}
	*cols = c < 1 ? 1 : c > max_cols && max_cols > 0 ? max_cols : c;
	*rows = r < 1 ? 1 : r > max_rows && max_rows > 0 ? max_rows : r;
}

void pr_preview_reduce(const pr_grey_image *img, int dw, int dh, unsigned char *dots)
{
	if (dw < 1 || dh < 1)
		return;
	memset(dots, 0, (size_t)dw * (size_t)dh);
	if (!img || !img->pixels || img->width < 1 || img->height < 1)
		return;
	int w = img->width, h = img->height;
	for (int dy = 0; dy < dh; dy++) {
		/* Every pixel row and column belongs to exactly one dot; a page
		 * smaller than the grid gives each pixel to at least one. */
		int y0 = (int)((int64_t)dy * h / dh), y1 = (int)((int64_t)(dy + 1) * h / dh);
		if (y1 <= y0)
			y1 = y0 + 1;
		for (int dx = 0; dx < dw; dx++) {
			int x0 = (int)((int64_t)dx * w / dw), x1 = (int)((int64_t)(dx + 1) * w / dw);
			if (x1 <= x0)
				x1 = x0 + 1;
			uint64_t sum = 0;
			for (int y = y0; y < y1 && y < h; y++) {
				const unsigned char *row = img->pixels + (size_t)y * (size_t)w;
				for (int x = x0; x < x1 && x < w; x++)
					sum += 255u - row[x];
			}
			uint64_t cells = (uint64_t)(y1 - y0) * (uint64_t)(x1 - x0);
			dots[(size_t)dy * (size_t)dw + (size_t)dx] =
				(unsigned char)((sum + cells / 2) / cells);
		}
	}
}

static int dot(const unsigned char *dots, int dw, int dh, int x, int y)
{
	if (x < 0 || y < 0 || x >= dw || y >= dh)
		return 0;
	return dots[(size_t)y * (size_t)dw + (size_t)x];
}

unsigned pr_preview_char(pr_preview_style style, const unsigned char *dots, int dw,
			 int dh, int cx, int cy, int ink)
{
	int dx, dy;
	pr_preview_cell_dots(style, &dx, &dy);
	int x = cx * dx, y = cy * dy;
	if (style == PR_PREVIEW_BRAILLE) {
		/* Dots 1-3 down the left, 4-6 down the right, 7 and 8 below. */
		static const unsigned bit[4][2] = {
			{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };
		unsigned mask = 0;
		for (int j = 0; j < 4; j++)
			for (int i = 0; i < 2; i++)
				if (dot(dots, dw, dh, x + i, y + j) >= ink)
					mask |= bit[j][i];
		return 0x2800u + mask;
	}
	int top = dot(dots, dw, dh, x, y), bottom = dot(dots, dw, dh, x, y + 1);
	if (style == PR_PREVIEW_HALF) {
		if (top >= ink && bottom >= ink)
			return 0x2588u;
		if (top >= ink)
			return 0x2580u;
		if (bottom >= ink)
			return 0x2584u;
		return ' ';
	}
	static const char ramp[] = " .:+*#@";
	int mean = (top + bottom) / 2, peak = top > bottom ? top : bottom;
	if (peak < ink)
		return ' ';
	/* Any ink shows; the darker the cell, the heavier its character. */
	int step = 1 + mean * (int)(sizeof ramp - 2) / 128;
	if (step > (int)sizeof ramp - 2)
		step = (int)sizeof ramp - 2;
	return (unsigned char)ramp[step];
}

int pr_preview_inked(const unsigned char *dots, size_t n, int ink)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (dots[i] >= ink)
			k++;
	return n ? (int)(k * 1000 / n) : 0;
}
