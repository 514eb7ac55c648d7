/* SPDX-License-Identifier: MIT */
/*
 * The membership workflow.  Authorisation always goes to the addresses on
 * the stored IANA record, never to one from the request; the committee then
 * decides; approval applies the change with the same rules as the CLI.
 */
#include "service/membership/requests.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/field.h"
#include "model/role.h"
#include "service/audit.h"
#include "service/link.h"
#include "service/directory/contacts.h"
#include "service/directory/freshness.h"
#include "service/outbox.h"
#include "store/cctld_store.h"
#include "store/contact_store.h"
#include "store/exception_store.h"
#include "store/iana_store.h"
#include "store/request_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/secret.h"

const char *
request_kind_name(enum request_kind k)
{
	return request_kind_names[k];
}

const char *
request_state_name(enum request_state s)
{
	return request_state_names[s];
}

int
request_kind_parse(const char *s, enum request_kind *out, struct tld_error *err)
{
	int i = states_find(request_kind_names, REQUEST_KINDS, s);

	if (i >= 0) {
		*out = (enum request_kind)i;
		return 0;
	}
	return tld_error_set(err, TLD_EINVAL, "kind",
	    "\"%s\" is not one of join, update, leave", s);
}

int
request_state_parse(const char *s, enum request_state *out,
    struct tld_error *err)
{
	int i = request_state_from(s);

	if (i >= 0) {
		*out = (enum request_state)i;
		return 0;
	}
	return tld_error_set(err, TLD_EINVAL, "state",
	    "\"%s\" is not one of pending-authorisation, authorised, approved, "
	    "rejected, expired, withdrawn", s);
}

static int
audit_request(struct tld_ctx *ctx, const char *action,
    const struct request_row *r, json_t *extra, struct tld_error *err)
{
	char id[24];
	json_t *after = json_pack("{s:s, s:s, s:s}", "kind", r->kind,
	    "cctld", r->cctld, "state", r->state);
	int rc;

	if (extra != NULL)
		json_object_update(after, extra);
	snprintf(id, sizeof(id), "%" PRId64, r->id);
	rc = audit_record(ctx, action, "request", id, NULL, after, err);
	json_decref(after);
	return rc;
}

/* Record which fields an update request changes ("phone,role"). */
static void
note_given(char *out, size_t outlen, const struct contact_fields *f)
{
	const struct { const char *name; const char *v; } fields[] = {
		{ "name", f->name }, { "email", f->email }, { "phone", f->phone },
		{ "organisation", f->organisation }, { "role", f->role },
		{ "languages", f->languages }, { "pgp_fingerprint", f->pgp_fingerprint },
	};
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].v != NULL)
			buf_printf(&b, "%s%s", b.len ? "," : "", fields[i].name);
	snprintf(out, outlen, "%s", buf_str(&b));
	buf_fini(&b);
}

static bool
policy_allows(const struct tld_ctx *ctx, const char *role)
{
	if (strcmp(role, "admin") == 0)
		return true;
	return strstr(ctx->cfg.authorizers, "tech") != NULL;
}

static void
describe(const struct request_row *r, const struct contact *current,
    struct buf *b)
{
	const char *cc = r->cctld;

	switch (r->kind[0]) {
	case 'j':
		buf_printf(b, "%s <%s> to join the community as a security contact "
		    "of .%s", r->proposed.name, r->proposed.email, cc);
		break;
	case 'u':
		buf_printf(b, "a change (%s) to the entry of %s <%s>, contact of .%s",
		    r->fields_given, current->name, current->email, cc);
		break;
	default:
		buf_printf(b, "the removal of %s <%s> as a contact of .%s",
		    current->name, current->email, cc);
	}
}

/* Mail one authorisation link to an IANA contact; inside the transaction. */
static int
mail_token(struct tld_ctx *ctx, const struct request_row *r, const char *role,
    const struct iana_person *p, const struct contact *current,
    struct tld_error *err)
{
	struct link_row t;
	char token[SECRET_TEXT_MAX], subject[256], until[32];
	struct buf body;
	struct mail_spec spec;
	const char *rcpt[1] = { p->email };
	int64_t msg;
	int rc;

