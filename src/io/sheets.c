/* The scanner's batch sheets and the accountable-items sheet: A4 PDF drawn
 * with libharu. Barcodes are vector bars from the Code 128 module pattern,
 * placed on a 1/300 inch grid so they rasterise crisply at 300 (and 200)
 * dpi; text is base-14 Helvetica in WinAnsi. */
#include "postroom/io/sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/io/barcode.h"
#include "postroom/clock.h"
#include "postroom/scan.h"
#include "postroom/xmem.h"
#include "pdf.h"

#define MARGIN 42.0
/* One pixel at 300 dpi in points; 3 of them are 2 pixels at 200 dpi. */
#define PX300 (72.0 / 300.0)
#define GRID (3 * PX300)

/* The widest module, a multiple of GRID from WANT down to 4 pixels at 300
 * dpi, that fits MODULES into WIDTH; smaller only when nothing else fits. */
static double module_fit(size_t modules, double width, double want)
{
	for (double m = want; m >= 4 * PX300 - 1e-9; m -= PX300)
		if (m * (double)modules <= width)
			return m;
	return width / (double)modules;
}

/* Draws PATTERN centred across the page, bars H points tall from Y. */
static void barcode_centred(pr_pdf_page *page, const char *pattern, double module, double y,
			    double h)
{
	size_t n = strlen(pattern);
	double x = floor((PR_A4_W - module * (double)n) / 2 / GRID) * GRID;
	pr_pdf_bars(page, pattern, x, y, module, h);
}

static void rule(pr_pdf_page *page, double y)
{
	pr_pdf_line(page, MARGIN, y, PR_A4_W - MARGIN, y, 0.75, 0);
}

/* A row of the "label: value" list at Y; returns the next row's Y. */
static double field(pr_pdf_page *page, double y, const char *label, const char *value)
{
	const double vx = MARGIN + 110;
	pr_pdf_text(page, PR_FONT_BOLD, 12, MARGIN, y, PR_LEFT, 0, label);
	pr_pdf_text(page, PR_FONT_REGULAR, 14, vx, y, PR_LEFT, PR_A4_W - MARGIN - vx,
		    value && *value ? value : "-");
	return y - 28;
}

static void batch_header(pr_pdf *p, const pr_batch *b, size_t n, const char *pattern)
{
	pr_pdf_page *page = pr_pdf_page_add(p, PR_A4_W, PR_A4_H);
	if (!page)
		return;
	char buf[PR_DEPT_NAME_MAX * 4 + 64], when[PR_TIME_LEN];

	pr_pdf_text(page, PR_FONT_BOLD, 30, PR_A4_W / 2, 770, PR_CENTRE, 0, "Batch header");
	rule(page, 750);
	double module = module_fit(strlen(pattern), PR_A4_W - 2 * MARGIN, 8 * PX300);
	barcode_centred(page, pattern, module, 570, 45 * PR_PT_PER_MM);
	pr_pdf_text(page, PR_FONT_MONO, 22, PR_A4_W / 2, 540, PR_CENTRE, 0, b->ref);
	rule(page, 515);

	double y = 480;
	y = field(page, y, "Batch", b->ref);
	snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", b->dept_code, b->dept_name);
	y = field(page, y, "Department", b->dept_name[0] ? buf : b->dept_code);
	snprintf(buf, sizeof buf, "%zu", n);
	y = field(page, y, "Items", buf);
	if (b->opened_at) {
		pr_time_format(b->opened_at, when);
		y = field(page, y, "Date", when);
	} else {
		y = field(page, y, "Date", "");
	}
	y = field(page, y, "Operator", b->opened_by);
	if (b->closed_at) {
		pr_time_format(b->closed_at, when);
		snprintf(buf, sizeof buf, "%s by %s", when, b->closed_by[0] ? b->closed_by : "-");
		field(page, y, "Closed", buf);
	}
	pr_pdf_text(page, PR_FONT_REGULAR, 10, PR_A4_W / 2, 60, PR_CENTRE, 0,
		    "Put this sheet on top of the tray, then a separator sheet in front of each item.");
}

