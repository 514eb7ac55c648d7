/* SPDX-License-Identifier: MIT */
/*
 * Email addresses of contacts.  An address is checked byte by byte against
 * the RFC 5321 Mailbox grammar (dot-atom or quoted-string local part, a
 * domain of LDH labels), IDN domains are turned into A-labels with libidn2,
 * and nothing that could break a mail header (CR, LF, other controls) or an
 * error message (invalid UTF-8) gets through.  Role addresses (security@,
 * noc-24x7@) are recognised so that a contact can be asked for a person's
 * own address.
 */
#include "model/email.h"

#include <string.h>

#include <idn2.h>

#include "util/utf8.h"

#define FIELD "email"
#define LOCAL_MAX 64
#define DOMAIN_MAX 253
#define LABEL_MAX 63
#define SHOW_MAX 80 /* bytes of the input quoted in an error message */
#define IDN_FLAGS (IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL)
#define NON_ASCII_LOCAL \
	"local part must be ASCII: internationalised addresses are not " \
	"supported"

/*
 * Lower-case local parts that name a function rather than a person.  The
 * longer form of a word is listed on its own ("administrator" is not
 * "admin" followed by a separator).
 */
static const char *const role_names[] = {
	"abuse", "admin", "administrator", "billing", "cert", "cirt",
	"compliance", "contact", "csirt", "dns", "do-not-reply", "domains",
	"donotreply", "enquiries", "help", "helpdesk", "hostmaster",
	"incident", "incidents", "info", "inquiries", "legal", "mail",
	"mailer-daemon", "marketing", "noc", "no-reply", "noreply", "office",
	"operations", "ops", "postmaster", "privacy", "registrar", "registry",
	"root", "sales", "secretariat", "security", "servicedesk", "soc",
	"support", "sysadmin", "team", "tech", "technical", "webmaster",
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(const char **p, size_t *len)
{
	while (*len > 0 && is_blank((*p)[0])) {
		(*p)++;
		(*len)--;
	}
	while (*len > 0 && is_blank((*p)[*len - 1]))
		(*len)--;
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 5322 atext. */
static bool
is_atext(char c)
{
	return is_alpha(c) || is_digit(c) || (c != '\0' &&
	    strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/*
 * Find the local part of p[0..len) (valid UTF-8, no controls) and check it.
 * On success *local_len is its length, p[*local_len] is '@' and no other
 * '@' follows.
 */
static int
parse_local(const char *p, size_t len, const char *shown, size_t *local_len,
    struct tld_error *err)
{
	const char *at;
	size_t n, i;

	if (p[0] == '"') {
		for (i = 1; i < len && p[i] != '"'; i++) {
			if ((unsigned char)p[i] >= 0x80)
				return tld_error_set(err, TLD_EINVAL, FIELD,
				    NON_ASCII_LOCAL);
			if (p[i] == '\\')
				i++;
		}
		if (i >= len)
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" has an unterminated quoted local part",
			    shown);
		n = i + 1;
		if (memchr(p + n, '@', len - n) == NULL)
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" has no @", shown);
		if (p[n] != '@')
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" has text between the quoted local part "
			    "and the @", shown);
	} else {
		at = memchr(p, '@', len);
		if (at == NULL)
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" has no @", shown);
		n = (size_t)(at - p);
	}
	if (memchr(p + n + 1, '@', len - n - 1) != NULL)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" has more than one @", shown);
	if (n == 0)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" has nothing before the @", shown);
	if (n + 1 == len)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" has nothing after the @", shown);
	if (n > LOCAL_MAX)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "local part is longer than %d bytes", LOCAL_MAX);

	if (p[0] == '"') {
		/*
		 * The scan above saw only qtextSMTP and quoted-pairs (RFC 5321
		 * 4.1.2): controls were refused before, non-ASCII in it.
		 */
		if (n == 2)
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "local part is an empty quoted string");
	} else {
		for (i = 0; i < n; i++) {
			char c = p[i];

			if ((unsigned char)c >= 0x80)
				return tld_error_set(err, TLD_EINVAL, FIELD,
				    NON_ASCII_LOCAL);
			if (c == ' ')
				return tld_error_set(err, TLD_EINVAL, FIELD,
				    "\"%s\" contains a space", shown);
			if (c == '.') {
				if (i == 0 || i == n - 1)
					return tld_error_set(err, TLD_EINVAL,
					    FIELD, "local part starts or ends "
					    "with a dot");
				if (p[i - 1] == '.')
					return tld_error_set(err, TLD_EINVAL,
					    FIELD, "local part has two dots in "
					    "a row");
				continue;
			}
			if (!is_atext(c))
				return tld_error_set(err, TLD_EINVAL, FIELD,
				    "local part contains '%c'", c);
		}
	}
	*local_len = n;
	return 0;
}

