/* A question over the current view: one answer from a short list (a
 * reason, yes or no) or one line of text (a name). It holds the keys
 * until answered (Enter, a number, or a first letter) or cancelled (Esc),
 * then calls back with the answer and what the question was about. */
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "ask.h"
#include "draw.h"
#include "textfield.h"
#include "ui.h"

#define ASK_W 64

static void ask_start(struct ui *ui, enum ui_ask_kind kind, const char *title,
		      const char *prompt, ui_ask_fn fn, const char *about)
{
	struct ui_ask *a = &ui->ask;

	memset(a, 0, sizeof *a);
	a->open = true;
	a->kind = kind;
	a->fn = fn;
	snprintf(a->title, sizeof a->title, "%s", title);
	snprintf(a->prompt, sizeof a->prompt, "%s", prompt);
	snprintf(a->about, sizeof a->about, "%s", about);
}

/* Asks for one of CHOICES (N of them, static storage). */
void ui_ask_choice(struct ui *ui, const char *title, const char *prompt,
		   const char *const *choices, int n, ui_ask_fn fn, const char *about)
{
	ask_start(ui, UI_ASK_CHOICE, title, prompt, fn, about);
	ui->ask.choices = choices;
	ui->ask.nchoice = n < UI_ASK_CHOICES ? n : UI_ASK_CHOICES;
}

/* Asks for a line of text of at most MAX characters. */
void ui_ask_text(struct ui *ui, const char *title, const char *prompt, size_t max,
		 ui_ask_fn fn, const char *about)
{
	ask_start(ui, UI_ASK_TEXT, title, prompt, fn, about);
	ui_field_init(&ui->ask.field, max);
}

static void geometry(const struct ui_ask *a, struct ui_rect *r)
{
	r->w = COLS - 4 < ASK_W ? COLS - 4 : ASK_W;
	r->h = a->kind == UI_ASK_CHOICE ? a->nchoice + 5 : 6;
	r->y = 1 + (LINES - 3 - r->h) / 2;
	if (r->y < 1)
		r->y = 1;
	r->x = (COLS - r->w) / 2;
}

/* Draws the question over the view. */
void ui_ask_draw(struct ui *ui)
{
	struct ui_ask *a = &ui->ask;
	struct ui_rect r;
	char hints[128];

	if (!a->open)
		return;
	geometry(a, &r);
	for (int y = 0; y < r.h; y++)
		ui_fill(r.y + y, r.x, r.w, ROLE_POPUP);
	ui_box(&r, ROLE_POPUP);
	ui_putf(r.y, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, " %s ", a->title);
	ui_put(r.y + 1, r.x + 2, r.w - 4, ROLE_POPUP, a->prompt);
	if (a->kind == UI_ASK_TEXT) {
		ui_field_draw(ui, &a->field, r.y + 2, r.x + 2, r.w - 4, true);
		ui_hints(UIM_ASK_TEXT, r.w - 4, hints, sizeof hints);
		ui_put(r.y + 4, r.x + 2, r.w - 4, ROLE_POPUP, hints);
		return;
	}
	ui->cursor_on = false;
	for (int i = 0; i < a->nchoice; i++) {
		bool sel = i == a->sel;
		enum ui_role role = sel ? ROLE_MATCH_SEL : ROLE_POPUP;
		ui_fill(r.y + 2 + i, r.x + 1, r.w - 2, role);
		ui_putf(r.y + 2 + i, r.x + 2, r.w - 4, role, "%s %d %s", sel ? ">" : " ", i + 1,
			a->choices[i]);
	}
	ui_hints(UIM_ASK_CHOICE, r.w - 4, hints, sizeof hints);
	ui_putf(r.y + r.h - 2, r.x + 2, r.w - 4, ROLE_POPUP, "%s; or 1-9, a first letter", hints);
}

static int answer(struct ui *ui)
{
	struct ui_ask a = ui->ask;
	char text[UI_FIELD_MAX * 4 + 1] = "";

	ui->ask.open = false;
	if (a.kind == UI_ASK_TEXT && !ui_field_utf8(&a.field, text, sizeof text)) {
		ui_message(ui, true, "The text cannot be written in this terminal's character set");
		return UI_REDRAW;
	}
	return a.fn(ui, a.about, a.sel, text) | UI_REDRAW;
}

/* The choice after the selected one that starts with KEY; -1 for none.
 * *UNIQUE is set when no other choice starts with it. */
static int by_letter(const struct ui_ask *a, ui_key key, bool *unique)
{
	int found = -1, count = 0;

	for (int i = 1; i <= a->nchoice; i++) {
		int c = (a->sel + i) % a->nchoice;
		if (towlower((wint_t)(unsigned char)a->choices[c][0]) == towlower((wint_t)key)) {
			if (found < 0)
				found = c;
			count++;
		}
	}
	*unique = count == 1;
	return found;
}

/* Handles KEY while a question is open; returns reaction flags. */
int ui_ask_key(struct ui *ui, ui_key key)
{
	struct ui_ask *a = &ui->ask;
	bool text = a->kind == UI_ASK_TEXT;
	enum ui_action act = ui_action_find(SCR_ANY, key, !text);

	if (act == ACT_BACK) {
		a->open = false;
		ui_message(ui, false, "Cancelled: nothing changed");
		return UI_REDRAW;
	}
	if (act == ACT_CHOOSE)
		return answer(ui);
	if (act == ACT_QUIT && !ui_key_printable(key))
		return UI_QUIT;
	if (text) {
		bool full = false;
		if (ui_field_key(&a->field, key, &full) && full)
			ui_message(ui, true, "At most %zu characters", a->field.max);
		return UI_REDRAW;
	}
	if (act == ACT_UP || act == ACT_DOWN) {
		a->sel = (a->sel + (act == ACT_UP ? a->nchoice - 1 : 1)) % a->nchoice;
		return UI_REDRAW;
	}
	if (key >= '1' && key < '1' + a->nchoice) {
		a->sel = key - '1';
		return answer(ui);
	}
	if (ui_key_printable(key) && key < 128) {
		bool unique;
		int c = by_letter(a, key, &unique);
		if (c >= 0) {
			a->sel = c;
			return unique ? answer(ui) : UI_REDRAW;
		}
	}
	ui_message(ui, true, "Choose with Up/Down and Enter, a number 1-%d or a first letter; "
		   "Esc cancels", a->nchoice);
	return UI_REDRAW;
}
