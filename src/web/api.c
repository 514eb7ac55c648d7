/* SPDX-License-Identifier: MIT */
/*
 * The JSON API /api/v1/...: thin handlers over the same service functions
 * as the CLI.  The router has checked the route's role and CSRF before any
 * of these runs; the only finer rule here is that a member's requests
 * concern their own entry.  Shapes are in docs/api.md.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit.h"
#include "service/books/stats.h"
#include "service/books/usage.h"
#include "service/directory/cctlds.h"
#include "service/directory/contacts.h"
#include "service/directory/exceptions.h"
#include "service/directory/search.h"
#include "service/list/mailing.h"
#include "service/membership/accounts.h"
#include "service/membership/requests.h"
#include "service/outbox.h"
#include "util/clock.h"
#include "web/cache.h"
#include "web/handlers.h"
#include "web/resp.h"
#include "web/server.h"

/* The JSON object of the body; NULL with a 400 set.  Empty is {} if allowed. */
static json_t *
body_json(struct web_req *rq, bool allow_empty)
{
	struct tld_error err;
	json_t *o;

	if (rq->body.len == 0 && allow_empty)
		return json_object();
	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(&rq->resp, 400, err.field, "%s", err.message);
		return NULL;
	}
	return o;
}

static bool
param_id(struct web_req *rq, int64_t *id)
{
	const char *s = rq->params[0];
	char *end;
	long long v;

	errno = 0;
	v = s[0] >= '1' && s[0] <= '9' ? strtoll(s, &end, 10) : 0;
	if (v <= 0 || errno != 0 || *end != '\0') {
		resp_error(&rq->resp, 404, "id", "\"%s\" is not a request id", s);
		return false;
	}
	*id = v;
	return true;
}

void
api_me(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct contact c;
	json_t *o = json_pack("{s:s, s:s, s:s}", "email", rq->who.email, "role",
	    account_role_name(rq->who.role), "via",
	    rq->via == AUTH_BEARER ? "token" : "session");

	tld_error_clear(&err);
	if (accounts_contact(rq->ctx, &rq->who, &c, &err) == 0)
		json_object_set_new(o, "contact", contact_to_json(&c));
	else
		json_object_set_new(o, "contact", json_null());
	resp_json(rs, 200, o);
}

static int
append_cctld(void *arr, const struct cctld *c)
{
	json_array_append_new(arr, cctlds_to_json(c));
	return 0;
}

