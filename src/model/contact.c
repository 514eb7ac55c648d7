/* SPDX-License-Identifier: MIT */
/* Contact validation (all fields or none) and its JSON form. */
#include "model/contact.h"

#include <stdio.h>
#include <strings.h>
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

static const char *const kind_names[] = {
	[CONTACT_KIND_CCTLD] = "cctld",
	[CONTACT_KIND_IANA] = "iana",
	[CONTACT_KIND_LIAISON] = "liaison",
	[CONTACT_KIND_STAFF] = "staff",
};

const char *
contact_kind_name(enum contact_kind k)
{
	if ((size_t)k >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "cctld";
	return kind_names[k];
}

enum contact_kind
contact_kind_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(kind_names[i], name) == 0)
			return (enum contact_kind)i;
	return CONTACT_KIND_CCTLD;
}

int
contact_kind_parse(const char *text, enum contact_kind *out,
    struct tld_error *err)
{
	for (size_t i = CONTACT_KIND_IANA;
	    i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcasecmp(kind_names[i], text) == 0) {
			*out = (enum contact_kind)i;
			return 0;
		}
	if (strcasecmp(text, "cctld") == 0)
		return tld_error_set(err, TLD_EINVAL, "kind",
		    "cctld is not a community kind: give the contact a ccTLD "
		    "instead of an affiliation");
	return tld_error_set(err, TLD_EINVAL, "kind",
	    "unknown kind '%.40s': one of iana, liaison, staff", text);
}

const char *
contact_owner_label(const struct contact *c, char *buf, size_t len)
{
	if (contact_is_community(c))
		snprintf(buf, len, "the community (%s)", c->affiliation);
	else
		snprintf(buf, len, ".%s", c->cctld);
	return buf;
}

/* Is text blank (NULL, empty or spaces)? */
static bool
blank(const char *text)
{
	if (text == NULL)
		return true;
	for (; *text != '\0'; text++)
		if (*text != ' ' && *text != '\t')
			return false;
	return true;
}

/* The owner fields of f (cctld, affiliation, kind) applied to t. */
static int
apply_owner(struct contact *t, const struct contact_fields *f,
    struct tld_error *err)
{
	bool cctld = !blank(f->cctld), affiliation = !blank(f->affiliation);
	enum contact_kind kind = t->kind;
	int rc;

	if (cctld && affiliation)
		return tld_error_set(err, TLD_EINVAL, "affiliation",
		    "a contact belongs to a ccTLD or to the community, not "
		    "both: give a ccTLD or an affiliation");
	if (!blank(f->kind) && (rc = contact_kind_parse(f->kind, &kind,
	    err)) < 0)
		return rc;
	if (cctld) {
		if (!blank(f->kind))
			return tld_error_set(err, TLD_EINVAL, "kind",
			    "is for community contacts (with an affiliation), "
			    "not a ccTLD's");
		if ((rc = cctld_code_normalize(f->cctld, strlen(f->cctld),
		    t->cctld, sizeof(t->cctld), err)) < 0)
			return rc;
		t->kind = CONTACT_KIND_CCTLD;
		t->affiliation[0] = '\0';
		return 0;
	}
	if (f->cctld != NULL && !affiliation)
		/* Given but blank: the ccTLD check's own words. */
		return cctld_code_normalize(f->cctld, strlen(f->cctld), t->cctld,
		    sizeof(t->cctld), err);
	if (affiliation) {
		if ((rc = copy_text("affiliation", f->affiliation,
		    TEXT_MAX_BYTES, true, t->affiliation,
		    sizeof(t->affiliation), err)) < 0)
			return rc;
		t->cctld[0] = '\0';
	} else if (f->affiliation != NULL && f->affiliation[0] != '\0') {
		return tld_error_set(err, TLD_EINVAL, "affiliation", "is blank");
	} else if (!blank(f->kind) && t->affiliation[0] == '\0') {
		return tld_error_set(err, TLD_EINVAL, "kind",
		    "is for community contacts: give an affiliation "
		    "(e.g. IANA) instead of a ccTLD");
	}
	if (t->affiliation[0] != '\0' && kind == CONTACT_KIND_CCTLD)
		return tld_error_set(err, TLD_EINVAL, "kind",
		    "is required for a community contact: one of iana, "
		    "liaison, staff");
	t->kind = kind;
	return 0;
}

int
contact_apply_fields(struct contact *c, const struct contact_fields *f,
    struct tld_error *err)
{
	struct contact t = *c;
	int rc;

