/* SPDX-License-Identifier: MIT */
/*
 * Members' OpenPGP keys over time (docs/crypto.md, "Key lifecycle"): the
 * freshness run asks a member whose key expires within KEY_RENEW_DAYS to
 * renew it (once per key and expiry), and the committee dashboard and the
 * weekly summary list the keys that expired or were revoked, so no key
 * lapses silently.  Only with [crypto] list_key set (no encryption, no
 * keys to watch).
 */
#ifndef TLD_SERVICE_KEY_LIFECYCLE_H
#define TLD_SERVICE_KEY_LIFECYCLE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "service/context.h"

#define KEY_RENEW_DAYS 30

/*
 * The active contacts whose key needs someone: a JSON array, by ccTLD then
 * id, of {"id", "cctld", "name", "email", "fingerprint", "state":
 * "expired"|"revoked"|"expiring", "expires" (ISO or null), "why"}.
 * "expiring" is a usable key that expires within KEY_RENEW_DAYS of now.
 * An empty array without [crypto] list_key.  *out is new.
 */
int key_lifecycle_json(struct tld_ctx *ctx, int64_t now, json_t **out,
    struct tld_error *err);

/*
 * Mail each member whose usable key expires within KEY_RENEW_DAYS of now
 * a request to renew it and upload it at <base_url>/me; each ask is its
 * own transaction (the guarded row, the mail, the audit row key.ask), once
 * per contact, key and expiry.  *asked counts the asks made.
 */
int key_lifecycle_ask(struct tld_ctx *ctx, int64_t now, size_t *asked,
    struct tld_error *err);

#endif
