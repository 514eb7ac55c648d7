/* SPDX-License-Identifier: MIT */
/*
 * The committee's documents (playbooks): adding a version after the size
 * limit and the content check, with its SHA-256; reading one with the
 * language fallback and access by visibility and role; listing with the
 * history of versions; removal that keeps every byte.  Each change is one
 * transaction with its audit row.  Rules in docs/collateral.md.
 *
 * The same functions serve the CLI (role DOC_ROLE_COMMITTEE: it holds the
 * database anyway) and the web server (the role of the signed-in user).
 */
#ifndef TLD_SERVICE_DOCUMENTS_H
#define TLD_SERVICE_DOCUMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "model/document.h"
#include "service/context.h"
#include "util/buf.h"

/* What `doc add` was given; strings borrowed, NUL-terminated. */
struct document_input {
	const char *filename;   /* the file's name (a path is cut to its last part), may be NULL */
	const char *title;
	const char *slug;
	const char *lang;
	const char *visibility; /* public, members, committee */
	const char *version;    /* NULL: the next number (1, 2, ...) */
};

/*
 * Add a version of a document: every field is checked (errors name slug,
 * lang, visibility, version, title or file) before anything is written;
 * the bytes data[0..len) must be at most [docs] max_size_mib and pass
 * doc_sniff().  *out is the stored version (without its bytes).
 */
int documents_add(struct tld_ctx *ctx, const struct document_input *in,
    const void *data, size_t len, struct document *out,
    struct tld_error *err);

/* One version with its bytes, as served. */
struct document_file {
	struct document doc;
	void *data;               /* owned: documents_file_fini() */
	size_t len;
	const char *content_type; /* static, e.g. "application/pdf" */
	char download_name[DOC_SLUG_MAX + DOC_VERSION_MAX + 16];
	                          /* "<slug>-<lang>-<version>.<ext>": only [a-z0-9._-] */
	bool fallback;            /* not in the language asked for */
};

/*
 * The document slug for a reader of `role`, in `lang` if there is such a
 * version the reader may see, else in English, else in the first language
 * there is (lang NULL: English first).  With version, that version label;
 * without, the newest version the reader may see.  The bytes are checked
 * against their recorded SHA-256 before they are returned.
 * Errors: TLD_EINVAL (slug, lang, version malformed: HTTP 400),
 * TLD_ENOTFOUND (no such document or version: 404), TLD_EDENIED (it exists
 * but not for this role: 403, or 404 for the public if preferred),
 * TLD_ESTORE.  *out is filled only on success; the caller then calls
 * documents_file_fini().
 */
int documents_get(struct tld_ctx *ctx, const char *slug, const char *lang,
    const char *version, enum doc_role role, struct document_file *out,
    struct tld_error *err);
void documents_file_fini(struct document_file *f);

/*
 * Mark every version of slug (only those in lang when lang is not NULL)
 * removed for reason; the rows and bytes stay.  Returns how many versions.
 */
int documents_remove(struct tld_ctx *ctx, const char *slug, const char *lang,
    const char *reason, struct tld_error *err);

/*
 * The documents a reader of role may see, as a JSON array with one object
 * per slug and language: the current version's fields (slug, lang, title,
 * visibility, version, format, content_type, size, sha256, created, url;
 * for the committee also filename and created_by) and "versions", every
 * version the reader may see, newest first, with the same fields.
 * with_removed (committee only) adds removed ones with removed and
 * removed_reason.  *out is the caller's (json_decref()).
 */
int documents_list(struct tld_ctx *ctx, enum doc_role role, bool with_removed,
    json_t **out, struct tld_error *err);


/*
 * For the repository mail: one line per current public or members
 * document, "  Title (en, fr): <[web] base_url>/docs/<slug>", appended to
 * out.  Returns how many documents were listed (0: none).
 */
int documents_links(struct tld_ctx *ctx, struct buf *out,
    struct tld_error *err);

/* The JSON form of one version (metadata, never the bytes). */
json_t *documents_version_json(const struct document *d);

#endif
