/* SPDX-License-Identifier: MIT */
/*
 * Email addresses of contacts: validation and normalisation of an RFC 5321
 * Mailbox (local-part "@" domain), and recognition of role addresses.
 * Errors name the field "email".  No I/O.
 */
#ifndef TLD_MODEL_EMAIL_H
#define TLD_MODEL_EMAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define EMAIL_MAX 254

/*
 * Validate p[0..len) (not NUL-terminated; surrounding blanks are trimmed) as
 * a Mailbox: a dot-atom or quoted-string local part of at most 64 bytes, "@",
 * and a domain name (no address literals) of at least two labels.  A
 * non-ASCII (IDN) domain is converted to its A-label with libidn2 (IDNA2008);
 * the domain is lower-cased; the local part is kept as typed.  Non-ASCII
 * local parts (SMTPUTF8) are refused.  The whole address is at most
 * EMAIL_MAX bytes.
 *
 * On success writes the normalised address to out (outlen >= EMAIL_MAX + 1)
 * and returns 0; on failure returns TLD_EINVAL with err filled and out
 * untouched.
 */
int email_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err);

/*
 * True when the normalised address is a role (generic) address rather than a
 * person's: its local part, lower-cased, is one of security, abuse, noc,
 * info, admin, hostmaster, postmaster, webmaster, support, contact, tech,
 * cert, csirt, soc, office, registry, ... or starts with one of them followed
 * by '-', '_', '.' or '+' (security-team@, noc.24x7@).
 */
bool email_is_role_address(const char *email);

#endif
