/* Exceptions at the desk, for the Intake and Batches lists, and an item
 * shown with its history (desk.c). */
#ifndef POSTROOM_UI_DESK_H
#define POSTROOM_UI_DESK_H

#include "postroom/clock.h"

struct ui;

/* Asks the reason, then marks item REF as an exception (pr_item_exception). */
void ui_desk_exception(struct ui *ui, const char *ref);
/* Asks the name of who takes exception REF, then records the hand-over
 * (pr_item_handover). */
void ui_desk_handover(struct ui *ui, const char *ref);
/* T as "YYYY-MM-DD HH:MM" (local). */
void ui_time_text(pr_time t, char out[PR_TIME_LEN]);
/* Opens a popup with item REF, its details and its history. */
void ui_item_popup(struct ui *ui, const char *ref);

#endif