static void separator(pr_pdf *p, const pr_batch *b, const pr_item *it, size_t i, size_t n,
		      const char *pattern)
{
	pr_pdf_page *page = pr_pdf_page_add(p, PR_A4_W, PR_A4_H);
	if (!page)
		return;
	char buf[PR_DEPT_NAME_MAX * 4 + 64];

	snprintf(buf, sizeof buf, "Separator sheet %zu of %zu", i + 1, n);
	pr_pdf_text(page, PR_FONT_REGULAR, 11, MARGIN, 800, PR_LEFT, 0, buf);
	snprintf(buf, sizeof buf, "Batch %s", b->ref);
	pr_pdf_text(page, PR_FONT_REGULAR, 11, PR_A4_W - MARGIN, 800, PR_RIGHT, 0, buf);
	rule(page, 790);
	pr_pdf_text(page, PR_FONT_BOLD, 26, PR_A4_W / 2, 750, PR_CENTRE, 0, it->ref);

	double module = module_fit(strlen(pattern), PR_A4_W - 2 * MARGIN, 6 * PX300);
	barcode_centred(page, pattern, module, 595, 45 * PR_PT_PER_MM);
	pr_pdf_text(page, PR_FONT_MONO, 18, PR_A4_W / 2, 570, PR_CENTRE, 0, it->ref);
	rule(page, 550);

	double y = 515;
	y = field(page, y, "Sender", it->sender);
	y = field(page, y, "Addressee", it->addressee);
	y = field(page, y, "Kind", pr_kind_label(it->kind));
	if (it->service != PR_SERVICE_STANDARD) {
		snprintf(buf, sizeof buf, "%s %s", pr_service_label(it->service)
			 ? pr_service_label(it->service) : "", it->tracking);
		y = field(page, y, "Service", buf);
	}
	if (it->dept_name[0])
		snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", it->dept_code, it->dept_name);
	else
		snprintf(buf, sizeof buf, "%s", it->dept_code);
	y = field(page, y, "Department", buf);
	if (it->received_at) {
		char when[PR_TIME_LEN];
		pr_time_format(it->received_at, when);
		y = field(page, y, "Received", when);
	}
	field(page, y, "Batch", b->ref);
	pr_pdf_text(page, PR_FONT_REGULAR, 10, PR_A4_W / 2, 60, PR_CENTRE, 0,
		    "Put this sheet face up in front of the item. Do not staple.");
}

pr_status pr_sheets_write(const char *path, const pr_batch *batch, const pr_item *items,
			  size_t n, pr_error *err)
{
	if (!batch || (n > 0 && !items))
		return pr_fail(err, PR_EINVAL, "no batch to make sheets for");
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no output file named for the sheets");

	char *pattern;
	pr_status st = pr_barcode_code128_pattern(batch->ref, &pattern, err);
	if (st != PR_OK)
		return st;
	pr_pdf *p;
	char title[PR_REF_LEN + 32];
	snprintf(title, sizeof title, "Batch %s sheets", batch->ref);
	if ((st = pr_pdf_new(&p, title, err)) != PR_OK) {
		free(pattern);
		return st;
	}
	batch_header(p, batch, n, pattern);
	free(pattern);
	for (size_t i = 0; i < n && st == PR_OK; i++) {
		st = pr_barcode_code128_pattern(items[i].ref, &pattern, err);
		if (st != PR_OK)
			break;
		separator(p, batch, &items[i], i, n, pattern);
		free(pattern);
	}
	if (st == PR_OK)
		st = pr_pdf_save(p, path, err);
	pr_pdf_free(p);
	return st;
}

