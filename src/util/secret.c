/* SPDX-License-Identifier: MIT */
/* Generating, hashing and comparing secrets with libsodium. */
#include "util/secret.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/random.h"

#define SECRET_BYTES 32

void
secret_new(char out[SECRET_TEXT_MAX])
{
	unsigned char raw[SECRET_BYTES];

	sodium_ready();
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SECRET_TEXT_MAX, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

static bool
is_b64url(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool
secret_hash(const char *p, size_t len, char out[SECRET_HASH_HEX])
{
	unsigned char h[32];

	if (len != SECRET_TEXT_MAX - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_b64url(p[i]))
			return false;
	sodium_ready();
	crypto_generichash(h, sizeof(h), (const unsigned char *)p, len, NULL, 0);
	sodium_bin2hex(out, SECRET_HASH_HEX, h, sizeof(h));
	return true;
}

bool
secret_equal(const void *a, const void *b, size_t len)
{
	return sodium_memcmp(a, b, len) == 0;
}
