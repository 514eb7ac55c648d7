/* SPDX-License-Identifier: MIT */
/*
 * Telephone numbers in E.164: "+" then 8 to 15 digits, the first not 0.
 * Errors name the field "phone".  No I/O.
 */
#ifndef TLD_MODEL_PHONE_H
#define TLD_MODEL_PHONE_H

#include <stddef.h>

#include "util/error.h"

#define PHONE_MAX 16 /* "+" and 15 digits */

/*
 * Normalise p[0..len) to E.164.  Accepted on input: a leading "+" or "00"
 * international prefix, and spaces, dots, dashes and parentheses between
 * digits ("+31 (0)70 ..." trunk zeros in parentheses are dropped).  Letters,
 * extensions, a missing country code or a digit count outside 8..15 are
 * refused with the reason.  Writes the result to out (outlen >= PHONE_MAX + 1)
 * on success only.
 */
int phone_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err);

#endif
