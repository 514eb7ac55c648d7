/* SPDX-License-Identifier: MIT */
/*
 * A per-node limit on how often one client address may open one-time links
 * (sign-in, authorisation, confirmation): WEB_LINK_MAX requests per
 * WEB_LINK_WINDOW seconds.  The links are 256-bit and cannot be guessed;
 * the limit keeps a client from hammering the database through them.  It
 * lives in memory (no write per request); with several nodes each counts
 * its own share.  The sign-in form has its own limit, in the database
 * (service/accounts.h); the join form one of these tables (below).
 */
#ifndef TLD_WEB_RATELIMIT_H
#define TLD_WEB_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define WEB_LINK_MAX 60
#define WEB_LINK_WINDOW 60

/* Once, before the first check: picks the table's secret hash key. */
void web_link_limit_init(void);

/*
 * Take one request of client at now from its share: true when it was under
 * the limit (the request counts), false when it is over (turn it away).
 */
bool web_link_limit_take(const char *client, int64_t now);

/*
 * The public join form (/join): WEB_JOIN_MAX posts per client per
 * WEB_JOIN_WINDOW seconds, counted like the links (each node its own
 * share).  Every post counts, a refused one too.
 */
#define WEB_JOIN_MAX 10
#define WEB_JOIN_WINDOW 3600

bool web_join_limit_take(const char *client, int64_t now);

#endif
