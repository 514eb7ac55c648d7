/* SPDX-License-Identifier: MIT */
/* Contact validation (all fields or none) and its JSON form. */
#include "model/contact.h"

#include <string.h>

#include "util/clock.h"
#include "util/jsonw.h"

static int
copy_text(const char *field, const char *in, size_t maxbytes, bool required,
    char *out, size_t outlen, struct tld_error *err)
{
	size_t len = strlen(in);
	int rc;

	rc = text_field_validate(field, in, len, maxbytes, required, err);
	if (rc < 0)
		return rc;
	/* Trim surrounding blanks the same way the validator measured. */
	while (len > 0 && (*in == ' ' || *in == '\t')) {
		in++;
		len--;
	}
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	if (len >= outlen)
		return tld_error_set(err, TLD_EINVAL, field, "is too long");
	memcpy(out, in, len);
	out[len] = '\0';
	return 0;
}

int
contact_apply_fields(struct contact *c, const struct contact_fields *f,
    struct tld_error *err)
{
	struct contact t = *c;
	int rc;

	if (f->cctld != NULL && (rc = cctld_code_normalize(f->cctld,
	    strlen(f->cctld), t.cctld, sizeof(t.cctld), err)) < 0)
		return rc;
	if (f->name != NULL) {
		if ((rc = person_name_validate(f->name, strlen(f->name), err)) < 0)
			return rc;
		if ((rc = copy_text("name", f->name, NAME_MAX_BYTES, true,
		    t.name, sizeof(t.name), err)) < 0)
			return rc;
	}
	if (f->email != NULL && (rc = email_normalize(f->email,
	    strlen(f->email), t.email, sizeof(t.email), err)) < 0)
		return rc;
	if (f->phone != NULL && (rc = phone_normalize(f->phone,
	    strlen(f->phone), t.phone, sizeof(t.phone), err)) < 0)
		return rc;
	if (f->organisation != NULL && (rc = copy_text("organisation",
	    f->organisation, TEXT_MAX_BYTES, false, t.organisation,
	    sizeof(t.organisation), err)) < 0)
		return rc;
	if (f->role != NULL && (rc = copy_text("role", f->role, TEXT_MAX_BYTES,
	    false, t.role, sizeof(t.role), err)) < 0)
		return rc;
	if (f->languages != NULL && (rc = languages_normalize(f->languages,
	    strlen(f->languages), t.languages, sizeof(t.languages), err)) < 0)
		return rc;
	if (f->pgp_fingerprint != NULL && (rc = pgp_fingerprint_normalize(
	    f->pgp_fingerprint, strlen(f->pgp_fingerprint), t.pgp_fingerprint,
	    sizeof(t.pgp_fingerprint), err)) < 0)
		return rc;
	*c = t;
	return 0;
}

int
contact_check_complete(const struct contact *c, struct tld_error *err)
{
	if (c->cctld[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "cctld", "is required");
	if (c->name[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "name", "is required");
	if (c->email[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "email", "is required");
	if (c->phone[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "phone", "is required");
	return 0;
}

static json_t *
languages_to_json(const char *langs)
{
	json_t *a = json_array();
	const char *p = langs;

	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n > 0)
			json_array_append_new(a, json_stringn(p, n));
		p += n + (comma != NULL);
	}
	return a;
}

static json_t *
time_json(int64_t t)
{
	char iso[32];

	if (t == 0)
		return json_null();
	clock_format_iso(t, iso, sizeof(iso));
	return json_string(iso);
}

/* Values were validated as UTF-8 on input: skip jansson's second check. */
static void
set_str(json_t *o, const char *key, const char *value)
{
	json_object_set_new_nocheck(o, key, json_string_nocheck(value));
}

json_t *
contact_to_json(const struct contact *c)
{
	json_t *o = json_object();

	json_object_set_new_nocheck(o, "id", json_integer(c->id));
	set_str(o, "cctld", c->cctld);
	set_str(o, "name", c->name);
	set_str(o, "email", c->email);
	set_str(o, "phone", c->phone);
	set_str(o, "organisation", c->organisation);
	set_str(o, "role", c->role);
	json_object_set_new_nocheck(o, "languages", languages_to_json(c->languages));
	set_str(o, "pgp_fingerprint", c->pgp_fingerprint);
	json_object_set_new_nocheck(o, "created", time_json(c->created));
	json_object_set_new_nocheck(o, "updated", time_json(c->updated));
	if (c->removed != 0)
		json_object_set_new_nocheck(o, "removed", time_json(c->removed));
	return o;
}

/* Append a literal: keys with their separators. */
#define LIT(out, s) buf_append((out), (s), sizeof(s) - 1)

/*
 * A time value as time_json() makes it: null for 0, else ISO 8601, whose
 * text is left in iso[32].
 */
static void
time_append(struct buf *out, int64_t t, char *iso)
{
	if (t == 0) {
		LIT(out, "null");
		return;
	}
	clock_format_iso(t, iso, 32);
	jsonw_string(out, iso, strlen(iso));
}

static void
str_append(struct buf *out, const char *s)
{
	jsonw_string(out, s, strlen(s));
}

void
contact_json_append(struct buf *out, const struct contact *c, const char *via)
{
	const char *p = c->languages;
	char iso[32];
	int first = 1;

	buf_reserve(out, 512);
	LIT(out, "{\"id\":");
	jsonw_int(out, c->id);
	LIT(out, ",\"cctld\":");
	str_append(out, c->cctld);
	LIT(out, ",\"name\":");
	str_append(out, c->name);
	LIT(out, ",\"email\":");
	str_append(out, c->email);
	LIT(out, ",\"phone\":");
	str_append(out, c->phone);
	LIT(out, ",\"organisation\":");
	str_append(out, c->organisation);
	LIT(out, ",\"role\":");
	str_append(out, c->role);
	/* As languages_to_json(): the comma-separated parts, empty ones skipped. */
	LIT(out, ",\"languages\":[");
	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n > 0) {
			if (!first)
				buf_putc(out, ',');
			jsonw_string(out, p, n);
			first = 0;
		}
		p += n + (comma != NULL);
	}
	LIT(out, "],\"pgp_fingerprint\":");
	str_append(out, c->pgp_fingerprint);
	/* created and updated are usually the same instant: format it once. */
	LIT(out, ",\"created\":");
	time_append(out, c->created, iso);
	LIT(out, ",\"updated\":");
	if (c->updated == c->created && c->created != 0)
		str_append(out, iso);
	else
		time_append(out, c->updated, iso);
	if (c->removed != 0) {
		LIT(out, ",\"removed\":");
		time_append(out, c->removed, iso);
	}
	if (via != NULL) {
		LIT(out, ",\"via\":");
		str_append(out, via);
	}
	buf_putc(out, '}');
}
