/* SPDX-License-Identifier: MIT */
/*
 * Parser for whois.iana.org answers about TLDs.  The input is read line by
 * line (LF or CRLF); each "domain:" line opens a record, and a "contact:"
 * line opens a contact block that takes name:, organisation:, address:,
 * phone:, fax-no: and e-mail: until the next "contact:" or a top-level key
 * (nserver:, whois:, status:, created:, source: ...).  Keys are matched
 * case-insensitively as in RPSL; unknown keys and keys before the first
 * "domain:" (such as "refer:") are checked and ignored.  For a single-valued
 * key the first non-empty value wins; address: lines are joined with '\n'.
 * Every value, known or not, is bounded, valid UTF-8 and free of control
 * characters, so what callers get can be stored and printed as is.
 */
#include "model/whois.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

#define WHOIS_MAX_KEY 32

enum whois_key {
	WHOIS_KEY_UNKNOWN,
	WHOIS_KEY_DOMAIN,
	WHOIS_KEY_ORGANISATION,
	WHOIS_KEY_ADDRESS,
	WHOIS_KEY_CONTACT,
	WHOIS_KEY_NAME,
	WHOIS_KEY_PHONE,
	WHOIS_KEY_FAX,
	WHOIS_KEY_EMAIL,
	WHOIS_KEY_CREATED,
	WHOIS_KEY_CHANGED,
	WHOIS_KEY_TOPLEVEL, /* ends a contact block, not stored */
};

static const struct {
	const char *name;
	enum whois_key key;
} whois_keys[] = {
	{ "domain",		WHOIS_KEY_DOMAIN },
	{ "organisation",	WHOIS_KEY_ORGANISATION },
	{ "address",		WHOIS_KEY_ADDRESS },
	{ "contact",		WHOIS_KEY_CONTACT },
	{ "name",		WHOIS_KEY_NAME },
	{ "phone",		WHOIS_KEY_PHONE },
	{ "fax-no",		WHOIS_KEY_FAX },
	{ "e-mail",		WHOIS_KEY_EMAIL },
	{ "created",		WHOIS_KEY_CREATED },
	{ "changed",		WHOIS_KEY_CHANGED },
	{ "nserver",		WHOIS_KEY_TOPLEVEL },
	{ "ds-rdata",		WHOIS_KEY_TOPLEVEL },
	{ "whois",		WHOIS_KEY_TOPLEVEL },
	{ "status",		WHOIS_KEY_TOPLEVEL },
	{ "remarks",		WHOIS_KEY_TOPLEVEL },
	{ "source",		WHOIS_KEY_TOPLEVEL },
};

enum whois_section {
	WHOIS_SECTION_RECORD,
	WHOIS_SECTION_ADMIN,
	WHOIS_SECTION_TECH,
	WHOIS_SECTION_OTHER, /* a contact type we do not keep */
};

struct whois_parser {
	struct whois_record *recs;
	size_t n;
	size_t cap;
	enum whois_section section;
};

static bool
whois_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
whois_is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static bool
whois_equal_nocase(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen && b[i] != '\0'; i++) {
		char ca = a[i], cb = b[i];

		if (ca >= 'A' && ca <= 'Z')
			ca = (char)(ca - 'A' + 'a');
		if (ca != cb)
			return false;
	}
	return i == alen && b[i] == '\0';
}

static enum whois_key
whois_lookup(const char *key, size_t len)
{
	for (size_t i = 0; i < sizeof(whois_keys) / sizeof(whois_keys[0]); i++)
		if (whois_equal_nocase(key, len, whois_keys[i].name))
			return whois_keys[i].key;
	return WHOIS_KEY_UNKNOWN;
}

static void
whois_contact_init(struct whois_contact *c)
{
	c->name = xstrdup("");
	c->organisation = xstrdup("");
	c->address = xstrdup("");
	c->phone = xstrdup("");
	c->fax = xstrdup("");
	c->email = xstrdup("");
}

