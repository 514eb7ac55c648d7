/* SPDX-License-Identifier: MIT */
/*
 * One-time links (a contact's confirmation, an IANA contact's
 * authorisation): issued as a secret shown once and stored as its hash
 * (store/link_store.h), and the one rule of which link is valid: known,
 * unused and unexpired, else an error naming "token" that says which it is
 * not.  The login link is a web secret of its own (accounts.c): it joins
 * the account it signs in.
 */
#ifndef TLD_SERVICE_LINK_H
#define TLD_SERVICE_LINK_H

#include <stdint.h>

#include "service/context.h"
#include "store/link_store.h"
#include "util/secret.h"

/*
 * Issue a link of kind for t (owner, role, email, created, expires set by
 * the caller): a new secret into token, its hash into t->hash, stored.
 */
int link_issue(struct tld_ctx *ctx, enum link_kind kind, struct link_row *t,
    char token[SECRET_TEXT_MAX], struct tld_error *err);

/*
 * The stored row of token if the link is valid at now: TLD_ENOTFOUND when
 * it is unknown or malformed, TLD_EDENIED when used, TLD_EEXPIRED when
 * expired (each naming "token"), or a store error.
 */
int link_check(struct tld_ctx *ctx, enum link_kind kind, const char *token,
    int64_t now, struct link_row *t, struct tld_error *err);

#endif
