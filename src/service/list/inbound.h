/* SPDX-License-Identifier: MIT */
/*
 * Mail to the list's addresses, as the MTA hands it over (`tldops deliver`):
 * a post to the list is parsed (mail/mime.h), judged by the posting policy
 * and either distributed to every member through the outbox or held for
 * the committee; mail to -owner is forwarded to the secretariat, mail to
 * -request answered with how to join, mail to the bounces address given to
 * the bounce handler.  Everything about one message is one transaction, so
 * the MTA's exit status can say "stored" only once it is.
 *
 * The path has three steps, each a function of inbound.c: parse, policy,
 * distribute.  A post encrypted to the list's key is to be decrypted
 * between parse and policy, and encrypted per recipient in distribute.
 */
#ifndef TLD_SERVICE_LIST_INBOUND_H
#define TLD_SERVICE_LIST_INBOUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "service/context.h"
#include "store/list_store.h"
#include "util/buf.h"

/* The list's addresses, from [list] and [mail] (docs/list.md). */
struct list_addrs {
	char post[CONFIG_STR_MAX];     /* tld-ops@lists.example */
	char local[CONFIG_STR_MAX];    /* tld-ops */
	char domain[CONFIG_STR_MAX];   /* lists.example */
	char bounces[CONFIG_STR_MAX];  /* tld-ops-bounces@lists.example */
	char owner[CONFIG_STR_MAX];    /* tld-ops-owner@lists.example */
	char request[CONFIG_STR_MAX];  /* tld-ops-request@lists.example */
	char name[CONFIG_STR_MAX];     /* "TLD-OPS": the subject tag's word */
};

/* Fill a from the configuration; TLD_EINVAL (field "list.address") if bad. */
int list_addrs_get(const struct config *cfg, struct list_addrs *a,
    struct tld_error *err);

/* What became of one message. */
struct list_deliver_result {
	int64_t post_id;         /* 0 for a bounce */
	char address[16];        /* list, owner, request, bounces */
	char state[16];          /* distributed, held, dropped, forwarded, answered */
	char reason[256];        /* why held or dropped */
	bool duplicate;          /* stored before (the MTA retried): nothing done */
	int recipients;          /* deliveries queued */
};

/* The most bytes `deliver` reads: beyond it a message is refused unread. */
int64_t list_deliver_limit(const struct config *cfg);

/*
 * Take one message raw[0..len) (borrowed) that the MTA delivered to
 * recipient, with the envelope sender (NULL: not given, "" or "<>": the
 * null sender).  Returns 0 once what it decided is committed, or:
 * TLD_ENOTFOUND (field "recipient") for an address the list does not
 * have; TLD_EINVAL or TLD_ELIMIT (field "message") for a message beyond
 * repair; TLD_ECONFLICT, TLD_ESTORE or TLD_EIO when it could not be stored
 * now (the MTA should try again).
 */
int list_deliver(struct tld_ctx *ctx, const char *recipient, const char *sender,
    const char *raw, size_t len, struct list_deliver_result *res,
    struct tld_error *err);

/*
 * Build the copy the list sends of raw (headers, tag, footer, From
 * rewriting as configured) into out.  Exposed for tests and `held show`.
 */
int list_post_copy(struct tld_ctx *ctx, const char *raw, size_t len,
    struct buf *out, struct tld_error *err);
/* The same with X-TLD-OPS-Signature and a line on top (NULL: none). */
int list_post_copy_signed(struct tld_ctx *ctx, const char *raw, size_t len,
    const char *signature, const char *preface, struct buf *out,
    struct tld_error *err);

/* ---- moderation (moderation.c) ------------------------------------------- */

/*
 * Held posts, newest first (expired ones are expired first, in their own
 * transaction).  cb gets each; returns how many.
 */
int held_each(struct tld_ctx *ctx, store_list_post_cb cb, void *cbctx,
    struct tld_error *err);

/*
 * A post as JSON: id, date (ISO 8601), from, from_name, subject, reason,
 * state, tlp, size.  Caller owns the result.
 */
json_t *held_post_json(const struct list_post *p);
/* Every held post as a JSON array of held_post_json() (expiring first). */
int held_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err);

/* One post (any state) and, with raw non-NULL, its bytes (caller frees). */
int held_get(struct tld_ctx *ctx, int64_t id, struct list_post *out,
    char **raw, size_t *len, struct tld_error *err);

/*
 * Distribute held post id to every member (and the archive), in one
 * transaction with its audit row.  TLD_ENOTFOUND (field "id"), TLD_EDENIED
 * (field "id") when it is no longer held.  Returns the recipients queued.
 */
int held_approve(struct tld_ctx *ctx, int64_t id, struct tld_error *err);

/*
 * Reject held post id with reason (required, one line): the sender gets a
 * short notice unless the post was an auto-reply or had no sender.
 */
int held_reject(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err);

/* Expire held posts older than [list] hold_days; returns how many. */
int held_expire(struct tld_ctx *ctx, struct tld_error *err);

/* Senders who may post without being contacts. */
int list_allow_add(struct tld_ctx *ctx, const char *email, const char *reason,
    struct tld_error *err);
int list_allow_remove(struct tld_ctx *ctx, const char *email,
    struct tld_error *err);
int list_allow_each(struct tld_ctx *ctx, store_list_allow_cb cb, void *cbctx,
    struct tld_error *err);

#endif
