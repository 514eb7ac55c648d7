/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for util/secret: secret_hash() decides whether text from a
 * link or a header is a well-formed secret before anything is looked up.
 * Only 43 URL-safe base64 characters may pass; the hash is 64 hex digits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/secret.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char hash[SECRET_HASH_HEX];

	memset(hash, 'x', sizeof(hash));
	if (secret_hash((const char *)data, size, hash)) {
		if (size != SECRET_TEXT_MAX - 1 || strlen(hash) != 64)
			abort();
		for (size_t i = 0; i < size; i++)
			if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-_", data[i]) == NULL || data[i] == '\0')
				abort();
	} else if (hash[0] != 'x') {
		abort(); /* out must be untouched on refusal */
	}
	return 0;
}
