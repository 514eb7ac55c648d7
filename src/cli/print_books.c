/* SPDX-License-Identifier: MIT */
/* The text of the books: the statistics, reconcile, the board, outreach. */
#include "cli/print.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "model/cctld.h"
#include "service/books/stats.h"
#include "util/json_util.h"

static const char *const regions[] = { "AF", "AP", "EU", "LAC", "NA" };

/* Print the ccTLD codes of a JSON array as ".a .b ..." wrapped at 76 columns. */
static void
stats_codes(FILE *out, const json_t *codes, const char *indent)
{
	size_t i, col = 0;
	const json_t *v;

	json_array_foreach(codes, i, v) {
		const char *code = json_string_value(v);
		char u[4 * CCTLD_CODE_MAX + 1];
		size_t w;

		if (cctld_code_to_unicode(code, u, sizeof(u), NULL) < 0)
			snprintf(u, sizeof(u), "%s", code);
		w = 2; /* " ." and a column per character */
		for (const char *c = u; *c != '\0'; c++)
			w += ((unsigned char)*c & 0xc0) != 0x80;
		if (col == 0 || col + w > 76) {
			fprintf(out, "%s%s", col ? "\n" : "", indent);
			col = strlen(indent);
		}
		fprintf(out, " .%s", u);
		col += w;
	}
	if (col > 0)
		fputc('\n', out);
}

/* The added or removed ccTLDs of the period, a line per region. */
static void
stats_detail(FILE *out, const json_t *detail)
{
	for (size_t r = 0; r < sizeof(regions) / sizeof(regions[0]); r++) {
		json_t *codes = json_array(), *v;
		char indent[16];
		size_t i;

		json_array_foreach(detail, i, v)
			if (strcmp(json_string_value(json_object_get(v, "region")),
			    regions[r]) == 0)
				json_array_append(codes, json_object_get(v, "code"));
		snprintf(indent, sizeof(indent), "    %-4s", regions[r]);
		stats_codes(out, codes, indent);
		json_decref(codes);
	}
}

void
print_stats(FILE *out, const json_t *j)
{
	const json_t *cc = json_object_get(j, "cctlds");
	const json_t *rg = json_object_get(j, "regions");
	const json_t *p = json_object_get(j, "period");
	const json_t *req = json_object_get(p, "requests");
	char words[128];
	int64_t total = json_num(cc, "total"), members = json_num(cc, "members");
	int64_t nonmembers = total - members;

	fprintf(out, "Members at %s\n", json_string_value(json_object_get(p, "until")));
	fprintf(out, "  ccTLDs    %4lld of %lld (%.1f%%)\n", (long long)members,
	    (long long)total, total ? 100.0 * (double)members / (double)total : 0.0);
	fprintf(out, "  ASCII     %4lld of %lld\n",
	    json_num(json_object_get(cc, "ascii"), "members"),
	    json_num(json_object_get(cc, "ascii"), "total"));
	fprintf(out, "  IDN       %4lld of %lld\n",
	    json_num(json_object_get(cc, "idn"), "members"),
	    json_num(json_object_get(cc, "idn"), "total"));
	fprintf(out, "  contacts  %4lld\n\n", json_num(j, "contacts"));
	fprintf(out, "region  ccTLDs  members  contacts\n");
	for (size_t r = 0; r < sizeof(regions) / sizeof(regions[0]); r++) {
		const json_t *ro = json_object_get(rg, regions[r]);

		fprintf(out, "%-6s  %6lld  %7lld  %8lld\n", regions[r],
		    json_num(ro, "total"), json_num(ro, "members"),
		    json_num(ro, "contacts"));
	}
	fprintf(out, "%-6s  %6lld  %7lld  %8lld\n\n", "total", (long long)total,
	    (long long)members, json_num(j, "contacts"));
	fprintf(out, "Period %s\n", stats_period_words(p, words, sizeof(words)));
	fprintf(out, "  ccTLDs added    %zu\n",
	    json_array_size(json_object_get(p, "added")));
	stats_detail(out, json_object_get(p, "added_detail"));
	fprintf(out, "  ccTLDs removed  %zu\n",
	    json_array_size(json_object_get(p, "removed")));
	stats_detail(out, json_object_get(p, "removed_detail"));
	fprintf(out, "  contacts        %lld added, %lld updated, %lld removed\n",
	    json_num(p, "contact_additions"),
	    json_num(p, "contact_updates"),
	    json_num(p, "contact_removals"));
	fprintf(out, "  alerts sent     %lld\n", json_num(p, "alerts"));
	fprintf(out, "  list posts      %lld (posts to the list, alerts apart)\n",
	    json_num(p, "list_posts"));
	fprintf(out, "  requests        %lld approved, %lld rejected, "
	    "%lld withdrawn, %lld expired\n\n", json_num(req, "approved"),
	    json_num(req, "rejected"), json_num(req, "withdrawn"),
	    json_num(req, "expired"));
	fprintf(out, "Not members (%lld)\n", (long long)nonmembers);
	for (size_t r = 0; r < sizeof(regions) / sizeof(regions[0]); r++) {
		const json_t *non = json_object_get(json_object_get(rg, regions[r]),
		    "non_members");

		fprintf(out, "  %s (%zu)\n", regions[r], json_array_size(non));
		stats_codes(out, non, "   ");
	}
}

