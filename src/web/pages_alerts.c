/* SPDX-License-Identifier: MIT */
/*
 * The committee's mailings to the whole community (docs/web.md): a
 * security alert is previewed before anything is sent (subject, TLP, the
 * text as members will read it, how many it goes to), then confirmed;
 * /committee/alerts lists the alerts sent with their delivery state from
 * the outbox.  The repository mail (`tldops digest`) has a page with its
 * preview, its schedule and "send now" behind a confirmation.  The same in
 * the API: GET/POST /api/v1/alerts ("dry_run"), GET/POST /api/v1/digest.
 * Every form calls the service the CLI calls (alert_send(), digest_send()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/list/mailing.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/parse.h"
#include "web/resp.h"
#include "web/server.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define LIST_MAX 50
#define API_LIST_MAX 500
/* The page shows this much of the repository mail (the API all of it). */
#define DIGEST_PREVIEW_MAX (64 * 1024)

static const char *const tlps[] = { "amber", "amber+strict", "red", "green",
	"clear" };

static const char *
form_arg(struct web_req *rq, const char *k)
{
	const char *v = form_get(&rq->form, k);

	return v != NULL ? v : "";
}

static void
day_time(int64_t t, char out[20])
{
	char iso[32];

	clock_format_iso(t, iso, sizeof(iso));
	snprintf(out, 20, "%.10s %.5s", iso, iso + 11);
}

/* ---- the compose form ---------------------------------------------------- */

void
page_alert_compose(struct web_req *rq, struct buf *b, const char *heading,
    const char *subject, const char *tlp, const char *body,
    const struct tld_error *err)
{
	const char *bad = err != NULL ? err->field : "";
	static const char invalid[] =
	    " aria-invalid=\"true\" aria-describedby=\"alert-error\"";

	if (heading != NULL)
		html_printf(b, "<h2 id=\"compose\">%s</h2>\n", heading);
	if (err != NULL)
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"alert-error\">"
		    "%s%s%s</p>\n", err->field, err->field[0] != '\0' ? ": " : "",
		    err->message);
	buf_puts(b, "<form method=\"post\" action=\"/committee/alert\" "
	    "class=\"stack\">\n");
	page_csrf_field(rq, b);
	html_printf(b, "<label for=\"f-alert-subject\">Subject</label>\n"
	    "<input id=\"f-alert-subject\" name=\"subject\" required "
	    "maxlength=\"200\" value=\"%s\"", subject);
	buf_puts(b, strcmp(bad, "subject") == 0 ? invalid : "");
	buf_puts(b, ">\n<label for=\"f-alert-tlp\">Traffic Light Protocol</label>\n"
	    "<select id=\"f-alert-tlp\" name=\"tlp\"");
	buf_puts(b, strcmp(bad, "tlp") == 0 ? invalid : "");
	buf_puts(b, ">\n");
	for (size_t i = 0; i < N(tlps); i++)
		html_printf(b, "<option value=\"%s\"%s>TLP:%s</option>\n", tlps[i],
		    strcmp(tlps[i], tlp) == 0 ? " selected" : "", tlps[i]);
	buf_puts(b, "</select>\n<label for=\"f-alert-body\">Message</label>\n"
	    "<textarea id=\"f-alert-body\" name=\"body\" rows=\"8\" required");
	buf_puts(b, strcmp(bad, "body") == 0 ? invalid : "");
	html_printf(b, ">%s</textarea>\n<button type=\"submit\">Preview the alert"
	    "</button>\n</form>\n<p>Nothing is sent until you confirm on the "
	    "preview.</p>\n", body);
}

/* ---- the list of mailings ------------------------------------------------ */

static void
mailings_table(struct web_req *rq, struct buf *b, const char *kind,
    const char *empty)
{
	static const char *const cols[] = { "When", "Subject", "By", "Recipients",
		"Queued", "Sent", "Failed", NULL };
	struct tld_error err;
	json_t *a, *m;
	size_t i;

	tld_error_clear(&err);
	if (mailings_list_json(rq->ctx, kind, LIST_MAX, &a, &err) < 0) {
		html_printf(b, "<p class=\"error\">%s</p>\n", err.message);
		return;
	}
	if (html_table_start(b, json_array_size(a), empty, "fold", cols)) {
		json_array_foreach(a, i, m) {
			long long q = (long long)json_integer_value(json_object_get(m,
			    "queued")) + (long long)json_integer_value(
			    json_object_get(m, "sending"));
			const char *iso = json_str(m, "created");
			char when[20];

			/* "2026-12-04T06:42:52Z" as "2026-12-04 06:42". */
			snprintf(when, sizeof(when), "%.10s %.5s", iso,
			    strlen(iso) > 11 ? iso + 11 : "");
			html_printf(b, "<tr><td data-label=\"When\">%s</td>"
			    "<td data-label=\"Subject\">%s</td><td data-label=\"By\">%s"
			    "</td><td data-label=\"Recipients\">%lld</td>"
			    "<td data-label=\"Queued\">%lld</td><td data-label=\"Sent\">"
			    "%lld</td><td data-label=\"Failed\">%lld</td></tr>\n", when,
			    json_str(m, "subject"),
			    json_str(m, "sent_by"),
			    (long long)json_integer_value(json_object_get(m, "recipients")),
			    q, (long long)json_integer_value(json_object_get(m, "sent")),
			    (long long)json_integer_value(json_object_get(m, "failed")));
		}
		html_table_end(b);
	}
	json_decref(a);
}

