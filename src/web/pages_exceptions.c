/* SPDX-License-Identifier: MIT */
/*
 * The committee's two lists of addresses (docs/web.md): the role
 * addresses allowed as contacts (generic-contact exceptions, `tldops
 * exception`) and the senders who may post to the list without being
 * contacts (`tldops list allow`), on one page, /committee/exceptions, each
 * with a form to add one with its reason and a button to remove one; and
 * the same in the API (/api/v1/exceptions, /api/v1/list/allowed).  Every
 * form calls the service the CLI calls (exceptions_add/remove,
 * list_allow_add/remove): the same rules, the same audit rows.  A refused
 * form shows again with the refusal naming the field and what was typed
 * kept; one that worked redirects (303) to the page saying so (?done=).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "model/email.h"
#include "service/directory/exceptions.h"
#include "service/list/inbound.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/parse.h"
#include "web/plan.h"
#include "web/resp.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct page_done done_texts[] = {
	{ "exception", "The exception was recorded: that address may be a contact." },
	{ "exception-removed", "The exception was removed." },
	{ "allowed", "The sender was allowed: its posts go to the list." },
	{ "allowed-removed", "The sender was taken off the list of allowed senders." },
};

/* The service names a taken or unknown sender "address": the forms say "email". */
static void
email_field(struct tld_error *err)
{
	if (strcmp(err->field, "address") == 0)
		snprintf(err->field, sizeof(err->field), "email");
}

static int
allowed_row(void *p, const struct list_allow *a)
{
	char when[32];

	clock_format_iso(a->added, when, sizeof(when));
	json_array_append_new(p, json_pack("{s:s, s:s, s:s, s:s}", "email",
	    a->email, "reason", a->reason, "added", when, "added_by",
	    a->added_by));
	return 0;
}

/* The allowed senders as a JSON array of {email, reason, added, added_by}. */
static int
allowed_json(struct web_req *rq, json_t **out, struct tld_error *err)
{
	json_t *a = json_array();
	int rc = list_allow_each(rq->ctx, allowed_row, a, err);

	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}

/* ---- the page ------------------------------------------------------------ */

static const struct plan_field exception_fields[] = {
	{ "email", "Role address (security@, noc@ ...)", PLAN_TEXT, true, 254,
	  NULL, "security@nic.example", NULL, NULL, 0 },
	{ "reason", "Reason (why it may stand for a person)", PLAN_TEXT, true, 500,
	  NULL, NULL, NULL, NULL, 0 },
};
static const struct plan_field allowed_fields[] = {
	{ "email", "Sender's address", PLAN_TEXT, true, 254, NULL,
	  "noc@registry.example", NULL, NULL, 0 },
	{ "reason", "Reason (why it may post)", PLAN_TEXT, true, 500, NULL, NULL,
	  NULL, NULL, 0 },
};

