/* SPDX-License-Identifier: MIT */
/*
 * Tests of mail/transport: Maildir delivery into a temporary directory
 * (layout, modes, content, no overwriting), the refusals (unknown scheme,
 * envelope addresses that would inject SMTP commands), and SMTP against a
 * real server started here on loopback, Debian's aiosmtpd storing into a
 * Maildir: three messages to three recipients through one transport and
 * one connection, leading dots intact (libcurl dot-stuffs), a 5xx reply
 * permanent, a 4xx reply and a port where nothing listens temporary.
 */
#define _XOPEN_SOURCE 700 /* nftw() */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mail/transport.h"
#include "util/buf.h"

#define PYTHON "/usr/bin/python3"
#define FROM "ops@tld-ops.example.org"

/* Lines starting with dots: SMTP must carry them through unchanged. */
#define MESSAGE(n) \
	"From: " FROM "\r\n" \
	"To: r" n "@example.org\r\n" \
	"Subject: message " n "\r\n" \
	"Message-ID: <m" n "@tld-ops.example.org>\r\n" \
	"\r\n" \
	"Body of message " n ".\r\n" \
	".\r\n" \
	"..two dots\r\n" \
	".leading dot\r\n" \
	"last line\r\n"

/* Refuses some recipients the way a real MTA does. */
static const char picky_py[] =
    "from aiosmtpd.handlers import Mailbox\n"
    "\n"
    "class Picky(Mailbox):\n"
    "    async def handle_RCPT(self, server, session, envelope, address,\n"
    "                          rcpt_options):\n"
    "        if address.startswith(\"reject\"):\n"
    "            return \"550 5.1.1 no such user here\"\n"
    "        if address.startswith(\"later\"):\n"
    "            return \"451 4.3.0 try again later\"\n"
    "        envelope.rcpt_tos.append(address)\n"
    "        return \"250 OK\"\n";

struct fixture {
	char dir[64];  /* temporary directory, removed afterwards */
	pid_t server;  /* the SMTP server, or 0 */
	int port;
};

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/tldops-test-transport.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static void
stop_server(struct fixture *f)
{
	if (f->server > 0) {
		kill(f->server, SIGTERM);
		waitpid(f->server, NULL, 0);
		f->server = 0;
	}
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	stop_server(f);
	nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static char *
path_in(const struct fixture *f, const char *name)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s/%s", f->dir, name);
	return buf_steal(&b);
}

