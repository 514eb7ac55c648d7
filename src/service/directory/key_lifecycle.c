/* SPDX-License-Identifier: MIT */
/* Members' keys over time (service/directory/key_lifecycle.h). */
#include "service/directory/key_lifecycle.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/pgp_keys.h"
#include "model/contact.h"
#include "model/states.h"
#include "service/audit.h"
#include "service/outbox.h"
#include "store/contact_store.h"
#include "store/key_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

#define DAY INT64_C(86400)

struct key_rows {
	struct key_one { struct contact c; struct pgp_key_info k; } *v;
	size_t n, cap;
};

static int
collect(void *p, const struct contact *c)
{
	struct key_rows *rs = p;

	if (c->pgp_fingerprint[0] == '\0')
		return 0;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++].c = *c;
	return 0;
}

/* Every active contact with a fingerprint, with its key's state at now. */
static int
load(struct tld_ctx *ctx, int64_t now, struct key_rows *rs,
    struct tld_error *err)
{
	struct pgp_keyring *kr = NULL;
	int rc;

	memset(rs, 0, sizeof(*rs));
	if (ctx->cfg.list_key[0] == '\0')
		return 0;
	if ((rc = store_contact_each(ctx->store, NULL, collect, rs, err)) < 0)
		return rc;
	if (rs->n == 0)
		return 0;
	if ((rc = pgp_keyring_load(&kr, err)) < 0)
		return rc;
	for (size_t i = 0; i < rs->n; i++)
		pgp_keyring_status(kr, rs->v[i].c.pgp_fingerprint, rs->v[i].c.email,
		    now, &rs->v[i].k);
	pgp_keyring_free(kr);
	return 0;
}

static bool
expiring(const struct pgp_key_info *k, int64_t now)
{
	return k->usable && k->expires != 0 && k->expires > now &&
	    k->expires - now <= KEY_RENEW_DAYS * DAY;
}

int
key_lifecycle_json(struct tld_ctx *ctx, int64_t now, json_t **out,
    struct tld_error *err)
{
	struct key_rows rs;
	int rc = load(ctx, now, &rs, err);

	if (rc < 0) {
		free(rs.v);
		return rc;
	}
	*out = json_array();
	for (size_t i = 0; i < rs.n; i++) {
		const struct key_one *o = &rs.v[i];
		int state = o->k.revoked ? KEY_STATE_REVOKED : o->k.expired ?
		    KEY_STATE_EXPIRED : expiring(&o->k, now) ? KEY_STATE_EXPIRING : -1;

		if (state < 0)
			continue;
		json_array_append_new(*out, json_pack("{s:I, s:s, s:s, s:s, s:s, "
		    "s:s, s:o, s:s}", "id", (json_int_t)o->c.id, "cctld", o->c.cctld,
		    "name", o->c.name, "email", o->c.email, "fingerprint",
		    o->c.pgp_fingerprint, "state", key_state_names[state], "expires",
		    json_time(o->k.expires), "why", o->k.why));
	}
	free(rs.v);
	return 0;
}

/* The ask to one member, inside its transaction. */
static int
mail_ask(struct tld_ctx *ctx, const struct contact *c,
    const struct pgp_key_info *k, struct tld_error *err)
{
	char iso[32], subject[160];
	struct buf body;
	int rc;

	clock_format_iso(k->expires, iso, sizeof(iso));
	buf_init(&body);
	buf_printf(&body, "Dear %s,\n\n"
	    "Your OpenPGP key, to which the TLD-OPS list encrypts the mail it\n"
	    "sends you, expires on %.10s:\n\n  %s\n\n"
	    "After that day, TLP:RED alerts and posts reach you only as a short\n"
	    "notice, without their text, until the list has a key of yours that\n"
	    "it can encrypt to.  Extend the key's expiry, for example\n\n"
	    "  gpg --quick-set-expire %s 1y\n"
	    "  gpg --quick-set-expire %s 1y '*'\n\n"
	    "and upload the renewed public key (gpg --armor --export %s) on the\n"
	    "portal (sign in with this address):\n\n  %s/me\n\n"
	    "A new key instead needs its fingerprint on your entry first: file a\n"
	    "correction there, which your ccTLD's IANA contact authorises.\n\n"
	    "Questions: %s\n", c->name, iso, c->pgp_fingerprint,
	    c->pgp_fingerprint, c->pgp_fingerprint, c->pgp_fingerprint,
	    ctx->cfg.base_url, ctx->cfg.secretariat);
	snprintf(subject, sizeof(subject), "Your OpenPGP key for TLD-OPS "
	    "expires on %.10s", iso);
	rc = outbox_queue_signed_to(ctx, "notice", c->name, c->email, subject,
	    buf_str(&body), err);
	buf_fini(&body);
	return rc;
}

static int
ask_one(struct tld_ctx *ctx, const struct key_one *o, int64_t now,
    struct tld_error *err)
{
	char id[24], iso[32];
	json_t *after;
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_key_renewal_ask(ctx->store, o->c.id, o->c.pgp_fingerprint,
	    o->k.expires, now, err);
	if (rc <= 0)
		goto out;
	if ((rc = mail_ask(ctx, &o->c, &o->k, err)) < 0)
		goto out;
	clock_format_iso(o->k.expires, iso, sizeof(iso));
	snprintf(id, sizeof(id), "%" PRId64, o->c.id);
	after = json_pack("{s:s, s:s}", "fingerprint", o->c.pgp_fingerprint,
	    "expires", iso);
	rc = audit_record(ctx, "key.ask", "contact", id, NULL, after, err);
	json_decref(after);
	if (rc < 0)
		goto out;
	rc = 1;
out:
	if (rc <= 0) {
		store_rollback(ctx->store);
		return rc;
	}
	int crc = store_commit(ctx->store, err);
	return crc < 0 ? crc : rc;
}

int
key_lifecycle_ask(struct tld_ctx *ctx, int64_t now, size_t *asked,
    struct tld_error *err)
{
	struct key_rows rs;
	int rc = load(ctx, now, &rs, err);

	*asked = 0;
	for (size_t i = 0; rc >= 0 && i < rs.n; i++) {
		if (!expiring(&rs.v[i].k, now))
			continue;
		if ((rc = ask_one(ctx, &rs.v[i], now, err)) > 0)
			(*asked)++;
	}
	free(rs.v);
	return rc < 0 ? rc : 0;
}
