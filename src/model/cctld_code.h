/* SPDX-License-Identifier: MIT */
/*
 * ccTLD codes in every form users type: "nl", ".NL", "рф", ".рф", "xn--p1ai",
 * "XN--P1AI".  Syntax only: whether the ccTLD exists is the store's business.
 * Errors name the field "cctld".  No I/O.
 */
#ifndef TLD_MODEL_CCTLD_CODE_H
#define TLD_MODEL_CCTLD_CODE_H

#include <stddef.h>

#include "util/error.h"

#define CCTLD_CODE_MAX 63 /* one DNS label */

/*
 * Normalise p[0..len) to the lower-case A-label without dots: blanks around
 * it and one leading (and one trailing) dot are dropped; ASCII is lower-cased
 * and must be a two-letter code or a valid "xn--" A-label; non-ASCII input is
 * converted with libidn2 (IDNA2008, NFC).  Writes out (outlen >=
 * CCTLD_CODE_MAX + 1) on success only.
 */
int cctld_code_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err);

/*
 * The U-label of a normalised A-label ("xn--p1ai" -> "рф"; "nl" -> "nl").
 * Writes out (outlen >= 4 * CCTLD_CODE_MAX + 1) on success only.
 */
int cctld_code_to_unicode(const char *alabel, char *out, size_t outlen,
    struct tld_error *err);

#endif
