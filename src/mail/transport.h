/* SPDX-License-Identifier: MIT */
/*
 * Where mail leaves the system: "maildir:DIR" (the embedded default: one
 * file per delivery in a valid Maildir, tmp/ then rename into new/) or
 * "smtp://HOST:PORT" / "smtps://HOST:PORT" (submission through libcurl,
 * STARTTLS when the server offers it on smtp://, AUTH from the URL's
 * user:password or [mail] settings).  One transport is opened per run and
 * reused for every message, so its SMTP connections serve many
 * transactions.
 *
 * A job is one SMTP transaction: one message, one envelope sender, one or
 * more recipients, each with its own outcome (from its RCPT reply and the
 * reply to the end of the data).  Jobs are submitted and come back when
 * done, in any order: over SMTP up to `connections` of them run at once,
 * each on its own connection (a worker thread per connection, so a slow
 * reply on one does not hold up the others); Maildir finishes each job
 * inside transport_submit().
 */
#ifndef TLD_MAIL_TRANSPORT_H
#define TLD_MAIL_TRANSPORT_H

#include <stddef.h>

#include "util/error.h"

#define TRANSPORT_CONNECTIONS_MAX 64
#define TRANSPORT_REPLY_MAX 256

struct transport;

enum transport_outcome {
	TRANSPORT_SENT = 0,   /* accepted, and the message after it */
	TRANSPORT_TEMPFAIL,   /* 4xx, no answer, connection lost: try again later */
	TRANSPORT_PERMFAIL,   /* 5xx (55x, 501): refused for good */
	/*
	 * 452 "too many recipients" after the server had accepted others in
	 * the same transaction: not attempted, not a failure; it goes into
	 * the next transaction.
	 */
	TRANSPORT_DEFERRED,
};

struct transport_rcpt {
	const char *addr;                /* borrowed until the job is back */
	enum transport_outcome outcome;  /* filled by the transport */
	char reply[TRANSPORT_REPLY_MAX]; /* the server's reply or the error */
};

struct transport_job {
	const char *from;               /* envelope sender; borrowed */
	const char *data;               /* the message, CRLF line ends; borrowed */
	size_t len;
	struct transport_rcpt *rcpts;   /* borrowed; outcomes written */
	size_t nrcpts;                  /* 1 ..; RCPT order is array order */
	void *user;                     /* the caller's */
	struct transport_job *next_;    /* the transport's queue link */
};

/* Set r's outcome and its reply text (cut short to fit). */
void transport_rcpt_set(struct transport_rcpt *r, enum transport_outcome o,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Open spec with up to `connections` SMTP connections in parallel (1 ..
 * TRANSPORT_CONNECTIONS_MAX; Maildir ignores it).  Errors name the field
 * "mail" (unknown scheme, bad URL, Maildir that cannot be created).  *out
 * is the caller's (transport_close(), which waits for jobs in flight).
 */
int transport_open(const char *spec, unsigned connections,
    struct transport **out, struct tld_error *err);
void transport_close(struct transport *t);

/*
 * Start job (it stays the caller's; the transport writes only the
 * outcomes).  The envelope sender and every recipient are checked first
 * (they end up in an SMTP command or a header line): a bad sender refuses
 * the whole job (TLD_EINVAL, field "from", nothing started); a bad
 * recipient is marked TRANSPORT_PERMFAIL and left out.  Returns 0 when
 * the job was started; it then comes back from transport_wait().
 */
int transport_submit(struct transport *t, struct transport_job *job,
    struct tld_error *err);

/*
 * The next finished job, waiting for one if need be; NULL when no job is
 * in flight.  Record its outcomes before calling again: until then no
 * other transaction sends its final dot, so at most one transaction is
 * ever accepted by the server and not yet recorded (the crash window,
 * docs/outbox.md), however many run in parallel.
 */
struct transport_job *transport_wait(struct transport *t);

/* How many jobs run at once (1 for Maildir). */
unsigned transport_parallel(const struct transport *t);

/*
 * One message to the single recipient `rcpt`, synchronously (no other job
 * may be in flight).  Returns 0 when the server (or the Maildir) has
 * accepted it; TLD_EIO for a temporary failure worth retrying (connection
 * refused, timeout, 4xx); TLD_EINVAL for a permanent refusal (5xx) — err
 * carries the server's reply either way.
 */
int transport_send(struct transport *t, const char *from, const char *rcpt,
    const char *data, size_t len, struct tld_error *err);

/* "maildir" or "smtp"; for logs and status. */
const char *transport_kind(const struct transport *t);

#endif