static void reusable_separator(pr_pdf *p, const char *pattern)
{
	pr_pdf_page *page = pr_pdf_page_add(p, PR_A4_W, PR_A4_H);
	if (!page)
		return;
	pr_pdf_text(page, PR_FONT_BOLD, 30, PR_A4_W / 2, 770, PR_CENTRE, 0, "Next document");
	rule(page, 750);
	double module = module_fit(strlen(pattern), PR_A4_W - 2 * MARGIN, 8 * PX300);
	barcode_centred(page, pattern, module, 570, 45 * PR_PT_PER_MM);
	pr_pdf_text(page, PR_FONT_MONO, 22, PR_A4_W / 2, 540, PR_CENTRE, 0, PR_NEXT_DOC_CODE);
	rule(page, 515);
	static const char *const lines[] = {
		"A reusable separator sheet: it names no item.",
		"Put one in front of each document of a tray whose batch header is on top.",
		"Each document goes to the batch's next item in tray order;",
		"documents beyond the batch's count become new items of its department.",
		"Keep it clean and flat, and use it again tomorrow.",
	};
	double y = 470;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++, y -= 24)
		pr_pdf_text(page, PR_FONT_REGULAR, 14, PR_A4_W / 2, y, PR_CENTRE, 0, lines[i]);
}

pr_status pr_reusable_separators_write(const char *path, int copies, pr_error *err)
{
	if (copies < 1 || copies > 500)
		return pr_fail(err, PR_EINVAL, "copies must be 1 to 500, not %d", copies);
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no output file named for the separator sheets");
	char *pattern;
	pr_status st = pr_barcode_code128_pattern(PR_NEXT_DOC_CODE, &pattern, err);
	if (st != PR_OK)
		return st;
	pr_pdf *p;
	if ((st = pr_pdf_new(&p, "Reusable separator sheets", err)) != PR_OK) {
		free(pattern);
		return st;
	}
	for (int i = 0; i < copies; i++)
		reusable_separator(p, pattern);
	free(pattern);
	st = pr_pdf_save(p, path, err);
	pr_pdf_free(p);
	return st;
}

/* ------------------------------------------------------ accountable items */

static const struct column {
	const char *title;
	double x, w;
} columns[] = {
	{ "Reference", 0, 92 },    { "Tracking", 92, 84 }, { "Service", 176, 78 },
	{ "Dept", 254, 46 },       { "Addressee", 300, 170 }, { "Received", 470, 41 },
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])
#define ROW_H 17.0
#define ACC_BOTTOM 72.0
#define SIGN_H 110.0

static pr_pdf_page *acc_page(pr_pdf *p, const char *day, bool first, double *y)
{
	pr_pdf_page *page = pr_pdf_page_add(p, PR_A4_W, PR_A4_H);
	if (!page)
		return NULL;
	char title[64];
	snprintf(title, sizeof title, "Accountable items \xe2\x80\x94 %s%s", day,
		 first ? "" : " (continued)");
	pr_pdf_text(page, PR_FONT_BOLD, first ? 20 : 14, MARGIN, 790, PR_LEFT, 0, title);
	*y = first ? 750 : 765;
	return page;
}

static void acc_table_head(pr_pdf_page *page, double *y)
{
	for (size_t c = 0; c < NCOLUMNS; c++)
		pr_pdf_text(page, PR_FONT_BOLD, 9.5, MARGIN + columns[c].x, *y, PR_LEFT, 0,
			    columns[c].title);
	rule(page, *y - 5);
	*y -= ROW_H + 2;
}

static void acc_row(pr_pdf_page *page, double y, const pr_item *it)
{
	char when[PR_DAY_LEN + 8];
	pr_time_hhmm(it->received_at, when);
	const char *cells[NCOLUMNS] = {
		it->ref, it->tracking[0] ? it->tracking : "-",
		pr_service_label(it->service) ? pr_service_label(it->service) : "?",
		it->dept_code, it->addressee, it->received_at ? when : "-",
	};
	for (size_t c = 0; c < NCOLUMNS; c++)
		pr_pdf_text(page, c == 0 || c == 1 ? PR_FONT_MONO : PR_FONT_REGULAR, 9.5,
			    MARGIN + columns[c].x, y, PR_LEFT, columns[c].w - 4, cells[c]);
	pr_pdf_line(page, MARGIN, y - 5, PR_A4_W - MARGIN, y - 5, 0.4, 0.75);
}

