/* SPDX-License-Identifier: MIT */
/* `tldops event ...`: outreach events (docs/meetings.md). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "service/planning/events.h"
#include "util/xalloc.h"

static const char ADD_USAGE[] =
    "event add --title T --date YYYY-MM-DD --place P [--organiser ORG]";
static const char INVITE_USAGE[] = "event invite ID CODE...";
static const char PRESENTER_USAGE[] =
    "event presenter ID NAME --mode in-person|remote";
static const char MATERIAL_USAGE[] =
    "event material ID --doc SLUG --lang L[,L...] [--lang L...]";
static const char OUTCOME_USAGE[] =
    "event outcome ID CODE joined|interested|declined";
static const char LIST_USAGE[] = "event list [--json]";
static const char SHOW_USAGE[] = "event show ID [--json]";

/* An event's id; prints the error. */
#define PARSE_EVENT(s, id) \
	cli_parse_id_arg("event", "an event's number", (s), (id))

static const char SYNOPSIS[] =
    "event add|invite|presenter|material|outcome|list|show ...";

#define MATERIAL_LANGS_MAX 32

static const struct cli_opt event_add_opts[] = {
	{ "title", required_argument, 't', "TITLE",
	    "the event's title (required)" },
	{ "date", required_argument, 'd', "YYYY-MM-DD",
	    "its day (required)" },
	{ "place", required_argument, 'p', "PLACE",
	    "where (required)" },
	{ "organiser", required_argument, 'o', "ORG",
	    "who organises it" },
	CLI_OPT_END,
};

static const struct cli_help event_add_help = {
	ADD_USAGE,
	"Add an outreach event (a workshop, a regional meeting).  "
	    "Prints its id.",
	event_add_opts,
	NULL,
	"event add --title \"AFTLD workshop\" --date 2026-05-12 "
	    "--place Nairobi --organiser AFTLD",
};

static int
event_add(const struct cli_globals *g, int argc, char **argv)
{
	const char *title = NULL, *date = NULL, *place = NULL, *org = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id = 0;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, event_add_opts)) != -1) {
		switch (ch) {
		case 't': title = optarg; break;
		case 'd': date = optarg; break;
		case 'p': place = optarg; break;
		case 'o': org = optarg; break;
		default: return cli_usage(ADD_USAGE, NULL);
		}
	}
	if (optind != argc || title == NULL || date == NULL || place == NULL)
		return cli_usage(ADD_USAGE, "--title, --date and --place are "
		    "required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = events_add(&ctx, title, date, place, org, &id, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%" PRId64 "\n", id);
	return EXIT_OK;
}

/* What a change command runs once the repository is open. */
struct change {
	int kind;
	int64_t id;
	const char *a, *b;
	char **list;
	size_t n;
};
enum { CH_INVITE, CH_PRESENTER, CH_MATERIAL, CH_OUTCOME };

static int
apply(const struct cli_globals *g, const struct change *c)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	switch (c->kind) {
	case CH_INVITE:
		rc = events_invite(&ctx, c->id, c->list, c->n, &err);
		break;
	case CH_PRESENTER:
		rc = events_presenter(&ctx, c->id, c->a, c->b, &err);
		break;
	case CH_MATERIAL:
		rc = events_material(&ctx, c->id, c->a, c->list, c->n, &err);
		break;
	default:
		rc = events_outcome(&ctx, c->id, c->a, c->b, &err);
		break;
	}
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (c->kind == CH_INVITE)
		cli_done(g, NULL, "event %" PRId64 ": %zu ccTLD%s invited", c->id,
		    c->n, c->n == 1 ? "" : "s");
	else if (c->kind == CH_OUTCOME)
		cli_done(g, NULL, "event %" PRId64 ": .%s %s", c->id, c->a, c->b);
	else
		cli_done(g, NULL, "event %" PRId64 " changed", c->id);
	return EXIT_OK;
}

static const struct cli_help event_invite_help = {
	INVITE_USAGE,
	"Invite ccTLDs to an event: their joins after its day are "
	    "counted for it.",
	NULL,
	"ID       the event's id\nCODE...  one or more ccTLDs",
	"event invite 1 ke tz ug",
};

static int
event_invite(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_INVITE };

	if (argc < 3 || argv[1][0] == '-')
		return cli_usage(INVITE_USAGE, NULL);
	if (PARSE_EVENT(argv[1], &c.id) < 0)
		return EXIT_FAIL;
	c.list = argv + 2;
	c.n = (size_t)argc - 2;
	return apply(g, &c);
}

static const struct cli_opt event_presenter_opts[] = {
	{ "mode", required_argument, 'm', "MODE",
	    "in-person or remote (required)" },
	CLI_OPT_END,
};

static const struct cli_help event_presenter_help = {
	PRESENTER_USAGE,
	"Add a presenter, or change how one presents.",
	event_presenter_opts,
	"ID    the event's id\nNAME  the presenter",
	"event presenter 1 \"Jacques Latour\" --mode remote",
};

