/* postroom audit [list] [REF], audit verify: the audit trail and its check. */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "postroom/audit.h"

static const cli_col audit_cols[] = {
	{ .name = "id", .type = COL_NUMBER },
	{ .name = "at" },
	{ .name = "actor" },
	{ .name = "entity" },
	{ .name = "ref" },
	{ .name = "from" },
	{ .name = "to" },
	{ .name = "reason" },
	{ .name = "hash" },
};

/* Text: fits 80 columns before the reason. */
static const cli_col audit_text_cols[] = {
	{ .name = "id", .title = "ID", .width = 6, .right = true },
	{ .name = "at", .title = "WHEN", .width = 16 },
	{ .name = "actor", .title = "WHO", .width = 10 },
	{ .name = "entity", .title = "WHAT", .width = 12 },
	{ .name = "ref", .title = "REF", .width = 14 },
	{ .name = "change", .title = "CHANGE", .width = 24 },
	{ .name = "reason", .title = "WHY" },
};

static bool audit_row(const pr_audit_event *ev, void *ud)
{
	cli_table *t = ud;
	char id[24], at[PR_TIME_LEN], change[40];
	snprintf(id, sizeof id, "%" PRId64, ev->id);
	pr_time_format(ev->at, at);
	if (t->format == FMT_TEXT) {
		at[16] = '\0'; /* YYYY-MM-DDTHH:MM */
		at[10] = ' ';
		snprintf(change, sizeof change, "%s -> %s",
			 ev->from_state[0] ? ev->from_state : "(new)", ev->to_state);
		const char *row[] = { id, at, ev->actor, ev->entity, ev->ref, change,
				      ev->reason };
		table_row(t, row);
	} else {
		const char *row[] = { id, at, ev->actor, ev->entity, ev->ref,
				      ev->from_state, ev->to_state, ev->reason, ev->hash };
		table_row(t, row);
	}
	return true;
}

int cmd_audit_list(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	if (!cli_parse(&a, "audit list", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos > 1)
		return cli_usage_error("audit list", "give at most one reference");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	if (fmt == FMT_TEXT)
		table_begin(&t, fmt, audit_text_cols, 7, stdout);
	else
		table_begin(&t, fmt, audit_cols, 9, stdout);
	pr_status st = pr_audit_list(app->db, a.npos ? a.pos[0] : NULL, audit_row, &t, &err);
	return table_finish(&t, st, &err);
}

int cmd_audit_verify(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_audit_check r;
	if (!cli_parse(&a, "audit verify", argc, argv))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("audit verify", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_audit_verify(app->db, &r, &err) != PR_OK)
		return cli_fail(&err);
	if (!r.ok) {
		cli_error("the audit trail does not hold: %s", r.problem);
		return EXIT_FAIL;
	}
	printf("The audit trail holds: %" PRId64 " event%s, each following the one "
	       "before.\n", r.events, r.events == 1 ? "" : "s");
	if (r.events)
		printf("Last event's hash: %s\n(note it elsewhere: a later check that "
		       "finds it proves nothing before it was rewritten)\n", r.head);
	return EXIT_OK;
}
