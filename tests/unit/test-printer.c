/* Printing: copies into the spool folder, and jobs through a private CUPS
 * scheduler that this test starts and stops itself (tests/cups.sh), whose
 * queue postroom-test copies every job into a folder, so the test can check
 * that the job arrived whole. The cupsd tests need root and are skipped,
 * saying why, without it. */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "postroom/config.h"
#include "postroom/io/printer.h"
#include "postroom/xmem.h"

#define CUPS_SCRIPT "tests/cups.sh"
#define TEST_PRINTER "postroom-test"
/* The longest a job may take to reach the backend's folder. */
#define ARRIVAL_LIMIT_S 20.0

/* ---- helpers ---- */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		fail_msg("cannot write %s: %s", path, strerror(errno));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The whole of PATH, malloc'ed, its size in *LEN; NULL when unreadable. */
static unsigned char *read_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	unsigned char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Fails unless the files A and B hold the same bytes. */
static void assert_same_file(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	unsigned char *da = read_bytes(a, &na);
	unsigned char *db = read_bytes(b, &nb);
	if (!da || !db)
		fail_msg("cannot read %s", da ? b : a);
	if (na != nb)
		fail_msg("%s has %zu bytes, %s has %zu", a, na, b, nb);
	for (size_t i = 0; i < na; i++)
		if (da[i] != db[i])
			fail_msg("%s and %s differ at byte %zu", a, b, i);
	free(da);
	free(db);
}

/* A small but real PDF followed by NBINARY bytes of every value in a
 * comment, so a copy that loses or changes bytes shows. Returns its path in
 * the temporary folder (static storage). */
static const char *make_pdf(const char *name, size_t nbinary)
{
	static const char head[] =
		"%PDF-1.4\n"
		"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
		"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
		"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
		"trailer << /Root 1 0 R >>\n"
		"%";
	size_t len = sizeof head - 1 + nbinary + 6;
	unsigned char *buf = xmalloc(len);
	memcpy(buf, head, sizeof head - 1);
	unsigned x = 2463534242u;
	for (size_t i = 0; i < nbinary; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[sizeof head - 1 + i] = (unsigned char)(i < 256 ? i : (x & 0xff));
	}
	memcpy(buf + sizeof head - 1 + nbinary, "\n%%EOF", 6);
	const char *path = unit_path(name);
	write_bytes(path, buf, len);
	free(buf);
	return path;
}

static size_t count_entries(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	free(cmd);
	assert_non_null(p);
	unsigned long n = 0;
	assert_int_equal(fscanf(p, "%lu", &n), 1);
	pclose(p);
	return n;
}

/* Standard output and error sent to a file while libcups works, to check
 * it writes nothing there. */
typedef struct quiet {
	int saved_out, saved_err;
	char path[512];
} quiet;