static const struct page_done alert_done[] = {
	{ "sent", "The alert is queued for every active contact; the outbox "
	  "delivers it now. Its delivery state is in the list below." },
};

static void
alerts_page(struct web_req *rq, const struct tld_error *err)
{
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "Alerts");
	buf_puts(&b, "<h1>Security alerts</h1>\n");
	page_done_notice(rq, &b, alert_done, N(alert_done));
	buf_puts(&b, "<p>An alert goes to every active contact through the "
	    "outbox, signed, as <kbd>tldops alert send</kbd> sends it. "
	    "<a href=\"/committee\">Back to the committee</a></p>\n");
	page_alert_compose(rq, &b, "Write an alert",
	    err != NULL ? form_arg(rq, "subject") : "",
	    err != NULL ? form_arg(rq, "tlp") : "amber",
	    err != NULL ? form_arg(rq, "body") : "", err);
	buf_puts(&b, "<section aria-labelledby=\"sent\">\n<h2 id=\"sent\">Alerts "
	    "sent</h2>\n<p>Newest first, with their deliveries from the outbox "
	    "(queued includes those being sent and those waiting to be tried "
	    "again).</p>\n");
	mailings_table(rq, &b, "alert", "No alert has been sent yet.");
	buf_puts(&b, "</section>\n");
	page_end(rq, &b, err != NULL ? web_status_for(err) : 200);
}

void
page_alerts(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	alerts_page(rq, NULL);
}

/* The form's TLP ("" or absent: none). */
static int
form_tlp(struct web_req *rq, enum tlp *tlp, struct tld_error *err)
{
	const char *s = form_arg(rq, "tlp");

	*tlp = TLP_NONE;
	return s[0] != '\0' ? tlp_parse(s, tlp, err) : 0;
}