	if ((rc = apply_owner(&t, f, err)) < 0)
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
	if (f->phone != NULL) {
		char grouped[PHONE_GROUPED_MAX + 1];

		/*
		 * The grouping it was typed with; the same number in one piece
		 * (an E.164 CSV coming back) keeps the grouping it had.
		 */
		phone_grouping(f->phone, strlen(f->phone), grouped,
		    sizeof(grouped));
		if (grouped[0] != '\0' || strcmp(t.phone, c->phone) != 0)
			memcpy(t.phone_grouped, grouped, sizeof(grouped));
	}
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
	if (contact_is_community(c)) {
		if (c->affiliation[0] == '\0')
			return tld_error_set(err, TLD_EINVAL, "affiliation",
			    "is required for a community contact");
		if (c->cctld[0] != '\0')
			return tld_error_set(err, TLD_EINVAL, "cctld",
			    "a community contact has no ccTLD");
	} else if (c->cctld[0] == '\0') {
		return tld_error_set(err, TLD_EINVAL, "cctld", "is required "
		    "(or an affiliation and a kind for a community contact)");
	} else if (c->affiliation[0] != '\0') {
		return tld_error_set(err, TLD_EINVAL, "kind", "is required for "
		    "a community contact: one of iana, liaison, staff");
	}
	if (c->name[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "name", "is required");
	if (c->email[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "email", "is required");
	if (c->phone[0] == '\0' && !(contact_is_community(c) &&
	    email_is_role_address(c->email)))
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
	if (contact_is_community(c)) {
		json_object_set_new_nocheck(o, "cctld", json_null());
		set_str(o, "kind", contact_kind_name(c->kind));
		set_str(o, "affiliation", c->affiliation);
	} else {
		set_str(o, "cctld", c->cctld);
	}
	set_str(o, "name", c->name);
	set_str(o, "email", c->email);
	set_str(o, "phone", c->phone);
	set_str(o, "phone_display", phone_display(c->phone, c->phone_grouped));
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

static unsigned
json_shape(const struct contact *c)
{
	/* json_time() gives null for 0: a time not set has no string. */
	return (contact_is_community(c) ? 1u : 0u) | (c->removed != 0 ? 2u : 0u) |
	    (c->updated == c->created ? 4u : 0u) | (c->created == 0 ? 8u : 0u) |
	    (c->updated == 0 ? 16u : 0u);
}

/* The value of key in o, which contact_to_json() built with it. */
static json_t *
member(json_t *o, const char *key)
{
	return key != NULL ? json_object_get(o, key) : NULL;
}

/* Replace the string v's value with s, unless it is already s. */
static void
refill_str(json_t *v, const char *s)
{
	if (strcmp(json_string_value(v), s) != 0)
		json_string_setn_nocheck(v, s, strlen(s));
}

static void
refill_time(json_t *v, int64_t *shown, int64_t t)
{
	char iso[32];

	if (*shown == t)
		return;
	clock_format_iso(t, iso, sizeof(iso));
	json_string_set_nocheck(v, iso);
	*shown = t;
}

_Static_assert(sizeof(((struct contact *)0)->languages) ==
    sizeof(((struct contact_json *)0)->languages_raw),
    "languages_raw holds a contact's languages");

json_t *
contact_json_set(struct contact_json *cj, const struct contact *c)
{
	unsigned shape = json_shape(c);
	bool community = contact_is_community(c);

	if (cj->o == NULL || cj->shape != shape) {
		json_decref(cj->o);
		memset(cj, 0, sizeof(*cj));
		cj->o = contact_to_json(c);
		cj->fresh = true;
		cj->shape = shape;
		cj->id = member(cj->o, "id");
		cj->cctld = member(cj->o, community ? NULL : "cctld");
		cj->kind = member(cj->o, community ? "kind" : NULL);
		cj->affiliation = member(cj->o, community ? "affiliation" : NULL);
		cj->name = member(cj->o, "name");
		cj->email = member(cj->o, "email");
		cj->phone = member(cj->o, "phone");
		cj->phone_display = member(cj->o, "phone_display");
		cj->organisation = member(cj->o, "organisation");
		cj->role = member(cj->o, "role");
		cj->languages = member(cj->o, "languages");
		cj->pgp_fingerprint = member(cj->o, "pgp_fingerprint");
		cj->created = member(cj->o, "created");
		cj->updated = member(cj->o, "updated");
		cj->removed = member(cj->o, "removed");
		memcpy(cj->languages_raw, c->languages, sizeof(cj->languages_raw));
		cj->created_at = c->created;
		cj->updated_at = c->updated;
		cj->removed_at = c->removed;
		return cj->o;
	}
	cj->fresh = false;
	json_integer_set(cj->id, c->id);
	if (community) {
		refill_str(cj->kind, contact_kind_name(c->kind));
		refill_str(cj->affiliation, c->affiliation);
	} else {
		refill_str(cj->cctld, c->cctld);
	}
	refill_str(cj->name, c->name);
	refill_str(cj->email, c->email);
	refill_str(cj->phone, c->phone);
	refill_str(cj->phone_display, phone_display(c->phone, c->phone_grouped));
	refill_str(cj->organisation, c->organisation);
	refill_str(cj->role, c->role);
	if (strcmp(cj->languages_raw, c->languages) != 0) {
		json_t *a = languages_to_json(c->languages);

		json_array_clear(cj->languages);
		json_array_extend(cj->languages, a);
		json_decref(a);
		memcpy(cj->languages_raw, c->languages, sizeof(cj->languages_raw));
	}
	refill_str(cj->pgp_fingerprint, c->pgp_fingerprint);
	/* created and updated are one shared value when the shape says so. */
	if (c->created != 0)
		refill_time(cj->created, &cj->created_at, c->created);
	if (c->updated != 0 && cj->updated != cj->created)
		refill_time(cj->updated, &cj->updated_at, c->updated);
	if (cj->removed != NULL)
		refill_time(cj->removed, &cj->removed_at, c->removed);
	return cj->o;
}

void
contact_json_fini(struct contact_json *cj)
{
	json_decref(cj->o);
	memset(cj, 0, sizeof(*cj));
}
