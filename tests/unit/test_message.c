/* SPDX-License-Identifier: MIT */
/*
 * Tests of mail/message: the headers and body mail_compose() writes, the
 * refusals (header injection through the subject, a display name, an
 * address) that leave the output untouched, and, as the real proof,
 * composed messages read back by Python's email package (policy default):
 * subject, display names and body must come back as they went in, with no
 * defect reported and every encoded word decodable on its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "mail/message.h"
#include "util/utf8.h"

#define PYTHON "/usr/bin/python3"
#define DATE_FRI_27_NOV_2026 INT64_C(1795755250) /* 04:54:10 UTC */
#define SENTINEL "untouched\r\n"

/*
 * Read the message file named by argv[1] with the email package and print
 * "key hex(value)" lines; assert what the C side cannot easily check: each
 * encoded word is at most 75 characters and decodes to whole UTF-8
 * characters on its own, lines holding one are at most 76 characters.
 * No single quote inside: it goes into the shell in single quotes.
 */
static const char read_back_py[] =
    "import sys, re, base64, binascii\n"
    "from email.parser import BytesParser\n"
    "from email import policy\n"
    "raw = open(sys.argv[1], \"rb\").read()\n"
    "msg = BytesParser(policy=policy.default).parsebytes(raw)\n"
    "def put(k, v):\n"
    "    print(k, v.encode(\"utf-8\").hex())\n"
    "put(\"subject\", str(msg[\"subject\"]))\n"
    "f = msg[\"from\"].addresses[0]\n"
    "put(\"from_name\", f.display_name)\n"
    "put(\"from_addr\", f.addr_spec)\n"
    "t = msg[\"to\"].addresses[0]\n"
    "put(\"to_name\", t.display_name)\n"
    "put(\"to_addr\", t.addr_spec)\n"
    "put(\"type\", msg.get_content_type() + \";\" +"
    " str(msg.get_content_charset()))\n"
    "put(\"body\", msg.get_content().replace(\"\\r\\n\", \"\\n\"))\n"
    "n = len(msg.defects)\n"
    "for k, v in msg.items():\n"
    "    n += len(getattr(v, \"defects\", ()))\n"
    "put(\"defects\", str(n))\n"
    "head = raw.split(b\"\\r\\n\\r\\n\", 1)[0]\n"
    "for m in re.finditer(rb\"=[?]UTF-8[?]([BQ])[?]([^?]*)[?]=\", head):\n"
    "    assert len(m.group(0)) <= 75, m.group(0)\n"
    "    p = m.group(2)\n"
    "    if m.group(1) == b\"B\":\n"
    "        b = base64.b64decode(p, validate=True)\n"
    "    else:\n"
    "        b = binascii.a2b_qp(p, header=True)\n"
    "    b.decode(\"utf-8\")\n"
    "for line in head.split(b\"\\r\\n\"):\n"
    "    assert len(line) <= (76 if b\"=?\" in line else 998), line\n"
    "print(\"ok\")\n";

struct read_back {
	char *subject, *from_name, *from_addr, *to_name, *to_addr, *type;
	char *body, *defects;
	int ok;
};

static void
spec_init(struct mail_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->from_name = "tldops";
	s->from_addr = "ops@tld-ops.example.org";
	s->to_name = NULL;
	s->to_addr = "members@tld-ops.example.org";
	s->subject = "Fortnightly contact check";
	s->message_id = "<20261127.1@tld-ops.example.org>";
	s->date = DATE_FRI_27_NOV_2026;
	s->tlp = TLP_NONE;
	s->body = "Hello,\nplease check your contacts.\n";
}

static char *
compose(const struct mail_spec *s)
{
	struct buf b;
	struct tld_error err;
	int rc;

	buf_init(&b);
	tld_error_clear(&err);
	rc = mail_compose(s, &b, &err);
	if (rc != 0)
		fail_msg("mail_compose: %s: %s", err.field, err.message);
	return buf_steal(&b);
}

