/* SPDX-License-Identifier: MIT */
/*
 * The committee's small POST forms (web/plan.h): each drawn from a table
 * of fields, with its CSRF field, a label for every input, and, when the
 * service refused it, the refusal naming the field above it, that field
 * aria-invalid and what was typed kept; and the one way a form's POST is
 * answered.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/collateral/documents.h"
#include "util/json_util.h"
#include "util/xalloc.h"
#include "web/html.h"
#include "web/plan.h"
#include "web/resp.h"

const char *
plan_arg(struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->form, name);

	return v != NULL ? v : "";
}

const char *
plan_opt(struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->form, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

int
plan_words(const char *text, const char *field, const char *what,
    char **copy, char **words, size_t max, struct tld_error *err)
{
	size_t n = 0;
	char *p;

	*copy = xstrdup(text);
	for (p = *copy; *p != '\0';) {
		size_t len = strcspn(p, " \t\r\n,");

		if (len == 0) {
			p++;
			continue;
		}
		if (n == max)
			return tld_error_set(err, TLD_EINVAL, field, "at most %zu "
			    "%ss at once", max, what);
		words[n++] = p;
		p += len;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (n == 0)
		return tld_error_set(err, TLD_EINVAL, field, "name at least one %s",
		    what);
	return (int)n;
}

/* The documents with a live version, one per slug, as a select's options. */
struct plan_docs {
	json_t *list;           /* documents_list(): one per slug and language */
	json_t *labels;         /* the labels' storage */
	const char **slugs;
	const char **option_labels;
	size_t n;
};

static int
plan_docs_init(struct web_req *rq, struct plan_docs *d, struct tld_error *err)
{
	struct buf label;
	const json_t *e;
	size_t k;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = documents_list(rq->ctx, DOC_ROLE_COMMITTEE, false, &d->list,
	    err)) < 0)
		return rc;
	d->labels = json_array();
	d->slugs = xcalloc(json_array_size(d->list) + 1, sizeof(*d->slugs));
	d->option_labels = xcalloc(json_array_size(d->list) + 1,
	    sizeof(*d->option_labels));
	buf_init(&label);
	/* One entry per slug and language, a slug's languages side by side. */
	json_array_foreach(d->list, k, e) {
		const char *slug = json_str(e, "slug");
		bool same = d->n > 0 && strcmp(d->slugs[d->n - 1], slug) == 0;

		if (same) {
			buf_truncate(&label, label.len - 1);
			buf_printf(&label, ", %s)", json_str(e, "lang"));
			json_array_set_new(d->labels, d->n - 1,
			    json_string(buf_str(&label)));
		} else {
			buf_reset(&label);
			buf_printf(&label, "%s (%s: %s)", json_str(e, "title"), slug,
			    json_str(e, "lang"));
			json_array_append_new(d->labels, json_string(buf_str(&label)));
			d->slugs[d->n++] = slug;
		}
	}
	buf_fini(&label);
	for (k = 0; k < d->n; k++)
		d->option_labels[k] = json_string_value(json_array_get(d->labels,
		    k));
	return 0;
}

static void
plan_docs_fini(struct plan_docs *d)
{
	free(d->slugs);
	free(d->option_labels);
	json_decref(d->labels);
	json_decref(d->list);
	memset(d, 0, sizeof(*d));
}

static void
plan_doc_link(struct buf *b, const struct plan_docs *d, const char *slug,
    const char *lang)
{
	const char *title = slug;
	struct buf href;
	const json_t *e;
	size_t k;

	/* Without a language, /docs/{slug} serves English first. */
	json_array_foreach(d->list, k, e) {
		const char *l = json_str(e, "lang");

		if (strcmp(json_str(e, "slug"), slug) != 0 || (lang != NULL &&
		    strcmp(l, lang) != 0))
			continue;
		if (title == slug || strcmp(l, "en") == 0)
			title = json_str(e, "title");
		if (lang != NULL || strcmp(l, "en") == 0)
			break;
	}
	buf_init(&href);
	buf_puts(&href, "/docs/");
	url_encode(&href, slug);
	if (lang != NULL) {
		buf_puts(&href, "?lang=");
		url_encode(&href, lang);
	}
	html_printf(b, "<a href=\"%s\">%s</a> <span class=\"meta\">(%s",
	    buf_str(&href), title, slug);
	if (lang != NULL)
		html_printf(b, ", %s", lang);
	buf_puts(b, ")</span>");
	buf_fini(&href);
}

void
plan_docs_section(struct web_req *rq, struct buf *b,
    const struct plan_docs_section *sec, const json_t *list,
    const char *action, const struct plan_state *st)
{
	struct plan_field fields[1 + PLAN_DOCS_EXTRA_MAX];
	struct plan_docs docs;
	struct tld_error err;
	const json_t *v;
	bool listed;
	size_t k, n = sec->nextra < PLAN_DOCS_EXTRA_MAX ? sec->nextra :
	    PLAN_DOCS_EXTRA_MAX;

	html_printf(b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n",
	    sec->id, sec->id, sec->title);
	tld_error_clear(&err);
	if (!(listed = plan_docs_init(rq, &docs, &err) >= 0))
		plan_section_error(b, &err);
	if (json_array_size(list) == 0)
		html_printf(b, "<p>%s</p>\n", sec->empty);
	else
		buf_puts(b, "<ul>\n");
	json_array_foreach(list, k, v) {
		buf_puts(b, "<li>");
		if (json_is_string(v))
			plan_doc_link(b, &docs, json_string_value(v), NULL);
		else
			plan_doc_link(b, &docs, json_str(v, "slug"),
			    json_str(v, "lang"));
		buf_puts(b, "</li>\n");
	}
	if (json_array_size(list) > 0)
		buf_puts(b, "</ul>\n");
	fields[0] = (struct plan_field){ .name = "doc", .label = "Document",
	    .kind = PLAN_SELECT, .required = true, .options = docs.slugs,
	    .option_labels = docs.option_labels, .noptions = docs.n };
	for (k = 0; k < n; k++)
		fields[1 + k] = sec->extra[k];
	if (docs.n > 0) {
		const struct plan_form f = { sec->form, sec->heading, action,
		    sec->button, fields, 1 + n, false };

		plan_form_render(rq, b, &f, st);
	} else {
		plan_alert(b, sec->form, st);
		if (listed)
			buf_puts(b, "<p>There are no documents yet: add one with "
			    "<kbd>tldops doc add</kbd>.</p>\n");
	}
	plan_docs_fini(&docs);
	buf_puts(b, "</section>\n");
}

