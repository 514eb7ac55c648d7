/* SPDX-License-Identifier: MIT */
/* Generic-contact exceptions. */
#include "service/directory/exceptions.h"

#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "model/email.h"
#include "model/field.h"
#include "service/audit.h"
#include "store/exception_store.h"
#include "util/clock.h"

int
exceptions_add(struct tld_ctx *ctx, const char *email, const char *reason,
    struct generic_exception *out, struct tld_error *err)
{
	struct generic_exception e;
	char id[24];
	json_t *after;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = email_normalize(email, strlen(email), e.email, sizeof(e.email),
	    err)) < 0)
		return rc;
	if ((rc = text_field_validate("reason", reason, strlen(reason),
	    sizeof(e.reason) - 1, true, err)) < 0)
		return rc;
	snprintf(e.reason, sizeof(e.reason), "%s", reason);
	snprintf(e.approved_by, sizeof(e.approved_by), "%s", ctx->actor);
	e.created = clock_now();
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_exception_insert(ctx->store, &e, err);
	if (rc == 0) {
		snprintf(id, sizeof(id), "%" PRId64, e.id);
		after = json_pack("{s:s, s:s, s:s}", "email", e.email,
		    "reason", e.reason, "approved_by", e.approved_by);
		rc = audit_record(ctx, "exception.add", "exception", id, NULL,
		    after, err);
		json_decref(after);
	}
	if (rc < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	if ((rc = store_commit(ctx->store, err)) < 0)
		return rc;
	*out = e;
	return 0;
}

int
exceptions_remove(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct generic_exception *out, struct tld_error *err)
{
	struct generic_exception e;
	json_t *before, *after = NULL;
	char sid[24];
	int rc;

	if (reason != NULL && reason[0] != '\0' && (rc = text_field_validate(
	    "reason", reason, strlen(reason), sizeof(e.reason) - 1, true,
	    err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_exception_revoke(ctx->store, id, clock_now(), &e, err);
	if (rc == 0)
		rc = tld_error_set(err, TLD_ENOTFOUND, "id",
		    "there is no exception %" PRId64, id);
	if (rc > 0) {
		snprintf(sid, sizeof(sid), "%" PRId64, id);
		before = json_pack("{s:s, s:s, s:s}", "email", e.email,
		    "reason", e.reason, "approved_by", e.approved_by);
		if (reason != NULL && reason[0] != '\0')
			after = json_pack("{s:s}", "removal_reason", reason);
		rc = audit_record(ctx, "exception.remove", "exception", sid,
		    before, after, err);
		json_decref(before);
		json_decref(after);
	}
	if (rc < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	if ((rc = store_commit(ctx->store, err)) < 0)
		return rc;
	if (out != NULL)
		*out = e;
	return 0;
}

static int
list_one(void *p, const struct generic_exception *e)
{
	char when[32];

	json_t *o, *c = json_null();

	clock_format_iso(e->created, when, sizeof(when));
	o = json_pack("{s:I, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)e->id, "email", e->email, "reason", e->reason,
	    "approved_by", e->approved_by, "created", when);
	/* The contact it stands for: the IANA root contact, a liaison... */
	if (e->contact_id != 0) {
		c = json_pack("{s:I, s:s}", "id", (json_int_t)e->contact_id,
		    "kind", e->contact_kind);
		if (e->contact_cctld[0] != '\0')
			json_object_set_new(c, "cctld", json_string(e->contact_cctld));
		else
			json_object_set_new(c, "affiliation",
			    json_string(e->contact_affiliation));
	}
	json_object_set_new(o, "contact", c);
	json_array_append_new(p, o);
	return 0;
}

int
exceptions_list(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	json_t *array = json_array();
	int rc = store_exception_each(ctx->store, list_one, array, err);

	if (rc < 0) {
		json_decref(array);
		return rc;
	}
	*out = array;
	return 0;
}
