/* SPDX-License-Identifier: MIT */
/* Accounts, sign-in links, sessions and API tokens. */
#include "service/membership/accounts.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "mail/message.h"
#include "model/email.h"
#include "service/audit.h"
#include "service/outbox.h"
#include "store/account_store.h"
#include "store/contact_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/log.h"

static const char *const role_names[] = {
	"public", "member", "committee", "secretariat",
};

const char *
account_role_name(enum account_role r)
{
	return r <= ROLE_SECRETARIAT ? role_names[r] : "public";
}

int
account_role_parse(const char *s, enum account_role *out, struct tld_error *err)
{
	for (int i = ROLE_MEMBER; i <= ROLE_SECRETARIAT; i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum account_role)i;
			return 0;
		}
	}
	return tld_error_set(err, TLD_EINVAL, "role",
	    "\"%s\" is not one of member, committee, secretariat", s);
}

/* The role an identity has: its account's, and at least member as a contact. */
static void
principal_from(const struct web_identity *id, struct principal *out)
{
	enum account_role r = ROLE_PUBLIC;

	memset(out, 0, sizeof(*out));
	if (id->account_role[0] != '\0' &&
	    account_role_parse(id->account_role, &r, NULL) < 0)
		r = ROLE_PUBLIC;
	if (id->contact_id != 0 && r < ROLE_MEMBER)
		r = ROLE_MEMBER;
	out->role = r;
	snprintf(out->email, sizeof(out->email), "%s", id->email);
	out->contact_id = id->contact_id;
	snprintf(out->cctld, sizeof(out->cctld), "%s", id->cctld);
	out->expires = id->expires;
}

int
accounts_add(struct tld_ctx *ctx, const char *email, enum account_role role,
    struct account *out, struct tld_error *err)
{
	struct account a;
	char id[24];
	json_t *after;
	int rc;

	memset(&a, 0, sizeof(a));
	if (role < ROLE_MEMBER || role > ROLE_SECRETARIAT)
		return tld_error_set(err, TLD_EINVAL, "role",
		    "is not one of member, committee, secretariat");
	if ((rc = email_normalize(email, strlen(email), a.email, sizeof(a.email),
	    err)) < 0)
		return rc;
	snprintf(a.role, sizeof(a.role), "%s", account_role_name(role));
	a.created = clock_now();
	snprintf(a.created_by, sizeof(a.created_by), "%s", ctx->actor);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_account_insert(ctx->store, &a, err)) == 0) {
		snprintf(id, sizeof(id), "%" PRId64, a.id);
		after = json_pack("{s:s, s:s}", "email", a.email, "role", a.role);
		rc = audit_record(ctx, "account.add", "account", id, NULL, after,
		    err);
		json_decref(after);
	}
	if ((rc = store_end(ctx->store, rc, err)) < 0)
		return rc;
	if (out != NULL)
		*out = a;
	return 0;
}

static int
list_one(void *p, const struct account *a)
{
	char when[32];
	json_t *o;

	clock_format_iso(a->created, when, sizeof(when));
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:n}",
	    "id", (json_int_t)a->id, "email", a->email, "role", a->role,
	    "created", when, "created_by", a->created_by, "disabled");
	if (a->disabled != 0) {
		clock_format_iso(a->disabled, when, sizeof(when));
		json_object_set_new(o, "disabled", json_string(when));
	}
	json_array_append_new(p, o);
	return 0;
}

int
accounts_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	json_t *a = json_array();
	int rc = store_account_each(ctx->store, list_one, a, err);

	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}

/* The person an address belongs to (TLD_ENOTFOUND naming "email" if nobody). */
static int
identify(struct tld_ctx *ctx, const char *email, struct principal *out,
    struct tld_error *err)
{
	struct web_identity id;
	int rc;

	if ((rc = store_email_identity(ctx->store, email, &id, err)) < 0)
		return rc;
	principal_from(&id, out);
	if (out->role == ROLE_PUBLIC)
		return tld_error_set(err, TLD_ENOTFOUND, "email",
		    "\"%s\" has no account and is not an active contact", email);
	return 0;
}

/* A new secret of kind for email, valid for seconds; inside a transaction. */
static int
new_secret(struct tld_ctx *ctx, const char *kind, const char *email,
    int64_t seconds, char token[SECRET_TEXT_MAX], int64_t *expires,
    struct tld_error *err)
{
	struct web_secret_row r;
	int rc;

