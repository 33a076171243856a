/* postroom.conf: defaults, parsing, errors with FILE:LINE, search order and
 * the effective paths. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postroom/config.h"

/* Writes TEXT to the file NAME in the temporary folder; returns its path
 * (a copy owned by the caller). */
static char *write_file(const char *name, const char *text)
{
	char *path = strdup(unit_path(name));
	assert_non_null(path);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	pr_error err = { 0 };
	assert_ok(pr_mkdir_p(path, &err), &err);
	*slash = '/';
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Every search variable cleared, HOME pointed at an empty folder. */
static int clean_env(void **state)
{
	(void)state;
	unsetenv("POSTROOM_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", unit_path("home"), 1);
	return 0;
}

static void test_defaults(void **state)
{
	(void)state;
	pr_config cfg;
	pr_config_defaults(&cfg);
	assert_null(cfg.source);
	assert_string_equal(cfg.site_name, "County Council Post Room");
	assert_string_equal(cfg.timezone, "Europe/London");
	assert_true(cfg.scanned_target == 95.0);
	assert_null(cfg.database);
	assert_null(cfg.data_dir);
	assert_null(cfg.hot_folder);
	assert_null(cfg.smtp_url);
	assert_null(cfg.printer);
	assert_string_equal(cfg.mail_from, "postroom@localhost");
	assert_true(cfg.auto_batch);
	assert_int_equal(cfg.busy_timeout_ms, 5000);
	assert_int_equal(cfg.keep_days, 365);
	pr_config_free(&cfg);
	assert_null(cfg.site_name);
}

static const char full_conf[] =
	"# postroom.conf for the tests\n"
	"\n"
	"   # an indented comment\n"
	"site_name = \"Shire Hall Post Room\"\n"
	"timezone=Europe/Paris\n"
	"scanned_target = 97.5\n"
	"database = ~/pr/post.db\n"
	"data_dir = /srv/postroom\n"
	"hot_folder = \"/srv/hot folder\"\n"
	"hot_settle_s = 12\n"
	"hot_poll_s = 30\n"
	"archive = /srv/archive\n"
	"quarantine = /srv/quarantine\n"
	"outbox = /srv/outbox\n"
	"spool = /srv/spool\n"
	"smtp_url = smtp://mail.example:25/?a=b\n"
	"mail_from = post@council.example\n"
	"printer = Kyocera-1\n"
	"\tauto_batch = no   \n"
	"mixed_batches = yes\n"
	"busy_timeout_ms = 2500\n"
	"keep_days = 2555\n";

struct seen {
	int n;
	char keys[20][32];
	char values[20][80];
};

static void collect(const pr_config_entry *e, void *ud)
{
	struct seen *s = ud;
	assert_non_null(e->help);
	if (s->n < 20) {
		snprintf(s->keys[s->n], sizeof s->keys[0], "%s", e->key);
		snprintf(s->values[s->n], sizeof s->values[0], "%s", e->value);
	}
	s->n++;
}

static const char *seen_value(const struct seen *s, const char *key)
{
	for (int i = 0; i < s->n && i < 20; i++)
		if (strcmp(s->keys[i], key) == 0)
			return s->values[i];
	fail_msg("no setting %s", key);
	return NULL;
}

static void test_every_key(void **state)
{
	(void)state;
	char *path = write_file("full.conf", full_conf);
	pr_config cfg;
	pr_error err = { 0 };
	pr_config_defaults(&cfg);
	assert_ok(pr_config_read_file(&cfg, path, &err), &err);
	assert_string_equal(cfg.source, path);
	assert_string_equal(cfg.site_name, "Shire Hall Post Room");
	assert_string_equal(cfg.timezone, "Europe/Paris");
	assert_true(cfg.scanned_target == 97.5);
	char want[600];
	snprintf(want, sizeof want, "%s/pr/post.db", getenv("HOME"));
	assert_string_equal(cfg.database, want);
	assert_string_equal(cfg.data_dir, "/srv/postroom");
	assert_string_equal(cfg.hot_folder, "/srv/hot folder");
	assert_string_equal(cfg.outbox, "/srv/outbox");
	assert_string_equal(cfg.spool, "/srv/spool");
	assert_string_equal(cfg.smtp_url, "smtp://mail.example:25/?a=b");
	assert_string_equal(cfg.mail_from, "post@council.example");
	assert_string_equal(cfg.printer, "Kyocera-1");
	assert_false(cfg.auto_batch);
	assert_int_equal(cfg.busy_timeout_ms, 2500);
	assert_true(cfg.mixed_batches);

	struct seen s = { 0 };
	pr_config_each(&cfg, collect, &s);
	assert_int_equal(s.n, 19);
	assert_int_equal(cfg.keep_days, 2555);
	assert_string_equal(seen_value(&s, "keep_days"), "2555");
	assert_int_equal(cfg.hot_settle_s, 12);
	assert_int_equal(cfg.hot_poll_s, 30);
	assert_string_equal(seen_value(&s, "hot_settle_s"), "12");
	char *dir = pr_config_archive_dir(&cfg);
	assert_string_equal(dir, "/srv/archive");
	free(dir);
	dir = pr_config_quarantine_dir(&cfg);
	assert_string_equal(dir, "/srv/quarantine");
	free(dir);
	dir = pr_config_hot_dir(&cfg);
	assert_string_equal(dir, "/srv/hot folder");
	free(dir);
	assert_string_equal(seen_value(&s, "mixed_batches"), "yes");
	assert_string_equal(s.keys[0], "site_name");
	assert_string_equal(seen_value(&s, "auto_batch"), "no");
	assert_string_equal(seen_value(&s, "scanned_target"), "97.5");
	assert_string_equal(seen_value(&s, "busy_timeout_ms"), "2500");
	assert_string_equal(seen_value(&s, "printer"), "Kyocera-1");
	pr_config_free(&cfg);

	/* Defaults show unset paths as "". */
	struct seen d = { 0 };
	pr_config_defaults(&cfg);
	pr_config_each(&cfg, collect, &d);
	assert_string_equal(seen_value(&d, "smtp_url"), "");
	assert_string_equal(seen_value(&d, "auto_batch"), "yes");
	assert_string_equal(seen_value(&d, "hot_settle_s"), "5");
	/* The scan folders default to the data folder's. */
	cfg.data_dir = strdup("/data");
	dir = pr_config_archive_dir(&cfg);
	assert_string_equal(dir, "/data/archive");
	free(dir);
	dir = pr_config_quarantine_dir(&cfg);
	assert_string_equal(dir, "/data/quarantine");
	free(dir);
	pr_config_free(&cfg);
	free(path);
}

static void test_booleans_and_empty_values(void **state)
{
	(void)state;
	char *path = write_file("bool.conf", "auto_batch = OFF\nprinter = \"\"\nsmtp_url =\n");
	pr_config cfg;
	pr_error err = { 0 };
	pr_config_defaults(&cfg);
	cfg.printer = strdup("old");
	assert_ok(pr_config_read_file(&cfg, path, &err), &err);
	assert_false(cfg.auto_batch);
	assert_null(cfg.printer);
	assert_null(cfg.smtp_url);
	pr_config_free(&cfg);
	free(path);
	path = write_file("bool2.conf", "auto_batch = True\n");
	pr_config_defaults(&cfg);
	cfg.auto_batch = false;
	assert_ok(pr_config_read_file(&cfg, path, &err), &err);
	assert_true(cfg.auto_batch);
	pr_config_free(&cfg);
	free(path);
}

/* Reads TEXT as a file and expects PR_ECONFIG at LINE with WORDS. */
static void expect_bad(const char *text, int line, const char *words)
{
	char *path = write_file("bad.conf", text);
	pr_config cfg;
	pr_error err = { 0 };
	pr_config_defaults(&cfg);
	assert_int_equal(pr_config_read_file(&cfg, path, &err), PR_ECONFIG);
	char prefix[600];
	snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0 || !strstr(err.msg, words))
		fail_msg("for %s expected '%s...%s', got '%s'", text, prefix, words, err.msg);
	assert_null(cfg.source);
	pr_config_free(&cfg);
	free(path);
}

