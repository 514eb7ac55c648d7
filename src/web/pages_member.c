/* SPDX-License-Identifier: MIT */
/* The member portal: search, a ccTLD's contacts, and one's own entry. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "service/books/usage.h"
#include "service/directory/cctlds.h"
#include "service/directory/search.h"
#include "service/list/keys.h"
#include "service/membership/requests.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"
#include "web/server.h"

/* A ccTLD's name as a link to its page: ".рф (xn--p1ai)". */
static void
cctld_link(struct buf *b, const char *code, const char *unicode)
{
	buf_puts(b, "<a href=\"/cctld/");
	url_encode(b, code);
	if (strcmp(code, unicode) != 0)
		html_printf(b, "\">.%s <span class=\"alabel\">(%s)</span></a>",
		    unicode, code);
	else
		html_printf(b, "\">.%s</a>", code);
}

/* One contact as a card: name, role, organisation, mail, phone, languages. */
static void
contact_card(struct buf *b, const json_t *c, bool show_cctld)
{
	const json_t *langs = json_object_get(c, "languages");
	const char *pgp = json_str(c, "pgp_fingerprint");
	size_t i;
	json_t *l;

	html_printf(b, "<article class=\"contact\">\n<h3>%s</h3>\n",
	    json_str(c, "name"));
	if (json_str(c, "role")[0] != '\0' || json_str(c, "organisation")[0] != '\0')
		html_printf(b, "<p class=\"role\">%s%s%s</p>\n", json_str(c, "role"),
		    json_str(c, "role")[0] && json_str(c, "organisation")[0] ? ", " : "",
		    json_str(c, "organisation"));
	buf_puts(b, "<dl>\n");
	if (json_is_string(json_object_get(c, "affiliation"))) {
		/* A community contact: of no ccTLD. */
		html_printf(b, "<dt>Community</dt><dd>%s (%s)</dd>\n",
		    json_str(c, "affiliation"), json_str(c, "kind"));
		if (json_is_object(json_object_get(c, "exception")))
			html_printf(b, "<dt>Generic-contact exception</dt><dd>%s"
			    "</dd>\n", json_str(json_object_get(c, "exception"),
			    "reason"));
	} else if (show_cctld) {
		buf_puts(b, "<dt>ccTLD</dt><dd>");
		cctld_link(b, json_str(c, "cctld"), json_str(c, "cctld"));
		buf_puts(b, "</dd>\n");
	}
	html_printf(b, "<dt>E-mail</dt><dd><a href=\"mailto:%s\">%s</a></dd>\n"
	    "<dt>Phone</dt><dd><a href=\"tel:%s\">%s</a></dd>\n",
	    json_str(c, "email"), json_str(c, "email"), json_str(c, "phone"),
	    json_str(c, "phone_display"));
	if (json_array_size(langs) > 0) {
		buf_puts(b, "<dt>Languages</dt><dd>");
		json_array_foreach(langs, i, l)
			html_printf(b, "%s%s", i ? ", " : "", json_string_value(l));
		buf_puts(b, "</dd>\n");
	}
	if (pgp[0] != '\0')
		html_printf(b, "<dt>OpenPGP</dt><dd class=\"fpr\">%s</dd>\n", pgp);
	buf_puts(b, "</dl>\n</article>\n");
}

static void
search_form(struct buf *b, const char *q)
{
	html_printf(b, "<form method=\"get\" action=\"/search\" class=\"search\" "
	    "role=\"search\">\n<label for=\"q\">ccTLD, country, person or "
	    "organisation</label>\n<input id=\"q\" name=\"q\" type=\"search\" "
	    "value=\"%s\" maxlength=\"100\" autofocus>\n"
	    "<button type=\"submit\">Search</button>\n</form>\n", q);
}

