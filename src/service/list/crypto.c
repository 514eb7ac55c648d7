/* SPDX-License-Identifier: MIT */
/* OpenPGP on the way in: decryption and the signature's verdict. */
#include "service/list/crypto.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "store/contact_store.h"
#include "util/log.h"

/* The reason to hold, cut to fit. */
static void __attribute__((format(printf, 2, 3)))
set_hold(struct inbound_pgp *ip, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ip->hold, sizeof(ip->hold), fmt, ap);
	va_end(ap);
}

int
inbound_pgp_open(struct tld_ctx *ctx, const char *raw, size_t len,
    struct inbound_pgp *ip, struct tld_error *err)
{
	struct tld_error e;
	int rc;

	(void)ctx;
	memset(ip, 0, sizeof(*ip));
	buf_init(&ip->raw);
	tld_error_clear(&e);
	rc = pgp_mime_open(raw, len, &ip->raw, &ip->o, &e);
	if (rc == TLD_EINVAL) {
		/* Not readable by us: a moderator sees what came. */
		buf_reset(&ip->raw);
		set_hold(ip, "%.250s", e.message);
		return 0;
	}
	if (rc < 0) {
		*err = e;
		return rc;
	}
	return 0;
}

int
inbound_pgp_judge(struct tld_ctx *ctx, struct inbound_pgp *ip,
    const char *from_addr, struct tld_error *err)
{
	const struct pgp_opened *o = &ip->o;
	struct contact c;
	int rc;

	if (ip->hold[0] != '\0' || o->sig == PGP_SIG_NONE)
		return 0;
	if (o->sig == PGP_SIG_BAD) {
		set_hold(ip, "signature: BAD, by %s: %.150s",
		    o->fpr[0] ? o->fpr : "an unknown key", o->why);
		return 0;
	}
	if (o->sig == PGP_SIG_UNKNOWN) {
		set_hold(ip, "signature: by a key the list "
		    "does not have (%s): it cannot be checked", o->fpr);
		return 0;
	}
	rc = store_contact_find_email(ctx->store, from_addr, &c, err);
	if (rc == TLD_ENOTFOUND) {
		tld_error_clear(err);
		set_hold(ip, "signature: good, by %s (%.100s), "
		    "but the sender %.100s is not a contact with that key", o->fpr,
		    o->uid, from_addr);
		return 0;
	}
	if (rc < 0)
		return rc;
	if (strcasecmp(c.pgp_fingerprint, o->fpr) != 0) {
		set_hold(ip, "signature: good, by %s, but "
		    "not by the sender's key %s", o->fpr,
		    c.pgp_fingerprint[0] ? c.pgp_fingerprint : "(none on record)");
		return 0;
	}
	snprintf(ip->signature, sizeof(ip->signature), "good, %s %s", c.name, o->fpr);
	snprintf(ip->preface, sizeof(ip->preface), "[OpenPGP signature: good, %s %s%s]",
	    c.name, o->fpr, o->encrypted ? "; it came encrypted to the list" : "");
	return 0;
}

void
inbound_pgp_fini(struct inbound_pgp *ip)
{
	if (ip->raw.data != NULL)
		memset(ip->raw.data, 0, ip->raw.len);
	buf_fini(&ip->raw);
}