static void test_errors_name_file_and_line(void **state)
{
	(void)state;
	expect_bad("# ok\nsite_name = A\ncolour = blue\n", 3, "unknown setting 'colour'");
	expect_bad("site_name\n", 1, "key = value");
	expect_bad("\n\nscanned_target = 0\n", 3, "scanned_target");
	expect_bad("scanned_target = 100.5\n", 1, "percentage");
	expect_bad("scanned_target = 95%\n", 1, "percentage");
	expect_bad("scanned_target =\n", 1, "percentage");
	expect_bad("busy_timeout_ms = -1\n", 1, "milliseconds");
	expect_bad("busy_timeout_ms = 600001\n", 1, "milliseconds");
	expect_bad("hot_settle_s = 3601\n", 1, "seconds");
	expect_bad("hot_poll_s = soon\n", 1, "seconds");
	expect_bad("busy_timeout_ms = 5s\n", 1, "milliseconds");
	expect_bad("keep_days = 0\n", 1, "days from 1 to 36500");
	expect_bad("keep_days = 1y\n", 1, "days from 1 to 36500");
	expect_bad("auto_batch = maybe\n", 1, "yes or no");
	expect_bad("timezone = Mars/Olympus_Mons\n", 1, "time zone");
	expect_bad("timezone = Europe\n", 1, "time zone");
	expect_bad("timezone = ../../etc/passwd\n", 1, "time zone");
	expect_bad("site_name = \xc0\xaf\n", 1, "UTF-8");
}

static void test_missing_explicit_file(void **state)
{
	(void)state;
	pr_config cfg;
	pr_error err = { 0 };
	pr_config_defaults(&cfg);
	const char *path = unit_path("no/such/postroom.conf");
	assert_int_equal(pr_config_load(&cfg, path, &err), PR_EIO);
	assert_non_null(strstr(err.msg, path));
	assert_null(cfg.source);
	pr_config_free(&cfg);
}

