/* SPDX-License-Identifier: MIT */
/*
 * Membership requests and their authorisation tokens.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_REQUEST_STORE_H
#define TLD_STORE_REQUEST_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "model/contact.h"
#include "store/store.h"
#include "util/error.h"

struct request_row {
	int64_t id;
	char kind[8];
	char cctld[CCTLD_CODE_MAX + 1];
	char state[24];
	int64_t contact_id;              /* 0 for join */
	struct contact proposed;         /* proposed fields; id, cctld unused */
	char fields_given[128];
	char requested_by[128];
	int64_t created;
	int64_t expires;
	char authorised_by[320];
	int64_t authorised_at;
	char decided_by[128];
	int64_t decided_at;
	char reason[512];
};

int store_request_insert(struct store *s, struct request_row *r,
    struct tld_error *err);
/* TLD_ENOTFOUND when there is no such request. */
int store_request_get(struct store *s, int64_t id, struct request_row *out,
    struct tld_error *err);
typedef int (*store_request_cb)(void *ctx, const struct request_row *r);
/* Newest first; state NULL for all. */
int store_request_each(struct store *s, const char *state,
    store_request_cb cb, void *ctx, struct tld_error *err);
/*
 * Move request id from state `from` to `to` with who/when/reason for the
 * decision fields (authorised_* when to is "authorised", decided_* else).
 * Returns 1 when this call made the change, 0 when the request was no
 * longer in `from` (someone else decided first).
 */
int store_request_transition(struct store *s, int64_t id, const char *from,
    const char *to, const char *who, int64_t at, const char *reason,
    struct tld_error *err);
/* Pending requests whose validity ended before now, oldest first. */
int store_request_each_expired(struct store *s, int64_t now,
    store_request_cb cb, void *ctx, struct tld_error *err);

/* The authorisation links' tokens: store/link_store.h (LINK_AUTHORISE). */

#endif
