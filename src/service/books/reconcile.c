/* SPDX-License-Identifier: MIT */
/*
 * Reconciliation.  The repository is read once into memory (every ccTLD,
 * every active contact with its address in a hash table, lower-cased), the
 * sources are parsed and their ccTLDs resolved before anything is compared,
 * so a bad line stops the run before a half report; then each source is
 * walked once.  100k contacts against a 100k-line roster is two linear
 * passes.
 */
#include "service/books/reconcile.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/cctld.h"
#include "model/roster.h"
#include "store/cctld_store.h"
#include "store/contact_store.h"
#include "util/xalloc.h"

#define MAX_PROBLEMS_PER_SOURCE ROSTER_MAX_PROBLEMS

/* ---- a small string -> index map (open addressing) --------------------------- */

struct strmap {
	char **keys;     /* owned */
	size_t *vals;
	size_t cap;      /* a power of two */
	size_t n;
};

static uint64_t
strmap_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static void strmap_put(struct strmap *m, const char *key, size_t val);

static void
strmap_grow(struct strmap *m)
{
	struct strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 1024;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++) {
		if (old.keys[i] != NULL) {
			strmap_put(m, old.keys[i], old.vals[i]);
			free(old.keys[i]);
		}
	}
	free(old.keys);
	free(old.vals);
}

/* The slot of key: where it is, or the empty one where it would go. */
static size_t
strmap_slot(const struct strmap *m, const char *key)
{
	size_t i = (size_t)strmap_hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* Insert key (copied) unless present. */
static void
strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	i = strmap_slot(m, key);
	if (m->keys[i] != NULL)
		return;
	m->keys[i] = xstrdup(key);
	m->vals[i] = val;
	m->n++;
}

static bool
strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t i;

	if (m->cap == 0)
		return false;
	i = strmap_slot(m, key);
	if (m->keys[i] == NULL)
		return false;
	*val = m->vals[i];
	return true;
}

static void
strmap_fini(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* An address lower-cased: addresses compare case-insensitively. */
static void
lower_copy(const char *s, char *out, size_t outlen)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < outlen; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[i] = '\0';
}

/* ---- the repository in memory -------------------------------------------------- */

struct repo_contact {
	char *cctld;       /* "" for a community contact */
	char *affiliation; /* NULL for a ccTLD's contact */
	char *name;
	char *email;
	size_t seen_line;  /* Mailman line that lists it, 0 when none */
};

struct repo {
	struct cctld *cc;  /* by code; contacts filled */
	size_t ncc, capcc;
	struct repo_contact *ct; /* by ccTLD then id */
	size_t nct, capct;
	struct strmap by_email;
};

static int
repo_add_cctld(void *p, const struct cctld *c)
{
	struct repo *r = p;

	if (r->ncc == r->capcc) {
		r->capcc = r->capcc ? r->capcc * 2 : 512;
		r->cc = xreallocarray(r->cc, r->capcc, sizeof(*r->cc));
	}
	r->cc[r->ncc++] = *c;
	return 0;
}

static int
repo_add_contact(void *p, const struct contact *c)
{
	struct repo *r = p;
	struct repo_contact *k;
	char key[EMAIL_MAX + 1];

	if (r->nct == r->capct) {
		r->capct = r->capct ? r->capct * 2 : 1024;
		r->ct = xreallocarray(r->ct, r->capct, sizeof(*r->ct));
	}
	k = &r->ct[r->nct];
	k->cctld = xstrdup(c->cctld);
	/* The IANA root contact, a liaison: on the list, of no ccTLD. */
	k->affiliation = contact_is_community(c) ? xstrdup(c->affiliation) : NULL;
	k->name = xstrdup(c->name);
	k->email = xstrdup(c->email);
	k->seen_line = 0;
	lower_copy(c->email, key, sizeof(key));
	strmap_put(&r->by_email, key, r->nct);
	r->nct++;
	return 0;
}

static int
cmp_cctld(const void *a, const void *b)
{
	return strcmp(((const struct cctld *)a)->code,
	    ((const struct cctld *)b)->code);
}

static void
repo_fini(struct repo *r)
{
	for (size_t i = 0; i < r->nct; i++) {
		free(r->ct[i].cctld);
		free(r->ct[i].affiliation);
		free(r->ct[i].name);
		free(r->ct[i].email);
	}
	free(r->ct);
	free(r->cc);
	strmap_fini(&r->by_email);
	memset(r, 0, sizeof(*r));
}

