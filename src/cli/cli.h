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

#define CLI_MAX_ARGS 64

/* A command's arguments after parsing: positionals and --name value pairs. */
typedef struct cli_args {
	const char *cmd;             /* "item add", for messages */
	int npos;
	char *pos[CLI_MAX_ARGS];
	int nopt;
	struct {
		const char *name;
		const char *value;   /* NULL for a switch */
	} opt[CLI_MAX_ARGS];
} cli_args;

/* Parses ARGV against SPEC, a comma-separated list of option names where
 * "name=" takes a value, "name=*" takes a value and may repeat, and "name"
 * is a switch ("dept=,flag=*,if-empty"). --format is always allowed.
 * Prints the problem and returns false on bad usage. */
bool cli_parse(cli_args *a, const char *cmd, const char *spec, int argc, char **argv);

/* The last value of option NAME, or NULL. */
const char *cli_opt(const cli_args *a, const char *name);

/* Whether switch NAME was given. */
bool cli_has(const cli_args *a, const char *name);

/* Reads option NAME as an integer in [MIN, MAX] into *OUT (kept when the
 * option is absent). Prints the problem and returns false when invalid. */
bool cli_opt_long(const cli_args *a, const char *name, long min, long max, long *out);

/* Prints "postroom: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a usage error for command CMD with its usage line; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

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
} cli_table;

/* Starts a table of NCOLS columns in FORMAT on OUT (writes the header). */
void table_begin(cli_table *t, cli_format format, const cli_col *cols, int ncols,
		 FILE *out);

/* Writes one row of NCOLS values (NULL counts as empty). */
void table_row(cli_table *t, const char *const *values);

/* Ends the table (closes the json array). */
void table_end(cli_table *t);

/* Writes the "name": value pairs of one object (no braces). */
void json_fields(FILE *out, const cli_col *cols, int ncols, const char *const *values);

/* Writes S as a JSON string with quotes. */
void json_string(FILE *out, const char *s);

/* --- commands ----------------------------------------------------------- */

typedef int (*cli_fn)(pr_app *app, int argc, char **argv);

int cmd_init(pr_app *app, int argc, char **argv);
int cmd_demo(pr_app *app, int argc, char **argv);
int cmd_dept(pr_app *app, int argc, char **argv);
int cmd_operator(pr_app *app, int argc, char **argv);
int cmd_item(pr_app *app, int argc, char **argv);
int cmd_report(pr_app *app, int argc, char **argv);
int cmd_config(pr_app *app, int argc, char **argv);
int cmd_target(pr_app *app, int argc, char **argv);
int cmd_batch(pr_app *app, int argc, char **argv);
int cmd_label(pr_app *app, int argc, char **argv);

/* Prints FILE (job title TITLE) as the configuration says (CUPS printer or
 * spool folder) and reports where it went; returns the exit status. */
int cli_print(pr_app *app, const char *file, const char *title);

/* The usage line of command NAME ("item add"), or NULL. */
const char *cli_usage_of(const char *name);

#endif
