/* SPDX-License-Identifier: MIT */
/*
 * Documents (collateral): versions per slug and language, with their bytes.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_DOCUMENT_STORE_H
#define TLD_STORE_DOCUMENT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/document.h"
#include "store/store.h"
#include "util/error.h"

/*
 * Insert one version of a document with its bytes; sets d->id.  d->seq is
 * the next of its slug and language (store_document_next_seq()).
 * TLD_EEXIST naming "version" when that slug, language and version exist.
 */
int store_document_insert(struct store *s, struct document *d,
    const void *data, size_t len, struct tld_error *err);
/* The seq the next version of slug in lang gets (1 for the first). */
int store_document_next_seq(struct store *s, const char *slug,
    const char *lang, int64_t *seq, struct tld_error *err);
typedef int (*store_document_cb)(void *ctx, const struct document *d);
/*
 * The versions (metadata, not bytes) of slug, or of every document when
 * slug is NULL, by slug, language and newest first; removed ones only
 * with_removed.  A negative cb result stops and is returned.
 */
int store_document_each(struct store *s, const char *slug, bool with_removed,
    store_document_cb cb, void *ctx, struct tld_error *err);
/* The bytes of version id; *data is the caller's (free()). */
int store_document_data(struct store *s, int64_t id, void **data, size_t *len,
    struct tld_error *err);
/*
 * Mark every live version of slug in lang (every language when lang is
 * NULL) removed at `at` for reason; returns how many.
 */
int store_document_remove(struct store *s, const char *slug, const char *lang,
    int64_t at, const char *reason, struct tld_error *err);

#endif
