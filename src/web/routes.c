/* SPDX-License-Identifier: MIT */
/*
 * The route table — every route with the least role that may call it —
 * and the one place where that is enforced: authentication (session
 * cookie, or a bearer token for the API), the role check, the CSRF check
 * of every POST, and only then the handler.
 */
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/log.h"
#include "web/cache.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/ratelimit.h"
#include "web/resp.h"
#include "web/routes.h"

#define PUB ROLE_PUBLIC
#define MEM ROLE_MEMBER
#define COM ROLE_COMMITTEE
#define SEC ROLE_SECRETARIAT
#define API ROUTE_API
#define PAGE ROUTE_PAGE
#define BODY ROUTE_BODY
#define LINK ROUTE_LINK
#define UPLOAD ROUTE_UPLOAD

const struct route web_routes[] = {
	/* Operations. */
	{ "GET", "/healthz", PUB, 0, web_healthz, "liveness and database check" },
	{ "GET", "/metrics", PUB, 0, web_metrics,
	  "Prometheus metrics: figures only for [web] metrics_token or loopback" },
	{ "GET", "/static/style.css", PUB, 0, web_style, "the style sheet" },
	/* Pages. */
	{ "GET", "/", PUB, PAGE, page_home, "public home: member ccTLDs, how to join" },
	{ "GET", "/login", PUB, PAGE, page_login, "sign-in form" },
	{ "POST", "/login", PUB, PAGE | BODY, page_login_post, "mail me a sign-in link" },
	{ "GET", "/login/{token}", PUB, PAGE | LINK, page_login_link,
	  "confirm signing in" },
	{ "POST", "/login/{token}", PUB, PAGE | BODY | LINK, page_login_link_post,
	  "sign in" },
	{ "POST", "/logout", MEM, PAGE | BODY, page_logout, "sign out" },
	/* pages_join.c */
	{ "GET", "/join", PUB, PAGE, page_join,
	  "the join form: a ccTLD names a security contact" },
	{ "POST", "/join", PUB, PAGE | BODY, page_join_post,
	  "file a join request (the IANA contacts authorise it; rate-limited)" },
	{ "GET", "/search", MEM, PAGE, page_search, "search the repository" },
	{ "GET", "/cctld/{code}", MEM, PAGE, page_cctld, "a ccTLD and its contacts" },
	{ "GET", "/me", MEM, PAGE, page_me, "my entry" },
	{ "POST", "/me", MEM, PAGE | BODY, page_me_post, "request a change of my entry" },
	{ "POST", "/me/key", MEM, PAGE | BODY, page_me_key_post, "upload my OpenPGP public key" },
	{ "GET", "/committee", COM, PAGE, page_committee, "committee dashboard" },
	{ "POST", "/committee/requests/{id}/approve", COM, PAGE | BODY, page_approve,
	  "approve a request" },
	{ "POST", "/committee/requests/{id}/reject", COM, PAGE | BODY, page_reject,
	  "reject a request" },
	/* pages_alerts.c */
	{ "POST", "/committee/alert", COM, PAGE | BODY, page_alert,
	  "preview an alert: subject, TLP, text, how many it goes to" },
	{ "POST", "/committee/alert/send", COM, PAGE | BODY, page_alert_send,
	  "send a previewed alert" },
	{ "GET", "/committee/alerts", COM, PAGE, page_alerts,
	  "write an alert; the alerts sent with their delivery state" },
	{ "GET", "/committee/digest", COM, PAGE, page_digest,
	  "the repository mail: preview, recipients, when it is next due" },
	{ "POST", "/committee/digest/send", COM, PAGE | BODY, page_digest_send,
	  "send the repository mail now (confirmed)" },
	{ "GET", "/committee/held", COM, PAGE, page_held,
	  "posts to the list held for the committee" },
	{ "POST", "/committee/held/{id}/approve", COM, PAGE | BODY, page_held_approve,
	  "distribute a held post" },
	{ "POST", "/committee/held/{id}/reject", COM, PAGE | BODY, page_held_reject,
	  "reject a held post (the sender is told why)" },
	{ "GET", "/committee/stats", COM, PAGE, page_plan_stats,
	  "numbers with the chart (?since=&until=)" },
	{ "GET", "/committee/outreach", COM, PAGE, page_plan_outreach,
	  "outreach to non-members (filter by region, state, owner; pages) and "
	  "the recruitment board" },
	{ "GET", "/committee/outreach/{code}", COM, PAGE, page_outreach,
	  "one ccTLD's outreach: every note, the form that changes it" },
	{ "POST", "/committee/outreach/{code}", COM, PAGE | BODY, page_outreach_set,
	  "set a ccTLD's outreach owner and state, add a note" },
	{ "GET", "/committee/actions", COM, PAGE, page_plan_actions,
	  "action items and objectives" },
	/* pages_documents.c */
	{ "GET", "/committee/docs", COM, PAGE, page_committee_docs,
	  "every document with its versions; upload and remove forms" },
	{ "POST", "/committee/docs", COM, PAGE | BODY | UPLOAD,
	  page_committee_docs_add,
	  "upload a version or a language (multipart, [docs] max_size_mib)" },
	{ "POST", "/committee/docs/{slug}/remove", COM, PAGE | BODY,
	  page_committee_docs_remove, "remove a document's language, with a reason" },
	/* pages_actions.c */
	{ "POST", "/committee/actions", COM, PAGE | BODY, page_action_add,
	  "add an action item" },
	{ "GET", "/committee/actions/{number}", COM, PAGE, page_action,
	  "an action item: its notes and the forms that change it" },
	{ "POST", "/committee/actions/{number}", COM, PAGE | BODY,
	  page_action_change, "change an action item's title and owner" },
	{ "POST", "/committee/actions/{number}/close", COM, PAGE | BODY,
	  page_action_change, "close an action item, with a note" },
	{ "POST", "/committee/actions/{number}/reopen", COM, PAGE | BODY,
	  page_action_change, "reopen a closed action item" },
	{ "POST", "/committee/actions/{number}/notes", COM, PAGE | BODY,
	  page_action_change, "add a note to an action item" },
	{ "POST", "/committee/objectives", COM, PAGE | BODY, page_objective_add,
	  "add an objective for a meeting" },
	{ "GET", "/committee/objectives/{id}", COM, PAGE, page_objective,
	  "an objective and the forms that change it" },
	{ "POST", "/committee/objectives/{id}", COM, PAGE | BODY,
	  page_objective_change, "change an objective's text" },
	{ "POST", "/committee/objectives/{id}/state", COM, PAGE | BODY,
	  page_objective_change, "mark an objective met, missed or open" },
	{ "GET", "/committee/meetings", COM, PAGE, page_plan_meetings,
	  "meetings, initiatives (with the milestone timeline) and events" },
	{ "POST", "/committee/meetings", COM, PAGE | BODY, page_plan_meeting_add,
	  "add a meeting" },
	{ "POST", "/committee/initiatives", COM, PAGE | BODY,
	  page_plan_initiative_add, "add an initiative" },
	{ "GET", "/committee/initiatives/{id}", COM, PAGE, page_plan_initiative,
	  "an initiative: milestones on the timeline, flags, history, forms" },
	{ "POST", "/committee/initiatives/{id}/lead", COM, PAGE | BODY,
	  page_plan_initiative_change, "set or remove an initiative's lead" },
	{ "POST", "/committee/initiatives/{id}/team", COM, PAGE | BODY,
	  page_plan_initiative_change, "add a name to the team or remove one" },
	{ "POST", "/committee/initiatives/{id}/milestones", COM, PAGE | BODY,
	  page_plan_initiative_change, "add a milestone due at a meeting" },
	{ "POST", "/committee/initiatives/{id}/done", COM, PAGE | BODY,
	  page_plan_initiative_change, "mark a milestone done" },
	{ "POST", "/committee/initiatives/{id}/state", COM, PAGE | BODY,
	  page_plan_initiative_change, "change the state, with a note" },
	{ "POST", "/committee/initiatives/{id}/deliverables", COM, PAGE | BODY,
	  page_plan_initiative_change, "add a document as a deliverable" },
	{ "POST", "/committee/events", COM, PAGE | BODY, page_plan_event_add,
	  "add an outreach event" },
	{ "GET", "/committee/events/{id}", COM, PAGE, page_plan_event,
	  "an event: invitations and outcomes, presenters, materials, forms" },
	{ "POST", "/committee/events/{id}/invite", COM, PAGE | BODY,
	  page_plan_event_change, "invite ccTLDs to an event" },
	{ "POST", "/committee/events/{id}/outcome", COM, PAGE | BODY,
	  page_plan_event_change, "record what came of an invitation" },
	{ "POST", "/committee/events/{id}/presenters", COM, PAGE | BODY,
	  page_plan_event_change, "name a presenter, or change how one presents" },
	{ "POST", "/committee/events/{id}/materials", COM, PAGE | BODY,
	  page_plan_event_change, "add a document in some languages as material" },
	{ "GET", "/committee/pack/{meeting}", COM, PAGE, page_plan_pack,
	  "a meeting's pack as one HTML file" },
	/* pages_exceptions.c */
	{ "GET", "/committee/exceptions", COM, PAGE, page_exceptions,
	  "role addresses allowed as contacts and the list's allowed senders" },
	{ "POST", "/committee/exceptions", COM, PAGE | BODY, page_exception_add,
	  "allow a role address as a contact, with a reason" },
	{ "POST", "/committee/exceptions/{id}/remove", COM, PAGE | BODY,
	  page_exception_remove, "remove an exception" },
	{ "POST", "/committee/allowed", COM, PAGE | BODY, page_allowed_add,
	  "allow a sender to post to the list, with a reason" },
	{ "POST", "/committee/allowed/remove", COM, PAGE | BODY,
	  page_allowed_remove, "take a sender off the allowed senders" },
	/* pages_audit.c, pages_alerts.c, pages_join.c (docs/web.md). */
	{ "GET", "/committee/stats.svg", COM, PAGE, web_stats_svg,
	  "download the stats chart for slides (?since=&until=)" },
	{ "GET", "/committee/stats.csv", COM, PAGE, web_stats_csv,
	  "download the stats spreadsheet, one row per ccTLD (?since=&until=)" },
	{ "GET", "/committee/audit", COM, PAGE, page_audit,
	  "the audit log: filter by actor, ccTLD, object and days, pages" },
	/* The secretariat's pages (docs/web.md). */
	{ "GET", "/contacts", SEC, PAGE, page_contacts,
	  "the contacts: filter by ccTLD, region and freshness, sort, pages" },
	{ "GET", "/contacts/new", SEC, PAGE, page_contact_new,
	  "the form that adds a contact" },
	{ "POST", "/contacts", SEC, PAGE | BODY, page_contact_add, "add a contact" },
	{ "GET", "/contacts/{id}", SEC, PAGE, page_contact,
	  "a contact: the entry, its edit and remove forms, its history" },
	{ "POST", "/contacts/{id}", SEC, PAGE | BODY, page_contact_edit,
	  "change a contact" },
	{ "POST", "/contacts/{id}/remove", SEC, PAGE | BODY, page_contact_remove,
	  "remove a contact, with a reason" },
	{ "GET", "/import", SEC, PAGE, page_import, "import contacts from CSV text" },
	{ "POST", "/import/check", SEC, PAGE | BODY, page_import_check,
	  "the dry run: every bad line, what would be added, changed, left" },
	{ "POST", "/import/apply", SEC, PAGE | BODY, page_import_apply,
	  "apply a checked import (all or nothing)" },
	{ "GET", "/exports", SEC, PAGE, page_exports,
	  "the exports to download, and the signed offline copy" },
	{ "GET", "/exports/{format}", SEC, PAGE, page_export_download,
	  "download csv, json, vcard, mailman, website or spreadsheet" },
	/* pages_accounts.c */
	{ "GET", "/accounts", SEC, PAGE, page_accounts,
	  "accounts and live API tokens, with the forms that change them" },
	{ "POST", "/accounts", SEC, PAGE | BODY, page_account_add,
	  "add an account with a role" },
	{ "POST", "/accounts/{email}/disable", SEC, PAGE | BODY, page_account_end,
	  "disable an account: its sessions, links and tokens stop at once" },
	{ "POST", "/accounts/{email}/remove", SEC, PAGE | BODY, page_account_end,
	  "remove an account and every secret of its address" },
	{ "POST", "/accounts/tokens", SEC, PAGE | BODY, page_token_create,
	  "create an API token (its secret shown once, on this answer)" },
	{ "POST", "/accounts/tokens/{id}/revoke", SEC, PAGE | BODY,
	  page_token_revoke, "revoke an API token at once" },
	/* pages_iana.c */
	{ "GET", "/iana", SEC, PAGE, page_iana,
	  "IANA records: paste whois text or fetch a ccTLD's record; recent changes" },
	{ "POST", "/iana/import", SEC, PAGE | BODY, page_iana_import,
	  "record pasted whois text (all or nothing)" },
	{ "POST", "/iana/fetch", SEC, PAGE | BODY, page_iana_fetch,
	  "fetch ccTLDs' records from [iana] whois_server and record them" },
	{ "GET", "/docs", PUB, PAGE, page_docs,
	  "playbooks the caller may read (each document has its visibility)" },
	{ "GET", "/docs/{slug}", PUB, PAGE, web_doc,
	  "download a document, if its visibility allows the caller" },
	{ "GET", "/authorize/{token}", PUB, PAGE | LINK, page_authorize,
	  "what an authorisation link authorises" },
	{ "POST", "/authorize/{token}", PUB, PAGE | BODY | LINK, page_authorize_post,
	  "authorise a request" },
	{ "GET", "/confirm/{token}", PUB, PAGE | LINK, page_confirm,
	  "the entry a confirmation link is about" },
	{ "POST", "/confirm/{token}", PUB, PAGE | BODY | LINK, page_confirm_post,
	  "confirm that entry (the link's button)" },
	{ "GET", "/archive", MEM, PAGE, page_archive,
	  "the list's archive: a month's threads, the months, ?q= search" },
	{ "GET", "/archive/{id}", MEM, PAGE, page_archive_post,
	  "one archived post and its thread" },
	{ "GET", "/archive/{id}/attachments/{n}", MEM, PAGE, page_archive_attachment,
	  "an archived post's attachment, as a download" },
	{ "GET", "/offline", MEM, PAGE, page_offline,
	  "the signed offline copy: links and how to check it" },
	{ "GET", "/offline/tldops.json", MEM, PAGE, page_offline_json,
	  "download the offline copy (?at=&sha256= from /offline)" },
	{ "GET", "/offline/tldops.json.asc", MEM, PAGE, page_offline_sig,
	  "download its detached signature (?at=&sha256= from /offline)" },
	/* The API. */
	{ "GET", "/api/v1", PUB, API, api_routes, "this list of routes" },
	{ "GET", "/api/v1/openapi.json", PUB, API, api_openapi,
	  "the OpenAPI 3.1 document of every /api/v1 route (src/web/openapi.json)" },
	{ "POST", "/api/v1/login", PUB, API | BODY, api_login, "mail a sign-in link" },
	{ "GET", "/api/v1/docs", PUB, API, api_docs,
	  "documents the caller may read" },
	{ "GET", "/api/v1/me", MEM, API, api_me, "who am I" },
	{ "GET", "/api/v1/me/key", MEM, API, api_me_key,
	  "my OpenPGP key on record: usable, expiry, or why not" },
	{ "POST", "/api/v1/me/key", MEM, API | BODY, api_me_key_post,
	  "upload my public key ({\"key\": armoured text})" },
	{ "GET", "/api/v1/keys", COM, API, api_keys,
	  "every member's key: fingerprint, expiry, usable or why not" },
	{ "GET", "/api/v1/cctlds", PUB, API, api_cctlds, "ccTLDs, membership and counts" },
	{ "GET", "/api/v1/cctlds/{code}", MEM, API, api_cctld_show,
	  "a ccTLD with its contacts and IANA contacts" },
	{ "GET", "/api/v1/lookup/{code}", MEM, API, api_cctld_show, "emergency lookup" },
	{ "GET", "/api/v1/search", MEM, API, api_search, "search ccTLDs and contacts" },
	{ "GET", "/api/v1/contacts", MEM, API, api_contacts, "active contacts" },
	{ "POST", "/api/v1/contacts", SEC, API | BODY, api_contact_add,
	  "add a contact (the fields of tldops contact add)" },
	{ "GET", "/api/v1/contacts/{id}", MEM, API, api_contact_show, "one active contact" },
	{ "PATCH", "/api/v1/contacts/{id}", SEC, API | BODY, api_contact_update,
	  "change the given fields of a contact" },
	{ "DELETE", "/api/v1/contacts/{id}", SEC, API | BODY, api_contact_remove,
	  "remove a contact ({\"reason\": ...} required)" },
	{ "POST", "/api/v1/contacts/{id}/key", SEC, API | BODY, api_contact_key_post,
	  "import a contact's public key ({\"key\": armoured text})" },
	{ "GET", "/api/v1/contacts/{id}/history", SEC, API, api_contact_history,
	  "a contact's changes from the audit log" },
	{ "GET", "/api/v1/archive", MEM, API, api_archive,
	  "the list's archive, newest first: ?q= search, ?before=ID, ?month=YYYY-MM" },
	{ "GET", "/api/v1/archive/{id}", MEM, API, api_archive_show,
	  "one archived post: its text, thread and attachments" },
	{ "POST", "/api/v1/imports", SEC, API | BODY, api_import,
	  "import contacts from CSV text ({\"csv\", \"update\", \"dry_run\"})" },
	{ "GET", "/api/v1/exports/{format}", SEC, API, api_export,
	  "an export as a download: csv, json, vcard, mailman, website, spreadsheet" },
	{ "GET", "/api/v1/offline", MEM, API, api_offline,
	  "the offline copy and its signature in one answer" },
	{ "GET", "/api/v1/requests", COM, API, api_requests_list, "membership requests" },
	{ "POST", "/api/v1/requests", MEM, API | BODY, api_request_create,
	  "create a request (members: about their own entry)" },
	{ "GET", "/api/v1/requests/{id}", COM, API, api_request_show, "one request" },
	{ "POST", "/api/v1/requests/{id}/approve", COM, API | BODY, api_request_approve,
	  "approve an authorised request" },
	{ "POST", "/api/v1/requests/{id}/reject", COM, API | BODY, api_request_reject,
	  "reject an authorised request" },
	{ "POST", "/api/v1/authorize/{token}", PUB, API | BODY | LINK, api_authorize,
	  "authorise a request with its one-time token" },
	{ "GET", "/api/v1/exceptions", COM, API, api_exceptions,
	  "generic-contact exceptions" },
	{ "POST", "/api/v1/exceptions", COM, API | BODY, api_exception_add,
	  "record a generic-contact exception" },
	{ "DELETE", "/api/v1/exceptions/{id}", COM, API | BODY,
	  api_exception_remove, "remove an exception ({\"reason\"} optional)" },
	{ "GET", "/api/v1/list/allowed", COM, API, api_allowed,
	  "the senders who may post to the list besides the members" },
	{ "POST", "/api/v1/list/allowed", COM, API | BODY, api_allowed_add,
	  "allow a sender ({\"email\", \"reason\"})" },
	{ "DELETE", "/api/v1/list/allowed/{email}", COM, API | BODY,
	  api_allowed_remove, "take a sender off the allowed senders" },
	{ "GET", "/api/v1/audit", COM, API, api_audit, "the audit log" },
	{ "GET", "/api/v1/audit/entries", COM, API, api_audit_entries,
	  "the audit log, newest first: ?actor=&cctld=&object_type=&object_id="
	  "&since=&until=&page=&limit=" },
	{ "GET", "/api/v1/stats", COM, API, api_stats, "statistics" },
	{ "GET", "/api/v1/stats.svg", COM, API, web_stats_svg,
	  "the stats chart as SVG (?since=&until=)" },
	{ "GET", "/api/v1/stats.csv", COM, API, web_stats_csv,
	  "the stats spreadsheet as CSV (?since=&until=)" },
	{ "GET", "/api/v1/alerts", COM, API, api_alerts,
	  "the alerts sent, newest first, with their delivery state (?limit=)" },
	{ "POST", "/api/v1/alerts", COM, API | BODY, api_alert_send,
	  "send a security alert to every active contact (\"dry_run\": preview)" },
	{ "GET", "/api/v1/digest", COM, API, api_digest,
	  "the repository mail: its text, recipients, last sent, next due" },
	{ "POST", "/api/v1/digest", COM, API | BODY, api_digest_send,
	  "send the repository mail now ({\"confirm\": true})" },
	{ "GET", "/api/v1/outbox", COM, API, api_outbox, "the outbox" },
	/* pages_documents.c */
	{ "POST", "/api/v1/docs", COM, API | BODY | UPLOAD, api_doc_add,
	  "upload a version (multipart/form-data: file, slug, title, lang, "
	  "visibility, version)" },
	{ "DELETE", "/api/v1/docs/{slug}", COM, API | BODY, api_doc_remove,
	  "remove a document ({\"reason\"}, \"lang\" for one language)" },
	/* pages_outreach.c */
	{ "GET", "/api/v1/outreach", COM, API, api_outreach,
	  "the outreach list: ?region=&state=&owner=&page=&limit=" },
	{ "GET", "/api/v1/outreach/{code}", COM, API, api_outreach_show,
	  "one ccTLD's outreach with every note" },
	{ "PATCH", "/api/v1/outreach/{code}", COM, API | BODY, api_outreach_update,
	  "set the owner or state, add a note ({\"owner\", \"state\", \"note\"})" },
	/* api_actions.c */
	{ "GET", "/api/v1/actions", COM, API, api_actions,
	  "action items with their notes (?state=open|closed)" },
	{ "POST", "/api/v1/actions", COM, API | BODY, api_action_add,
	  "add an action item ({\"title\", \"owner\", \"number\"})" },
	{ "GET", "/api/v1/actions/{number}", COM, API, api_action_show,
	  "one action item with its notes" },
	{ "PATCH", "/api/v1/actions/{number}", COM, API | BODY, api_action_update,
	  "change an action item's title or owner" },
	{ "POST", "/api/v1/actions/{number}/close", COM, API | BODY,
	  api_action_change, "close an action item ({\"note\"} optional)" },
	{ "POST", "/api/v1/actions/{number}/reopen", COM, API | BODY,
	  api_action_change, "reopen a closed action item" },
	{ "POST", "/api/v1/actions/{number}/notes", COM, API | BODY,
	  api_action_change, "add a note to an action item ({\"note\"})" },
	{ "GET", "/api/v1/objectives", COM, API, api_objectives,
	  "objectives (?meeting=)" },
	{ "POST", "/api/v1/objectives", COM, API | BODY, api_objective_add,
	  "add an objective ({\"meeting\", \"text\"})" },
	{ "GET", "/api/v1/objectives/{id}", COM, API, api_objective_show,
	  "one objective" },
	{ "PATCH", "/api/v1/objectives/{id}", COM, API | BODY,
	  api_objective_update, "change an objective's text or state (open, met, missed)" },
	{ "GET", "/api/v1/held", COM, API, api_held_list,
	  "held posts: id, date, from, subject, reason" },
	{ "POST", "/api/v1/held/{id}/approve", COM, API | BODY, api_held_approve,
	  "distribute a held post to every member" },
	{ "POST", "/api/v1/held/{id}/reject", COM, API | BODY, api_held_reject,
	  "reject a held post with {\"reason\": ...}" },
	{ "POST", "/api/v1/iana", SEC, API | BODY, api_iana,
	  "record IANA records: {\"whois\": TEXT} or {\"fetch\": [ccTLD, ...]}" },
	{ "GET", "/api/v1/accounts", SEC, API, api_accounts, "accounts" },
	{ "POST", "/api/v1/accounts", SEC, API | BODY, api_account_add, "add an account" },
	{ "POST", "/api/v1/accounts/{email}/disable", SEC, API | BODY, api_account_end,
	  "disable an account: its sessions and tokens stop at once" },
	{ "POST", "/api/v1/accounts/{email}/remove", SEC, API | BODY, api_account_end,
	  "remove an account and every secret of its address" },
	{ "GET", "/api/v1/tokens", SEC, API, api_tokens,
	  "live API tokens (?email=): id, email, created, expires, last used" },
	{ "POST", "/api/v1/tokens", SEC, API | BODY, api_token_create,
	  "create an API token (shown once)" },
	{ "POST", "/api/v1/tokens/{id}/revoke", SEC, API | BODY, api_token_revoke,
	  "revoke an API token at once" },
};
const size_t web_nroutes = sizeof(web_routes) / sizeof(web_routes[0]);

