/* SPDX-License-Identifier: MIT */
/*
 * Tests of web/parse and web/html: percent-decoding, forms and query
 * strings, the Cookie and Authorization headers, JSON bodies, HTML
 * escaping, the route table's matching, and the words typed into one
 * field of a committee form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/html.h"
#include "web/parse.h"
#include "web/plan.h"
#include "web/routes.h"

/* Several ccTLDs or languages typed into one field, as the CLI's arguments. */
static void
form_words(void **state)
{
	struct tld_error err;
	char *w[3], *copy;

	(void)state;
	tld_error_clear(&err);
	assert_int_equal(plan_words(" ky, .MS\tfr\r\n", "cctld", "ccTLD", &copy,
	    w, 3, &err), 3);
	assert_string_equal(w[0], "ky");
	assert_string_equal(w[1], ".MS");
	assert_string_equal(w[2], "fr");
	free(copy);
	assert_int_equal(plan_words("en,,fr", "lang", "language", &copy, w, 3,
	    &err), 2);
	assert_string_equal(w[1], "fr");
	free(copy);
	/* None, or one too many: refused naming the field, nothing else. */
	assert_int_equal(plan_words(" , \t", "lang", "language", &copy, w, 3,
	    &err), TLD_EINVAL);
	assert_string_equal(err.field, "lang");
	assert_string_equal(err.message, "name at least one language");
	free(copy);
	tld_error_clear(&err);
	assert_int_equal(plan_words("a b c d", "cctld", "ccTLD", &copy, w, 3,
	    &err), TLD_EINVAL);
	assert_string_equal(err.field, "cctld");
	assert_string_equal(err.message, "at most 3 ccTLDs at once");
	free(copy);
	assert_true(plan_words("", "cctld", "ccTLD", &copy, w, 3, &err) < 0);
	free(copy);
}

static void
url_decoding(void **state)
{
	char out[32];
	size_t n;

	(void)state;
	assert_true(url_decode("a%20b+c", 7, true, out, sizeof(out), &n));
	assert_string_equal(out, "a b c");
	assert_int_equal(n, 5);
	assert_true(url_decode("a+b", 3, false, out, sizeof(out), &n));
	assert_string_equal(out, "a+b");
	assert_true(url_decode("%C3%a9", 6, true, out, sizeof(out), &n));
	assert_string_equal(out, "\xc3\xa9");
	assert_false(url_decode("%", 1, true, out, sizeof(out), &n));
	assert_false(url_decode("%4", 2, true, out, sizeof(out), &n));
	assert_false(url_decode("%zz", 3, true, out, sizeof(out), &n));
	assert_false(url_decode("a%00b", 5, true, out, sizeof(out), &n));
	assert_false(url_decode("abcd", 4, true, out, 4, &n)); /* no room for NUL */
	assert_true(url_decode("abc", 3, true, out, 4, &n));
	/* Only len bytes are read. */
	assert_true(url_decode("ab%41", 2, true, out, sizeof(out), &n));
	assert_string_equal(out, "ab");
}

static void
forms(void **state)
{
	struct form f;
	struct tld_error err;
	const char *q = "email=jan%40sidn.nl&empty=&flag&&name=Jan+Jansen";

	(void)state;
	tld_error_clear(&err);
	assert_int_equal(form_parse(q, strlen(q), &f, &err), 0);
	assert_int_equal(f.n, 4);
	assert_string_equal(form_get(&f, "email"), "jan@sidn.nl");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_string_equal(form_get(&f, "name"), "Jan Jansen");
	assert_null(form_get(&f, "nothing"));
	form_fini(&f);
	assert_int_equal(form_parse("", 0, &f, &err), 0);
	assert_int_equal(f.n, 0);
	/* A multi-line textarea keeps its line ends. */
	assert_int_equal(form_parse("body=a%0D%0Ab", 13, &f, &err), 0);
	assert_string_equal(form_get(&f, "body"), "a\r\nb");
	form_fini(&f);
}

static void
refuse_form(const char *q, const char *field)
{
	struct form f;
	struct tld_error err;

	tld_error_clear(&err);
	if (form_parse(q, strlen(q), &f, &err) != TLD_EINVAL)
		fail_msg("\"%s\" accepted", q);
	assert_int_equal(f.n, 0);
	assert_string_equal(err.field, field);
	form_fini(&f);
}

static void
bad_forms(void **state)
{
	char many[FORM_MAX_PAIRS * 6 + 16] = "";
	char longkey[FORM_MAX_KEY + 8];

	(void)state;
	refuse_form("a=1&a=2", "form");
	refuse_form("a=%zz", "a");
	refuse_form("%zz=1", "form");
	refuse_form("=1", "form");
	refuse_form("a=%00", "a");
	refuse_form("a=%FF", "a");          /* not UTF-8 */
	refuse_form("a=%1B", "a");          /* ESC */
	refuse_form("a=%C2%85", "a");       /* C1 control */
	refuse_form("a%0A=1", "form");      /* LF in a key */
	for (int i = 0, n = 0; i <= FORM_MAX_PAIRS; i++)
		n += snprintf(many + n, sizeof(many) - (size_t)n, "%sk%d=1",
		    i ? "&" : "", i);
	refuse_form(many, "form");
	memset(longkey, 'k', FORM_MAX_KEY + 1);
	longkey[FORM_MAX_KEY + 1] = '\0';
	refuse_form(longkey, "form");
}

