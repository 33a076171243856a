/* Text measured and cut in display columns, without curses: what the
 * drawing primitives and the header's layout share. UTF-8 in, the
 * locale's character widths (the console sets a UTF-8 locale). */
#ifndef POSTROOM_UI_FIT_H
#define POSTROOM_UI_FIT_H

#include <stddef.h>
#include <wchar.h>

/* The most characters of one piece of text the console handles at once. */
#define UI_WTEXT_MAX 1024

/* Decodes UTF-8 S into OUT (at most CAP-1 characters and a terminating
 * L'\0'); bytes that do not decode and control characters become '?'.
 * Returns the count. */
size_t ui_decode(const char *s, wchar_t *out, size_t cap);

/* The columns character WC takes: 0, 1 or 2; 1 for one wcwidth() does not
 * know. */
int ui_wc_width(wchar_t wc);

/* The display width of UTF-8 text S in columns. */
int ui_text_width(const char *s);

/* Writes UTF-8 S into OUT (CAP bytes), cut ("…") or padded with spaces to
 * exactly COLS display columns: for lining up columns of text. COLS of 0
 * or less gives "". */
void ui_fit(char *out, size_t cap, const char *s, int cols);

#endif
