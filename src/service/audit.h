/* SPDX-License-Identifier: MIT */
/*
 * The audit log: every change writes one row in the same transaction as the
 * change itself, with the object before and after as JSON.
 */
#ifndef TLD_SERVICE_AUDIT_H
#define TLD_SERVICE_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "service/context.h"
#include "store/audit_store.h" /* struct audit_query */
#include "store/import_store.h"

/*
 * Record action (e.g. "contact.add") on object_type/object_id by ctx->actor
 * at the current time.  before/after are borrowed and may be NULL.
 */
int audit_record(struct tld_ctx *ctx, const char *action,
    const char *object_type, const char *object_id, json_t *before,
    json_t *after, struct tld_error *err);

/*
 * audit_record() into a bulk import (store/import_store.h): the row is
 * gathered in imp and written with the import's rows.
 */
int audit_record_bulk(struct tld_ctx *ctx, struct store_import *imp,
    const char *action, const char *object_type, const char *object_id,
    json_t *before, json_t *after, struct tld_error *err);

/*
 * The entries with since <= at < until (0: open) as a JSON array of {id, at
 * (ISO 8601), actor, action, object_type, object_id, before, after (the
 * objects, or null)}, oldest first.  *out is new (json_decref()).
 */
int audit_list(struct tld_ctx *ctx, int64_t since, int64_t until,
    json_t **out, struct tld_error *err);

#define AUDIT_PAGE_MAX 500

/*
 * The entries matching q, newest first, as a JSON array of {id, at, actor,
 * action, object_type, object_id, before, after}; *total: how many match
 * in all.  A limit outside 1..AUDIT_PAGE_MAX or a negative offset is
 * refused naming "limit" or "offset".  *out is new.
 */
int audit_query_json(struct tld_ctx *ctx, const struct audit_query *q,
    json_t **out, int64_t *total, struct tld_error *err);

/*
 * Every entry matching q (its actor, object, ccTLD in any spelling and
 * period; offset and limit ignored), oldest first, in the shape of
 * audit_query_json().  With a ccTLD: the rows about it, its contacts (also
 * those since removed) and its requests.  *out is new.
 */
int audit_history(struct tld_ctx *ctx, const struct audit_query *q,
    json_t **out, struct tld_error *err);

#endif
