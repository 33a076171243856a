/* The console's one table of actions: every key binding, the function key
 * bar and the help screen are generated from UI_ACTION_LIST below, so the
 * three never disagree.
 *
 * Keys are ui_key values: a character (Unicode code point) or UI_FN(KEY_*)
 * for a curses function key. A printable key ("letter") is looked up only
 * when the focus is not in a form field; function keys, Tab, Enter and Esc
 * always are. */
#ifndef POSTROOM_UI_ACTIONS_H
#define POSTROOM_UI_ACTIONS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "screens.h"

/* A key as read from the terminal: a Unicode character, or a curses KEY_*
 * code offset past the last code point. */
typedef int ui_key;
#define UI_FN(k) (0x110000 + (k))
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27
#define UI_ENTER '\n'
#define UI_TAB '\t'

/* Modes of the screens: which of a screen's actions its hint lines offer
 * (UI_HINT_LIST). A view says which mode it is in (view_ops.mode). */
#define UI_MODE_LIST(M) \
	M(UIM_NONE)           /* no hints */ \
	M(UIM_INTAKE_FORM)    /* the focus in the Intake form */ \
	M(UIM_INTAKE_LIST)    /* in today's list */ \
	M(UIM_BATCHES_NONE)   /* Batches: no batch listed */ \
	M(UIM_BATCHES_OPEN)   /* in the batches, an open one selected */ \
	M(UIM_BATCHES_CLOSED) /* in the batches, a closed one selected */ \
	M(UIM_ITEMS_OPEN)     /* in the items of an open batch */ \
	M(UIM_ITEMS_CLOSED)   /* in the items of a closed batch */ \
	M(UIM_BATCH_SCAN)     /* the scan line */ \
	M(UIM_BATCH_NEW)      /* the new-batch form */ \
	M(UIM_BATCH_PICK)     /* the unbatched items */ \
	M(UIM_REPORTS_ALL)    /* the dashboard of all departments */ \
	M(UIM_REPORTS_DEPT)   /* one department's */ \
	M(UIM_REPORTS_FORM)   /* the target form */ \
	M(UIM_SCAN_FILES)     /* Scan: today's files */ \
	M(UIM_SCAN_PROBLEMS)  /* the open scan problems */ \
	M(UIM_SCAN_QUARANTINE) /* the quarantined files */ \
	M(UIM_SCAN_ITEMS)     /* the items scanned today */ \
	M(UIM_SCAN_REVIEW)    /* an item's page review */ \
	M(UIM_SCAN_INDEX)     /* the index form beside the preview */ \
	M(UIM_ASK_TEXT)       /* a question answered in text */ \
	M(UIM_ASK_CHOICE)     /* a question with answers to choose */

#define UI_MODE_ENUM(id) id,
enum ui_mode { UI_MODE_LIST(UI_MODE_ENUM) UIM_COUNT };
#undef UI_MODE_ENUM

/* A(id, scope, opens, key1, key2, key3, label, help)
 *   scope  the screen the action belongs to, SCR_ANY for global ones
 *   opens  the screen the action shows, SCR_ANY when it shows none
 *   keys   up to three; 0 for none. A function key first puts the action
 *          on the key bar.
 * Keep one action a line: tests/ui/help.sh reads this table. */
