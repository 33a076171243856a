/* After the scan, in the core: the review of a scanned item, indexing it
 * and marking it for rescan, each refusal leaving everything as it was;
 * and the page preview's reduction (io, no outside library). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/batch.h"
#include "postroom/dept.h"
#include "postroom/io/preview.h"
#include "postroom/item.h"
#include "postroom/scan.h"
#include "postroom/service/scandesk.h"

static long long q_int(pr_db *db, const char *sql)
{
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	long long v = unit_sql_int(s, sql);
	sqlite3_close(s);
	return v;
}

/* Everything a refused change must leave alone. */
static long long fingerprint(pr_db *db)
{
	return q_int(db, "SELECT (SELECT count(*) FROM audit_events) * 1000000000 + "
		     "(SELECT count(*) FROM scan_images WHERE current = 1) * 1000000 + "
		     "(SELECT count(*) FROM items WHERE status = 'scanned') * 10000 + "
		     "(SELECT count(*) FROM batches WHERE status = 'scanned') * 100 + "
		     "(SELECT total(length(sender) + length(addressee)) FROM items) % 100");
}

typedef struct fixture {
	pr_db *db;
	pr_batch batch;
	pr_item item[2];
	pr_item loose;   /* received, in no batch */
} fixture;

/* A batch of two items, scanned from one file: item 1 pages 3-4 with a
 * blank page 5, item 2 page 7. */
static void setup(fixture *f)
{
	pr_error err = {0};
	memset(f, 0, sizeof *f);
	f->db = unit_db_new();
	assert_ok(pr_dept_add(f->db, "REV", "Revenues", "rev@council.example", NULL, &err), &err);
	assert_ok(pr_batch_open(f->db, "REV", &f->batch, &err), &err);
	for (int i = 0; i < 2; i++) {
		pr_item_new in = {.dept_code = "REV", .unindexed = true};
		assert_ok(pr_item_add(f->db, &in, &f->item[i], &err), &err);
		assert_ok(pr_batch_add(f->db, f->batch.ref, f->item[i].ref, NULL, &err), &err);
	}
	pr_item_new in = {.dept_code = "REV", .sender = "HMRC", .addressee = "Ann"};
	assert_ok(pr_item_add(f->db, &in, &f->loose, &err), &err);
	assert_ok(pr_batch_close(f->db, f->batch.ref, NULL, &err), &err);
	pr_page_mark m[8] = {
		{.kind = PR_PAGE_HEADER}, {.kind = PR_PAGE_SEPARATOR},
		{.kind = PR_PAGE_CONTENT}, {.kind = PR_PAGE_CONTENT},
		{.kind = PR_PAGE_CONTENT, .blank = true}, {.kind = PR_PAGE_SEPARATOR},
		{.kind = PR_PAGE_CONTENT},
	};
	strcpy(m[0].ref, f->batch.ref);
	strcpy(m[1].ref, f->item[0].ref);
	strcpy(m[5].ref, f->item[1].ref);
	pr_scan_plan p;
	assert_ok(pr_scan_plan_make(f->db, m, 7, &p, &err), &err);
	for (size_t i = 0; i < p.n; i++) {
		snprintf(p.docs[i].pdf_path, PR_PATH_MAX, "/archive/doc%zu.pdf", i);
		snprintf(p.docs[i].pdf_sha256, PR_SHA256_HEX, "%064zu", i);
		p.docs[i].dpi = 300;
	}
	pr_scan_intake sin = {.name = "tray.tif", .archive_path = "/archive/originals/tray.tif",
			      .sha256 = "ab12", .size = 1000, .pages = 7,
			      .arrived_at = UNIT_NOW - 60};
	assert_ok(pr_scan_commit(f->db, &sin, &p, NULL, &err), &err);
	pr_scan_plan_free(&p);
}

static bool count_review(const pr_scan_review *r, void *ud)
{
	(void)r;
	(*(int *)ud)++;
	return true;
}