	memset(&t, 0, sizeof(t));
	t.owner = r->id;
	snprintf(t.role, sizeof(t.role), "%s", role);
	snprintf(t.email, sizeof(t.email), "%s", p->email);
	t.expires = r->expires;
	if ((rc = link_issue(ctx, LINK_AUTHORISE, &t, token, err)) < 0)
		return rc;

	clock_format_iso(r->expires, until, sizeof(until));
	buf_init(&body);
	buf_printf(&body, "Dear %s,\n\nAs the IANA %s contact of .%s you are asked "
	    "to authorise\n", p->name[0] ? p->name : "IANA contact",
	    strcmp(role, "admin") == 0 ? "administrative" : "technical", r->cctld);
	describe(r, current, &body);
	buf_printf(&body, ".\n\nRequested by: %s\nRequest: %" PRId64 "\n\n"
	    "To authorise it, open this link (valid until %.10s, usable once):\n\n"
	    "  %s/authorize/%s\n\n"
	    "After your authorisation the standing committee decides.  If you did\n"
	    "not expect this request, ignore this message and nothing happens.\n",
	    r->requested_by, r->id, until, ctx->cfg.base_url, token);
	snprintf(subject, sizeof(subject), "Please authorise: %s request %" PRId64
	    " for .%s", r->kind, r->id, r->cctld);
	memset(&spec, 0, sizeof(spec));
	spec.to_name = p->name;
	spec.to_addr = p->email;
	spec.subject = subject;
	spec.body = buf_str(&body);
	rc = outbox_queue(ctx, "authorisation", OUTBOX_PER_RECIPIENT,
	    &spec, rcpt, 1, &msg, err);
	buf_fini(&body);
	return rc < 0 ? rc : 0;
}

int
requests_create(struct tld_ctx *ctx, enum request_kind kind, const char *cctld,
    int64_t contact_id, const struct contact_fields *f, int64_t *id,
    struct tld_error *err)
{
	struct request_row r;
	struct contact current, proposed;
	struct iana_record iana;
	struct contact_fields given = *f;
	int rc, mailed = 0;

	memset(&r, 0, sizeof(r));
	memset(&current, 0, sizeof(current));
	memset(&proposed, 0, sizeof(proposed));
	given.cctld = cctld;
	if ((rc = contact_apply_fields(&proposed, &given, err)) < 0)
		return rc;
	if (kind == REQUEST_JOIN && (rc = contact_check_complete(&proposed, err)) < 0)
		return rc;
	if (kind != REQUEST_JOIN && contact_id <= 0)
		return tld_error_set(err, TLD_EINVAL, "contact",
		    "an %s request names the contact concerned",
		    request_kind_name(kind));
	if (kind == REQUEST_UPDATE && !f->name && !f->email && !f->phone &&
	    !f->organisation && !f->role && !f->languages && !f->pgp_fingerprint)
		return tld_error_set(err, TLD_EINVAL, "fields",
		    "an update request changes at least one field");

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	{
		struct cctld cc;

		if ((rc = store_cctld_get(ctx->store, proposed.cctld, &cc, err)) < 0)
			goto out;
	}
	if (kind != REQUEST_JOIN) {
		if ((rc = store_contact_get(ctx->store, contact_id, &current, err)) < 0)
			goto out;
		if (strcmp(current.cctld, proposed.cctld) != 0) {
			rc = tld_error_set(err, TLD_EINVAL, "contact",
			    "contact %" PRId64 " is not a contact of .%s",
			    contact_id, proposed.cctld);
			goto out;
		}
	}
	if ((rc = store_iana_get(ctx->store, proposed.cctld, &iana, err)) < 0)
		goto out;

