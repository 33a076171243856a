/* F1 Help: the keys of what had the focus when help was opened (the
 * hints of that screen's mode), every action of that screen, then the
 * global ones, all generated from the action table (actions.h). */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "lines.h"
#include "list.h"
#include "ui.h"

struct help {
	struct ui_lines lines;
	struct ui_list list;
	enum ui_screen built_for;
	int built_width;
	char built_hints[256];
	unsigned shown;
};

/* One action: its keys, label and help text, the text wrapped to WIDTH. */
static void add_action(struct help *h, const struct ui_action_info *info, int width)
{
	char keys[64] = "";
	size_t used = 0;

	for (int k = 0; k < UI_ACTION_KEYS; k++) {
		char name[24];
		if (info->keys[k] == 0)
			continue;
		ui_key_name(info->keys[k], name, sizeof name);
		used += (size_t)snprintf(keys + used, sizeof keys - used, "%s%s",
					 used ? ", " : "", name);
		if (used >= sizeof keys)
			break;
	}
	int tw = width - 36 > 20 ? width - 36 : 20;
	const char *p = info->help;
	bool first = true;
	do {
		int n = (int)strlen(p);
		if (n > tw) {
			n = tw;
			while (n > 0 && p[n] != ' ')
				n--;
			if (n == 0)
				n = tw;
		}
		ui_lines_add(&h->lines, "  %-18s %-14s %.*s", first ? keys : "",
			     first ? info->label : "", n, p);
		first = false;
		p += n;
		while (*p == ' ')
			p++;
	} while (*p != '\0');
}

static void build(struct ui *ui, struct help *h, int width, const char *hints)
{
	enum ui_screen scr = ui->help_for;

	ui_lines_clear(&h->lines);
	if (hints[0] != '\0') {
		ui_lines_add(&h->lines, "#Just now on %s", ui_screen_info(scr)->label);
		ui_lines_add(&h->lines, "  %s", hints);
		ui_lines_add(&h->lines, "%s", "");
	}
	for (int pass = 0; pass < 2; pass++) {
		enum ui_screen scope = pass == 0 ? scr : SCR_ANY;
		size_t before = h->lines.n;
		if (pass == 0 && scr == SCR_ANY)
			continue;
		if (pass == 0)
			ui_lines_add(&h->lines, "#Keys of the %s screen", ui_screen_info(scr)->label);
		else
			ui_lines_add(&h->lines, "#Keys everywhere (letters only outside text fields)");
		for (int a = 0; a < ACT_COUNT; a++) {
			const struct ui_action_info *info = ui_action_info((enum ui_action)a);
			if (info->scope == scope)
				add_action(h, info, width);
		}
		if (h->lines.n == before + 1)
			ui_lines_add(&h->lines, "  (none of its own yet)");
		ui_lines_add(&h->lines, "%s", "");
	}
	ui_lines_add(&h->lines, "Text fields: Left, Right, Home, End, Backspace, Delete; Ctrl-U clears.");
	h->built_for = scr;
	h->built_width = width;
}

static void help_open(struct ui *ui, struct view *view)
{
	struct help *h = view->priv;

	(void)ui;
	h->built_for = SCR_COUNT;
}

/* Builds the lines again for another screen or width. */
static void help_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct help *h = view->priv;
	char hints[256];

	ui_view_hints(ui, &ui->views[ui->help_for], area->w - 4, hints, sizeof hints);
	if (h->built_for != ui->help_for || h->built_width != area->w - 2 ||
	    strcmp(h->built_hints, hints) != 0) {
		build(ui, h, area->w - 2, hints);
		snprintf(h->built_hints, sizeof h->built_hints, "%s", hints);
	}
}

static void help_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct help *h = view->priv;
	char pos[64];

	(void)ui;
	if (h->shown != view->shown) { /* opened again: from the top */
		h->shown = view->shown;
		h->list.top = 0;
	}
	ui_lines_page(&h->lines, &h->list, area, pos, sizeof pos);
	ui_putf(area->y, area->x + 1, area->w - 2, ROLE_TITLE,
		"Help - Esc or F1: back; Up/Down/PgUp/PgDn: scroll (lines %s)", pos);
}

static int help_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	struct help *h = view->priv;

	(void)key;
	if (act == ACT_BACK) {
		ui_show(ui, ui->help_for);
		return UI_REDRAW;
	}
	return ui_list_move(&h->list, act) ? UI_REDRAW : UI_OK;
}

static void help_done(struct ui *ui, struct view *view)
{
	struct help *h = view->priv;

	(void)ui;
	ui_lines_clear(&h->lines);
}

const struct view_ops view_help_ops = {
	.priv_size = sizeof(struct help),
	.open = help_open,
	.refresh = help_refresh,
	.draw = help_draw,
	.key = help_key,
	.done = help_done,
};
