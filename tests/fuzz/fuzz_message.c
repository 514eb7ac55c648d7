/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for mail/message.  Input: one flag byte (TLP level, whether
 * List-Id, Reply-To and a To name are set), then subject, From display
 * name and body separated by 0xFF bytes (never valid UTF-8, so never part
 * of a valid field).  mail_compose() must either refuse with TLD_EINVAL
 * naming a known field and leave the output untouched, or produce a
 * message with CRLF line ends only, exactly the expected header fields
 * (nothing injected), printable ASCII headers within the line limits, and
 * a subject, display name and body that decode back to what went in.
 * mail_encode_header_words() on the raw subject must never emit a line
 * break other than a fold or any byte outside printable ASCII.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/message.h"
#include "util/utf8.h"

#define SENTINEL "X-Sentinel: kept\r\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_message: %s\n", what);
	abort();
}

static char *
part(const uint8_t *p, size_t len)
{
	char *s = malloc(len + 1);

	if (s == NULL)
		fail("out of memory");
	if (len > 0)
		memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode one encoded word's text p[0..len) into out. */
static void
decode_word(struct buf *out, char enc, const char *p, size_t len)
{
	if (enc == 'B') {
		unsigned v = 0;
		int bits = 0;

		if (len % 4 != 0)
			fail("B word length not a multiple of 4");
		for (size_t i = 0; i < len && p[i] != '='; i++) {
			int d = b64_value(p[i]);

			if (d < 0)
				fail("bad base64 in a B word");
			v = (v << 6) | (unsigned)d;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				buf_putc(out, (char)((v >> bits) & 0xff));
			}
		}
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '_') {
			buf_putc(out, ' ');
		} else if (p[i] == '=') {
			int hi, lo;

			if (i + 2 >= len)
				fail("short =XX in a Q word");
			hi = hex_value(p[i + 1]);
			lo = hex_value(p[i + 2]);
			if (hi < 0 || lo < 0)
				fail("bad =XX in a Q word");
			buf_putc(out, (char)(hi << 4 | lo));
			i += 2;
		} else {
			buf_putc(out, p[i]);
		}
	}
}

/*
 * RFC 2047 decoding of an unfolded value: encoded words "=?UTF-8?B?..?="
 * or Q, whitespace between two encoded words dropped, other text kept.
 * Every encoded word must decode to whole UTF-8 characters.
 */
static void
decode_value(struct buf *out, const char *p, size_t len)
{
	size_t i = 0, ws_start = 0, ws_len = 0;
	bool prev_word = false;

	while (i < len) {
		if (len - i >= 10 && memcmp(p + i, "=?UTF-8?", 8) == 0 &&
		    (p[i + 8] == 'B' || p[i + 8] == 'Q') && p[i + 9] == '?') {
			const char *end = NULL;
			struct buf w;

			for (size_t k = i + 10; k + 1 < len; k++) {
				if (p[k] == '?' && p[k + 1] == '=') {
					end = p + k;
					break;
				}
			}
			if (end == NULL)
				fail("unterminated encoded word");
			if ((size_t)(end + 2 - (p + i)) > 75)
				fail("encoded word longer than 75");
			if (!prev_word && ws_len > 0)
				buf_append(out, p + ws_start, ws_len);
			ws_len = 0;
			buf_init(&w);
			decode_word(&w, p[i + 8], p + i + 10,
			    (size_t)(end - (p + i + 10)));
			if (!utf8_valid(w.data != NULL ? w.data : "", w.len))
				fail("an encoded word splits a character");
			buf_append(out, w.data, w.len);
			buf_fini(&w);
			i = (size_t)(end + 2 - p);
			prev_word = true;
		} else if (p[i] == ' ') {
			if (ws_len == 0)
				ws_start = i;
			ws_len++;
			i++;
		} else {
			if (ws_len > 0)
				buf_append(out, p + ws_start, ws_len);
			ws_len = 0;
			buf_putc(out, p[i]);
			prev_word = false;
			i++;
		}
	}
	if (ws_len > 0)
		buf_append(out, p + ws_start, ws_len);
}

/* The unfolded value of header name (once, as checked before). */
static void
header_value(const char *head, const char *name, struct buf *out)
{
	size_t n = strlen(name);
	const char *p = head;

	for (;;) {
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ')
			break;
		p = strstr(p, "\r\n");
		if (p == NULL)
			fail("header not found");
		p += 2;
	}
	p += n + 2;
	for (;;) {
		const char *e = strstr(p, "\r\n");

		buf_append(out, p, (size_t)(e - p));
		if (e[2] != ' ')
			break;
		p = e + 2;
	}
}

static void
trim_spaces(const char **p, size_t *len)
{
	while (*len > 0 && (*p)[0] == ' ') {
		(*p)++;
		(*len)--;
	}
	while (*len > 0 && (*p)[*len - 1] == ' ')
		(*len)--;
}

static void
expect_same(const char *what, const char *a, size_t alen, const char *b,
    size_t blen)
{
	trim_spaces(&a, &alen);
	trim_spaces(&b, &blen);
	if (alen != blen || memcmp(a, b, alen) != 0)
		fail(what);
}

