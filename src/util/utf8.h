/* SPDX-License-Identifier: MIT */
/* UTF-8 well-formedness checks (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
#ifndef TLD_UTIL_UTF8_H
#define TLD_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when p[0..len) is well-formed UTF-8. */
bool utf8_valid(const char *p, size_t len);

/*
 * True when p[0..len) contains a control character: C0 (U+0000..U+001F),
 * DEL, or C1 (U+0080..U+009F).  Assumes valid UTF-8.
 */
bool utf8_has_control(const char *p, size_t len);

/*
 * A copy of p[0..len) as well-formed UTF-8: each byte that does not start
 * a well-formed sequence becomes U+FFFD, NUL bytes are dropped.  The
 * caller frees the result.
 */
char *utf8_clean(const char *p, size_t len);

/*
 * Replace, in place, each control character of the valid UTF-8 string s
 * (C0, DEL, and the two-byte C1 sequences) by one space.  Returns s.
 */
char *utf8_blank_controls(char *s);

/*
 * p[0..len) (any bytes) for an error message, as it was typed: well-formed
 * UTF-8 kept ("Été" stays "Été"), and escaped so nothing can end the quotes
 * or drive a terminal: \" and \\, \n \r \t, other C0 controls and DEL as
 * \xHH, C1 controls as \u0080..\u009F, a byte that is not UTF-8 as \xHH.
 * What does not fit dst (dstlen bytes, NUL included) is cut at a character
 * boundary and ends in "...".  The one quoting helper of messages that
 * show an input (model/field, cctld_code, email, document, doc_sniff).
 */
void utf8_show(char *dst, size_t dstlen, const char *p, size_t len);

#endif
