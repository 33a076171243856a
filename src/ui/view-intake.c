/* F2 Intake: the keyboard-only form that logs an incoming item, above the
 * list of today's items (intake-list.c).
 *
 * Department is picked by typing part of its name or code: the matches show
 * beside the form, Up/Down choose, Tab accepts. Enter saves from any field,
 * so a barcode scanner that types a tracking number and Enter just works.
 * Esc leaves the form for the list; Tab or n comes back. With auto_batch
 * set (the default) each item that is not an exception goes straight into
 * its department's open batch. On the list, e and H mark an exception and
 * hand one over (desk.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/dept.h"
#include "postroom/intake.h"
#include "postroom/item.h"

#include "desk.h"
#include "draw.h"
#include "intake.h"
#include "textfield.h"

#define LABEL_W 12
#define CHOICE_W 20

#define KIND_LABEL(name, cli, label) label,
static const char *const kind_labels[] = { PR_KIND_LIST(KIND_LABEL) };
#undef KIND_LABEL
#define SERVICE_LABEL(name, cli, label) label,
static const char *const service_labels[] = { PR_SERVICE_LIST(SERVICE_LABEL) };
#undef SERVICE_LABEL

struct flag_info {
	unsigned bit;
	const char *name;
	bool exception;
};
#define FLAG_ROW(name_, bit_, cli, label, exc) { bit_, cli, exc },
static const struct flag_info flag_table[] = { PR_FLAG_LIST(FLAG_ROW) };
#undef FLAG_ROW
#define FLAG_N ((int)(sizeof flag_table / sizeof flag_table[0]))

static const char *const field_names[F_COUNT] = {
	"Department", "Sender", "Addressee", "Kind", "Service", "Tracking", "Flags", "Tray of",
};

static struct ui_field *text_field(struct intake *in, enum intake_field f)
{
	switch (f) {
	case F_DEPT: return &in->dept.field;
	case F_SENDER: return &in->sender;
	case F_ADDRESSEE: return &in->addressee;
	case F_TRACKING: return &in->tracking;
	case F_TRAY: return &in->tray;
	default: return NULL;
	}
}

static void form_reset(struct intake *in)
{
	ui_deptpick_init(&in->dept);
	ui_field_init(&in->sender, PR_PARTY_MAX);
	ui_field_init(&in->addressee, PR_PARTY_MAX);
	ui_field_init(&in->tracking, INTAKE_TRACKING_MAX);
	ui_field_init(&in->tray, INTAKE_TRAY_MAX);
	in->kind = (struct ui_choice){ PR_KIND_LETTER, PR_KIND_COUNT, kind_labels };
	in->service = (struct ui_choice){ PR_SERVICE_STANDARD, PR_SERVICE_COUNT, service_labels };
	in->flags = 0;
	in->flag_cur = 0;
	in->focus = F_DEPT;
	in->in_form = true;
}

static void intake_open(struct ui *ui, struct view *view)
{
	struct intake *in = view->priv;

	(void)ui;
	form_reset(in);
	intake_list_init(in);
}

static void draw_matches(struct ui *ui, struct intake *in, int y, int x, int w, int rows)
{
	bool focus = in->in_form && in->focus == F_DEPT;

	(void)ui;
	ui_deptpick_draw(&in->dept, y, x, w, rows, focus);
	if (focus)
		return;

	const char *hint[4] = { NULL, NULL, NULL, NULL };
	switch (in->in_form ? in->focus : F_COUNT) {
	case F_SENDER:
	case F_ADDRESSEE:
		hint[0] = "Up to 120 characters.";
		break;
	case F_KIND:
		hint[0] = "Space, Left, Right, or the";
		hint[1] = "first letter: l, p.";
		break;
	case F_SERVICE:
		hint[0] = "Space, Left, Right, or the";
		hint[1] = "first letter: s, r.";
		break;
	case F_TRACKING:
		hint[0] = "Royal Mail number, e.g.";
		hint[1] = "AB123456789GB: needed for";
		hint[2] = "recorded and special delivery.";
		break;
	case F_TRAY:
		hint[0] = "Empty for one item; or how";
		hint[1] = "many ordinary letters in the";
		hint[2] = "tray (1-2000), indexed later.";
		break;
	case F_FLAGS:
		hint[0] = "Left/Right choose, Space";
		hint[1] = "toggles; or p r l b u d, 1-6.";
		hint[2] = "private..bulky: not scanned.";
		break;
	default:
		break;
	}
	for (int i = 0; i < 4 && hint[i] != NULL && i + 2 < rows; i++)
		ui_put(y + 2 + i, x, w, ROLE_DIM, hint[i]);
}

static void draw_flags(struct intake *in, int y, int x, int w)
{
	bool focus = in->in_form && in->focus == F_FLAGS;
	int used = 0;

	for (int i = 0; i < FLAG_N && used < w; i++) {
		bool on = (in->flags & flag_table[i].bit) != 0;
		enum ui_role role = focus && i == in->flag_cur ? ROLE_FIELD_FOCUS
				    : on ? ROLE_CHOICE_ON : ROLE_NORMAL;
		char buf[40];
		snprintf(buf, sizeof buf, "[%c]%s", on ? 'x' : ' ', flag_table[i].name);
		used += ui_put(y, x + used, w - used, role, buf) + 1;
	}
}

static void intake_refresh(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct intake *in = view->priv;

	ui_deptpick_update(ui, &in->dept);
	intake_list_refresh(ui, in, area, F_COUNT);
}

static void intake_draw(struct ui *ui, struct view *view, const struct ui_rect *area)
{
	struct intake *in = view->priv;
	int panel_x = area->w >= 100 ? area->w * 55 / 100 : 48;
	int fx = area->x + LABEL_W, fw = panel_x - LABEL_W - 2;

	for (int f = 0; f < F_COUNT; f++) {
		bool focus = in->in_form && in->focus == (enum intake_field)f;
		int y = area->y + f;
		ui_putf(y, area->x, LABEL_W, focus ? ROLE_TITLE : ROLE_LABEL, "%c%s",
			focus ? '>' : ' ', field_names[f]);
		struct ui_field *tf = text_field(in, (enum intake_field)f);
		if (tf != NULL)
			ui_field_draw(ui, tf, y, fx, f == F_TRACKING ? INTAKE_TRACKING_MAX + 1
						     : f == F_TRAY ? INTAKE_TRAY_MAX + 1 : fw,
				      focus);
		else if (f == F_KIND)
			ui_choice_draw(&in->kind, y, fx, CHOICE_W, focus);
		else if (f == F_SERVICE)
			ui_choice_draw(&in->service, y, fx, CHOICE_W, focus);
		else
			draw_flags(in, y, fx, area->w - LABEL_W - 1);
	}
	draw_matches(ui, in, area->y, area->x + panel_x, area->w - panel_x - 1, F_COUNT - 1);
	intake_list_draw(in, area, F_COUNT);
}

/* The form field of the input a core error is about (pr_error.field). */
static enum intake_field fault_field(const pr_error *err, enum intake_field dflt)
{
	static const struct {
		const char *name;
		enum intake_field field;
	} fields[] = {
		{ PR_FIELD_DEPT, F_DEPT }, { PR_FIELD_SENDER, F_SENDER },
		{ PR_FIELD_ADDRESSEE, F_ADDRESSEE }, { PR_FIELD_KIND, F_KIND },
		{ PR_FIELD_SERVICE, F_SERVICE }, { PR_FIELD_TRACKING, F_TRACKING },
		{ PR_FIELD_FLAGS, F_FLAGS }, { PR_FIELD_COUNT, F_TRAY },
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(err->field, fields[i].name) == 0)
			return fields[i].field;
	return dflt;
}

