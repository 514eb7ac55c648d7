/* SPDX-License-Identifier: MIT */
/*
 * Tests of util/outfile: the one writer of user-named files.  A device node
 * (made with mknod in a scratch folder, never the real /dev/null) stays a
 * device, a FIFO is written in place, a symbolic link is not followed, a
 * replaced file is mode 0600 whatever the umask, nothing is left beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "util/outfile.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/tldops-outfile.XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
at(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s", dir, name);
}

static size_t
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
slurp(const char *path, char *out, size_t len)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(out, 1, len - 1, f);
	out[n] = '\0';
	fclose(f);
}

static void
new_file_is_private_whatever_the_umask(void **state)
{
	struct tld_error err;
	struct stat st;
	char p[128], text[32];
	mode_t old = umask(0);

	(void)state;
	at(p, sizeof(p), "export.csv");
	assert_int_equal(outfile_write(p, "output", 0, "a,b\n", 4, &err), 0);
	umask(old);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	slurp(p, text, sizeof(text));
	assert_string_equal(text, "a,b\n");
	assert_int_equal(entries(), 1); /* no temporary left beside it */
}

static void
existing_file_replaced_atomically_and_made_private(void **state)
{
	struct tld_error err;
	struct outfile o;
	struct stat st;
	char p[128], text[32];
	FILE *f;

	(void)state;
	at(p, sizeof(p), "old.txt");
	assert_non_null(f = fopen(p, "w"));
	fputs("old", f);
	fclose(f);
	chmod(p, 0644);
	assert_int_equal(outfile_open(&o, p, "output", 0, &err), 0);
	assert_int_equal(o.kind, OUTFILE_REPLACE);
	fputs("new", o.f);
	fflush(o.f);
	/* Until the commit the old file is whole. */
	slurp(p, text, sizeof(text));
	assert_string_equal(text, "old");
	assert_int_equal(outfile_commit(&o, &err), 0);
	slurp(p, text, sizeof(text));
	assert_string_equal(text, "new");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(entries(), 1);
}

static void
abort_leaves_the_target_as_it_was(void **state)
{
	struct tld_error err;
	struct outfile o;
	char p[128];

	(void)state;
	at(p, sizeof(p), "never.txt");
	assert_int_equal(outfile_open(&o, p, "output", 0, &err), 0);
	fputs("half", o.f);
	outfile_abort(&o);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(entries(), 0);
}

static void
symlink_target_is_not_followed(void **state)
{
	struct tld_error err;
	struct stat st;
	char victim[128], link[128], text[32];
	FILE *f;

	(void)state;
	at(victim, sizeof(victim), "victim");
	at(link, sizeof(link), "link");
	assert_non_null(f = fopen(victim, "w"));
	fputs("precious", f);
	fclose(f);
	assert_int_equal(symlink(victim, link), 0);
	assert_int_equal(outfile_write(link, "output", 0, "x", 1, &err),
	    TLD_EINVAL);
	assert_string_equal(err.field, "output");
	assert_non_null(strstr(err.message, link));
	assert_non_null(strstr(err.message, "symbolic link"));
	slurp(victim, text, sizeof(text));
	assert_string_equal(text, "precious");
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(entries(), 2);
}

static void
character_device_stays_a_device(void **state)
{
	struct tld_error err;
	struct outfile o;
	struct stat st;
	char p[128];

	(void)state;
	at(p, sizeof(p), "null");
	/* The null device's numbers, in a scratch folder: never /dev/null. */
	if (mknod(p, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		print_message("mknod: %s (not root?): skipped\n", strerror(errno));
		skip();
	}
	assert_int_equal(outfile_open(&o, p, "output", 0, &err), 0);
	assert_int_equal(o.kind, OUTFILE_STREAM);
	fputs("discarded", o.f);
	assert_int_equal(outfile_commit(&o, &err), 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(st.st_rdev, makedev(1, 3));
	assert_int_equal(entries(), 1);
	/* A writer that needs a regular file refuses the device, naming it. */
	assert_int_equal(outfile_open(&o, p, "file", OUTFILE_PATH_ONLY, &err),
	    TLD_EINVAL);
	assert_string_equal(err.field, "file");
	assert_non_null(strstr(err.message, p));
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(entries(), 1);
}

static void
fifo_is_written_in_place(void **state)
{
	struct tld_error err;
	struct stat st;
	char p[128], text[32];
	int rd;
	ssize_t n;

	(void)state;
	at(p, sizeof(p), "fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	/* Hold a reader (O_RDWR does not block) so the writer's open does not. */
	assert_true((rd = open(p, O_RDWR | O_NONBLOCK)) >= 0);
	assert_int_equal(outfile_write(p, "output", 0, "through", 7, &err), 0);
	n = read(rd, text, sizeof(text) - 1);
	assert_int_equal(n, 7);
	text[n] = '\0';
	assert_string_equal(text, "through");
	close(rd);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(outfile_write(p, "output", OUTFILE_FILE_ONLY, "x", 1,
	    &err), TLD_EINVAL);
}

static void
directories_and_stdout_rules(void **state)
{
	struct tld_error err;
	struct outfile o;
	char p[128];

	(void)state;
	assert_int_equal(outfile_write(dir, "output", 0, "x", 1, &err), TLD_EINVAL);
	assert_non_null(strstr(err.message, "directory"));
	at(p, sizeof(p), "missing/folder/file");
	assert_int_equal(outfile_write(p, "output", 0, "x", 1, &err), TLD_EIO);
	assert_non_null(strstr(err.message, p));
	assert_int_equal(outfile_open(&o, "-", "output", 0, &err), 0);
	assert_int_equal(o.kind, OUTFILE_STDOUT);
	assert_ptr_equal(o.f, stdout);
	assert_int_equal(outfile_commit(&o, &err), 0);
	assert_int_equal(outfile_open(&o, "/dev/stdout", "output", 0, &err), 0);
	assert_int_equal(o.kind, OUTFILE_STDOUT);
	outfile_abort(&o);
	assert_int_equal(outfile_open(&o, "-", "file", OUTFILE_PATH_ONLY, &err),
	    TLD_EINVAL);
	assert_int_equal(outfile_open(&o, "", "output", 0, &err), TLD_EINVAL);
	assert_int_equal(entries(), 0);
}

static void
path_only_gives_a_fresh_private_temporary(void **state)
{
	struct tld_error err;
	struct outfile o;
	struct stat st;
	char p[128], text[32];
	FILE *f;

	(void)state;
	at(p, sizeof(p), "backup.db");
	assert_int_equal(outfile_open(&o, p, "file", OUTFILE_PATH_ONLY, &err), 0);
	assert_null(o.f);
	assert_int_equal(lstat(o.tmp, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, 0);
	assert_non_null(f = fopen(o.tmp, "w"));
	fputs("db", f);
	fclose(f);
	assert_int_equal(outfile_commit(&o, &err), 0);
	slurp(p, text, sizeof(text));
	assert_string_equal(text, "db");
	assert_int_equal(entries(), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(new_file_is_private_whatever_the_umask, setup, teardown),
		cmocka_unit_test_setup_teardown(existing_file_replaced_atomically_and_made_private, setup, teardown),
		cmocka_unit_test_setup_teardown(abort_leaves_the_target_as_it_was, setup, teardown),
		cmocka_unit_test_setup_teardown(symlink_target_is_not_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(character_device_stays_a_device, setup, teardown),
		cmocka_unit_test_setup_teardown(fifo_is_written_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(directories_and_stdout_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(path_only_gives_a_fresh_private_temporary, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
