/* SPDX-License-Identifier: MIT */
/*
 * Documents: versions, languages, visibility.  A version is chosen among
 * those the reader may see, so a committee draft (a newer version with
 * visibility committee) does not hide the published one from members.
 */
#include "service/collateral/documents.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"
#include "model/text.h"
#include "service/audit.h"
#include "store/document_store.h"
#include "util/clock.h"
#include "util/digest.h"
#include "util/json_util.h"
#include "util/log.h"
#include "util/xalloc.h"

_Static_assert(DOC_SHA256_HEX == DIGEST_SHA256_HEX, "one SHA-256 hex length");

/* The versions of one slug, by language then newest first. */
struct doc_vec {
	struct document *v;
	size_t n, cap;
};

static int
collect(void *p, const struct document *d)
{
	struct doc_vec *vec = p;

	if (vec->n == vec->cap) {
		vec->cap = vec->cap ? vec->cap * 2 : 16;
		vec->v = xreallocarray(vec->v, vec->cap, sizeof(*vec->v));
	}
	vec->v[vec->n++] = *d;
	return 0;
}

json_t *
documents_version_json(const struct document *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "slug", json_string(d->slug));
	json_object_set_new(o, "lang", json_string(d->lang));
	json_object_set_new(o, "version", json_string(d->version));
	json_object_set_new(o, "title", json_string(d->title));
	json_object_set_new(o, "visibility",
	    json_string(document_visibility_name(d->visibility)));
	json_object_set_new(o, "format", json_string(doc_format_name(d->format)));
	json_object_set_new(o, "content_type",
	    json_string(doc_format_content_type(d->format)));
	json_object_set_new(o, "size", json_integer(d->size));
	json_object_set_new(o, "sha256", json_string(d->sha256));
	json_object_set_new(o, "filename", json_string(d->filename));
	json_object_set_new(o, "created", json_time(d->created));
	json_object_set_new(o, "created_by", json_string(d->created_by));
	if (d->removed != 0) {
		json_object_set_new(o, "removed", json_time(d->removed));
		json_object_set_new(o, "removed_reason",
		    json_string(d->removed_reason));
	}
	return o;
}

/* The last part of a path, kept for the history when it is clean text. */
static void
base_name(const char *path, char *out, size_t outlen)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *b = slash ? slash + 1 : path;

	out[0] = '\0';
	if (b == NULL || text_copy("file", b, strlen(b), DOC_FILENAME_MAX, false,
	    out, outlen, NULL) < 0)
		out[0] = '\0';
}

/* The fields of in, checked and copied into d (no bytes, no store). */
static int
check_input(struct tld_ctx *ctx, const struct document_input *in,
    size_t len, struct document *d, struct tld_error *err)
{
	const char *none = "";
	int64_t max = ctx->cfg.doc_max_size_mib * 1024 * 1024;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = document_slug_validate(in->slug ? in->slug : none,
	    in->slug ? strlen(in->slug) : 0, err)) < 0)
		return rc;
	snprintf(d->slug, sizeof(d->slug), "%s", in->slug);
	if ((rc = document_lang_normalize(in->lang ? in->lang : none,
	    in->lang ? strlen(in->lang) : 0, d->lang, sizeof(d->lang), err)) < 0)
		return rc;
	if (in->visibility == NULL)
		return tld_error_set(err, TLD_EINVAL, "visibility", "is required");
	if ((rc = document_visibility_parse(in->visibility,
	    strlen(in->visibility), &d->visibility, err)) < 0)
		return rc;
	if (in->version != NULL) {
		if ((rc = document_version_validate(in->version,
		    strlen(in->version), err)) < 0)
			return rc;
		snprintf(d->version, sizeof(d->version), "%s", in->version);
	}
	if ((rc = text_copy("title", in->title ? in->title : none,
	    in->title ? strlen(in->title) : 0, DOC_TITLE_MAX, true, d->title,
	    sizeof(d->title), err)) < 0)
		return rc;
	if (max > 0 && len > (uint64_t)max)
		return tld_error_set(err, TLD_ELIMIT, "file",
		    "is %zu bytes, more than the limit of %" PRId64 " MiB "
		    "([docs] max_size_mib)", len, ctx->cfg.doc_max_size_mib);
	base_name(in->filename, d->filename, sizeof(d->filename));
	return 0;
}

