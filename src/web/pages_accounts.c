/* SPDX-License-Identifier: MIT */
/*
 * The secretariat's accounts and API tokens (/accounts, docs/web.md): the
 * accounts with their role, a form that adds one, and per account the
 * buttons that disable it (its sessions, links and tokens stop at once)
 * or remove it with every secret of its address; the live API tokens with
 * a revoke button each, and a form that creates one.  Every form calls the
 * service of `tldops account` and `tldops token` (accounts_add,
 * accounts_disable, accounts_remove, accounts_token_create,
 * accounts_token_revoke): the same rules, the same audit rows.
 *
 * A refused form shows again naming the field, what was typed kept; one
 * that worked redirects (303) to a page saying so — except a new token,
 * whose secret is shown once on the answer to its POST (never in a URL,
 * never stored in the clear, Cache-Control: no-store) with a link back.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "service/membership/accounts.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/plan.h"
#include "web/resp.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct page_done done_texts[] = {
	{ "added", "The account was added." },
	{ "disabled", "The account was disabled: its sessions, sign-in links "
	  "and API tokens stopped at once." },
	{ "removed", "The account was removed with every secret of its address." },
	{ "revoked", "The API token was revoked: it stopped at once." },
};

static const char *const roles[] = { "member", "committee", "secretariat" };

static const struct plan_field account_fields[] = {
	{ "email", "E-mail address", PLAN_TEXT, true, 254, NULL, NULL, NULL,
	  NULL, 0 },
	{ "role", "Role", PLAN_SELECT, true, 0, "committee", NULL, roles, NULL,
	  N(roles) },
};

static const struct plan_field token_fields[] = {
	{ "email", "For the address (an account or an active contact)",
	  PLAN_TEXT, true, 254, NULL, NULL, NULL, NULL, 0 },
	{ "days", "Valid for (days)", PLAN_TEXT, true, 5, "90", NULL, NULL, NULL,
	  0 },
};

/* The path of a form about one account: /accounts/EMAIL/verb. */
static void
account_action(struct buf *out, const char *email, const char *verb)
{
	buf_puts(out, "/accounts/");
	url_encode(out, email);
	buf_puts(out, "/");
	buf_puts(out, verb);
}