static int
repo_load(struct tld_ctx *ctx, bool contacts, struct repo *r,
    struct tld_error *err)
{
	struct cctld_filter all = { 0, NULL };
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = store_cctld_each(ctx->store, &all, repo_add_cctld, r, err)) < 0 ||
	    (contacts && (rc = store_contact_each(ctx->store, NULL,
	    repo_add_contact, r, err)) < 0)) {
		repo_fini(r);
		return rc;
	}
	qsort(r->cc, r->ncc, sizeof(*r->cc), cmp_cctld);
	return 0;
}

static struct cctld *
repo_cctld(const struct repo *r, const char *code)
{
	struct cctld key;

	snprintf(key.code, sizeof(key.code), "%s", code);
	return bsearch(&key, r->cc, r->ncc, sizeof(*r->cc), cmp_cctld);
}

/*
 * What a website or spreadsheet line names: a ccTLD in any form, else a
 * country of the reference table (case-insensitively).  A country with
 * several ASCII ccTLDs (United Kingdom: .gb, .uk) is the member among them
 * when exactly one is, else ambiguous.  NULL with why filled when none.
 */
static const struct cctld *
resolve(const struct repo *r, const char *text, char *why, size_t whylen)
{
	char code[CCTLD_CODE_MAX + 1];
	const struct cctld *found = NULL, *member = NULL;
	struct tld_error e;
	size_t n = 0, members = 0;
	char codes[128] = "";

	if (cctld_code_normalize(text, strlen(text), code, sizeof(code), &e) == 0 &&
	    (found = repo_cctld(r, code)) != NULL)
		return found;
	for (size_t i = 0; i < r->ncc; i++) {
		const struct cctld *c = &r->cc[i];
		size_t len = strlen(codes);

		if (strcmp(c->kind, "ascii") != 0 || strcasecmp(c->country, text) != 0)
			continue;
		n++;
		found = c;
		if (c->member_since != 0) {
			members++;
			member = c;
		}
		snprintf(codes + len, sizeof(codes) - len, "%s.%s", len ? " and " : "",
		    c->code);
	}
	if (n == 1)
		return found;
	if (n > 1 && members == 1)
		return member;
	if (n > 1)
		snprintf(why, whylen, "\"%.60s\" is the country of %s: write the ccTLD",
		    text, codes);
	else
		snprintf(why, whylen, "\"%.60s\" is neither a delegated ccTLD nor a "
		    "country of the reference table", text);
	return NULL;
}

/* ---- the report -------------------------------------------------------------- */

static void
add_problem(json_t *probs, const char *source, const char *file, size_t line,
    const char *field, const char *message)
{
	json_array_append_new(probs, json_pack("{s:s, s:s, s:I, s:s, s:s}",
	    "source", source, "file", file, "line", (json_int_t)line,
	    "field", field, "message", message));
}

static void
roster_problems(json_t *probs, const char *source, const char *file,
    const struct roster *ro)
{
	char msg[64];

	for (size_t i = 0; i < ro->nkept; i++)
		add_problem(probs, source, file, ro->problems[i].line,
		    ro->problems[i].field, ro->problems[i].message);
	if (ro->nproblems > ro->nkept) {
		snprintf(msg, sizeof(msg), "and %zu more bad lines",
		    ro->nproblems - ro->nkept);
		add_problem(probs, source, file, 0, "", msg);
	}
}

/* A discrepancy; detail and fix are printf formats. */
static json_t *
item(json_t *rep, const char *source, const char *kind, const char *cctld,
    size_t line, const char *detail, const char *fix)
{
	json_t *o = json_object();

	json_object_set_new(o, "source", json_string(source));
	json_object_set_new(o, "kind", json_string(kind));
	if (cctld != NULL)
		json_object_set_new(o, "cctld", json_string(cctld));
	if (line != 0)
		json_object_set_new(o, "line", json_integer((json_int_t)line));
	json_object_set_new(o, "detail", json_string(detail));
	json_object_set_new(o, "fix", json_string(fix));
	json_array_append_new(rep, o);
	return o;
}

