/* SPDX-License-Identifier: MIT */
/*
 * PGP/MIME encryption of a composed message for one recipient (RFC 3156
 * section 6.2: encrypted and signed in one OpenPGP message).  The
 * message's content (its Content-* headers and body) becomes the
 * encrypted part; its other headers stay outside, except that the Subject
 * outside is replaced (the real one travels inside, as a protected header).
 */
#ifndef TLD_MAIL_PGP_MIME_H
#define TLD_MAIL_PGP_MIME_H

#include <stddef.h>
#include <stdint.h>

#include "mail/pgp_keys.h"
#include "util/buf.h"
#include "util/error.h"

struct pgp_encryptor;

/*
 * An encryptor that signs with sign_key (a fingerprint of a secret key in
 * the keyring, usable without a passphrase prompt).  Errors name
 * "list_key".  One per thread; reused for many recipients.
 */
int pgp_encryptor_new(const char *sign_key, struct pgp_encryptor **out,
    struct tld_error *err);
void pgp_encryptor_free(struct pgp_encryptor *e);

/*
 * Append to out msg[0..len) (a whole RFC 5322 message, CRLF line ends)
 * encrypted to key fpr for mail to addr, judged at now, with outer_subject
 * as its visible Subject.  Returns 0; TLD_ENOTFOUND when that key is not
 * usable (info->why says why; nothing appended); TLD_EIO when GnuPG fails;
 * TLD_EINVAL (field "message") when msg has no header block.
 */
int pgp_encryptor_encrypt(struct pgp_encryptor *e, const char *msg,
    size_t len, const char *fpr, const char *addr, int64_t now,
    const char *outer_subject, struct buf *out, struct pgp_key_info *info,
    struct tld_error *err);

#endif
