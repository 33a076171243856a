/* postroom worker [--once] [--syslog]: the service's long-running process
 * (service/worker.h), one line per event to stderr or syslog. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "cli.h"
#include "postroom/service/worker.h"

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void log_stderr(pr_log_level level, const char *line, void *ud)
{
	(void)ud;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	static const char *const tags[] = { "", "warning: ", "error: " };
	fprintf(stderr, "%s postroom worker: %s%s\n", when, tags[level], line);
	fflush(stderr);
}

static void log_syslog(pr_log_level level, const char *line, void *ud)
{
	(void)ud;
	static const int prio[] = { LOG_INFO, LOG_WARNING, LOG_ERR };
	syslog(prio[level], "%s", line);
}

int cmd_worker(pr_app *app, int argc, char **argv)
{
	cli_args a;
	if (!cli_parse(&a, "worker", argc, argv))
		return EXIT_USAGE;
	if (a.npos > 0)
		return cli_usage_error("worker", "unexpected argument '%s'", a.pos[0]);
	if (!cli_db(app, false))
		return EXIT_FAIL;
	bool use_syslog = cli_has(&a, "syslog");
	if (use_syslog)
		openlog("postroom-worker", LOG_PID, LOG_DAEMON);

	/* No SA_RESTART: a signal ends the wait for files at once; the file
	 * in hand is finished first. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	pr_worker_options opt = { .once = cli_has(&a, "once"),
				  .log = use_syslog ? log_syslog : log_stderr,
				  .stop = &stop_requested };
	pr_error err;
	pr_error_clear(&err);
	pr_status st = pr_worker_run(app, &opt, &err);
	if (use_syslog) {
		if (st != PR_OK)
			syslog(LOG_ERR, "%s", err.msg);
		closelog();
	}
	return st == PR_OK ? EXIT_OK : cli_fail(&err);
}
