/* The console's header line laid out as text for a width, without curses
 * (frame.c draws it): the site's name on the left; the operator, the date
 * and time, and today's scanned figure against the target on the right.
 *
 * As the terminal narrows, parts are shortened in a fixed order, each step
 * keeping those before it:
 *   1. the weekday goes ("Fri 2026-11-20" becomes "2026-11-20");
 *   2. the bars between the parts become two spaces;
 *   3. the word "target" goes: "Scanned 85.0% / target 95% (below)"
 *      becomes "Scanned 85.0% / 95% (below)"; with nothing received yet
 *      the target goes too: "Scanned --% (none received)";
 *   4. the clock goes;
 *   5. the two spaces between the parts become one.
 * Only then is the site's name cut ("…"). The operator, the date and the
 * scanned figure with its word (met, below, none received) are never
 * dropped: the console works in monochrome, so the word, not a colour,
 * carries the verdict. */
#ifndef POSTROOM_UI_HEADER_H
#define POSTROOM_UI_HEADER_H

#include <stdbool.h>
#include <stddef.h>

/* What today's figure says. */
enum ui_header_figs {
	UI_FIGS_PCT,          /* a scanned share, met or below the target */
	UI_FIGS_NONE,         /* nothing received today */
	UI_FIGS_UNAVAILABLE,  /* the figures could not be read */
};

/* The header's parts, in words. Strings are borrowed for the call. */
struct ui_header_in {
	const char *site;     /* the site's name; NULL or "" shows "postroom" */
	const char *login;    /* who is at the console */
	const char *weekday;  /* "Fri" */
	const char *date;     /* "2026-11-20" */
	const char *clock;    /* "09:30" */
	enum ui_header_figs figs;
	double pct;           /* UI_FIGS_PCT: today's scanned share */
	double target;        /* the target in force today */
	bool met;             /* UI_FIGS_PCT: pct reached the target */
};

#define UI_HEADER_STEPS 5
#define UI_HEADER_MAX 512

/* The header laid out: three pieces side by side, filling the line. */
struct ui_header {
	char site[UI_HEADER_MAX];   /* " County Council Post Room", padded to MIDDLE_X */
	char middle[UI_HEADER_MAX]; /* " │ jpatel │ Fri 2026-11-20 09:30 │ " */
	char figs[UI_HEADER_MAX];   /* "Scanned 85.0% / target 95% (below) " */
	int middle_x, figs_x;       /* the columns where they start */
	int steps;                  /* shortening steps taken, 0..UI_HEADER_STEPS */
	bool site_cut;              /* the site's name did not fit whole */
};

/* Lays out the header of IN for a line of COLS columns into OUT: the
 * fewest steps above (header.h) with which the whole line fits, else all
 * of them and the site's name cut to what is left. Never fails; below
 * about 40 columns the right-hand parts are cut as well. */
void ui_header_layout(const struct ui_header_in *in, int cols, struct ui_header *out);

/* The whole line of H as one string into OUT (CAP bytes). */
void ui_header_text(const struct ui_header *h, char *out, size_t cap);

#endif
