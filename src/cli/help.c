/* Usage lines, --help and `postroom help`, all written from the command
 * table (commands.c). */
#include <ctype.h>
#include <string.h>

#include "cli.h"

#define WIDTH 79      /* help fits an 80-column terminal */
#define OPT_COL 26    /* where an option's description starts */

/* Names of a fixed set joined by SEP. */
typedef struct joined {
	const char *sep;
	char buf[256];
} joined;

static void join_name(const char *name, void *ud)
{
	joined *j = ud;
	size_t len = strlen(j->buf);
	snprintf(j->buf + len, sizeof j->buf - len, "%s%s", len ? j->sep : "", name);
}

/* What O's value is written as: its placeholder, or the names of its set. */
static const char *value_text(const cli_option *o, joined *j)
{
	j->sep = "|";
	j->buf[0] = '\0';
	if (o->value)
		return o->value;
	cli_values_each(o->values, NULL, join_name, j);
	return j->buf;
}

/* Writes WORD after a space, or on a new line indented by INDENT when it
 * would pass WIDTH; *COL is the column reached. */
static void put_word(FILE *f, const char *word, size_t len, int indent, int *col)
{
	if (*col + 1 + (int)len > WIDTH && *col > indent) {
		fprintf(f, "\n%*s", indent, "");
		*col = indent;
	} else {
		fputc(' ', f);
		(*col)++;
	}
	fwrite(word, 1, len, f);
	*col += (int)len;
}

/* Writes TEXT word by word from column *COL, wrapping to INDENT. */
static void put_text(FILE *f, const char *text, int indent, int *col)
{
	while (*text) {
		size_t n = strcspn(text, " ");
		if (n)
			put_word(f, text, n, indent, col);
		text += n + (text[n] == ' ');
	}
}

/* "postroom NAME ARGS OPTIONS..." after LEAD, wrapped under the first
 * argument. */
static void usage_line(FILE *f, const cli_command *c, const char *lead)
{
	int col = fprintf(f, "%spostroom %s", lead, c->name);
	int indent = col + 1;
	if (c->args)
		put_text(f, c->args, indent, &col);
	for (const cli_option *o = c->opts; o && o->name; o++) {
		char body[320], tok[340];
		joined j;
		const char *dash = o->name[1] ? "--" : "-";
		if (cli_option_takes_value(o))
			snprintf(body, sizeof body, "%s%s %s", dash, o->name, value_text(o, &j));
		else
			snprintf(body, sizeof body, "%s%s", dash, o->name);
		snprintf(tok, sizeof tok, (o->flags & OPT_REQUIRED) ? "%s%s" : "[%s]%s", body,
			 (o->flags & OPT_REPEAT) ? "..." : "");
		put_word(f, tok, strlen(tok), indent, &col);
	}
	fputc('\n', f);
}

void cli_usage_lines(FILE *f, const cli_command *c, const char *first)
{
	if (c->fn) {
		usage_line(f, c, first);
		return;
	}
	size_t n;
	const cli_command *all = cli_commands(&n);
	char pad[32];
	snprintf(pad, sizeof pad, "%*s", (int)strlen(first), "");
	const char *lead = first;
	for (size_t i = 0; i < n; i++) {
		if (cli_is_sub(&all[i], c)) {
			usage_line(f, &all[i], lead);
			lead = pad;
		}
	}
}

void cli_group_usage(FILE *f, const cli_command *group)
{
	fprintf(f, "usage: postroom %s %s ... (see 'postroom help %s')\n", group->name,
		group->noun ? "NAME" : "COMMAND", group->name);
}

/* SUMMARY as a sentence: a capital and a full stop. */
static void sentence(FILE *f, const char *summary)
{
	fprintf(f, "%c%s.\n", toupper((unsigned char)summary[0]), summary + 1);
}

/* One line of the option list, and a second naming the values of a fixed
 * set shown by a placeholder ("--status S"). */
