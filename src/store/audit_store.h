/* SPDX-License-Identifier: MIT */
/*
 * The audit log: who changed what, when, with before and after.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_AUDIT_STORE_H
#define TLD_STORE_AUDIT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

struct audit_entry {
	int64_t id;
	int64_t at;
	const char *actor;       /* borrowed in callbacks */
	const char *action;
	const char *object_type;
	const char *object_id;
	const char *before_json; /* NULL when absent */
	const char *after_json;
};
int store_audit_insert(struct store *s, const struct audit_entry *e,
    struct tld_error *err);
typedef int (*store_audit_cb)(void *ctx, const struct audit_entry *e);
/* Entries with since <= at < until (until 0: no upper bound), oldest first. */
int store_audit_each(struct store *s, int64_t since, int64_t until,
    store_audit_cb cb, void *ctx, struct tld_error *err);

/* What the audit browser asks for; "" or 0 leaves a filter out. */
struct audit_query {
	const char *actor;       /* exactly */
	const char *object_type; /* "contact", "cctld", ... */
	const char *object_id;
	const char *cctld;       /* the object is this ccTLD or one of its contacts */
	int64_t since, until;    /* since <= at < until */
	int64_t offset, limit;   /* limit 0: all */
	bool oldest_first;       /* else newest first */
};
/* Entries matching q in q's order, offset..offset+limit; *total: all that match. */
int store_audit_query(struct store *s, const struct audit_query *q,
    store_audit_cb cb, void *ctx, int64_t *total, struct tld_error *err);

#endif
