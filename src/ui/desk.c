/* Exceptions at the desk, from the Intake list and a batch's items: an
 * item marked as an exception with a reason picked from the usual ones or
 * typed (pr_item_exception), and an exception handed over to a named
 * person, whose name and the time stand as the signature
 * (pr_item_handover). The core refuses what cannot be done (an item
 * already scanned; a hand-over of an item that is no exception) and the
 * refusal is shown as it is. Also the item popup both lists open. */
#include <stdio.h>
#include <string.h>

#include "postroom/audit.h"
#include "postroom/clock.h"
#include "postroom/item.h"

#include "ask.h"
#include "desk.h"
#include "popup.h"
#include "ui.h"

/* The reasons offered; the last asks for one typed. */
static const char *const reasons[] = {
	"Private & confidential",
	"Remittance (cheque/cash)",
	"Legal original",
	"Bulky",
	"Returned to sender",
	"Misdirected",
	"Other: type the reason",
};
#define REASON_N ((int)(sizeof reasons / sizeof reasons[0]))

static int mark(struct ui *ui, const char *ref, const char *reason)
{
	pr_item it;
	pr_error err;

	if (pr_item_exception(ui->db, ref, reason, &it, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	ui_message(ui, false, "%s is an exception: %s - not for scanning, hand it over (H)",
		   it.ref, it.exception_reason);
	return UI_RELOAD | UI_REDRAW;
}

static int typed_reason(struct ui *ui, const char *ref, int choice, const char *text)
{
	(void)choice;
	if (text[0] == '\0') {
		ui_message(ui, true, "No reason given: %s not changed", ref);
		return UI_REDRAW;
	}
	return mark(ui, ref, text);
}

static int picked_reason(struct ui *ui, const char *ref, int choice, const char *text)
{
	char prompt[96];

	(void)text;
	if (choice == REASON_N - 1) {
		snprintf(prompt, sizeof prompt, "Why is %s an exception?", ref);
		ui_ask_text(ui, "Exception: the reason", prompt, PR_REASON_MAX, typed_reason, ref);
		return UI_REDRAW;
	}
	return mark(ui, ref, reasons[choice]);
}

/* Asks the reason, then marks REF. */
void ui_desk_exception(struct ui *ui, const char *ref)
{
	char prompt[96];

	snprintf(prompt, sizeof prompt, "%s is an exception, not to be scanned, because:", ref);
	ui_ask_choice(ui, "Mark as an exception", prompt, reasons, REASON_N, picked_reason, ref);
}

static int handed(struct ui *ui, const char *ref, int choice, const char *text)
{
	pr_item it;
	pr_error err;
	char hhmm[6];

	(void)choice;
	if (text[0] == '\0') {
		ui_message(ui, true, "No name given: %s not handed over", ref);
		return UI_REDRAW;
	}
	if (pr_item_handover(ui->db, ref, text, &it, &err) != PR_OK) {
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	pr_time_hhmm(it.handed_at ? it.handed_at : pr_now(), hhmm);
	ui_message(ui, false, "%s handed over to %s at %s (signed)", it.ref, it.handed_to, hhmm);
	return UI_RELOAD | UI_REDRAW;
}

/* Asks who takes REF, then records the hand-over. */
void ui_desk_handover(struct ui *ui, const char *ref)
{
	char prompt[96];

	snprintf(prompt, sizeof prompt, "Hand %s over to (their name, as they sign):", ref);
	ui_ask_text(ui, "Hand over an exception", prompt, PR_REASON_MAX, handed, ref);
}

static void flags_text(unsigned flags, char *out, size_t cap)
{
	size_t used = 0;

	out[0] = '\0';
#define FLAG_TEXT(name, bit, cli, label, exc)                                  \
	if ((flags & (bit)) && used < cap)                                      \
		used += (size_t)snprintf(out + used, cap - used, "%s%s",        \
					 used ? ", " : "", label);
	PR_FLAG_LIST(FLAG_TEXT)
#undef FLAG_TEXT
	if (used == 0)
		snprintf(out, cap, "none");
}

/* T as "YYYY-MM-DD HH:MM". */
void ui_time_text(pr_time t, char out[PR_TIME_LEN])
{
	pr_time_format(t, out);
	if (strlen(out) > 16)
		out[16] = '\0';
	char *tee = strchr(out, 'T');
	if (tee != NULL)
		*tee = ' ';
}

static bool add_event(const pr_audit_event *ev, void *ud)
{
	struct ui *ui = ud;
	char at[PR_TIME_LEN];

	ui_time_text(ev->at, at);
	ui_popup_add(ui, "%s  %-10s %s -> %s%s%s", at, ev->actor,
		     ev->from_state[0] ? ev->from_state : "(new)", ev->to_state,
		     ev->reason[0] ? "  " : "", ev->reason);
	return true;
}

/* Opens a popup with item REF and its audit history. */
void ui_item_popup(struct ui *ui, const char *ref)
{
	pr_item it;
	pr_error err;
	char at[PR_TIME_LEN], flags[256];

	if (pr_item_get(ui->db, ref, &it, &err) != PR_OK) {
		ui_error(ui, &err);
		return;
	}
	const char *kind = pr_kind_label(it.kind), *service = pr_service_label(it.service);
	const char *status = pr_item_status_name(it.status);
	ui_popup_open(ui, it.ref);
	ui_popup_add(ui, "Department  %s  %s", it.dept_code, it.dept_name);
	ui_popup_add(ui, "Sender      %s", it.sender);
	ui_popup_add(ui, "Addressee   %s", it.addressee);
	ui_popup_add(ui, "Kind        %s, %s", kind ? kind : "?", service ? service : "?");
	if (it.tracking[0])
		ui_popup_add(ui, "Tracking    %s", it.tracking);
	flags_text(it.flags, flags, sizeof flags);
	ui_popup_add(ui, "Flags       %s", flags);
	ui_popup_add(ui, "Status      %s", status ? status : "?");
	ui_time_text(it.received_at, at);
	ui_popup_add(ui, "Received    %s by %s", at, it.logged_by);
	if (it.batch_ref[0])
		ui_popup_add(ui, "Batch       %s", it.batch_ref);
	if (it.scanned_at) {
		ui_time_text(it.scanned_at, at);
		ui_popup_add(ui, "Scanned     %s", at);
	}
	if (it.emailed_at) {
		ui_time_text(it.emailed_at, at);
		ui_popup_add(ui, "Emailed     %s", at);
	}
	if (it.exception_reason[0])
		ui_popup_add(ui, "Exception   %s", it.exception_reason);
	if (it.handed_to[0]) {
		ui_time_text(it.handed_at, at);
		ui_popup_add(ui, "Handed to   %s, %s", it.handed_to, at);
	}
	ui_popup_add(ui, "%s", "");
	ui_popup_add(ui, "#History");
	if (pr_item_history(ui->db, it.ref, add_event, ui, &err) != PR_OK)
		ui_popup_add(ui, "(history unavailable: %s)", err.msg);
}

