/* Where a table's columns go across its width: the fixed ones as wide as
 * they say, the flexible ones sharing what is left. Curses-free, so the
 * unit tests compile it in. */
#include "table.h"

/* Where the columns go across a table W wide from X. */
void ui_table_layout(const struct ui_column *cols, int ncol, int x, int w, int *cx, int *cw)
{
	int room = w - 2, fixed = 0, nflex = 0, shown = 0;

	for (int c = 0; c < ncol; c++) {
		const struct ui_column *col = &cols[c];
		cw[c] = col->min_w > 0 && w < col->min_w ? -1 : col->width;
		if (cw[c] < 0)
			continue;
		shown++;
		if (cw[c] == 0)
			nflex++;
		else
			fixed += cw[c];
	}
	int flex = room - fixed - (shown > 1 ? shown - 1 : 0), given = 0, k = 0;
	if (flex < 0)
		flex = 0;
	int at = x + 1;
	for (int c = 0; c < ncol; c++) {
		if (cw[c] < 0) {
			cw[c] = 0;
			cx[c] = at;
			continue;
		}
		if (cw[c] == 0) { /* the last flexible column takes what division leaves */
			k++;
			cw[c] = k == nflex ? flex - given : flex / nflex;
			given += cw[c];
		}
		if (at + cw[c] > x + w - 1)
			cw[c] = x + w - 1 - at > 0 ? x + w - 1 - at : 0;
		cx[c] = at;
		at += cw[c] + 1;
	}
}
