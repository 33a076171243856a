/* Scans in the core: what the pages of a scan file say (which are batch
 * headers, item separators, reusable "next document" separators, content,
 * blank), the plan that splits them into one document per item and a scan
 * problem for whatever cannot be matched, and the records of it all: scan
 * files, the items' images, the problems and their resolution.
 *
 * The core never reads a TIFF or writes a PDF: the service layer (ingest)
 * reads the pages with the io layer, asks the core for the plan, writes
 * the documents and then commits the plan here in one transaction.
 *
 * Scan file life: arrived -> ingested | quarantined (DESIGN.md section 3). */
#ifndef POSTROOM_SCAN_H
#define POSTROOM_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/ref.h"

/* The barcode of the reusable separator sheet: never a postroom reference
 * (no check letter can make it one). */
#define PR_NEXT_DOC_CODE "POSTROOM-NEXT"

#define PR_SHA256_HEX 65   /* 64 hex digits and the terminator */
#define PR_PATH_MAX 1024

typedef enum pr_page_kind {
	PR_PAGE_CONTENT,    /* a page of post */
	PR_PAGE_HEADER,     /* a batch header sheet (ref: the batch) */
	PR_PAGE_SEPARATOR,  /* an item separator sheet (ref: the item) */
	PR_PAGE_NEXT,       /* a reusable "next document" separator */
} pr_page_kind;

/* What one page of a scan file is. */
typedef struct pr_page_mark {
	pr_page_kind kind;
	char ref[PR_REF_LEN];  /* header and separator pages */
	bool blank;            /* no ink worth keeping */
} pr_page_mark;

/* Which kind of page the barcodes CODES[0..N) read on it make it: a header
 * or separator only for a valid postroom reference of a batch or an item
 * (check letter and all), the reusable separator for PR_NEXT_DOC_CODE;
 * anything else (a letter's own barcodes: HMRC, DWP, courts) is content.
 * REF gets the normalised reference of a header or separator. */
pr_page_kind pr_page_classify(const char *const *codes, size_t n, char ref[PR_REF_LEN]);

/* The problems a scan can raise: enum, name, what it means. */
#define PR_SCAN_PROBLEM_LIST(P)                                                  \
	P(PR_PROBLEM_NO_HEADER, "no-header", "no batch header sheet in the file")      \
	P(PR_PROBLEM_UNKNOWN_BATCH, "unknown-batch", "the header names no batch")      \
	P(PR_PROBLEM_BEFORE_SEPARATOR, "before-separator",                             \
	  "pages before the first separator")                                          \
	P(PR_PROBLEM_OTHER_BATCH, "other-batch", "a separator for an item of another batch") \
	P(PR_PROBLEM_UNKNOWN_REF, "unknown-ref", "a separator for an unknown item")    \
	P(PR_PROBLEM_NO_PAGES, "no-pages", "an item of the batch with no pages")       \
	P(PR_PROBLEM_SCANNED_TWICE, "scanned-twice", "an item scanned twice")

#define PR_ENUM_FIRST(e, ...) e,
typedef enum pr_scan_problem_kind {
	PR_SCAN_PROBLEM_LIST(PR_ENUM_FIRST) PR_PROBLEM_KIND_COUNT
} pr_scan_problem_kind;
#undef PR_ENUM_FIRST

/* The name ("no-header") and meaning of a problem kind; NULL out of range. */
const char *pr_scan_problem_name(pr_scan_problem_kind k);
const char *pr_scan_problem_text(pr_scan_problem_kind k);

/* --- the plan ---------------------------------------------------------- */

typedef enum pr_doc_kind {
	PR_DOC_ITEM,      /* an item's pages (item_id, ref) */
	PR_DOC_NEW_ITEM,  /* a document beyond the batch's count: a new item of
			     the batch's department, made at commit */
	PR_DOC_PROBLEM,   /* pages (maybe none) for a person to resolve */
} pr_doc_kind;

/* One document of a scan file. Pages are numbered from 1 in file order. */
typedef struct pr_scan_doc {
	pr_doc_kind kind;
	pr_scan_problem_kind problem;   /* PR_DOC_PROBLEM */
	char ref[PR_REF_LEN];           /* the item, or the reference a problem names */
	char batch_ref[PR_REF_LEN];     /* the batch it belongs to ("" if none) */
	int64_t item_id, batch_id;      /* 0 when none */
	char detail[240];               /* a problem's description */
	int *pages;                     /* content pages, to be stored */
	size_t npages;
	int *blanks;                    /* blank pages left out, kept for review */
	size_t nblanks;
	/* Filled by whoever writes the documents, before pr_scan_commit. */
	char pdf_path[PR_PATH_MAX];     /* "" when the document has no pages */
	char pdf_sha256[PR_SHA256_HEX];
	char blank_pdf_path[PR_PATH_MAX];
	int dpi;
} pr_scan_doc;

