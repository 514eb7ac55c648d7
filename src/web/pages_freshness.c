/* SPDX-License-Identifier: MIT */
/*
 * Contact freshness on the committee dashboard (docs/freshness.md): the
 * counts and the stale entries.  The confirmation link a contact gets by
 * mail (/confirm/<token>) is in pages_public.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/states.h"
#include "service/directory/cctlds.h"
#include "service/directory/freshness.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"

/* Members' keys that expired, were revoked or expire soon (docs/crypto.md). */
static void
keys_table(struct buf *b, json_t *keys)
{
	json_t *e;
	size_t i;

	if (json_is_object(keys)) {
		html_printf(b, "<h3 class=\"sub\" id=\"keys\">OpenPGP keys</h3>\n"
		    "<p class=\"error\">%s</p>\n", json_str(keys, "error"));
		return;
	}
	html_printf(b, "<h3 class=\"sub\" id=\"keys\">OpenPGP keys expired, "
	    "revoked or expiring (%zu)</h3>\n", json_array_size(keys));
	if (!html_table_start(b, json_array_size(keys), "None: every member's "
	    "key on record is usable for more than 30 days.", "fold",
	    (const char *[]){ "ccTLD", "Name", "E-mail", "Key", "State", NULL }))
		return;
	json_array_foreach(keys, i, e) {
		/* Folded on a phone: each cell under its label. */
		buf_puts(b, "<tr><td data-label=\"ccTLD\"><a href=\"/cctld/");
		url_encode(b, json_str(e, "cctld"));
		html_printf(b, "\">.%s</a></td><td data-label=\"Name\">%s</td>"
		    "<td data-label=\"E-mail\">%s</td><td data-label=\"Key\">"
		    "<code>%s</code></td><td data-label=\"State\">",
		    json_str(e, "cctld"), json_str(e, "name"),
		    json_str(e, "email"), json_str(e, "fingerprint"));
		if (key_state_from(json_str(e, "state")) == KEY_STATE_EXPIRING) {
			char day[11];

			/* The day of the ISO time (html_printf knows no precision). */
			snprintf(day, sizeof(day), "%s", json_str(e, "expires"));
			html_printf(b, "expires on %s (asked to renew)", day);
		}
		else
			html_printf(b, "%s", json_str(e, "why"));
		buf_puts(b, "</td></tr>\n");
	}
	html_table_end(b);
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
	    "</tfoot>\n</table>\n", json_num(o, "reconfirm_days"), json_num(o, "stale_days"),
	    json_num(o, "confirmed"), json_num(o, "asked"), json_num(o, "stale"),
	    json_num(o, "correction_pending"), json_num(o, "contacts"));
	list = json_object_get(o, "stale_contacts");
	html_printf(b, "<h3 class=\"sub\" id=\"stale\">Stale entries (%zu)</h3>\n",
	    json_array_size(list));
	if (html_table_start(b, json_array_size(list),
	    "None: every entry was confirmed in time.", NULL, (const char *[]){
	    "ccTLD", "Name", "E-mail", "Stale since", "Reminders", NULL })) {
		json_array_foreach(list, i, e) {
			char since[11];

			/* "2026-11-27T05:42:49Z": the day is enough here. */
			snprintf(since, sizeof(since), "%s", json_str(e, "stale_since"));
			buf_puts(b, "<tr><td><a href=\"/cctld/");
			url_encode(b, json_str(e, "cctld"));
			html_printf(b, "\">.%s</a></td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>%lld%s</td></tr>\n", json_str(e, "cctld"),
			    json_str(e, "name"), json_str(e, "email"), since,
			    json_num(e, "reminders"), json_is_true(json_object_get(e,
			    "correction_pending")) ? ", correction pending" : "");
		}
		html_table_end(b);
	}
	keys_table(b, json_object_get(o, "keys"));
	json_decref(o);
	buf_puts(b, "</section>\n");
}
