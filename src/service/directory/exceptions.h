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
 * Every exception as a JSON array of {id, email, reason, approved_by,
 * created (ISO 8601)}.  *out is new (json_decref()).
 */
int exceptions_list(struct tld_ctx *ctx, json_t **out, struct tld_error *err);

#endif