static void
whois_contact_fini(struct whois_contact *c)
{
	free(c->name);
	free(c->organisation);
	free(c->address);
	free(c->phone);
	free(c->fax);
	free(c->email);
}

/* The first non-empty value of a single-valued key wins. */
static void
whois_set(char **slot, const char *v, size_t len)
{
	if (len == 0 || (*slot)[0] != '\0')
		return;
	free(*slot);
	*slot = xstrndup(v, len);
}

static int
whois_add_address(char **slot, const char *v, size_t len, size_t line,
    struct tld_error *err)
{
	size_t old = strlen(*slot), sep = old > 0 ? 1 : 0;
	char *s;

	if (len == 0)
		return 0;
	if (old + sep + len > WHOIS_MAX_VALUE)
		return tld_error_set(err, TLD_ELIMIT, "",
		    "line %zu: address longer than %d bytes", line,
		    WHOIS_MAX_VALUE);
	s = xrealloc(*slot, old + sep + len + 1);
	if (sep)
		s[old] = '\n';
	memcpy(s + old + sep, v, len);
	s[old + sep + len] = '\0';
	*slot = s;
	return 0;
}

static int
whois_new_record(struct whois_parser *ps, const char *v, size_t len,
    size_t line, struct tld_error *err)
{
	struct whois_record *rec;

	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "",
		    "line %zu: empty domain", line);
	if (ps->n == WHOIS_MAX_RECORDS)
		return tld_error_set(err, TLD_ELIMIT, "",
		    "line %zu: more than %d records", line, WHOIS_MAX_RECORDS);
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 16;
		ps->recs = xreallocarray(ps->recs, ps->cap, sizeof(*ps->recs));
	}
	rec = &ps->recs[ps->n++];
	rec->line = line;
	rec->domain = xstrndup(v, len);
	rec->organisation = xstrdup("");
	whois_contact_init(&rec->admin);
	whois_contact_init(&rec->tech);
	rec->created = xstrdup("");
	rec->changed = xstrdup("");
	ps->section = WHOIS_SECTION_RECORD;
	return 0;
}

static int
whois_contact_key(struct whois_contact *c, enum whois_key key, const char *v,
    size_t len, size_t line, struct tld_error *err)
{
	switch (key) {
	case WHOIS_KEY_NAME:
		whois_set(&c->name, v, len);
		break;
	case WHOIS_KEY_ORGANISATION:
		whois_set(&c->organisation, v, len);
		break;
	case WHOIS_KEY_ADDRESS:
		return whois_add_address(&c->address, v, len, line, err);
	case WHOIS_KEY_PHONE:
		whois_set(&c->phone, v, len);
		break;
	case WHOIS_KEY_FAX:
		whois_set(&c->fax, v, len);
		break;
	case WHOIS_KEY_EMAIL:
		whois_set(&c->email, v, len);
		break;
	default:
		break;
	}
	return 0;
}

/* One line without its line end. */
static int
whois_line(struct whois_parser *ps, const char *s, size_t n, size_t line,
    struct tld_error *err)
{
	const char *colon, *v;
	size_t klen, vlen, i;
	enum whois_key key;
	struct whois_record *rec;

	if (n == 0 || s[0] == '%')
		return 0;
	for (i = 0; i < n && whois_is_blank(s[i]); i++)
		;
	if (i == n)
		return 0;
	colon = memchr(s, ':', n < WHOIS_MAX_KEY + 1 ? n : WHOIS_MAX_KEY + 1);
	klen = colon != NULL ? (size_t)(colon - s) : 0;
	for (i = 0; i < klen && whois_is_key_char(s[i]); i++)
		;
	if (klen == 0 || i != klen)
		return tld_error_set(err, TLD_EINVAL, "",
		    "line %zu: not a \"key: value\" line", line);

