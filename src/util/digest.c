/* SPDX-License-Identifier: MIT */
/* SHA-256 by libsodium. */
#include "util/digest.h"

#include <sodium.h>
#include <stdlib.h>

void
digest_sha256_hex(const void *data, size_t len,
    char out[DIGEST_SHA256_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	if (sodium_init() < 0)
		abort(); /* cannot happen after the first successful call */
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, DIGEST_SHA256_HEX + 1, h, sizeof(h));
}
