/* Output files written whole or not at all (the io layer's -o FILE and
 * every archive file): a temporary file beside PATH, renamed into place. */
#ifndef POSTROOM_IO_OUTFILE_H
#define POSTROOM_IO_OUTFILE_H

#include <stddef.h>

#include "postroom/status.h"

/* Creates a new empty temporary file in PATH's folder whose name ends in
 * SUFFIX (".png": some writers pick the format from it) and writes its name
 * to TMP (CAP bytes). *FD (may be NULL: the file is closed) gets the open
 * descriptor, which holds a lock on the file until it is closed (see
 * pr_out_sweep). The file is made mode 0640 less the umask (output holds
 * personal data: never readable by everyone). PR_EIO naming PATH and the
 * reason when it cannot, and when PATH is there but is not a regular file
 * (a device, a named pipe, a folder, a socket or a symbolic link, which is
 * never followed: the message names where it points). */
pr_status pr_out_begin(const char *path, const char *suffix, char *tmp, size_t cap,
		       int *fd, pr_error *err);

/* Flushes TMP to disk and renames it to PATH, checking again that PATH is
 * new or a regular file; on failure removes TMP and gives PR_EIO naming
 * PATH. */
pr_status pr_out_commit(const char *tmp, const char *path, pr_error *err);

/* Removes TMP (after a failure); keeps errno. */
void pr_out_abandon(const char *tmp);

/* Removes the temporaries of PATH that no writer holds open: those left by
 * a process killed while writing PATH. A writer that renames its
 * temporary before closing the descriptor pr_out_begin gave it (as the
 * scan PDF writer does) never loses it to a sweep. Errors are ignored:
 * what cannot be removed stays. */
void pr_out_sweep(const char *path);

#endif
