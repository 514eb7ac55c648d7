/* SPDX-License-Identifier: MIT */
/*
 * One error space for the whole program: functions return 0 (or a count) on
 * success and a negative TLD_E* code on failure.  Failures a user must act on
 * also fill a struct tld_error naming the field and the reason, which the
 * front end prints ("error: email: \"x\" has no @") or returns as JSON.
 */
#ifndef TLD_UTIL_ERROR_H
#define TLD_UTIL_ERROR_H

#include <stddef.h>

enum tld_errcode {
	TLD_OK = 0,
	TLD_EINVAL = -1,    /* bad input: field and reason in struct tld_error */
	TLD_ENOTFOUND = -2, /* the named object does not exist */
	TLD_EEXIST = -3,    /* would duplicate an existing object */
	TLD_ELIMIT = -4,    /* a policy or size limit was reached */
	TLD_ESTORE = -5,    /* the database failed */
	TLD_EIO = -6,       /* a file, socket or process failed */
	TLD_EDENIED = -7,   /* not allowed for this actor or in this state */
	TLD_ECONFLICT = -8, /* state changed under us (concurrent writer) */
	TLD_EUSAGE = -9,    /* wrong command-line usage */
	TLD_EEXPIRED = -10, /* a token or request is past its validity */
};

struct tld_error {
	int code;
	char field[32];
	char message[256];
};

/* Clear *err (may be NULL). */
void tld_error_clear(struct tld_error *err);

/*
 * Fill *err (may be NULL) with code, field (may be NULL or "") and a
 * printf-style reason; returns code so callers can write
 * `return tld_error_set(err, TLD_EINVAL, "email", "has no @");`.
 */
int tld_error_set(struct tld_error *err, int code, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A short, static name for an error code ("invalid input", "not found", ...). */
const char *tld_strerror(int code);

#endif
