/* SPDX-License-Identifier: MIT */
/* One-time links: issue and check (service/link.h). */
#include "service/link.h"

#include <string.h>

/* What the user is told, per kind. */
static const struct {
	const char *noun;     /* "this %s link ..." */
	const char *renew;    /* after "has expired; " */
} WORDS[LINK_KINDS] = {
	[LINK_CONFIRM] = { "confirmation",
	    "the next request to confirm brings a new one" },
	[LINK_AUTHORISE] = { "authorisation", "ask for a new request" },
};

int
link_issue(struct tld_ctx *ctx, enum link_kind kind, struct link_row *t,
    char token[SECRET_TEXT_MAX], struct tld_error *err)
{
	secret_new(token);
	secret_hash(token, strlen(token), t->hash);
	return store_link_insert(ctx->store, kind, t, err);
}

int
link_check(struct tld_ctx *ctx, enum link_kind kind, const char *token,
    int64_t now, struct link_row *t, struct tld_error *err)
{
	char hash[SECRET_HASH_HEX];
	int rc;

	if (!secret_hash(token, strlen(token), hash))
		return tld_error_set(err, TLD_ENOTFOUND, "token",
		    "this %s link is not valid", WORDS[kind].noun);
	rc = store_link_get(ctx->store, kind, hash, t, err);
	if (rc == TLD_ENOTFOUND)
		return tld_error_set(err, rc, "token", "this %s link is not valid",
		    WORDS[kind].noun);
	if (rc < 0)
		return rc;
	if (t->used != 0)
		return tld_error_set(err, TLD_EDENIED, "token",
		    "this %s link has been used already", WORDS[kind].noun);
	if (t->expires <= now)
		return tld_error_set(err, TLD_EEXPIRED, "token",
		    "this %s link has expired; %s", WORDS[kind].noun,
		    WORDS[kind].renew);
	return 0;
}
