/* SPDX-License-Identifier: MIT */
/*
 * A document of the community's collateral (a playbook): its identity
 * (slug, language, version), who may read it (visibility against the
 * reader's role) and the validation of each of those fields.  The bytes
 * and their format are checked by model/doc_sniff.h.  No I/O.
 *
 * One document is a slug; each language of it has its own versions; a new
 * version never replaces an old one (see docs/collateral.md).
 */
#ifndef TLD_MODEL_DOCUMENT_H
#define TLD_MODEL_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/doc_sniff.h"
#include "util/error.h"

#define DOC_SLUG_MAX 64
#define DOC_LANG_LEN 2
#define DOC_VERSION_MAX 32
#define DOC_TITLE_MAX 200
#define DOC_FILENAME_MAX 200
#define DOC_REASON_MAX 500
#define DOC_SHA256_HEX 64

/* Who may read a document; each level includes the ones before it. */
enum doc_visibility {
	DOC_VISIBILITY_PUBLIC,
	DOC_VISIBILITY_MEMBERS,
	DOC_VISIBILITY_COMMITTEE,
};

/*
 * Who is reading: the public (not logged in), a member (an active
 * contact), or the standing committee and secretariat (and the CLI, which
 * has the database anyway).
 */
enum doc_role {
	DOC_ROLE_PUBLIC,
	DOC_ROLE_MEMBER,
	DOC_ROLE_COMMITTEE,
};

struct document {
	int64_t id;
	char slug[DOC_SLUG_MAX + 1];
	char lang[DOC_LANG_LEN + 1];
	char version[DOC_VERSION_MAX + 1];
	int64_t seq;                    /* 1, 2, ... per slug and language */
	char title[DOC_TITLE_MAX + 1];
	enum doc_visibility visibility;
	enum doc_format format;
	char filename[DOC_FILENAME_MAX + 1]; /* as added; for the history */
	int64_t size;
	char sha256[DOC_SHA256_HEX + 1];     /* lower-case hex */
	int64_t created;
	char created_by[128];
	int64_t removed;                     /* 0 while not removed */
	char removed_reason[DOC_REASON_MAX + 1];
};

/* A slug: 1..DOC_SLUG_MAX of [a-z0-9-], not starting or ending with "-". Field "slug". */
int document_slug_validate(const char *p, size_t len, struct tld_error *err);

/*
 * A language: an ISO 639-1 code (two letters, any case), normalised to
 * lower case into out[3].  Field "lang".  out is written only on success.
 */
int document_lang_normalize(const char *p, size_t len, char *out,
    size_t outlen, struct tld_error *err);

/* A version label: 1..DOC_VERSION_MAX of [A-Za-z0-9._-], starting with a letter or digit. Field "version". */
int document_version_validate(const char *p, size_t len,
    struct tld_error *err);

/* "public", "members" or "committee" (exactly).  Field "visibility". */
int document_visibility_parse(const char *p, size_t len,
    enum doc_visibility *out, struct tld_error *err);
const char *document_visibility_name(enum doc_visibility v);

/* Whether a reader with role may read a document of visibility v. */
bool document_visible_to(enum doc_visibility v, enum doc_role role);

#endif
