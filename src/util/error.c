/* SPDX-License-Identifier: MIT */
/* The error space and the user-facing error record. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
tld_error_clear(struct tld_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

int
tld_error_set(struct tld_error *err, int code, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

const char *
tld_strerror(int code)
{
	switch (code) {
	case TLD_OK:		return "ok";
	case TLD_EINVAL:	return "invalid input";
	case TLD_ENOTFOUND:	return "not found";
	case TLD_EEXIST:	return "already exists";
	case TLD_ELIMIT:	return "limit reached";
	case TLD_ESTORE:	return "database error";
	case TLD_EIO:		return "input/output error";
	case TLD_EDENIED:	return "not allowed";
	case TLD_ECONFLICT:	return "conflict";
	case TLD_EUSAGE:	return "usage error";
	case TLD_EEXPIRED:	return "expired";
	}
	return "unknown error";
}