/* Logs the tray of COUNT letters the form asks for. */
static int save_tray(struct ui *ui, struct intake *in, const char *dept, const char *count,
		     bool item_fields)
{
	char *end;
	long n = strtol(count, &end, 10);
	pr_error err;
	if (*end || end == count || n < 1 || n > PR_TRAY_MAX) {
		ui_message(ui, true, "Tray of: a number of letters from 1 to %d", PR_TRAY_MAX);
		in->focus = F_TRAY;
		return UI_REDRAW;
	}
	if (item_fields) {
		ui_message(ui, true, "A tray by count is ordinary letters: leave sender, addressee, "
			   "service, tracking and flags as they are");
		in->focus = F_TRAY;
		return UI_REDRAW;
	}
	pr_tray tray;
	if (pr_intake_tray(ui->db, dept, n, 0, &tray, &err) != PR_OK) {
		ui_error(ui, &err);
		in->focus = fault_field(&err, in->focus);
		return UI_REDRAW;
	}
	ui_message(ui, false, "Logged a tray of %ld for %s in batch %s: %s to %s", tray.count,
		   dept, tray.batch_ref, tray.first_ref, tray.last_ref);
	form_reset(in);
	intake_list_top(in);
	return UI_RELOAD | UI_REDRAW;
}

static int save(struct ui *ui, struct intake *in)
{
	char sender[PR_PARTY_MAX * 4 + 1], addressee[PR_PARTY_MAX * 4 + 1];
	char tracking[INTAKE_TRACKING_MAX * 4 + 1], dept[PR_DEPT_NAME_MAX * 4 + 1];
	pr_item out;
	pr_error err;

	ui_deptpick_update(ui, &in->dept);
	snprintf(dept, sizeof dept, "%s", ui_deptpick_chosen(&in->dept));
	char count[INTAKE_TRAY_MAX * 4 + 1];
	if (!ui_field_utf8(&in->sender, sender, sizeof sender) ||
	    !ui_field_utf8(&in->addressee, addressee, sizeof addressee) ||
	    !ui_field_utf8(&in->tracking, tracking, sizeof tracking) ||
	    !ui_field_utf8(&in->tray, count, sizeof count)) {
		ui_message(ui, true, "The text cannot be written in this terminal's character set");
		return UI_REDRAW;
	}
	if (count[0])
		return save_tray(ui, in, dept, count,
				 sender[0] || addressee[0] || tracking[0] || in->flags ||
				 in->service.value != PR_SERVICE_STANDARD ||
				 in->kind.value != PR_KIND_LETTER);
	pr_item_new item = {
		.dept_code = dept,
		.sender = sender,
		.addressee = addressee,
		.kind = (pr_kind)in->kind.value,
		.service = (pr_service)in->service.value,
		.tracking = tracking[0] ? tracking : NULL,
		.flags = in->flags,
	};
	/* With auto_batch the core puts it in the department's open batch
	 * (opening one) in the same transaction, unless it is an exception. */
	if (pr_intake_log(ui->db, &item, ui->app->cfg.auto_batch, &out, &err) != PR_OK) {
		ui_error(ui, &err);
		in->focus = fault_field(&err, in->focus);
		in->in_form = true;
		return UI_REDRAW;
	}
	bool exception = false;
	for (int i = 0; i < FLAG_N; i++)
		exception |= (out.flags & flag_table[i].bit) && flag_table[i].exception;
	if (out.batch_ref[0])
		ui_message(ui, false, "Logged %s for %s, in batch %s", out.ref, out.dept_code,
			   out.batch_ref);
	else
		ui_message(ui, false, "Logged %s for %s%s", out.ref, out.dept_code,
			   exception ? " - an exception: not for scanning, hand it over" : "");
	form_reset(in);
	intake_list_top(in);
	return UI_RELOAD | UI_REDRAW;
}

