/* SPDX-License-Identifier: MIT */
/*
 * GPGME as the files of mail/ that use OpenPGP see it: the functions,
 * resolved once when first needed (util/dynlib.h), and a context for the
 * OpenPGP protocol.  Private to mail/.
 */
#ifndef TLD_MAIL_GPG_INTERNAL_H
#define TLD_MAIL_GPG_INTERNAL_H

#include <gpgme.h>

#include "mail/pgp_keys.h"
#include "util/error.h"

struct gpg_syms {
	__typeof__(gpgme_check_version) *check_version;
	__typeof__(gpgme_new) *new_ctx;
	__typeof__(gpgme_release) *release;
	__typeof__(gpgme_set_protocol) *set_protocol;
	__typeof__(gpgme_set_armor) *set_armor;
	__typeof__(gpgme_ctx_set_engine_info) *ctx_set_engine_info;
	__typeof__(gpgme_op_export) *op_export;
	__typeof__(gpgme_set_keylist_mode) *set_keylist_mode;
	__typeof__(gpgme_get_key) *get_key;
	__typeof__(gpgme_key_unref) *key_unref;
	__typeof__(gpgme_signers_add) *signers_add;
	__typeof__(gpgme_data_new) *data_new;
	__typeof__(gpgme_data_new_from_mem) *data_new_from_mem;
	__typeof__(gpgme_data_release) *data_release;
	__typeof__(gpgme_data_release_and_get_mem) *data_release_and_get_mem;
	__typeof__(gpgme_op_sign) *op_sign;
	__typeof__(gpgme_op_sign_result) *op_sign_result;
	__typeof__(gpgme_op_verify) *op_verify;
	__typeof__(gpgme_op_verify_result) *op_verify_result;
	__typeof__(gpgme_op_encrypt_sign) *op_encrypt_sign;
	__typeof__(gpgme_op_encrypt_result) *op_encrypt_result;
	__typeof__(gpgme_op_decrypt_verify) *op_decrypt_verify;
	__typeof__(gpgme_op_decrypt_result) *op_decrypt_result;
	__typeof__(gpgme_op_import) *op_import;
	__typeof__(gpgme_op_import_result) *op_import_result;
	__typeof__(gpgme_op_keylist_start) *op_keylist_start;
	__typeof__(gpgme_op_keylist_from_data_start) *op_keylist_from_data_start;
	__typeof__(gpgme_op_keylist_next) *op_keylist_next;
	__typeof__(gpgme_op_keylist_end) *op_keylist_end;
	__typeof__(gpgme_hash_algo_name) *hash_algo_name;
	__typeof__(gpgme_strerror) *strerror;
	__typeof__(gpgme_free) *free;
};

extern struct gpg_syms gp;

/* Load GPGME once; 0, or its error with err naming field. */
int gpg_ready(const char *field, struct tld_error *err);

/*
 * A new OpenPGP context (armoured output) over the keyring of $GNUPGHOME.
 * 0, or TLD_EIO naming field.  The caller releases it with gp.release().
 */
int gpg_ctx_new(gpgme_ctx_t *ctx, const char *field, struct tld_error *err);

/*
 * Find key fpr in ctx's keyring and judge it for mail to addr at now
 * (pgp_key_status).  *key is set (caller unrefs) only when it is usable.
 */
int gpg_key_lookup(gpgme_ctx_t ctx, const char *fpr, const char *addr,
    int64_t now, gpgme_key_t *key, struct pgp_key_info *info,
    struct tld_error *err);

/* Judge key k for mail to addr at now (what pgp_key_status reports). */
void gpg_key_describe(gpgme_key_t k, const char *addr, int64_t now,
    struct pgp_key_info *info);

/* Key fpr (any case) in the snapshot kr, borrowed; NULL when absent. */
gpgme_key_t gpg_keyring_find(const struct pgp_keyring *kr, const char *fpr);

#endif
