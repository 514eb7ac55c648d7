/* SPDX-License-Identifier: MIT */
/* Validated, trimmed copies of free-text fields. */
#include "model/text.h"

#include <string.h>

#include "model/field.h"

int
text_copy(const char *field, const char *p, size_t len, size_t maxbytes,
    bool required, char *out, size_t outlen, struct tld_error *err)
{
	int rc;

	if ((rc = text_field_validate(field, p, len, maxbytes, required,
	    err)) < 0)
		return rc;
	/* Trim the same way the validator measured. */
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len >= outlen)
		return tld_error_set(err, TLD_EINVAL, field, "is too long");
	memcpy(out, p, len);
	out[len] = '\0';
	return 0;
}
