/* SPDX-License-Identifier: MIT */
/* The contact rules and membership bookkeeping. */
#include "service/directory/contacts.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "service/audit.h"
#include "service/directory/cctlds.h"
#include "store/cctld_store.h"
#include "store/contact_store.h"
#include "store/exception_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xalloc.h"

static void
id_string(int64_t id, char *out, size_t outlen)
{
	snprintf(out, outlen, "%" PRId64, id);
}

/*
 * A batch remembers, per ccTLD, its row and its number of active contacts
 * as this transaction has made them.  Open addressing over a fixed table:
 * the reference data has about 300 ccTLDs; past 3/4 full, codes not yet
 * seen are simply not remembered (read from the store each time).
 */
#define BATCH_SLOTS 1024

struct batch_cctld {
	bool used;          /* the slot holds code */
	bool valid;         /* cc is the row as this transaction has it */
	bool counted;       /* cc.contacts is its number of active contacts */
	bool join;          /* bulk: in join[] */
	struct cctld cc;
};

struct contacts_batch {
	size_t nused;
	struct batch_cctld slot[BATCH_SLOTS];
	/* Bulk: the ccTLDs given a first contact, to sync at the end. */
	char (*join)[CCTLD_CODE_MAX + 1];
	size_t njoin, join_cap;
	/* The audit rows' JSON: one tree for the batch (contact_json_set()). */
	struct contact_json audit_json;
};

struct contacts_batch *
contacts_batch_new(void)
{
	return xcalloc(1, sizeof(struct contacts_batch));
}

void
contacts_batch_free(struct contacts_batch *b)
{
	if (b != NULL) {
		free(b->join);
		contact_json_fini(&b->audit_json);
	}
	free(b);
}

/*
 * The slot of code; a new one is taken for it when take is set (a ccTLD
 * that exists), else NULL, as without a batch or room.
 */
static struct batch_cctld *
batch_slot(struct contacts_batch *b, const char *code, bool take)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	if (b == NULL)
		return NULL;
	for (const char *p = code; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = h % BATCH_SLOTS; b->slot[i].used; i = (i + 1) % BATCH_SLOTS)
		if (strcmp(b->slot[i].cc.code, code) == 0)
			return &b->slot[i];
	if (!take || b->nused >= BATCH_SLOTS / 4 * 3 ||
	    strlen(code) >= sizeof(b->slot[i].cc.code))
		return NULL;
	b->nused++;
	b->slot[i].used = true;
	snprintf(b->slot[i].cc.code, sizeof(b->slot[i].cc.code), "%s", code);
	return &b->slot[i];
}

/* store_cctld_get through the batch (its contacts field is not set). */
static int
get_cctld(struct tld_ctx *ctx, struct contacts_batch *b, const char *code,
    struct cctld *cc, struct tld_error *err)
{
	struct batch_cctld *e = batch_slot(b, code, false);
	int rc;

	if (e != NULL && e->valid) {
		*cc = e->cc;
		return 0;
	}
	if ((rc = store_cctld_get(ctx->store, code, cc, err)) < 0)
		return rc;
	if (e != NULL || (e = batch_slot(b, code, true)) != NULL) {
		e->cc = *cc;
		e->valid = true;
		e->counted = false;
	}
	return 0;
}

/* store_contact_count_cctld through the batch. */
static int
count_cctld(struct tld_ctx *ctx, struct contacts_batch *b, const char *code,
    int64_t *count, struct tld_error *err)
{
	struct batch_cctld *e = batch_slot(b, code, false);
	int rc;

	if (e != NULL && e->valid && e->counted) {
		*count = e->cc.contacts;
		return 0;
	}
	if ((rc = store_contact_count_cctld(ctx->store, code, count, err)) < 0)
		return rc;
	if (e != NULL && e->valid) {
		e->cc.contacts = *count;
		e->counted = true;
	}
	return 0;
}

/* The rule "one address per person": no other active contact has c's. */
static int
check_email_free(struct tld_ctx *ctx, const struct contact *c, int64_t self_id,
    struct tld_error *err)
{
	struct contact other;
	int rc;

	rc = store_contact_find_email(ctx->store, c->email, &other, err);
	if (rc == 0 && other.id != self_id) {
		char owner[TEXT_MAX_BYTES + 32];

		return tld_error_set(err, TLD_EEXIST, "email",
		    "%s is already contact %" PRId64 " of %s", c->email,
		    other.id, contact_owner_label(&other, owner, sizeof(owner)));
	}
	if (rc < 0 && rc != TLD_ENOTFOUND)
		return rc;
	tld_error_clear(err);
	return 0;
}

