/* ui_header_layout: what the console's header keeps as the terminal
 * narrows. The layout and its text helpers are curses-free files of the
 * console, which the unit tests do not otherwise link; this test compiles
 * those two files into itself. */
#include "unit.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "../../src/ui/fit.c"
#include "../../src/ui/header.c"

#define SITE "County Council Post Room"

static struct ui_header_in sample(const char *login)
{
	return (struct ui_header_in){
		.site = SITE,
		.login = login,
		.weekday = "Fri",
		.date = "2026-11-20",
		.clock = "09:30",
		.figs = UI_FIGS_PCT,
		.pct = 85.0,
		.target = 95,
		.met = false,
	};
}

/* The line IN gives at COLS columns into OUT; H gets the layout. */
static void line_at(const struct ui_header_in *in, int cols, struct ui_header *h,
		    char *out, size_t cap)
{
	ui_header_layout(in, cols, h);
	ui_header_text(h, out, cap);
}

/* LINE is LEFT, spaces, then RIGHT, exactly COLS columns wide. */
static void assert_line(const char *line, const char *left, const char *right, int cols)
{
	size_t ll = strlen(left), lr = strlen(line), rr = strlen(right);
	if (ui_text_width(line) != cols || strncmp(line, left, ll) != 0 || lr < ll + rr ||
	    strcmp(line + lr - rr, right) != 0 || strspn(line + ll, " ") < lr - ll - rr)
		fail_msg("at %d columns: [%s] (%d wide), wanted [%s ... %s]", cols, line,
			 ui_text_width(line), left, right);
}

static void test_wide_keeps_everything(void **state)
{
	(void)state;
	struct ui_header h;
	char line[UI_HEADER_MAX * 3];
	struct ui_header_in in = sample("jpatel");
	line_at(&in, 132, &h, line, sizeof line);
	assert_int_equal(h.steps, 0);
	assert_line(line, " " SITE " ",
		    " \u2502 jpatel \u2502 Fri 2026-11-20 09:30 \u2502 Scanned 85.0% / target 95% (below) ",
		    132);
	assert_false(h.site_cut);
	assert_int_equal(h.figs_x, 132 - ui_text_width(h.figs));
	assert_int_equal(h.middle_x, h.figs_x - ui_text_width(h.middle));
}

static void test_80_columns_keeps_the_site(void **state)
{
	(void)state;
	struct ui_header h;
	char line[UI_HEADER_MAX * 3];
	/* A short login: the weekday and the bars go, the figure shortens,
	 * the clock stays. */
	struct ui_header_in in = sample("sreid");
	line_at(&in, 80, &h, line, sizeof line);
	assert_int_equal(h.steps, 3);
	assert_line(line, " " SITE, "  sreid  2026-11-20 09:30  Scanned 85.0% / 95% (below) ", 80);
	/* A longer one: the clock goes too; the site's name stays whole. */
	in = sample("agriffiths");
	line_at(&in, 80, &h, line, sizeof line);
	assert_int_equal(h.steps, 4);
	assert_line(line, " " SITE, "  agriffiths  2026-11-20  Scanned 85.0% / 95% (below) ", 80);
	assert_false(h.site_cut);
	/* Met, none received, another target: the word stays in each. */
	in = sample("jpatel");
	in.pct = 96.25;
	in.met = true;
	in.target = 96;
	line_at(&in, 80, &h, line, sizeof line);
	assert_line(line, " " SITE, "  jpatel  2026-11-20 09:30  Scanned 96.2% / 96% (met) ", 80);
	/* Nothing received: no figure to set against the target, so the
	 * short form leaves it out. */
	in.figs = UI_FIGS_NONE;
	in.target = 97.5;
	line_at(&in, 80, &h, line, sizeof line);
	assert_line(line, " " SITE, "  jpatel  2026-11-20  Scanned --% (none received) ", 80);
	line_at(&in, 132, &h, line, sizeof line);
	assert_non_null(strstr(line, "Scanned --% / target 97.5% (none received) "));
	in.figs = UI_FIGS_UNAVAILABLE;
	line_at(&in, 80, &h, line, sizeof line);
	assert_non_null(strstr(line, " " SITE " "));
	assert_non_null(strstr(line, "Scanned: figures unavailable "));
}

