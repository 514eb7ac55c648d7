/* SPDX-License-Identifier: MIT */
/* The text of the collateral's listings: actions, documents, objectives. */
#include "cli/print.h"
#include "cli/table.h"

#include <stdbool.h>
#include <string.h>

#include "util/buf.h"
#include "util/json_util.h"

void
print_actions(FILE *out, const json_t *list)
{
	const json_t *a, *n;
	size_t i, k;

	struct cli_table t;

	cli_table_init(&t, 6, (const char *[]){ "#", "STATE", "OPENED",
	    "CLOSED", "OWNER", "TITLE" });
	json_array_foreach(list, i, a) {
		char number[24], opened[11], closed[11];
		struct buf line;

		snprintf(number, sizeof(number), "%lld", json_num(a, "number"));
		snprintf(opened, sizeof(opened), "%.10s", json_str(a, "opened"));
		snprintf(closed, sizeof(closed), "%.10s", json_str(a, "closed"));
		cli_table_row(&t, (const char *[]){ number, json_str(a, "state"), opened,
		    closed[0] ? closed : "-", json_str(a, "owner")[0] ?
		    json_str(a, "owner") : "-", json_str(a, "title") });
		buf_init(&line);
		json_array_foreach(json_object_get(a, "notes"), k, n) {
			buf_reset(&line);
			buf_printf(&line, "    %.10s %s: %s", json_str(n, "at"),
			    json_str(n, "author"), json_str(n, "text"));
			cli_table_line(&t, buf_str(&line));
		}
		buf_fini(&line);
	}
	cli_table_print(&t, out);
	cli_table_fini(&t);
}

void
print_documents(FILE *out, const json_t *list)
{
	const json_t *g, *d;
	size_t i, k;

	json_array_foreach(list, i, g) {
		json_array_foreach(json_object_get(g, "versions"), k, d) {
			bool removed = json_object_get(d, "removed") != NULL;
			bool current = !removed && strcmp(json_str(d, "version"),
			    json_str(g, "version")) == 0;

			fprintf(out, "%-24s %-2s %-8s%c %-9s %-8s %10lld %.10s  %s",
			    json_str(d, "slug"), json_str(d, "lang"), json_str(d, "version"),
			    current ? '*' : ' ', json_str(d, "visibility"),
			    json_str(d, "format"), json_num(d, "size"), json_str(d, "created"),
			    json_str(d, "title"));
			if (removed)
				fprintf(out, "  [removed %.10s: %s]", json_str(d, "removed"),
				    json_str(d, "removed_reason"));
			fputc('\n', out);
		}
	}
}

void
print_objectives(FILE *out, const json_t *list)
{
	const json_t *o;
	size_t i;

	json_array_foreach(list, i, o) {
		const char *t = json_string_value(json_object_get(o, "target"));

		fprintf(out, "%-5lld %-16s %-6s %s", json_num(o, "id"),
		    json_str(o, "meeting"), json_str(o, "state"), json_str(o, "text"));
		if (t != NULL)
			fprintf(out, " [target: %s]", t);
		fputc('\n', out);
	}
}
