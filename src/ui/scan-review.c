/* The Scan screen's page review: a scanned item's details on the left
 * (reference, batch, sender and addressee, pages, blank pages, resolution,
 * the scan file and where its pages are in it) and one page of it drawn in
 * the terminal on the right, page by page. The pixels are the archived
 * original's (pr_scan_page_grey at SCAN_PREVIEW_DPI), reduced to the box
 * (io/preview.h): braille in a UTF-8 locale, ASCII otherwise; half
 * blocks on request. The item's own pages come first, then its blank
 * pages (left out of its PDF); "whole file" steps through every page of
 * the scan file instead, the sheets and other items' pages named as such.
 * The index form (sender, addressee) takes the place of those two lines
 * while the preview stays in view. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "postroom/item.h"
#include "postroom/xmem.h"

#include "draw.h"
#include "scanview.h"

#define LABEL_W 11

static long ms_between(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

static bool utf8_terminal(void)
{
	return MB_CUR_MAX > 1;
}

/* The pages to step through: the item's, then its blank ones; or every
 * page of the file. */
static void build_pages(struct sview *v)
{
	size_t n = 0, k = 0;
	v->npages = v->nitem_pages = 0;
	if (v->whole_file && v->file_pages > 0) {
		int own[SCAN_REVIEW_PAGES], blank[SCAN_REVIEW_PAGES];
		size_t nown = 0, nblank = 0;
		pr_page_list_parse(v->rev.page_list, own, SCAN_REVIEW_PAGES, &nown);
		pr_page_list_parse(v->rev.blank_list, blank, SCAN_REVIEW_PAGES, &nblank);
		for (int p = 1; p <= v->file_pages && n < SCAN_REVIEW_PAGES; p++) {
			enum spage kind = SP_OTHER;
			for (size_t i = 0; i < nown; i++)
				if (own[i] == p)
					kind = SP_ITEM;
			for (size_t i = 0; i < nblank; i++)
				if (blank[i] == p)
					kind = SP_BLANK;
			v->pages[n] = p;
			v->kinds[n++] = (unsigned char)kind;
		}
		v->npages = n;
		return;
	}
	if (pr_page_list_parse(v->rev.page_list, v->pages, SCAN_REVIEW_PAGES, &n))
		for (size_t i = 0; i < n; i++)
			v->kinds[i] = SP_ITEM;
	else
		n = 0;
	v->nitem_pages = n;
	if (pr_page_list_parse(v->rev.blank_list, v->pages + n, SCAN_REVIEW_PAGES - n, &k))
		for (size_t i = 0; i < k; i++)
			v->kinds[n + i] = SP_BLANK;
	else
		k = 0;
	v->npages = n + k;
}

static void drop_image(struct sview *v)
{
	pr_grey_image_free(&v->img);
	v->img_page = 0;
	v->img_err[0] = '\0';
	v->dw = v->dh = 0;
}

/* Opens the review of R. */
void scan_review_open(struct ui *ui, struct sview *v, const pr_scan_review *r)
{
	v->rev = *r;
	v->rev_gen = ui->generation;
	v->whole_file = false;
	v->file_pages = 0;
	v->cur = 0;
	drop_image(v);
	build_pages(v);
	v->mode = SMODE_REVIEW;
}

void scan_review_step(struct sview *v, int delta)
{
	if (v->npages == 0)
		return;
	long c = (long)v->cur + delta;
	if (c < 0)
		c = 0;
	if (c >= (long)v->npages)
		c = (long)v->npages - 1;
	v->cur = (size_t)c;
}

void scan_review_whole_file(struct ui *ui, struct sview *v)
{
	if (v->file_pages <= 0) {
		ui_message(ui, true, "The scan file of %s cannot be read: %s", v->rev.ref,
			   *v->img_err ? v->img_err : "not found");
		return;
	}
	int at = v->npages ? v->pages[v->cur] : 1;
	v->whole_file = !v->whole_file;
	build_pages(v);
	v->cur = 0;
	for (size_t i = 0; i < v->npages; i++)
		if (v->pages[i] == at)
			v->cur = i;
	ui_message(ui, false, v->whole_file ? "Every page of %s (%d pages)"
					    : "The pages of %s alone", v->whole_file ?
		   v->rev.file_name : v->rev.ref, v->file_pages);
}

