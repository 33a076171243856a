/* Colour roles: the table in ui.h, turned into curses attributes once the
 * terminal is known. Monochrome when the terminal has no colours, when
 * NO_COLOR is set (https://no-color.org: any value) or when TERM is vt100. */
#include <stdlib.h>
#include <string.h>

#include "colour.h"
#include "ui.h"

struct role_attrs {
	attr_t mono;
	short fg, bg;
	attr_t colour;
};

#define UI_ROLE_ROW(role, mono_, fg_, bg_, colour_) \
	[role] = { .mono = (mono_), .fg = (fg_), .bg = (bg_), .colour = (colour_) },
static const struct role_attrs roles[ROLE_COUNT] = { UI_ROLE_LIST(UI_ROLE_ROW) };
#undef UI_ROLE_ROW

static attr_t attrs[ROLE_COUNT];
static bool mono = true;

static bool want_mono(void)
{
	const char *term = getenv("TERM");

	if (getenv("NO_COLOR") != NULL)
		return true;
	if (term != NULL && strncmp(term, "vt100", 5) == 0)
		return true;
	return !has_colors();
}

/* Chooses colours or monochrome and fills the attribute of every role. */
void ui_colour_init(void)
{
	mono = want_mono();
	if (!mono && start_color() == ERR)
		mono = true;
	if (!mono)
		use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (mono) {
			attrs[r] = roles[r].mono;
			continue;
		}
		if (roles[r].fg == -1 && roles[r].bg == -1) {
			attrs[r] = roles[r].colour;
			continue;
		}
		short pair = (short)(r + 1);
		if (pair >= COLOR_PAIRS || init_pair(pair, roles[r].fg, roles[r].bg) == ERR)
			attrs[r] = roles[r].mono;
		else
			attrs[r] = COLOR_PAIR(pair) | roles[r].colour;
	}
}

/* The curses attributes of ROLE. */
attr_t ui_role_attr(enum ui_role role)
{
	return attrs[role];
}

/* True without colours. */
bool ui_colour_mono(void)
{
	return mono;
}
