/* Ingest of one scan file (ingest.h): read the pages, plan with the core,
 * write the PDFs, commit, then move the original into the archive. */
#include "postroom/service/ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postroom/clock.h"
#include "postroom/config.h"
#include "postroom/io/decode.h"
#include "postroom/io/image.h"
#include "postroom/io/outfile.h"
#include "postroom/io/scanpdf.h"
#include "postroom/io/tiff.h"
#include "postroom/sha256.h"

/* Barcodes are read at about this resolution: fast, and robust to noise. */
#define READ_DPI 150
#define MAX_CODES 8

void pr_ingest_result_free(pr_ingest_result *r)
{
	if (r)
		pr_scan_plan_free(&r->plan);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* DIR/YYYY/MM/DD for today, made if missing, into OUT. */
static pr_status day_folder(const char *dir, const char *sub, char *out, size_t cap,
			    pr_error *err)
{
	char day[PR_DAY_LEN];
	pr_time_day(pr_now(), day);
	int n = snprintf(out, cap, "%s%s%s/%.4s/%.2s/%.2s", dir, sub ? "/" : "", sub ? sub : "",
			 day, day + 5, day + 8);
	if (n < 0 || (size_t)n >= cap)
		return pr_fail(err, PR_EIO, "the archive path %s is too long", dir);
	return pr_mkdir_p(out, err);
}

/* A path DIR/STEM.EXT (EXT may be "") not yet taken: STEM-2.EXT, STEM-3 ...
 * when it is. With DB, a file no record names (left by an ingest that
 * never committed) does not count as taken: it is written over. */
static pr_status free_name(pr_db *db, const char *dir, const char *stem, const char *ext,
			   char *out, size_t cap, pr_error *err)
{
	for (int i = 1; i < 10000; i++) {
		int n = i == 1 ? snprintf(out, cap, "%s/%s%s", dir, stem, ext)
			       : snprintf(out, cap, "%s/%s-%d%s", dir, stem, i, ext);
		if (n < 0 || (size_t)n >= cap)
			return pr_fail(err, PR_EIO, "the path %s/%s is too long", dir, stem);
		struct stat sb;
		if (lstat(out, &sb) != 0 && errno == ENOENT)
			return PR_OK;
		bool used = true;
		if (db && S_ISREG(sb.st_mode)) {
			pr_status st = pr_scan_path_recorded(db, out, &used, err);
			if (st != PR_OK)
				return st;
		}
		if (!used)
			return PR_OK;
	}
	return pr_fail(err, PR_EIO, "no free name for %s in %s", stem, dir);
}

/* Splits NAME into a stem and an extension (".tif"), for free_name. */
static void split_name(const char *name, char *stem, size_t cap, const char **ext)
{
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		dot = name + strlen(name);
	snprintf(stem, cap, "%.*s", (int)(dot - name), name);
	*ext = dot;
}

/* Copies FROM to TO (a new file), flushed to disk: for a move across file
 * systems. */
static pr_status copy_file(const char *from, const char *to, pr_error *err)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return pr_fail(err, PR_EIO, "cannot read %s: %s", from, strerror(errno));
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (out < 0) {
		int e = errno;
		close(in);
		return pr_fail(err, PR_EIO, "cannot create %s: %s", to, strerror(e));
	}
	char buf[1 << 16];
	ssize_t n;
	pr_status st = PR_OK;
	while ((n = read(in, buf, sizeof buf)) > 0) {
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0) {
				if (errno == EINTR)
					continue;
				st = pr_fail(err, PR_EIO, "cannot write %s: %s", to, strerror(errno));
				break;
			}
			done += w;
		}
		if (st != PR_OK)
			break;
	}
	if (n < 0 && st == PR_OK)
		st = pr_fail(err, PR_EIO, "cannot read %s: %s", from, strerror(errno));
	if (st == PR_OK && fsync(out) != 0)
		st = pr_fail(err, PR_EIO, "cannot write %s: %s", to, strerror(errno));
	close(in);
	if (close(out) != 0 && st == PR_OK)
		st = pr_fail(err, PR_EIO, "cannot write %s: %s", to, strerror(errno));
	if (st != PR_OK)
		unlink(to);
	return st;
}

