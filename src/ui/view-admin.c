/* F8 Admin: the departments (pr_dept_list) and the operators
 * (pr_operator_list), read-only and scrollable. */
#include <stdio.h>

#include "postroom/dept.h"
#include "postroom/operator.h"

#include "draw.h"
#include "fit.h"
#include "lines.h"
#include "list.h"
#include "ui.h"

struct admin {
	struct ui_lines lines;
	struct ui_list list;
	unsigned gen;
	int width;     /* the width the lines were laid out for */
	size_t ndept, nop;
};

/* Column widths for a line of WIDTH columns: the name and the mailbox share
 * what the fixed columns leave. */
static void widths(int width, int *name, int *mail)
{
	int rest = width - 2 - 13 - 1 - 9;
	*name = rest * 5 / 9;
	*mail = rest - *name - 1;
}

static void add_row(struct admin *a, const char *c1, int w1, const char *c2, const char *c3,
		    const char *c4)
{
	char f1[64], f2[1024], f3[1024];
	int wn, wm;

	widths(a->width, &wn, &wm);
	ui_fit(f1, sizeof f1, c1, w1);
	ui_fit(f2, sizeof f2, c2, wn);
	ui_fit(f3, sizeof f3, c3, wm);
	ui_lines_add(&a->lines, " %s %s %s %s", f1, f2, f3, c4);
}

static bool add_dept(const pr_dept *d, void *ud)
{
	struct admin *a = ud;

	add_row(a, d->code, 12, d->name, d->email, d->active ? "active" : "inactive");
	a->ndept++;
	return true;
}

static bool add_operator(const pr_operator *op, void *ud)
{
	struct admin *a = ud;
	const char *role = pr_role_name(op->role);

	add_row(a, op->login, 12, op->name[0] ? op->name : "-", role ? role : "?",
		op->active ? "active" : "inactive");
	a->nop++;
	return true;
}

static void load(struct ui *ui, struct admin *a, int width)
{
	pr_error err;
	size_t at;

	if (a->gen == ui->generation && a->width == width)
		return;
	a->gen = ui->generation;
	a->width = width;
	ui_lines_clear(&a->lines);
	a->ndept = a->nop = 0;
	ui_lines_add(&a->lines, "#Departments");
	at = a->lines.n - 1;
	add_row(a, "Code", 12, "Name", "Team mailbox", "State");
	if (pr_dept_list(ui->db, add_dept, a, &err) != PR_OK)
		ui_error(ui, &err);
	if (a->ndept == 0)
		ui_lines_add(&a->lines, "  (no departments yet: postroom dept add CODE --name N --email A)");
	ui_lines_set(&a->lines, at, "#Departments (%zu)", a->ndept);
	ui_lines_add(&a->lines, "%s", "");
	at = a->lines.n;
	ui_lines_add(&a->lines, "#Operators");
	add_row(a, "Login", 12, "Name", "Role", "State");
	if (pr_operator_list(ui->db, add_operator, a, &err) != PR_OK)
		ui_error(ui, &err);
	if (a->nop == 0)
		ui_lines_add(&a->lines, "  (no operators yet)");
	ui_lines_set(&a->lines, at, "#Operators (%zu)", a->nop);
	ui_lines_add(&a->lines, "%s", "");
	ui_lines_add(&a->lines, "Adding and changing departments, recipients, operators and targets "
				"from the console is not in this version yet.");
}

static void admin_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	load(ui, view->priv, area->w - 2);
}

static void admin_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct admin *a = view->priv;
	char pos[64];

	(void)ui;
	ui_lines_page(&a->lines, &a->list, area, pos, sizeof pos);
	ui_putf(area->y, area->x + 1, area->w - 2, ROLE_TITLE,
		"Admin - departments and operators (lines %s; Up, Down, PgUp, PgDn)", pos);
}

static int admin_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	struct admin *a = view->priv;

	(void)ui;
	(void)key;
	return ui_list_move(&a->list, act) ? UI_REDRAW : UI_OK;
}

static void admin_done(struct ui *ui, struct view *view)
{
	struct admin *a = view->priv;

	(void)ui;
	ui_lines_clear(&a->lines);
}

const struct view_ops view_admin_ops = {
	.priv_size = sizeof(struct admin),
	.refresh = admin_refresh,
	.draw = admin_draw,
	.key = admin_key,
	.done = admin_done,
};
