/* SPDX-License-Identifier: MIT */
/*
 * PGP/MIME encryption of a composed message for one recipient (RFC 3156
 * section 6.2: encrypted and signed in one OpenPGP message).  A message
 * going to many recipients is encrypted and signed once for all of them
 * (pgp_encryptor_prepare); each copy then holds only its recipient's
 * session-key packet and the shared encrypted data, so it names no other
 * recipient and costs no gpg run.  The
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
 * Encrypt msg[0..len) once, signed, to the keys fprs[0..n) (for mail to
 * addrs[0..n)) that are usable at now, and keep it as message tag (not 0),
 * replacing the one kept before.  Recipients without a usable key are
 * left out.  0, or TLD_EIO / TLD_EINVAL as pgp_encryptor_encrypt.
 */
int pgp_encryptor_prepare(struct pgp_encryptor *e, int64_t tag,
    const char *msg, size_t len, const char *const *fprs,
    const char *const *addrs, size_t n, int64_t now, struct tld_error *err);

/*
 * Append to out msg[0..len) (a whole RFC 5322 message, CRLF line ends)
 * encrypted to key fpr for mail to addr, judged at now, with outer_subject
 * as its visible Subject: from the message kept as tag (the same msg) when
 * it was prepared for that key, else by a gpg run for this key alone.  Returns 0; TLD_ENOTFOUND when that key is not
 * usable (info->why says why; nothing appended); TLD_EIO when GnuPG fails;
 * TLD_EINVAL (field "message") when msg has no header block.
 */
int pgp_encryptor_encrypt(struct pgp_encryptor *e, int64_t tag, const char *msg,
    size_t len, const char *fpr, const char *addr, int64_t now,
    const char *outer_subject, struct buf *out, struct pgp_key_info *info,
    struct tld_error *err);

/* A session-key packet (tag 1, version 3) in a binary OpenPGP message. */
struct pgp_pesk {
	char keyid[17];   /* the key id it names, upper-case hex */
	size_t off, len;  /* the packet, header included */
};

/*
 * The session-key packets at the start of the binary OpenPGP message
 * p[0..n) (RFC 4880 4.2: old and new headers, definite lengths), and where
 * the rest (the encrypted data) starts.  0 with *pesk (the caller frees)
 * and *npesk >= 1; -1 when there is none, one is malformed or nothing
 * follows them (*pesk NULL).  gpg's own output here; fuzzed all the same.
 */
int pgp_pesk_split(const unsigned char *p, size_t n, struct pgp_pesk **pesk,
    size_t *npesk, size_t *data_off);

#endif