static void test_review(void **state)
{
	(void)state;
	fixture f;
	pr_error err = {0};
	setup(&f);
	pr_scan_review r;
	assert_ok(pr_scan_review_get(f.db, f.item[0].ref, &r, &err), &err);
	assert_int_equal(r.pages, 2);
	assert_int_equal(r.blank_pages, 1);
	assert_int_equal(r.dpi, 300);
	assert_string_equal(r.page_list, "3-4");
	assert_string_equal(r.blank_list, "5");
	assert_string_equal(r.file_name, "tray.tif");
	assert_string_equal(r.file_path, "/archive/originals/tray.tif");
	assert_string_equal(r.batch_ref, f.batch.ref);
	assert_string_equal(r.sender, "");
	assert_int_equal(r.status, PR_ITEM_SCANNED);
	int n = 0;
	assert_ok(pr_scan_reviews(f.db, UNIT_NOW - 3600, 0, count_review, &n, &err), &err);
	assert_int_equal(n, 2);
	n = 0;
	assert_ok(pr_scan_reviews(f.db, UNIT_NOW + 3600, 0, count_review, &n, &err), &err);
	assert_int_equal(n, 0);
	assert_int_equal(pr_scan_review_get(f.db, f.loose.ref, &r, &err), PR_ENOTFOUND);
	unit_db_free(f.db);
}

static void test_page_list(void **state)
{
	(void)state;
	int pages[8];
	size_t n = 99;
	assert_true(pr_page_list_parse("3-5, 8", pages, 8, &n));
	assert_int_equal(n, 4);
	assert_int_equal(pages[0], 3);
	assert_int_equal(pages[2], 5);
	assert_int_equal(pages[3], 8);
	assert_true(pr_page_list_parse("", pages, 8, &n));
	assert_int_equal(n, 0);
	assert_false(pr_page_list_parse("1-9", pages, 8, &n));
	assert_int_equal(n, 0);
	assert_false(pr_page_list_parse("5-3", pages, 8, &n));
	assert_false(pr_page_list_parse("2,", pages, 8, &n));
	assert_false(pr_page_list_parse("x", pages, 8, &n));
	assert_false(pr_page_list_parse("0", pages, 8, &n));
}

static void test_index(void **state)
{
	(void)state;
	fixture f;
	pr_error err = {0};
	setup(&f);
	const char *ref = f.item[0].ref;
	long long before = fingerprint(f.db);
	pr_item out = {.id = -7};
	/* Refusals change nothing and leave OUT alone. */
	assert_int_equal(pr_item_index(f.db, ref, "", "Ann", &out, &err), PR_EINVAL);
	assert_string_equal(err.field, PR_FIELD_SENDER);
	assert_int_equal(pr_item_index(f.db, ref, "HMRC", "  ", &out, &err), PR_EINVAL);
	assert_string_equal(err.field, PR_FIELD_ADDRESSEE);
	char longname[200];
	memset(longname, 'x', 150);
	longname[150] = '\0';
	assert_int_equal(pr_item_index(f.db, ref, longname, "Ann", &out, &err), PR_EINVAL);
	assert_int_equal(pr_item_index(f.db, ref, "HM\x1bRC", "Ann", &out, &err), PR_EINVAL);
	assert_int_equal(pr_item_index(f.db, "I261120-0001", "HMRC", "Ann", &out, &err),
			 PR_EINVAL);
	assert_int_equal(pr_item_index(f.db, "I990101-0042", "HMRC", "Ann", &out, &err) != PR_OK,
			 true);
	assert_int_equal(out.id, -7);
	assert_int_equal(fingerprint(f.db), before);

	assert_ok(pr_item_index(f.db, ref, "  HM Revenue ", "Ann Smith", &out, &err), &err);
	assert_string_equal(out.sender, "HM Revenue");
	assert_string_equal(out.addressee, "Ann Smith");
	assert_int_equal(out.status, PR_ITEM_SCANNED);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE entity = 'item' "
			       "AND reason LIKE 'indexed: sender ''HM Revenue'', addressee "
			       "''Ann Smith''%'"), 1);
	/* The same values again: nothing to record. */
	long long events = q_int(f.db, "SELECT count(*) FROM audit_events");
	assert_ok(pr_item_index(f.db, ref, "HM Revenue", "Ann Smith", NULL, &err), &err);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events"), events);
	/* A correction names what was there. */
	assert_ok(pr_item_index(f.db, ref, "HM Revenue", "Bob Jones", NULL, &err), &err);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE reason LIKE "
			       "'%(were ''HM Revenue'', ''Ann Smith'')'"), 1);
	pr_scan_review r;
	assert_ok(pr_scan_review_get(f.db, ref, &r, &err), &err);
	assert_string_equal(r.addressee, "Bob Jones");
	unit_db_free(f.db);
}