static bool
has_ew_start(const char *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (p[i] == '=' && p[i + 1] == '?')
			return true;
	return false;
}

static const char *const header_names[] = {
	"Date", "From", "To", "Reply-To", "Subject", "Message-ID", "List-Id",
	"Precedence", "MIME-Version", "Content-Type",
	"Content-Transfer-Encoding",
};
#define NHEADERS (sizeof(header_names) / sizeof(header_names[0]))

/* CRLF only; headers known, once each, printable ASCII; line limits. */
static void
check_shape(const char *m, size_t len, bool reply_to, bool list_id,
    bool *qp)
{
	static const size_t hn_cte = sizeof("Content-Transfer-Encoding: ") - 1;
	int seen[NHEADERS] = { 0 };
	const char *body, *p;

	*qp = false;
	for (size_t i = 0; i < len; i++) {
		if (m[i] == '\r' && (i + 1 == len || m[i + 1] != '\n'))
			fail("bare CR");
		if (m[i] == '\n' && (i == 0 || m[i - 1] != '\r'))
			fail("bare LF");
		if (m[i] == '\0')
			fail("NUL in the message");
	}
	if (len < 2 || memcmp(m + len - 2, "\r\n", 2) != 0)
		fail("message does not end with CRLF");
	body = strstr(m, "\r\n\r\n");
	if (body == NULL)
		fail("no end of header");
	body += 4;
	for (p = m; p < body - 2; ) {
		const char *e = strstr(p, "\r\n");
		size_t n = (size_t)(e - p), k;

		if (n > 998)
			fail("header line over 998");
		for (k = 0; k < n; k++)
			if ((unsigned char)p[k] < 0x20 ||
			    (unsigned char)p[k] > 0x7e)
				fail("header byte not printable ASCII");
		if (n > 76 && has_ew_start(p, n))
			fail("line holding an encoded word over 76");
		if (p[0] != ' ') {
			for (k = 0; k < NHEADERS; k++) {
				size_t hn = strlen(header_names[k]);

				if (n > hn + 1 &&
				    strncmp(p, header_names[k], hn) == 0 &&
				    p[hn] == ':' && p[hn + 1] == ' ')
					break;
			}
			if (k == NHEADERS)
				fail("unexpected header line (injection?)");
			seen[k]++;
			if (strcmp(header_names[k], "Content-Transfer-Encoding")
			    == 0)
				*qp = strncmp(p + hn_cte,
				    "quoted-printable\r\n", 18) == 0;
		} else if (p == m) {
			fail("continuation before the first header");
		} else {
			for (k = 0; k < n && p[k] == ' '; k++)
				;
			if (k == n)
				fail("whitespace-only continuation line");
		}
		p = e + 2;
	}
	for (size_t k = 0; k < NHEADERS; k++) {
		int want = 1;

		if (strcmp(header_names[k], "Reply-To") == 0)
			want = reply_to;
		else if (strcmp(header_names[k], "List-Id") == 0 ||
		    strcmp(header_names[k], "Precedence") == 0)
			want = list_id;
		if (seen[k] != want)
			fail("a header is missing or repeated");
	}
	for (p = body; *p != '\0'; ) {
		const char *e = strstr(p, "\r\n");
		size_t n = (size_t)(e - p);

		if (n > (*qp ? 76u : 998u))
			fail("body line too long");
		for (size_t k = 0; k < n; k++) {
			unsigned char c = (unsigned char)p[k];

			if (c > 0x7e || (c < 0x20 && c != '\t'))
				fail("body byte not ASCII");
		}
		if (*qp && n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			fail("trailing white space in quoted-printable");
		p = e + 2;
	}
}

static void
check_body(const char *m, bool qp, const struct mail_spec *spec)
{
	const char *p = strstr(m, "\r\n\r\n") + 4;
	struct buf got, want;

	buf_init(&got);
	buf_init(&want);
	if (qp) {
		for (; *p != '\0'; p++) {
			if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
				p += 2;
			} else if (p[0] == '=') {
				int hi = hex_value(p[1]), lo;

				lo = hi < 0 ? -1 : hex_value(p[2]);
				if (hi < 0 || lo < 0)
					fail("bad =XX in the body");
				buf_putc(&got, (char)(hi << 4 | lo));
				p += 2;
			} else {
				buf_putc(&got, *p);
			}
		}
	} else {
		buf_puts(&got, p);
	}
	if (spec->tlp != TLP_NONE)
		buf_printf(&want, "%s \xe2\x80\x94 ", tlp_label(spec->tlp));
	if (spec->tlp != TLP_NONE) {
		/* The meaning is the module's text: take it from got. */
		const char *nl = strstr(buf_str(&got), "\r\n\r\n");

		if (nl == NULL || strncmp(buf_str(&got), buf_str(&want),
		    want.len) != 0)
			fail("no TLP line at the top of the body");
		buf_reset(&want);
		buf_append(&want, got.data, (size_t)(nl - got.data) + 4);
	}
	for (const char *b = spec->body; *b != '\0'; b++) {
		if (*b == '\r')
			continue;
		if (*b == '\n')
			buf_puts(&want, "\r\n");
		else
			buf_putc(&want, *b);
	}
	if (spec->body[0] != '\0' && spec->body[strlen(spec->body) - 1] != '\n')
		buf_puts(&want, "\r\n");
	if (got.len != want.len || memcmp(buf_str(&got), buf_str(&want),
	    got.len) != 0)
		fail("body does not decode back");
	buf_fini(&got);
	buf_fini(&want);
}

