/* SPDX-License-Identifier: MIT */
/* The text of the core's listings: the audit log and the outbox. */
#include "cli/print.h"

#include <stdbool.h>
#include <string.h>

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static long long
num(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

void
print_json(FILE *out, const json_t *j)
{
	json_dumpf(j, out, JSON_INDENT(2));
	fputc('\n', out);
}

void
print_audit(FILE *out, const json_t *entries)
{
	const json_t *e;
	size_t i;

	json_array_foreach(entries, i, e)
		fprintf(out, "%s  %-12s %-18s %s %s\n", str(e, "at"),
		    str(e, "actor"), str(e, "action"), str(e, "object_type"),
		    str(e, "object_id"));
}

void
print_outbox_status(FILE *out, const json_t *status)
{
	const json_t *d;
	size_t i;

	fprintf(out, "messages %lld: queued %lld, sending %lld, sent %lld, "
	    "failed %lld\n", num(status, "messages"), num(status, "queued"),
	    num(status, "sending"), num(status, "sent"), num(status, "failed"));
	if (json_is_string(json_object_get(status, "next_due")))
		fprintf(out, "next delivery due %s\n", str(status, "next_due"));
	json_array_foreach(json_object_get(status, "problems"), i, d) {
		bool queued = strcmp(str(d, "state"), "queued") == 0;

		fprintf(out, "  %-7s %-28s %s attempts %lld%s%s: %s\n",
		    str(d, "state"), str(d, "recipient"), str(d, "kind"),
		    num(d, "attempts"), queued ? ", next " : "",
		    queued ? str(d, "next_attempt") : "", str(d, "last_error"));
	}
}
