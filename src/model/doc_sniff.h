/* SPDX-License-Identifier: MIT */
/*
 * The content check of a document: what the bytes are, by their magic and
 * structure, never by the file's name alone.  Accepted: PDF ("%PDF-1.x"
 * header, "%%EOF" near the end), DOCX and ODT (a ZIP archive whose central
 * directory lists "[Content_Types].xml" and "word/..." parts, or whose
 * first entry is the stored "mimetype" of an OpenDocument text), and
 * Markdown or plain text (valid UTF-8 without NUL).  No I/O.
 */
#ifndef TLD_MODEL_DOC_SNIFF_H
#define TLD_MODEL_DOC_SNIFF_H

#include <stddef.h>

#include "util/error.h"

enum doc_format {
	DOC_FORMAT_PDF,
	DOC_FORMAT_DOCX,
	DOC_FORMAT_ODT,
	DOC_FORMAT_MARKDOWN,
	DOC_FORMAT_TEXT,
};
#define DOC_FORMATS 5

/* Central-directory entries read at most (a DOCX has a few dozen). */
#define DOC_SNIFF_ZIP_MAX_ENTRIES 10000

/*
 * Decide the format of p[0..len) (not NUL-terminated).  name, the file's
 * name (may be NULL), only refines and cross-checks: UTF-8 text named
 * *.md or *.markdown is Markdown, other text is plain text; a name ending
 * in .pdf, .docx, .odt, .md, .markdown or .txt must match the content.
 * On failure TLD_EINVAL naming the field "file" with the reason; *out is
 * written only on success.
 */
int doc_sniff(const char *p, size_t len, const char *name,
    enum doc_format *out, struct tld_error *err);

/* "pdf", "docx", "odt", "markdown", "text". */
const char *doc_format_name(enum doc_format f);
/* The format named by s (as doc_format_name() writes it); -1 when unknown. */
int doc_format_parse(const char *s, enum doc_format *out);
/* The MIME type to serve, e.g. "application/pdf", "text/markdown; charset=utf-8". */
const char *doc_format_content_type(enum doc_format f);
/* The usual file extension without the dot: "pdf", "docx", "odt", "md", "txt". */
const char *doc_format_extension(enum doc_format f);

#endif
