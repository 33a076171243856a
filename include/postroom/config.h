/* The configuration file, postroom.conf: "key = value" lines, '#' comments.
 *
 * One table in config.c lists every setting with its type, default and
 * description; it drives parsing, defaults and `postroom config`. */
#ifndef POSTROOM_CONFIG_H
#define POSTROOM_CONFIG_H

#include <stdbool.h>

#include "postroom/status.h"

typedef struct pr_config {
	char *source;         /* file the settings came from, or NULL */
	char *site_name;      /* shown in the console header */
	char *timezone;       /* IANA zone of local days, "Europe/London" */
	double scanned_target;/* default target % when none is dated */
	char *database;       /* database path; NULL = data dir default */
	char *data_dir;       /* NULL = $XDG_DATA_HOME/postroom */
	char *hot_folder;     /* NULL = data dir/hot */
	int hot_settle_s;     /* a file is taken once unchanged this long */
	int hot_poll_s;       /* polling interval when the folder cannot be watched */
	char *archive;        /* NULL = data dir/archive */
	char *quarantine;     /* NULL = data dir/quarantine */
	char *outbox;         /* NULL = data dir/outbox */
	char *spool;          /* NULL = data dir/spool */
	char *smtp_url;       /* NULL = write .eml files to the outbox */
	char *mail_from;      /* sender address of routed scans */
	char *printer;        /* CUPS queue; NULL = spool folder */
	bool auto_batch;      /* Intake puts new items in the open batch */
	int busy_timeout_ms;  /* how long a write waits for another writer */
	bool mixed_batches;   /* a batch may hold several departments' items */
	int keep_days;        /* retention: days before items may be purged */
} pr_config;

/* One setting as `postroom config` shows it. */
typedef struct pr_config_entry {
	const char *key;
	const char *value; /* effective value as text; "" when unset */
	const char *help;
} pr_config_entry;

/* Fills CFG with the built-in defaults. Free with pr_config_free. */
void pr_config_defaults(pr_config *cfg);

/* Loads the first configuration file found: EXPLICIT (when not NULL, it must
 * exist), then $POSTROOM_CONFIG, $XDG_CONFIG_HOME/postroom/postroom.conf
 * (~/.config/...), /etc/postroom/postroom.conf. No file at all is fine: the
 * defaults stand. Errors (PR_ECONFIG, PR_EIO) name the file and line. */
pr_status pr_config_load(pr_config *cfg, const char *explicit_path, pr_error *err);

/* Reads the settings of one file into CFG. */
pr_status pr_config_read_file(pr_config *cfg, const char *path, pr_error *err);

/* Calls FN for every setting in table order with its effective value. */
void pr_config_each(const pr_config *cfg,
		    void (*fn)(const pr_config_entry *entry, void *ud), void *ud);

/* The effective paths; each returns a newly allocated string (caller frees). */
char *pr_config_data_dir(const pr_config *cfg);
char *pr_config_db_path(const pr_config *cfg);
char *pr_config_spool_dir(const pr_config *cfg);
char *pr_config_hot_dir(const pr_config *cfg);
char *pr_config_archive_dir(const pr_config *cfg);
char *pr_config_quarantine_dir(const pr_config *cfg);

/* Frees the strings CFG owns and resets it to zero. */
void pr_config_free(pr_config *cfg);

/* Creates directory PATH and its parents (mode 0755 before umask). */
pr_status pr_mkdir_p(const char *path, pr_error *err);

#endif