static char *
read_file(const char *path, size_t *len)
{
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	assert_non_null(fp);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	if (len != NULL)
		*len = b.len;
	return buf_steal(&b);
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* Names of the regular files in dir, sorted; returns how many. */
static int
list_dir(const char *dir, char ***names)
{
	struct dirent **ents;
	int n, k = 0;

	n = scandir(dir, &ents, NULL, alphasort);
	assert_true(n >= 0);
	*names = calloc((size_t)n + 1, sizeof(char *));
	assert_non_null(*names);
	for (int i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.')
			(*names)[k++] = strdup(ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	return k;
}

static void
free_names(char **names)
{
	for (size_t i = 0; names[i] != NULL; i++)
		free(names[i]);
	free(names);
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* A loopback port nothing listens on right now. */
static int
free_port(void)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0), port;

	assert_true(s >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &alen), 0);
	port = ntohs(a.sin_port);
	close(s);
	return port;
}

static int
can_connect(int port)
{
	struct sockaddr_in a;
	int s = socket(AF_INET, SOCK_STREAM, 0), ok;

	assert_true(s >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	ok = connect(s, (struct sockaddr *)&a, sizeof(a)) == 0;
	close(s);
	return ok;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/*
 * Start aiosmtpd on a free loopback port with handler classpath storing
 * into f->dir/mailbox; pythonpath may be NULL.  A few ports are tried in
 * case another process takes the one picked.
 */
static void
start_server(struct fixture *f, const char *classpath,
    const char *pythonpath)
{
	char *mailbox = path_in(f, "mailbox"), *log = path_in(f, "server.log");

	for (int attempt = 0; attempt < 5 && f->server == 0; attempt++) {
		char listen_on[32];
		pid_t pid;

		f->port = free_port();
		snprintf(listen_on, sizeof(listen_on), "127.0.0.1:%d", f->port);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			FILE *lf = freopen(log, "a", stderr);

			(void)lf;
			if (pythonpath != NULL)
				setenv("PYTHONPATH", pythonpath, 1);
			execl(PYTHON, "python3", "-m", "aiosmtpd", "-n", "-l",
			    listen_on, "-c", classpath, mailbox, (char *)NULL);
			_exit(127);
		}
		for (int i = 0; i < 200; i++) {
			if (waitpid(pid, NULL, WNOHANG) == pid) {
				pid = 0;
				break;
			}
			if (can_connect(f->port)) {
				f->server = pid;
				break;
			}
			sleep_ms(50);
		}
		if (f->server == 0 && pid > 0) {
			kill(pid, SIGTERM);
			waitpid(pid, NULL, 0);
		}
	}
	free(mailbox);
	free(log);
	if (f->server == 0)
		fail_msg("aiosmtpd did not start (see %s/server.log)", f->dir);
}

static void
skip_without_aiosmtpd(void)
{
	if (access(PYTHON, X_OK) != 0 ||
	    system(PYTHON " -c 'import aiosmtpd' 2>/dev/null") != 0)
		skip();
}

static struct transport *
open_ok(const char *spec)
{
	struct transport *t = NULL;
	struct tld_error err;

	tld_error_clear(&err);
	if (transport_open(spec, 1, &t, &err) != 0)
		fail_msg("transport_open: %s: %s", err.field, err.message);
	assert_non_null(t);
	return t;
}

static void
send_ok(struct transport *t, const char *rcpt, const char *msg)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (transport_send(t, FROM, rcpt, msg, strlen(msg), &err) != 0)
		fail_msg("transport_send to %s: %s: %s", rcpt, err.field,
		    err.message);
}

static void
maildir_delivers(void **state)
{
	struct fixture *f = *state;
	char *md = path_in(f, "Maildir"), *sub, *file, *content, **names;
	struct buf spec, want;
	struct transport *t;
	size_t len;
	int n;

	buf_init(&spec);
	buf_init(&want);
	buf_printf(&spec, "maildir:%s", md);
	t = open_ok(buf_str(&spec));
	assert_string_equal(transport_kind(t), "maildir");
	assert_int_equal(mode_of(md) & 0077, 0);
	for (int i = 0; i < 3; i++) {
		static const char *const subdirs[] = { "tmp", "new", "cur" };

		buf_reset(&want);
		buf_printf(&want, "%s/%s", md, subdirs[i]);
		assert_int_equal(mode_of(buf_str(&want)), 0700);
	}
	send_ok(t, "r1@example.org", MESSAGE("1"));
	send_ok(t, "r2@example.org", MESSAGE("2"));
	transport_close(t);

	/* Opening an existing Maildir again is fine. */
	t = open_ok(buf_str(&spec));
	send_ok(t, "r3@example.org", MESSAGE("3"));
	transport_close(t);

	buf_reset(&want);
	buf_printf(&want, "%s/tmp", md);
	n = list_dir(buf_str(&want), &names);
	assert_int_equal(n, 0);
	free_names(names);

	buf_reset(&want);
	buf_printf(&want, "%s/new", md);
	sub = buf_steal(&want);
	n = list_dir(sub, &names);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++) {
		char digit = '0';

		buf_reset(&want);
		buf_printf(&want, "%s/%s", sub, names[i]);
		file = buf_steal(&want);
		assert_int_equal(mode_of(file), 0600);
		/* "<time>.<pid>_<counter>.<host>" */
		assert_non_null(strchr(names[i], '_'));
		assert_null(strchr(names[i], '/'));
		assert_null(strchr(names[i], ':'));
		content = read_file(file, &len);
		assert_int_equal(strlen(content), len);
		for (int k = 1; k <= 3; k++) {
			buf_reset(&want);
			buf_printf(&want, "Return-Path: <%s>\r\n"
			    "Delivered-To: r%d@example.org\r\n", FROM, k);
			if (strncmp(content, buf_str(&want), want.len) == 0)
				digit = (char)('0' + k);
		}
		assert_true(digit != '0');
		/* The two lines have the same length for r1, r2 and r3. */
		assert_string_equal(content + strlen("Return-Path: <" FROM
		    ">\r\nDelivered-To: r1@example.org\r\n"),
		    digit == '1' ? MESSAGE("1") : digit == '2' ?
		    MESSAGE("2") : MESSAGE("3"));
		free(content);
		free(file);
	}
	free_names(names);
	free(sub);
	free(md);
	buf_fini(&spec);
	buf_fini(&want);
}

