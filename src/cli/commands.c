/* The command table: every command with its arguments, options and help.
 * Dispatch, option parsing, usage lines, --help, `postroom help` and shell
 * completion are all made from it. */
#include <string.h>

#include "cli.h"
#include "postroom/batch.h"
#include "postroom/item.h"
#include "postroom/operator.h"

#define END { .name = NULL }
#define OPT_FORMAT { "format", NULL, "text|csv|json", VAL_CHOICES, 0, \
	"the output format (default text)" }
#define OPT_FROM(what) { "from", NULL, "DAY", VAL_TEXT, 0, what }
#define OPT_TO(what) { "to", NULL, "DAY", VAL_TEXT, 0, what }
#define OPT_DEPT(what) { "dept", NULL, "CODE", VAL_DEPT, 0, what }
#define OPT_LIMIT(what) { "limit", NULL, "N", VAL_TEXT, 0, what }

/* The options of the daily, weekly and monthly reports. */
static const cli_option period_opts[] = {
	OPT_FROM("the first day (default: the period above, up to --to)"),
	OPT_TO("the last day (default today)"),
	OPT_DEPT("one department's figures (default all)"),
	OPT_FORMAT,
	END,
};

static const cli_command commands[] = {
	{ "init", cmd_init, NULL, VAL_TEXT,
	  "create the database, or upgrade it to this version's schema",
	  (const cli_option[]){
		{ "admin", NULL, "LOGIN", VAL_TEXT, 0,
		  "the first admin while no operators are registered (default: you)" },
		END }, NULL },
	{ "demo", cmd_demo, NULL, VAL_TEXT,
	  "fill an empty database with realistic, deterministic demo data",
	  (const cli_option[]){
		{ "days", NULL, "N", VAL_TEXT, 0, "days of post up to now (default 30)" },
		{ "seed", NULL, "N", VAL_TEXT, 0,
		  "the random seed (default 1): the same seed, the same data" },
		{ "if-empty", NULL, NULL, VAL_TEXT, 0,
		  "leave a database that holds data as it is" },
		END }, NULL },

	{ "dept", NULL, NULL, VAL_TEXT, "the departments and their team mailboxes",
	  NULL, NULL },
	{ "dept add", cmd_dept_add, "CODE", VAL_TEXT, "add a department",
	  (const cli_option[]){
		{ "name", NULL, "NAME", VAL_TEXT, OPT_REQUIRED, "its name" },
		{ "email", NULL, "ADDRESS", VAL_TEXT, OPT_REQUIRED, "its team mailbox" },
		END }, NULL },
	{ "dept list", cmd_dept_list, NULL, VAL_TEXT, "the departments",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },
	{ "dept set", cmd_dept_set, "CODE", VAL_DEPT,
	  "change a department's settings (admins)",
	  (const cli_option[]){
		{ "keep-days", NULL, "N", VAL_TEXT, OPT_REQUIRED,
		  "days its items are kept before a purge may remove their "
		  "sender, addressee and scans (1 to 36500; 0: the keep_days setting)" },
		END }, NULL },

	{ "operator", NULL, NULL, VAL_TEXT, "who uses postroom, in which role", NULL, NULL },
	{ "operator add", cmd_operator_add, "LOGIN", VAL_TEXT,
	  "add an operator by Unix login",
	  (const cli_option[]){
		{ "role", NULL, NULL, VAL_ROLE, OPT_REQUIRED, "what they may do" },
		{ "name", NULL, "NAME", VAL_TEXT, 0, "their full name" },
		END }, NULL },
	{ "operator list", cmd_operator_list, NULL, VAL_TEXT, "the operators",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },

	{ "item", NULL, NULL, VAL_TEXT,
	  "incoming post: log it, find it, mark exceptions, record hand-overs",
	  NULL, NULL },
	{ "item add", cmd_item_add, NULL, VAL_TEXT,
	  "log an item of incoming post and print its reference",
	  (const cli_option[]){
		{ "dept", NULL, "CODE", VAL_DEPT, OPT_REQUIRED, "the department it is for" },
		{ "sender", NULL, "S", VAL_TEXT, 0,
		  "who sent it (up to 120 characters; required unless --count)" },
		{ "addressee", NULL, "A", VAL_TEXT, 0,
		  "whom it is addressed to (up to 120 characters; required unless --count)" },
		{ "count", NULL, "N", VAL_TEXT, 0,
		  "a tray of N ordinary letters (1 to 2000), logged by count into the "
		  "department's open batch, to be indexed at the Scan screen" },
		{ "kind", NULL, NULL, VAL_KIND, 0, "what it is (default letter)" },
		{ "service", NULL, NULL, VAL_SERVICE, 0, "how it came (default standard)" },
		{ "tracking", NULL, "REF", VAL_TEXT, 0,
		  "its Royal Mail tracking number (Recorded, Special Delivery)" },
		{ "flag", NULL, NULL, VAL_FLAG, OPT_REPEAT,
		  "a flag noted at intake; once for each flag" },
		{ "received", NULL, "TIME", VAL_TEXT, 0, "when it came, if before now" },
		{ "batch", NULL, NULL, VAL_TEXT, 0,
		  "put it into its department's open batch (opening one)" },
		END }, NULL },
	{ "item list", cmd_item_list, NULL, VAL_TEXT,
	  "items in the order they were logged",
	  (const cli_option[]){
		OPT_FROM("received on DAY or later"),
		OPT_TO("received on DAY or earlier"),
		OPT_DEPT("one department's items"),
		{ "status", NULL, "S", VAL_ITEM_STATUS, 0, "items in state S" },
		OPT_LIMIT("at most N items"),
		OPT_FORMAT,
		END }, NULL },
	{ "item show", cmd_item_show, "REF", VAL_TEXT, "one item with its history",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },
	{ "item exception", cmd_item_exception, "REF", VAL_TEXT,
	  "mark an item not to be scanned but handed over",
	  (const cli_option[]){
		{ "reason", NULL, "TEXT", VAL_TEXT, OPT_REQUIRED,
		  "why (private & confidential, remittance, ...)" },
		END }, NULL },
	{ "item handover", cmd_item_handover, "REF", VAL_TEXT,
	  "record that an exception was handed over and signed for",
	  (const cli_option[]){
		{ "to", NULL, "NAME", VAL_TEXT, OPT_REQUIRED, "who signed for it" },
		END }, NULL },
	{ "item index", cmd_item_index, "REF", VAL_TEXT,
	  "fill in the sender and addressee of an item after its scan (a tray's items)",
	  (const cli_option[]){
		{ "sender", NULL, "S", VAL_TEXT, OPT_REQUIRED,
		  "who sent it (up to 120 characters)" },
		{ "addressee", NULL, "A", VAL_TEXT, OPT_REQUIRED,
		  "whom it is addressed to (up to 120 characters)" },
		END }, NULL },
	{ "item rescan", cmd_item_rescan, "REF", VAL_TEXT,
	  "mark a scanned item for rescan: back to its batch, waiting for its scan",
	  (const cli_option[]){
		{ "reason", NULL, "TEXT", VAL_TEXT, OPT_REQUIRED,
		  "why (pages missing, unreadable, ...)" },
		END }, NULL },

	{ "batch", NULL, NULL, VAL_TEXT,
	  "scan batches: a department's tray of items for the scanner", NULL, NULL },
	{ "batch open", cmd_batch_open, NULL, VAL_TEXT,
	  "open a scan batch for a department and print its reference",
	  (const cli_option[]){
		{ "dept", NULL, "CODE", VAL_DEPT, OPT_REQUIRED, "the department" },
		END }, NULL },
	{ "batch add", cmd_batch_add, "BATCH REF...", VAL_OPEN_BATCH,
	  "put received items into an open batch, in tray order", NULL, NULL },
	{ "batch remove", cmd_batch_remove, "BATCH REF", VAL_OPEN_BATCH,
	  "take an item out of an open batch", NULL, NULL },
	{ "batch close", cmd_batch_close, "BATCH", VAL_OPEN_BATCH, "close a batch",
	  (const cli_option[]){
		{ "print", NULL, NULL, VAL_TEXT, 0, "print its sheets as well" },
		END }, NULL },
	{ "batch list", cmd_batch_list, NULL, VAL_TEXT, "batches, newest first",
	  (const cli_option[]){
		{ "status", NULL, "S", VAL_BATCH_STATUS, 0, "batches in state S" },
		OPT_DEPT("one department's batches"),
		OPT_LIMIT("at most N batches"),
		OPT_FORMAT,
		END }, NULL },
	{ "batch show", cmd_batch_show, "BATCH", VAL_OPEN_BATCH,
	  "a batch and its items in tray order",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },
	{ "batch sheets", cmd_batch_sheets, "BATCH", VAL_OPEN_BATCH,
	  "the batch header sheet and a separator sheet per item, as a PDF",
	  (const cli_option[]){
		{ "o", "output", "FILE.pdf", VAL_TEXT, OPT_REQUIRED, "write them to FILE.pdf" },
		{ "print", NULL, NULL, VAL_TEXT, 0,
		  "print them; without -o no file is kept" },
		END }, NULL },

	{ "ingest", cmd_ingest, "PATH...", VAL_TEXT,
	  "take scan files (or the files of folders) into the archive, one PDF per item",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },
	{ "worker", cmd_worker, NULL, VAL_TEXT,
	  "the long-running service: take scan files from the hot folder as they arrive",
	  (const cli_option[]){
		{ "once", NULL, NULL, VAL_TEXT, 0,
		  "do what is waiting once, then exit (for cron and tests)" },
		{ "syslog", NULL, NULL, VAL_TEXT, 0, "log to syslog instead of stderr" },
		END }, NULL },
	{ "scan", NULL, NULL, VAL_TEXT,
	  "scan files taken from the hot folder, and the problems they raised", NULL, NULL },
	{ "scan list", cmd_scan_list, NULL, VAL_TEXT, "scan files, newest first",
	  (const cli_option[]){
		{ "status", NULL, "arrived|ingested|quarantined", VAL_CHOICES, 0,
		  "only files in this state" },
		OPT_FORMAT, END }, NULL },
	{ "scan exceptions", cmd_scan_exceptions, NULL, VAL_TEXT,
	  "scan problems waiting for a person, oldest first",
	  (const cli_option[]){
		{ "all", NULL, NULL, VAL_TEXT, 0, "resolved problems too" },
		OPT_FORMAT, END }, NULL },
	{ "scan resolve", cmd_scan_resolve, "ID", VAL_TEXT,
	  "resolve a scan problem: give its pages to an item, or set them aside",
	  (const cli_option[]){
		{ "item", NULL, "REF", VAL_TEXT, 0,
		  "the item waiting to be scanned that the pages belong to" },
		{ "set-aside", NULL, "REASON", VAL_TEXT, 0,
		  "keep the pages in the archive with no item, for this reason" },
		END }, NULL },

	{ "sheets", NULL, NULL, VAL_TEXT, "sheets that are not for one batch", NULL, NULL },
	{ "sheets separator", cmd_sheets_separator, NULL, VAL_TEXT,
	  "reusable separator sheets: print once, put one in front of each document",
	  (const cli_option[]){
		{ "o", "output", "FILE.pdf", VAL_TEXT, OPT_REQUIRED, "the PDF to write" },
		{ "copies", NULL, "N", VAL_TEXT, 0, "how many sheets (default 1, at most 500)" },
		{ "print", NULL, NULL, VAL_TEXT, 0, "print them too" },
		END }, NULL },

	{ "label", cmd_label, "REF", VAL_TEXT, "a Code 128 label for an item or a batch",
	  (const cli_option[]){
		{ "o", "output", "FILE.png|svg|eps|pdf", VAL_TEXT, OPT_REQUIRED,
		  "write it to FILE; the extension chooses the format" },
		{ "print", NULL, NULL, VAL_TEXT, 0, "print it as well" },
		END }, NULL },

	{ "report", NULL, NULL, VAL_TEXT, "the supervisor's figures", NULL, "report" },
	{ "report daily", cmd_report_daily, NULL, VAL_TEXT,
	  "the scanned percentage day by day (default the last 30 days)",
	  period_opts, NULL },
	{ "report weekly", cmd_report_weekly, NULL, VAL_TEXT,
	  "the scanned percentage week by week, Monday to Sunday (default 12 weeks)",
	  period_opts, NULL },
	{ "report monthly", cmd_report_monthly, NULL, VAL_TEXT,
	  "the scanned percentage month by month (default 12 months)", period_opts, NULL },
	{ "report dept", cmd_report_dept, NULL, VAL_TEXT,
	  "the daily report's figures per department, the worst first",
	  (const cli_option[]){
		OPT_FROM("the first day (default 30 days up to --to)"),
		OPT_TO("the last day (default today)"),
		OPT_DEPT("only this department"),
		OPT_FORMAT,
		END }, NULL },
	{ "report backlog", cmd_report_backlog, NULL, VAL_TEXT,
	  "items not yet scanned or handled, by age and department",
	  (const cli_option[]){
		OPT_DEPT("only this department"),
		OPT_FORMAT,
		END }, NULL },
	{ "report cycle", cmd_report_cycle, NULL, VAL_TEXT,
	  "receipt to scan and to email: median and 90th percentile a day",
	  (const cli_option[]){
		OPT_FROM("the first day (default 30 days up to --to)"),
		OPT_TO("the last day (default today)"),
		OPT_DEPT("one department's items (default all)"),
		OPT_FORMAT,
		END }, NULL },
	{ "report operators", cmd_report_operators, NULL, VAL_TEXT,
	  "items logged, exceptions handled, batches closed per operator a day",
	  (const cli_option[]){
		OPT_FROM("the first day (default 30 days up to --to)"),
		OPT_TO("the last day (default today)"),
		OPT_FORMAT,
		END }, NULL },
	{ "report check", cmd_report_check, NULL, VAL_TEXT,
	  "recount the daily figures from the items; exit 1 on any difference",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },
	{ "report accountable", cmd_report_accountable, NULL, VAL_TEXT,
	  "the day's Recorded and Special Delivery items, to be signed for",
	  (const cli_option[]){
		{ "date", NULL, "DAY", VAL_TEXT, 0, "the day (default today)" },
		{ "o", "output", "FILE.pdf", VAL_TEXT, 0,
		  "write an A4 sheet to print and sign" },
		{ "print", NULL, NULL, VAL_TEXT, 0, "print that sheet (needs -o)" },
		OPT_FORMAT,
		END }, NULL },

	{ "target", NULL, NULL, VAL_TEXT, "the scanned target and the day it takes effect",
	  NULL, NULL },
	{ "target set", cmd_target_set, "PERCENT", VAL_TEXT,
	  "set the scanned target (supervisors and admins)",
	  (const cli_option[]){
		OPT_FROM("the first day it applies (default today)"),
		END }, NULL },
	{ "target list", cmd_target_list, NULL, VAL_TEXT, "the dated targets",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },

	{ "audit", NULL, NULL, VAL_TEXT,
	  "the audit trail of every change, and its integrity check "
	  "('postroom audit [REF]' lists it)", NULL, NULL },
	{ "audit list", cmd_audit_list, "[REF]", VAL_TEXT,
	  "the audit trail, oldest first: all of it, or one item's, batch's or "
	  "other thing's",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },
	{ "audit verify", cmd_audit_verify, NULL, VAL_TEXT,
	  "check that the trail is whole and unchanged, naming the first event "
	  "that is not", NULL, NULL },

	{ "purge", cmd_purge, NULL, VAL_TEXT,
	  "retention: remove the sender, addressee and scans of items past their "
	  "keep date (admins)",
	  (const cli_option[]){
		{ "before", NULL, "DAY", VAL_TEXT, OPT_REQUIRED,
		  "only items received before DAY (and scan files that came before it)" },
		{ "dry-run", NULL, NULL, VAL_TEXT, 0,
		  "show what would go and change nothing" },
		OPT_FORMAT,
		END }, NULL },

	{ "config", cmd_config, NULL, VAL_TEXT,
	  "the settings in force and the file they came from",
	  (const cli_option[]){ OPT_FORMAT, END }, NULL },
	{ "help", cmd_help, "[COMMAND [SUBCOMMAND]]", VAL_TEXT,
	  "the commands, or the usage and options of one", NULL, NULL },
	{ "complete", cmd_complete, "[--] WORDS...", VAL_TEXT,
	  "the completions of the last of WORDS (the words after 'postroom'), "
	  "one a line", NULL, NULL },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const cli_command *cli_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

const cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

const char *cli_command_word(const cli_command *c)
{
	const char *sp = strrchr(c->name, ' ');
	return sp ? sp + 1 : c->name;
}

bool cli_is_sub(const cli_command *c, const cli_command *group)
{
	size_t n = strlen(group->name);
	return strncmp(c->name, group->name, n) == 0 && c->name[n] == ' ';
}

/* Groups that run a subcommand when given none of theirs. */
static const struct {
	const char *group, *sub;
} group_defaults[] = {
	{ "audit", "list" },
};

const cli_command *cli_group_default(const cli_command *group)
{
	for (size_t i = 0; i < sizeof group_defaults / sizeof group_defaults[0]; i++)
		if (strcmp(group->name, group_defaults[i].group) == 0)
			return cli_sub_find(group, group_defaults[i].sub);
	return NULL;
}

const cli_command *cli_sub_find(const cli_command *group, const char *word)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (cli_is_sub(&commands[i], group) &&
		    strcmp(cli_command_word(&commands[i]), word) == 0)
			return &commands[i];
	return NULL;
}

