/* SPDX-License-Identifier: MIT */
/*
 * The public pages: home, signing in and out, the IANA contact's
 * authorisation link and a contact's confirmation link.  A GET never
 * changes anything (mail scanners open links): a link's page shows what
 * it is about, and only its button POSTs.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/directory/cctlds.h"
#include "service/directory/freshness.h"
#include "service/membership/accounts.h"
#include "service/membership/requests.h"
#include "web/cache.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"
#include "web/server.h"

static const struct {
	const char *code;
	const char *name;
} regions[] = {
	{ "AF", "Africa" }, { "AP", "Asia-Pacific" }, { "EU", "Europe" },
	{ "LAC", "Latin America and the Caribbean" }, { "NA", "North America" },
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

struct counts {
	int64_t members, cctlds, contacts;
	int64_t region_members[NREGIONS], region_all[NREGIONS];
	struct buf *names[NREGIONS];   /* member ccTLDs per region, as HTML */
};

static size_t
region_index(const char *code)
{
	for (size_t i = 0; i < NREGIONS; i++)
		if (strcmp(regions[i].code, code) == 0)
			return i;
	return 0;
}

static int
count_one(void *p, const struct cctld *c)
{
	struct counts *k = p;
	size_t r = region_index(c->region);

	k->cctlds++;
	k->region_all[r]++;
	if (c->member_since == 0)
		return 0;
	k->members++;
	k->region_members[r]++;
	k->contacts += c->contacts;
	if (k->names[r] != NULL)
		html_printf(k->names[r], "<li><span class=\"tld\">.%s</span> %s</li>\n",
		    c->unicode, c->country);
	return 0;
}

/* ---- home ---------------------------------------------------------------- */

void
page_home(struct web_req *rq, struct web_resp *rs)
{
	struct buf b, names[NREGIONS];
	struct counts k;
	struct tld_error err;
	struct cctld_filter all = { 0, NULL };
	/* The same for every visitor: a crowd on it must not load the database. */
	bool cacheable = rq->who.role == ROLE_PUBLIC;

	if (cacheable && web_cache_get(rq, rs))
		return;
	memset(&k, 0, sizeof(k));
	for (size_t i = 0; i < NREGIONS; i++) {
		buf_init(&names[i]);
		k.names[i] = &names[i];
	}
	tld_error_clear(&err);
	if (cctlds_each(rq->ctx, &all, count_one, &k, &err) < 0) {
		for (size_t i = 0; i < NREGIONS; i++)
			buf_fini(&names[i]);
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "The ccTLD security community");
	html_printf(&b, "<h1>TLD-OPS</h1>\n<p class=\"lead\">The security and "
	    "operations community of country-code top-level domains: who to call "
	    "at another ccTLD when something is on fire.</p>\n"
	    "<section aria-labelledby=\"members\">\n<h2 id=\"members\">Members</h2>\n"
	    "<p class=\"total\"><strong>%lld</strong> of %lld ccTLDs take part.</p>\n"
	    "<table>\n<caption>Member ccTLDs per ICANN region</caption>\n"
	    "<thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Members</th>"
	    "<th scope=\"col\">ccTLDs</th></tr></thead>\n<tbody>\n",
	    (long long)k.members, (long long)k.cctlds);
	for (size_t i = 0; i < NREGIONS; i++)
		html_printf(&b, "<tr><th scope=\"row\">%s</th><td>%lld</td>"
		    "<td>%lld</td></tr>\n", regions[i].name,
		    (long long)k.region_members[i], (long long)k.region_all[i]);
	html_printf(&b, "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>"
	    "<td>%lld</td><td>%lld</td></tr></tfoot>\n</table>\n",
	    (long long)k.members, (long long)k.cctlds);
	for (size_t i = 0; i < NREGIONS; i++) {
		if (k.region_members[i] == 0)
			continue;
		html_printf(&b, "<h3>%s</h3>\n<ul class=\"tlds\">\n", regions[i].name);
		buf_append(&b, names[i].data, names[i].len); /* escaped by count_one */
		buf_puts(&b, "</ul>\n");
	}
	html_printf(&b, "</section>\n<section aria-labelledby=\"join\">\n"
	    "<h2 id=\"join\">How to join</h2>\n"
	    "<p>Every ccTLD can take part, ASCII and IDN alike. A ccTLD joins by "
	    "naming one to %lld security contacts: individuals, not role "
	    "addresses, who can act on an incident.</p>\n<ol>\n"
	    "<li><a href=\"/join\">Ask to join</a> on this site with each "
	    "contact's name, e-mail address, phone number and role (or write to "
	    "the secretariat at <a href=\"mailto:%s\">%s</a>).</li>\n"
	    "<li>Your ccTLD's IANA administrative (or technical) contact receives "
	    "a one-time link to authorise the request.</li>\n"
	    "<li>The standing committee approves it, and the new contacts receive "
	    "alerts and the repository mail from then on.</li>\n</ol>\n"
	    "</section>\n", (long long)rq->ctx->cfg.max_contacts_per_cctld,
	    rq->ctx->cfg.secretariat, rq->ctx->cfg.secretariat);
	buf_puts(&b, "<section aria-labelledby=\"playbooks\">\n");
	page_docs_list(rq, &b, true);
	buf_puts(&b, "</section>\n");
	if (rq->who.role == ROLE_PUBLIC)
		buf_puts(&b, "<p>Members <a href=\"/login\">sign in</a> with a link "
		    "mailed to their registered address.</p>\n");
	for (size_t i = 0; i < NREGIONS; i++)
		buf_fini(&names[i]);
	page_end(rq, &b, 200);
	if (cacheable && !rq->new_csrf_cookie)
		web_cache_put(rq, rs);
}

