/* SPDX-License-Identifier: MIT */
/* Parsers of client input: percent-encoding, forms, cookies, bearer, JSON. */
#include "web/parse.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"
#include "util/xalloc.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
url_decode(const char *p, size_t len, bool plus_space, char *out,
    size_t outlen, size_t *outlen_used)
{
	size_t o = 0;

	if (outlen == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = p[i];

		if (c == '%') {
			int hi, lo;

			if (len - i < 3)
				return false;
			hi = hexval(p[i + 1]);
			lo = hexval(p[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (c == '\0' || o + 1 >= outlen)
			return false;
		out[o++] = c;
	}
	out[o] = '\0';
	if (outlen_used != NULL)
		*outlen_used = o;
	return true;
}

/* Control characters other than tab, CR, LF (C0, DEL, C1). */
static bool
has_bad_control(const char *s, size_t len, bool allow_space_ctl)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (allow_space_ctl && (c == '\t' || c == '\r' || c == '\n'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return true;
		/* C1 controls are U+0080..U+009F: 0xC2 0x80..0x9F in UTF-8. */
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return true;
	}
	return false;
}

void
form_fini(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->pairs[i].key);
		free(f->pairs[i].value);
	}
	f->n = 0;
}

const char *
form_get(const struct form *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].key, key) == 0)
			return f->pairs[i].value;
	return NULL;
}

static int
form_fail(struct form *f, struct tld_error *err, const char *field,
    const char *why)
{
	form_fini(f);
	return tld_error_set(err, TLD_EINVAL, field, "%s", why);
}

int
form_parse(const char *p, size_t len, struct form *out, struct tld_error *err)
{
	size_t i = 0;

	out->n = 0;
	if (len > FORM_MAX_INPUT)
		return form_fail(out, err, "form", "is too large");
	while (i < len) {
		size_t start = i, eq, end, klen, vlen;
		char key[FORM_MAX_KEY + 1], *value;

		while (i < len && p[i] != '&')
			i++;
		end = i++;
		if (end == start)
			continue;
		for (eq = start; eq < end && p[eq] != '='; eq++)
			;
		if (out->n == FORM_MAX_PAIRS)
			return form_fail(out, err, "form", "has too many fields");
		if (!url_decode(p + start, eq - start, true, key, sizeof(key), &klen))
			return form_fail(out, err, "form",
			    "has a field name that is too long or badly encoded");
		if (klen == 0 || !utf8_valid(key, klen) ||
		    has_bad_control(key, klen, false))
			return form_fail(out, err, "form", "has a bad field name");
		if (form_get(out, key) != NULL)
			return form_fail(out, err, "form",
			    "gives the same field twice");
		vlen = eq < end ? end - eq - 1 : 0;
		value = xmalloc(vlen + 1);
		if (!url_decode(eq < end ? p + eq + 1 : "", vlen, true, value,
		    vlen + 1, &vlen) || !utf8_valid(value, vlen) ||
		    has_bad_control(value, vlen, true)) {
			free(value);
			form_fini(out);
			return tld_error_set(err, TLD_EINVAL, key,
			    "is badly encoded, not UTF-8 or has control characters");
		}
		out->pairs[out->n].key = xstrndup(key, klen);
		out->pairs[out->n].value = value;
		out->n++;
	}
	return 0;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

bool
cookie_find(const char *p, size_t len, const char *name, const char **val,
    size_t *vlen)
{
	size_t nlen = strlen(name), i = 0;

	while (i < len) {
		size_t start, eq, end;

		while (i < len && (is_space(p[i]) || p[i] == ';'))
			i++;
		start = i;
		while (i < len && p[i] != ';')
			i++;
		end = i;
		while (end > start && is_space(p[end - 1]))
			end--;
		for (eq = start; eq < end && p[eq] != '='; eq++)
			;
		if (eq == end)
			continue;
		if (eq - start == nlen && memcmp(p + start, name, nlen) == 0) {
			const char *v = p + eq + 1;
			size_t n = end - eq - 1;

			if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
				v++;
				n -= 2;
			}
			*val = v;
			*vlen = n;
			return true;
		}
	}
	return false;
}

static bool
is_token68(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~' || c == '+' || c == '/';
}

