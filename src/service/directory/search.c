/* SPDX-License-Identifier: MIT */
/* A plain scan: the repository is small (hundreds of ccTLDs, thousands of people). */
#include "service/directory/search.h"

#include <string.h>

#include "model/field.h"
#include "service/directory/cctlds.h"
#include "store/cctld_store.h"
#include "store/contact_store.h"

struct search_ctx {
	char needle[SEARCH_QUERY_MAX + 1];  /* lower-cased */
	const char *exact;                  /* code of an exactly named ccTLD */
	json_t *cctlds, *contacts;
	bool truncated;
};

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Case-insensitive (ASCII) substring test. */
static bool
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		size_t i = 0;

		while (i < n && hay[i] != '\0' && lower(hay[i]) == needle[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static int
match_cctld(void *p, const struct cctld *c)
{
	struct search_ctx *sc = p;
	const char *matched;
	json_t *o;

	if (sc->exact != NULL && strcmp(c->code, sc->exact) == 0)
		return 0; /* already first */
	if (contains(c->code, sc->needle))
		matched = "code";
	else if (contains(c->unicode, sc->needle))
		matched = "unicode";
	else if (contains(c->country, sc->needle))
		matched = "country";
	else
		return 0;
	if (json_array_size(sc->cctlds) >= SEARCH_LIMIT) {
		sc->truncated = true;
		return 0;
	}
	o = cctlds_to_json(c);
	json_object_set_new(o, "matched", json_string(matched));
	json_array_append_new(sc->cctlds, o);
	return 0;
}

static int
match_contact(void *p, const struct contact *c)
{
	struct search_ctx *sc = p;
	const char *matched;
	json_t *o;

	if (sc->exact != NULL && strcmp(c->cctld, sc->exact) == 0)
		matched = "cctld";
	else if (contains(c->name, sc->needle))
		matched = "name";
	else if (contains(c->email, sc->needle))
		matched = "email";
	else if (contains(c->organisation, sc->needle))
		matched = "organisation";
	else if (contains(c->role, sc->needle))
		matched = "role";
	else if (contains(c->affiliation, sc->needle))
		matched = "affiliation"; /* a community contact: "IANA" */
	else
		return 0;
	if (json_array_size(sc->contacts) >= SEARCH_LIMIT) {
		sc->truncated = true;
		return 0;
	}
	o = contact_to_json(c);
	json_object_set_new(o, "matched", json_string(matched));
	json_array_append_new(sc->contacts, o);
	return 0;
}

int
search_json(struct tld_ctx *ctx, const char *q, json_t **out,
    struct tld_error *err)
{
	struct search_ctx sc;
	struct cctld exact;
	struct tld_error ignored;
	size_t len = strlen(q), i;
	const char *start = q;
	int rc;

	while (len > 0 && (*start == ' ' || *start == '\t')) {
		start++;
		len--;
	}
	while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
		len--;
	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "q", "is empty");
	if ((rc = text_field_validate("q", start, len, SEARCH_QUERY_MAX, true,
	    err)) < 0)
		return rc;
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < len; i++)
		sc.needle[i] = lower(start[i]);
	sc.needle[i] = '\0';
	sc.cctlds = json_array();
	sc.contacts = json_array();
	tld_error_clear(&ignored);
	if (cctlds_resolve(ctx, sc.needle, &exact, &ignored) == 0) {
		json_t *o = cctlds_to_json(&exact);

		sc.exact = exact.code;
		json_object_set_new(o, "matched", json_string("code"));
		json_array_append_new(sc.cctlds, o);
	}
	if ((rc = store_cctld_each(ctx->store, NULL, match_cctld, &sc, err)) >= 0)
		rc = store_contact_each(ctx->store, NULL, match_contact, &sc, err);
	if (rc < 0) {
		json_decref(sc.cctlds);
		json_decref(sc.contacts);
		return rc;
	}
	*out = json_pack("{s:s#, s:o, s:o, s:b}", "query", start, (int)len,
	    "cctlds", sc.cctlds, "contacts", sc.contacts, "truncated",
	    sc.truncated);
	return 0;
}