void scan_review_next_style(struct ui *ui, struct sview *v)
{
	static const char *const names[] = { "braille", "half blocks", "ASCII" };
	if (!utf8_terminal()) {
		v->style = PR_PREVIEW_ASCII;
		ui_message(ui, false, "Preview in ASCII: this terminal has no UTF-8");
		return;
	}
	v->style = (pr_preview_style)((v->style + 1) % PR_PREVIEW_STYLE_COUNT);
	ui_message(ui, false, "Preview in %s", names[v->style]);
}

/* ---- layout ---- */

/* The preview's box (border included) and the details' column. */
static void lay_out(const struct sview *v, const struct ui_rect *area, struct ui_rect *box,
		    struct ui_rect *det)
{
	int inner_h = area->h - 4, max_w = area->w / 2 - 2, cols, rows;
	pr_grey_image a4 = { .width = 210, .height = 297, .xdpi = 1, .ydpi = 1 };
	const pr_grey_image *img = v->img.pixels ? &v->img : &a4;
	if (inner_h < 1)
		inner_h = 1;
	pr_preview_fit(img, max_w, inner_h, 2.0, &cols, &rows);
	*box = (struct ui_rect){ area->y + 1, area->x + area->w - cols - 3, rows + 2, cols + 2 };
	*det = (struct ui_rect){ area->y + 1, area->x + 1, area->h - 2, box->x - area->x - 3 };
}

/* ---- reading ---- */

