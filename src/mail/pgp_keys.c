/* SPDX-License-Identifier: MIT */
/* Checking, importing and reading members' public keys with GPGME. */
#include "mail/pgp_keys.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "mail/gpg_internal.h"
#include "model/email.h"
#include "util/xalloc.h"

static const char BEGIN_PUBLIC[] = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
static const char END_PUBLIC[] = "-----END PGP PUBLIC KEY BLOCK-----";
/* A prefix: a secret key block is refused whatever follows the marker. */
static const char BEGIN_PRIVATE[] = "-----BEGIN PGP PRIVATE KEY BLOCK";

/* Whether line p[0..n) (no line end) is exactly s, trailing blanks ignored. */
static bool
line_is(const char *p, size_t n, const char *s)
{
	size_t sl = strlen(s);

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return n == sl && memcmp(p, s, sl) == 0;
}

static bool
base64_line(const char *p, size_t n)
{
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (!isalnum(c) && c != '+' && c != '/' && c != '=')
			return false;
	}
	return true;
}

int
pgp_armour_check(const char *p, size_t len, struct tld_error *err)
{
	enum { BEFORE, HEADERS, BODY, AFTER } state = BEFORE;
	size_t line = 0, body_lines = 0;

	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "key", "is empty");
	if (len > PGP_KEY_ARMOUR_MAX)
		return tld_error_set(err, TLD_EINVAL, "key",
		    "is larger than %d KiB", PGP_KEY_ARMOUR_MAX / 1024);
	if (memchr(p, '\0', len) != NULL)
		return tld_error_set(err, TLD_EINVAL, "key",
		    "is binary: paste the ASCII-armoured key (gpg --armor --export FINGERPRINT)");
	for (size_t off = 0; off < len; line++) {
		const char *nl = memchr(p + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (p + off)) : len - off;
		const char *l = p + off;

		off += n + (nl != NULL);
		if (n >= sizeof(BEGIN_PRIVATE) - 1 &&
		    memcmp(l, BEGIN_PRIVATE, sizeof(BEGIN_PRIVATE) - 1) == 0)
			return tld_error_set(err, TLD_EINVAL, "key",
			    "is a secret (private) key: it was not stored; send only "
			    "the public key (gpg --armor --export FINGERPRINT) and "
			    "consider this secret key exposed");
		switch (state) {
		case BEFORE:
			if (line_is(l, n, BEGIN_PUBLIC))
				state = HEADERS;
			break;
		case HEADERS:
			/* Armour headers ("Comment: ...") end at a blank line. */
			if (line_is(l, n, ""))
				state = BODY;
			else if (memchr(l, ':', n) == NULL)
				return tld_error_set(err, TLD_EINVAL, "key",
				    "line %zu: the armour header has no blank line after it",
				    line + 1);
			break;
		case BODY:
			if (line_is(l, n, END_PUBLIC)) {
				state = AFTER;
				break;
			}
			if (!base64_line(l, n))
				return tld_error_set(err, TLD_EINVAL, "key",
				    "line %zu: not base64: the armour is damaged", line + 1);
			body_lines++;
			break;
		case AFTER:
			if (line_is(l, n, BEGIN_PUBLIC))
				return tld_error_set(err, TLD_EINVAL, "key",
				    "holds more than one key block: paste only your own key");
			break;
		}
	}
	if (state == BEFORE)
		return tld_error_set(err, TLD_EINVAL, "key",
		    "is not an ASCII-armoured OpenPGP public key: no \"%s\" line",
		    BEGIN_PUBLIC);
	if (state != AFTER)
		return tld_error_set(err, TLD_EINVAL, "key",
		    "has no \"%s\" line: the armour is cut short", END_PUBLIC);
	if (body_lines == 0)
		return tld_error_set(err, TLD_EINVAL, "key", "the armour holds no data");
	return 0;
}

/* Upper-case hex of s without spaces. */
static void
fpr_upper(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 1 < outlen; s++)
		if (*s != ' ')
			out[n++] = (char)toupper((unsigned char)*s);
	out[n] = '\0';
}

