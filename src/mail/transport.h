/* SPDX-License-Identifier: MIT */
/*
 * Where mail leaves the system: "maildir:DIR" (the embedded default: one
 * file per delivery in a valid Maildir, tmp/ then rename into new/) or
 * "smtp://HOST:PORT" / "smtps://HOST:PORT" (submission through libcurl,
 * STARTTLS when the server offers it on smtp://, AUTH from the URL's
 * user:password or [mail] settings).  One transport is opened per run and
 * reused for every message, so an SMTP connection serves many deliveries.
 */
#ifndef TLD_MAIL_TRANSPORT_H
#define TLD_MAIL_TRANSPORT_H

#include <stddef.h>

#include "util/error.h"

struct transport;

/*
 * Open spec.  Errors name the field "mail" (unknown scheme, bad URL,
 * Maildir that cannot be created).  *out is the caller's
 * (transport_close()).
 */
int transport_open(const char *spec, struct transport **out,
    struct tld_error *err);
void transport_close(struct transport *t);

/*
 * Deliver one message (data[0..len), CRLF line ends) from envelope sender
 * `from` to the single recipient `rcpt`.  Returns 0 when the server (or the
 * Maildir) has accepted it; TLD_EIO for a temporary failure worth retrying
 * (connection refused, timeout, 4xx); TLD_EINVAL for a permanent refusal
 * (5xx) — err carries the server's reply either way.
 */
int transport_send(struct transport *t, const char *from, const char *rcpt,
    const char *data, size_t len, struct tld_error *err);

/* "maildir" or "smtp"; for logs and status. */
const char *transport_kind(const struct transport *t);

#endif