/*
 * True when the lower-case "xn--" label s[0..n) is a valid A-label: it
 * decodes to a U-label that encodes back to exactly the same label.
 */
static bool
alabel_valid(const char *s, size_t n)
{
	char label[LABEL_MAX + 1];
	char *u = NULL, *a = NULL;
	bool ok;

	if (n > LABEL_MAX)
		return false;
	memcpy(label, s, n);
	label[n] = '\0';
	ok = idn2_to_unicode_8z8z(label, &u, 0) == IDN2_OK &&
	    idn2_to_ascii_8z(u, &a, IDN_FLAGS) == IDN2_OK &&
	    strcmp(a, label) == 0;
	idn2_free(u);
	idn2_free(a);
	return ok;
}

/*
 * Check the lower-case ASCII domain d[0..n); NULL when it is a valid host
 * name, else the reason.
 */
static const char *
ascii_domain_problem(const char *d, size_t n)
{
	size_t start = 0, labels = 0, i;
	bool numeric = true;

	if (n > DOMAIN_MAX)
		return "it is longer than 253 bytes";
	while (start <= n) {
		const char *label = d + start;
		const char *dot = memchr(label, '.', n - start);
		size_t ln = dot != NULL ? (size_t)(dot - label) : n - start;

		if (ln == 0)
			return "it has an empty label";
		if (ln > LABEL_MAX)
			return "a label is longer than 63 bytes";
		numeric = true;
		for (i = 0; i < ln; i++) {
			if (!is_digit(label[i]))
				numeric = false;
			if (!is_alpha(label[i]) && !is_digit(label[i]) &&
			    label[i] != '-')
				return "a label contains a character other "
				    "than letters, digits and hyphens";
		}
		if (label[0] == '-' || label[ln - 1] == '-')
			return "a label starts or ends with a hyphen";
		if (ln >= 4 && memcmp(label, "xn--", 4) == 0 &&
		    !alabel_valid(label, ln))
			return "a label starting with xn-- is not a valid "
			    "A-label";
		labels++;
		start += ln + 1;
	}
	if (labels < 2)
		return "it needs at least two labels";
	if (numeric)
		return "the top-level label is all digits";
	return NULL;
}

/*
 * Normalise the domain d[0..n) (valid UTF-8, no controls) into dom (at
 * least EMAIL_MAX + 1 bytes); on failure *why is the reason.
 */
static bool
domain_normalize(const char *d, size_t n, char *dom, const char **why)
{
	bool ascii = true;
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)d[i] >= 0x80)
			ascii = false;
	if (n == 0) {
		*why = "it is empty";
		return false;
	}
	if (ascii) {
		for (i = 0; i < n; i++)
			dom[i] = ascii_lower(d[i]);
		dom[n] = '\0';
	} else {
		char in[EMAIL_MAX + 1];
		char *a = NULL;
		int rc;

		memcpy(in, d, n);
		in[n] = '\0';
		rc = idn2_to_ascii_8z(in, &a, IDN_FLAGS);
		if (rc != IDN2_OK) {
			*why = idn2_strerror(rc);
			return false;
		}
		n = strlen(a);
		if (n > DOMAIN_MAX) {
			idn2_free(a);
			*why = "it is longer than 253 bytes as an A-label";
			return false;
		}
		/* Checked again as ASCII: TR46 lets '_' and the like in. */
		for (i = 0; i < n; i++)
			dom[i] = ascii_lower(a[i]);
		dom[n] = '\0';
		idn2_free(a);
	}
	*why = ascii_domain_problem(dom, n);
	return *why == NULL;
}

