/* SPDX-License-Identifier: MIT */
/*
 * The web front end: `tldops serve`.  GNU libmicrohttpd with an epoll
 * thread pool; each worker thread keeps its own repository connection
 * (with its cached prepared statements), and a background thread delivers
 * the outbox and sends the repository mail when due.  See docs/web.md and
 * docs/api.md.
 */
#ifndef TLD_WEB_WEB_H
#define TLD_WEB_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "util/config.h"
#include "util/error.h"

struct web_options {
	const char *db;             /* store target, as for store_open() */
	const char *mail;           /* outbox transport */
	const struct config *cfg;   /* copied by each thread */
	const char *listen;         /* "127.0.0.1:8080", "[::1]:8080" */
};

/*
 * Serve until SIGTERM or SIGINT, then finish the requests in flight
 * (up to 10 s) and return 0.  Fails at start (cannot open the database or
 * bind the address) with err filled.
 */
int web_serve(const struct web_options *opt, struct tld_error *err);

/* Parse "HOST:PORT" ("[v6]:PORT"): false when malformed. */
bool web_parse_listen(const char *s, char *host, size_t hostlen,
    unsigned *port);

#endif
