/* Private to src/ui: the console's state, the view framework, the colour
 * roles, drawing helpers and widgets. Nothing outside src/ui includes it.
 *
 * Shape (after tig and htop): ui.c runs one loop that reads a key, finds its
 * action in the action table (actions.h) and hands it to the current view's
 * key handler, which returns reaction flags (UI_REDRAW, UI_RELOAD, UI_QUIT).
 * Every screen is one view-*.c file ending with its struct view_ops. The
 * loop alone handles terminal resizes; views draw into the area they are
 * given each time and keep no screen positions. */
#ifndef POSTROOM_UI_H
#define POSTROOM_UI_H

#include <curses.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/report.h"
#include "postroom/status.h"

#include "../app.h"
#include "actions.h"
#include "fit.h"
#include "header.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* ---- colour roles (colour.c) ----
 * C(role, monochrome attributes, foreground, background, colour attributes)
 * Drawing code names roles, never colours; without colours (no terminal
 * support, NO_COLOR set, TERM=vt100) the monochrome attributes are used. */
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

/* ---- handler reactions (after htop's Action.h) ---- */
enum ui_reaction {
	UI_OK = 0,          /* nothing to do */
	UI_REDRAW = 1 << 0, /* repaint */
	UI_RELOAD = 1 << 1, /* the database changed: re-read what is shown */
	UI_QUIT = 1 << 2,   /* leave the console */
};

/* A rectangle of the screen. */
struct ui_rect {
	int y, x, h, w;
};

struct ui;
struct view;

/* What one screen does (after tig's struct view_ops). The framework
 * allocates PRIV_SIZE zeroed bytes as the view's private data before open
 * and frees them after done; a view frees only what it allocated itself. */
struct view_ops {
	const char *name;       /* "intake" */
	const char *title;      /* shown above the view */
	enum ui_screen screen;
	size_t priv_size;
	/* Data for a shared draw hook, which reads it from view->ops->spec
	 * (ui_counts_view_draw: a struct ui_counts_spec). May be NULL. */
	const void *spec;
	/* Called once, the first time the view is shown. */
	void (*open)(struct ui *ui, struct view *view);
	/* Draws the view into AREA (already cleared). Re-reads its data when
	 * ui->generation moved on since it last read. */
	void (*draw)(struct ui *ui, struct view *view, const struct ui_rect *area);
	/* Handles KEY, which the table maps to ACT (ACT_NONE when unbound);
	 * returns enum ui_reaction flags. May be NULL: the view has no keys
	 * of its own (UI_OK). */
	int (*key)(struct ui *ui, struct view *view, enum ui_action act, ui_key key);
	/* True while the focus is in a form field: letters are then text. May
	 * be NULL (never). */
	bool (*text_focus)(const struct ui *ui, const struct view *view);
	/* Frees what the view allocated. May be NULL. */
	void (*done)(struct ui *ui, struct view *view);
};

struct view {
	const struct view_ops *ops;
	void *priv;
	bool opened;
	unsigned shown;  /* how many times it was switched to */
};

extern const struct view_ops view_help_ops;
extern const struct view_ops view_intake_ops;
extern const struct view_ops view_batches_ops;
extern const struct view_ops view_scan_ops;
extern const struct view_ops view_routing_ops;
extern const struct view_ops view_outbound_ops;
extern const struct view_ops view_reports_ops;
extern const struct view_ops view_admin_ops;

/* A growable array of text lines (lines.c). */
struct ui_lines {
	char **v;
	size_t n, cap;
};

/* A scrollable window of text lines over the current view (popup.c). */
struct ui_popup {
	bool open;
	char *title;
	struct ui_lines lines;
	size_t top;
};

/* A bounded single-line UTF-8 text field (textfield.c). */
#define UI_FIELD_MAX 200
struct ui_field {
	wchar_t buf[UI_FIELD_MAX + 1];
	size_t len, cur, max, scroll;
};

/* A question over the current view (ask.c). The callback gets what the
 * question was ABOUT (an item reference), the index of the answer chosen
 * and, for a text question, the text; it returns reaction flags. It is not
 * called when the question is cancelled. */
#define UI_ASK_CHOICES 9
enum ui_ask_kind { UI_ASK_CHOICE, UI_ASK_TEXT };
struct ui;
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

/* The console. */
struct ui {
	pr_app *app;
	pr_db *db;
	enum ui_screen screen;     /* shown now */
	enum ui_screen help_for;   /* the screen help was opened from */
	struct view views[SCR_COUNT];
	unsigned generation;       /* moves on whenever the data may have changed */
	unsigned figures_gen;
	char today[PR_DAY_LEN];
	pr_figures figures;        /* today's, for the header */
	bool figures_ok;
	char status[PR_ERROR_MAX + 64];
	bool status_error;
	bool cursor_on;            /* a field wants the terminal cursor */
	int cursor_y, cursor_x;
	struct ui_popup popup;
	struct ui_ask ask;
};

/* Shows MSG (printf-style) on the status line; ERROR marks it as an error
 * (it then starts with "Error: ", never colour alone). */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Shows the core's error ERR on the status line. */
void ui_error(struct ui *ui, const pr_error *err);
/* Switches to SCREEN, opening its view the first time. */
void ui_show(struct ui *ui, enum ui_screen screen);
/* Places the terminal cursor at Y, X after drawing (for a text field). */
void ui_place_cursor(struct ui *ui, int y, int x);