void
page_search(struct web_req *rq, struct web_resp *rs)
{
	const char *q = form_get(&rq->query_args, "q");
	struct tld_error err;
	json_t *o = NULL, *list, *item;
	struct buf b;
	size_t i;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "Search");
	buf_puts(&b, "<h1>Search the repository</h1>\n");
	search_form(&b, q != NULL ? q : "");
	if (q == NULL || q[0] == '\0') {
		buf_puts(&b, "<p>Type a ccTLD (<kbd>nl</kbd>, <kbd>.рф</kbd>), a "
		    "country, or part of a name.</p>\n");
		page_end(rq, &b, 200);
		return;
	}
	tld_error_clear(&err);
	if (search_json(rq->ctx, q, &o, &err) < 0) {
		html_printf(&b, "<p class=\"error\" role=\"alert\">%s: %s</p>\n",
		    err.field, err.message);
		page_end(rq, &b, web_status_for(&err));
		return;
	}
	list = json_object_get(o, "cctlds");
	(void)usage_search(rq->ctx, USAGE_WEB, json_array_size(list) > 0 ||
	    json_array_size(json_object_get(o, "contacts")) > 0);
	html_printf(&b, "<section aria-labelledby=\"r-cctlds\">\n"
	    "<h2 id=\"r-cctlds\">ccTLDs (%zu)</h2>\n", json_array_size(list));
	if (json_array_size(list) > 0) {
		buf_puts(&b, "<table>\n<thead><tr><th scope=\"col\">ccTLD</th>"
		    "<th scope=\"col\">Country or territory</th><th scope=\"col\">"
		    "Region</th><th scope=\"col\">Member</th></tr></thead>\n<tbody>\n");
		json_array_foreach(list, i, item) {
			buf_puts(&b, "<tr><td>");
			cctld_link(&b, json_str(item, "code"), json_str(item, "unicode"));
			html_printf(&b, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    json_str(item, "country"), json_str(item, "region"),
			    json_is_true(json_object_get(item, "member")) ? "yes" : "no");
		}
		buf_puts(&b, "</tbody>\n</table>\n");
	}
	list = json_object_get(o, "contacts");
	html_printf(&b, "</section>\n<section aria-labelledby=\"r-contacts\">\n"
	    "<h2 id=\"r-contacts\">People (%zu)</h2>\n<div class=\"cards\">\n",
	    json_array_size(list));
	json_array_foreach(list, i, item)
		contact_card(&b, item, true);
	buf_puts(&b, "</div>\n</section>\n");
	if (json_is_true(json_object_get(o, "truncated")))
		buf_puts(&b, "<p>Only the first 100 of each are shown: narrow the "
		    "search.</p>\n");
	json_decref(o);
	page_end(rq, &b, 200);
}

