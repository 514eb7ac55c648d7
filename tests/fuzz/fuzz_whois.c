/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/whois: parses the input as whois.iana.org answers
 * and checks what a caller relies on: on success at least one record, every
 * string non-NULL, valid UTF-8, free of control characters (but for the
 * '\n' joining address lines) and bounded; on failure nothing returned and
 * a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/whois.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_whois: %s\n", what);
	abort();
}

static void
check_value(const char *s, int multiline)
{
	size_t len;

	if (s == NULL)
		fail("NULL value");
	len = strlen(s);
	if (len > WHOIS_MAX_VALUE || !utf8_valid(s, len))
		fail("value too long or not UTF-8");
	for (size_t i = 0; i < len; i++) {
		size_t start = i;

		/* Check each line on its own: '\n' only joins addresses. */
		while (i < len && s[i] != '\n')
			i++;
		if (s[i] == '\n' && !multiline)
			fail("newline in a value");
		if (utf8_has_control(s + start, i - start))
			fail("control character in a value");
	}
}

static void
check_contact(const struct whois_contact *c)
{
	check_value(c->name, 0);
	check_value(c->organisation, 0);
	check_value(c->address, 1);
	check_value(c->phone, 0);
	check_value(c->fax, 0);
	check_value(c->email, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct whois_record *recs;
	size_t count, last_line = 0;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = whois_parse((const char *)data, size, &recs, &count, &err);
	if (rc != 0) {
		if (rc != TLD_EINVAL && rc != TLD_ELIMIT)
			fail("unexpected error code");
		if (recs != NULL || count != 0 || err.code != rc ||
		    err.message[0] == '\0')
			fail("bad failure");
		return 0;
	}
	if (recs == NULL || count == 0 || count > WHOIS_MAX_RECORDS)
		fail("bad record count");
	for (size_t i = 0; i < count; i++) {
		if (recs[i].line <= last_line)
			fail("record lines not increasing");
		last_line = recs[i].line;
		check_value(recs[i].domain, 0);
		if (recs[i].domain[0] == '\0')
			fail("empty domain");
		check_value(recs[i].organisation, 0);
		check_contact(&recs[i].admin);
		check_contact(&recs[i].tech);
		check_value(recs[i].created, 0);
		check_value(recs[i].changed, 0);
	}
	whois_records_free(recs, count);
	return 0;
}
