/* Status codes and error messages shared by every core function.
 *
 * The error contract, which every function of the core, the io layer and
 * the service layer keeps, so that scripts and the console can trust it:
 *
 *  - A call returns PR_OK or a failure code with a message for a person in
 *    its pr_error (when one was passed); the message names the file, line,
 *    field or argument at fault and the value, so nobody has to guess.
 *  - A failed call changes nothing: every write runs in one BEGIN IMMEDIATE
 *    transaction that is rolled back on any failure, and files are written
 *    under a temporary name and renamed only when whole.
 *  - An out-parameter holds a value only on success. Where a change is
 *    committed, the out-parameter is filled before the COMMIT, so once the
 *    COMMIT succeeds the call cannot report failure: a change that was made
 *    is never reported as failed (a script that retried it would make it
 *    twice).
 *  - pr_error.field names the input at fault (the same word the message
 *    uses, e.g. "sender"), or is empty when the failure is not about one
 *    input, so a form can put the cursor on it without reading the text.
 *  - PR_ETEMP is a temporary failure (a server or printer not answering, a
 *    connection dropped): nothing was done and the same call may succeed
 *    later; queues retry it. Every other failure is permanent until a
 *    person changes something. */
#ifndef POSTROOM_STATUS_H
#define POSTROOM_STATUS_H

#include <stdarg.h>
#include <stdbool.h>

/* Every status code with its short meaning. */
#define PR_STATUS_LIST(S)                                        \
	S(PR_OK, "ok")                                           \
	S(PR_EINVAL, "invalid input")                            \
	S(PR_ENOTFOUND, "not found")                             \
	S(PR_EEXISTS, "already exists")                          \
	S(PR_ESTATE, "not allowed in its present state")         \
	S(PR_EBUSY, "database is busy")                          \
	S(PR_EREADONLY, "database is read-only")                 \
	S(PR_ENOTDB, "not a postroom database")                  \
	S(PR_ETOONEW, "database is from a newer postroom")       \
	S(PR_EDB, "database error")                              \
	S(PR_EIO, "input/output error")                          \
	S(PR_ECONFIG, "configuration error")                     \
	S(PR_EDENIED, "not allowed for your role")               \
	S(PR_ETEMP, "temporary failure, try again later")

#define PR_STATUS_ENUM(name, text) name,
typedef enum pr_status { PR_STATUS_LIST(PR_STATUS_ENUM) } pr_status;
#undef PR_STATUS_ENUM

#define PR_ERROR_MAX 512
#define PR_FIELD_MAX 32

/* A status code with the message that explains it to a person, and the
 * input it is about ("" when none). */
typedef struct pr_error {
	pr_status code;
	char field[PR_FIELD_MAX];
	char msg[PR_ERROR_MAX];
} pr_error;

/* The short meaning of a status code ("database is busy"); never NULL. */
const char *pr_status_text(pr_status code);

/* Records CODE and a printf-style message in ERR (which may be NULL) and
 * returns CODE, so callers can write `return pr_fail(err, PR_EINVAL, ...)`. */
pr_status pr_fail(pr_error *err, pr_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As pr_fail, and records that the failure is about the input FIELD. */
pr_status pr_fail_field(pr_error *err, pr_status code, const char *field,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Whether CODE is a temporary failure that a later retry may cure. */
bool pr_status_temporary(pr_status code);

/* As pr_fail, with a va_list. */
pr_status pr_vfail(pr_error *err, pr_status code, const char *fmt, va_list ap);

/* Sets ERR to PR_OK with an empty message. ERR may be NULL. */
void pr_error_clear(pr_error *err);

#endif
