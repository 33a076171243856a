/* The frame around every view: the header line (site, operator, date and
 * time, today's scanned percentage against the target), the status line
 * and the function key bar generated from the action table. */
#include <stdio.h>
#include <string.h>

#include "postroom/clock.h"
#include "postroom/report.h"

#include "colour.h"
#include "draw.h"
#include "frame.h"
#include "header.h"
#include "ui.h"

/* Re-reads today's figures when the data may have changed or the day
 * turned. */
void ui_figures_refresh(struct ui *ui)
{
	char today[PR_DAY_LEN];
	pr_error err;

	pr_time_day(pr_now(), today);
	if (ui->figures_gen == ui->generation && strcmp(today, ui->today) == 0)
		return;
	if (strcmp(today, ui->today) != 0) {
		memcpy(ui->today, today, sizeof today);
		ui->generation++; /* a new day: every view re-reads */
	}
	ui->figures_gen = ui->generation;
	ui->figures_ok = pr_report_day(ui->db, ui->today, &ui->figures, &err) == PR_OK;
	if (!ui->figures_ok)
		ui_error(ui, &err);
}

/* Draws the header on the top line, laid out by ui_header_layout
 * (header.h says what is shortened first as the terminal narrows): the
 * site's name on the left, the operator, the date and time and today's
 * figures on the right, the figures in the role of their verdict. */
void ui_draw_header(struct ui *ui)
{
	static const char *const wdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	const pr_figures *f = &ui->figures;
	pr_time now = pr_now();
	char day[PR_DAY_LEN], hhmm[6];
	struct ui_header h;
	struct ui_header_in in = {
		.site = ui->app->cfg.site_name,
		.login = pr_db_actor(ui->db),
		.weekday = wdays[pr_day_weekday(pr_time_dayno(now))],
		.date = day,
		.clock = hhmm,
		.figs = UI_FIGS_UNAVAILABLE,
		.target = f->target_pct,
	};
	enum ui_role figrole = ROLE_HEADER;

	pr_time_day(now, day);
	pr_time_hhmm(now, hhmm);
	if (ui->figures_ok && pr_figures_pct(f, &in.pct)) {
		in.figs = UI_FIGS_PCT;
		in.met = pr_figures_met(f);
		figrole = in.met ? ROLE_HEADER_MET : ROLE_HEADER_BELOW;
	} else if (ui->figures_ok) {
		in.figs = UI_FIGS_NONE;
	}
	ui_header_layout(&in, COLS, &h);

	ui_fill(0, 0, COLS, ROLE_HEADER);
	ui_put(0, 0, h.middle_x, ROLE_HEADER, h.site);
	ui_put(0, h.middle_x, h.figs_x - h.middle_x, ROLE_HEADER, h.middle);
	ui_put(0, h.figs_x, COLS - h.figs_x, figrole, h.figs);
}

/* Draws the status line: the last message, or a hint. */
void ui_draw_status(struct ui *ui)
{
	int y = LINES - 2;

	ui_fill(y, 0, COLS, ROLE_STATUS);
	if (ui->status[0] != '\0')
		ui_put(y, 0, COLS, ui->status_error ? ROLE_ERROR : ROLE_STATUS, ui->status);
	else
		ui_put(y, 0, COLS, ROLE_DIM, "F1 or h: help (letters act outside text fields; "
					    "Esc leaves a field)");
}

struct bar_entry {
	char key[8];
	const char *label;
	ui_key letter;
};

static size_t bar_entries(const struct ui *ui, struct bar_entry *out, size_t max)
{
	size_t n = 0;

	for (int a = 0; a < ACT_COUNT && n < max; a++) {
		const struct ui_action_info *info = ui_action_info((enum ui_action)a);
		ui_key k = info->keys[0];
		if (info->scope != SCR_ANY && info->scope != ui->screen)
			continue;
		if (k < UI_FN(KEY_F(1)) || k > UI_FN(KEY_F(63)))
			continue;
		ui_key_name(k, out[n].key, sizeof out[n].key);
		out[n].label = info->label;
		out[n].letter = 0;
		for (int j = 1; j < UI_ACTION_KEYS; j++) {
			if (ui_key_printable(info->keys[j])) {
				out[n].letter = info->keys[j];
				break;
			}
		}
		n++;
	}
	return n;
}

/* Draws the label of E with its letter key underlined where the label has
 * it; returns the columns used. */
static int put_label(int y, int x, const struct bar_entry *e)
{
	const char *l = e->label;
	int used = 0;
	bool marked = false;

	for (; *l != '\0'; l++, used++) {
		bool hit = !marked && e->letter > 0 && e->letter < 128 &&
			   (*l == e->letter || *l == e->letter - 'a' + 'A');
		marked |= hit;
		attrset(ui_role_attr(hit ? ROLE_KEY_LETTER : ROLE_KEY_LABEL));
		mvaddch(y, x + used, (chtype)(unsigned char)*l);
	}
	attrset(A_NORMAL);
	return used;
}

/* Draws the function key bar on the bottom line: "F2 Intake (i)" when the
 * terminal is wide enough, else htop's "F2Intake" with the letter key
 * underlined in the label. */
void ui_draw_keybar(struct ui *ui)
{
	struct bar_entry e[ACT_COUNT];
	size_t n = bar_entries(ui, e, ACT_COUNT);
	int y = LINES - 1, full = 0, narrow = 0;

	for (size_t i = 0; i < n; i++) {
		full += (int)(strlen(e[i].key) + strlen(e[i].label)) + (e[i].letter ? 6 : 2);
		narrow += (int)(strlen(e[i].key) + strlen(e[i].label)) + 1;
	}
	bool wide = full <= COLS;
	int spare = (COLS - (wide ? full : narrow)) / (n > 0 ? (int)n : 1);
	if (spare < 0)
		spare = 0;
	ui_fill(y, 0, COLS, ROLE_KEY_LABEL);
	int x = 0;
	for (size_t i = 0; i < n && x < COLS; i++) {
		x += ui_put(y, x, COLS - x, ROLE_KEY, e[i].key);
		if (wide) {
			char buf[64];
			if (e[i].letter)
				snprintf(buf, sizeof buf, " %s (%lc) ", e[i].label, (wint_t)e[i].letter);
			else
				snprintf(buf, sizeof buf, " %s ", e[i].label);
			x += ui_put(y, x, COLS - x, ROLE_KEY_LABEL, buf);
		} else if (x + (int)strlen(e[i].label) <= COLS) {
			x += put_label(y, x, &e[i]);
		}
		x += wide ? spare : 1 + spare;
	}
}
