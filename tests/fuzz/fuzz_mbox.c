/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the mbox reader (mime_mbox_each()).  Input: an mbox
 * file.  It must refuse with TLD_EINVAL naming "mbox" unless the input
 * starts with "From ", and otherwise hand out messages that lie within
 * the input's size (unquoting only shortens), as many as it returns;
 * each message then goes through mime_parse() without harm.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	size_t size;
	int n;
};

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_mbox: %s\n", what);
	abort();
}

static int
each(void *ctx, const char *raw, size_t len)
{
	struct seen *s = ctx;
	struct mime_message m;

	if (len > s->size)
		fail("message longer than the input");
	s->n++;
	if (len > 0 && mime_parse(raw, len, &m, NULL) == 0)
		mime_message_fini(&m);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { size, 0 };
	struct tld_error err;
	int rc = mime_mbox_each((const char *)data, size, each, &s, &err);

	if (rc < 0) {
		if (rc != TLD_EINVAL || strcmp(err.field, "mbox") != 0)
			fail("refusal without TLD_EINVAL on mbox");
		if (size >= 5 && memcmp(data, "From ", 5) == 0)
			fail("an mbox refused");
	} else if (rc != s.n) {
		fail("count differs from the messages handed out");
	}
	return 0;
}
