/* SPDX-License-Identifier: MIT */
/*
 * Content digests (not secrets: those are util/secret.h): the SHA-256 of
 * a byte string as lower-case hex, as `sha256sum` prints it, for stored
 * documents and the offline copy.
 */
#ifndef TLD_UTIL_DIGEST_H
#define TLD_UTIL_DIGEST_H

#include <stddef.h>

#define DIGEST_SHA256_HEX 64  /* hex digits, without the NUL */

/* The SHA-256 of data[0..len) as 64 hex digits and a NUL into out. */
void digest_sha256_hex(const void *data, size_t len,
    char out[DIGEST_SHA256_HEX + 1]);

#endif