/* The ccTLD of a contact's item: none (NULL) for a community contact. */
static const char *
item_cctld(const struct repo_contact *k)
{
	return k->affiliation != NULL ? NULL : k->cctld;
}

/* A community contact's item names its affiliation instead. */
static json_t *
community_item(json_t *o, const struct repo_contact *k)
{
	if (k->affiliation != NULL)
		json_object_set_new(o, "affiliation", json_string(k->affiliation));
	return o;
}

static void
set_address(json_t *o, const char *email, const char *name)
{
	json_object_set_new(o, "email", json_string(email));
	json_object_set_new(o, "address", json_string(email));
	if (name != NULL)
		json_object_set_new(o, "name", json_string(name));
}

#define TXT 640

static const char MAILMAN_EXPORT[] =
    "`tldops export --format mailman` writes the roster as it should be";

static void
compare_mailman(struct repo *r, const struct roster *ro, const char *file,
    json_t *rep)
{
	char detail[TXT], fix[TXT], key[EMAIL_MAX + 1];
	struct strmap unknown = { 0 };
	size_t idx;
	json_t *o;

	for (size_t i = 0; i < ro->n; i++) {
		const struct roster_entry *e = &ro->entries[i];
		struct repo_contact *k;

		lower_copy(e->email, key, sizeof(key));
		if (!strmap_get(&r->by_email, key, &idx)) {
			if (strmap_get(&unknown, key, &idx)) {
				snprintf(detail, sizeof(detail), "%s:%zu: %s is on the "
				    "roster twice (lines %zu and %zu)", file, e->line,
				    e->email, idx, e->line);
				snprintf(fix, sizeof(fix), "remove the subscription on "
				    "line %zu", e->line);
				set_address(item(rep, "mailman", "differs", NULL, e->line,
				    detail, fix), e->email, e->name);
				continue;
			}
			strmap_put(&unknown, key, e->line);
			snprintf(detail, sizeof(detail), "%s:%zu: %s is on the roster "
			    "but is not an active contact", file, e->line, e->email);
			snprintf(fix, sizeof(fix), "unsubscribe %s from the list (or, "
			    "if the person speaks for a ccTLD, add them first with "
			    "`tldops contact add`); %s", e->email, MAILMAN_EXPORT);
			set_address(item(rep, "mailman", "missing_in_repository", NULL,
			    e->line, detail, fix), e->email, e->name);
			continue;
		}
		k = &r->ct[idx];
		if (k->seen_line != 0) {
			snprintf(detail, sizeof(detail), "%s:%zu: %s is on the roster "
			    "twice (lines %zu and %zu)", file, e->line, e->email,
			    k->seen_line, e->line);
			snprintf(fix, sizeof(fix), "remove the subscription on line %zu",
			    e->line);
			set_address(community_item(item(rep, "mailman", "differs",
			    item_cctld(k), e->line, detail, fix), k), k->email,
			    e->name);
			continue;
		}
		k->seen_line = e->line;
		if (strcmp(k->name, e->name) != 0) {
			snprintf(detail, sizeof(detail), "%s:%zu: the display name of "
			    "%s is \"%s\" on the roster and \"%s\" in the repository",
			    file, e->line, k->email, e->name, k->name);
			snprintf(fix, sizeof(fix), "set the display name of %s on the "
			    "list to \"%s\"; %s", k->email, k->name, MAILMAN_EXPORT);
			o = community_item(item(rep, "mailman", "differs",
			    item_cctld(k), e->line, detail, fix), k);
			set_address(o, k->email, k->name);
			json_object_set_new(o, "expected", json_string(k->name));
			json_object_set_new(o, "found", json_string(e->name));
		}
	}
	for (size_t i = 0; i < r->nct; i++) {
		const struct repo_contact *k = &r->ct[i];
		const struct cctld *c;

		if (k->seen_line != 0)
			continue;
		if (k->affiliation != NULL) {
			snprintf(detail, sizeof(detail), "%s <%s>, community contact "
			    "(%s), is not on the roster", k->name, k->email,
			    k->affiliation);
		} else {
			c = repo_cctld(r, k->cctld);
			snprintf(detail, sizeof(detail), "%s <%s>, contact of .%s, is "
			    "not on the roster", k->name, k->email,
			    c ? c->unicode : k->cctld);
		}
		snprintf(fix, sizeof(fix), "subscribe \"%s\" <%s> to the list; %s",
		    k->name, k->email, MAILMAN_EXPORT);
		set_address(community_item(item(rep, "mailman", "missing_in_source",
		    item_cctld(k), 0, detail, fix), k), k->email, k->name);
	}
	strmap_fini(&unknown);
}