/* The order holds at every width: a part goes only after those before it
 * in header.h, the line is always exactly as wide as the terminal, and the
 * site's name is cut only after every step, never the operator, the date
 * or the figure with its word. */
static void test_order_at_every_width(void **state)
{
	(void)state;
	static const char *const sites[] = {
		SITE,
		"Shire Hall Post Room",
		"Ynys M\xc3\xb4n County Council Document Handling Service, Llangefni",
	};
	struct ui_header h;
	char line[UI_HEADER_MAX * 3];
	for (size_t s = 0; s < sizeof sites / sizeof sites[0]; s++) {
		int last_steps = 0;
		for (int cols = 160; cols >= 80; cols--) {
			struct ui_header_in in = sample("agriffiths");
			in.site = sites[s];
			line_at(&in, cols, &h, line, sizeof line);
			if (ui_text_width(line) != cols)
				fail_msg("%d columns: [%s] is %d wide", cols, line, ui_text_width(line));
			if (h.steps < last_steps)
				fail_msg("%d columns: %d steps after %d", cols, h.steps, last_steps);
			last_steps = h.steps;
			bool whole = strstr(line, sites[s]) != NULL;
			if (whole == h.site_cut || (h.site_cut && h.steps != UI_HEADER_STEPS))
				fail_msg("%d columns: site cut %d at step %d: [%s]", cols,
					 h.site_cut, h.steps, line);
			if (h.site_cut && !strstr(line, "\u2026"))
				fail_msg("%d columns: a cut without its mark: [%s]", cols, line);
			assert_non_null(strstr(line, " agriffiths "));
			assert_non_null(strstr(line, " 2026-11-20"));
			assert_non_null(strstr(line, "Scanned 85.0% "));
			assert_non_null(strstr(line, "% (below) "));
			/* Each step's part is there until its step. */
			assert_int_equal(strstr(line, "Fri ") != NULL, h.steps < 1);
			assert_int_equal(strstr(line, "\u2502") != NULL, h.steps < 2);
			assert_int_equal(strstr(line, "/ target 95% (below)") != NULL, h.steps < 3);
			assert_int_equal(strstr(line, "09:30") != NULL, h.steps < 4);
			assert_int_equal(strstr(line, " agriffiths  2026-11-20") != NULL,
					 h.steps >= 2 && h.steps < 5);
			assert_int_equal(strstr(line, " agriffiths 2026-11-20 ") != NULL,
					 h.steps == 5);
		}
		/* The long name is cut at 80 columns, the others are not. */
		assert_int_equal(h.site_cut, s == 2);
	}
}

/* Narrower than the console's minimum: nothing runs past the edge. */
static void test_narrow_never_overflows(void **state)
{
	(void)state;
	struct ui_header h;
	char line[UI_HEADER_MAX * 3];
	struct ui_header_in in = sample("jpatel");
	in.site = NULL;
	line_at(&in, 80, &h, line, sizeof line);
	assert_non_null(strstr(line, " postroom "));
	for (int cols = 79; cols >= 0; cols--) {
		line_at(&in, cols, &h, line, sizeof line);
		if (ui_text_width(line) > cols || h.middle_x < 0 || h.figs_x < h.middle_x ||
		    h.figs_x > cols)
			fail_msg("%d columns: [%s] %d wide, parts at %d, %d", cols, line,
				 ui_text_width(line), h.middle_x, h.figs_x);
		/* The figure with its word (28 columns) is the last to go. */
		if (cols >= 28 && (!strstr(line, "Scanned 85.0% ") || !strstr(line, "(below)")))
			fail_msg("%d columns: the figure is cut: [%s]", cols, line);
	}
}

int main(void)
{
	/* The console runs in a UTF-8 locale; widths follow it. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		fprintf(stderr, "no C.UTF-8 locale: widths of non-ASCII text may be off\n");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wide_keeps_everything),
		cmocka_unit_test(test_80_columns_keeps_the_site),
		cmocka_unit_test(test_order_at_every_width),
		cmocka_unit_test(test_narrow_never_overflows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
