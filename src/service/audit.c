/* SPDX-License-Identifier: MIT */
/* Writing and reading the audit log. */
#include "service/audit.h"
#include "store/audit_store.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/cctld_code.h"
#include "util/clock.h"
#include "util/json_buf.h"

/*
 * Write the row now, or gather it in imp when that is not NULL.  The JSON
 * is dumped into buffers on the stack (json_text()): most rows fit.
 */
static int
audit_write(struct tld_ctx *ctx, struct store_import *imp, const char *action,
    const char *object_type, const char *object_id, json_t *before,
    json_t *after, struct tld_error *err)
{
	char bspace[4096], aspace[4096];
	char *bheap = NULL, *aheap = NULL;
	const char *btext = NULL, *atext = NULL;
	int rc = 0;

	if ((before != NULL && (btext = json_text(before, JSON_COMPACT, bspace,
	    sizeof(bspace), &bheap)) == NULL) ||
	    (after != NULL && (atext = json_text(after, JSON_COMPACT, aspace,
	    sizeof(aspace), &aheap)) == NULL))
		rc = tld_error_set(err, TLD_ESTORE, "", "cannot write the audit row");
	if (rc == 0) {
		struct audit_entry e = {
			.at = clock_now(),
			.actor = ctx->actor,
			.action = action,
			.object_type = object_type,
			.object_id = object_id,
			.before_json = btext,
			.after_json = atext,
		};

		if (imp != NULL)
			store_import_add_audit(imp, &e);
		else
			rc = store_audit_insert(ctx->store, &e, err);
	}
	free(bheap);
	free(aheap);
	return rc;
}

int
audit_record(struct tld_ctx *ctx, const char *action, const char *object_type,
    const char *object_id, json_t *before, json_t *after,
    struct tld_error *err)
{
	return audit_write(ctx, NULL, action, object_type, object_id, before,
	    after, err);
}

int
audit_record_bulk(struct tld_ctx *ctx, struct store_import *imp,
    const char *action, const char *object_type, const char *object_id,
    json_t *before, json_t *after, struct tld_error *err)
{
	return audit_write(ctx, imp, action, object_type, object_id, before,
	    after, err);
}

static int
list_entry(void *p, const struct audit_entry *e)
{
	json_t *o = json_object();
	char when[32];

	clock_format_iso(e->at, when, sizeof(when));
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "at", json_string(when));
	json_object_set_new(o, "actor", json_string(e->actor));
	json_object_set_new(o, "action", json_string(e->action));
	json_object_set_new(o, "object_type", json_string(e->object_type));
	json_object_set_new(o, "object_id", json_string(e->object_id));
	json_object_set_new(o, "before", e->before_json ?
	    json_loads(e->before_json, 0, NULL) : json_null());
	json_object_set_new(o, "after", e->after_json ?
	    json_loads(e->after_json, 0, NULL) : json_null());
	json_array_append_new(p, o);
	return 0;
}

int
audit_list(struct tld_ctx *ctx, int64_t since, int64_t until, json_t **out,
    struct tld_error *err)
{
	json_t *array = json_array();
	int rc = store_audit_each(ctx->store, since, until, list_entry, array,
	    err);

	if (rc < 0) {
		json_decref(array);
		return rc;
	}
	*out = array;
	return 0;
}

static int
query_entry(void *p, const struct audit_entry *e)
{
	char when[32];

	clock_format_iso(e->at, when, sizeof(when));
	json_array_append_new(p, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}",
	    "id", (json_int_t)e->id, "at", when, "actor", e->actor,
	    "action", e->action, "object_type", e->object_type,
	    "object_id", e->object_id,
	    "before", e->before_json ? json_loads(e->before_json, 0, NULL) :
	    json_null(), "after", e->after_json ?
	    json_loads(e->after_json, 0, NULL) : json_null()));
	return 0;
}

/* q with its ccTLD ("NL", ".nl", "рф") as the stored A-label in code. */
static int
normalize_query(const struct audit_query *q, struct audit_query *nq,
    char code[CCTLD_CODE_MAX + 1], struct tld_error *err)
{
	int rc;

	*nq = *q;
	if (q->cctld != NULL && q->cctld[0] != '\0') {
		/* Never a LIKE pattern: the code's syntax is checked here. */
		if ((rc = cctld_code_normalize(q->cctld, strlen(q->cctld), code,
		    CCTLD_CODE_MAX + 1, err)) < 0)
			return rc;
		nq->cctld = code;
	}
	if (nq->until != 0 && nq->until <= nq->since)
		return tld_error_set(err, TLD_EINVAL, "until",
		    "the end of the range must come after its start");
	return 0;
}

static int
run_query(struct tld_ctx *ctx, const struct audit_query *q, json_t **out,
    int64_t *total, struct tld_error *err)
{
	json_t *a = json_array();
	int rc;

	if ((rc = store_audit_query(ctx->store, q, query_entry, a, total, err)) < 0) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}

int
audit_query_json(struct tld_ctx *ctx, const struct audit_query *q,
    json_t **out, int64_t *total, struct tld_error *err)
{
	struct audit_query nq;
	char code[CCTLD_CODE_MAX + 1];
	int rc;

	*out = NULL;
	if ((rc = normalize_query(q, &nq, code, err)) < 0)
		return rc;
	if (nq.limit < 1 || nq.limit > AUDIT_PAGE_MAX)
		return tld_error_set(err, TLD_EINVAL, "limit",
		    "between 1 and %d entries a page", AUDIT_PAGE_MAX);
	if (nq.offset < 0)
		return tld_error_set(err, TLD_EINVAL, "offset", "must not be negative");
	nq.oldest_first = false;
	return run_query(ctx, &nq, out, total, err);
}

int
audit_history(struct tld_ctx *ctx, const struct audit_query *q, json_t **out,
    struct tld_error *err)
{
	struct audit_query nq;
	char code[CCTLD_CODE_MAX + 1];
	int64_t total;
	int rc;

	*out = NULL;
	if ((rc = normalize_query(q, &nq, code, err)) < 0)
		return rc;
	nq.offset = 0;
	nq.limit = 0;
	nq.oldest_first = true;
	return run_query(ctx, &nq, out, &total, err);
}