/* ---- matching ------------------------------------------------------------ */

static bool
match_pattern(const char *pat, const char *path, size_t len,
    char params[WEB_MAX_PARAMS][WEB_PARAM_MAX])
{
	size_t np = 0, i = 0;

	while (*pat != '\0') {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			size_t start = i;

			while (i < len && path[i] != '/')
				i++;
			if (i == start || np == WEB_MAX_PARAMS ||
			    !url_decode(path + start, i - start, false, params[np],
			    WEB_PARAM_MAX, NULL))
				return false;
			np++;
			pat = close + 1;
			continue;
		}
		if (i >= len || path[i] != *pat)
			return false;
		pat++;
		i++;
	}
	return i == len;
}

int
web_route_match(const char *method, const char *path, size_t len,
    char params[WEB_MAX_PARAMS][WEB_PARAM_MAX], bool *path_match)
{
	bool head = strcmp(method, "HEAD") == 0;

	*path_match = false;
	for (size_t r = 0; r < web_nroutes; r++) {
		if (!match_pattern(web_routes[r].pattern, path, len, params))
			continue;
		if (strcmp(web_routes[r].method, method) == 0 ||
		    (head && strcmp(web_routes[r].method, "GET") == 0))
			return (int)r;
		*path_match = true;
	}
	return -1;
}

