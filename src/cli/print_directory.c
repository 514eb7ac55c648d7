/* SPDX-License-Identifier: MIT */
/* The text of the directory's listings: exceptions and the emergency lookup. */
#include "cli/print.h"

#include <string.h>

#include "util/json_util.h"

void
print_exceptions(FILE *out, const json_t *list)
{
	const json_t *e;
	size_t i;

	json_array_foreach(list, i, e) {
		const json_t *c = json_object_get(e, "contact");

		fprintf(out, "%lld  %s  approved by %s on %.10s: %s\n",
		    (long long)json_integer_value(json_object_get(e, "id")),
		    json_str(e, "email"), json_str(e, "approved_by"), json_str(e, "created"),
		    json_str(e, "reason"));
		if (json_is_object(c) && json_is_string(json_object_get(c, "affiliation")))
			fprintf(out, "    for community contact %lld (%s, %s)\n",
			    (long long)json_integer_value(json_object_get(c, "id")),
			    json_str(c, "affiliation"), json_str(c, "kind"));
		else if (json_is_object(c))
			fprintf(out, "    for contact %lld of .%s\n",
			    (long long)json_integer_value(json_object_get(c, "id")),
			    json_str(c, "cctld"));
	}
	if (json_array_size(list) == 0)
		fprintf(out, "no generic-contact exceptions\n");
}

/* One contact of the emergency lookup, indented under its ccTLD. */
static void
print_contact_block(FILE *out, const json_t *c)
{
	const char *org = json_str(c, "organisation"), *role = json_str(c, "role");
	const json_t *langs = json_object_get(c, "languages"), *v;
	size_t k;

	fprintf(out, "  %s\n    email  %s\n", json_str(c, "name"),
	    json_str(c, "email"));
	/* A community role address may have none (its exception says why). */
	if (json_str(c, "phone")[0] != '\0')
		fprintf(out, "    phone  %s\n", json_str(c, "phone_display"));
	if (org[0] != '\0')
		fprintf(out, "    org    %s\n", org);
	if (role[0] != '\0')
		fprintf(out, "    role   %s\n", role);
	if (json_array_size(langs) > 0) {
		fputs("    lang   ", out);
		json_array_foreach(langs, k, v)
			fprintf(out, "%s%s", k ? "," : "", json_string_value(v));
		fputc('\n', out);
	}
	if (json_str(c, "pgp_fingerprint")[0] != '\0')
		fprintf(out, "    pgp    %s\n", json_str(c, "pgp_fingerprint"));
	if (json_is_string(json_object_get(c, "stale_since")))
		fprintf(out, "    (stale since %.10s: not confirmed in time, "
		    "may be out of date)\n", json_str(c, "stale_since"));
}

void
print_lookup_search(FILE *out, const json_t *found)
{
	const json_t *cctlds = json_object_get(found, "cctlds");
	const json_t *contacts = json_object_get(found, "contacts"), *o;
	size_t i;

	json_array_foreach(cctlds, i, o)
		fprintf(out, ".%s — %s [%s]  (matched the %s; lookup %s)\n",
		    json_str(o, "unicode"), json_str(o, "country"),
		    json_str(o, "region"), json_str(o, "matched"), json_str(o, "code"));
	json_array_foreach(contacts, i, o) {
		if (json_is_string(json_object_get(o, "affiliation")))
			fprintf(out, "%s (%s, community contact)  (matched the %s)\n",
			    json_str(o, "affiliation"), json_str(o, "kind"),
			    json_str(o, "matched"));
		else
			fprintf(out, ".%s  (matched the %s)\n", json_str(o, "cctld"),
			    json_str(o, "matched"));
		print_contact_block(out, o);
	}
	if (json_is_true(json_object_get(found, "truncated")))
		fprintf(out, "(more matches not shown: narrow the search)\n");
}

void
print_lookup(FILE *out, const json_t *lookup)
{
	const json_t *list = json_object_get(lookup, "contact_list"), *c;
	size_t i;

	if (strcmp(json_str(lookup, "code"), json_str(lookup, "unicode")) != 0)
		fprintf(out, ".%s (%s) — %s [%s]\n", json_str(lookup, "unicode"),
		    json_str(lookup, "code"), json_str(lookup, "country"),
		    json_str(lookup, "region"));
	else
		fprintf(out, ".%s — %s [%s]\n", json_str(lookup, "code"),
		    json_str(lookup, "country"), json_str(lookup, "region"));
	json_array_foreach(list, i, c)
		print_contact_block(out, c);
	if (json_array_size(list) == 0)
		fprintf(out, "  no contacts: .%s is not a member of the community\n",
		    json_str(lookup, "unicode"));
	print_community_contacts(out, json_object_get(lookup,
	    "community_contacts"));
}

void
print_community_contacts(FILE *out, const json_t *list)
{
	const json_t *c, *ex;
	size_t i;

	if (json_array_size(list) == 0)
		return;
	fprintf(out, "\nCommunity contacts\n");
	json_array_foreach(list, i, c) {
		fprintf(out, "%s (%s)\n", json_str(c, "affiliation"),
		    json_str(c, "kind"));
		print_contact_block(out, c);
		ex = json_object_get(c, "exception");
		if (json_is_object(ex))
			fprintf(out, "    (generic-contact exception: %s)\n",
			    json_str(ex, "reason"));
	}
}
