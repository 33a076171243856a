/* postroom complete: what a shell may offer for the word being typed, one
 * candidate a line. Commands, subcommands, options and fixed sets of values
 * come from the command table; department codes and open batches from the
 * database, which is never created or upgraded here. Nothing is printed
 * when there is nothing to offer or when anything fails. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "postroom/batch.h"
#include "postroom/dept.h"
#include "postroom/xmem.h"

/* A shell waits for us: never long on a locked database. */
#define COMPLETE_BUSY_MS 300

typedef struct offer {
	FILE *out;
	const char *prefix;   /* the word typed so far */
	const char *lead;     /* printed before each candidate ("--format=") */
	bool nocase;          /* department codes and references: any case */
} offer;

static void offer_word(const char *word, void *ud)
{
	const offer *o = ud;
	size_t n = strlen(o->prefix);
	if (o->nocase ? strncasecmp(word, o->prefix, n) == 0
		      : strncmp(word, o->prefix, n) == 0)
		fprintf(o->out, "%s%s\n", o->lead, word);
}

/* --db and --config given on the line being completed. */
typedef struct line_opts {
	const char *db;
	const char *config;
} line_opts;

/* The database the line would use, newly allocated, or NULL. */
static char *db_path_of(const pr_app *app, const line_opts *l)
{
	const char *env = getenv("POSTROOM_DB");
	if (l->db)
		return xstrdup(l->db);
	if (!l->config || (env && *env))
		return xstrdup(app->db_path);
	pr_config cfg;
	pr_error err;
	char *path = NULL;
	pr_config_defaults(&cfg);
	if (pr_config_load(&cfg, l->config, &err) == PR_OK)
		path = pr_config_db_path(&cfg);
	pr_config_free(&cfg);
	return path;
}

static bool dept_offer(const pr_dept *d, void *ud)
{
	if (d->active)
		offer_word(d->code, ud);
	return true;
}

static bool batch_offer(const pr_batch *b, void *ud)
{
	offer_word(b->ref, ud);
	return true;
}

/* Offers the values of V (CHOICES for VAL_CHOICES) starting with PREFIX. */
static void offer_values(const pr_app *app, const line_opts *l, cli_values v,
			 const char *choices, const char *lead, const char *prefix)
{
	offer o = { stdout, prefix, lead, v == VAL_DEPT || v == VAL_OPEN_BATCH };
	if (v == VAL_TEXT || cli_values_each(v, choices, offer_word, &o))
		return;
	char *path = db_path_of(app, l), *buf = NULL;
	size_t len = 0;
	pr_db *db = NULL;
	pr_error err;
	pr_status st = PR_OK;
	if (!path || pr_db_open(path, PR_DB_NO_UPGRADE, &db, &err) != PR_OK) {
		free(path);
		return;
	}
	/* Held back until the whole list is read: a failure prints nothing. */
	o.out = open_memstream(&buf, &len);
	if (o.out) {
		pr_db_set_busy_timeout(db, COMPLETE_BUSY_MS);
		if (v == VAL_DEPT) {
			st = pr_dept_list(db, dept_offer, &o, &err);
		} else {
			pr_batch_filter f = { .status = PR_BATCH_OPEN };
			st = pr_batch_list(db, &f, batch_offer, &o, &err);
		}
		if (fclose(o.out) == 0 && st == PR_OK)
			fwrite(buf, 1, len, stdout);
		free(buf);
	}
	pr_db_close(db);
	free(path);
}

/* The names that may start a command line: commands, or global options. */
static void offer_commands(const char *prefix, bool options)
{
	static const char *const globals[] = { "--db", "--config", "--help", "--version" };
	offer o = { stdout, prefix, "", false };
	if (prefix[0] == '-') {
		for (size_t i = 0; options && i < sizeof globals / sizeof globals[0]; i++)
			offer_word(globals[i], &o);
		return;
	}
	size_t n;
	const cli_command *all = cli_commands(&n);
	for (size_t i = 0; i < n; i++)
		if (!strchr(all[i].name, ' '))
			offer_word(all[i].name, &o);
}

/* The subcommands of GROUP, or --help. */
static void offer_subs(const cli_command *group, const char *prefix)
{
	offer o = { stdout, prefix, "", false };
	if (prefix[0] == '-') {
		offer_word("--help", &o);
		return;
	}
	size_t n;
	const cli_command *all = cli_commands(&n);
	for (size_t i = 0; i < n; i++)
		if (cli_is_sub(&all[i], group))
			offer_word(cli_command_word(&all[i]), &o);
}