int
documents_add(struct tld_ctx *ctx, const struct document_input *in,
    const void *data, size_t len, struct document *out, struct tld_error *err)
{
	struct document d;
	json_t *after;
	char id[DOC_SLUG_MAX + DOC_VERSION_MAX + 8];
	int rc;

	if ((rc = check_input(ctx, in, len, &d, err)) < 0)
		return rc;
	/* The name as given: its extension must agree with the content. */
	if ((rc = doc_sniff(data, len, in->filename, &d.format, err)) < 0)
		return rc;
	d.size = (int64_t)len;
	digest_sha256_hex(data, len, d.sha256);
	d.created = clock_now();
	snprintf(d.created_by, sizeof(d.created_by), "%s", ctx->actor);

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_document_next_seq(ctx->store, d.slug, d.lang, &d.seq,
	    err)) < 0)
		goto out;
	if (d.version[0] == '\0')
		snprintf(d.version, sizeof(d.version), "%" PRId64, d.seq);
	if ((rc = store_document_insert(ctx->store, &d, data, len, err)) < 0)
		goto out;
	snprintf(id, sizeof(id), "%s/%s/%s", d.slug, d.lang, d.version);
	after = documents_version_json(&d);
	rc = audit_record(ctx, "document.add", "document", id, NULL, after, err);
	json_decref(after);
out:
	rc = store_end(ctx->store, rc, err);
	if (rc == 0)
		*out = d;
	return rc;
}

/*
 * The version to serve from vec: visible to role, with the version label
 * when given; in lang, else "en", else the first language.  vec is ordered
 * by language then newest first, so the first match of a language is its
 * newest.  -1 when none.
 */
static long
pick(const struct doc_vec *vec, const char *lang, const char *version,
    enum doc_role role)
{
	const char *order[3] = { lang, "en", NULL };

	for (size_t k = 0; k < 3; k++) {
		if (k < 2 && order[k] == NULL)
			continue;
		for (size_t i = 0; i < vec->n; i++) {
			const struct document *d = &vec->v[i];

			if (!document_visible_to(d->visibility, role))
				continue;
			if (version != NULL && strcmp(d->version, version) != 0)
				continue;
			if (order[k] == NULL || strcmp(d->lang, order[k]) == 0)
				return (long)i;
		}
	}
	return -1;
}

static const char *
role_name(enum doc_role role)
{
	switch (role) {
	case DOC_ROLE_PUBLIC: return "the public";
	case DOC_ROLE_MEMBER: return "members";
	case DOC_ROLE_COMMITTEE: return "the committee";
	}
	return "this reader";
}

int
documents_get(struct tld_ctx *ctx, const char *slug, const char *lang,
    const char *version, enum doc_role role, struct document_file *out,
    struct tld_error *err)
{
	struct doc_vec vec = { NULL, 0, 0 };
	struct document *d;
	char want[DOC_LANG_LEN + 1] = "", hex[DOC_SHA256_HEX + 1];
	void *data = NULL;
	size_t len = 0;
	long i;
	int rc;

	if ((rc = document_slug_validate(slug, strlen(slug), err)) < 0)
		return rc;
	if (lang != NULL && (rc = document_lang_normalize(lang, strlen(lang),
	    want, sizeof(want), err)) < 0)
		return rc;
	if (version != NULL && (rc = document_version_validate(version,
	    strlen(version), err)) < 0)
		return rc;
	if ((rc = store_document_each(ctx->store, slug, false, collect, &vec,
	    err)) < 0)
		goto out;
	if (vec.n == 0) {
		rc = tld_error_set(err, TLD_ENOTFOUND, "slug",
		    "there is no document \"%s\"", slug);
		goto out;
	}
	if ((i = pick(&vec, lang ? want : NULL, version, role)) < 0) {
		if (pick(&vec, lang ? want : NULL, version, DOC_ROLE_COMMITTEE) >= 0)
			rc = tld_error_set(err, TLD_EDENIED, "slug",
			    "\"%s\"%s%s is not for %s", slug,
			    version ? " version " : "", version ? version : "",
			    role_name(role));
		else
			rc = tld_error_set(err, TLD_ENOTFOUND, "version",
			    "\"%s\" has no version \"%s\"", slug,
			    version ? version : "");
		goto out;
	}
	d = &vec.v[i];
	if ((rc = store_document_data(ctx->store, d->id, &data, &len, err)) < 0)
		goto out;
	digest_sha256_hex(data, len, hex);
	if ((int64_t)len != d->size || strcmp(hex, d->sha256) != 0) {
		log_errorx("service", "document %s/%s/%s: stored bytes do not "
		    "match their SHA-256", d->slug, d->lang, d->version);
		rc = tld_error_set(err, TLD_ESTORE, "",
		    "the stored bytes of %s (%s) version %s do not match their "
		    "SHA-256", d->slug, d->lang, d->version);
		goto out;
	}
	memset(out, 0, sizeof(*out));
	out->doc = *d;
	out->data = data;
	out->len = len;
	out->content_type = doc_format_content_type(d->format);
	snprintf(out->download_name, sizeof(out->download_name), "%s-%s-%s.%s",
	    d->slug, d->lang, d->version, doc_format_extension(d->format));
	out->fallback = lang != NULL && strcmp(d->lang, want) != 0;
	data = NULL;
	rc = 0;
out:
	free(data);
	free(vec.v);
	return rc;
}

