/* A bar chart of percentages with a target line (chart.c). */
#ifndef POSTROOM_UI_CHART_H
#define POSTROOM_UI_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"

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

#endif
