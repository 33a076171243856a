/* Batch sheets and the accountable-items sheet: PDFs checked with the real
 * tools (pdfinfo, pdftotext, pdftoppm at 300 dpi, zbarimg, netpbm). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "postroom/io/barcode.h"
#include "postroom/ref.h"
#include "postroom/io/sheets.h"
#include "../../src/io/pdf.h" /* pr_winansi */

#define ZOE "Zo\xc3\xab Bront\xc3\xab" /* "Zoë Brontë" */

/* pdftotext's text of PDF, newly allocated. */
static char *pdf_text(const char *pdf)
{
	size_t cap = 1 << 20;
	char *out = malloc(cap);
	assert_non_null(out);
	assert_int_equal(unit_sh(out, cap, "pdftotext -layout '%s' -", pdf), 0);
	return out;
}

static void assert_has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("text lacks '%s'", want);
}

/* A closed batch of N items of Revenues & Benefits; item 1's addressee is
 * Zoë Brontë, every third item is recorded or Special Delivery. */
static pr_item *make_batch(size_t n, pr_batch *b)
{
	long day = unit_day("2026-11-20");
	memset(b, 0, sizeof *b);
	pr_ref_make('B', day, 3, b->ref);
	strcpy(b->dept_code, "REV");
	strcpy(b->dept_name, "Revenues & Benefits");
	b->status = PR_BATCH_CLOSED;
	strcpy(b->opened_by, "ajones");
	b->opened_at = UNIT_NOW;
	strcpy(b->closed_by, "ajones");
	b->closed_at = UNIT_NOW + 1800;
	b->items = (long)n;
	pr_item *items = calloc(n ? n : 1, sizeof *items);
	assert_non_null(items);
	for (size_t i = 0; i < n; i++) {
		pr_item *it = &items[i];
		it->id = (int64_t)i + 1;
		pr_ref_make('I', day, (long)i + 1, it->ref);
		strcpy(it->dept_code, b->dept_code);
		strcpy(it->dept_name, b->dept_name);
		snprintf(it->sender, sizeof it->sender, "Sender %zu Ltd", i + 1);
		if (i == 0)
			strcpy(it->addressee, ZOE);
		else
			snprintf(it->addressee, sizeof it->addressee, "Addressee %zu", i + 1);
		it->kind = (pr_kind)(i % PR_KIND_COUNT);
		it->service = (pr_service)(i % 3 == 2 ? 1 + (i / 3) % 2 : 0);
		if (it->service != PR_SERVICE_STANDARD)
			snprintf(it->tracking, sizeof it->tracking, "AB%09zuGB", 100000000 + i);
		it->status = PR_ITEM_BATCHED;
		it->received_at = UNIT_NOW - 3600 + (pr_time)i * 60;
		pr_time_day(it->received_at, it->received_day);
		strcpy(it->batch_ref, b->ref);
	}
	return items;
}

static int setup(void **state)
{
	(void)state;
	pr_error err;
	if (pr_timezone_set("Europe/London", &err) != PR_OK)
		return -1;
	return 0;
}

/* ---------------------------------------------------------- a PGM page */

typedef struct pgm {
	int w, h;
	unsigned char *px;
} pgm;

static void pgm_read(const char *file, pgm *g)
{
	FILE *f = fopen(file, "rb");
	assert_non_null(f);
	int maxval;
	assert_int_equal(fscanf(f, "P5 %d %d %d", &g->w, &g->h, &maxval), 3);
	assert_int_equal(maxval, 255);
	fgetc(f);
	size_t n = (size_t)g->w * (size_t)g->h;
	g->px = malloc(n);
	assert_non_null(g->px);
	assert_int_equal(fread(g->px, 1, n, f), n);
	fclose(f);
}

/* Dark runs (bars) and light runs between them on row Y: their count and
 * the narrowest of each. */
static int row_runs(const pgm *g, int y, int *min_bar, int *min_space)
{
	const unsigned char *r = g->px + (size_t)y * (size_t)g->w;
	int bars = 0, first = -1, last = -1;
	*min_bar = *min_space = 1 << 30;
	for (int x = 0; x < g->w;) {
		int dark = r[x] < 128, x0 = x;
		while (x < g->w && (r[x] < 128) == dark)
			x++;
		if (dark) {
			bars++;
			if (x - x0 < *min_bar)
				*min_bar = x - x0;
			if (first < 0)
				first = x0;
			last = x;
		}
	}
	/* Spaces: light runs strictly between the first and last bars. */
	for (int x = first; first >= 0 && x < last;) {
		int dark = r[x] < 128, x0 = x;
		while (x < last && (r[x] < 128) == dark)
			x++;
		if (!dark && x - x0 < *min_space)
			*min_space = x - x0;
	}
	return bars;
}