/* ---- signing in and out -------------------------------------------------- */

static void
login_form(struct web_req *rq, struct buf *b, const char *email,
    const char *error)
{
	buf_puts(b, "<h1>Sign in</h1>\n<p>Members, the committee and the "
	    "secretariat sign in with a one-time link sent to their registered "
	    "e-mail address. The link works once, for 15 minutes.</p>\n");
	if (error != NULL)
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"email-error\">"
		    "%s</p>\n", error);
	buf_puts(b, "<form method=\"post\" action=\"/login\" class=\"stack\">\n");
	page_csrf_field(rq, b);
	html_printf(b, "<label for=\"email\">E-mail address</label>\n"
	    "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" "
	    "required maxlength=\"254\" value=\"%s\"", email);
	if (error != NULL)
		buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"email-error\"");
	buf_puts(b, ">\n<button type=\"submit\">E-mail me a sign-in link</button>\n"
	    "</form>\n");
}

void
page_login(struct web_req *rq, struct web_resp *rs)
{
	struct buf b;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "Sign in");
	login_form(rq, &b, "", NULL);
	page_end(rq, &b, 200);
}

void
page_login_post(struct web_req *rq, struct web_resp *rs)
{
	const char *email = form_get(&rq->form, "email");
	struct tld_error err;
	struct buf b;
	int rc;

	(void)rs;
	tld_error_clear(&err);
	rc = accounts_login_request(rq->ctx, email != NULL ? email : "",
	    rq->client, &err);
	buf_init(&b);
	if (rc < 0 && rc != TLD_EINVAL && rc != TLD_ELIMIT) {
		buf_fini(&b);
		page_tld_error(rq, &err);
		return;
	}
	if (rc < 0) {
		char msg[sizeof(err.message) + 40];

		snprintf(msg, sizeof(msg), "%s%s", rc == TLD_EINVAL ?
		    "That is not an e-mail address: " : "", err.message);
		page_begin(rq, &b, "Sign in");
		login_form(rq, &b, email != NULL ? email : "", msg);
		page_end(rq, &b, rc == TLD_ELIMIT ? 429 : 422);
		return;
	}
	web_kick_outbox();
	page_begin(rq, &b, "Check your mail");
	html_printf(&b, "<h1>Check your mail</h1>\n<p>If %s belongs to the "
	    "community, a sign-in link is on its way to it. The link works once, "
	    "within 15 minutes.</p>\n", email);
	page_end(rq, &b, 200);
}