	snprintf(r.kind, sizeof(r.kind), "%s", request_kind_name(kind));
	snprintf(r.cctld, sizeof(r.cctld), "%s", proposed.cctld);
	snprintf(r.state, sizeof(r.state), "%s",
	    request_state_name(REQUEST_STATE_PENDING));
	r.contact_id = kind == REQUEST_JOIN ? 0 : contact_id;
	r.proposed = proposed;
	if (kind == REQUEST_UPDATE)
		note_given(r.fields_given, sizeof(r.fields_given), f);
	snprintf(r.requested_by, sizeof(r.requested_by), "%s", ctx->actor);
	r.created = clock_now();
	r.expires = r.created + ctx->cfg.token_days * 86400;
	if ((rc = store_request_insert(ctx->store, &r, err)) < 0)
		goto out;
	if (iana.admin.email[0] != '\0') {
		if ((rc = mail_token(ctx, &r, "admin", &iana.admin, &current, err)) < 0)
			goto out;
		mailed++;
	}
	if (policy_allows(ctx, "tech") && iana.tech.email[0] != '\0' &&
	    strcasecmp(iana.tech.email, iana.admin.email) != 0) {
		if ((rc = mail_token(ctx, &r, "tech", &iana.tech, &current, err)) < 0)
			goto out;
		mailed++;
	}
	if (mailed == 0) {
		rc = tld_error_set(err, TLD_EINVAL, "cctld",
		    "the IANA record of .%s has no e-mail address to authorise "
		    "requests", r.cctld);
		goto out;
	}
	rc = audit_request(ctx, "request.create", &r, NULL, err);
out:
	rc = store_end(ctx->store, rc, err);
	if (rc == 0)
		*id = r.id;
	return rc;
}

/* Whether email is still the role ("admin"/"tech") contact on the IANA record. */
static bool
still_iana_contact(struct tld_ctx *ctx, const char *cctld, const char *role,
    const char *email)
{
	struct iana_record iana;
	struct tld_error e;

	tld_error_clear(&e);
	if (store_iana_get(ctx->store, cctld, &iana, &e) < 0)
		return false;
	return strcasecmp(strcmp(role, "admin") == 0 ? iana.admin.email :
	    iana.tech.email, email) == 0;
}

int
requests_link_peek(struct tld_ctx *ctx, const char *token,
    struct request_link *out, struct tld_error *err)
{
	struct link_row t;
	struct request_row r;
	struct tld_error ignored;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = link_check(ctx, LINK_AUTHORISE, token, clock_now(), &t, err)) < 0 ||
	    (rc = store_request_get(ctx->store, t.owner, &r, err)) < 0)
		return rc;
	out->id = r.id;
	snprintf(out->kind, sizeof(out->kind), "%s", r.kind);
	snprintf(out->cctld, sizeof(out->cctld), "%s", r.cctld);
	snprintf(out->requested_by, sizeof(out->requested_by), "%s",
	    r.requested_by);
	out->proposed = r.proposed;
	snprintf(out->iana_role, sizeof(out->iana_role), "%s", t.role);
	snprintf(out->iana_email, sizeof(out->iana_email), "%s", t.email);
	tld_error_clear(&ignored);
	/* The contact concerned may have been removed since: then none. */
	out->has_current = r.contact_id != 0 && store_contact_get(ctx->store,
	    r.contact_id, &out->current, &ignored) == 0;
	return 0;
}

