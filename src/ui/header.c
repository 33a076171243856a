/* The header line as text for a width (header.h): a table of steps, the
 * first fitting form wins. */
#include "header.h"

#include <stdio.h>
#include <string.h>

#include "fit.h"

/* What each step gives up, in the order they are taken. */
enum {
	H_WEEKDAY = 1u << 0,
	H_SPACED = 1u << 1,
	H_SHORT_FIGS = 1u << 2,
	H_CLOCK = 1u << 3,
	H_TIGHT = 1u << 4,
};

static const unsigned steps[UI_HEADER_STEPS] = {
	H_WEEKDAY,    /* "Fri " */
	H_SPACED,     /* " │ " -> "  " */
	H_SHORT_FIGS, /* "/ target 95%" -> "/ 95%" */
	H_CLOCK,      /* "09:30" */
	H_TIGHT,      /* "  " -> " " */
};

/* The operator, date and time between separators, in FORM. */
static void middle_text(const struct ui_header_in *in, unsigned form, char *out, size_t cap)
{
	const char *sep = form & H_TIGHT ? " " : form & H_SPACED ? "  " : " \u2502 ";
	bool weekday = !(form & H_WEEKDAY) && in->weekday && *in->weekday;
	bool clock = !(form & H_CLOCK) && in->clock && *in->clock;

	snprintf(out, cap, "%s%s%s%s%s%s%s%s%s", sep, in->login ? in->login : "", sep,
		 weekday ? in->weekday : "", weekday ? " " : "", in->date ? in->date : "",
		 clock ? " " : "", clock ? in->clock : "", sep);
}

/* Today's figure in FORM, with the space that ends the line. */
static void figs_text(const struct ui_header_in *in, unsigned form, char *out, size_t cap)
{
	bool short_form = form & H_SHORT_FIGS;

	switch (in->figs) {
	case UI_FIGS_UNAVAILABLE:
		snprintf(out, cap, "Scanned: figures unavailable ");
		break;
	case UI_FIGS_NONE:
		/* With no figure to set against it, the target goes whole. */
		if (short_form)
			snprintf(out, cap, "Scanned --%% (none received) ");
		else
			snprintf(out, cap, "Scanned --%% / target %g%% (none received) ",
				 in->target);
		break;
	case UI_FIGS_PCT:
		snprintf(out, cap, "Scanned %.1f%% / %s%g%% (%s) ", in->pct,
			 short_form ? "" : "target ", in->target, in->met ? "met" : "below");
		break;
	}
}

void ui_header_layout(const struct ui_header_in *in, int cols, struct ui_header *out)
{
	const char *site = in->site && *in->site ? in->site : "postroom";
	int site_w = 1 + ui_text_width(site), mw, fw;
	unsigned form = 0;
	int step = 0;

	for (;;) {
		middle_text(in, form, out->middle, sizeof out->middle);
		figs_text(in, form, out->figs, sizeof out->figs);
		mw = ui_text_width(out->middle);
		fw = ui_text_width(out->figs);
		if (site_w + mw + fw <= cols || step == UI_HEADER_STEPS)
			break;
		form |= steps[step++];
	}
	out->steps = step;
	out->site_cut = site_w + mw + fw > cols;

	if (fw > cols)
		fw = cols > 0 ? cols : 0;
	out->figs_x = cols - fw;
	if (mw > out->figs_x) {
		/* Not even the right-hand parts fit: the figure keeps its
		 * place, the rest is cut from the left. */
		char cut[UI_HEADER_MAX];
		ui_fit(cut, sizeof cut, out->middle, out->figs_x);
		memcpy(out->middle, cut, sizeof cut);
		ui_fit(cut, sizeof cut, out->figs, fw);
		memcpy(out->figs, cut, sizeof cut);
		mw = out->figs_x;
	}
	out->middle_x = out->figs_x - mw;

	char name[UI_HEADER_MAX];
	snprintf(name, sizeof name, " %s", site);
	ui_fit(out->site, sizeof out->site, name, out->middle_x);
}

void ui_header_text(const struct ui_header *h, char *out, size_t cap)
{
	snprintf(out, cap, "%s%s%s", h->site, h->middle, h->figs);
}
