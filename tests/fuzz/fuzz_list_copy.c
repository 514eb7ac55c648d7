/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the list's inbound parser (mail/list_copy.h): the header
 * check that runs before GMime on every message `tldops deliver` gets, and
 * the copy made of it.  Checks what deliver relies on: a refused message
 * has a message naming "message"; a copy made is valid UTF-8 without NUL,
 * ends with CRLF and carries our List-Id and X-Loop exactly once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/list_copy.h"
#include "util/buf.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_list_copy: %s\n", what);
	abort();
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct list_copy_opts o = {
		.list_address = "tld-ops@lists.example",
		.list_name = "TLD-OPS",
		.list_id = "tld-ops.lists.example",
		.subject_tag = "[TLD-OPS]",
		.from_rewrite = true,
		.list_post = "<mailto:tld-ops@lists.example>",
		.list_help = "<mailto:tld-ops-request@lists.example?subject=help>",
		.list_archive = "<https://tldops.example/archive>",
		.list_owner = "<mailto:tld-ops-owner@lists.example>",
		.footer = "-- \nTLD-OPS mailing list\n",
	};
	struct list_copy_check chk;
	struct tld_error err;
	struct buf out;
	int rc;

	if (size > (1u << 20))
		return 0;
	tld_error_clear(&err);
	rc = list_copy_check((const char *)data, size, &chk, &err);
	if (rc < 0) {
		if (strcmp(err.field, "message") != 0 || err.message[0] == '\0')
			fail("a refusal that does not name the message");
		return 0;
	}
	if (chk.msg < (const char *)data || chk.msg + chk.len != (const char *)data + size)
		fail("the checked message is not the input's tail");
	buf_init(&out);
	tld_error_clear(&err);
	rc = list_copy_make((const char *)data, size, &o, &out, &err);
	if (rc == 0) {
		const char *s = buf_str(&out);
		size_t n = out.len;

		if (strlen(s) != n || !utf8_valid(s, n))
			fail("copy with NUL or not UTF-8");
		if (n < 2 || s[n - 2] != '\r' || s[n - 1] != '\n')
			fail("copy does not end with CRLF");
		char *head = strndup(s, n);
		char *blank = strstr(head, "\r\n\r\n");

		/* Only the top-level header block: a part may carry anything. */
		if (blank != NULL)
			blank[2] = '\0';
		if (count(head, "\nList-Id: TLD-OPS <tld-ops.lists.example>\r\n") +
		    (strncmp(head, "List-Id: TLD-OPS <", 18) == 0) != 1 ||
		    count(head, "\nX-Loop: tld-ops@lists.example\r\n") != 1)
			fail("our List-Id or X-Loop not exactly once");
		free(head);
	} else if (out.len != 0) {
		fail("a failed copy appended bytes");
	} else if (err.message[0] == '\0') {
		fail("a failed copy without a message");
	}
	buf_fini(&out);
	return 0;
}