/* Moves FROM to TO (which must not exist): a rename, or a copy and a
 * removal across file systems. The file is never lost: on failure it is
 * still at FROM. */
static pr_status move_file(const char *from, const char *to, pr_error *err)
{
	if (link(from, to) == 0) {
		/* TO exists now; FROM goes only once TO is sure. */
		if (unlink(from) != 0)
			return pr_fail(err, PR_EIO, "%s is kept as %s but cannot be removed "
				       "from where it was: %s", from, to, strerror(errno));
		return PR_OK;
	}
	if (errno != EXDEV && errno != EPERM && errno != ENOTSUP && errno != EMLINK)
		return pr_fail(err, PR_EIO, "cannot move %s to %s: %s", from, to,
			       strerror(errno));
	pr_status st = copy_file(from, to, err);
	if (st == PR_OK && unlink(from) != 0)
		return pr_fail(err, PR_EIO, "%s is copied to %s but cannot be removed: %s",
			       from, to, strerror(errno));
	return st;
}

/* Puts the file FROM at TO (which must not exist) as well: a second link
 * to it, or a copy flushed to disk across file systems. FROM stays. */
static pr_status place_copy(const char *from, const char *to, pr_error *err)
{
	if (link(from, to) == 0)
		return PR_OK;
	if (errno != EXDEV && errno != EPERM && errno != ENOTSUP && errno != EMLINK)
		return pr_fail(err, PR_EIO, "cannot archive %s as %s: %s", from, to,
			       strerror(errno));
	return copy_file(from, to, err);
}

/* Moves PATH into folder DIR (made if missing) under its own name, or a
 * free one; the new path into KEPT. */
static pr_status move_into(const char *path, const char *dir, char *kept, size_t cap,
			   pr_error *err)
{
	char stem[256];
	const char *ext;
	pr_status st = pr_mkdir_p(dir, err);
	if (st != PR_OK)
		return st;
	split_name(base_name(path), stem, sizeof stem, &ext);
	if ((st = free_name(NULL, dir, stem, ext, kept, cap, err)) != PR_OK)
		return st;
	return move_file(path, kept, err);
}

/* Moves PATH to the quarantine folder and records why. */
static pr_status quarantine(pr_db *db, const pr_ingest_options *opt, const char *path,
			    pr_scan_intake *in, const char *why, pr_ingest_result *out,
			    pr_error *err)
{
	pr_status st = move_into(path, opt->quarantine_dir, out->kept_at, sizeof out->kept_at,
				 err);
	if (st != PR_OK)
		return st;
	in->archive_path = out->kept_at;
	snprintf(out->reason, sizeof out->reason, "%s", why);
	st = pr_scan_quarantined(db, in, why, &out->file_id, err);
	if (st != PR_OK) {
		/* Not recorded: put it back so it is tried again. */
		pr_error ignored;
		move_file(out->kept_at, path, &ignored);
		out->kept_at[0] = '\0';
		return st;
	}
	out->outcome = PR_INGEST_QUARANTINED;
	return PR_OK;
}

/* --- pass 1: what each page is ---------------------------------------- */

static pr_status read_marks(pr_tiff *t, const pr_ingest_options *opt, pr_page_mark *marks,
			    int pages, int *dpi, pr_error *err)
{
	pr_decoder *dec;
	pr_status st = pr_decoder_open(&dec, err);
	if (st != PR_OK)
		return st;
	for (int i = 0; st == PR_OK && i < pages; i++) {
		pr_grey_image img = {0};
		st = pr_tiff_page_grey(t, i, READ_DPI, &img, err);
		if (st != PR_OK)
			break;
		char codes[MAX_CODES][PR_CODE_MAX];
		size_t n = 0;
		st = pr_decode_codes(dec, &img, codes, MAX_CODES, &n, err);
		if (st == PR_OK) {
			const char *list[MAX_CODES];
			for (size_t k = 0; k < n; k++)
				list[k] = codes[k];
			memset(&marks[i], 0, sizeof marks[i]);
			marks[i].kind = pr_page_classify(list, n, marks[i].ref);
			marks[i].blank = marks[i].kind == PR_PAGE_CONTENT && pr_page_is_blank(&img);
		}
		pr_grey_image_free(&img);
		if (i == 0) {
			pr_tiff_page info;
			if (pr_tiff_page_info(t, 0, &info, NULL) == PR_OK)
				*dpi = (int)(info.xdpi + 0.5);
		}
		if (opt->progress)
			opt->progress(PR_INGEST_READING, i + 1, pages, opt->ud);
	}
	pr_decoder_close(dec);
	return st;
}

