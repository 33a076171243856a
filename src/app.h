/* The two front ends main() hands over to: the command line and the
 * console. Both take the shared application state of the service layer. */
#ifndef POSTROOM_APP_H
#define POSTROOM_APP_H

#include <stdio.h>

#include "postroom/service/app.h"

/* Runs the ncurses console; returns the process exit status. */
int ui_run(pr_app *app);

/* Runs one command (ARGV[0] is its name); returns the exit status:
 * 0 done, 1 failed, 2 bad usage. */
int cli_run(pr_app *app, int argc, char **argv);

/* Prints the global usage to F. */
void cli_usage(FILE *f);

#endif