static bool same(const char *a, const char *name, size_t len)
{
	return a && strlen(a) == len && strncmp(a, name, len) == 0;
}

const cli_option *cli_option_find(const cli_command *c, const char *name, size_t len,
				  bool is_long)
{
	for (const cli_option *o = c->opts; o && o->name; o++) {
		bool short_name = o->name[1] == '\0';
		if (is_long ? (!short_name && same(o->name, name, len)) || same(o->alias, name, len)
			    : short_name && same(o->name, name, len))
			return o;
	}
	return NULL;
}

bool cli_option_takes_value(const cli_option *o)
{
	return o->value || o->values != VAL_TEXT;
}

bool cli_values_each(cli_values v, const char *choices,
		     void (*fn)(const char *name, void *ud), void *ud)
{
	switch (v) {
	case VAL_CHOICES:
		while (choices && *choices) {
			char word[64];
			size_t n = strcspn(choices, "|");
			snprintf(word, sizeof word, "%.*s", (int)n, choices);
			fn(word, ud);
			choices += n + (choices[n] == '|');
		}
		return true;
	case VAL_KIND:
		for (int i = 0; i < PR_KIND_COUNT; i++)
			fn(pr_kind_name((pr_kind)i), ud);
		return true;
	case VAL_SERVICE:
		for (int i = 0; i < PR_SERVICE_COUNT; i++)
			fn(pr_service_name((pr_service)i), ud);
		return true;
	case VAL_FLAG:
		for (int i = 0; i < PR_FLAG_COUNT; i++)
			fn(pr_flag_name(pr_flag_by_index(i)), ud);
		return true;
	case VAL_ITEM_STATUS:
		for (int i = 0; i < PR_ITEM_STATUS_COUNT; i++)
			fn(pr_item_status_name((pr_item_status)i), ud);
		return true;
	case VAL_BATCH_STATUS:
		for (int i = 0; i < PR_BATCH_STATUS_COUNT; i++)
			fn(pr_batch_status_name((pr_batch_status)i), ud);
		return true;
	case VAL_ROLE:
		for (int r = PR_ROLE_OPERATOR; r <= PR_ROLE_ADMIN; r++)
			fn(pr_role_name((pr_role)r), ud);
		return true;
	case VAL_TEXT:
	case VAL_DEPT:
	case VAL_OPEN_BATCH:
		break;
	}
	return false;
}