int
requests_authorize(struct tld_ctx *ctx, const char *token, int64_t *id,
    struct tld_error *err)
{
	struct link_row t;
	struct request_row r;
	char who[320];
	int64_t now = clock_now();
	json_t *extra;
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = link_check(ctx, LINK_AUTHORISE, token, now, &t, err)) < 0)
		goto out;
	if (!policy_allows(ctx, t.role)) {
		rc = tld_error_set(err, TLD_EDENIED, "token",
		    "the community's policy no longer lets the IANA technical "
		    "contact authorise requests; the administrative contact must");
		goto out;
	}
	if ((rc = store_request_get(ctx->store, t.owner, &r, err)) < 0)
		goto out;
	if (!still_iana_contact(ctx, r.cctld, t.role, t.email)) {
		rc = tld_error_set(err, TLD_EDENIED, "token",
		    "%s is no longer the IANA %s contact of .%s: the IANA record "
		    "changed after this link was sent; ask for a new request",
		    t.email, t.role, r.cctld);
		goto out;
	}
	snprintf(who, sizeof(who), "%s %s", t.role, t.email);
	rc = store_request_transition(ctx->store, r.id, "pending-authorisation",
	    "authorised", who, now, NULL, err);
	if (rc == 0) {
		rc = tld_error_set(err, TLD_EDENIED, "token",
		    "request %" PRId64 " is %s and cannot be authorised", r.id,
		    r.state);
		goto out;
	}
	if (rc < 0 || (rc = store_link_use_all(ctx->store, LINK_AUTHORISE, r.id, now,
	    err)) < 0)
		goto out;
	snprintf(r.state, sizeof(r.state), "authorised");
	extra = json_pack("{s:s}", "authorised_by", who);
	rc = audit_request(ctx, "request.authorise", &r, extra, err);
	json_decref(extra);
out:
	rc = store_end(ctx->store, rc, err);
	if (rc == 0)
		*id = r.id;
	return rc;
}

/* Build the fields an approved request applies. */
static void
approved_fields(const struct request_row *r, struct contact_fields *f)
{
	const struct contact *p = &r->proposed;
	const char *given = r->fields_given;
	bool join = strcmp(r->kind, "join") == 0;

#define GIVEN(name) (join || strstr(given, name) != NULL)
	memset(f, 0, sizeof(*f));
	f->name = GIVEN("name") ? p->name : NULL;
	f->email = GIVEN("email") ? p->email : NULL;
	/* The grouping it was typed with, which normalises to p->phone. */
	f->phone = GIVEN("phone") ? phone_display(p->phone, p->phone_grouped) :
	    NULL;
	f->organisation = GIVEN("organisation") ? p->organisation : NULL;
	f->role = GIVEN("role") ? p->role : NULL;
	f->languages = GIVEN("languages") ? p->languages : NULL;
	f->pgp_fingerprint = GIVEN("pgp_fingerprint") ? p->pgp_fingerprint : NULL;
#undef GIVEN
	if (join)
		f->cctld = r->cctld;
}

/* The "dot-sx joined" note to the list, for a ccTLD's first contact. */
static int
announce(struct tld_ctx *ctx, const struct request_row *r,
    const struct contact *c, struct tld_error *err)
{
	struct cctld cc;
	struct mail_spec spec;
	struct buf body;
	char subject[4 * CCTLD_CODE_MAX + 32];
	const char *rcpt[1];
	int64_t msg;
	int rc;

	if ((rc = store_cctld_get(ctx->store, r->cctld, &cc, err)) < 0)
		return rc;
	snprintf(subject, sizeof(subject), "Welcome .%s to TLD-OPS", cc.unicode);
	buf_init(&body);
	buf_printf(&body, ".%s (%s, %s) has joined the community.\n\n"
	    "Its security contact: %s%s%s, %s, %s.\n", cc.unicode, cc.country,
	    cc.region, c->name, c->organisation[0] ? ", " : "", c->organisation,
	    c->email, phone_display(c->phone, c->phone_grouped));
	memset(&spec, 0, sizeof(spec));
	spec.to_addr = ctx->cfg.list_address;
	spec.list_id = ctx->cfg.list_id;
	spec.subject = subject;
	spec.body = buf_str(&body);
	rcpt[0] = ctx->cfg.list_address;
	rc = outbox_queue(ctx, "announcement", OUTBOX_SAME_BYTES,
	    &spec, rcpt, 1, &msg, err);
	buf_fini(&body);
	return rc < 0 ? rc : 0;
}

int
requests_approve(struct tld_ctx *ctx, int64_t id, bool announce_join,
    struct request_approval *out, struct tld_error *err)
{
	struct request_approval ignored;
	struct request_row r;
	struct contact_fields f;
	struct contact c;
	struct cctld cc;
	char reason[64];
	json_t *extra;
	int rc;