static void
date_text(int64_t t, char *out, size_t outlen)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(out, outlen, "%Y-%m-%d", &tm) == 0)
		snprintf(out, outlen, "?");
}

/*
 * Whether a user id's address is addr: the same after normalisation (an
 * IDN domain as U-label in the key and A-label on the entry), case ignored.
 */
static bool
same_address(const char *uid_email, const char *addr)
{
	char a[EMAIL_MAX + 1], b[EMAIL_MAX + 1];
	struct tld_error e;

	if (strcasecmp(uid_email, addr) == 0)
		return true;
	if (email_normalize(uid_email, strlen(uid_email), a, sizeof(a), &e) < 0 ||
	    email_normalize(addr, strlen(addr), b, sizeof(b), &e) < 0)
		return false;
	return strcasecmp(a, b) == 0;
}

void
gpg_key_describe(gpgme_key_t k, const char *addr, int64_t now,
    struct pgp_key_info *info)
{
	gpgme_subkey_t primary = k->subkeys, enc = NULL;
	gpgme_user_id_t with_addr = NULL;
	char when[16];

	memset(info, 0, sizeof(*info));
	info->present = true;
	fpr_upper(k->fpr ? k->fpr : primary ? primary->fpr : "", info->fpr,
	    sizeof(info->fpr));
	for (gpgme_user_id_t u = k->uids; u != NULL; u = u->next) {
		if (u->revoked || u->invalid || u->email == NULL)
			continue;
		if (addr != NULL && same_address(u->email, addr)) {
			with_addr = u;
			break;
		}
	}
	if (with_addr != NULL && with_addr->uid != NULL)
		snprintf(info->uid, sizeof(info->uid), "%s", with_addr->uid);
	else if (k->uids != NULL && k->uids->uid != NULL)
		snprintf(info->uid, sizeof(info->uid), "%s", k->uids->uid);
	/* The encryption subkey that lasts longest. */
	for (gpgme_subkey_t sk = k->subkeys; sk != NULL; sk = sk->next) {
		if (!sk->can_encrypt || sk->revoked || sk->disabled || sk->invalid)
			continue;
		if (enc == NULL || (enc->expires != 0 &&
		    (sk->expires == 0 || sk->expires > enc->expires)))
			enc = sk;
	}
	if (primary != NULL)
		info->expires = primary->expires;
	if (enc != NULL && enc->expires != 0 &&
	    (info->expires == 0 || enc->expires < info->expires))
		info->expires = enc->expires;
	if (k->revoked || (primary != NULL && primary->revoked)) {
		snprintf(info->why, sizeof(info->why), "revoked");
		info->revoked = true;
		return;
	}
	if (info->expires != 0 && info->expires <= now) {
		date_text(info->expires, when, sizeof(when));
		snprintf(info->why, sizeof(info->why), "expired on %s", when);
		info->expired = true;
		return;
	}
	if (k->expired) {
		snprintf(info->why, sizeof(info->why), "expired");
		info->expired = true;
		return;
	}
	if (k->disabled) {
		snprintf(info->why, sizeof(info->why), "disabled in the keyring");
		return;
	}
	if (k->invalid) {
		snprintf(info->why, sizeof(info->why), "invalid");
		return;
	}
	if (enc == NULL) {
		snprintf(info->why, sizeof(info->why),
		    "has no usable subkey for encryption");
		return;
	}
	if (addr != NULL && with_addr == NULL) {
		snprintf(info->why, sizeof(info->why),
		    "has no valid user id with <%s>", addr);
		return;
	}
	info->usable = true;
}

