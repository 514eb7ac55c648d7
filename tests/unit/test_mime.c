/* SPDX-License-Identifier: MIT */
/*
 * Tests of mail/mime (GMime 3): headers decoded, author, date, thread,
 * the text a reader sees (text/plain first, HTML kept as source),
 * attachments with their decoded bytes and names, bad bytes cleaned,
 * refusals; an mbox split with its From_ quoting undone; and mail/dsn:
 * RFC 3464 reports (hard, soft, several recipients, Original-Recipient),
 * and what is not one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mail/dsn.h"
#include "mail/mime.h"
#include "util/utf8.h"

static const char POST[] =
    "From: =?UTF-8?Q?Ren=C3=A9e_Dupont?= <renee@nic.example>\r\n"
    "To: tld-ops@lists.example\r\n"
    "Subject: =?UTF-8?B?W1RMRC1PUFNdIETDqWrDoA==?= vu\r\n"
    "Date: Tue, 01 Dec 2026 10:00:00 +0100\r\n"
    "Message-ID: <abc@nic.example>\r\n"
    "In-Reply-To: <parent@x.example>\r\n"
    "References: <root@x.example>\r\n <parent@x.example>\r\n"
    "List-Id: Other <other.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: multipart/alternative; boundary=\"b2\"\r\n"
    "\r\n"
    "--b2\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Caf=E9 <script>alert(1)</script>\r\n"
    "--b2\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>Caf\xc3\xa9</p>\r\n"
    "--b2--\r\n"
    "--b1\r\n"
    "Content-Type: application/pdf; name=\"r.pdf\"\r\n"
    "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9port.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "--b1--\r\n";

static void
test_post(void **state)
{
	struct mime_message m;
	struct tld_error err;

	(void)state;
	assert_int_equal(mime_parse(POST, sizeof(POST) - 1, &m, &err), 0);
	assert_string_equal(m.message_id, "abc@nic.example");
	assert_string_equal(m.from_name, "Ren\xc3\xa9" "e Dupont");
	assert_string_equal(m.from_addr, "renee@nic.example");
	assert_string_equal(m.subject, "[TLD-OPS] D\xc3\xa9j\xc3\xa0 vu");
	assert_int_equal(m.date, 1796115600);
	assert_string_equal(m.in_reply_to, "parent@x.example");
	assert_int_equal(m.nreferences, 2);
	assert_string_equal(m.references[0], "root@x.example");
	assert_string_equal(m.references[1], "parent@x.example");
	assert_string_equal(m.content_type, "multipart/mixed");
	assert_false(m.text_is_html);
	assert_non_null(strstr(m.text, "Caf\xc3\xa9 <script>"));
	assert_int_equal(m.nattachments, 1);
	assert_string_equal(m.attachments[0].filename, "r\xc3\xa9port.pdf");
	assert_string_equal(m.attachments[0].content_type, "application/pdf");
	assert_int_equal(m.attachments[0].len, 9);
	assert_memory_equal(m.attachments[0].data, "%PDF-1.4\n", 9);
	assert_string_equal(mime_header_get(&m, "list-id"), "Other <other.example>");
	assert_null(mime_header_get(&m, "X-Loop"));
	assert_string_equal(m.flaw, "");
	mime_message_fini(&m);
}

/* What GMime's parser warned about the structure, in words (m.flaw). */
static void
test_structural_flaws(void **state)
{
#define HDR "From: a@x.example\nSubject: s\nMIME-Version: 1.0\n"
	static const struct {
		const char *raw, *flaw;
	} cases[] = {
		{ HDR "Content-Type: multipart/mixed\n\n--x\n\nhi\n--x--\n",
		  "multipart/mixed without a boundary parameter" },
		{ HDR "Content-Type: multipart/mixed; boundary=zz\n\n--x\n\nhi\n--x--\n",
		  "multipart/mixed whose body never uses its boundary \"zz\"" },
		{ HDR "Content-Type: multipart/mixed; boundary=zz\n\n--zz\n\nhi\n",
		  "truncated: a multipart without its closing boundary" },
		{ HDR "Content-Type: multipart/mixed; boundary=zz\n\n--zz\n"
		  "Content-Type: multipart/alternative; boundary=yy\n\n--yy\n\nhi\n--zz--\n",
		  "truncated: a multipart without its closing boundary" },
		{ HDR "Content-Type: multipart/mixed; boundary=zz\n\n--zz\n\nhi\n--zz--\n", "" },
		{ HDR "\nplain text, no MIME structure at all\n", "" },
	};
#undef HDR
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mime_message m;
		struct tld_error err;

		assert_int_equal(mime_parse(cases[i].raw, strlen(cases[i].raw), &m,
		    &err), 0);
		assert_string_equal(m.flaw, cases[i].flaw);
		mime_message_fini(&m);
	}
}

