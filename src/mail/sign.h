/* SPDX-License-Identifier: MIT */
/*
 * OpenPGP signatures with GPGME, so that members can trust a copy of the
 * repository mail or an alert read in an emergency.  The key is looked up
 * in the keyring of $GNUPGHOME (or ~/.gnupg) by fingerprint or user id and
 * must be usable without a passphrase prompt (a dedicated signing key, or a
 * running agent that has it unlocked).
 */
#ifndef TLD_MAIL_SIGN_H
#define TLD_MAIL_SIGN_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * Append a detached, ASCII-armoured signature of data[0..len) by key to sig,
 * and the RFC 3156 micalg ("pgp-sha256") to micalg[micalglen].  Errors name
 * the field "signing_key".
 */
int pgp_sign_detached(const char *key, const char *data, size_t len,
    struct buf *sig, char *micalg, size_t micalglen, struct tld_error *err);

#endif