/* --- pass 2: the documents' PDFs --------------------------------------- */

/* Writes pages LIST[0..N) of T into a new PDF at PATH. */
static pr_status write_pdf(pr_tiff *t, const int *list, size_t n, const char *path,
			   char sha[PR_SHA256_HEX], int *written, int pages,
			   const pr_ingest_options *opt, pr_error *err)
{
	pr_scanpdf *pdf;
	/* A worker killed while writing this PDF left its temporary. */
	pr_out_sweep(path);
	pr_status st = pr_scanpdf_open(path, &pdf, err);
	if (st != PR_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		pr_encoded_page enc = {0};
		st = pr_tiff_page_encoded(t, list[i] - 1, &enc, err);
		if (st == PR_OK)
			st = pr_scanpdf_add_page(pdf, &enc, err);
		pr_encoded_free(&enc);
		if (st != PR_OK) {
			pr_scanpdf_abandon(pdf);
			return st;
		}
		++*written;
		if (opt->progress)
			opt->progress(PR_INGEST_WRITING, *written, pages, opt->ud);
	}
	return pr_scanpdf_close(pdf, sha, err);
}

/* Removes every PDF the plan names (the ingest did not go through). */
static void remove_pdfs(pr_scan_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++) {
		if (*plan->docs[i].pdf_path)
			unlink(plan->docs[i].pdf_path);
		if (*plan->docs[i].blank_pdf_path)
			unlink(plan->docs[i].blank_pdf_path);
		plan->docs[i].pdf_path[0] = plan->docs[i].blank_pdf_path[0] = '\0';
	}
}

/* Names and writes each document's PDFs. A failure to read a page is the
 * file's fault (PR_EINVAL: quarantine); one to write is the archive's. */
static pr_status write_documents(pr_db *db, pr_tiff *t, const pr_ingest_options *opt,
				 const char *name, pr_scan_plan *plan, int dpi, pr_error *err)
{
	char items_dir[PR_PATH_MAX], problems_dir[PR_PATH_MAX], stem[256];
	const char *ext;
	pr_status st = day_folder(opt->archive_dir, NULL, items_dir, sizeof items_dir, err);
	if (st == PR_OK)
		st = day_folder(opt->archive_dir, "problems", problems_dir, sizeof problems_dir,
				err);
	if (st != PR_OK)
		return st;
	split_name(name, stem, sizeof stem, &ext);
	int total = 0, written = 0;
	for (size_t i = 0; i < plan->n; i++)
		total += (int)(plan->docs[i].npages + plan->docs[i].nblanks);
	for (size_t i = 0; st == PR_OK && i < plan->n; i++) {
		pr_scan_doc *d = &plan->docs[i];
		char doc_stem[320], blank_stem[340];
		const char *dir = items_dir;
		d->dpi = dpi;
		if (d->kind == PR_DOC_ITEM) {
			snprintf(doc_stem, sizeof doc_stem, "%s", d->ref);
		} else if (d->kind == PR_DOC_NEW_ITEM) {
			/* Its reference is made at commit: named after the file. */
			snprintf(doc_stem, sizeof doc_stem, "%s-doc%zu", stem, i + 1);
		} else {
			snprintf(doc_stem, sizeof doc_stem, "%s-p%zu", stem, i + 1);
			dir = problems_dir;
		}
		/* A problem keeps all its pages, blank ones too, in one PDF. */
		int *pages = d->pages;
		size_t npages = d->npages;
		int *merged = NULL;
		if (d->kind == PR_DOC_PROBLEM && d->nblanks) {
			merged = malloc((d->npages + d->nblanks) * sizeof *merged);
			if (!merged)
				return pr_fail(err, PR_EIO, "out of memory writing %s", name);
			size_t a = 0, b = 0;
			npages = 0;
			while (a < d->npages || b < d->nblanks)
				merged[npages++] = (b >= d->nblanks ||
						    (a < d->npages && d->pages[a] < d->blanks[b]))
							   ? d->pages[a++] : d->blanks[b++];
			pages = merged;
		}
		if (npages) {
			st = free_name(db, dir, doc_stem, ".pdf", d->pdf_path, sizeof d->pdf_path,
				       err);
			if (st == PR_OK)
				st = write_pdf(t, pages, npages, d->pdf_path, d->pdf_sha256, &written,
					       total, opt, err);
			if (st != PR_OK)
				d->pdf_path[0] = '\0';
		}
		free(merged);
		if (st == PR_OK && d->kind != PR_DOC_PROBLEM && d->nblanks) {
			snprintf(blank_stem, sizeof blank_stem, "%s-blank", doc_stem);
			st = free_name(db, dir, blank_stem, ".pdf", d->blank_pdf_path,
				       sizeof d->blank_pdf_path, err);
			if (st == PR_OK)
				st = write_pdf(t, d->blanks, d->nblanks, d->blank_pdf_path, NULL,
					       &written, total, opt, err);
			if (st != PR_OK)
				d->blank_pdf_path[0] = '\0';
		}
	}
	return st;
}