void
print_reconcile(FILE *out, const json_t *report)
{
	size_t i, counts[3] = { 0, 0, 0 };
	static const char *const sources[3] = { "mailman", "website",
	    "spreadsheet" };
	const json_t *o;

	json_array_foreach(report, i, o) {
		const char *src = json_string_value(json_object_get(o, "source"));

		fprintf(out, "%s: %s\n    fix: %s\n", src,
		    json_string_value(json_object_get(o, "detail")),
		    json_string_value(json_object_get(o, "fix")));
		for (size_t k = 0; k < 3; k++)
			counts[k] += strcmp(src, sources[k]) == 0;
	}
	if (json_array_size(report) == 0) {
		fputs("clean: the sources agree with the repository\n", out);
		return;
	}
	fprintf(out, "%zu discrepanc%s:", json_array_size(report),
	    json_array_size(report) == 1 ? "y" : "ies");
	for (size_t k = 0, first = 1; k < 3; k++) {
		if (counts[k] == 0)
			continue;
		fprintf(out, "%s %s %zu", first ? "" : ",", sources[k], counts[k]);
		first = 0;
	}
	fputc('\n', out);
}

void
print_reconcile_problems(FILE *out, const json_t *problems)
{
	size_t i;
	const json_t *o;

	json_array_foreach(problems, i, o) {
		const char *field = json_string_value(json_object_get(o, "field"));
		json_int_t line = json_integer_value(json_object_get(o, "line"));

		fprintf(out, "%s", json_string_value(json_object_get(o, "file")));
		if (line > 0)
			fprintf(out, ":%lld", (long long)line);
		fprintf(out, ": %s%s%s\n", field, *field ? ": " : "",
		    json_string_value(json_object_get(o, "message")));
	}
}

/* ".a .b" of an array of A-labels, in U-labels. */
static void
board_codes(FILE *out, const json_t *codes)
{
	size_t k;
	const json_t *v;

	json_array_foreach(codes, k, v) {
		char u[4 * CCTLD_CODE_MAX + 1];

		if (cctld_code_to_unicode(json_string_value(v), u, sizeof(u),
		    NULL) < 0)
			snprintf(u, sizeof(u), "%s", json_string_value(v));
		fprintf(out, " .%s", u);
	}
}

