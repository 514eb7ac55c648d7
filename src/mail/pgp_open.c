/* SPDX-License-Identifier: MIT */
/* Decrypting and checking OpenPGP-protected posts (mail/pgp_open.h). */
#include "mail/pgp_open.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mail/gmime_load.h"
#include "mail/gpg_internal.h"

#define OPEN_MAX (64u * 1024 * 1024)

/* The decoded content of a leaf part into out. */
static void
part_bytes(GMimeObject *part, struct buf *out)
{
	GMimeDataWrapper *w;
	GMimeStream *s;
	GByteArray *a;

	if (part == NULL || !gm_is(part, gm.part_type))
		return;
	if ((w = gm.part_get_content((GMimePart *)part)) == NULL)
		return;
	s = gm.stream_mem_new();
	gm.data_wrapper_write_to_stream(w, s);
	a = gm.stream_mem_get_byte_array((GMimeStreamMem *)s);
	if (a != NULL && a->len > 0)
		buf_append(out, a->data, a->len);
	gm.object_unref(s);
}

/* Bytes of obj as written, CRLF line ends (what RFC 3156 signs). */
static void
object_crlf(GMimeObject *obj, struct buf *out)
{
	GMimeFormatOptions *fo = gm.format_options_new();
	char *s;

	gm.format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	s = gm.object_to_string(obj, fo);
	gm.format_options_free(fo);
	if (s != NULL) {
		buf_puts(out, s);
		gm.free(s);
	}
}

static void
upper_fpr(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 1 < outlen; s++)
		out[n++] = (char)toupper((unsigned char)*s);
	out[n] = '\0';
}

/* The verdict on the signatures of the last verify in ctx. */
static void
judge(gpgme_ctx_t ctx, struct pgp_opened *res)
{
	gpgme_verify_result_t vr = gp.op_verify_result(ctx);

	res->sig = PGP_SIG_NONE;
	if (vr == NULL || vr->signatures == NULL)
		return;
	for (gpgme_signature_t s = vr->signatures; s != NULL; s = s->next) {
		gpgme_key_t k = NULL;
		gpgme_err_code_t code = gpgme_err_code(s->status);
		enum pgp_sig v;

		if (code == GPG_ERR_NO_PUBKEY)
			v = PGP_SIG_UNKNOWN;
		else if (code != GPG_ERR_NO_ERROR ||
		    (s->summary & (GPGME_SIGSUM_RED | GPGME_SIGSUM_KEY_REVOKED)) != 0)
			v = PGP_SIG_BAD;
		else
			v = PGP_SIG_GOOD;
		/* One bad signature makes the post bad; unknown beats good. */
		if (res->sig != PGP_SIG_NONE && v == PGP_SIG_GOOD)
			continue;
		if (res->sig == PGP_SIG_BAD)
			continue;
		res->sig = v;
		upper_fpr(s->fpr, res->fpr, sizeof(res->fpr));
		res->uid[0] = '\0';
		if (v != PGP_SIG_GOOD)
			snprintf(res->why, sizeof(res->why), "%s", gp.strerror(s->status));
		if (s->fpr != NULL && gp.get_key(ctx, s->fpr, &k, 0) == 0 && k != NULL) {
			upper_fpr(k->fpr, res->fpr, sizeof(res->fpr));
			if (k->uids != NULL && k->uids->uid != NULL)
				snprintf(res->uid, sizeof(res->uid), "%s", k->uids->uid);
			if (v == PGP_SIG_GOOD && (k->revoked || k->expired)) {
				res->sig = PGP_SIG_BAD;
				snprintf(res->why, sizeof(res->why), "the key is %s",
				    k->revoked ? "revoked" : "expired");
			}
			gp.key_unref(k);
		}
	}
}

static int verify_signed(GMimeObject *top, struct pgp_opened *res,
    struct tld_error *err);

