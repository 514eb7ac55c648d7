/* SPDX-License-Identifier: MIT */
/* The text of the directory's listings: exceptions and the emergency lookup. */
#include "cli/print.h"

#include <string.h>

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

void
print_exceptions(FILE *out, const json_t *list)
{
	const json_t *e;
	size_t i;

	json_array_foreach(list, i, e)
		fprintf(out, "%lld  %s  approved by %s on %.10s: %s\n",
		    (long long)json_integer_value(json_object_get(e, "id")),
		    str(e, "email"), str(e, "approved_by"), str(e, "created"),
		    str(e, "reason"));
	if (json_array_size(list) == 0)
		fprintf(out, "no generic-contact exceptions\n");
}

void
print_lookup(FILE *out, const json_t *lookup)
{
	const json_t *list = json_object_get(lookup, "contact_list"), *c, *v;
	size_t i, k;

	if (strcmp(str(lookup, "code"), str(lookup, "unicode")) != 0)
		fprintf(out, ".%s (%s) — %s [%s]\n", str(lookup, "unicode"),
		    str(lookup, "code"), str(lookup, "country"),
		    str(lookup, "region"));
	else
		fprintf(out, ".%s — %s [%s]\n", str(lookup, "code"),
		    str(lookup, "country"), str(lookup, "region"));
	json_array_foreach(list, i, c) {
		const char *org = str(c, "organisation"), *role = str(c, "role");
		const json_t *langs = json_object_get(c, "languages");

		fprintf(out, "  %s\n    email  %s\n    phone  %s\n", str(c, "name"),
		    str(c, "email"), str(c, "phone"));
		if (org[0] != '\0' || role[0] != '\0')
			fprintf(out, "    org    %s%s%s\n", org,
			    org[0] && role[0] ? " — " : "", role);
		if (json_array_size(langs) > 0) {
			fputs("    lang   ", out);
			json_array_foreach(langs, k, v)
				fprintf(out, "%s%s", k ? "," : "",
				    json_string_value(v));
			fputc('\n', out);
		}
		if (str(c, "pgp_fingerprint")[0] != '\0')
			fprintf(out, "    pgp    %s\n", str(c, "pgp_fingerprint"));
		if (json_is_string(json_object_get(c, "stale_since")))
			fprintf(out, "    (stale since %.10s: not confirmed in time, "
			    "may be out of date)\n", str(c, "stale_since"));
	}
	if (json_array_size(list) == 0)
		fprintf(out, "  no contacts: .%s is not a member of the community\n",
		    str(lookup, "unicode"));
}
