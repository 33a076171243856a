/* Picking a department by typing part of its name or code (deptpick.c):
 * a text field and the best matches under it, chosen with Up/Down and
 * taken with Tab. The Intake form and the Batches screen's "new batch"
 * form both use it. */
#ifndef POSTROOM_UI_DEPTPICK_H
#define POSTROOM_UI_DEPTPICK_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/dept.h"

#include "textfield.h"
#include "ui.h"

#define UI_DEPTPICK_MAX 5

struct ui_deptpick {
	struct ui_field field;
	pr_dept matches[UI_DEPTPICK_MAX];
	size_t nmatch, sel;
	char query[PR_DEPT_NAME_MAX * 4 + 1]; /* the text the matches are for */
	unsigned gen;                         /* ui->generation they were read at */
	bool valid;
};

/* Empties P. */
void ui_deptpick_init(struct ui_deptpick *p);
/* Re-reads the matches when the field or the database changed. */
void ui_deptpick_update(struct ui *ui, struct ui_deptpick *p);
/* The department P stands for: the chosen match's code, else the text
 * typed (so the core names an unknown one). Call after update. */
const char *ui_deptpick_chosen(const struct ui_deptpick *p);
/* Up or Down through the matches; true when ACT moved the choice. */
bool ui_deptpick_move(struct ui_deptpick *p, enum ui_action act);
/* Tab: the field takes the chosen match's code. */
void ui_deptpick_accept(struct ui *ui, struct ui_deptpick *p);
/* Draws the matches in ROWS rows from Y, X, W columns: with FOCUS a
 * heading and the list (the choice marked ">"), else the chosen one
 * ("-> ASC Adult Social Care") or that none matches. Returns the rows
 * used. */
int ui_deptpick_draw(const struct ui_deptpick *p, int y, int x, int w, int rows, bool focus);

#endif
