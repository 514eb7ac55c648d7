/* SPDX-License-Identifier: MIT */
/* The role guard rails: a table of non-security roles, matched by word. */
#include "model/role.h"

#include <stdbool.h>
#include <string.h>

/*
 * Sales, marketing, customer-facing and press roles, in English and in the
 * languages the community writes them in most (Spanish, French, German,
 * Portuguese).  Extend it here; tests/unit/test_role.c says what must and
 * must not match.
 */
const char *const role_non_security[] = {
	"sales", "marketing", "business development", "commercial",
	"account manager", "account executive", "key account",
	"communications", "public relations", "pr", "press", "media relations",
	"customer success", "customer service", "customer care",
	"customer experience", "client services", "partner manager",
	"partnerships", "channel manager", "reseller", "registrar relations",
	"sponsorship", "fundraising",
	"ventas", "comercial", "ventes", "vertrieb", "vendas",
	NULL,
};

static bool
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

/* True when phrase (lower case) occurs in s as whole words, ignoring case. */
static bool
has_phrase(const char *s, const char *phrase)
{
	size_t n = strlen(phrase);

	for (const char *p = s; *p != '\0'; p++) {
		size_t i;

		if (p > s && is_word_char(p[-1]))
			continue;
		for (i = 0; i < n && p[i] != '\0' && lower(p[i]) == phrase[i]; i++)
			;
		if (i == n && !is_word_char(p[n]))
			return true;
	}
	return false;
}

enum role_flag
role_check(const char *role)
{
	const char *p = role;

	if (p == NULL)
		return ROLE_FLAG_MISSING;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '\0')
		return ROLE_FLAG_MISSING;
	for (size_t i = 0; role_non_security[i] != NULL; i++)
		if (has_phrase(role, role_non_security[i]))
			return ROLE_FLAG_NOT_SECURITY;
	return ROLE_FLAG_NONE;
}

const char *
role_flag_text(enum role_flag f)
{
	switch (f) {
	case ROLE_FLAG_MISSING:
		return "no role or title given: is this a security or operations "
		    "contact?";
	case ROLE_FLAG_NOT_SECURITY:
		return "role or title is not security or operations";
	case ROLE_FLAG_NONE:
		break;
	}
	return NULL;
}
