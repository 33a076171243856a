/* A form field that holds one of a few labelled values (choice.c). */
#ifndef POSTROOM_UI_CHOICE_H
#define POSTROOM_UI_CHOICE_H

#include <stdbool.h>

#include "ui.h"

struct ui_choice {
	int value;                 /* index into LABELS */
	int count;
	const char *const *labels; /* COUNT labels, static storage */
};

/* Applies KEY to C (Space and Right: next; Left: previous; a letter: the
 * next label starting with it); true when C used it. */
bool ui_choice_key(struct ui_choice *c, ui_key key);

/* Draws C at Y, X in W columns, highlighted when it has the FOCUS. */
void ui_choice_draw(const struct ui_choice *c, int y, int x, int w, bool focus);

#endif
