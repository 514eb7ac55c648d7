/* SPDX-License-Identifier: MIT */
/*
 * Composition of one list mail: every input is checked before a byte is
 * written (so an error appends nothing and no control character can reach
 * a header), then the headers are built with RFC 2047 encoded words where
 * text is not plain ASCII, folded to RFC 5322's 78 columns where they can
 * be, and the body goes out as 7bit when it is short-lined ASCII (signed
 * too, unless a line ends in white space or opens with "From ") and as
 * RFC 2045 quoted-printable otherwise.  The whole message is built in a
 * scratch buffer and appended to the caller's in one piece.
 */
#include "mail/message.h"
#include "mail/sign.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/utf8.h"

#define ADDR_MAX 254          /* RFC 5321 4.5.3.1.3 path, without <> */
#define DISPLAY_NAME_MAX 256  /* bytes */
#define SUBJECT_MAX 1000      /* bytes, before the TLP prefix */
#define LIST_ID_MAX 255
#define MESSAGE_ID_MAX 250
#define BODY_MAX (4u * 1024 * 1024)
#define DATE_MAX INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

#define FOLD_AT 78            /* RFC 5322 2.1.1: SHOULD */
#define PLAIN_WORD_MAX 77     /* longer words cannot fold under FOLD_AT */
#define QUOTED_NAME_MAX 64    /* longer ASCII names go out as encoded words */
#define EW_LINE_MAX 76        /* RFC 2047 2: lines holding encoded words */
#define EW_MAX 75             /* RFC 2047 2: one encoded word */
#define EW_OVERHEAD 12        /* "=?UTF-8?B?" and "?=" */
#define QP_LINE_MAX 76        /* RFC 2045 6.7 (5), soft break included */
#define SEVEN_BIT_LINE_MAX 998

#define INJECTION "contains a line break (CR or LF): header injection refused"

static const char hex_digits[] = "0123456789ABCDEF";

static const char *const day_names[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};

static const char *const month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* The names tlp_parse() accepts, the labels and TLP 2.0's one-line meanings. */
static const struct {
	enum tlp tlp;
	const char *name;
	const char *label;
	const char *meaning;
} tlp_table[] = {
	{ TLP_CLEAR, "clear", "TLP:CLEAR",
	    "Recipients can spread this to the world, there is no limit on "
	    "disclosure." },
	{ TLP_GREEN, "green", "TLP:GREEN",
	    "Limited disclosure, recipients can spread this within their "
	    "community." },
	{ TLP_AMBER, "amber", "TLP:AMBER",
	    "Limited disclosure, recipients can only spread this on a "
	    "need-to-know basis within their organization and its clients." },
	{ TLP_AMBER_STRICT, "amber+strict", "TLP:AMBER+STRICT",
	    "Limited disclosure, recipients can only spread this on a "
	    "need-to-know basis within their organization only." },
	{ TLP_RED, "red", "TLP:RED",
	    "For the eyes and ears of individual recipients only, no further "
	    "disclosure." },
};

#define TLP_COUNT (sizeof(tlp_table) / sizeof(tlp_table[0]))

int
tlp_parse(const char *s, enum tlp *out, struct tld_error *err)
{
	if (s == NULL)
		return tld_error_set(err, TLD_EINVAL, "tlp", "is missing");
	for (size_t i = 0; i < TLP_COUNT; i++) {
		if (strcasecmp(s, tlp_table[i].name) == 0) {
			*out = tlp_table[i].tlp;
			return 0;
		}
	}
	return tld_error_set(err, TLD_EINVAL, "tlp",
	    "must be one of clear, green, amber, amber+strict, red");
}

const char *
tlp_label(enum tlp t)
{
	for (size_t i = 0; i < TLP_COUNT; i++)
		if (tlp_table[i].tlp == t)
			return tlp_table[i].label;
	return "";
}

static const char *
tlp_meaning(enum tlp t)
{
	for (size_t i = 0; i < TLP_COUNT; i++)
		if (tlp_table[i].tlp == t)
			return tlp_table[i].meaning;
	return "";
}

