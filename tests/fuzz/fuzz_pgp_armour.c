/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for mail/pgp_keys: pgp_armour_check(), the syntax check of a
 * key pasted on /me or given to `tldops key import`, before GnuPG sees it.
 * Any input either passes or is refused with an error naming "key"; a
 * "PRIVATE KEY BLOCK" line never passes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail/pgp_keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
has_private_line(const char *p, size_t n)
{
	static const char b[] = "-----BEGIN PGP PRIVATE KEY BLOCK-----";

	for (size_t i = 0; i + sizeof(b) - 1 <= n; i++)
		if ((i == 0 || p[i - 1] == '\n') && memcmp(p + i, b, sizeof(b) - 1) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tld_error err;
	const char *p = (const char *)data;
	int rc;

	tld_error_clear(&err);
	rc = pgp_armour_check(p, size, &err);
	if (rc < 0 && strcmp(err.field, "key") != 0)
		abort();
	if (rc == 0 && has_private_line(p, size))
		abort();
	return 0;
}
