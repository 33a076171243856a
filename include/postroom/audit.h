/* The audit trail: who changed what, when, from which state to which, why.
 *
 * It is append-only and tamper-evident. Triggers refuse to change or delete
 * an event, and to add one without its hash. Events are numbered 1, 2, 3...
 * without gaps, and each carries its hash, which takes in the hash of the
 * one before it (64 zeros before the first), so they form a chain:
 * SHA-256 over "postroom-audit-1\n", then the previous hash (as 64 hex
 * digits) and the event's fields (id, at, actor, entity, entity_id, ref,
 * from_state, to_state, reason), each written as its length in bytes, ':',
 * its bytes and a newline ("-\n" for none); numbers in decimal. Hashes are
 * stored as 32-byte blobs (the column prev_hash is left empty: the chain
 * is in the hashes) and shown in hex.
 * An event changed, removed or put in later breaks the chain at that point,
 * which pr_audit_verify finds. Someone able to rewrite the whole file can
 * also rebuild the chain: the head hash, kept elsewhere (printed by `audit
 * verify`), is what proves that nothing before it was rewritten. */
#ifndef POSTROOM_AUDIT_H
#define POSTROOM_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "postroom/clock.h"
#include "postroom/db.h"

typedef struct pr_audit_event {
	int64_t id;
	pr_time at;
	char actor[33];
	char entity[16];    /* "item", "batch", "department", "scan-file", ... */
	int64_t entity_id;
	char ref[32];       /* the reference or code of what changed */
	char from_state[16];/* "" when it was created */
	char to_state[16];
	char reason[801];
	char hash[65];      /* hex; "" when the event has none */
} pr_audit_event;

typedef bool (*pr_audit_fn)(const pr_audit_event *ev, void *ud);

/* Audit events, oldest first: all of them when REF is NULL, else those of
 * the item, batch or other thing with reference REF. */
pr_status pr_audit_list(pr_db *db, const char *ref, pr_audit_fn fn, void *ud,
			pr_error *err);

/* What pr_audit_verify found. */
typedef struct pr_audit_check {
	int64_t events;       /* events read */
	bool ok;              /* the chain holds and the triggers are in place */
	int64_t bad_id;       /* the first event that does not hold, or 0 */
	char problem[400];    /* what is wrong, naming the event; "" when ok */
	char head[65];        /* the last event's hash ("" when there is none) */
} pr_audit_check;

/* Checks the whole trail: the triggers that keep it append-only are in
 * place, and every event's hash is its own and follows the one before. The
 * result goes to *OUT (its PROBLEM names the first event that does not
 * hold). PR_OK when the trail could be read, whatever it showed; a database
 * error otherwise. */
pr_status pr_audit_verify(pr_db *db, pr_audit_check *out, pr_error *err);

#endif
