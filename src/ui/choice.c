/* A choice among a few labels (Kind, Service): cycled with Space, Left and
 * Right or picked by the first letter of a label. */
#include <wctype.h>

#include "choice.h"
#include "draw.h"

/* Applies KEY to C; true when C used it. */
bool ui_choice_key(struct ui_choice *c, ui_key key)
{
	if (key == ' ' || key == UI_FN(KEY_RIGHT)) {
		c->value = (c->value + 1) % c->count;
		return true;
	}
	if (key == UI_FN(KEY_LEFT)) {
		c->value = (c->value + c->count - 1) % c->count;
		return true;
	}
	if (key > ' ' && key < 128) {
		/* The next label, after the current one, starting with KEY. */
		for (int i = 1; i <= c->count; i++) {
			int v = (c->value + i) % c->count;
			if (towlower((wint_t)c->labels[v][0]) == towlower((wint_t)key)) {
				c->value = v;
				return true;
			}
		}
	}
	return false;
}

/* Draws C as "< Label >" at Y, X, W columns wide. */
void ui_choice_draw(const struct ui_choice *c, int y, int x, int w, bool focus)
{
	enum ui_role role = focus ? ROLE_FIELD_FOCUS : ROLE_FIELD;

	ui_fill(y, x, w, role);
	ui_putf(y, x, w, role, "< %s >", c->labels[c->value]);
}
