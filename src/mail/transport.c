/* SPDX-License-Identifier: MIT */
/*
 * The transport front: picks the backend by the scheme of the spec
 * ("maildir:", "smtp://", "smtps://") and checks the envelope addresses
 * once for all backends, since they end up in an SMTP command or a header
 * line of a Maildir file where a CR, LF or bracket would inject text.
 */
#include "mail/transport.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/transport_internal.h"
#include "util/xalloc.h"

#define ENVELOPE_ADDR_MAX 254 /* RFC 5321 4.5.3.1.3, without <> */
#define SCHEME_SHOW_MAX 16

struct transport {
	const struct transport_ops *ops;
	void *state;
	/* Jobs of a synchronous backend, finished, in submission order. */
	struct transport_job *done, **done_tail;
};

static const struct {
	const char *prefix;
	const struct transport_ops *ops;
} schemes[] = {
	{ "maildir:", &transport_maildir_ops },
	{ "smtp://", &transport_smtp_ops },
	{ "smtps://", &transport_smtp_ops },
};

int
transport_open(const char *spec, unsigned connections,
    struct transport **out, struct tld_error *err)
{
	const struct transport_ops *ops = NULL;
	struct transport *t;
	size_t n;
	int rc;

	if (spec == NULL || spec[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "mail",
		    "no transport given (maildir:DIR, smtp://HOST:PORT or "
		    "smtps://HOST:PORT)");
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		if (strncasecmp(spec, schemes[i].prefix,
		    strlen(schemes[i].prefix)) == 0) {
			ops = schemes[i].ops;
			break;
		}
	}
	if (ops == NULL) {
		/* Show the scheme only: the rest may hold a password. */
		n = strspn(spec, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
		if (n == 0 || n > SCHEME_SHOW_MAX || spec[n] != ':')
			return tld_error_set(err, TLD_EINVAL, "mail",
			    "not a transport (maildir:DIR, smtp://HOST:PORT or "
			    "smtps://HOST:PORT)");
		return tld_error_set(err, TLD_EINVAL, "mail",
		    "unknown scheme \"%.*s\" (maildir:, smtp:// or smtps://)",
		    (int)n, spec);
	}
	if (connections < 1 || connections > TRANSPORT_CONNECTIONS_MAX)
		return tld_error_set(err, TLD_EINVAL, "connections",
		    "must be 1 to %d", TRANSPORT_CONNECTIONS_MAX);
	t = xcalloc(1, sizeof(*t));
	t->ops = ops;
	t->done_tail = &t->done;
	rc = ops->open(spec, connections, &t->state, err);
	if (rc != 0) {
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void
transport_close(struct transport *t)
{
	if (t == NULL)
		return;
	if (t->ops->wait != NULL)
		while (t->ops->wait(t->state) != NULL)
			; /* jobs in flight end before their connections do */
	t->ops->close(t->state);
	free(t);
}

static int
check_envelope_address(const char *s, const char *field,
    struct tld_error *err)
{
	size_t len;

	if (s == NULL || s[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, field, "is missing");
	len = strlen(s);
	if (len > ENVELOPE_ADDR_MAX)
		return tld_error_set(err, TLD_EINVAL, field,
		    "address is longer than %d bytes", ENVELOPE_ADDR_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>')
			return tld_error_set(err, TLD_EINVAL, field,
			    "address may hold only visible ASCII other than "
			    "'<' and '>'");
	}
	if (strchr(s, '@') == NULL)
		return tld_error_set(err, TLD_EINVAL, field,
		    "address has no @");
	return 0;
}

void
transport_rcpt_set(struct transport_rcpt *r, enum transport_outcome o,
    const char *fmt, ...)
{
	va_list ap;

	r->outcome = o;
	va_start(ap, fmt);
	vsnprintf(r->reply, sizeof(r->reply), fmt, ap);
	va_end(ap);
}

int
transport_submit(struct transport *t, struct transport_job *job,
    struct tld_error *err)
{
	struct tld_error e;
	size_t ntry = 0;
	int rc;

	if ((rc = check_envelope_address(job->from, "from", err)) != 0)
		return rc;
	if (job->data == NULL && job->len > 0)
		return tld_error_set(err, TLD_EINVAL, "mail", "no message");
	if (job->data == NULL)
		job->data = "";
	for (size_t i = 0; i < job->nrcpts; i++) {
		struct transport_rcpt *r = &job->rcpts[i];

		tld_error_clear(&e);
		r->outcome = TRANSPORT_SENT;
		r->reply[0] = '\0';
		if (check_envelope_address(r->addr, "rcpt", &e) != 0) {
			transport_rcpt_set(r, TRANSPORT_PERMFAIL, "%s: %s",
			    e.field, e.message);
		} else {
			ntry++;
		}
	}
	job->next_ = NULL;
	if (t->ops->submit != NULL && ntry > 0) {
		t->ops->submit(t->state, job);
		return 0;
	}
	/* One recipient at a time (Maildir), or nobody left to try. */
	for (size_t i = 0; i < job->nrcpts && t->ops->send != NULL; i++) {
		struct transport_rcpt *r = &job->rcpts[i];

		if (r->outcome != TRANSPORT_SENT)
			continue;
		tld_error_clear(&e);
		rc = t->ops->send(t->state, job->from, r->addr, job->data,
		    job->len, &e);
		if (rc != 0)
			transport_rcpt_set(r, rc == TLD_EINVAL ?
			    TRANSPORT_PERMFAIL : TRANSPORT_TEMPFAIL, "%s",
			    e.message);
	}
	*t->done_tail = job;
	t->done_tail = &job->next_;
	return 0;
}

struct transport_job *
transport_wait(struct transport *t)
{
	struct transport_job *job = t->done;

	if (job != NULL) {
		t->done = job->next_;
		if (t->done == NULL)
			t->done_tail = &t->done;
		job->next_ = NULL;
		return job;
	}
	return t->ops->wait != NULL ? t->ops->wait(t->state) : NULL;
}

unsigned
transport_parallel(const struct transport *t)
{
	return t->ops->parallel != NULL ? t->ops->parallel(t->state) : 1;
}

int
transport_send(struct transport *t, const char *from, const char *rcpt,
    const char *data, size_t len, struct tld_error *err)
{
	struct transport_rcpt r = { .addr = rcpt };
	struct transport_job job = {
		.from = from, .data = data, .len = len, .rcpts = &r,
		.nrcpts = 1,
	};
	struct transport_job *back;
	int rc;

	if ((rc = check_envelope_address(rcpt, "rcpt", err)) != 0 ||
	    (rc = transport_submit(t, &job, err)) != 0)
		return rc;
	while ((back = transport_wait(t)) != NULL && back != &job)
		; /* none other should be in flight */
	switch (r.outcome) {
	case TRANSPORT_SENT:
		return 0;
	case TRANSPORT_PERMFAIL:
		return tld_error_set(err, TLD_EINVAL, "mail", "%s", r.reply);
	default:
		return tld_error_set(err, TLD_EIO, "mail", "%s", r.reply);
	}
}

const char *
transport_kind(const struct transport *t)
{
	return t->ops->kind;
}