/* --- one file ---------------------------------------------------------- */

/* The same content was ingested as F: nothing is recorded again. A file
 * whose move into the archive was cut short (a crash after the commit) is
 * moved there now; any other copy goes to QUARANTINE/duplicates. */
static pr_status duplicate(const pr_ingest_options *opt, const char *path,
			   const pr_scan_file *f, pr_ingest_result *out, pr_error *err)
{
	struct stat sb, here;
	out->outcome = PR_INGEST_DUPLICATE;
	if (*f->path && stat(f->path, &sb) != 0 && errno == ENOENT) {
		snprintf(out->kept_at, sizeof out->kept_at, "%s", f->path);
		snprintf(out->reason, sizeof out->reason, "ingested already as scan file "
			 "%lld; its move into the archive is finished now", (long long)f->id);
		return move_file(path, f->path, err);
	}
	if (*f->path && stat(f->path, &sb) == 0 && stat(path, &here) == 0 &&
	    sb.st_dev == here.st_dev && sb.st_ino == here.st_ino) {
		/* The archived original itself, still linked where it came
		 * from (a stop between the commit and the removal): the name
		 * goes, the file stays in the archive. */
		snprintf(out->kept_at, sizeof out->kept_at, "%s", f->path);
		snprintf(out->reason, sizeof out->reason, "ingested already as scan file "
			 "%lld; its removal from where it came is finished now", (long long)f->id);
		if (unlink(path) != 0)
			return pr_fail(err, PR_EIO, "cannot remove %s: %s", path, strerror(errno));
		return PR_OK;
	}
	char dir[PR_PATH_MAX];
	snprintf(dir, sizeof dir, "%s/duplicates", opt->quarantine_dir);
	snprintf(out->reason, sizeof out->reason, "the same file was ingested already as "
		 "scan file %lld (%s)", (long long)f->id, f->name);
	return move_into(path, dir, out->kept_at, sizeof out->kept_at, err);
}

