/* A question over the current view that holds the keys until answered
 * (ask.c). The callback gets what the question was ABOUT (an item
 * reference), the index of the answer chosen and, for a text question,
 * the text; it returns reaction flags. It is not called when the
 * question is cancelled. */
#ifndef POSTROOM_UI_ASK_H
#define POSTROOM_UI_ASK_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "textfield.h"

struct ui;

#define UI_ASK_CHOICES 9
enum ui_ask_kind { UI_ASK_CHOICE, UI_ASK_TEXT };
typedef int (*ui_ask_fn)(struct ui *ui, const char *about, int choice, const char *text);
struct ui_ask {
	bool open;
	enum ui_ask_kind kind;
	char title[96];
	char prompt[160];
	const char *const *choices;
	int nchoice, sel;
	struct ui_field field;
	ui_ask_fn fn;
	char about[64];
};

/* Asks TITLE/PROMPT with answers CHOICES (N, at most UI_ASK_CHOICES, in
 * static storage); FN gets the index chosen. */
void ui_ask_choice(struct ui *ui, const char *title, const char *prompt,
		   const char *const *choices, int n, ui_ask_fn fn, const char *about);
/* Asks TITLE/PROMPT for one line of text of at most MAX characters. */
void ui_ask_text(struct ui *ui, const char *title, const char *prompt, size_t max,
		 ui_ask_fn fn, const char *about);
void ui_ask_draw(struct ui *ui);
/* Handles KEY while a question is open; returns reaction flags. */
int ui_ask_key(struct ui *ui, ui_key key);

#endif
