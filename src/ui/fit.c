/* Text measured and cut in display columns: no curses here, so the
 * header's layout can be checked without a terminal. */
#include "fit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* Decodes UTF-8 S into OUT (at most CAP-1 characters); bytes that do not
 * decode and control characters become '?'. Returns the count. */
size_t ui_decode(const char *s, wchar_t *out, size_t cap)
{
	mbstate_t st;
	size_t n = 0, left = strlen(s);

	memset(&st, 0, sizeof st);
	while (left > 0 && n + 1 < cap) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, left, &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			r = 1;
		}
		if (!iswprint((wint_t)wc))
			wc = L'?';
		out[n++] = wc;
		s += r;
		left -= r;
	}
	out[n] = L'\0';
	return n;
}

/* The columns WC takes; see fit.h. */
int ui_wc_width(wchar_t wc)
{
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* The display width of UTF-8 text S. */
int ui_text_width(const char *s)
{
	wchar_t buf[UI_WTEXT_MAX];
	size_t n = ui_decode(s, buf, UI_WTEXT_MAX);
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += ui_wc_width(buf[i]);
	return w;
}

/* Writes S into OUT (CAP bytes) cut or padded with spaces to exactly COLS
 * display columns, "…" marking a cut. */
void ui_fit(char *out, size_t cap, const char *s, int cols)
{
	if (cap == 0)
		return;
	if (cols <= 0) {
		out[0] = '\0';
		return;
	}
	wchar_t buf[UI_WTEXT_MAX];
	size_t n = ui_decode(s, buf, UI_WTEXT_MAX), used = 0;
	int total = 0, w = 0;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < n; i++)
		total += ui_wc_width(buf[i]);
	int room = total > cols ? cols - 1 : cols;
	for (size_t i = 0; i < n && w + ui_wc_width(buf[i]) <= room; i++) {
		char mb[MB_LEN_MAX];
		size_t r = wcrtomb(mb, buf[i], &st);
		if (r == (size_t)-1 || used + r + 4 >= cap)
			break;
		memcpy(out + used, mb, r);
		used += r;
		w += ui_wc_width(buf[i]);
	}
	if (total > cols && used + 4 < cap) {
		memcpy(out + used, "\u2026", 3);
		used += 3;
		w++;
	}
	while (w < cols && used + 1 < cap) {
		out[used++] = ' ';
		w++;
	}
	out[used] = '\0';
}