/* The boxes the person collecting fills in, their top at Y. */
static void acc_signature(pr_pdf_page *page, double y, size_t n)
{
	char line[96];
	snprintf(line, sizeof line, "Received the %zu item%s listed above:", n, n == 1 ? "" : "s");
	pr_pdf_text(page, PR_FONT_REGULAR, 11, MARGIN, y, PR_LEFT, 0, line);
	static const struct { const char *label; double w; } boxes[] = {
		{ "Collected by (name)", 220 }, { "Signature", 190 }, { "Time", 101 },
	};
	double x = MARGIN, top = y - 14, h = 56;
	for (size_t i = 0; i < 3; i++) {
		pr_pdf_box(page, x, top - h, boxes[i].w, h, 1);
		pr_pdf_text(page, PR_FONT_REGULAR, 8.5, x + 4, top - 11, PR_LEFT, 0, boxes[i].label);
		x += boxes[i].w + 6;
	}
}

pr_status pr_accountable_write(const char *path, const char *day, const pr_item *items,
			       size_t n, pr_error *err)
{
	if (!path || !*path)
		return pr_fail(err, PR_EINVAL, "no output file named for the accountable-items sheet");
	if (n > 0 && !items)
		return pr_fail(err, PR_EINVAL, "no items for the accountable-items sheet");
	long dayno;
	if (!day || pr_day_parse(day, &dayno, NULL) != PR_OK)
		return pr_fail(err, PR_EINVAL, "not a day: \"%s\" (use YYYY-MM-DD)", day ? day : "");

	pr_pdf *p;
	char title[64];
	snprintf(title, sizeof title, "Accountable items %s", day);
	pr_status st = pr_pdf_new(&p, title, err);
	if (st != PR_OK)
		return st;

	double y;
	pr_pdf_page *page = acc_page(p, day, true, &y);
	char line[96];
	snprintf(line, sizeof line, "Recorded and Special Delivery items received on %s: %zu", day,
		 n);
	pr_pdf_text(page, PR_FONT_REGULAR, 11, MARGIN, 768, PR_LEFT, 0, line);
	if (n == 0) {
		pr_pdf_text(page, PR_FONT_BOLD, 14, MARGIN, y - 10, PR_LEFT, 0, "No accountable items");
		y -= 50;
	} else {
		acc_table_head(page, &y);
		for (size_t i = 0; i < n; i++) {
			if (y < ACC_BOTTOM) {
				page = acc_page(p, day, false, &y);
				acc_table_head(page, &y);
			}
			acc_row(page, y, &items[i]);
			y -= ROW_H;
		}
		y -= 20;
	}
	if (y - SIGN_H < ACC_BOTTOM - 20)
		page = acc_page(p, day, false, &y);
	acc_signature(page, y, n);

	/* Page numbers, now that the count is known. */
	size_t pages = pr_pdf_page_count(p);
	for (size_t i = 0; i < pages; i++) {
		snprintf(line, sizeof line, "Page %zu of %zu", i + 1, pages);
		pr_pdf_text(pr_pdf_page_at(p, i), PR_FONT_REGULAR, 9, PR_A4_W - MARGIN, 36, PR_RIGHT, 0, line);
		snprintf(line, sizeof line, "Accountable items %s", day);
		pr_pdf_text(pr_pdf_page_at(p, i), PR_FONT_REGULAR, 9, MARGIN, 36, PR_LEFT, 0, line);
	}
	st = pr_pdf_save(p, path, err);
	pr_pdf_free(p);
	return st;
}