static bool
is_empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* RFC 5322 atext. */
static bool
is_atext(unsigned char c)
{
	return is_alnum(c) ||
	    (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static bool
is_printable_ascii(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7e)
			return false;
	return true;
}

/* "=?" in plain text would be read back as the start of an encoded word. */
static bool
has_ew_start(const char *p, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (p[i] == '=' && p[i + 1] == '?')
			return true;
	return false;
}

/* The column where the next byte appended to b lands. */
static size_t
current_column(const struct buf *b)
{
	size_t i = b->len;

	while (i > 0 && b->data[i - 1] != '\n')
		i--;
	return b->len - i;
}

/*
 * Check a display name, subject or other human text: valid UTF-8 without
 * control characters and at most max bytes.  what is "" or "display name ".
 */
static int
check_text(const char *s, size_t max, const char *field, const char *what,
    struct tld_error *err)
{
	size_t len = strlen(s);

	if (len > max)
		return tld_error_set(err, TLD_EINVAL, field,
		    "%sis longer than %zu bytes", what, max);
	if (!utf8_valid(s, len))
		return tld_error_set(err, TLD_EINVAL, field,
		    "%sis not valid UTF-8", what);
	if (strpbrk(s, "\r\n") != NULL)
		return tld_error_set(err, TLD_EINVAL, field, "%s" INJECTION,
		    what);
	if (utf8_has_control(s, len))
		return tld_error_set(err, TLD_EINVAL, field,
		    "%scontains a control character", what);
	return 0;
}

/*
 * An addr-spec safe to put in a header and an SMTP command: ASCII, a
 * dot-atom or quoted (space-free) local part, @ and an LDH domain.  Nothing
 * that could end the header, start another address or close the <...>.
 */
static int
check_address(const char *s, const char *field, struct tld_error *err)
{
	size_t len, at, i;

	if (is_empty(s))
		return tld_error_set(err, TLD_EINVAL, field, "is missing");
	len = strlen(s);
	if (len > ADDR_MAX)
		return tld_error_set(err, TLD_EINVAL, field,
		    "address is longer than %d bytes", ADDR_MAX);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r' || c == '\n')
			return tld_error_set(err, TLD_EINVAL, field,
			    "address " INJECTION);
		if (c < 0x20 || c == 0x7f)
			return tld_error_set(err, TLD_EINVAL, field,
			    "address contains a control character");
		if (c >= 0x80)
			return tld_error_set(err, TLD_EINVAL, field,
			    "address must be ASCII (A-label domain, ASCII "
			    "local part)");
		if (c == ' ')
			return tld_error_set(err, TLD_EINVAL, field,
			    "address contains a space");
		if (c == '<' || c == '>')
			return tld_error_set(err, TLD_EINVAL, field,
			    "address contains '%c'", c);
	}
	at = len;
	while (at > 0 && s[at - 1] != '@')
		at--;
	if (at == 0)
		return tld_error_set(err, TLD_EINVAL, field,
		    "address has no @");
	at--;
	if (at == 0 || at + 1 == len)
		return tld_error_set(err, TLD_EINVAL, field,
		    "address needs text before and after the @");
	for (i = at + 1; i < len; i++)
		if (!is_alnum((unsigned char)s[i]) && s[i] != '-' &&
		    s[i] != '.')
			return tld_error_set(err, TLD_EINVAL, field,
			    "domain contains '%c'", s[i]);
	if (s[0] == '"') {
		for (i = 1; i < at - 1; i++) {
			if (s[i] == '"')
				break;
			if (s[i] == '\\')
				i++;
		}
		if (at < 2 || i != at - 1 || s[at - 1] != '"')
			return tld_error_set(err, TLD_EINVAL, field,
			    "local part is not a well-formed quoted string");
	} else {
		for (i = 0; i < at; i++)
			if (!is_atext((unsigned char)s[i]) && s[i] != '.')
				return tld_error_set(err, TLD_EINVAL, field,
				    "local part contains '%c'", s[i]);
	}
	return 0;
}

static int
check_name(const char *s, const char *field, struct tld_error *err)
{
	if (is_empty(s))
		return 0;
	return check_text(s, DISPLAY_NAME_MAX, field, "display name ", err);
}