static int
decrypt(GMimeObject *top, GMimeMessage *msg, struct buf *out,
    struct pgp_opened *res, struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t in = NULL, plain = NULL;
	gpgme_error_t e;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeObject *inner;
	struct buf cipher;
	char *mem = NULL;
	size_t n = 0;
	int rc;

	buf_init(&cipher);
	if (gm.multipart_get_count((GMimeMultipart *)top) < 2) {
		rc = tld_error_set(err, TLD_EINVAL, "message",
		    "multipart/encrypted without its encrypted part");
		goto out;
	}
	part_bytes(gm.multipart_get_part((GMimeMultipart *)top, 1), &cipher);
	if (cipher.len == 0) {
		rc = tld_error_set(err, TLD_EINVAL, "message",
		    "the encrypted part is empty");
		goto out;
	}
	if ((rc = gpg_ctx_new(&ctx, "message", err)) < 0)
		goto out;
	if ((e = gp.data_new_from_mem(&in, cipher.data, cipher.len, 0)) != 0 ||
	    (e = gp.data_new(&plain)) != 0) {
		rc = tld_error_set(err, TLD_EIO, "message", "GPGME: %s", gp.strerror(e));
		goto out;
	}
	if ((e = gp.op_decrypt_verify(ctx, in, plain)) != 0) {
		rc = tld_error_set(err, TLD_EINVAL, "message",
		    "encrypted, but it cannot be decrypted with the list key: %s",
		    gp.strerror(e));
		goto out;
	}
	res->encrypted = true;
	judge(ctx, res);
	mem = gp.data_release_and_get_mem(plain, &n);
	plain = NULL;
	if (mem == NULL || n == 0 || n > OPEN_MAX) {
		rc = tld_error_set(err, TLD_EINVAL, "message",
		    "the decrypted content is empty or too large");
		goto out;
	}
	/* The decrypted entity takes the encrypted part's place. */
	stream = gm.stream_mem_new_with_buffer(mem, n);
	parser = gm.parser_new_with_stream(stream);
	inner = gm.parser_construct_part(parser, NULL);
	gm.object_unref(parser);
	gm.object_unref(stream);
	if (inner == NULL) {
		rc = tld_error_set(err, TLD_EINVAL, "message",
		    "the decrypted content is not a MIME entity");
		goto out;
	}
	/* Signed, then encrypted (RFC 3156 6.1): the signature is inside. */
	if (res->sig == PGP_SIG_NONE && gm_is(inner, gm.multipart_type) &&
	    gm.content_type_is_type(gm.object_get_content_type(inner),
	    "multipart", "signed") && (rc = verify_signed(inner, res, err)) < 0) {
		gm.object_unref(inner);
		goto out;
	}
	gm.message_set_mime_part(msg, inner);
	gm.object_unref(inner);
	object_crlf((GMimeObject *)msg, out);
	rc = 0;
out:
	if (mem != NULL) {
		memset(mem, 0, n);
		gp.free(mem);
	}
	if (plain != NULL)
		gp.data_release(plain);
	if (in != NULL)
		gp.data_release(in);
	if (ctx != NULL)
		gp.release(ctx);
	buf_fini(&cipher);
	return rc;
}

static int
verify_signed(GMimeObject *top, struct pgp_opened *res, struct tld_error *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t sd = NULL, td = NULL;
	gpgme_error_t e;
	struct buf text, sig;
	int rc;

	if (gm.multipart_get_count((GMimeMultipart *)top) < 2)
		return 0;
	buf_init(&text);
	buf_init(&sig);
	object_crlf(gm.multipart_get_part((GMimeMultipart *)top, 0), &text);
	part_bytes(gm.multipart_get_part((GMimeMultipart *)top, 1), &sig);
	if ((rc = gpg_ctx_new(&ctx, "message", err)) < 0)
		goto out;
	if ((e = gp.data_new_from_mem(&td, text.data ? text.data : "", text.len, 0)) != 0 ||
	    (e = gp.data_new_from_mem(&sd, sig.data ? sig.data : "", sig.len, 0)) != 0) {
		rc = tld_error_set(err, TLD_EIO, "message", "GPGME: %s", gp.strerror(e));
		goto out;
	}
	if ((e = gp.op_verify(ctx, sd, td, NULL)) != 0) {
		res->sig = PGP_SIG_BAD;
		snprintf(res->why, sizeof(res->why), "not an OpenPGP signature: %s",
		    gp.strerror(e));
	} else {
		judge(ctx, res);
		if (res->sig == PGP_SIG_NONE) {
			res->sig = PGP_SIG_BAD;
			snprintf(res->why, sizeof(res->why), "the signature part holds no signature");
		}
	}
	rc = 0;
out:
	if (sd != NULL)
		gp.data_release(sd);
	if (td != NULL)
		gp.data_release(td);
	if (ctx != NULL)
		gp.release(ctx);
	buf_fini(&text);
	buf_fini(&sig);
	return rc;
}

int
pgp_mime_open(const char *raw, size_t len, struct buf *out,
    struct pgp_opened *res, struct tld_error *err)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeObject *top;
	GMimeContentType *ct;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	if ((rc = gm_load(err)) < 0)
		return rc;
	stream = gm.stream_mem_new_with_buffer(raw, len);
	parser = gm.parser_new_with_stream(stream);
	msg = gm.parser_construct_message(parser, NULL);
	gm.object_unref(parser);
	gm.object_unref(stream);
	if (msg == NULL)
		return 0; /* not for us to judge: the parser says what is wrong */
	top = gm.message_get_mime_part(msg);
	ct = top != NULL ? gm.object_get_content_type(top) : NULL;
	if (ct != NULL && gm_is(top, gm.multipart_type)) {
		if (gm.content_type_is_type(ct, "multipart", "encrypted"))
			rc = decrypt(top, msg, out, res, err);
		else if (gm.content_type_is_type(ct, "multipart", "signed"))
			rc = verify_signed(top, res, err);
	}
	gm.object_unref(msg);
	return rc;
}
