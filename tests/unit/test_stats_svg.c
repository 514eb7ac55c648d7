/* SPDX-License-Identifier: MIT */
/*
 * Tests of the slide (service/books/stats.h, stats_render_svg()): the
 * period's figures from a stats_json() object, each added or removed ccTLD
 * beside its region, the counts, and text that is escaped.  The e2e test
 * (tests/cli/test_stats.sh) parses the whole SVG with python3's XML parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "service/books/stats.h"
#include "util/buf.h"

static json_t *
figures(json_t *added, json_t *removed)
{
	json_t *rg = json_object();
	static const char *const r[] = { "AF", "AP", "EU", "LAC", "NA" };

	for (size_t i = 0; i < 5; i++)
		json_object_set_new(rg, r[i], json_pack("{s:i, s:i, s:i, s:[], s:i}",
		    "total", 10, "members", 2, "contacts", 4, "non_members",
		    "stale", 0));
	return json_pack("{s:{s:i, s:i, s:{s:i, s:i}, s:{s:i, s:i}}, s:i, s:o,"
	    " s:{s:s, s:s, s:[], s:[], s:o, s:o, s:i, s:i, s:i, s:i, s:i}}",
	    "cctlds", "total", 50, "members", 10, "ascii", "total", 40, "members",
	    9, "idn", "total", 10, "members", 1, "contacts", 20, "regions", rg,
	    "period", "since", "2026-03-01T00:00:00Z", "until",
	    "2026-10-01T00:00:00Z", "added", "removed", "added_detail", added,
	    "removed_detail", removed, "contact_additions", 7,
	    "contact_updates", 12, "contact_removals", 3, "alerts", 4,
	    "list_posts", 9);
}

static json_t *
cc(const char *code, const char *region)
{
	return json_pack("{s:s, s:s, s:s}", "code", code, "country", "X",
	    "region", region);
}

static char *
render(json_t *j, struct buf *b)
{
	buf_init(b);
	stats_render_svg(j, b);
	json_decref(j);
	return (char *)buf_str(b);
}

static void
regions_beside_codes_and_the_counts(void **state)
{
	struct buf b;
	char *svg;

	(void)state;
	svg = render(figures(json_pack("[o, o, o]", cc("sx", "LAC"),
	    cc("nl", "EU"), cc("xn--p1ai", "EU")), json_pack("[o]",
	    cc("za", "AF"))), &b);
	/* By region in the regions' order, each region named once. */
	assert_non_null(strstr(svg, "<tspan class=\"num\">EU</tspan> .nl .рф"
	    "  <tspan class=\"num\">LAC</tspan> .sx</text>"));
	assert_non_null(strstr(svg, "<tspan class=\"num\">AF</tspan> .za</text>"));
	assert_non_null(strstr(svg, ">+3<tspan"));
	assert_non_null(strstr(svg, ">\xe2\x88\x92" "1<tspan"));
	/* Updates, alerts and list posts, each its own figure. */
	assert_non_null(strstr(svg, "<tspan class=\"num\">12</tspan> contact "
	    "updates (7 added, 3 removed)"));
	assert_non_null(strstr(svg, "<tspan dx=\"36\" class=\"num\">4</tspan> "
	    "security alerts"));
	assert_non_null(strstr(svg, "<tspan dx=\"36\" class=\"num\">9</tspan> "
	    "posts to the list"));
	assert_non_null(strstr(svg, "2026-03-01 to 2026-10-01"));
	buf_fini(&b);
}

static void
text_is_escaped_and_long_lists_cut(void **state)
{
	json_t *many = json_array();
	struct buf b;
	char *svg;
	char code[8];

	(void)state;
	/* Not a code cctld_code_to_unicode() takes: shown as it is, escaped. */
	json_array_append_new(many, cc("a&<b>\"'", "AP"));
	for (int i = 0; i < 40; i++) {
		snprintf(code, sizeof(code), "c%02d", i);
		json_array_append_new(many, cc(code, "NA"));
	}
	svg = render(figures(many, json_array()), &b);
	assert_non_null(strstr(svg, ".a&amp;&lt;b&gt;&quot;&apos;"));
	assert_null(strstr(svg, "a&<"));
	assert_non_null(strstr(svg, " more</text>"));
	/* At most three lines of codes under "+41". */
	{
		size_t lines = 0;

		for (const char *p = svg; (p = strstr(p, "class=\"codes\"")) != NULL;
		    p++)
			lines++;
		assert_int_equal(lines, 3);
	}
	assert_non_null(strstr(svg, ">+41<tspan"));
	/* Nobody left: "0" in the text's colour, no red "−0" (issue 23). */
	assert_null(strstr(svg, "\xe2\x88\x92" "0<tspan"));
	assert_non_null(strstr(svg, "fill=\"#1b1f24\">0<tspan class=\"sub\" "
	    "dx=\"14\">left"));
	buf_fini(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regions_beside_codes_and_the_counts),
		cmocka_unit_test(text_is_escaped_and_long_lists_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
