/* SPDX-License-Identifier: MIT */
/*
 * Web accounts, sessions, login links, API tokens and the login rate.
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
};
/* TLD_EEXIST (field "email") when the address already has an account. */
int store_account_insert(struct store *s, struct account *a,
    struct tld_error *err);
/* The active account of an address (case-insensitive); TLD_ENOTFOUND. */
int store_account_find(struct store *s, const char *email, struct account *out,
    struct tld_error *err);
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

#endif
