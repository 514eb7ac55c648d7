/* SPDX-License-Identifier: MIT */
/* The text of the planning listings: events, initiatives, meetings. */
#include "cli/print.h"

#include <stdint.h>

#include "service/planning/initiatives.h"
#include "util/buf.h"
#include "util/json_util.h"

/* "a, b, c" of a JSON array of strings, or "-". */
static void
join_names(const json_t *arr, struct buf *out)
{
	size_t k;
	const json_t *v;

	if (json_array_size(arr) == 0)
		buf_puts(out, "-");
	json_array_foreach(arr, k, v)
		buf_printf(out, "%s%s", k ? ", " : "", json_string_value(v));
}

static size_t
done_count(const json_t *o)
{
	size_t k, n = 0;
	const json_t *m;

	json_array_foreach(json_object_get(o, "milestones"), k, m)
		n += !json_is_null(json_object_get(m, "done"));
	return n;
}

void
print_initiatives(FILE *out, const json_t *list)
{
	struct buf flags;
	const json_t *o;
	size_t k;

	buf_init(&flags);
	json_array_foreach(list, k, o) {
		const json_t *lead = json_object_get(o, "lead");

		fprintf(out, "%-5lld %-8s %-9s %s\n",
		    (long long)json_integer_value(json_object_get(o, "id")),
		    json_str(o, "state"), json_str(o, "kind"), json_str(o, "title"));
		fprintf(out, "      lead %s, team %zu, milestones %zu of %zu done\n",
		    json_is_string(lead) ? json_string_value(lead) : "-",
		    json_array_size(json_object_get(o, "team")), done_count(o),
		    json_array_size(json_object_get(o, "milestones")));
		buf_reset(&flags);
		initiatives_flags_describe(o, &flags);
		if (flags.len > 0)
			fprintf(out, "      ! %s\n", buf_str(&flags));
	}
	buf_fini(&flags);
}

void
print_initiative(FILE *out, const json_t *o)
{
	struct buf b;
	const json_t *v;
	size_t k;

	buf_init(&b);
	fprintf(out, "Initiative %lld: %s\n", (long long)json_integer_value(
	    json_object_get(o, "id")), json_str(o, "title"));
	fprintf(out, "  kind          %s\n", json_str(o, "kind"));
	fprintf(out, "  state         %s%s%s\n", json_str(o, "state"),
	    *json_str(o, "state_note") ? ": " : "", json_str(o, "state_note"));
	fprintf(out, "  lead          %s\n", json_is_string(json_object_get(o,
	    "lead")) ? json_str(o, "lead") : "-");
	join_names(json_object_get(o, "team"), &b);
	fprintf(out, "  team          %s\n", buf_str(&b));
	buf_reset(&b);
	join_names(json_object_get(o, "deliverables"), &b);
	fprintf(out, "  deliverables  %s\n", buf_str(&b));
	fprintf(out, "  milestones    %zu of %zu done\n", done_count(o),
	    json_array_size(json_object_get(o, "milestones")));
	json_array_foreach(json_object_get(o, "milestones"), k, v) {
		const json_t *done = json_object_get(v, "done");
		char state[32];

		if (json_is_string(done))
			snprintf(state, sizeof(state), "done %.10s",
			    json_string_value(done));
		else
			snprintf(state, sizeof(state), "%s",
			    json_is_true(json_object_get(v, "overdue")) ?
			    "OVERDUE" : "open");
		fprintf(out, "    %-3lld %-15s due %s (%s): %s\n",
		    (long long)json_integer_value(json_object_get(v, "number")),
		    state, json_str(v, "due"), json_str(v, "due_date"), json_str(v, "text"));
	}
	fprintf(out, "  last progress %.10s, %lld meetings without progress since\n",
	    json_str(o, "last_progress"),
	    (long long)json_integer_value(json_object_get(o, "idle_meetings")));
	buf_reset(&b);
	initiatives_flags_describe(o, &b);
	fprintf(out, "  flags         %s\n", b.len ? buf_str(&b) : "-");
	fprintf(out, "  history\n");
	json_array_foreach(json_object_get(o, "history"), k, v)
		fprintf(out, "    %s  %-12s %s\n", json_str(v, "at"), json_str(v, "actor"),
		    json_str(v, "change"));
	buf_fini(&b);
}

static int64_t
count(const json_t *o, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(json_object_get(o,
	    "counts"), key));
}

void
print_events(FILE *out, const json_t *list)
{
	const json_t *o;
	size_t k;

	json_array_foreach(list, k, o)
		fprintf(out, "%-5lld %s  %s (%s): %lld invited, %lld joined since\n",
		    (long long)json_integer_value(json_object_get(o, "id")),
		    json_str(o, "date"), json_str(o, "title"), json_str(o, "place"),
		    (long long)count(o, "invited"), (long long)count(o, "joined"));
}

void
print_event(FILE *out, const json_t *o)
{
	const json_t *v;
	size_t k;

	fprintf(out, "Event %lld: %s\n", (long long)json_integer_value(
	    json_object_get(o, "id")), json_str(o, "title"));
	fprintf(out, "  date        %s\n  place       %s\n", json_str(o, "date"),
	    json_str(o, "place"));
	fprintf(out, "  organiser   %s\n", json_is_string(json_object_get(o,
	    "organiser")) ? json_str(o, "organiser") : "-");
	fprintf(out, "  presenters ");
	json_array_foreach(json_object_get(o, "presenters"), k, v)
		fprintf(out, "%s %s (%s)", k ? "," : "", json_str(v, "name"),
		    json_str(v, "mode"));
	fprintf(out, "%s\n  materials  ", json_array_size(json_object_get(o,
	    "presenters")) ? "" : " -");
	json_array_foreach(json_object_get(o, "materials"), k, v)
		fprintf(out, "%s %s (%s)", k ? "," : "", json_str(v, "slug"),
		    json_str(v, "lang"));
	fprintf(out, "%s\n", json_array_size(json_object_get(o, "materials")) ?
	    "" : " -");
	fprintf(out, "  invited     %lld: %lld joined since, %lld interested, "
	    "%lld declined\n", (long long)count(o, "invited"),
	    (long long)count(o, "joined"), (long long)count(o, "interested"),
	    (long long)count(o, "declined"));
	json_array_foreach(json_object_get(o, "invited"), k, v) {
		const json_t *joined = json_object_get(v, "joined");

		fprintf(out, "    .%-10s %-11s %-24s", json_str(v, "unicode"),
		    json_is_string(json_object_get(v, "outcome")) ?
		    json_str(v, "outcome") : "-", json_str(v, "country"));
		if (json_is_string(joined))
			fprintf(out, " joined %.10s", json_string_value(joined));
		fputc('\n', out);
	}
}

void
print_meetings(FILE *out, const json_t *list)
{
	const json_t *m;
	size_t i;

	json_array_foreach(list, i, m)
		fprintf(out, "%s  %-16s %s\n", json_str(m, "date"), json_str(m, "name"),
		    json_str(m, "place"));
}