	memset(&r, 0, sizeof(r));
	secret_new(token);
	(void)secret_hash(token, strlen(token), r.hash);
	snprintf(r.kind, sizeof(r.kind), "%s", kind);
	snprintf(r.email, sizeof(r.email), "%s", email);
	r.created = clock_now();
	r.expires = r.created + seconds;
	rc = store_secret_insert(ctx->store, &r, err);
	if (rc == 0 && expires != NULL)
		*expires = r.expires;
	return rc;
}

int
accounts_token_create(struct tld_ctx *ctx, const char *email, int64_t days,
    char token[SECRET_TEXT_MAX], int64_t *expires, struct tld_error *err)
{
	struct principal p;
	char addr[EMAIL_MAX + 1], until[32];
	int64_t exp = 0;
	json_t *after;
	int rc;

	int64_t max_days = ctx->cfg.token_max_days;

	if (max_days < 1 || max_days > TOKEN_MAX_DAYS)
		max_days = TOKEN_MAX_DAYS;
	if (days < 1 || days > max_days)
		return tld_error_set(err, TLD_EINVAL, "days",
		    "%" PRId64 " is outside 1..%" PRId64 " ([web] token_max_days)",
		    days, max_days);
	if ((rc = email_normalize(email, strlen(email), addr, sizeof(addr),
	    err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = identify(ctx, addr, &p, err)) < 0)
		goto out;
	if ((rc = new_secret(ctx, "api", p.email, days * 86400, token, &exp,
	    err)) < 0)
		goto out;
	clock_format_iso(exp, until, sizeof(until));
	after = json_pack("{s:s, s:s, s:s}", "email", p.email,
	    "role", account_role_name(p.role), "expires", until);
	rc = audit_record(ctx, "token.create", "account", p.email, NULL, after,
	    err);
	json_decref(after);
out:
	if ((rc = store_end(ctx->store, rc, err)) < 0) {
		sodium_memzero(token, SECRET_TEXT_MAX);
		return rc;
	}
	*expires = exp;
	return 0;
}

int
accounts_authenticate(struct tld_ctx *ctx, enum secret_kind kind,
    const char *p, size_t len, struct principal *out, struct tld_error *err)
{
	struct web_identity id;
	char hash[SECRET_HASH_HEX];
	int64_t now = clock_now();
	int rc;

	if (!secret_hash(p, len, hash))
		return tld_error_set(err, TLD_ENOTFOUND, "token", "is malformed");
	rc = store_secret_identity(ctx->store, hash,
	    kind == SECRET_SESSION ? "session" : "api", now, &id, err);
	if (rc < 0)
		return rc;
	if (kind == SECRET_API) {
		/* A cap lowered since the token was made applies to it too. */
		if (ctx->cfg.token_max_days > 0 &&
		    id.created + ctx->cfg.token_max_days * 86400 <= now)
			return tld_error_set(err, TLD_ENOTFOUND, "token",
			    "is older than [web] token_max_days");
		if (id.expires > id.created + ctx->cfg.token_max_days * 86400)
			id.expires = id.created + ctx->cfg.token_max_days * 86400;
		/* To the minute: not one write per request. */
		if (now - id.last_used >= 60 &&
		    store_secret_touch(ctx->store, hash, now, err) < 0)
			log_warnx("service", "token last use not noted: %s",
			    err->message);
	}
	principal_from(&id, out);
	if (out->role == ROLE_PUBLIC)
		return tld_error_set(err, TLD_ENOTFOUND, "token",
		    "stands for nobody with a role any more");
	return 0;
}

static int
token_one(void *p, const struct api_token_row *t)
{
	json_t *o = json_pack("{s:s, s:s}", "id", t->id, "email", t->email);

	json_object_set_new(o, "created", json_time(t->created));
	json_object_set_new(o, "expires", json_time(t->expires));
	json_object_set_new(o, "last_used", json_time(t->last_used));
	json_array_append_new(p, o);
	return 0;
}

int
accounts_tokens_list_json(struct tld_ctx *ctx, const char *email,
    json_t **out, struct tld_error *err)
{
	char addr[EMAIL_MAX + 1] = "";
	json_t *a;
	int rc;

	if (email != NULL && email[0] != '\0' &&
	    (rc = email_normalize(email, strlen(email), addr, sizeof(addr),
	    err)) < 0)
		return rc;
	a = json_array();
	rc = store_token_each(ctx->store, addr, clock_now(), token_one, a, err);
	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}

static bool
token_id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n != TOKEN_ID_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
			return false;
	return true;
}

