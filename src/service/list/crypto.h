/* SPDX-License-Identifier: MIT */
/*
 * OpenPGP on the way in (docs/crypto.md): a post encrypted to the list key
 * is decrypted before the policy sees it, and a signed post's signature is
 * checked against the sender's key: good, it is stated in the distributed
 * copy; bad, by an unknown key or by another key than the sender's, the
 * post is held for the committee.
 */
#ifndef TLD_SERVICE_LIST_CRYPTO_H
#define TLD_SERVICE_LIST_CRYPTO_H

#include <stddef.h>

#include "mail/pgp_open.h"
#include "service/context.h"
#include "util/buf.h"

struct inbound_pgp {
	struct buf raw;            /* the decrypted message; empty when it was not encrypted */
	struct pgp_opened o;
	char hold[256];            /* not "": hold the post for this reason */
	char signature[400];       /* X-TLD-OPS-Signature for the copy, "" none */
	char preface[420];         /* the line on top of the copy's text */
};

/* Decrypt raw[0..len) if it is encrypted and check its signature (ip: init'd here). */
int inbound_pgp_open(struct tld_ctx *ctx, const char *raw, size_t len,
    struct inbound_pgp *ip, struct tld_error *err);

/* Judge the signature against the key of from_addr's contact. */
int inbound_pgp_judge(struct tld_ctx *ctx, struct inbound_pgp *ip,
    const char *from_addr, struct tld_error *err);

void inbound_pgp_fini(struct inbound_pgp *ip);

#endif
