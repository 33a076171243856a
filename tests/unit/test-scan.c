/* Scans in the core: what a page is from its barcodes, how a file's pages
 * split into documents and problems, and what committing, quarantining and
 * resolving record, on real database files. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/batch.h"
#include "postroom/dept.h"
#include "postroom/item.h"
#include "postroom/report.h"
#include "postroom/scan.h"

static long long q_int(pr_db *db, const char *sql)
{
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	long long v = unit_sql_int(s, sql);
	sqlite3_close(s);
	return v;
}

static void q_text(pr_db *db, const char *sql, char *out, size_t cap)
{
	sqlite3 *s = unit_sql_open_ro(pr_db_path(db));
	unit_sql_text(s, sql, out, cap);
	sqlite3_close(s);
}

/* Rows a refused commit must leave alone. */
static long long fingerprint(pr_db *db)
{
	return q_int(db, "SELECT (SELECT count(*) FROM audit_events) * 1000000000 + "
		     "(SELECT count(*) FROM scan_files) * 1000000 + "
		     "(SELECT count(*) FROM scan_images) * 10000 + "
		     "(SELECT count(*) FROM scan_problems) * 100 + "
		     "(SELECT count(*) FROM items WHERE status = 'scanned')");
}

typedef struct fixture {
	pr_db *db;
	pr_batch batch;       /* REV, closed, three items */
	pr_item item[3];
	pr_batch other;       /* HWY, closed, one item */
	pr_item other_item;
} fixture;

static pr_item new_item(pr_db *db, const char *dept)
{
	pr_error err = {0};
	pr_item_new in = {.dept_code = dept, .sender = "HMRC", .addressee = "Ann",
			  .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD};
	pr_item it;
	assert_ok(pr_item_add(db, &in, &it, &err), &err);
	return it;
}

static void setup(fixture *f)
{
	pr_error err = {0};
	memset(f, 0, sizeof *f);
	f->db = unit_db_new();
	assert_ok(pr_dept_add(f->db, "REV", "Revenues", "rev@council.example", NULL, &err), &err);
	assert_ok(pr_dept_add(f->db, "HWY", "Highways", "hwy@council.example", NULL, &err), &err);
	assert_ok(pr_batch_open(f->db, "REV", &f->batch, &err), &err);
	for (int i = 0; i < 3; i++) {
		f->item[i] = new_item(f->db, "REV");
		assert_ok(pr_batch_add(f->db, f->batch.ref, f->item[i].ref, NULL, &err), &err);
	}
	assert_ok(pr_batch_close(f->db, f->batch.ref, NULL, &err), &err);
	assert_ok(pr_batch_open(f->db, "HWY", &f->other, &err), &err);
	f->other_item = new_item(f->db, "HWY");
	assert_ok(pr_batch_add(f->db, f->other.ref, f->other_item.ref, NULL, &err), &err);
}

/* Page marks from a compact layout: "H" header of the fixture's batch,
 * "Sn" separator of item n, "N" reusable separator, "X" separator of the
 * other batch's item, "U" an unknown reference, "Z" header of a batch not
 * on record, "c" content, "b" blank. */
static size_t marks(const fixture *f, const char *layout, pr_page_mark *out)
{
	size_t n = 0;
	for (const char *p = layout; *p; p++) {
		pr_page_mark *m = &out[n++];
		memset(m, 0, sizeof *m);
		switch (*p) {
		case 'H': m->kind = PR_PAGE_HEADER; strcpy(m->ref, f->batch.ref); break;
		case 'Z': m->kind = PR_PAGE_HEADER; strcpy(m->ref, "B990101-0001"); break;
		case 'S':
			m->kind = PR_PAGE_SEPARATOR;
			strcpy(m->ref, f->item[p[1] - '1'].ref);
			p++;
			break;
		case 'X': m->kind = PR_PAGE_SEPARATOR; strcpy(m->ref, f->other_item.ref); break;
		case 'U': m->kind = PR_PAGE_SEPARATOR; strcpy(m->ref, "I990101-0042"); break;
		case 'N': m->kind = PR_PAGE_NEXT; break;
		case 'b': m->kind = PR_PAGE_CONTENT; m->blank = true; break;
		default: m->kind = PR_PAGE_CONTENT; break;
		}
	}
	return n;
}

