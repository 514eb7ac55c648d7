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
/* "+" and 15 digits with a space between any two: "+31 26 352 5500". */
#define PHONE_GROUPED_MAX 30

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

/*
 * The grouping p[0..len) was typed with, for people to read: "+", then the
 * digit groups as typed, one space between them ("0031 (0)26 352-5500" ->
 * "+31 26 352 5500"; a trunk zero in parentheses dropped as phone_normalize()
 * drops it).  p must be a number phone_normalize() accepted.  Writes "" when
 * the number was typed in one piece (no grouping to keep); outlen >=
 * PHONE_GROUPED_MAX + 1.  Nothing here knows a country's numbering plan
 * (docs/membership.md, "Phone numbers").
 */
void phone_grouping(const char *p, size_t len, char *out, size_t outlen);

/* What a person reads: the grouped form if there is one, else E.164. */
const char *phone_display(const char *e164, const char *grouped);

#endif