/* RFC 2919: List-Id: <dot-atom-text>; we add the brackets. */
static int
check_list_id(const char *s, struct tld_error *err)
{
	size_t len;

	if (is_empty(s))
		return 0;
	len = strlen(s);
	if (len > LIST_ID_MAX)
		return tld_error_set(err, TLD_EINVAL, "list_id",
		    "is longer than %d bytes", LIST_ID_MAX);
	if (strpbrk(s, "\r\n") != NULL)
		return tld_error_set(err, TLD_EINVAL, "list_id", INJECTION);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			return tld_error_set(err, TLD_EINVAL, "list_id",
			    "must be printable ASCII");
		if (c == '.' ? i == 0 || i + 1 == len || s[i - 1] == '.' :
		    !is_atext(c))
			return tld_error_set(err, TLD_EINVAL, "list_id",
			    "must be a dot-atom such as "
			    "\"tld-ops.example.org\"");
	}
	return 0;
}

/* "<left@right>", visible ASCII, no other brackets. */
static int
check_message_id(const char *s, struct tld_error *err)
{
	size_t len;

	if (is_empty(s))
		return tld_error_set(err, TLD_EINVAL, "message_id",
		    "is missing");
	len = strlen(s);
	if (len > MESSAGE_ID_MAX)
		return tld_error_set(err, TLD_EINVAL, "message_id",
		    "is longer than %d bytes", MESSAGE_ID_MAX);
	if (strpbrk(s, "\r\n") != NULL)
		return tld_error_set(err, TLD_EINVAL, "message_id", INJECTION);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return tld_error_set(err, TLD_EINVAL, "message_id",
			    "must be visible ASCII without spaces");
	if (len < 5 || s[0] != '<' || s[len - 1] != '>' ||
	    memchr(s + 1, '<', len - 2) != NULL ||
	    memchr(s + 1, '>', len - 2) != NULL)
		return tld_error_set(err, TLD_EINVAL, "message_id",
		    "must look like <unique@domain>");
	{
		const char *at = memchr(s + 1, '@', len - 2);

		if (at == NULL || at == s + 1 || at == s + len - 2)
			return tld_error_set(err, TLD_EINVAL, "message_id",
			    "must look like <unique@domain>");
	}
	return 0;
}

/* Valid UTF-8, CR only before LF, bounded.  (A C string has no NUL.) */
static int
check_body(const char *s, struct tld_error *err)
{
	size_t len;
	const char *cr;

	if (s == NULL)
		return tld_error_set(err, TLD_EINVAL, "body", "is missing");
	len = strlen(s);
	if (len > BODY_MAX)
		return tld_error_set(err, TLD_EINVAL, "body",
		    "is longer than %u bytes", BODY_MAX);
	if (!utf8_valid(s, len))
		return tld_error_set(err, TLD_EINVAL, "body",
		    "is not valid UTF-8");
	for (cr = strchr(s, '\r'); cr != NULL; cr = strchr(cr + 1, '\r'))
		if (cr[1] != '\n')
			return tld_error_set(err, TLD_EINVAL, "body",
			    "contains a CR that does not end a line");
	return 0;
}

