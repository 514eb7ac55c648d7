/* SPDX-License-Identifier: MIT */
/* ccTLD resolution, JSON, the reference table and the emergency lookup. */
#include "service/directory/cctlds.h"

#include <string.h>

#include "service/directory/freshness.h"
#include "store/cctld_store.h"
#include "service/directory/contacts.h"
#include "store/contact_store.h"
#include "store/iana_store.h"
#include "util/clock.h"
#include "util/json_util.h"

extern const char reference_cctlds_tsv[]; /* generated from data/cctlds.tsv */

int
cctlds_resolve(struct tld_ctx *ctx, const char *input, struct cctld *out,
    struct tld_error *err)
{
	char code[CCTLD_CODE_MAX + 1];
	int rc;

	if ((rc = cctld_code_normalize(input, strlen(input), code, sizeof(code),
	    err)) < 0)
		return rc;
	rc = store_cctld_get(ctx->store, code, out, err);
	if (rc == TLD_ENOTFOUND)
		tld_error_set(err, rc, "cctld", "\"%s\" is not a delegated ccTLD",
		    input);
	return rc;
}

json_t *
cctlds_to_json(const struct cctld *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "code", json_string(c->code));
	json_object_set_new(o, "unicode", json_string(c->unicode));
	json_object_set_new(o, "country", json_string(c->country));
	json_object_set_new(o, "iso3166", json_string(c->iso3166));
	json_object_set_new(o, "region", json_string(c->region));
	json_object_set_new(o, "kind", json_string(c->kind));
	json_object_set_new(o, "member", json_boolean(c->member_since != 0));
	json_object_set_new(o, "member_since", json_time(c->member_since));
	json_object_set_new(o, "contacts", json_integer(c->contacts));
	return o;
}

static int
append_contact(void *arr, const struct contact *c)
{
	json_array_append_new(arr, contact_to_json(c));
	return 0;
}

static json_t *
iana_person_json(const struct iana_person *p)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", p->name,
	    "organisation", p->organisation, "email", p->email,
	    "phone", p->phone, "fax", p->fax);
}

int
cctlds_show_json(struct tld_ctx *ctx, const struct cctld *c, json_t **out,
    struct tld_error *err)
{
	json_t *o = cctlds_to_json(c);
	json_t *contacts = json_array(), *community;
	struct iana_record r;
	int rc;

	json_object_set_new(o, "contact_list", contacts);
	rc = store_contact_each(ctx->store, c->code, append_contact, contacts, err);
	if (rc < 0)
		goto fail;
	json_object_set_new(o, "contacts", json_integer(rc));
	/* Whom to call beyond the ccTLD: the IANA root contact, liaisons. */
	if ((rc = contacts_community_json(ctx, &community, err)) < 0)
		goto fail;
	json_object_set_new(o, "community_contacts", community);
	rc = store_iana_get(ctx->store, c->code, &r, err);
	if (rc == 0) {
		json_t *iana = json_object();

		json_object_set_new(iana, "organisation", json_string(r.organisation));
		json_object_set_new(iana, "admin", iana_person_json(&r.admin));
		json_object_set_new(iana, "tech", iana_person_json(&r.tech));
		json_object_set_new(iana, "changed", json_string(r.changed));
		json_object_set_new(o, "iana", iana);
	} else if (rc == TLD_ENOTFOUND) {
		tld_error_clear(err);
		json_object_set_new(o, "iana", json_null());
	} else {
		goto fail;
	}
	*out = o;
	return 0;
fail:
	json_decref(o);
	return rc;
}

/* Copy the tab-separated field at *p into out and advance past its tab. */
static void
next_field(const char **p, char *out, size_t outlen)
{
	size_t n = strcspn(*p, "\t\n");

	snprintf(out, outlen, "%.*s", (int)n, *p);
	*p += n;
	if (**p == '\t')
		(*p)++;
}

static int
load_reference(struct tld_ctx *ctx, struct tld_error *err)
{
	const char *p = strchr(reference_cctlds_tsv, '\n'); /* skip the header */
	int n = 0, rc;

	while (p != NULL && *++p != '\0') {
		struct cctld c;

		memset(&c, 0, sizeof(c));
		next_field(&p, c.code, sizeof(c.code));
		next_field(&p, c.unicode, sizeof(c.unicode));
		next_field(&p, c.country, sizeof(c.country));
		next_field(&p, c.iso3166, sizeof(c.iso3166));
		next_field(&p, c.region, sizeof(c.region));
		next_field(&p, c.kind, sizeof(c.kind));
		if ((rc = store_cctld_put_reference(ctx->store, &c, err)) < 0)
			return rc;
		n++;
		p = strchr(p, '\n');
	}
	return n;
}

struct lookup_ctx {
	json_t *contacts;
	struct freshness_stale_set stale;
};

static int
lookup_contact(void *p, const struct contact *c)
{
	struct lookup_ctx *lc = p;
	json_t *o = contact_to_json(c);

	json_object_set_new(o, "stale_since",
	    json_time(freshness_stale_since(&lc->stale, c->id)));
	json_array_append_new(lc->contacts, o);
	return 0;
}

int
cctlds_lookup(struct tld_ctx *ctx, const struct cctld *c, json_t **out,
    struct tld_error *err)
{
	struct lookup_ctx lc = { json_array(), { NULL, 0 } };
	json_t *o, *community;
	int rc;

	if ((rc = freshness_stale_load(ctx, c->code, &lc.stale, err)) == 0)
		rc = store_contact_each(ctx->store, c->code, lookup_contact, &lc,
		    err);
	freshness_stale_fini(&lc.stale);
	if (rc < 0) {
		json_decref(lc.contacts);
		return rc;
	}
	o = cctlds_to_json(c);
	json_object_set_new(o, "contact_list", lc.contacts);
	/* Whom to call beyond the ccTLD: the IANA root contact, liaisons. */
	if ((rc = contacts_community_json(ctx, &community, err)) < 0) {
		json_decref(o);
		return rc;
	}
	json_object_set_new(o, "community_contacts", community);
	*out = o;
	return 0;
}

int
cctlds_init(struct tld_ctx *ctx, int *schema, struct tld_error *err)
{
	int n, latest, rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((n = load_reference(ctx, err)) < 0) {
		store_rollback(ctx->store);
		return n;
	}
	if ((rc = store_commit(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_schema_version(ctx->store, schema, &latest, err)) < 0)
		return rc;
	return n;
}

int
cctlds_each(struct tld_ctx *ctx, const struct cctld_filter *f,
    store_cctld_cb cb, void *cb_ctx, struct tld_error *err)
{
	return store_cctld_each(ctx->store, f, cb, cb_ctx, err);
}