static void
test_html_only_and_junk(void **state)
{
	static const char html[] =
	    "From: a@b.example\nSubject: h\xff\nContent-Type: text/html\n\n"
	    "<b>bold</b>\x00tail\n";
	static const char none[] = "just some words without a header\n";
	struct mime_message m;
	struct tld_error err;

	(void)state;
	assert_int_equal(mime_parse(html, sizeof(html) - 1, &m, &err), 0);
	assert_true(m.text_is_html);
	assert_non_null(strstr(m.text, "<b>bold</b>"));
	assert_true(utf8_valid(m.subject, strlen(m.subject)));
	assert_string_equal(m.message_id, "");
	assert_int_equal(m.date, 0);
	mime_message_fini(&m);

	assert_int_equal(mime_parse("", 0, &m, &err), TLD_EINVAL);
	assert_string_equal(err.field, "message");
	/* GMime reads what it can; words without a colon are no header. */
	if (mime_parse(none, sizeof(none) - 1, &m, &err) == 0) {
		assert_string_equal(m.from_addr, "");
		mime_message_fini(&m);
	}
}

struct mbox_seen {
	int n;
	char first[256];
	char second[256];
};

static int
mbox_cb(void *ctx, const char *raw, size_t len)
{
	struct mbox_seen *s = ctx;
	char *dst = s->n == 0 ? s->first : s->second;
	size_t n = len < 255 ? len : 255;

	memcpy(dst, raw, n);
	dst[n] = '\0';
	s->n++;
	return 0;
}

static void
test_mbox(void **state)
{
	static const char mbox[] =
	    "From a@b.example Tue Dec  1 10:00:00 2026\n"
	    "From: a@b.example\nSubject: one\nMessage-ID: <1@b>\n\n"
	    "body\n>From here\n\n"
	    "From c@d.example Tue Dec  1 11:00:00 2026\n"
	    "From: c@d.example\nSubject: two\n\nsecond\n";
	struct mbox_seen s;
	struct tld_error err;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(mime_mbox_each(mbox, sizeof(mbox) - 1, mbox_cb, &s, &err), 2);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.first,
	    "From: a@b.example\nSubject: one\nMessage-ID: <1@b>\n\nbody\nFrom here\n");
	assert_string_equal(s.second, "From: c@d.example\nSubject: two\n\nsecond\n");
	assert_int_equal(mime_mbox_each("Subject: x\n\n", 12, mbox_cb, &s, &err),
	    TLD_EINVAL);
	assert_string_equal(err.field, "mbox");
}

#define DSN_HEAD \
    "From: MAILER-DAEMON@mx.example\r\n" \
    "To: tld-ops-bounces+m12@lists.example\r\n" \
    "Subject: Undelivered Mail Returned to Sender\r\n" \
    "MIME-Version: 1.0\r\n" \
    "Content-Type: multipart/report; report-type=delivery-status;\r\n" \
    " boundary=\"R\"\r\n\r\n" \
    "--R\r\nContent-Type: text/plain\r\n\r\nI'm sorry.\r\n" \
    "--R\r\nContent-Type: message/delivery-status\r\n\r\n" \
    "Reporting-MTA: dns; mx.example\r\n" \
    "Arrival-Date: Tue,  1 Dec 2026 10:00:00 +0000 (UTC)\r\n\r\n"