/* File names and types go into headers: a small safe alphabet, bounded. */
static int
check_attachments(const struct mail_spec *spec, struct tld_error *err)
{
	size_t total = 0;

	if (spec->nattachments == 0)
		return 0;
	if (spec->attachments == NULL || spec->nattachments > MAIL_ATTACHMENTS_MAX)
		return tld_error_set(err, TLD_EINVAL, "attachment",
		    "at most %d files may be attached", MAIL_ATTACHMENTS_MAX);
	for (size_t i = 0; i < spec->nattachments; i++) {
		const struct mail_attachment *a = &spec->attachments[i];
		size_t n = a->filename != NULL ? strlen(a->filename) : 0;
		const char *slash = a->type != NULL ? strchr(a->type, '/') : NULL;

		if (n == 0 || n > 100 || a->filename[0] == '.' ||
		    strspn(a->filename, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
		    "opqrstuvwxyz0123456789._-") != n)
			return tld_error_set(err, TLD_EINVAL, "attachment",
			    "a file name is 1 to 100 of A-Z a-z 0-9 . _ -");
		if (slash == NULL || slash == a->type || slash[1] == '\0' ||
		    strlen(a->type) > 100 || strspn(a->type, "ABCDEFGHIJKLMNOPQRST"
		    "UVWXYZabcdefghijklmnopqrstuvwxyz0123456789.+-/") !=
		    strlen(a->type) || strchr(slash + 1, '/') != NULL)
			return tld_error_set(err, TLD_EINVAL, "attachment",
			    "\"%s\" is not a MIME type", a->type ? a->type : "");
		if (a->data == NULL && a->len > 0)
			return tld_error_set(err, TLD_EINVAL, "attachment",
			    "%s has no data", a->filename);
		total += a->len;
		if (total > MAIL_ATTACHMENT_BYTES_MAX)
			return tld_error_set(err, TLD_EINVAL, "attachment",
			    "the files are larger than %u bytes together",
			    MAIL_ATTACHMENT_BYTES_MAX);
	}
	return 0;
}