static void
accounts_section(struct web_req *rq, struct buf *b, const struct plan_state *st)
{
	static const char *const cols[] = { "Address", "Role", "Since",
	    "Added by", "", NULL };
	const struct plan_form add = { "account", "Add an account", "/accounts",
	    "Add the account", account_fields, N(account_fields), false };
	struct tld_error err;
	json_t *a, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"accounts\">\n<h2 id=\"accounts\">"
	    "Accounts</h2>\n<p>An account gives an address a role on this site "
	    "and in the API. Every active contact is a member without one.</p>\n");
	tld_error_clear(&err);
	if (accounts_list_json(rq->ctx, &a, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	plan_alert(b, "account-end", st);
	if (html_table_start(b, json_array_size(a), "No account yet.", "fold",
	    cols)) {
		json_array_foreach(a, i, e) {
			const char *email = json_str(e, "email");
			bool disabled = json_is_string(json_object_get(e, "disabled"));
			struct buf act;
			char day[11];

			buf_init(&act);
			html_printf(b, "<tr><th scope=\"row\">%s</th><td data-label=\"Role\">"
			    "%s</td><td data-label=\"Since\">%s</td><td data-label=\""
			    "Added by\">%s</td><td><div class=\"decide\">", email,
			    json_str(e, "role"), plan_day(e, "created", day),
			    json_str(e, "created_by"));
			if (disabled) {
				/* Kept until removed: it still holds the address. */
				html_printf(b, "<span class=\"alabel\">disabled %s</span>",
				    plan_day(e, "disabled", day));
			} else {
				account_action(&act, email, "disable");
				html_printf(b, "<form method=\"post\" action=\"%s\" "
				    "class=\"inline\">", buf_str(&act));
				page_csrf_field(rq, b);
				html_printf(b, "<button type=\"submit\" aria-label=\""
				    "Disable the account of %s\">Disable</button></form>",
				    email);
			}
			buf_reset(&act);
			account_action(&act, email, "remove");
			html_printf(b, "<form method=\"post\" action=\"%s\" class=\"inline\">",
			    buf_str(&act));
			page_csrf_field(rq, b);
			html_printf(b, "<button type=\"submit\" class=\"danger\" aria-label="
			    "\"Remove the account of %s\">Remove</button></form></div>"
			    "</td></tr>\n", email);
			buf_fini(&act);
		}
		html_table_end(b);
	}
	json_decref(a);
	plan_form_render(rq, b, &add, st);
	buf_puts(b, "</section>\n");
}

static void
tokens_section(struct web_req *rq, struct buf *b, const struct plan_state *st)
{
	static const char *const cols[] = { "Token", "For", "Created", "Expires",
	    "Last used", "", NULL };
	const struct plan_form add = { "token", "Create an API token",
	    "/accounts/tokens", "Create the token", token_fields, N(token_fields),
	    false };
	struct tld_error err;
	json_t *a, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"tokens\">\n<h2 id=\"tokens\">"
	    "API tokens</h2>\n<p>A token lets a script use the API with its "
	    "address's role. It is shown once, when it is made; only its hash is "
	    "kept.</p>\n");
	tld_error_clear(&err);
	if (accounts_tokens_list_json(rq->ctx, NULL, &a, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	plan_alert(b, "token-revoke", st);
	if (html_table_start(b, json_array_size(a), "No live API token.", "fold",
	    cols)) {
		json_array_foreach(a, i, e) {
			char d1[11], d2[11], d3[11];

			html_printf(b, "<tr><th scope=\"row\"><code>%s</code></th>"
			    "<td data-label=\"For\">%s</td><td data-label=\"Created\">%s"
			    "</td><td data-label=\"Expires\">%s</td><td data-label=\"Last "
			    "used\">%s</td><td><form method=\"post\" action=\"/accounts/"
			    "tokens/%s/revoke\" class=\"inline\">", json_str(e, "id"),
			    json_str(e, "email"), plan_day(e, "created", d1),
			    plan_day(e, "expires", d2),
			    json_is_string(json_object_get(e, "last_used")) ?
			    plan_day(e, "last_used", d3) : "never", json_str(e, "id"));
			page_csrf_field(rq, b);
			html_printf(b, "<button type=\"submit\" class=\"danger\" aria-label="
			    "\"Revoke token %s\">Revoke</button></form></td></tr>\n",
			    json_str(e, "id"));
		}
		html_table_end(b);
	}
	json_decref(a);
	plan_form_render(rq, b, &add, st);
	buf_puts(b, "</section>\n");
}

static void
render(struct web_req *rq, const struct plan_state *st)
{
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "Accounts and tokens");
	buf_puts(&b, "<h1>Accounts and tokens</h1>\n<p><a href=\"/contacts\">"
	    "Contacts</a> · <a href=\"/iana\">IANA records</a></p>\n");
	page_done_notice(rq, &b, done_texts, N(done_texts));
	accounts_section(rq, &b, st);
	tokens_section(rq, &b, st);
	page_end(rq, &b, plan_status(st));
}

void
page_accounts(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	render(rq, NULL);
}

void
page_account_add(struct web_req *rq, struct web_resp *rs)
{
	enum account_role role;
	struct tld_error err;
	struct account a;
	int rc;

	tld_error_clear(&err);
	rc = account_role_parse(plan_arg(rq, "role"), &role, &err);
	if (rc == 0)
		rc = accounts_add(rq->ctx, plan_arg(rq, "email"), role, &a, &err);
	plan_answer(rq, rs, rc, &err, "account", "/accounts?done=added#accounts",
	    render);
}

/* POST /accounts/{email}/disable and .../remove. */
void
page_account_end(struct web_req *rq, struct web_resp *rs)
{
	bool remove = strstr(rq->route->pattern, "/remove") != NULL;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = remove ? accounts_remove(rq->ctx, rq->params[0], &err) :
	    accounts_disable(rq->ctx, rq->params[0], &err);
	if (rc < 0 && err.code == TLD_ENOTFOUND) {
		page_message(rq, 404, "Not found", "There is no such account.");
		return;
	}
	plan_answer(rq, rs, rc, &err, "account-end", remove ?
	    "/accounts?done=removed#accounts" : "/accounts?done=disabled#accounts",
	    render);
}

void
page_token_create(struct web_req *rq, struct web_resp *rs)
{
	const char *ds = plan_arg(rq, "days");
	char token[SECRET_TEXT_MAX], until[32];
	struct tld_error err;
	int64_t expires = 0;
	long long days = 0;
	struct buf b;
	char *end;
	int rc;

	tld_error_clear(&err);
	errno = 0;
	if (ds[0] >= '0' && ds[0] <= '9')
		days = strtoll(ds, &end, 10);
	if (!(ds[0] >= '0' && ds[0] <= '9') || errno != 0 || *end != '\0')
		rc = tld_error_set(&err, TLD_EINVAL, "days",
		    "\"%.20s\" is not a whole number of days", ds);
	else
		rc = accounts_token_create(rq->ctx, plan_arg(rq, "email"),
		    (int64_t)days, token, &expires, &err);
	if (rc < 0) {
		plan_answer(rq, rs, rc, &err, "token", NULL, render);
		return;
	}
	clock_format_iso(expires, until, sizeof(until));
	buf_init(&b);
	page_begin(rq, &b, "The new API token");
	html_printf(&b, "<h1>The new API token</h1>\n<p class=\"notice\" "
	    "role=\"status\">The token for %s was created; it expires %s.</p>\n"
	    "<p>Copy it now: it is shown only this once. Send it as "
	    "<code>Authorization: Bearer TOKEN</code>.</p>\n"
	    "<p><label for=\"new-token\">Token</label>\n"
	    "<input id=\"new-token\" readonly value=\"%s\" class=\"token\"></p>\n"
	    "<p><a href=\"/accounts#tokens\">Back to the accounts and tokens</a>"
	    "</p>\n", plan_arg(rq, "email"), until, token);
	sodium_memzero(token, sizeof(token));
	page_end(rq, &b, 200);
	rs->cache_control = NULL; /* no-store */
}

void
page_token_revoke(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = accounts_token_revoke(rq->ctx, rq->params[0], &err);
	if (rc < 0 && err.code == TLD_ENOTFOUND) {
		page_message(rq, 404, "Not found", "There is no such live token.");
		return;
	}
	plan_answer(rq, rs, rc, &err, "token-revoke",
	    "/accounts?done=revoked#tokens", render);
}
