/* SPDX-License-Identifier: MIT */
/*
 * Action items and objectives in the API, at parity with
 * /committee/actions (docs/api.md): list, add (POST), change (PATCH),
 * close, reopen and notes of an item; list, add and change (text, state)
 * of an objective.  The same service calls as `tldops action` and
 * `tldops objective`.  A body that is not a JSON object is a 400 naming
 * the problem; a refused value a 422 naming the field.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "service/collateral/actions.h"
#include "service/collateral/objectives.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/resp.h"

/* The item number of the path; false with a 404 set. */
static bool
action_number(struct web_req *rq, int64_t *n)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (actions_parse_number(rq->params[0], n, &err) == 0)
		return true;
	resp_error(&rq->resp, 404, "number", "%s", err.message);
	return false;
}

/* Answer with item n as actions_show() has it, or the error. */
static void
answer_action(struct web_req *rq, int status, int64_t n)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (actions_show(rq->ctx, n, &a, &err) < 0) {
		resp_tld_error(&rq->resp, &err);
		return;
	}
	resp_json(&rq->resp, status, a);
}

void
api_actions(struct web_req *rq, struct web_resp *rs)
{
	const char *s = form_get(&rq->query_args, "state");
	enum action_filter f = ACTION_FILTER_ALL;
	struct tld_error err;
	json_t *a;

	if (s != NULL && strcmp(s, "open") == 0)
		f = ACTION_FILTER_OPEN;
	else if (s != NULL && strcmp(s, "closed") == 0)
		f = ACTION_FILTER_CLOSED;
	else if (s != NULL && s[0] != '\0') {
		resp_error(rs, 422, "state", "is open or closed (or absent: all)");
		return;
	}
	tld_error_clear(&err);
	if (actions_list(rq->ctx, f, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_action_show(struct web_req *rq, struct web_resp *rs)
{
	int64_t n;

	(void)rs;
	if (action_number(rq, &n))
		answer_action(rq, 200, n);
}

void
api_action_add(struct web_req *rq, struct web_resp *rs)
{
	const char *title = NULL, *owner = NULL;
	json_t *o = resp_body_object(rq, false), *num;
	struct action_item a;
	struct tld_error err;
	int64_t n = 0;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	num = json_object_get(o, "number");
	if (num != NULL && !json_is_null(num)) {
		if (!json_is_integer(num)) {
			json_decref(o);
			resp_error(rs, 422, "number", "is a whole number (1..%d)",
			    ACTION_NUMBER_MAX);
			return;
		}
		n = json_integer_value(num);
		if (n < 1) {
			json_decref(o);
			resp_error(rs, 422, "number", "is a whole number (1..%d)",
			    ACTION_NUMBER_MAX);
			return;
		}
	}
	if (json_string_member(o, "title", true, &title, &err) < 0 ||
	    json_string_member(o, "owner", false, &owner, &err) < 0 ||
	    actions_add(rq->ctx, title, owner, n, &a, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	snprintf(rs->location, sizeof(rs->location), "/api/v1/actions/%" PRId64,
	    a.number);
	answer_action(rq, 201, a.number);
}

void
api_action_update(struct web_req *rq, struct web_resp *rs)
{
	const char *title = NULL, *owner = NULL;
	struct tld_error err;
	int64_t n;
	json_t *o;

	if (!action_number(rq, &n) || (o = resp_body_object(rq, false)) == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "title", false, &title, &err) < 0 ||
	    json_string_member(o, "owner", false, &owner, &err) < 0 ||
	    actions_edit(rq->ctx, n, title, owner, NULL, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	answer_action(rq, 200, n);
}

/* close, reopen, notes: the route's last segment says which. */
void
api_action_change(struct web_req *rq, struct web_resp *rs)
{
	const char *verb = strrchr(rq->route->pattern, '/') + 1;
	bool noting = strcmp(verb, "notes") == 0;
	const char *note = NULL;
	struct tld_error err;
	int64_t n;
	json_t *o;
	int rc;

	if (!action_number(rq, &n) || (o = resp_body_object(rq, true)) == NULL)
		return;
	tld_error_clear(&err);
	rc = json_string_member(o, "note", noting, &note, &err);
	if (rc == 0 && noting)
		rc = actions_note(rq->ctx, n, note, &err);
	else if (rc == 0 && strcmp(verb, "close") == 0)
		rc = actions_close(rq->ctx, n, note, &err);
	else if (rc == 0)
		rc = actions_reopen(rq->ctx, n, &err);
	json_decref(o);
	if (rc < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	answer_action(rq, noting ? 201 : 200, n);
}

/* ---- objectives ---------------------------------------------------------- */

void
api_objectives(struct web_req *rq, struct web_resp *rs)
{
	const char *m = form_get(&rq->query_args, "meeting");
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (objectives_list(rq->ctx, m != NULL && m[0] != '\0' ? m : NULL, &a,
	    &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

static bool
objective_id(struct web_req *rq, int64_t *id)
{
	if (page_parse_id(rq->params[0], id))
		return true;
	resp_error(&rq->resp, 404, "id", "\"%s\" is not an objective id",
	    rq->params[0]);
	return false;
}

void
api_objective_show(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id;
	json_t *o;

	if (!objective_id(rq, &id))
		return;
	tld_error_clear(&err);
	if (objectives_show(rq->ctx, id, &o, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, o);
}

void
api_objective_add(struct web_req *rq, struct web_resp *rs)
{
	const char *meeting = NULL, *text = NULL, *measure = NULL, *value = NULL;
	static const char *const targets[][2] = { { "target_members", "members" },
	    { "target_contacts", "contacts" }, { "target_milestone", "milestone" } };
	json_t *o = resp_body_object(rq, false);
	struct objective ob;
	struct tld_error err;
	int rc = 0;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	/* One target at most (objectives_add_target() names a bad one). */
	for (size_t i = 0; i < 3 && rc == 0; i++) {
		const char *v = NULL;

		if ((rc = json_string_member(o, targets[i][0], false, &v, &err)) < 0)
			break;
		if (v != NULL && measure != NULL)
			rc = tld_error_set(&err, TLD_EINVAL, targets[i][0],
			    "an objective has one target");
		else if (v != NULL) {
			measure = targets[i][1];
			value = v;
		}
	}
	if (rc < 0 ||
	    json_string_member(o, "meeting", true, &meeting, &err) < 0 ||
	    json_string_member(o, "text", true, &text, &err) < 0 ||
	    objectives_add_target(rq->ctx, meeting, text, measure, value, &ob,
	    &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	snprintf(rs->location, sizeof(rs->location), "/api/v1/objectives/%" PRId64,
	    ob.id);
	resp_json(rs, 201, objectives_json(&ob));
}

/* {"text"}, {"state"} or both, in one transaction (objectives_update()). */
void
api_objective_update(struct web_req *rq, struct web_resp *rs)
{
	const char *text = NULL, *state = NULL;
	struct objective ob;
	struct tld_error err;
	int64_t id;
	json_t *o;

	if (!objective_id(rq, &id) || (o = resp_body_object(rq, false)) == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "text", false, &text, &err) < 0 ||
	    json_string_member(o, "state", false, &state, &err) < 0 ||
	    objectives_update(rq->ctx, id, text, state, &ob, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	resp_json(rs, 200, objectives_json(&ob));
}
