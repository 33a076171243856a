/* The command table, dispatch, argument parsing and error reporting. */
#include "cli.h"
#include "postroom/batch.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Every command with its usage lines; `postroom --help` prints them in this
 * order and a usage error prints the lines of its command. */
static const struct command {
	const char *name;
	cli_fn fn;
	const char *usage[8];
} commands[] = {
	{ "init", cmd_init, { "init" } },
	{ "demo", cmd_demo, { "demo [--days N] [--seed N] [--if-empty]" } },
	{ "dept", cmd_dept, {
		"dept add CODE --name NAME --email ADDRESS",
		"dept list [--format text|csv|json]" } },
	{ "operator", cmd_operator, {
		"operator add LOGIN --role operator|supervisor|admin [--name NAME]",
		"operator list [--format text|csv|json]" } },
	{ "item", cmd_item, {
		"item add --dept CODE --sender S --addressee A [--kind letter|large-letter|parcel]\n"
		"         [--service standard|recorded|special-delivery] [--tracking REF]\n"
		"         [--flag private|remittance|legal|bulky|urgent|damaged]... [--received TIME]\n"
		"         [--batch]",
		"item list [--from DAY] [--to DAY] [--dept CODE] [--status S] [--limit N]\n"
		"          [--format text|csv|json]",
		"item show REF [--format text|json]",
		"item exception REF --reason TEXT",
		"item handover REF --to NAME" } },
	{ "batch", cmd_batch, {
		"batch open --dept CODE",
		"batch add BATCH REF...",
		"batch remove BATCH REF",
		"batch close BATCH [--print]",
		"batch list [--status S] [--dept CODE] [--limit N] [--format text|csv|json]",
		"batch show BATCH [--format text|csv|json]",
		"batch sheets BATCH -o FILE.pdf [--print]" } },
	{ "label", cmd_label, { "label REF -o FILE.png|svg|eps|pdf [--print]" } },
	{ "report", cmd_report, {
		"report daily|weekly|monthly [--from DAY] [--to DAY] [--dept CODE]",
		"report dept [--from DAY] [--to DAY] [--dept CODE]",
		"report backlog [--dept CODE]",
		"report cycle [--from DAY] [--to DAY] [--dept CODE]",
		"report operators [--from DAY] [--to DAY]",
		"report check",
		"report accountable [--date DAY] [-o FILE.pdf] [--print]" } },
	{ "target", cmd_target, {
		"target set PERCENT [--from DAY]",
		"target list [--format text|csv|json]" } },
	{ "config", cmd_config, { "config [--format text|csv|json]" } },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const char *cli_usage_of(const char *name)
{
	size_t n = strcspn(name, " ");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strlen(commands[i].name) != n || strncmp(commands[i].name, name, n))
			continue;
		for (int j = 0; j < 8 && commands[i].usage[j]; j++)
			if (strncmp(commands[i].usage[j], name, strlen(name)) == 0)
				return commands[i].usage[j];
		return commands[i].usage[0];
	}
	return NULL;
}

void cli_usage(FILE *f)
{
	fprintf(f,
		"usage: postroom [--db PATH] [--config PATH] [COMMAND ...]\n"
		"\n"
		"The operator console of a council's post room. Without a command, on a\n"
		"terminal, it opens the console; with one it runs it and exits.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		for (int j = 0; j < 8 && commands[i].usage[j]; j++)
			fprintf(f, "  postroom %s\n", commands[i].usage[j]);
	fprintf(f,
		"\n"
		"Options:\n"
		"  --db PATH        the database (also $POSTROOM_DB)\n"
		"  --config PATH    the configuration file (also $POSTROOM_CONFIG)\n"
		"  --help, --version\n"
		"Listing and report commands take --format text|csv|json.\n"
		"\n"
		"Exit status: 0 done, 1 failed, 2 bad usage. See postroom(1).\n");
}

int cli_run(pr_app *app, int argc, char **argv)
{
	if (strcmp(argv[0], "help") == 0) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, argv[0]) == 0)
			return commands[i].fn(app, argc, argv);
	cli_error("unknown command '%s' (see 'postroom --help')", argv[0]);
	return EXIT_USAGE;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("postroom: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "postroom %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	const char *usage = cli_usage_of(cmd);
	if (usage)
		fprintf(stderr, "usage: postroom %s\n", usage);
	return EXIT_USAGE;
}

int cli_fail(const pr_error *err)
{
	cli_error("%s", err->msg[0] ? err->msg : pr_status_text(err->code));
	return EXIT_FAIL;
}

