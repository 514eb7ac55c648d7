/* SPDX-License-Identifier: MIT */
/*
 * The committee's side of the posting policy: held posts approved,
 * rejected (with a short notice to the sender) or expired, and the senders
 * allowed to post without being contacts.
 */
#include "service/list/inbound.h"
#include "service/list/inbound_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/email.h"
#include "model/field.h"
#include "model/states.h"
#include "service/audit.h"
#include "service/outbox.h"
#include "util/clock.h"
#include "util/log.h"

#define REASON_MAX 500

int
held_expire(struct tld_ctx *ctx, struct tld_error *err)
{
	int64_t now = clock_now();
	int rc, n;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	n = store_list_post_expire(ctx->store,
	    now - ctx->cfg.list_hold_days * 86400, now, err);
	if (n > 0) {
		json_t *after = json_pack("{s:i}", "expired", n);

		if (audit_record(ctx, "held.expire", "post", "", NULL, after, err) < 0)
			n = err->code;
		json_decref(after);
	}
	return store_end(ctx->store, n, err);
}

int
held_each(struct tld_ctx *ctx, store_list_post_cb cb, void *cbctx,
    struct tld_error *err)
{
	int rc;

	if ((rc = held_expire(ctx, err)) < 0)
		return rc;
	return store_list_post_each(ctx->store, "held", 0, cb, cbctx, err);
}

json_t *
held_post_json(const struct list_post *p)
{
	char date[32];

	clock_format_iso(p->received, date, sizeof(date));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
	    "id", (json_int_t)p->id, "date", date, "from", p->from_addr,
	    "from_name", p->from_name, "subject", p->subject, "reason",
	    p->reason, "state", p->state, "tlp", p->tlp, "size",
	    (json_int_t)p->size);
}

static int
add_json(void *arg, const struct list_post *p)
{
	json_array_append_new(arg, held_post_json(p));
	return 0;
}

int
held_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	json_t *a = json_array();
	int rc = held_each(ctx, add_json, a, err);

	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}

int
held_get(struct tld_ctx *ctx, int64_t id, struct list_post *out, char **raw,
    size_t *len, struct tld_error *err)
{
	return store_list_post_get(ctx->store, id, out, raw, len, err);
}

static int
audit_decision(struct tld_ctx *ctx, const char *action,
    const struct list_post *p, const char *reason, int recipients,
    struct tld_error *err)
{
	char id[24];
	json_t *before, *after;
	int rc;