/*
 * The rules for a contact being added (self_id 0) or changed, in this
 * order: the ccTLD exists, the address is free, the cap, role addresses;
 * fills *cc with its ccTLD as it was before the change.  With email_later
 * the caller checks the address with the insert itself
 * (store_contact_insert(): one statement less per contact) and this
 * looks it up only when a later rule fails, so that a taken address is
 * still the error reported.
 */
enum email_check {
	EMAIL_FIRST,            /* looked up before the other rules */
	EMAIL_LATER,            /* by the insert; looked up when a rule fails */
	EMAIL_STAGED,           /* by store_import_stage() for every line */
};

static int
check_rules_as(struct tld_ctx *ctx, struct contacts_batch *b,
    const struct contact *c, int64_t self_id, const char *old_cctld,
    enum email_check email, bool *later_rule, struct cctld *cc,
    struct tld_error *err)
{
	bool email_later = email != EMAIL_FIRST;
	struct tld_error first;
	int rc;

	if (contact_is_community(c)) {
		/* No ccTLD: none to exist, no cap, no membership. */
		memset(cc, 0, sizeof(*cc));
		cc->member_since = 1;
	} else if ((rc = get_cctld(ctx, b, c->cctld, cc, err)) < 0) {
		return rc;
	}
	if (!email_later && (rc = check_email_free(ctx, c, self_id, err)) < 0)
		return rc;
	if (ctx->cfg.max_contacts_per_cctld > 0 && !contact_is_community(c) &&
	    (old_cctld == NULL || strcmp(old_cctld, c->cctld) != 0)) {
		if ((rc = count_cctld(ctx, b, c->cctld, &cc->contacts, err)) < 0)
			return rc;
		if (cc->contacts >= ctx->cfg.max_contacts_per_cctld) {
			rc = tld_error_set(err, TLD_ELIMIT, "cctld",
			    ".%s has %" PRId64 " contacts already, the most "
			    "allowed ([policy] max_contacts_per_cctld)",
			    cc->unicode, cc->contacts);
			goto broken;
		}
	}
	if (email_is_role_address(c->email)) {
		bool covered = false;

		if ((rc = store_exception_covers(ctx->store, c->email, &covered,
		    err)) < 0)
			return rc;
		if (!covered) {
			rc = tld_error_set(err, TLD_EINVAL, "email",
			    "%s is a role address, not a person's; contacts must "
			    "be individuals unless a generic-contact exception "
			    "exists ('tldops exception add')", c->email);
			goto broken;
		}
	}
	return 0;
broken:
	/* A taken address comes before the rule broken here. */
	if (email == EMAIL_STAGED) {
		*later_rule = true;
	} else if (email_later) {
		tld_error_clear(&first);
		if (check_email_free(ctx, c, self_id, &first) < 0) {
			*err = first;
			return first.code;
		}
	}
	return rc;
}