/* The options of C not yet given (GIVEN, by index), and --help. */
static void offer_options(const cli_command *c, const bool *given, const char *prefix)
{
	offer o = { stdout, prefix, "", false };
	for (const cli_option *opt = c->opts; opt && opt->name; opt++) {
		char name[64];
		if (given[opt - c->opts] && !(opt->flags & OPT_REPEAT))
			continue;
		snprintf(name, sizeof name, "%s%s", opt->name[1] ? "--" : "-", opt->name);
		offer_word(name, &o);
		if (opt->alias) {
			snprintf(name, sizeof name, "--%s", opt->alias);
			offer_word(name, &o);
		}
	}
	offer_word("--help", &o);
}

/* Completes CUR as a word of command C after the words W[0..N). */
static void complete_in(const pr_app *app, const line_opts *l, const cli_command *c,
			char **w, int n, const char *cur)
{
	enum { MAX_OPTS = 64 };
	bool given[MAX_OPTS] = { false };
	const cli_option *pending = NULL;
	bool only_pos = false;
	int npos = 0;
	for (int k = 0; k < n; k++) {
		const char *x = w[k];
		if (pending) {
			pending = NULL;
			continue;
		}
		if (only_pos || x[0] != '-' || x[1] == '\0') {
			npos++;
			continue;
		}
		if (strcmp(x, "--") == 0) {
			only_pos = true;
			continue;
		}
		bool is_long = x[1] == '-';
		const char *name = x + (is_long ? 2 : 1);
		const char *eq = is_long ? strchr(name, '=') : NULL;
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const cli_option *o = cli_option_find(c, name, len, is_long);
		if (!o)
			continue;
		if (o - c->opts < MAX_OPTS)
			given[o - c->opts] = true;
		if (cli_option_takes_value(o) && !eq)
			pending = o;
	}
	if (pending) {
		offer_values(app, l, pending->values, pending->value, "", cur);
		return;
	}
	if (!only_pos && cur[0] == '-') {
		const char *eq = strchr(cur, '=');
		const cli_option *o;
		if (cur[1] == '-' && eq &&
		    (o = cli_option_find(c, cur + 2, (size_t)(eq - cur - 2), true)) &&
		    cli_option_takes_value(o)) {
			char lead[64];
			snprintf(lead, sizeof lead, "%.*s", (int)(eq - cur + 1), cur);
			offer_values(app, l, o->values, o->value, lead, eq + 1);
			return;
		}
		offer_options(c, given, cur);
		return;
	}
	if (npos == 0)
		offer_values(app, l, c->arg, NULL, "", cur);
}

int cmd_complete(pr_app *app, int argc, char **argv)
{
	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argc--;
		argv++;
	}
	const char *cur = argc > 0 ? argv[argc - 1] : "";
	int n = argc > 0 ? argc - 1 : 0, i = 0;
	line_opts l = { NULL, NULL };

	/* The global options before the command, as main() reads them. */
	while (i < n && argv[i][0] == '-') {
		const char *x = argv[i];
		const char **slot = strcmp(x, "--db") == 0       ? &l.db
				  : strcmp(x, "--config") == 0   ? &l.config
								 : NULL;
		if (slot) {
			if (i + 1 == n)
				return EXIT_OK; /* a file name: the shell's own */
			*slot = argv[i + 1];
			i += 2;
			continue;
		}
		if (strncmp(x, "--db=", 5) == 0)
			l.db = x + 5;
		else if (strncmp(x, "--config=", 9) == 0)
			l.config = x + 9;
		i++;
		if (strcmp(x, "--") == 0)
			break;
	}
	if (i == n) {
		offer_commands(cur, true);
		return EXIT_OK;
	}
	const cli_command *c = cli_command_find(argv[i]);
	if (!c || strchr(argv[i], ' ') || strcmp(c->name, "complete") == 0)
		return EXIT_OK;
	i++;
	if (strcmp(c->name, "help") == 0) {
		if (i == n) {
			offer_commands(cur, false);
		} else if (i + 1 == n) {
			const cli_command *g = cli_command_find(argv[i]);
			if (g && !g->fn && !strchr(argv[i], ' ') && cur[0] != '-')
				offer_subs(g, cur);
		}
		return EXIT_OK;
	}
	if (!c->fn) {
		if (i == n) {
			offer_subs(c, cur);
			return EXIT_OK;
		}
		c = cli_sub_find(c, argv[i]);
		if (!c)
			return EXIT_OK;
		i++;
	}
	complete_in(app, &l, c, argv + i, n - i, cur);
	return EXIT_OK;
}
