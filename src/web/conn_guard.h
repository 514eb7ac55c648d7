/* SPDX-License-Identifier: MIT */
/*
 * What one client may hold of the server (docs/security.md, item 3): at
 * most [web] max_connections_per_ip open connections per address (trusted
 * proxies exempt: they speak for many clients, whose requests the link
 * and sign-in limits count), and [web] header_timeout_seconds to send a
 * request's line and headers, from the connection's start or the end of
 * its previous request; a connection past that is shut down by a watchdog
 * thread.  libmicrohttpd's own MHD_OPTION_PER_IP_CONNECTION_LIMIT cannot
 * exempt a proxy, and its connection timeout is reset by every byte, so a
 * client trickling headers kept a connection for ever.  server.c calls
 * these from libmicrohttpd's callbacks.
 */
#ifndef TLD_WEB_CONN_GUARD_H
#define TLD_WEB_CONN_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "web/parse.h"

/*
 * Start the guard (and its watchdog thread): per_ip 0 is no limit;
 * proxies[0..nproxies) are exempt from it.  0, or TLD_EIO.
 */
int conn_guard_init(unsigned per_ip, unsigned header_timeout,
    const char (*proxies)[WEB_ADDR_MAX], size_t nproxies);
void conn_guard_fini(void);

/* The address of sa as inet_ntop writes it ("unknown" if none). */
void conn_guard_format(const struct sockaddr *sa, char *out, size_t outlen);

/* Accept a new connection from addr?  False: it is over its limit. */
bool conn_guard_accept(const struct sockaddr *addr);

/* A connection started on fd from addr: the handle for the calls below. */
void *conn_guard_started(int fd, const struct sockaddr *addr);
/* Its request's headers are in: no deadline while the request runs. */
void conn_guard_headers_done(void *h);
/* Its request was answered: the next one's headers are due anew. */
void conn_guard_request_done(void *h);
/* It closed (h is freed). */
void conn_guard_closed(void *h);

#endif
