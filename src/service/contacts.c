/* SPDX-License-Identifier: MIT */
/* The contact rules and membership bookkeeping. */
#include "service/contacts.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "service/audit.h"
#include "util/buf.h"
#include "util/clock.h"

static void
id_string(int64_t id, char *out, size_t outlen)
{
	snprintf(out, outlen, "%" PRId64, id);
}

/*
 * The rules for a contact being added (self_id 0) or changed; fills *cc with
 * its ccTLD as it was before the change.
 */
static int
check_rules(struct tld_ctx *ctx, const struct contact *c, int64_t self_id,
    const char *old_cctld, struct cctld *cc, struct tld_error *err)
{
	struct contact other;
	int rc;

	if ((rc = store_cctld_get(ctx->store, c->cctld, cc, err)) < 0)
		return rc;
	rc = store_contact_find_email(ctx->store, c->email, &other, err);
	if (rc == 0 && other.id != self_id)
		return tld_error_set(err, TLD_EEXIST, "email",
		    "%s is already contact %" PRId64 " of .%s", c->email,
		    other.id, other.cctld);
	if (rc < 0 && rc != TLD_ENOTFOUND)
		return rc;
	tld_error_clear(err);
	if (ctx->cfg.max_contacts_per_cctld > 0 &&
	    (old_cctld == NULL || strcmp(old_cctld, c->cctld) != 0)) {
		if ((rc = store_contact_count_cctld(ctx->store, c->cctld,
		    &cc->contacts, err)) < 0)
			return rc;
		if (cc->contacts >= ctx->cfg.max_contacts_per_cctld)
			return tld_error_set(err, TLD_ELIMIT, "cctld",
			    ".%s has %" PRId64 " contacts already, the most "
			    "allowed ([policy] max_contacts_per_cctld)",
			    cc->unicode, cc->contacts);
	}
	if (email_is_role_address(c->email)) {
		bool covered = false;

		if ((rc = store_exception_covers(ctx->store, c->email, &covered,
		    err)) < 0)
			return rc;
		if (!covered)
			return tld_error_set(err, TLD_EINVAL, "email",
			    "%s is a role address, not a person's; contacts must "
			    "be individuals unless a generic-contact exception "
			    "exists ('tldops exception add')", c->email);
	}
	return 0;
}

static json_t *
membership_json(const struct cctld *cc, int64_t since, int64_t left)
{
	json_t *o = json_object();
	char iso[32];

	json_object_set_new(o, "code", json_string(cc->code));
	json_object_set_new(o, "region", json_string(cc->region));
	json_object_set_new(o, "member", json_boolean(since != 0));
	clock_format_iso(since ? since : left, iso, sizeof(iso));
	json_object_set_new(o, since ? "member_since" : "left", json_string(iso));
	return o;
}

/* Bring cctld's membership in line with its number of active contacts. */
static int
sync_membership(struct tld_ctx *ctx, const char *code, struct tld_error *err)
{
	struct cctld cc;
	int64_t now = clock_now();
	json_t *after;
	int rc;

	if ((rc = store_cctld_get(ctx->store, code, &cc, err)) < 0 ||
	    (rc = store_contact_count_cctld(ctx->store, code, &cc.contacts,
	    err)) < 0)
		return rc;
	if ((cc.contacts > 0) == (cc.member_since != 0))
		return 0;
	if (cc.contacts > 0) {
		rc = store_cctld_set_membership(ctx->store, code, now, cc.left_at, err);
		after = membership_json(&cc, now, 0);
	} else {
		rc = store_cctld_set_membership(ctx->store, code, 0, now, err);
		after = membership_json(&cc, 0, now);
	}
	if (rc == 0)
		rc = audit_record(ctx, cc.contacts > 0 ? "cctld.join" : "cctld.leave",
		    "cctld", code, NULL, after, err);
	json_decref(after);
	return rc;
}

/*
 * The contact's audit row.  Its JSON is written straight from the struct
 * (contact_json_append(), the same bytes as json_dumps of contact_to_json()
 * with "via" added last): building and dumping a tree was 40 % of an import.
 */
static int
audit_contact(struct tld_ctx *ctx, const char *action, const char *via,
    const struct contact *before, const struct contact *after,
    struct tld_error *err)
{
	struct buf b, a;
	char id[24];
	int rc;

	buf_init(&b);
	buf_init(&a);
	if (before != NULL)
		contact_json_append(&b, before, NULL);
	if (after != NULL)
		contact_json_append(&a, after, via);
	id_string(after ? after->id : before->id, id, sizeof(id));
	rc = audit_record_text(ctx, action, "contact", id,
	    before ? buf_str(&b) : NULL, after ? buf_str(&a) : NULL, err);
	buf_fini(&b);
	buf_fini(&a);
	return rc;
}

int
contacts_check_new(struct tld_ctx *ctx, const struct contact *c,
    struct tld_error *err)
{
	struct cctld cc;
	int rc;

	if ((rc = contact_check_complete(c, err)) < 0)
		return rc;
	return check_rules(ctx, c, 0, NULL, &cc, err);
}

int
contacts_insert_in_txn(struct tld_ctx *ctx, struct contact *c, const char *via,
    struct tld_error *err)
{
	struct cctld cc;
	int rc;