/* ---- authentication and CSRF --------------------------------------------- */

/* A session's CSRF token: a hash of its id, so it needs no storage. */
static void
session_csrf(const char *session, char out[SECRET_HASH_HEX])
{
	unsigned char h[32];
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)"csrf:", 5);
	crypto_generichash_update(&st, (const unsigned char *)session,
	    strlen(session));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, SECRET_HASH_HEX, h, sizeof(h));
}

static bool
hex64(const char *p, size_t len)
{
	if (len != SECRET_HASH_HEX - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return false;
	return true;
}

/*
 * Who is asking.  The API takes a bearer token (a bad one is a 401 even
 * on a public route, so a script learns its token is wrong) or the
 * session cookie; pages take the cookie only.  Returns false when the
 * answer has been set (401).
 */
static bool
authenticate(struct web_req *rq)
{
	const struct route *r = rq->route;
	struct tld_error err;
	const char *v;
	size_t vlen;

	memset(&rq->who, 0, sizeof(rq->who));
	rq->via = AUTH_NONE;
	tld_error_clear(&err);
	if ((r->flags & ROUTE_API) && rq->authorization != NULL) {
		if (!bearer_parse(rq->authorization, strlen(rq->authorization), &v,
		    &vlen) || accounts_authenticate(rq->ctx, SECRET_API, v, vlen,
		    &rq->who, &err) < 0) {
			if (err.code != 0 && err.code != TLD_ENOTFOUND)
				log_errorx("web", "authentication: %s", err.message);
			rq->resp.www_authenticate = true;
			resp_error(&rq->resp, 401, "token",
			    "the bearer token is not valid (malformed, unknown, "
			    "revoked or expired)");
			return false;
		}
		rq->via = AUTH_BEARER;
		return true;
	}
	if (rq->cookie != NULL && cookie_find(rq->cookie, strlen(rq->cookie),
	    web_cookie_name(rq->ctx, WEB_COOKIE_SESSION), &v, &vlen) &&
	    vlen == SECRET_TEXT_MAX - 1 &&
	    accounts_authenticate(rq->ctx, SECRET_SESSION, v, vlen, &rq->who,
	    &err) == 0) {
		memcpy(rq->session, v, vlen);
		rq->session[vlen] = '\0';
		rq->via = AUTH_SESSION;
		session_csrf(rq->session, rq->csrf);
		return true;
	}
	memset(&rq->who, 0, sizeof(rq->who));
	/* No session: forms carry a random token doubled in a cookie. */
	if (rq->cookie != NULL && cookie_find(rq->cookie, strlen(rq->cookie),
	    web_cookie_name(rq->ctx, WEB_COOKIE_CSRF), &v, &vlen) &&
	    hex64(v, vlen)) {
		memcpy(rq->csrf_cookie, v, vlen);
		rq->csrf_cookie[vlen] = '\0';
		web_csrf_from_cookie(rq);
	}
	/* Otherwise page_csrf_field() makes one when a page shows a form. */
	return true;
}

void
web_csrf_from_cookie(struct web_req *rq)
{
	const char *link = rq->route != NULL && (rq->route->flags & ROUTE_LINK) ?
	    rq->params[0] : "";
	unsigned char h[32];
	crypto_generichash_state st;

	/*
	 * On a one-time link's page the form carries H(cookie, link token):
	 * a cookie planted by a sibling site (plain HTTP has no __Host-) is
	 * of no use without the token, which only the mail's reader has.
	 */
	if (link[0] == '\0') {
		memcpy(rq->csrf, rq->csrf_cookie, sizeof(rq->csrf));
		return;
	}
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)"csrf-link:", 10);
	crypto_generichash_update(&st, (const unsigned char *)rq->csrf_cookie,
	    strlen(rq->csrf_cookie));
	crypto_generichash_update(&st, (const unsigned char *)":", 1);
	crypto_generichash_update(&st, (const unsigned char *)link, strlen(link));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(rq->csrf, sizeof(rq->csrf), h, sizeof(h));
}

