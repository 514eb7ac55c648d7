/* SPDX-License-Identifier: MIT */
/*
 * Telephone numbers of contacts, normalised to E.164 ("+31703456789") so
 * that the same number typed two ways compares equal.  Input is limited to
 * digits, an international prefix ("+" or "00") and the separators people
 * use ("+31 (0)70 345-67.89"); anything else (letters, extensions, a
 * national number without country code) is refused with the reason rather
 * than guessed at.
 */
#include "model/phone.h"

#include <stdbool.h>
#include <string.h>

#define FIELD "phone"
#define PHONE_INPUT_MAX 64 /* bytes as typed, separators included */
#define DIGITS_MIN 8
#define DIGITS_MAX 15

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_separator(char c)
{
	return c == ' ' || c == '.' || c == '-';
}

/* Append digit c to digits[] (DIGITS_MAX + 1 bytes), counting all of them. */
static void
add_digit(char *digits, size_t *count, char c)
{
	if (*count < DIGITS_MAX)
		digits[*count] = c;
	(*count)++;
}

int
phone_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err)
{
	char digits[DIGITS_MAX + 1];
	size_t count = 0, i, j;

	while (len > 0 && is_blank(p[0])) {
		p++;
		len--;
	}
	while (len > 0 && is_blank(p[len - 1]))
		len--;
	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, FIELD, "is empty");
	if (len > PHONE_INPUT_MAX)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "is longer than %d characters", PHONE_INPUT_MAX);

	/*
	 * Check every byte before quoting the input in any message: after
	 * this loop it is printable ASCII.
	 */
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (is_alpha(c))
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "contains letters: only digits, spaces, dots, "
			    "dashes and parentheses are allowed (no "
			    "extensions)");
		if (!is_digit(c) && !is_separator(c) && c != '+' &&
		    c != '(' && c != ')') {
			if (c > ' ' && c < 0x7f)
				return tld_error_set(err, TLD_EINVAL, FIELD,
				    "contains '%c': only digits, spaces, "
				    "dots, dashes and parentheses are allowed",
				    c);
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "contains a character other than digits, spaces, "
			    "dots, dashes and parentheses");
		}
	}

	if (p[0] == '+') {
		i = 1;
	} else if (len >= 2 && p[0] == '0' && p[1] == '0') {
		i = 2;
	} else {
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%.*s\" has no country code: start with + or 00",
		    (int)len, p);
	}

	while (i < len) {
		char c = p[i];

		if (is_digit(c)) {
			add_digit(digits, &count, c);
			i++;
		} else if (is_separator(c)) {
			i++;
		} else if (c == '(') {
			for (j = i + 1; j < len && is_digit(p[j]); j++)
				;
			if (j >= len || p[j] != ')')
				return tld_error_set(err, TLD_EINVAL, FIELD,
				    "\"%.*s\" has unbalanced parentheses",
				    (int)len, p);
			if (j == i + 1)
				return tld_error_set(err, TLD_EINVAL, FIELD,
				    "\"%.*s\" has empty parentheses",
				    (int)len, p);
			/* "+31 (0)70": the trunk prefix is not dialled. */
			if (!(j == i + 2 && p[i + 1] == '0' && count > 0))
				for (i++; i < j; i++)
					add_digit(digits, &count, p[i]);
			i = j + 1;
		} else if (c == ')') {
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%.*s\" has unbalanced parentheses", (int)len, p);
		} else {
			return tld_error_set(err, TLD_EINVAL, FIELD,
			    "\"%.*s\" has a + that is not at the start",
			    (int)len, p);
		}
	}

	if (count == 0)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%.*s\" has no digits", (int)len, p);
	if (digits[0] == '0')
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%.*s\" has no country code: country codes do not "
		    "start with 0", (int)len, p);
	if (count < DIGITS_MIN || count > DIGITS_MAX)
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "\"%.*s\" has %zu digit%s: international numbers have "
		    "%d to %d", (int)len, p, count, count == 1 ? "" : "s",
		    DIGITS_MIN, DIGITS_MAX);
	if (out == NULL || outlen < count + 2)
		return tld_error_set(err, TLD_ELIMIT, FIELD,
		    "the result does not fit the output buffer");
	out[0] = '+';
	memcpy(out + 1, digits, count);
	out[count + 1] = '\0';
	return 0;
}

void
phone_grouping(const char *p, size_t len, char *out, size_t outlen)
{
	size_t i = 0, n = 0, groups = 0, digits = 0;
	bool in_group = false;

	if (outlen < PHONE_GROUPED_MAX + 1) {
		if (outlen > 0)
			out[0] = '\0';
		return;
	}
	while (len > 0 && is_blank(p[0])) {
		p++;
		len--;
	}
	while (len > 0 && is_blank(p[len - 1]))
		len--;
	if (len > 0 && p[0] == '+')
		i = 1;
	else if (len >= 2 && p[0] == '0' && p[1] == '0')
		i = 2;
	out[n++] = '+';
	for (; i < len; i++) {
		char c = p[i];

		if (c == '(' && i + 2 < len && p[i + 1] == '0' &&
		    p[i + 2] == ')' && digits > 0) {
			/* The trunk zero "(0)" is not dialled: skip it. */
			i += 2;
			in_group = false;
			continue;
		}
		if (!is_digit(c)) {
			in_group = false;
			continue;
		}
		if (digits >= DIGITS_MAX)
			break;
		if (!in_group && digits > 0) {
			out[n++] = ' ';
			groups++;
		}
		in_group = true;
		out[n++] = c;
		digits++;
	}
	out[n] = '\0';
	if (groups == 0)
		out[0] = '\0';
}

const char *
phone_display(const char *e164, const char *grouped)
{
	return grouped != NULL && grouped[0] != '\0' ? grouped : e164;
}