/*
 * Copy the local part to out in its canonical form: "jan.jansen" and
 * jan.jansen are the same mailbox (RFC 5321 4.1.2), so a quoted local part
 * whose content is a valid dot-atom loses its quotes; otherwise it is kept
 * as typed.  Returns the length written (never more than n).
 */
static size_t
canonical_local(const char *p, size_t n, char *out)
{
	size_t i, k = 0;

	if (p[0] == '"') {
		for (i = 1; i + 1 < n; i++) {
			if (p[i] == '\\')
				i++;
			out[k++] = p[i];
		}
		if (k > 0 && out[0] != '.' && out[k - 1] != '.') {
			for (i = 0; i < k; i++) {
				if (!is_atext(out[i]) && !(out[i] == '.' &&
				    out[i + 1] != '.'))
					break;
			}
			if (i == k)
				return k;
		}
	}
	memcpy(out, p, n);
	return n;
}

int
email_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err)
{
	char shown[SHOW_MAX + 4];
	char dom[EMAIL_MAX + 1];
	const char *why;
	size_t local_len = 0, dom_len;

	trim(&p, &len);
	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, FIELD, "is empty");
	if (len > EMAIL_MAX)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "is longer than %d bytes", EMAIL_MAX);
	if (!utf8_valid(p, len))
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "is not valid UTF-8");
	if (utf8_has_control(p, len))
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "contains a control character (such as a line break)");
	/* The address as a message quotes it, only once there is one. */
	if (parse_local(p, len, "", &local_len, NULL) != 0) {
		utf8_show(shown, sizeof(shown), p, len);
		(void)parse_local(p, len, shown, &local_len, err);
		return TLD_EINVAL;
	}
	if (!domain_normalize(p + local_len + 1, len - local_len - 1, dom,
	    &why)) {
		char dshown[SHOW_MAX + 4];

		utf8_show(dshown, sizeof(dshown), p + local_len + 1,
		    len - local_len - 1);
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "domain \"%s\" is not a valid domain name: %s", dshown,
		    why);
	}
	dom_len = strlen(dom);
	if (local_len + 1 + dom_len > EMAIL_MAX)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "is longer than %d bytes with the domain as an A-label",
		    EMAIL_MAX);
	if (out == NULL || outlen < local_len + 1 + dom_len + 1)
		return tld_error_set(err, TLD_ELIMIT, FIELD,
		    "the result does not fit the output buffer");
	local_len = canonical_local(p, local_len, out);
	out[local_len] = '@';
	memcpy(out + local_len + 1, dom, dom_len + 1);
	return 0;
}

bool
email_is_role_address(const char *email)
{
	char local[LOCAL_MAX + 1];
	const char *at;
	size_t n, i;

	if (email == NULL)
		return false;
	at = strrchr(email, '@');
	if (at == NULL)
		return false;
	n = (size_t)(at - email);
	/* A quoted "security"@ is still security@. */
	if (n >= 2 && email[0] == '"' && email[n - 1] == '"') {
		email++;
		n -= 2;
	}
	if (n == 0 || n > LOCAL_MAX)
		return false;
	for (i = 0; i < n; i++)
		local[i] = ascii_lower(email[i]);
	local[n] = '\0';

	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
		size_t rn;

		/* The first letter first: called for every line of an import. */
		if (local[0] != role_names[i][0])
			continue;
		rn = strlen(role_names[i]);
		if (n < rn || memcmp(local, role_names[i], rn) != 0)
			continue;
		if (n == rn || strchr("-_.+", local[rn]) != NULL)
			return true;
	}
	return false;
}
