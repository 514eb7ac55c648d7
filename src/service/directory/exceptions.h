/* SPDX-License-Identifier: MIT */
/*
 * Generic-contact exceptions: the documented cases (the IANA root contact,
 * liaisons) where a role address may stand for a contact.  Each records
 * who approved it, when and why.
 */
#ifndef TLD_SERVICE_EXCEPTIONS_H
#define TLD_SERVICE_EXCEPTIONS_H

#include <jansson.h>

#include "service/context.h"
#include "store/exception_store.h"

/* Record an exception for email approved by ctx->actor; prints nothing. */
int exceptions_add(struct tld_ctx *ctx, const char *email, const char *reason,
    struct generic_exception *out, struct tld_error *err);

/*
 * Revoke exception id (the address is then a role address again for new
 * contacts; contacts added under it stay), with an optional reason in
 * the audit row.  TLD_ENOTFOUND naming "id" when no active exception has
 * that id; TLD_EINVAL naming "reason" for a reason that is not one line.
 */
int exceptions_remove(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct generic_exception *out, struct tld_error *err);

/*
 * Every exception as a JSON array of {id, email, reason, approved_by,
 * created (ISO 8601), contact}: contact is the active contact with the
 * address, the one the exception stands for ({id, kind, cctld} or
 * {id, kind, affiliation} for a community contact), or null.  *out is new (json_decref()).
 */
int exceptions_list(struct tld_ctx *ctx, json_t **out, struct tld_error *err);

#endif
