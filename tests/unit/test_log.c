/* SPDX-License-Identifier: MIT */
/*
 * util/log: lines from several threads arrive whole, one per line; a long
 * line is cut at LOG_LINE_MAX with its newline kept; a control character
 * in a value cannot start a line of its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/log.h"

#define THREADS 8
#define LINES 2000

static char payload[600];

/* Runs fn with stderr going to a temporary file; returns what was written. */
static char *
capture(void (*fn)(void))
{
	char path[] = "/tmp/tldops-test-log.XXXXXX";
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);
	FILE *f;
	long len;
	char *out;

	assert_true(fd >= 0 && saved >= 0);
	unlink(path);
	assert_int_equal(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	fn();
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	f = fdopen(fd, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	out = malloc((size_t)len + 1);
	assert_non_null(out);
	assert_int_equal(fread(out, 1, (size_t)len, f), (size_t)len);
	out[len] = '\0';
	fclose(f);
	return out;
}

static void *
writer(void *arg)
{
	int t = (int)(intptr_t)arg;

	for (int i = 0; i < LINES; i++)
		log_warnx("web", "thread %d line %d %s", t, i, payload);
	return NULL;
}

static void
many_threads(void)
{
	pthread_t th[THREADS];

	for (int t = 0; t < THREADS; t++)
		assert_int_equal(pthread_create(&th[t], NULL, writer, (void *)(intptr_t)t), 0);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
}

static void
test_threads_never_interleave(void **state)
{
	char *out, *line, *save = NULL;
	int seen[THREADS] = { 0 }, lines = 0;

	(void)state;
	memset(payload, 'x', sizeof(payload) - 1);
	out = capture(many_threads);
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		static const char head[] = "tldops[web] warning: thread ";
		char *p;
		long t, i;

		assert_int_equal(strncmp(line, head, sizeof(head) - 1), 0);
		t = strtol(line + sizeof(head) - 1, &p, 10);
		assert_true(t >= 0 && t < THREADS);
		assert_int_equal(strncmp(p, " line ", 6), 0);
		i = strtol(p + 6, &p, 10);
		assert_int_equal(i, seen[t]);
		seen[t]++;
		assert_true(*p == ' ');
		assert_string_equal(p + 1, payload);
		lines++;
	}
	assert_int_equal(lines, THREADS * LINES);
	free(out);
}

static void
long_and_hostile(void)
{
	static char big[3 * LOG_LINE_MAX];

	memset(big, 'y', sizeof(big) - 1);
	log_warnx("mail", "%s", big);
	log_warnx("mail", "subject \"%s\"", "x\ntldops[web] error: forged\r\x1b[2J");
}

static void
test_cut_and_controls(void **state)
{
	char *out = capture(long_and_hostile), *nl;

	(void)state;
	nl = strchr(out, '\n');
	assert_non_null(nl);
	assert_int_equal((size_t)(nl - out) + 1, (size_t)LOG_LINE_MAX - 1);
	assert_string_equal(nl + 1,
	    "tldops[mail] warning: subject \"x?tldops[web] error: forged??[2J\"\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_never_interleave),
		cmocka_unit_test(test_cut_and_controls),
	};

	log_set_level(LOG_LEVEL_DEBUG);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