static void
refuses_bad_specs(void **state)
{
	struct fixture *f = *state;
	char *plain = path_in(f, "plain-file");
	static char dummy; /* never dereferenced: "t not written" */
	struct transport *const sentinel = (struct transport *)(void *)&dummy;
	struct transport *t = sentinel;
	struct tld_error err;
	struct buf spec;
	const char *bad[] = { "", "maildir:", "ftp://user:s3cret@host/",
		"smtp://", "smtp://user:s3cret@/", "/var/mail/x",
		"smtpx://user:s3cret@host" };

	write_file(plain, "x");
	buf_init(&spec);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tld_error_clear(&err);
		assert_int_equal(transport_open(bad[i], 1, &t, &err), TLD_EINVAL);
		assert_string_equal(err.field, "mail");
		assert_null(strstr(err.message, "s3cret"));
		assert_ptr_equal(t, sentinel);
	}
	assert_int_equal(transport_open(NULL, 1, &t, &err), TLD_EINVAL);
	/* A Maildir whose place is taken by a file. */
	buf_printf(&spec, "maildir:%s", plain);
	tld_error_clear(&err);
	assert_int_equal(transport_open(buf_str(&spec), 1, &t, &err), TLD_EINVAL);
	assert_string_equal(err.field, "mail");
	buf_reset(&spec);
	buf_printf(&spec, "maildir:%s/sub", plain);
	assert_true(transport_open(buf_str(&spec), 1, &t, &err) < 0);
	assert_string_equal(err.field, "mail");
	assert_ptr_equal(t, sentinel);
	transport_close(NULL);
	buf_fini(&spec);
	free(plain);
}

static void
refuses_envelope_injection(void **state)
{
	struct fixture *f = *state;
	char *md = path_in(f, "Maildir"), **names;
	struct buf spec;
	struct transport *t;
	struct tld_error err;
	static const struct {
		const char *from, *rcpt, *field;
	} bad[] = {
		{ FROM, "a@example.org\r\nRCPT TO:<x@y>", "rcpt" },
		{ FROM, "a@example.org\n", "rcpt" },
		{ FROM, "a b@example.org", "rcpt" },
		{ FROM, "<a@example.org>", "rcpt" },
		{ FROM, "no-at", "rcpt" },
		{ FROM, "", "rcpt" },
		{ FROM, NULL, "rcpt" },
		{ "x@y>\r\nDATA", "a@example.org", "from" },
		{ "\xc3\xa9@example.org", "a@example.org", "from" },
		{ NULL, "a@example.org", "from" },
	};

	buf_init(&spec);
	buf_printf(&spec, "maildir:%s", md);
	t = open_ok(buf_str(&spec));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tld_error_clear(&err);
		assert_int_equal(transport_send(t, bad[i].from, bad[i].rcpt,
		    "x\r\n", 3, &err), TLD_EINVAL);
		assert_string_equal(err.field, bad[i].field);
	}
	transport_close(t);
	buf_reset(&spec);
	buf_printf(&spec, "%s/new", md);
	assert_int_equal(list_dir(buf_str(&spec), &names), 0);
	free_names(names);
	buf_fini(&spec);
	free(md);
}

/* The value of header name in the message text m ("" when absent). */
static char *
header(const char *m, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = m; p != NULL; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ')
			return strndup(p + n + 2, strcspn(p + n + 2, "\r\n"));
	}
	return strdup("");
}

