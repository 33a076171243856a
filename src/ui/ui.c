/* The console: starts and ends curses, runs the one input loop, handles
 * terminal resizes (here and nowhere else), watches the database for other
 * operators' changes, and dispatches keys through the action table to the
 * current view. */
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "postroom/db.h"
#include "postroom/xmem.h"

#include "ask.h"
#include "colour.h"
#include "draw.h"
#include "fit.h"
#include "frame.h"
#include "popup.h"
#include "ui.h"

#define UI_TICK_MS 500

#define UI_VIEW_ROW(id, name, ...) [id] = &view_##name##_ops,
static const struct view_ops *const view_table[SCR_COUNT] = { UI_SCREEN_LIST(UI_VIEW_ROW) };
#undef UI_VIEW_ROW

#define UI_SCREEN_ROW(id, name_, label_, title_) \
	[id] = { .name = #name_, .label = label_, .title = title_ },
static const struct ui_screen_info screens[SCR_COUNT] = { UI_SCREEN_LIST(UI_SCREEN_ROW) };
#undef UI_SCREEN_ROW

static volatile sig_atomic_t stop_signal;

/* The row of SCREEN in the list of screens. */
const struct ui_screen_info *ui_screen_info(enum ui_screen screen)
{
	return &screens[screen];
}

/* The screen named NAME, or SCR_ANY. */
enum ui_screen ui_screen_named(const char *name)
{
	for (int s = SCR_ANY + 1; s < SCR_COUNT; s++)
		if (strcmp(name, screens[s].name) == 0)
			return (enum ui_screen)s;
	return SCR_ANY;
}

/* Appends "NAME VALUE" to the file named by POSTROOM_TIMING, when set: the
 * benchmarks' view of the console (first_draw_ms, peak_rss_kb). */
void ui_timing_note(const char *name, long value)
{
	const char *path = getenv("POSTROOM_TIMING");

	if (path == NULL || *path == '\0')
		return;
	FILE *f = fopen(path, "a");
	if (f == NULL)
		return;
	fprintf(f, "%s %ld\n", name, value);
	fclose(f);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* Shows a message on the status line. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	char buf[PR_ERROR_MAX + 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	snprintf(ui->status, sizeof ui->status, "%s%s", error ? "Error: " : "", buf);
	ui->status_error = error;
}

/* Shows the core's error on the status line. */
void ui_error(struct ui *ui, const pr_error *err)
{
	ui_message(ui, true, "%s", err->msg[0] ? err->msg : pr_status_text(err->code));
}

/* Places the terminal cursor after drawing. */
void ui_place_cursor(struct ui *ui, int y, int x)
{
	ui->cursor_on = true;
	ui->cursor_y = y;
	ui->cursor_x = x;
}

/* The hints of VIEW's mode. */
void ui_view_hints(const struct ui *ui, const struct view *view, int w, char *out, size_t cap)
{
	enum ui_mode m = view->ops->mode != NULL ? view->ops->mode(ui, view) : UIM_NONE;

	ui_hints(m, w, out, cap);
}

/* Switches to SCREEN. */
void ui_show(struct ui *ui, enum ui_screen screen)
{
	struct view *v = &ui->views[screen];

	if (screen == SCR_HELP && ui->screen != SCR_HELP)
		ui->help_for = ui->screen;
	ui->screen = screen;
	v->shown++;
	if (!v->opened) {
		v->opened = true;
		if (v->ops->open != NULL)
			v->ops->open(ui, v);
	}
}

static bool too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

static void draw_too_small(void)
{
	char msg[128];

	snprintf(msg, sizeof msg, "Terminal too small: %dx%d, postroom needs at least %dx%d",
		 COLS, LINES, UI_MIN_COLS, UI_MIN_LINES);
	struct ui_rect all = { 0, 0, LINES, COLS };
	int len = ui_text_width(msg);
	if (len + 2 <= COLS)
		ui_put(LINES / 2, (COLS - len) / 2, len, ROLE_WARNING, msg);
	else
		ui_put_wrapped(&all, LINES / 2 > 1 ? LINES / 2 - 1 : 0, ROLE_WARNING, msg);
	ui_put(LINES - 1, 0, COLS, ROLE_NORMAL, "Enlarge the window, or F10 to quit");
}

/* The part of the screen a view draws in: between the header and the
 * status line. */
static void view_area(struct ui_rect *area)
{
	*area = (struct ui_rect){ 1, 0, LINES - 3, COLS };
}

/* Refreshes the current view, then repaints the whole screen. */
static void draw(struct ui *ui)
{
	erase();
	ui->cursor_on = false;
	if (too_small()) {
		draw_too_small();
		curs_set(0);
		refresh();
		return;
	}
	struct view *v = &ui->views[ui->screen];
	struct ui_rect area;
	view_area(&area);
	if (v->ops->refresh != NULL)
		(v->ops->refresh)(ui, v, &area); /* parenthesised: curses has a refresh() macro */
	ui_draw_header(ui);
	v->ops->draw(ui, v, &area);
	ui_popup_draw(ui);
	ui_ask_draw(ui);
	ui_draw_status(ui);
	ui_draw_keybar(ui);
	if (ui->cursor_on && !ui->popup.open) {
		move(ui->cursor_y, ui->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* Reads one key: a character, UI_FN(code), KEY_RESIZE as UI_FN, or -1 when
 * the tick passed without one. Enter, Return and keypad Enter all become
 * UI_ENTER; the Backspace variants become UI_FN(KEY_BACKSPACE). */
static ui_key read_key(void)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return UI_ENTER;
		return UI_FN((int)wc);
	}
	if (wc == '\r')
		return UI_ENTER;
	if (wc == 127 || wc == 8)
		return UI_FN(KEY_BACKSPACE);
	return (ui_key)wc;
}

/* Hands KEY to the question, the popup, the table's global actions or the
 * view, in that order; returns the reaction flags. */
static int dispatch(struct ui *ui, ui_key key)
{
	struct view *v = &ui->views[ui->screen];
	int closed = UI_OK; /* a popup that a key closes must be repainted away */

	if (too_small())
		return key == UI_FN(KEY_F(10)) || key == 'q' ? UI_QUIT : UI_OK;
	if (ui->ask.open)
		return ui_ask_key(ui, key);
	if (ui->popup.open) {
		int r = ui_popup_key(ui, ui_action_find(ui->screen, key, true), key);
		if (r >= 0)
			return r;
		closed = UI_REDRAW;
	}
	bool text = v->ops->text_focus != NULL && v->ops->text_focus(ui, v);
	enum ui_action act = ui_action_find(ui->screen, key, !text);
	if (act != ACT_NONE) {
		const struct ui_action_info *info = ui_action_info(act);
		if (act == ACT_HELP && ui->screen == SCR_HELP) {
			ui_show(ui, ui->help_for);
			return UI_REDRAW;
		}
		if (info->opens != SCR_ANY) {
			ui_show(ui, info->opens);
			return UI_REDRAW;
		}
		if (act == ACT_QUIT)
			return UI_QUIT;
		if (act == ACT_REDRAW) {
			clearok(curscr, TRUE);
			return UI_RELOAD | UI_REDRAW;
		}
	}
	return closed | (v->ops->key != NULL ? v->ops->key(ui, v, act, key) : UI_OK);
}

static void watch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Runs the console until the operator quits: 0, or 128 + the signal that
 * ended it (SIGINT, SIGTERM, SIGHUP: the terminal is restored first); the
 * 1 when the database cannot be opened (the reason on stderr); 2 when
 * POSTROOM_SCREEN names no screen.
 *
 * Environment: POSTROOM_SCREEN=NAME opens that screen first ("reports",
 * ...; intake by default). POSTROOM_TIMING=FILE appends "first_draw_ms N"
 * (from entry to this function until the first full screen is refreshed
 * onto the terminal) and, at exit, "peak_rss_kb N" (getrusage). */
int ui_run(pr_app *app)
{
	struct timespec started;
	clock_gettime(CLOCK_MONOTONIC, &started);

	enum ui_screen first = SCR_INTAKE;
	const char *want = getenv("POSTROOM_SCREEN");
	if (want != NULL && *want != '\0') {
		first = ui_screen_named(want);
		if (first == SCR_ANY) {
			fprintf(stderr, "postroom: POSTROOM_SCREEN: no screen \"%s\" (", want);
			for (int s = SCR_ANY + 1; s < SCR_COUNT; s++)
				fprintf(stderr, "%s%s", s > SCR_ANY + 1 ? ", " : "", screens[s].name);
			fprintf(stderr, ")\n");
			return 2;
		}
	}
	pr_error err;
	pr_error_clear(&err);
	if (pr_app_open_db(app, false, &err) != PR_OK) {
		fprintf(stderr, "postroom: %s\n", err.msg);
		return 1;
	}

	setlocale(LC_ALL, "");
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		fprintf(stderr, "postroom: cannot start the console on terminal \"%s\"\n",
			getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	set_term(scr);
	watch_signals();
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	timeout(UI_TICK_MS);
	ui_colour_init();

	struct ui *ui = xcalloc(1, sizeof *ui);
	ui->app = app;
	ui->db = app->db;
	ui->generation = 1;
	for (int s = 0; s < SCR_COUNT; s++) {
		if (view_table[s] == NULL)
			continue;
		ui->views[s].ops = view_table[s];
		ui->views[s].screen = (enum ui_screen)s;
		ui->views[s].priv = xcalloc(1, view_table[s]->priv_size ? view_table[s]->priv_size : 1);
	}
	ui->screen = first;
	ui->help_for = first == SCR_HELP ? SCR_INTAKE : first;
	ui_show(ui, first);

	bool timed = false, repaint = true;
	char shown_minute[6] = "";
	unsigned shown_gen = 0;
	for (;;) {
		char minute[6];
		if (pr_db_changed(ui->db))
			ui->generation++; /* another operator's change */
		ui_figures_refresh(ui);
		pr_time_hhmm(pr_now(), minute);
		if (strcmp(minute, shown_minute) != 0 || shown_gen != ui->generation)
			repaint = true; /* the header's clock, or what is shown, changed */
		if (repaint) {
			draw(ui);
			repaint = false;
			memcpy(shown_minute, minute, sizeof minute);
			shown_gen = ui->generation;
		}
		if (!timed) { /* the first full screen is on the terminal */
			timed = true;
			ui_timing_note("first_draw_ms", ms_since(&started));
		}
		ui_key key = read_key();
		if (stop_signal)
			break;
		if (key == -1) { /* a tick */
			struct view *cur = &ui->views[ui->screen];
			if (cur->ops->tick != NULL && !too_small() && cur->ops->tick(ui, cur))
				repaint = true;
			continue;
		}
		if (key == UI_FN(KEY_RESIZE)) {
			repaint = true; /* a new size: lay out again */
			continue;
		}
		int r = dispatch(ui, key);
		if (r & UI_QUIT)
			break;
		if (r & UI_RELOAD)
			ui->generation++;
		if (r & (UI_REDRAW | UI_RELOAD))
			repaint = true;
	}

	ui_popup_close(ui);
	for (int s = 0; s < SCR_COUNT; s++) {
		struct view *v = &ui->views[s];
		if (v->ops != NULL && v->opened && v->ops->done != NULL)
			v->ops->done(ui, v);
		free(v->priv);
	}
	free(ui);
	endwin();
	delscreen(scr);
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		ui_timing_note("peak_rss_kb", ru.ru_maxrss);
	return stop_signal ? 128 + stop_signal : 0;
}
