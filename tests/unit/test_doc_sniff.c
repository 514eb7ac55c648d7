/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/doc_sniff: the content check of documents.  PDFs, DOCX
 * and ODT archives (built here, entry by entry), Markdown and text are
 * accepted; other bytes, damaged archives and names that contradict the
 * content are refused naming the field "file", leaving the output alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/doc_sniff.h"
#include "util/buf.h"

static const char PDF[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

struct entry {
	const char *name;
	const char *data;
	uint16_t method; /* 0 stored, 8 deflated (the bytes are not checked) */
};

static void
le16(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(v & 0xff));
	buf_putc(b, (char)(v >> 8 & 0xff));
}

static void
le32(struct buf *b, uint32_t v)
{
	le16(b, v & 0xffff);
	le16(b, v >> 16);
}

/* A ZIP archive of entries (CRCs left 0: the check does not read them). */
static void
zip(struct buf *b, const struct entry *e, size_t n)
{
	uint32_t offsets[16], cd, size;

	buf_init(b);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(e[i].data);

		offsets[i] = (uint32_t)b->len;
		le32(b, 0x04034b50);
		le16(b, 20);
		le16(b, 0);
		le16(b, e[i].method);
		le32(b, 0);
		le32(b, 0);
		le32(b, (uint32_t)len);
		le32(b, (uint32_t)len);
		le16(b, (unsigned)strlen(e[i].name));
		le16(b, 0);
		buf_puts(b, e[i].name);
		buf_append(b, e[i].data, len);
	}
	cd = (uint32_t)b->len;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(e[i].data);

		le32(b, 0x02014b50);
		le16(b, 20);
		le16(b, 20);
		le16(b, 0);
		le16(b, e[i].method);
		le32(b, 0);
		le32(b, 0);
		le32(b, (uint32_t)len);
		le32(b, (uint32_t)len);
		le16(b, (unsigned)strlen(e[i].name));
		le16(b, 0);
		le16(b, 0);
		le16(b, 0);
		le16(b, 0);
		le32(b, 0);
		le32(b, offsets[i]);
		buf_puts(b, e[i].name);
	}
	size = (uint32_t)b->len - cd;
	le32(b, 0x06054b50);
	le16(b, 0);
	le16(b, 0);
	le16(b, (unsigned)n);
	le16(b, (unsigned)n);
	le32(b, size);
	le32(b, cd);
	le16(b, 0);
}

static const struct entry DOCX[] = {
	{ "[Content_Types].xml", "<Types/>", 8 },
	{ "_rels/.rels", "<Relationships/>", 8 },
	{ "word/document.xml", "<w:document/>", 8 },
};
static const struct entry ODT[] = {
	{ "mimetype", "application/vnd.oasis.opendocument.text", 0 },
	{ "content.xml", "<office:document-content/>", 8 },
	{ "META-INF/manifest.xml", "<manifest/>", 8 },
};

static void
check_ok(const char *p, size_t len, const char *name, enum doc_format want)
{
	enum doc_format f = (enum doc_format)99;
	struct tld_error err;

	tld_error_clear(&err);
	if (doc_sniff(p, len, name, &f, &err) != 0)
		fail_msg("refused (%s): %s", name ? name : "no name", err.message);
	assert_int_equal(f, want);
}

/* Refused naming "file"; the message, which the caller may check. */
static const char *
check_bad(const char *p, size_t len, const char *name)
{
	static struct tld_error err;
	enum doc_format f = (enum doc_format)99;

	tld_error_clear(&err);
	assert_int_equal(doc_sniff(p, len, name, &f, &err), TLD_EINVAL);
	assert_int_equal(err.code, TLD_EINVAL);
	assert_string_equal(err.field, "file");
	assert_int_equal(f, 99);
	return err.message;
}

