/* SPDX-License-Identifier: MIT */
/*
 * The outbox (messages and their deliveries) and the schedule of periodic jobs.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_OUTBOX_STORE_H
#define TLD_STORE_OUTBOX_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/states.h"
#include "store/store.h"
#include "util/error.h"


/*
 * Insert a message; sets *id.  data is the composed message; per_recipient:
 * it is made for each recipient when sent (never shares a transaction).
 */
int store_mail_insert(struct store *s, const char *kind, const char *subject,
    const char *sender, const char *data, bool per_recipient, int64_t created,
    const char *created_by, int64_t *id, struct tld_error *err);
/* Queue a delivery of message to recipient, due at `due`. */
int store_delivery_insert(struct store *s, int64_t message, const char *recipient,
    int64_t due, struct tld_error *err);

/*
 * A message to every member (a list post) waits in mail_fan_out for the
 * outbox to make its deliveries (migration 023): `deliver` commits one row
 * instead of one per member.
 */
struct fan_out {
	int64_t message;
	int64_t due;        /* the deliveries' first attempt */
};
int store_fan_out_later(struct store *s, int64_t message, int64_t due,
    struct tld_error *err);
/* Up to max waiting messages, oldest first; returns how many. */
int store_fan_out_waiting(struct store *s, struct fan_out *out, size_t max,
    struct tld_error *err);
/*
 * Inside the caller's transaction: queue f's message to every active contact
 * (one statement, each address once; an address queued already, by another
 * node doing the same, is skipped) and forget the wait.  Returns how many
 * deliveries this made.
 */
int store_fan_out(struct store *s, const struct fan_out *f,
    struct tld_error *err);

struct delivery {
	int64_t id;
	int64_t message;
	char recipient[256];
	int64_t attempts;
	char sender[256];
	const char *kind;   /* the message's; owned by the claim batch */
	const char *data;   /* the message; owned by the claim batch */
	size_t len;
	bool per_recipient; /* the message's mail_message.per_recipient */
};
struct delivery_batch {
	size_t n;
	struct delivery *items; /* owned; store_delivery_batch_fini() */
	char **datas;           /* one copy per distinct message (text, kind) */
	size_t ndatas;
};

/*
 * Claim up to max deliveries with id > after_id that are queued and due
 * (next_attempt <= now, or any queued one when all), or 'sending' with an
 * expired lease (their worker died): mark them sending, attempts + 1,
 * leased until lease_until.  One transaction of one UPDATE (rows locked
 * by another node are skipped on PostgreSQL), then one read per distinct
 * message; items in id order.  Returns how many.
 */
int store_delivery_claim(struct store *s, int64_t now, bool all,
    int64_t after_id, size_t max, int64_t lease_until,
    struct delivery_batch *out, struct tld_error *err);
void store_delivery_batch_fini(struct delivery_batch *b);
/*
 * Outcomes of claimed deliveries, inside the caller's transaction (one per
 * SMTP transaction): sent (n ids, any number; written in statements of
 * up to 56), queued again for next_attempt with the error, failed for
 * good with the error.
 */
int store_delivery_sent(struct store *s, const int64_t *ids, size_t n,
    int64_t now, struct tld_error *err);
int store_delivery_retry(struct store *s, int64_t id, int64_t now,
    int64_t next_attempt, const char *error, struct tld_error *err);
int store_delivery_failed(struct store *s, int64_t id, int64_t now,
    const char *error, struct tld_error *err);
/*
 * Inside the caller's transaction: once no delivery of the message is
 * queued or sending, blank its stored text.  For a message that carries a
 * secret (which kinds do is the outbox's to say): the secret then lives
 * only in the recipient's mailbox.
 */
int store_mail_scrub_secret(struct store *s, int64_t message,
    struct tld_error *err);
/*
 * Give claimed but unattempted deliveries back (attempts - 1), in one
 * transaction of its own.
 */
int store_delivery_release(struct store *s, const int64_t *ids, size_t n,
    struct tld_error *err);
/*
 * Keep claimed deliveries that are still waiting for their turn leased
 * until lease_until (a long run), in one transaction of its own.
 */
int store_delivery_renew(struct store *s, const int64_t *ids, size_t n,
    int64_t lease_until, struct tld_error *err);

struct outbox_counts {
	int64_t by_state[DELIVERY_STATES];
	int64_t messages;
	int64_t next_due;   /* earliest next_attempt of a queued delivery, 0 if none */
};
int store_outbox_counts(struct store *s, struct outbox_counts *out,
    struct tld_error *err);

struct failed_delivery {
	int64_t id;
	int64_t message;
	const char *kind;       /* borrowed in callbacks */
	const char *subject;
	const char *recipient;
	const char *state;
	int64_t attempts;
	int64_t next_attempt;
	const char *last_error;
};
typedef int (*store_delivery_cb)(void *ctx, const struct failed_delivery *d);
/* Deliveries not yet sent with an error (queued after a failure, or failed). */
int store_delivery_problems_each(struct store *s, store_delivery_cb cb,
    void *ctx, struct tld_error *err);

/* A message of one kind with its deliveries per state (the list of alerts). */
struct mail_summary {
	int64_t id;
	const char *subject;    /* borrowed in callbacks */
	const char *created_by;
	int64_t created;
	int64_t recipients;     /* deliveries */
	int64_t by_state[DELIVERY_STATES];
};
typedef int (*store_mail_summary_cb)(void *ctx, const struct mail_summary *m);
/* The newest `limit` messages of kind, newest first; returns how many. */
int store_mail_summaries_each(struct store *s, const char *kind, int64_t limit,
    store_mail_summary_cb cb, void *ctx, struct tld_error *err);


/*
 * Inside a transaction: take job's lock for the rest of it, so that of
 * several nodes running the scheduler only one works on the job at a time.
 * 1 when this caller holds it, 0 when another node does (do nothing).
 */
int store_job_try_lock(struct store *s, const char *job, struct tld_error *err);
/* When job last ran (0 if never). */
int store_schedule_get(struct store *s, const char *job, int64_t *last_run,
    struct tld_error *err);
/*
 * Move job's last run from `expected` to `now`; returns 1 when this caller
 * won (the row still held `expected`), 0 when another process ran it first.
 */
int store_schedule_advance(struct store *s, const char *job, int64_t expected,
    int64_t now, struct tld_error *err);

#endif
