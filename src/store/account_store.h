/* SPDX-License-Identifier: MIT */
/*
 * Web accounts, sessions, login links, API tokens and the login rate;
 * revocation (API tokens listed and revoked by their public id, accounts
 * disabled or removed, every live secret of an address ended at once).  A
 * token's id is the first TOKEN_ID_LEN hex digits of its stored hash.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_ACCOUNT_STORE_H
#define TLD_STORE_ACCOUNT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "store/store.h"
#include "util/error.h"

struct account {
	int64_t id;
	char email[256];
	char role[16];          /* secretariat, committee, member */
	int64_t created;
	char created_by[128];
	int64_t disabled;       /* when it was disabled; 0 while active */
};
/* TLD_EEXIST (field "email") when the address already has an account. */
int store_account_insert(struct store *s, struct account *a,
    struct tld_error *err);
/* The active account of an address (case-insensitive); TLD_ENOTFOUND. */
int store_account_find(struct store *s, const char *email, struct account *out,
    struct tld_error *err);
/* Every account, the active ones first, then the disabled (a->disabled). */
typedef int (*store_account_cb)(void *ctx, const struct account *a);
int store_account_each(struct store *s, store_account_cb cb, void *ctx,
    struct tld_error *err);

/* A session, a one-time login link or an API token, by its hash. */
struct web_secret_row {
	char hash[65];
	char kind[8];           /* session, login, api */
	char email[256];
	int64_t created;
	int64_t expires;
	int64_t used;           /* 0 while usable */
};
int store_secret_insert(struct store *s, const struct web_secret_row *r,
    struct tld_error *err);
/* TLD_ENOTFOUND when there is no such secret. */
int store_secret_get(struct store *s, const char *hash,
    struct web_secret_row *out, struct tld_error *err);
/*
 * Use up (login link) or end (session, token) a live secret of kind.
 * Returns 1 when this call did it, 0 when it was unknown, used or expired.
 */
int store_secret_use(struct store *s, const char *hash, const char *kind,
    int64_t now, struct tld_error *err);
/* Delete secrets that expired before `before`. */
int store_secret_purge(struct store *s, int64_t before, struct tld_error *err);

/* Who an address is: its account role ("" if none) and active contact. */
struct web_identity {
	char email[256];
	int64_t expires;        /* of the secret; 0 from store_email_identity */
	char account_role[16];
	int64_t contact_id;     /* 0 if not an active contact */
	char cctld[CCTLD_CODE_MAX + 1];
	int64_t created;        /* of the secret; 0 from store_email_identity */
	int64_t last_used;      /* of the secret, 0: never (API tokens) */
};
/* For a live (unused, unexpired at now) secret of kind; TLD_ENOTFOUND else. */
int store_secret_identity(struct store *s, const char *hash, const char *kind,
    int64_t now, struct web_identity *out, struct tld_error *err);
int store_email_identity(struct store *s, const char *email,
    struct web_identity *out, struct tld_error *err);

/* Count one more hit of key in bucket; *hits gets the new count. */
int store_rate_hit(struct store *s, const char *key, int64_t bucket,
    int64_t *hits, struct tld_error *err);
int store_rate_purge(struct store *s, int64_t before, struct tld_error *err);

/* ---- revocation ---------------------------------------------------------- */

#define TOKEN_ID_LEN 12

/* A live API token, without its hash. */
struct api_token_row {
	char id[TOKEN_ID_LEN + 1];
	char email[256];
	int64_t created;
	int64_t expires;
	int64_t last_used;      /* 0: never */
};
typedef int (*store_token_cb)(void *ctx, const struct api_token_row *t);

/*
 * Each live API token (not revoked, not expired at now), oldest first; of
 * email only (case-insensitive) unless it is NULL.  Returns the count.
 */
int store_token_each(struct store *s, const char *email, int64_t now,
    store_token_cb cb, void *ctx, struct tld_error *err);
/* The live API token with that id; TLD_ENOTFOUND naming "id". */
int store_token_find(struct store *s, const char *id, int64_t now,
    struct api_token_row *out, struct tld_error *err);
/* Revoke the live API token(s) with that id at now; returns how many. */
int store_token_revoke(struct store *s, const char *id, int64_t now,
    struct tld_error *err);
/* Note that the secret with hash was used at now (last_used). */
int store_secret_touch(struct store *s, const char *hash, int64_t now,
    struct tld_error *err);
/* End every live secret (session, login link, API token) of email; a count. */
int store_secret_end_all(struct store *s, const char *email, int64_t now,
    struct tld_error *err);
/* Delete every secret of email, live or not; returns 0. */
int store_secret_delete_email(struct store *s, const char *email,
    struct tld_error *err);
/* Disable the active account of email at `at`: 1 if there was one, else 0. */
int store_account_disable(struct store *s, const char *email, int64_t at,
    struct tld_error *err);
/* Delete every account row of email, active or disabled; returns how many. */
int store_account_delete(struct store *s, const char *email,
    struct tld_error *err);

#endif
