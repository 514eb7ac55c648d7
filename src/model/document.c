/* SPDX-License-Identifier: MIT */
/*
 * The identity fields of a document and the visibility rule.  Slugs and
 * version labels end up in URLs and in download file names, so they are
 * restricted to characters that need no quoting anywhere.
 */
#include "model/document.h"

#include <string.h>

#include "util/utf8.h"

/* ISO 639-1 without the withdrawn "bh": 183 two-letter codes, sorted. */
static const char iso639_1[] =
    "aaabaeafakamanarasavayazbabebgbibmbnbobrbscacechcocrcscucvcydade"
    "dvdzeeeleneoeseteufafffifjfofrfygagdglgngugvhahehihohrhthuhyhzia"
    "idieigiiikioisitiujajvkakgkikjkkklkmknkokrkskukvkwkylalblglilnlo"
    "ltlulvmgmhmimkmlmnmrmsmtmynanbndnengnlnnnonrnvnyocojomorospapipl"
    "psptqurmrnrorurwsascsdsesgsiskslsmsnsosqsrssstsusvswtatetgthtitk"
    "tltntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu";

static bool
iso639_1_known(char a, char b)
{
	for (size_t i = 0; i + 1 < sizeof(iso639_1) - 1; i += 2)
		if (iso639_1[i] == a && iso639_1[i + 1] == b)
			return true;
	return false;
}

static bool
is_lower_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int
document_slug_validate(const char *p, size_t len, struct tld_error *err)
{
	char shown[40];

	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "slug", "is required");
	if (len > DOC_SLUG_MAX)
		return tld_error_set(err, TLD_EINVAL, "slug",
		    "is longer than %d characters", DOC_SLUG_MAX);
	for (size_t i = 0; i < len; i++) {
		if (!is_lower_digit(p[i]) && p[i] != '-') {
			utf8_show(shown, sizeof(shown), p, len);
			return tld_error_set(err, TLD_EINVAL, "slug",
			    "\"%s\" may hold only a-z, 0-9 and \"-\"", shown);
		}
	}
	if (p[0] == '-' || p[len - 1] == '-')
		return tld_error_set(err, TLD_EINVAL, "slug",
		    "may not start or end with \"-\"");
	return 0;
}

int
document_lang_normalize(const char *p, size_t len, char *out, size_t outlen,
    struct tld_error *err)
{
	char shown[40], a, b;

	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "lang", "is required");
	if (len != 2) {
		utf8_show(shown, sizeof(shown), p, len);
		return tld_error_set(err, TLD_EINVAL, "lang",
		    "\"%s\" is not a language code: use the two letters of "
		    "ISO 639-1 (en, fr, es, ...)", shown);
	}
	a = (char)(p[0] >= 'A' && p[0] <= 'Z' ? p[0] - 'A' + 'a' : p[0]);
	b = (char)(p[1] >= 'A' && p[1] <= 'Z' ? p[1] - 'A' + 'a' : p[1]);
	if (!iso639_1_known(a, b)) {
		utf8_show(shown, sizeof(shown), p, len);
		return tld_error_set(err, TLD_EINVAL, "lang",
		    "\"%s\" is not an ISO 639-1 language code", shown);
	}
	if (out == NULL || outlen < 3)
		return tld_error_set(err, TLD_ELIMIT, "lang",
		    "the result does not fit the output buffer");
	out[0] = a;
	out[1] = b;
	out[2] = '\0';
	return 0;
}

int
document_version_validate(const char *p, size_t len, struct tld_error *err)
{
	char shown[40];

	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "version", "is required");
	if (len > DOC_VERSION_MAX)
		return tld_error_set(err, TLD_EINVAL, "version",
		    "is longer than %d characters", DOC_VERSION_MAX);
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		bool ok = is_lower_digit(c) || (c >= 'A' && c <= 'Z') ||
		    (i > 0 && (c == '.' || c == '_' || c == '-'));

		if (!ok) {
			utf8_show(shown, sizeof(shown), p, len);
			return tld_error_set(err, TLD_EINVAL, "version",
			    "\"%s\" may hold only letters, digits, \".\", "
			    "\"_\" and \"-\", and starts with a letter or digit",
			    shown);
		}
	}
	return 0;
}

static const char *const visibility_names[] = {
	[DOC_VISIBILITY_PUBLIC] = "public",
	[DOC_VISIBILITY_MEMBERS] = "members",
	[DOC_VISIBILITY_COMMITTEE] = "committee",
};

int
document_visibility_parse(const char *p, size_t len, enum doc_visibility *out,
    struct tld_error *err)
{
	char shown[40];

	for (size_t i = 0; i < 3; i++) {
		if (strlen(visibility_names[i]) == len &&
		    memcmp(visibility_names[i], p, len) == 0) {
			*out = (enum doc_visibility)i;
			return 0;
		}
	}
	utf8_show(shown, sizeof(shown), p, len);
	return tld_error_set(err, TLD_EINVAL, "visibility",
	    "\"%s\" is not public, members or committee", shown);
}

const char *
document_visibility_name(enum doc_visibility v)
{
	return (unsigned)v < 3 ? visibility_names[v] : "committee";
}

bool
document_visible_to(enum doc_visibility v, enum doc_role role)
{
	switch (v) {
	case DOC_VISIBILITY_PUBLIC:
		return true;
	case DOC_VISIBILITY_MEMBERS:
		return role == DOC_ROLE_MEMBER || role == DOC_ROLE_COMMITTEE;
	case DOC_VISIBILITY_COMMITTEE:
		return role == DOC_ROLE_COMMITTEE;
	}
	return false; /* an unknown level is nobody's */
}