/* pgp_key_check, and how many keys GnuPG read in the armour (-1 not read). */
static int
key_check(const char *armour, size_t len, const char *want_fpr,
    const char *addr, int64_t now, struct pgp_key_info *info, int *nread,
    struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t d = NULL;
	gpgme_key_t k = NULL, first = NULL;
	gpgme_error_t e;
	struct pgp_key_info tmp;
	char want[PGP_FPR_TEXT_MAX];
	int rc, nkeys = 0;

	*nread = -1;
	if ((rc = pgp_armour_check(armour, len, err)) < 0)
		return rc;
	if ((rc = gpg_ctx_new(&ctx, "key", err)) < 0)
		return rc;
	if ((e = gp.data_new_from_mem(&d, armour, len, 0)) != 0 ||
	    (e = gp.op_keylist_from_data_start(ctx, d, 0)) != 0) {
		rc = tld_error_set(err, TLD_EIO, "key", "GnuPG cannot read it: %s",
		    gp.strerror(e));
		goto out;
	}
	while ((e = gp.op_keylist_next(ctx, &k)) == 0) {
		bool secret = k->secret;

		for (gpgme_subkey_t sk = k->subkeys; sk != NULL; sk = sk->next)
			secret = secret || sk->secret;
		if (secret) {
			gp.key_unref(k);
			rc = tld_error_set(err, TLD_EINVAL, "key",
			    "holds a secret (private) key: it was not stored; send "
			    "only the public key and consider this secret key exposed");
			goto out;
		}
		if (nkeys++ == 0)
			first = k;
		else
			gp.key_unref(k);
	}
	gp.op_keylist_end(ctx);
	*nread = nkeys;
	if (nkeys == 0) {
		rc = tld_error_set(err, TLD_EINVAL, "key",
		    "GnuPG finds no OpenPGP key in the armour: it is damaged");
		goto out;
	}
	if (nkeys > 1) {
		rc = tld_error_set(err, TLD_EINVAL, "key",
		    "holds %d keys: paste only your own", nkeys);
		goto out;
	}
	gpg_key_describe(first, addr, now, &tmp);
	fpr_upper(want_fpr, want, sizeof(want));
	if (want[0] == '\0') {
		rc = tld_error_set(err, TLD_EINVAL, "key",
		    "the contact has no pgp_fingerprint to check the key against: "
		    "set it first");
		goto out;
	}
	if (strcmp(tmp.fpr, want) != 0) {
		rc = tld_error_set(err, TLD_EINVAL, "key",
		    "fingerprint %s does not match the contact's pgp_fingerprint %s",
		    tmp.fpr, want);
		goto out;
	}
	if (tmp.why[0] != '\0' && strncmp(tmp.why, "has no valid user id", 20) == 0) {
		rc = tld_error_set(err, TLD_EINVAL, "key",
		    "has no valid user id with the contact's address <%s>", addr);
		goto out;
	}
	*info = tmp;
	rc = 0;
out:
	if (first != NULL)
		gp.key_unref(first);
	if (d != NULL)
		gp.data_release(d);
	gp.release(ctx);
	return rc;
}

int
pgp_key_check(const char *armour, size_t len, const char *want_fpr,
    const char *addr, int64_t now, struct pgp_key_info *info,
    struct tld_error *err)
{
	int nread;

	return key_check(armour, len, want_fpr, addr, now, info, &nread, err);
}

/* What GnuPG's import of some armour did. */
struct import_counts {
	int considered, not_imported, secret_read, new_revocations;
};

/* Import armour[0..len) into the keyring; TLD_EIO if GnuPG fails. */
static int
import_armour(const char *armour, size_t len, struct import_counts *n,
    struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t d = NULL;
	gpgme_import_result_t ir;
	gpgme_error_t e;
	int rc;

	memset(n, 0, sizeof(*n));
	if ((rc = gpg_ctx_new(&ctx, "key", err)) < 0)
		return rc;
	if ((e = gp.data_new_from_mem(&d, armour, len, 0)) != 0 ||
	    (e = gp.op_import(ctx, d)) != 0) {
		rc = tld_error_set(err, TLD_EIO, "key", "GnuPG cannot import it: %s",
		    gp.strerror(e));
	} else if ((ir = gp.op_import_result(ctx)) != NULL) {
		n->considered = ir->considered;
		n->not_imported = ir->not_imported;
		n->secret_read = ir->secret_read;
		n->new_revocations = ir->new_revocations;
	}
	if (d != NULL)
		gp.data_release(d);
	gp.release(ctx);
	return rc;
}

