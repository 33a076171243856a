/* Private to src/cli: the command table, argument parsing and the output
 * formats shared by every cmd-*.c. */
#ifndef POSTROOM_CLI_H
#define POSTROOM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../app.h"
#include "postroom/status.h"

/* Exit statuses of the command-line contract. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* How many options one command line may give (each --flag counts). */
#define CLI_MAX_OPTS 64

/* A command's arguments after parsing: positionals and --name value pairs.
 * The positionals are as many as the command line gives: POS points into
 * the ARGV given to cli_parse, whose first NPOS entries it rearranges to
 * hold them. */
typedef struct cli_args {
	const char *cmd;             /* "item add", for messages */
	int npos;
	char **pos;
	int nopt;
	struct {
		const char *name;
		const char *value;   /* NULL for a switch */
	} opt[CLI_MAX_OPTS];
} cli_args;

/* Parses ARGV (the words after the command's name) against the options the
 * command table gives command CMD ("item add"): --name VALUE, --name=VALUE,
 * a switch --name, -o VALUE for a one-letter option, a second long name for
 * an option, "--" to end the options. Each option is stored under its first
 * name. Prints the problem with the usage line and returns false on bad
 * usage. A CMD missing from the table is a bug: it aborts. */
bool cli_parse(cli_args *a, const char *cmd, int argc, char **argv);

/* The last value of option NAME, or NULL. */
const char *cli_opt(const cli_args *a, const char *name);

/* Whether switch NAME was given. */
bool cli_has(const cli_args *a, const char *name);

/* Reads option NAME as an integer in [MIN, MAX] into *OUT (kept when the
 * option is absent). Prints the problem and returns false when invalid. */
bool cli_opt_long(const cli_args *a, const char *name, long min, long max, long *out);

/* Prints "postroom: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "postroom CMD: MESSAGE" and CMD's usage line(s) to stderr (for a
 * group, its subcommands on one line); returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Writes the result of a change already committed (FMT ...) to standard
 * output and flushes it at once, so a result written is never lost to a
 * later failure. False when it could not be written: the caller then says
 * so with cli_result_lost. */
