/* SPDX-License-Identifier: MIT */
/* Members' keys: import for a contact, and the listing. */
#include "service/list/keys.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "service/audit.h"
#include "store/contact_store.h"
#include "util/clock.h"
#include "util/xalloc.h"

int
key_import(struct tld_ctx *ctx, int64_t contact_id, const char *armour,
    size_t len, struct pgp_key_info *info, struct tld_error *err)
{
	struct contact c;
	json_t *after;
	char id[24];
	int rc;

	if ((rc = store_contact_get(ctx->store, contact_id, &c, err)) < 0) {
		if (rc == TLD_ENOTFOUND)
			tld_error_set(err, TLD_ENOTFOUND, "contact",
			    "no active contact %" PRId64, contact_id);
		return rc;
	}
	if (c.pgp_fingerprint[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "key",
		    "contact %" PRId64 " has no pgp_fingerprint to check the key "
		    "against: set it first (contact update --pgp FPR, or a request)",
		    contact_id);
	/* The keyring is not transactional: import last, audit right after. */
	if ((rc = pgp_key_import(armour, len, c.pgp_fingerprint, c.email,
	    clock_now(), info, err)) < 0)
		return rc;
	snprintf(id, sizeof(id), "%" PRId64, contact_id);
	after = json_pack("{s:s, s:s, s:I, s:b, s:b}", "fingerprint", info->fpr,
	    "uid", info->uid, "expires", (json_int_t)info->expires,
	    "usable", info->usable, "revoked", info->revoked);
	if ((rc = store_begin(ctx->store, err)) == 0)
		rc = store_end(ctx->store, audit_record(ctx, "key.import",
		    "contact", id, NULL, after, err), err);
	json_decref(after);
	return rc < 0 ? rc : 0;
}

int
key_status(struct tld_ctx *ctx, const struct contact *c,
    struct pgp_key_info *info, struct tld_error *err)
{
	(void)ctx;
	return pgp_key_status(c->pgp_fingerprint, c->email, clock_now(), info, err);
}

struct contacts {
	struct contact *v;
	size_t n, cap;
};

static int
collect(void *p, const struct contact *c)
{
	struct contacts *cs = p;

	if (c->pgp_fingerprint[0] == '\0')
		return 0;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->v = xreallocarray(cs->v, cs->cap, sizeof(*cs->v));
	}
	cs->v[cs->n++] = *c;
	return 0;
}

int
key_each(struct tld_ctx *ctx, key_cb cb, void *arg, struct tld_error *err)
{
	struct contacts cs = { NULL, 0, 0 };
	struct pgp_keyring *kr = NULL;
	int64_t now = clock_now();
	int rc;

	if ((rc = store_contact_each(ctx->store, NULL, collect, &cs, err)) < 0)
		goto out;
	if (cs.n > 0 && (rc = pgp_keyring_load(&kr, err)) < 0)
		goto out;
	for (size_t i = 0; i < cs.n; i++) {
		struct key_row row;

		row.contact = cs.v[i];
		pgp_keyring_status(kr, cs.v[i].pgp_fingerprint, cs.v[i].email, now,
		    &row.key);
		if ((rc = cb(arg, &row)) != 0)
			break;
	}
out:
	pgp_keyring_free(kr);
	free(cs.v);
	return rc;
}

json_t *
key_row_json(const struct contact *c, const struct pgp_key_info *k)
{
	char when[32];
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b}",
	    "contact", (json_int_t)c->id, "cctld", c->cctld, "name", c->name,
	    "email", c->email, "fingerprint", k->fpr, "in_keyring", k->present,
	    "usable", k->usable, "expired", k->expired, "revoked", k->revoked);

	if (k->expires != 0)
		clock_format_iso(k->expires, when, sizeof(when));
	json_object_set_new(o, "expires", k->expires != 0 ? json_string(when) :
	    json_null());
	json_object_set_new(o, "uid", json_string(k->uid));
	json_object_set_new(o, "why", k->usable ? json_null() :
	    json_string(k->why));
	return o;
}

static int
append_row(void *arg, const struct key_row *r)
{
	json_array_append_new(arg, key_row_json(&r->contact, &r->key));
	return 0;
}

int
key_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	json_t *a = json_array();
	int rc = key_each(ctx, append_row, a, err);

	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}
