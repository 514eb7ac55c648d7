/* SPDX-License-Identifier: MIT */
/*
 * The durable outbox as a use case: queue a composed message for many
 * recipients, deliver what is due through a transport with retries and
 * exponential backoff, report failures for good to the secretariat, and
 * show the state.  States and the crash window are in docs/outbox.md.
 */
#ifndef TLD_SERVICE_OUTBOX_H
#define TLD_SERVICE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "mail/message.h"
#include "service/context.h"
#include "store/outbox_store.h"

/*
 * What a message is for its recipients, said by whoever queues it
 * (docs/outbox.md):
 * - OUTBOX_SAME_BYTES: the same bytes for everyone (alerts, the repository
 *   mail, list posts): up to [mail] max_recipients of its deliveries share
 *   one SMTP transaction;
 * - OUTBOX_PER_RECIPIENT: made for each recipient when it is sent (a
 *   personal link composed at send time, encryption to the member's key):
 *   one transaction per delivery, its bytes from delivery_bytes() in
 *   outbox.c.  A message marked for encryption (service/outbox_crypt.h)
 *   is always this.
 */
enum outbox_bytes {
	OUTBOX_SAME_BYTES = 0,
	OUTBOX_PER_RECIPIENT = 1,
};

/*
 * Inside the caller's transaction: compose a message from spec (From,
 * Message-ID and Date are filled here from the configuration and the
 * clock) and queue one delivery per recipient (duplicates dropped).
 * Returns the number of deliveries queued; *message_id gets the row id.
 */
int outbox_queue(struct tld_ctx *ctx, const char *kind,
    enum outbox_bytes bytes, struct mail_spec *spec,
    const char *const *recipients, size_t nrecipients, int64_t *message_id,
    struct tld_error *err);

/*
 * Inside the caller's transaction: one message to one person, made for them
 * (OUTBOX_PER_RECIPIENT) and signed with [mail] signing_key, as a link or an
 * ask to a member is.  Returns 0 or a negative TLD_E* code.
 */
int outbox_queue_signed_to(struct tld_ctx *ctx, const char *kind,
    const char *name, const char *addr, const char *subject, const char *body,
    struct tld_error *err);

/*
 * Inside the caller's transaction: queue data (a whole message, CRLF line
 * ends, valid UTF-8 without NUL: a list post's copy, a forwarded message)
 * as it is, from the envelope sender, to each recipient (duplicates
 * dropped; none: the caller queues them, e.g. to every member).  Returns the
 * number of deliveries queued; *message_id gets the row id.
 */
int outbox_queue_data(struct tld_ctx *ctx, const char *kind,
    enum outbox_bytes bytes, const char *subject, const char *sender,
    const char *data,
    const char *const *recipients, size_t nrecipients, int64_t *message_id,
    struct tld_error *err);

struct outbox_run_stats {
	size_t sent;
	size_t retried;   /* temporary failure: queued again with backoff */
	size_t failed;    /* failed for good after [mail] max_attempts */
};

/*
 * Deliver every due delivery once (all: also those still backing off)
 * through ctx->mail.  Stops early after repeated temporary failures (the
 * server is down): the rest stay queued.
 */
int outbox_run(struct tld_ctx *ctx, bool all, struct outbox_run_stats *stats,
    struct tld_error *err);

/* Deliveries per state and the next one due (the metrics' gauges). */
int outbox_counts(struct tld_ctx *ctx, struct outbox_counts *out,
    struct tld_error *err);

/*
 * Counts per state and the problem deliveries: {messages, queued, sending,
 * sent, failed, next_due (ISO 8601 or null), problems: [{id, message, kind,
 * subject, recipient, state, attempts, next_attempt, last_error}]}.  *out
 * is new (json_decref()).
 */
int outbox_status(struct tld_ctx *ctx, json_t **out, struct tld_error *err);

/* The delay before attempt n + 1 after n failed attempts (60 s doubling, at most 6 h). */
int64_t outbox_backoff(int64_t attempts);

#endif