int
accounts_token_revoke(struct tld_ctx *ctx, const char *id,
    struct tld_error *err)
{
	struct api_token_row t;
	int64_t now = clock_now();
	json_t *before;
	int rc;

	if (!token_id_valid(id))
		return tld_error_set(err, TLD_EINVAL, "id",
		    "\"%.40s\" is not a token id (%d hex digits, see `tldops token "
		    "list`)", id, TOKEN_ID_LEN);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_token_find(ctx->store, id, now, &t, err)) < 0)
		goto out;
	if ((rc = store_token_revoke(ctx->store, id, now, err)) < 0)
		goto out;
	before = json_pack("{s:s, s:s}", "id", t.id, "email", t.email);
	rc = audit_record(ctx, "token.revoke", "token", t.id, before, NULL, err);
	json_decref(before);
out:
	return store_end(ctx->store, rc, err);
}

static int
account_change(struct tld_ctx *ctx, const char *email, bool remove,
    struct tld_error *err)
{
	char addr[EMAIL_MAX + 1], n[24];
	struct account a;
	int64_t now = clock_now();
	json_t *before = NULL, *after = NULL;
	int rc, ended = 0, removed = 0;
	bool active;

	if ((rc = email_normalize(email, strlen(email), addr, sizeof(addr),
	    err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_account_find(ctx->store, addr, &a, err);
	active = rc == 0;
	if (rc == TLD_ENOTFOUND) {
		tld_error_clear(err);
		rc = 0;
	}
	if (rc < 0)
		goto out;
	if (!remove) {
		if (!active) {
			rc = tld_error_set(err, TLD_ENOTFOUND, "email",
			    "\"%s\" has no active account", addr);
			goto out;
		}
		if ((rc = store_account_disable(ctx->store, addr, now, err)) < 0 ||
		    (rc = ended = store_secret_end_all(ctx->store, addr, now,
		    err)) < 0)
			goto out;
	} else {
		if ((rc = ended = store_secret_end_all(ctx->store, addr, now,
		    err)) < 0 ||
		    (rc = store_secret_delete_email(ctx->store, addr, err)) < 0 ||
		    (rc = removed = store_account_delete(ctx->store, addr, err)) < 0)
			goto out;
		if (removed == 0) {
			rc = tld_error_set(err, TLD_ENOTFOUND, "email",
			    "\"%s\" has no account", addr);
			goto out;
		}
	}
	before = active ? json_pack("{s:s, s:s}", "email", a.email, "role",
	    a.role) : json_pack("{s:s}", "email", addr);
	after = json_pack("{s:i}", "secrets_ended", ended);
	if (remove)
		json_object_set_new(after, "rows_removed", json_integer(removed));
	snprintf(n, sizeof(n), "%" PRId64, active ? a.id : (int64_t)0);
	rc = audit_record(ctx, remove ? "account.remove" : "account.disable",
	    "account", active ? n : addr, before, after, err);
out:
	json_decref(before);
	json_decref(after);
	return store_end(ctx->store, rc, err);
}

int
accounts_disable(struct tld_ctx *ctx, const char *email, struct tld_error *err)
{
	return account_change(ctx, email, false, err);
}

int
accounts_remove(struct tld_ctx *ctx, const char *email, struct tld_error *err)
{
	return account_change(ctx, email, true, err);
}

/* Hex BLAKE2b of "tag:text": rate keys do not keep addresses in clear. */
static void
rate_key(const char *tag, const char *text, char out[SECRET_HASH_HEX])
{
	unsigned char h[32];
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)tag, strlen(tag));
	crypto_generichash_update(&st, (const unsigned char *)":", 1);
	crypto_generichash_update(&st, (const unsigned char *)text, strlen(text));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, SECRET_HASH_HEX, h, sizeof(h));
}

static int
rate_hit(struct tld_ctx *ctx, const char *tag, const char *text, int64_t max,
    bool *over, struct tld_error *err)
{
	char key[SECRET_HASH_HEX];
	int64_t hits = 0;
	int rc;

	rate_key(tag, text, key);
	rc = store_rate_hit(ctx->store, key, clock_now() / LOGIN_WINDOW_SECONDS,
	    &hits, err);
	if (rc == 0 && hits > max)
		*over = true;
	return rc;
}

