/* Status codes, their meanings and the error record. */
#include "postroom/status.h"

#include <stdio.h>
#include <string.h>

#define PR_STATUS_TEXT(name, text) [name] = text,
static const char *const status_texts[] = { PR_STATUS_LIST(PR_STATUS_TEXT) };
#undef PR_STATUS_TEXT

const char *pr_status_text(pr_status code)
{
	if ((unsigned)code >= sizeof status_texts / sizeof status_texts[0])
		return "unknown error";
	return status_texts[code];
}

pr_status pr_vfail(pr_error *err, pr_status code, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		err->field[0] = '\0';
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	}
	return code;
}

pr_status pr_fail_field(pr_error *err, pr_status code, const char *field,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pr_vfail(err, code, fmt, ap);
	va_end(ap);
	if (err && field)
		snprintf(err->field, sizeof err->field, "%s", field);
	return code;
}

bool pr_status_temporary(pr_status code)
{
	return code == PR_ETEMP || code == PR_EBUSY;
}

pr_status pr_fail(pr_error *err, pr_status code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pr_vfail(err, code, fmt, ap);
	va_end(ap);
	return code;
}

void pr_error_clear(pr_error *err)
{
	if (err) {
		err->code = PR_OK;
		err->field[0] = '\0';
		err->msg[0] = '\0';
	}
}
