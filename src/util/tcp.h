/* SPDX-License-Identifier: MIT */
/*
 * One bounded question over TCP, as whois (RFC 3912) asks it: connect,
 * send a line, read until the server closes.  Every step is limited in time
 * and the answer in size, so a slow or hostile server cannot hold or flood
 * the caller.
 */
#ifndef TLD_UTIL_TCP_H
#define TLD_UTIL_TCP_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * Connect to "HOST:PORT" (or "[v6]:PORT"), send query, append the whole
 * answer to out.  Fails with TLD_EIO (field "server") on a refused
 * connection, a timeout (timeout_ms for the whole exchange) or an answer of
 * more than max_bytes (TLD_ELIMIT); out then holds nothing new.
 */
int tcp_query(const char *hostport, const char *query, int timeout_ms,
    size_t max_bytes, struct buf *out, struct tld_error *err);

#endif