void
page_cctld(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct cctld c;
	json_t *o, *list, *item, *iana;
	char since[11];
	struct buf b;
	size_t i;
	int rc;

	(void)rs;
	tld_error_clear(&err);
	rc = cctlds_resolve(rq->ctx, rq->params[0], &c, &err);
	if (rc == 0 || rc == TLD_EINVAL || rc == TLD_ENOTFOUND)
		(void)usage_lookup(rq->ctx, USAGE_WEB, rc == 0 ? &c : NULL);
	if (rc < 0 || cctlds_show_json(rq->ctx, &c, &o, &err) < 0) {
		if (err.code == TLD_EINVAL)
			err.code = TLD_ENOTFOUND;
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, c.unicode);
	snprintf(since, sizeof(since), "%s", json_str(o, "member_since"));
	html_printf(&b, "<h1>.%s</h1>\n<p class=\"lead\">%s — %s, region %s%s%s"
	    "</p>\n", c.unicode, c.country, c.code, c.region,
	    c.member_since ? ", member since " : ", not a member",
	    c.member_since ? since : "");
	list = json_object_get(o, "contact_list");
	html_printf(&b, "<section aria-labelledby=\"contacts\">\n"
	    "<h2 id=\"contacts\">Security contacts (%zu)</h2>\n<div class=\"cards\">\n",
	    json_array_size(list));
	json_array_foreach(list, i, item)
		contact_card(&b, item, false);
	if (json_array_size(list) == 0)
		buf_puts(&b, "<p>No contacts: this ccTLD is not a member.</p>\n");
	buf_puts(&b, "</div>\n</section>\n");
	list = json_object_get(o, "community_contacts");
	if (json_array_size(list) > 0) {
		html_printf(&b, "<section aria-labelledby=\"community\">\n"
		    "<h2 id=\"community\">Community contacts (%zu)</h2>\n<p>Of no "
		    "ccTLD: the IANA root contact, liaisons, the secretariat's "
		    "staff.</p>\n<div class=\"cards\">\n", json_array_size(list));
		json_array_foreach(list, i, item)
			contact_card(&b, item, false);
		buf_puts(&b, "</div>\n</section>\n");
	}
	iana = json_object_get(o, "iana");
	buf_puts(&b, "<section aria-labelledby=\"iana\">\n<h2 id=\"iana\">IANA "
	    "contacts</h2>\n<p>They authorise requests to join, update or leave."
	    "</p>\n");
	if (json_is_object(iana)) {
		html_printf(&b, "<p>Manager: %s</p>\n<div class=\"cards\">\n",
		    json_str(iana, "organisation"));
		for (int k = 0; k < 2; k++) {
			const json_t *p = json_object_get(iana, k ? "tech" : "admin");

			html_printf(&b, "<article class=\"contact\">\n<h3>%s</h3>\n"
			    "<p class=\"role\">IANA %s contact</p>\n<dl>\n"
			    "<dt>E-mail</dt><dd>%s</dd>\n<dt>Phone</dt><dd>%s</dd>\n"
			    "</dl>\n</article>\n", json_str(p, "name"),
			    k ? "technical" : "administrative", json_str(p, "email"),
			    json_str(p, "phone"));
		}
		buf_puts(&b, "</div>\n");
	} else {
		buf_puts(&b, "<p>No IANA record has been imported.</p>\n");
	}
	buf_puts(&b, "</section>\n");
	json_decref(o);
	page_end(rq, &b, 200);
}

/* ---- my entry ------------------------------------------------------------ */

static const struct {
	const char *name;
	const char *label;
	const char *type;
	const char *autocomplete;
	const char *hint;
	bool required;
} entry_fields[] = {
	{ "name", "Full name", "text", "name", NULL, true },
	{ "email", "E-mail", "email", "email", NULL, true },
	{ "phone", "Phone (international, e.g. +31 26 352 5500)", "tel", "tel",
	  NULL, true },
	{ "organisation", "Organisation", "text", "organization", NULL, false },
	{ "role", "Role or title", "text", "organization-title", NULL, false },
	{ "languages", "Languages", "text", "off", "ISO 639 codes, e.g. en,fr",
	  false },
	{ "pgp_fingerprint", "OpenPGP fingerprint", "text", "off", NULL, false },
};
#define NENTRY (sizeof(entry_fields) / sizeof(entry_fields[0]))

static const char *
contact_value(const struct contact *c, size_t i)
{
	const char *v[NENTRY] = { c->name, c->email,
	    phone_display(c->phone, c->phone_grouped), c->organisation,
	    c->role, c->languages, c->pgp_fingerprint };

	return v[i];
}

static void
entry_form(struct web_req *rq, struct buf *b, const struct contact *c,
    const struct form *given, const struct tld_error *err)
{
	if (err != NULL)
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"form-error\">"
		    "%s: %s</p>\n", err->field, err->message);
	buf_puts(b, "<form method=\"post\" action=\"/me\" class=\"stack\">\n");
	page_csrf_field(rq, b);
	for (size_t i = 0; i < NENTRY; i++) {
		const char *v = given ? form_get(given, entry_fields[i].name) : NULL;
		bool bad = err != NULL && strcmp(err->field, entry_fields[i].name) == 0;

		html_printf(b, "<label for=\"f-%s\">%s</label>\n", entry_fields[i].name,
		    entry_fields[i].label);
		html_printf(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" "
		    "autocomplete=\"%s\" value=\"%s\"", entry_fields[i].name,
		    entry_fields[i].name, entry_fields[i].type,
		    entry_fields[i].autocomplete, v ? v : contact_value(c, i));
		if (entry_fields[i].required)
			buf_puts(b, " required");
		if (bad)
			buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"form-error\"");
		buf_puts(b, ">\n");
	}
	buf_puts(b, "<button type=\"submit\">Request this change</button>\n</form>\n");
}

