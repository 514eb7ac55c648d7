/* SPDX-License-Identifier: MIT */
/*
 * Detached OpenPGP signatures through GPGME (mail/gpg.c loads it).
 */
#include "mail/sign.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mail/gpg_internal.h"

static int
gp_fail(gpgme_error_t e, const char *what, struct tld_error *err)
{
	return tld_error_set(err, TLD_EIO, "signing_key", "%s: %s", what,
	    gp.strerror(e));
}

int
pgp_sign_detached(const char *key, const char *data, size_t len,
    struct buf *sig, char *micalg, size_t micalglen, struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_key_t k = NULL;
	gpgme_data_t in = NULL, out = NULL;
	gpgme_sign_result_t res;
	gpgme_error_t e;
	const char *algo;
	char *mem;
	size_t n = 0;
	int rc = 0;

	if ((rc = gpg_ctx_new(&ctx, "signing_key", err)) < 0)
		return rc;
	if ((e = gp.get_key(ctx, key, &k, 1)) != 0) {
		rc = tld_error_set(err, TLD_EINVAL, "signing_key",
		    "no secret key \"%s\" in the keyring: %s", key, gp.strerror(e));
		goto out;
	}
	if ((e = gp.signers_add(ctx, k)) != 0 ||
	    (e = gp.data_new_from_mem(&in, data, len, 0)) != 0 ||
	    (e = gp.data_new(&out)) != 0) {
		rc = gp_fail(e, "cannot prepare the signature", err);
		goto out;
	}
	if ((e = gp.op_sign(ctx, in, out, GPGME_SIG_MODE_DETACH)) != 0) {
		rc = gp_fail(e, "signing failed", err);
		goto out;
	}
	res = gp.op_sign_result(ctx);
	if (res == NULL || res->signatures == NULL) {
		rc = tld_error_set(err, TLD_EIO, "signing_key", "no signature made");
		goto out;
	}
	algo = gp.hash_algo_name(res->signatures->hash_algo);
	snprintf(micalg, micalglen, "pgp-%s", algo ? algo : "sha256");
	for (char *p = micalg; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	mem = gp.data_release_and_get_mem(out, &n);
	out = NULL;
	if (mem == NULL) {
		rc = tld_error_set(err, TLD_EIO, "signing_key", "no signature made");
		goto out;
	}
	buf_append(sig, mem, n);
	gp.free(mem);
out:
	if (out != NULL)
		gp.data_release(out);
	if (in != NULL)
		gp.data_release(in);
	if (k != NULL)
		gp.key_unref(k);
	gp.release(ctx);
	return rc;
}

/* Upper-case hex digits of s (spaces and a "0x" dropped) into out; false if not hex. */
static bool
normalise_fpr(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (!isxdigit((unsigned char)*s) || n + 1 >= outlen)
			return false;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return n > 0;
}

/* Whether want (normalised) names key k: its fingerprint or a subkey's, or their key id. */
static bool
key_matches(gpgme_key_t k, const char *sig_fpr, const char *want)
{
	size_t wl = strlen(want);
	char f[PGP_FPR_TEXT_MAX];

	if (k == NULL)
		return normalise_fpr(sig_fpr, f, sizeof(f)) && strlen(f) >= wl &&
		    wl >= 16 && strcmp(f + strlen(f) - wl, want) == 0;
	for (gpgme_subkey_t sk = k->subkeys; sk != NULL; sk = sk->next) {
		if (sk->fpr == NULL || !normalise_fpr(sk->fpr, f, sizeof(f)))
			continue;
		/* The full fingerprint, or (16 digits at least) the key id it ends with. */
		if (wl >= 16 && strlen(f) >= wl && strcmp(f + strlen(f) - wl, want) == 0)
			return true;
	}
	return false;
}

int
pgp_verify_detached(const char *data, size_t len, const char *sig,
    size_t siglen, const char *expect, struct pgp_verify_result *res,
    struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t in = NULL, sd = NULL;
	gpgme_verify_result_t vr;
	gpgme_error_t e;
	char want[PGP_FPR_TEXT_MAX] = "";
	bool matched = false;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	if (expect != NULL && expect[0] != '\0' &&
	    !normalise_fpr(expect, want, sizeof(want)))
		return tld_error_set(err, TLD_EINVAL, "signing_key",
		    "\"%s\" is not a key fingerprint: the signer cannot be checked",
		    expect);
	if (want[0] != '\0' && strlen(want) < 16)
		return tld_error_set(err, TLD_EINVAL, "signing_key",
		    "\"%s\" is too short for a fingerprint", expect);
	if ((rc = gpg_ctx_new(&ctx, "signature", err)) < 0)
		return rc;
	if ((e = gp.data_new_from_mem(&in, data, len, 0)) != 0 ||
	    (e = gp.data_new_from_mem(&sd, sig, siglen, 0)) != 0) {
		rc = tld_error_set(err, TLD_EIO, "signature",
		    "cannot prepare the check: %s", gp.strerror(e));
		goto out;
	}
	if ((e = gp.op_verify(ctx, sd, in, NULL)) != 0) {
		rc = tld_error_set(err, TLD_EDENIED, "signature",
		    "not a valid OpenPGP signature: %s", gp.strerror(e));
		goto out;
	}
	vr = gp.op_verify_result(ctx);
	if (vr == NULL || vr->signatures == NULL) {
		rc = tld_error_set(err, TLD_EDENIED, "signature",
		    "holds no signature");
		goto out;
	}
	for (gpgme_signature_t s = vr->signatures; s != NULL; s = s->next) {
		gpgme_key_t k = NULL;
		const char *fpr = s->fpr != NULL ? s->fpr : "";

		if (gpgme_err_code(s->status) != GPG_ERR_NO_ERROR ||
		    (s->summary & (GPGME_SIGSUM_RED | GPGME_SIGSUM_KEY_REVOKED)) != 0) {
			rc = tld_error_set(err, TLD_EDENIED, "signature",
			    "BAD: the signature by %s does not verify: %s",
			    fpr[0] ? fpr : "an unknown key", gp.strerror(s->status));
			goto out;
		}
		if (gp.get_key(ctx, fpr, &k, 0) != 0)
			k = NULL;
		if (want[0] == '\0' || key_matches(k, fpr, want)) {
			if (!matched) {
				snprintf(res->fpr, sizeof(res->fpr), "%s",
				    k != NULL && k->fpr != NULL ? k->fpr : fpr);
				if (k != NULL && k->uids != NULL && k->uids->uid != NULL)
					snprintf(res->uid, sizeof(res->uid), "%s",
					    k->uids->uid);
				res->created = (int64_t)s->timestamp;
			}
			matched = true;
		}
		if (k != NULL)
			gp.key_unref(k);
	}
	if (!matched)
		rc = tld_error_set(err, TLD_EDENIED, "signature",
		    "good signature, but not by the expected key %s", expect);
out:
	if (sd != NULL)
		gp.data_release(sd);
	if (in != NULL)
		gp.data_release(in);
	gp.release(ctx);
	return rc;
}
