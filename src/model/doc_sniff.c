/* SPDX-License-Identifier: MIT */
/*
 * The content check of an uploaded document.  ZIP-based formats are read
 * through the archive's central directory (located from the end-of-central-
 * directory record), which is authoritative and, unlike the local headers,
 * always carries each entry's sizes; every offset is checked against the
 * buffer before it is read, and the number of entries is capped.
 */
#include "model/doc_sniff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

#define PDF_EOF_WINDOW 1024   /* "%%EOF" must be within this many bytes of the end */
#define ZIP_EOCD_SIZE 22
#define ZIP_LOCAL_SIZE 30
#define ZIP_CENTRAL_SIZE 46
#define ZIP_COMMENT_MAX 65535

static const char ODT_MIMETYPE[] = "application/vnd.oasis.opendocument.text";
static const char ODF_PREFIX[] = "application/vnd.oasis.opendocument.";

static const struct {
	const char *name, *content_type, *extension, *described;
} formats[DOC_FORMATS] = {
	[DOC_FORMAT_PDF] = { "pdf", "application/pdf", "pdf", "a PDF" },
	[DOC_FORMAT_DOCX] = { "docx", "application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document", "docx", "a DOCX document" },
	[DOC_FORMAT_ODT] = { "odt", "application/vnd.oasis.opendocument.text",
	    "odt", "an ODT document" },
	[DOC_FORMAT_MARKDOWN] = { "markdown", "text/markdown; charset=utf-8",
	    "md", "text" },
	[DOC_FORMAT_TEXT] = { "text", "text/plain; charset=utf-8", "txt", "text" },
};

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static bool
has_at(const char *p, size_t len, size_t at, const char *s, size_t n)
{
	return at <= len && n <= len - at && memcmp(p + at, s, n) == 0;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
sniff_pdf(const char *p, size_t len, struct tld_error *err)
{
	size_t from = len > PDF_EOF_WINDOW ? len - PDF_EOF_WINDOW : 0;

	if (len < 8 || !is_digit(p[5]) || p[6] != '.' || !is_digit(p[7]))
		return tld_error_set(err, TLD_EINVAL, "file",
		    "starts like a PDF but has no version (%%PDF-1.x)");
	for (size_t i = from; i + 5 <= len; i++)
		if (memcmp(p + i, "%%EOF", 5) == 0)
			return 0;
	return tld_error_set(err, TLD_EINVAL, "file",
	    "is a truncated or damaged PDF (no %%%%EOF at its end)");
}

static int
zip_damaged(struct tld_error *err, const char *why)
{
	return tld_error_set(err, TLD_EINVAL, "file",
	    "is a damaged ZIP archive (%s)", why);
}

/* The end-of-central-directory record: the last one whose comment fits. */
static bool
zip_find_eocd(const unsigned char *p, size_t len, size_t *at)
{
	size_t i = len - ZIP_EOCD_SIZE;
	size_t stop = i > ZIP_COMMENT_MAX ? i - ZIP_COMMENT_MAX : 0;

	for (;;) {
		if (p[i] == 'P' && p[i + 1] == 'K' && p[i + 2] == 5 &&
		    p[i + 3] == 6 && le16(p + i + 20) <= len - i - ZIP_EOCD_SIZE) {
			*at = i;
			return true;
		}
		if (i == stop)
			return false;
		i--;
	}
}

/* The OpenDocument type named by a stored first entry "mimetype". */
static int
sniff_odf(const unsigned char *p, size_t len, enum doc_format *out,
    struct tld_error *err)
{
	size_t nlen = le16(p + 26), xlen = le16(p + 28);
	size_t data = ZIP_LOCAL_SIZE + nlen + xlen;
	size_t size = le32(p + 18);
	char shown[64];

	if (le16(p + 8) != 0)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is an OpenDocument file whose mimetype entry is "
		    "compressed (it must be stored)");
	if (data > len || size > len - data || size > 200)
		return zip_damaged(err, "mimetype entry out of bounds");
	if (size == sizeof(ODT_MIMETYPE) - 1 &&
	    memcmp(p + data, ODT_MIMETYPE, size) == 0) {
		*out = DOC_FORMAT_ODT;
		return 0;
	}
	utf8_show(shown, sizeof(shown), (const char *)p + data, size);
	if (size > sizeof(ODF_PREFIX) - 1 &&
	    memcmp(p + data, ODF_PREFIX, sizeof(ODF_PREFIX) - 1) == 0)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is an OpenDocument file but not a text document (%s)",
		    shown);
	return tld_error_set(err, TLD_EINVAL, "file",
	    "is a ZIP archive of type \"%s\", not a DOCX or ODT document",
	    shown);
}