/* One line per document: "item REF 3,4 blank 5" or "problem KIND 2". */
static void describe(const fixture *f, const pr_scan_plan *p, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < p->n; i++) {
		const pr_scan_doc *d = &p->docs[i];
		char who[40] = "";
		for (int k = 0; k < 3; k++)
			if (strcmp(d->ref, f->item[k].ref) == 0)
				snprintf(who, sizeof who, "%d", k + 1);
		if (strcmp(d->ref, f->other_item.ref) == 0)
			snprintf(who, sizeof who, "X");
		if (!*who && *d->ref)
			snprintf(who, sizeof who, "%s", d->ref[0] == 'I' ? "U" : d->ref);
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s%s", i ? "; " : "",
					d->kind == PR_DOC_ITEM ? "item"
					: d->kind == PR_DOC_NEW_ITEM ? "new"
					: pr_scan_problem_name(d->problem),
					*who ? " " : "", who);
		for (size_t j = 0; j < d->npages; j++)
			len += (size_t)snprintf(out + len, cap - len, "%s%d", j ? "," : " ",
						d->pages[j]);
		for (size_t j = 0; j < d->nblanks; j++)
			len += (size_t)snprintf(out + len, cap - len, "%s%d",
						j ? "," : " blank ", d->blanks[j]);
	}
}

