/* SPDX-License-Identifier: MIT */
/*
 * Encryption in the outbox: the per-recipient transform at send time.
 * A message queued for encryption carries a mark (its first header line,
 * "X-TLD-OPS-Encrypt: only|prefer; tlp=LABEL", never sent); its stored
 * text is the plaintext, the same for everyone.  Each delivery of it is
 * encrypted to its recipient's key when it goes out (docs/crypto.md):
 *
 *   prefer  the recipient has a usable key: encrypted; else the plain text
 *   only    (TLP:RED) usable key: encrypted; else a short notice that a
 *           TLP:RED message is waiting, never the text
 *
 * Deliveries of a marked message differ per recipient: a transport that
 * batches recipients of the same bytes must not batch them
 * (outbox_crypt_marked()).
 */
#ifndef TLD_SERVICE_OUTBOX_CRYPT_H
#define TLD_SERVICE_OUTBOX_CRYPT_H

#include <stdbool.h>
#include <stddef.h>

#include "mail/message.h"
#include "service/context.h"
#include "util/buf.h"

enum outbox_crypt_mode {
	OUTBOX_CRYPT_NONE = 0,
	OUTBOX_CRYPT_PREFER,   /* encrypted where the recipient has a usable key */
	OUTBOX_CRYPT_ONLY,     /* encrypted or not at all (a notice instead) */
};

/*
 * What [crypto] encrypt asks for mail labelled tlp.  TLP:RED is refused
 * (TLD_EDENIED, field "tlp") with encrypt = never, and any encryption
 * without [crypto] list_key (TLD_EINVAL, field "list_key").
 */
int outbox_crypt_mode(const struct config *cfg, enum tlp tlp,
    enum outbox_crypt_mode *mode, struct tld_error *err);

/* Prepend the mark for mode (not NONE) and tlp to an empty out. */
void outbox_crypt_mark(struct buf *out, enum outbox_crypt_mode mode,
    enum tlp tlp);

/* Whether a stored message carries the mark (its deliveries differ). */
bool outbox_crypt_marked(const char *data, size_t len);

/* The state of one outbox run (the list key's signer, loaded once). */
struct outbox_crypt;

/*
 * Before the deliveries of marked message `message` (its id, data[0..len))
 * to recipients[0..n): encrypt and sign it once for all of them that have
 * a usable key, so that outbox_crypt_apply() makes each copy without a
 * gpg run of its own (mail/pgp_mime.h).  Nothing is sent or stored; on
 * failure each delivery is encrypted alone, as without it.
 */
void outbox_crypt_prepare(struct tld_ctx *ctx, struct outbox_crypt **state,
    int64_t message, const char *data, size_t len,
    const char *const *recipients, size_t n);

/* Whether message was prepared for recipient (the last prepare). */
bool outbox_crypt_prepared(const struct outbox_crypt *state,
    int64_t message, const char *recipient);

/*
 * The bytes that go to recipient for the stored message data[0..len):
 * (of message, its id) unmarked, data itself; marked, its encryption to the recipient's key,
 * the plain text without the mark, or a notice.  *out_data and *out_len point
 * into data or into out (the caller's, initialised).  *state is created
 * on first need; outbox_crypt_free() it after the run.  Errors: TLD_EIO
 * (GnuPG failed: retry), TLD_EINVAL (the list key is unusable).  Nothing
 * readable is produced on error.
 */
int outbox_crypt_apply(struct tld_ctx *ctx, struct outbox_crypt **state,
    int64_t message, const char *recipient, const char *data, size_t len, struct buf *out,
    const char **out_data, size_t *out_len, struct tld_error *err);

void outbox_crypt_free(struct outbox_crypt *state);

#endif
