/* postroom.conf: one table of settings drives defaults, parsing and the
 * listing shown by `postroom config`. */
#include "postroom/config.h"
#include "postroom/target.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postroom/clock.h"
#include "postroom/text.h"
#include "postroom/xmem.h"

enum setting_type { T_STRING, T_PATH, T_PERCENT, T_ZONE, T_BOOL, T_MILLIS, T_SECONDS, T_DAYS };

typedef struct setting {
	const char *key;
	enum setting_type type;
	size_t offset;
	const char *def; /* NULL: unset */
	const char *help;
} setting;

#define AT(field) offsetof(pr_config, field)
static const setting settings[] = {
	{ "site_name", T_STRING, AT(site_name), "County Council Post Room",
	  "name shown in the console header" },
	{ "timezone", T_ZONE, AT(timezone), "Europe/London",
	  "time zone of receipt dates (IANA name)" },
	{ "scanned_target", T_PERCENT, AT(scanned_target), "95",
	  "scanned % target for days before any dated target" },
	{ "database", T_PATH, AT(database), NULL,
	  "database file (default: DATA_DIR/postroom.db)" },
	{ "data_dir", T_PATH, AT(data_dir), NULL,
	  "folder for data (default: $XDG_DATA_HOME/postroom)" },
	{ "hot_folder", T_PATH, AT(hot_folder), NULL,
	  "scanner hot folder (default: DATA_DIR/hot)" },
	{ "hot_settle_s", T_SECONDS, AT(hot_settle_s), "5",
	  "seconds a hot-folder file must keep its size and time before it is taken" },
	{ "hot_poll_s", T_SECONDS, AT(hot_poll_s), "10",
	  "how often the worker looks at the hot folder when it cannot watch it (s)" },
	{ "archive", T_PATH, AT(archive), NULL,
	  "folder of scanned items' PDFs and original scan files (default: DATA_DIR/archive)" },
	{ "quarantine", T_PATH, AT(quarantine), NULL,
	  "folder of scan files that could not be read (default: DATA_DIR/quarantine)" },
	{ "outbox", T_PATH, AT(outbox), NULL,
	  "folder of .eml files when no smtp_url (default: DATA_DIR/outbox)" },
	{ "spool", T_PATH, AT(spool), NULL,
	  "print spool folder when no printer (default: DATA_DIR/spool)" },
	{ "smtp_url", T_STRING, AT(smtp_url), NULL,
	  "SMTP server, e.g. smtp://mail.example:25" },
	{ "mail_from", T_STRING, AT(mail_from), "postroom@localhost",
	  "sender address of routed scans" },
	{ "printer", T_STRING, AT(printer), NULL,
	  "CUPS printer for sheets and labels" },
	{ "auto_batch", T_BOOL, AT(auto_batch), "yes",
	  "Intake puts each new item in its department's open batch" },
	{ "mixed_batches", T_BOOL, AT(mixed_batches), "no",
	  "a scan batch may hold items of several departments" },
	{ "busy_timeout_ms", T_MILLIS, AT(busy_timeout_ms), "5000",
	  "how long a change waits for another operator's change (ms)" },
	{ "keep_days", T_DAYS, AT(keep_days), "365",
	  "days an item's sender, addressee and scans are kept before 'postroom purge' "
	  "may remove them (a department's own, set by 'dept set', comes first)" },
};
#undef AT

#define NSETTINGS (sizeof settings / sizeof settings[0])

static char **string_at(pr_config *cfg, const setting *s)
{
	return (char **)((char *)cfg + s->offset);
}