static void move_focus(struct ui *ui, struct intake *in, int step)
{
	/* Tab accepts the chosen department: its code fills the field. */
	if (in->focus == F_DEPT && step > 0)
		ui_deptpick_accept(ui, &in->dept);
	in->focus = (enum intake_field)(((int)in->focus + step + F_COUNT) % F_COUNT);
}

static int flags_key(struct ui *ui, struct intake *in, ui_key key)
{
	int pick = -1;

	if (key == UI_FN(KEY_LEFT)) {
		in->flag_cur = (in->flag_cur + FLAG_N - 1) % FLAG_N;
		return UI_REDRAW;
	}
	if (key == UI_FN(KEY_RIGHT)) {
		in->flag_cur = (in->flag_cur + 1) % FLAG_N;
		return UI_REDRAW;
	}
	if (key == ' ')
		pick = in->flag_cur;
	else if (key >= '1' && key < '1' + FLAG_N)
		pick = key - '1';
	else
		for (int i = 0; i < FLAG_N && pick < 0; i++)
			if (key < 128 && tolower(key) == flag_table[i].name[0])
				pick = i;
	if (pick < 0) {
		ui_message(ui, true, "Flags: Space toggles the highlighted one; or p r l b u d, 1-6");
		return UI_REDRAW;
	}
	in->flags ^= flag_table[pick].bit;
	in->flag_cur = pick;
	return UI_REDRAW;
}