/* The per-ccTLD view of a member list (website) or spreadsheet. */
struct listed {
	size_t line;       /* first line naming it, 0 when none */
	int member;        /* spreadsheet: 1, 0; website: 1 */
	int64_t contacts;  /* spreadsheet: -1 when no column */
};

static void
count_item(json_t *rep, const char *source, int64_t found, int64_t expected,
    const char *what, const char *fix)
{
	char detail[TXT];
	json_t *o;

	if (found == expected)
		return;
	snprintf(detail, sizeof(detail), "%s lists %lld member ccTLDs; the "
	    "repository has %lld", what, (long long)found, (long long)expected);
	o = item(rep, source, "differs", NULL, 0, detail, fix);
	json_object_set_new(o, "expected", json_integer(expected));
	json_object_set_new(o, "found", json_integer(found));
}

static int64_t
repo_members(const struct repo *r)
{
	int64_t n = 0;

	for (size_t i = 0; i < r->ncc; i++)
		n += r->cc[i].member_since != 0;
	return n;
}

static void
compare_website(const struct repo *r, const struct roster *ro,
    const size_t *resolved, const char *file, json_t *rep)
{
	struct listed *l = xcalloc(r->ncc, sizeof(*l));
	char detail[TXT], fix[TXT];
	int64_t listed = 0;

	for (size_t i = 0; i < ro->n; i++)
		if (l[resolved[i]].line == 0) {
			l[resolved[i]].line = ro->entries[i].line;
			listed++;
		}
	count_item(rep, "website", listed, repo_members(r), "the website",
	    "apply the fixes below; `tldops cctld list --members` lists the "
	    "members");
	for (size_t i = 0; i < ro->n; i++) {
		const struct cctld *c = &r->cc[resolved[i]];
		size_t line = ro->entries[i].line;

		if (l[resolved[i]].line != line) {
			snprintf(detail, sizeof(detail), "%s:%zu: .%s (%s) is listed "
			    "twice (lines %zu and %zu)", file, line, c->unicode,
			    c->country, l[resolved[i]].line, line);
			snprintf(fix, sizeof(fix), "remove line %zu from the website's "
			    "member list", line);
			item(rep, "website", "differs", c->code, line, detail, fix);
		} else if (c->member_since == 0) {
			snprintf(detail, sizeof(detail), "%s:%zu: .%s (%s) is listed as "
			    "a member but has no active contact in the repository",
			    file, line, c->unicode, c->country);
			snprintf(fix, sizeof(fix), "remove .%s (%s) from the website's "
			    "member list", c->unicode, c->country);
			item(rep, "website", "missing_in_repository", c->code, line,
			    detail, fix);
		}
	}
	for (size_t i = 0; i < r->ncc; i++) {
		const struct cctld *c = &r->cc[i];

		if (c->member_since == 0 || l[i].line != 0)
			continue;
		snprintf(detail, sizeof(detail), ".%s (%s) is a member but is not on "
		    "the website's list", c->unicode, c->country);
		snprintf(fix, sizeof(fix), "add .%s (%s) to the website's member "
		    "list", c->unicode, c->country);
		item(rep, "website", "missing_in_source", c->code, 0, detail, fix);
	}
	free(l);
}

static const char SHEET_EXPORT[] =
    "`tldops stats --csv` writes the spreadsheet as it should be";