bool cli_db(pr_app *app, bool create)
{
	pr_error err;
	pr_error_clear(&err);
	if (pr_app_open_db(app, create, &err) != PR_OK) {
		cli_fail(&err);
		return false;
	}
	return true;
}

/* Finds NAME in SPEC; returns 0 unknown, 1 switch, 2 value, 3 repeatable. */
static int spec_kind(const char *spec, const char *name, size_t len)
{
	if (len == 6 && strncmp(name, "format", 6) == 0)
		return 2;
	const char *p = spec;
	while (p && *p) {
		size_t n = strcspn(p, "=,");
		if (n == len && strncmp(p, name, len) == 0) {
			if (p[n] != '=')
				return 1;
			return p[n + 1] == '*' ? 3 : 2;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return 0;
}

bool cli_parse(cli_args *a, const char *cmd, const char *spec, int argc, char **argv)
{
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	bool only_pos = false;
	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		/* "-o FILE": a one-letter option, named in SPEC as "o=". */
		if (!only_pos && arg[0] == '-' && isalpha((unsigned char)arg[1]) &&
		    arg[2] == '\0' && spec_kind(spec, arg + 1, 1) != 0) {
			if (spec_kind(spec, arg + 1, 1) >= 2 && i + 1 >= argc) {
				cli_usage_error(cmd, "option '%s' needs a value", arg);
				return false;
			}
			if (a->nopt == CLI_MAX_ARGS) {
				cli_usage_error(cmd, "too many options");
				return false;
			}
			a->opt[a->nopt].name = arg + 1;
			a->opt[a->nopt].value = spec_kind(spec, arg + 1, 1) >= 2 ? argv[++i] : NULL;
			a->nopt++;
			continue;
		}
		if (only_pos || arg[0] != '-' || arg[1] != '-') {
			if (!only_pos && arg[0] == '-' && arg[1] != '\0') {
				cli_usage_error(cmd, "unknown option '%s'", arg);
				return false;
			}
			if (a->npos == CLI_MAX_ARGS) {
				cli_usage_error(cmd, "too many arguments");
				return false;
			}
			a->pos[a->npos++] = arg;
			continue;
		}
		if (arg[2] == '\0') {
			only_pos = true;
			continue;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		int kind = spec_kind(spec, name, len);
		if (kind == 0) {
			cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
			return false;
		}
		const char *value = NULL;
		if (kind == 1 && eq) {
			cli_usage_error(cmd, "option '--%.*s' takes no value", (int)len, name);
			return false;
		}
		if (kind >= 2) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else {
				cli_usage_error(cmd, "option '--%s' needs a value", name);
				return false;
			}
		}
		if (kind == 2 || kind == 1) {
			for (int j = 0; j < a->nopt; j++) {
				if (strlen(a->opt[j].name) == len &&
				    strncmp(a->opt[j].name, name, len) == 0) {
					cli_usage_error(cmd, "option '--%.*s' is given "
							"twice", (int)len, name);
					return false;
				}
			}
		}
		if (a->nopt == CLI_MAX_ARGS) {
			cli_usage_error(cmd, "too many options");
			return false;
		}
		/* Keep the name NUL-terminated without touching argv's '=':
		 * it lives in the option string itself up to LEN. */
		a->opt[a->nopt].name = name;
		a->opt[a->nopt].value = value;
		if (eq)
			*(char *)eq = '\0';
		a->nopt++;
	}
	return true;
}

const char *cli_opt(const cli_args *a, const char *name)
{
	const char *v = NULL;
	for (int i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].name, name) == 0)
			v = a->opt[i].value;
	return v;
}

bool cli_has(const cli_args *a, const char *name)
{
	for (int i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].name, name) == 0)
			return true;
	return false;
}

bool cli_opt_long(const cli_args *a, const char *name, long min, long max, long *out)
{
	const char *v = cli_opt(a, name);
	if (!v)
		return true;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max) {
		cli_usage_error(a->cmd, "--%s: '%.40s' is not a whole number from "
				"%ld to %ld", name, v, min, max);
		return false;
	}
	*out = n;
	return true;
}

bool cli_format_of(const cli_args *a, cli_format *out)
{
	const char *v = cli_opt(a, "format");
	*out = FMT_TEXT;
	if (!v || strcmp(v, "text") == 0)
		return true;
	if (strcmp(v, "csv") == 0)
		*out = FMT_CSV;
	else if (strcmp(v, "json") == 0)
		*out = FMT_JSON;
	else {
		cli_usage_error(a->cmd, "--format '%.40s' is not one of text, csv, json", v);
		return false;
	}
	return true;
}
