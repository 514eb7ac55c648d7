/* SPDX-License-Identifier: MIT */
/*
 * The signed offline copy.  The copy is built in memory (the signature is
 * over its exact bytes), signed, and only then written: the data file and
 * its .asc each go to a temporary file that is renamed into place.
 */
#include "service/directory/offline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "service/directory/cctlds.h"
#include "service/directory/freshness.h"
#include "store/cctld_store.h"
#include "store/contact_store.h"
#include "util/clock.h"
#include "util/digest.h"
#include "util/outfile.h"
#include "util/xalloc.h"

#define OFFLINE_FILE_MAX (256u * 1024 * 1024)
#define OFFLINE_SIG_MAX (64u * 1024)

struct doc_ctx {
	struct buf *out;
	struct cctld *cctlds;        /* every ccTLD, by code */
	size_t ncctlds, cap;
	const char *current;         /* code of the ccTLD being written */
	struct freshness_stale_set stale;
	json_t *community;           /* the community's contacts */
	int64_t members;
	int n;
};

static int
collect_cctld(void *p, const struct cctld *c)
{
	struct doc_ctx *d = p;

	if (d->ncctlds == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 512;
		d->cctlds = xreallocarray(d->cctlds, d->cap, sizeof(*d->cctlds));
	}
	d->cctlds[d->ncctlds++] = *c;
	d->members += c->member_since != 0;
	return 0;
}

static int
cmp_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cctld *)elem)->code);
}

/* Append o as compact JSON; o is released. */
static void
put_json(struct buf *b, json_t *o)
{
	char small[2048];
	size_t n = json_dumpb(o, small, sizeof(small), JSON_COMPACT | JSON_SORT_KEYS);

	if (n <= sizeof(small)) {
		buf_append(b, small, n);
	} else {
		char *big = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

		buf_puts(b, big);
		free(big);
	}
	json_decref(o);
}

static int
doc_contact(void *p, const struct contact *c)
{
	struct doc_ctx *d = p;
	json_t *o;
	int64_t since;

	if (contact_is_community(c)) {
		/* Written apart, after the ccTLDs: "community_contacts". */
		json_array_append_new(d->community, contact_to_json(c));
		return 0;
	}
	if (d->current == NULL || strcmp(d->current, c->cctld) != 0) {
		const struct cctld *cc = bsearch(c->cctld, d->cctlds, d->ncctlds,
		    sizeof(*d->cctlds), cmp_code);
		json_t *co;
		char *text;

		if (cc == NULL)
			return 0;
		if (d->current != NULL)
			buf_puts(d->out, "]},");
		d->current = cc->code;
		/* The ccTLD object without its closing brace: its contacts follow. */
		co = cctlds_to_json(cc);
		json_object_del(co, "contacts");
		text = json_dumps(co, JSON_COMPACT | JSON_SORT_KEYS);
		buf_printf(d->out, "\n  %.*s,\"contacts\":[", (int)strlen(text) - 1,
		    text);
		free(text);
		json_decref(co);
	} else {
		buf_putc(d->out, ',');
	}
	o = contact_to_json(c);
	since = freshness_stale_since(&d->stale, c->id);
	if (since != 0) {
		char iso[32];

		clock_format_iso(since, iso, sizeof(iso));
		json_object_set_new(o, "stale_since", json_string(iso));
	} else {
		json_object_set_new(o, "stale_since", json_null());
	}
	buf_puts(d->out, "\n    ");
	put_json(d->out, o);
	d->n++;
	return 0;
}

int
offline_repository_json(struct tld_ctx *ctx, struct buf *out,
    struct tld_error *err)
{
	return offline_repository_json_at(ctx, clock_now(), out, err);
}

int
offline_repository_json_at(struct tld_ctx *ctx, int64_t generated,
    struct buf *out, struct tld_error *err)
{
	struct doc_ctx d;
	struct buf body;
	char now[32];
	int rc;

