/* A page in a few terminal cells (preview.c, no outside library): a grey
 * page reduced to a grid of dots, each the share of ink of the pixels it
 * covers, and the dots turned into the characters that draw them:
 * braille (2 x 4 dots a cell, U+2800..U+28FF), half blocks (1 x 2:
 * U+2580, U+2584, U+2588) or ASCII (1 x 2, a ramp of characters) for
 * terminals without UTF-8. Enough to tell a letter from a blank page or a
 * separator sheet at a glance, not to read it. */
#ifndef POSTROOM_IO_PREVIEW_H
#define POSTROOM_IO_PREVIEW_H

#include <stddef.h>

#include "postroom/io/image.h"

typedef enum pr_preview_style {
	PR_PREVIEW_BRAILLE,  /* 2 x 4 dots a cell */
	PR_PREVIEW_HALF,     /* 1 x 2 dots a cell: upper and lower half blocks */
	PR_PREVIEW_ASCII,    /* 1 x 2 dots a cell, as ' ', '.', ':', '+', '#' ... */
	PR_PREVIEW_STYLE_COUNT
} pr_preview_style;

/* A dot counts as ink from this share on (of 255): a line of 12 pt type
 * reduced into one dot still shows; scanner speckle does not. */
#define PR_PREVIEW_INK 20

/* The dots a cell of STYLE holds across (*DX) and down (*DY). */
void pr_preview_cell_dots(pr_preview_style style, int *dx, int *dy);

/* The cells (*COLS x *ROWS, each at least 1) that show IMG whole, with its
 * proportions at its resolution, in at most MAX_COLS x MAX_ROWS cells of a
 * terminal whose cells are CELL_ASPECT times as tall as wide (about 2). */
void pr_preview_fit(const pr_grey_image *img, int max_cols, int max_rows,
		    double cell_aspect, int *cols, int *rows);

/* Reduces IMG to DW x DH dots into DOTS (DW * DH bytes, rows top-down):
 * each the mean ink (255 - grey) of the pixels it covers, 0 none, 255 all
 * black. An empty image, or DW or DH below 1, gives no ink. */
void pr_preview_reduce(const pr_grey_image *img, int dw, int dh, unsigned char *dots);

/* The character of cell CX, CY of DOTS (DW dots across, the cell's dots at
 * CX * dx, CY * dy for STYLE) as a Unicode code point: a braille pattern
 * (U+2800 with a bit for each dot with at least INK), a half block (' ',
 * U+2580, U+2584, U+2588), or an ASCII character ramped by the cell's
 * mean ink (' ' none, '#' and '@' the darkest). */
unsigned pr_preview_char(pr_preview_style style, const unsigned char *dots, int dw,
			 int dh, int cx, int cy, int ink);

/* The share of DOTS' N dots with at least INK, in parts per thousand. */
int pr_preview_inked(const unsigned char *dots, size_t n, int ink);

#endif
