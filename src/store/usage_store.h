/* SPDX-License-Identifier: MIT */
/*
 * Usage counts of the repository (lookups, searches, downloads) per day,
 * channel, kind and subject; no row says who looked or what was typed.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_USAGE_STORE_H
#define TLD_STORE_USAGE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

/*
 * Add n uses, found of which found what they looked for, to the row of day,
 * channel, kind, subject (created when new).  Names as in model/usage.h.
 */
int store_usage_add(struct store *s, int64_t day, const char *channel,
    const char *kind, const char *subject, int64_t n, int64_t found,
    struct tld_error *err);

struct usage_row {
	int64_t day;
	const char *channel;    /* borrowed in callbacks */
	const char *kind;
	const char *subject;
	int64_t n;
	int64_t found;
};
typedef int (*store_usage_cb)(void *ctx, const struct usage_row *r);
/* Rows with since <= day < until (until 0: no bound), by day, then key. */
int store_usage_each(struct store *s, int64_t since, int64_t until,
    store_usage_cb cb, void *ctx, struct tld_error *err);

#endif
