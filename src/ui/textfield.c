/* A single-line text field holding wide characters, so UTF-8 input such as
 * "Zoë Brontë" edits a character at a time; bounded to a number of
 * characters and scrolled sideways to keep the cursor in view. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "colour.h"
#include "draw.h"
#include "textfield.h"
#include "ui.h"

/* Empties F, bounded to MAX characters. */
void ui_field_init(struct ui_field *f, size_t max)
{
	memset(f, 0, sizeof *f);
	f->max = max < UI_FIELD_MAX ? max : UI_FIELD_MAX;
}

/* Empties F. */
void ui_field_clear(struct ui_field *f)
{
	f->len = f->cur = f->scroll = 0;
	f->buf[0] = L'\0';
}

static void insert(struct ui_field *f, wchar_t wc)
{
	memmove(f->buf + f->cur + 1, f->buf + f->cur,
		(f->len - f->cur + 1) * sizeof f->buf[0]);
	f->buf[f->cur++] = wc;
	f->len++;
}

static void erase_at(struct ui_field *f, size_t at)
{
	memmove(f->buf + at, f->buf + at + 1, (f->len - at) * sizeof f->buf[0]);
	f->len--;
}

/* Applies one editing key to F. */
bool ui_field_key(struct ui_field *f, ui_key key, bool *full)
{
	*full = false;
	if (ui_key_printable(key)) {
		if (f->len >= f->max) {
			*full = true;
			return true;
		}
		insert(f, (wchar_t)key);
		return true;
	}
	switch (key) {
	case UI_FN(KEY_BACKSPACE):
	case 127:
	case 8:
		if (f->cur > 0)
			erase_at(f, --f->cur);
		return true;
	case UI_FN(KEY_DC):
		if (f->cur < f->len)
			erase_at(f, f->cur);
		return true;
	case UI_FN(KEY_LEFT):
		if (f->cur > 0)
			f->cur--;
		return true;
	case UI_FN(KEY_RIGHT):
		if (f->cur < f->len)
			f->cur++;
		return true;
	case UI_FN(KEY_HOME):
	case UI_CTRL('a'):
		f->cur = 0;
		return true;
	case UI_FN(KEY_END):
	case UI_CTRL('e'):
		f->cur = f->len;
		return true;
	case UI_CTRL('u'):
		memmove(f->buf, f->buf + f->cur, (f->len - f->cur + 1) * sizeof f->buf[0]);
		f->len -= f->cur;
		f->cur = 0;
		return true;
	default:
		return false;
	}
}

static int width_of(const wchar_t *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++) {
		int c = wcwidth(s[i]);
		w += c < 0 ? 1 : c;
	}
	return w;
}

/* Draws F at Y, X in W columns; with FOCUS the cursor goes in it. */
void ui_field_draw(struct ui *ui, struct ui_field *f, int y, int x, int w, bool focus)
{
	enum ui_role role = focus ? ROLE_FIELD_FOCUS : ROLE_FIELD;

	if (w <= 1)
		return;
	/* Scroll so the cursor shows, leaving a column for it at the end. */
	if (f->scroll > f->cur)
		f->scroll = f->cur;
	while (width_of(f->buf + f->scroll, f->cur - f->scroll) > w - 1)
		f->scroll++;
	size_t n = 0;
	int used = 0;
	while (f->scroll + n < f->len) {
		int c = width_of(f->buf + f->scroll + n, 1);
		if (used + c > w)
			break;
		used += c;
		n++;
	}
	ui_fill(y, x, w, role);
	attrset(ui_role_attr(role));
	mvaddnwstr(y, x, f->buf + f->scroll, (int)n);
	attrset(A_NORMAL);
	if (focus)
		ui_place_cursor(ui, y, x + width_of(f->buf + f->scroll, f->cur - f->scroll));
}

/* F's text as UTF-8. */
bool ui_field_utf8(const struct ui_field *f, char *out, size_t cap)
{
	mbstate_t st;
	size_t used = 0;

	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < f->len; i++) {
		char tmp[MB_LEN_MAX];
		size_t r = wcrtomb(tmp, f->buf[i], &st);
		if (r == (size_t)-1 || used + r + 1 > cap) {
			out[0] = '\0';
			return false;
		}
		memcpy(out + used, tmp, r);
		used += r;
	}
	out[used] = '\0';
	return true;
}

/* Replaces F's text with UTF-8 S. */
void ui_field_set(struct ui_field *f, const char *s)
{
	mbstate_t st;
	size_t left = strlen(s);

	ui_field_clear(f);
	memset(&st, 0, sizeof st);
	while (left > 0 && f->len < f->max) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, left, &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0)
			break;
		f->buf[f->len++] = wc;
		s += r;
		left -= r;
	}
	f->buf[f->len] = L'\0';
	f->cur = f->len;
}