/* Keys while the focus is in the form. */
static int form_key(struct ui *ui, struct intake *in, enum ui_action act, ui_key key)
{
	struct ui_field *tf = text_field(in, in->focus);

	switch (act) {
	case ACT_SAVE:
		return save(ui, in);
	case ACT_NEXT_FIELD:
		move_focus(ui, in, 1);
		return UI_REDRAW;
	case ACT_PREV_FIELD:
		move_focus(ui, in, -1);
		return UI_REDRAW;
	case ACT_BACK:
		in->in_form = false;
		return UI_REDRAW;
	case ACT_UP:
	case ACT_DOWN:
		if (in->focus == F_DEPT && ui_deptpick_move(&in->dept, act))
			return UI_REDRAW;
		if (act == ACT_UP && in->focus > F_DEPT) {
			in->focus--;
		} else if (act == ACT_DOWN && in->focus + 1 < F_COUNT) {
			move_focus(ui, in, 1);
		}
		return UI_REDRAW;
	case ACT_PGUP:
	case ACT_PGDN:
		intake_list_move(in, act);
		return UI_REDRAW;
	case ACT_HOME:
	case ACT_END:
		if (tf == NULL) {
			intake_list_move(in, act);
			return UI_REDRAW;
		}
		break;
	default:
		break;
	}
	if (tf != NULL) {
		bool full = false;
		if (ui_field_key(tf, key, &full) && full)
			ui_message(ui, true, "%s is limited to %zu characters", field_names[in->focus],
				   tf->max);
		return UI_REDRAW;
	}
	if (in->focus == F_FLAGS)
		return flags_key(ui, in, key);
	struct ui_choice *c = in->focus == F_KIND ? &in->kind : &in->service;
	if (!ui_choice_key(c, key))
		ui_message(ui, true, "%s: Space, Left or Right changes it, or type a first letter",
			   field_names[in->focus]);
	return UI_REDRAW;
}

static int intake_key(struct ui *ui, struct view *view, enum ui_action act, ui_key key)
{
	struct intake *in = view->priv;

	if (in->in_form)
		return form_key(ui, in, act, key);
	switch (act) {
	case ACT_SAVE:
		intake_list_show(ui, in);
		return UI_REDRAW;
	case ACT_EXCEPTION:
	case ACT_HAND_OVER: {
		const char *ref = intake_list_selected(ui, in);
		if (ref != NULL && act == ACT_EXCEPTION)
			ui_desk_exception(ui, ref);
		else if (ref != NULL)
			ui_desk_handover(ui, ref);
		return UI_REDRAW;
	}
	case ACT_NEXT_FIELD:
	case ACT_NEW_ITEM:
	case ACT_PREV_FIELD:
		in->in_form = true;
		in->focus = F_DEPT;
		return UI_REDRAW;
	default:
		if (intake_list_move(in, act))
			return UI_REDRAW;
		return UI_OK;
	}
}

/* The form or the list. */
enum ui_mode intake_mode(const struct intake *in)
{
	return in->in_form ? UIM_INTAKE_FORM : UIM_INTAKE_LIST;
}

static enum ui_mode intake_view_mode(const struct ui *ui, const struct view *view)
{
	(void)ui;
	return intake_mode(view->priv);
}

static bool intake_text_focus(const struct ui *ui, const struct view *view)
{
	const struct intake *in = view->priv;

	(void)ui;
	return in->in_form;
}

static void intake_done(struct ui *ui, struct view *view)
{
	(void)ui;
	intake_list_free(view->priv);
}

const struct view_ops view_intake_ops = {
	.priv_size = sizeof(struct intake),
	.open = intake_open,
	.refresh = intake_refresh,
	.draw = intake_draw,
	.key = intake_key,
	.text_focus = intake_text_focus,
	.mode = intake_view_mode,
	.done = intake_done,
};
