/* SPDX-License-Identifier: MIT */
/* multipart/encrypted (RFC 3156) around a composed message's content. */
#include "mail/pgp_mime.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/gpg_internal.h"
#include "util/xalloc.h"

struct pgp_encryptor {
	gpgme_ctx_t ctx;
	gpgme_key_t signer;
	struct pgp_keyring *keys;  /* read once: no gpg run per recipient to find a key */
};

int
pgp_encryptor_new(const char *sign_key, struct pgp_encryptor **out,
    struct tld_error *err)
{
	struct pgp_encryptor *e;
	gpgme_error_t ge;
	int rc;

	*out = NULL;
	if (sign_key == NULL || sign_key[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "list_key",
		    "is not set ([crypto] list_key): encrypted mail is signed by it");
	e = xcalloc(1, sizeof(*e));
	if ((rc = gpg_ctx_new(&e->ctx, "list_key", err)) < 0) {
		free(e);
		return rc;
	}
	if ((ge = gp.get_key(e->ctx, sign_key, &e->signer, 1)) != 0) {
		rc = tld_error_set(err, TLD_EINVAL, "list_key",
		    "no secret key \"%s\" in the keyring: %s", sign_key,
		    gp.strerror(ge));
		pgp_encryptor_free(e);
		return rc;
	}
	if ((rc = pgp_keyring_load(&e->keys, err)) < 0) {
		pgp_encryptor_free(e);
		return rc;
	}
	if ((ge = gp.signers_add(e->ctx, e->signer)) != 0) {
		rc = tld_error_set(err, TLD_EIO, "list_key", "cannot sign with it: %s",
		    gp.strerror(ge));
		pgp_encryptor_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

void
pgp_encryptor_free(struct pgp_encryptor *e)
{
	if (e == NULL)
		return;
	if (e->signer != NULL)
		gp.key_unref(e->signer);
	pgp_keyring_free(e->keys);
	if (e->ctx != NULL)
		gp.release(e->ctx);
	free(e);
}

/* Header name of the field starting at p (up to ':'), case ignored. */
static bool
field_is(const char *p, size_t n, const char *name)
{
	size_t nl = strlen(name);

	return n > nl && p[nl] == ':' && strncasecmp(p, name, nl) == 0;
}

/* The first CRLF in p[0..n), or NULL. */
static const char *
find_crlf(const char *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (p[i] == '\r' && p[i + 1] == '\n')
			return p + i;
	return NULL;
}

/* Append the armour's LF line ends as CRLF. */
static void
put_crlf(struct buf *out, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n' && (i == 0 || p[i - 1] != '\r'))
			buf_putc(out, '\r');
		buf_putc(out, p[i]);
	}
	if (n > 0 && p[n - 1] != '\n')
		buf_puts(out, "\r\n");
}

/*
 * The boundary: "=_enc_" and the letters and digits of the Message-ID
 * (random); armour is base64 and never holds "=_".
 */
static void
make_boundary(const char *mid, size_t midlen, char *out, size_t outlen)
{
	size_t n = (size_t)snprintf(out, outlen, "=_enc_");

	for (size_t i = 0; i < midlen && n + 1 < outlen; i++)
		if (isalnum((unsigned char)mid[i]))
			out[n++] = mid[i];
	out[n] = '\0';
}

int
pgp_encryptor_encrypt(struct pgp_encryptor *e, const char *msg,
    size_t len, const char *fpr, const char *addr, int64_t now,
    const char *outer_subject, struct buf *out, struct pgp_key_info *info,
    struct tld_error *err)
{
	struct buf outer, inner;
	gpgme_key_t rcpt[2] = { NULL, NULL };
	gpgme_data_t in = NULL, cipher = NULL;
	gpgme_error_t ge;
	const char *body = NULL, *mid = "";
	size_t midlen = 0, n = 0;
	char boundary[96], *mem = NULL;
	int rc;

	/* The header block: fields, each with its folded continuation lines. */
	for (size_t off = 0; off + 1 < len; ) {
		const char *p = msg + off, *end;
		size_t flen;

		if (p[0] == '\r' && p[1] == '\n') {
			body = p + 2;
			break;
		}
		end = p;
		for (;;) {
			const char *crlf = find_crlf(end, len - (size_t)(end - msg));

			if (crlf == NULL)
				return tld_error_set(err, TLD_EINVAL, "message",
				    "has no end of its header block");
			end = crlf + 2;
			if ((size_t)(end - msg) >= len || (*end != ' ' && *end != '\t'))
				break;
		}
		flen = (size_t)(end - p);
		if (field_is(p, flen, "Message-ID")) {
			mid = p + 11;
			midlen = flen - 11;
		}
		off += flen;
	}
	if (body == NULL)
		return tld_error_set(err, TLD_EINVAL, "message", "has no body");

	pgp_keyring_status(e->keys, fpr, addr, now, info);
	if (!info->usable)
		return TLD_ENOTFOUND;
	rcpt[0] = gpg_keyring_find(e->keys, fpr);

	buf_init(&outer);
	buf_init(&inner);
	for (const char *p = msg; p < body - 2; ) {
		const char *end = p;
		size_t flen;

		do {
			end = find_crlf(end, (size_t)(body - end)) + 2;
		} while (end < body - 2 && (*end == ' ' || *end == '\t'));
		flen = (size_t)(end - p);
		if (field_is(p, flen, "Content-Type")) {
			/* The protected-headers mark goes right after the type. */
			size_t t = 13;

			while (t < flen && p[t] != ';' && p[t] != '\r')
				t++;
			buf_append(&inner, p, t);
			buf_puts(&inner, "; protected-headers=\"v1\"");
			buf_append(&inner, p + t, flen - t);
		} else if (field_is(p, flen, "Content-Transfer-Encoding") ||
		    field_is(p, flen, "Content-Disposition") ||
		    field_is(p, flen, "Content-Description")) {
			buf_append(&inner, p, flen);
		} else if (field_is(p, flen, "Subject")) {
			buf_append(&inner, p, flen);
			buf_puts(&outer, "Subject: ");
			buf_puts(&outer, outer_subject);
			buf_puts(&outer, "\r\n");
		} else if (field_is(p, flen, "MIME-Version") ||
		    field_is(p, flen, "X-TLD-OPS-Encrypt")) {
			/* MIME-Version is written below; the mark is ours. */
		} else {
			buf_append(&outer, p, flen);
		}
		p = end;
	}
	buf_puts(&inner, "\r\n");
	buf_append(&inner, body, len - (size_t)(body - msg));

	if ((ge = gp.data_new_from_mem(&in, inner.data, inner.len, 0)) != 0 ||
	    (ge = gp.data_new(&cipher)) != 0 ||
	    (ge = gp.op_encrypt_sign(e->ctx, rcpt, GPGME_ENCRYPT_ALWAYS_TRUST,
	    in, cipher)) != 0) {
		rc = tld_error_set(err, TLD_EIO, "list_key",
		    "encryption to %s failed: %s", info->fpr, gp.strerror(ge));
		goto out;
	}
	mem = gp.data_release_and_get_mem(cipher, &n);
	cipher = NULL;
	if (mem == NULL || n == 0) {
		rc = tld_error_set(err, TLD_EIO, "list_key", "GnuPG wrote nothing");
		goto out;
	}
	make_boundary(mid, midlen, boundary, sizeof(boundary));
	buf_append(out, outer.data, outer.len);
	buf_printf(out, "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/encrypted;\r\n"
	    " protocol=\"application/pgp-encrypted\";\r\n"
	    " boundary=\"%s\"\r\n\r\n"
	    "This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156).\r\n"
	    "--%s\r\n"
	    "Content-Type: application/pgp-encrypted\r\n"
	    "Content-Description: PGP/MIME version identification\r\n\r\n"
	    "Version: 1\r\n\r\n"
	    "--%s\r\n"
	    "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
	    "Content-Description: OpenPGP encrypted message\r\n"
	    "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n",
	    boundary, boundary, boundary);
	put_crlf(out, mem, n);
	buf_printf(out, "\r\n--%s--\r\n", boundary);
	rc = 0;
out:
	if (mem != NULL)
		gp.free(mem);
	if (cipher != NULL)
		gp.data_release(cipher);
	if (in != NULL)
		gp.data_release(in);
	/* inner holds the plaintext: wipe it before it goes back to malloc. */
	if (inner.data != NULL)
		memset(inner.data, 0, inner.len);
	buf_fini(&inner);
	buf_fini(&outer);
	return rc;
}
