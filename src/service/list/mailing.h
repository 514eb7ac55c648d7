/* SPDX-License-Identifier: MIT */
/*
 * What the community receives from the list: security alerts to every
 * active contact, and the periodic repository mail (the whole contact
 * repository as one plain-text UTF-8 message), sent every
 * [mail] digest_interval_days exactly once per interval.
 */
#ifndef TLD_SERVICE_MAILING_H
#define TLD_SERVICE_MAILING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "mail/message.h"
#include "service/context.h"
#include "util/buf.h"

/*
 * Queue an alert for every active contact, with its audit row, in one
 * transaction.  Returns the number of recipients; *message_id the message.
 */
int alert_send(struct tld_ctx *ctx, const char *subject, const char *body,
    enum tlp tlp, int64_t *message_id, struct tld_error *err);

/*
 * What alert_send() would do, without doing it: the same checks of the
 * subject, the body and the TLP against the configuration (TLP:RED goes
 * only encrypted: [crypto] list_key), the same refusals naming the field,
 * then the number of recipients into *recipients.  Nothing is queued or
 * stored.
 */
int alert_preview(struct tld_ctx *ctx, const char *subject, const char *body,
    enum tlp tlp, int64_t *recipients, struct tld_error *err);

/*
 * The newest `limit` mailings of kind ("alert" or "digest") with their
 * delivery state from the outbox, newest first: [{id, subject, created,
 * sent_by, recipients, queued, sending, sent, failed}].  *out is new.
 */
int mailings_list_json(struct tld_ctx *ctx, const char *kind, int64_t limit,
    json_t **out, struct tld_error *err);

/*
 * How many would receive a mailing to the community now: the active
 * contacts' addresses, each once (digest_next()'s count).
 */
int mailing_recipients(struct tld_ctx *ctx, int64_t *n, struct tld_error *err);

/* Render the repository mail's text into out. */
int digest_render(struct tld_ctx *ctx, struct buf *out, struct tld_error *err);

/*
 * Queue the repository mail for every active contact.  With only_if_due,
 * nothing happens unless the interval has passed since the last one (the
 * schedule is advanced in the same transaction, so across restarts and
 * nodes it goes out once per interval); the first scheduled check only
 * starts the clock.  Returns the number of recipients,
 * 0 when not due.
 */
int digest_send(struct tld_ctx *ctx, bool only_if_due, int64_t *message_id,
    struct tld_error *err);

/*
 * When the next scheduled repository mail goes (`tldops digest --next`),
 * read-only.  last is the schedule's last run (a send, by `serve` or
 * `digest --send`, or the first `serve` starting the clock), 0 when the
 * clock has not started: then next is 0 too, and the first `serve` starts
 * it (the first mail goes an interval after that).  next = last + the
 * interval; due when next is not after now (the running `serve` sends it
 * within a minute).  recipients: the distinct addresses it would go to now.
 */
struct digest_schedule {
	int64_t last, next, now;
	int64_t interval_days;
	bool due;
	int recipients;
};
int digest_next(struct tld_ctx *ctx, struct digest_schedule *out,
    struct tld_error *err);

#endif
