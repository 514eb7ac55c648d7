/* SPDX-License-Identifier: MIT */
/*
 * The page layout and the public pages: home, signing in and out, and the
 * authorisation link of the IANA contacts.  Every interpolated value goes
 * through html_printf()/html_escape(); a GET never changes anything.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/membership/accounts.h"
#include "service/directory/cctlds.h"
#include "service/membership/requests.h"
/* Until the front ends stop calling the store (issue 17 item 4). */
#include "store/contact_store.h"
#include "store/outbox_store.h"
#include "store/request_store.h"
#include "util/clock.h"
#include "util/random.h"
#include "util/secret.h"
#include "web/html.h"
#include "web/internal.h"

extern const char web_style_css[]; /* generated from src/web/style.css */

static const struct {
	const char *code;
	const char *name;
} regions[] = {
	{ "AF", "Africa" }, { "AP", "Asia-Pacific" }, { "EU", "Europe" },
	{ "LAC", "Latin America and the Caribbean" }, { "NA", "North America" },
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

void
page_csrf_field(struct web_req *rq, struct buf *b)
{
	if (rq->csrf[0] == '\0') {
		/* No session: a random token, doubled in a cookie the form must match. */
		random_hex(rq->csrf, sizeof(rq->csrf), 32);
		rq->new_csrf_cookie = true;
	}
	html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	    rq->csrf);
}

void
page_begin(struct web_req *rq, struct buf *b, const char *title)
{
	const struct principal *w = &rq->who;

	html_printf(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>%s — TLD-OPS</title>\n"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
	    "<header class=\"site\">\n<nav aria-label=\"Main\">\n"
	    "<a class=\"brand\" href=\"/\">TLD-OPS</a>\n<ul>\n"
	    "<li><a href=\"/docs\">Playbooks</a></li>\n", title);
	if (w->role >= ROLE_MEMBER)
		buf_puts(b, "<li><a href=\"/search\">Search</a></li>\n"
		    "<li><a href=\"/me\">My entry</a></li>\n");
	if (w->role >= ROLE_COMMITTEE)
		buf_puts(b, "<li><a href=\"/committee\">Committee</a></li>\n");
	if (w->role >= ROLE_MEMBER) {
		html_printf(b, "<li class=\"who\"><span>%s (%s)</span>\n"
		    "<form method=\"post\" action=\"/logout\">", w->email,
		    account_role_name(w->role));
		page_csrf_field(rq, b);
		buf_puts(b, "<button type=\"submit\" class=\"link\">Sign out</button>"
		    "</form></li>\n");
	} else {
		buf_puts(b, "<li><a href=\"/login\">Sign in</a></li>\n");
	}
	buf_puts(b, "</ul>\n</nav>\n</header>\n<main id=\"main\">\n");
}

void
page_end(struct web_req *rq, struct buf *b, int status)
{
	struct web_resp *rs = &rq->resp;

	buf_puts(b, "</main>\n<footer class=\"site\"><p>TLD-OPS: the security "
	    "community of country-code TLD operators. Contact data on this site "
	    "is for members only (TLP:AMBER); do not pass it on.</p></footer>\n"
	    "</body>\n</html>\n");
	rs->status = status;
	rs->content_type = "text/html; charset=utf-8";
	buf_reset(&rs->body);
	buf_append(&rs->body, b->data != NULL ? b->data : "", b->len);
	buf_fini(b);
}

void
page_message(struct web_req *rq, int status, const char *title,
    const char *message)
{
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, title);
	html_printf(&b, "<h1>%s</h1>\n<p>%s</p>\n", title, message);
	page_end(rq, &b, status);
}

void
page_tld_error(struct web_req *rq, const struct tld_error *err)
{
	int status = web_status_for(err);
	char msg[sizeof(err->field) + sizeof(err->message) + 4];

	if (status == 500) {
		resp_tld_error(&rq->resp, err); /* logs it */
		page_message(rq, 500, "Something went wrong",
		    "The operator's log has the details. Please try again later.");
		return;
	}
	if (err->field[0] != '\0')
		snprintf(msg, sizeof(msg), "%s: %s", err->field, err->message);
	else
		snprintf(msg, sizeof(msg), "%s", err->message);
	page_message(rq, status, status == 404 ? "Not found" :
	    status == 429 ? "Too many requests" : "That did not work", msg);
}

bool
page_parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = s[0] >= '1' && s[0] <= '9' ? strtoll(s, &end, 10) : 0;
	if (v <= 0 || errno != 0 || *end != '\0')
		return false;
	*id = v;
	return true;
}

bool
page_param_id(struct web_req *rq, const char *what, int64_t *id)
{
	char msg[96];

	if (page_parse_id(rq->params[0], id))
		return true;
	snprintf(msg, sizeof(msg), "There is no such %s.", what);
	page_message(rq, 404, "Not found", msg);
	return false;
}

/* ---- operations ---------------------------------------------------------- */

void
web_style(struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 200;
	rs->content_type = "text/css; charset=utf-8";
	rs->cache_control = "public, max-age=3600";
	rs->static_body = web_style_css;
	rs->static_len = strlen(web_style_css);
}