static void
accepts_pdf(void **state)
{
	char buf[4000];

	(void)state;
	check_ok(PDF, strlen(PDF), "playbook.pdf", DOC_FORMAT_PDF);
	check_ok(PDF, strlen(PDF), NULL, DOC_FORMAT_PDF);
	check_ok(PDF, strlen(PDF), "PLAYBOOK.PDF", DOC_FORMAT_PDF);
	/* "%%EOF" in the last KiB, even with trailing bytes after it. */
	memset(buf, ' ', sizeof(buf));
	memcpy(buf, "%PDF-1.7\n", 9);
	memcpy(buf + sizeof(buf) - 900, "%%EOF", 5);
	check_ok(buf, sizeof(buf), "x.pdf", DOC_FORMAT_PDF);
	/* ... but not earlier than that: a truncated file. */
	memset(buf + sizeof(buf) - 900, ' ', 5);
	memcpy(buf + 100, "%%EOF", 5);
	assert_non_null(strstr(check_bad(buf, sizeof(buf), "x.pdf"), "truncated"));
	/* Only len bytes are read. */
	assert_non_null(strstr(check_bad(PDF, strlen(PDF) - 4, NULL),
	    "truncated"));
	assert_non_null(strstr(check_bad("%PDF-x.4\n%%EOF", 14, NULL),
	    "no version"));
	check_bad("%PDF-", 5, NULL);
}

static void
accepts_docx_and_odt(void **state)
{
	struct buf b;

	(void)state;
	zip(&b, DOCX, 3);
	check_ok(b.data, b.len, "dr.docx", DOC_FORMAT_DOCX);
	check_ok(b.data, b.len, NULL, DOC_FORMAT_DOCX);
	assert_non_null(strstr(check_bad(b.data, b.len, "dr.odt"),
	    "is named .odt but its content is a DOCX document"));
	/* Cut anywhere, it is no longer a well-formed archive. */
	for (size_t cut = 4; cut < b.len; cut += 7)
		check_bad(b.data, cut, NULL);
	buf_fini(&b);

	zip(&b, ODT, 3);
	check_ok(b.data, b.len, "dr.odt", DOC_FORMAT_ODT);
	check_ok(b.data, b.len, NULL, DOC_FORMAT_ODT);
	assert_non_null(strstr(check_bad(b.data, b.len, "dr.pdf"),
	    "is named .pdf"));
	buf_fini(&b);
}

static void
refuses_other_archives(void **state)
{
	static const struct entry xlsx[] = {
		{ "[Content_Types].xml", "<Types/>", 8 },
		{ "xl/workbook.xml", "<workbook/>", 8 },
	};
	static const struct entry ods[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0 },
		{ "content.xml", "<x/>", 8 },
	};
	static const struct entry odt_deflated[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 8 },
		{ "content.xml", "<x/>", 8 },
	};
	static const struct entry plain[] = {
		{ "setup.exe", "MZ", 8 }, { "readme.txt", "hello", 0 },
	};
	struct buf b;

	(void)state;
	zip(&b, xlsx, 2);
	assert_non_null(strstr(check_bad(b.data, b.len, NULL),
	    "not a Word document"));
	buf_fini(&b);
	zip(&b, ods, 2);
	assert_non_null(strstr(check_bad(b.data, b.len, "x.odt"),
	    "not a text document (application/vnd.oasis.opendocument.spreadsheet)"));
	buf_fini(&b);
	zip(&b, odt_deflated, 2);
	assert_non_null(strstr(check_bad(b.data, b.len, NULL), "compressed"));
	buf_fini(&b);
	zip(&b, plain, 2);
	assert_non_null(strstr(check_bad(b.data, b.len, "x.docx"),
	    "not a DOCX or ODT"));
	buf_fini(&b);
}

static void
refuses_damaged_archives(void **state)
{
	struct buf b;
	char *p;
	size_t eocd;

	(void)state;
	zip(&b, DOCX, 3);
	p = b.data;
	eocd = b.len - 22;
	/* Central directory past the end. */
	p[eocd + 16] = (char)0xf0;
	assert_non_null(strstr(check_bad(p, b.len, NULL), "damaged"));
	p[eocd + 16] = 0;
	/* ZIP64 markers. */
	memset(p + eocd + 16, 0xff, 4);
	assert_non_null(strstr(check_bad(p, b.len, NULL), "ZIP64"));
	buf_fini(&b);

	zip(&b, DOCX, 3);
	p = b.data;
	eocd = b.len - 22;
	/* More entries announced than the directory holds. */
	p[eocd + 8] = p[eocd + 10] = 9;
	assert_non_null(strstr(check_bad(p, b.len, NULL), "damaged"));
	/* Multi-part. */
	p[eocd + 8] = 3;
	p[eocd + 10] = 3;
	p[eocd + 4] = 1;
	assert_non_null(strstr(check_bad(p, b.len, NULL), "multi-part"));
	p[eocd + 4] = 0;
	/* A central entry whose name runs past the directory. */
	p[b.len - 22 - 17 - 46 + 28] = 0x7f;
	assert_non_null(strstr(check_bad(p, b.len, NULL), "damaged"));
	buf_fini(&b);

	/* Just the magic. */
	check_bad("PK\x03\x04", 4, NULL);
}