#define UI_ACTION_LIST(A) \
A(HELP, SCR_ANY, SCR_HELP, UI_FN(KEY_F(1)), 'h', '?', "Help", "This help: this screen's keys and global ones") \
A(INTAKE, SCR_ANY, SCR_INTAKE, UI_FN(KEY_F(2)), 'i', 0, "Intake", "Log incoming post; today's items") \
A(BATCHES, SCR_ANY, SCR_BATCHES, UI_FN(KEY_F(3)), 'b', 0, "Batches", "Make up, print the sheets of and close scan batches") \
A(SCAN, SCR_ANY, SCR_SCAN, UI_FN(KEY_F(4)), 's', 0, "Scan", "The hot folder and worker, files in progress, scan problems, page review") \
A(ROUTING, SCR_ANY, SCR_ROUTING, UI_FN(KEY_F(5)), 'm', 0, "Routing", "Scanned items waiting to be emailed") \
A(OUTBOUND, SCR_ANY, SCR_OUTBOUND, UI_FN(KEY_F(6)), 'o', 0, "Outbound", "Outbound post; exceptions to hand over") \
A(REPORTS, SCR_ANY, SCR_REPORTS, UI_FN(KEY_F(7)), 'r', 0, "Reports", "The supervisor's dashboard: scanned % against target, backlog") \
A(ADMIN, SCR_ANY, SCR_ADMIN, UI_FN(KEY_F(8)), 'a', 0, "Admin", "Departments and operators") \
A(QUIT, SCR_ANY, SCR_ANY, UI_FN(KEY_F(10)), 'q', 0, "Quit", "Leave postroom") \
A(BACK, SCR_ANY, SCR_ANY, UI_ESC, 0, 0, "Back", "Leave the form; close a window or help") \
A(REDRAW, SCR_ANY, SCR_ANY, UI_CTRL('l'), 0, 0, "Redraw", "Redraw the whole screen") \
A(UP, SCR_ANY, SCR_ANY, UI_FN(KEY_UP), 0, 0, "Up", "Previous line, field or department match") \
A(DOWN, SCR_ANY, SCR_ANY, UI_FN(KEY_DOWN), 0, 0, "Down", "Next line, field or department match") \
A(PGUP, SCR_ANY, SCR_ANY, UI_FN(KEY_PPAGE), 0, 0, "Page up", "List: a page up (also from the form)") \
A(PGDN, SCR_ANY, SCR_ANY, UI_FN(KEY_NPAGE), 0, 0, "Page down", "List: a page down (also from the form)") \
A(HOME, SCR_ANY, SCR_ANY, UI_FN(KEY_HOME), 0, 0, "First", "List: first line (text field: its start)") \
A(END, SCR_ANY, SCR_ANY, UI_FN(KEY_END), 0, 0, "Last", "List: last line (text field: its end)") \
A(CHOOSE, SCR_ANY, SCR_ANY, UI_ENTER, 0, 0, "Choose", "A question: take the highlighted answer (or type its number or first letter)") \
A(SAVE, SCR_INTAKE, SCR_ANY, UI_ENTER, 0, 0, "Save or show", "Form: log the item; list: show its history") \
A(NEXT_FIELD, SCR_INTAKE, SCR_ANY, UI_TAB, 0, 0, "Next field", "Next field (takes the department match)") \
A(PREV_FIELD, SCR_INTAKE, SCR_ANY, UI_FN(KEY_BTAB), 0, 0, "Previous field", "Previous field; from the list: the form") \
A(NEW_ITEM, SCR_INTAKE, SCR_ANY, 'n', 0, 0, "New item", "From the list: back to the form") \
A(CHANGE, SCR_INTAKE, SCR_ANY, UI_FN(KEY_LEFT), UI_FN(KEY_RIGHT), ' ', "Change", "Kind, Service: next choice; Flags: toggle") \
A(EXCEPTION, SCR_INTAKE, SCR_ANY, 'e', 0, 0, "Exception", "List: mark the item an exception with a reason (not to be scanned)") \
A(HAND_OVER, SCR_INTAKE, SCR_ANY, 'H', 0, 0, "Hand over", "List: hand an exception over to a named person (name and time signed)") \
A(BATCH_NEW, SCR_BATCHES, SCR_ANY, 'n', UI_FN(KEY_IC), 0, "New batch", "Open a batch for a department: type part of its name or code") \
A(BATCH_SCAN, SCR_BATCHES, SCR_ANY, '+', 0, 0, "Scan items", "Add to the open batch: scan labels or type references, Enter after each") \
A(BATCH_PICK, SCR_BATCHES, SCR_ANY, 'u', 0, 0, "Unbatched", "Pick from the department's received items not yet in a batch") \
A(BATCH_REMOVE, SCR_BATCHES, SCR_ANY, '-', UI_FN(KEY_DC), 0, "Remove item", "Items: take the selected item out of the open batch") \
A(BATCH_CLOSE, SCR_BATCHES, SCR_ANY, 'c', 0, 0, "Close batch", "Close the open batch, then offers to print its sheets") \
A(BATCH_PRINT, SCR_BATCHES, SCR_ANY, 'p', 0, 0, "Print sheets", "Print the header and separator sheets of a closed batch (again)") \
A(BATCH_FOCUS, SCR_BATCHES, SCR_ANY, UI_TAB, UI_FN(KEY_BTAB), 0, "Other list", "Between the batches and the selected batch's items") \
A(BATCH_ENTER, SCR_BATCHES, SCR_ANY, UI_ENTER, ' ', 0, "Show or add", "Items: show one with its history; scan line, picker: add; new batch: open") \
A(BATCH_EXCEPTION, SCR_BATCHES, SCR_ANY, 'e', 0, 0, "Exception", "Items: mark the item an exception with a reason (leaves the batch)") \
A(BATCH_HAND_OVER, SCR_BATCHES, SCR_ANY, 'H', 0, 0, "Hand over", "Items: hand an exception over to a named person (name and time signed)") \
A(DAY_BACK, SCR_REPORTS, SCR_ANY, UI_FN(KEY_LEFT), '<', 0, "Previous day", "Dashboard on the day before: chart, week, month follow") \
A(DAY_FWD, SCR_REPORTS, SCR_ANY, UI_FN(KEY_RIGHT), '>', 0, "Next day", "Dashboard on the day after, up to today") \
A(WEEK_BACK, SCR_REPORTS, SCR_ANY, UI_FN(KEY_PPAGE), 0, 0, "Week back", "Dashboard seven days earlier") \
A(WEEK_FWD, SCR_REPORTS, SCR_ANY, UI_FN(KEY_NPAGE), 0, 0, "Week forward", "Dashboard seven days later, up to today") \
A(TODAY, SCR_REPORTS, SCR_ANY, UI_FN(KEY_HOME), 't', 0, "Today", "Dashboard back on today") \
A(OPEN_DEPT, SCR_REPORTS, SCR_ANY, UI_ENTER, 0, 0, "Open or set", "Open the selected department's figures (Esc: back); target form: set it") \
A(SET_TARGET, SCR_REPORTS, SCR_ANY, 'T', 0, 0, "Set target", "Supervisors: a new scanned target from a day on") \
A(OTHER_FIELD, SCR_REPORTS, SCR_ANY, UI_TAB, UI_FN(KEY_BTAB), 0, "Other field", "Target form: the other field") \
A(SCAN_LIST, SCR_SCAN, SCR_ANY, UI_TAB, UI_FN(KEY_BTAB), 0, "Next list or field", "Files today, problems, quarantined, scanned items in turn (Shift-Tab: back); index form: the other field") \
A(SCAN_FILES, SCR_SCAN, SCR_ANY, '1', 0, 0, "Files today", "The scan files ingested today with their batch, items and pages") \
A(SCAN_PROBLEMS, SCR_SCAN, SCR_ANY, '2', 0, 0, "Problems", "The open scan problems, to resolve") \
A(SCAN_QUARANTINE, SCR_SCAN, SCR_ANY, '3', 0, 0, "Quarantined", "Files that could not be read, with the reasons") \
A(SCAN_ITEMS, SCR_SCAN, SCR_ANY, '4', 0, 0, "Scanned items", "Items scanned today: page review, indexing, rescan") \
A(SCAN_ENTER, SCR_SCAN, SCR_ANY, UI_ENTER, 0, 0, "Open or save", "Items: review the pages; problems: resolve; files: show; index form: save") \
A(SCAN_ASSIGN, SCR_SCAN, SCR_ANY, 'A', 0, 0, "Assign pages", "Problem: give its pages to an item, its reference typed or scanned") \
A(SCAN_ASIDE, SCR_SCAN, SCR_ANY, 'S', 0, 0, "Set aside", "Problem: keep its pages aside with a reason, for no item") \
A(SCAN_INDEX, SCR_SCAN, SCR_ANY, 'I', 0, 0, "Index", "Item: fill in sender and addressee beside its page preview") \
A(SCAN_RESCAN, SCR_SCAN, SCR_ANY, 'R', 0, 0, "Rescan", "Item: mark it for rescan with a reason (back to its batch, waiting)") \
A(SCAN_NEXT_PAGE, SCR_SCAN, SCR_ANY, UI_FN(KEY_RIGHT), '.', 0, "Next page", "Review: the next page") \
A(SCAN_PREV_PAGE, SCR_SCAN, SCR_ANY, UI_FN(KEY_LEFT), ',', 0, "Previous page", "Review: the page before") \
A(SCAN_WHOLE_FILE, SCR_SCAN, SCR_ANY, 'f', 0, 0, "Whole file", "Review: every page of the scan file (sheets, backs, other items) or the item's own") \
A(SCAN_STYLE, SCR_SCAN, SCR_ANY, 'v', 0, 0, "Preview style", "Review: braille, half blocks or ASCII (ASCII only without UTF-8)")

