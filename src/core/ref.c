#include "postroom/ref.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "postroom/clock.h"
#include "postroom/text.h"

/* 23 letters: no I, O or Q, which are read as 1, 0 and 0. */
static const char check_letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";

/* A weighted sum mod 23 (a prime) with weights 1, 2, 3...: any single wrong
 * digit and any swap of two neighbouring digits changes it. */
static char check_letter(const char *body)
{
	unsigned sum = 0, weight = 1;
	for (const char *p = body; *p; p++) {
		unsigned v;
		if (isdigit((unsigned char)*p))
			v = (unsigned)(*p - '0');
		else if (isupper((unsigned char)*p))
			v = (unsigned)(*p - 'A') + 10;
		else
			continue;
		sum += v * weight++;
	}
	return check_letters[sum % 23];
}

void pr_ref_make(char kind, long dayno, long seq, char out[PR_REF_LEN])
{
	char day[PR_DAY_LEN], body[48];
	pr_day_format(dayno, day);
	snprintf(body, sizeof body, "%c%.2s%.2s%.2s-%04ld", kind, day + 2, day + 5,
		 day + 8, seq);
	snprintf(out, PR_REF_LEN, "%.22s%c", body, check_letter(body));
}

pr_status pr_ref_parse(const char *in, char out[PR_REF_LEN], pr_error *err)
{
	char buf[PR_REF_LEN];
	size_t n = 0;
	if (!in || !pr_utf8_valid(in))
		return pr_fail(err, PR_EINVAL, "a reference must be plain text");
	for (const char *p = in; *p; p++) {
		if (isspace((unsigned char)*p))
			continue;
		if (n + 1 >= sizeof buf)
			return pr_fail(err, PR_EINVAL, "'%.40s' is too long for a "
				       "reference such as I261120-0042K", in);
		buf[n++] = (char)toupper((unsigned char)*p);
	}
	buf[n] = '\0';
	/* Letter, YYMMDD, '-', four or more digits, check letter. */
	bool ok = n >= 13 && isupper((unsigned char)buf[0]) && buf[7] == '-' &&
		  isupper((unsigned char)buf[n - 1]);
	for (size_t i = 1; ok && i < n - 1; i++)
		if (i != 7 && !isdigit((unsigned char)buf[i]))
			ok = false;
	if (!ok)
		return pr_fail(err, PR_EINVAL, "'%.40s' is not a reference (they "
			       "look like I261120-0042K)", in);
	char day[PR_DAY_LEN];
	long dayno;
	snprintf(day, sizeof day, "20%.2s-%.2s-%.2s", buf + 1, buf + 3, buf + 5);
	if (pr_day_parse(day, &dayno, NULL) != PR_OK)
		return pr_fail(err, PR_EINVAL, "'%s' is not a reference: %.6s is not "
			       "a date", buf, buf + 1);
	char body[PR_REF_LEN];
	memcpy(body, buf, n - 1);
	body[n - 1] = '\0';
	if (check_letter(body) != buf[n - 1])
		return pr_fail(err, PR_EINVAL, "%s: the check letter does not match; "
			       "the reference was probably mistyped", buf);
	memcpy(out, buf, n + 1);
	return PR_OK;
}
