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
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * Append a detached, ASCII-armoured signature of data[0..len) by key to sig,
 * and the RFC 3156 micalg ("pgp-sha256") to micalg[micalglen].  Errors name
 * the field "signing_key".
 */
int pgp_sign_detached(const char *key, const char *data, size_t len,
    struct buf *sig, char *micalg, size_t micalglen, struct tld_error *err);

#define PGP_FPR_TEXT_MAX 72   /* a v5 fingerprint's 64 hex digits and more */

struct pgp_verify_result {
	char fpr[PGP_FPR_TEXT_MAX];  /* the signer's (primary) key fingerprint */
	char uid[256];               /* its first user id, "" when not in the keyring */
	int64_t created;             /* when it was signed */
};

/*
 * Check the detached signature sig[0..siglen) (armoured or binary) over
 * data[0..len) with the keys in the keyring of $GNUPGHOME.  Every
 * signature in sig must be good (made by a key in the keyring, not
 * revoked, over exactly these bytes).  When expect is not NULL or "", one
 * of them must be by that key: its fingerprint, a subkey's, or a long key
 * id (16 hex digits at least) they end with; spaces and case ignored.
 * res describes the (expected) signer.  Errors: TLD_EDENIED naming
 * "signature" (bad, unknown key, other signer), TLD_EINVAL naming
 * "signing_key" (expect is no fingerprint), TLD_EIO (GPGME unusable).
 */
int pgp_verify_detached(const char *data, size_t len, const char *sig,
    size_t siglen, const char *expect, struct pgp_verify_result *res,
    struct tld_error *err);

#endif