void
documents_file_fini(struct document_file *f)
{
	if (f == NULL)
		return;
	free(f->data);
	f->data = NULL;
	f->len = 0;
}

int
documents_remove(struct tld_ctx *ctx, const char *slug, const char *lang,
    const char *reason, struct tld_error *err)
{
	struct doc_vec vec = { NULL, 0, 0 };
	char want[DOC_LANG_LEN + 1] = "", why[DOC_REASON_MAX + 1];
	char id[DOC_SLUG_MAX + 8];
	json_t *before = NULL, *after;
	int rc, n = 0;

	if ((rc = document_slug_validate(slug, strlen(slug), err)) < 0)
		return rc;
	if (lang != NULL && (rc = document_lang_normalize(lang, strlen(lang),
	    want, sizeof(want), err)) < 0)
		return rc;
	if ((rc = text_copy("reason", reason, strlen(reason), DOC_REASON_MAX,
	    true, why, sizeof(why), err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_document_each(ctx->store, slug, false, collect, &vec,
	    err)) < 0)
		goto out;
	before = json_array();
	for (size_t i = 0; i < vec.n; i++)
		if (lang == NULL || strcmp(vec.v[i].lang, want) == 0)
			json_array_append_new(before,
			    documents_version_json(&vec.v[i]));
	if (json_array_size(before) == 0) {
		rc = lang ? tld_error_set(err, TLD_ENOTFOUND, "lang",
		    "\"%s\" has no version in %s", slug, want) :
		    tld_error_set(err, TLD_ENOTFOUND, "slug",
		    "there is no document \"%s\"", slug);
		goto out;
	}
	if ((n = rc = store_document_remove(ctx->store, slug, lang ? want : NULL,
	    clock_now(), why, err)) < 0)
		goto out;
	if (lang != NULL)
		snprintf(id, sizeof(id), "%s/%s", slug, want);
	else
		snprintf(id, sizeof(id), "%s", slug);
	after = json_pack("{s:s, s:i}", "reason", why, "versions", n);
	rc = audit_record(ctx, "document.remove", "document", id, before, after,
	    err);
	json_decref(after);
out:
	json_decref(before);
	free(vec.v);
	rc = store_end(ctx->store, rc < 0 ? rc : 0, err);
	return rc < 0 ? rc : n;
}

/* ---- listing ------------------------------------------------------------ */

/*
 * Walk every version visible to role, grouped by slug and language (the
 * store's order), calling group() once per group with its versions.
 */
typedef int (*group_cb)(void *ctx, const struct document *v, size_t n);

static int
each_group(struct tld_ctx *ctx, enum doc_role role, bool with_removed,
    group_cb group, void *gctx, struct tld_error *err)
{
	struct doc_vec all = { NULL, 0, 0 }, vis = { NULL, 0, 0 };
	size_t start = 0;
	int rc;

	if (role != DOC_ROLE_COMMITTEE)
		with_removed = false;
	if ((rc = store_document_each(ctx->store, NULL, with_removed, collect,
	    &all, err)) < 0)
		goto out;
	for (size_t i = 0; i < all.n; i++)
		if (document_visible_to(all.v[i].visibility, role))
			collect(&vis, &all.v[i]);
	for (size_t i = 1; i <= vis.n && rc >= 0; i++) {
		if (i < vis.n && strcmp(vis.v[i].slug, vis.v[start].slug) == 0 &&
		    strcmp(vis.v[i].lang, vis.v[start].lang) == 0)
			continue;
		rc = group(gctx, vis.v + start, i - start);
		start = i;
	}
out:
	free(all.v);
	free(vis.v);
	return rc < 0 ? rc : 0;
}

/* The current version of a group: its newest live one, else its newest. */
static const struct document *
current_of(const struct document *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].removed == 0)
			return &v[i];
	return &v[0];
}

