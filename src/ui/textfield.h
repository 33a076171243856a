/* A bounded single-line UTF-8 text field (textfield.c). */
#ifndef POSTROOM_UI_TEXTFIELD_H
#define POSTROOM_UI_TEXTFIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "actions.h"

struct ui;

#define UI_FIELD_MAX 200
struct ui_field {
	wchar_t buf[UI_FIELD_MAX + 1];
	size_t len, cur, max, scroll;
};

/* Empties F and bounds it to MAX characters (at most UI_FIELD_MAX). */
void ui_field_init(struct ui_field *f, size_t max);
void ui_field_clear(struct ui_field *f);
/* Applies an editing KEY (a character, Backspace, Delete, Left, Right,
 * Home, End, Ctrl-U); true when F used it. *FULL is set when a character
 * was refused because F is full. */
bool ui_field_key(struct ui_field *f, ui_key key, bool *full);
/* Draws F at Y, X, W columns wide; FOCUS places the cursor in it. */
void ui_field_draw(struct ui *ui, struct ui_field *f, int y, int x, int w, bool focus);
/* F's text as UTF-8 into OUT (CAP bytes); false when it does not convert. */
bool ui_field_utf8(const struct ui_field *f, char *out, size_t cap);
/* Replaces F's text with UTF-8 S (cut to the bound). */
void ui_field_set(struct ui_field *f, const char *s);

#endif
