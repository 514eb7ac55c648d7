/* SPDX-License-Identifier: MIT */
#include "service/outbox_seal.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util/keyfile.h"
#include "util/random.h"
#include "util/xalloc.h"

/* Not a mail header line: the stored value is never sent as it is. */
#define MARK "tldops-sealed-v1:"
#define MARK_LEN (sizeof(MARK) - 1)
#define B64 sodium_base64_VARIANT_ORIGINAL

bool
outbox_sealed(const char *data, size_t len)
{
	return len > MARK_LEN && memcmp(data, MARK, MARK_LEN) == 0;
}

int
outbox_seal(struct tld_ctx *ctx, struct buf *data, struct tld_error *err)
{
	unsigned char key[KEYFILE_BYTES];
	unsigned char *box;
	char *b64;
	size_t boxlen, b64len;
	struct buf out;
	int rc;

	if (ctx->cfg.queue_key_file[0] == '\0')
		return 0;
	if ((rc = keyfile_load(ctx->cfg.queue_key_file, true, key, err)) < 0)
		return rc;
	boxlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + data->len;
	box = xmalloc(boxlen);
	random_bytes(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES,
	    (const unsigned char *)data->data, data->len, box, key);
	sodium_memzero(key, sizeof(key));
	b64len = sodium_base64_encoded_len(boxlen, B64);
	b64 = xmalloc(b64len);
	sodium_bin2base64(b64, b64len, box, boxlen, B64);
	free(box);
	buf_init(&out);
	buf_puts(&out, MARK);
	buf_puts(&out, b64);
	free(b64);
	sodium_memzero(data->data, data->len);
	buf_fini(data);
	*data = out;
	return 0;
}

int
outbox_unseal(struct tld_ctx *ctx, const char *data, size_t len,
    struct buf *out, struct tld_error *err)
{
	unsigned char key[KEYFILE_BYTES];
	unsigned char *box;
	size_t boxlen = 0, cap = len;
	int rc = 0;

	if (ctx->cfg.queue_key_file[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "queue_key_file",
		    "a sealed message is queued but [mail] queue_key_file is not set");
	if ((rc = keyfile_load(ctx->cfg.queue_key_file, false, key, err)) < 0)
		return rc;
	sodium_ready();
	box = xmalloc(cap);
	if (sodium_base642bin(box, cap, data + MARK_LEN, len - MARK_LEN, NULL,
	    &boxlen, NULL, B64) != 0 ||
	    boxlen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
		rc = tld_error_set(err, TLD_EIO, "queue_key_file",
		    "a sealed message is damaged");
		goto out;
	}
	/* In place: the message is shorter than its box. */
	if (crypto_secretbox_open_easy(box + crypto_secretbox_NONCEBYTES,
	    box + crypto_secretbox_NONCEBYTES, boxlen - crypto_secretbox_NONCEBYTES,
	    box, key) != 0) {
		rc = tld_error_set(err, TLD_EIO, "queue_key_file",
		    "a sealed message does not open with the key in %s (another "
		    "node's key?)", ctx->cfg.queue_key_file);
		goto out;
	}
	buf_reset(out);
	buf_append(out, box + crypto_secretbox_NONCEBYTES,
	    boxlen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(box, cap); /* it held the message in clear */
	free(box);
	return rc;
}
