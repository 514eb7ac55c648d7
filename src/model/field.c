/* SPDX-License-Identifier: MIT */
/*
 * The small fields of a contact: free text (name, organisation, role),
 * preferred languages and an OpenPGP fingerprint.  Text is shown to other
 * members and put into mail, so beyond well-formed UTF-8 and no control
 * characters it also refuses the invisible Unicode characters that reorder
 * or break a line on display (bidirectional overrides, line separators),
 * which could make one name look like another.
 */
#include "model/field.h"

#include <string.h>

#include "util/utf8.h"

#define LANGUAGES_INPUT_MAX 256
#define PGP_INPUT_MAX 256
#define SHOW_MAX 32 /* bytes of an entry quoted in an error message */

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

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/*
 * True when valid UTF-8 p[0..len) holds U+2028 or U+2029 (line and
 * paragraph separators), U+202A..U+202E (bidirectional embeddings and
 * overrides) or U+2066..U+2069 (bidirectional isolates).  They are format
 * characters rather than controls, so utf8_has_control() lets them pass.
 */
static bool
has_format_trick(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i + 2 < len; i++) {
		if (p[i] != 0xe2)
			continue;
		if (p[i + 1] == 0x80 && p[i + 2] >= 0xa8 && p[i + 2] <= 0xae)
			return true;
		if (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)
			return true;
	}
	return false;
}

int
text_field_validate(const char *field, const char *p, size_t len,
    size_t maxbytes, bool required, struct tld_error *err)
{
	trim(&p, &len);
	if (len == 0) {
		if (required)
			return tld_error_set(err, TLD_EINVAL, field,
			    "is required");
		return 0;
	}
	if (len > maxbytes)
		return tld_error_set(err, TLD_EINVAL, field,
		    "is longer than %zu bytes", maxbytes);
	if (!utf8_valid(p, len))
		return tld_error_set(err, TLD_EINVAL, field,
		    "is not valid UTF-8");
	if (utf8_has_control(p, len))
		return tld_error_set(err, TLD_EINVAL, field,
		    "contains a control character (such as a line break)");
	if (has_format_trick(p, len))
		return tld_error_set(err, TLD_EINVAL, field,
		    "contains an invisible line separator or bidirectional "
		    "override character");
	return 0;
}

int
person_name_validate(const char *p, size_t len, struct tld_error *err)
{
	return text_field_validate("name", p, len, NAME_MAX_BYTES, true, err);
}

/* True when the code s[0..n) is one of the ","-joined codes in list. */
static bool
list_has(const char *list, size_t listlen, const char *s, size_t n)
{
	size_t start = 0;

	while (start < listlen) {
		const char *comma = memchr(list + start, ',', listlen - start);
		size_t ln = comma != NULL ? (size_t)(comma - (list + start)) :
		    listlen - start;

		if (ln == n && memcmp(list + start, s, n) == 0)
			return true;
		start += ln + 1;
	}
	return false;
}

int
languages_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err)
{
	char res[LANGUAGES_MAX + 1];
	char shown[SHOW_MAX + 4];
	size_t rlen = 0, start = 0, i;

	trim(&p, &len);
	if (len > LANGUAGES_INPUT_MAX)
		return tld_error_set(err, TLD_EINVAL, "languages",
		    "is longer than %d bytes", LANGUAGES_INPUT_MAX);
	if (!utf8_valid(p, len))
		return tld_error_set(err, TLD_EINVAL, "languages",
		    "is not valid UTF-8");
	if (utf8_has_control(p, len))
		return tld_error_set(err, TLD_EINVAL, "languages",
		    "contains a control character");

	while (len > 0 && start <= len) {
		const char *item = p + start;
		const char *comma = memchr(item, ',', len - start);
		size_t n = comma != NULL ? (size_t)(comma - item) : len - start;
		char code[3];

		start += n + 1;
		trim(&item, &n);
		if (n == 0)
			return tld_error_set(err, TLD_EINVAL, "languages",
			    "has an empty entry between commas");
		for (i = 0; i < n && is_alpha(item[i]); i++)
			;
		if (i < n || n < 2 || n > 3) {
			utf8_show(shown, sizeof(shown), item, n);
			return tld_error_set(err, TLD_EINVAL, "languages",
			    "\"%s\" is not a language code: use two or three "
			    "letters (ISO 639)", shown);
		}
		for (i = 0; i < n; i++)
			code[i] = ascii_lower(item[i]);
		if (list_has(res, rlen, code, n))
			continue;
		if (rlen + (rlen > 0) + n > LANGUAGES_MAX)
			return tld_error_set(err, TLD_EINVAL, "languages",
			    "lists too many languages (at most %d characters)",
			    LANGUAGES_MAX);
		if (rlen > 0)
			res[rlen++] = ',';
		memcpy(res + rlen, code, n);
		rlen += n;
	}
	if (out == NULL || outlen < rlen + 1)
		return tld_error_set(err, TLD_ELIMIT, "languages",
		    "the result does not fit the output buffer");
	memcpy(out, res, rlen);
	out[rlen] = '\0';
	return 0;
}

int
pgp_fingerprint_normalize(const char *p, size_t len, char *out,
    size_t outlen, struct tld_error *err)
{
	char res[PGP_FPR_MAX + 1];
	size_t n = 0, i;

	trim(&p, &len);
	if (len > PGP_INPUT_MAX)
		return tld_error_set(err, TLD_EINVAL, "pgp_fingerprint",
		    "is longer than %d bytes", PGP_INPUT_MAX);
	if (len == 0) {
		if (out == NULL || outlen < 1)
			return tld_error_set(err, TLD_ELIMIT,
			    "pgp_fingerprint",
			    "the result does not fit the output buffer");
		out[0] = '\0';
		return 0;
	}
	if (len >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		len -= 2;
	}
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == ' ')
			continue;
		if (c >= 'a' && c <= 'f')
			c = (char)(c - 'a' + 'A');
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
			if (c > ' ' && c < 0x7f)
				return tld_error_set(err, TLD_EINVAL,
				    "pgp_fingerprint", "contains '%c', which "
				    "is not a hex digit", c);
			return tld_error_set(err, TLD_EINVAL,
			    "pgp_fingerprint", "contains a character that is "
			    "not a hex digit");
		}
		if (n < PGP_FPR_MAX)
			res[n] = c;
		n++;
	}
	if (n != 40 && n != 64)
		return tld_error_set(err, TLD_EINVAL, "pgp_fingerprint",
		    "has %zu hex digits: a fingerprint has 40 (v4) or 64 "
		    "(v5, v6)", n);
	if (out == NULL || outlen < n + 1)
		return tld_error_set(err, TLD_ELIMIT, "pgp_fingerprint",
		    "the result does not fit the output buffer");
	memcpy(out, res, n);
	out[n] = '\0';
	return 0;
}