struct list_ctx {
	json_t *array;
	enum doc_role role;
};

/*
 * One version for a listing.  Who added it and under which file name is
 * the committee's business: other readers get neither.
 */
static json_t *
listed_json(const struct document *d, enum doc_role role)
{
	json_t *o = documents_version_json(d);

	if (role != DOC_ROLE_COMMITTEE) {
		json_object_del(o, "created_by");
		json_object_del(o, "filename");
	}
	return o;
}

static int
list_group(void *p, const struct document *v, size_t n)
{
	struct list_ctx *lc = p;
	json_t *o, *versions = json_array();
	const struct document *cur = current_of(v, n);
	char url[DOC_SLUG_MAX + 32];

	o = listed_json(cur, lc->role);
	snprintf(url, sizeof(url), "/docs/%s?lang=%s", cur->slug, cur->lang);
	json_object_set_new(o, "url", json_string(url));
	for (size_t i = 0; i < n; i++)
		json_array_append_new(versions, listed_json(&v[i], lc->role));
	json_object_set_new(o, "versions", versions);
	json_array_append_new(lc->array, o);
	return 0;
}

int
documents_list(struct tld_ctx *ctx, enum doc_role role, bool with_removed,
    json_t **out, struct tld_error *err)
{
	struct list_ctx lc = { json_array(), role };
	int rc = each_group(ctx, role, with_removed, list_group, &lc, err);

	if (rc < 0) {
		json_decref(lc.array);
		return rc;
	}
	*out = lc.array;
	return 0;
}

/* ---- the repository mail's links ----------------------------------------- */

struct links_ctx {
	struct buf *out;
	const char *base;
	size_t base_len;
	char slug[DOC_SLUG_MAX + 1];
	char title[DOC_TITLE_MAX + 1];
	bool title_en;
	char langs[64];
	int count;
};

static void
links_flush(struct links_ctx *lc)
{
	if (lc->slug[0] == '\0')
		return;
	buf_printf(lc->out, "  %s (%s): %.*s/docs/%s\n", lc->title, lc->langs,
	    (int)lc->base_len, lc->base, lc->slug);
	lc->count++;
	lc->slug[0] = '\0';
}

static int
links_group(void *p, const struct document *v, size_t n)
{
	struct links_ctx *lc = p;
	const struct document *cur = current_of(v, n);
	size_t used;

	if (strcmp(lc->slug, cur->slug) != 0) {
		links_flush(lc);
		snprintf(lc->slug, sizeof(lc->slug), "%s", cur->slug);
		lc->title[0] = '\0';
		lc->title_en = false;
		lc->langs[0] = '\0';
	}
	/* The English title names the document; else the first language's. */
	if (lc->title[0] == '\0' || (!lc->title_en && strcmp(cur->lang, "en") == 0)) {
		snprintf(lc->title, sizeof(lc->title), "%s", cur->title);
		lc->title_en = strcmp(cur->lang, "en") == 0;
	}
	used = strlen(lc->langs);
	if (used + 5 < sizeof(lc->langs))
		snprintf(lc->langs + used, sizeof(lc->langs) - used, "%s%s",
		    used ? ", " : "", cur->lang);
	return 0;
}

int
documents_links(struct tld_ctx *ctx, struct buf *out, struct tld_error *err)
{
	struct links_ctx lc;
	int rc;

	memset(&lc, 0, sizeof(lc));
	lc.out = out;
	lc.base = ctx->cfg.base_url;
	lc.base_len = strlen(lc.base);
	while (lc.base_len > 0 && lc.base[lc.base_len - 1] == '/')
		lc.base_len--;
	/* What a member may read: public and members documents. */
	if ((rc = each_group(ctx, DOC_ROLE_MEMBER, false, links_group, &lc,
	    err)) < 0)
		return rc;
	links_flush(&lc);
	return lc.count;
}
