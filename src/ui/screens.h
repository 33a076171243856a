/* The console's one list of screens. Everything that names a screen is
 * generated from UI_SCREEN_LIST: the enum, the view table (ui.c), the
 * names POSTROOM_SCREEN takes, the help screen's headings and the titles
 * drawn above the views. The keys that open them are actions (actions.h).
 *
 * S(id, name, label, title)
 *   name   a C identifier: POSTROOM_SCREEN=name; the view is view_<name>_ops
 *   label  what help calls it ("Keys of the Batches screen")
 *   title  drawn above the view by the views that draw a title */
#ifndef POSTROOM_UI_SCREENS_H
#define POSTROOM_UI_SCREENS_H

#define UI_SCREEN_LIST(S) \
	S(SCR_HELP, help, "Help", "Help") \
	S(SCR_INTAKE, intake, "Intake", "Intake") \
	S(SCR_BATCHES, batches, "Batches", "Batches - scan batches") \
	S(SCR_SCAN, scan, "Scan", "Scan - scanning") \
	S(SCR_ROUTING, routing, "Routing", "Routing - the email queue") \
	S(SCR_OUTBOUND, outbound, "Outbound", "Outbound - print jobs and the collection") \
	S(SCR_REPORTS, reports, "Reports", "Reports") \
	S(SCR_ADMIN, admin, "Admin", "Admin")

/* SCR_ANY is no screen: the scope of the global actions. */
#define UI_SCREEN_ENUM(id, ...) id,
enum ui_screen { SCR_ANY, UI_SCREEN_LIST(UI_SCREEN_ENUM) SCR_COUNT };
#undef UI_SCREEN_ENUM

/* What the list says of one screen. */
struct ui_screen_info {
	const char *name;   /* "batches" */
	const char *label;  /* "Batches" */
	const char *title;  /* "Batches - scan batches" */
};

/* The row of SCREEN (SCR_ANY < SCREEN < SCR_COUNT). */
const struct ui_screen_info *ui_screen_info(enum ui_screen screen);

/* The screen named NAME ("reports"), or SCR_ANY when none is. */
enum ui_screen ui_screen_named(const char *name);

#endif