/* CRLF everywhere, no bare CR or LF, no line over 998 bytes. */
static void
assert_crlf_lines(const char *m)
{
	size_t col = 0;

	for (size_t i = 0; m[i] != '\0'; i++) {
		if (m[i] == '\r') {
			assert_int_equal(m[i + 1], '\n');
			i++;
			col = 0;
			continue;
		}
		assert_int_not_equal(m[i], '\n');
		col++;
		assert_true(col <= 998);
	}
	assert_true(col == 0);
}

/* The header section, as a C string the caller frees. */
static char *
headers_of(const char *m)
{
	const char *end = strstr(m, "\r\n\r\n");

	assert_non_null(end);
	return strndup(m, (size_t)(end - m) + 2);
}

static void
assert_refused(const struct mail_spec *s, const char *field,
    const char *reason)
{
	struct buf b;
	struct tld_error err;

	buf_init(&b);
	buf_puts(&b, SENTINEL);
	tld_error_clear(&err);
	assert_int_equal(mail_compose(s, &b, &err), TLD_EINVAL);
	assert_int_equal(err.code, TLD_EINVAL);
	assert_string_equal(err.field, field);
	if (reason != NULL && strstr(err.message, reason) == NULL)
		fail_msg("%s: \"%s\" does not mention \"%s\"", field,
		    err.message, reason);
	assert_int_equal(b.len, strlen(SENTINEL));
	assert_string_equal(buf_str(&b), SENTINEL);
	buf_fini(&b);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static char *
unhex(const char *p, size_t len)
{
	char *s = calloc(len / 2 + 1, 1);

	assert_non_null(s);
	assert_int_equal(len % 2, 0);
	for (size_t i = 0; i < len; i += 2) {
		int hi = hex_value(p[i]), lo = hex_value(p[i + 1]);

		assert_true(hi >= 0 && lo >= 0);
		s[i / 2] = (char)(hi << 4 | lo);
	}
	return s;
}

/* Write m to a file, have Python parse it, collect its answers. */
static void
read_back(const char *m, struct read_back *rb)
{
	char path[] = "/tmp/tldops-test-message.XXXXXX";
	char chunk[4096];
	struct buf cmd, output;
	FILE *f, *p;
	char *line, *next;
	size_t n;
	int fd, status;

	memset(rb, 0, sizeof(*rb));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	n = fwrite(m, 1, strlen(m), f);
	status = fclose(f);

	buf_init(&cmd);
	buf_init(&output);
	buf_printf(&cmd, "%s -c '%s' %s", PYTHON, read_back_py, path);
	p = popen(buf_str(&cmd), "r");
	if (p != NULL) {
		size_t got;

		while ((got = fread(chunk, 1, sizeof(chunk), p)) > 0)
			buf_append(&output, chunk, got);
		status |= pclose(p);
	}
	/* Removed before any assertion can leave it behind. */
	unlink(path);
	buf_fini(&cmd);
	assert_int_equal(n, strlen(m));
	assert_non_null(p);
	assert_int_equal(status, 0);

	for (line = output.data; line != NULL && *line != '\0'; line = next) {
		char *sp, **slot = NULL;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strcmp(line, "ok") == 0) {
			rb->ok = 1;
			continue;
		}
		sp = strchr(line, ' ');
		assert_non_null(sp);
		*sp = '\0';
		if (strcmp(line, "subject") == 0)
			slot = &rb->subject;
		else if (strcmp(line, "from_name") == 0)
			slot = &rb->from_name;
		else if (strcmp(line, "from_addr") == 0)
			slot = &rb->from_addr;
		else if (strcmp(line, "to_name") == 0)
			slot = &rb->to_name;
		else if (strcmp(line, "to_addr") == 0)
			slot = &rb->to_addr;
		else if (strcmp(line, "type") == 0)
			slot = &rb->type;
		else if (strcmp(line, "body") == 0)
			slot = &rb->body;
		else if (strcmp(line, "defects") == 0)
			slot = &rb->defects;
		assert_non_null(slot);
		*slot = unhex(sp + 1, strlen(sp + 1));
	}
	buf_fini(&output);
	if (!rb->ok)
		fail_msg("python did not read the message back");
	assert_string_equal(rb->defects, "0");
	assert_string_equal(rb->type, "text/plain;utf-8");
}

