/* SPDX-License-Identifier: MIT */
/*
 * Who may use the web site and the API, and how they prove it.  Roles:
 * secretariat > committee > member > public.  Accounts give a role to an
 * address; every active contact is a member by its address without one.
 * A person signs in with a one-time link mailed through the outbox (15
 * minutes, single use), which opens a session; scripts use API bearer
 * tokens.  Links, sessions and tokens are 256-bit secrets stored only as
 * a BLAKE2b hash and looked up by it (util/secret.h); they live in the
 * database so that several nodes can serve.  See docs/web.md.
 */
#ifndef TLD_SERVICE_ACCOUNTS_H
#define TLD_SERVICE_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "model/contact.h"
#include "service/context.h"
#include "store/account_store.h"
#include "util/secret.h"

enum account_role {
	ROLE_PUBLIC = 0,
	ROLE_MEMBER,
	ROLE_COMMITTEE,
	ROLE_SECRETARIAT,
};

#define LOGIN_LINK_SECONDS (15 * 60)
/*
 * Login-link requests allowed per window: per address from one client, and
 * per client over all addresses.  An address is never refused as such (six
 * requests from anywhere used to lock its owner out): past
 * LOGIN_MAX_PER_ADDRESS from everywhere it gets at most one mail per
 * LOGIN_MAIL_INTERVAL_SECONDS, whoever asks.
 */
#define LOGIN_WINDOW_SECONDS (15 * 60)
#define LOGIN_MAX_PER_ADDRESS 5
#define LOGIN_MAX_PER_CLIENT 20
#define LOGIN_MAIL_INTERVAL_SECONDS 60
/* The hard ceiling of [web] token_max_days. */
#define TOKEN_MAX_DAYS 3650

/* "public", "member", "committee", "secretariat". */
const char *account_role_name(enum account_role r);
/* An account role (member, committee, secretariat); TLD_EINVAL naming "role". */
int account_role_parse(const char *s, enum account_role *out,
    struct tld_error *err);

/* Who is asking: the public, or a person with a role. */
struct principal {
	enum account_role role;
	char email[256];        /* "" for the public */
	int64_t contact_id;     /* their active contact, 0 if none */
	char cctld[CCTLD_CODE_MAX + 1]; /* that contact's ccTLD */
	int64_t expires;        /* of the session or token */
};

/* Give email (validated, normalised) a role; audited as "account.add". */
int accounts_add(struct tld_ctx *ctx, const char *email, enum account_role role,
    struct account *out, struct tld_error *err);

/*
 * Every account as a JSON array of {id, email, role, created, created_by,
 * disabled}: the active ones first (disabled null), then those disabled and
 * not yet removed (disabled: when).
 */
int accounts_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err);

/*
 * Create an API bearer token for email (which must have an account or be
 * an active contact), valid for days (1..[web] token_max_days).  token gets the secret, shown once;
 * only its hash is stored.  Audited as "token.create" (without the token).
 */
int accounts_token_create(struct tld_ctx *ctx, const char *email, int64_t days,
    char token[SECRET_TEXT_MAX], int64_t *expires, struct tld_error *err);

/*
 * Live API tokens (not revoked or expired) as a JSON array of {id, email,
 * created, expires, last_used (null: never)}, times ISO 8601 UTC, oldest
 * first; of email only unless it is NULL or "".  The id (12 hex digits) is
 * what accounts_token_revoke() takes; the token itself is never shown again.
 */
int accounts_tokens_list_json(struct tld_ctx *ctx, const char *email,
    json_t **out, struct tld_error *err);

/*
 * Revoke the live API token with that id at once; audited as
 * "token.revoke".  TLD_EINVAL naming "id" when it is not 12 hex digits,
 * TLD_ENOTFOUND naming "id" when no live token has it.
 */
int accounts_token_revoke(struct tld_ctx *ctx, const char *id,
    struct tld_error *err);

/*
 * Disable the account of email (kept for history): its role ends, and so
 * does every live session, sign-in link and API token of the address, at
 * once (a person who is also an active contact may sign in again as a
 * member).  Audited as "account.disable"; TLD_ENOTFOUND naming "email"
 * when the address has no active account.
 */
int accounts_disable(struct tld_ctx *ctx, const char *email,
    struct tld_error *err);

/*
 * Remove every account row of email (active or disabled) and every
 * secret of the address, live or not.  Audited as "account.remove" (the
 * audit row keeps what was removed); TLD_ENOTFOUND naming "email" when the
 * address has no account at all.
 */
int accounts_remove(struct tld_ctx *ctx, const char *email,
    struct tld_error *err);

enum secret_kind { SECRET_SESSION, SECRET_API };

/*
 * The person a live session id or API token p[0..len) stands for, with
 * their current role (an account disabled or a contact removed since
 * counts at once).  TLD_ENOTFOUND (field "token") when it is malformed,
 * unknown, ended or expired, or an API token older than [web]
 * token_max_days (a lowered cap applies to tokens made before).  An API
 * token's last use is noted (to the minute).
 */
int accounts_authenticate(struct tld_ctx *ctx, enum secret_kind kind,
    const char *p, size_t len, struct principal *out, struct tld_error *err);

/*
 * "Mail me a sign-in link": count the request against the limits for the
 * address from this client and for client (an opaque key such as the
 * client's IP address; TLD_ELIMIT naming "email" or "client" when over),
 * then, only when the address belongs to someone with a role (and, past
 * its limit, no link went to it this interval), queue a one-time link.
 * Returns 0 whether or not anything was sent, so that the answer does not
 * tell who has an account.  TLD_EINVAL naming "email" for a malformed one.
 */
int accounts_login_request(struct tld_ctx *ctx, const char *email,
    const char *client, struct tld_error *err);

/*
 * For local setup (`tldops login-link`): a one-time link for a person with
 * a role, written as base_url/login/TOKEN into url, without mail.
 */
int accounts_login_link(struct tld_ctx *ctx, const char *email, char *url,
    size_t urllen, struct tld_error *err);

/* Whether p[0..len) is a live login link, and for whom (nothing changes). */
int accounts_login_peek(struct tld_ctx *ctx, const char *p, size_t len,
    struct principal *out, struct tld_error *err);

/*
 * Use up a login link and open a session: session gets the new session
 * id (for the cookie), *out the person.  Exactly once per link.
 * TLD_ENOTFOUND naming "token" when unknown, used or expired.
 */
int accounts_login_use(struct tld_ctx *ctx, const char *p, size_t len,
    char session[SECRET_TEXT_MAX], struct principal *out,
    struct tld_error *err);

/* End a session (sign out); unknown or ended ones are fine. */
int accounts_session_end(struct tld_ctx *ctx, const char *p, size_t len,
    struct tld_error *err);

/* The signed-in person's own active contact; TLD_ENOTFOUND if they have none. */
int accounts_contact(struct tld_ctx *ctx, const struct principal *p,
    struct contact *out, struct tld_error *err);

/* Delete expired secrets and old rate counters; returns 0. */
int accounts_purge(struct tld_ctx *ctx, struct tld_error *err);

#endif