static void test_rescan(void **state)
{
	(void)state;
	fixture f;
	pr_error err = {0};
	setup(&f);
	pr_batch b;
	assert_ok(pr_batch_get(f.db, f.batch.ref, &b, &err), &err);
	assert_int_equal(b.status, PR_BATCH_SCANNED);
	long long before = fingerprint(f.db);
	pr_item out = {.id = -7};
	/* Refusals: no reason, a received item, an unknown one. */
	assert_int_equal(pr_item_rescan(f.db, f.item[0].ref, " ", &out, &err), PR_EINVAL);
	assert_string_equal(err.field, PR_FIELD_REASON);
	assert_int_equal(pr_item_rescan(f.db, f.item[0].ref, NULL, &out, &err), PR_EINVAL);
	assert_int_equal(pr_item_rescan(f.db, f.loose.ref, "pages missing", &out, &err),
			 PR_ESTATE);
	assert_int_equal(pr_item_rescan(f.db, "I990101-0042", "pages missing", &out, &err) !=
			 PR_OK, true);
	assert_int_equal(out.id, -7);
	assert_int_equal(fingerprint(f.db), before);

	assert_ok(pr_item_rescan(f.db, f.item[0].ref, "page 2 is cut off", &out, &err), &err);
	assert_int_equal(out.status, PR_ITEM_BATCHED);
	assert_string_equal(out.batch_ref, f.batch.ref);
	assert_int_equal(out.scanned_at, 0);
	/* Its image is no longer current; the other item's is. */
	pr_scan_image g;
	assert_int_equal(pr_scan_image_of(f.db, f.item[0].ref, &g, &err), PR_ENOTFOUND);
	assert_ok(pr_scan_image_of(f.db, f.item[1].ref, &g, &err), &err);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM scan_images"), 2);
	assert_ok(pr_batch_get(f.db, f.batch.ref, &b, &err), &err);
	assert_int_equal(b.status, PR_BATCH_CLOSED);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE entity = 'item' "
			       "AND from_state = 'scanned' AND to_state = 'batched' AND reason = "
			       "'marked for rescan: page 2 is cut off'"), 1);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE entity = 'batch' "
			       "AND from_state = 'scanned' AND to_state = 'closed'"), 1);
	/* Not twice: it is waiting now. */
	before = fingerprint(f.db);
	assert_int_equal(pr_item_rescan(f.db, f.item[0].ref, "again", NULL, &err), PR_ESTATE);
	assert_int_equal(fingerprint(f.db), before);
	/* The second item of a batch already closed again: the batch stays closed. */
	assert_ok(pr_item_rescan(f.db, f.item[1].ref, "unreadable", NULL, &err), &err);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE entity = 'batch' "
			       "AND to_state = 'closed' AND from_state = 'scanned'"), 1);
	unit_db_free(f.db);
}

/* --- the preview's reduction -------------------------------------------- */

static pr_grey_image page(int w, int h)
{
	pr_grey_image img = {.width = w, .height = h, .xdpi = 25, .ydpi = 25};
	img.pixels = malloc((size_t)w * (size_t)h);
	memset(img.pixels, 255, (size_t)w * (size_t)h);
	return img;
}