static int
check_rules(struct tld_ctx *ctx, struct contacts_batch *b,
    const struct contact *c, int64_t self_id, const char *old_cctld,
    bool email_later, struct cctld *cc, struct tld_error *err)
{
	bool later_rule = false;

	return check_rules_as(ctx, b, c, self_id, old_cctld, email_later ?
	    EMAIL_LATER : EMAIL_FIRST, &later_rule, cc, err);
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

	if (code[0] == '\0')
		return 0; /* a community contact: no ccTLD's membership */
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
 * imp NULL: written now; else gathered in the bulk import imp.  reuse (not
 * NULL): after's tree is kept there for the next row (a batch).
 */
static int
audit_contact_to(struct tld_ctx *ctx, struct store_import *imp,
    struct contact_json *reuse, const char *action, const char *via,
    const struct contact *before, const struct contact *after,
    struct tld_error *err)
{
	json_t *b = before ? contact_to_json(before) : NULL;
	json_t *a = NULL;
	char id[24];
	int rc;

	if (after != NULL && reuse != NULL) {
		json_t *v;

		a = contact_json_set(reuse, after);
		v = json_object_get(a, "via");
		if (via == NULL)
			json_object_del(a, "via");
		else if (v == NULL || strcmp(json_string_value(v), via) != 0)
			json_object_set_new_nocheck(a, "via", json_string(via));
	} else if (after != NULL) {
		a = contact_to_json(after);
		if (via != NULL)
			json_object_set_new_nocheck(a, "via", json_string(via));
	}
	id_string(after ? after->id : before->id, id, sizeof(id));
	rc = imp != NULL ?
	    audit_record_bulk(ctx, imp, action, "contact", id, b, a, err) :
	    audit_record(ctx, action, "contact", id, b, a, err);
	json_decref(b);
	if (reuse == NULL)
		json_decref(a);
	return rc;
}

static int
audit_contact(struct tld_ctx *ctx, const char *action, const char *via,
    const struct contact *before, const struct contact *after,
    struct tld_error *err)
{
	return audit_contact_to(ctx, NULL, NULL, action, via, before, after, err);
}

int
contacts_check_new(struct tld_ctx *ctx, const struct contact *c,
    struct tld_error *err)
{
	struct cctld cc;
	int rc;

	if ((rc = contact_check_complete(c, err)) < 0)
		return rc;
	return check_rules(ctx, NULL, c, 0, NULL, false, &cc, err);
}

int
contacts_insert_batch(struct tld_ctx *ctx, struct contacts_batch *b,
    struct contact *c, const char *via, struct tld_error *err)
{
	struct batch_cctld *e;
	struct cctld cc;
	int rc;

	if ((rc = contact_check_complete(c, err)) < 0)
		return rc;
	/*
	 * In a batch the insert checks the address (on PostgreSQL a refused
	 * insert still takes an id from the sequence, so only where the whole
	 * transaction goes if any line is refused: an import).
	 */
	if ((rc = check_rules(ctx, b, c, 0, NULL, b != NULL, &cc, err)) < 0)
		return rc;
	c->created = c->updated = clock_now();
	if ((rc = store_contact_insert(ctx->store, c, err)) == TLD_EEXIST) {
		struct tld_error taken;

		/* Name the contact that has the address, as check_rules() would. */
		tld_error_clear(&taken);
		if (check_email_free(ctx, c, 0, &taken) < 0) {
			*err = taken;
			return taken.code;
		}
		return rc;
	}
	if (rc < 0)
		return rc;
	if ((e = batch_slot(b, c->cctld, false)) != NULL && e->valid &&
	    e->counted)
		e->cc.contacts++;
	if ((rc = audit_contact_to(ctx, NULL, b != NULL ? &b->audit_json : NULL,
	    "contact.add", via, NULL, c, err)) < 0)
		return rc;
	/* Only a first contact can change membership. */
	if (cc.member_since != 0)
		return 0;
	/* It does: read the ccTLD again next time. */
	if (e != NULL)
		e->valid = false;
	return sync_membership(ctx, c->cctld, err);
}

int
contacts_stage_batch(struct tld_ctx *ctx, struct contacts_batch *b,
    struct store_import *imp, size_t line, struct contact *c, const char *via,
    struct tld_error *err)
{
	struct batch_cctld *e;
	bool later_rule = false;
	struct cctld cc;
	int rc;

	if ((rc = contact_check_complete(c, err)) < 0)
		return rc;
	/*
	 * The address last, for every line at once (store_import_stage()):
	 * a line that broke a later rule is staged too, not to be written,
	 * so that a taken address is still the error reported.
	 */
	c->created = c->updated = clock_now();
	if ((rc = check_rules_as(ctx, b, c, 0, NULL, EMAIL_STAGED, &later_rule,
	    &cc, err)) < 0) {
		if (later_rule) {
			c->id = 0;
			store_import_add_contact(imp, line, c, false);
		}
		return rc;
	}
	if ((rc = store_import_next_id(imp, &c->id, err)) < 0)
		return rc;
	store_import_add_contact(imp, line, c, true);
	e = batch_slot(b, c->cctld, false);
	if (e != NULL && e->valid && e->counted)
		e->cc.contacts++;
	if ((rc = audit_contact_to(ctx, imp, &b->audit_json, "contact.add", via,
	    NULL, c, err)) < 0)
		return rc;
	if (cc.member_since != 0 || (e != NULL && e->join))
		return 0;
	/* A first contact: its ccTLD joins once the rows are written. */
	for (size_t i = 0; i < b->njoin; i++)
		if (strcmp(b->join[i], c->cctld) == 0)
			return 0;
	if (b->njoin == b->join_cap) {
		b->join_cap = b->join_cap ? 2 * b->join_cap : 64;
		b->join = xreallocarray(b->join, b->join_cap, sizeof(*b->join));
	}
	snprintf(b->join[b->njoin++], sizeof(*b->join), "%s", c->cctld);
	if (e != NULL)
		e->join = true;
	return 0;
}

int
contacts_batch_sync(struct tld_ctx *ctx, struct contacts_batch *b,
    struct tld_error *err)
{
	int rc;

	for (size_t i = 0; i < b->njoin; i++)
		if ((rc = sync_membership(ctx, b->join[i], err)) < 0)
			return rc;
	return 0;
}

int
contacts_insert_in_txn(struct tld_ctx *ctx, struct contact *c, const char *via,
    struct tld_error *err)
{
	return contacts_insert_batch(ctx, NULL, c, via, err);
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
	rc = store_end(ctx->store, contacts_insert_in_txn(ctx, &c, "cli", err), err);
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
	if ((rc = check_rules(ctx, NULL, &c, id, before.cctld, false, &cc,
	    err)) < 0)
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
	rc = store_end(ctx->store, contacts_update_in_txn(ctx, id, f, &c, err), err);
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
	return store_end(ctx->store, contacts_remove_in_txn(ctx, id, reason, err), err);
}

int
contacts_get(struct tld_ctx *ctx, int64_t id, struct contact *out,
    struct tld_error *err)
{
	return store_contact_get(ctx->store, id, out, err);
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

/* A community contact, with the exception that covers its address. */
static int
collect_community(void *p, const struct contact *c)
{
	struct generic_ctx *g = p;
	char key[EMAIL_MAX + 1];
	json_t *o, *ex;
	size_t i;

	for (i = 0; c->email[i] != '\0' && i < sizeof(key) - 1; i++)
		key[i] = (char)tolower((unsigned char)c->email[i]);
	key[i] = '\0';
	o = contact_to_json(c);
	ex = json_object_get(g->exceptions, key);
	if (ex != NULL)
		json_object_set(o, "exception", ex);
	json_array_append_new(g->out, o);
	return 0;
}

int
contacts_community_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err)
{
	struct generic_ctx g = { json_object(), json_array() };
	int rc;

	rc = store_exception_each(ctx->store, collect_exception, &g, err);
	if (rc >= 0)
		rc = store_contact_each(ctx->store, STORE_CONTACT_COMMUNITY,
		    collect_community, &g, err);
	json_decref(g.exceptions);
	if (rc < 0) {
		json_decref(g.out);
		return rc;
	}
	*out = g.out;
	return 0;
}

int
contacts_query(struct tld_ctx *ctx, const struct contact_query *q,
    store_contact_listed_cb cb, void *cb_ctx, int64_t *total,
    struct tld_error *err)
{
	static const char *const regions[] = { "AF", "AP", "EU", "LAC", "NA" };
	struct contact_query k = *q;
	struct cctld c;
	size_t i;
	int rc;

	/* "community": the community's contacts (IANA, liaisons, staff). */
	if (k.cctld != NULL && strcasecmp(k.cctld, "community") == 0) {
		k.community = true;
		k.cctld = "";
	} else if (k.cctld != NULL && k.cctld[0] != '\0') {
		if ((rc = cctlds_resolve(ctx, k.cctld, &c, err)) < 0)
			return rc;
		k.cctld = c.code;
	}
	if (k.region != NULL && k.region[0] != '\0') {
		for (i = 0; i < sizeof(regions) / sizeof(regions[0]) &&
		    strcmp(regions[i], k.region) != 0; i++)
			;
		if (i == sizeof(regions) / sizeof(regions[0]))
			return tld_error_set(err, TLD_EINVAL, "region",
			    "one of AF, AP, EU, LAC, NA");
	}
	if (k.limit < 1 || k.limit > CONTACTS_PAGE_MAX)
		return tld_error_set(err, TLD_EINVAL, "limit",
		    "between 1 and %d contacts a page", CONTACTS_PAGE_MAX);
	if (k.offset < 0)
		return tld_error_set(err, TLD_EINVAL, "offset", "must not be negative");
	k.bounce_since = clock_now() - ctx->cfg.bounce_window_days * 86400;
	return store_contact_query(ctx->store, &k, cb, cb_ctx, total, err);
}