static void plan_is(const fixture *f, const char *layout, const char *want)
{
	pr_error err = {0};
	pr_page_mark m[64];
	size_t n = marks(f, layout, m);
	pr_scan_plan p;
	assert_ok(pr_scan_plan_make(f->db, m, n, &p, &err), &err);
	char got[1024];
	describe(f, &p, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("layout %s\n  got:  %s\n  want: %s", layout, got, want);
	pr_scan_plan_free(&p);
}

static void test_classify(void **state)
{
	(void)state;
	char ref[PR_REF_LEN] = "";
	char good_item[PR_REF_LEN], good_batch[PR_REF_LEN];
	pr_ref_make('I', unit_day("2026-11-20"), 42, good_item);
	pr_ref_make('B', unit_day("2026-11-20"), 3, good_batch);
	const char *sep[] = {good_item};
	assert_int_equal(pr_page_classify(sep, 1, ref), PR_PAGE_SEPARATOR);
	assert_string_equal(ref, good_item);
	const char *hdr[] = {good_batch};
	assert_int_equal(pr_page_classify(hdr, 1, ref), PR_PAGE_HEADER);
	assert_string_equal(ref, good_batch);
	const char *next[] = {PR_NEXT_DOC_CODE};
	assert_int_equal(pr_page_classify(next, 1, ref), PR_PAGE_NEXT);

	/* A letter's own barcodes, and a reference with a wrong check letter,
	 * are content; lower case is still ours. */
	char bad[PR_REF_LEN];
	strcpy(bad, good_item);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
	const char *letter[] = {"0123456789HMRC", "DWP/PIP/448811", bad};
	assert_int_equal(pr_page_classify(letter, 3, ref), PR_PAGE_CONTENT);
	assert_int_equal(pr_page_classify(NULL, 0, ref), PR_PAGE_CONTENT);
	char lower[PR_REF_LEN];
	for (size_t i = 0; i <= strlen(good_item); i++)
		lower[i] = (char)(good_item[i] >= 'A' && good_item[i] <= 'Z' ? good_item[i] + 32
									     : good_item[i]);
	const char *mixed[] = {"HMRC-1234", lower};
	assert_int_equal(pr_page_classify(mixed, 2, ref), PR_PAGE_SEPARATOR);
	assert_string_equal(ref, good_item);
}

static void test_page_list(void **state)
{
	(void)state;
	char out[64];
	int a[] = {1, 2, 3, 5, 7, 8};
	pr_page_list_format(a, 6, out, sizeof out);
	assert_string_equal(out, "1-3, 5, 7-8");
	pr_page_list_format(a, 0, out, sizeof out);
	assert_string_equal(out, "");
	int many[40];
	for (int i = 0; i < 40; i++)
		many[i] = 2 * i + 1;
	char small[20];
	pr_page_list_format(many, 40, small, sizeof small);
	assert_non_null(strstr(small, "..."));
	assert_true(strlen(small) < sizeof small);
}

static void test_plan_split(void **state)
{
	(void)state;
	fixture f;
	setup(&f);
	/* Simplex: header, each separator with its pages. */
	plan_is(&f, "HS1ccS2cS3ccc", "item 1 3,4; item 2 6; item 3 8,9,10");
	/* Duplex: each sheet has a blank back, dropped; a blank page inside a
	 * letter is left out and kept beside it. */
	plan_is(&f, "HbS1bccS2bcbcS3bcb", "item 1 5,6; item 2 9,11 blank 10; item 3 14 blank 15");
	/* Separators in any order; a page turned over reads the same. */
	plan_is(&f, "HS3cS1cS2c", "item 3 3; item 1 5; item 2 7");
	/* Reusable separators give the batch's items in tray order, skipping
	 * those a separator of the file names; one beyond the count makes a
	 * new item. */
	plan_is(&f, "HS2cNcNcNc", "item 2 3; item 1 5; item 3 7; new 9");
	/* A spare reusable separator at the end is no document. */
	plan_is(&f, "HS1cS2cS3cNb", "item 1 3; item 2 5; item 3 7");
	unit_db_free(f.db);
}

static void test_plan_problems(void **state)
{
	(void)state;
	fixture f;
	setup(&f);
	/* No header: everything is kept, per separator, as problems. */
	plan_is(&f, "ccS1c", "no-header 1,2; no-header 1 4");
	/* A header of a batch not on record. */
	plan_is(&f, "ZS1cc", "unknown-batch 1 3,4");
	/* Pages before the first separator; items left without pages. */
	plan_is(&f, "HccS1c", "before-separator 2,3; item 1 5; no-pages 2; no-pages 3");
	/* The item left over says both numbers. */
	{
		pr_error err = {0};
		pr_page_mark m[16];
		size_t n = marks(&f, "HS1cNc", m);
		pr_scan_plan p;
		assert_ok(pr_scan_plan_make(f.db, m, n, &p, &err), &err);
		assert_int_equal(p.n, 3);
		assert_int_equal(p.docs[2].problem, PR_PROBLEM_NO_PAGES);
		assert_non_null(strstr(p.docs[2].detail, "the batch has 3 items waiting, the "
				       "file gave 2 documents"));
		pr_scan_plan_free(&p);
	}
	/* A separator of another batch's item, an unknown reference. */
	plan_is(&f, "HS1cXcUcS2cS3c",
		"item 1 3; other-batch X 5; unknown-ref U 7; item 2 9; item 3 11");
	/* The same separator twice; a separator with nothing after it. */
	plan_is(&f, "HS1cS1cS2S3c",
		"item 1 3; scanned-twice 1 5; no-pages 2; item 3 8");
	/* A separator with only its back and a blank page: no pages, the
	 * blank kept with the problem. */
	plan_is(&f, "HS1bbS2cS3c", "no-pages 1 blank 4; item 2 6; item 3 8");
	unit_db_free(f.db);
}

static pr_scan_intake intake(const char *name, const char *sha)
{
	return (pr_scan_intake){.name = name, .archive_path = "/archive/x.tif", .sha256 = sha,
				.size = 1234, .pages = 10, .arrived_at = UNIT_NOW - 60};
}

/* Plans LAYOUT and fills in the paths a writer would. */
static pr_scan_plan plan_of(fixture *f, const char *layout)
{
	pr_error err = {0};
	pr_page_mark m[64];
	size_t n = marks(f, layout, m);
	pr_scan_plan p;
	assert_ok(pr_scan_plan_make(f->db, m, n, &p, &err), &err);
	for (size_t i = 0; i < p.n; i++) {
		if (p.docs[i].npages)
			snprintf(p.docs[i].pdf_path, PR_PATH_MAX, "/archive/doc%zu.pdf", i);
		snprintf(p.docs[i].pdf_sha256, PR_SHA256_HEX, "%064zu", i);
		p.docs[i].dpi = 300;
	}
	return p;
}

static void test_commit(void **state)
{
	(void)state;
	fixture f;
	pr_error err = {0};
	setup(&f);
	pr_figures before;
	assert_ok(pr_report_day(f.db, "2026-11-20", &before, &err), &err);

	pr_scan_plan p = plan_of(&f, "HbS1bccS2bcbcS3bc");
	pr_scan_intake in = intake("batch1.tif", "aa11");
	int64_t id = 0;
	assert_ok(pr_scan_commit(f.db, &in, &p, &id, &err), &err);
	assert_true(id > 0);

	for (int i = 0; i < 3; i++) {
		pr_item it;
		assert_ok(pr_item_get(f.db, f.item[i].ref, &it, &err), &err);
		assert_int_equal(it.status, PR_ITEM_SCANNED);
	}
	pr_batch b;
	assert_ok(pr_batch_get(f.db, f.batch.ref, &b, &err), &err);
	assert_int_equal(b.status, PR_BATCH_SCANNED);
	/* The day's figures moved at once. */
	pr_figures after;
	assert_ok(pr_report_day(f.db, "2026-11-20", &after, &err), &err);
	assert_int_equal(after.scanned, before.scanned + 3);

	pr_scan_image g;
	assert_ok(pr_scan_image_of(f.db, f.item[1].ref, &g, &err), &err);
	assert_int_equal(g.pages, 2);
	assert_int_equal(g.blank_pages, 1);
	assert_string_equal(g.page_list, "9, 11");
	assert_string_equal(g.pdf_path, "/archive/doc1.pdf");
	assert_int_equal(g.dpi, 300);
	assert_int_equal(g.scan_file_id, id);

	pr_scan_file sf;
	assert_ok(pr_scan_find_sha(f.db, "aa11", &sf, &err), &err);
	assert_int_equal(sf.id, id);
	assert_int_equal(sf.status, PR_SCAN_INGESTED);
	assert_int_equal(sf.items, 3);
	assert_int_equal(sf.problems, 0);
	assert_string_equal(sf.batch_ref, f.batch.ref);
	/* Audited: each item scanned, the batch, the file. */
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE "
			       "to_state = 'scanned' AND entity = 'item'"), 3);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE "
			       "entity = 'batch' AND to_state = 'scanned'"), 1);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE "
			       "entity = 'scan-file' AND to_state = 'ingested'"), 1);

	/* The same file again changes nothing and says so. */
	long long fp = fingerprint(f.db);
	pr_scan_plan_free(&p);
	p = plan_of(&f, "HbS1bcc");
	assert_int_equal(pr_scan_commit(f.db, &in, &p, NULL, &err), PR_EEXISTS);
	assert_non_null(strstr(err.msg, "batch1.tif"));
	assert_int_equal(fingerprint(f.db), fp);
	pr_scan_plan_free(&p);

	pr_scan_counts c;
	assert_ok(pr_scan_counts_get(f.db, &c, &err), &err);
	assert_int_equal(c.ingested, 1);
	assert_int_equal(c.ingested_today, 1);
	assert_int_equal(c.quarantined, 0);
	unit_db_free(f.db);
}

