/* SPDX-License-Identifier: MIT */
/*
 * Searching the repository (the member portal's search box and
 * GET /api/v1/search): ccTLDs by code, U-label or country, and active
 * contacts by name, organisation, email or role.  Case-insensitive for
 * ASCII letters, substring match.
 */
#ifndef TLD_SERVICE_SEARCH_H
#define TLD_SERVICE_SEARCH_H

#include <stddef.h>

#include <jansson.h>

#include "service/context.h"

#define SEARCH_QUERY_MAX 100
#define SEARCH_LIMIT 100

/*
 * {"query": q, "cctlds": [ccTLD objects], "contacts": [contact objects],
 *  "truncated": bool}, each list at most SEARCH_LIMIT long; every object has
 * "matched": the field the query was found in (a ccTLD's "code", "unicode"
 * or "country"; a contact's "cctld", "name", "email", "organisation" or
 * "role").  A query that
 * names a ccTLD (".рф", "NL", "xn--p1ai") finds it first.  q must be
 * 1..SEARCH_QUERY_MAX bytes of UTF-8 text (TLD_EINVAL naming "q").
 */
int search_json(struct tld_ctx *ctx, const char *q, json_t **out,
    struct tld_error *err);

#endif
