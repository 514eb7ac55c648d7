/* SPDX-License-Identifier: MIT */
/*
 * The transport front: picks the backend by the scheme of the spec
 * ("maildir:", "smtp://", "smtps://") and checks the envelope addresses
 * once for all backends, since they end up in an SMTP command or a header
 * line of a Maildir file where a CR, LF or bracket would inject text.
 */
#include "mail/transport.h"

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
transport_open(const char *spec, struct transport **out,
    struct tld_error *err)
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
	t = xcalloc(1, sizeof(*t));
	t->ops = ops;
	rc = ops->open(spec, &t->state, err);
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

int
transport_send(struct transport *t, const char *from, const char *rcpt,
    const char *data, size_t len, struct tld_error *err)
{
	int rc;

	if ((rc = check_envelope_address(from, "from", err)) != 0 ||
	    (rc = check_envelope_address(rcpt, "rcpt", err)) != 0)
		return rc;
	if (data == NULL && len > 0)
		return tld_error_set(err, TLD_EINVAL, "mail", "no message");
	return t->ops->send(t->state, from, rcpt, data != NULL ? data : "",
	    len, err);
}

const char *
transport_kind(const struct transport *t)
{
	return t->ops->kind;
}
