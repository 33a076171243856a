/* Dispatch by the command table, argument parsing and error reporting. */
#include "cli.h"
#include "postroom/batch.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Whether ARGS ask for help: "--help" before any "--". */
static bool wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

/* The usage error of GROUP given no subcommand, or the unknown WORD. */
static int sub_error(const cli_command *group, const char *word)
{
	const char *noun = group->noun ? group->noun : "subcommand";
	if (word)
		return cli_usage_error(group->name, "unknown %s '%s'", noun, word);
	char list[512] = "";
	size_t n, count = 0, done = 0;
	const cli_command *all = cli_commands(&n);
	for (size_t i = 0; i < n; i++)
		count += cli_is_sub(&all[i], group);
	for (size_t i = 0; i < n; i++) {
		if (!cli_is_sub(&all[i], group))
			continue;
		size_t len = strlen(list);
		done++;
		snprintf(list + len, sizeof list - len, "%s%s",
			 done == 1 ? "" : done == count ? " or " : ", ",
			 cli_command_word(&all[i]));
	}
	if (group->noun)
		return cli_usage_error(group->name, "say which %s: %s", noun, list);
	return cli_usage_error(group->name, "say %s", list);
}

int cli_run(pr_app *app, int argc, char **argv)
{
	const cli_command *c = cli_command_find(argv[0]);
	if (!c || strchr(argv[0], ' ')) {
		cli_error("unknown command '%s' (see 'postroom --help')", argv[0]);
		return EXIT_USAGE;
	}
	int used = 1;
	if (!c->fn) {
		if (argc > 1 && strcmp(argv[1], "--help") == 0) {
			cli_help(stdout, c);
			return EXIT_OK;
		}
		const cli_command *sub = argc > 1 ? cli_sub_find(c, argv[1]) : NULL;
		if (!sub && cli_group_default(c)) {
			c = cli_group_default(c);
		} else if (argc < 2) {
			return sub_error(c, NULL);
		} else if (!sub) {
			return sub_error(c, argv[1]);
		} else {
			c = sub;
			used = 2;
		}
	}
	if (wants_help(argc - used, argv + used)) {
		cli_help(stdout, c);
		return EXIT_OK;
	}
	return c->fn(app, argc - used, argv + used);
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
	const cli_command *c = cli_command_find(cmd);
	if (c && c->fn)
		cli_usage_lines(stderr, c, "usage: ");
	else if (c)
		cli_group_usage(stderr, c);
	return EXIT_USAGE;
}

static int result_errno;

bool cli_result(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	errno = 0;
	int n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	if (n < 0 || fflush(stdout) != 0 || ferror(stdout)) {
		result_errno = errno ? errno : EIO;
		return false;
	}
	return true;
}

int cli_result_lost(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "postroom: cannot write to standard output (%s); the change "
		"was made: ", strerror(result_errno ? result_errno : EIO));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
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

/* Stores option O with VALUE (NULL for a switch) as ARG spelt it. */
static bool add_opt(cli_args *a, const cli_option *o, const char *value, const char *arg,
		    size_t arglen)
{
	if (!(o->flags & OPT_REPEAT)) {
		for (int j = 0; j < a->nopt; j++) {
			if (a->opt[j].name == o->name) {
				cli_usage_error(a->cmd, "option '%.*s' is given twice",
						(int)arglen, arg);
				return false;
			}
		}
	}
	if (a->nopt == CLI_MAX_OPTS) {
		cli_usage_error(a->cmd, "too many options");
		return false;
	}
	a->opt[a->nopt].name = o->name;
	a->opt[a->nopt].value = value;
	a->nopt++;
	return true;
}

bool cli_parse(cli_args *a, const char *cmd, int argc, char **argv)
{
	const cli_command *c = cli_command_find(cmd);
	if (!c) {
		cli_error("internal error: '%s' is not in the command table", cmd);
		abort();
	}
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	/* Positionals are moved to the front of ARGV: each lands on a slot
	 * already read, since an option takes at least the slot it is in. */
	a->pos = argv;
	bool only_pos = false;
	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			a->pos[a->npos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = true;
			continue;
		}
		bool is_long = arg[1] == '-';
		const char *name = arg + (is_long ? 2 : 1);
		const char *eq = is_long ? strchr(name, '=') : NULL;
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		size_t arglen = (size_t)(name - arg) + len;
		const cli_option *o = cli_option_find(c, name, len, is_long);
		if (!o) {
			cli_usage_error(cmd, "unknown option '%.*s'", (int)arglen, arg);
			return false;
		}
		const char *value = NULL;
		if (!cli_option_takes_value(o)) {
			if (eq) {
				cli_usage_error(cmd, "option '%.*s' takes no value",
						(int)arglen, arg);
				return false;
			}
		} else if (eq) {
			value = eq + 1;
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			cli_usage_error(cmd, "option '%s' needs a value", arg);
			return false;
		}
		if (!add_opt(a, o, value, arg, arglen))
			return false;
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