static void test_commit_refused_when_changed(void **state)
{
	(void)state;
	fixture f;
	pr_error err = {0};
	setup(&f);
	pr_scan_plan p = plan_of(&f, "HS1cS2cS3c");
	/* Another operator turns item 2 into an exception after the plan. */
	assert_ok(pr_item_exception(f.db, f.item[1].ref, "cheque inside", NULL, &err), &err);
	long long fp = fingerprint(f.db);
	pr_scan_intake in = intake("late.tif", "bb22");
	assert_int_equal(pr_scan_commit(f.db, &in, &p, NULL, &err), PR_ESTATE);
	assert_non_null(strstr(err.msg, f.item[1].ref));
	assert_int_equal(fingerprint(f.db), fp);
	pr_item it;
	assert_ok(pr_item_get(f.db, f.item[0].ref, &it, &err), &err);
	assert_int_equal(it.status, PR_ITEM_BATCHED);
	pr_scan_plan_free(&p);
	unit_db_free(f.db);
}

static void test_new_item_and_problems_recorded(void **state)
{
	(void)state;
	fixture f;
	pr_error err = {0};
	setup(&f);
	pr_scan_plan p = plan_of(&f, "HccS1cXcNcNcNc");
	pr_scan_intake in = intake("mixed.tif", "cc33");
	assert_ok(pr_scan_commit(f.db, &in, &p, NULL, &err), &err);
	/* The new item is of the batch's department, in the batch, scanned. */
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM items i JOIN departments d "
			       "ON d.id = i.dept_id WHERE d.code = 'REV' AND "
			       "i.status = 'scanned'"), 4);
	/* Two problems: pages before the first separator, the other batch. */
	pr_scan_counts c;
	assert_ok(pr_scan_counts_get(f.db, &c, &err), &err);
	assert_int_equal(c.problems_open, 2);
	pr_scan_problem pb;
	assert_ok(pr_scan_problem_get(f.db, 1, &pb, &err), &err);
	assert_int_equal(pb.kind, PR_PROBLEM_BEFORE_SEPARATOR);
	assert_string_equal(pb.page_list, "2-3");
	assert_int_equal(pb.pages, 2);
	assert_string_equal(pb.file_name, "mixed.tif");
	assert_int_equal(pb.status, PR_PROBLEM_OPEN);
	assert_ok(pr_scan_problem_get(f.db, 2, &pb, &err), &err);
	assert_int_equal(pb.kind, PR_PROBLEM_OTHER_BATCH);
	assert_string_equal(pb.ref, f.other_item.ref);
	assert_non_null(strstr(pb.detail, f.other.ref));
	pr_scan_plan_free(&p);

	/* Resolve: the other batch's pages go to its item. */
	assert_ok(pr_scan_resolve_item(f.db, 2, f.other_item.ref, &err), &err);
	pr_item it;
	assert_ok(pr_item_get(f.db, f.other_item.ref, &it, &err), &err);
	assert_int_equal(it.status, PR_ITEM_SCANNED);
	pr_scan_image g;
	assert_ok(pr_scan_image_of(f.db, f.other_item.ref, &g, &err), &err);
	assert_string_equal(g.page_list, "7");
	assert_ok(pr_scan_problem_get(f.db, 2, &pb, &err), &err);
	assert_int_equal(pb.status, PR_PROBLEM_ASSIGNED);
	assert_string_equal(pb.item_ref, f.other_item.ref);
	assert_non_null(strstr(pb.resolved_by, pr_db_actor(f.db)));
	/* Its batch had only that item: scanned now. */
	pr_batch b;
	assert_ok(pr_batch_get(f.db, f.other.ref, &b, &err), &err);
	assert_int_equal(b.status, PR_BATCH_SCANNED);

	/* Refusals change nothing. */
	long long fp = fingerprint(f.db);
	assert_int_equal(pr_scan_resolve_item(f.db, 2, f.item[0].ref, &err), PR_ESTATE);
	assert_int_equal(pr_scan_resolve_item(f.db, 1, f.item[0].ref, &err), PR_ESTATE);
	assert_string_equal(err.field, PR_FIELD_ITEM);
	assert_int_equal(pr_scan_resolve_item(f.db, 99, f.item[0].ref, &err), PR_ENOTFOUND);
	assert_int_equal(pr_scan_resolve_item(f.db, 1, "nonsense", &err), PR_EINVAL);
	assert_int_equal(pr_scan_resolve_aside(f.db, 1, "  ", &err), PR_EINVAL);
	assert_int_equal(fingerprint(f.db), fp);

	assert_ok(pr_scan_resolve_aside(f.db, 1, "cover letter of the tray, not post", &err),
		  &err);
	assert_ok(pr_scan_problem_get(f.db, 1, &pb, &err), &err);
	assert_int_equal(pb.status, PR_PROBLEM_SET_ASIDE);
	assert_string_equal(pb.resolution, "cover letter of the tray, not post");
	assert_int_equal(pr_scan_resolve_aside(f.db, 1, "again", &err), PR_ESTATE);
	assert_ok(pr_scan_counts_get(f.db, &c, &err), &err);
	assert_int_equal(c.problems_open, 0);
	assert_int_equal(q_int(f.db, "SELECT count(*) FROM audit_events WHERE "
			       "entity = 'scan-problem'"), 4);
	unit_db_free(f.db);
}