static void test_preview_reduce(void **state)
{
	(void)state;
	pr_grey_image img = page(40, 80);
	unsigned char dots[4 * 8];
	pr_preview_reduce(&img, 4, 8, dots);
	assert_int_equal(pr_preview_inked(dots, sizeof dots, PR_PREVIEW_INK), 0);
	/* The top-left dot (10 x 10 pixels) half black: 127 or 128 of ink. */
	for (int y = 0; y < 10; y++)
		memset(img.pixels + y * 40, 0, 5);
	pr_preview_reduce(&img, 4, 8, dots);
	assert_in_range(dots[0], 127, 128);
	assert_int_equal(dots[1], 0);
	assert_int_equal(dots[4], 0);
	/* A speck of a pixel is not ink; a line of type across is. */
	img.pixels[40 * 45 + 25] = 0;
	for (int x = 0; x < 40; x++)
		img.pixels[40 * 63 + x] = img.pixels[40 * 64 + x] = img.pixels[40 * 65 + x] = 0;
	pr_preview_reduce(&img, 4, 8, dots);
	assert_true(dots[4 * 4 + 2] < PR_PREVIEW_INK);
	for (int x = 0; x < 4; x++)
		assert_true(dots[6 * 4 + x] >= PR_PREVIEW_INK);
	/* Braille: the top-left dot is bit 0x01, the line across row 6 sets
	 * the third dots of both columns of cell (0, 1): 0x04 | 0x20. */
	assert_int_equal(pr_preview_char(PR_PREVIEW_BRAILLE, dots, 4, 8, 0, 0, PR_PREVIEW_INK),
			 0x2801);
	assert_int_equal(pr_preview_char(PR_PREVIEW_BRAILLE, dots, 4, 8, 0, 1, PR_PREVIEW_INK),
			 0x2824);
	assert_int_equal(pr_preview_char(PR_PREVIEW_BRAILLE, dots, 4, 8, 1, 0, PR_PREVIEW_INK),
			 0x2800);
	/* Half blocks: dot rows 6 and 7 are cell row 3: the upper half. */
	assert_int_equal(pr_preview_char(PR_PREVIEW_HALF, dots, 4, 8, 1, 3, PR_PREVIEW_INK),
			 0x2580);
	assert_int_equal(pr_preview_char(PR_PREVIEW_HALF, dots, 4, 8, 1, 0, PR_PREVIEW_INK), ' ');
	unsigned a = pr_preview_char(PR_PREVIEW_ASCII, dots, 4, 8, 1, 3, PR_PREVIEW_INK);
	assert_true(a > ' ' && a < 127);
	assert_int_equal(pr_preview_char(PR_PREVIEW_ASCII, dots, 4, 8, 2, 2, PR_PREVIEW_INK), ' ');
	/* A page all black is all ink, the darkest character. */
	memset(img.pixels, 0, 40 * 80);
	pr_preview_reduce(&img, 4, 8, dots);
	assert_int_equal(pr_preview_inked(dots, sizeof dots, PR_PREVIEW_INK), 1000);
	assert_int_equal(pr_preview_char(PR_PREVIEW_BRAILLE, dots, 4, 8, 1, 1, PR_PREVIEW_INK),
			 0x28ff);
	assert_int_equal(pr_preview_char(PR_PREVIEW_ASCII, dots, 4, 8, 0, 0, PR_PREVIEW_INK), '@');
	free(img.pixels);
	/* A grid larger than the page still gives every dot a pixel. */
	img = page(3, 3);
	img.pixels[4] = 0;
	unsigned char big[10 * 10];
	pr_preview_reduce(&img, 10, 10, big);
	assert_int_equal(big[5 * 10 + 5], 255);
	assert_int_equal(big[0], 0);
	free(img.pixels);
	/* No image, no ink. */
	pr_grey_image none = {0};
	pr_preview_reduce(&none, 4, 8, dots);
	assert_int_equal(pr_preview_inked(dots, sizeof dots, 1), 0);
}

