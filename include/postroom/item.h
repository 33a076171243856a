/* Items: incoming post, from logging at the desk to scanning, emailing or
 * handing over. Every change of state writes an audit event and keeps the
 * daily figures up to date in the same transaction. */
#ifndef POSTROOM_ITEM_H
#define POSTROOM_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "postroom/audit.h"
#include "postroom/clock.h"
#include "postroom/db.h"
#include "postroom/dept.h"
#include "postroom/ref.h"

#define PR_PARTY_MAX 120     /* characters in sender and addressee */
#define PR_REASON_MAX 200    /* characters in a reason or a name */
#define PR_TRACKING_LEN 14   /* "AB123456789GB" and its terminator */

/* Kinds: enum name, command-line name, label. */
#define PR_KIND_LIST(K)                                        \
	K(PR_KIND_LETTER, "letter", "Letter")                  \
	K(PR_KIND_LARGE_LETTER, "large-letter", "Large letter")\
	K(PR_KIND_PARCEL, "parcel", "Parcel")

/* Services: enum name, command-line name, label. */
#define PR_SERVICE_LIST(S)                                              \
	S(PR_SERVICE_STANDARD, "standard", "Standard")                  \
	S(PR_SERVICE_RECORDED, "recorded", "Recorded")                  \
	S(PR_SERVICE_SPECIAL, "special-delivery", "Special Delivery")

/* Item states (DESIGN.md section 3): enum name, name. */
#define PR_ITEM_STATUS_LIST(S)                        \
	S(PR_ITEM_RECEIVED, "received")               \
	S(PR_ITEM_BATCHED, "batched")                 \
	S(PR_ITEM_SCANNED, "scanned")                 \
	S(PR_ITEM_EMAILED, "emailed")                 \
	S(PR_ITEM_EXCEPTION, "exception")             \
	S(PR_ITEM_HANDED_OVER, "handed-over")         \
	S(PR_ITEM_RETURNED, "returned")               \
	S(PR_ITEM_VOID, "void")

/* Flags noted at intake: enum name, bit, name, label, whether an item with
 * the flag is an exception (not opened for scanning). */
#define PR_FLAG_LIST(F)                                                        \
	F(PR_FLAG_PRIVATE, 1u << 0, "private", "Private & confidential", true)  \
	F(PR_FLAG_REMITTANCE, 1u << 1, "remittance", "Remittance (cheque/cash)", true) \
	F(PR_FLAG_LEGAL, 1u << 2, "legal", "Legal original", true)              \
	F(PR_FLAG_BULKY, 1u << 3, "bulky", "Bulky", true)                       \
	F(PR_FLAG_URGENT, 1u << 4, "urgent", "Urgent", false)                   \
	F(PR_FLAG_DAMAGED, 1u << 5, "damaged", "Damaged in the post", false)

#define PR_ENUM_FIRST(name, ...) name,
typedef enum pr_kind { PR_KIND_LIST(PR_ENUM_FIRST) PR_KIND_COUNT } pr_kind;
typedef enum pr_service { PR_SERVICE_LIST(PR_ENUM_FIRST) PR_SERVICE_COUNT } pr_service;
typedef enum pr_item_status {
	PR_ITEM_STATUS_LIST(PR_ENUM_FIRST) PR_ITEM_STATUS_COUNT
} pr_item_status;
#undef PR_ENUM_FIRST
#define PR_FLAG_ENUM(name, bit, ...) name = bit,
enum pr_flag { PR_FLAG_LIST(PR_FLAG_ENUM) };
#undef PR_FLAG_ENUM
#define PR_FLAG_COUNT 6

/* The names of an item's inputs, as pr_error.field gives them. */
#define PR_FIELD_DEPT "department"
#define PR_FIELD_SENDER "sender"
#define PR_FIELD_ADDRESSEE "addressee"
#define PR_FIELD_KIND "kind"
#define PR_FIELD_SERVICE "service"
#define PR_FIELD_TRACKING "tracking number"
#define PR_FIELD_FLAGS "flags"
#define PR_FIELD_RECEIVED "time of receipt"
#define PR_FIELD_REASON "reason"
#define PR_FIELD_SIGNED_BY "name of the person signing"
#define PR_FIELD_ITEM "item"
#define PR_FIELD_BATCH "batch"
#define PR_FIELD_COUNT "count"

/* What the desk knows about a new item. */
typedef struct pr_item_new {
	const char *dept_code;
	const char *sender;
	const char *addressee;
	pr_kind kind;
	pr_service service;
	const char *tracking;  /* required for recorded and special delivery */
	unsigned flags;        /* PR_FLAG_* */
	pr_time received_at;   /* 0 = now */
	bool unindexed;        /* logged in a tray by count: sender and
				  addressee may be empty, to be indexed at
				  the Scan screen */
} pr_item_new;

typedef struct pr_item {
	int64_t id;
	char ref[PR_REF_LEN];
	char dept_code[PR_DEPT_CODE_MAX + 1];
	char dept_name[PR_DEPT_NAME_MAX * 4 + 1];
	char sender[PR_PARTY_MAX * 4 + 1];
	char addressee[PR_PARTY_MAX * 4 + 1];
	pr_kind kind;
	pr_service service;
	char tracking[PR_TRACKING_LEN];
	unsigned flags;
	pr_item_status status;
	pr_time received_at;
	char received_day[PR_DAY_LEN];
	char logged_by[33];
	char batch_ref[PR_REF_LEN];   /* "" when in no batch */
	int batch_pos;                /* place in the batch, 1.. (0: none) */
	pr_time scanned_at;           /* 0 when not scanned */
	pr_time emailed_at;           /* 0 when not emailed */
	char exception_reason[PR_REASON_MAX * 4 + 1];
	char handed_to[PR_REASON_MAX * 4 + 1];
	pr_time handed_at;            /* 0 when not handed over */
} pr_item;