typedef struct pr_scan_plan {
	pr_scan_doc *docs;
	size_t n;
	size_t separators;              /* separator and header sheets dropped */
	size_t backs;                   /* their blank backs dropped */
} pr_scan_plan;

/* Splits the pages PAGES[0..N) of one scan file into documents, reading
 * the batches and items they name from DB (read only): each header starts
 * its batch; an item separator starts its item's document when the item is
 * in that batch and waiting (batched), else a problem holding the pages
 * that follow; a reusable separator starts the next document, given to
 * the batch's next waiting item in tray order that no separator of the
 * file names, or a new item when none is left; a blank page right after a
 * header or separator is its back and dropped; other blank pages are left
 * out of the document and kept beside it. Problems never drop pages. Free
 * *OUT with pr_scan_plan_free. */
pr_status pr_scan_plan_make(pr_db *db, const pr_page_mark *pages, size_t n,
			    pr_scan_plan *out, pr_error *err);

void pr_scan_plan_free(pr_scan_plan *plan);

/* --- the records --------------------------------------------------------- */

typedef enum pr_scan_status {
	PR_SCAN_ARRIVED, PR_SCAN_INGESTED, PR_SCAN_QUARANTINED, PR_SCAN_STATUS_COUNT
} pr_scan_status;

const char *pr_scan_status_name(pr_scan_status s);
pr_status pr_scan_status_parse(const char *s, pr_scan_status *out, pr_error *err);

/* A scan file as recorded. */
typedef struct pr_scan_file {
	int64_t id;
	char name[256];                 /* as it arrived in the hot folder */
	char path[PR_PATH_MAX];         /* where it is kept: archive or quarantine */
	pr_scan_status status;
	long long size;
	int pages;
	char batch_ref[PR_REF_LEN];     /* the (first) batch it held */
	int items, problems;
	char sha256[PR_SHA256_HEX];
	char reason[400];               /* why it was quarantined */
	pr_time arrived_at, done_at;
} pr_scan_file;

typedef bool (*pr_scan_file_fn)(const pr_scan_file *f, void *ud);

/* What pr_scan_commit records besides the plan. */
typedef struct pr_scan_intake {
	const char *name;               /* the file's name as it arrived */
	const char *archive_path;       /* where the original is kept */
	const char *sha256;
	long long size;
	int pages;
	pr_time arrived_at;
} pr_scan_intake;

/* Records the ingest of one file in one transaction: the scan file
 * (ingested), each item document's image (its PDF and SHA-256, pages,
 * blank pages) with the item made scanned, new items for documents beyond
 * a batch's count, each problem with its pages, and every batch whose
 * items are all scanned made scanned; audited. Items must still be as the
 * plan found them: PR_ESTATE (nothing recorded) when another operator got
 * there first. *ID (may be NULL) is the scan file's id. */
pr_status pr_scan_commit(pr_db *db, const pr_scan_intake *in, pr_scan_plan *plan,
			 int64_t *id, pr_error *err);

/* Records a file that could not be ingested, kept at PATH (the quarantine
 * folder) with REASON. SHA256 may be NULL (unreadable). */
pr_status pr_scan_quarantined(pr_db *db, const pr_scan_intake *in, const char *reason,
			      int64_t *id, pr_error *err);

/* The ingested scan file with contents SHA256: PR_OK and *OUT, or
 * PR_ENOTFOUND. */
pr_status pr_scan_find_sha(pr_db *db, const char *sha256, pr_scan_file *out,
			   pr_error *err);

/* Scan files, newest first; STATUS -1 for any. */
pr_status pr_scan_list(pr_db *db, int status, pr_scan_file_fn fn, void *ud,
		       pr_error *err);

/* Counts for the console: files ingested and quarantined, problems open. */
typedef struct pr_scan_counts {
	long ingested, quarantined, problems_open, ingested_today;
} pr_scan_counts;

pr_status pr_scan_counts_get(pr_db *db, pr_scan_counts *out, pr_error *err);

/* --- problems ------------------------------------------------------------ */

typedef enum pr_problem_status {
	PR_PROBLEM_OPEN, PR_PROBLEM_ASSIGNED, PR_PROBLEM_SET_ASIDE, PR_PROBLEM_STATUS_COUNT
} pr_problem_status;

