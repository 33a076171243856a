/* postroom purge --before DAY [--dry-run]: retention, the personal data and
 * scans of items past their keep date (service/purge.h). */
#include <string.h>

#include "cli.h"
#include "postroom/service/purge.h"

static const cli_col purge_cols[] = {
	{ .name = "what", .width = 11 },
	{ .name = "ref", .width = 14 },
	{ .name = "day", .width = 10 },
	{ .name = "result", .width = 12 },
	{ .name = "file" },
};
#define NPURGE_COLS (int)(sizeof purge_cols / sizeof purge_cols[0])

static const char *outcome_name(const pr_purge_report *r, size_t i)
{
	const pr_purge_entry *e = &r->plan.entries[i];
	if (r->plan.dry_run)
		return "would go";
	if (!e->path)
		return "purged";
	switch (r->outcome[i]) {
	case PR_PURGE_FILE_REMOVED:
		return "removed";
	case PR_PURGE_FILE_GONE:
		return "was gone";
	case PR_PURGE_FILE_FAILED:
		return "NOT REMOVED";
	case PR_PURGE_FILE_KEPT:
		break;
	}
	return "kept";
}

int cmd_purge(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	if (!cli_parse(&a, "purge", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("purge", "unexpected argument '%s'", a.pos[0]);
	const char *before = cli_opt(&a, "before");
	long dayno;
	if (!before)
		return cli_usage_error("purge", "--before is required: items received "
				       "before that day may go");
	if (pr_day_parse(before, &dayno, &err) != PR_OK)
		return cli_usage_error("purge", "--before: %s", err.msg);
	bool dry = cli_has(&a, "dry-run");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	pr_purge_report r;
	if (pr_purge_run(app->db, before, app->cfg.keep_days, dry, &r, &err) != PR_OK)
		return cli_fail(&err);
	cli_table t;
	table_begin(&t, fmt, purge_cols, NPURGE_COLS, stdout);
	for (size_t i = 0; i < r.plan.n; i++) {
		const pr_purge_entry *e = &r.plan.entries[i];
		const char *row[NPURGE_COLS] = { pr_purge_kind_name(e->kind), e->ref, e->day,
						 outcome_name(&r, i), e->path ? e->path : "" };
		table_row(&t, row);
	}
	table_end(&t);
	for (size_t i = 0; i < r.plan.n; i++)
		if (r.message[i])
			cli_error("%s (its record says it is purged: remove it by hand)",
				  r.message[i]);
	bool ok = true;
	if (fmt == FMT_TEXT) {
		const pr_purge_plan *p = &r.plan;
		if (dry)
			ok = cli_result("Dry run, nothing changed: before %s, %zu item%s "
					"would lose sender and addressee, %zu scan image%s, "
					"%zu scan file%s and %zu problem PDF%s would go\n",
					p->before, p->items, p->items == 1 ? "" : "s",
					p->images, p->images == 1 ? "" : "s", p->files,
					p->files == 1 ? "" : "s", p->problems,
					p->problems == 1 ? "" : "s");
		else
			ok = cli_result("Purged before %s: %zu item%s (sender, addressee), "
					"%zu scan image%s, %zu scan file%s, %zu problem PDF%s; "
					"%zu file%s removed, %zu already gone, %zu not removed\n",
					p->before, p->items, p->items == 1 ? "" : "s",
					p->images, p->images == 1 ? "" : "s", p->files,
					p->files == 1 ? "" : "s", p->problems,
					p->problems == 1 ? "" : "s", r.removed,
					r.removed == 1 ? "" : "s", r.gone, r.failed);
	} else {
		ok = cli_result("%s", "");
	}
	size_t failed = r.failed, items = r.plan.items;
	pr_purge_report_free(&r);
	if (!ok)
		return dry ? EXIT_FAIL : cli_result_lost("%zu items were purged ('postroom "
							  "audit' lists them)", items);
	return failed ? EXIT_FAIL : EXIT_OK;
}
