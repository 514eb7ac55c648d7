/* SPDX-License-Identifier: MIT */
/*
 * Tests of service/timeline: the milestone timeline has one mark per
 * milestone at its meeting with the class and shape of its state, the
 * meetings in date order, stored text escaped, and the same input gives
 * the same bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "service/planning/timeline.h"

/* 2019-06-24 00:00 UTC (ICANN65) and noon of 2019-05-01. */
#define ICANN65 1561334400
#define MAY_1 1556712000

static json_t *
meetings(void)
{
	/* Out of order on purpose: the columns are by date. */
	return json_loads("[{\"name\": \"ICANN66\", \"date\": \"2019-11-02\"},"
	    "{\"name\": \"ICANN64\", \"date\": \"2019-03-10\"},"
	    "{\"name\": \"ICANN65\", \"date\": \"2019-06-24\"}]", 0, NULL);
}

static json_t *
initiatives(void)
{
	return json_loads("["
	    "{\"id\": 1, \"title\": \"DR/BCP <b>workshop</b> & \\\"x\\\"\","
	    " \"state\": \"active\", \"milestones\": ["
	    "  {\"number\": 1, \"text\": \"Drafting <team>\", \"due\": \"ICANN64\","
	    "   \"due_date\": \"2019-03-10\", \"done\": \"2019-03-01T12:00:00Z\","
	    "   \"overdue\": false},"
	    "  {\"number\": 2, \"text\": \"First draft\", \"due\": \"ICANN64\","
	    "   \"due_date\": \"2019-03-10\", \"done\": null, \"overdue\": true},"
	    "  {\"number\": 3, \"text\": \"Final\", \"due\": \"ICANN66\","
	    "   \"due_date\": \"2019-11-02\", \"done\": null, \"overdue\": false},"
	    "  {\"number\": 4, \"text\": \"Nowhere\", \"due\": \"ICANN99\","
	    "   \"due_date\": \"2030-01-01\", \"done\": null, \"overdue\": false}]},"
	    "{\"id\": 2, \"title\": \"Paused work\", \"state\": \"paused\","
	    " \"milestones\": []}]", 0, NULL);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void
marks_per_state_with_shapes(void **state)
{
	json_t *m = meetings(), *i = initiatives();
	struct buf b;
	const char *svg;

	(void)state;
	buf_init(&b);
	/* Milestone 4 is due at a meeting not given: not drawn. */
	assert_int_equal(timeline_svg(m, i, MAY_1, "today", &b), 3);
	svg = buf_str(&b);
	assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	assert_int_equal(count(svg, "<svg"), 1);
	assert_int_equal(count(svg, "</svg>\n"), 1);
	assert_int_equal(count(svg, "class=\"tl-mark "), 3);
	assert_int_equal(count(svg, "class=\"tl-mark tl-done\""), 1);
	assert_int_equal(count(svg, "class=\"tl-mark tl-open\""), 1);
	assert_int_equal(count(svg, "class=\"tl-mark tl-overdue\""), 1);
	/* Shapes, not colour alone: a circle with a tick, a ring, a triangle with "!". */
	assert_non_null(strstr(svg, "<g class=\"tl-mark tl-done\"><title>"));
	assert_non_null(strstr(svg, "), done 2019-03-01</title><circle "));
	assert_non_null(strstr(svg, "), overdue</title><path d=\"M"));
	assert_non_null(strstr(svg, "font-weight=\"bold\" fill=\"#ffffff\">!</text>"));
	assert_non_null(strstr(svg, "), open</title><circle "));
	assert_non_null(strstr(svg, "<desc>3 milestones: 1 done, 1 open, 1 overdue.</desc>"));
	/* Three meeting columns in date order, one row per initiative. */
	assert_int_equal(count(svg, "class=\"tl-meeting"), 3);
	assert_true(strstr(svg, ">ICANN64</text>") < strstr(svg, ">ICANN65</text>"));
	assert_true(strstr(svg, ">ICANN65</text>") < strstr(svg, ">ICANN66</text>"));
	assert_int_equal(count(svg, "class=\"tl-meeting tl-past\""), 1);
	assert_int_equal(count(svg, "class=\"tl-label\""), 2);
	assert_non_null(strstr(svg, "</title>2. Paused work (paused)</text>"));
	/* The line at the moment, between ICANN64 and ICANN65. */
	assert_int_equal(count(svg, "class=\"tl-now\""), 1);
	assert_non_null(strstr(svg, ">today 2019-05-01</text>"));
	/* No style of its own: the CSP forbids inline styles. */
	assert_null(strstr(svg, "<style"));
	assert_null(strstr(svg, "style="));
	assert_null(strstr(svg, "<?xml"));
	buf_fini(&b);
	json_decref(m);
	json_decref(i);
}

static void
stored_text_is_escaped(void **state)
{
	json_t *m = meetings(), *i = initiatives();
	struct buf b;
	const char *svg;

	(void)state;
	buf_init(&b);
	json_array_append_new(m, json_pack("{s:s, s:s}", "name", "<x>&'",
	    "date", "2019-12-01"));
	timeline_svg(m, i, MAY_1, "<now>", &b);
	svg = buf_str(&b);
	assert_null(strstr(svg, "<b>"));
	assert_null(strstr(svg, "<team>"));
	assert_null(strstr(svg, "<x>"));
	assert_null(strstr(svg, "<now>"));
	assert_non_null(strstr(svg, "DR/BCP &lt;b&gt;workshop&lt;/b&gt; &amp; &quot;x&quot;"));
	assert_non_null(strstr(svg, "milestone 1: Drafting &lt;team&gt;"));
	assert_non_null(strstr(svg, "&lt;x&gt;&amp;&#39;"));
	assert_non_null(strstr(svg, "&lt;now&gt; 2019-05-01"));
	buf_fini(&b);
	json_decref(m);
	json_decref(i);
}

static void
same_input_same_bytes(void **state)
{
	json_t *m = meetings(), *i = initiatives();
	struct buf a, b;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	timeline_svg(m, i, ICANN65, "as of", &a);
	timeline_svg(m, i, ICANN65, "as of", &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* Another moment moves the line, nothing else. */
	buf_reset(&b);
	timeline_svg(m, i, ICANN65 + 86400 * 30, "as of", &b);
	assert_true(a.len == b.len ? memcmp(a.data, b.data, a.len) != 0 : 1);
	buf_fini(&a);
	buf_fini(&b);
	json_decref(m);
	json_decref(i);
}

static void
long_titles_are_cut_and_history_left_out(void **state)
{
	json_t *m = json_loads("[{\"name\": \"OLD\", \"date\": \"2015-01-01\"},"
	    "{\"name\": \"ICANN64\", \"date\": \"2019-03-10\"},"
	    "{\"name\": \"ICANN66\", \"date\": \"2019-11-02\"}]", 0, NULL);
	json_t *i = json_pack("[{s:I, s:s, s:s, s:[]}]", "id", (json_int_t)7,
	    "title", "\xd1\x80\xd1\x84 " "0123456789012345678901234567890123456789",
	    "state", "active", "milestones");
	struct buf b;
	const char *svg;

	(void)state;
	buf_init(&b);
	assert_int_equal(timeline_svg(m, i, MAY_1, "today", &b), 0);
	svg = buf_str(&b);
	/* The full title in the tooltip, 34 characters and an ellipsis in the row. */
	assert_non_null(strstr(svg, "</title>7. \xd1\x80\xd1\x84 "
	    "0123456789012345678901234567890\xe2\x80\xa6</text>"));
	/* Nothing is due at OLD and ICANN64 was the last meeting held: OLD is left out. */
	assert_null(strstr(svg, ">OLD<"));
	assert_int_equal(count(svg, "class=\"tl-meeting"), 2);
	assert_int_equal(count(svg, "class=\"tl-mark "), 0);
	/* Nothing at all still makes a picture. */
	buf_reset(&b);
	json_decref(m);
	json_decref(i);
	m = json_array();
	i = json_array();
	assert_int_equal(timeline_svg(m, i, MAY_1, "today", &b), 0);
	assert_non_null(strstr(buf_str(&b), "No meetings"));
	assert_non_null(strstr(buf_str(&b), "No initiatives"));
	buf_fini(&b);
	json_decref(m);
	json_decref(i);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marks_per_state_with_shapes),
		cmocka_unit_test(stored_text_is_escaped),
		cmocka_unit_test(same_input_same_bytes),
		cmocka_unit_test(long_titles_are_cut_and_history_left_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
