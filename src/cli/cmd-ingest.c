/* postroom ingest PATH...: scan files (or the files of folders) into the
 * archive, a row per item stored and per problem raised. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "postroom/service/hotfolder.h"
#include "postroom/service/ingest.h"

static const cli_col ingest_cols[] = {
	{ .name = "file", .title = "FILE", .width = 20 },
	{ .name = "batch", .title = "BATCH", .width = 14 },
	{ .name = "item", .title = "ITEM", .width = 14 },
	{ .name = "pages", .title = "PAGES", .type = COL_NUMBER, .width = 5, .right = true },
	{ .name = "blank_pages", .title = "BLANK", .type = COL_NUMBER, .width = 5, .right = true },
	{ .name = "pdf", .title = "PDF / PROBLEM" },
	{ .name = "problem" },
};
#define NINGEST_COLS (int)(sizeof ingest_cols / sizeof ingest_cols[0])

typedef struct ingest_run {
	pr_app *app;
	pr_ingest_options opt;
	cli_table t;
	bool tty;
	int files, stored, quarantined, duplicates, failed, problems;
} ingest_run;

static void show_progress(pr_ingest_phase phase, int page, int pages, void *ud)
{
	const char *name = ud;
	fprintf(stderr, "\rpostroom: %s: %s page %d of %d ", name,
		phase == PR_INGEST_READING ? "reading" : "writing", page, pages);
	fflush(stderr);
}

/* The rows of one stored file: its documents. */
static void report_plan(ingest_run *r, const pr_ingest_result *res)
{
	for (size_t i = 0; i < res->plan.n; i++) {
		const pr_scan_doc *d = &res->plan.docs[i];
		char pages[16], blanks[16], problem[320] = "";
		snprintf(pages, sizeof pages, "%zu", d->npages + (d->kind == PR_DOC_PROBLEM
								   ? d->nblanks : 0));
		snprintf(blanks, sizeof blanks, "%zu", d->nblanks);
		const char *pdf = d->pdf_path;
		if (d->kind == PR_DOC_PROBLEM) {
			snprintf(problem, sizeof problem, "%s: %s", pr_scan_problem_name(d->problem),
				 d->detail);
			r->problems++;
			if (r->t.format == FMT_TEXT)
				pdf = problem;
		}
		const char *row[NINGEST_COLS] = { res->name, d->batch_ref, d->ref, pages, blanks,
						  pdf, problem };
		table_row(&r->t, row);
	}
}

static void ingest_one(ingest_run *r, const char *path)
{
	pr_ingest_result res;
	pr_error err;
	pr_error_clear(&err);
	r->opt.ud = (void *)path;
	r->files++;
	pr_status st = pr_ingest_file(r->app->db, &r->opt, path, &res, &err);
	if (r->tty)
		fputs("\r\033[K", stderr);
	if (st != PR_OK) {
		r->failed++;
		cli_fail(&err);
		return;
	}
	switch (res.outcome) {
	case PR_INGEST_STORED:
		r->stored++;
		report_plan(r, &res);
		if (*res.reason)
			cli_error("%s: %s", res.name, res.reason);
		break;
	case PR_INGEST_DUPLICATE:
		r->duplicates++;
		cli_error("%s: %s; nothing changed (the copy is now %s)", res.name, res.reason,
			  res.kept_at);
		break;
	case PR_INGEST_QUARANTINED: {
		r->quarantined++;
		char problem[PR_ERROR_MAX + 16];
		snprintf(problem, sizeof problem, "quarantined: %s", res.reason);
		const char *row[NINGEST_COLS] = { res.name, "", "", "", "",
						  r->t.format == FMT_TEXT ? problem : res.kept_at,
						  problem };
		table_row(&r->t, row);
		cli_error("%s is quarantined as %s: %s", res.name, res.kept_at, res.reason);
		break;
	}
	}
	pr_ingest_result_free(&res);
}

int cmd_ingest(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	if (!cli_parse(&a, "ingest", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos == 0)
		return cli_usage_error("ingest", "give the scan files or folders to take in");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	ingest_run r = { .app = app, .tty = isatty(STDERR_FILENO) };
	char *archive = pr_config_archive_dir(&app->cfg);
	char *quarantine = pr_config_quarantine_dir(&app->cfg);
	r.opt.archive_dir = archive;
	r.opt.quarantine_dir = quarantine;
	if (r.tty)
		r.opt.progress = show_progress;
	table_begin(&r.t, fmt, ingest_cols, fmt == FMT_TEXT ? NINGEST_COLS - 1 : NINGEST_COLS,
		    stdout);
	for (int i = 0; i < a.npos; i++) {
		struct stat sb;
		if (stat(a.pos[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			pr_hot_file *files = NULL;
			size_t n = 0;
			pr_error err;
			if (pr_hot_list(a.pos[i], &files, &n, &err) != PR_OK) {
				r.failed++;
				cli_fail(&err);
				continue;
			}
			for (size_t k = 0; k < n; k++)
				ingest_one(&r, files[k].path);
			free(files);
		} else {
			ingest_one(&r, a.pos[i]);
		}
	}
	table_end(&r.t);
	free(archive);
	free(quarantine);
	if (r.files > 1)
		cli_error("%d file%s: %d ingested, %d quarantined, %d already in, %d not "
			  "taken; %d problem%s raised", r.files, r.files == 1 ? "" : "s", r.stored,
			  r.quarantined, r.duplicates, r.failed, r.problems,
			  r.problems == 1 ? "" : "s");
	return r.quarantined || r.problems || r.failed ? EXIT_FAIL : EXIT_OK;
}