static void
exceptions_section(struct web_req *rq, struct buf *b, const struct plan_state *st)
{
	static const char *const cols[] = { "Address", "Reason", "Approved by",
	    "Since", "", NULL };
	const struct plan_form add = { "exception", "Allow a role address",
	    "/committee/exceptions", "Add the exception", exception_fields,
	    N(exception_fields), false };
	struct tld_error err;
	json_t *a, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"exceptions\">\n<h2 id=\"exceptions\">"
	    "Role addresses allowed as contacts</h2>\n<p>A contact is a person: "
	    "role addresses (security@, noc@, info@) are refused unless an "
	    "exception here allows one, for a documented reason.</p>\n");
	tld_error_clear(&err);
	if (exceptions_list(rq->ctx, &a, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	plan_alert(b, "exception-remove", st);
	if (html_table_start(b, json_array_size(a), "No exception is recorded.",
	    "fold", cols)) {
		json_array_foreach(a, i, e) {
			long long id = (long long)json_integer_value(json_object_get(e,
			    "id"));
			char day[11];

			html_printf(b, "<tr id=\"exception-%lld\"><th scope=\"row\">%s</th>"
			    "<td data-label=\"Reason\">%s</td><td data-label=\"Approved "
			    "by\">%s</td><td data-label=\"Since\">%s</td><td>"
			    "<form method=\"post\" action=\"/committee/exceptions/%lld/"
			    "remove\" class=\"inline\">", id, json_str(e, "email"),
			    json_str(e, "reason"), json_str(e, "approved_by"),
			    plan_day(e, "created", day), id);
			page_csrf_field(rq, b);
			html_printf(b, "<button type=\"submit\" class=\"danger\" "
			    "aria-label=\"Remove the exception for %s\">Remove</button>"
			    "</form></td></tr>\n", json_str(e, "email"));
		}
		html_table_end(b);
	}
	json_decref(a);
	plan_form_render(rq, b, &add, st);
	buf_puts(b, "</section>\n");
}

static void
allowed_section(struct web_req *rq, struct buf *b, const struct plan_state *st)
{
	static const char *const cols[] = { "Address", "Reason", "Added by",
	    "Since", "", NULL };
	const struct plan_form add = { "allowed", "Allow a sender",
	    "/committee/allowed", "Allow the sender", allowed_fields,
	    N(allowed_fields), false };
	struct tld_error err;
	json_t *a, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"allowed-senders\">\n"
	    "<h2 id=\"allowed-senders\">Allowed senders of the list</h2>\n"
	    "<p>Besides the members' contacts, these addresses may post to the "
	    "list without a moderator (a registry's NOC, a CERT).</p>\n");
	tld_error_clear(&err);
	if (allowed_json(rq, &a, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	plan_alert(b, "allowed-remove", st);
	if (html_table_start(b, json_array_size(a), "No sender is allowed besides "
	    "the members.", "fold", cols)) {
		json_array_foreach(a, i, e) {
			char day[11];

			html_printf(b, "<tr><th scope=\"row\">%s</th><td data-label="
			    "\"Reason\">%s</td><td data-label=\"Added by\">%s</td>"
			    "<td data-label=\"Since\">%s</td><td><form method=\"post\" "
			    "action=\"/committee/allowed/remove\" class=\"inline\">",
			    json_str(e, "email"), json_str(e, "reason"),
			    json_str(e, "added_by"), plan_day(e, "added", day));
			page_csrf_field(rq, b);
			html_printf(b, "<input type=\"hidden\" name=\"email\" value=\"%s\">"
			    "<button type=\"submit\" class=\"danger\" aria-label=\""
			    "Remove the sender %s\">Remove</button></form></td></tr>\n",
			    json_str(e, "email"), json_str(e, "email"));
		}
		html_table_end(b);
	}
	json_decref(a);
	plan_form_render(rq, b, &add, st);
	buf_puts(b, "</section>\n");
}

static void
render(struct web_req *rq, const struct plan_state *st)
{
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "Exceptions and allowed senders");
	buf_puts(&b, "<h1>Exceptions and allowed senders</h1>\n");
	plan_nav(&b);
	page_done_notice(rq, &b, done_texts, N(done_texts));
	exceptions_section(rq, &b, st);
	allowed_section(rq, &b, st);
	page_end(rq, &b, plan_status(st));
}

void
page_exceptions(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	render(rq, NULL);
}

void
page_exception_add(struct web_req *rq, struct web_resp *rs)
{
	struct generic_exception e;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = exceptions_add(rq->ctx, plan_arg(rq, "email"), plan_arg(rq, "reason"),
	    &e, &err);
	plan_answer(rq, rs, rc, &err, "exception",
	    "/committee/exceptions?done=exception#exceptions", render);
}

void
page_exception_remove(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id;
	int rc;

	if (!page_param_id(rq, "exception", &id))
		return;
	tld_error_clear(&err);
	rc = exceptions_remove(rq->ctx, id, plan_opt(rq, "reason"), NULL, &err);
	if (rc < 0 && err.code == TLD_ENOTFOUND) {
		page_message(rq, 404, "Not found", "There is no such exception.");
		return;
	}
	plan_answer(rq, rs, rc, &err, "exception-remove",
	    "/committee/exceptions?done=exception-removed#exceptions", render);
}

void
page_allowed_add(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = list_allow_add(rq->ctx, plan_arg(rq, "email"), plan_arg(rq, "reason"),
	    &err);
	if (rc < 0)
		email_field(&err);
	plan_answer(rq, rs, rc, &err, "allowed",
	    "/committee/exceptions?done=allowed#allowed-senders", render);
}

void
page_allowed_remove(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = list_allow_remove(rq->ctx, plan_arg(rq, "email"), &err);
	if (rc < 0)
		email_field(&err);
	plan_answer(rq, rs, rc, &err, "allowed-remove",
	    "/committee/exceptions?done=allowed-removed#allowed-senders", render);
}

/* ---- the API ------------------------------------------------------------- */

void
api_exception_remove(struct web_req *rq, struct web_resp *rs)
{
	struct generic_exception e;
	const char *reason = NULL;
	struct tld_error err;
	char when[32];
	json_t *o;
	int64_t id;

	if (!page_parse_id(rq->params[0], &id)) {
		resp_error(rs, 404, "id", "\"%s\" is not an exception id",
		    rq->params[0]);
		return;
	}
	if ((o = resp_body_object(rq, true)) == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "reason", false, &reason, &err) < 0 ||
	    exceptions_remove(rq->ctx, id, reason, &e, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	clock_format_iso(e.created, when, sizeof(when));
	resp_json(rs, 200, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
	    (json_int_t)e.id, "email", e.email, "reason", e.reason,
	    "approved_by", e.approved_by, "created", when, "state", "removed"));
}

void
api_allowed(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (allowed_json(rq, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_allowed_add(struct web_req *rq, struct web_resp *rs)
{
	const char *email, *reason;
	struct tld_error err;
	json_t *o = resp_body_object(rq, false), *a, *e, *found;
	char norm[256];
	size_t i;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "email", true, &email, &err) < 0 ||
	    json_string_member(o, "reason", true, &reason, &err) < 0 ||
	    list_allow_add(rq->ctx, email, reason, &err) < 0) {
		json_decref(o);
		email_field(&err);
		resp_tld_error(rs, &err);
		return;
	}
	/* The entry as stored (the address normalised as the service did). */
	if (email_normalize(email, strlen(email), norm, sizeof(norm), &err) < 0 ||
	    allowed_json(rq, &a, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	found = NULL;
	json_array_foreach(a, i, e)
		if (strcmp(json_str(e, "email"), norm) == 0)
			found = e;
	resp_json(rs, 201, found != NULL ? json_incref(found) :
	    json_pack("{s:s}", "email", norm));
	json_decref(a);
}

void
api_allowed_remove(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *o;

	if ((o = resp_body_object(rq, true)) == NULL)
		return;
	json_decref(o);
	tld_error_clear(&err);
	if (list_allow_remove(rq->ctx, rq->params[0], &err) < 0) {
		email_field(&err);
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:s, s:s}", "email", rq->params[0],
	    "state", "removed"));
}
