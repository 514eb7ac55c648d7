/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/markup: stored text put into the meeting pack's HTML and
 * Markdown stays text, and stays on its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/markup.h"

static void
check(void (*esc)(struct buf *, const char *, size_t), const char *in,
    size_t len, const char *want)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "");
	esc(&b, in, len);
	assert_string_equal(buf_str(&b), want);
	buf_fini(&b);
}

#define HTML(in, want) check(markup_html_escape, (in), strlen(in), (want))
#define MD(in, want) check(markup_md_escape, (in), strlen(in), (want))

static void
escapes_html(void **state)
{
	(void)state;
	HTML("DR/BCP workshop", "DR/BCP workshop");
	HTML("<script>alert(1)</script>",
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
	HTML("a & b", "a &amp; b");
	HTML("\"x\" 'y'", "&quot;x&quot; &#39;y&#39;");
	HTML("&amp;", "&amp;amp;");
	HTML("line\nbreak\r\tand\x7f", "line break  and ");
	HTML("\xd1\x80\xd1\x84 M\xc3\xa9xico", "\xd1\x80\xd1\x84 M\xc3\xa9xico");
	/* NUL inside the given length becomes a blank; only len bytes are read. */
	check(markup_html_escape, "a\0b", 3, "a b");
	check(markup_html_escape, "ab<", 2, "ab");
}

static void
escapes_markdown(void **state)
{
	(void)state;
	MD("DR/BCP workshop", "DR/BCP workshop");
	MD("a | b", "a \\| b");
	MD("[y](http://evil.example)", "\\[y\\](http://evil.example)");
	MD("*bold* _it_ `code` ~~s~~", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~");
	MD("<b>&amp;</b>", "\\<b\\>\\&amp;\\</b\\>");
	MD("![img](x)", "\\!\\[img\\](x)");
	MD("back\\slash", "back\\\\slash");
	MD("# heading", "\\# heading");
	MD("title #", "title \\#");
	MD("issue#12 and C#", "issue#12 and C#");
	MD("1. item\n- two", "1. item - two");
	MD("+3 ccTLDs by the next meeting", "+3 ccTLDs by the next meeting");
	check(markup_md_escape, "a\0b|", 3, "a b");
	/* A control character written as a blank counts as one (fuzz_markup). */
	MD("\x05#3)", " \\#3)");
	MD("a\n# b", "a \\# b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_html),
		cmocka_unit_test(escapes_markdown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