static int
sniff_zip(const unsigned char *p, size_t len, enum doc_format *out,
    struct tld_error *err)
{
	bool content_types = false, word = false;
	size_t eocd, q, end, n, cd_off, cd_size;

	if (len < ZIP_LOCAL_SIZE + ZIP_CENTRAL_SIZE + ZIP_EOCD_SIZE)
		return zip_damaged(err, "too short");
	if (!zip_find_eocd(p, len, &eocd))
		return zip_damaged(err, "no end of central directory");
	n = le16(p + eocd + 10);
	cd_size = le32(p + eocd + 12);
	cd_off = le32(p + eocd + 16);
	if (n == 0xffff || cd_size == 0xffffffff || cd_off == 0xffffffff)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is a ZIP64 archive, which no document of this size needs");
	if (le16(p + eocd + 4) != 0 || le16(p + eocd + 6) != 0 ||
	    le16(p + eocd + 8) != n)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is a multi-part ZIP archive");
	if (n == 0)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is an empty ZIP archive");
	if (n > DOC_SNIFF_ZIP_MAX_ENTRIES)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is a ZIP archive of more than %d entries",
		    DOC_SNIFF_ZIP_MAX_ENTRIES);
	if (cd_off < ZIP_LOCAL_SIZE || cd_off > eocd || cd_size > eocd - cd_off)
		return zip_damaged(err, "central directory out of bounds");
	q = cd_off;
	end = cd_off + cd_size;
	for (size_t k = 0; k < n; k++) {
		size_t nlen, xlen, clen;
		const char *name;

		if (end - q < ZIP_CENTRAL_SIZE || le32(p + q) != 0x02014b50)
			return zip_damaged(err, "bad central directory entry");
		nlen = le16(p + q + 28);
		xlen = le16(p + q + 30);
		clen = le16(p + q + 32);
		if (end - q - ZIP_CENTRAL_SIZE < nlen + xlen + clen)
			return zip_damaged(err, "central directory entry out of bounds");
		if (le32(p + q + 42) > cd_off - ZIP_LOCAL_SIZE)
			return zip_damaged(err, "entry outside the archive");
		name = (const char *)p + q + ZIP_CENTRAL_SIZE;
		if (nlen == 19 && memcmp(name, "[Content_Types].xml", 19) == 0)
			content_types = true;
		if (nlen > 5 && memcmp(name, "word/", 5) == 0)
			word = true;
		q += ZIP_CENTRAL_SIZE + nlen + xlen + clen;
	}
	/* OpenDocument: the first entry is "mimetype", stored (ODF 1.2 §3.3). */
	if (le16(p + 26) == 8 && memcmp(p + ZIP_LOCAL_SIZE, "mimetype", 8) == 0)
		return sniff_odf(p, len, out, err);
	if (content_types && word) {
		*out = DOC_FORMAT_DOCX;
		return 0;
	}
	if (content_types)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is an Office Open XML file but not a Word document");
	return tld_error_set(err, TLD_EINVAL, "file",
	    "is a ZIP archive, not a DOCX or ODT document");
}