static void test_search_order(void **state)
{
	(void)state;
	char *explicit = write_file("explicit.conf", "site_name = explicit\n");
	char *envfile = write_file("env.conf", "site_name = env\n");
	char *xdgfile = write_file("xdg/postroom/postroom.conf", "site_name = xdg\n");
	char *homefile = write_file("home/.config/postroom/postroom.conf",
				    "site_name = home\n");
	char xdg[600];
	snprintf(xdg, sizeof xdg, "%s", unit_path("xdg"));
	pr_config cfg;
	pr_error err = { 0 };

	setenv("POSTROOM_CONFIG", envfile, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	pr_config_defaults(&cfg);
	assert_ok(pr_config_load(&cfg, explicit, &err), &err);
	assert_string_equal(cfg.site_name, "explicit");
	assert_string_equal(cfg.source, explicit);
	pr_config_free(&cfg);

	pr_config_defaults(&cfg);
	assert_ok(pr_config_load(&cfg, NULL, &err), &err);
	assert_string_equal(cfg.site_name, "env");
	assert_string_equal(cfg.source, envfile);
	pr_config_free(&cfg);

	unsetenv("POSTROOM_CONFIG");
	pr_config_defaults(&cfg);
	assert_ok(pr_config_load(&cfg, NULL, &err), &err);
	assert_string_equal(cfg.site_name, "xdg");
	assert_string_equal(cfg.source, xdgfile);
	pr_config_free(&cfg);

	/* Without XDG_CONFIG_HOME: ~/.config. */
	unsetenv("XDG_CONFIG_HOME");
	pr_config_defaults(&cfg);
	assert_ok(pr_config_load(&cfg, NULL, &err), &err);
	assert_string_equal(cfg.site_name, "home");
	assert_string_equal(cfg.source, homefile);
	pr_config_free(&cfg);

	/* An XDG folder with no file: nothing read, defaults stand (unless
	 * this machine has a system-wide file). */
	setenv("XDG_CONFIG_HOME", unit_path("empty-xdg"), 1);
	pr_config_defaults(&cfg);
	assert_ok(pr_config_load(&cfg, NULL, &err), &err);
	if (access("/etc/postroom/postroom.conf", F_OK) != 0) {
		assert_null(cfg.source);
		assert_string_equal(cfg.site_name, "County Council Post Room");
	}
	pr_config_free(&cfg);

	/* POSTROOM_CONFIG naming a missing file is an error, not a fallback. */
	setenv("POSTROOM_CONFIG", unit_path("gone.conf"), 1);
	pr_config_defaults(&cfg);
	assert_int_equal(pr_config_load(&cfg, NULL, &err), PR_EIO);
	assert_non_null(strstr(err.msg, "gone.conf"));
	pr_config_free(&cfg);
	unsetenv("POSTROOM_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	free(explicit);
	free(envfile);
	free(xdgfile);
	free(homefile);
}

static void test_db_path(void **state)
{
	(void)state;
	pr_config cfg;
	char *p, want[600];

	pr_config_defaults(&cfg);
	setenv("XDG_DATA_HOME", "/data/xdg", 1);
	p = pr_config_db_path(&cfg);
	assert_string_equal(p, "/data/xdg/postroom/postroom.db");
	free(p);
	p = pr_config_data_dir(&cfg);
	assert_string_equal(p, "/data/xdg/postroom");
	free(p);

	unsetenv("XDG_DATA_HOME");
	p = pr_config_db_path(&cfg);
	snprintf(want, sizeof want, "%s/.local/share/postroom/postroom.db", getenv("HOME"));
	assert_string_equal(p, want);
	free(p);

	setenv("XDG_DATA_HOME", "/data/xdg", 1);
	cfg.data_dir = strdup("/srv/pr");
	p = pr_config_db_path(&cfg);
	assert_string_equal(p, "/srv/pr/postroom.db");
	free(p);

	cfg.database = strdup("/var/x/other.db");
	p = pr_config_db_path(&cfg);
	assert_string_equal(p, "/var/x/other.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	pr_config_free(&cfg);
}

static void test_mkdir_p(void **state)
{
	(void)state;
	pr_error err = { 0 };
	char path[600];
	snprintf(path, sizeof path, "%s", unit_path("a/b/c/d"));
	assert_ok(pr_mkdir_p(path, &err), &err);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_ok(pr_mkdir_p(path, &err), &err); /* again: fine */
	/* Under a regular file: fails and names the folder. */
	char *file = write_file("plainfile", "x");
	snprintf(path, sizeof path, "%s/sub", file);
	assert_int_equal(pr_mkdir_p(path, &err), PR_EIO);
	assert_non_null(strstr(err.msg, "plainfile"));
	free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_defaults, clean_env),
		cmocka_unit_test_setup(test_every_key, clean_env),
		cmocka_unit_test_setup(test_booleans_and_empty_values, clean_env),
		cmocka_unit_test_setup(test_errors_name_file_and_line, clean_env),
		cmocka_unit_test_setup(test_missing_explicit_file, clean_env),
		cmocka_unit_test_setup(test_search_order, clean_env),
		cmocka_unit_test_setup(test_db_path, clean_env),
		cmocka_unit_test_setup(test_mkdir_p, clean_env),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