bool cli_result(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* After a failed cli_result: prints "postroom: cannot write to standard
 * output (REASON); the change was made: MESSAGE" and returns 1. MESSAGE
 * should say how to find what was made. */
int cli_result_lost(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints the core's error and returns the exit status for it (1). */
int cli_fail(const pr_error *err);

/* Opens the database or prints why not; true when open. */
bool cli_db(pr_app *app, bool create);

/* --- output ------------------------------------------------------------- */

typedef enum cli_format { FMT_TEXT, FMT_CSV, FMT_JSON } cli_format;

/* Reads --format (text when absent). Prints the problem; false on error. */
bool cli_format_of(const cli_args *a, cli_format *out);

typedef enum cli_coltype { COL_TEXT, COL_NUMBER, COL_BOOL } cli_coltype;

typedef struct cli_col {
	const char *name;    /* csv header and json key */
	const char *title;   /* text header; NULL = name */
	cli_coltype type;    /* json: numbers and booleans unquoted, "" = null */
	int width;           /* text width in characters; 0 = as long as needed */
	bool right;          /* text: right-aligned */
} cli_col;

typedef struct cli_table {
	cli_format format;
	const cli_col *cols;
	int ncols;
	FILE *out;
	long rows;
	bool started;        /* header written */
} cli_table;

/* Starts a table of NCOLS columns in FORMAT on OUT; its header is written
 * with the first row, or by table_end when there is none. */
void table_begin(cli_table *t, cli_format format, const cli_col *cols, int ncols,
		 FILE *out);

/* Writes one row of NCOLS values (NULL counts as empty). */
void table_row(cli_table *t, const char *const *values);

/* Ends the table (closes the json array). */
void table_end(cli_table *t);

/* Ends a listing whose rows came from a call that returned ST (ERR): when
 * it failed before any row, prints only the error, no header. Returns the
 * exit status. */
int table_finish(cli_table *t, pr_status st, const pr_error *err);

/* Writes the "name": value pairs of one object (no braces). */
void json_fields(FILE *out, const cli_col *cols, int ncols, const char *const *values);

/* Writes S to OUT with its control characters made visible (\x1B, \u202E:
 * see pr_text_escaped); NULL writes nothing. For text from the database. */
void cli_put(FILE *out, const char *s);

/* Writes S as a JSON string with quotes. */
void json_string(FILE *out, const char *s);

/* --- the command table (commands.c) ------------------------------------ */

typedef int (*cli_fn)(pr_app *app, int argc, char **argv);

/* What an option's value, or a command's first argument, may be: help shows
 * the names of a fixed set, completion offers them. */
typedef enum cli_values {
	VAL_TEXT,          /* anything: nothing to offer */
	VAL_CHOICES,       /* one of the '|'-separated words of the placeholder */
	VAL_KIND,          /* the core's names of item kinds, services, ... */
	VAL_SERVICE,
	VAL_FLAG,
	VAL_ITEM_STATUS,
	VAL_BATCH_STATUS,
	VAL_ROLE,
	VAL_DEPT,          /* a department code, read from the database */
	VAL_OPEN_BATCH,    /* the reference of an open batch, read from the database */
} cli_values;

enum cli_option_flags {
	OPT_REQUIRED = 1,  /* shown without brackets in the usage line */
	OPT_REPEAT = 2,    /* may be given more than once */
};

/* One option of a command. Parsing, the usage line, --help and completion
 * all read it, so what a command accepts is what its help says. */
typedef struct cli_option {
	const char *name;      /* "dept" is --dept; one letter ("o") is -o */
	const char *alias;     /* a second, long name ("output"), or NULL */
	const char *value;     /* placeholder ("CODE"); NULL: a switch, or the
				* names of VALUES' set joined by '|' */
	cli_values values;
	unsigned flags;        /* enum cli_option_flags */
	const char *help;      /* one line */
} cli_option;

/* One command or command group. A group ("item") has no FN; its
 * subcommands are the entries named "item WORD". */
typedef struct cli_command {
	const char *name;      /* "item add", "init", "item" */
	cli_fn fn;             /* runs it on the words after its name */
	const char *args;      /* its arguments in the usage line ("BATCH REF..."), or NULL */
	cli_values arg;        /* what its first argument is, for completion */
	const char *summary;   /* one line, lower case, no full stop */
	const cli_option *opts;/* ends with an entry whose name is NULL; may be NULL */
	const char *noun;      /* a group's word for a subcommand in messages
				* ("report"), or NULL for "subcommand" */
} cli_command;

/* The table in the order help lists it; *N is set to its length. */
const cli_command *cli_commands(size_t *n);

/* The entry named NAME exactly ("item add", "item"), or NULL. */
const cli_command *cli_command_find(const char *name);

/* The subcommand of GROUP run when the word after the group is none of its
 * subcommands (`audit REF` is `audit list REF`), or NULL for most groups. */
const cli_command *cli_group_default(const cli_command *group);

/* The subcommand WORD of GROUP ("add" of "item"), or NULL. */
const cli_command *cli_sub_find(const cli_command *group, const char *word);

/* The last word of C's name ("add" of "item add"). */
const char *cli_command_word(const cli_command *c);

/* Whether C is subcommand of GROUP. */
bool cli_is_sub(const cli_command *c, const cli_command *group);

/* The option of C spelt NAME (LEN characters, without dashes): after "--"
 * a name of two or more letters or the alias (LONG true), after "-" a
 * one-letter name (LONG false). NULL when C has no such option. */
const cli_option *cli_option_find(const cli_command *c, const char *name, size_t len,
				  bool is_long);

/* Whether option O takes a value (else it is a switch). */
bool cli_option_takes_value(const cli_option *o);

/* Calls FN with each name of the fixed set V ("letter", "large-letter", ...;
 * for VAL_CHOICES the '|'-separated words of CHOICES, each copied into a
 * buffer that lives only for the call). Returns false, calling nothing, when
 * V is not a fixed set (text, or read from the database). */
bool cli_values_each(cli_values v, const char *choices,
		     void (*fn)(const char *name, void *ud), void *ud);

/* --- help (help.c) ------------------------------------------------------ */

/* Prints C's usage line(s) to F, each starting "postroom NAME", the first
 * after FIRST ("usage: ") and the others indented to match; a group prints
 * the lines of its subcommands. Long lines are wrapped under the first
 * option. */
void cli_usage_lines(FILE *f, const cli_command *c, const char *first);

/* Prints the help of command or group C to F: usage, what it does, and a
 * line per option (or per subcommand). */
void cli_help(FILE *f, const cli_command *c);

/* Prints a group's one-line usage for errors, pointing at its help:
 * "usage: postroom item COMMAND ... (see 'postroom help item')". */
void cli_group_usage(FILE *f, const cli_command *group);

/* --- commands ------------------------------------------------------------ */

/* Each runs one command on ARGV, the words after its name, and returns the
 * exit status: 0 done, 1 failed (printed), 2 bad usage (printed). */
int cmd_init(pr_app *app, int argc, char **argv);
int cmd_demo(pr_app *app, int argc, char **argv);
int cmd_dept_add(pr_app *app, int argc, char **argv);
int cmd_dept_list(pr_app *app, int argc, char **argv);
int cmd_dept_set(pr_app *app, int argc, char **argv);
int cmd_purge(pr_app *app, int argc, char **argv);
int cmd_operator_add(pr_app *app, int argc, char **argv);
int cmd_operator_list(pr_app *app, int argc, char **argv);
int cmd_item_add(pr_app *app, int argc, char **argv);
int cmd_item_list(pr_app *app, int argc, char **argv);
int cmd_item_show(pr_app *app, int argc, char **argv);
int cmd_item_exception(pr_app *app, int argc, char **argv);
int cmd_item_handover(pr_app *app, int argc, char **argv);
int cmd_item_index(pr_app *app, int argc, char **argv);
int cmd_item_rescan(pr_app *app, int argc, char **argv);
int cmd_batch_open(pr_app *app, int argc, char **argv);
int cmd_batch_add(pr_app *app, int argc, char **argv);
int cmd_batch_remove(pr_app *app, int argc, char **argv);
int cmd_batch_close(pr_app *app, int argc, char **argv);
int cmd_batch_list(pr_app *app, int argc, char **argv);
int cmd_batch_show(pr_app *app, int argc, char **argv);
int cmd_batch_sheets(pr_app *app, int argc, char **argv);
int cmd_label(pr_app *app, int argc, char **argv);
int cmd_sheets_separator(pr_app *app, int argc, char **argv);
int cmd_worker(pr_app *app, int argc, char **argv);
int cmd_ingest(pr_app *app, int argc, char **argv);
int cmd_scan_list(pr_app *app, int argc, char **argv);
int cmd_scan_exceptions(pr_app *app, int argc, char **argv);
int cmd_scan_resolve(pr_app *app, int argc, char **argv);
int cmd_report_daily(pr_app *app, int argc, char **argv);
int cmd_report_weekly(pr_app *app, int argc, char **argv);
int cmd_report_monthly(pr_app *app, int argc, char **argv);
int cmd_report_dept(pr_app *app, int argc, char **argv);
int cmd_report_backlog(pr_app *app, int argc, char **argv);
int cmd_report_cycle(pr_app *app, int argc, char **argv);
int cmd_report_operators(pr_app *app, int argc, char **argv);
int cmd_report_check(pr_app *app, int argc, char **argv);
int cmd_report_accountable(pr_app *app, int argc, char **argv);
int cmd_target_set(pr_app *app, int argc, char **argv);
int cmd_target_list(pr_app *app, int argc, char **argv);
int cmd_config(pr_app *app, int argc, char **argv);
int cmd_audit_list(pr_app *app, int argc, char **argv);
int cmd_audit_verify(pr_app *app, int argc, char **argv);
int cmd_help(pr_app *app, int argc, char **argv);
int cmd_complete(pr_app *app, int argc, char **argv);

/* Prints FILE (job title TITLE) as the configuration says (CUPS printer or
 * spool folder) and reports where it went; returns the exit status. */
int cli_print(pr_app *app, const char *file, const char *title);

#endif