static void
read_back_free(struct read_back *rb)
{
	free(rb->subject);
	free(rb->from_name);
	free(rb->from_addr);
	free(rb->to_name);
	free(rb->to_addr);
	free(rb->type);
	free(rb->body);
	free(rb->defects);
}

static void
skip_without_python(void)
{
	if (access(PYTHON, X_OK) != 0)
		skip();
}

static void
parses_tlp(void **state)
{
	static const struct {
		const char *s;
		enum tlp t;
		const char *label;
	} ok[] = {
		{ "clear", TLP_CLEAR, "TLP:CLEAR" },
		{ "GREEN", TLP_GREEN, "TLP:GREEN" },
		{ "Amber", TLP_AMBER, "TLP:AMBER" },
		{ "amber+STRICT", TLP_AMBER_STRICT, "TLP:AMBER+STRICT" },
		{ "red", TLP_RED, "TLP:RED" },
	};
	const char *bad[] = { "", "white", "amber+", "TLP:AMBER", " red",
		"amber strict" };
	struct tld_error err;
	enum tlp t;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		t = TLP_NONE;
		assert_int_equal(tlp_parse(ok[i].s, &t, &err), 0);
		assert_int_equal(t, ok[i].t);
		assert_string_equal(tlp_label(t), ok[i].label);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t = TLP_RED;
		tld_error_clear(&err);
		assert_int_equal(tlp_parse(bad[i], &t, &err), TLD_EINVAL);
		assert_string_equal(err.field, "tlp");
		assert_int_equal(t, TLP_RED);
	}
	assert_string_equal(tlp_label(TLP_NONE), "");
}

