/* SPDX-License-Identifier: MIT */
/*
 * How the repository is used (docs/books.md): the front ends count each
 * emergency lookup, search and download here, in the database, per day,
 * channel and ccTLD looked up (or document downloaded); nothing says who
 * looked or what was typed.  The report answers "how often was the
 * repository used since the last meeting, and for which ccTLDs?".
 */
#ifndef TLD_SERVICE_BOOKS_USAGE_H
#define TLD_SERVICE_BOOKS_USAGE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "model/cctld.h"
#include "model/usage.h"
#include "service/context.h"

/*
 * Count one use.  At once, in a transaction of its own (the CLI), or, once
 * usage_defer() was called, added up in memory and written by the next
 * usage_flush() (`serve` flushes every few seconds and when it stops, so
 * that a busy lookup route does not take the write lock per request).  A
 * failure is logged and returned, but a front end goes on answering:
 * counting never stands in the way of an emergency lookup.
 *
 * usage_lookup: c is the ccTLD looked up (NULL when what was asked is not
 * one); it found a contact when the ccTLD has an active contact.
 * usage_search: found when the search had at least one result.
 * usage_download: subject is "offline" or "doc:SLUG:LANG".
 */
int usage_lookup(struct tld_ctx *ctx, enum usage_channel ch,
    const struct cctld *c);
int usage_search(struct tld_ctx *ctx, enum usage_channel ch, bool found);
int usage_download(struct tld_ctx *ctx, enum usage_channel ch,
    const char *subject);

/* From now on, count in memory until usage_flush() (the process's choice). */
void usage_defer(void);
/* Write what was counted in memory, in one transaction; 0 or TLD_E*. */
int usage_flush(struct tld_ctx *ctx);

/*
 * The counts of since <= day < until (0: no bound), as
 * {"since", "until" (ISO or null),
 *  "lookups", "lookups_found", "found_share" (lookups that found a contact,
 *   0..1, null without lookups), "searches", "searches_found", "downloads",
 *  "channels": {"cli", "web", "api"} (lookups and searches),
 *  "months": [{"month": "YYYY-MM", "lookups", "found", "searches",
 *              "downloads"}],
 *  "cctlds": [{"cctld", "lookups", "found"}] most looked up first (then by
 *   code; lookups of what was not a ccTLD are in "lookups" only),
 *  "downloads_by": [{"subject", "n"}] most first}.
 * TLD_EINVAL naming "since" when since is not before until.
 */
int usage_json(struct tld_ctx *ctx, int64_t since, int64_t until,
    json_t **out, struct tld_error *err);

#endif
