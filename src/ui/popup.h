/* A scrollable window of text lines over the current view (popup.c). */
#ifndef POSTROOM_UI_POPUP_H
#define POSTROOM_UI_POPUP_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "lines.h"

struct ui;

struct ui_popup {
	bool open;
	char *title;
	struct ui_lines lines;
	size_t top;
};

/* Opens the popup with TITLE and no lines (replacing any open one). */
void ui_popup_open(struct ui *ui, const char *title);
/* Adds a printf-formatted line to the popup. */
void ui_popup_add(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ui_popup_close(struct ui *ui);
void ui_popup_draw(struct ui *ui);
/* Handles KEY for the open popup; returns reaction flags, or -1 when the
 * key is not for the popup (it closes, and the key goes on). */
int ui_popup_key(struct ui *ui, enum ui_action act, ui_key key);

#endif