	v = colon + 1;
	vlen = n - klen - 1;
	while (vlen > 0 && whois_is_blank(v[0])) {
		v++;
		vlen--;
	}
	while (vlen > 0 && whois_is_blank(v[vlen - 1]))
		vlen--;
	if (vlen > WHOIS_MAX_VALUE)
		return tld_error_set(err, TLD_ELIMIT, "",
		    "line %zu: value longer than %d bytes", line,
		    WHOIS_MAX_VALUE);
	if (!utf8_valid(v, vlen))
		return tld_error_set(err, TLD_EINVAL, "",
		    "line %zu: invalid UTF-8", line);
	if (utf8_has_control(v, vlen))
		return tld_error_set(err, TLD_EINVAL, "",
		    "line %zu: control character in value", line);

	key = whois_lookup(s, klen);
	if (key == WHOIS_KEY_DOMAIN)
		return whois_new_record(ps, v, vlen, line, err);
	if (ps->n == 0 || key == WHOIS_KEY_UNKNOWN)
		return 0;
	rec = &ps->recs[ps->n - 1];

	switch (key) {
	case WHOIS_KEY_CONTACT:
		if (whois_equal_nocase(v, vlen, "administrative"))
			ps->section = WHOIS_SECTION_ADMIN;
		else if (whois_equal_nocase(v, vlen, "technical"))
			ps->section = WHOIS_SECTION_TECH;
		else
			ps->section = WHOIS_SECTION_OTHER;
		return 0;
	case WHOIS_KEY_CREATED:
		ps->section = WHOIS_SECTION_RECORD;
		whois_set(&rec->created, v, vlen);
		return 0;
	case WHOIS_KEY_CHANGED:
		ps->section = WHOIS_SECTION_RECORD;
		whois_set(&rec->changed, v, vlen);
		return 0;
	case WHOIS_KEY_TOPLEVEL:
		ps->section = WHOIS_SECTION_RECORD;
		return 0;
	default:
		break;
	}

	switch (ps->section) {
	case WHOIS_SECTION_RECORD:
		/* The record keeps only the manager's name, not its address. */
		if (key == WHOIS_KEY_ORGANISATION)
			whois_set(&rec->organisation, v, vlen);
		return 0;
	case WHOIS_SECTION_ADMIN:
		return whois_contact_key(&rec->admin, key, v, vlen, line, err);
	case WHOIS_SECTION_TECH:
		return whois_contact_key(&rec->tech, key, v, vlen, line, err);
	case WHOIS_SECTION_OTHER:
		break;
	}
	return 0;
}

int
whois_parse(const char *p, size_t len, struct whois_record **out,
    size_t *count, struct tld_error *err)
{
	struct whois_parser ps;
	size_t pos = 0, line = 0;
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (len > WHOIS_MAX_INPUT)
		return tld_error_set(err, TLD_ELIMIT, "",
		    "input longer than %u bytes", WHOIS_MAX_INPUT);
	memset(&ps, 0, sizeof(ps));
	while (pos < len) {
		const char *s = p + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - s) : len - pos;

		pos += n + (nl != NULL ? 1 : 0);
		line++;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		rc = whois_line(&ps, s, n, line, err);
		if (rc != 0)
			goto out;
	}
	if (ps.n == 0)
		rc = tld_error_set(err, TLD_EINVAL, "",
		    "no record: no \"domain:\" line in %zu lines", line);
out:
	if (rc != 0) {
		whois_records_free(ps.recs, ps.n);
		return rc;
	}
	*out = ps.recs;
	*count = ps.n;
	return 0;
}

void
whois_records_free(struct whois_record *records, size_t count)
{
	if (records == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		free(records[i].domain);
		free(records[i].organisation);
		whois_contact_fini(&records[i].admin);
		whois_contact_fini(&records[i].tech);
		free(records[i].created);
		free(records[i].changed);
	}
	free(records);
}