pr_status pr_ingest_file(pr_db *db, const pr_ingest_options *opt, const char *path,
			 pr_ingest_result *out, pr_error *err)
{
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "%s", base_name(path));
	pr_scan_intake in = {.name = out->name, .arrived_at = pr_now()};

	struct stat sb;
	if (stat(path, &sb) != 0)
		return pr_fail(err, PR_EIO, "cannot read %s: %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return pr_fail(err, PR_EIO, "%s is not a file", path);
	in.size = (long long)sb.st_size;
	if (sb.st_size > PR_INGEST_MAX_BYTES) {
		char why[400];
		snprintf(why, sizeof why, "%s is %lld MB, larger than the %lld MB a scan file "
			 "may be", out->name, (long long)(sb.st_size >> 20),
			 PR_INGEST_MAX_BYTES >> 20);
		return quarantine(db, opt, path, &in, why, out, err);
	}

	pr_error ferr = {0};
	if (pr_sha256_file(path, out->sha256, &ferr) != PR_OK) {
		if (stat(path, &sb) != 0)
			return pr_fail(err, PR_EIO, "%s vanished while it was read", path);
		out->sha256[0] = '\0';
		return quarantine(db, opt, path, &in, ferr.msg, out, err);
	}
	in.sha256 = out->sha256;
	pr_scan_file prev;
	pr_status st = pr_scan_find_sha(db, out->sha256, &prev, &ferr);
	if (st == PR_OK)
		return duplicate(opt, path, &prev, out, err);
	if (st != PR_ENOTFOUND) {
		*err = ferr;
		return st;
	}

	pr_tiff *t;
	if ((st = pr_tiff_open(path, &t, &ferr)) != PR_OK) {
		if (stat(path, &sb) != 0)
			return pr_fail(err, PR_EIO, "%s vanished while it was read", path);
		return quarantine(db, opt, path, &in, ferr.msg, out, err);
	}
	out->pages = in.pages = pr_tiff_pages(t);
	pr_page_mark *marks = calloc((size_t)out->pages, sizeof *marks);
	int dpi = 0;
	if (!marks) {
		pr_tiff_close(t);
		return pr_fail(err, PR_EIO, "out of memory reading %s", path);
	}
	st = read_marks(t, opt, marks, out->pages, &dpi, &ferr);
	/* PR_EINVAL from reading a page is the file's fault: quarantined
	 * below; anything else is left to try again. */
	if (st == PR_OK)
		st = pr_scan_plan_make(db, marks, (size_t)out->pages, &out->plan, err);
	free(marks);
	if (st == PR_OK) {
		st = write_documents(db, t, opt, out->name, &out->plan, dpi, &ferr);
		if (st != PR_OK)
			remove_pdfs(&out->plan);
	}
	pr_tiff_close(t);
	if (st == PR_EINVAL) {
		pr_scan_plan_free(&out->plan);
		if (stat(path, &sb) != 0)
			return pr_fail(err, PR_EIO, "%s vanished while it was read", path);
		return quarantine(db, opt, path, &in, ferr.msg, out, err);
	}
	if (st != PR_OK) {
		if (ferr.msg[0])
			*err = ferr;
		pr_scan_plan_free(&out->plan);
		return st;
	}

	/* The original is put in the archive before the commit (a second
	 * link to the same file, or a copy across file systems), so what is
	 * recorded is there whatever becomes of the hot folder's copy; that
	 * copy goes after the commit. A crash before the commit leaves an
	 * archive file no record names, written over next time; one after it
	 * leaves the hot folder's link, removed on the next look. */
	char originals[PR_PATH_MAX], stem[256];
	const char *ext;
	split_name(out->name, stem, sizeof stem, &ext);
	st = day_folder(opt->archive_dir, "originals", originals, sizeof originals, err);
	if (st == PR_OK)
		st = free_name(db, originals, stem, ext, out->kept_at, sizeof out->kept_at, err);
	if (st == PR_OK) {
		unlink(out->kept_at); /* an unrecorded leftover, if any */
		st = place_copy(path, out->kept_at, err);
	}
	in.archive_path = out->kept_at;
	if (st == PR_OK) {
		st = pr_scan_commit(db, &in, &out->plan, &out->file_id, err);
		if (st != PR_OK)
			unlink(out->kept_at);
	}
	if (st != PR_OK) {
		remove_pdfs(&out->plan);
		pr_scan_plan_free(&out->plan);
		if (st == PR_EEXISTS && pr_scan_find_sha(db, out->sha256, &prev, &ferr) == PR_OK)
			return duplicate(opt, path, &prev, out, err);
		out->kept_at[0] = '\0';
		return st;
	}
	out->outcome = PR_INGEST_STORED;
	if (unlink(path) != 0) {
		/* Recorded and archived: the next look removes it. Say so, but
		 * the ingest itself is done. */
		snprintf(out->reason, sizeof out->reason, "%s is archived but cannot be removed "
			 "from where it came: %s", out->name, strerror(errno));
	}
	return PR_OK;
}
