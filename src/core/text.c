#include "postroom/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The code point of the valid sequence of N bytes at S. */
static unsigned utf8_decode(const unsigned char *s, size_t n)
{
	switch (n) {
	case 1: return s[0];
	case 2: return (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu);
	case 3: return (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
	default:
		return (s[0] & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 |
		       (s[3] & 0x3Fu);
	}
}

bool pr_char_unsafe(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

char *pr_text_escaped(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t extra = 0;
	while (*p) {
		size_t n = utf8_seq_len(p);
		if (n == 0)
			extra += 3, n = 1;         /* \xHH */
		else if (pr_char_unsafe(utf8_decode(p, n)))
			extra += 6;                /* \u202E at most */
		p += n;
	}
	if (extra == 0)
		return NULL;
	size_t cap = strlen(s) + extra + 1, o = 0;
	char *out = malloc(cap);
	if (!out)
		abort();
	for (p = (const unsigned char *)s; *p;) {
		size_t n = utf8_seq_len(p);
		if (n == 0) {
			o += (size_t)snprintf(out + o, cap - o, "\\x%02X", *p);
			p++;
			continue;
		}
		unsigned cp = utf8_decode(p, n);
		if (!pr_char_unsafe(cp)) {
			memcpy(out + o, p, n);
			o += n;
		} else if (cp == '\n' || cp == '\t' || cp == '\r') {
			out[o++] = '\\';
			out[o++] = cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r';
		} else if (cp < 0x80) {
			o += (size_t)snprintf(out + o, cap - o, "\\x%02X", cp);
		} else {
			o += (size_t)snprintf(out + o, cap - o, "\\u%04X", cp);
		}
		p += n;
	}
	out[o] = '\0';
	return out;
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
	for (const unsigned char *p = (const unsigned char *)value; *p;) {
		size_t len = utf8_seq_len(p);
		unsigned cp = utf8_decode(p, len);
		if (pr_char_unsafe(cp) && cp >= 0x202A)
			return pr_fail_field(err, PR_EINVAL, field,
				       "%s contains a text direction control "
				       "(U+%04X), which could disguise it", field, cp);
		if (pr_char_unsafe(cp))
			return pr_fail_field(err, PR_EINVAL, field,
				       "%s contains a control character (code %u)",
				       field, cp);
		p += len;
	}
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
