/* Scan batches: a tray of items prepared for scanning together, with a
 * header sheet and one separator sheet per item.
 * Life: open -> closed (sheets printed) -> scanned -> released. */
#ifndef POSTROOM_BATCH_H
#define POSTROOM_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/item.h"
#include "postroom/ref.h"

#define PR_BATCH_STATUS_LIST(S)               \
	S(PR_BATCH_OPEN, "open")              \
	S(PR_BATCH_CLOSED, "closed")          \
	S(PR_BATCH_SCANNED, "scanned")        \
	S(PR_BATCH_RELEASED, "released")

#define PR_BATCH_ENUM(e, name) e,
typedef enum pr_batch_status {
	PR_BATCH_STATUS_LIST(PR_BATCH_ENUM) PR_BATCH_STATUS_COUNT
} pr_batch_status;
#undef PR_BATCH_ENUM

typedef struct pr_batch {
	int64_t id;
	char ref[PR_REF_LEN];
	char dept_code[PR_DEPT_CODE_MAX + 1];
	char dept_name[PR_DEPT_NAME_MAX * 4 + 1];
	pr_batch_status status;
	char opened_by[33];
	pr_time opened_at;
	char closed_by[33];
	pr_time closed_at;          /* 0 while open */
	pr_time sheets_printed_at;  /* 0 until printed */
	long items;
} pr_batch;

/* Which batches to list, newest first. Zero-initialise; status -1 = any. */
typedef struct pr_batch_filter {
	int status;
	const char *dept_code;
	size_t limit;               /* 0 = no limit */
} pr_batch_filter;

typedef bool (*pr_batch_fn)(const pr_batch *b, void *ud);

/* "open", "closed", ...; NULL out of range. */
const char *pr_batch_status_name(pr_batch_status s);
pr_status pr_batch_status_parse(const char *s, pr_batch_status *out, pr_error *err);

/* Lets a batch hold items of several departments (off by default: a batch
 * is one department's tray). */
void pr_db_set_mixed_batches(pr_db *db, bool mixed);

/* Opens a new batch for DEPT_CODE. OUT may be NULL. */
pr_status pr_batch_open(pr_db *db, const char *dept_code, pr_batch *out, pr_error *err);

/* The batch REF (any case; check letter verified) with its item count. */
pr_status pr_batch_get(pr_db *db, const char *ref, pr_batch *out, pr_error *err);

/* The newest open batch of DEPT_CODE; PR_ENOTFOUND when it has none. */
pr_status pr_batch_open_of(pr_db *db, const char *dept_code, pr_batch *out, pr_error *err);

/* Puts the received item ITEM_REF into the open batch BATCH_REF: the item
 * becomes batched. PR_ESTATE when the batch is not open or the item is not
 * waiting (already batched, scanned, an exception...); PR_EINVAL when the
 * item belongs to another department (unless mixed batches are allowed).
 * OUT (the item after) may be NULL. */
pr_status pr_batch_add(pr_db *db, const char *batch_ref, const char *item_ref,
		       pr_item *out, pr_error *err);

/* Takes ITEM_REF out of the open batch BATCH_REF: it is received again. */
pr_status pr_batch_remove(pr_db *db, const char *batch_ref, const char *item_ref,
			  pr_error *err);

/* Closes the open batch REF; PR_ESTATE when it is empty or not open. */
pr_status pr_batch_close(pr_db *db, const char *ref, pr_batch *out, pr_error *err);

/* Records that the sheets of batch REF were printed now. */
pr_status pr_batch_sheets_printed(pr_db *db, const char *ref, pr_error *err);

/* Batches matching FILTER, newest first. */
pr_status pr_batch_list(pr_db *db, const pr_batch_filter *filter, pr_batch_fn fn,
			void *ud, pr_error *err);

/* The items of batch REF in the order they were added. */
pr_status pr_batch_items(pr_db *db, const char *ref, pr_item_fn fn, void *ud,
			 pr_error *err);

/* The items of batch REF loaded into a new array (*ITEMS, *N; caller frees
 * *ITEMS with free()). */
pr_status pr_batch_items_load(pr_db *db, const char *ref, pr_item **items,
			      size_t *n, pr_error *err);

#endif
