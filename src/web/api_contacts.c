/* SPDX-License-Identifier: MIT */
/*
 * The contacts in the API at parity with the secretariat's pages
 * (docs/api.md): one contact, add (POST), change (PATCH), remove with a
 * reason (DELETE), a contact's history.  The same service calls as
 * `tldops contact add|update|remove`: the same rules, the same audit rows.
 * A body that is not a JSON object is a 400 naming the problem; a refused
 * value a 422 naming the field.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/role.h"
#include "service/audit.h"
#include "service/directory/contacts.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/resp.h"

static bool
contact_id(struct web_req *rq, int64_t *id)
{
	if (page_parse_id(rq->params[0], id))
		return true;
	resp_error(&rq->resp, 404, "id", "\"%s\" is not a contact id", rq->params[0]);
	return false;
}

/* The body as a JSON object; NULL with a 400 set. */
static json_t *
object_body(struct web_req *rq)
{
	struct tld_error err;
	json_t *o;

	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(&rq->resp, 400, err.field, "%s", err.message);
		return NULL;
	}
	return o;
}

void
api_contact_show(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct contact c;
	int64_t id;

	if (!contact_id(rq, &id))
		return;
	tld_error_clear(&err);
	if (contacts_get(rq->ctx, id, &c, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, contact_to_json(&c));
}

/*
 * The contact as JSON with "warnings" when its role is one the approver
 * would flag (model/role.h): stored all the same.
 */
static json_t *
contact_with_warnings(const struct contact *c, bool check_role)
{
	json_t *o = contact_to_json(c);
	const char *why = check_role ? role_flag_text(role_check(c->role)) : NULL;

	if (why != NULL)
		json_object_set_new(o, "warnings", json_pack("[{s:s, s:s}]",
		    "field", "role", "message", why));
	return o;
}

void
api_contact_add(struct web_req *rq, struct web_resp *rs)
{
	json_t *o = object_body(rq);
	struct contact_fields f;
	struct tld_error err;
	struct contact c;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_contact_fields(o, &f, &err) < 0 ||
	    contacts_add(rq->ctx, &f, &c, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	snprintf(rs->location, sizeof(rs->location), "/api/v1/contacts/%" PRId64,
	    c.id);
	resp_json(rs, 201, contact_with_warnings(&c, true));
}

void
api_contact_update(struct web_req *rq, struct web_resp *rs)
{
	struct contact_fields f;
	struct tld_error err;
	struct contact c;
	int64_t id;
	json_t *o;

	if (!contact_id(rq, &id) || (o = object_body(rq)) == NULL)
		return;
	tld_error_clear(&err);
	if (json_contact_fields(o, &f, &err) < 0)
		goto fail;
	if (f.cctld != NULL) {
		tld_error_set(&err, TLD_EINVAL, "cctld",
		    "a contact stays with its ccTLD; remove it and add a new one");
		goto fail;
	}
	/* A community contact may change its affiliation or kind; no other. */
	if (f.affiliation != NULL || f.kind != NULL) {
		if (contacts_get(rq->ctx, id, &c, &err) < 0)
			goto fail;
		if (!contact_is_community(&c)) {
			tld_error_set(&err, TLD_EINVAL, f.affiliation ?
			    "affiliation" : "kind", "a contact stays with its "
			    "ccTLD; remove it and add a community contact");
			goto fail;
		}
	}
	if (contacts_update(rq->ctx, id, &f, &c, &err) < 0)
		goto fail;
	json_decref(o);
	resp_json(rs, 200, contact_with_warnings(&c, f.role != NULL));
	return;
fail:
	json_decref(o);
	resp_tld_error(rs, &err);
}

void
api_contact_remove(struct web_req *rq, struct web_resp *rs)
{
	const char *reason = NULL;
	struct tld_error err;
	int64_t id;
	json_t *o;

	if (!contact_id(rq, &id) || (o = object_body(rq)) == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "reason", true, &reason, &err) < 0 ||
	    contacts_remove(rq->ctx, id, reason, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	resp_json(rs, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id,
	    "removed", 1));
}

void
api_contact_history(struct web_req *rq, struct web_resp *rs)
{
	struct audit_query q;
	struct tld_error err;
	char ids[24];
	json_t *a;
	int64_t id, total;

	if (!contact_id(rq, &id))
		return;
	memset(&q, 0, sizeof(q));
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	q.object_type = "contact";
	q.object_id = ids;
	q.limit = AUDIT_PAGE_MAX;
	tld_error_clear(&err);
	if (audit_query_json(rq->ctx, &q, &a, &total, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:I, s:I, s:o}", "contact", (json_int_t)id,
	    "total", (json_int_t)total, "entries", a));
}
