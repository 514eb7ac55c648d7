/* SPDX-License-Identifier: MIT */
/*
 * Bounces come home: delivery status notifications (RFC 3464) sent to
 * the list's bounces address are matched to the delivery and its
 * contact.  A hard bounce (Action: failed, 5.x.x) whose status is in
 * [list] bounce_immediate (default 5.1.1), or the [list] bounce_threshold-th
 * (default 3) hard bounce within [list] bounce_window_days (30), marks the
 * contact undeliverable: shown on /committee, counted stale by freshness,
 * listed in the weekly summary, never removed automatically.  Soft
 * bounces (delayed, 4.x.x) are counted, not marked.  A message that is no
 * report, or names no delivery of ours, is kept (bytes and all) for the
 * secretariat.
 *
 * The envelope sender (VERP).  Mail the list sends should go out with
 * MAIL FROM <local+EXT@domain> built from the bounces address local@domain by
 * bounces_envelope_sender():
 *   m<N>  N = mail_message.id: one sender per message, so the outbox can
 *         still batch recipients; the DSN's Original-/Final-Recipient then
 *         picks the delivery of that message.
 *   d<N>  N = mail_delivery.id: one sender per recipient (exact even when
 *         the report names a forwarded address), no batching.
 * Postfix with recipient_delimiter = + hands the extension to `tldops
 * deliver` in ${original_recipient}; pass the part after '+' (without the
 * domain) to bounces_receive().  Without an extension (or an unknown one)
 * a report is matched to the newest delivery to its recipient within
 * bounce_window_days.
 */
#ifndef TLD_SERVICE_LIST_BOUNCES_H
#define TLD_SERVICE_LIST_BOUNCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "service/context.h"
#include "store/bounce_store.h"

/*
 * The envelope sender for message or delivery id: kind 'm' (message) or
 * 'd' (delivery), from the list's bounces address (list_addrs_get():
 * [list] bounces, else local-bounces@ the list's domain).  TLD_EINVAL field
 * "list.bounces" when that is not local@domain or out is too small.
 */
int bounces_envelope_sender(const struct config *cfg, char kind, int64_t id,
    char *out, size_t outlen, struct tld_error *err);

/*
 * One message that came to the bounces address, raw[0..len) as received;
 * extension is what followed '+' in the address ("m12", "d345"), NULL or
 * "" when none.  Inside the caller's transaction (the caller begins and
 * commits; nothing is committed here).  Writes a bounce row per failed
 * or delayed recipient (an "unparsed" row with the bytes when raw is no
 * report), marks contacts undeliverable by the rules above (with an
 * audit row "contact.undeliverable"), and returns the number of bounces
 * matched to a contact (0: kept for the secretariat, or a report of
 * success), or a negative code when the database fails (TLD_EIO "mime"
 * when GMime cannot be loaded: the caller should ask the MTA to retry).
 */
int bounces_receive(struct tld_ctx *ctx, const char *extension,
    const char *raw, size_t len, struct tld_error *err);

/* `tldops bounces`: per contact that bounced (store/bounce_store.h). */
int bounces_summary(struct tld_ctx *ctx, store_bounce_summary_cb cb,
    void *cbctx, struct tld_error *err);
/* What was kept for the secretariat: reports we could not use. */
int bounces_kept(struct tld_ctx *ctx, store_bounce_kept_cb cb, void *cbctx,
    struct tld_error *err);
/* Since when a contact is undeliverable (0: it is not). */
int bounces_undeliverable(struct tld_ctx *ctx, int64_t contact_id,
    int64_t *since, struct tld_error *err);

#endif