void
page_alert(struct web_req *rq, struct web_resp *rs)
{
	const char *subject = form_arg(rq, "subject");
	const char *body = form_arg(rq, "body");
	struct tld_error err;
	enum tlp tlp;
	int64_t n = 0;
	struct buf b;

	(void)rs;
	tld_error_clear(&err);
	if (form_tlp(rq, &tlp, &err) < 0 ||
	    alert_preview(rq->ctx, subject, body, tlp, &n, &err) < 0) {
		if (web_status_for(&err) == 500)
			page_tld_error(rq, &err);
		else
			alerts_page(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Preview the alert");
	html_printf(&b, "<h1>Preview the alert</h1>\n<p class=\"notice\" "
	    "role=\"status\" id=\"preview-count\">Nothing has been sent yet. "
	    "Confirmed, this alert goes to <strong>%lld</strong> active "
	    "contact%s.</p>\n<dl class=\"fields\" id=\"preview\">\n<dt>Subject"
	    "</dt><dd>%s</dd>\n<dt>TLP</dt><dd>%s</dd>\n<dt>Recipients</dt>"
	    "<dd>%lld</dd>\n</dl>\n<h2>The message</h2>\n<pre class=\"body\" "
	    "id=\"preview-body\">%s</pre>\n", (long long)n, n == 1 ? "" : "s",
	    subject, tlp != TLP_NONE ? tlp_label(tlp) : "none", (long long)n,
	    body);
	buf_puts(&b, "<form method=\"post\" action=\"/committee/alert/send\" "
	    "class=\"stack\">\n");
	page_csrf_field(rq, &b);
	html_printf(&b, "<input type=\"hidden\" name=\"subject\" value=\"%s\">\n"
	    "<input type=\"hidden\" name=\"tlp\" value=\"%s\">\n"
	    "<input type=\"hidden\" name=\"body\" value=\"%s\">\n"
	    "<button type=\"submit\">Send it to %lld contact%s</button>\n"
	    "</form>\n", subject, form_arg(rq, "tlp"), body, (long long)n,
	    n == 1 ? "" : "s");
	page_alert_compose(rq, &b, "Change it", subject, form_arg(rq, "tlp"),
	    body, NULL);
	buf_puts(&b, "<p><a href=\"/committee/alerts\">Leave it: back to the "
	    "alerts</a></p>\n");
	page_end(rq, &b, 200);
}

void
page_alert_send(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	enum tlp tlp;
	int64_t id;

	tld_error_clear(&err);
	if (form_tlp(rq, &tlp, &err) < 0 ||
	    alert_send(rq->ctx, form_arg(rq, "subject"), form_arg(rq, "body"),
	    tlp, &id, &err) < 0) {
		if (web_status_for(&err) == 500)
			page_tld_error(rq, &err);
		else
			alerts_page(rq, &err);
		return;
	}
	web_kick_outbox();
	resp_redirect(rs, "/committee/alerts?done=sent#sent");
}

/* ---- the repository mail ------------------------------------------------- */

static const struct page_done digest_done[] = {
	{ "sent", "The repository mail is queued for every active contact; the "
	  "outbox delivers it now. The next one is due a full interval from now." },
};

static void
digest_page(struct web_req *rq, const struct tld_error *err)
{
	struct digest_schedule d;
	struct tld_error e;
	struct buf b, text;
	int64_t last, next, n;
	char when[20];
	int rc;

	tld_error_clear(&e);
	buf_init(&text);
	if ((rc = digest_next(rq->ctx, &d, &e)) < 0 ||
	    (rc = digest_render(rq->ctx, &text, &e)) < 0) {
		buf_fini(&text);
		page_tld_error(rq, &e);
		return;
	}
	last = d.last;
	next = d.next;
	n = d.recipients;
	buf_init(&b);
	page_begin(rq, &b, "Repository mail");
	buf_puts(&b, "<h1>Repository mail</h1>\n");
	page_done_notice(rq, &b, digest_done, N(digest_done));
	html_printf(&b, "<p>Every %lld days every active contact receives the "
	    "whole contact repository as one signed plain-text mail, "
	    "TLP:AMBER (<kbd>tldops digest</kbd>). <a href=\"/committee\">Back to "
	    "the committee</a></p>\n<dl class=\"fields\" id=\"schedule\">\n"
	    "<dt>Recipients</dt><dd>%lld</dd>\n<dt>Last sent</dt><dd>",
	    (long long)rq->ctx->cfg.digest_interval_days, (long long)n);
	if (last != 0) {
		day_time(last, when);
		html_printf(&b, "%s UTC", when);
	} else
		buf_puts(&b, "never");
	buf_puts(&b, "</dd>\n<dt>Next due</dt><dd>");
	if (next != 0) {
		day_time(next, when);
		html_printf(&b, "%s UTC", when);
	} else
		buf_puts(&b, "not scheduled: the server's first run starts the "
		    "clock");
	buf_puts(&b, "</dd>\n</dl>\n");
	if (err != NULL)
		html_printf(&b, "<p class=\"error\" role=\"alert\" id=\"digest-error\">"
		    "%s%s%s</p>\n", err->field, err->field[0] != '\0' ? ": " : "",
		    err->message);
	buf_puts(&b, "<form method=\"post\" action=\"/committee/digest/send\" "
	    "class=\"stack\">\n");
	page_csrf_field(rq, &b);
	buf_puts(&b, "<label class=\"inline\"><input type=\"checkbox\" "
	    "id=\"f-digest-confirm\" name=\"confirm\" value=\"1\"");
	if (err != NULL && strcmp(err->field, "confirm") == 0)
		buf_puts(&b, " aria-invalid=\"true\" aria-describedby=\"digest-error\"");
	html_printf(&b, "> I have read the preview: send it to %lld contact%s "
	    "now</label>\n<button type=\"submit\">Send the repository mail now"
	    "</button>\n</form>\n", (long long)n, n == 1 ? "" : "s");
	buf_puts(&b, "<section aria-labelledby=\"preview\">\n<h2 id=\"preview\">"
	    "What members receive</h2>\n<pre class=\"body\" id=\"digest-text\">");
	if (text.len > DIGEST_PREVIEW_MAX) {
		char *cut = text.data + DIGEST_PREVIEW_MAX;

		/* At a line's end, so that no UTF-8 sequence is split. */
		while (cut > text.data && cut[-1] != '\n')
			cut--;
		*cut = '\0';
		html_escape(&b, text.data);
		html_printf(&b, "</pre>\n<p>… and %zu more bytes (the API has the "
		    "whole text: <kbd>GET /api/v1/digest</kbd>).</p>\n",
		    text.len - (size_t)(cut - text.data));
	} else {
		html_escape(&b, buf_str(&text));
		buf_puts(&b, "</pre>\n");
	}
	buf_puts(&b, "</section>\n<section aria-labelledby=\"sent\">\n<h2 "
	    "id=\"sent\">Sent</h2>\n");
	mailings_table(rq, &b, "digest", "No repository mail has been sent yet.");
	buf_puts(&b, "</section>\n");
	buf_fini(&text);
	page_end(rq, &b, err != NULL ? web_status_for(err) : 200);
}

void
page_digest(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	digest_page(rq, NULL);
}

/*
 * digest_send() queued nothing: it went, or its schedule was started,
 * this very second (by another node or the server's own check).
 */
static void
busy(struct tld_error *err)
{
	tld_error_set(err, TLD_ECONFLICT, "", "The repository mail was sent, or "
	    "its schedule started, this very second. Nothing more was sent; "
	    "try again in a moment if you still need it.");
}

void
page_digest_send(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id = 0;
	int rc;

	tld_error_clear(&err);
	if (strcmp(form_arg(rq, "confirm"), "1") != 0) {
		tld_error_set(&err, TLD_EINVAL, "confirm", "tick the box to confirm "
		    "that the repository mail goes to every contact now");
		digest_page(rq, &err);
		return;
	}
	if ((rc = digest_send(rq->ctx, false, &id, &err)) < 0 && web_status_for(&err)
	    == 500) {
		page_tld_error(rq, &err);
		return;
	}
	if (rc <= 0) {
		if (rc == 0)
			busy(&err);
		digest_page(rq, &err);
		return;
	}
	web_kick_outbox();
	resp_redirect(rs, "/committee/digest?done=sent");
}

/* ---- the API ------------------------------------------------------------- */

static bool
query_limit(struct web_req *rq, int64_t *limit)
{
	const char *s = form_get(&rq->query_args, "limit");
	char *end;
	long long v;

	*limit = LIST_MAX;
	if (s == NULL)
		return true;
	v = strtoll(s, &end, 10);
	if (s[0] < '1' || s[0] > '9' || *end != '\0' || v > API_LIST_MAX) {
		resp_error(&rq->resp, 422, "limit", "\"%s\" is not a number from 1 "
		    "to %d", s, API_LIST_MAX);
		return false;
	}
	*limit = v;
	return true;
}

void
api_alerts(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t limit;
	json_t *a;

	if (!query_limit(rq, &limit))
		return;
	tld_error_clear(&err);
	if (mailings_list_json(rq->ctx, "alert", limit, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
api_digest(struct web_req *rq, struct web_resp *rs)
{
	struct digest_schedule d;
	struct tld_error err;
	int64_t last, next, n;
	char l[32] = "", x[32] = "";
	struct buf text;
	json_t *sent, *o;

	tld_error_clear(&err);
	buf_init(&text);
	if (digest_next(rq->ctx, &d, &err) < 0 ||
	    digest_render(rq->ctx, &text, &err) < 0 ||
	    mailings_list_json(rq->ctx, "digest", LIST_MAX, &sent, &err) < 0) {
		buf_fini(&text);
		resp_tld_error(rs, &err);
		return;
	}
	last = d.last;
	next = d.next;
	n = d.recipients;
	if (last != 0)
		clock_format_iso(last, l, sizeof(l));
	if (next != 0)
		clock_format_iso(next, x, sizeof(x));
	o = json_pack("{s:I, s:I, s:o, s:o, s:s, s:s, s:o}",
	    "interval_days", (json_int_t)rq->ctx->cfg.digest_interval_days,
	    "recipients", (json_int_t)n,
	    "last_sent", last != 0 ? json_string(l) : json_null(),
	    "next_due", next != 0 ? json_string(x) : json_null(),
	    "tlp", tlp_label(TLP_AMBER), "text", buf_str(&text), "sent", sent);
	buf_fini(&text);
	resp_json(rs, 200, o);
}

void
api_digest_send(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *o, *confirm;
	int64_t id = 0;
	int n;

	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(rs, 400, err.field, "%s", err.message);
		return;
	}
	confirm = json_object_get(o, "confirm");
	if (!json_is_true(confirm)) {
		json_decref(o);
		resp_error(rs, 422, "confirm", "send {\"confirm\": true} to mail the "
		    "repository to every contact now");
		return;
	}
	json_decref(o);
	if ((n = digest_send(rq->ctx, false, &id, &err)) <= 0) {
		if (n == 0)
			busy(&err);
		resp_tld_error(rs, &err);
		return;
	}
	web_kick_outbox();
	resp_json(rs, 202, json_pack("{s:I, s:i}", "message_id", (json_int_t)id,
	    "recipients", n));
}
