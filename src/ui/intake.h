/* The Intake screen's state, shared by its form (view-intake.c) and its
 * list of today's items (intake-list.c). */
#ifndef POSTROOM_UI_INTAKE_H
#define POSTROOM_UI_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/dept.h"
#include "postroom/item.h"

#include "choice.h"
#include "deptpick.h"
#include "list.h"
#include "table.h"
#include "textfield.h"
#include "ui.h"

#define INTAKE_TRACKING_MAX 24 /* characters, spaces allowed */
#define INTAKE_TRAY_MAX 4      /* digits of a tray's count */

enum intake_field {
	F_DEPT,
	F_SENDER,
	F_ADDRESSEE,
	F_KIND,
	F_SERVICE,
	F_TRACKING,
	F_FLAGS,
	F_TRAY,       /* a tray of ordinary letters by count, instead of one item */
	F_COUNT
};

struct intake {
	bool in_form;               /* focus in the form, else in the list */
	enum intake_field focus;
	struct ui_deptpick dept;
	struct ui_field sender, addressee, tracking, tray;
	struct ui_choice kind, service;
	unsigned flags;
	int flag_cur;               /* the highlighted flag */
	struct ui_table today;      /* today's items, newest first (paged) */
};

/* The screen's mode: the form or the list. */
enum ui_mode intake_mode(const struct intake *in);
/* Reads the count of today's items and the rows that show in AREA below
 * relative row Y. */
void intake_list_refresh(struct ui *ui, struct intake *in, const struct ui_rect *area, int y);
/* Sets up the list (once, when the screen opens). */
void intake_list_init(struct intake *in);
/* Draws the list of today's items into AREA from relative row Y. */
void intake_list_draw(struct intake *in, const struct ui_rect *area, int y);
/* Scrolls back to the newest item and selects it. */
void intake_list_top(struct intake *in);
/* Moves in the list; true when ACT is a movement. */
bool intake_list_move(struct intake *in, enum ui_action act);
/* The reference of the selected item, or NULL with a message. */
const char *intake_list_selected(struct ui *ui, struct intake *in);
/* Opens a popup with the selected item and its history. */
void intake_list_show(struct ui *ui, struct intake *in);
/* Frees the list's rows. */
void intake_list_free(struct intake *in);

#endif