static void
composes_plain_ascii(void **state)
{
	struct mail_spec s;
	char *m, *h;

	(void)state;
	spec_init(&s);
	m = compose(&s);
	assert_crlf_lines(m);
	h = headers_of(m);
	assert_non_null(strstr(h,
	    "Date: Fri, 27 Nov 2026 04:54:10 +0000\r\n"));
	assert_true(strncmp(h, "Date: ", 6) == 0);
	assert_non_null(strstr(h,
	    "\r\nFrom: tldops <ops@tld-ops.example.org>\r\n"));
	assert_non_null(strstr(h, "\r\nTo: members@tld-ops.example.org\r\n"));
	assert_non_null(strstr(h,
	    "\r\nSubject: Fortnightly contact check\r\n"));
	assert_non_null(strstr(h,
	    "\r\nMessage-ID: <20261127.1@tld-ops.example.org>\r\n"));
	assert_non_null(strstr(h, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(h,
	    "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(h, "\r\nContent-Transfer-Encoding: 7bit\r\n"));
	assert_null(strstr(h, "Reply-To"));
	assert_null(strstr(h, "List-Id"));
	assert_null(strstr(h, "Precedence"));
	assert_null(strstr(h, "Auto-Submitted"));
	assert_null(strstr(h, "format=flowed"));
	assert_non_null(strstr(m,
	    "\r\n\r\nHello,\r\nplease check your contacts.\r\n"));
	assert_true(strlen(strstr(m, "\r\n\r\n")) ==
	    strlen("\r\n\r\nHello,\r\nplease check your contacts.\r\n"));
	free(h);
	free(m);

	s.list_id = "tld-ops.example.org";
	s.reply_to = "secretariat@tld-ops.example.org";
	s.to_name = "TLD Ops";
	s.body = "no final newline";
	m = compose(&s);
	h = headers_of(m);
	assert_non_null(strstr(h, "\r\nList-Id: <tld-ops.example.org>\r\n"));
	assert_non_null(strstr(h, "\r\nPrecedence: list\r\n"));
	assert_non_null(strstr(h,
	    "\r\nReply-To: secretariat@tld-ops.example.org\r\n"));
	assert_non_null(strstr(h,
	    "\r\nTo: TLD Ops <members@tld-ops.example.org>\r\n"));
	assert_non_null(strstr(m, "\r\n\r\nno final newline\r\n"));
	free(h);
	free(m);
}

static void
appends_to_what_is_there(void **state)
{
	struct mail_spec s;
	struct buf b;
	struct tld_error err;

	(void)state;
	spec_init(&s);
	buf_init(&b);
	buf_puts(&b, "X-Before: 1\r\n");
	assert_int_equal(mail_compose(&s, &b, &err), 0);
	assert_true(strncmp(buf_str(&b), "X-Before: 1\r\nDate: ", 19) == 0);
	buf_fini(&b);
}

#define EHH4_7 "eHh4eHh4eHh4eHh4eHh4eHh4eHh4"
#define EHH4_14 EHH4_7 EHH4_7
#define EHH4_19 EHH4_14 "eHh4eHh4eHh4eHh4eHh4"
/* Optional attachments: multipart/mixed, base64 in 76-column lines, checked names. */
static void
attaches_files(void **state)
{
	struct mail_attachment a[2] = {
		{ "repo.json", "application/json", "{\"a\": 1}\n", 9 },
		{ "repo.json.asc", "application/pgp-signature", NULL, 0 },
	};
	char big[100];
	struct mail_spec s;
	struct buf b;
	struct tld_error err;
	char *m;

	(void)state;
	memset(big, 'x', sizeof(big));
	a[1].data = big;
	a[1].len = sizeof(big);
	spec_init(&s);
	s.attachments = a;
	s.nattachments = 2;
	m = compose(&s);
	assert_crlf_lines(m);
	assert_non_null(strstr(m, "Content-Type: multipart/mixed;\r\n boundary="));
	assert_non_null(strstr(m, "Content-Disposition: attachment; "
	    "filename=\"repo.json\"\r\nContent-Transfer-Encoding: base64\r\n"
	    "\r\neyJhIjogMX0K\r\n"));
	/* 100 bytes: one line of 76 characters (57 bytes), then the rest. */
	assert_non_null(strstr(m, "\r\n" EHH4_19 "\r\n" EHH4_14 "eA==\r\n--"));
	assert_non_null(strstr(m, "\r\nplease check your contacts.\r\n"));
	free(m);

	buf_init(&b);
	a[0].filename = "../etc/passwd";
	tld_error_clear(&err);
	assert_int_equal(mail_compose(&s, &b, &err), TLD_EINVAL);
	assert_string_equal(err.field, "attachment");
	a[0].filename = "repo.json";
	a[0].type = "application/json\r\nX-Evil: 1";
	assert_int_equal(mail_compose(&s, &b, &err), TLD_EINVAL);
	assert_string_equal(err.field, "attachment");
	assert_int_equal(b.len, 0);
	buf_fini(&b);
}

static void
labels_tlp_in_subject_and_body(void **state)
{
	struct mail_spec s;
	char *m, *h;

	(void)state;
	spec_init(&s);
	s.tlp = TLP_AMBER;
	m = compose(&s);
	assert_crlf_lines(m);
	h = headers_of(m);
	assert_non_null(strstr(h,
	    "\r\nSubject: [TLP:AMBER] Fortnightly contact check\r\n"));
	/* The em dash makes the body non-ASCII. */
	assert_non_null(strstr(h,
	    "\r\nContent-Transfer-Encoding: quoted-printable\r\n"));
	assert_non_null(strstr(m, "\r\n\r\nTLP:AMBER =E2=80=94 Limited "
	    "disclosure"));
	free(h);
	free(m);
}

static void
encodes_quoted_printable(void **state)
{
	struct mail_spec s;
	char *m, *body;
	char line[1200];

	(void)state;
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	spec_init(&s);
	s.body = line;
	m = compose(&s);
	assert_crlf_lines(m);
	assert_non_null(strstr(m, "Content-Transfer-Encoding: "
	    "quoted-printable\r\n"));
	body = strstr(m, "\r\n\r\n") + 4;
	for (char *l = body; *l != '\0'; l = strstr(l, "\r\n") + 2)
		assert_true(strstr(l, "\r\n") - l <= 76);
	free(m);

	s.body = "a=b \t\n\xc3\xa9t\xc3\xa9\nFrom here\n.\n";
	m = compose(&s);
	body = strstr(m, "\r\n\r\n") + 4;
	assert_string_equal(body,
	    "a=3Db =09\r\n=C3=A9t=C3=A9\r\n=46rom here\r\n=2E\r\n");
	free(m);
}

static void
encodes_header_words(void **state)
{
	struct buf b;
	const char *p;

	(void)state;
	buf_init(&b);
	mail_encode_header_words(&b, "plain ascii");
	assert_string_equal(buf_str(&b), "plain ascii");
	buf_reset(&b);
	mail_encode_header_words(&b, "caf\xc3\xa9 au lait");
	assert_string_equal(buf_str(&b), "=?UTF-8?Q?caf=C3=A9_au_lait?=");
	buf_reset(&b);
	mail_encode_header_words(&b, "caf\xc3\xa9");
	assert_string_equal(buf_str(&b), "=?UTF-8?B?Y2Fmw6k=?=");
	buf_reset(&b);
	/* A literal "=?" must not be read back as an encoded word. */
	mail_encode_header_words(&b, "a =?x?= b");
	assert_string_equal(buf_str(&b), "a =?UTF-8?B?PT94Pz0gYg==?=");
	buf_reset(&b);
	/* Leading ASCII words (the TLP label) stay readable. */
	mail_encode_header_words(&b, "[TLP:RED] caf\xc3\xa9 au lait");
	assert_string_equal(buf_str(&b),
	    "[TLP:RED] =?UTF-8?Q?caf=C3=A9_au_lait?=");
	buf_reset(&b);
	/* Controls from a careless caller are encoded, never raw. */
	mail_encode_header_words(&b, "Hi\r\nBcc: x@y");
	assert_null(strchr(buf_str(&b), '\n'));
	buf_reset(&b);
	/* Long Cyrillic: several words, each whole characters, <= 75. */
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "\xd0\xb6");
	{
		char *text = buf_steal(&b);

		buf_puts(&b, "Subject: ");
		mail_encode_header_words(&b, text);
		free(text);
	}
	p = buf_str(&b);
	for (const char *l = p; l != NULL; ) {
		const char *e = strstr(l, "\r\n");
		size_t n = e != NULL ? (size_t)(e - l) : strlen(l);

		assert_true(n <= 76);
		l = e != NULL ? e + 2 : NULL;
		if (l != NULL)
			assert_int_equal(l[0], ' ');
	}
	buf_fini(&b);
}

static void
refuses_injection(void **state)
{
	struct mail_spec s;

	(void)state;
	spec_init(&s);
	s.subject = "Hi\r\nBcc: x@y";
	assert_refused(&s, "subject", "header injection");
	s.subject = "Hi\nBcc: x@y";
	assert_refused(&s, "subject", "header injection");
	s.subject = "tab\there";
	assert_refused(&s, "subject", "control");
	s.subject = "del\x7f";
	assert_refused(&s, "subject", "control");
	s.subject = "c1 \xc2\x85 next line";
	assert_refused(&s, "subject", "control");
	s.subject = "bad \xff utf-8";
	assert_refused(&s, "subject", "UTF-8");
	s.subject = "";
	assert_refused(&s, "subject", NULL);
	s.subject = NULL;
	assert_refused(&s, "subject", NULL);

	spec_init(&s);
	s.from_name = "Hi\r\nBcc: x@y";
	assert_refused(&s, "from", "header injection");
	spec_init(&s);
	s.to_name = "x\ny";
	assert_refused(&s, "to", "header injection");

	spec_init(&s);
	s.to_addr = "a@example.org\n";
	assert_refused(&s, "to", "header injection");
	s.to_addr = "a@example.org\r\nBcc: x@y";
	assert_refused(&s, "to", "header injection");
	s.to_addr = "a b@example.org";
	assert_refused(&s, "to", "space");
	s.to_addr = "a@example.org>, <x@y";
	assert_refused(&s, "to", NULL);
	s.to_addr = "example.org";
	assert_refused(&s, "to", "@");
	s.to_addr = "a,b@example.org";
	assert_refused(&s, "to", NULL);
	s.to_addr = NULL;
	assert_refused(&s, "to", NULL);

	spec_init(&s);
	s.from_addr = "ops\t@example.org";
	assert_refused(&s, "from", "control");
	s.from_addr = "ops@";
	assert_refused(&s, "from", NULL);
	spec_init(&s);
	s.reply_to = "x@y\nBcc: z@w";
	assert_refused(&s, "reply_to", "header injection");
	spec_init(&s);
	s.list_id = "list\r\nBcc: x@y";
	assert_refused(&s, "list_id", "header injection");
	s.list_id = "<list.example>";
	assert_refused(&s, "list_id", NULL);
	spec_init(&s);
	s.message_id = "no-brackets@example.org";
	assert_refused(&s, "message_id", NULL);
	s.message_id = "<a@b>\r\nBcc: x@y";
	assert_refused(&s, "message_id", "header injection");
	s.message_id = NULL;
	assert_refused(&s, "message_id", NULL);

	spec_init(&s);
	s.body = "lone\rCR";
	assert_refused(&s, "body", "CR");
	s.body = "bad \xc3\x28";
	assert_refused(&s, "body", "UTF-8");
	s.body = NULL;
	assert_refused(&s, "body", NULL);
	spec_init(&s);
	s.date = -1;
	assert_refused(&s, "date", NULL);
}

static void
python_reads_back_non_ascii(void **state)
{
	static const char name[] =
	    "\xc3\x89mile Zo\xc3\xab \xe2\x80\x94 .\xd1\x80\xd1\x84";
	struct mail_spec s;
	struct read_back rb;
	struct buf subject, body, want;
	char *m;

	(void)state;
	skip_without_python();
	buf_init(&subject);
	buf_init(&body);
	buf_init(&want);
	/* 200 characters: Cyrillic, an emoji, CJK, Latin with accents. */
	for (int i = 0; i < 50; i++)
		buf_puts(&subject, i % 5 == 4 ? "\xf0\x9f\x94\x91" :
		    i % 5 == 3 ? "\xe6\xbc\xa2" : i % 5 == 2 ? " " :
		    i % 5 == 1 ? "\xc3\xa9" : "\xd0\xb4");
	for (int i = 0; i < 150; i++)
		buf_puts(&subject, i % 7 == 0 ? " " : "\xd1\x84");
	assert_true(utf8_valid(subject.data, subject.len));

	buf_puts(&body, "Dear \xc3\x89mile,\n\nFrom the registry side:\n.\n"
	    "..two dots\n.single dot\nFrom \xc3\xa9t\xc3\xa9\n"
	    "trailing spaces   \ntab\tinside\t\nequals = sign =41\n"
	    "CRLF line\r\n");
	for (int i = 0; i < 300; i++)
		buf_puts(&body, i % 10 == 9 ? " " : "\xe2\x82\xac");
	buf_puts(&body, "\n");
	for (int i = 0; i < 1500; i++)
		buf_putc(&body, (char)('a' + i % 26));
	buf_puts(&body, "\n\xd1\x80\xd1\x84\n");

	spec_init(&s);
	s.from_name = name;
	s.to_name = "\xd0\x9e\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb0\xd1\x82\xd0\xbe"
	    "\xd1\x80\xd1\x8b .\xd1\x80\xd1\x84";
	s.subject = buf_str(&subject);
	s.body = buf_str(&body);
	s.tlp = TLP_AMBER;
	s.list_id = "tld-ops.example.org";
	m = compose(&s);
	assert_crlf_lines(m);
	read_back(m, &rb);

	buf_printf(&want, "[TLP:AMBER] %s", buf_str(&subject));
	assert_string_equal(rb.subject, buf_str(&want));
	assert_string_equal(rb.from_name, name);
	assert_string_equal(rb.from_addr, s.from_addr);
	assert_string_equal(rb.to_name, s.to_name);
	assert_string_equal(rb.to_addr, s.to_addr);
	buf_reset(&want);
	buf_printf(&want, "TLP:AMBER \xe2\x80\x94 Limited disclosure, "
	    "recipients can only spread this on a need-to-know basis within "
	    "their organization and its clients.\n\n");
	for (const char *p = buf_str(&body); *p != '\0'; p++)
		if (*p != '\r')
			buf_putc(&want, *p);
	assert_string_equal(rb.body, buf_str(&want));

	read_back_free(&rb);
	free(m);
	buf_fini(&subject);
	buf_fini(&body);
	buf_fini(&want);
}

static void
python_reads_back_ascii(void **state)
{
	static const char name[] = "Ops \"Team\", CERT\\x (24/7)";
	struct mail_spec s;
	struct read_back rb;
	struct buf subject;
	char *m;

	(void)state;
	skip_without_python();
	buf_init(&subject);
	for (int i = 0; i < 40; i++)
		buf_puts(&subject, i == 20 ? "=?literal?= " : "word ");
	buf_puts(&subject, "end");

	spec_init(&s);
	s.from_name = name;
	s.to_name = "A. N. Other";
	s.subject = buf_str(&subject);
	s.body = "line one\n.\n..\nFrom me\n";
	m = compose(&s);
	assert_non_null(strstr(m, "Content-Transfer-Encoding: 7bit\r\n"));
	assert_non_null(strstr(m,
	    "From: \"Ops \\\"Team\\\", CERT\\\\x (24/7)\" <"));
	assert_non_null(strstr(m, "To: \"A. N. Other\" <"));
	read_back(m, &rb);
	assert_string_equal(rb.subject, buf_str(&subject));
	assert_string_equal(rb.from_name, name);
	assert_string_equal(rb.to_name, "A. N. Other");
	assert_string_equal(rb.body, s.body);
	read_back_free(&rb);
	free(m);

	/* A long plain subject is folded at spaces and unfolds unchanged. */
	buf_reset(&subject);
	for (int i = 0; i < 60; i++)
		buf_puts(&subject, "folding ");
	buf_puts(&subject, "done");
	s.subject = buf_str(&subject);
	s.from_name = NULL;
	m = compose(&s);
	assert_non_null(strstr(m, "Subject: folding folding"));
	assert_non_null(strstr(m, "folding\r\n folding"));
	read_back(m, &rb);
	assert_string_equal(rb.subject, buf_str(&subject));
	assert_string_equal(rb.from_name, "");
	read_back_free(&rb);
	free(m);
	buf_fini(&subject);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_tlp),
		cmocka_unit_test(composes_plain_ascii),
		cmocka_unit_test(appends_to_what_is_there),
		cmocka_unit_test(attaches_files),
		cmocka_unit_test(labels_tlp_in_subject_and_body),
		cmocka_unit_test(encodes_quoted_printable),
		cmocka_unit_test(encodes_header_words),
		cmocka_unit_test(refuses_injection),
		cmocka_unit_test(python_reads_back_non_ascii),
		cmocka_unit_test(python_reads_back_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
