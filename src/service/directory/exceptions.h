/* SPDX-License-Identifier: MIT */
/*
 * Generic-contact exceptions: the documented cases (the IANA root contact,
 * liaisons) where a role address may stand for a contact.  Each records
 * who approved it, when and why.
 */
#ifndef TLD_SERVICE_EXCEPTIONS_H
#define TLD_SERVICE_EXCEPTIONS_H

#include <stdio.h>

#include "service/context.h"
#include "store/exception_store.h"

/* Record an exception for email approved by ctx->actor; prints nothing. */
int exceptions_add(struct tld_ctx *ctx, const char *email, const char *reason,
    struct generic_exception *out, struct tld_error *err);

/* List exceptions as text or a JSON array. */
int exceptions_print(struct tld_ctx *ctx, int json, FILE *out,
    struct tld_error *err);

#endif