void
web_healthz(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int cur = 0, latest = 0;

	tld_error_clear(&err);
	if (store_schema_version(rq->ctx->store, &cur, &latest, &err) < 0 ||
	    cur != latest) {
		resp_error(rs, 503, "db", "the repository is not ready");
		return;
	}
	resp_json(rs, 200, json_pack("{s:s, s:i}", "status", "ok", "schema", cur));
}

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

void
web_metrics(struct web_req *rq, struct web_resp *rs)
{
	struct outbox_counts oc;
	struct counts k;
	struct tld_error err;

	memset(&k, 0, sizeof(k));
	tld_error_clear(&err);
	if (store_outbox_counts(rq->ctx->store, &oc, &err) < 0 ||
	    cctlds_each(rq->ctx, NULL, count_one, &k, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
	metrics_render(&rs->body);
	buf_printf(&rs->body,
	    "# HELP tldops_outbox_deliveries Outbox deliveries by state.\n"
	    "# TYPE tldops_outbox_deliveries gauge\n"
	    "tldops_outbox_deliveries{state=\"queued\"} %" PRId64 "\n"
	    "tldops_outbox_deliveries{state=\"sending\"} %" PRId64 "\n"
	    "tldops_outbox_deliveries{state=\"sent\"} %" PRId64 "\n"
	    "tldops_outbox_deliveries{state=\"failed\"} %" PRId64 "\n"
	    "# HELP tldops_contacts Active contacts.\n# TYPE tldops_contacts gauge\n"
	    "tldops_contacts %" PRId64 "\n"
	    "# HELP tldops_member_cctlds ccTLDs with at least one active contact.\n"
	    "# TYPE tldops_member_cctlds gauge\ntldops_member_cctlds %" PRId64 "\n"
	    "# HELP tldops_cctlds Delegated ccTLDs in the reference table.\n"
	    "# TYPE tldops_cctlds gauge\ntldops_cctlds %" PRId64 "\n",
	    oc.by_state[DELIVERY_QUEUED], oc.by_state[DELIVERY_SENDING],
	    oc.by_state[DELIVERY_SENT], oc.by_state[DELIVERY_FAILED],
	    k.contacts, k.members, k.cctlds);
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
	    "<li>Write to the secretariat at <a href=\"mailto:%s\">%s</a> with "
	    "each contact's name, e-mail address, phone number and role.</li>\n"
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
	resp_cookie(rs, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
	    WEB_SESSION_COOKIE, session,
	    (long long)rq->ctx->cfg.session_hours * 3600,
	    web_cookies_secure(rq->ctx) ? "; Secure" : "");
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
	resp_cookie(rs, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
	    WEB_SESSION_COOKIE, web_cookies_secure(rq->ctx) ? "; Secure" : "");
	resp_redirect(rs, "/");
}

/* ---- the IANA contact's authorisation link -------------------------------- */

/* What the link authorises, read without using it up. */
static int
peek_request(struct web_req *rq, struct request_row *r,
    struct request_token_row *t, struct tld_error *err)
{
	const char *token = rq->params[0];
	char hash[SECRET_HASH_HEX];
	int rc;

	if (!secret_hash(token, strlen(token), hash))
		return tld_error_set(err, TLD_ENOTFOUND, "token",
		    "this authorisation link is not valid");
	rc = store_request_token_get(rq->ctx->store, hash, t, err);
	if (rc == TLD_ENOTFOUND)
		return tld_error_set(err, rc, "token",
		    "this authorisation link is not valid");
	if (rc < 0)
		return rc;
	if (t->used != 0)
		return tld_error_set(err, TLD_EDENIED, "token",
		    "this authorisation link has been used already");
	if (t->expires <= clock_now())
		return tld_error_set(err, TLD_EEXPIRED, "token",
		    "this authorisation link has expired");
	return store_request_get(rq->ctx->store, t->request_id, r, err);
}

void
page_contact_fields(struct buf *b, const struct contact *p)
{
	const struct {
		const char *label;
		const char *v;
	} rows[] = {
		{ "Name", p->name }, { "E-mail", p->email }, { "Phone", p->phone },
		{ "Organisation", p->organisation }, { "Role", p->role },
		{ "Languages", p->languages }, { "OpenPGP", p->pgp_fingerprint },
	};

	buf_puts(b, "<dl class=\"fields\">\n");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].v[0] != '\0')
			html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", rows[i].label,
			    rows[i].v);
	buf_puts(b, "</dl>\n");
}

void
page_authorize(struct web_req *rq, struct web_resp *rs)
{
	struct request_token_row t;
	struct request_row r;
	struct contact cur;
	struct tld_error err;
	struct buf b;

	(void)rs;
	tld_error_clear(&err);
	if (peek_request(rq, &r, &t, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Authorise a request");
	html_printf(&b, "<h1>Authorise a request for .%s</h1>\n<p>As the IANA "
	    "%s contact of .%s (%s) you are asked to authorise this %s request "
	    "(number %lld):</p>\n", r.cctld, strcmp(t.role, "admin") == 0 ?
	    "administrative" : "technical", r.cctld, t.email, r.kind,
	    (long long)r.id);
	if (r.contact_id != 0) {
		tld_error_clear(&err);
		if (store_contact_get(rq->ctx->store, r.contact_id, &cur, &err) == 0)
			html_printf(&b, "<p>It concerns the current contact "
			    "<strong>%s</strong> &lt;%s&gt;.</p>\n", cur.name, cur.email);
	}
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
