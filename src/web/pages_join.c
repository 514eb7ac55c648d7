/* SPDX-License-Identifier: MIT */
/*
 * The public join form (/join, docs/web.md): a ccTLD names a security
 * contact and the request goes to requests_create(), the service of
 * `tldops request join` and POST /api/v1/requests.  What makes a public
 * form safe is the service's rule: the ccTLD's IANA contacts, at the
 * addresses on the stored IANA record, get the one-time authorisation link,
 * and the committee decides after them.
 *
 * A malformed field (a bad address, a missing name) is named on the form
 * and nothing is stored.  Past that, the answer is the same whatever
 * becomes of the request (filed, an unknown ccTLD, one without an IANA
 * record or address, a database failure): the form is no oracle for who
 * is a member or what IANA holds.  Every post counts against the client's
 * limit (ratelimit.h), a refused one too.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "model/contact.h"
#include "service/membership/requests.h"
#include "util/clock.h"
#include "util/log.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/plan.h"
#include "web/ratelimit.h"
#include "web/resp.h"
#include "web/server.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct plan_field join_fields[] = {
	{ "cctld", "Your ccTLD", PLAN_TEXT, true, 64, NULL, "nl, .рф", NULL, NULL, 0 },
	{ "name", "The contact's name", PLAN_TEXT, true, 200, NULL, NULL, NULL,
	  NULL, 0 },
	{ "email", "E-mail address (a person's, not a role address)", PLAN_TEXT,
	  true, 254, NULL, NULL, NULL, NULL, 0 },
	{ "phone", "Phone (international, +…)", PLAN_TEXT, true, 40, NULL,
	  "+31 26 352 5500", NULL, NULL, 0 },
	{ "role", "Role at the registry", PLAN_TEXT, true, 200, NULL,
	  "Security officer", NULL, NULL, 0 },
	{ "organisation", "Organisation (optional)", PLAN_TEXT, false, 200, NULL,
	  NULL, NULL, NULL, 0 },
};

static const struct page_done done_texts[] = {
	{ "sent", "Thank you: the request is received. If the ccTLD can take "
	  "part, its IANA administrative contact (or, by the community's policy, "
	  "its technical contact) now receives an e-mail with a link to "
	  "authorise it, and the standing committee decides after that. The "
	  "new contact hears from the community once it is approved." },
};

/* The form; st: a refused field; limited: the client's limit was hit (429). */
static void
join_page(struct web_req *rq, const struct plan_state *st, bool limited)
{
	const struct plan_form f = { "join", NULL, "/join", "Ask to join",
	    join_fields, N(join_fields), false };
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "Join the community");
	buf_puts(&b, "<h1>Join the community</h1>\n");
	page_done_notice(rq, &b, done_texts, N(done_texts));
	if (limited)
		buf_puts(&b, "<p class=\"error\" role=\"alert\" id=\"join-error\">"
		    "Too many requests were sent from your address. Wait an hour "
		    "and try again, or write to the secretariat.</p>\n");
	html_printf(&b, "<p>Every ccTLD can take part, ASCII and IDN alike, with "
	    "one to %lld security contacts: individuals who can act on an "
	    "incident. Name one contact here (send the form again for the "
	    "next).</p>\n<p>Nothing is decided by this form: your ccTLD's IANA "
	    "administrative contact, at the address on the IANA record, receives "
	    "a one-time link to authorise the request, and the standing committee "
	    "approves it after that.</p>\n",
	    (long long)rq->ctx->cfg.max_contacts_per_cctld);
	plan_form_render(rq, &b, &f, st);
	html_printf(&b, "<p>Questions: the secretariat, <a href=\"mailto:%s\">%s"
	    "</a>.</p>\n", rq->ctx->cfg.secretariat, rq->ctx->cfg.secretariat);
	page_end(rq, &b, limited ? 429 : plan_status(st));
}

void
page_join(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	join_page(rq, NULL, false);
}

void
page_join_post(struct web_req *rq, struct web_resp *rs)
{
	struct contact_fields f;
	struct contact c;
	struct tld_error err;
	struct plan_state st = { "join", &rq->form, &err };
	const char *org = plan_opt(rq, "organisation");
	int64_t id;
	int rc;

	tld_error_clear(&err);
	if (!web_join_limit_take(rq->client, clock_now())) {
		join_page(rq, NULL, true);
		return;
	}
	memset(&f, 0, sizeof(f));
	f.cctld = plan_arg(rq, "cctld");
	f.name = plan_arg(rq, "name");
	f.email = plan_arg(rq, "email");
	f.phone = plan_arg(rq, "phone");
	f.role = plan_arg(rq, "role");
	f.organisation = org;
	/* The fields' own rules, as the service checks them, before anything else. */
	memset(&c, 0, sizeof(c));
	rc = contact_apply_fields(&c, &f, &err);
	if (rc == 0)
		rc = contact_check_complete(&c, &err);
	if (rc == 0 && c.role[0] == '\0')
		rc = tld_error_set(&err, TLD_EINVAL, "role", "is required");
	if (rc < 0) {
		join_page(rq, &st, false);
		return;
	}
	/* From here on, one answer whatever happens. */
	snprintf(rq->ctx->actor, sizeof(rq->ctx->actor), "the public join form");
	tld_error_clear(&err);
	f.cctld = NULL;
	if (requests_create(rq->ctx, REQUEST_JOIN, c.cctld, 0, &f, &id, &err) < 0) {
		if (web_status_for(&err) == 500)
			log_errorx("web", "join form: the request was not filed: %s",
			    err.message);
		else
			log_info("web", "join form: no request filed (%s)",
			    err.field[0] != '\0' ? err.field : "refused");
	} else {
		log_info("web", "join form: request %lld filed", (long long)id);
		web_kick_outbox();
	}
	resp_redirect(rs, "/join?done=sent");
}
