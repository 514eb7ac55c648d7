/* SPDX-License-Identifier: MIT */
/*
 * Queued mail that carries a one-time link (sign-in, authorisation,
 * confirmation) is stored sealed: XChaCha20-Poly1305 (libsodium secretbox)
 * under the key in [mail] queue_key_file, a file outside the database.  A
 * copy of the database taken while the SMTP server is down holds no link
 * anyone can use; the outbox opens the message when it sends it, and
 * blanks it once delivered (store_mail_scrub_secret).  Without a key file
 * (PostgreSQL with queue_key_file unset) the message is stored as is.
 */
#ifndef TLD_SERVICE_OUTBOX_SEAL_H
#define TLD_SERVICE_OUTBOX_SEAL_H

#include <stdbool.h>
#include <stddef.h>

#include "service/context.h"
#include "util/buf.h"

/* Whether stored data is a sealed message. */
bool outbox_sealed(const char *data, size_t len);

/* Seal data in place when a key file is configured (made if missing). */
int outbox_seal(struct tld_ctx *ctx, struct buf *data, struct tld_error *err);

/*
 * The message in sealed data, into out.  TLD_EIO naming "queue_key_file"
 * when it does not open (no key file, another node's key, damaged): the
 * delivery is tried again later, so fixing the key file lets it go out.
 */
int outbox_unseal(struct tld_ctx *ctx, const char *data, size_t len,
    struct buf *out, struct tld_error *err);

#endif