static void
check_decoded(const char *m, const struct mail_spec *spec)
{
	struct buf v, d, want;
	const char *lt;

	buf_init(&v);
	buf_init(&d);
	buf_init(&want);
	header_value(m, "Subject", &v);
	decode_value(&d, v.data, v.len);
	if (spec->tlp != TLP_NONE)
		buf_printf(&want, "[%s] ", tlp_label(spec->tlp));
	buf_puts(&want, spec->subject);
	expect_same("subject does not decode back", d.data, d.len, want.data,
	    want.len);

	buf_reset(&v);
	buf_reset(&d);
	header_value(m, "From", &v);
	if (spec->from_name[0] != '\0') {
		lt = strrchr(buf_str(&v), '<');
		if (lt == NULL || lt == v.data || lt[-1] != ' ')
			fail("From without \" <addr>\"");
		if (v.data[0] == '"') {
			for (const char *q = v.data + 1; q < lt - 2; q++) {
				if (*q == '\\')
					q++;
				buf_putc(&d, *q);
			}
		} else {
			decode_value(&d, v.data, (size_t)(lt - 1 - v.data));
		}
		expect_same("display name does not decode back", d.data,
		    d.len, spec->from_name, strlen(spec->from_name));
	}
	buf_fini(&v);
	buf_fini(&d);
	buf_fini(&want);
}

/* The careless-caller path: any bytes, still one safe header value. */
static void
check_encode_words(const char *text)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "Subject: ");
	mail_encode_header_words(&b, text);
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];

		if (c == '\r' && i + 2 < b.len && b.data[i + 1] == '\n' &&
		    b.data[i + 2] == ' ') {
			i += 2;
			continue;
		}
		if (c < 0x20 || c > 0x7e)
			fail("mail_encode_header_words let a raw byte through");
	}
	buf_fini(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fields[] = {
		"from", "to", "reply_to", "subject", "list_id", "message_id",
		"body", "date", "tlp",
	};
	const uint8_t *p, *end, *cut;
	char *parts[3] = { NULL, NULL, NULL };
	struct mail_spec spec;
	struct tld_error err;
	struct buf out;
	uint8_t flags;
	bool qp;
	int rc;

	if (size == 0)
		return 0;
	flags = data[0];
	p = data + 1;
	end = data + size;
	for (int i = 0; i < 3; i++) {
		cut = i < 2 ? memchr(p, 0xff, (size_t)(end - p)) : NULL;
		if (cut == NULL)
			cut = end;
		parts[i] = part(p, (size_t)(cut - p));
		p = cut < end ? cut + 1 : end;
	}

	memset(&spec, 0, sizeof(spec));
	spec.subject = parts[0];
	spec.from_name = parts[1];
	spec.body = parts[2];
	spec.from_addr = "ops@tld-ops.example.org";
	spec.to_addr = "members@tld-ops.example.org";
	spec.to_name = flags & 0x20 ? "Members of .\xd1\x80\xd1\x84" : NULL;
	spec.reply_to = flags & 0x10 ? "secretariat@tld-ops.example.org" :
	    NULL;
	spec.list_id = flags & 0x08 ? "tld-ops.example.org" : NULL;
	spec.message_id = "<fuzz.1@tld-ops.example.org>";
	spec.date = 1795755250;
	spec.tlp = (enum tlp)(flags % 8 < 6 ? flags % 8 : 0);

	check_encode_words(parts[0]);

	buf_init(&out);
	buf_puts(&out, SENTINEL);
	tld_error_clear(&err);
	rc = mail_compose(&spec, &out, &err);
	if (rc != 0) {
		size_t k;

		if (rc != TLD_EINVAL || err.code != rc)
			fail("bad failure code");
		for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			if (strcmp(err.field, fields[k]) == 0)
				break;
		if (k == sizeof(fields) / sizeof(fields[0]))
			fail("failure names an unknown field");
		if (out.len != strlen(SENTINEL) ||
		    strcmp(buf_str(&out), SENTINEL) != 0)
			fail("output written on failure");
	} else {
		const char *m = buf_str(&out) + strlen(SENTINEL);

		if (strncmp(buf_str(&out), SENTINEL, strlen(SENTINEL)) != 0)
			fail("output before the message changed");
		check_shape(m, out.len - strlen(SENTINEL),
		    spec.reply_to != NULL, spec.list_id != NULL, &qp);
		check_decoded(m, &spec);
		check_body(m, qp, &spec);
	}
	buf_fini(&out);
	for (int i = 0; i < 3; i++)
		free(parts[i]);
	return 0;
}