void
print_recruitment_board(FILE *out, const json_t *board)
{
	const json_t *since = json_object_get(board, "since");
	const json_t *until = json_object_get(board, "until");
	const json_t *o;
	size_t k;

	fprintf(out, "Joined %s%s to %s\n", json_is_string(since) ? "from " : "",
	    json_is_string(since) ? json_string_value(since) :
	    "from the beginning", json_is_string(until) ?
	    json_string_value(until) : "now");
	fprintf(out, "%-24s %6s %8s\n", "owner", "joined", "working");
	json_array_foreach(json_object_get(board, "owners"), k, o) {
		const json_t *j = json_object_get(o, "joined");

		fprintf(out, "%-24s %6zu %8zu ", json_string_value(json_object_get(o,
		    "owner")), json_array_size(j),
		    json_array_size(json_object_get(o, "working")));
		board_codes(out, j);
		fputc('\n', out);
	}
	if (json_array_size(json_object_get(board, "unowned")) > 0) {
		fprintf(out, "%-24s %6zu %8s ", "(nobody)",
		    json_array_size(json_object_get(board, "unowned")), "-");
		board_codes(out, json_object_get(board, "unowned"));
		fputc('\n', out);
	}
}

void
print_outreach(FILE *out, const json_t *list)
{
	const json_t *e;
	size_t i;

	json_array_foreach(list, i, e) {
		fprintf(out, ".%-11s %-4s %-11s %-20s %s\n", json_str(e, "unicode"),
		    json_str(e, "region"), json_str(e, "state"), json_is_string(
		    json_object_get(e, "owner")) ? json_str(e, "owner") : "-",
		    json_str(e, "country"));
		if (json_is_string(json_object_get(e, "note_at")))
			fprintf(out, "    %.10s %s: %s\n", json_str(e, "note_at"),
			    json_str(e, "note_by"), json_str(e, "note"));
	}
}

void
print_usage(FILE *out, const json_t *o)
{
	const json_t *v;
	const char *from = json_string_value(json_object_get(o, "since"));
	const char *to = json_string_value(json_object_get(o, "until"));
	size_t i, shown = 0;

	fprintf(out, "Usage of the repository from %.10s to %.10s\n",
	    from != NULL ? from : "the start", to != NULL ? to : "now");
	fprintf(out, "  lookups    %lld", json_num(o, "lookups"));
	if (json_num(o, "lookups") > 0)
		fprintf(out, " (%lld found a contact, %.0f%%)",
		    json_num(o, "lookups_found"), 100.0 * json_real_value(
		    json_object_get(o, "found_share")));
	fprintf(out, "\n  searches   %lld\n  downloads  %lld\n",
	    json_num(o, "searches"), json_num(o, "downloads"));
	v = json_object_get(o, "channels");
	fprintf(out, "  by channel (lookups and searches): cli %lld, web %lld, "
	    "api %lld\n", json_num(v, "cli"), json_num(v, "web"), json_num(v, "api"));
	if (json_array_size(json_object_get(o, "months")) > 0)
		fprintf(out, "By month:\n");
	json_array_foreach(json_object_get(o, "months"), i, v)
		fprintf(out, "  %s  lookups %lld (found %lld), searches %lld, "
		    "downloads %lld\n", json_str(v, "month"), json_num(v, "lookups"),
		    json_num(v, "found"), json_num(v, "searches"), json_num(v, "downloads"));
	if (json_array_size(json_object_get(o, "cctlds")) > 0)
		fprintf(out, "Most looked up:\n");
	json_array_foreach(json_object_get(o, "cctlds"), i, v) {
		if (shown++ == 20)
			break;
		fprintf(out, "  .%-12s %lld (found a contact %lld)\n",
		    json_str(v, "cctld"), json_num(v, "lookups"), json_num(v, "found"));
	}
	if (json_array_size(json_object_get(o, "downloads_by")) > 0)
		fprintf(out, "Downloads:\n");
	json_array_foreach(json_object_get(o, "downloads_by"), i, v)
		fprintf(out, "  %-30s %lld\n", json_str(v, "subject"), json_num(v, "n"));
}