void scan_review_refresh(struct ui *ui, struct sview *v, const struct ui_rect *area)
{
	pr_error err;

	if (v->rev_gen != ui->generation && v->mode != SMODE_INDEX) {
		v->rev_gen = ui->generation;
		pr_scan_review r;
		if (pr_scan_review_get(ui->db, v->rev.ref, &r, &err) != PR_OK) {
			ui_message(ui, false, "%s: %s", v->rev.ref, err.msg);
			v->mode = SMODE_LIST;
			return;
		}
		bool moved = strcmp(r.page_list, v->rev.page_list) != 0 ||
			     strcmp(r.file_path, v->rev.file_path) != 0;
		v->rev = r;
		if (moved) {
			drop_image(v);
			build_pages(v);
			v->cur = 0;
		}
	}
	if (v->npages == 0)
		return;
	int want = v->pages[v->cur];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool fresh = false;
	if (v->img_page != want) {
		pr_grey_image_free(&v->img);
		v->img_page = want;
		v->img_err[0] = '\0';
		int pages = 0;
		if (!*v->rev.file_path)
			snprintf(v->img_err, sizeof v->img_err, "no scan file on record");
		else if (pr_scan_page_grey(v->rev.file_path, want, SCAN_PREVIEW_DPI, &v->img, &pages,
					   &err) != PR_OK)
			snprintf(v->img_err, sizeof v->img_err, "%s", err.msg);
		else if (v->file_pages != pages)
			v->file_pages = pages;
		v->dw = 0;
		fresh = true;
	}
	struct ui_rect box, det;
	lay_out(v, area, &box, &det);
	int dx, dy;
	pr_preview_cell_dots(v->style, &dx, &dy);
	int cols = box.w - 2, rows = box.h - 2;
	if (v->img.pixels && (fresh || v->dw != cols * dx || v->dh != rows * dy ||
			      v->dots_style != v->style)) {
		v->dw = cols * dx;
		v->dh = rows * dy;
		v->cols = cols;
		v->rows = rows;
		v->dots_style = v->style;
		v->dots = xrealloc(v->dots, (size_t)v->dw * (size_t)v->dh);
		pr_preview_reduce(&v->img, v->dw, v->dh, v->dots);
		v->inked = pr_preview_inked(v->dots, (size_t)v->dw * (size_t)v->dh, PR_PREVIEW_INK);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (fresh) {
		v->decode_ms = ms_between(&t0, &t1);
		v->timed = false;
	}
}

/* ---- drawing ---- */

static void draw_preview(struct sview *v, const struct ui_rect *box)
{
	ui_box(box, ROLE_LABEL);
	if (!v->img.pixels || v->dw == 0) {
		struct ui_rect in = { box->y + 1, box->x + 1, box->h - 2, box->w - 2 };
		ui_put_wrapped(&in, 0, ROLE_ERROR, *v->img_err ? v->img_err : "no page to show");
		return;
	}
	attr_t attr = ui_role_attr(ROLE_NORMAL);
	bool wide = v->dots_style != PR_PREVIEW_ASCII && utf8_terminal();
	for (int r = 0; r < v->rows && r < box->h - 2; r++) {
		for (int c = 0; c < v->cols && c < box->w - 2; c++) {
			unsigned ch = pr_preview_char(v->dots_style, v->dots, v->dw, v->dh, c, r,
						      PR_PREVIEW_INK);
			if (wide) {
				wchar_t s[2] = { (wchar_t)ch, L'\0' };
				cchar_t cc;
				if (setcchar(&cc, s, attr, 0, NULL) == OK)
					mvadd_wch(box->y + 1 + r, box->x + 1 + c, &cc);
			} else {
				mvaddch(box->y + 1 + r, box->x + 1 + c, (chtype)(ch < 128 ? ch : '#') | attr);
			}
		}
	}
}

static const char *page_words(const struct sview *v)
{
	switch (v->npages ? (enum spage)v->kinds[v->cur] : SP_OTHER) {
	case SP_ITEM: return "the item's";
	case SP_BLANK: return "blank, left out of its PDF";
	case SP_OTHER: break;
	}
	return "not the item's (a sheet or another's)";
}

static int line(const struct ui_rect *d, int y, const char *label, enum ui_role role,
		const char *fmt, const char *value)
{
	if (y >= d->h)
		return y;
	ui_put(d->y + y, d->x, LABEL_W, ROLE_LABEL, label);
	ui_putf(d->y + y, d->x + LABEL_W, d->w - LABEL_W, role, fmt, value);
	return y + 1;
}

void scan_review_draw(struct ui *ui, struct sview *v, const struct ui_rect *area)
{
	struct ui_rect box, det;
	const pr_scan_review *r = &v->rev;
	char buf[1200];

	lay_out(v, area, &box, &det);
	int at = v->npages ? (int)v->cur + 1 : 0;
	ui_putf(area->y, area->x + 1, area->w - 2, ROLE_TITLE, "Page review: %s - %s %d of %zu",
		r->ref, v->whole_file ? "file page" : "page", at, v->npages);
	int y = 0;
	snprintf(buf, sizeof buf, "%s, %s", r->ref,
		 pr_item_status_name((pr_item_status)r->status));
	y = line(&det, y, "Item", ROLE_NORMAL, "%s", buf);
	snprintf(buf, sizeof buf, "%s, department %s", *r->batch_ref ? r->batch_ref : "none",
		 r->dept_code);
	y = line(&det, y, "Batch", ROLE_NORMAL, "%s", buf);
	if (v->mode == SMODE_INDEX) {
		ui_put(det.y + y, det.x, LABEL_W, ROLE_LABEL, "Sender");
		ui_field_draw(ui, &v->sender, det.y + y, det.x + LABEL_W, det.w - LABEL_W,
			      v->field == 0);
		y++;
		ui_put(det.y + y, det.x, LABEL_W, ROLE_LABEL, "Addressee");
		ui_field_draw(ui, &v->addressee, det.y + y, det.x + LABEL_W, det.w - LABEL_W,
			      v->field == 1);
		y++;
	} else {
		y = line(&det, y, "Sender", *r->sender ? ROLE_NORMAL : ROLE_WARNING, "%s",
			 *r->sender ? r->sender : "not indexed (I: index)");
		y = line(&det, y, "Addressee", *r->addressee ? ROLE_NORMAL : ROLE_WARNING, "%s",
			 *r->addressee ? r->addressee : "not indexed (I: index)");
	}
	snprintf(buf, sizeof buf, "%d in its PDF, %d blank left out", r->pages, r->blank_pages);
	y = line(&det, y, "Pages", ROLE_NORMAL, "%s", buf);
	if (r->dpi)
		snprintf(buf, sizeof buf, "%d dpi", r->dpi);
	else
		snprintf(buf, sizeof buf, "not recorded");
	y = line(&det, y, "Resolution", ROLE_NORMAL, "%s", buf);
	snprintf(buf, sizeof buf, "%s, pages %s%s%s", *r->file_name ? r->file_name : "none",
		 r->page_list, *r->blank_list ? ", blank " : "", r->blank_list);
	y = line(&det, y, "Scan file", ROLE_NORMAL, "%s", buf);
	y++;
	if (v->npages) {
		snprintf(buf, sizeof buf, "file page %d, %s", v->pages[v->cur],
			 page_words(v));
		y = line(&det, y, "Showing", ROLE_NORMAL, "%s", buf);
		if (v->img.pixels) {
			snprintf(buf, sizeof buf, "%d.%d%% of the page%s", v->inked / 10,
				 v->inked % 10, v->inked == 0 ? ": blank" : "");
			y = line(&det, y, "Ink", ROLE_NORMAL, "%s", buf);
		}
	} else {
		y = line(&det, y, "Showing", ROLE_WARNING, "%s", "no pages on record");
	}
	(void)y;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	draw_preview(v, &box);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!v->timed && v->img.pixels) {
		v->timed = true;
		ui_timing_note("preview_ms", v->decode_ms + ms_between(&t0, &t1));
	}
	char hints[256];
	ui_view_hints(ui, &ui->views[SCR_SCAN], area->w - 2, hints, sizeof hints);
	ui_put(area->y + area->h - 1, area->x + 1, area->w - 2, ROLE_LABEL, hints);
}

