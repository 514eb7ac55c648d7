/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for mail/dsn (and the mail/mime parse it rests on).  Input:
 * one message.  dsn_parse() must either refuse with TLD_EINVAL naming
 * "dsn" or give 1..DSN_RECIPIENTS_MAX recipients, each with a non-empty
 * Final-Recipient, every field NUL-terminated, well-formed UTF-8 without
 * control characters, a Status that is empty or d.d.d, and a class that
 * agrees with dsn_classify().  mime_parse() of the same bytes must give
 * well-formed UTF-8 in every text it returns.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/dsn.h"
#include "mail/mime.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_dsn: %s\n", what);
	abort();
}

static void
check_text(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (n == max)
		fail("field not NUL-terminated");
	if (!utf8_valid(s, n))
		fail("field not UTF-8");
}

static void
check_field(const char *s, size_t max)
{
	check_text(s, max);
	if (utf8_has_control(s, strlen(s)))
		fail("control character in a field");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsn_report r;
	struct mime_message m;
	struct tld_error err;
	int rc;

	rc = dsn_parse((const char *)data, size, &r, &err);
	if (rc < 0) {
		if (rc != TLD_EINVAL || strcmp(err.field, "dsn") != 0)
			fail("refusal without TLD_EINVAL on dsn");
	} else {
		if (r.nrecipients == 0 || r.nrecipients > DSN_RECIPIENTS_MAX)
			fail("recipient count out of range");
		check_field(r.reporting_mta, sizeof(r.reporting_mta));
		check_field(r.original_message_id, sizeof(r.original_message_id));
		for (size_t i = 0; i < r.nrecipients; i++) {
			const struct dsn_recipient *d = &r.recipients[i];
			const char *st = d->status;

			check_field(d->final_recipient, sizeof(d->final_recipient));
			check_field(d->original_recipient, sizeof(d->original_recipient));
			check_field(d->action, sizeof(d->action));
			check_field(d->status, sizeof(d->status));
			check_field(d->diagnostic, sizeof(d->diagnostic));
			if (st[0] != '\0' && (strspn(st, "0123456789.") != strlen(st) ||
			    (st[0] != '2' && st[0] != '4' && st[0] != '5')))
				fail("malformed status kept");
			if (d->cls != dsn_classify(d->action, d->status))
				fail("class disagrees with dsn_classify");
		}
		dsn_report_fini(&r);
	}
	if (mime_parse((const char *)data, size, &m, &err) == 0) {
		check_text(m.message_id, strlen(m.message_id) + 1);
		check_text(m.subject, strlen(m.subject) + 1);
		check_text(m.from_name, strlen(m.from_name) + 1);
		check_text(m.from_addr, strlen(m.from_addr) + 1);
		check_text(m.text, strlen(m.text) + 1);
		for (size_t i = 0; i < m.nattachments; i++)
			check_text(m.attachments[i].filename,
			    strlen(m.attachments[i].filename) + 1);
		mime_message_fini(&m);
	}
	return 0;
}
