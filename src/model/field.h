/* SPDX-License-Identifier: MIT */
/*
 * Validation of the free-text and small structured fields of a contact: a
 * person's name, organisation and role; preferred languages; an OpenPGP
 * fingerprint.  Each error names the field it was given.  No I/O.
 */
#ifndef TLD_MODEL_FIELD_H
#define TLD_MODEL_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define NAME_MAX_BYTES 200
#define TEXT_MAX_BYTES 200
#define LANGUAGES_MAX 64
#define PGP_FPR_MAX 64

/*
 * A text field: valid UTF-8, no control characters, at most maxbytes bytes
 * after trimming surrounding blanks; empty allowed only when !required.
 */
int text_field_validate(const char *field, const char *p, size_t len,
    size_t maxbytes, bool required, struct tld_error *err);

/* A person's name: a required text field of at most NAME_MAX_BYTES ("name"). */
int person_name_validate(const char *p, size_t len, struct tld_error *err);

/*
 * Languages: a comma-separated list of ISO 639-1/639-2 codes (2 or 3 ASCII
 * letters), blanks allowed around commas, duplicates dropped; normalised to
 * lower case joined by "," ("EN, fr" -> "en,fr").  Empty input gives "".
 * Field "languages".  Writes out (outlen >= LANGUAGES_MAX + 1) on success.
 */
int languages_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err);

/*
 * OpenPGP fingerprint: 40 (v4) or 64 (v5/v6) hex digits, spaces allowed on
 * input, normalised to upper case without spaces; "0x" prefix accepted.
 * Empty input gives "".  Field "pgp_fingerprint".  outlen >= PGP_FPR_MAX + 1.
 */
int pgp_fingerprint_normalize(const char *p, size_t len, char *out,
    size_t outlen, struct tld_error *err);

#endif
