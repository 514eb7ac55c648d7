/* SPDX-License-Identifier: MIT */
/*
 * The signed offline copy for members (docs/freshness.md, "The offline
 * copy"): a page that offers the JSON copy and its detached OpenPGP
 * signature, the two downloads, and the same as one API answer.
 *
 * The copy says when it was made, so two renderings differ.  The page
 * therefore renders it once and pins both download links to that copy:
 * its time and its SHA-256.  Each download renders the copy again as of
 * that time and serves it only when the digest matches
 * (offline_json_pinned()), so the file and the signature are always of
 * the same bytes; if the repository changed in between, the download is
 * refused (409) instead of handing out a pair that does not verify.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/books/usage.h"
#include "service/directory/offline.h"
#include "util/clock.h"
#include "util/digest.h"
#include "util/log.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"

/* "tldops-repository-2026-11-27.json", the name of the mail attachment. */
static void
copy_name(int64_t at, char *out, size_t outlen)
{
	char iso[32];

	clock_format_iso(at, iso, sizeof(iso));
	snprintf(out, outlen, "tldops-repository-%.10s.json", iso);
}

/* The pin of a download link: ?at=SECONDS&sha256=HEX; false if absent or bad. */
static bool
pin_of(struct web_req *rq, int64_t *at, const char **sha256)
{
	const char *a = form_get(&rq->query_args, "at");
	char *end;
	long long v;

	*sha256 = form_get(&rq->query_args, "sha256");
	if (a == NULL || *sha256 == NULL || a[0] < '0' || a[0] > '9')
		return false;
	errno = 0;
	v = strtoll(a, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return false;
	*at = v;
	return true;
}

/* A 503 that says why there is no signature, as JSON or as a page. */
static void
no_signature(struct web_req *rq, bool api, const char *api_text,
    const char *page_text)
{
	if (api)
		resp_error(&rq->resp, 503, "signing_key", "%s", api_text);
	else
		page_message(rq, 503, "No signature", page_text);
}

/* The signature of data, or an answer (503) when there is none to give. */
static bool
sign_or_refuse(struct web_req *rq, const struct buf *data, struct buf *sig,
    bool api)
{
	struct tld_error err;

	if (rq->ctx->cfg.signing_key[0] == '\0') {
		no_signature(rq, api, "this server has no signing key ([mail] "
		    "signing_key): the copy is not signed", "This server has no "
		    "signing key ([mail] signing_key is not set), so the offline "
		    "copy is not signed. Ask the secretariat to set one.");
		return false;
	}
	tld_error_clear(&err);
	if (offline_sign(rq->ctx, data, sig, &err) < 0) {
		/* The key or gpg is broken: the operator must know, the member not the details. */
		log_errorx("web", "offline copy: cannot sign: %s", err.message);
		no_signature(rq, api, "the copy cannot be signed now; the operator's "
		    "log has the details", "The copy cannot be signed now; the "
		    "operator's log has the details. Please try again later.");
		return false;
	}
	return true;
}

void
page_offline(struct web_req *rq, struct web_resp *rs)
{
	const char *key = rq->ctx->cfg.signing_key;
	char hex[DIGEST_SHA256_HEX + 1], name[64], when[32];
	int64_t at = clock_now();
	struct tld_error err;
	struct buf copy, b;
	int n;

	(void)rs;
	buf_init(&copy);
	tld_error_clear(&err);
	if ((n = offline_repository_json_at(rq->ctx, at, &copy, &err)) < 0) {
		buf_fini(&copy);
		page_tld_error(rq, &err);
		return;
	}
	digest_sha256_hex(copy.data, copy.len, hex);
	copy_name(at, name, sizeof(name));
	clock_format_iso(at, when, sizeof(when));
	buf_init(&b);
	page_begin(rq, &b, "Offline copy");
	html_printf(&b, "<h1>Offline copy</h1>\n<p class=\"lead\">The whole "
	    "repository in one file, for the day mail or this site is down: every "
	    "member ccTLD with its contacts (%d), each marked when it is stale. "
	    "It is contact data for members only (TLP:AMBER): keep it safe and do "
	    "not pass it on.</p>\n", n);
	if (key[0] == '\0')
		buf_puts(&b, "<p class=\"error\" role=\"note\" id=\"unsigned\"><strong>"
		    "Not signed.</strong> This server has no signing key ([mail] "
		    "signing_key is not set), so the copy comes without a signature: "
		    "nobody can check later that a copy is genuine and unaltered. Ask "
		    "the secretariat to set one.</p>\n");
	buf_puts(&b, "<ul class=\"downloads\">\n<li><a download href=\""
	    "/offline/tldops.json?at=");
	html_printf(&b, "%lld&amp;sha256=%s\">Download the copy</a> (%s, %zu "
	    "bytes)</li>\n", (long long)at, hex, name, copy.len);
	if (key[0] != '\0') {
		buf_puts(&b, "<li><a download href=\"/offline/tldops.json.asc?at=");
		html_printf(&b, "%lld&amp;sha256=%s\">Download its signature</a> "
		    "(%s.asc)</li>\n", (long long)at, hex, name);
	}
	html_printf(&b, "</ul>\n<p>Made %s; SHA-256 <code class=\"fpr\">%s</code>. "
	    "The links fetch exactly this copy for the next hour.</p>\n", when, hex);
	if (key[0] != '\0')
		html_printf(&b, "<h2>Check it</h2>\n<p>The signature is by the OpenPGP "
		    "key <code class=\"fpr\">%s</code>. Keep both files in one folder "
		    "and check them, also later and without this site:</p>\n"
		    "<pre>gpg --verify %s.asc %s\ntldops verify %s --key %s</pre>\n",
		    key, name, name, name, key);
	buf_fini(&copy);
	page_end(rq, &b, 200);
}

/* The copy for a download: pinned when the link carries a pin, else as of now. */
static int
copy_for_download(struct web_req *rq, bool need_pin, struct buf *copy,
    int64_t *at, struct tld_error *err)
{
	const char *sha256;

	if (pin_of(rq, at, &sha256))
		return offline_json_pinned(rq->ctx, *at, sha256, copy, err);
	if (need_pin || form_get(&rq->query_args, "at") != NULL ||
	    form_get(&rq->query_args, "sha256") != NULL)
		return tld_error_set(err, TLD_EUSAGE, "at",
		    "download the signature from the offline copy's page (/offline): "
		    "it names the copy it signs");
	*at = clock_now();
	return offline_repository_json_at(rq->ctx, *at, copy, err);
}

static void
download(struct web_req *rq, bool signature)
{
	struct web_resp *rs = &rq->resp;
	struct tld_error err;
	struct buf copy, sig;
	char name[64];
	int64_t at = 0;

	buf_init(&copy);
	buf_init(&sig);
	tld_error_clear(&err);
	if (copy_for_download(rq, signature, &copy, &at, &err) < 0) {
		page_tld_error(rq, &err);
		goto out;
	}
	if (signature && !sign_or_refuse(rq, &copy, &sig, false))
		goto out;
	copy_name(at, name, sizeof(name));
	if (!signature)
		(void)usage_download(rq->ctx, USAGE_WEB, "offline");
	rs->status = 200;
	rs->content_type = signature ? "application/pgp-signature" :
	    "application/json";
	rs->cache_control = "no-store";
	rs->sandbox = true;
	snprintf(rs->disposition, sizeof(rs->disposition),
	    "attachment; filename=\"%s%s\"", name, signature ? ".asc" : "");
	buf_reset(&rs->body);
	if (signature)
		buf_append(&rs->body, sig.data, sig.len);
	else
		buf_append(&rs->body, copy.data, copy.len);
out:
	buf_fini(&copy);
	buf_fini(&sig);
}

void
page_offline_json(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	download(rq, false);
}

void
page_offline_sig(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	download(rq, true);
}

/*
 * GET /api/v1/offline: the copy and its signature in one answer, so that
 * a script gets a matching pair in one request.  The copy's bytes are the
 * string "copy" (write it out as is, e.g. `jq -j .copy`).
 */
void
api_offline(struct web_req *rq, struct web_resp *rs)
{
	char hex[DIGEST_SHA256_HEX + 1], name[64], when[32];
	int64_t at = clock_now();
	struct tld_error err;
	struct buf copy, sig;
	bool signed_copy = rq->ctx->cfg.signing_key[0] != '\0';
	json_t *o;
	int n;

	buf_init(&copy);
	buf_init(&sig);
	tld_error_clear(&err);
	if ((n = offline_repository_json_at(rq->ctx, at, &copy, &err)) < 0) {
		resp_tld_error(rs, &err);
		goto out;
	}
	if (signed_copy && !sign_or_refuse(rq, &copy, &sig, true))
		goto out;
	(void)usage_download(rq->ctx, USAGE_API, "offline");
	digest_sha256_hex(copy.data, copy.len, hex);
	copy_name(at, name, sizeof(name));
	clock_format_iso(at, when, sizeof(when));
	o = json_pack("{s:s, s:s, s:i, s:s, s:s?}", "filename", name,
	    "generated", when, "contacts", n, "sha256", hex, "signing_key",
	    signed_copy ? rq->ctx->cfg.signing_key : NULL);
	json_object_set_new(o, "copy", json_stringn(copy.data != NULL ?
	    copy.data : "", copy.len));
	json_object_set_new(o, "signature", signed_copy ?
	    json_stringn(sig.data, sig.len) : json_null());
	resp_json(rs, 200, o);
out:
	buf_fini(&copy);
	buf_fini(&sig);
}
