/* SPDX-License-Identifier: MIT */
/* Contact validation (all fields or none) and its JSON form. */
#include "model/contact.h"

#include <string.h>

#include "util/clock.h"
#include "util/json_util.h"

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
	json_object_set_new_nocheck(o, "created", json_time(c->created));
	/* Usually the same instant (a new contact): share the value. */
	json_object_set_new_nocheck(o, "updated", c->updated == c->created ?
	    json_incref(json_object_get(o, "created")) : json_time(c->updated));
	if (c->removed != 0)
		json_object_set_new_nocheck(o, "removed", json_time(c->removed));
	return o;
}