static void quiet_begin(quiet *q, const char *name)
{
	fflush(stdout);
	fflush(stderr);
	snprintf(q->path, sizeof q->path, "%s", unit_path(name));
	int fd = open(q->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	q->saved_out = dup(1);
	q->saved_err = dup(2);
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
}

/* Puts the streams back; fails when anything was written. */
static void quiet_end(quiet *q)
{
	fflush(stdout);
	fflush(stderr);
	dup2(q->saved_out, 1);
	dup2(q->saved_err, 2);
	close(q->saved_out);
	close(q->saved_err);
	size_t n = 0;
	unsigned char *said = read_bytes(q->path, &n);
	assert_non_null(said);
	if (n > 0)
		fail_msg("libcups wrote to stdout/stderr: %.*s", (int)(n > 300 ? 300 : n),
			 (const char *)said);
	free(said);
}

/* ---- spool folder ---- */

static void test_spool_copies(void **state)
{
	(void)state;
	pr_config cfg;
	pr_config_defaults(&cfg);
	char *spool = xstrdup(unit_path("spool/labels"));
	cfg.spool = xstrdup(spool);
	const char *in = make_pdf("label.pdf", 70000);
	char *input = xstrdup(in);

	pr_print_result r1 = { .job_id = -1 }, r2 = { .job_id = -1 };
	pr_error err = { 0 };
	assert_ok(pr_print_file(&cfg, input, "Batch 12 / labels", &r1, &err), &err);
	assert_ok(pr_print_file(&cfg, input, "Batch 12 / labels", &r2, &err), &err);

	assert_int_equal(r1.job_id, 0);
	assert_int_equal(r2.job_id, 0);
	char *want1 = xasprintf("%s/0001-Batch-12-labels.pdf", spool);
	char *want2 = xasprintf("%s/0002-Batch-12-labels.pdf", spool);
	assert_string_equal(r1.destination, want1);
	assert_string_equal(r2.destination, want2);
	assert_same_file(input, r1.destination);
	assert_same_file(input, r2.destination);
	/* Two files and no leftover temporary one. */
	assert_int_equal(count_entries(spool), 2);

	free(want1);
	free(want2);
	free(input);
	free(spool);
	pr_config_free(&cfg);
}

static void test_spool_names(void **state)
{
	(void)state;
	pr_config cfg;
	pr_config_defaults(&cfg);
	char *spool = xstrdup(unit_path("spool/names"));
	cfg.spool = xstrdup(spool);
	char *input = xstrdup(unit_path("sheet.PNG"));
	write_bytes(input, "\x89PNG\r\n\x1a\n\0\0", 10);

	pr_print_result r = { 0 };
	pr_error err = { 0 };
	/* Slashes, dots and spaces never reach the file name. */
	assert_ok(pr_print_file(&cfg, input, "../../etc/passwd  x", &r, &err), &err);
	char *want = xasprintf("%s/0001-etc-passwd-x.png", spool);
	assert_string_equal(r.destination, want);
	free(want);
	/* No title: the input's name. A NULL OUT is allowed. */
	assert_ok(pr_print_file(&cfg, input, NULL, NULL, &err), &err);
	assert_ok(pr_print_file(&cfg, input, "", &r, &err), &err);
	want = xasprintf("%s/0003-sheet.png", spool);
	assert_string_equal(r.destination, want);
	free(want);
	assert_same_file(input, r.destination);
	assert_int_equal(count_entries(spool), 3);

	free(input);
	free(spool);
	pr_config_free(&cfg);
}

static void test_missing_file(void **state)
{
	(void)state;
	pr_config cfg;
	pr_config_defaults(&cfg);
	cfg.spool = xstrdup(unit_path("spool/missing"));
	char *missing = xstrdup(unit_path("no-such-file.pdf"));
	pr_error err = { 0 };
	pr_print_result r = { 0 };

	assert_int_equal(pr_print_file(&cfg, missing, "x", &r, &err), PR_EIO);
	assert_int_equal(err.code, PR_EIO);
	assert_non_null(strstr(err.msg, missing));
	assert_int_equal(access(cfg.spool, F_OK), -1); /* nothing made */

	/* With a printer named, the file is checked before CUPS is asked. */
	cfg.printer = xstrdup("anything");
	err = (pr_error){ 0 };
	assert_int_equal(pr_print_file(&cfg, missing, "x", &r, &err), PR_EIO);
	assert_non_null(strstr(err.msg, missing));

	/* A folder is not a file to print. */
	err = (pr_error){ 0 };
	assert_int_equal(pr_print_file(&cfg, unit_tmpdir(), "x", &r, &err), PR_EIO);
	assert_non_null(strstr(err.msg, unit_tmpdir()));

	free(missing);
	pr_config_free(&cfg);
}

static void test_spool_unwritable(void **state)
{
	(void)state;
	pr_config cfg;
	pr_config_defaults(&cfg);
	/* A spool "folder" under a plain file cannot be made. */
	char *blocker = xstrdup(unit_path("blocker"));
	write_bytes(blocker, "x", 1);
	cfg.spool = xasprintf("%s/spool", blocker);
	char *input = xstrdup(make_pdf("u.pdf", 10));
	pr_error err = { 0 };
	assert_int_equal(pr_print_file(&cfg, input, "x", NULL, &err), PR_EIO);
	assert_non_null(strstr(err.msg, blocker));
	free(blocker);
	free(input);
	pr_config_free(&cfg);
}

/* ---- a private cupsd ---- */

static char cups_dir[512];
static char cups_sock[600];
static bool cups_started;

static void cups_stop(void)
{
	if (!cups_started)
		return;
	cups_started = false;
	char *cmd = xasprintf("sh %s stop '%s' >/dev/null 2>&1", CUPS_SCRIPT, cups_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not stop the private cupsd in %s\n", cups_dir);
	free(cmd);
}

/* Starts the private cupsd the first time it is needed; skips the test when
 * this is not root or CUPS is not installed. When it cannot start, the
 * first test that needs it fails saying why (the script's message and the
 * scheduler's log tail), and the later ones skip pointing back to it. */
static void need_cupsd(void)
{
	static bool cups_failed;
	if (cups_started)
		return;
	if (cups_failed) {
		print_message("# skipped: the private cupsd could not start (see "
			      "the first failure)\n");
		skip();
	}
	if (geteuid() != 0) {
		print_message("# skipped: a private cupsd needs root (it runs its "
			      "copying backend as root)\n");
		skip();
	}
	if (system("command -v cupsd >/dev/null 2>&1 || [ -x /usr/sbin/cupsd ]") != 0) {
		print_message("# skipped: cupsd is not installed (make deps-test)\n");
		skip();
	}
	if (access(CUPS_SCRIPT, R_OK) != 0)
		fail_msg("%s not found: run the unit tests from the repository root",
			 CUPS_SCRIPT);

	snprintf(cups_dir, sizeof cups_dir, "%s", unit_path("cups"));
	char log[600];
	snprintf(log, sizeof log, "%s", unit_path("cups-start.log"));
	/* The script's last argument: a crashed test takes cupsd with it. */
	char *cmd = xasprintf("sh %s start '%s' %ld >'%s' 2>&1", CUPS_SCRIPT, cups_dir,
			      (long)getpid(), log);
	double t0 = now_s();
	int rc = system(cmd);
	free(cmd);
	if (rc != 0) {
		/* The message goes on the stack: fail_msg does not return, and
		 * nothing may be left allocated behind it. */
		char said[1500] = "";
		size_t n = 0;
		unsigned char *text = read_bytes(log, &n);
		if (text)
			snprintf(said, sizeof said, "%.*s", (int)n, (const char *)text);
		free(text);
		cups_failed = true;
		/* It may have half started. */
		cups_started = true;
		cups_stop();
		fail_msg("the private cupsd could not start:\n%s", said);
	}
	cups_started = true;
	print_message("# private cupsd ready in %.2f s\n", now_s() - t0);
	snprintf(cups_sock, sizeof cups_sock, "%s/cups.sock", cups_dir);
}

/* Waits, up to ARRIVAL_LIMIT_S, for the backend's copy of job JOB; returns
 * its path (static storage) or fails. */
static const char *wait_for_job(int job, double *took)
{
	static char path[700];
	snprintf(path, sizeof path, "%s/out/job-%d", cups_dir, job);
	double t0 = now_s();
	while (access(path, F_OK) != 0) {
		if (now_s() - t0 > ARRIVAL_LIMIT_S)
			fail_msg("job %d did not reach %s/out in %.0f s", job, cups_dir,
				 ARRIVAL_LIMIT_S);
		nap_ms(5);
	}
	*took = now_s() - t0;
	return path;
}

static void cups_config(pr_config *cfg, const char *printer)
{
	pr_config_defaults(cfg);
	cfg->printer = xstrdup(printer);
	cfg->spool = xstrdup(unit_path("spool/not-used"));
}

static void test_cups_print_arrives_whole(void **state)
{
	(void)state;
	need_cupsd();
	setenv("CUPS_SERVER", cups_sock, 1);
	pr_config cfg;
	cups_config(&cfg, TEST_PRINTER);
	char *input = xstrdup(make_pdf("sheet.pdf", 300000));

	pr_print_result r = { 0 };
	pr_error err = { 0 };
	quiet q;
	double t0 = now_s();
	quiet_begin(&q, "quiet-print.txt");
	pr_status st = pr_print_file(&cfg, input, "Batch 7 sheets", &r, &err);
	quiet_end(&q);
	assert_ok(st, &err);
	double submitted = now_s() - t0;
	assert_string_equal(r.destination, TEST_PRINTER);
	assert_true(r.job_id > 0);

	double took = 0;
	const char *copy = wait_for_job(r.job_id, &took);
	assert_same_file(input, copy);
	print_message("# job %d (%ld bytes) submitted in %.3f s, arrived %.3f s later\n",
		      r.job_id, 300000L, submitted, took);

	/* A second job gets its own id and arrives whole too. */
	pr_print_result r2 = { 0 };
	assert_ok(pr_print_file(&cfg, input, "again", &r2, &err), &err);
	assert_true(r2.job_id > r.job_id);
	assert_same_file(input, wait_for_job(r2.job_id, &took));
	/* Nothing went to the spool folder. */
	assert_int_equal(access(cfg.spool, F_OK), -1);

	free(input);
	pr_config_free(&cfg);
}

static void test_cups_unknown_printer(void **state)
{
	(void)state;
	need_cupsd();
	setenv("CUPS_SERVER", cups_sock, 1);
	pr_config cfg;
	cups_config(&cfg, "no-such-printer");
	char *input = xstrdup(make_pdf("unknown.pdf", 100));

	pr_print_result r = { .job_id = -1 };
	pr_error err = { 0 };
	quiet q;
	double t0 = now_s();
	quiet_begin(&q, "quiet-unknown.txt");
	pr_status st = pr_print_file(&cfg, input, "x", &r, &err);
	quiet_end(&q);
	print_message("# unknown printer reported in %.3f s: %s\n", now_s() - t0, err.msg);
	assert_int_equal(st, PR_ENOTFOUND);
	assert_int_equal(err.code, PR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "printer no-such-printer is unknown"));
	assert_non_null(strstr(err.msg, cups_sock));
	assert_int_equal(r.job_id, -1); /* OUT untouched */

	free(input);
	pr_config_free(&cfg);
}

static void test_cups_nobody_listening(void **state)
{
	(void)state;
	/* Needs no scheduler at all: a socket path nobody listens on. */
	char *sock = xstrdup(unit_path("nobody.sock"));
	setenv("CUPS_SERVER", sock, 1);
	pr_config cfg;
	cups_config(&cfg, TEST_PRINTER);
	char *input = xstrdup(make_pdf("nobody.pdf", 100));

	pr_error err = { 0 };
	quiet q;
	quiet_begin(&q, "quiet-nobody.txt");
	pr_status st = pr_print_file(&cfg, input, "x", NULL, &err);
	quiet_end(&q);
	assert_int_equal(st, PR_EIO);
	assert_non_null(strstr(err.msg, "the print scheduler"));
	assert_non_null(strstr(err.msg, "is not running"));
	assert_non_null(strstr(err.msg, sock));

	free(sock);
	free(input);
	pr_config_free(&cfg);
}

/* Something listens on the socket but is not a scheduler: it hangs up on
 * every connection. */
static void test_cups_not_answering(void **state)
{
	(void)state;
	char *sock = xstrdup(unit_path("impostor.sock"));
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(lfd >= 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(lfd, 8), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		alarm(30); /* never outlives a stuck test */
		for (;;) {
			int c = accept(lfd, NULL, NULL);
			if (c >= 0)
				close(c);
		}
	}
	close(lfd);

	setenv("CUPS_SERVER", sock, 1);
	pr_config cfg;
	cups_config(&cfg, TEST_PRINTER);
	char *input = xstrdup(make_pdf("impostor.pdf", 100));
	pr_error err = { 0 };
	double t0 = now_s();
	pr_status st = pr_print_file(&cfg, input, "x", NULL, &err);
	double took = now_s() - t0;
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(st, PR_EIO);
	assert_non_null(strstr(err.msg, "the print scheduler"));
	assert_non_null(strstr(err.msg, sock));
	assert_non_null(strstr(err.msg, "is not answering"));
	assert_true(took < 5.0);

	free(sock);
	free(input);
	pr_config_free(&cfg);
}

static void test_cups_stopped(void **state)
{
	(void)state;
	need_cupsd();
	cups_stop();
	setenv("CUPS_SERVER", cups_sock, 1);
	pr_config cfg;
	cups_config(&cfg, TEST_PRINTER);
	char *input = xstrdup(make_pdf("stopped.pdf", 100));

	pr_error err = { 0 };
	assert_int_equal(pr_print_file(&cfg, input, "x", NULL, &err), PR_EIO);
	assert_non_null(strstr(err.msg, "the print scheduler"));
	assert_non_null(strstr(err.msg, "is not running"));
	assert_non_null(strstr(err.msg, cups_sock));
	/* It does not fall back to the spool folder. */
	assert_int_equal(access(cfg.spool, F_OK), -1);

	free(input);
	pr_config_free(&cfg);
}

static int stop_cupsd(void **state)
{
	(void)state;
	cups_stop();
	return 0;
}

int main(void)
{
	/* Created first, so its removal (atexit) runs after cupsd's stop. */
	unit_tmpdir();
	atexit(cups_stop);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spool_copies),
		cmocka_unit_test(test_spool_names),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_spool_unwritable),
		cmocka_unit_test(test_cups_nobody_listening),
		cmocka_unit_test(test_cups_not_answering),
		cmocka_unit_test(test_cups_print_arrives_whole),
		cmocka_unit_test(test_cups_unknown_printer),
		cmocka_unit_test(test_cups_stopped),
	};
	return cmocka_run_group_tests(tests, NULL, stop_cupsd);
}