void
page_login_link(struct web_req *rq, struct web_resp *rs)
{
	const char *token = rq->params[0];
	struct principal p;
	struct tld_error err;
	struct buf b;

	(void)rs;
	tld_error_clear(&err);
	if (accounts_login_peek(rq->ctx, token, strlen(token), &p, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	/* A GET changes nothing (mail scanners open links): the button signs in. */
	buf_init(&b);
	page_begin(rq, &b, "Sign in");
	html_printf(&b, "<h1>Sign in</h1>\n<p>Sign in as <strong>%s</strong>?</p>\n"
	    "<form method=\"post\" action=\"/login/", p.email);
	url_encode(&b, token);
	buf_puts(&b, "\">\n");
	page_csrf_field(rq, &b);
	buf_puts(&b, "<button type=\"submit\">Sign in</button>\n</form>\n");
	page_end(rq, &b, 200);
}

void
page_login_link_post(struct web_req *rq, struct web_resp *rs)
{
	const char *token = rq->params[0];
	char session[SECRET_TEXT_MAX];
	struct principal p;
	struct tld_error err;

	tld_error_clear(&err);
	if (accounts_login_use(rq->ctx, token, strlen(token), session, &p,
	    &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	resp_set_cookie(rs, rq->ctx, WEB_COOKIE_SESSION, session,
	    (long long)rq->ctx->cfg.session_hours * 3600);
	memset(session, 0, sizeof(session));
	resp_redirect(rs, p.role >= ROLE_COMMITTEE ? "/committee" : "/search");
}

void
page_logout(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (accounts_session_end(rq->ctx, rq->session, strlen(rq->session),
	    &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	resp_set_cookie(rs, rq->ctx, WEB_COOKIE_SESSION, "", 0);
	resp_redirect(rs, "/");
}

/* ---- the IANA contact's authorisation link -------------------------------- */

void
page_authorize(struct web_req *rq, struct web_resp *rs)
{
	struct request_link r;
	struct tld_error err;
	struct buf b;

	(void)rs;
	tld_error_clear(&err);
	if (requests_link_peek(rq->ctx, rq->params[0], &r, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Authorise a request");
	html_printf(&b, "<h1>Authorise a request for .%s</h1>\n<p>As the IANA "
	    "%s contact of .%s (%s) you are asked to authorise this %s request "
	    "(number %lld):</p>\n", r.cctld, strcmp(r.iana_role, "admin") == 0 ?
	    "administrative" : "technical", r.cctld, r.iana_email, r.kind,
	    (long long)r.id);
	if (r.has_current)
		html_printf(&b, "<p>It concerns the current contact "
		    "<strong>%s</strong> &lt;%s&gt;.</p>\n", r.current.name,
		    r.current.email);
	if (strcmp(r.kind, "leave") == 0)
		buf_puts(&b, "<p>The contact would be removed from the community.</p>\n");
	else {
		html_printf(&b, "<h2>%s</h2>\n", strcmp(r.kind, "join") == 0 ?
		    "The new contact" : "The changes");
		page_contact_fields(&b, &r.proposed);
	}
	html_printf(&b, "<p>Requested by %s. After your authorisation the standing "
	    "committee decides. If you did not expect this request, close this "
	    "page: nothing happens.</p>\n<form method=\"post\" action=\"/authorize/",
	    r.requested_by);
	url_encode(&b, rq->params[0]);
	buf_puts(&b, "\">\n");
	page_csrf_field(rq, &b);
	buf_puts(&b, "<button type=\"submit\">Authorise this request</button>\n"
	    "</form>\n");
	page_end(rq, &b, 200);
}

void
page_authorize_post(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	char msg[160];
	int64_t id;

	(void)rs;
	tld_error_clear(&err);
	if (requests_authorize(rq->ctx, rq->params[0], &id, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	snprintf(msg, sizeof(msg), "Request %" PRId64 " is authorised. The "
	    "standing committee decides next; you need do nothing more.", id);
	page_message(rq, 200, "Thank you", msg);
}

/* ---- the confirmation link ------------------------------------------------ */

/*
 * A link that cannot be used (unknown, used, expired, the entry removed or
 * its address changed): say so, with the service's reason, and what to do.
 */
static void
link_refused(struct web_req *rq, const struct tld_error *err)
{
	char why[sizeof(err->message)];
	struct buf b;
	int status = web_status_for(err);

	if (status == 500 || strcmp(err->field, "token") != 0) {
		page_tld_error(rq, err);
		return;
	}
	/* The service's reason ("this confirmation link has expired; ...") as a sentence. */
	snprintf(why, sizeof(why), "%s", err->message);
	if (why[0] >= 'a' && why[0] <= 'z')
		why[0] = (char)(why[0] - 'a' + 'A');
	buf_init(&b);
	page_begin(rq, &b, "Link not valid");
	html_printf(&b, "<h1>This link is not valid</h1>\n<p role=\"alert\">%s."
	    "</p>\n<p>Nothing has been changed. Each confirmation link works once, "
	    "until the next request to confirm. If your entry still needs "
	    "confirming, the next reminder brings a new link; you can also sign "
	    "in and check your entry on the portal: <a href=\"/me\">My entry</a>."
	    "</p>\n", why);
	page_end(rq, &b, status);
}

void
page_confirm(struct web_req *rq, struct web_resp *rs)
{
	const char *token = rq->params[0];
	struct tld_error err;
	struct contact c;
	struct cctld cc;
	struct buf b;

	(void)rs;
	tld_error_clear(&err);
	/* Reads only: the token stays usable (link scanners open links). */
	if (freshness_token_contact(rq->ctx, token, &c, &err) < 0) {
		link_refused(rq, &err);
		return;
	}
	tld_error_clear(&err);
	if (cctlds_resolve(rq->ctx, c.cctld, &cc, &err) < 0)
		snprintf(cc.unicode, sizeof(cc.unicode), "%s", c.cctld);
	buf_init(&b);
	page_begin(rq, &b, "Confirm your entry");
	html_printf(&b, "<h1>Is your entry still right?</h1>\n<p>This is your "
	    "entry as a security contact of <strong>.%s</strong> in the TLD-OPS "
	    "contact repository, which the community relies on in an emergency:"
	    "</p>\n", cc.unicode);
	page_contact_fields(&b, &c);
	buf_puts(&b, "<form method=\"post\" action=\"/confirm/");
	url_encode(&b, token);
	buf_puts(&b, "\">\n");
	page_csrf_field(rq, &b);
	buf_puts(&b, "<button type=\"submit\">This is still correct</button>\n"
	    "</form>\n<h2>Something is wrong?</h2>\n<p>Sign in with this address "
	    "and correct it on the portal: <a href=\"/me\">My entry</a>. Your "
	    "correction becomes an update request that your ccTLD's IANA contact "
	    "authorises, as every change does.</p>\n<p>Opening this page changed "
	    "nothing; only the button confirms.</p>\n");
	page_end(rq, &b, 200);
}

void
page_confirm_post(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct buf b;
	int64_t id;

	(void)rs;
	tld_error_clear(&err);
	if (freshness_confirm(rq->ctx, rq->params[0], &id, &err) < 0) {
		link_refused(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Thank you");
	html_printf(&b, "<h1>Thank you</h1>\n<p>Your entry is confirmed. The "
	    "community will ask you again in %lld days.</p>\n<p>If something "
	    "changes before then, correct it on the portal: <a href=\"/me\">My "
	    "entry</a>.</p>\n", (long long)rq->ctx->cfg.reconfirm_days);
	page_end(rq, &b, 200);
}

/* ---- the committee dashboard ---------------------------------------------- */
