/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/doc_sniff, the content check of uploaded
 * documents (PDF, ZIP central directories of DOCX/ODT, UTF-8 text).  The
 * first byte picks the file name given as a hint; the rest is the file.
 * An accepted file must have the shape of its format and agree with a
 * known extension; a refusal is TLD_EINVAL naming "file" with the output
 * untouched; the same input always gets the same answer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/doc_sniff.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define UNTOUCHED ((enum doc_format)77)

static const struct {
	const char *name;
	int format; /* the format the name demands, -1 for none */
} names[] = {
	{ NULL, -1 }, { "playbook.pdf", DOC_FORMAT_PDF },
	{ "playbook.docx", DOC_FORMAT_DOCX }, { "playbook.odt", DOC_FORMAT_ODT },
	{ "playbook.md", DOC_FORMAT_MARKDOWN }, { "notes.txt", DOC_FORMAT_TEXT },
	{ "setup.exe", -1 }, { "dir.pdf/README", -1 },
};

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_doc_sniff: %s\n", what);
	abort();
}

static int
sniff(const char *p, size_t len, const char *name, enum doc_format *f,
    struct tld_error *err)
{
	int rc;

	*f = UNTOUCHED;
	tld_error_clear(err);
	rc = doc_sniff(p, len, name, f, err);
	if (rc != 0) {
		if (rc != TLD_EINVAL || err->code != rc ||
		    strcmp(err->field, "file") != 0 || err->message[0] == '\0')
			fail("bad failure");
		if (*f != UNTOUCHED)
			fail("output written on failure");
	}
	return rc;
}

static void
check_shape(const char *p, size_t len, enum doc_format f, int want)
{
	switch (f) {
	case DOC_FORMAT_PDF:
		if (len < 8 || memcmp(p, "%PDF-", 5) != 0)
			fail("PDF without its header");
		break;
	case DOC_FORMAT_DOCX:
	case DOC_FORMAT_ODT:
		if (len < 4 || memcmp(p, "PK\x03\x04", 4) != 0)
			fail("archive without its magic");
		break;
	case DOC_FORMAT_MARKDOWN:
		if (want != DOC_FORMAT_MARKDOWN)
			fail("Markdown without a .md name");
		/* fall through */
	case DOC_FORMAT_TEXT:
		if (memchr(p, '\0', len) != NULL || !utf8_valid(p, len))
			fail("text with NUL or invalid UTF-8");
		break;
	default:
		fail("unknown format");
	}
	if (want >= 0 && (int)f != want)
		fail("format contradicts the name");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + (size > 0 ? 1 : 0);
	size_t len = size > 0 ? size - 1 : 0;
	size_t pick = size > 0 ? data[0] % (sizeof(names) / sizeof(names[0])) : 0;
	enum doc_format f, again, bare;
	struct tld_error err;
	int rc, rc2;

	rc = sniff(p, len, names[pick].name, &f, &err);
	if (rc == 0)
		check_shape(p, len, f, names[pick].format);
	rc2 = sniff(p, len, names[pick].name, &again, &err);
	if (rc2 != rc || (rc == 0 && again != f))
		fail("not deterministic");
	/* Without a name only Markdown becomes text; the rest is the same. */
	rc2 = sniff(p, len, NULL, &bare, &err);
	if (rc == 0 && (rc2 != 0 || (bare != f && !(f == DOC_FORMAT_MARKDOWN &&
	    bare == DOC_FORMAT_TEXT))))
		fail("a name changed what the content is");
	return 0;
}