static bool count_files(const pr_scan_file *sf, void *ud)
{
	(void)sf;
	++*(int *)ud;
	return true;
}

static void test_quarantine(void **state)
{
	(void)state;
	fixture f;
	pr_error err = {0};
	setup(&f);
	pr_scan_intake in = intake("broken.tif", NULL);
	in.archive_path = "/quarantine/broken.tif";
	int64_t id;
	assert_ok(pr_scan_quarantined(f.db, &in, "page 3: corrupt strip", &id, &err), &err);
	int n = 0;
	assert_ok(pr_scan_list(f.db, PR_SCAN_QUARANTINED, count_files, &n, &err), &err);
	assert_int_equal(n, 1);
	n = 0;
	assert_ok(pr_scan_list(f.db, PR_SCAN_INGESTED, count_files, &n, &err), &err);
	assert_int_equal(n, 0);
	char reason[200];
	q_text(f.db, "SELECT reason || '|' || path FROM scan_files", reason, sizeof reason);
	assert_string_equal(reason, "page 3: corrupt strip|/quarantine/broken.tif");
	pr_scan_counts c;
	assert_ok(pr_scan_counts_get(f.db, &c, &err), &err);
	assert_int_equal(c.quarantined, 1);
	pr_scan_status s;
	assert_ok(pr_scan_status_parse("quarantined", &s, &err), &err);
	assert_int_equal(s, PR_SCAN_QUARANTINED);
	assert_int_equal(pr_scan_status_parse("lost", &s, &err), PR_EINVAL);
	unit_db_free(f.db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_page_list),
		cmocka_unit_test(test_plan_split),
		cmocka_unit_test(test_plan_problems),
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_commit_refused_when_changed),
		cmocka_unit_test(test_new_item_and_problems_recorded),
		cmocka_unit_test(test_quarantine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
