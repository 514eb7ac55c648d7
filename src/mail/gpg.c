/* SPDX-License-Identifier: MIT */
/*
 * GPGME loaded on first use (util/dynlib.h): only processes that sign,
 * encrypt or read keys pay for GnuPG's libraries.
 */
#include "mail/gpg_internal.h"

#include <pthread.h>
#include <string.h>

#include "util/dynlib.h"

struct gpg_syms gp;

static pthread_once_t gp_once = PTHREAD_ONCE_INIT;
static struct tld_error gp_err;

static void
gp_load(void)
{
	static const char *const sonames[] = { "libgpgme.so.11", NULL };
#define SYM(field, name) { name, (void **)&gp.field }
	static const struct dynlib_symbol syms[] = {
		SYM(check_version, "gpgme_check_version"),
		SYM(new_ctx, "gpgme_new"), SYM(release, "gpgme_release"),
		SYM(set_protocol, "gpgme_set_protocol"),
		SYM(set_armor, "gpgme_set_armor"),
		SYM(ctx_set_engine_info, "gpgme_ctx_set_engine_info"),
		SYM(op_export, "gpgme_op_export"),
		SYM(set_keylist_mode, "gpgme_set_keylist_mode"),
		SYM(get_key, "gpgme_get_key"),
		SYM(key_unref, "gpgme_key_unref"),
		SYM(signers_add, "gpgme_signers_add"),
		SYM(data_new, "gpgme_data_new"),
		SYM(data_new_from_mem, "gpgme_data_new_from_mem"),
		SYM(data_release, "gpgme_data_release"),
		SYM(data_release_and_get_mem, "gpgme_data_release_and_get_mem"),
		SYM(op_sign, "gpgme_op_sign"),
		SYM(op_sign_result, "gpgme_op_sign_result"),
		SYM(op_verify, "gpgme_op_verify"),
		SYM(op_verify_result, "gpgme_op_verify_result"),
		SYM(op_encrypt_sign, "gpgme_op_encrypt_sign"),
		SYM(op_encrypt_result, "gpgme_op_encrypt_result"),
		SYM(op_decrypt_verify, "gpgme_op_decrypt_verify"),
		SYM(op_decrypt_result, "gpgme_op_decrypt_result"),
		SYM(op_import, "gpgme_op_import"),
		SYM(op_import_result, "gpgme_op_import_result"),
		SYM(op_keylist_start, "gpgme_op_keylist_start"),
		SYM(op_keylist_from_data_start, "gpgme_op_keylist_from_data_start"),
		SYM(op_keylist_next, "gpgme_op_keylist_next"),
		SYM(op_keylist_end, "gpgme_op_keylist_end"),
		SYM(hash_algo_name, "gpgme_hash_algo_name"),
		SYM(strerror, "gpgme_strerror"), SYM(free, "gpgme_free"),
	};
#undef SYM

	if (dynlib_load(sonames, syms, sizeof(syms) / sizeof(syms[0]),
	    "gpg", &gp_err) < 0)
		return;
	/* GPGME must be told the version it runs with before any other call. */
	if (gp.check_version(NULL) == NULL)
		tld_error_set(&gp_err, TLD_EIO, "gpg", "GPGME could not initialise");
}

int
gpg_ready(const char *field, struct tld_error *err)
{
	pthread_once(&gp_once, gp_load);
	if (gp_err.code == 0)
		return 0;
	*err = gp_err;
	snprintf(err->field, sizeof(err->field), "%s", field);
	return err->code;
}

int
gpg_ctx_new(gpgme_ctx_t *ctx, const char *field, struct tld_error *err)
{
	gpgme_error_t e;
	int rc;

	*ctx = NULL;
	if ((rc = gpg_ready(field, err)) < 0)
		return rc;
	if ((e = gp.new_ctx(ctx)) != 0) {
		*ctx = NULL;
		return tld_error_set(err, TLD_EIO, field, "cannot start GPGME: %s",
		    gp.strerror(e));
	}
	gp.set_protocol(*ctx, GPGME_PROTOCOL_OpenPGP);
	gp.set_armor(*ctx, 1);
	return 0;
}
