/* The frame around every view (frame.c): the header line, the status line
 * and the function key bar generated from the action table. */
#ifndef POSTROOM_UI_FRAME_H
#define POSTROOM_UI_FRAME_H

struct ui;

void ui_draw_header(struct ui *ui);
void ui_draw_status(struct ui *ui);
void ui_draw_keybar(struct ui *ui);
/* Re-reads today's figures for the header when ui->generation moved on. */
void ui_figures_refresh(struct ui *ui);

#endif
