/* postroom item add|list|show|exception|handover: incoming post. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "postroom/intake.h"
#include "postroom/item.h"
#include "postroom/scan.h"

/* Flag names joined by '+' ("private+urgent"), or "". */
static void flag_names(unsigned flags, char *out, size_t cap)
{
	out[0] = '\0';
	for (int i = 0; i < PR_FLAG_COUNT; i++) {
		unsigned bit = pr_flag_by_index(i);
		if (!(flags & bit))
			continue;
		size_t n = strlen(out);
		snprintf(out + n, cap - n, "%s%s", n ? "+" : "", pr_flag_name(bit));
	}
}

static void time_or_empty(pr_time t, char out[PR_TIME_LEN])
{
	if (t)
		pr_time_format(t, out);
	else
		out[0] = '\0';
}

/* item add --dept CODE --count N: a tray of ordinary letters by count. */
static int add_tray(pr_app *app, const cli_args *a)
{
	static const char *const item_only[] = { "sender", "addressee", "kind", "service",
						 "tracking", "flag", "batch" };
	for (size_t i = 0; i < sizeof item_only / sizeof item_only[0]; i++)
		if (cli_opt(a, item_only[i]) || cli_has(a, item_only[i]))
			return cli_usage_error("item add", "--count logs a tray of ordinary "
					       "letters: --%s is for one item", item_only[i]);
	long count = 0;
	if (!cli_opt_long(a, "count", 1, PR_TRAY_MAX, &count))
		return EXIT_USAGE;
	if (!cli_opt(a, "dept"))
		return cli_usage_error("item add", "--dept is required");
	pr_error err;
	pr_time received = 0;
	if (cli_opt(a, "received") &&
	    pr_time_parse(cli_opt(a, "received"), &received, &err) != PR_OK)
		return cli_usage_error("item add", "--received: %s", err.msg);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	pr_tray tray;
	if (pr_intake_tray(app->db, cli_opt(a, "dept"), count, received, &tray, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s\n%s\n", tray.first_ref, tray.last_ref))
		return cli_result_lost("a tray of %ld items was logged into batch %s, %s to %s "
				       "('postroom batch show %s' shows them)", tray.count,
				       tray.batch_ref, tray.first_ref, tray.last_ref,
				       tray.batch_ref);
	fprintf(stderr, "postroom: a tray of %ld item%s in batch %s: %s to %s\n", tray.count,
		tray.count == 1 ? "" : "s", tray.batch_ref, tray.first_ref, tray.last_ref);
	return EXIT_OK;
}

int cmd_item_add(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_item_new in = { .kind = PR_KIND_LETTER, .service = PR_SERVICE_STANDARD };
	if (!cli_parse(&a, "item add", argc, argv))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("item add", "unexpected argument '%s'", a.pos[0]);
	in.dept_code = cli_opt(&a, "dept");
	in.sender = cli_opt(&a, "sender");
	in.addressee = cli_opt(&a, "addressee");
	in.tracking = cli_opt(&a, "tracking");
	if (cli_opt(&a, "count"))
		return add_tray(app, &a);
	if (!in.dept_code || !in.sender || !in.addressee)
		return cli_usage_error("item add", "--dept, --sender and --addressee "
				       "are required");
	if (cli_opt(&a, "kind") && pr_kind_parse(cli_opt(&a, "kind"), &in.kind, &err))
		return cli_usage_error("item add", "%s", err.msg);
	if (cli_opt(&a, "service") &&
	    pr_service_parse(cli_opt(&a, "service"), &in.service, &err))
		return cli_usage_error("item add", "%s", err.msg);
	for (int i = 0; i < a.nopt; i++) {
		unsigned flag;
		if (strcmp(a.opt[i].name, "flag") != 0)
			continue;
		if (pr_flag_parse(a.opt[i].value, &flag, &err) != PR_OK)
			return cli_usage_error("item add", "%s", err.msg);
		in.flags |= flag;
	}
	if (cli_opt(&a, "received") &&
	    pr_time_parse(cli_opt(&a, "received"), &in.received_at, &err) != PR_OK)
		return cli_usage_error("item add", "--received: %s", err.msg);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	pr_item it;
	if (pr_intake_log(app->db, &in, cli_has(&a, "batch"), &it, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s\n", it.ref))
		return cli_result_lost("item %s was logged ('postroom item show %s' "
				       "shows it)", it.ref, it.ref);
	if (it.batch_ref[0])
		fprintf(stderr, "postroom: %s is in batch %s\n", it.ref, it.batch_ref);
	if (it.status == PR_ITEM_EXCEPTION)
		fprintf(stderr, "postroom: %s is an exception (%s): hand it over "
			"unopened\n", it.ref, it.exception_reason);
	return EXIT_OK;
}

/* Text listing: fits 80 columns. */
static const cli_col item_text_cols[] = {
	{ .name = "ref", .title = "REF", .width = 13 },
	{ .name = "received", .title = "RECEIVED", .width = 11 },
	{ .name = "dept", .title = "DEPT", .width = 6 },
	{ .name = "sender", .title = "SENDER", .width = 14 },
	{ .name = "addressee", .title = "ADDRESSEE", .width = 14 },
	{ .name = "status", .title = "STATUS" },
};

static const cli_col item_cols[] = {
	{ .name = "ref" },
	{ .name = "received_at" },
	{ .name = "received_day" },
	{ .name = "dept" },
	{ .name = "sender" },
	{ .name = "addressee" },
	{ .name = "kind" },
	{ .name = "service" },
	{ .name = "tracking" },
	{ .name = "flags" },
	{ .name = "status" },
	{ .name = "batch" },
	{ .name = "logged_by" },
	{ .name = "scanned_at" },
	{ .name = "emailed_at" },
	{ .name = "exception_reason" },
	{ .name = "handed_to" },
	{ .name = "handed_at" },
};

#define NITEM_COLS (int)(sizeof item_cols / sizeof item_cols[0])

/* The values of one item in item_cols order, formatted into V's buffers. */
typedef struct item_values {
	char received[PR_TIME_LEN], scanned[PR_TIME_LEN], emailed[PR_TIME_LEN],
	     handed[PR_TIME_LEN], flags[128];
	const char *row[NITEM_COLS];
} item_values;

static void item_values_of(const pr_item *it, item_values *v)
{
	pr_time_format(it->received_at, v->received);
	time_or_empty(it->scanned_at, v->scanned);
	time_or_empty(it->emailed_at, v->emailed);
	time_or_empty(it->handed_at, v->handed);
	flag_names(it->flags, v->flags, sizeof v->flags);
	const char *row[NITEM_COLS] = {
		it->ref, v->received, it->received_day, it->dept_code, it->sender,
		it->addressee, pr_kind_name(it->kind), pr_service_name(it->service),
		it->tracking, v->flags, pr_item_status_name(it->status), it->batch_ref,
		it->logged_by, v->scanned, v->emailed, it->exception_reason,
		it->handed_to, v->handed,
	};
	memcpy(v->row, row, sizeof row);
}

static bool item_row(const pr_item *it, void *ud)
{
	cli_table *t = ud;
	item_values v;
	item_values_of(it, &v);
	if (t->format == FMT_TEXT) {
		char when[16];
		snprintf(when, sizeof when, "%.5s %.5s", v.received + 5, v.received + 11);
		const char *row[] = { it->ref, when, it->dept_code, it->sender,
				      it->addressee, pr_item_status_name(it->status) };
		table_row(t, row);
	} else {
		table_row(t, v.row);
	}
	return true;
}

int cmd_item_list(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	long limit = 0;
	pr_item_filter f = PR_ITEM_FILTER_ALL;
	if (!cli_parse(&a, "item list", argc, argv) ||
	    !cli_format_of(&a, &fmt) || !cli_opt_long(&a, "limit", 1, 100000000L, &limit))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("item list", "unexpected argument '%s'", a.pos[0]);
	f.from_day = cli_opt(&a, "from");
	f.to_day = cli_opt(&a, "to");
	f.dept_code = cli_opt(&a, "dept");
	f.limit = (size_t)limit;
	long day;
	long to_day;
	if ((f.to_day && pr_day_parse(f.to_day, &to_day, &err)) ||
	    (f.from_day && pr_day_parse(f.from_day, &day, &err)))
		return cli_usage_error("item list", "%s", err.msg);
	if (f.from_day && f.to_day && day > to_day)
		return cli_usage_error("item list", "--from is after --to");
	if (cli_opt(&a, "status")) {
		pr_item_status s;
		if (pr_item_status_parse(cli_opt(&a, "status"), &s, &err) != PR_OK)
			return cli_usage_error("item list", "%s", err.msg);
		f.status = (int)s;
	}
	if (!cli_db(app, false))
		return EXIT_FAIL;
	cli_table t;
	if (fmt == FMT_TEXT)
		table_begin(&t, fmt, item_text_cols, 6, stdout);
	else
		table_begin(&t, fmt, item_cols, NITEM_COLS, stdout);
	pr_status st = pr_item_list(app->db, &f, item_row, &t, &err);
	return table_finish(&t, st, &err);
}

static bool history_text(const pr_audit_event *ev, void *ud)
{
	(void)ud;
	char at[PR_TIME_LEN];
	pr_time_format(ev->at, at);
	printf("  %s  ", at);
	cli_put(stdout, ev->actor);
	printf("%*s %s -> %s%s", 10 - (int)strlen(ev->actor) > 0 ?
	       10 - (int)strlen(ev->actor) : 0, "",
	       ev->from_state[0] ? ev->from_state : "(new)", ev->to_state,
	       ev->reason[0] ? "  " : "");
	cli_put(stdout, ev->reason);
	putchar('\n');
	return true;
}

static bool history_json(const pr_audit_event *ev, void *ud)
{
	int *n = ud;
	char at[PR_TIME_LEN];
	pr_time_format(ev->at, at);
	printf("%s\n    {\"at\": ", (*n)++ ? "," : "");
	json_string(stdout, at);
	printf(", \"actor\": ");
	json_string(stdout, ev->actor);
	printf(", \"from\": ");
	if (ev->from_state[0])
		json_string(stdout, ev->from_state);
	else
		fputs("null", stdout);
	printf(", \"to\": ");
	json_string(stdout, ev->to_state);
	printf(", \"reason\": ");
	json_string(stdout, ev->reason);
	putchar('}');
	return true;
}

static void show_field(const char *label, const char *value)
{
	printf("%-11s ", label);
	cli_put(stdout, value && *value ? value : "-");
	putchar('\n');
}

/* The scan of an item in JSON: "pages", "blank_pages" and "pdf" (the
 * archived PDF), null until it is scanned. */
static const cli_col image_cols[] = {
	{ .name = "pages", .type = COL_NUMBER },
	{ .name = "blank_pages", .type = COL_NUMBER },
	{ .name = "pdf" },
};

static pr_status image_json(pr_app *app, const char *ref, pr_error *err)
{
	pr_scan_image g;
	char pages[16] = "", blanks[16] = "";
	const char *v[3] = { pages, blanks, NULL };
	pr_status st = pr_scan_image_of(app->db, ref, &g, err);
	if (st == PR_OK) {
		snprintf(pages, sizeof pages, "%d", g.pages);
		snprintf(blanks, sizeof blanks, "%d", g.blank_pages);
		v[2] = g.pdf_path;
	} else if (st != PR_ENOTFOUND) {
		return st;
	}
	json_fields(stdout, image_cols, 3, v);
	return PR_OK;
}

int cmd_item_show(pr_app *app, int argc, char **argv)
{
	cli_args a;
	cli_format fmt;
	pr_error err;
	pr_item it;
	if (!cli_parse(&a, "item show", argc, argv) || !cli_format_of(&a, &fmt))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("item show", "give one item reference");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_item_get(app->db, a.pos[0], &it, &err) != PR_OK)
		return cli_fail(&err);
	pr_status st;
	if (fmt == FMT_CSV) {
		cli_table t;
		table_begin(&t, fmt, item_cols, NITEM_COLS, stdout);
		item_row(&it, &t);
		table_end(&t);
		return EXIT_OK;
	}
	if (fmt == FMT_JSON) {
		/* One object: the item's fields and its history. */
		item_values v;
		int n = 0;
		item_values_of(&it, &v);
		fputc('{', stdout);
		json_fields(stdout, item_cols, NITEM_COLS, v.row);
		fputs(", ", stdout);
		if ((st = image_json(app, it.ref, &err)) != PR_OK)
			return cli_fail(&err);
		fputs(", \"history\": [", stdout);
		st = pr_item_history(app->db, it.ref, history_json, &n, &err);
		fputs(n ? "\n  ]}\n" : "]}\n", stdout);
		return st == PR_OK ? EXIT_OK : cli_fail(&err);
	}
	char received[PR_TIME_LEN], t1[PR_TIME_LEN], line[1200], flags[256] = "";
	pr_time_format(it.received_at, received);
	for (int i = 0; i < PR_FLAG_COUNT; i++) {
		unsigned bit = pr_flag_by_index(i);
		if (it.flags & bit) {
			size_t n = strlen(flags);
			snprintf(flags + n, sizeof flags - n, "%s%s", n ? ", " : "",
				 pr_flag_label(bit));
		}
	}
	show_field("Item", it.ref);
	show_field("Status", pr_item_status_name(it.status));
	snprintf(line, sizeof line, "%s  %s", it.dept_code, it.dept_name);
	show_field("Department", line);
	show_field("Sender", it.sender);
	show_field("Addressee", it.addressee);
	show_field("Kind", pr_kind_label(it.kind));
	show_field("Service", pr_service_label(it.service));
	show_field("Tracking", it.tracking);
	show_field("Flags", flags);
	snprintf(line, sizeof line, "%s (logged by %s)", received, it.logged_by);
	show_field("Received", line);
	show_field("Batch", it.batch_ref);
	time_or_empty(it.scanned_at, t1);
	show_field("Scanned", t1);
	time_or_empty(it.emailed_at, t1);
	show_field("Emailed", t1);
	show_field("Exception", it.exception_reason);
	if (it.handed_at) {
		time_or_empty(it.handed_at, t1);
		snprintf(line, sizeof line, "%s at %s", it.handed_to, t1);
		show_field("Handed to", line);
	}
	pr_scan_image g;
	st = pr_scan_image_of(app->db, it.ref, &g, &err);
	if (st == PR_OK) {
		snprintf(line, sizeof line, "%d (pages %s of scan file %lld)", g.pages,
			 g.page_list, (long long)g.scan_file_id);
		show_field("Pages", line);
		snprintf(line, sizeof line, "%d", g.blank_pages);
		show_field("Blank pages", line);
		show_field("PDF", g.pdf_path);
	} else if (st != PR_ENOTFOUND) {
		return cli_fail(&err);
	}
	printf("\nHistory\n");
	st = pr_item_history(app->db, it.ref, history_text, NULL, &err);
	return st == PR_OK ? EXIT_OK : cli_fail(&err);
}

int cmd_item_exception(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_item it;
	if (!cli_parse(&a, "item exception", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("item exception", "give one item reference");
	if (!cli_opt(&a, "reason"))
		return cli_usage_error("item exception", "--reason is required");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_item_exception(app->db, a.pos[0], cli_opt(&a, "reason"), &it, &err) != PR_OK)
		return cli_fail(&err);
	if (!cli_result("%s exception: %s\n", it.ref, it.exception_reason))
		return cli_result_lost("%s is an exception ('postroom item show %s')",
				       it.ref, it.ref);
	return EXIT_OK;
}

int cmd_item_handover(pr_app *app, int argc, char **argv)
{
	cli_args a;
	pr_error err;
	pr_item it;
	if (!cli_parse(&a, "item handover", argc, argv))
		return EXIT_USAGE;
	if (a.npos != 1)
		return cli_usage_error("item handover", "give one item reference");
	if (!cli_opt(&a, "to"))
		return cli_usage_error("item handover", "--to is required");
	if (!cli_db(app, false))
		return EXIT_FAIL;
	if (pr_item_handover(app->db, a.pos[0], cli_opt(&a, "to"), &it, &err) != PR_OK)
		return cli_fail(&err);
	char at[PR_TIME_LEN];
	pr_time_format(it.handed_at, at);
	if (!cli_result("%s handed over to %s at %s\n", it.ref, it.handed_to, at))
		return cli_result_lost("%s was handed over ('postroom item show %s')",
				       it.ref, it.ref);
	return EXIT_OK;
}
