/* SPDX-License-Identifier: MIT */
/*
 * Secrets that authorise something (authorisation links, login links,
 * session ids, API tokens): 256 random bits from libsodium, shown once as
 * URL-safe base64, stored only as a BLAKE2b-256 hash.  Looking a secret up
 * by its hash means the stored value never has to be compared with the
 * secret itself; where two secrets are compared, use secret_equal().
 */
#ifndef TLD_UTIL_SECRET_H
#define TLD_UTIL_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_TEXT_MAX 44  /* 43 base64url characters and a NUL */
#define SECRET_HASH_HEX 65  /* 64 hex digits and a NUL */

/* A new secret as base64url text (no padding) into out[SECRET_TEXT_MAX]. */
void secret_new(char out[SECRET_TEXT_MAX]);

/*
 * The hex BLAKE2b-256 hash of the secret text p[0..len) into
 * out[SECRET_HASH_HEX].  Returns false (out untouched) when p is not a
 * well-formed secret (wrong length or alphabet), so junk never reaches the
 * database.
 */
bool secret_hash(const char *p, size_t len, char out[SECRET_HASH_HEX]);

/* Constant-time comparison of two equal-length byte strings. */
bool secret_equal(const void *a, const void *b, size_t len);

#endif
