/* Checks and helpers for text that operators type or scripts pass in. */
#ifndef POSTROOM_TEXT_H
#define POSTROOM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "postroom/status.h"

/* True when S is well-formed UTF-8 (no overlongs, no surrogates). */
bool pr_utf8_valid(const char *s);

/* The number of characters (code points) in the valid UTF-8 string S. */
size_t pr_utf8_len(const char *s);

/* Copies S into DST (capacity CAP bytes) with leading and trailing white
 * space removed, cutting at a character boundary if it does not fit. */
void pr_text_trim_copy(char *dst, size_t cap, const char *s);

/* True for a character that must never reach a terminal as it is: the C0
 * and C1 controls, DEL, and the bidirectional embedding, override and
 * isolate controls (U+202A-U+202E, U+2066-U+2069). */
bool pr_char_unsafe(unsigned codepoint);

/* S with each unsafe character (see pr_char_unsafe) and each byte that is
 * not UTF-8 written visibly: \n, \t, \r, \xHH, \uHHHH. NULL when S needs
 * no change (use S); otherwise a new string the caller frees. Aborts when
 * out of memory. */
char *pr_text_escaped(const char *s);

/* Checks the value of the field called FIELD: well-formed UTF-8, no control
 * characters (C0, DEL, C1) and no text direction controls, at most MAX_CHARS characters, and not empty when REQUIRED.
 * Returns PR_OK or PR_EINVAL with a message naming the field. */
pr_status pr_text_check(const char *field, const char *value, size_t max_chars,
			bool required, pr_error *err);

/* Case-insensitive ASCII substring search; true when NEEDLE is in HAY. */
bool pr_text_contains(const char *hay, const char *needle);

#endif