static int
check_spec(const struct mail_spec *spec, struct tld_error *err)
{
	int rc;

	if ((rc = check_address(spec->from_addr, "from", err)) != 0 ||
	    (rc = check_name(spec->from_name, "from", err)) != 0 ||
	    (rc = check_address(spec->to_addr, "to", err)) != 0 ||
	    (rc = check_name(spec->to_name, "to", err)) != 0)
		return rc;
	if (!is_empty(spec->reply_to) &&
	    (rc = check_address(spec->reply_to, "reply_to", err)) != 0)
		return rc;
	if (spec->subject == NULL)
		return tld_error_set(err, TLD_EINVAL, "subject", "is missing");
	if ((rc = check_text(spec->subject, SUBJECT_MAX, "subject", "",
	    err)) != 0)
		return rc;
	if (spec->subject[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "subject", "is empty");
	if ((rc = check_list_id(spec->list_id, err)) != 0 ||
	    (rc = check_message_id(spec->message_id, err)) != 0 ||
	    (rc = check_body(spec->body, err)) != 0)
		return rc;
	if (spec->date < 0 || spec->date > DATE_MAX)
		return tld_error_set(err, TLD_EINVAL, "date",
		    "is outside the years 1970 to 9999");
	if (spec->tlp != TLP_NONE && tlp_label(spec->tlp)[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "tlp",
		    "is not a TLP label");
	return check_attachments(spec, err);
}

/* Bytes of the character starting at p (1 for a stray byte). */
static size_t
char_len(const unsigned char *p, size_t left)
{
	size_t want, n = 1;

	if (p[0] < 0xc0 || p[0] >= 0xf8)
		return 1;
	want = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	while (n < want && n < left && (p[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/*
 * RFC 2047 5 (3): the Q characters allowed even inside a phrase, so one
 * encoder serves display names and subjects.
 */
static bool
q_literal(unsigned char c)
{
	return is_alnum(c) || c == '!' || c == '*' || c == '+' || c == '-' ||
	    c == '/';
}

static size_t
q_cost(const unsigned char *p, size_t n)
{
	size_t cost = 0;

	for (size_t i = 0; i < n; i++)
		cost += q_literal(p[i]) || p[i] == ' ' ? 1 : 3;
	return cost;
}

static size_t
b_cost(size_t n)
{
	return (n + 2) / 3 * 4;
}

static void
put_base64(struct buf *out, const unsigned char *p, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		char q[4];

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[(v >> 18) & 63];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		buf_append(out, q, 4);
	}
}

static void
put_q(struct buf *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (q_literal(p[i])) {
			buf_putc(out, (char)p[i]);
		} else if (p[i] == ' ') {
			buf_putc(out, '_');
		} else {
			char e[3] = { '=', hex_digits[p[i] >> 4],
				hex_digits[p[i] & 15] };

			buf_append(out, e, 3);
		}
	}
}

/*
 * Encoded words, each at most EW_MAX characters and holding whole UTF-8
 * characters, one per line (the CRLF SP between two encoded words is not
 * part of the text, RFC 2047 6.2).  B or Q, whichever is shorter.  With
 * lead_space the first word is preceded by one space of the text: on this
 * line when the word fits there, else as the fold.
 */
static void
put_encoded_words(struct buf *out, const char *text, size_t len,
    bool lead_space)
{
	const unsigned char *p = (const unsigned char *)text;
	bool use_b = b_cost(len) < q_cost(p, len);
	size_t col = current_column(out) + (lead_space ? 1 : 0), i = 0;

	while (i < len) {
		size_t room = col < EW_LINE_MAX ? EW_LINE_MAX - col : 0;
		size_t take = 0, cost = 0, after_space = 0;

		if (room > EW_MAX)
			room = EW_MAX;
		room = room > EW_OVERHEAD ? room - EW_OVERHEAD : 0;
		while (i + take < len) {
			size_t n = char_len(p + i + take, len - i - take);
			size_t c = use_b ? b_cost(take + n) :
			    cost + q_cost(p + i + take, n);

			if (c > room)
				break;
			take += n;
			cost = c;
			if (p[i + take - 1] == ' ')
				after_space = take;
		}
		/*
		 * Another word follows: end this one after a space of the
		 * text if there is one in its second half.  Decoders that
		 * wrongly keep the fold between two words as a space (Python
		 * before gh-128110 in display names) then show a double
		 * space instead of splitting a word.
		 */
		if (i + take < len && after_space > take / 2 &&
		    after_space < take) {
			take = after_space;
			cost = use_b ? b_cost(take) : q_cost(p + i, take);
		}
		if (take == 0) {
			/*
			 * Not one character fits after what is on the line
			 * already; on a fresh line 63 columns always hold one.
			 */
			buf_puts(out, "\r\n ");
			col = 1;
			lead_space = false;
			continue;
		}
		if (lead_space) {
			buf_putc(out, ' ');
			lead_space = false;
		}
		buf_puts(out, use_b ? "=?UTF-8?B?" : "=?UTF-8?Q?");
		if (use_b)
			put_base64(out, p + i, take);
		else
			put_q(out, p + i, take);
		buf_puts(out, "?=");
		i += take;
		if (i < len) {
			buf_puts(out, "\r\n ");
			col = 1;
		} else {
			col += EW_OVERHEAD + cost;
		}
	}
}

/* Printable ASCII that folds at its spaces within FOLD_AT columns. */
static bool
plain_ok(const char *p, size_t len)
{
	size_t word = 0;

	if (!is_printable_ascii(p, len) || has_ew_start(p, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == ' ')
			word = 0;
		else if (++word > PLAIN_WORD_MAX)
			return false;
	}
	return true;
}

/* Fold before a run of spaces that is followed by a word. */
static void
put_folded(struct buf *out, const char *p, size_t len)
{
	size_t col = current_column(out), i = 0;

	while (i < len) {
		size_t spaces = i, j;

		while (spaces < len && p[spaces] == ' ')
			spaces++;
		for (j = spaces; j < len && p[j] != ' '; j++)
			;
		if (spaces > i && j > spaces && col + (j - i) > FOLD_AT) {
			buf_puts(out, "\r\n");
			col = 0;
		}
		buf_append(out, p + i, j - i);
		col += j - i;
		i = j;
	}
}

/*
 * The length of the leading words that can stay plain, up to (not
 * including) the single space before the first word that cannot; 0 when
 * the text does not start with such a word.
 */
static size_t
plain_prefix(const char *p, size_t len)
{
	size_t i = 0, k = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && p[j] != ' ')
			j++;
		if (j == i || j == len || !plain_ok(p + i, j - i))
			break;
		k = j;
		i = j + 1;
	}
	return k;
}

void
mail_encode_header_words(struct buf *out, const char *text)
{
	size_t len = strlen(text), k;

	if (plain_ok(text, len)) {
		put_folded(out, text, len);
		return;
	}
	/* "[TLP:AMBER] =?UTF-8?...": the label stays readable in raw form. */
	k = plain_prefix(text, len);
	if (k > 0) {
		put_folded(out, text, k);
		put_encoded_words(out, text + k + 1, len - k - 1, true);
	} else {
		put_encoded_words(out, text, len, false);
	}
}

/* A display name: atoms as they are, other ASCII quoted, the rest encoded. */
static void
put_display_name(struct buf *out, const char *name)
{
	size_t len = strlen(name), i;
	bool atoms = false, quotable;

	quotable = len <= QUOTED_NAME_MAX && is_printable_ascii(name, len) &&
	    !has_ew_start(name, len);
	for (i = 0; i < len && quotable; i++) {
		if (name[i] == ' ')
			continue;
		if (!is_atext((unsigned char)name[i]))
			break;
		atoms = true;
	}
	if (quotable && atoms && i == len) {
		put_folded(out, name, len);
	} else if (quotable) {
		buf_putc(out, '"');
		for (i = 0; i < len; i++) {
			if (name[i] == '"' || name[i] == '\\')
				buf_putc(out, '\\');
			buf_putc(out, name[i]);
		}
		buf_putc(out, '"');
	} else {
		put_encoded_words(out, name, len, false);
	}
}

static void
put_mailbox_header(struct buf *out, const char *header, const char *name,
    const char *addr)
{
	buf_printf(out, "%s: ", header);
	if (!is_empty(name)) {
		put_display_name(out, name);
		/* EW_LINE_MAX: the line may hold an encoded word. */
		if (current_column(out) + strlen(addr) + 3 > EW_LINE_MAX)
			buf_puts(out, "\r\n");
		buf_printf(out, " <%s>", addr);
	} else {
		buf_puts(out, addr);
	}
	buf_puts(out, "\r\n");
}

static void
put_date_header(struct buf *out, int64_t date)
{
	time_t t = (time_t)date;
	struct tm tm;

	/* check_spec() bounded date, so gmtime_r() cannot fail here. */
	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    day_names[tm.tm_wday % 7], tm.tm_mday, month_names[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The body as the reader sees it: the TLP lines, then the caller's text. */
struct body_lines {
	enum tlp tlp;
	const char *body;
};

/* Call fn on each line of the body, without its end (LF or CRLF). */
static void
each_line(const struct body_lines *b,
    void (*fn)(void *ctx, const char *p, size_t len), void *ctx)
{
	const char *p = b->body, *nl;

	if (b->tlp != TLP_NONE) {
		struct buf first;

		buf_init(&first);
		/* U+2014 EM DASH */
		buf_printf(&first, "%s \xe2\x80\x94 %s", tlp_label(b->tlp),
		    tlp_meaning(b->tlp));
		fn(ctx, first.data, first.len);
		fn(ctx, "", 0);
		buf_fini(&first);
	}
	while (*p != '\0') {
		size_t len;

		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		fn(ctx, p, len);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* Whether the text can go as 7bit (quoted-printable only when needed). */
struct seven_bit {
	bool ok;
	bool signed_part;  /* RFC 3156 3: a signed part must survive as is */
};

static void
check_7bit(void *ctx, const char *p, size_t len)
{
	struct seven_bit *c = ctx;

	if (len > SEVEN_BIT_LINE_MAX)
		c->ok = false;
	for (size_t i = 0; i < len && c->ok; i++)
		if (p[i] != '\t' && ((unsigned char)p[i] < 0x20 ||
		    (unsigned char)p[i] > 0x7e))
			c->ok = false;
	/*
	 * A signed part: trailing white space (which a relay may strip) and a
	 * "From " opening a line (which an mbox alters) would break the
	 * signature, so those go quoted-printable.
	 */
	if (c->signed_part && len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		c->ok = false;
	if (c->signed_part && len >= 5 && memcmp(p, "From ", 5) == 0)
		c->ok = false;
}

static void
put_7bit_line(void *ctx, const char *p, size_t len)
{
	struct buf *out = ctx;

	buf_append(out, p, len);
	buf_puts(out, "\r\n");
}

/*
 * RFC 2045 6.7.  Also encoded: a "." or "From " opening an output line
 * (RFC 2049 3 (8)), so neither SMTP nor an mbox can alter the text.
 */
static void
put_qp_line(void *ctx, const char *s, size_t len)
{
	struct buf *out = ctx;
	const unsigned char *p = (const unsigned char *)s;
	size_t col = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		bool literal = (c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && i + 1 < len);

		if (col + (literal ? 1 : 3) > QP_LINE_MAX - 1) {
			buf_puts(out, "=\r\n");
			col = 0;
		}
		if (col == 0 && (c == '.' || (c == 'F' && len - i >= 5 &&
		    memcmp(p + i, "From ", 5) == 0)))
			literal = false;
		if (literal) {
			buf_putc(out, (char)c);
			col++;
		} else {
			char e[3] = { '=', hex_digits[c >> 4],
				hex_digits[c & 15] };

			buf_append(out, e, 3);
			col += 3;
		}
	}
	buf_puts(out, "\r\n");
}

/*
 * A boundary from the Message-ID ("<hex@domain>"), which is random and
 * unique: neither base64 nor quoted-printable can produce "=_".
 */
static void
make_boundary(char *out, size_t outlen, const char *prefix,
    const char *message_id)
{
	size_t n = (size_t)snprintf(out, outlen, "%s", prefix);

	for (const char *p = message_id; *p != '\0' && n < outlen - 1; p++)
		if (is_alnum((unsigned char)*p))
			out[n++] = *p;
	out[n] = '\0';
}

/* RFC 2046 multipart/mixed: the text part, then each file in base64. */
static void
put_mixed(struct buf *m, const struct buf *text, const struct mail_spec *spec)
{
	char boundary[80];

	make_boundary(boundary, sizeof(boundary), "=_mixed_", spec->message_id);
	buf_printf(m, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n"
	    "\r\nThis is a multi-part message in MIME format.\r\n--%s\r\n",
	    boundary, boundary);
	buf_append(m, text->data, text->len);
	for (size_t i = 0; i < spec->nattachments; i++) {
		const struct mail_attachment *a = &spec->attachments[i];
		const unsigned char *p = (const unsigned char *)a->data;

		buf_printf(m, "--%s\r\nContent-Type: %s; name=\"%s\"\r\n"
		    "Content-Disposition: attachment; filename=\"%s\"\r\n"
		    "Content-Transfer-Encoding: base64\r\n\r\n", boundary,
		    a->type, a->filename, a->filename);
		/* 57 bytes make one 76-character line (RFC 2045 6.8). */
		for (size_t off = 0; off < a->len; off += 57) {
			put_base64(m, p + off, a->len - off < 57 ? a->len - off : 57);
			buf_puts(m, "\r\n");
		}
	}
	buf_printf(m, "--%s--\r\n", boundary);
}

/*
 * RFC 3156: multipart/signed around the text part.  The signature covers
 * the part's bytes up to, not including, the CRLF before the boundary.  The
 * boundary is derived from the Message-ID, which is random and unique.
 */
static int
put_signed(struct buf *m, const struct buf *part, const char *key,
    const char *message_id, struct tld_error *err)
{
	struct buf sig;
	char micalg[32], boundary[80];
	size_t signed_len = part->len;
	size_t n = 0;
	int rc;

	if (signed_len >= 2 && memcmp(part->data + signed_len - 2, "\r\n", 2) == 0)
		signed_len -= 2;
	buf_init(&sig);
	if ((rc = pgp_sign_detached(key, part->data, signed_len, &sig, micalg,
	    sizeof(micalg), err)) != 0) {
		buf_fini(&sig);
		return rc;
	}
	/* Message-IDs are "<hex@domain>": the letters and digits make a boundary. */
	n = (size_t)snprintf(boundary, sizeof(boundary), "=_signed_");
	for (const char *p = message_id; *p != '\0' && n < sizeof(boundary) - 1; p++)
		if (is_alnum((unsigned char)*p))
			boundary[n++] = *p;
	boundary[n] = '\0';
	buf_printf(m, "Content-Type: multipart/signed; micalg=%s;\r\n"
	    " protocol=\"application/pgp-signature\";\r\n"
	    " boundary=\"%s\"\r\n\r\n"
	    "This is an OpenPGP/MIME signed message (RFC 4880 and 3156).\r\n"
	    "--%s\r\n", micalg, boundary, boundary);
	buf_append(m, part->data, signed_len);
	buf_printf(m, "\r\n--%s\r\n"
	    "Content-Type: application/pgp-signature; name=\"signature.asc\"\r\n"
	    "Content-Description: OpenPGP digital signature\r\n"
	    "Content-Disposition: attachment; filename=\"signature.asc\"\r\n"
	    "\r\n", boundary);
	/* The armour has LF line ends: the message has CRLF everywhere. */
	for (size_t i = 0; i < sig.len; i++) {
		if (sig.data[i] == '\n' && (i == 0 || sig.data[i - 1] != '\r'))
			buf_putc(m, '\r');
		buf_putc(m, sig.data[i]);
	}
	if (sig.len > 0 && sig.data[sig.len - 1] != '\n')
		buf_puts(m, "\r\n");
	buf_printf(m, "--%s--\r\n", boundary);
	buf_fini(&sig);
	return 0;
}

int
mail_compose(const struct mail_spec *spec, struct buf *out,
    struct tld_error *err)
{
	struct body_lines lines = { spec->tlp, spec->body };
	struct buf m, part;
	struct seven_bit seven_bit = { true, false };
	int rc;

	if ((rc = check_spec(spec, err)) != 0)
		return rc;
	buf_init(&m);
	put_date_header(&m, spec->date);
	put_mailbox_header(&m, "From", spec->from_name, spec->from_addr);
	put_mailbox_header(&m, "To", spec->to_name, spec->to_addr);
	if (!is_empty(spec->reply_to))
		buf_printf(&m, "Reply-To: %s\r\n", spec->reply_to);

	buf_puts(&m, "Subject: ");
	if (spec->tlp != TLP_NONE) {
		struct buf subject;

		buf_init(&subject);
		buf_printf(&subject, "[%s] %s", tlp_label(spec->tlp),
		    spec->subject);
		mail_encode_header_words(&m, buf_str(&subject));
		buf_fini(&subject);
	} else {
		mail_encode_header_words(&m, spec->subject);
	}
	buf_puts(&m, "\r\n");

	buf_printf(&m, "Message-ID: %s\r\n", spec->message_id);
	if (!is_empty(spec->list_id))
		buf_printf(&m, "List-Id: <%s>\r\nPrecedence: list\r\n",
		    spec->list_id);
	buf_puts(&m, "MIME-Version: 1.0\r\n");
	buf_init(&part);
	buf_puts(&part, "Content-Type: text/plain; charset=UTF-8\r\n");
	/*
	 * 7bit whenever the text is short-lined ASCII, signed or not, so that a
	 * link in it stays one line as written (a quoted-printable soft break
	 * cuts a long link in two for whoever reads the raw file).
	 */
	seven_bit.signed_part = !is_empty(spec->sign_key);
	each_line(&lines, check_7bit, &seven_bit);
	if (seven_bit.ok) {
		buf_puts(&part, "Content-Transfer-Encoding: 7bit\r\n\r\n");
		each_line(&lines, put_7bit_line, &part);
	} else {
		buf_puts(&part, "Content-Transfer-Encoding: quoted-printable\r\n"
		    "\r\n");
		each_line(&lines, put_qp_line, &part);
	}
	if (spec->nattachments > 0) {
		struct buf text = part;

		buf_init(&part);
		put_mixed(&part, &text, spec);
		buf_fini(&text);
	}
	if (!is_empty(spec->sign_key)) {
		rc = put_signed(&m, &part, spec->sign_key, spec->message_id, err);
		if (rc != 0) {
			buf_fini(&part);
			buf_fini(&m);
			return rc;
		}
	} else {
		buf_append(&m, part.data, part.len);
	}
	buf_fini(&part);
	buf_append(out, m.data, m.len);
	buf_fini(&m);
	return 0;
}