static void test_preview_fit(void **state)
{
	(void)state;
	/* A4 at 300 dpi: 2480 x 3508. In 60 x 20 cells twice as tall as
	 * wide, the height decides: 20 rows, 20 * 2480 / 3508 * 2 = 28 cols. */
	pr_grey_image a4 = {.width = 2480, .height = 3508, .xdpi = 300, .ydpi = 300};
	int c, r;
	pr_preview_fit(&a4, 60, 20, 2.0, &c, &r);
	assert_int_equal(r, 20);
	assert_int_equal(c, 28);
	/* A landscape page in a tall box: the width decides. */
	pr_grey_image wide = {.width = 3508, .height = 2480, .xdpi = 300, .ydpi = 300};
	pr_preview_fit(&wide, 20, 40, 2.0, &c, &r);
	assert_int_equal(c, 20);
	assert_int_equal(r, 7);
	/* Resolution counts: 200 x 100 dpi is twice as wide as it looks. */
	pr_grey_image odd = {.width = 200, .height = 100, .xdpi = 200, .ydpi = 100};
	pr_preview_fit(&odd, 40, 40, 2.0, &c, &r);
	assert_int_equal(c, 40);
	assert_int_equal(r, 20);
	pr_preview_fit(NULL, 0, 0, 2.0, &c, &r);
	assert_int_equal(c, 1);
	assert_int_equal(r, 1);
	int dx, dy;
	pr_preview_cell_dots(PR_PREVIEW_BRAILLE, &dx, &dy);
	assert_int_equal(dx * 10 + dy, 24);
	pr_preview_cell_dots(PR_PREVIEW_HALF, &dx, &dy);
	assert_int_equal(dx * 10 + dy, 12);
}

/* --- the worker's status file ------------------------------------------- */

static void test_worker_progress(void **state)
{
	(void)state;
	pr_error err = {0};
	const char *hot = unit_tmpdir();
	pr_worker_progress p = {.pid = 4242, .phase = PR_WORKER_WRITING, .page = 37,
				.pages = 120, .at = UNIT_NOW};
	snprintf(p.file, sizeof p.file, "batch\n-0042.tif");
	pr_worker_progress q = {.pid = -1};
	assert_int_equal(pr_worker_progress_read(hot, &q, &err), PR_ENOTFOUND);
	assert_int_equal(q.pid, -1);
	assert_ok(pr_worker_progress_write(hot, &p, &err), &err);
	assert_ok(pr_worker_progress_read(hot, &q, &err), &err);
	assert_int_equal(q.pid, 4242);
	assert_int_equal(q.phase, PR_WORKER_WRITING);
	assert_int_equal(q.page, 37);
	assert_int_equal(q.pages, 120);
	assert_int_equal(q.at, UNIT_NOW);
	/* A name cannot break the file's lines. */
	assert_string_equal(q.file, "batch");
	assert_false(unit_exists(unit_path(".postroom-worker.status.tmp")));
	/* What is not a status is refused, and *OUT left alone. */
	FILE *f = fopen(unit_path(".postroom-worker.status"), "w");
	assert_non_null(f);
	fputs("pid 12\nfile x.tif\nphase reading\npage 9\npages 3\n", f);
	fclose(f);
	q.pid = -1;
	assert_int_equal(pr_worker_progress_read(hot, &q, &err), PR_EINVAL);
	assert_int_equal(q.pid, -1);
	pr_worker_progress_clear(hot);
	assert_int_equal(pr_worker_progress_read(hot, &q, &err), PR_ENOTFOUND);
	assert_string_equal(pr_worker_phase_name(PR_WORKER_READING), "reading");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_page_list),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_rescan),
		cmocka_unit_test(test_preview_reduce),
		cmocka_unit_test(test_preview_fit),
		cmocka_unit_test(test_worker_progress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
