/* SPDX-License-Identifier: MIT */
/*
 * The signed offline copy of the repository, for when mail is down
 * (docs/freshness.md, "Offline copy"): an export written with a detached,
 * ASCII-armoured OpenPGP signature by [mail] signing_key beside it
 * (FILE.asc), and the check of such a pair.
 *
 * The JSON offline copy is the repository as one document: every member
 * ccTLD with its active contacts (each with "stale_since"), not the flat
 * contact array of `export --format json`.  CSV and vCard are the same
 * bytes as their plain exports.
 */
#ifndef TLD_SERVICE_OFFLINE_H
#define TLD_SERVICE_OFFLINE_H

#include <stdint.h>

#include "mail/message.h"
#include "mail/sign.h"
#include "service/context.h"
#include "service/directory/export.h"
#include "util/buf.h"

/*
 * The repository document as JSON, appended to out:
 * {"repository": "TLD-OPS contact repository", "generated": ISO 8601,
 *  "members": N, "contacts": N, "cctlds": [ {the ccTLD object of
 *  `cctld show` without IANA contacts, "contacts": [contact objects with
 *  "stale_since"]} ]}, members by code, contacts by id.  Returns the
 *  number of contacts.
 */
int offline_repository_json(struct tld_ctx *ctx, struct buf *out,
    struct tld_error *err);

/*
 * offline_repository_json() as generated at `generated` (seconds since the
 * epoch): the same repository gives the same bytes.
 */
int offline_repository_json_at(struct tld_ctx *ctx, int64_t generated,
    struct buf *out, struct tld_error *err);

/*
 * The JSON offline copy again, exactly as someone was shown it: rendered
 * as generated at `at` and checked against its SHA-256 (64 lower-case hex
 * digits), appended to out.  For downloads that must be the same bytes
 * (the web's copy and, in a second request, its signature).  `at` must
 * lie within the last OFFLINE_PIN_SECONDS, so a signed copy never claims
 * a time a client chose (TLD_EINVAL naming "at" in the future,
 * TLD_EEXPIRED when older); TLD_ECONFLICT naming "sha256" when the
 * repository changed since (nothing is served that the digest does not
 * match).  Returns the number of contacts.
 */
#define OFFLINE_PIN_SECONDS 3600
int offline_json_pinned(struct tld_ctx *ctx, int64_t at, const char *sha256,
    struct buf *out, struct tld_error *err);

/*
 * The offline copy in fmt (csv, json, vcard) into out: json is
 * offline_repository_json(), the others the plain export.  Returns the
 * number of contacts; TLD_EINVAL naming "format" for mailman.
 */
int offline_render(struct tld_ctx *ctx, enum export_format fmt,
    struct buf *out, struct tld_error *err);

/*
 * Sign data with [mail] signing_key: the armoured detached signature is
 * appended to sig.  TLD_EINVAL naming "signing_key" when none is set.
 */
int offline_sign(struct tld_ctx *ctx, const struct buf *data, struct buf *sig,
    struct tld_error *err);

/*
 * Write the offline copy in fmt to path and its signature to path.asc,
 * each through a temporary file renamed into place, so neither is ever
 * half-written.  Returns the number of contacts.  Nothing is written when
 * signing fails.
 */
int offline_export_signed(struct tld_ctx *ctx, enum export_format fmt,
    const char *path, struct tld_error *err);

/*
 * Check path against its detached signature sig_path (NULL: path.asc)
 * with the keyring of $GNUPGHOME; expect (NULL or "": any key in the
 * keyring) is the fingerprint the signer must have.  res describes the
 * signer.  Errors name "file", "signature" or "signing_key".
 */
int offline_verify(const char *path, const char *sig_path, const char *expect,
    struct pgp_verify_result *res, struct tld_error *err);

/*
 * The JSON offline copy as mail attachments for the repository mail
 * ([mail] digest_attach_export): tldops-repository-DATE.json and, when
 * [mail] signing_key is set, its signature tldops-repository-DATE.json.asc.
 * files[0..n) point into json and sig: keep the struct until the message
 * is composed.  offline_attach_fini() on success and failure.
 */
struct offline_attach {
	struct buf json, sig;
	char names[2][80];
	struct mail_attachment files[2];
	size_t n;
};
int offline_attach_build(struct tld_ctx *ctx, struct offline_attach *a,
    struct tld_error *err);
void offline_attach_fini(struct offline_attach *a);

#endif