/* ---- frame.c: header, status line and key bar ---- */
void ui_draw_header(struct ui *ui);
void ui_draw_status(struct ui *ui);
void ui_draw_keybar(struct ui *ui);
/* Re-reads today's figures for the header when ui->generation moved on. */
void ui_figures_refresh(struct ui *ui);

/* ---- draw.c: drawing primitives (fit.c: text measured and cut) ---- */
/* Draws UTF-8 text S at Y, X in ROLE, cut to W columns ("…" marks a cut);
 * returns the columns used. */
int ui_put(int y, int x, int w, enum ui_role role, const char *s);
/* As ui_put with printf-style formatting. */
int ui_putf(int y, int x, int w, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Fills W columns at Y, X with spaces in ROLE. */
void ui_fill(int y, int x, int w, enum ui_role role);
/* Draws S word-wrapped in AREA from row Y (relative); returns the next row. */
int ui_put_wrapped(const struct ui_rect *area, int y, enum ui_role role, const char *s);
/* Draws character WC (a block or line character) N times across from Y,
 * X in ROLE; ASCII ALT instead where the locale has no UTF-8. */
void ui_glyphs(int y, int x, int n, wchar_t wc, char alt, enum ui_role role);
/* Draws a box around R in ROLE. */
void ui_box(const struct ui_rect *r, enum ui_role role);
/* Draws a horizontal rule with TITLE at row Y of width W. */
void ui_rule(int y, int x, int w, enum ui_role role, const char *title);

/* ---- bigfig.c: figures five rows tall, drawn in block characters ----
 * TEXT may hold digits, '.', '%', '-' and spaces; other characters are
 * skipped. SCALE (1 or 2) widens every pixel to that many columns. */
#define UI_BIGFIG_ROWS 5
/* The columns TEXT takes at SCALE. */
int ui_bigfig_width(const char *text, int scale);
/* Draws TEXT with its top left at Y, X in ROLE, clipped to W columns. */
void ui_bigfig_draw(int y, int x, int w, const char *text, int scale, enum ui_role role);

/* ---- chart.c: a bar chart of percentages with a target line ---- */
struct ui_chart_point {
	double value;        /* 0..100 */
	bool none;           /* nothing to measure: drawn as an empty mark */
	enum ui_role role;   /* the bar's role */
	char label[8];       /* short x-axis label, "11-20" */
};
struct ui_chart {
	const struct ui_chart_point *pts;
	size_t n;
	double target;       /* drawn across the plot; below 0 for none */
	const char *last;    /* the last point's value as text, "85.0%" */
};
/* Draws C in R: a 0/50/100 axis on the left, one bar a point (height
 * proportional, eighth blocks), the target line across, x-axis labels
 * below, and a legend (the last value, the target, the empty mark) on
 * the right, or below when the bars are wide enough for their values. */
void ui_chart_draw(const struct ui_rect *r, const struct ui_chart *c);

/* ---- textfield.c: a bounded single-line UTF-8 text field ---- */
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

/* ---- list.c: scrolling state of a list of COUNT lines ---- */
struct ui_list {
	size_t count;  /* lines in all */
	size_t top;    /* first line shown */
	size_t sel;    /* selected line (when CURSOR) */
	int height;    /* lines shown */
	bool cursor;   /* a selected line moves; else the list only scrolls */
};
/* Sets the number of lines and the visible height, keeping the selection
 * and the top inside the list. */
void ui_list_resize(struct ui_list *l, size_t count, int height);
/* Applies a movement action (UP, DOWN, PGUP, PGDN, HOME, END); true when
 * ACT is one. */
bool ui_list_move(struct ui_list *l, enum ui_action act);
/* Draws "lines A-B of N" style position text into OUT. */
void ui_list_position(const struct ui_list *l, char *out, size_t cap);

/* ---- popup.c ---- */
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

/* ---- ask.c: a question that holds the keys until answered ---- */
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

/* ---- desk.c: exceptions at the desk, for the Intake and Batches lists ---- */
/* Asks the reason, then marks item REF as an exception (pr_item_exception). */
void ui_desk_exception(struct ui *ui, const char *ref);
/* Asks the name of who takes exception REF, then records the hand-over
 * (pr_item_handover). */
void ui_desk_handover(struct ui *ui, const char *ref);
/* T as "YYYY-MM-DD HH:MM" (local). */
void ui_time_text(pr_time t, char out[PR_TIME_LEN]);
/* Opens a popup with item REF, its details and its history. */
void ui_item_popup(struct ui *ui, const char *ref);

/* ---- lines.c: a growable array of text lines for simple views ---- */
void ui_lines_add(struct ui_lines *ls, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* ui_lines_add with the arguments in AP. */
void ui_lines_vadd(struct ui_lines *ls, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Replaces line I (which must exist) with a printf-formatted one. */
void ui_lines_set(struct ui_lines *ls, size_t i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_lines_clear(struct ui_lines *ls);
/* Draws lines from L->top in AREA rows [Y, area->h) ; a line starting with
 * '#' is drawn as a title (without the '#'). */
void ui_lines_draw(const struct ui_lines *ls, const struct ui_list *l,
		   const struct ui_rect *area, int y);
/* A scrolling page of LS in AREA below the view's title row: fits L to
 * the lines and the height, draws them from row 1 and writes L's position
 * into POS (CAP bytes) for the caller's title. */
void ui_lines_page(const struct ui_lines *ls, struct ui_list *l, const struct ui_rect *area,
		   char *pos, size_t cap);

#endif
