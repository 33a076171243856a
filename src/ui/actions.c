/* The action table (actions.h) as data, and key lookups and names. */
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "actions.h"

#define UI_ACTION_ROW(id, scope_, opens_, k1, k2, k3, label_, help_) \
	{ .name = #id, .scope = scope_, .opens = opens_, .keys = { k1, k2, k3 }, \
	  .label = label_, .help = help_ },
static const struct ui_action_info actions[ACT_COUNT] = {
	UI_ACTION_LIST(UI_ACTION_ROW)
};
#undef UI_ACTION_ROW

/* The row of action ACT. */
const struct ui_action_info *ui_action_info(enum ui_action act)
{
	return &actions[act];
}

/* True when KEY is a printable character. */
bool ui_key_printable(ui_key key)
{
	return key >= ' ' && key < UI_FN(0) && key != 127 && iswprint((wint_t)key);
}

static enum ui_action find_in(enum ui_screen scope, ui_key key, bool letters)
{
	if (!letters && ui_key_printable(key))
		return ACT_NONE;
	for (int a = 0; a < ACT_COUNT; a++) {
		if (actions[a].scope != scope)
			continue;
		for (int k = 0; k < UI_ACTION_KEYS; k++)
			if (actions[a].keys[k] != 0 && actions[a].keys[k] == key)
				return (enum ui_action)a;
	}
	return ACT_NONE;
}

/* The action of KEY on SCREEN: the screen's own first, then global. */
enum ui_action ui_action_find(enum ui_screen screen, ui_key key, bool letters)
{
	enum ui_action act = ACT_NONE;

	if (screen != SCR_ANY)
		act = find_in(screen, key, letters);
	if (act == ACT_NONE)
		act = find_in(SCR_ANY, key, letters);
	return act;
}

/* A readable name of KEY. */
void ui_key_name(ui_key key, char *out, size_t cap)
{
	static const struct {
		ui_key key;
		const char *name;
	} names[] = {
		{ UI_ESC, "Esc" }, { UI_ENTER, "Enter" }, { UI_TAB, "Tab" },
		{ ' ', "Space" }, { UI_FN(KEY_BTAB), "Shift-Tab" },
		{ UI_FN(KEY_UP), "Up" }, { UI_FN(KEY_DOWN), "Down" },
		{ UI_FN(KEY_LEFT), "Left" }, { UI_FN(KEY_RIGHT), "Right" },
		{ UI_FN(KEY_PPAGE), "PgUp" }, { UI_FN(KEY_NPAGE), "PgDn" },
		{ UI_FN(KEY_HOME), "Home" }, { UI_FN(KEY_END), "End" },
		{ UI_FN(KEY_BACKSPACE), "Backspace" }, { UI_FN(KEY_DC), "Delete" },
		{ UI_FN(KEY_IC), "Insert" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key) {
			snprintf(out, cap, "%s", names[i].name);
			return;
		}
	}
	if (key >= UI_FN(KEY_F(1)) && key <= UI_FN(KEY_F(63)))
		snprintf(out, cap, "F%d", key - UI_FN(KEY_F0));
	else if (key > 0 && key < ' ')
		snprintf(out, cap, "Ctrl-%c", key + '@');
	else if (key > ' ' && key < 127)
		snprintf(out, cap, "%c", key);
	else
		snprintf(out, cap, "#%d", key);
}

struct hint {
	enum ui_mode mode;
	enum ui_action act;
	const char *word;
};
#define UI_HINT_ROW(mode_, act_, word_) { mode_, ACT_##act_, word_ },
static const struct hint hints[] = { UI_HINT_LIST(UI_HINT_ROW) };
#undef UI_HINT_ROW

/* The hints of MODE that fit WIDTH columns. */
void ui_hints(enum ui_mode mode, int width, char *out, size_t cap)
{
	size_t used = 0;

	if (cap == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		char key[24], entry[96];
		if (hints[i].mode != mode)
			continue;
		ui_key_name(actions[hints[i].act].keys[0], key, sizeof key);
		int n = snprintf(entry, sizeof entry, "%s%s: %s", used ? ", " : "", key,
				 hints[i].word);
		if (n < 0 || (int)used + n > width || used + (size_t)n >= cap)
			break;
		memcpy(out + used, entry, (size_t)n + 1);
		used += (size_t)n;
	}
}
