/* The Batches screen's state, shared by its files: the lists and the
 * picker (batch-list.c), what the keys do to batches (batch-actions.c),
 * and the view with its modes and keys (view-batches.c). */
#ifndef POSTROOM_UI_BATCHES_H
#define POSTROOM_UI_BATCHES_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/batch.h"
#include "postroom/item.h"

#include "deptpick.h"
#include "table.h"
#include "textfield.h"
#include "ui.h"

#define BATCH_RECENT_MAX 200   /* closed and later batches listed after the open ones */
#define BATCH_PICK_MAX 2000    /* unbatched items offered at once */

enum bmode {
	MODE_LIST,  /* moving in the lists */
	MODE_SCAN,  /* the scan line has the keys */
	MODE_NEW,   /* the new-batch form */
	MODE_PICK,  /* the unbatched items */
};

struct bview {
	enum bmode mode;
	bool on_items;             /* the focus is in the items list */
	/* the batches: the open ones, newest first, then the most recent others */
	pr_batch *batches;
	size_t nb, capb, nopen;
	struct ui_table btab;
	unsigned bgen;
	bool bloaded;
	char sel_ref[PR_REF_LEN];  /* the selected batch, kept across re-reads */
	/* its items, in tray order */
	pr_item *items;
	size_t ni;
	struct ui_table itab;
	unsigned igen;
	char items_of[PR_REF_LEN];
	/* the scan line and the new-batch form */
	struct ui_field scan;
	struct ui_deptpick dept;
	/* the picker: the department's received items not in a batch */
	pr_item *pick;
	size_t npick, cappick;
	struct ui_table ptab;
	unsigned pgen;
	char pick_for[PR_REF_LEN];
};

/* ---- batch-list.c ---- */
/* Sets up the three tables (once, when the screen opens). */
void batch_lists_init(struct bview *v);
/* Reads what the lists in AREA show when it changed: the batches, the
 * selected one's items and, in MODE_PICK, the picker's. */
void batch_lists_refresh(struct ui *ui, struct bview *v, const struct ui_rect *area);
/* Draws both lists and the bottom row (the scan line or the hints). */
void batch_lists_draw(struct ui *ui, struct bview *v, const struct ui_rect *area);
/* Draws the picker over AREA. */
void batch_pick_draw(struct bview *v, const struct ui_rect *area);
/* Re-reads the batches and selects REF when it is listed. */
void batch_select_ref(struct ui *ui, struct bview *v, const char *ref);
/* The selected batch, or NULL when there is none. */
const pr_batch *batch_selected(const struct bview *v);
/* Remembers the selected batch by reference (after a move). */
void batch_note_selection(struct bview *v);
/* The mode of the lists: which batch is selected, which list has the
 * focus (UIM_BATCHES_*, UIM_ITEMS_*). */
enum ui_mode batch_list_mode(const struct bview *v);
/* B's state as a word ("open"). */
const char *batch_state_text(const pr_batch *b);
/* Frees the rows. */
void batch_lists_free(struct bview *v);

/* ---- batch-actions.c: each returns reaction flags; the outcome, or
 * the core's refusal, on the status line ---- */
/* The selected batch when it is open; else NULL with a message. */
const pr_batch *batch_open_selected(struct ui *ui, struct bview *v);
/* The item selected in the items list; NULL with a message. */
const pr_item *batch_selected_item(struct ui *ui, struct bview *v);
/* Closes the selected batch, then asks whether to print its sheets. */
int batch_close(struct ui *ui, struct bview *v);
/* Prints the sheets of the selected closed batch. */
int batch_print(struct ui *ui, struct bview *v);
/* Adds ITEM_REF to the selected open batch. */
int batch_add_item(struct ui *ui, struct bview *v, const char *item_ref);
/* Enter on the scan line: a batch label selects that batch, anything else
 * is an item to add; the line is emptied for the next scan. */
int batch_scan_enter(struct ui *ui, struct bview *v);
/* Opens a batch for the department chosen in the new-batch form. */
int batch_open_new(struct ui *ui, struct bview *v);
/* Takes the selected item out of the open batch. */
int batch_remove_item(struct ui *ui, struct bview *v);

#endif
