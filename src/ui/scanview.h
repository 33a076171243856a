/* The Scan screen's state, shared by its files: the lists and the worker's
 * lines (scan-list.c), the page review with its preview and index form
 * (scan-review.c), and the view with its modes and keys (view-scan.c). */
#ifndef POSTROOM_UI_SCANVIEW_H
#define POSTROOM_UI_SCANVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/io/image.h"
#include "postroom/io/preview.h"
#include "postroom/scan.h"
#include "postroom/service/scandesk.h"

#include "table.h"
#include "textfield.h"
#include "ui.h"

#define SCAN_ITEMS_MAX 1000       /* scanned items listed (today's newest) */
#define SCAN_QUARANTINE_MAX 500   /* quarantined files listed (newest) */
#define SCAN_PREVIEW_DPI 50       /* a page is decoded for its preview at no less */
#define SCAN_REVIEW_PAGES 4000    /* pages a review steps through */

enum smode {
	SMODE_LIST,    /* moving in one of the lists */
	SMODE_REVIEW,  /* an item's pages */
	SMODE_INDEX,   /* the index form beside the preview */
};

enum slist { SL_FILES, SL_PROBLEMS, SL_QUARANTINE, SL_ITEMS, SL_COUNT };

/* What a page of the review is to the item. */
enum spage { SP_ITEM, SP_BLANK, SP_OTHER };

struct sview {
	enum smode mode;
	enum slist list;
	/* the hot folder and its worker, read on every tick */
	pr_scan_desk desk;
	bool desk_ok;
	char desk_err[PR_ERROR_MAX];
	/* the lists, re-read when the data changed */
	pr_scan_file *files, *quar;
	size_t nfiles, nquar;
	pr_scan_problem *probs;
	size_t nprobs;
	pr_scan_review *items;
	size_t nitems;
	size_t cap[SL_COUNT];
	struct ui_table tab[SL_COUNT];
	unsigned gen;
	bool loaded;
	/* the review: the item, the pages it steps through (numbers in the
	 * scan file) and what each is to the item */
	pr_scan_review rev;
	unsigned rev_gen;          /* the generation it was read in */
	int pages[SCAN_REVIEW_PAGES];
	unsigned char kinds[SCAN_REVIEW_PAGES];
	size_t npages, nitem_pages, cur;
	bool whole_file;
	int file_pages;            /* pages of the scan file (0 until read) */
	pr_preview_style style;
	/* the page decoded, and its dots for the box it was drawn in */
	pr_grey_image img;
	int img_page;              /* its page number in the file (0: none) */
	char img_err[PR_ERROR_MAX];
	unsigned char *dots;
	int dw, dh, cols, rows;    /* dots, and the cells they fill */
	pr_preview_style dots_style;
	int inked;                 /* parts per thousand of dots with ink */
	long decode_ms;
	bool timed;
	/* the index form */
	struct ui_field sender, addressee;
	int field;                 /* 0 sender, 1 addressee */
};

/* ---- scan-list.c ---- */
/* Sets up the tables (once). */
void scan_lists_init(struct sview *v);
/* Reads the lists again when the data changed. */
void scan_lists_refresh(struct ui *ui, struct sview *v, const struct ui_rect *area);
/* Reads the hot folder and worker into v->desk; true when what is shown of
 * them changed. */
bool scan_desk_refresh(struct ui *ui, struct sview *v);
/* Draws the title, the worker's lines, the list selector, the current list
 * and the hints in AREA. */
void scan_lists_draw(struct ui *ui, struct sview *v, const struct ui_rect *area);
/* The worker's two lines at rows Y and Y + 1 of AREA. */
void scan_desk_draw(const struct sview *v, const struct ui_rect *area, int y);
/* The table of the current list. */
struct ui_table *scan_table(struct sview *v);
/* The selected row of the current list, or NULL. */
const pr_scan_file *scan_selected_file(const struct sview *v);
const pr_scan_problem *scan_selected_problem(const struct sview *v);
const pr_scan_review *scan_selected_item(const struct sview *v);
/* Selects the scanned item REF in the items list when it is there. */
void scan_select_item(struct sview *v, const char *ref);
void scan_lists_free(struct sview *v);

/* ---- scan-review.c ---- */
/* Opens the review of item R (its pages, the first shown). */
void scan_review_open(struct ui *ui, struct sview *v, const pr_scan_review *r);
/* Reads again what the review shows: the item (after indexing), the page
 * decoded, its dots for AREA. */
void scan_review_refresh(struct ui *ui, struct sview *v, const struct ui_rect *area);
void scan_review_draw(struct ui *ui, struct sview *v, const struct ui_rect *area);
/* Moves by DELTA pages (kept inside). */
void scan_review_step(struct sview *v, int delta);
/* Between the item's own pages and every page of its scan file. */
void scan_review_whole_file(struct ui *ui, struct sview *v);
/* The next preview style that this terminal can draw. */
void scan_review_next_style(struct ui *ui, struct sview *v);
/* Opens the index form with the item's sender and addressee. */
void scan_index_open(struct sview *v);
/* Saves the index form (pr_item_index); reaction flags. */
int scan_index_save(struct ui *ui, struct sview *v);
void scan_review_free(struct sview *v);

#endif