/* Which items to list. Zero-initialise, then set what matters. */
typedef struct pr_item_filter {
	const char *from_day;   /* YYYY-MM-DD inclusive, NULL = no limit */
	const char *to_day;     /* YYYY-MM-DD inclusive, NULL = no limit */
	const char *dept_code;  /* NULL = all departments */
	int status;             /* a pr_item_status, or -1 for any */
	bool accountable;       /* only recorded and special-delivery items */
	bool newest_first;
	size_t offset;          /* rows to skip */
	size_t limit;           /* 0 = no limit */
} pr_item_filter;

#define PR_ITEM_FILTER_ALL { .status = -1 }

typedef bool (*pr_item_fn)(const pr_item *item, void *ud);

/* Whether the life cycle lets an item go from state FROM to state TO
 * (DESIGN.md section 3; the table is in lifecycle.c). */
bool pr_item_can_move(pr_item_status from, pr_item_status to);

/* Names and labels; NULL for a value out of range. */
const char *pr_kind_name(pr_kind k);
const char *pr_kind_label(pr_kind k);
const char *pr_service_name(pr_service s);
const char *pr_service_label(pr_service s);
const char *pr_item_status_name(pr_item_status s);

/* Parsers; PR_EINVAL lists the valid names. */
pr_status pr_kind_parse(const char *s, pr_kind *out, pr_error *err);
pr_status pr_service_parse(const char *s, pr_service *out, pr_error *err);
pr_status pr_item_status_parse(const char *s, pr_item_status *out, pr_error *err);

/* Flags: the flag called S (PR_EINVAL lists them); the name and label of one
 * flag bit; whether FLAGS make an item an exception at intake. */
pr_status pr_flag_parse(const char *s, unsigned *flag, pr_error *err);
const char *pr_flag_name(unsigned flag);
const char *pr_flag_label(unsigned flag);
unsigned pr_flag_by_index(int i); /* i in [0, PR_FLAG_COUNT) */
bool pr_flags_exception(unsigned flags);

/* Checks a Royal Mail tracking number (two letters, nine digits, two
 * letters; spaces ignored, any case) and writes it upper-case to OUT. */
pr_status pr_tracking_parse(const char *in, char out[PR_TRACKING_LEN], pr_error *err);

/* Logs a new item and gives it a reference. Items flagged private,
 * remittance, legal or bulky become exceptions at once. PR_EINVAL names the
 * field at fault (pr_error.field); PR_ENOTFOUND the unknown department.
 * OUT (may be NULL) is the item as logged. Putting it into a batch is the
 * intake step's job (pr_intake_log). */
pr_status pr_item_add(pr_db *db, const pr_item_new *in, pr_item *out, pr_error *err);

/* The item with reference REF (any case; the check letter is verified). */
pr_status pr_item_get(pr_db *db, const char *ref, pr_item *out, pr_error *err);

/* Items matching FILTER, oldest first unless newest_first; FN is called for
 * each, in order, without loading them all. */
pr_status pr_item_list(pr_db *db, const pr_item_filter *filter, pr_item_fn fn,
		       void *ud, pr_error *err);

/* How many items match FILTER (offset and limit ignored). */
pr_status pr_item_count(pr_db *db, const pr_item_filter *filter, size_t *n,
			pr_error *err);

/* Marks a received or batched item as an exception (not to be scanned) with
 * REASON. PR_ESTATE names the item's state when it cannot be. */
pr_status pr_item_exception(pr_db *db, const char *ref, const char *reason,
			    pr_item *out, pr_error *err);

/* Records that an exception item was handed over to, and signed for by,
 * TO_NAME now. PR_ESTATE unless the item is an exception. */
pr_status pr_item_handover(pr_db *db, const char *ref, const char *to_name,
			   pr_item *out, pr_error *err);

/* The item's audit trail, oldest first. */
pr_status pr_item_history(pr_db *db, const char *ref, pr_audit_fn fn, void *ud,
			  pr_error *err);

/* Indexes item REF after its scan (tray items are logged with sender and
 * addressee empty): sets both, checked as pr_item_add checks them (each
 * required, at most PR_PARTY_MAX characters, no control characters), in
 * one transaction with an audit event naming the old and new values. Any
 * item but a void one may be indexed. PR_EINVAL names the field at fault,
 * PR_ENOTFOUND an unknown item, PR_ESTATE a void one; nothing changes
 * then. OUT (may be NULL) is the item as it is now, filled only on
 * success. */
pr_status pr_item_index(pr_db *db, const char *ref, const char *sender,
			const char *addressee, pr_item *out, pr_error *err);

/* Marks scanned item REF for rescan with REASON (required, at most
 * PR_REASON_MAX characters): back to its batch as waiting (scanned ->
 * batched), its image no longer current (the files stay in the archive
 * and on record), and its batch back to closed when it was scanned, all in
 * one transaction, audited on the item and the batch. The next scan of
 * the batch's sheets gives it a new image. PR_ESTATE when the item is not
 * scanned (emailed items too), is in no batch, or its batch is released;
 * PR_EINVAL for a bad reference or reason. Nothing changes on failure.
 * OUT (may be NULL) is the item as it is now, filled only on success. */
pr_status pr_item_rescan(pr_db *db, const char *ref, const char *reason, pr_item *out,
			 pr_error *err);

#endif