	if (out == NULL)
		out = &ignored;
	memset(out, 0, sizeof(*out));
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_request_get(ctx->store, id, &r, err)) < 0)
		goto out;
	/* The guarded transition first: of two approvals, one changes the row. */
	rc = store_request_transition(ctx->store, id, "authorised", "approved",
	    ctx->actor, clock_now(), "", err);
	if (rc == 0) {
		rc = tld_error_set(err, TLD_ECONFLICT, "id",
		    "request %" PRId64 " is %s, not authorised: it cannot be "
		    "approved", id, r.state);
		goto out;
	}
	if (rc < 0)
		goto out;
	if ((rc = store_cctld_get(ctx->store, r.cctld, &cc, err)) < 0)
		goto out;
	approved_fields(&r, &f);
	memset(&c, 0, sizeof(c));
	switch (r.kind[0]) {
	case 'j':
		if ((rc = contact_apply_fields(&c, &f, err)) == 0) {
			snprintf(reason, sizeof(reason), "request %" PRId64, id);
			rc = contacts_insert_in_txn(ctx, &c, reason, err);
		}
		break;
	case 'u':
		rc = contacts_update_in_txn(ctx, r.contact_id, &f, &c, err);
		/* An approved correction confirms the entry (docs/freshness.md). */
		if (rc == 0) {
			snprintf(reason, sizeof(reason), "update request %" PRId64, id);
			rc = freshness_confirmed_in_txn(ctx, r.contact_id, reason, err);
		}
		break;
	default:
		snprintf(reason, sizeof(reason), "leave request %" PRId64, id);
		rc = contacts_remove_in_txn(ctx, r.contact_id, reason, err);
	}
	if (rc < 0)
		goto out;
	snprintf(r.state, sizeof(r.state), "approved");
	extra = json_pack("{s:s, s:s}", "authorised_by", r.authorised_by,
	    "approved_by", ctx->actor);
	if (r.contact_id == 0)
		json_object_set_new(extra, "contact_id", json_integer(c.id));
	rc = audit_request(ctx, "request.approve", &r, extra, err);
	json_decref(extra);
	if (rc == 0 && announce_join) {
		if (r.kind[0] != 'j')
			snprintf(out->not_announced, sizeof(out->not_announced),
			    "not announced: only a join is announced (request %"
			    PRId64 " is %s)", id, r.kind[0] == 'u' ?
			    "an update" : "a leave");
		else if (cc.member_since != 0)
			snprintf(out->not_announced, sizeof(out->not_announced),
			    "not announced: .%s is a member already (only its "
			    "first contact is announced)", cc.unicode);
		else if ((rc = announce(ctx, &r, &c, err)) == 0)
			out->announced = true;
	}
out:
	rc = store_end(ctx->store, rc, err);
	if (rc < 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* A decision that ends a request without applying it. */
static int
close_request(struct tld_ctx *ctx, int64_t id, const char *to,
    const char *reason, const char *action, struct tld_error *err)
{
	static const char *const open_states[] = {
		"authorised", "pending-authorisation",
	};
	struct request_row r;
	json_t *extra;
	int rc = 0;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_request_get(ctx->store, id, &r, err)) < 0)
		goto out;
	for (size_t i = 0; i < 2 && rc == 0; i++) {
		/* Rejection is for authorised requests only. */
		if (strcmp(to, "rejected") == 0 && i == 1)
			break;
		rc = store_request_transition(ctx->store, id, open_states[i], to,
		    ctx->actor, clock_now(), reason, err);
	}
	if (rc == 0) {
		rc = tld_error_set(err, TLD_ECONFLICT, "id",
		    "request %" PRId64 " is %s: it cannot be %s", id, r.state, to);
		goto out;
	}
	if (rc < 0 || (rc = store_link_use_all(ctx->store, LINK_AUTHORISE, id, clock_now(),
	    err)) < 0)
		goto out;
	snprintf(r.state, sizeof(r.state), "%s", to);
	extra = json_pack("{s:s}", "reason", reason);
	rc = audit_request(ctx, action, &r, extra, err);
	json_decref(extra);
