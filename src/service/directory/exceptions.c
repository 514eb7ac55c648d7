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

struct print_ctx {
	FILE *out;
	json_t *array;
};

static int
print_one(void *p, const struct generic_exception *e)
{
	struct print_ctx *pc = p;
	char when[32];

	clock_format_iso(e->created, when, sizeof(when));
	if (pc->array != NULL)
		json_array_append_new(pc->array, json_pack(
		    "{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id,
		    "email", e->email, "reason", e->reason,
		    "approved_by", e->approved_by, "created", when));
	else
		fprintf(pc->out, "%" PRId64 "  %s  approved by %s on %.10s: %s\n",
		    e->id, e->email, e->approved_by, when, e->reason);
	return 0;
}

int
exceptions_print(struct tld_ctx *ctx, int json, FILE *out,
    struct tld_error *err)
{
	struct print_ctx pc = { out, json ? json_array() : NULL };
	int rc = store_exception_each(ctx->store, print_one, &pc, err);

	if (rc >= 0 && pc.array != NULL) {
		json_dumpf(pc.array, out, JSON_INDENT(2));
		fputc('\n', out);
	} else if (rc == 0) {
		fprintf(out, "no generic-contact exceptions\n");
	}
	json_decref(pc.array);
	return rc;
}
