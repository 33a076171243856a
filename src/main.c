/* postroom: global options, configuration, then the console or a command. */
#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "postroom/clock.h"
#include "postroom/xmem.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

static int usage_error(const char *fmt, const char *arg)
{
	fputs("postroom: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (see 'postroom --help')\n", stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const char *db_opt = NULL, *config_opt = NULL;
	int i;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* numbers in files and output use '.' */

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *arg = argv[i];
		const char **target = NULL;
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			cli_usage(stdout);
			return EXIT_OK;
		}
		if (strcmp(arg, "--version") == 0) {
			printf("postroom %s\n", PR_VERSION);
			return EXIT_OK;
		}
		if (strcmp(arg, "--db") == 0 || strncmp(arg, "--db=", 5) == 0)
			target = &db_opt;
		else if (strcmp(arg, "--config") == 0 || strncmp(arg, "--config=", 9) == 0)
			target = &config_opt;
		else if (strcmp(arg, "--") == 0) {
			i++;
			break;
		} else
			return usage_error("unknown option '%s'", arg);
		const char *eq = strchr(arg, '=');
		if (eq)
			*target = eq + 1;
		else if (i + 1 < argc)
			*target = argv[++i];
		else
			return usage_error("option '%s' needs a value", arg);
		if (!**target)
			return usage_error("option '%s' needs a value", arg);
	}

	pr_app app = { .db = NULL };
	pr_error err;
	pr_error_clear(&err);
	pr_config_defaults(&app.cfg);
	int rc = EXIT_FAIL;
	if (pr_config_load(&app.cfg, config_opt, &err) != PR_OK ||
	    pr_timezone_set(app.cfg.timezone, &err) != PR_OK ||
	    pr_clock_from_env(&err) != PR_OK) {
		fprintf(stderr, "postroom: %s\n", err.msg);
		goto out;
	}
	const char *env_db = getenv("POSTROOM_DB");
	if (db_opt)
		app.db_path = xstrdup(db_opt);
	else if (env_db && *env_db)
		app.db_path = xstrdup(env_db);
	else
		app.db_path = pr_config_db_path(&app.cfg);

	if (i < argc) {
		rc = cli_run(&app, argc - i, argv + i);
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		rc = ui_run(&app);
	} else {
		cli_usage(stderr);
		rc = EXIT_USAGE;
	}
	if (pr_clock_env_ignored())
		fprintf(stderr, "postroom: POSTROOM_NOW was ignored: this postroom "
			"records the real time (only a test build, or a database "
			"filled by 'postroom demo', takes a time from it)\n");
	/* Whatever a command wrote must have reached its reader: a full disk
	 * or a closed pipe is a failure, not silence. */
	errno = 0;
	bool flushed = fflush(stdout) == 0 && !ferror(stdout);
	if (!flushed && rc == EXIT_OK) {
		if (errno)
			fprintf(stderr, "postroom: cannot write to standard output "
				"(%s)\n", strerror(errno));
		else
			fprintf(stderr, "postroom: cannot write to standard output\n");
		rc = EXIT_FAIL;
	}
out:
	pr_db_close(app.db);
	free(app.db_path);
	pr_config_free(&app.cfg);
	return rc;
}
