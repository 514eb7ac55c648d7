/* SPDX-License-Identifier: MIT */
/*
 * Delivery status notifications (RFC 3464): a multipart/report with
 * report-type=delivery-status whose message/delivery-status part holds a
 * block of per-message fields (Reporting-MTA, ...) and one block per
 * recipient (Final-Recipient, Original-Recipient, Action, Status,
 * Diagnostic-Code).  GMime 3 reads the MIME structure and each block's
 * fields (mail/gmime_load.h); this module picks out what bounce handling
 * needs.
 */
#ifndef TLD_MAIL_DSN_H
#define TLD_MAIL_DSN_H

#include <stddef.h>

#include "util/error.h"

#define DSN_RECIPIENTS_MAX 100

enum dsn_class {
	DSN_CLASS_OTHER = 0, /* delivered, relayed, expanded: not a bounce */
	DSN_CLASS_SOFT,      /* Action: delayed, or a 4.x.x status */
	DSN_CLASS_HARD,      /* Action: failed with a 5.x.x status */
};

struct dsn_recipient {
	char final_recipient[320];    /* the address, type ("rfc822;") and <> removed */
	char original_recipient[320]; /* "" when absent */
	char action[32];              /* lower case: failed, delayed, ... */
	char status[16];              /* "5.1.1"; "" when absent or malformed */
	char diagnostic[512];         /* Diagnostic-Code text, "" when absent */
	enum dsn_class cls;
};

struct dsn_report {
	char reporting_mta[256];      /* "mx.example.org"; "" when absent */
	char original_message_id[256]; /* of the returned message, without <>; "" */
	size_t nrecipients;
	struct dsn_recipient *recipients; /* owned: dsn_report_fini() */
};

/*
 * Parse raw[0..len) as a DSN.  TLD_EINVAL naming "dsn" with the reason
 * when it is not one (no message/delivery-status part, no recipient block
 * with a Final-Recipient); TLD_EIO "mime" when GMime cannot be loaded.
 * At most DSN_RECIPIENTS_MAX recipients are read.
 */
int dsn_parse(const char *raw, size_t len, struct dsn_report *out,
    struct tld_error *err);
void dsn_report_fini(struct dsn_report *r);

/* The class of an Action and a Status ("failed", "5.1.1"). */
enum dsn_class dsn_classify(const char *action, const char *status);

#endif
