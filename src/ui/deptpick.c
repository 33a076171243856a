/* A department picked by typing part of its name or code: the core's
 * pr_dept_search gives the best matches, read again only when the text or
 * the database changed. */
#include <string.h>

#include "deptpick.h"
#include "draw.h"
#include "textfield.h"

/* Empties P. */
void ui_deptpick_init(struct ui_deptpick *p)
{
	memset(p, 0, sizeof *p);
	ui_field_init(&p->field, PR_DEPT_NAME_MAX);
}

/* Re-reads the matches when needed. */
void ui_deptpick_update(struct ui *ui, struct ui_deptpick *p)
{
	char q[sizeof p->query];
	pr_error err;

	if (!ui_field_utf8(&p->field, q, sizeof q))
		q[0] = '\0';
	if (p->valid && p->gen == ui->generation && strcmp(q, p->query) == 0)
		return;
	bool same_query = strcmp(q, p->query) == 0;
	memcpy(p->query, q, sizeof q);
	p->gen = ui->generation;
	p->valid = true;
	if (!same_query)
		p->sel = 0;
	if (pr_dept_search(ui->db, q, p->matches, UI_DEPTPICK_MAX, &p->nmatch, &err) != PR_OK) {
		p->nmatch = 0;
		ui_error(ui, &err);
	}
	if (p->sel >= p->nmatch)
		p->sel = 0;
}

/* The chosen match's code, else the text. */
const char *ui_deptpick_chosen(const struct ui_deptpick *p)
{
	if (p->field.len > 0 && p->nmatch > 0)
		return p->matches[p->sel].code;
	return p->query;
}

/* Up/Down through the matches. */
bool ui_deptpick_move(struct ui_deptpick *p, enum ui_action act)
{
	if (p->nmatch == 0 || (act != ACT_UP && act != ACT_DOWN))
		return false;
	if (act == ACT_UP)
		p->sel = p->sel > 0 ? p->sel - 1 : p->nmatch - 1;
	else
		p->sel = (p->sel + 1) % p->nmatch;
	return true;
}

/* The field takes the chosen code. */
void ui_deptpick_accept(struct ui *ui, struct ui_deptpick *p)
{
	if (p->field.len == 0)
		return;
	ui_deptpick_update(ui, p);
	if (p->nmatch > 0) {
		ui_field_set(&p->field, p->matches[p->sel].code);
		ui_deptpick_update(ui, p);
	}
}

/* Draws the matches or the choice. */
int ui_deptpick_draw(const struct ui_deptpick *p, int y, int x, int w, int rows, bool focus)
{
	if (rows < 1)
		return 0;
	if (!focus) {
		if (p->field.len > 0 && p->nmatch > 0)
			ui_putf(y, x, w, ROLE_CHOICE_ON, "-> %s %s", p->matches[p->sel].code,
				p->matches[p->sel].name);
		else if (p->field.len > 0)
			ui_put(y, x, w, ROLE_ERROR, "No department matches");
		return 1;
	}
	if (p->field.len == 0)
		ui_put(y, x, w, ROLE_LABEL, "Departments (type part of a name or code):");
	else
		ui_putf(y, x, w, ROLE_LABEL, "Matching \"%s\" (Up/Down, Tab):", p->query);
	int used = 1;
	if (p->nmatch == 0 && p->field.len > 0 && rows > 1)
		ui_put(y + used++, x, w, ROLE_ERROR, "No department matches");
	for (size_t i = 0; i < p->nmatch && used < rows; i++, used++) {
		bool sel = i == p->sel;
		enum ui_role role = sel ? ROLE_MATCH_SEL : ROLE_MATCH;
		ui_fill(y + used, x, w, role);
		ui_putf(y + used, x, w, role, "%s %-6s %s", sel ? ">" : " ", p->matches[i].code,
			p->matches[i].name);
	}
	return used;
}
