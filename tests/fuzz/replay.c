/* SPDX-License-Identifier: MIT */
/*
 * A plain main() for the fuzz targets, so that their corpora run as ordinary
 * tests with any compiler (as Knot DNS's tests-fuzz/main.c does): every file
 * named on the command line, and every regular file directly inside a named
 * directory, is passed once to LLVMFuzzerTestOneInput().  Each input is
 * copied into a buffer of exactly its size so that a sanitizer build catches
 * reads past its end.  Exits non-zero when a path cannot be read or when no
 * input was found at all (a misspelt corpus path must not pass silently).
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPLAY_MAX_INPUT (64u * 1024 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
	FILE *f;
	uint8_t *data = NULL;
	size_t len = 0, cap = 0;
	int rc = -1;

	f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t n;

		if (len == cap) {
			if (cap >= REPLAY_MAX_INPUT) {
				fprintf(stderr, "replay: %s: larger than %u bytes\n",
				    path, REPLAY_MAX_INPUT);
				goto out;
			}
			cap = cap ? cap * 2 : 4096;
			data = realloc(data, cap);
			if (data == NULL) {
				fprintf(stderr, "replay: out of memory\n");
				goto out;
			}
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		goto out;
	}
	/* Exactly len bytes, so that ASan sees any read past the end. */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (exact == NULL) {
			fprintf(stderr, "replay: out of memory\n");
			goto out;
		}
		if (len > 0)
			memcpy(exact, data, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	rc = 0;
out:
	free(data);
	fclose(f);
	return rc;
}

/* Returns the number of inputs replayed, or -1. */
static int
replay_dir(const char *dir)
{
	struct dirent **names;
	int n, count = 0, rc = 0;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		int len;

		if (names[i]->d_name[0] == '.')
			goto next;
		len = snprintf(path, sizeof(path), "%s/%s", dir,
		    names[i]->d_name);
		if (len < 0 || (size_t)len >= sizeof(path)) {
			fprintf(stderr, "replay: %s/%s: path too long\n", dir,
			    names[i]->d_name);
			rc = -1;
			goto next;
		}
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			goto next;
		if (replay_file(path) != 0)
			rc = -1;
		else
			count++;
next:
		free(names[i]);
	}
	free(names);
	return rc != 0 ? -1 : count;
}

int
main(int argc, char **argv)
{
	int total = 0, failed = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			int n = replay_dir(argv[i]);

			if (n < 0)
				failed = 1;
			else
				total += n;
		} else if (replay_file(argv[i]) != 0) {
			failed = 1;
		} else {
			total++;
		}
	}
	printf("replayed %d input%s\n", total, total == 1 ? "" : "s");
	if (total == 0) {
		fprintf(stderr, "replay: no input found\n");
		return 1;
	}
	return failed;
}
