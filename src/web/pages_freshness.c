/* SPDX-License-Identifier: MIT */
/*
 * Contact freshness on the web (docs/freshness.md): the one-click
 * confirmation link a contact gets by mail (/confirm/<token>), and the
 * committee dashboard's section with the counts and the stale entries.
 * The GET of a link only shows the entry (mail scanners open links); its
 * button POSTs, and only that confirms.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "service/directory/cctlds.h"
#include "service/directory/freshness.h"
#include "web/html.h"
#include "web/internal.h"

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

static const char *
jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static long long
jint(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

void
page_freshness_section(struct web_req *rq, struct buf *b)
{
	struct tld_error err;
	json_t *o, *list, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"freshness\">\n<h2 id=\"freshness\">"
	    "Contact freshness</h2>\n");
	tld_error_clear(&err);
	if (freshness_dashboard_json(rq->ctx, &o, &err) < 0) {
		html_printf(b, "<p class=\"error\">%s</p>\n</section>\n", err.message);
		return;
	}
	html_printf(b, "<p>Every contact is asked to confirm their entry every %lld "
	    "days; an entry not confirmed %lld days after the ask is marked "
	    "stale.</p>\n<table class=\"freshness\">\n<caption>Active contacts "
	    "by freshness</caption>\n<tbody>\n"
	    "<tr><th scope=\"row\">Confirmed</th><td>%lld</td></tr>\n"
	    "<tr><th scope=\"row\">Asked, not yet confirmed</th><td>%lld</td></tr>\n"
	    "<tr><th scope=\"row\">Stale</th><td>%lld</td></tr>\n"
	    "<tr><th scope=\"row\">Correction pending</th><td>%lld</td></tr>\n"
	    "</tbody>\n<tfoot><tr><th scope=\"row\">Contacts</th><td>%lld</td></tr>"
	    "</tfoot>\n</table>\n", jint(o, "reconfirm_days"), jint(o, "stale_days"),
	    jint(o, "confirmed"), jint(o, "asked"), jint(o, "stale"),
	    jint(o, "correction_pending"), jint(o, "contacts"));
	list = json_object_get(o, "stale_contacts");
	html_printf(b, "<h3 class=\"sub\" id=\"stale\">Stale entries (%zu)</h3>\n",
	    json_array_size(list));
	if (html_table_start(b, json_array_size(list),
	    "None: every entry was confirmed in time.", NULL, (const char *[]){
	    "ccTLD", "Name", "E-mail", "Stale since", "Reminders", NULL })) {
		json_array_foreach(list, i, e) {
			char since[11];

			/* "2026-11-27T05:42:49Z": the day is enough here. */
			snprintf(since, sizeof(since), "%s", jstr(e, "stale_since"));
			buf_puts(b, "<tr><td><a href=\"/cctld/");
			url_encode(b, jstr(e, "cctld"));
			html_printf(b, "\">.%s</a></td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>%lld%s</td></tr>\n", jstr(e, "cctld"),
			    jstr(e, "name"), jstr(e, "email"), since,
			    jint(e, "reminders"), json_is_true(json_object_get(e,
			    "correction_pending")) ? ", correction pending" : "");
		}
		html_table_end(b);
	}
	json_decref(o);
	buf_puts(b, "</section>\n");
}