static void
cookies(void **state)
{
	const char *h = "theme=dark; tldops_session=abc_DEF-123;  tldops_csrf=\"q\"; x";
	const char *v;
	size_t n;

	(void)state;
	assert_true(cookie_find(h, strlen(h), "tldops_session", &v, &n));
	assert_int_equal(n, 11);
	assert_memory_equal(v, "abc_DEF-123", 11);
	assert_true(cookie_find(h, strlen(h), "tldops_csrf", &v, &n));
	assert_int_equal(n, 1);
	assert_memory_equal(v, "q", 1);
	assert_false(cookie_find(h, strlen(h), "tldops", &v, &n));
	assert_false(cookie_find(h, strlen(h), "x", &v, &n));
	assert_false(cookie_find("", 0, "a", &v, &n));
	assert_true(cookie_find("a=", 2, "a", &v, &n));
	assert_int_equal(n, 0);
	/* The name is matched exactly, not as a suffix. */
	assert_false(cookie_find("xtldops_session=1", 17, "tldops_session", &v, &n));
}

static void
bearer(void **state)
{
	const char *t;
	size_t n;

	(void)state;
	assert_true(bearer_parse("Bearer abc-_.~+/", 16, &t, &n));
	assert_int_equal(n, 9);
	assert_memory_equal(t, "abc-_.~+/", 9);
	assert_true(bearer_parse("bearer   tok==  ", 16, &t, &n));
	assert_int_equal(n, 3);
	assert_false(bearer_parse("Basic dXNlcg==", 14, &t, &n));
	assert_false(bearer_parse("Bearer", 6, &t, &n));
	assert_false(bearer_parse("Bearer ", 7, &t, &n));
	assert_false(bearer_parse("Bearertok", 9, &t, &n));
	assert_false(bearer_parse("Bearer a b", 10, &t, &n));
	assert_false(bearer_parse("Bearer a\"b", 10, &t, &n));
}