/* H(mode, action, word): in MODE, the hint lines offer ACTION as "KEY:
 * word", KEY the action's first key above, in this order (the first ones
 * stay when the line is short). */
#define UI_HINT_LIST(H) \
H(UIM_INTAKE_LIST, SAVE, "show") \
H(UIM_INTAKE_LIST, NEW_ITEM, "form") \
H(UIM_INTAKE_LIST, EXCEPTION, "exception") \
H(UIM_INTAKE_LIST, HAND_OVER, "hand over") \
H(UIM_BATCHES_NONE, BATCH_NEW, "open a batch for a department") \
H(UIM_BATCHES_NONE, HELP, "all keys") \
H(UIM_BATCHES_OPEN, BATCH_SCAN, "scan in") \
H(UIM_BATCHES_OPEN, BATCH_PICK, "unbatched") \
H(UIM_BATCHES_OPEN, BATCH_CLOSE, "close") \
H(UIM_BATCHES_OPEN, BATCH_NEW, "new batch") \
H(UIM_BATCHES_OPEN, BATCH_FOCUS, "items") \
H(UIM_BATCHES_OPEN, HELP, "keys") \
H(UIM_BATCHES_CLOSED, BATCH_PRINT, "print sheets") \
H(UIM_BATCHES_CLOSED, BATCH_NEW, "new batch") \
H(UIM_BATCHES_CLOSED, BATCH_FOCUS, "items") \
H(UIM_BATCHES_CLOSED, HELP, "keys") \
H(UIM_ITEMS_OPEN, BACK, "batches") \
H(UIM_ITEMS_OPEN, BATCH_SCAN, "scan in") \
H(UIM_ITEMS_OPEN, BATCH_PICK, "unbatched") \
H(UIM_ITEMS_OPEN, BATCH_REMOVE, "remove") \
H(UIM_ITEMS_OPEN, BATCH_ENTER, "show") \
H(UIM_ITEMS_OPEN, BATCH_EXCEPTION, "exception") \
H(UIM_ITEMS_OPEN, BATCH_CLOSE, "close") \
H(UIM_ITEMS_CLOSED, BACK, "batches") \
H(UIM_ITEMS_CLOSED, BATCH_PRINT, "print sheets") \
H(UIM_ITEMS_CLOSED, BATCH_ENTER, "show") \
H(UIM_ITEMS_CLOSED, BATCH_EXCEPTION, "exception") \
H(UIM_ITEMS_CLOSED, BATCH_HAND_OVER, "hand over") \
H(UIM_BATCH_NEW, BATCH_ENTER, "open") \
H(UIM_BATCH_NEW, BATCH_FOCUS, "take the match") \
H(UIM_BATCH_NEW, BACK, "cancel") \
H(UIM_BATCH_PICK, BATCH_ENTER, "add") \
H(UIM_BATCH_PICK, BACK, "done") \
H(UIM_REPORTS_ALL, DAY_BACK, "back") \
H(UIM_REPORTS_ALL, DAY_FWD, "on") \
H(UIM_REPORTS_ALL, SET_TARGET, "target") \
H(UIM_REPORTS_DEPT, BACK, "all departments") \
H(UIM_REPORTS_FORM, OPEN_DEPT, "set") \
H(UIM_REPORTS_FORM, OTHER_FIELD, "other field") \
H(UIM_REPORTS_FORM, BACK, "cancel") \
H(UIM_SCAN_FILES, SCAN_ENTER, "show") \
H(UIM_SCAN_FILES, SCAN_LIST, "next list") \
H(UIM_SCAN_FILES, HELP, "keys") \
H(UIM_SCAN_PROBLEMS, SCAN_ENTER, "resolve") \
H(UIM_SCAN_PROBLEMS, SCAN_ASSIGN, "assign pages") \
H(UIM_SCAN_PROBLEMS, SCAN_ASIDE, "set aside") \
H(UIM_SCAN_PROBLEMS, SCAN_LIST, "next list") \
H(UIM_SCAN_QUARANTINE, SCAN_ENTER, "show") \
H(UIM_SCAN_QUARANTINE, SCAN_LIST, "next list") \
H(UIM_SCAN_ITEMS, SCAN_ENTER, "review pages") \
H(UIM_SCAN_ITEMS, SCAN_INDEX, "index") \
H(UIM_SCAN_ITEMS, SCAN_RESCAN, "rescan") \
H(UIM_SCAN_ITEMS, SCAN_LIST, "next list") \
H(UIM_SCAN_REVIEW, SCAN_NEXT_PAGE, "page") \
H(UIM_SCAN_REVIEW, SCAN_PREV_PAGE, "back") \
H(UIM_SCAN_REVIEW, SCAN_INDEX, "index") \
H(UIM_SCAN_REVIEW, SCAN_RESCAN, "rescan") \
H(UIM_SCAN_REVIEW, SCAN_WHOLE_FILE, "whole file") \
H(UIM_SCAN_REVIEW, DOWN, "next item") \
H(UIM_SCAN_REVIEW, SCAN_STYLE, "style") \
H(UIM_SCAN_REVIEW, BACK, "list") \
H(UIM_SCAN_INDEX, SCAN_ENTER, "save") \
H(UIM_SCAN_INDEX, SCAN_LIST, "other field") \
H(UIM_SCAN_INDEX, BACK, "cancel") \
H(UIM_ASK_TEXT, CHOOSE, "done") \
H(UIM_ASK_TEXT, BACK, "cancel") \
H(UIM_ASK_CHOICE, CHOOSE, "choose") \
H(UIM_ASK_CHOICE, BACK, "cancel")

