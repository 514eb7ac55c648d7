/* SPDX-License-Identifier: MIT */
/* Usage counting and its report (service/books/usage.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/books/usage.h"
#include "store/contact_store.h"
#include "store/usage_store.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/log.h"
#include "util/xalloc.h"

#define DAY INT64_C(86400)

/*
 * Counts not yet written: a few distinct keys per flush period (a day, a
 * channel, a kind and a ccTLD or document), so a short array will do.
 */
#define PENDING_MAX 4096

struct pending {
	int64_t day;
	enum usage_channel ch;
	enum usage_kind kind;
	char subject[160];
	int64_t n, found;
};

static struct {
	pthread_mutex_t lock;
	bool defer;
	size_t n;
	struct pending items[PENDING_MAX];
} buffered = { .lock = PTHREAD_MUTEX_INITIALIZER };

void
usage_defer(void)
{
	pthread_mutex_lock(&buffered.lock);
	buffered.defer = true;
	pthread_mutex_unlock(&buffered.lock);
}

static int
write_rows(struct tld_ctx *ctx, const struct pending *v, size_t n,
    struct tld_error *err)
{
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_usage_add(ctx->store, v[i].day,
		    usage_channel_names[v[i].ch], usage_kind_names[v[i].kind],
		    v[i].subject, v[i].n, v[i].found, err);
	return store_end(ctx->store, rc, err);
}

int
usage_flush(struct tld_ctx *ctx)
{
	struct pending *v;
	struct tld_error err;
	size_t n;
	int rc;

	pthread_mutex_lock(&buffered.lock);
	n = buffered.n;
	v = xcalloc(n + 1, sizeof(*v));
	memcpy(v, buffered.items, n * sizeof(*v));
	buffered.n = 0;
	pthread_mutex_unlock(&buffered.lock);
	tld_error_clear(&err);
	rc = n > 0 ? write_rows(ctx, v, n, &err) : 0;
	if (rc < 0)
		log_warnx("service", "usage: cannot write %zu counts: %s", n,
		    err.message);
	free(v);
	return rc;
}

static int
count(struct tld_ctx *ctx, enum usage_channel ch, enum usage_kind kind,
    const char *subject, bool found)
{
	struct pending one;
	struct tld_error err;
	int64_t now = clock_now();
	bool full = false;
	int rc;

	memset(&one, 0, sizeof(one));
	one.day = now - now % DAY;
	one.ch = ch;
	one.kind = kind;
	snprintf(one.subject, sizeof(one.subject), "%s", subject);
	one.n = 1;
	one.found = found;
	pthread_mutex_lock(&buffered.lock);
	if (buffered.defer) {
		size_t i;

		for (i = 0; i < buffered.n; i++) {
			struct pending *p = &buffered.items[i];

			if (p->day == one.day && p->ch == ch && p->kind == kind &&
			    strcmp(p->subject, one.subject) == 0) {
				p->n++;
				p->found += found;
				break;
			}
		}
		if (i == buffered.n)
			buffered.items[buffered.n++] = one;
		full = buffered.n == PENDING_MAX;
		pthread_mutex_unlock(&buffered.lock);
		return full ? usage_flush(ctx) : 0;
	}
	pthread_mutex_unlock(&buffered.lock);
	tld_error_clear(&err);
	/* One process per lookup (the CLI): the count need not reach the
	 * database file before the answer does. */
	store_defer_checkpoint(ctx->store);
	if ((rc = write_rows(ctx, &one, 1, &err)) < 0)
		log_warnx("service", "usage: cannot count a %s: %s",
		    usage_kind_names[kind], err.message);
	return rc;
}

int
usage_lookup(struct tld_ctx *ctx, enum usage_channel ch, const struct cctld *c)
{
	struct tld_error err;
	int64_t n = 0;

	tld_error_clear(&err);
	if (c != NULL && store_contact_count_cctld(ctx->store, c->code, &n,
	    &err) < 0)
		n = 0;
	return count(ctx, ch, USAGE_LOOKUP, c != NULL ? c->code : "", n > 0);
}

int
usage_search(struct tld_ctx *ctx, enum usage_channel ch, bool found)
{
	return count(ctx, ch, USAGE_SEARCH, "", found);
}

int
usage_download(struct tld_ctx *ctx, enum usage_channel ch, const char *subject)
{
	return count(ctx, ch, USAGE_DOWNLOAD, subject, true);
}

/* ---- the report ----------------------------------------------------------- */

struct tally {
	json_int_t lookups, lookups_found, searches, searches_found, downloads;
	json_int_t channels[USAGE_CHANNELS];
	json_t *months;     /* "YYYY-MM" -> {lookups, found, searches, downloads} */
	json_t *cctlds;     /* code -> {lookups, found} */
	json_t *by_subject; /* download subject -> n */
};

static void
add(json_t *o, const char *key, json_int_t n)
{
	json_object_set_new(o, key, json_integer(json_integer_value(
	    json_object_get(o, key)) + n));
}

