#include "postroom/text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Length of the UTF-8 sequence at S, or 0 when it is malformed. */
static size_t utf8_seq_len(const unsigned char *s)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

bool pr_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = utf8_seq_len(p);
		if (n == 0)
			return false;
		p += n;
	}
	return true;
}

size_t pr_utf8_len(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return n;
}

void pr_text_trim_copy(char *dst, size_t cap, const char *s)
{
	if (cap == 0)
		return;
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= cap) {
		len = cap - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--; /* do not cut a character in two */
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

pr_status pr_text_check(const char *field, const char *value, size_t max_chars,
			bool required, pr_error *err)
{
	if (!value || !*value) {
		if (required)
			return pr_fail_field(err, PR_EINVAL, field, "%s is required", field);
		return PR_OK;
	}
	if (!pr_utf8_valid(value))
		return pr_fail_field(err, PR_EINVAL, field, "%s is not valid UTF-8 text", field);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return pr_fail_field(err, PR_EINVAL, field,
				       "%s contains a control character (code %u)",
				       field, *p);
	size_t n = pr_utf8_len(value);
	if (n > max_chars)
		return pr_fail_field(err, PR_EINVAL, field,
			       "%s is too long: %zu characters, at most %zu",
			       field, n, max_chars);
	return PR_OK;
}

bool pr_text_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return true;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}