static void option_help(FILE *f, const cli_option *o)
{
	joined j;
	int col;
	if (o->alias)
		col = fprintf(f, "  -%s, --%s", o->name, o->alias);
	else
		col = fprintf(f, "  %s%s", o->name[1] ? "--" : "-", o->name);
	if (cli_option_takes_value(o))
		col += fprintf(f, " %s", value_text(o, &j));
	if (col + 2 > OPT_COL) {
		fputc('\n', f);
		col = 0;
	}
	fprintf(f, "%*s", OPT_COL - 1 - col, "");
	col = OPT_COL - 1;
	put_text(f, o->help, OPT_COL, &col);
	fputc('\n', f);
	if (o->value && o->values != VAL_CHOICES) {
		j.sep = ", ";
		j.buf[0] = '\0';
		if (cli_values_each(o->values, NULL, join_name, &j)) {
			char line[300];
			snprintf(line, sizeof line, "%s is one of %s", o->value, j.buf);
			fprintf(f, "%*s", OPT_COL - 1, "");
			col = OPT_COL - 1;
			put_text(f, line, OPT_COL, &col);
			fputc('\n', f);
		}
	}
}

void cli_help(FILE *f, const cli_command *c)
{
	cli_usage_lines(f, c, "usage: ");
	fputc('\n', f);
	sentence(f, c->summary);
	if (c->fn) {
		fputs("\nOptions:\n", f);
		for (const cli_option *o = c->opts; o && o->name; o++)
			option_help(f, o);
		fprintf(f, "  --help%*s%s\n", OPT_COL - 8, "", "print this help and exit");
		return;
	}
	size_t n;
	const cli_command *all = cli_commands(&n);
	int w = 0;
	for (size_t i = 0; i < n; i++)
		if (cli_is_sub(&all[i], c) && (int)strlen(cli_command_word(&all[i])) > w)
			w = (int)strlen(cli_command_word(&all[i]));
	fputs("\nCommands:\n", f);
	for (size_t i = 0; i < n; i++) {
		if (!cli_is_sub(&all[i], c))
			continue;
		int col = fprintf(f, "  %-*s ", w, cli_command_word(&all[i]));
		put_text(f, all[i].summary, col + 1, &col);
		fputc('\n', f);
	}
	fprintf(f, "\n'postroom %s COMMAND --help' (or 'postroom help %s COMMAND') "
		"shows a\ncommand's options.\n", c->name, c->name);
}

void cli_usage(FILE *f)
{
	size_t n;
	const cli_command *all = cli_commands(&n);
	fprintf(f,
		"usage: postroom [--db PATH] [--config PATH] [COMMAND ...]\n"
		"\n"
		"The operator console of a council's post room. Without a command, on a\n"
		"terminal, it opens the console; with one it runs it and exits.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < n; i++)
		if (all[i].fn)
			usage_line(f, &all[i], "  ");
	fprintf(f,
		"\n"
		"Options:\n"
		"  --db PATH        the database (also $POSTROOM_DB)\n"
		"  --config PATH    the configuration file (also $POSTROOM_CONFIG)\n"
		"  --help, --version\n"
		"Listing and report commands take --format text|csv|json. Every command\n"
		"takes --help: 'postroom item add --help' or 'postroom help item add'\n"
		"prints its usage and a line for each option.\n"
		"\n"
		"Exit status: 0 done, 1 failed, 2 bad usage. See postroom(1).\n");
}

int cmd_help(pr_app *app, int argc, char **argv)
{
	(void)app;
	if (argc == 0) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	const cli_command *c = cli_command_find(argv[0]);
	if (!c || strchr(argv[0], ' ')) {
		cli_error("unknown command '%s' (see 'postroom --help')", argv[0]);
		return EXIT_USAGE;
	}
	if (argc > 1) {
		if (c->fn)
			return cli_usage_error("help", "'%s' has no subcommands", c->name);
		const cli_command *sub = cli_sub_find(c, argv[1]);
		if (!sub)
			return cli_usage_error(c->name, "unknown %s '%s'",
					       c->noun ? c->noun : "subcommand", argv[1]);
		if (argc > 2)
			return cli_usage_error("help", "unexpected argument '%s'", argv[2]);
		c = sub;
	}
	cli_help(stdout, c);
	return EXIT_OK;
}