void
api_cctlds(struct web_req *rq, struct web_resp *rs)
{
	struct cctld_filter f = { 0, NULL };
	const char *members = form_get(&rq->query_args, "members");
	struct tld_error err;
	json_t *a;

	f.region = form_get(&rq->query_args, "region");
	if (f.region != NULL && !region_valid(f.region)) {
		resp_error(rs, 422, "region", "\"%s\" is not one of AF, AP, EU, "
		    "LAC, NA", f.region);
		return;
	}
	if (members != NULL) {
		if (strcmp(members, "true") == 0 || strcmp(members, "1") == 0)
			f.members = 1;
		else if (strcmp(members, "false") == 0 || strcmp(members, "0") == 0)
			f.members = -1;
		else {
			resp_error(rs, 422, "members", "is true or false");
			return;
		}
	}
	tld_error_clear(&err);
	a = json_array();
	if (cctlds_each(rq->ctx, &f, append_cctld, a, &err) < 0) {
		json_decref(a);
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_cctld_show(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct cctld c;
	json_t *o;
	int rc;

	tld_error_clear(&err);
	rc = cctlds_resolve(rq->ctx, rq->params[0], &c, &err);
	/* Counted in memory, written by serve's background (usage.h). */
	if (rc == 0 || rc == TLD_EINVAL || rc == TLD_ENOTFOUND)
		(void)usage_lookup(rq->ctx, USAGE_API, rc == 0 ? &c : NULL);
	/* The emergency lookup: the hottest route, micro-cached (cache.c). */
	if (rc == 0 && web_cache_get(rq, rs))
		return;
	if (rc < 0 || cctlds_show_json(rq->ctx, &c, &o, &err) < 0) {
		if (err.code == TLD_EINVAL)
			err.code = TLD_ENOTFOUND; /* not a ccTLD: nothing there */
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, o);
	web_cache_put(rq, rs);
}

void
api_search(struct web_req *rq, struct web_resp *rs)
{
	const char *q = form_get(&rq->query_args, "q");
	struct tld_error err;
	json_t *o;

	if (q == NULL) {
		resp_error(rs, 400, "q", "give the search text as ?q=");
		return;
	}
	tld_error_clear(&err);
	if (search_json(rq->ctx, q, &o, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	(void)usage_search(rq->ctx, USAGE_API,
	    json_array_size(json_object_get(o, "cctlds")) > 0 ||
	    json_array_size(json_object_get(o, "contacts")) > 0);
	resp_json(rs, 200, o);
}

/*
 * Each contact's JSON is written to the answer as it is read, so the
 * memory is the answer's text, not a tree of every contact (which took
 * 95 MB for 10,000 contacts).
 */
static int
append_contact(void *rsp, const struct contact *c)
{
	struct web_resp *rs = rsp;
	json_t *o = contact_to_json(c);

	buf_putc(&rs->body, rs->body.len == 0 ? '[' : ',');
	resp_json_append(rs, o);
	json_decref(o);
	return 0;
}

/* A row of the secretariat's list, with its bounce state (?bounces=). */
static int
append_listed(void *rsp, const struct contact_listed *r)
{
	struct web_resp *rs = rsp;
	json_t *o = contact_to_json(&r->c);
	char since[32];

	if (r->undeliverable != 0) {
		clock_format_iso(r->undeliverable, since, sizeof(since));
		json_object_set_new(o, "undeliverable", json_string(since));
	} else {
		json_object_set_new(o, "undeliverable", json_null());
	}
	json_object_set_new(o, "bounces", json_integer(r->bounces));
	buf_putc(&rs->body, rs->body.len == 0 ? '[' : ',');
	resp_json_append(rs, o);
	json_decref(o);
	return 0;
}

/*
 * ?bounces=undeliverable|soft|none: the committee's view (the marks are
 * not for members), every matching contact, by ccTLD and name.
 */
static void
contacts_by_bounces(struct web_req *rq, struct web_resp *rs, const char *code,
    const char *bounces)
{
	static const char *const codes[] = { "undeliverable", "soft", "none" };
	struct contact_query q;
	struct tld_error err;
	int64_t total = 0;
	size_t i;
	int n;

	if (rq->who.role < ROLE_COMMITTEE) {
		resp_error(rs, 403, "bounces", "the bounce state is for the committee "
		    "and the secretariat");
		return;
	}
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]) &&
	    strcmp(codes[i], bounces) != 0; i++)
		;
	if (i == sizeof(codes) / sizeof(codes[0])) {
		resp_error(rs, 422, "bounces", "one of undeliverable, soft, none");
		return;
	}
	memset(&q, 0, sizeof(q));
	q.cctld = code != NULL ? code : "";
	q.region = "";
	q.bounces = (enum contact_bounce_filter)(i + 1);
	q.sort = CONTACT_SORT_CCTLD;
	q.limit = CONTACTS_PAGE_MAX;
	tld_error_clear(&err);
	buf_reset(&rs->body);
	do {
		if ((n = contacts_query(rq->ctx, &q, append_listed, rs, &total,
		    &err)) < 0) {
			resp_tld_error(rs, &err);
			return;
		}
		q.offset += q.limit;
	} while (n == q.limit && q.offset < total);
	buf_puts(&rs->body, rs->body.len == 0 ? "[]\n" : "]\n");
	rs->status = 200;
	rs->content_type = "application/json";
}

void
api_contacts(struct web_req *rq, struct web_resp *rs)
{
	const char *code = form_get(&rq->query_args, "cctld");
	const char *bounces = form_get(&rq->query_args, "bounces");
	const char *community = form_get(&rq->query_args, "community");
	struct tld_error err;
	struct cctld c;

	if (bounces != NULL && bounces[0] != '\0') {
		contacts_by_bounces(rq, rs, code, bounces);
		return;
	}
	tld_error_clear(&err);
	/* ?community=1: only the community's contacts (IANA, liaisons, staff). */
	if (community != NULL && strcmp(community, "1") != 0 &&
	    strcmp(community, "true") != 0) {
		resp_error(rs, 400, "community", "is 1 or true");
		return;
	}
	if (community != NULL && code != NULL) {
		resp_error(rs, 400, "community", "cctld or community, not both");
		return;
	}
	if (code != NULL && cctlds_resolve(rq->ctx, code, &c, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	buf_reset(&rs->body);
	if (contacts_each(rq->ctx, community ? STORE_CONTACT_COMMUNITY :
	    code ? c.code : NULL,
	    append_contact, rs, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	buf_puts(&rs->body, rs->body.len == 0 ? "[]\n" : "]\n");
	rs->status = 200;
	rs->content_type = "application/json";
}

void
api_requests_list(struct web_req *rq, struct web_resp *rs)
{
	const char *state = form_get(&rq->query_args, "state");
	enum request_state st;
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (state != NULL && request_state_parse(state, &st, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	if (requests_list_json(rq->ctx, state ? &st : NULL, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_request_show(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id;
	json_t *o;

	if (!param_id(rq, &id))
		return;
	tld_error_clear(&err);
	if (requests_show_json(rq->ctx, id, &o, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, o);
}

/* A member may only ask about their own entry; the committee about any. */
static bool
member_may_request(struct web_req *rq, enum request_kind kind,
    int64_t contact_id)
{
	if (rq->who.role >= ROLE_COMMITTEE)
		return true;
	if (kind == REQUEST_JOIN || rq->who.contact_id == 0 ||
	    contact_id != rq->who.contact_id) {
		resp_error(&rq->resp, 403, "contact_id", "members may request "
		    "updates or the removal of their own entry only");
		return false;
	}
	return true;
}

void
api_request_create(struct web_req *rq, struct web_resp *rs)
{
	json_t *o = body_json(rq, false), *cid;
	struct contact_fields f;
	enum request_kind kind;
	struct tld_error err;
	const char *kind_s, *cctld;
	int64_t contact_id = 0, id;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "kind", true, &kind_s, &err) < 0 ||
	    request_kind_parse(kind_s, &kind, &err) < 0 ||
	    json_contact_fields(o, &f, &err) < 0)
		goto fail;
	cid = json_object_get(o, "contact_id");
	if (cid != NULL && !json_is_null(cid)) {
		if (!json_is_integer(cid) || json_integer_value(cid) <= 0) {
			tld_error_set(&err, TLD_EINVAL, "contact_id",
			    "must be a positive integer");
			goto fail;
		}
		contact_id = json_integer_value(cid);
	}
	/* "kind" here is the request's (join, update, leave), not a contact's. */
	f.kind = NULL;
	if (f.affiliation != NULL) {
		tld_error_set(&err, TLD_EINVAL, "affiliation", "a request is for "
		    "a ccTLD's contact; the secretariat adds community contacts "
		    "(POST /api/v1/contacts with affiliation and kind)");
		goto fail;
	}
	cctld = f.cctld;
	if (cctld == NULL && rq->who.role < ROLE_COMMITTEE)
		cctld = rq->who.cctld;
	if (cctld == NULL) {
		tld_error_set(&err, TLD_EINVAL, "cctld", "is required");
		goto fail;
	}
	f.cctld = NULL;
	if (!member_may_request(rq, kind, contact_id)) {
		json_decref(o);
		return;
	}
	if (kind == REQUEST_LEAVE && (f.name || f.email || f.phone ||
	    f.organisation || f.role || f.languages || f.pgp_fingerprint)) {
		tld_error_set(&err, TLD_EINVAL, "fields",
		    "a leave request takes no contact fields");
		goto fail;
	}
	if (requests_create(rq->ctx, kind, cctld, contact_id, &f, &id, &err) < 0)
		goto fail;
	json_decref(o);
	web_kick_outbox();
	resp_json(rs, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id,
	    "state", request_state_name(REQUEST_STATE_PENDING)));
	return;
fail:
	json_decref(o);
	resp_tld_error(rs, &err);
}

static void
answer_request(struct web_req *rq, int64_t id, int status)
{
	struct tld_error err;
	json_t *o;

	tld_error_clear(&err);
	if (requests_show_json(rq->ctx, id, &o, &err) < 0)
		resp_tld_error(&rq->resp, &err);
	else
		resp_json(&rq->resp, status, o);
}

void
api_request_approve(struct web_req *rq, struct web_resp *rs)
{
	struct request_approval ap;
	struct tld_error err;
	json_t *o, *announce;
	int64_t id;
	bool ann = true;

	if (!param_id(rq, &id) || (o = body_json(rq, true)) == NULL)
		return;
	announce = json_object_get(o, "announce");
	if (announce != NULL && !json_is_boolean(announce)) {
		json_decref(o);
		resp_error(rs, 422, "announce", "must be true or false");
		return;
	}
	if (announce != NULL)
		ann = json_is_true(announce);
	json_decref(o);
	tld_error_clear(&err);
	if (requests_approve(rq->ctx, id, ann, &ap, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	web_kick_outbox();
	/* The request, and whether the list was told (issue 23). */
	if (requests_show_json(rq->ctx, id, &o, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	json_object_set_new(o, "announced", json_boolean(ap.announced));
	if (ap.not_announced[0] != '\0')
		json_object_set_new(o, "not_announced",
		    json_string(ap.not_announced));
	resp_json(rs, 200, o);
}

void
api_request_reject(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	const char *reason;
	json_t *o;
	int64_t id;

	if (!param_id(rq, &id) || (o = body_json(rq, false)) == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "reason", true, &reason, &err) < 0 ||
	    requests_reject(rq->ctx, id, reason, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	answer_request(rq, id, 200);
}

void
api_authorize(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id;

	tld_error_clear(&err);
	if (requests_authorize(rq->ctx, rq->params[0], &id, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	/* The authoriser may know nothing else: id and state only. */
	resp_json(rs, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id,
	    "state", request_state_name(REQUEST_STATE_AUTHORISED)));
}

void
api_exceptions(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (exceptions_list(rq->ctx, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_exception_add(struct web_req *rq, struct web_resp *rs)
{
	struct generic_exception e;
	struct tld_error err;
	const char *email, *reason;
	char when[32];
	json_t *o = body_json(rq, false);

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "email", true, &email, &err) < 0 ||
	    json_string_member(o, "reason", true, &reason, &err) < 0 ||
	    exceptions_add(rq->ctx, email, reason, &e, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	clock_format_iso(e.created, when, sizeof(when));
	resp_json(rs, 201, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id",
	    (json_int_t)e.id, "email", e.email, "reason", e.reason,
	    "approved_by", e.approved_by, "created", when));
}

static bool
query_date(struct web_req *rq, const char *key, int64_t *out)
{
	const char *v = form_get(&rq->query_args, key);

	*out = 0;
	if (v == NULL)
		return true;
	if (!clock_parse_iso(v, strlen(v), out)) {
		resp_error(&rq->resp, 422, key, "\"%s\" is not YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM:SSZ", v);
		return false;
	}
	return true;
}

void
api_audit(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t since, until;
	json_t *a;

	if (!query_date(rq, "since", &since) || !query_date(rq, "until", &until))
		return;
	tld_error_clear(&err);
	if (audit_list(rq->ctx, since, until, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_stats(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t since, until;
	json_t *o;

	if (!query_date(rq, "since", &since) || !query_date(rq, "until", &until))
		return;
	tld_error_clear(&err);
	if (stats_json(rq->ctx, since, until, &o, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, o);
}

void
api_alert_send(struct web_req *rq, struct web_resp *rs)
{
	const char *subject, *body, *tlp_s;
	enum tlp tlp = TLP_NONE;
	struct tld_error err;
	int64_t msg = 0, count = 0;
	json_t *o = body_json(rq, false), *dry;
	int n;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	dry = json_object_get(o, "dry_run");
	if (dry != NULL && !json_is_boolean(dry)) {
		tld_error_set(&err, TLD_EINVAL, "dry_run", "must be true or false");
		goto fail;
	}
	if (json_string_member(o, "subject", true, &subject, &err) < 0 ||
	    json_string_member(o, "body", true, &body, &err) < 0 ||
	    json_string_member(o, "tlp", false, &tlp_s, &err) < 0 ||
	    (tlp_s != NULL && tlp_parse(tlp_s, &tlp, &err) < 0))
		goto fail;
	if (json_is_true(dry)) {
		/* What would be sent and to how many; nothing queued. */
		if (alert_preview(rq->ctx, subject, body, tlp, &count, &err) < 0)
			goto fail;
		resp_json(rs, 200, json_pack("{s:b, s:s, s:s, s:s, s:I}", "dry_run",
		    1, "subject", subject, "tlp", tlp != TLP_NONE ?
		    tlp_label(tlp) : "", "body", body, "recipients",
		    (json_int_t)count));
		json_decref(o);
		return;
	}
	if ((n = alert_send(rq->ctx, subject, body, tlp, &msg, &err)) < 0)
		goto fail;
	json_decref(o);
	web_kick_outbox();
	resp_json(rs, 202, json_pack("{s:I, s:i}", "message_id", (json_int_t)msg,
	    "recipients", n));
	return;
fail:
	json_decref(o);
	resp_tld_error(rs, &err);
}

void
api_outbox(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *o;

	tld_error_clear(&err);
	if (outbox_status(rq->ctx, &o, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, o);
}

void
api_accounts(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (accounts_list_json(rq->ctx, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_account_add(struct web_req *rq, struct web_resp *rs)
{
	const char *email, *role_s;
	enum account_role role;
	struct account a;
	struct tld_error err;
	json_t *o = body_json(rq, false);

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "email", true, &email, &err) < 0 ||
	    json_string_member(o, "role", true, &role_s, &err) < 0 ||
	    account_role_parse(role_s, &role, &err) < 0 ||
	    accounts_add(rq->ctx, email, role, &a, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	resp_json(rs, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)a.id,
	    "email", a.email, "role", a.role));
}

void
api_login(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	const char *email;
	json_t *o = body_json(rq, false);

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "email", true, &email, &err) < 0 ||
	    accounts_login_request(rq->ctx, email, rq->client, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	web_kick_outbox();
	resp_json(rs, 202, json_pack("{s:s}", "status", "if this address belongs "
	    "to the community, a sign-in link valid for 15 minutes is on its way"));
}
