/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for mail/pgp_mime: pgp_pesk_split(), which cuts gpg's
 * binary output into its session-key packets and the shared encrypted
 * data (each recipient's copy is one packet and that data).  On success
 * the packets lie end to end from 0, each within the input, and the data
 * starts right after the last, before the end.
 */
#include <stdint.h>
#include <stdlib.h>

#include "mail/pgp_mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pgp_pesk *pk;
	size_t n, off, at = 0;

	if (pgp_pesk_split(data, size, &pk, &n, &off) < 0) {
		if (pk != NULL || n != 0)
			abort();
		return 0;
	}
	if (n == 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (pk[i].off != at || pk[i].len < 12 || pk[i].len > size - at)
			abort();
		at += pk[i].len;
	}
	if (off != at || off >= size)
		abort();
	free(pk);
	return 0;
}
