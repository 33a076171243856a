/* Colour roles (colour.c). Drawing code names roles, never colours.
 *
 * C(role, monochrome attributes, foreground, background, colour attributes):
 * without colours (no terminal support, NO_COLOR set, TERM=vt100) the
 * monochrome attributes are used. */
#ifndef POSTROOM_UI_COLOUR_H
#define POSTROOM_UI_COLOUR_H

#include <curses.h>
#include <stdbool.h>

#define UI_ROLE_LIST(C)                                                      \
	C(ROLE_NORMAL, A_NORMAL, -1, -1, A_NORMAL)                           \
	C(ROLE_HEADER, A_REVERSE, COLOR_WHITE, COLOR_BLUE, A_BOLD)           \
	C(ROLE_HEADER_BELOW, A_REVERSE | A_BOLD, COLOR_YELLOW, COLOR_BLUE, A_BOLD) \
	C(ROLE_HEADER_MET, A_REVERSE, COLOR_GREEN, COLOR_BLUE, A_BOLD)       \
	C(ROLE_KEY, A_BOLD, -1, -1, A_BOLD)                                  \
	C(ROLE_KEY_LABEL, A_REVERSE, COLOR_BLACK, COLOR_CYAN, A_NORMAL)      \
	C(ROLE_KEY_LETTER, A_REVERSE | A_UNDERLINE, COLOR_BLACK, COLOR_CYAN, A_UNDERLINE) \
	C(ROLE_STATUS, A_NORMAL, -1, -1, A_NORMAL)                           \
	C(ROLE_ERROR, A_BOLD, COLOR_RED, -1, A_BOLD)                         \
	C(ROLE_TITLE, A_BOLD, COLOR_CYAN, -1, A_BOLD)                        \
	C(ROLE_LABEL, A_NORMAL, -1, -1, A_NORMAL)                            \
	C(ROLE_FIELD, A_UNDERLINE, COLOR_WHITE, COLOR_BLACK, A_NORMAL)       \
	C(ROLE_FIELD_FOCUS, A_REVERSE, COLOR_BLACK, COLOR_YELLOW, A_NORMAL)  \
	C(ROLE_CHOICE_ON, A_BOLD, COLOR_GREEN, -1, A_BOLD)                   \
	C(ROLE_CURSOR, A_REVERSE, COLOR_BLACK, COLOR_CYAN, A_NORMAL)         \
	C(ROLE_MATCH, A_NORMAL, -1, -1, A_NORMAL)                            \
	C(ROLE_MATCH_SEL, A_REVERSE, COLOR_BLACK, COLOR_GREEN, A_NORMAL)     \
	C(ROLE_DIM, A_DIM, COLOR_BLUE, -1, A_BOLD)                           \
	C(ROLE_MET, A_NORMAL, COLOR_GREEN, -1, A_NORMAL)                     \
	C(ROLE_BELOW, A_BOLD, COLOR_RED, -1, A_BOLD)                         \
	C(ROLE_POPUP, A_NORMAL, COLOR_WHITE, COLOR_BLUE, A_NORMAL)           \
	C(ROLE_POPUP_TITLE, A_BOLD | A_REVERSE, COLOR_YELLOW, COLOR_BLUE, A_BOLD) \
	C(ROLE_WARNING, A_BOLD | A_REVERSE, COLOR_WHITE, COLOR_RED, A_BOLD)

#define UI_ROLE_ENUM(role, ...) role,
enum ui_role { UI_ROLE_LIST(UI_ROLE_ENUM) ROLE_COUNT };
#undef UI_ROLE_ENUM

/* Chooses colours or monochrome for the terminal; call after initscr. */
void ui_colour_init(void);
/* The curses attributes of ROLE. */
attr_t ui_role_attr(enum ui_role role);
/* True when the console runs without colours. */
bool ui_colour_mono(void);

#endif