static void
smtp_delivers_over_one_connection(void **state)
{
	struct fixture *f = *state;
	char *new_dir, **names, *peer = NULL;
	struct transport *t;
	struct buf spec;
	int n, seen[3] = { 0, 0, 0 };

	skip_without_aiosmtpd();
	start_server(f, "aiosmtpd.handlers.Mailbox", NULL);
	buf_init(&spec);
	buf_printf(&spec, "smtp://127.0.0.1:%d", f->port);
	t = open_ok(buf_str(&spec));
	assert_string_equal(transport_kind(t), "smtp");
	send_ok(t, "r1@example.org", MESSAGE("1"));
	send_ok(t, "r2@example.org", MESSAGE("2"));
	send_ok(t, "r3@example.org", MESSAGE("3"));
	transport_close(t);
	stop_server(f);

	new_dir = path_in(f, "mailbox/new");
	n = list_dir(new_dir, &names);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++) {
		char *file, *m, *rcpt, *from, *p, *subject;
		struct buf want;
		int k;

		buf_init(&want);
		buf_printf(&want, "%s/%s", new_dir, names[i]);
		file = buf_steal(&want);
		m = read_file(file, NULL);
		rcpt = header(m, "X-RcptTo");
		from = header(m, "X-MailFrom");
		p = header(m, "X-Peer");
		subject = header(m, "Subject");
		assert_string_equal(from, FROM);
		assert_true(strlen(rcpt) == strlen("r1@example.org") &&
		    rcpt[0] == 'r' && rcpt[1] >= '1' && rcpt[1] <= '3');
		k = rcpt[1] - '1';
		seen[k]++;
		buf_printf(&want, "message %d", k + 1);
		assert_string_equal(subject, buf_str(&want));
		/* One connection: every message came from the same port. */
		if (peer == NULL)
			peer = strdup(p);
		else
			assert_string_equal(p, peer);
		/* Python's Maildir writes LF line ends. */
		assert_non_null(strstr(m, "\n.\n..two dots\n.leading dot\n"
		    "last line\n"));
		free(subject);
		free(p);
		free(from);
		free(rcpt);
		free(m);
		free(file);
		buf_fini(&want);
	}
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[1], 1);
	assert_int_equal(seen[2], 1);
	free(peer);
	free_names(names);
	free(new_dir);
	buf_fini(&spec);
}

static void
smtp_sorts_refusals(void **state)
{
	struct fixture *f = *state;
	char *py = path_in(f, "picky.py"), *new_dir, **names;
	struct transport *t;
	struct tld_error err;
	struct buf spec;
	const char *m = MESSAGE("1");

	skip_without_aiosmtpd();
	write_file(py, picky_py);
	start_server(f, "picky.Picky", f->dir);
	buf_init(&spec);
	buf_printf(&spec, "smtp://127.0.0.1:%d", f->port);
	t = open_ok(buf_str(&spec));

	tld_error_clear(&err);
	assert_int_equal(transport_send(t, FROM, "reject@example.org", m,
	    strlen(m), &err), TLD_EINVAL);
	assert_string_equal(err.field, "mail");
	assert_non_null(strstr(err.message, "550"));
	assert_non_null(strstr(err.message, "no such user here"));

	tld_error_clear(&err);
	assert_int_equal(transport_send(t, FROM, "later@example.org", m,
	    strlen(m), &err), TLD_EIO);
	assert_string_equal(err.field, "mail");
	assert_non_null(strstr(err.message, "451"));

	/* The transport is still usable after refusals. */
	send_ok(t, "r1@example.org", m);
	transport_close(t);
	stop_server(f);

	new_dir = path_in(f, "mailbox/new");
	assert_int_equal(list_dir(new_dir, &names), 1);
	free_names(names);
	free(new_dir);
	free(py);
	buf_fini(&spec);
}

static void
smtp_no_listener_is_temporary(void **state)
{
	struct transport *t;
	struct tld_error err;
	struct buf spec;
	const char *m = MESSAGE("1");
	time_t start;

	(void)state;
	buf_init(&spec);
	buf_printf(&spec, "smtp://127.0.0.1:%d", free_port());
	t = open_ok(buf_str(&spec));
	start = time(NULL);
	tld_error_clear(&err);
	assert_int_equal(transport_send(t, FROM, "r1@example.org", m,
	    strlen(m), &err), TLD_EIO);
	assert_true(time(NULL) - start <= 5);
	assert_string_equal(err.field, "mail");
	assert_non_null(strstr(err.message, "smtp: connection: "));
	transport_close(t);
	buf_fini(&spec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(maildir_delivers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(refuses_bad_specs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(refuses_envelope_injection,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    smtp_delivers_over_one_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(smtp_sorts_refusals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(smtp_no_listener_is_temporary,
		    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
