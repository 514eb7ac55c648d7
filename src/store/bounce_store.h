/* SPDX-License-Identifier: MIT */
/*
 * Bounces: delivery status notifications matched to our deliveries and
 * contacts, and the contacts marked undeliverable.  Conventions as in
 * store/store.h.
 */
#ifndef TLD_STORE_BOUNCE_STORE_H
#define TLD_STORE_BOUNCE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

/* A delivery a bounce names: its row, recipient and message. */
struct bounce_delivery {
	int64_t id;
	int64_t message_id;
	char recipient[320];
};
/* Delivery id.  TLD_ENOTFOUND when none. */
int store_bounce_delivery(struct store *s, int64_t id,
    struct bounce_delivery *out, struct tld_error *err);
/* The delivery of message_id to recipient (any case).  TLD_ENOTFOUND. */
int store_bounce_delivery_of(struct store *s, int64_t message_id,
    const char *recipient, struct bounce_delivery *out, struct tld_error *err);
/* The newest delivery to recipient updated at or after since.  TLD_ENOTFOUND. */
int store_bounce_delivery_to(struct store *s, const char *recipient,
    int64_t since, struct bounce_delivery *out, struct tld_error *err);

struct bounce_row {
	int64_t received;
	const char *kind;         /* hard, soft, unmatched, unparsed */
	int64_t contact_id;       /* 0: none */
	int64_t delivery_id;      /* 0: none */
	const char *recipient;
	const char *status;
	const char *action;
	const char *diagnostic;
	const char *reporting_mta;
	const char *extension;
	const void *raw;          /* NULL: not kept */
	size_t raw_len;
};
int store_bounce_insert(struct store *s, const struct bounce_row *b,
    int64_t *id, struct tld_error *err);
/* Hard bounces of contact_id received at or after since. */
int store_bounce_count_hard(struct store *s, int64_t contact_id, int64_t since,
    int64_t *count, struct tld_error *err);
/* Mark contact_id undeliverable (a mark already there is kept). */
int store_bounce_mark(struct store *s, int64_t contact_id, int64_t since,
    const char *reason, struct tld_error *err);
/* Since when contact_id is undeliverable, 0 when it is not. */
int store_bounce_undeliverable(struct store *s, int64_t contact_id,
    int64_t *since, struct tld_error *err);

/* Per contact that bounced; text borrowed in callbacks. */
struct bounce_summary {
	int64_t contact_id;
	const char *cctld;
	const char *name;
	const char *email;
	int64_t hard;
	int64_t soft;
	int64_t last;              /* newest bounce */
	const char *last_status;   /* "5.1.1 smtp; 550 ..." */
	int64_t undeliverable;     /* since; 0: not marked */
	const char *reason;
};
typedef int (*store_bounce_summary_cb)(void *ctx, const struct bounce_summary *b);
/* Active contacts with bounces or a mark, by ccTLD then id. */
int store_bounce_summary_each(struct store *s, store_bounce_summary_cb cb,
    void *ctx, struct tld_error *err);

/* Bounces kept for the secretariat (unmatched, unparsed), newest first. */
struct bounce_kept {
	int64_t id;
	int64_t received;
	const char *kind;
	const char *recipient;
	const char *status;
	const char *diagnostic;
	const char *extension;
};
typedef int (*store_bounce_kept_cb)(void *ctx, const struct bounce_kept *b);
int store_bounce_kept_each(struct store *s, store_bounce_kept_cb cb, void *ctx,
    struct tld_error *err);

#endif