static bool
csrf_ok(struct web_req *rq, const char *given)
{
	size_t n = strlen(rq->csrf);

	return n == SECRET_HASH_HEX - 1 && given != NULL &&
	    strlen(given) == n && sodium_memcmp(given, rq->csrf, n) == 0;
}

/* ---- the API's request bodies against the OpenAPI document -------------- */

extern const char web_openapi_json[]; /* generated from src/web/openapi.json */
static json_t *openapi_doc;
static pthread_once_t openapi_once = PTHREAD_ONCE_INIT;

static void
openapi_load(void)
{
	json_error_t je;

	openapi_doc = json_loads(web_openapi_json, 0, &je);
	if (openapi_doc == NULL)
		log_errorx("web", "src/web/openapi.json: line %d: %s (request "
		    "bodies are not checked for unknown fields)", je.line, je.text);
}

/*
 * The fields the route's JSON body may have: the properties of its
 * requestBody schema in the OpenAPI document, or NULL when it declares
 * none (no JSON body, or additionalProperties allowed).
 */
static const json_t *
body_fields(const struct route *r)
{
	char method[8];
	const json_t *schema;
	size_t i;

	pthread_once(&openapi_once, openapi_load);
	for (i = 0; r->method[i] != '\0' && i < sizeof(method) - 1; i++)
		method[i] = (char)(r->method[i] - 'A' + 'a');
	method[i] = '\0';
	schema = json_object_get(json_object_get(json_object_get(json_object_get(
	    json_object_get(json_object_get(json_object_get(openapi_doc, "paths"),
	    r->pattern), method), "requestBody"), "content"), "application/json"),
	    "schema");
	if (!json_is_object(json_object_get(schema, "properties")) ||
	    json_is_true(json_object_get(schema, "additionalProperties")))
		return NULL;
	return json_object_get(schema, "properties");
}

