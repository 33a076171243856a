/* Private to src/ui: the console's state and the view framework, the
 * interface between the input loop (ui.c) and the screens (view-*.c). Each
 * widget has a header of its own (colour.h, draw.h, list.h, table.h,
 * lines.h, textfield.h, popup.h, ask.h, chart.h, bigfig.h, desk.h,
 * frame.h). Nothing outside src/ui includes any of them.
 *
 * Shape (after tig and htop): ui.c runs one loop that reads a key, finds its
 * action in the action table (actions.h) and hands it to the current view's
 * key handler, which returns reaction flags (UI_REDRAW, UI_RELOAD, UI_QUIT);
 * the loop repaints only when they ask, or when the data or the clock
 * moved on. Every screen is named once, in screens.h, and is one view-*.c
 * file ending with its struct view_ops: refresh reads from the core, draw
 * only draws. The loop alone handles terminal resizes; views draw into the
 * area they are given each time and keep no screen positions. */
#ifndef POSTROOM_UI_H
#define POSTROOM_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/report.h"
#include "postroom/status.h"

#include "../app.h"
#include "actions.h"
#include "ask.h"
#include "draw.h"
#include "popup.h"
#include "screens.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* ---- handler reactions (after htop's Action.h) ----
 * What a key handler (or a question's answer) asks of the loop. The loop
 * repaints only when asked: after a key, when another operator changed
 * the database, when the clock's minute turns and after a resize. */
enum ui_reaction {
	UI_OK = 0,          /* nothing changed on the screen */
	UI_REDRAW = 1 << 0, /* refresh the current view, then repaint */
	UI_RELOAD = 1 << 1, /* the database changed: every view and the header
			     * re-read what they show (and the screen repaints) */
	UI_QUIT = 1 << 2,   /* leave the console */
};

struct ui;
struct view;

/* What one screen does (after tig's struct view_ops). Which screen it is,
 * its name and its title come from the one list of screens (screens.h).
 * The framework allocates PRIV_SIZE zeroed bytes as the view's private
 * data before open and frees them after done; a view frees only what it
 * allocated itself.
 *
 * Order of calls: open once; then, each time the screen is repainted,
 * refresh and draw; key for each key the table does not keep for itself;
 * done at the end. */
struct view_ops {
	size_t priv_size;
	/* Data for a shared hook, which reads it from view->ops->spec
	 * (ui_counts_view_*: a struct ui_counts_spec). May be NULL. */
	const void *spec;
	/* Called once, the first time the view is shown. May be NULL. */
	void (*open)(struct ui *ui, struct view *view);
	/* Brings the data the view shows in AREA up to date: the only hook
	 * that reads from the core. Called before every draw, so it re-reads
	 * only what changed (ui->generation moved on, another page, another
	 * selection, another size). May be NULL (nothing to read). */
	void (*refresh)(struct ui *ui, struct view *view, const struct ui_rect *area);
	/* Draws the view into AREA (already cleared) from what refresh read;
	 * never calls the core. */
	void (*draw)(struct ui *ui, struct view *view, const struct ui_rect *area);
	/* Handles KEY, which the table maps to ACT (ACT_NONE when unbound);
	 * returns enum ui_reaction flags. May be NULL: the view has no keys
	 * of its own (UI_OK). */
	int (*key)(struct ui *ui, struct view *view, enum ui_action act, ui_key key);
	/* True while the focus is in a form field: letters are then text. May
	 * be NULL (never). */
	bool (*text_focus)(const struct ui *ui, const struct view *view);
	/* The mode the view is in: which hints its hint lines offer
	 * (UI_HINT_LIST). May be NULL (UIM_NONE). */
	enum ui_mode (*mode)(const struct ui *ui, const struct view *view);
	/* Called about every UI_TICK_MS while the view is shown and no key
	 * came: may look at what changes outside the database (a worker's
	 * progress file); true asks for a repaint (refresh, then draw). May be
	 * NULL. */
	bool (*tick)(struct ui *ui, struct view *view);
	/* Frees what the view allocated. May be NULL. */
	void (*done)(struct ui *ui, struct view *view);
};

struct view {
	const struct view_ops *ops;
	enum ui_screen screen;
	void *priv;
	bool opened;
	unsigned shown;  /* how many times it was switched to */
};

/* One struct view_ops a screen, view_<name>_ops, in its view-*.c file. */
#define UI_VIEW_EXTERN(id, name, ...) extern const struct view_ops view_##name##_ops;
UI_SCREEN_LIST(UI_VIEW_EXTERN)
#undef UI_VIEW_EXTERN

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
/* The hints of VIEW's current mode that fit W columns, into OUT (CAP
 * bytes); "" when it has none. */
void ui_view_hints(const struct ui *ui, const struct view *view, int w, char *out, size_t cap);
/* Switches to SCREEN, opening its view the first time. */
void ui_show(struct ui *ui, enum ui_screen screen);
/* Places the terminal cursor at Y, X after drawing (for a text field). */
void ui_place_cursor(struct ui *ui, int y, int x);
/* Appends "NAME VALUE" to the file POSTROOM_TIMING names, when it is set
 * (the measurements the benchmarks and tests read). */
void ui_timing_note(const char *name, long value);

#endif
