/* SPDX-License-Identifier: MIT */
/*
 * Members' OpenPGP public keys in the keyring of $GNUPGHOME (the
 * configuration's [crypto] gnupg_home is exported there at start): a
 * pasted key is checked before anything is stored (a public key, exactly
 * one, the expected fingerprint, a user id with the member's address),
 * then imported; a key's state for mail to an address is read back.
 */
#ifndef TLD_MAIL_PGP_KEYS_H
#define TLD_MAIL_PGP_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mail/sign.h"
#include "util/error.h"

#define PGP_KEY_ARMOUR_MAX (256 * 1024)  /* a key with many signatures fits */

struct pgp_key_info {
	char fpr[PGP_FPR_TEXT_MAX];  /* the primary key's, upper case */
	char uid[256];               /* the user id with the address, else the first */
	int64_t expires;             /* when the key (or its encryption subkey) expires; 0 never */
	bool present;                /* in the keyring */
	bool usable;                 /* mail to the address may be encrypted to it now */
	bool expired, revoked;       /* why not, when it is one of these */
	char why[160];               /* when not usable: the reason, for people */
};

/*
 * Syntax of pasted armour p[0..len): one "PUBLIC KEY BLOCK" with base64
 * lines and its END line.  A "PRIVATE KEY BLOCK" is refused as a secret
 * key.  Errors name "key".  No GnuPG involved (fuzzed).
 */
int pgp_armour_check(const char *p, size_t len, struct tld_error *err);

/*
 * pgp_armour_check, then what GnuPG reads in it, without importing: one
 * public key (no secret parts), whose fingerprint is want_fpr (normalised
 * hex) and which has a valid user id with addr (case ignored).  info
 * describes it, its usability judged at now.  Errors name "key".
 */
int pgp_key_check(const char *armour, size_t len, const char *want_fpr,
    const char *addr, int64_t now, struct pgp_key_info *info,
    struct tld_error *err);

/* pgp_key_check, then import the key into the keyring. */
int pgp_key_import(const char *armour, size_t len, const char *want_fpr,
    const char *addr, int64_t now, struct pgp_key_info *info,
    struct tld_error *err);

/*
 * The state of key fpr in the keyring for mail to addr at now: present,
 * usable (not expired, revoked, disabled or invalid, with a subkey that
 * may encrypt and a valid user id with addr) or why not.  Returns 0 with
 * info filled (a missing key is not an error), TLD_EIO if GnuPG fails.
 */
int pgp_key_status(const char *fpr, const char *addr, int64_t now,
    struct pgp_key_info *info, struct tld_error *err);

/* Every public key of the keyring, read once (listings of many contacts). */
struct pgp_keyring;

/* Read the keyring; TLD_EIO if GnuPG fails. */
int pgp_keyring_load(struct pgp_keyring **out, struct tld_error *err);
/* pgp_key_status from the snapshot. */
void pgp_keyring_status(const struct pgp_keyring *kr, const char *fpr,
    const char *addr, int64_t now, struct pgp_key_info *info);
void pgp_keyring_free(struct pgp_keyring *kr);

#endif
