/* SPDX-License-Identifier: MIT */
/*
 * ccTLD use cases: resolving what a user typed to a delegated ccTLD, the
 * listings, the emergency lookup, and loading the reference table.
 */
#ifndef TLD_SERVICE_CCTLDS_H
#define TLD_SERVICE_CCTLDS_H

#include <stdio.h>

#include <jansson.h>

#include "model/cctld.h"
#include "service/context.h"
#include "store/cctld_store.h"

/* "nl", ".NL", "рф", "xn--p1ai" -> the stored ccTLD; errors name "cctld". */
int cctlds_resolve(struct tld_ctx *ctx, const char *input, struct cctld *out,
    struct tld_error *err);

/* The ccTLD JSON object of the CLI contract (code, unicode, country, ...). */
json_t *cctlds_to_json(const struct cctld *c);

/* "cctld show": one object with its contacts and IANA contacts. */
int cctlds_show_json(struct tld_ctx *ctx, const struct cctld *c, json_t **out,
    struct tld_error *err);

/*
 * `tldops init`: in one transaction, load the reference table compiled into
 * the binary (data/cctlds.tsv): insert new ccTLDs and refresh names and
 * regions, keeping membership.  Returns the number of rows; *schema gets the
 * schema version.
 */
int cctlds_init(struct tld_ctx *ctx, int *schema, struct tld_error *err);

/* Every ccTLD matching f, by code (a negative cb result stops). */
int cctlds_each(struct tld_ctx *ctx, const struct cctld_filter *f,
    store_cctld_cb cb, void *cb_ctx, struct tld_error *err);

/*
 * The emergency lookup of c: cctlds_to_json() with "contact_list", every
 * active contact (contact_to_json()) with "stale_since" (ISO 8601 of the
 * stale mark, or null).  *out is new (json_decref()).
 */
int cctlds_lookup(struct tld_ctx *ctx, const struct cctld *c, json_t **out,
    struct tld_error *err);

#endif
