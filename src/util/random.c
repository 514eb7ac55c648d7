/* SPDX-License-Identifier: MIT */
/* libsodium is initialised on first use, so commands that need no randomness pay nothing. */
#include "util/random.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

void
sodium_ready(void)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "tldops: libsodium could not initialise\n");
		abort();
	}
}

void
random_bytes(void *out, size_t n)
{
	sodium_ready();
	randombytes_buf(out, n);
}

void
random_hex(char *out, size_t outlen, size_t nbytes)
{
	unsigned char raw[64];

	if (nbytes > sizeof(raw) || outlen <= 2 * nbytes)
		abort();
	random_bytes(raw, nbytes);
	sodium_bin2hex(out, outlen, raw, nbytes);
	sodium_memzero(raw, sizeof(raw));
}