/* The narrowest bar and space of the barcode on a rendered page: the middle
 * row of the tallest band of rows that all show the same many bars. */
static void barcode_modules(const pgm *g, int *min_bar, int *min_space, int *band)
{
	int best_start = -1, best_len = 0, start = -1, prev = -1;
	for (int y = 0; y <= g->h; y++) {
		int b = 0, mb, ms;
		if (y < g->h)
			b = row_runs(g, y, &mb, &ms);
		if (b >= 20 && b == prev) {
			continue;
		}
		if (start >= 0 && y - start > best_len) {
			best_len = y - start;
			best_start = start;
		}
		start = b >= 20 ? y : -1;
		prev = b;
	}
	assert_true(best_start >= 0);
	*band = best_len;
	row_runs(g, best_start + best_len / 2, min_bar, min_space);
}

/* --------------------------------------------------------------- tests */

static void test_winansi(void **state)
{
	(void)state;
	char out[64];
	pr_winansi(ZOE, out, sizeof out);
	assert_string_equal(out, "Zo\xeb Bront\xeb");
	pr_winansi("\xe2\x82\xac 5 \xe2\x80\x94 \xe2\x80\x9cok\xe2\x80\x9d", out, sizeof out);
	assert_string_equal(out, "\x80 5 \x97 \x93ok\x94");
	pr_winansi("\xe6\x97\xa5\xe6\x9c\xac x", out, sizeof out); /* CJK */
	assert_string_equal(out, "?? x");
	pr_winansi("a\xffz\xc3(\tb\n", out, sizeof out); /* malformed, controls */
	assert_string_equal(out, "a?z?( b ");
	pr_winansi("abcdef", out, 4);
	assert_string_equal(out, "abc");
	pr_winansi(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

static void test_sheets_50(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_batch b;
	pr_item *items = make_batch(50, &b);
	char pdf[600], dir[600], out[65536];
	snprintf(pdf, sizeof pdf, "%s", unit_path("batch50.pdf"));
	snprintf(dir, sizeof dir, "%s", unit_path("pages50"));
	assert_ok(pr_sheets_write(pdf, &b, items, 50, &err), &err);
	assert_int_equal(unit_pdf_pages(pdf, NULL, 0), 51);

	char *text = pdf_text(pdf);
	assert_has(text, "Batch header");
	assert_has(text, b.ref);
	assert_has(text, "REV \xe2\x80\x94 Revenues & Benefits");
	assert_has(text, "2026-11-20T09:30:00+00:00"); /* opened */
	assert_has(text, "ajones");
	assert_has(text, ZOE);
	assert_has(text, "Sender 50 Ltd");
	assert_has(text, "Addressee 50");
	assert_has(text, "Large letter");
	assert_has(text, "Special Delivery AB100000005GB");
	assert_has(text, "Separator sheet 1 of 50");
	assert_has(text, "Separator sheet 50 of 50");
	/* Page 1 says the batch has 50 items. */
	char *p1end = strchr(text, '\f');
	assert_non_null(p1end);
	*p1end = '\0';
	assert_has(text, "Items");
	assert_has(text, "50");
	free(text);

	/* Every page at 300 dpi reads back as its reference, in order. */
	assert_int_equal(unit_sh(NULL, 0, "mkdir -p '%s' && pdftoppm -r 300 -png '%s' '%s/p'", dir, pdf,
			         dir), 0);
	assert_int_equal(unit_sh(out, sizeof out, "cd '%s' && zbarimg --nodbus -q -Sdisable "
				          "-Scode128.enable p-*.png", dir), 0);
	char *line = out;
	for (size_t i = 0; i <= 50; i++) {
		char want[64];
		snprintf(want, sizeof want, "CODE-128:%s\n", i == 0 ? b.ref : items[i - 1].ref);
		if (strncmp(line, want, strlen(want)) != 0)
			fail_msg("page %zu: wanted %s got '%.40s'", i + 1, want, line);
		line += strlen(want);
	}
	assert_string_equal(line, "");
	unit_sh(NULL, 0, "rm -rf '%s'", dir);
	free(items);
	unit_assert_no_leftovers();
}

static void test_sheets_module_width(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_batch b;
	pr_item *items = make_batch(2, &b);
	char pdf[600], stem[600], pgmfile[640];
	snprintf(pdf, sizeof pdf, "%s", unit_path("batch2.pdf"));
	snprintf(stem, sizeof stem, "%s", unit_path("page"));
	snprintf(pgmfile, sizeof pgmfile, "%s.pgm", stem);
	assert_ok(pr_sheets_write(pdf, &b, items, 2, &err), &err);

	static const struct { int page, dpi, min_px, min_band; } cases[] = {
		{ 2, 300, 4, 350 },   /* separator: at least 4 px a module, bars 30+ mm */
		{ 1, 300, 4, 350 },   /* batch header */
		{ 2, 200, 3, 230 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		assert_int_equal(unit_sh(NULL, 0, "pdftoppm -r %d -gray -f %d -l %d -singlefile '%s' '%s'",
				         cases[c].dpi, cases[c].page, cases[c].page, pdf, stem), 0);
		pgm g;
		pgm_read(pgmfile, &g);
		int bar, space, band;
		barcode_modules(&g, &bar, &space, &band);
		printf("# page %d at %d dpi: narrowest bar %d px, space %d px, bars %d px tall\n",
		       cases[c].page, cases[c].dpi, bar, space, band);
		if (bar < cases[c].min_px || space < cases[c].min_px || band < cases[c].min_band)
			fail_msg("page %d at %d dpi: bar %d space %d band %d", cases[c].page,
				 cases[c].dpi, bar, space, band);
		free(g.px);
	}
	unlink(pgmfile);

	/* A separator page turned 90 degrees and skewed 3 degrees still reads. */
	char png[640], turned[640], skewed[640];
	snprintf(png, sizeof png, "%s.png", stem);
	snprintf(turned, sizeof turned, "%s-r90.png", stem);
	snprintf(skewed, sizeof skewed, "%s-s3.png", stem);
	assert_int_equal(unit_sh(NULL, 0, "pdftoppm -r 300 -png -f 2 -l 2 -x 0 -y 0 -W 2480 -H 1300 "
				          "-singlefile '%s' '%s'", pdf, stem), 0);
	unit_assert_decodes(png, items[0].ref);
	assert_int_equal(unit_sh(NULL, 0, "pngtopnm '%s' | pamflip -r90 | pnmtopng > '%s' 2>/dev/null",
			         png, turned), 0);
	unit_assert_decodes(turned, items[0].ref);
	assert_int_equal(unit_sh(NULL, 0, "pngtopnm '%s' | pnmrotate -background=white 3 2>/dev/null"
				          " | pnmtopng > '%s' 2>/dev/null", png, skewed), 0);
	unit_assert_decodes(skewed, items[0].ref);
	unlink(png);
	unlink(turned);
	unlink(skewed);
	free(items);
}

static void test_sheets_bad(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_batch b;
	pr_item *items = make_batch(3, &b);
	const char *bad[] = { "/etc/hostname/sheets.pdf", NULL };
	char nofolder[600];
	snprintf(nofolder, sizeof nofolder, "%s/no-such-folder/sheets.pdf", unit_tmpdir());
	bad[1] = nofolder;
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(pr_sheets_write(bad[i], &b, items, 3, &err), PR_EIO);
		assert_non_null(strstr(err.msg, bad[i]));
		assert_false(unit_exists(bad[i]));
		assert_int_equal(pr_accountable_write(bad[i], "2026-11-20", items, 3, &err), PR_EIO);
		assert_non_null(strstr(err.msg, bad[i]));
	}
	/* An item reference zint refuses: no file, the earlier one kept. */
	char pdf[600];
	snprintf(pdf, sizeof pdf, "%s", unit_path("keep.pdf"));
	assert_ok(pr_sheets_write(pdf, &b, items, 3, &err), &err);
	strcpy(items[1].ref, "I261120-0002\xe2\x82\xac");
	assert_int_equal(pr_sheets_write(pdf, &b, items, 3, &err), PR_EINVAL);
	assert_non_null(strstr(err.msg, "8859-1"));
	assert_int_equal(unit_pdf_pages(pdf, NULL, 0), 4);
	/* A batch of no items is a header page alone. */
	assert_ok(pr_sheets_write(pdf, &b, items, 0, &err), &err);
	assert_int_equal(unit_pdf_pages(pdf, NULL, 0), 1);
	assert_int_equal(pr_accountable_write(pdf, "20 Nov", items, 0, &err), PR_EINVAL);
	free(items);
	unit_assert_no_leftovers();
}

static void test_sheets_500_timing(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_batch b;
	pr_item *items = make_batch(500, &b);
	char pdf[600];
	snprintf(pdf, sizeof pdf, "%s", unit_path("batch500.pdf"));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_ok(pr_sheets_write(pdf, &b, items, 500, &err), &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	struct stat st;
	assert_int_equal(stat(pdf, &st), 0);
	printf("# sheets of a 500-item batch: %.0f ms, %lld bytes (this build)\n", ms,
	       (long long)st.st_size);
	assert_int_equal(unit_pdf_pages(pdf, NULL, 0), 501);
	unlink(pdf);
	free(items);
}

/* --------------------------------------------------- accountable items */

static void test_accountable(void **state)
{
	(void)state;
	pr_error err = { 0 };
	pr_batch b;
	pr_item *items = make_batch(90, &b);
	/* The accountable ones: every item given a tracking number. */
	size_t n = 0;
	for (size_t i = 0; i < 90; i++) {
		if (items[i].service == PR_SERVICE_STANDARD) {
			items[i].service = PR_SERVICE_RECORDED;
			snprintf(items[i].tracking, sizeof items[i].tracking, "RR%09zuGB", 200000000 + i);
		}
		n++;
	}
	char pdf[600];
	snprintf(pdf, sizeof pdf, "%s", unit_path("accountable.pdf"));

	/* A short list: one page. */
	assert_ok(pr_accountable_write(pdf, "2026-11-20", items, 3, &err), &err);
	assert_int_equal(unit_pdf_pages(pdf, NULL, 0), 1);
	char *text = pdf_text(pdf);
	assert_has(text, "Accountable items \xe2\x80\x94 2026-11-20");
	for (size_t i = 0; i < 3; i++) {
		assert_has(text, items[i].tracking);
		assert_has(text, items[i].ref);
	}
	assert_has(text, ZOE);
	assert_has(text, "Special Delivery");
	assert_has(text, "08:30");
	assert_has(text, "Collected by (name)");
	assert_has(text, "Signature");
	assert_has(text, "Time");
	assert_has(text, "Page 1 of 1");
	free(text);

	/* A long list breaks across pages, the boxes on the last. */
	assert_ok(pr_accountable_write(pdf, "2026-11-20", items, n, &err), &err);
	int pages = unit_pdf_pages(pdf, NULL, 0);
	if (pages < 2)
		fail_msg("%d pages for %zu items", pages, n);
	text = pdf_text(pdf);
	for (size_t i = 0; i < n; i++)
		assert_has(text, items[i].tracking);
	char want[32];
	snprintf(want, sizeof want, "Page %d of %d", pages, pages);
	char *last = strstr(text, want);
	assert_non_null(last);
	/* The signature boxes are on the last page only. */
	char *sig = strstr(text, "Collected by (name)");
	assert_non_null(sig);
	char *ff = text;
	for (int pg = 1; pg < pages; pg++) {
		ff = strchr(ff, '\f');
		assert_non_null(ff);
		ff++;
	}
	assert_true(sig > ff);
	free(text);

	/* No items: still a sheet, for the record. */
	assert_ok(pr_accountable_write(pdf, "2026-11-21", NULL, 0, &err), &err);
	assert_int_equal(unit_pdf_pages(pdf, NULL, 0), 1);
	text = pdf_text(pdf);
	assert_has(text, "No accountable items");
	assert_has(text, "Collected by (name)");
	free(text);
	free(items);
	unit_assert_no_leftovers();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_winansi),
		cmocka_unit_test(test_sheets_50),
		cmocka_unit_test(test_sheets_module_width),
		cmocka_unit_test(test_sheets_bad),
		cmocka_unit_test(test_sheets_500_timing),
		cmocka_unit_test(test_accountable),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