/*
 * An API body, before its handler: malformed JSON or not an object is a
 * 400 naming the problem, a member the route does not take a 422 naming
 * it (with the fields it does take).  An empty body is the handler's to
 * judge.  False when the answer has been set.
 */
static bool
api_body_ok(struct web_req *rq)
{
	const json_t *fields, *v;
	struct tld_error err;
	const char *key;
	json_t *o;

	if (rq->body.len == 0)
		return true;
	tld_error_clear(&err);
	if (json_body_parse(rq->body.data, rq->body.len, &o, &err) < 0) {
		resp_error(&rq->resp, 400, err.field, "%s", err.message);
		return false;
	}
	if ((fields = body_fields(rq->route)) != NULL) {
		json_object_foreach(o, key, v) {
			struct buf names;
			const char *name;
			const json_t *f;

			(void)v;
			if (json_object_get(fields, key) != NULL)
				continue;
			buf_init(&names);
			json_object_foreach((json_t *)fields, name, f) {
				(void)f;
				buf_printf(&names, "%s%s", names.len ? ", " : "", name);
			}
			resp_error(&rq->resp, 422, key, "is not a field of this "
			    "request (%s%s)", names.len ? "it takes: " : "it takes none",
			    names.len ? buf_str(&names) : "");
			buf_fini(&names);
			json_decref(o);
			return false;
		}
	}
	json_decref(o);
	return true;
}

