/* SPDX-License-Identifier: MIT */
/*
 * Parsers of what a web client sends: percent-encoding, query strings and
 * application/x-www-form-urlencoded bodies, the Cookie header, the
 * Authorization: Bearer header and JSON request bodies.  Each takes
 * (p, len), never assumes NUL termination, has hard limits, and is a
 * libFuzzer target (tests/fuzz/fuzz_web_*.c).  No I/O.
 */
#ifndef TLD_WEB_PARSE_H
#define TLD_WEB_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "model/contact.h"
#include "util/error.h"

#define FORM_MAX_PAIRS 64
#define FORM_MAX_KEY 64
#define FORM_MAX_INPUT (1024 * 1024)

/*
 * Decode percent-encoding of p[0..len) into out[outlen] (NUL-terminated);
 * with plus_space, '+' is a space (forms and query strings).  False when an
 * escape is malformed, a NUL would result, or it does not fit.  *outlen_used
 * gets the decoded length.
 */
bool url_decode(const char *p, size_t len, bool plus_space, char *out,
    size_t outlen, size_t *outlen_used);

/* Decoded name=value pairs, in order.  Strings are owned by the list. */
struct form {
	size_t n;
	struct {
		char *key;
		char *value;
	} pairs[FORM_MAX_PAIRS];
};

/*
 * Parse "a=1&b=two+words&c=%C3%A9" (a query string without '?', or a form
 * body).  Empty pieces ("a=1&&b=2") are skipped; a piece without '=' has
 * the value "".  Refused with TLD_EINVAL (field: the key, or "form"):
 * malformed escapes, keys longer than FORM_MAX_KEY, more than
 * FORM_MAX_PAIRS pairs, a key given twice, input over FORM_MAX_INPUT, and
 * text that is not UTF-8 or has control characters other than tab, CR
 * and LF in values (keys: none).  On failure *out is empty.
 * form_fini() frees it either way.
 */
int form_parse(const char *p, size_t len, struct form *out,
    struct tld_error *err);
void form_fini(struct form *f);
/* The value of key, or NULL; borrowed from f. */
const char *form_get(const struct form *f, const char *key);

/*
 * Find cookie name in a Cookie header ("a=1; b=2"), RFC 6265 syntax,
 * quotes around a value removed.  *val points into p.  False if absent.
 */
bool cookie_find(const char *p, size_t len, const char *name,
    const char **val, size_t *vlen);

/*
 * The token of "Bearer <token>" (scheme case-insensitive, RFC 6750
 * token68 characters).  *tok points into p.  False for anything else.
 */
bool bearer_parse(const char *p, size_t len, const char **tok, size_t *toklen);

/* Room for an address as inet_ntop() writes it. */
#define WEB_ADDR_MAX 46

/*
 * Normalise the IPv4 or IPv6 address p[0..len) (spaces and tabs around it
 * allowed) to inet_ntop()'s text in out.  False for anything else.
 */
bool addr_normalise(const char *p, size_t len, char out[WEB_ADDR_MAX]);

/*
 * The client a reverse proxy names: the last element of an X-Forwarded-For
 * header ("client, proxy1, proxy2": the last one is what the nearest proxy
 * saw, the only one it vouches for), normalised.  False when that element is
 * not an address.
 */
bool forwarded_for_last(const char *p, size_t len, char out[WEB_ADDR_MAX]);

#define WEB_MAX_PROXIES 8
/*
 * [web] trusted_proxies: addresses separated by commas or spaces, at most
 * WEB_MAX_PROXIES, each normalised into out.  An error names
 * "web.trusted_proxies" and the bad element.
 */
int proxies_parse(const char *list, char out[WEB_MAX_PROXIES][WEB_ADDR_MAX],
    size_t *n, struct tld_error *err);

/*
 * A JSON request body: a single object, at most FORM_MAX_INPUT bytes,
 * duplicate keys refused.  TLD_EINVAL naming "body" (with jansson's
 * line/column) otherwise.  *out is new.
 */
int json_body_parse(const char *p, size_t len, json_t **out,
    struct tld_error *err);

/*
 * Fill f from the string members of o named like the contact fields
 * (cctld, name, email, phone, organisation, role, languages,
 * pgp_fingerprint); members absent or null stay NULL.  A member of another
 * type is TLD_EINVAL naming it.  Strings are borrowed from o.
 */
int json_contact_fields(const json_t *o, struct contact_fields *f,
    struct tld_error *err);

/*
 * A string member of o: NULL when absent or null; TLD_EINVAL naming key
 * when it is not a string or holds a NUL.  required: absent is TLD_EINVAL.
 */
int json_string_member(const json_t *o, const char *key, bool required,
    const char **out, struct tld_error *err);

#endif
