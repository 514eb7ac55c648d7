/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/markup and model/meeting: any bytes go through
 * markup_html_escape(), markup_md_escape() and meeting_date_parse().  The
 * HTML must hold no markup character and no control character; the
 * Markdown must stay on one line with every markup character escaped; a
 * date either parses to midnight UTC or is refused naming its field.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/markup.h"
#include "model/meeting.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_markup: %s\n", what);
	abort();
}

static void
check_html(const char *p, size_t len)
{
	struct buf b;

	buf_init(&b);
	markup_html_escape(&b, p, len);
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];

		if (c == '<' || c == '>' || c == '"' || c == '\'' || c < 0x20 ||
		    c == 0x7f)
			fail("html: markup or control character left");
		/* Every & starts one of the entities the escaper writes. */
		if (c == '&' && strncmp(b.data + i, "&amp;", 5) != 0 &&
		    strncmp(b.data + i, "&lt;", 4) != 0 &&
		    strncmp(b.data + i, "&gt;", 4) != 0 &&
		    strncmp(b.data + i, "&quot;", 6) != 0 &&
		    strncmp(b.data + i, "&#39;", 5) != 0)
			fail("html: bare &");
	}
	if (b.len < len)
		fail("html: text lost");
	buf_fini(&b);
}

static void
check_md(const char *p, size_t len)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	markup_md_escape(&b, p, len);
	for (i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];

		if (c < 0x20 || c == 0x7f)
			fail("md: control character left");
		if (c == '\\') {
			/* An escape: the next byte is the escaped character. */
			if (i + 1 == b.len ||
			    strchr("\\`*_[]<>|~!&#", b.data[i + 1]) == NULL)
				fail("md: lone backslash");
			i++;
			continue;
		}
		if (strchr("`*_[]<>|~!&", c) != NULL)
			fail("md: unescaped markup character");
		if (c == '#' && (i == 0 || b.data[i - 1] == ' '))
			fail("md: unescaped # that could make a heading");
	}
	buf_fini(&b);
}

static void
check_date(const char *p, size_t len)
{
	struct tld_error err;
	int64_t t = -1;
	int rc;

	tld_error_clear(&err);
	rc = meeting_date_parse("date", p, len, &t, &err);
	if (rc == 0) {
		if (len != 10 || t < 0 || t % MEETING_DAY != 0)
			fail("date: not a day");
	} else if (rc != TLD_EINVAL || strcmp(err.field, "date") != 0 || t != -1) {
		fail("date: bad refusal");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;

	check_html(p, size);
	check_md(p, size);
	check_date(p, size);
	return 0;
}
