/* SPDX-License-Identifier: MIT */
/*
 * Members' OpenPGP keys (docs/crypto.md): a contact's public key is
 * imported into the keyring only when it is their key (the fingerprint on
 * their entry, a user id with their address) and public; the keys of all
 * contacts are listed with their expiry and whether mail may be encrypted
 * to them now.
 */
#ifndef TLD_SERVICE_LIST_KEYS_H
#define TLD_SERVICE_LIST_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "mail/pgp_keys.h"
#include "model/contact.h"
#include "service/context.h"

/*
 * Check armour[0..len) and import it as the key of contact contact_id;
 * audited as key.import.  info describes the key as stored.  Errors name
 * "key" (and "contact" when there is no such contact); nothing is stored
 * on error.
 */
int key_import(struct tld_ctx *ctx, int64_t contact_id, const char *armour,
    size_t len, struct pgp_key_info *info, struct tld_error *err);

/* The state now of contact c's key (pgp_key_status). */
int key_status(struct tld_ctx *ctx, const struct contact *c,
    struct pgp_key_info *info, struct tld_error *err);

struct key_row {
	struct contact contact;       /* borrowed in the callback */
	struct pgp_key_info key;
};
typedef int (*key_cb)(void *arg, const struct key_row *row);

/*
 * Every active contact with a pgp_fingerprint, by ccTLD, with its key's
 * state now.  The callback's non-zero return stops the walk.
 */
int key_each(struct tld_ctx *ctx, key_cb cb, void *arg, struct tld_error *err);

/*
 * One contact's key as JSON (the CLI's `key list --json` and the API):
 * {"contact", "cctld", "name", "email", "fingerprint", "in_keyring",
 *  "usable", "expires" (ISO, null: never), "uid", "why" (null when usable),
 *  "expired", "revoked"}.  New reference.
 */
json_t *key_row_json(const struct contact *c, const struct pgp_key_info *k);

/* key_each() into a JSON array of key_row_json().  *out is new. */
int key_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err);

#endif