/* Parses VALUE for setting S into CFG; on failure writes why into WHY. */
static int apply(pr_config *cfg, const setting *s, const char *value,
		 char *why, size_t whylen)
{
	char *end;
	switch (s->type) {
	case T_STRING:
	case T_PATH:
	case T_ZONE: {
		if (!pr_utf8_valid(value)) {
			snprintf(why, whylen, "the value is not valid UTF-8");
			return 0;
		}
		pr_error bad;
		if (pr_text_check("the value", value, 4096, false, &bad) != PR_OK) {
			/* A site name is drawn on every screen: nothing in it
			 * may drive the terminal. */
			snprintf(why, whylen, "%.180s", bad.msg);
			return 0;
		}
		if (s->type == T_ZONE && !pr_timezone_known(value)) {
			snprintf(why, whylen, "'%s' is not a time zone known on "
				 "this machine (e.g. Europe/London)", value);
			return 0;
		}
		char **dst = string_at(cfg, s);
		free(*dst);
		if (s->type == T_PATH && value[0] == '~' && value[1] == '/') {
			const char *home = getenv("HOME");
			*dst = xasprintf("%s%s", home ? home : "", value + 1);
		} else {
			*dst = *value ? xstrdup(value) : NULL;
		}
		return 1;
	}
	case T_PERCENT: {
		double v;
		if (strchr(value, '%') || pr_target_parse(value, &v, NULL) != PR_OK) {
			snprintf(why, whylen, "'%s' is not a percentage above 0 and "
				 "at most 100 (such as 95 or 97.5)", value);
			return 0;
		}
		*(double *)((char *)cfg + s->offset) = v;
		return 1;
	}
	case T_MILLIS: {
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < 0 || v > 600000) {
			snprintf(why, whylen, "'%s' is not a number of milliseconds "
				 "from 0 to 600000", value);
			return 0;
		}
		*(int *)((char *)cfg + s->offset) = (int)v;
		return 1;
	}
	case T_SECONDS: {
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < 0 || v > 3600) {
			snprintf(why, whylen, "'%s' is not a number of seconds from 0 "
				 "to 3600", value);
			return 0;
		}
		*(int *)((char *)cfg + s->offset) = (int)v;
		return 1;
	}
	case T_DAYS: {
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < 1 || v > 36500) {
			snprintf(why, whylen, "'%s' is not a number of days from 1 "
				 "to 36500", value);
			return 0;
		}
		*(int *)((char *)cfg + s->offset) = (int)v;
		return 1;
	}
	case T_BOOL: {
		bool *dst = (bool *)((char *)cfg + s->offset);
		if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") ||
		    !strcmp(value, "1") || !strcasecmp(value, "on"))
			*dst = true;
		else if (!strcasecmp(value, "no") || !strcasecmp(value, "false") ||
			 !strcmp(value, "0") || !strcasecmp(value, "off"))
			*dst = false;
		else {
			snprintf(why, whylen, "'%s' is not yes or no", value);
			return 0;
		}
		return 1;
	}
	}
	return 0;
}

void pr_config_defaults(pr_config *cfg)
{
	char why[160];
	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < NSETTINGS; i++)
		if (settings[i].def)
			apply(cfg, &settings[i], settings[i].def, why, sizeof why);
}