/* The member's OpenPGP key: its state, and a form to upload it (docs/crypto.md). */
static void
key_section(struct web_req *rq, struct buf *b, const struct contact *c,
    const char *given, const struct tld_error *err, const char *done)
{
	struct pgp_key_info info;
	struct tld_error e;
	char when[32];

	buf_puts(b, "<h2 id=\"key\">My OpenPGP key</h2>\n");
	if (done != NULL)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>\n", done);
	tld_error_clear(&e);
	if (c->pgp_fingerprint[0] == '\0') {
		buf_puts(b, "<p>Your entry has no OpenPGP fingerprint. Add it above "
		    "(an update request); once it is approved you can upload the key "
		    "here, and TLP:RED mail reaches you encrypted.</p>\n");
		return;
	}
	if (key_status(rq->ctx, c, &info, &e) < 0) {
		html_printf(b, "<p class=\"error\">key: %s</p>\n", e.message);
	} else if (info.usable) {
		if (info.expires != 0)
			clock_format_iso(info.expires, when, sizeof(when));
		html_printf(b, "<p>Mail from the list is encrypted to your key <code>%s"
		    "</code> (%s), %s%s.</p>\n", info.fpr, info.uid,
		    info.expires != 0 ? "which expires " : "which does not expire",
		    info.expires != 0 ? when : "");
	} else {
		html_printf(b, "<p>Your key <code>%s</code> is not usable: %s. TLP:RED "
		    "mail cannot reach you until you upload a usable key.</p>\n",
		    info.fpr, info.why);
	}
	if (err != NULL)
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"key-error\">"
		    "%s: %s</p>\n", err->field, err->message);
	buf_puts(b, "<form method=\"post\" action=\"/me/key\" class=\"stack\">\n");
	page_csrf_field(rq, b);
	html_printf(b, "<label for=\"f-key\">Public key, ASCII-armoured (<code>gpg "
	    "--armor --export %s</code>)</label>\n", c->pgp_fingerprint);
	buf_puts(b, "<textarea id=\"f-key\" name=\"key\" rows=\"8\" required "
	    "spellcheck=\"false\"");
	if (err != NULL)
		buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"key-error\"");
	/* A refused secret key is not shown back. */
	html_printf(b, ">%s</textarea>\n", given != NULL ? given : "");
	buf_puts(b, "<button type=\"submit\">Upload my key</button>\n</form>\n");
}

/* Where the signed copy for the day the site is down is (pages_offline.c). */
static void
offline_note(struct buf *b)
{
	buf_puts(b, "<h2>For the day this site is down</h2>\n<p>Keep the signed "
	    "<a href=\"/offline\">offline copy</a> of the repository.</p>\n");
}

/*
 * A community contact (the IANA root contact, a liaison) has no ccTLD whose
 * IANA contact could authorise a change: the secretariat keeps the entry.
 */
static void
community_note(struct web_req *rq, struct buf *b, const struct contact *c)
{
	const char *sec = rq->ctx->cfg.secretariat;

	html_printf(b, "<p>You are a community contact of the list (%s, %s), not "
	    "of a ccTLD. A community entry has no ccTLD IANA contact to authorise "
	    "a change, so the secretariat keeps it", c->affiliation,
	    contact_kind_name(c->kind));
	if (sec[0] != '\0')
		html_printf(b, ": write to <a href=\"mailto:%s\">%s</a> to change "
		    "yours", sec, sec);
	buf_puts(b, ".</p>\n");
}

