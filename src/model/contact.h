/* SPDX-License-Identifier: MIT */
/*
 * A contact: one person who speaks for a ccTLD in the community.  Fields
 * arrive as text from the CLI, a CSV line or the API (struct contact_fields)
 * and are validated and normalised into a struct contact, all or nothing.
 */
#ifndef TLD_MODEL_CONTACT_H
#define TLD_MODEL_CONTACT_H

#include <stdint.h>

#include <jansson.h>

#include "model/cctld_code.h"
#include "model/email.h"
#include "model/field.h"
#include "model/phone.h"
#include "util/error.h"

struct contact {
	int64_t id;
	char cctld[CCTLD_CODE_MAX + 1];
	char name[NAME_MAX_BYTES + 1];
	char email[EMAIL_MAX + 1];
	char phone[PHONE_MAX + 1];
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
	const char *name;
	const char *email;
	const char *phone;
	const char *organisation;
	const char *role;
	const char *languages;
	const char *pgp_fingerprint;
};

/*
 * Validate every given field of f and, only if all are valid, write their
 * normalised forms into *c.  The ccTLD is checked for syntax only.  On error
 * *c is unchanged and err names the first bad field.
 */
int contact_apply_fields(struct contact *c, const struct contact_fields *f,
    struct tld_error *err);

/* The fields a contact must have (cctld, name, email, phone) are present. */
int contact_check_complete(const struct contact *c, struct tld_error *err);

/*
 * The contact as a JSON object (id, cctld, name, email, phone, organisation,
 * role, languages (array), pgp_fingerprint, created, updated (ISO 8601));
 * a new reference the caller releases with json_decref().
 */
json_t *contact_to_json(const struct contact *c);

#endif