static void
compare_spreadsheet(const struct repo *r, const struct roster *ro,
    const size_t *resolved, const char *file, json_t *rep)
{
	struct listed *l = xcalloc(r->ncc, sizeof(*l));
	char detail[TXT], fix[TXT];
	int64_t listed = 0;
	json_t *o;

	for (size_t i = 0; i < ro->n; i++) {
		struct listed *x = &l[resolved[i]];
		const struct roster_entry *e = &ro->entries[i];

		if (x->line == 0) {
			x->line = e->line;
			x->member = e->member != 0; /* no column: listed = member */
			x->contacts = e->contacts;
			listed += x->member;
		}
	}
	count_item(rep, "spreadsheet", listed, repo_members(r), "the spreadsheet",
	    "apply the fixes below; `tldops stats --csv` writes the spreadsheet "
	    "as it should be");
	for (size_t i = 0; i < ro->n; i++) {
		const struct cctld *c = &r->cc[resolved[i]];
		const struct roster_entry *e = &ro->entries[i];
		const struct listed *x = &l[resolved[i]];
		bool member = c->member_since != 0;

		if (x->line != e->line) {
			/* One row per contact is fine; rows that disagree are not. */
			if ((e->member != 0) == x->member && e->contacts == x->contacts)
				continue;
			snprintf(detail, sizeof(detail), "%s:%zu: .%s (%s) has rows that "
			    "disagree (lines %zu and %zu)", file, e->line, c->unicode,
			    c->country, x->line, e->line);
			snprintf(fix, sizeof(fix), "keep one row for .%s; %s", c->unicode,
			    SHEET_EXPORT);
			item(rep, "spreadsheet", "differs", c->code, e->line, detail, fix);
			continue;
		}
		if (x->member && !member) {
			snprintf(detail, sizeof(detail), "%s:%zu: .%s (%s) is a member in "
			    "the spreadsheet but has no active contact in the "
			    "repository", file, e->line, c->unicode, c->country);
			snprintf(fix, sizeof(fix), "%s .%s; %s", e->member < 0 ?
			    "drop the row of" : "set member to no for", c->unicode,
			    SHEET_EXPORT);
			item(rep, "spreadsheet", "missing_in_repository", c->code,
			    e->line, detail, fix);
		} else if (!x->member && member) {
			snprintf(detail, sizeof(detail), "%s:%zu: .%s (%s) is a member in "
			    "the repository; the spreadsheet says no", file, e->line,
			    c->unicode, c->country);
			snprintf(fix, sizeof(fix), "set member to yes for .%s; %s",
			    c->unicode, SHEET_EXPORT);
			o = item(rep, "spreadsheet", "differs", c->code, e->line, detail,
			    fix);
			json_object_set_new(o, "expected", json_string("yes"));
			json_object_set_new(o, "found", json_string("no"));
		}
		if (x->contacts >= 0 && x->contacts != c->contacts) {
			snprintf(detail, sizeof(detail), "%s:%zu: .%s (%s) has %lld "
			    "contacts in the spreadsheet and %lld in the repository",
			    file, e->line, c->unicode, c->country,
			    (long long)x->contacts, (long long)c->contacts);
			snprintf(fix, sizeof(fix), "set contacts to %lld for .%s; %s",
			    (long long)c->contacts, c->unicode, SHEET_EXPORT);
			o = item(rep, "spreadsheet", "differs", c->code, e->line, detail,
			    fix);
			json_object_set_new(o, "expected", json_integer(c->contacts));
			json_object_set_new(o, "found", json_integer(x->contacts));
		}
	}
	for (size_t i = 0; i < r->ncc; i++) {
		const struct cctld *c = &r->cc[i];

		if (c->member_since == 0 || l[i].line != 0)
			continue;
		snprintf(detail, sizeof(detail), ".%s (%s) is a member but has no row "
		    "in the spreadsheet", c->unicode, c->country);
		snprintf(fix, sizeof(fix), "add a row for .%s with member yes; %s "
		    "(`tldops export --format csv` gives one row per contact)",
		    c->unicode, SHEET_EXPORT);
		item(rep, "spreadsheet", "missing_in_source", c->code, 0, detail, fix);
	}
	free(l);
}

static int
source_rank(const json_t *o)
{
	const char *s = json_string_value(json_object_get(o, "source"));

	return strcmp(s, "mailman") == 0 ? 0 : strcmp(s, "website") == 0 ? 1 : 2;
}

struct ranked {
	json_t *o;
	size_t pos;
};