out:
	return store_end(ctx->store, rc, err);
}

int
requests_reject(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err)
{
	int rc = text_field_validate("reason", reason, strlen(reason), 500, true,
	    err);

	return rc < 0 ? rc : close_request(ctx, id, "rejected", reason,
	    "request.reject", err);
}

int
requests_withdraw(struct tld_ctx *ctx, int64_t id, struct tld_error *err)
{
	return close_request(ctx, id, "withdrawn", "withdrawn", "request.withdraw",
	    err);
}

static int
expire_one(void *p, const struct request_row *row)
{
	struct tld_ctx *ctx = p;
	struct request_row r = *row;
	struct tld_error e;
	int rc;

	tld_error_clear(&e);
	rc = store_request_transition(ctx->store, r.id, "pending-authorisation",
	    "expired", "policy", clock_now(), "not authorised in time", &e);
	if (rc <= 0)
		return rc;
	snprintf(r.state, sizeof(r.state), "expired");
	if ((rc = store_link_use_all(ctx->store, LINK_AUTHORISE, r.id, clock_now(), &e)) < 0)
		return rc;
	return audit_request(ctx, "request.expire", &r, NULL, &e);
}

int
requests_expire_due(struct tld_ctx *ctx, struct tld_error *err)
{
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	return store_end(ctx->store, store_request_each_expired(ctx->store,
	    clock_now(), expire_one, ctx, err), err);
}

/* ---- what the approver sees ---------------------------------------------- */

struct same_person {
	const struct request_row *r;
	json_t *flags;
};

static int
check_same_person(void *p, const struct contact *c)
{
	struct same_person *sp = p;
	char flag[TEXT_MAX_BYTES + 2 * CCTLD_CODE_MAX + 64];

	if (c->id == sp->r->contact_id || strcmp(c->cctld, sp->r->cctld) == 0)
		return 0;
	if (strcasecmp(c->name, sp->r->proposed.name) == 0) {
		snprintf(flag, sizeof(flag), "%s is already a contact of .%s",
		    c->name, c->cctld);
		json_array_append_new(sp->flags, json_string(flag));
	}
	return 0;
}

static int
request_flags(struct tld_ctx *ctx, const struct request_row *r, json_t *flags,
    struct tld_error *err)
{
	struct same_person sp = { r, flags };
	bool covered = false;
	int64_t n = 0;
	int rc;

	if (r->authorised_by[0] != '\0' && request_state_from(r->state) == REQUEST_STATE_AUTHORISED) {
		char role[8] = "", email[256] = "", flag[400];
		const char *space = strchr(r->authorised_by, ' ');

		if (space != NULL) {
			snprintf(role, sizeof(role), "%.*s",
			    (int)(space - r->authorised_by), r->authorised_by);
			snprintf(email, sizeof(email), "%s", space + 1);
		}
		if (!still_iana_contact(ctx, r->cctld, role, email)) {
			snprintf(flag, sizeof(flag), "authorised by %s, who is no "
			    "longer an IANA contact of .%s", email, r->cctld);
			json_array_append_new(flags, json_string(flag));
		}
	}
	if (strcmp(r->kind, "leave") == 0)
		return 0;
	if (r->proposed.email[0] != '\0' &&
	    email_is_role_address(r->proposed.email)) {
		if ((rc = store_exception_covers(ctx->store, r->proposed.email,
		    &covered, err)) < 0)
			return rc;
		json_array_append_new(flags, json_string(covered ?
		    "role address (covered by a generic-contact exception)" :
		    "role address, not a person's (needs a generic-contact exception)"));
	}
	if (r->proposed.name[0] != '\0' && (rc = store_contact_each(ctx->store,
	    NULL, check_same_person, &sp, err)) < 0)
		return rc;
	/* A join names its role; an update only when it changes it. */
	if (strcmp(r->kind, "join") == 0 || strstr(r->fields_given, "role") != NULL) {
		const char *why = role_flag_text(role_check(r->proposed.role));

		if (why != NULL)
			json_array_append_new(flags, json_string(why));
	}
	if (strcmp(r->kind, "join") == 0 && ctx->cfg.max_contacts_per_cctld > 0) {
		if ((rc = store_contact_count_cctld(ctx->store, r->cctld, &n, err)) < 0)
			return rc;
		if (n >= ctx->cfg.max_contacts_per_cctld)
			json_array_append_new(flags, json_string("ccTLD at its cap"));
	}
	return 0;
}

