/* SPDX-License-Identifier: MIT */
/*
 * Posts that come in OpenPGP-protected (RFC 3156): a multipart/encrypted
 * post is decrypted with the secret keys of the keyring (the list key) and
 * its content put in place of the encrypted part; the signature of an
 * encrypted-and-signed or a multipart/signed post is checked against the
 * public keys of the keyring.  MIME through GMime, OpenPGP through GPGME.
 */
#ifndef TLD_MAIL_PGP_OPEN_H
#define TLD_MAIL_PGP_OPEN_H

#include <stdbool.h>
#include <stddef.h>

#include "mail/sign.h"
#include "util/buf.h"
#include "util/error.h"

enum pgp_sig {
	PGP_SIG_NONE = 0,   /* not signed */
	PGP_SIG_GOOD,       /* a good signature by a key in the keyring */
	PGP_SIG_BAD,        /* the signature does not verify (altered, revoked key) */
	PGP_SIG_UNKNOWN,    /* by a key the keyring does not have */
};

struct pgp_opened {
	bool encrypted;              /* it was encrypted, and is now decrypted */
	enum pgp_sig sig;
	char fpr[PGP_FPR_TEXT_MAX];  /* the signer's primary key (or the key id it named) */
	char uid[256];               /* its first user id, "" when unknown */
	char why[200];               /* for BAD and UNKNOWN: GnuPG's words */
};

/*
 * Open raw[0..len).  multipart/encrypted: decrypted, and out gets the
 * whole message with the decrypted content (CRLF line ends); other
 * messages leave out empty.  res says whether it was encrypted and how
 * its signature (if any) checks.  Errors: TLD_EINVAL naming "message"
 * when it is encrypted but cannot be decrypted (not to a key we hold, or
 * damaged); TLD_EIO when GnuPG or GMime cannot be used.
 */
int pgp_mime_open(const char *raw, size_t len, struct buf *out,
    struct pgp_opened *res, struct tld_error *err);

#endif