static void
field_input(struct buf *b, const struct plan_form *f,
    const struct plan_field *x, const char *v, bool bad)
{
	if (x->kind == PLAN_HIDDEN) {
		html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n",
		    x->name, v);
		return;
	}
	html_printf(b, "<label for=\"f-%s-%s\">%s</label>\n", f->id, x->name,
	    x->label);
	if (x->kind == PLAN_SELECT)
		html_printf(b, "<select id=\"f-%s-%s\" name=\"%s\"", f->id, x->name,
		    x->name);
	else if (x->kind == PLAN_FILE)
		html_printf(b, "<input id=\"f-%s-%s\" name=\"%s\" type=\"file\"",
		    f->id, x->name, x->name);
	else
		html_printf(b, "<input id=\"f-%s-%s\" name=\"%s\" value=\"%s\"",
		    f->id, x->name, x->name, v);
	if (x->required)
		buf_puts(b, " required");
	if (x->maxlength > 0 && x->kind == PLAN_TEXT)
		html_printf(b, " maxlength=\"%zu\"", x->maxlength);
	if (x->hint != NULL)
		html_printf(b, " placeholder=\"%s\"", x->hint);
	if (bad)
		html_printf(b, " aria-invalid=\"true\" aria-describedby=\"%s-error\"",
		    f->id);
	buf_puts(b, ">\n");
	if (x->kind != PLAN_SELECT)
		return;
	for (size_t o = 0; o < x->noptions; o++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>\n", x->options[o],
		    strcmp(x->options[o], v) == 0 ? " selected" : "",
		    x->option_labels != NULL ? x->option_labels[o] : x->options[o]);
	buf_puts(b, "</select>\n");
}

void
plan_alert(struct buf *b, const char *id, const struct plan_state *st)
{
	if (st == NULL || st->form == NULL || st->err == NULL ||
	    strcmp(st->form, id) != 0)
		return;
	if (st->err->field[0] != '\0')
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"%s-error\">"
		    "%s: %s</p>\n", id, st->err->field, st->err->message);
	else
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"%s-error\">"
		    "%s</p>\n", id, st->err->message);
}

void
plan_form_render(struct web_req *rq, struct buf *b, const struct plan_form *f,
    const struct plan_state *st)
{
	bool is_refused = st != NULL && st->form != NULL && st->err != NULL &&
	    strcmp(st->form, f->id) == 0;
	bool multipart = false;

	if (f->heading != NULL)
		html_printf(b, "<h3 id=\"%s\">%s</h3>\n", f->id, f->heading);
	plan_alert(b, f->id, st);
	for (size_t i = 0; i < f->nfields; i++)
		multipart = multipart || f->fields[i].kind == PLAN_FILE;
	html_printf(b, "<form method=\"post\" action=\"%s\" class=\"%s\"",
	    f->action, f->inline_form ? "inline" : "stack");
	buf_puts(b, multipart ? " enctype=\"multipart/form-data\">\n" : ">\n");
	page_csrf_field(rq, b);
	for (size_t i = 0; i < f->nfields; i++) {
		const struct plan_field *x = &f->fields[i];
		const char *v = is_refused ? form_get(st->given, x->name) : NULL;

		if (v == NULL)
			v = x->value != NULL ? x->value : "";
		field_input(b, f, x, v, is_refused &&
		    strcmp(st->err->field, x->name) == 0);
	}
	html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", f->button);
}

int
plan_status(const struct plan_state *st)
{
	if (st == NULL || st->form == NULL || st->err == NULL)
		return 200;
	return web_status_for(st->err);
}

void
plan_answer(struct web_req *rq, struct web_resp *rs, int rc,
    const struct tld_error *err, const char *form, const char *where,
    plan_render render)
{
	struct plan_state st = { form, &rq->form, err };

	if (rc >= 0) {
		resp_redirect(rs, where);
		return;
	}
	if (web_status_for(err) == 500) {
		page_tld_error(rq, err);
		return;
	}
	render(rq, &st);
}

void
plan_apply_change(struct web_req *rq, struct web_resp *rs, const char *what,
    const char *base, const struct plan_change *changes, size_t nchanges,
    plan_change_run run, plan_render render)
{
	const char *verb = strrchr(rq->route->pattern, '/') + 1;
	struct tld_error err;
	char where[128];
	int64_t id;
	size_t c;
	int rc;

	for (c = 0; c < nchanges && strcmp(changes[c].route, verb) != 0; c++)
		;
	if (c == nchanges) {
		/* A route in the table without its change: a programming error. */
		page_message(rq, 500, "Internal error", "This form is not known.");
		return;
	}
	if (!page_param_id(rq, what, &id))
		return;
	snprintf(where, sizeof(where), "%s/%" PRId64 "#%s", base, id,
	    changes[c].anchor);
	tld_error_clear(&err);
	rc = run(rq, id, (int)c, &err);
	plan_answer(rq, rs, rc, &err, changes[c].form, where, render);
}
