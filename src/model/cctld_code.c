/* SPDX-License-Identifier: MIT */
/*
 * ccTLD codes as users type them ("NL", ".nl.", "рф", "XN--P1AI") turned
 * into the one form the store keys on: the lower-case A-label.  ASCII codes
 * must have two letters; an IDN ccTLD goes through libidn2 (IDNA2008 with
 * UTS #46 mapping, so "РФ" and "рф" agree), and an "xn--" label must decode
 * to a U-label that encodes back to the very same label, which refuses bad
 * Punycode and labels IDNA2008 disallows.  Syntax only: which ccTLDs exist
 * is the store's business.
 */
#include "model/cctld_code.h"

#include <stdbool.h>
#include <string.h>

#include <idn2.h>

#include "util/utf8.h"

#define FIELD "cctld"
#define CCTLD_INPUT_MAX 256 /* bytes as typed */
#define SHOW_MAX 80         /* bytes of the input quoted in a message */
#define IDN_FLAGS (IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL)

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_lower_alpha(char c)
{
	return c >= 'a' && c <= 'z';
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/*
 * Check the lower-case ASCII label (NUL-terminated, at most CCTLD_CODE_MAX
 * bytes): two letters, or an "xn--" A-label that round-trips.  shown is the
 * input as typed, for messages.
 */
static int
check_ascii(const char *label, const char *shown, struct tld_error *err)
{
	size_t n = strlen(label), i;
	char *u = NULL, *a = NULL;
	int rc;

	if (n < 4 || memcmp(label, "xn--", 4) != 0) {
		if (n == 2 && is_lower_alpha(label[0]) &&
		    is_lower_alpha(label[1]))
			return 0;
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" is not a country-code TLD: ASCII ccTLDs have two "
		    "letters", shown);
	}

	for (i = 0; i < n; i++)
		if (!is_lower_alpha(label[i]) && !(label[i] >= '0' &&
		    label[i] <= '9') && label[i] != '-')
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" is not a valid A-label: it may hold only "
			    "letters, digits and hyphens", shown);
	if (label[n - 1] == '-')
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" is not a valid A-label: it ends with a hyphen",
		    shown);

	rc = idn2_to_unicode_8z8z(label, &u, 0);
	if (rc == IDN2_OK)
		rc = idn2_to_ascii_8z(u, &a, IDN_FLAGS);
	if (rc != IDN2_OK) {
		idn2_free(u);
		idn2_free(a);
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" is not a valid A-label: %s", shown,
		    idn2_strerror(rc));
	}
	rc = strcmp(a, label);
	idn2_free(u);
	idn2_free(a);
	if (rc != 0)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" is not a valid A-label: it is not the encoding of "
		    "its own U-label", shown);
	return 0;
}

int
cctld_code_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err)
{
	char label[CCTLD_CODE_MAX + 1];
	char shown[SHOW_MAX + 4];
	bool ascii = true;
	size_t i, n;

	while (len > 0 && is_blank(p[0])) {
		p++;
		len--;
	}
	while (len > 0 && is_blank(p[len - 1]))
		len--;
	if (len > CCTLD_INPUT_MAX)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "is longer than %d bytes", CCTLD_INPUT_MAX);
	if (len > 0 && p[0] == '.') {
		p++;
		len--;
	}
	if (len > 0 && p[len - 1] == '.')
		len--;
	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, FIELD, "is empty");
	if (!utf8_valid(p, len))
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "is not valid UTF-8");
	if (utf8_has_control(p, len))
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "contains a control character");
	utf8_show(shown, sizeof(shown), p, len);
	if (memchr(p, '.', len) != NULL)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" is not a TLD: it has more than one label", shown);

	for (i = 0; i < len; i++)
		if ((unsigned char)p[i] >= 0x80)
			ascii = false;
	if (ascii) {
		if (len > CCTLD_CODE_MAX)
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" is longer than %d bytes", shown,
			    CCTLD_CODE_MAX);
		for (i = 0; i < len; i++)
			label[i] = ascii_lower(p[i]);
		label[len] = '\0';
	} else {
		char in[CCTLD_INPUT_MAX + 1];
		char *a = NULL;
		int rc;

		memcpy(in, p, len);
		in[len] = '\0';
		rc = idn2_to_ascii_8z(in, &a, IDN_FLAGS);
		if (rc != IDN2_OK)
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" is not a valid IDN ccTLD: %s", shown,
			    idn2_strerror(rc));
		n = strlen(a);
		/* UTS #46 maps "．" to "." and "ＮＬ" to "nl". */
		if (memchr(a, '.', n) != NULL || n == 0 ||
		    n > CCTLD_CODE_MAX) {
			idn2_free(a);
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%s\" is not a TLD: it is not a single label of "
			    "1 to %d bytes", shown, CCTLD_CODE_MAX);
		}
		for (i = 0; i < n; i++)
			label[i] = ascii_lower(a[i]);
		label[n] = '\0';
		idn2_free(a);
	}
	if (check_ascii(label, shown, err) != 0)
		return TLD_EINVAL;

	n = strlen(label);
	if (out == NULL || outlen < n + 1)
		return tld_error_set(err, TLD_ELIMIT, FIELD,
		    "the result does not fit the output buffer");
	memcpy(out, label, n + 1);
	return 0;
}

int
cctld_code_to_unicode(const char *alabel, char *out, size_t outlen,
    struct tld_error *err)
{
	char norm[CCTLD_CODE_MAX + 1];
	char *u = NULL;
	size_t n;
	int rc;

	if (alabel == NULL)
		return tld_error_set(err, TLD_EINVAL, FIELD, "is empty");
	/* Normalising again both validates and accepts ".NL"-style input. */
	rc = cctld_code_normalize(alabel, strnlen(alabel, CCTLD_INPUT_MAX + 1),
	    norm, sizeof(norm), err);
	if (rc != 0)
		return rc;
	if (strncmp(norm, "xn--", 4) != 0) {
		n = strlen(norm);
		if (out == NULL || outlen < n + 1)
			return tld_error_set(err, TLD_ELIMIT, FIELD,
			    "the result does not fit the output buffer");
		memcpy(out, norm, n + 1);
		return 0;
	}
	rc = idn2_to_unicode_8z8z(norm, &u, 0);
	if (rc != IDN2_OK)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%s\" is not a valid A-label: %s", norm,
		    idn2_strerror(rc));
	n = strlen(u);
	if (out == NULL || outlen < n + 1) {
		idn2_free(u);
		return tld_error_set(err, TLD_ELIMIT, FIELD,
		    "the result does not fit the output buffer");
	}
	memcpy(out, u, n + 1);
	idn2_free(u);
	return 0;
}