/*
 * Remove what GnuPG wrote in the directory dfd (a keyring home of ours:
 * files, and folders of files, never followed through a link), then
 * close dfd.
 */
static void
remove_tree(int dfd, int depth)
{
	DIR *dir = fdopendir(dfd);
	struct dirent *e;

	if (dir == NULL) {
		close(dfd);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		int sub;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dfd, e->d_name, 0) == 0 || depth >= 3)
			continue;
		sub = openat(dfd, e->d_name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0) {
			remove_tree(sub, depth + 1);
			(void)unlinkat(dfd, e->d_name, AT_REMOVEDIR);
		}
	}
	closedir(dir);
}

/* gpg.conf of a keyring home that only ever holds public keys. */
static int
write_conf(int dfd)
{
	static const char conf[] = "no-autostart\n";
	int fd = openat(dfd, "gpg.conf",
	    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	bool ok;

	if (fd < 0)
		return -1;
	ok = write(fd, conf, sizeof(conf) - 1) == (ssize_t)(sizeof(conf) - 1);
	return close(fd) == 0 && ok ? 0 : -1;
}

/*
 * Whether armour, a revocation certificate, revokes key fpr of the list's
 * keyring: tried on a copy of that one key in a keyring of its own (a new
 * GNUPGHOME under $TMPDIR, removed after), so that a certificate of
 * another member's key never reaches the list's keyring.
 */
static int
revokes_key(const char *armour, size_t len, const char *fpr, bool *yes,
    struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL, alone = NULL;
	gpgme_data_t out = NULL, in = NULL;
	gpgme_import_result_t ir;
	gpgme_key_t k = NULL;
	gpgme_error_t e = 0;
	const char *tmp = getenv("TMPDIR");
	char home[512];
	char *key = NULL;
	size_t keylen = 0;
	int rc = 0, dfd = -1;

	*yes = false;
	if ((size_t)snprintf(home, sizeof(home), "%s/tldops-gpg.XXXXXX",
	    tmp != NULL && tmp[0] == '/' ? tmp : "/tmp") >= sizeof(home) ||
	    mkdtemp(home) == NULL)
		return tld_error_set(err, TLD_EIO, "key",
		    "cannot make a keyring to check the certificate in");
	/* Public keys only: gpg would otherwise start an agent for it. */
	if ((dfd = open(home, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0 || write_conf(dfd) < 0) {
		rc = tld_error_set(err, TLD_EIO, "key",
		    "cannot make a keyring to check the certificate in");
		goto out;
	}
	if ((rc = gpg_ctx_new(&ctx, "key", err)) < 0 ||
	    (rc = gpg_ctx_new(&alone, "key", err)) < 0)
		goto out;
	if ((e = gp.ctx_set_engine_info(alone, GPGME_PROTOCOL_OpenPGP, NULL,
	    home)) != 0 ||
	    (e = gp.data_new(&out)) != 0 ||
	    (e = gp.op_export(ctx, fpr, 0, out)) != 0)
		goto out;
	key = gp.data_release_and_get_mem(out, &keylen);
	out = NULL;
	if (key == NULL || keylen == 0 ||
	    (e = gp.data_new_from_mem(&in, key, keylen, 0)) != 0 ||
	    (e = gp.op_import(alone, in)) != 0)
		goto out;
	gp.data_release(in);
	in = NULL;
	if ((e = gp.data_new_from_mem(&in, armour, len, 0)) != 0 ||
	    (e = gp.op_import(alone, in)) != 0)
		goto out;
	ir = gp.op_import_result(alone);
	if (ir != NULL && ir->new_revocations > 0 &&
	    gp.get_key(alone, fpr, &k, 0) == 0 && k != NULL)
		*yes = k->revoked != 0;
out:
	if (rc == 0 && (e != 0 || key == NULL || keylen == 0))
		rc = tld_error_set(err, TLD_EIO, "key",
		    "GnuPG cannot check the certificate: %s",
		    e != 0 ? gp.strerror(e) : "the key did not export");
	if (k != NULL)
		gp.key_unref(k);
	if (in != NULL)
		gp.data_release(in);
	if (out != NULL)
		gp.data_release(out);
	if (key != NULL)
		gp.free(key);
	if (alone != NULL)
		gp.release(alone);
	if (ctx != NULL)
		gp.release(ctx);
	if (dfd >= 0)
		remove_tree(dfd, 0);
	(void)rmdir(home);
	return rc;
}

/*
 * Armour that holds no key: a revocation certificate (gpg
 * --generate-revocation, or openpgp-revocs.d/FPR.rev without its leading
 * ':') of the contact's key, which must be in the keyring.  GnuPG checks
 * its signature and merges it in; only a revocation of want_fpr is taken.
 */
static int
import_revocation(const char *armour, size_t len, const char *want_fpr,
    const char *addr, int64_t now, struct pgp_key_info *info,
    struct tld_error *err)
{
	struct import_counts n;
	struct pgp_key_info before;
	bool revokes;
	int rc;

	if ((rc = pgp_key_status(want_fpr, addr, now, &before, err)) < 0)
		return rc;
	if (!before.present)
		return tld_error_set(err, TLD_EINVAL, "key",
		    "GnuPG finds no OpenPGP key in the armour: it is damaged (or "
		    "revokes a key, but key %s is not in the keyring)", before.fpr);
	if (before.revoked) {
		*info = before;
		return 0;  /* revoked already: nothing changes */
	}
	if ((rc = revokes_key(armour, len, before.fpr, &revokes, err)) < 0)
		return rc;
	if (!revokes)
		return tld_error_set(err, TLD_EINVAL, "key",
		    "GnuPG finds no OpenPGP key in the armour, nor a revocation "
		    "of key %s that it accepts (a certificate of another key "
		    "is refused): it is damaged or not this key's", before.fpr);
	if ((rc = import_armour(armour, len, &n, err)) < 0 ||
	    (rc = pgp_key_status(want_fpr, addr, now, info, err)) < 0)
		return rc;
	if (!info->revoked)
		return tld_error_set(err, TLD_EIO, "key",
		    "GnuPG accepted the revocation of key %s alone but not in "
		    "the list's keyring", before.fpr);
	return 0;
}

int
pgp_key_import(const char *armour, size_t len, const char *want_fpr,
    const char *addr, int64_t now, struct pgp_key_info *info,
    struct tld_error *err)
{
	struct import_counts n;
	struct pgp_key_info tmp;
	int rc, nread;

	if ((rc = key_check(armour, len, want_fpr, addr, now, &tmp, &nread, err)) < 0) {
		char want[PGP_FPR_TEXT_MAX];

		fpr_upper(want_fpr, want, sizeof(want));
		if (nread != 0 || want[0] == '\0')
			return rc;
		return import_revocation(armour, len, want, addr, now, info, err);
	}
	if ((rc = import_armour(armour, len, &n, err)) < 0)
		return rc;
	if (n.considered == 0 || n.not_imported > 0 || n.secret_read > 0)
		return tld_error_set(err, TLD_EIO, "key", "GnuPG did not import it");
	/* The keyring may now hold a newer state (a revocation merged in). */
	return pgp_key_status(tmp.fpr, addr, now, info, err);
}

int
gpg_key_lookup(gpgme_ctx_t ctx, const char *fpr, const char *addr,
    int64_t now, gpgme_key_t *key, struct pgp_key_info *info,
    struct tld_error *err)
{
	gpgme_key_t k = NULL;
	gpgme_error_t e;
	char want[PGP_FPR_TEXT_MAX];

	*key = NULL;
	memset(info, 0, sizeof(*info));
	fpr_upper(fpr, want, sizeof(want));
	snprintf(info->fpr, sizeof(info->fpr), "%s", want);
	if (want[0] == '\0') {
		snprintf(info->why, sizeof(info->why), "no pgp_fingerprint on record");
		return 0;
	}
	e = gp.get_key(ctx, want, &k, 0);
	if (gpgme_err_code(e) == GPG_ERR_EOF || (e == 0 && k == NULL)) {
		snprintf(info->why, sizeof(info->why), "not in the keyring");
		return 0;
	}
	if (e != 0)
		return tld_error_set(err, TLD_EIO, "key",
		    "GnuPG cannot read the keyring: %s", gp.strerror(e));
	gpg_key_describe(k, addr, now, info);
	if (info->usable)
		*key = k;
	else
		gp.key_unref(k);
	return 0;
}

int
pgp_key_status(const char *fpr, const char *addr, int64_t now,
    struct pgp_key_info *info, struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_key_t k = NULL;
	int rc;

	memset(info, 0, sizeof(*info));
	if ((rc = gpg_ctx_new(&ctx, "key", err)) < 0)
		return rc;
	rc = gpg_key_lookup(ctx, fpr, addr, now, &k, info, err);
	if (k != NULL)
		gp.key_unref(k);
	gp.release(ctx);
	return rc;
}

struct pgp_keyring {
	gpgme_key_t *keys;
	size_t n;
};

int
pgp_keyring_load(struct pgp_keyring **out, struct tld_error *err)
{
	struct pgp_keyring *kr;
	gpgme_ctx_t ctx = NULL;
	gpgme_key_t k;
	gpgme_error_t e;
	size_t cap = 0;
	int rc;

	*out = NULL;
	if ((rc = gpg_ctx_new(&ctx, "key", err)) < 0)
		return rc;
	if ((e = gp.op_keylist_start(ctx, NULL, 0)) != 0) {
		gp.release(ctx);
		return tld_error_set(err, TLD_EIO, "key",
		    "GnuPG cannot read the keyring: %s", gp.strerror(e));
	}
	kr = xcalloc(1, sizeof(*kr));
	while ((e = gp.op_keylist_next(ctx, &k)) == 0) {
		if (kr->n == cap) {
			cap = cap ? cap * 2 : 64;
			kr->keys = xreallocarray(kr->keys, cap, sizeof(*kr->keys));
		}
		kr->keys[kr->n++] = k;
	}
	gp.op_keylist_end(ctx);
	gp.release(ctx);
	if (gpgme_err_code(e) != GPG_ERR_EOF) {
		pgp_keyring_free(kr);
		return tld_error_set(err, TLD_EIO, "key",
		    "GnuPG cannot read the keyring: %s", gp.strerror(e));
	}
	*out = kr;
	return 0;
}

gpgme_key_t
gpg_keyring_find(const struct pgp_keyring *kr, const char *fpr)
{
	char want[PGP_FPR_TEXT_MAX], have[PGP_FPR_TEXT_MAX];

	fpr_upper(fpr, want, sizeof(want));
	if (kr == NULL || want[0] == '\0')
		return NULL;
	for (size_t i = 0; i < kr->n; i++) {
		fpr_upper(kr->keys[i]->fpr, have, sizeof(have));
		if (strcmp(have, want) == 0)
			return kr->keys[i];
	}
	return NULL;
}

void
pgp_keyring_status(const struct pgp_keyring *kr, const char *fpr,
    const char *addr, int64_t now, struct pgp_key_info *info)
{
	gpgme_key_t k;

	memset(info, 0, sizeof(*info));
	fpr_upper(fpr, info->fpr, sizeof(info->fpr));
	if (info->fpr[0] == '\0') {
		snprintf(info->why, sizeof(info->why), "no pgp_fingerprint on record");
		return;
	}
	if ((k = gpg_keyring_find(kr, fpr)) != NULL)
		gpg_key_describe(k, addr, now, info);
	else
		snprintf(info->why, sizeof(info->why), "not in the keyring");
}

void
pgp_keyring_free(struct pgp_keyring *kr)
{
	if (kr == NULL)
		return;
	for (size_t i = 0; i < kr->n; i++)
		gp.key_unref(kr->keys[i]);
	free(kr->keys);
	free(kr);
}