void pr_config_free(pr_config *cfg)
{
	free(cfg->source);
	for (size_t i = 0; i < NSETTINGS; i++) {
		enum setting_type t = settings[i].type;
		if (t == T_STRING || t == T_PATH || t == T_ZONE)
			free(*string_at(cfg, &settings[i]));
	}
	memset(cfg, 0, sizeof *cfg);
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

pr_status pr_config_read_file(pr_config *cfg, const char *path, pr_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return pr_fail(err, PR_EIO, "cannot read configuration %s: %s",
			       path, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	pr_status st = PR_OK;
	ssize_t got;
	while ((got = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (memchr(line, '\0', (size_t)got)) {
			/* Everything after it would be dropped without a word. */
			st = pr_fail(err, PR_ECONFIG, "%s:%ld: the line holds a NUL "
				     "byte; a configuration is plain text", path, lineno);
			break;
		}
		char *p = trim(line);
		if (*p == '\0' || *p == '#')
			continue;
		char *eq = strchr(p, '=');
		if (!eq) {
			st = pr_fail(err, PR_ECONFIG, "%s:%ld: expected 'key = value', "
				     "found '%.60s'", path, lineno, p);
			break;
		}
		*eq = '\0';
		char *key = trim(p), *value = trim(eq + 1);
		size_t vlen = strlen(value);
		if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
			value[vlen - 1] = '\0';
			value++;
		}
		const setting *s = NULL;
		for (size_t i = 0; i < NSETTINGS; i++)
			if (strcmp(settings[i].key, key) == 0)
				s = &settings[i];
		if (!s) {
			st = pr_fail(err, PR_ECONFIG, "%s:%ld: unknown setting '%.60s' "
				     "(see postroom.conf(5) or 'postroom config')",
				     path, lineno, key);
			break;
		}
		char why[200];
		if (!apply(cfg, s, value, why, sizeof why)) {
			st = pr_fail(err, PR_ECONFIG, "%s:%ld: %s: %s", path, lineno,
				     key, why);
			break;
		}
	}
	if (st == PR_OK && ferror(f))
		st = pr_fail(err, PR_EIO, "cannot read configuration %s: %s", path,
			     strerror(errno));
	free(line);
	fclose(f);
	if (st == PR_OK) {
		free(cfg->source);
		cfg->source = xstrdup(path);
	}
	return st;
}

static bool readable(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

pr_status pr_config_load(pr_config *cfg, const char *explicit_path, pr_error *err)
{
	if (explicit_path)
		return pr_config_read_file(cfg, explicit_path, err);
	const char *env = getenv("POSTROOM_CONFIG");
	if (env && *env)
		return pr_config_read_file(cfg, env, err);

	char *user = NULL;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		user = xasprintf("%s/postroom/postroom.conf", xdg);
	else if (home && *home)
		user = xasprintf("%s/.config/postroom/postroom.conf", home);
	pr_status st = PR_OK;
	if (user && readable(user))
		st = pr_config_read_file(cfg, user, err);
	else if (readable("/etc/postroom/postroom.conf"))
		st = pr_config_read_file(cfg, "/etc/postroom/postroom.conf", err);
	free(user);
	return st;
}

char *pr_config_data_dir(const pr_config *cfg)
{
	if (cfg->data_dir)
		return xstrdup(cfg->data_dir);
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		return xasprintf("%s/postroom", xdg);
	if (home && *home)
		return xasprintf("%s/.local/share/postroom", home);
	return xstrdup("/var/lib/postroom");
}

char *pr_config_db_path(const pr_config *cfg)
{
	if (cfg->database)
		return xstrdup(cfg->database);
	char *dir = pr_config_data_dir(cfg);
	char *path = xasprintf("%s/postroom.db", dir);
	free(dir);
	return path;
}

/* SET when set, else NAME inside the data folder. */
static char *folder(const pr_config *cfg, const char *set, const char *name)
{
	if (set)
		return xstrdup(set);
	char *dir = pr_config_data_dir(cfg);
	char *path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

char *pr_config_spool_dir(const pr_config *cfg)
{
	return folder(cfg, cfg->spool, "spool");
}

char *pr_config_hot_dir(const pr_config *cfg)
{
	return folder(cfg, cfg->hot_folder, "hot");
}

char *pr_config_archive_dir(const pr_config *cfg)
{
	return folder(cfg, cfg->archive, "archive");
}

char *pr_config_quarantine_dir(const pr_config *cfg)
{
	return folder(cfg, cfg->quarantine, "quarantine");
}

void pr_config_each(const pr_config *cfg,
		    void (*fn)(const pr_config_entry *entry, void *ud), void *ud)
{
	for (size_t i = 0; i < NSETTINGS; i++) {
		const setting *s = &settings[i];
		const char *base = (const char *)cfg + s->offset;
		char buf[64];
		pr_config_entry e = { .key = s->key, .help = s->help, .value = "" };
		switch (s->type) {
		case T_STRING:
		case T_PATH:
		case T_ZONE: {
			const char *v = *(char *const *)base;
			e.value = v ? v : "";
			break;
		}
		case T_PERCENT:
			snprintf(buf, sizeof buf, "%g", *(const double *)base);
			e.value = buf;
			break;
		case T_MILLIS:
		case T_SECONDS:
		case T_DAYS:
			snprintf(buf, sizeof buf, "%d", *(const int *)base);
			e.value = buf;
			break;
		case T_BOOL:
			e.value = *(const bool *)base ? "yes" : "no";
			break;
		}
		fn(&e, ud);
	}
}

pr_status pr_mkdir_p(const char *path, pr_error *err)
{
	char *p = xstrdup(path);
	pr_status st = PR_OK;
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				st = pr_fail(err, PR_EIO, "cannot create folder %s: %s",
					     p, strerror(errno));
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return st;
}