	memset(&d, 0, sizeof(d));
	buf_init(&body);
	d.out = &body;
	d.community = json_array();
	if ((rc = store_cctld_each(ctx->store, NULL, collect_cctld, &d, err)) < 0 ||
	    (rc = freshness_stale_load(ctx, NULL, &d.stale, err)) < 0 ||
	    (rc = store_contact_each(ctx->store, NULL, doc_contact, &d, err)) < 0)
		goto out;
	if (d.current != NULL)
		buf_puts(&body, "]}\n");
	clock_format_iso(generated, now, sizeof(now));
	buf_printf(out, "{\"repository\":\"TLD-OPS contact repository\","
	    "\"generated\":\"%s\",\"members\":%lld,\"contacts\":%d,"
	    "\"cctlds\":[", now, (long long)d.members, d.n);
	buf_append(out, body.data, body.len);
	/* The IANA root contact, liaisons, staff: never a ccTLD's members. */
	buf_puts(out, "],\"community_contacts\":[");
	for (size_t i = 0; i < json_array_size(d.community); i++) {
		buf_puts(out, i ? ",\n  " : "\n  ");
		put_json(out, json_incref(json_array_get(d.community, i)));
	}
	buf_puts(out, "]}\n");
	rc = d.n;
out:
	json_decref(d.community);
	buf_fini(&body);
	freshness_stale_fini(&d.stale);
	free(d.cctlds);
	return rc;
}

int
offline_render(struct tld_ctx *ctx, enum export_format fmt, struct buf *out,
    struct tld_error *err)
{
	if (fmt == EXPORT_JSON)
		return offline_repository_json(ctx, out, err);
	if (fmt == EXPORT_MAILMAN)
		return tld_error_set(err, TLD_EINVAL, "format",
		    "a Mailman roster is not an offline copy: use json, csv or vcard");
	return export_render_buf(ctx, fmt, out, err);
}

int
offline_json_pinned(struct tld_ctx *ctx, int64_t at, const char *sha256,
    struct buf *out, struct tld_error *err)
{
	char have[DIGEST_SHA256_HEX + 1];
	int64_t now = clock_now();
	struct buf copy;
	int rc;

	/*
	 * The time is the client's: bound it, or a member could get a signed
	 * copy that claims to be newer (or older) than it is.
	 */
	if (at > now)
		return tld_error_set(err, TLD_EINVAL, "at", "is in the future");
	if (at < now - OFFLINE_PIN_SECONDS)
		return tld_error_set(err, TLD_EEXPIRED, "at",
		    "this download is more than %d minutes old: open the offline "
		    "copy's page again", OFFLINE_PIN_SECONDS / 60);
	if (sha256 == NULL || strlen(sha256) != DIGEST_SHA256_HEX ||
	    strspn(sha256, "0123456789abcdef") != DIGEST_SHA256_HEX)
		return tld_error_set(err, TLD_EINVAL, "sha256",
		    "is not 64 lower-case hex digits");
	buf_init(&copy);
	if ((rc = offline_repository_json_at(ctx, at, &copy, err)) < 0)
		goto out;
	digest_sha256_hex(copy.data, copy.len, have);
	if (strcmp(have, sha256) != 0) {
		rc = tld_error_set(err, TLD_ECONFLICT, "sha256",
		    "the repository has changed since this copy was made: open "
		    "the offline copy's page again and download both files");
		goto out;
	}
	buf_append(out, copy.data, copy.len);
out:
	buf_fini(&copy);
	return rc;
}

int
offline_sign(struct tld_ctx *ctx, const struct buf *data, struct buf *sig,
    struct tld_error *err)
{
	char micalg[32];