static void
test_dsn(void **state)
{
	static const char dsn[] = DSN_HEAD
	    "Final-Recipient: rfc822; gone@nic.example\r\n"
	    "Original-Recipient: rfc822;Gone@NIC.example\r\n"
	    "Action: failed\r\n"
	    "Status: 5.1.1\r\n"
	    "Diagnostic-Code: smtp; 550 5.1.1 <gone@nic.example>: Recipient\r\n"
	    "    address rejected: User unknown\r\n\r\n"
	    "Final-Recipient: rfc822; <slow@nic.example>\r\n"
	    "Action: delayed\r\n"
	    "Status: 4.4.1 (connection timed out)\r\n\r\n"
	    "--R\r\nContent-Type: text/rfc822-headers\r\n\r\n"
	    "Message-ID: <orig-1@lists.example>\r\nSubject: x\r\n\r\n"
	    "--R--\r\n";
	struct dsn_report r;
	struct tld_error err;

	(void)state;
	assert_int_equal(dsn_parse(dsn, sizeof(dsn) - 1, &r, &err), 0);
	assert_string_equal(r.reporting_mta, "mx.example");
	assert_string_equal(r.original_message_id, "orig-1@lists.example");
	assert_int_equal(r.nrecipients, 2);
	assert_string_equal(r.recipients[0].final_recipient, "gone@nic.example");
	assert_string_equal(r.recipients[0].original_recipient, "Gone@NIC.example");
	assert_string_equal(r.recipients[0].action, "failed");
	assert_string_equal(r.recipients[0].status, "5.1.1");
	assert_non_null(strstr(r.recipients[0].diagnostic, "User unknown"));
	assert_int_equal(r.recipients[0].cls, DSN_CLASS_HARD);
	assert_string_equal(r.recipients[1].final_recipient, "slow@nic.example");
	assert_string_equal(r.recipients[1].status, "4.4.1");
	assert_int_equal(r.recipients[1].cls, DSN_CLASS_SOFT);
	dsn_report_fini(&r);
}

/*
 * A raw 8-bit byte that GMime reads as Latin-1 U+0087 (a C1 control) must
 * not reach a field; a field cut at its size never ends in half a sequence.
 */
static void
test_dsn_c1_control(void **state)
{
	static const char dsn[] = DSN_HEAD
	    "Final-Recipient: rfc822; slow@nic.examp\x87le\r\n"
	    "Action: delayed \xb3\xb3\xb3\xb3\xb3\xb3\xb3\xb3\xb3\xb3\xb3\xb3\xb3\r\n"
	    "Status: 4.4.1\r\n\r\n"
	    "--R--\r\n";
	struct dsn_report r;
	struct tld_error err;

	(void)state;
	assert_int_equal(dsn_parse(dsn, sizeof(dsn) - 1, &r, &err), 0);
	assert_int_equal(r.nrecipients, 1);
	assert_false(utf8_has_control(r.recipients[0].final_recipient,
	    strlen(r.recipients[0].final_recipient)));
	assert_true(utf8_valid(r.recipients[0].action, strlen(r.recipients[0].action)));
	dsn_report_fini(&r);
}

static void
test_not_dsn(void **state)
{
	static const char plain[] = "From: a@b\r\nSubject: out of office\r\n\r\nI am away\r\n";
	static const char empty[] = DSN_HEAD "--R--\r\n";
	struct dsn_report r;
	struct tld_error err;

	(void)state;
	assert_int_equal(dsn_parse(plain, sizeof(plain) - 1, &r, &err), TLD_EINVAL);
	assert_string_equal(err.field, "dsn");
	assert_int_equal(dsn_parse(empty, sizeof(empty) - 1, &r, &err), TLD_EINVAL);
	assert_non_null(strstr(err.message, "Final-Recipient"));
	assert_int_equal(dsn_classify("failed", "5.7.1"), DSN_CLASS_HARD);
	assert_int_equal(dsn_classify("failed", "4.2.2"), DSN_CLASS_SOFT);
	assert_int_equal(dsn_classify("delivered", "2.0.0"), DSN_CLASS_OTHER);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post),
		cmocka_unit_test(test_structural_flaws),
		cmocka_unit_test(test_html_only_and_junk),
		cmocka_unit_test(test_mbox),
		cmocka_unit_test(test_dsn),
		cmocka_unit_test(test_dsn_c1_control),
		cmocka_unit_test(test_not_dsn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