/* The extension of name in lower case ("" when none or too long). */
static void
extension(const char *name, char *out, size_t outlen)
{
	const char *slash = name ? strrchr(name, '/') : NULL;
	const char *base = slash ? slash + 1 : name;
	const char *dot = base ? strrchr(base, '.') : NULL;
	size_t n = 0;

	if (dot != NULL && dot != base && strlen(dot + 1) < outlen) {
		for (const char *c = dot + 1; *c != '\0'; c++)
			out[n++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
	}
	out[n] = '\0';
}

/* The name must not claim another format than the content's. */
static int
check_name(const char *name, enum doc_format *f, struct tld_error *err)
{
	char ext[16];
	int want = -1;

	extension(name, ext, sizeof(ext));
	if (strcmp(ext, "pdf") == 0)
		want = DOC_FORMAT_PDF;
	else if (strcmp(ext, "docx") == 0)
		want = DOC_FORMAT_DOCX;
	else if (strcmp(ext, "odt") == 0)
		want = DOC_FORMAT_ODT;
	else if (strcmp(ext, "md") == 0 || strcmp(ext, "markdown") == 0)
		want = DOC_FORMAT_MARKDOWN;
	else if (strcmp(ext, "txt") == 0)
		want = DOC_FORMAT_TEXT;
	if (*f == DOC_FORMAT_TEXT && want == DOC_FORMAT_MARKDOWN)
		*f = DOC_FORMAT_MARKDOWN;
	if (want >= 0 && (enum doc_format)want != *f)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is named .%s but its content is %s", ext,
		    formats[*f].described);
	return 0;
}

int
doc_sniff(const char *p, size_t len, const char *name, enum doc_format *out,
    struct tld_error *err)
{
	const unsigned char *u = (const unsigned char *)p;
	enum doc_format f;
	int rc;

	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "file", "is empty");
	if (has_at(p, len, 0, "%PDF-", 5)) {
		if ((rc = sniff_pdf(p, len, err)) < 0)
			return rc;
		f = DOC_FORMAT_PDF;
	} else if (has_at(p, len, 0, "PK\x03\x04", 4)) {
		if ((rc = sniff_zip(u, len, &f, err)) < 0)
			return rc;
	} else if (memchr(p, '\0', len) == NULL && utf8_valid(p, len)) {
		f = DOC_FORMAT_TEXT;
	} else if (memchr(p, '\0', len) == NULL) {
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is neither a PDF, DOCX or ODT document nor UTF-8 text "
		    "(convert text to UTF-8)");
	} else {
		char head[16];

		snprintf(head, sizeof(head), "%02x %02x %02x %02x", u[0],
		    len > 1 ? u[1] : 0, len > 2 ? u[2] : 0, len > 3 ? u[3] : 0);
		return tld_error_set(err, TLD_EINVAL, "file",
		    "is not a PDF, DOCX, ODT, Markdown or plain-text document "
		    "(it starts with %.*s)", len >= 4 ? 11 : (int)(len * 3 - 1),
		    head);
	}
	if ((rc = check_name(name, &f, err)) < 0)
		return rc;
	*out = f;
	return 0;
}

const char *
doc_format_name(enum doc_format f)
{
	return (unsigned)f < DOC_FORMATS ? formats[f].name : "unknown";
}

int
doc_format_parse(const char *s, enum doc_format *out)
{
	for (size_t i = 0; i < DOC_FORMATS; i++) {
		if (strcmp(formats[i].name, s) == 0) {
			*out = (enum doc_format)i;
			return 0;
		}
	}
	return -1;
}

const char *
doc_format_content_type(enum doc_format f)
{
	return (unsigned)f < DOC_FORMATS ? formats[f].content_type :
	    "application/octet-stream";
}

const char *
doc_format_extension(enum doc_format f)
{
	return (unsigned)f < DOC_FORMATS ? formats[f].extension : "bin";
}
