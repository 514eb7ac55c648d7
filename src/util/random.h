/* SPDX-License-Identifier: MIT */
/* Random secrets and identifiers from libsodium's CSPRNG. */
#ifndef TLD_UTIL_RANDOM_H
#define TLD_UTIL_RANDOM_H

#include <stddef.h>

/* Initialise libsodium (idempotent; aborts if it cannot): before any crypto_* call. */
void sodium_ready(void);
/* Fill out[0..n) with random bytes. */
void random_bytes(void *out, size_t n);
/* Fill out with 2 * nbytes hex digits of randomness and a NUL (outlen > 2 * nbytes). */
void random_hex(char *out, size_t outlen, size_t nbytes);

#endif