static int
event_presenter(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_PRESENTER };
	int ch;

	while ((ch = cli_getopt(argc, argv, event_presenter_opts)) != -1) {
		switch (ch) {
		case 'm': c.b = optarg; break;
		default: return cli_usage(PRESENTER_USAGE, NULL);
		}
	}
	if (optind + 2 != argc || c.b == NULL)
		return cli_usage(PRESENTER_USAGE, "an ID, a NAME and --mode are "
		    "required");
	if (PARSE_EVENT(argv[optind], &c.id) < 0)
		return EXIT_FAIL;
	c.a = argv[optind + 1];
	return apply(g, &c);
}

static const struct cli_opt event_material_opts[] = {
	{ "doc", required_argument, 'd', "SLUG",
	    "the document (required; see doc list)" },
	{ "lang", required_argument, 'l', "LANGS",
	    "its languages used, with commas; may be repeated "
	    "(required)" },
	CLI_OPT_END,
};

static const struct cli_help event_material_help = {
	MATERIAL_USAGE,
	"Record the documents an event used, in which languages.",
	event_material_opts,
	"ID  the event's id",
	"event material 1 --doc ddos-mitigation --lang en,fr",
};

static int
event_material(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_MATERIAL };
	char *langs[MATERIAL_LANGS_MAX], *copies[MATERIAL_LANGS_MAX];
	size_t ncopies = 0;
	int ch, rc = EXIT_USAGE;

	c.list = langs;
	while ((ch = cli_getopt(argc, argv, event_material_opts)) != -1) {
		switch (ch) {
		case 'd':
			c.a = optarg;
			break;
		case 'l': {
			/* --lang en,fr,es and --lang en --lang fr alike. */
			char *copy = xstrdup(optarg), *p = copy, *comma;

			if (ncopies == MATERIAL_LANGS_MAX) {
				free(copy);
				rc = cli_usage(MATERIAL_USAGE, "at most %d languages",
				    MATERIAL_LANGS_MAX);
				goto out;
			}
			copies[ncopies++] = copy;
			do {
				if ((comma = strchr(p, ',')) != NULL)
					*comma = '\0';
				if (c.n == MATERIAL_LANGS_MAX) {
					rc = cli_usage(MATERIAL_USAGE, "at most %d "
					    "languages", MATERIAL_LANGS_MAX);
					goto out;
				}
				langs[c.n++] = p;
				p = comma + 1;
			} while (comma != NULL);
			break;
		}
		default:
			rc = cli_usage(MATERIAL_USAGE, NULL);
			goto out;
		}
	}
	if (optind + 1 != argc || c.a == NULL || c.n == 0) {
		rc = cli_usage(MATERIAL_USAGE, "an ID, --doc and --lang are "
		    "required");
		goto out;
	}
	if (PARSE_EVENT(argv[optind], &c.id) < 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	rc = apply(g, &c);
out:
	for (size_t i = 0; i < ncopies; i++)
		free(copies[i]);
	return rc;
}

static const struct cli_help event_outcome_help = {
	OUTCOME_USAGE,
	"Record what came of inviting a ccTLD.",
	NULL,
	"ID       the event's id\nCODE     the ccTLD\nOUTCOME  "
	    "joined, interested or declined",
	"event outcome 1 ke interested",
};

static int
event_outcome(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_OUTCOME };

	if (argc != 4 || argv[1][0] == '-')
		return cli_usage(OUTCOME_USAGE, NULL);
	if (PARSE_EVENT(argv[1], &c.id) < 0)
		return EXIT_FAIL;
	c.a = argv[2];
	c.b = argv[3];
	return apply(g, &c);
}

static const struct cli_listing events_listing = {
	LIST_USAGE, SHOW_USAGE, "event", "an event's number",
	print_events, print_event, events_list_json, events_show_json,
};

static int
listing(const struct cli_globals *g, int argc, char **argv, bool show)
{
	return cli_listing_run(g, argc, argv, show, &events_listing);
}

static const struct cli_help event_list_help = {
	LIST_USAGE,
	"List the events by date with invitations and joins since.",
	cli_json_opts,
	NULL,
	"event list",
};

static int
event_list(const struct cli_globals *g, int argc, char **argv)
{
	return listing(g, argc, argv, false);
}

static const struct cli_help event_show_help = {
	SHOW_USAGE,
	"One event: presenters, materials, and each invited ccTLD "
	    "with its outcome.",
	cli_json_opts,
	"ID  the event's id",
	"event show 1",
};

static int
event_show(const struct cli_globals *g, int argc, char **argv)
{
	return listing(g, argc, argv, true);
}

const struct cli_sub cli_event_subs[] = {
	{ "add", event_add, &event_add_help },
	{ "invite", event_invite, &event_invite_help },
	{ "presenter", event_presenter, &event_presenter_help },
	{ "material", event_material, &event_material_help },
	{ "outcome", event_outcome, &event_outcome_help },
	{ "list", event_list, &event_list_help },
	{ "show", event_show, &event_show_help },
	{ NULL, NULL, NULL },
};

int
cmd_event(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_event_subs,
	    SYNOPSIS);
}