static void
lower_ascii(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/*
 * Queue the sign-in mail with a new link for email; inside a transaction.
 * For an address without a role (deliver false) the same work is done —
 * the secret row (it stands for nobody, so it signs nobody in, and expires
 * like any link), the message composed — and only the queueing is left
 * out, so that the answer's timing does not tell who has an account.
 */
static int
mail_login_link(struct tld_ctx *ctx, const char *email, bool deliver,
    struct tld_error *err)
{
	char token[SECRET_TEXT_MAX];
	struct mail_spec spec;
	struct buf body, scratch;
	const char *rcpt[1] = { email };
	int64_t msg;
	int rc;

	if ((rc = new_secret(ctx, "login", email, LOGIN_LINK_SECONDS, token,
	    NULL, err)) < 0)
		return rc;
	buf_init(&body);
	buf_printf(&body, "Someone (we hope you) asked to sign in to the TLD-OPS "
	    "web site as\n%s.\n\nTo sign in, open this link within 15 minutes; "
	    "it works once:\n\n  %s/login/%s\n\n"
	    "If you did not ask for it, ignore this message: nothing happens.\n",
	    email, ctx->cfg.base_url, token);
	memset(&spec, 0, sizeof(spec));
	spec.to_addr = email;
	spec.subject = "Your TLD-OPS sign-in link";
	spec.body = buf_str(&body);
	if (deliver) {
		rc = outbox_queue(ctx, "login", OUTBOX_PER_RECIPIENT, &spec,
		    rcpt, 1, &msg, err);
	} else {
		char from[CONFIG_STR_MAX];
		const char *lt = strchr(ctx->cfg.mail_from, '<');
		struct tld_error ignored;

		snprintf(from, sizeof(from), "%s", lt != NULL ? lt + 1 :
		    ctx->cfg.mail_from);
		from[strcspn(from, ">")] = '\0';
		buf_init(&scratch);
		spec.from_addr = from;
		spec.message_id = "<login@localhost>";
		spec.date = clock_now();
		(void)mail_compose(&spec, &scratch, &ignored);
		sodium_memzero(scratch.data, scratch.len);
		buf_fini(&scratch);
		rc = 0;
	}
	sodium_memzero(body.data, body.len);
	buf_fini(&body);
	sodium_memzero(token, sizeof(token));
	return rc < 0 ? rc : 0;
}

int
accounts_login_request(struct tld_ctx *ctx, const char *email,
    const char *client, struct tld_error *err)
{
	char addr[EMAIL_MAX + 1], lower[EMAIL_MAX + 1];
	struct principal p;
	char pair[EMAIL_MAX + 72], slot[EMAIL_MAX + 24];
	bool over_client = false, over_addr = false, busy = false, mailed = false;
	int rc;

	if ((rc = email_normalize(email, strlen(email), addr, sizeof(addr),
	    err)) < 0)
		return rc;
	snprintf(lower, sizeof(lower), "%s", addr);
	lower_ascii(lower);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	snprintf(pair, sizeof(pair), "%s\n%s", lower, client);
	snprintf(slot, sizeof(slot), "%s\n%lld", lower,
	    (long long)(clock_now() / LOGIN_MAIL_INTERVAL_SECONDS));
	if ((rc = rate_hit(ctx, "client", client, LOGIN_MAX_PER_CLIENT,
	    &over_client, err)) < 0 ||
	    (rc = rate_hit(ctx, "email", pair, LOGIN_MAX_PER_ADDRESS, &over_addr,
	    err)) < 0)
		goto out;
	if (over_client || over_addr)
		goto out; /* the counts are kept; nothing is sent */
	/*
	 * Past the limit for the address from everywhere, it is not refused
	 * (that locked its owner out) but mailed at most once an interval.
	 */
	if ((rc = rate_hit(ctx, "email-all", lower, LOGIN_MAX_PER_ADDRESS,
	    &busy, err)) < 0 ||
	    (busy && (rc = rate_hit(ctx, "mail", slot, 1, &mailed, err)) < 0))
		goto out;
	rc = identify(ctx, addr, &p, err);
	if (rc == TLD_ENOTFOUND) {
		tld_error_clear(err);
		rc = mail_login_link(ctx, addr, false, err);
		goto out;
	}
	if (rc == 0)
		rc = mail_login_link(ctx, p.email, !mailed, err);
out:
	if ((rc = store_end(ctx->store, rc, err)) < 0)
		return rc;
	if (over_client)
		return tld_error_set(err, TLD_ELIMIT, "client",
		    "too many sign-in requests from here; try again in %d minutes",
		    LOGIN_WINDOW_SECONDS / 60);
	if (over_addr)
		return tld_error_set(err, TLD_ELIMIT, "email",
		    "too many sign-in requests for this address from here; try "
		    "again in %d minutes", LOGIN_WINDOW_SECONDS / 60);
	return 0;
}

int
accounts_login_link(struct tld_ctx *ctx, const char *email, char *url,
    size_t urllen, struct tld_error *err)
{
	char addr[EMAIL_MAX + 1], token[SECRET_TEXT_MAX];
	struct principal p;
	int rc;

	if ((rc = email_normalize(email, strlen(email), addr, sizeof(addr),
	    err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = identify(ctx, addr, &p, err)) == 0)
		rc = new_secret(ctx, "login", p.email, LOGIN_LINK_SECONDS, token,
		    NULL, err);
	if ((rc = store_end(ctx->store, rc, err)) < 0)
		return rc;
	snprintf(url, urllen, "%s/login/%s", ctx->cfg.base_url, token);
	sodium_memzero(token, sizeof(token));
	return 0;
}

static int
link_invalid(struct tld_error *err)
{
	return tld_error_set(err, TLD_ENOTFOUND, "token",
	    "this sign-in link is not valid: it was used already, has expired "
	    "(after 15 minutes) or was mistyped; ask for a new one");
}

int
accounts_login_peek(struct tld_ctx *ctx, const char *p, size_t len,
    struct principal *out, struct tld_error *err)
{
	struct web_identity id;
	char hash[SECRET_HASH_HEX];
	int rc;

	if (!secret_hash(p, len, hash))
		return link_invalid(err);
	rc = store_secret_identity(ctx->store, hash, "login", clock_now(), &id,
	    err);
	if (rc == TLD_ENOTFOUND)
		return link_invalid(err);
	if (rc < 0)
		return rc;
	principal_from(&id, out);
	return 0;
}

int
accounts_login_use(struct tld_ctx *ctx, const char *p, size_t len,
    char session[SECRET_TEXT_MAX], struct principal *out,
    struct tld_error *err)
{
	struct web_identity id;
	struct principal who;
	char hash[SECRET_HASH_HEX];
	int64_t now = clock_now(), exp = 0;
	int rc;

	if (!secret_hash(p, len, hash))
		return link_invalid(err);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_secret_identity(ctx->store, hash, "login", now, &id, err);
	if (rc == TLD_ENOTFOUND)
		rc = link_invalid(err);
	if (rc < 0)
		goto out;
	principal_from(&id, &who);
	if (who.role == ROLE_PUBLIC) {
		rc = link_invalid(err);
		goto out;
	}
	/* The guarded update makes the link single-use even across nodes. */
	if ((rc = store_secret_use(ctx->store, hash, "login", now, err)) == 0)
		rc = link_invalid(err);
	if (rc < 0)
		goto out;
	rc = new_secret(ctx, "session", who.email, ctx->cfg.session_hours * 3600,
	    session, &exp, err);
out:
	if ((rc = store_end(ctx->store, rc, err)) < 0) {
		sodium_memzero(session, SECRET_TEXT_MAX);
		return rc;
	}
	who.expires = exp;
	*out = who;
	return 0;
}

int
accounts_session_end(struct tld_ctx *ctx, const char *p, size_t len,
    struct tld_error *err)
{
	char hash[SECRET_HASH_HEX];
	int rc;

	if (!secret_hash(p, len, hash))
		return 0;
	rc = store_secret_use(ctx->store, hash, "session", clock_now(), err);
	return rc < 0 ? rc : 0;
}

int
accounts_contact(struct tld_ctx *ctx, const struct principal *p,
    struct contact *out, struct tld_error *err)
{
	if (p->contact_id == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "contact",
		    "%s is not an active contact", p->email);
	return store_contact_get(ctx->store, p->contact_id, out, err);
}

int
accounts_purge(struct tld_ctx *ctx, struct tld_error *err)
{
	int64_t now = clock_now();
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	/* Keep a day of history of expired secrets; counters of past windows go. */
	if ((rc = store_secret_purge(ctx->store, now - 86400, err)) == 0)
		rc = store_rate_purge(ctx->store, now / LOGIN_WINDOW_SECONDS - 1, err);
	return store_end(ctx->store, rc, err);
}