/* Parse the request body of a POST; false when the answer has been set. */
static bool
read_body(struct web_req *rq)
{
	const struct route *r = rq->route;
	const char *ct = rq->content_type != NULL ? rq->content_type : "";
	struct tld_error err;

	tld_error_clear(&err);
	if (r->flags & ROUTE_UPLOAD) {
		/* server.c made the text fields a form; the file is rq->upload. */
		bool form = strncmp(ct, "multipart/form-data", 19) == 0 ||
		    strncmp(ct, "application/x-www-form-urlencoded", 33) == 0;

		if (!form || rq->upload.bad) {
			if (r->flags & ROUTE_API)
				resp_error(&rq->resp, form ? 400 : 415, form ? "body" :
				    "content-type", "send the file and its fields as "
				    "multipart/form-data (one file, in the field file)");
			else
				page_message(rq, 400, "Bad request", "This form must be "
				    "sent as multipart/form-data, with one file.");
			return false;
		}
	} else if (r->flags & ROUTE_API) {
		/* JSON only: a cross-site form cannot send it without CORS. */
		if (strncmp(ct, "application/json", 16) != 0) {
			resp_error(&rq->resp, 415, "content-type",
			    "send the body as application/json");
			return false;
		}
		/* Handlers parse it again with json_body_parse(). */
		return api_body_ok(rq);
	} else if (strncmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
		page_message(rq, 400, "Bad request",
		    "This form must be sent as application/x-www-form-urlencoded.");
		return false;
	}
	if (form_parse(rq->body.data != NULL ? rq->body.data : "", rq->body.len,
	    &rq->form, &err) < 0) {
		if (r->flags & ROUTE_API)
			resp_error(&rq->resp, 400, err.field, "%s", err.message);
		else
			page_message(rq, 400, "Bad request", err.message);
		return false;
	}
	return true;
}

