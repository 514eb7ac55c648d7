/* SPDX-License-Identifier: MIT */
/*
 * A contact: one person who speaks for a ccTLD in the community, or a
 * community contact (the IANA root contact, a liaison, the secretariat's
 * staff) who belongs to the community instead: no ccTLD, an affiliation
 * and a kind (docs/membership.md).  Fields
 * arrive as text from the CLI, a CSV line or the API (struct contact_fields)
 * and are validated and normalised into a struct contact, all or nothing.
 */
#ifndef TLD_MODEL_CONTACT_H
#define TLD_MODEL_CONTACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "model/cctld_code.h"
#include "model/email.h"
#include "model/field.h"
#include "model/phone.h"
#include "util/error.h"

/* What a contact belongs to: a ccTLD, or the community as one of these. */
enum contact_kind {
	CONTACT_KIND_CCTLD,     /* "cctld": cctld set, no affiliation */
	CONTACT_KIND_IANA,      /* "iana" */
	CONTACT_KIND_LIAISON,   /* "liaison" */
	CONTACT_KIND_STAFF,     /* "staff" */
};
#define CONTACT_KIND_MAX 16

/* The kind's name ("cctld", "iana", "liaison", "staff"). */
const char *contact_kind_name(enum contact_kind k);
/*
 * The community kind named by text (iana, liaison or staff, any case);
 * "cctld" or anything else is refused naming "kind".
 */
int contact_kind_parse(const char *text, enum contact_kind *out,
    struct tld_error *err);
/* A kind as stored ("cctld" for an unknown name, which the schema refuses). */
enum contact_kind contact_kind_from_name(const char *name);

struct contact {
	int64_t id;
	char cctld[CCTLD_CODE_MAX + 1];         /* "" for a community contact */
	enum contact_kind kind;
	char affiliation[TEXT_MAX_BYTES + 1];   /* "" for a ccTLD contact */
	char name[NAME_MAX_BYTES + 1];
	char email[EMAIL_MAX + 1];
	char phone[PHONE_MAX + 1];        /* E.164, as compared and exported */
	char phone_grouped[PHONE_GROUPED_MAX + 1]; /* as typed, "" if unknown */
	char organisation[TEXT_MAX_BYTES + 1];
	char role[TEXT_MAX_BYTES + 1];
	char languages[LANGUAGES_MAX + 1];
	char pgp_fingerprint[PGP_FPR_MAX + 1];
	int64_t created;
	int64_t updated;
	int64_t removed; /* 0 while active */
};

/* Raw text of the fields to set; NULL means "not given" (left as it is). */
struct contact_fields {
	const char *cctld;
	/*
	 * A community contact: affiliation (e.g. "IANA") and kind (iana,
	 * liaison, staff) instead of a ccTLD.  Giving an affiliation to a
	 * ccTLD contact moves it to the community (a kind is then needed);
	 * giving a ccTLD to a community contact moves it back.  A ccTLD and
	 * an affiliation together are refused.
	 */
	const char *affiliation;
	const char *kind;
	const char *name;
	const char *email;
	const char *phone;
	const char *organisation;
	const char *role;
	const char *languages;
	const char *pgp_fingerprint;
};

/* A community contact (no ccTLD, an affiliation). */
static inline bool
contact_is_community(const struct contact *c)
{
	return c->kind != CONTACT_KIND_CCTLD;
}

/*
 * Whom c belongs to, for messages: ".se" (the ccTLD's A-label) or
 * "the community (IANA)"; written into buf.
 */
const char *contact_owner_label(const struct contact *c, char *buf,
    size_t len);

/*
 * Validate every given field of f and, only if all are valid, write their
 * normalised forms into *c.  The ccTLD is checked for syntax only.  On error
 * *c is unchanged and err names the first bad field.
 */
int contact_apply_fields(struct contact *c, const struct contact_fields *f,
    struct tld_error *err);

/*
 * The fields a contact must have are present: a ccTLD, or an affiliation
 * and a kind; name, email; a phone, except for a community contact whose
 * address is a role address (the generic-contact exception that the
 * service requires for it stands for the person).
 */
int contact_check_complete(const struct contact *c, struct tld_error *err);

/*
 * The contact as a JSON object (id, cctld (null for a community contact),
 * kind, affiliation (community contacts only), name, email, phone (E.164),
 * phone_display (the grouping it was typed with, else E.164), organisation,
 * role, languages (array), pgp_fingerprint, created, updated (ISO 8601));
 * a new reference the caller releases with json_decref().
 */
json_t *contact_to_json(const struct contact *c);

/*
 * contact_to_json() for many contacts in turn (an import's audit rows):
 * one tree kept in cj, its values replaced in place (jansson's setters)
 * when the next contact has the same keys -- ccTLD or community contact,
 * removed or not, updated the same instant as created or not -- else
 * built again by contact_to_json().  Keys a caller adds to the tree stay
 * while it is kept (cj->fresh says it was just built).  Values equal to
 * the previous contact's are left alone.  Zero-initialise cj; free with
 * contact_json_fini().  The tree is borrowed: valid until the next call.
 */
struct contact_json {
	json_t *o;      /* the tree, NULL before the first call */
	bool fresh;     /* o was built by this call */
	unsigned shape;
	json_t *id, *cctld, *kind, *affiliation, *name, *email, *phone,
	    *phone_display, *organisation, *role, *languages, *pgp_fingerprint,
	    *created, *updated, *removed;
	char languages_raw[LANGUAGES_MAX + 1]; /* what languages shows */
	int64_t created_at, updated_at, removed_at; /* what the times show */
};

json_t *contact_json_set(struct contact_json *cj, const struct contact *c);
void contact_json_fini(struct contact_json *cj);

#endif