typedef struct pr_scan_problem {
	int64_t id, scan_file_id;
	pr_scan_problem_kind kind;
	char batch_ref[PR_REF_LEN];
	char ref[PR_REF_LEN];
	char detail[240];
	int pages;
	char page_list[200];            /* "3-5, 8" in the scan file */
	char pdf_path[PR_PATH_MAX];
	pr_problem_status status;
	char item_ref[PR_REF_LEN];      /* assigned to */
	char resolution[400];
	char resolved_by[33];
	pr_time resolved_at, created_at;
	char file_name[256];
} pr_scan_problem;

typedef bool (*pr_scan_problem_fn)(const pr_scan_problem *p, void *ud);

const char *pr_problem_status_name(pr_problem_status s);

/* Problems, oldest first: the open ones, or all with ALL. */
pr_status pr_scan_problems(pr_db *db, bool all, pr_scan_problem_fn fn, void *ud,
			   pr_error *err);

/* Problem ID; PR_ENOTFOUND when there is none. */
pr_status pr_scan_problem_get(pr_db *db, int64_t id, pr_scan_problem *out,
			      pr_error *err);

/* Resolves open problem ID by giving its pages to item ITEM_REF, which
 * must be waiting (received or batched, not yet scanned): the item becomes
 * scanned with the problem's PDF as its image; audited on both. PR_ESTATE
 * when the problem is resolved already, holds no pages, or the item cannot
 * take them. */
pr_status pr_scan_resolve_item(pr_db *db, int64_t id, const char *item_ref,
			       pr_error *err);

/* Resolves open problem ID by setting its pages aside with REASON (kept in
 * the archive, no item changes); audited. */
pr_status pr_scan_resolve_aside(pr_db *db, int64_t id, const char *reason,
				pr_error *err);

/* --- images -------------------------------------------------------------- */

/* The current image of a scanned item. */
typedef struct pr_scan_image {
	int pages, blank_pages, dpi;
	char pdf_path[PR_PATH_MAX];
	char blank_pdf_path[PR_PATH_MAX];
	char sha256[PR_SHA256_HEX];
	char page_list[200];
	int64_t scan_file_id;
	pr_time created_at;
} pr_scan_image;

/* The current image of item REF; PR_ENOTFOUND when it has none. */
pr_status pr_scan_image_of(pr_db *db, const char *ref, pr_scan_image *out,
			   pr_error *err);

/* Whether any image or problem on record names PATH as its PDF: *USED.
 * An archive file that none names is left over from an ingest that never
 * committed (a crash), and may be written over. */
pr_status pr_scan_path_recorded(pr_db *db, const char *path, bool *used, pr_error *err);

/* Writes page list PAGES[0..N) compactly ("1-3, 5") into OUT (CAP bytes). */
void pr_page_list_format(const int *pages, size_t n, char *out, size_t cap);

/* --- review -------------------------------------------------------------- */

/* A scanned item with its current image, for page review at the Scan
 * screen: what the image holds and where its pages are in the original
 * scan file kept in the archive. */
typedef struct pr_scan_review {
	char ref[PR_REF_LEN];
	char batch_ref[PR_REF_LEN];     /* "" when in no batch */
	char dept_code[16];
	char sender[481], addressee[481];  /* "" when not indexed yet */
	int status;                     /* pr_item_status */
	int pages, blank_pages, dpi;    /* dpi 0 when not recorded */
	char page_list[200];            /* its pages in the scan file: "3-5, 8" */
	char blank_list[200];           /* its blank pages there, left out of the PDF */
	int64_t scan_file_id;           /* 0 when the image came from no file */
	char file_name[256];            /* the scan file as it arrived */
	char file_path[PR_PATH_MAX];    /* the original as kept: archive (or "") */
	char pdf_path[PR_PATH_MAX];
	pr_time created_at;
} pr_scan_review;

typedef bool (*pr_scan_review_fn)(const pr_scan_review *r, void *ud);

/* Items whose current image was made at SINCE or later, newest first, at
 * most LIMIT of them (0: no limit). */
pr_status pr_scan_reviews(pr_db *db, pr_time since, size_t limit, pr_scan_review_fn fn,
			  void *ud, pr_error *err);

/* The review of item REF (its current image); PR_ENOTFOUND when it has no
 * current image or there is no such item. */
pr_status pr_scan_review_get(pr_db *db, const char *ref, pr_scan_review *out,
			     pr_error *err);

/* Reads a page list as pr_page_list_format writes it ("1-3, 5") into
 * PAGES (room for CAP), in its order; how many into *N. False (and *N 0)
 * for text that is not a page list or lists more than CAP pages. */
bool pr_page_list_parse(const char *s, int *pages, size_t cap, size_t *n);

#endif
