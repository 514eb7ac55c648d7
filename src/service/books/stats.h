/* SPDX-License-Identifier: MIT */
/*
 * The statistics for each meeting (docs/books.md): member ccTLDs and
 * contacts in total and per ICANN region at a date, coverage of all ccTLDs
 * (ASCII and IDN apart), the non-members per region, and for a period the
 * ccTLDs added and removed, contact additions, updates and removals, alerts
 * sent and requests by outcome.  Everything is derived from the audit log
 * and the contact rows, which are never deleted, so any past period is
 * exact.  Read-only: nothing is written.
 *
 * A period is since <= t < until.  since 0 means from the beginning of the
 * log, until 0 means now.  Membership and contact counts are those at
 * `until` (just before it).
 */
#ifndef TLD_SERVICE_STATS_H
#define TLD_SERVICE_STATS_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "util/buf.h"

/*
 * The figures as one JSON object:
 * {"cctlds": {"total", "members", "ascii": {"total", "members"},
 *             "idn": {"total", "members"}},
 *  "contacts",
 *  "regions": {"AF": {"total", "members", "contacts", "non_members": [code],
 *              "stale"}, ...},
 *  "period": {"since" (null from the beginning), "until", "added": [code],
 *             "removed": [code], "contact_additions", "contact_updates",
 *             "contact_removals", "alerts",
 *             "requests": {"approved", "rejected", "withdrawn", "expired"}}}
 * "stale" counts the region's active contacts marked stale before `until`
 * that are still stale now (docs/freshness.md: the marks are current
 * state, not replayed from the log).  Codes are A-labels, sorted.  *out is new (json_decref()).  TLD_EINVAL
 * naming "since" when since is not before until.
 */
int stats_json(struct tld_ctx *ctx, int64_t since, int64_t until,
    json_t **out, struct tld_error *err);

/*
 * The period of stats_json() (its "period", borrowed) in words, as every
 * page and printer says it: "from the beginning to UNTIL" when it has no
 * start, else "from SINCE to UNTIL" (the timestamps as in the JSON).
 * Returns out.
 */
const char *stats_period_words(const json_t *period, char *out, size_t outlen);

/*
 * The stats spreadsheet renderer: one CSV row per ccTLD with code, country,
 * region, member yes/no, since, contacts, to out.  Nothing is written to
 * out on failure; TLD_EIO naming "output" when out fails.
 */
int stats_render_csv(struct tld_ctx *ctx, int64_t since, int64_t until,
    FILE *out, struct tld_error *err);
/* stats_render_csv() appended to out (a download); out is unchanged on failure. */
int stats_render_csv_buf(struct tld_ctx *ctx, int64_t since, int64_t until,
    struct buf *out, struct tld_error *err);

/*
 * The stats chart renderer: the figures of stats_json() (borrowed) as a
 * 16:9 SVG for a slide (members per region and the period's plus/minus),
 * appended to out.
 */
void stats_render_svg(const json_t *figures, struct buf *out);

#endif
