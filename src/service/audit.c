/* SPDX-License-Identifier: MIT */
/* Writing and reading the audit log. */
#include "service/audit.h"
#include "store/audit_store.h"

#include <inttypes.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/json_buf.h"

int
audit_record(struct tld_ctx *ctx, const char *action, const char *object_type,
    const char *object_id, json_t *before, json_t *after,
    struct tld_error *err)
{
	struct buf b, a;
	int rc = 0;

	buf_init(&b);
	buf_init(&a);
	if ((before != NULL && json_buf_append(&b, before, JSON_COMPACT) < 0) ||
	    (after != NULL && json_buf_append(&a, after, JSON_COMPACT) < 0))
		rc = tld_error_set(err, TLD_ESTORE, "", "cannot write the audit row");
	if (rc == 0) {
		struct audit_entry e = {
			.at = clock_now(),
			.actor = ctx->actor,
			.action = action,
			.object_type = object_type,
			.object_id = object_id,
			.before_json = before ? buf_str(&b) : NULL,
			.after_json = after ? buf_str(&a) : NULL,
		};

		rc = store_audit_insert(ctx->store, &e, err);
	}
	buf_fini(&b);
	buf_fini(&a);
	return rc;
}

struct print_ctx {
	FILE *out;
	json_t *array;
};

static int
print_entry(void *p, const struct audit_entry *e)
{
	struct print_ctx *pc = p;
	char when[32];

	clock_format_iso(e->at, when, sizeof(when));
	if (pc->array != NULL) {
		json_t *o = json_object();

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
		json_array_append_new(pc->array, o);
		return 0;
	}
	fprintf(pc->out, "%s  %-12s %-18s %s %s\n", when, e->actor, e->action,
	    e->object_type, e->object_id);
	return 0;
}

int
audit_print(struct tld_ctx *ctx, int64_t since, int64_t until, int json,
    FILE *out, struct tld_error *err)
{
	struct print_ctx pc = { out, json ? json_array() : NULL };
	int rc = store_audit_each(ctx->store, since, until, print_entry, &pc, err);

	if (rc >= 0 && pc.array != NULL) {
		json_dumpf(pc.array, out, JSON_INDENT(2));
		fputc('\n', out);
	}
	json_decref(pc.array);
	return rc;
}