static void
client_addresses(void **state)
{
	char a[WEB_ADDR_MAX], list[WEB_MAX_PROXIES][WEB_ADDR_MAX];
	struct tld_error err;
	size_t n;

	(void)state;
	/* The last element is the one the nearest proxy vouches for. */
	assert_true(forwarded_for_last("203.0.113.9, 198.51.100.7", 25, a));
	assert_string_equal(a, "198.51.100.7");
	assert_true(forwarded_for_last(" 2001:DB8::0:1 ", 15, a));
	assert_string_equal(a, "2001:db8::1");
	/* A forged first element does not matter; a bad last one is refused. */
	assert_false(forwarded_for_last("198.51.100.7, unknown", 21, a));
	assert_false(forwarded_for_last("198.51.100.7,", 13, a));
	assert_false(forwarded_for_last("", 0, a));
	assert_false(forwarded_for_last("1.2.3.4\0", 8, a));
	assert_false(forwarded_for_last("1.2.3.4:80", 10, a));
	/* Only len bytes count. */
	assert_true(forwarded_for_last("10.0.0.1, 10.0.0.22", 18, a));
	assert_string_equal(a, "10.0.0.2");

	tld_error_clear(&err);
	assert_int_equal(proxies_parse("", list, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(proxies_parse("10.0.0.5, ::FFFF:10.0.0.6 127.0.0.1", list,
	    &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[1], "::ffff:10.0.0.6");
	assert_int_equal(proxies_parse("10.0.0.5, proxy.example", list, &n, &err),
	    TLD_EINVAL);
	assert_string_equal(err.field, "web.trusted_proxies");
	assert_non_null(strstr(err.message, "proxy.example"));
	assert_int_equal(proxies_parse("1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 5.5.5.5 "
	    "6.6.6.6 7.7.7.7 8.8.8.8 9.9.9.9", list, &n, &err), TLD_EINVAL);
}

static void
json_bodies(void **state)
{
	struct contact_fields f;
	struct tld_error err;
	const char *s;
	json_t *o;

	(void)state;
	tld_error_clear(&err);
	assert_int_equal(json_body_parse("{\"name\":\"Jan\",\"phone\":null}", 27, &o,
	    &err), 0);
	assert_int_equal(json_contact_fields(o, &f, &err), 0);
	assert_string_equal(f.name, "Jan");
	assert_null(f.phone);
	assert_null(f.email);
	assert_int_equal(json_string_member(o, "email", true, &s, &err), TLD_EINVAL);
	assert_string_equal(err.field, "email");
	json_decref(o);
	assert_int_equal(json_body_parse("{\"name\":3}", 10, &o, &err), 0);
	assert_int_equal(json_contact_fields(o, &f, &err), TLD_EINVAL);
	assert_string_equal(err.field, "name");
	json_decref(o);
	/* jansson refuses \u0000 in strings: no NUL reaches a C string. */
	assert_int_equal(json_body_parse("{\"name\":\"a\\u0000b\"}", 19, &o, &err),
	    TLD_EINVAL);
	assert_int_equal(json_body_parse("[1]", 3, &o, &err), TLD_EINVAL);
	assert_string_equal(err.field, "body");
	assert_int_equal(json_body_parse("{\"a\":1,\"a\":2}", 13, &o, &err), TLD_EINVAL);
	assert_int_equal(json_body_parse("{", 1, &o, &err), TLD_EINVAL);
	assert_int_equal(json_body_parse("", 0, &o, &err), TLD_EINVAL);
	/* Only len bytes: the closing brace is outside. */
	assert_int_equal(json_body_parse("{}", 1, &o, &err), TLD_EINVAL);
}

static void
html(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	html_escape(&b, "<a href=\"x\">Tom & Jerry's</a>");
	assert_string_equal(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;Tom &amp; "
	    "Jerry&#39;s&lt;/a&gt;");
	buf_reset(&b);
	html_printf(&b, "<p title=\"%s\">%d %zu %lld %s%%</p>", "\"><script>", -3,
	    (size_t)7, (long long)1 << 40, "");
	assert_string_equal(buf_str(&b), "<p title=\"&quot;&gt;&lt;script&gt;\">"
	    "-3 7 1099511627776 %</p>");
	buf_reset(&b);
	url_encode(&b, "a b/рф?&=");
	assert_string_equal(buf_str(&b), "a%20b%2F%D1%80%D1%84%3F%26%3D");
	buf_fini(&b);
}

static void
routes(void **state)
{
	char params[WEB_MAX_PARAMS][WEB_PARAM_MAX];
	bool pm;
	int r;

	(void)state;
	r = web_route_match("GET", "/api/v1/cctlds/nl", 17, params, &pm);
	assert_true(r >= 0);
	assert_string_equal(web_routes[r].pattern, "/api/v1/cctlds/{code}");
	assert_string_equal(params[0], "nl");
	r = web_route_match("GET", "/api/v1/cctlds/%D1%80%D1%84", 27, params, &pm);
	assert_true(r >= 0);
	assert_string_equal(params[0], "\xd1\x80\xd1\x84");
	r = web_route_match("HEAD", "/", 1, params, &pm);
	assert_true(r >= 0);
	assert_string_equal(web_routes[r].pattern, "/");
	assert_int_equal(web_route_match("DELETE", "/", 1, params, &pm), -1);
	assert_true(pm);
	assert_int_equal(web_route_match("GET", "/api/v1/cctlds/", 15, params, &pm), -1);
	assert_false(pm);
	assert_int_equal(web_route_match("GET", "/api/v1/cctlds/a/b", 18, params, &pm), -1);
	assert_int_equal(web_route_match("GET", "/api/v1/cctlds/%00", 18, params, &pm), -1);
	r = web_route_match("POST", "/api/v1/requests/12/approve", 27, params, &pm);
	assert_true(r >= 0);
	assert_string_equal(params[0], "12");
	assert_int_equal(web_routes[r].min_role, ROLE_COMMITTEE);
	/* The offline copy and its signature are two routes, both for members. */
	r = web_route_match("GET", "/offline/tldops.json", 20, params, &pm);
	assert_true(r >= 0);
	assert_string_equal(web_routes[r].pattern, "/offline/tldops.json");
	assert_int_equal(web_routes[r].min_role, ROLE_MEMBER);
	r = web_route_match("GET", "/offline/tldops.json.asc", 24, params, &pm);
	assert_true(r >= 0);
	assert_string_equal(web_routes[r].pattern, "/offline/tldops.json.asc");
	assert_int_equal(web_routes[r].min_role, ROLE_MEMBER);
	/* A confirmation link is public: the token is the authority. */
	r = web_route_match("POST", "/confirm/abc", 12, params, &pm);
	assert_true(r >= 0);
	assert_int_equal(web_routes[r].min_role, ROLE_PUBLIC);
	assert_string_equal(params[0], "abc");
	/* Every route names a handler, a role and a summary. */
	for (size_t i = 0; i < web_nroutes; i++) {
		assert_non_null(web_routes[i].handler);
		assert_non_null(web_routes[i].summary);
		assert_true(web_routes[i].pattern[0] == '/');
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_decoding),
		cmocka_unit_test(forms),
		cmocka_unit_test(bad_forms),
		cmocka_unit_test(cookies),
		cmocka_unit_test(bearer),
		cmocka_unit_test(client_addresses),
		cmocka_unit_test(json_bodies),
		cmocka_unit_test(html),
		cmocka_unit_test(routes),
		cmocka_unit_test(form_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
