/* SPDX-License-Identifier: MIT */
/* The text of the core's listings: the audit log and the outbox. */
#include "cli/print.h"
#include "cli/table.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json_util.h"

void
print_json(FILE *out, const json_t *j)
{
	json_dumpf(j, out, JSON_INDENT(2));
	fputc('\n', out);
}

/* A value for a change line: strings quoted, long ones cut. */
static void
change_value(struct buf *b, const json_t *v)
{
	char *text = NULL;
	const char *s;

	if (json_is_string(v)) {
		s = json_string_value(v);
		buf_printf(b, "\"%.60s%s\"", s, strlen(s) > 60 ? "..." : "");
		return;
	}
	if (v == NULL || json_is_null(v)) {
		buf_puts(b, "-");
		return;
	}
	text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	buf_printf(b, "%.60s%s", text ? text : "?", text && strlen(text) > 60 ?
	    "..." : "");
	free(text);
}

/* Who or what an object is, in a few words: its name, title or code. */
static void
summary(struct buf *b, const json_t *o)
{
	static const char *const keys[] = { "name", "title", "subject", "slug",
	    "email", "code", "text", "owner", "state" };
	size_t n = 0;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && n < 2; i++) {
		const char *v = json_string_value(json_object_get(o, keys[i]));

		if (v == NULL || v[0] == '\0')
			continue;
		buf_printf(b, "%s%s%.60s%s%s", n ? " " : "",
		    strcmp(keys[i], "email") == 0 && n ? "<" : "", v,
		    strlen(v) > 60 ? "..." : "",
		    strcmp(keys[i], "email") == 0 && n ? ">" : "");
		n++;
	}
}

/* What a change did: the fields that differ, old -> new, and the reason. */
static void
describe_change(struct buf *b, const json_t *before, const json_t *after)
{
	static const char *const why[] = { "reason", "note" };
	const char *key;
	json_t *v;
	size_t n = 0;

	if (!json_is_object(before)) {
		buf_puts(b, "new: ");
		summary(b, after);
	} else if (!json_is_object(after)) {
		buf_puts(b, "removed: ");
		summary(b, before);
	} else {
		json_object_foreach((json_t *)after, key, v) {
			const json_t *old = json_object_get(before, key);

			if (strcmp(key, "updated") == 0 || strcmp(key, "via") == 0 ||
			    strcmp(key, "reason") == 0 || strcmp(key, "note") == 0 ||
			    json_equal(old, v))
				continue;
			/*
			 * A contact's phone as people read it (phone_display, its
			 * grouping) when both rows have one, under "phone".
			 */
			if (strcmp(key, "phone") == 0 &&
			    json_is_string(json_object_get(after, "phone_display")) &&
			    json_is_string(json_object_get(before, "phone_display")))
				continue;
			buf_printf(b, "%s%s: ", n++ ? ", " : "",
			    strcmp(key, "phone_display") == 0 ? "phone" : key);
			change_value(b, old);
			buf_puts(b, " -> ");
			change_value(b, v);
		}
		if (n == 0) {
			buf_puts(b, "removed: ");
			summary(b, before);
		}
	}
	for (size_t i = 0; i < sizeof(why) / sizeof(why[0]); i++) {
		const char *r = json_string_value(json_object_get(after, why[i]));

		if (r != NULL && r[0] != '\0')
			buf_printf(b, "; %s: %s", why[i], r);
	}
}

void
print_audit(FILE *out, const json_t *entries)
{
	struct cli_table t;
	struct buf what, obj;
	const json_t *e;
	size_t i;

	if (json_array_size(entries) == 0)
		return;
	buf_init(&what);
	buf_init(&obj);
	cli_table_init(&t, 5, (const char *[]){ "AT", "ACTOR", "ACTION", "OBJECT",
	    "CHANGE" });
	json_array_foreach(entries, i, e) {
		buf_reset(&what);
		buf_reset(&obj);
		buf_printf(&obj, "%s %s", json_str(e, "object_type"), json_str(e, "object_id"));
		describe_change(&what, json_object_get(e, "before"),
		    json_object_get(e, "after"));
		cli_table_row(&t, (const char *[]){ json_str(e, "at"), json_str(e, "actor"),
		    json_str(e, "action"), buf_str(&obj), buf_str(&what) });
	}
	cli_table_print(&t, out);
	cli_table_fini(&t);
	buf_fini(&what);
	buf_fini(&obj);
}

void
print_outbox_status(FILE *out, const json_t *status)
{
	const json_t *d;
	size_t i;

	fprintf(out, "messages %lld: queued %lld, sending %lld, sent %lld, "
	    "failed %lld\n", json_num(status, "messages"), json_num(status, "queued"),
	    json_num(status, "sending"), json_num(status, "sent"), json_num(status, "failed"));
	if (json_is_string(json_object_get(status, "next_due")))
		fprintf(out, "next delivery due %s\n", json_str(status, "next_due"));
	json_array_foreach(json_object_get(status, "problems"), i, d) {
		bool queued = strcmp(json_str(d, "state"), "queued") == 0;

		fprintf(out, "  %-7s %-28s %s attempts %lld%s%s: %s\n",
		    json_str(d, "state"), json_str(d, "recipient"), json_str(d, "kind"),
		    json_num(d, "attempts"), queued ? ", next " : "",
		    queued ? json_str(d, "next_attempt") : "", json_str(d, "last_error"));
	}
}