	snprintf(id, sizeof(id), "%" PRId64, p->id);
	before = json_pack("{s:s, s:s}", "state", "held", "reason", p->reason);
	after = json_pack("{s:s, s:s, s:i}", "state",
	    strcmp(action, "held.approve") == 0 ? "distributed" : "rejected",
	    "note", reason, "recipients", recipients);
	rc = audit_record(ctx, action, "post", id, before, after, err);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Read post id and check it is still held; TLD_EDENIED otherwise. */
static int
get_held(struct tld_ctx *ctx, int64_t id, struct list_post *p, char **raw,
    size_t *len, struct tld_error *err)
{
	int rc = store_list_post_get(ctx->store, id, p, raw, len, err);

	if (rc < 0)
		return rc;
	if (list_post_state_from(p->state) != LIST_POST_HELD) {
		if (raw != NULL) {
			free(*raw);
			*raw = NULL;
		}
		return tld_error_set(err, TLD_EDENIED, "id",
		    "post %" PRId64 " is %s, not held", id, p->state);
	}
	return 0;
}

int
held_approve(struct tld_ctx *ctx, int64_t id, struct tld_error *err)
{
	struct list_post p;
	struct buf copy;
	char *raw = NULL;
	size_t len = 0;
	int rc, n = 0;

	if ((rc = held_expire(ctx, err)) < 0)
		return rc;
	if ((rc = get_held(ctx, id, &p, &raw, &len, err)) < 0)
		return rc;
	buf_init(&copy);
	if ((rc = list_post_copy(ctx, raw, len, &copy, err)) < 0)
		goto out;
	if ((rc = store_begin(ctx->store, err)) < 0)
		goto out;
	/* Decided first: of two moderators approving at once, one wins. */
	rc = store_list_post_decide(ctx->store, id, "held", "distributed",
	    ctx->actor, clock_now(), "", 0, err);
	if (rc == 0)
		rc = tld_error_set(err, TLD_EDENIED, "id",
		    "post %" PRId64 " was decided by someone else", id);
	if (rc < 0)
		goto fail;
	if ((n = rc = inbound_distribute(ctx, &p, buf_str(&copy), raw, len,
	    err)) < 0)
		goto fail;
	if ((rc = store_list_post_decide(ctx->store, id, "distributed",
	    "distributed", ctx->actor, clock_now(), "", p.mail_message, err)) < 0)
		goto fail;
	if ((rc = audit_decision(ctx, "held.approve", &p, "", n, err)) < 0)
		goto fail;
	if ((rc = store_commit(ctx->store, err)) < 0)
		goto out;
	rc = n;
	goto out;
fail:
	store_rollback(ctx->store);
out:
	buf_fini(&copy);
	free(raw);
	return rc;
}

/* The sender of a post that was an auto-reply, or had none, gets nothing. */
static bool
notice_allowed(const struct list_post *p)
{
	return strncmp(p->reason, "auto-reply", 10) != 0 &&
	    strncmp(p->reason, "a loop", 6) != 0 && p->envelope_from[0] != '\0' &&
	    strcmp(p->envelope_from, "<>") != 0 && p->from_addr[0] != '\0';
}

static int
queue_notice(struct tld_ctx *ctx, const struct list_post *p,
    const char *reason, struct tld_error *err)
{
	struct list_addrs a;
	struct mail_spec spec;
	struct buf body;
	const char *rcpt[] = { p->from_addr };
	int64_t msg;
	int rc;

	if ((rc = list_addrs_get(&ctx->cfg, &a, err)) < 0)
		return rc;
	buf_init(&body);
	buf_printf(&body,
	    "Your message to the %s list <%s> was not distributed.\n\n"
	    "Subject: %s\n"
	    "Reason:  %s\n\n"
	    "Questions go to the list's owner: %s\n",
	    a.name, a.post, p->subject, reason, a.owner);
	memset(&spec, 0, sizeof(spec));
	spec.to_addr = p->from_addr;
	spec.subject = "Your message to the list was not distributed";
	spec.body = buf_str(&body);
	spec.list_id = ctx->cfg.list_id;
	rc = outbox_queue(ctx, "notice", OUTBOX_SAME_BYTES, &spec, rcpt, 1,
	    &msg, err);
	buf_fini(&body);
	return rc;
}

int
held_reject(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err)
{
	struct list_post p;
	int rc;

	if (reason == NULL || (rc = text_field_validate("reason", reason,
	    strlen(reason), REASON_MAX, true, err)) < 0)
		return reason == NULL ? tld_error_set(err, TLD_EINVAL, "reason",
		    "is required") : rc;
	if ((rc = get_held(ctx, id, &p, NULL, NULL, err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_list_post_decide(ctx->store, id, "held", "rejected",
	    ctx->actor, clock_now(), reason, 0, err);
	if (rc == 0)
		rc = tld_error_set(err, TLD_EDENIED, "id",
		    "post %" PRId64 " was decided by someone else", id);
	if (rc >= 0 && notice_allowed(&p))
		rc = queue_notice(ctx, &p, reason, err);
	if (rc >= 0)
		rc = audit_decision(ctx, "held.reject", &p, reason, 0, err);
	return store_end(ctx->store, rc, err);
}

/* ---- allowed senders ----------------------------------------------------- */

int
list_allow_add(struct tld_ctx *ctx, const char *email, const char *reason,
    struct tld_error *err)
{
	struct list_allow a;
	json_t *after;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = email_normalize(email, strlen(email), a.email, sizeof(a.email),
	    err)) < 0)
		return rc;
	if (reason == NULL)
		return tld_error_set(err, TLD_EINVAL, "reason", "is required");
	if ((rc = text_field_validate("reason", reason, strlen(reason),
	    REASON_MAX, true, err)) < 0)
		return rc;
	snprintf(a.reason, sizeof(a.reason), "%s", reason);
	snprintf(a.added_by, sizeof(a.added_by), "%s", ctx->actor);
	a.added = clock_now();
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_list_allow_insert(ctx->store, &a, err);
	if (rc >= 0) {
		after = json_pack("{s:s, s:s}", "email", a.email, "reason", a.reason);
		rc = audit_record(ctx, "list.allow.add", "list_allow", a.email,
		    NULL, after, err);
		json_decref(after);
	}
	return store_end(ctx->store, rc, err);
}

int
list_allow_remove(struct tld_ctx *ctx, const char *email,
    struct tld_error *err)
{
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_list_allow_delete(ctx->store, email, err);
	if (rc == 0)
		rc = tld_error_set(err, TLD_ENOTFOUND, "address",
		    "%.200s is not among the allowed senders", email);
	if (rc > 0)
		rc = audit_record(ctx, "list.allow.remove", "list_allow", email,
		    NULL, NULL, err);
	return store_end(ctx->store, rc, err);
}

int
list_allow_each(struct tld_ctx *ctx, store_list_allow_cb cb, void *cbctx,
    struct tld_error *err)
{
	return store_list_allow_each(ctx->store, cb, cbctx, err);
}