static int
cmp_problem(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int rx = source_rank(x->o), ry = source_rank(y->o);
	json_int_t lx = json_integer_value(json_object_get(x->o, "line"));
	json_int_t ly = json_integer_value(json_object_get(y->o, "line"));

	/* Line 0 ("and N more") goes last within its source. */
	if (lx == 0)
		lx = INT64_MAX;
	if (ly == 0)
		ly = INT64_MAX;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Parse and ccTLD problems of each source in line order. */
static void
sort_problems(json_t *probs)
{
	size_t n = json_array_size(probs);
	struct ranked *v = xcalloc(n, sizeof(*v));

	for (size_t i = 0; i < n; i++) {
		v[i].o = json_incref(json_array_get(probs, i));
		v[i].pos = i;
	}
	qsort(v, n, sizeof(*v), cmp_problem);
	json_array_clear(probs);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(probs, v[i].o);
	free(v);
}

/* Resolve every entry's ccTLD to an index of r->cc; problems for the rest. */
static size_t *
resolve_all(const struct repo *r, const struct roster *ro, const char *source,
    const char *file, json_t *probs)
{
	size_t *idx = xcalloc(ro->n ? ro->n : 1, sizeof(*idx));
	size_t bad = 0;
	char why[256], msg[64];

	for (size_t i = 0; i < ro->n; i++) {
		const struct cctld *c = resolve(r, ro->entries[i].cctld, why,
		    sizeof(why));

		if (c != NULL) {
			idx[i] = (size_t)(c - r->cc);
			continue;
		}
		if (bad++ < MAX_PROBLEMS_PER_SOURCE)
			add_problem(probs, source, file, ro->entries[i].line, "cctld",
			    why);
	}
	if (bad > MAX_PROBLEMS_PER_SOURCE) {
		snprintf(msg, sizeof(msg), "and %zu more bad lines",
		    bad - MAX_PROBLEMS_PER_SOURCE);
		add_problem(probs, source, file, 0, "", msg);
	}
	return idx;
}

int
reconcile_run(struct tld_ctx *ctx, const struct reconcile_input *in,
    json_t **out, json_t **problems, struct tld_error *err)
{
	const struct reconcile_source *mm = &in->mailman, *web = &in->website,
	    *sheet = &in->spreadsheet;
	struct roster rmm, rweb, rsheet;
	struct tld_error e;
	size_t *iweb = NULL, *isheet = NULL;
	json_t *probs = json_array(), *rep;
	struct repo r;
	int rc;

	*out = NULL;
	*problems = NULL;
	roster_init(&rmm);
	roster_init(&rweb);
	roster_init(&rsheet);
	memset(&r, 0, sizeof(r));
	if (mm->path == NULL && web->path == NULL && sheet->path == NULL) {
		rc = tld_error_set(err, TLD_EINVAL, "", "give at least one of "
		    "--mailman, --website, --spreadsheet");
		goto out;
	}
	tld_error_clear(&e);
	if (mm->path != NULL && roster_parse_mailman(mm->data, mm->len, &rmm, &e) < 0)
		roster_problems(probs, "mailman", mm->path, &rmm);
	if (web->path != NULL && roster_parse_website(web->data, web->len, &rweb,
	    &e) < 0)
		roster_problems(probs, "website", web->path, &rweb);
	if (sheet->path != NULL && roster_parse_spreadsheet(sheet->data,
	    sheet->len, &rsheet, &e) < 0)
		roster_problems(probs, "spreadsheet", sheet->path, &rsheet);
	if ((rc = repo_load(ctx, mm->path != NULL, &r, err)) < 0)
		goto out;
	if (web->path != NULL)
		iweb = resolve_all(&r, &rweb, "website", web->path, probs);
	if (sheet->path != NULL)
		isheet = resolve_all(&r, &rsheet, "spreadsheet", sheet->path, probs);
	if (json_array_size(probs) > 0) {
		sort_problems(probs);
		rc = tld_error_set(err, TLD_EINVAL, "", "%zu bad line%s: nothing "
		    "was compared", json_array_size(probs),
		    json_array_size(probs) == 1 ? "" : "s");
		*problems = probs;
		probs = NULL;
		goto out;
	}
	rep = json_array();
	if (mm->path != NULL)
		compare_mailman(&r, &rmm, mm->path, rep);
	if (web->path != NULL)
		compare_website(&r, &rweb, iweb, web->path, rep);
	if (sheet->path != NULL)
		compare_spreadsheet(&r, &rsheet, isheet, sheet->path, rep);
	*out = rep;
	rc = (int)json_array_size(rep);
out:
	json_decref(probs);
	free(iweb);
	free(isheet);
	repo_fini(&r);
	roster_fini(&rmm);
	roster_fini(&rweb);
	roster_fini(&rsheet);
	return rc;
}