/* ---- the index form ---- */

void scan_index_open(struct sview *v)
{
	ui_field_init(&v->sender, PR_PARTY_MAX);
	ui_field_init(&v->addressee, PR_PARTY_MAX);
	ui_field_set(&v->sender, v->rev.sender);
	ui_field_set(&v->addressee, v->rev.addressee);
	v->field = *v->rev.sender ? 1 : 0;
	v->mode = SMODE_INDEX;
}

int scan_index_save(struct ui *ui, struct sview *v)
{
	char sender[PR_PARTY_MAX * 4 + 1], addressee[PR_PARTY_MAX * 4 + 1];
	pr_error err;
	pr_item it;

	if (!ui_field_utf8(&v->sender, sender, sizeof sender) ||
	    !ui_field_utf8(&v->addressee, addressee, sizeof addressee)) {
		ui_message(ui, true, "The text cannot be written in this terminal's character set");
		return UI_REDRAW;
	}
	if (pr_item_index(ui->db, v->rev.ref, sender, addressee, &it, &err) != PR_OK) {
		if (strcmp(err.field, PR_FIELD_ADDRESSEE) == 0)
			v->field = 1;
		else if (strcmp(err.field, PR_FIELD_SENDER) == 0)
			v->field = 0;
		ui_error(ui, &err);
		return UI_REDRAW;
	}
	snprintf(v->rev.sender, sizeof v->rev.sender, "%s", it.sender);
	snprintf(v->rev.addressee, sizeof v->rev.addressee, "%s", it.addressee);
	v->mode = SMODE_REVIEW;
	ui_message(ui, false, "%s indexed: from %s to %s", it.ref, it.sender, it.addressee);
	return UI_RELOAD | UI_REDRAW;
}

void scan_review_free(struct sview *v)
{
	pr_grey_image_free(&v->img);
	free(v->dots);
	v->dots = NULL;
}