#define UI_ACTION_ENUM(id, ...) ACT_##id,
enum ui_action { ACT_NONE = -1, UI_ACTION_LIST(UI_ACTION_ENUM) ACT_COUNT };
#undef UI_ACTION_ENUM

#define UI_ACTION_KEYS 3

/* One row of the table. */
struct ui_action_info {
	const char *name;   /* "HELP" */
	enum ui_screen scope;
	enum ui_screen opens;
	ui_key keys[UI_ACTION_KEYS];
	const char *label;
	const char *help;
};

/* The row of action ACT (0 <= ACT < ACT_COUNT). */
const struct ui_action_info *ui_action_info(enum ui_action act);

/* The action KEY does on SCREEN: the screen's own actions first, then the
 * global ones. Printable keys count only when LETTERS is true. ACT_NONE
 * when the key is bound to nothing. */
enum ui_action ui_action_find(enum ui_screen screen, ui_key key, bool letters);

/* Writes the hints of MODE into OUT (CAP bytes): "KEY: word" for each
 * UI_HINT_LIST row of MODE, joined by ", ", as many whole ones as fit in
 * WIDTH columns; "" when MODE has none. */
void ui_hints(enum ui_mode mode, int width, char *out, size_t cap);

/* Writes a readable name of KEY ("F1", "Enter", "Shift-Tab", "q") to OUT. */
void ui_key_name(ui_key key, char *out, size_t cap);

/* True when KEY is a printable character (text for a field). */
bool ui_key_printable(ui_key key);

#endif