static json_t *
request_json(const struct request_row *r)
{
	json_t *o = json_object();
	json_t *proposed = json_object();
	const struct contact *p = &r->proposed;

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "kind", json_string(r->kind));
	json_object_set_new(o, "cctld", json_string(r->cctld));
	json_object_set_new(o, "state", json_string(r->state));
	json_object_set_new(o, "contact_id", r->contact_id ?
	    json_integer(r->contact_id) : json_null());
	json_object_set_new(proposed, "name", json_string(p->name));
	json_object_set_new(proposed, "email", json_string(p->email));
	json_object_set_new(proposed, "phone", json_string(p->phone));
	json_object_set_new(proposed, "phone_display",
	    json_string(phone_display(p->phone, p->phone_grouped)));
	json_object_set_new(proposed, "organisation", json_string(p->organisation));
	json_object_set_new(proposed, "role", json_string(p->role));
	json_object_set_new(proposed, "languages", json_string(p->languages));
	json_object_set_new(proposed, "pgp_fingerprint",
	    json_string(p->pgp_fingerprint));
	json_object_set_new(o, "proposed", proposed);
	json_object_set_new(o, "fields_given", json_string(r->fields_given));
	json_object_set_new(o, "requested_by", json_string(r->requested_by));
	json_object_set_new(o, "created", json_time(r->created));
	json_object_set_new(o, "expires", json_time(r->expires));
	json_object_set_new(o, "authorised_by", r->authorised_by[0] ?
	    json_string(r->authorised_by) : json_null());
	json_object_set_new(o, "authorised_at", json_time(r->authorised_at));
	json_object_set_new(o, "decided_by", r->decided_by[0] ?
	    json_string(r->decided_by) : json_null());
	json_object_set_new(o, "decided_at", json_time(r->decided_at));
	json_object_set_new(o, "reason", json_string(r->reason));
	return o;
}

int
requests_show_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err)
{
	struct request_row r;
	json_t *o, *flags;
	int rc;

	if ((rc = store_request_get(ctx->store, id, &r, err)) < 0)
		return rc;
	o = request_json(&r);
	flags = json_array();
	json_object_set_new(o, "flags", flags);
	if ((rc = request_flags(ctx, &r, flags, err)) < 0) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

struct list_ctx {
	struct tld_ctx *ctx;
	json_t *array;
	struct tld_error *err;
};

static int
list_one(void *p, const struct request_row *r)
{
	struct list_ctx *lc = p;
	json_t *o = request_json(r);
	json_t *flags = json_array();

	json_object_set_new(o, "flags", flags);
	json_array_append_new(lc->array, o);
	if (request_state_from(r->state) == REQUEST_STATE_PENDING ||
	    request_state_from(r->state) == REQUEST_STATE_AUTHORISED)
		return request_flags(lc->ctx, r, flags, lc->err);
	return 0;
}

int
requests_list_json(struct tld_ctx *ctx, const enum request_state *state,
    json_t **out, struct tld_error *err)
{
	struct list_ctx lc = { ctx, json_array(), err };
	int rc = store_request_each(ctx->store, state ?
	    request_state_name(*state) : NULL, list_one, &lc, err);

	if (rc < 0) {
		json_decref(lc.array);
		return rc;
	}
	*out = lc.array;
	return 0;
}