static void
accepts_text_and_markdown(void **state)
{
	static const char md[] = "# Playbook\n\n- step | one\n";
	static const char ru[] = "Плейбук: смягчение DDoS\n";

	(void)state;
	check_ok(md, strlen(md), "ddos.md", DOC_FORMAT_MARKDOWN);
	check_ok(md, strlen(md), "ddos.MARKDOWN", DOC_FORMAT_MARKDOWN);
	check_ok(md, strlen(md), "ddos.txt", DOC_FORMAT_TEXT);
	check_ok(md, strlen(md), "ddos", DOC_FORMAT_TEXT);
	check_ok(md, strlen(md), NULL, DOC_FORMAT_TEXT);
	check_ok(md, strlen(md), "dir.md/ddos", DOC_FORMAT_TEXT);
	check_ok(ru, strlen(ru), "ru.md", DOC_FORMAT_MARKDOWN);
	check_ok("\xef\xbb\xbfhello\r\n", 10, "bom.txt", DOC_FORMAT_TEXT);
	assert_string_equal(check_bad(md, strlen(md), "ddos.pdf"),
	    "is named .pdf but its content is text");
	check_bad(md, strlen(md), "ddos.docx");
}

static void
refuses_binary_and_non_utf8(void **state)
{
	static const char exe[] = "MZ\x90\0\3\0\0\0\4\0\0\0\xff\xff";
	static const char elf[] = "\x7f" "ELF\2\1\1\0";

	(void)state;
	assert_string_equal(check_bad(exe, sizeof(exe) - 1, "playbook.pdf"),
	    "is not a PDF, DOCX, ODT, Markdown or plain-text document "
	    "(it starts with 4d 5a 90 00)");
	check_bad(elf, sizeof(elf) - 1, NULL);
	check_bad("text\0more", 9, "x.txt");
	assert_string_equal(check_bad("\0", 1, NULL),
	    "is not a PDF, DOCX, ODT, Markdown or plain-text document "
	    "(it starts with 00)");
	assert_non_null(strstr(check_bad("caf\xe9 cr\xe8me\n", 11, "x.md"),
	    "UTF-8"));
	assert_string_equal(check_bad("", 0, "x.md"), "is empty");
	/* A text file whose NUL lies past len is fine. */
	check_ok("ok\0", 2, "x.txt", DOC_FORMAT_TEXT);
}

static void
names_formats(void **state)
{
	enum doc_format f;

	(void)state;
	for (int i = 0; i < DOC_FORMATS; i++) {
		assert_int_equal(doc_format_parse(doc_format_name(
		    (enum doc_format)i), &f), 0);
		assert_int_equal(f, i);
	}
	assert_int_equal(doc_format_parse("exe", &f), -1);
	assert_string_equal(doc_format_content_type(DOC_FORMAT_PDF),
	    "application/pdf");
	assert_string_equal(doc_format_content_type(DOC_FORMAT_ODT),
	    "application/vnd.oasis.opendocument.text");
	assert_string_equal(doc_format_content_type(DOC_FORMAT_DOCX),
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	assert_string_equal(doc_format_content_type(DOC_FORMAT_MARKDOWN),
	    "text/markdown; charset=utf-8");
	assert_string_equal(doc_format_extension(DOC_FORMAT_TEXT), "txt");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_pdf),
		cmocka_unit_test(accepts_docx_and_odt),
		cmocka_unit_test(refuses_other_archives),
		cmocka_unit_test(refuses_damaged_archives),
		cmocka_unit_test(accepts_text_and_markdown),
		cmocka_unit_test(refuses_binary_and_non_utf8),
		cmocka_unit_test(names_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
