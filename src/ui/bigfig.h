/* Figures five rows tall, drawn in block characters (bigfig.c).
 * TEXT may hold digits, '.', '%', '-' and spaces; other characters are
 * skipped. SCALE (1 or 2) widens every pixel to that many columns. */
#ifndef POSTROOM_UI_BIGFIG_H
#define POSTROOM_UI_BIGFIG_H

#include "colour.h"

#define UI_BIGFIG_ROWS 5
/* The columns TEXT takes at SCALE. */
int ui_bigfig_width(const char *text, int scale);
/* Draws TEXT with its top left at Y, X in ROLE, clipped to W columns. */
void ui_bigfig_draw(int y, int x, int w, const char *text, int scale, enum ui_role role);

#endif
