/* SPDX-License-Identifier: MIT */
/*
 * Shared by the committee's planning pages (pages_plan.c, pages_meetings.c,
 * pages_initiative.c, pages_event.c) only: reading the services' JSON,
 * the pages' navigation, the milestone timeline as a figure, and the small
 * POST forms that change things.
 *
 * A form posts to its own route; the router has checked the role and the
 * CSRF token.  The handler calls the service function the CLI calls and
 * either redirects (POST-redirect-GET) or, when the service refuses,
 * shows the page of the form again with the refusal above it, the field
 * it names marked aria-invalid and what was typed kept (plan_answer()).
 */
#ifndef TLD_WEB_PLAN_H
#define TLD_WEB_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/error.h"
#include "web/page.h"
#include "web/req.h"

/* The day of the ISO time o[key], "2026-11-27" ("" for null), in out. */
const char *plan_day(const json_t *o, const char *key, char out[11]);
/* A JSON array of strings as "a, b, c" (or "—"), in out (reset first). */
void plan_join_strings(const json_t *a, struct buf *out);
/* The links between the committee's pages. */
void plan_nav(struct buf *b);
/* A service failure inside a section (the rest of the page still shows). */
void plan_section_error(struct buf *b, const struct tld_error *err);
/*
 * The milestone timeline (service/timeline.h) of initiatives over
 * meetings (meetings_list_json()), at now, as a <figure>.
 */
void plan_timeline(struct buf *b, const json_t *meetings,
    const json_t *initiatives);

/* ---- forms --------------------------------------------------------------- */

/* PLAN_FILE: a file to upload (its form is sent multipart/form-data). */
enum plan_input { PLAN_TEXT, PLAN_SELECT, PLAN_HIDDEN, PLAN_FILE };

struct plan_field {
	const char *name;       /* the form field: the service's error field */
	const char *label;      /* NULL for PLAN_HIDDEN */
	enum plan_input kind;
	bool required;
	size_t maxlength;       /* 0: none */
	const char *value;      /* shown when nothing was typed; may be NULL */
	const char *hint;       /* placeholder, e.g. "YYYY-MM-DD"; may be NULL */
	const char *const *options; /* PLAN_SELECT: the values */
	const char *const *option_labels; /* what each shows; NULL: the values */
	size_t noptions;
};

struct plan_form {
	const char *id;         /* unique on the page; the fields' ids start with it */
	const char *heading;    /* an h3 above it, or NULL */
	const char *action;     /* the POST path (already URL-encoded) */
	const char *button;
	const struct plan_field *fields;
	size_t nfields;
	bool inline_form;       /* a one-button form in a table cell */
};

/* A refused form: which one, what was typed and why.  All borrowed. */
struct plan_state {
	const char *form;       /* a plan_form id, or NULL: nothing refused */
	const struct form *given;
	const struct tld_error *err;
};

/* The refusal of form `id`, if st names it: an alert naming the field. */
void plan_alert(struct buf *b, const char *id, const struct plan_state *st);
/* The form, with the refusal if st names it (st may be NULL). */
void plan_form_render(struct web_req *rq, struct buf *b,
    const struct plan_form *f, const struct plan_state *st);

/* The page's status: 200, or the status of the refusal it shows. */
int plan_status(const struct plan_state *st);

/* Shows the page of a form again, with st. */
typedef void (*plan_render)(struct web_req *rq, const struct plan_state *st);

/*
 * Answer a form's POST after its service call returned rc with err:
 * 303 to `where` when it worked; the page again (render) with the refusal
 * of form `form` when the service refused it; the error page for an
 * internal error.
 */
void plan_answer(struct web_req *rq, struct web_resp *rs, int rc,
    const struct tld_error *err, const char *form, const char *where,
    plan_render render);

/* The change a record's form asks for (an index into its table), on record id. */
typedef int (*plan_change_run)(struct web_req *rq, int64_t id, int change,
    struct tld_error *err);

/* One form that changes a record. */
struct plan_change {
	const char *route;      /* "lead": POST <base>/{id}/lead */
	const char *form;       /* the plan_form id: where a refusal shows */
	const char *anchor;     /* where the page is shown after it */
};

/*
 * The POST of a form that changes one record (an initiative, an event):
 * the change whose route is the matched route's last path segment, the
 * record's id from the path ({id}; else a 404 naming `what`), then
 * run(), then plan_answer() with the page `base`/ID#anchor.
 */
void plan_apply_change(struct web_req *rq, struct web_resp *rs,
    const char *what, const char *base, const struct plan_change *changes,
    size_t nchanges, plan_change_run run, plan_render render);

/*
 * Split text into words at blanks and commas: what the CLI takes as
 * several arguments, typed into one field (ccTLDs, languages).  At most
 * max words go to words[], pointing into *copy, which the caller frees
 * (set also on failure).  No word, or more than max, is refused naming
 * field; `what` names one word in the message ("ccTLD").  Returns the
 * count or a negative TLD_E code.
 */
int plan_words(const char *text, const char *field, const char *what,
    char **copy, char **words, size_t max, struct tld_error *err);

/*
 * A record's documents and the form that adds one (an initiative's
 * deliverables, an event's materials).  The form's first field is a
 * select of the documents with a live version (any visibility: committee
 * pages only), "Title (slug: en, fr)"; extra fields follow it.
 */
struct plan_docs_section {
	const char *id;         /* the section's anchor, "materials" */
	const char *title;      /* its heading, "Materials" */
	const char *empty;      /* "No materials yet." */
	const char *form;       /* the plan_form id, "material" */
	const char *heading;    /* the form's heading, "Add a material" */
	const char *button;     /* "Add the material" */
	const struct plan_field *extra;
	size_t nextra;          /* at most PLAN_DOCS_EXTRA_MAX */
};
#define PLAN_DOCS_EXTRA_MAX 3

/*
 * Draw sec: list holds the documents as slugs, or as objects with "slug"
 * and "lang" (a link to that language); the form posts to action.
 */
void plan_docs_section(struct web_req *rq, struct buf *b,
    const struct plan_docs_section *sec, const json_t *list,
    const char *action, const struct plan_state *st);

/* A form value, "" when absent (borrowed). */
const char *plan_arg(struct web_req *rq, const char *name);
/* A form value, NULL when absent or blank (an optional field). */
const char *plan_opt(struct web_req *rq, const char *name);

#endif
