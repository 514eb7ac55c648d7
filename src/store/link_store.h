/* SPDX-License-Identifier: MIT */
/*
 * One-time links (store/link_store.c): the tokens of a contact's
 * confirmation link (freshness) and of an IANA contact's authorisation link
 * (membership requests), one code keyed by kind over their two tables.  A
 * token is stored only as its hash (util/secret.h); it is issued, looked up,
 * used once (one, or every token of its owner) and expires.  The policy
 * (which link is valid) is service/link.c's.
 */
#ifndef TLD_STORE_LINK_STORE_H
#define TLD_STORE_LINK_STORE_H

#include <stdint.h>

#include "store/store.h"

enum link_kind {
	LINK_CONFIRM,    /* freshness_token: owner is the contact */
	LINK_AUTHORISE,  /* request_token: owner is the request, with a role */
};
#define LINK_KINDS 2

struct link_row {
	char hash[65];
	int64_t owner;          /* contact id (confirm) or request id (authorise) */
	char role[8];           /* authorise: "admin" or "tech"; confirm: "" */
	char email[256];
	int64_t created;        /* confirm only; 0 for authorise */
	int64_t expires;
	int64_t used;           /* 0 while unused */
};

int store_link_insert(struct store *s, enum link_kind kind,
    const struct link_row *t, struct tld_error *err);
/* TLD_ENOTFOUND (err untouched) when there is no such token. */
int store_link_get(struct store *s, enum link_kind kind, const char *hash,
    struct link_row *out, struct tld_error *err);
/* Use up one unused token: 1 when this call did, 0 when it was used. */
int store_link_use(struct store *s, enum link_kind kind, const char *hash,
    int64_t at, struct tld_error *err);
/* Use up every unused token of owner at `at`. */
int store_link_use_all(struct store *s, enum link_kind kind, int64_t owner,
    int64_t at, struct tld_error *err);

#endif