bool
bearer_parse(const char *p, size_t len, const char **tok, size_t *toklen)
{
	static const char scheme[] = "bearer";
	size_t i = sizeof(scheme) - 1, start, end;

	if (len <= i || strncasecmp(p, scheme, i) != 0 || !is_space(p[i]))
		return false;
	while (i < len && is_space(p[i]))
		i++;
	start = i;
	while (i < len && is_token68(p[i]))
		i++;
	end = i;
	while (i < len && p[i] == '=') /* token68 padding */
		i++;
	while (i < len && is_space(p[i]))
		i++;
	if (i != len || end == start)
		return false;
	*tok = p + start;
	*toklen = end - start;
	return true;
}

int
json_body_parse(const char *p, size_t len, json_t **out,
    struct tld_error *err)
{
	json_error_t je;
	json_t *o;

	if (len > FORM_MAX_INPUT)
		return tld_error_set(err, TLD_EINVAL, "body", "is too large");
	o = json_loadb(p, len, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL)
		return tld_error_set(err, TLD_EINVAL, "body",
		    "is not valid JSON (line %d, column %d): %s", je.line,
		    je.column, je.text);
	if (!json_is_object(o)) {
		json_decref(o);
		return tld_error_set(err, TLD_EINVAL, "body",
		    "must be a JSON object");
	}
	*out = o;
	return 0;
}

int
json_string_member(const json_t *o, const char *key, bool required,
    const char **out, struct tld_error *err)
{
	const json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return tld_error_set(err, TLD_EINVAL, key, "is required");
		return 0;
	}
	if (!json_is_string(v))
		return tld_error_set(err, TLD_EINVAL, key, "must be a string");
	if (strlen(json_string_value(v)) != json_string_length(v))
		return tld_error_set(err, TLD_EINVAL, key, "contains a NUL");
	*out = json_string_value(v);
	return 0;
}

int
json_contact_fields(const json_t *o, struct contact_fields *f,
    struct tld_error *err)
{
	struct {
		const char *key;
		const char **slot;
	} map[] = {
		{ "cctld", &f->cctld }, { "name", &f->name },
		{ "email", &f->email }, { "phone", &f->phone },
		{ "organisation", &f->organisation }, { "role", &f->role },
		{ "languages", &f->languages },
		{ "pgp_fingerprint", &f->pgp_fingerprint },
		/* A community contact: instead of cctld (docs/membership.md). */
		{ "affiliation", &f->affiliation }, { "kind", &f->kind },
	};
	int rc;

	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if ((rc = json_string_member(o, map[i].key, false, map[i].slot,
		    err)) < 0)
			return rc;
	return 0;
}

bool
addr_normalise(const char *p, size_t len, char out[WEB_ADDR_MAX])
{
	char text[WEB_ADDR_MAX];
	unsigned char bin[16];

	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(text) || memchr(p, '\0', len) != NULL)
		return false;
	memcpy(text, p, len);
	text[len] = '\0';
	if (inet_pton(AF_INET, text, bin) == 1)
		return inet_ntop(AF_INET, bin, out, WEB_ADDR_MAX) != NULL;
	if (inet_pton(AF_INET6, text, bin) == 1)
		return inet_ntop(AF_INET6, bin, out, WEB_ADDR_MAX) != NULL;
	return false;
}

bool
forwarded_for_last(const char *p, size_t len, char out[WEB_ADDR_MAX])
{
	size_t start = len;

	while (start > 0 && p[start - 1] != ',')
		start--;
	return addr_normalise(p + start, len - start, out);
}

int
proxies_parse(const char *list, char out[WEB_MAX_PROXIES][WEB_ADDR_MAX],
    size_t *n, struct tld_error *err)
{
	const char *p = list;

	*n = 0;
	for (;;) {
		size_t len;

		p += strspn(p, ", \t");
		if (*p == '\0')
			return 0;
		len = strcspn(p, ", \t");
		if (*n == WEB_MAX_PROXIES)
			return tld_error_set(err, TLD_EINVAL, "web.trusted_proxies",
			    "more than %d addresses", WEB_MAX_PROXIES);
		if (!addr_normalise(p, len, out[*n]))
			return tld_error_set(err, TLD_EINVAL, "web.trusted_proxies",
			    "\"%.*s\" is not an IPv4 or IPv6 address",
			    (int)(len > 64 ? 64 : len), p);
		(*n)++;
		p += len;
	}
}