	if ((rc = contact_check_complete(c, err)) < 0)
		return rc;
	if ((rc = check_rules(ctx, c, 0, NULL, &cc, err)) < 0)
		return rc;
	c->created = c->updated = clock_now();
	if ((rc = store_contact_insert(ctx->store, c, err)) < 0)
		return rc;
	if ((rc = audit_contact(ctx, "contact.add", via, NULL, c, err)) < 0)
		return rc;
	/* Only a first contact can change membership. */
	return cc.member_since ? 0 : sync_membership(ctx, c->cctld, err);
}

/* End the transaction: commit on success, roll back on failure. */
static int
finish(struct tld_ctx *ctx, int rc, struct tld_error *err)
{
	if (rc < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_commit(ctx->store, err);
}

int
contacts_add(struct tld_ctx *ctx, const struct contact_fields *f,
    struct contact *out, struct tld_error *err)
{
	struct contact c;
	int rc;

	memset(&c, 0, sizeof(c));
	if ((rc = contact_apply_fields(&c, f, err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = finish(ctx, contacts_insert_in_txn(ctx, &c, "cli", err), err);
	if (rc == 0)
		*out = c;
	return rc;
}

int
contacts_update_in_txn(struct tld_ctx *ctx, int64_t id,
    const struct contact_fields *f, struct contact *out, struct tld_error *err)
{
	struct contact before, c;
	struct cctld cc;
	int rc;

	if ((rc = store_contact_get(ctx->store, id, &before, err)) < 0)
		return rc;
	c = before;
	if ((rc = contact_apply_fields(&c, f, err)) < 0)
		return rc;
	if ((rc = check_rules(ctx, &c, id, before.cctld, &cc, err)) < 0)
		return rc;
	c.updated = clock_now();
	if ((rc = store_contact_update(ctx->store, &c, err)) < 0)
		return rc;
	if ((rc = audit_contact(ctx, "contact.update", NULL, &before, &c, err)) < 0)
		return rc;
	if (strcmp(before.cctld, c.cctld) != 0 &&
	    ((rc = sync_membership(ctx, before.cctld, err)) < 0 ||
	    (rc = sync_membership(ctx, c.cctld, err)) < 0))
		return rc;
	*out = c;
	return 0;
}

int
contacts_update(struct tld_ctx *ctx, int64_t id, const struct contact_fields *f,
    struct contact *out, struct tld_error *err)
{
	struct contact c;
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = finish(ctx, contacts_update_in_txn(ctx, id, f, &c, err), err);
	if (rc == 0)
		*out = c;
	return rc;
}

int
contacts_remove_in_txn(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err)
{
	struct contact before;
	json_t *b, *a;
	char sid[24];
	int rc;

	if ((rc = text_field_validate("reason", reason, strlen(reason), 500,
	    true, err)) < 0)
		return rc;
	if ((rc = store_contact_get(ctx->store, id, &before, err)) < 0)
		return rc;
	if ((rc = store_contact_remove(ctx->store, id, clock_now(), reason,
	    err)) < 0)
		return rc;
	b = contact_to_json(&before);
	a = json_pack("{s:s}", "reason", reason);
	id_string(id, sid, sizeof(sid));
	rc = audit_record(ctx, "contact.remove", "contact", sid, b, a, err);
	json_decref(b);
	json_decref(a);
	return rc < 0 ? rc : sync_membership(ctx, before.cctld, err);
}

int
contacts_remove(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err)
{
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	return finish(ctx, contacts_remove_in_txn(ctx, id, reason, err), err);
}

int
contacts_each(struct tld_ctx *ctx, const char *cctld, store_contact_cb cb,
    void *cb_ctx, struct tld_error *err)
{
	return store_contact_each(ctx->store, cctld, cb, cb_ctx, err);
}

struct generic_ctx {
	json_t *exceptions; /* email (lower case) -> exception object */
	json_t *out;
};

static int
collect_exception(void *p, const struct generic_exception *e)
{
	struct generic_ctx *g = p;
	char key[sizeof(e->email)];
	size_t i;

	for (i = 0; e->email[i] != '\0' && i < sizeof(key) - 1; i++)
		key[i] = (char)tolower((unsigned char)e->email[i]);
	key[i] = '\0';
	json_object_set_new(g->exceptions, key, json_pack("{s:I, s:s, s:s}",
	    "id", (json_int_t)e->id, "reason", e->reason,
	    "approved_by", e->approved_by));
	return 0;
}

static int
collect_generic(void *p, const struct contact *c)
{
	struct generic_ctx *g = p;
	char key[EMAIL_MAX + 1];
	json_t *o, *ex;
	size_t i;

	if (!email_is_role_address(c->email))
		return 0;
	for (i = 0; c->email[i] != '\0' && i < sizeof(key) - 1; i++)
		key[i] = (char)tolower((unsigned char)c->email[i]);
	key[i] = '\0';
	o = contact_to_json(c);
	ex = json_object_get(g->exceptions, key);
	json_object_set(o, "exception", ex ? ex : json_null());
	json_array_append_new(g->out, o);
	return 0;
}

int
contacts_generic_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	struct generic_ctx g = { json_object(), json_array() };
	int rc;

	rc = store_exception_each(ctx->store, collect_exception, &g, err);
	if (rc >= 0)
		rc = store_contact_each(ctx->store, NULL, collect_generic, &g, err);
	json_decref(g.exceptions);
	if (rc < 0) {
		json_decref(g.out);
		return rc;
	}
	*out = g.out;
	return 0;
}
