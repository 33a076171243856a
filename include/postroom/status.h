/* Status codes and error messages shared by every core function. */
#ifndef POSTROOM_STATUS_H
#define POSTROOM_STATUS_H

#include <stdarg.h>

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
	S(PR_EDENIED, "not allowed for your role")

#define PR_STATUS_ENUM(name, text) name,
typedef enum pr_status { PR_STATUS_LIST(PR_STATUS_ENUM) } pr_status;
#undef PR_STATUS_ENUM

#define PR_ERROR_MAX 512

/* A status code with the message that explains it to a person. */
typedef struct pr_error {
	pr_status code;
	char msg[PR_ERROR_MAX];
} pr_error;

/* The short meaning of a status code ("database is busy"); never NULL. */
const char *pr_status_text(pr_status code);

/* Records CODE and a printf-style message in ERR (which may be NULL) and
 * returns CODE, so callers can write `return pr_fail(err, PR_EINVAL, ...)`. */
pr_status pr_fail(pr_error *err, pr_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As pr_fail, with a va_list. */
pr_status pr_vfail(pr_error *err, pr_status code, const char *fmt, va_list ap);

/* Sets ERR to PR_OK with an empty message. ERR may be NULL. */
void pr_error_clear(pr_error *err);

#endif
