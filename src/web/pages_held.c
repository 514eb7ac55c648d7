/* SPDX-License-Identifier: MIT */
/*
 * Held posts for the committee: /committee/held (each post with its
 * reason, approve or reject with a reason) and the same in the API
 * (GET /api/v1/held, POST /api/v1/held/{id}/approve|reject).  The
 * moderation itself is service/list/inbound.h's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "service/list/inbound.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/parse.h"
#include "web/resp.h"
#include "web/server.h"

void
page_held(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct buf b;
	json_t *a, *p;
	size_t i;

	(void)rs;
	tld_error_clear(&err);
	if (held_list_json(rq->ctx, &a, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Held posts");
	html_printf(&b, "<h1>Held posts</h1>\n<p>Posts to the list that wait for "
	    "the committee: from non-members, auto-replies, malformed or too "
	    "large. A held post expires after %lld days.</p>\n",
	    (long long)rq->ctx->cfg.list_hold_days);
	if (json_array_size(a) == 0)
		buf_puts(&b, "<p>No post is held.</p>\n");
	json_array_foreach(a, i, p) {
		long long id = (long long)json_integer_value(json_object_get(p, "id"));

		html_printf(&b, "<article class=\"held\" id=\"post-%lld\">\n"
		    "<h2>%s</h2>\n<dl class=\"fields\">\n"
		    "<dt>From</dt><dd>%s &lt;%s&gt;</dd>\n"
		    "<dt>Received</dt><dd>%s</dd>\n"
		    "<dt>Held because</dt><dd>%s</dd>\n",
		    id, json_str(p, "subject")[0] ? json_str(p, "subject") : "(no subject)",
		    json_str(p, "from_name"), json_str(p, "from"), json_str(p, "date"),
		    json_str(p, "reason"));
		if (json_str(p, "tlp")[0] != '\0')
			html_printf(&b, "<dt>TLP</dt><dd>%s</dd>\n", json_str(p, "tlp"));
		html_printf(&b, "<dt>Size</dt><dd>%lld bytes</dd>\n</dl>\n"
		    "<div class=\"decide\">\n<form method=\"post\" "
		    "action=\"/committee/held/%lld/approve\">\n",
		    (long long)json_integer_value(json_object_get(p, "size")), id);
		page_csrf_field(rq, &b);
		html_printf(&b, "<button type=\"submit\">Distribute post %lld</button>\n"
		    "</form>\n<form method=\"post\" action=\"/committee/held/%lld/reject\">\n",
		    id, id);
		page_csrf_field(rq, &b);
		html_printf(&b, "<label for=\"reason-%lld\">Reason for rejecting (the "
		    "sender is told, unless it was an auto-reply)</label>\n"
		    "<input id=\"reason-%lld\" name=\"reason\" required maxlength=\"500\">\n"
		    "<button type=\"submit\" class=\"danger\">Reject post %lld</button>\n"
		    "</form>\n</div>\n</article>\n", id, id, id);
	}
	json_decref(a);
	page_end(rq, &b, 200);
}

void
page_held_approve(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id;

	if (!page_param_id(rq, "held post", &id))
		return;
	tld_error_clear(&err);
	if (held_approve(rq->ctx, id, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	web_kick_outbox();
	resp_redirect(rs, "/committee/held");
}

void
page_held_reject(struct web_req *rq, struct web_resp *rs)
{
	const char *reason = form_get(&rq->form, "reason");
	struct tld_error err;
	int64_t id;

	if (!page_param_id(rq, "held post", &id))
		return;
	tld_error_clear(&err);
	if (held_reject(rq->ctx, id, reason != NULL ? reason : "", &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	web_kick_outbox();
	resp_redirect(rs, "/committee/held");
}

void
api_held_list(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (held_list_json(rq->ctx, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

static bool
held_id(struct web_req *rq, int64_t *id)
{
	if (!page_parse_id(rq->params[0], id)) {
		resp_error(&rq->resp, 404, "id", "\"%s\" is not a post id",
		    rq->params[0]);
		return false;
	}
	return true;
}

/* The post after a decision, as GET /api/v1/held lists it. */
static void
answer_post(struct web_req *rq, int64_t id, int recipients)
{
	struct list_post p;
	struct tld_error err;
	json_t *o;

	tld_error_clear(&err);
	if (held_get(rq->ctx, id, &p, NULL, NULL, &err) < 0) {
		resp_tld_error(&rq->resp, &err);
		return;
	}
	o = held_post_json(&p);
	if (recipients >= 0)
		json_object_set_new(o, "recipients", json_integer(recipients));
	resp_json(&rq->resp, 200, o);
}

void
api_held_approve(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id;
	int n;

	(void)rs;
	if (!held_id(rq, &id))
		return;
	tld_error_clear(&err);
	if ((n = held_approve(rq->ctx, id, &err)) < 0) {
		resp_tld_error(&rq->resp, &err);
		return;
	}
	web_kick_outbox();
	answer_post(rq, id, n);
}

void
api_held_reject(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	const char *reason = NULL;
	json_t *o;
	int64_t id;

	(void)rs;
	if (!held_id(rq, &id))
		return;
	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(&rq->resp, 400, err.field, "%s", err.message);
		return;
	}
	if (json_string_member(o, "reason", true, &reason, &err) < 0 ||
	    held_reject(rq->ctx, id, reason, &err) < 0) {
		json_decref(o);
		resp_tld_error(&rq->resp, &err);
		return;
	}
	json_decref(o);
	web_kick_outbox();
	answer_post(rq, id, -1);
}