void
page_me(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct contact c;
	struct buf b;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "My entry");
	buf_puts(&b, "<h1>My entry</h1>\n");
	tld_error_clear(&err);
	if (accounts_contact(rq->ctx, &rq->who, &c, &err) < 0) {
		html_printf(&b, "<p>You are signed in as %s (%s). This address is not "
		    "a contact in the repository, so there is no entry to edit.</p>\n",
		    rq->who.email, account_role_name(rq->who.role));
		offline_note(&b);
		page_end(rq, &b, 200);
		return;
	}
	if (contact_is_community(&c)) {
		community_note(rq, &b, &c);
	} else {
		html_printf(&b, "<p>You are a security contact of <a href=\""
		    "/cctld/%s\">.%s</a>. A change becomes an update request: your "
		    "ccTLD's IANA contact authorises it by e-mail, then the standing "
		    "committee approves it.</p>\n", c.cctld, c.cctld);
		entry_form(rq, &b, &c, NULL, NULL);
	}
	key_section(rq, &b, &c, NULL, NULL, NULL);
	offline_note(&b);
	page_end(rq, &b, 200);
}

void
page_me_key_post(struct web_req *rq, struct web_resp *rs)
{
	struct pgp_key_info info;
	struct tld_error err;
	struct contact c;
	const char *key;
	char done[320];
	struct buf b;
	int status = 200;

	(void)rs;
	tld_error_clear(&err);
	if (accounts_contact(rq->ctx, &rq->who, &c, &err) < 0) {
		page_message(rq, 404, "No entry", "This address is not a contact in "
		    "the repository.");
		return;
	}
	key = form_get(&rq->form, "key");
	if (key == NULL || key[0] == '\0')
		tld_error_set(&err, TLD_EINVAL, "key", "is empty: paste your public key");
	else
		key_import(rq->ctx, c.id, key, strlen(key), &info, &err);
	buf_init(&b);
	page_begin(rq, &b, "My entry");
	buf_puts(&b, "<h1>My entry</h1>\n");
	if (err.code != 0) {
		status = web_status_for(&err);
		if (status == 500) {
			buf_fini(&b);
			page_tld_error(rq, &err);
			return;
		}
		key_section(rq, &b, &c, key != NULL && strstr(key, "PRIVATE KEY") == NULL ?
		    key : NULL, &err, NULL);
	} else {
		snprintf(done, sizeof(done), "Your key %s is stored%s.", info.fpr,
		    info.usable ? "" : ", but it is not usable yet");
		key_section(rq, &b, &c, NULL, NULL, done);
	}
	page_end(rq, &b, status);
}

void
page_me_post(struct web_req *rq, struct web_resp *rs)
{
	struct contact_fields f;
	const char **slots[NENTRY] = { &f.name, &f.email, &f.phone,
	    &f.organisation, &f.role, &f.languages, &f.pgp_fingerprint };
	struct tld_error err;
	struct contact c;
	struct buf b;
	char msg[256];
	int64_t id;

	(void)rs;
	tld_error_clear(&err);
	if (accounts_contact(rq->ctx, &rq->who, &c, &err) < 0) {
		page_message(rq, 404, "No entry", "This address is not a contact in "
		    "the repository.");
		return;
	}
	if (contact_is_community(&c)) {
		page_message(rq, 403, "No change request", "A community entry has "
		    "no ccTLD IANA contact to authorise a change: the secretariat "
		    "keeps it. Write to them to change yours.");
		return;
	}
	/* Only what differs from the entry is proposed. */
	memset(&f, 0, sizeof(f));
	for (size_t i = 0; i < NENTRY; i++) {
		const char *v = form_get(&rq->form, entry_fields[i].name);

		if (v != NULL && strcmp(v, contact_value(&c, i)) != 0)
			*slots[i] = v;
	}
	if (requests_create(rq->ctx, REQUEST_UPDATE, c.cctld, c.id, &f, &id,
	    &err) < 0) {
		if (web_status_for(&err) == 500) {
			page_tld_error(rq, &err);
			return;
		}
		buf_init(&b);
		page_begin(rq, &b, "My entry");
		buf_puts(&b, "<h1>My entry</h1>\n");
		entry_form(rq, &b, &c, &rq->form, &err);
		page_end(rq, &b, web_status_for(&err));
		return;
	}
	web_kick_outbox();
	snprintf(msg, sizeof(msg), "Update request %" PRId64 " is waiting for your "
	    "ccTLD's IANA contact to authorise it; then the standing committee "
	    "decides. Your entry stays as it is until then.", id);
	page_message(rq, 200, "Change requested", msg);
}