static json_t *
member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		v = json_object();
		json_object_set_new(o, key, v);
	}
	return v;
}

static int
tally_row(void *p, const struct usage_row *r)
{
	struct tally *t = p;
	int ch = usage_channel_from(r->channel), kind = usage_kind_from(r->kind);
	char iso[32], month[8];
	json_t *m;

	if (ch < 0 || kind < 0)
		return 0;
	clock_format_iso(r->day, iso, sizeof(iso));
	snprintf(month, sizeof(month), "%.7s", iso);
	m = member(t->months, month);
	switch (kind) {
	case USAGE_LOOKUP:
		t->lookups += r->n;
		t->lookups_found += r->found;
		t->channels[ch] += r->n;
		add(m, "lookups", r->n);
		add(m, "found", r->found);
		if (r->subject[0] != '\0') {
			json_t *c = member(t->cctlds, r->subject);

			add(c, "lookups", r->n);
			add(c, "found", r->found);
		}
		break;
	case USAGE_SEARCH:
		t->searches += r->n;
		t->searches_found += r->found;
		t->channels[ch] += r->n;
		add(m, "searches", r->n);
		break;
	default:
		t->downloads += r->n;
		add(m, "downloads", r->n);
		add(t->by_subject, r->subject, r->n);
		break;
	}
	return 0;
}

struct ranked {
	const char *key;
	json_int_t n;
	json_t *v;
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* The members of o as an array, most first by the count at nkey (or o's value). */
static json_t *
ranked(json_t *o, const char *nkey, const char *keyname)
{
	size_t n = json_object_size(o), i = 0;
	struct ranked *v = xcalloc(n + 1, sizeof(*v));
	json_t *arr = json_array(), *val;
	const char *key;

	json_object_foreach(o, key, val) {
		v[i].key = key;
		v[i].v = val;
		v[i].n = nkey ? json_integer_value(json_object_get(val, nkey)) :
		    json_integer_value(val);
		i++;
	}
	qsort(v, n, sizeof(*v), cmp_ranked);
	for (i = 0; i < n; i++) {
		json_t *e = json_object();

		json_object_set_new(e, keyname, json_string(v[i].key));
		if (nkey != NULL)
			json_object_update(e, v[i].v);
		else
			json_object_set_new(e, "n", json_integer(v[i].n));
		json_array_append_new(arr, e);
	}
	free(v);
	return arr;
}

static json_t *
months_array(json_t *months)
{
	json_t *arr = json_array(), *m;
	const char *key;
	static const char *const fields[] = { "lookups", "found", "searches",
	    "downloads" };

	/* jansson keeps insertion order and rows come by day: months in order. */
	json_object_foreach(months, key, m) {
		json_t *e = json_pack("{s:s}", "month", key);

		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			json_object_set_new(e, fields[i], json_integer(
			    json_integer_value(json_object_get(m, fields[i]))));
		json_array_append_new(arr, e);
	}
	return arr;
}

int
usage_json(struct tld_ctx *ctx, int64_t since, int64_t until, json_t **out,
    struct tld_error *err)
{
	struct tally t;
	json_t *o;
	int rc;

	*out = NULL;
	if (until != 0 && since >= until)
		return tld_error_set(err, TLD_EINVAL, "since",
		    "must be before --until");
	memset(&t, 0, sizeof(t));
	t.months = json_object();
	t.cctlds = json_object();
	t.by_subject = json_object();
	/* A day counts when it starts in the period. */
	rc = store_usage_each(ctx->store, since, until, tally_row, &t, err);
	if (rc < 0) {
		json_decref(t.months);
		json_decref(t.cctlds);
		json_decref(t.by_subject);
		return rc;
	}
	o = json_object();
	json_object_set_new(o, "since", json_time(since));
	json_object_set_new(o, "until", json_time(until));
	json_object_set_new(o, "lookups", json_integer(t.lookups));
	json_object_set_new(o, "lookups_found", json_integer(t.lookups_found));
	json_object_set_new(o, "found_share", t.lookups ?
	    json_real((double)(long long)(10000.0 * (double)t.lookups_found /
	    (double)t.lookups + 0.5) / 10000.0) : json_null());
	json_object_set_new(o, "searches", json_integer(t.searches));
	json_object_set_new(o, "searches_found", json_integer(t.searches_found));
	json_object_set_new(o, "downloads", json_integer(t.downloads));
	json_object_set_new(o, "channels", json_pack("{s:I, s:I, s:I}",
	    "cli", t.channels[USAGE_CLI], "web", t.channels[USAGE_WEB],
	    "api", t.channels[USAGE_API]));
	json_object_set_new(o, "months", months_array(t.months));
	json_object_set_new(o, "cctlds", ranked(t.cctlds, "lookups", "cctld"));
	json_object_set_new(o, "downloads_by", ranked(t.by_subject, NULL,
	    "subject"));
	json_decref(t.months);
	json_decref(t.cctlds);
	json_decref(t.by_subject);
	*out = o;
	return 0;
}