	if (ctx->cfg.signing_key[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "signing_key",
		    "is not set: [mail] signing_key names the key that signs");
	return pgp_sign_detached(ctx->cfg.signing_key, data->data ? data->data : "",
	    data->len, sig, micalg, sizeof(micalg), err);
}

int
offline_export_signed(struct tld_ctx *ctx, enum export_format fmt,
    const char *path, struct tld_error *err)
{
	struct buf data, sig;
	char sig_path[4096];
	int n, rc;

	if ((size_t)snprintf(sig_path, sizeof(sig_path), "%s.asc", path) >=
	    sizeof(sig_path))
		return tld_error_set(err, TLD_EINVAL, "output", "path is too long");
	buf_init(&data);
	buf_init(&sig);
	if ((n = rc = offline_render(ctx, fmt, &data, err)) < 0 ||
	    (rc = offline_sign(ctx, &data, &sig, err)) < 0 ||
	    (rc = outfile_write(path, "output", OUTFILE_FILE_ONLY,
	    data.data ? data.data : "", data.len, err)) < 0 ||
	    (rc = outfile_write(sig_path, "output", OUTFILE_FILE_ONLY, sig.data,
	    sig.len, err)) < 0)
		goto out;
	rc = n;
out:
	buf_fini(&data);
	buf_fini(&sig);
	return rc;
}

/* Read a whole file of at most max bytes; *out is the caller's (free()). */
static int
read_all(const char *path, size_t max, const char *field, char **out,
    size_t *len, struct tld_error *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t got;

	if (f == NULL)
		return tld_error_set(err, TLD_EIO, field, "cannot read %s: %s", path,
		    strerror(errno));
	buf_init(&b);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + got > max) {
			fclose(f);
			buf_fini(&b);
			return tld_error_set(err, TLD_ELIMIT, field,
			    "%s is larger than %zu bytes", path, max);
		}
		buf_append(&b, chunk, got);
	}
	if (ferror(f)) {
		fclose(f);
		buf_fini(&b);
		return tld_error_set(err, TLD_EIO, field, "cannot read %s", path);
	}
	fclose(f);
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

int
offline_verify(const char *path, const char *sig_path, const char *expect,
    struct pgp_verify_result *res, struct tld_error *err)
{
	char def[4096], *data = NULL, *sig = NULL;
	size_t len = 0, siglen = 0;
	int rc;

	if (sig_path == NULL) {
		if ((size_t)snprintf(def, sizeof(def), "%s.asc", path) >= sizeof(def))
			return tld_error_set(err, TLD_EINVAL, "file", "path is too long");
		sig_path = def;
	}
	if ((rc = read_all(path, OFFLINE_FILE_MAX, "file", &data, &len, err)) < 0 ||
	    (rc = read_all(sig_path, OFFLINE_SIG_MAX, "signature", &sig, &siglen,
	    err)) < 0)
		goto out;
	rc = pgp_verify_detached(data, len, sig, siglen, expect, res, err);
out:
	free(data);
	free(sig);
	return rc;
}

int
offline_attach_build(struct tld_ctx *ctx, struct offline_attach *a,
    struct tld_error *err)
{
	char now[32];
	int rc;

	memset(a, 0, sizeof(*a));
	buf_init(&a->json);
	buf_init(&a->sig);
	if ((rc = offline_repository_json(ctx, &a->json, err)) < 0)
		return rc;
	clock_format_iso(clock_now(), now, sizeof(now));
	snprintf(a->names[0], sizeof(a->names[0]) - 4,
	    "tldops-repository-%.10s.json", now);
	a->files[0] = (struct mail_attachment){ a->names[0], "application/json",
	    a->json.data, a->json.len };
	a->n = 1;
	if (ctx->cfg.signing_key[0] == '\0')
		return 0;
	if ((rc = offline_sign(ctx, &a->json, &a->sig, err)) < 0)
		return rc;
	snprintf(a->names[1], sizeof(a->names[1]), "%.70s.asc", a->names[0]);
	a->files[1] = (struct mail_attachment){ a->names[1],
	    "application/pgp-signature", a->sig.data, a->sig.len };
	a->n = 2;
	return 0;
}

void
offline_attach_fini(struct offline_attach *a)
{
	buf_fini(&a->json);
	buf_fini(&a->sig);
	a->n = 0;
}