/* POST, PATCH, DELETE: a body, a CSRF check, the micro-cache forgotten. */
static bool
writes(const struct route *r)
{
	return strcmp(r->method, "GET") != 0;
}

static void
deny(struct web_req *rq)
{
	const struct route *r = rq->route;

	if (rq->who.role == ROLE_PUBLIC) {
		if (r->flags & ROUTE_PAGE) {
			resp_redirect(&rq->resp, "/login");
			return;
		}
		rq->resp.www_authenticate = true;
		resp_error(&rq->resp, 401, NULL, "sign in or send a bearer token");
		return;
	}
	if (r->flags & ROUTE_PAGE)
		page_message(rq, 403, "Not for your role",
		    "Your account does not give access to this page.");
	else
		resp_error(&rq->resp, 403, NULL, "your role (%s) may not do this",
		    account_role_name(rq->who.role));
}

void
web_dispatch(struct web_req *rq)
{
	const struct route *r = rq->route;
	struct tld_error err;
	const char *q = rq->query;

	tld_error_clear(&err);
	if (form_parse(q, strlen(q), &rq->query_args, &err) < 0) {
		resp_error(&rq->resp, 400, err.field, "query string: %s", err.message);
		return;
	}
	if ((r->flags & ROUTE_LINK) && !web_link_limit_take(rq->client, clock_now())) {
		if (r->flags & ROUTE_PAGE)
			page_message(rq, 429, "Too many requests",
			    "Too many links were opened from your address. Wait a "
			    "minute and try again.");
		else
			resp_error(&rq->resp, 429, "client",
			    "too many one-time links from this address; wait a minute");
		return;
	}
	if (!authenticate(rq))
		return;
	if (rq->who.role < r->min_role) {
		deny(rq);
		return;
	}
	/* The audit log names the person acting through the web. */
	if (rq->who.email[0] != '\0')
		snprintf(rq->ctx->actor, sizeof(rq->ctx->actor), "%.*s",
		    (int)sizeof(rq->ctx->actor) - 1, rq->who.email);
	else
		snprintf(rq->ctx->actor, sizeof(rq->ctx->actor), "web");
	if (writes(r)) {
		if (!read_body(rq))
			return;
		if (r->flags & ROUTE_PAGE) {
			if (!csrf_ok(rq, form_get(&rq->form, "csrf"))) {
				page_message(rq, 403, "Form expired",
				    "This form is out of date or did not come from this "
				    "site. Go back, reload the page and try again.");
				return;
			}
		} else if (rq->via == AUTH_SESSION &&
		    !csrf_ok(rq, rq->csrf_header)) {
			resp_error(&rq->resp, 403, "X-CSRF-Token",
			    "a request signed in by cookie needs the X-CSRF-Token "
			    "header");
			return;
		}
	}
	rq->cache_gen = web_cache_generation();
	r->handler(rq, &rq->resp);
	if (writes(r))
		web_cache_bump(); /* whatever it changed is seen at once */
	if (rq->new_csrf_cookie)
		resp_set_cookie(&rq->resp, rq->ctx, WEB_COOKIE_CSRF,
		    rq->csrf_cookie, -1);
}

void
api_routes(struct web_req *rq, struct web_resp *rs)
{
	json_t *a = json_array();

	(void)rq;
	for (size_t i = 0; i < web_nroutes; i++) {
		const struct route *r = &web_routes[i];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s}",
		    "method", r->method, "path", r->pattern,
		    "min_role", account_role_name(r->min_role),
		    "kind", r->flags & ROUTE_API ? "api" : r->flags & ROUTE_PAGE ?
		    "page" : "operations", "summary", r->summary));
	}
	resp_json(rs, 200, json_pack("{s:o}", "routes", a));
}
