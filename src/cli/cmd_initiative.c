/* SPDX-License-Identifier: MIT */
/* `tldops initiative ...`: the committee's initiatives (docs/meetings.md). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "service/planning/initiatives.h"

static const char ADD_USAGE[] =
    "initiative add --title T --kind workshop|playbook|outreach|other";
static const char LEAD_USAGE[] = "initiative lead ID NAME";
static const char TEAM_USAGE[] = "initiative team ID add|remove NAME";
static const char MILESTONE_USAGE[] =
    "initiative milestone ID --text T --due MEETING";
static const char DONE_USAGE[] = "initiative milestone-done ID MID";
static const char STATE_USAGE[] =
    "initiative state ID active|paused|stopped|done --note N";
static const char DELIVERABLE_USAGE[] = "initiative deliverable ID --doc SLUG";
static const char LIST_USAGE[] = "initiative list [--json]";
static const char SHOW_USAGE[] = "initiative show ID [--json]";
static const char SYNOPSIS[] = "initiative add|lead|team|milestone|"
    "milestone-done|state|deliverable|list|show ...";

#define PARSE_INITIATIVE(s, id) \
	cli_parse_id_arg("initiative", "an initiative's number", (s), (id))

/* Open, run the change, close: exit status. */
struct change {
	int kind;
	int64_t id, number;
	const char *a, *b;
	bool add;
};
enum { CH_LEAD, CH_TEAM, CH_MILESTONE, CH_DONE, CH_STATE, CH_DELIVERABLE };

static int
apply(const struct cli_globals *g, struct change *c)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	switch (c->kind) {
	case CH_LEAD:
		rc = initiatives_lead(&ctx, c->id, c->a, &err);
		break;
	case CH_TEAM:
		rc = initiatives_team(&ctx, c->id, c->add, c->a, &err);
		break;
	case CH_MILESTONE:
		rc = initiatives_milestone(&ctx, c->id, c->a, c->b, &c->number,
		    &err);
		break;
	case CH_DONE:
		rc = initiatives_milestone_done(&ctx, c->id, c->number, &err);
		break;
	case CH_STATE:
		rc = initiatives_state(&ctx, c->id, c->a, c->b, &err);
		break;
	default:
		rc = initiatives_deliverable(&ctx, c->id, c->a, &err);
		break;
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_opt initiative_add_opts[] = {
	{ "title", required_argument, 't', "TITLE",
	    "the title (required)" },
	{ "kind", required_argument, 'k', "KIND",
	    "workshop, playbook, outreach or other (required)" },
	CLI_OPT_END,
};

static const struct cli_help initiative_add_help = {
	ADD_USAGE,
	"Start an initiative (active, no lead yet).  Prints its id.",
	initiative_add_opts,
	NULL,
	"initiative add --title \"DDoS playbook\" --kind playbook",
};

static int
initiative_add(const struct cli_globals *g, int argc, char **argv)
{
	const char *title = NULL, *kind = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id = 0;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, initiative_add_opts)) != -1) {
		switch (ch) {
		case 't': title = optarg; break;
		case 'k': kind = optarg; break;
		default: return cli_usage(ADD_USAGE, NULL);
		}
	}
	if (optind != argc || title == NULL || kind == NULL)
		return cli_usage(ADD_USAGE, "--title and --kind are required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = initiatives_add(&ctx, title, kind, &id, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%" PRId64 "\n", id);
	return EXIT_OK;
}

static const struct cli_help initiative_lead_help = {
	LEAD_USAGE,
	"Name an initiative's lead.",
	NULL,
	"ID    the initiative's id\nNAME  the lead",
	"initiative lead 1 \"Jacques Latour\"",
};

static int
initiative_lead(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_LEAD };

	if (argc != 3 || argv[1][0] == '-')
		return cli_usage(LEAD_USAGE, NULL);
	if (PARSE_INITIATIVE(argv[1], &c.id) < 0)
		return EXIT_FAIL;
	c.a = argv[2];
	return apply(g, &c);
}

static const struct cli_help initiative_team_help = {
	TEAM_USAGE,
	"Add someone to an initiative's team or remove them.",
	NULL,
	"ID    the initiative's id\nNAME  the team member",
	"initiative team 1 add \"Barbara Povše\"",
};

static int
initiative_team(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_TEAM };

	if (argc != 4 || argv[1][0] == '-' || (strcmp(argv[2], "add") != 0 &&
	    strcmp(argv[2], "remove") != 0))
		return cli_usage(TEAM_USAGE, NULL);
	if (PARSE_INITIATIVE(argv[1], &c.id) < 0)
		return EXIT_FAIL;
	c.add = strcmp(argv[2], "add") == 0;
	c.a = argv[3];
	return apply(g, &c);
}

static const struct cli_opt initiative_milestone_opts[] = {
	{ "text", required_argument, 't', "TEXT",
	    "what is to be reached (required)" },
	{ "due", required_argument, 'd', "MEETING",
	    "the meeting it is due by (required)" },
	CLI_OPT_END,
};

static const struct cli_help initiative_milestone_help = {
	MILESTONE_USAGE,
	"Add a milestone due by a meeting.",
	initiative_milestone_opts,
	"ID  the initiative's id",
	"initiative milestone 1 --text \"First draft\" --due ICANN85",
};

static int
initiative_milestone(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_MILESTONE };
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, initiative_milestone_opts)) != -1) {
		switch (ch) {
		case 't': c.a = optarg; break;
		case 'd': c.b = optarg; break;
		default: return cli_usage(MILESTONE_USAGE, NULL);
		}
	}
	if (optind + 1 != argc || c.a == NULL || c.b == NULL)
		return cli_usage(MILESTONE_USAGE, "an ID, --text and --due are "
		    "required");
	if (PARSE_INITIATIVE(argv[optind], &c.id) < 0)
		return EXIT_FAIL;
	if ((rc = apply(g, &c)) == EXIT_OK)
		printf("%" PRId64 "\n", c.number);
	return rc;
}

static const struct cli_help initiative_done_help = {
	DONE_USAGE,
	"Mark a milestone done.",
	NULL,
	"ID   the initiative's id\nMID  the milestone's number",
	"initiative milestone-done 1 1",
};

static int
initiative_done(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_DONE };

	if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-')
		return cli_usage(DONE_USAGE, NULL);
	if (PARSE_INITIATIVE(argv[1], &c.id) < 0 ||
	    cli_parse_id_arg("milestone", "a milestone's number", argv[2], &c.number) < 0)
		return EXIT_FAIL;
	return apply(g, &c);
}

static const struct cli_opt initiative_state_opts[] = {
	{ "note", required_argument, 'n', "TEXT",
	    "why (required)" },
	CLI_OPT_END,
};

static const struct cli_help initiative_state_help = {
	STATE_USAGE,
	"Move an initiative to active, paused, stopped or done.",
	initiative_state_opts,
	"ID     the initiative's id\nSTATE  active, paused, stopped "
	    "or done",
	"initiative state 1 paused --note \"waiting for the survey\"",
};

static int
initiative_state(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_STATE };
	int ch;

	while ((ch = cli_getopt(argc, argv, initiative_state_opts)) != -1) {
		switch (ch) {
		case 'n': c.b = optarg; break;
		default: return cli_usage(STATE_USAGE, NULL);
		}
	}
	if (optind + 2 != argc || c.b == NULL)
		return cli_usage(STATE_USAGE, "an ID, a state and --note are "
		    "required");
	if (PARSE_INITIATIVE(argv[optind], &c.id) < 0)
		return EXIT_FAIL;
	c.a = argv[optind + 1];
	return apply(g, &c);
}

static const struct cli_opt initiative_deliverable_opts[] = {
	{ "doc", required_argument, 'd', "SLUG",
	    "the document it delivers (required)" },
	CLI_OPT_END,
};

static const struct cli_help initiative_deliverable_help = {
	DELIVERABLE_USAGE,
	"Record a document the initiative delivered.",
	initiative_deliverable_opts,
	"ID  the initiative's id",
	"initiative deliverable 1 --doc ddos-mitigation",
};

static int
initiative_deliverable(const struct cli_globals *g, int argc, char **argv)
{
	struct change c = { .kind = CH_DELIVERABLE };
	int ch;

	while ((ch = cli_getopt(argc, argv, initiative_deliverable_opts)) != -1) {
		switch (ch) {
		case 'd': c.a = optarg; break;
		default: return cli_usage(DELIVERABLE_USAGE, NULL);
		}
	}
	if (optind + 1 != argc || c.a == NULL)
		return cli_usage(DELIVERABLE_USAGE, "an ID and --doc are required");
	if (PARSE_INITIATIVE(argv[optind], &c.id) < 0)
		return EXIT_FAIL;
	return apply(g, &c);
}

static const struct cli_listing initiatives_listing = {
	LIST_USAGE, SHOW_USAGE, "initiative", "an initiative's number",
	print_initiatives, print_initiative, initiatives_list_json,
	initiatives_show_json,
};

static int
listing(const struct cli_globals *g, int argc, char **argv, bool show)
{
	return cli_listing_run(g, argc, argv, show, &initiatives_listing);
}

static const struct cli_help initiative_list_help = {
	LIST_USAGE,
	"List the initiatives with lead, team, milestones and "
	    "flags.",
	cli_json_opts,
	NULL,
	"initiative list",
};

static int
initiative_list(const struct cli_globals *g, int argc, char **argv)
{
	return listing(g, argc, argv, false);
}

static const struct cli_help initiative_show_help = {
	SHOW_USAGE,
	"One initiative: milestones, progress, flags and history.",
	cli_json_opts,
	"ID  the initiative's id",
	"initiative show 1",
};

static int
initiative_show(const struct cli_globals *g, int argc, char **argv)
{
	return listing(g, argc, argv, true);
}

const struct cli_sub cli_initiative_subs[] = {
	{ "add", initiative_add, &initiative_add_help },
	{ "lead", initiative_lead, &initiative_lead_help },
	{ "team", initiative_team, &initiative_team_help },
	{ "milestone", initiative_milestone, &initiative_milestone_help },
	{ "milestone-done", initiative_done, &initiative_done_help },
	{ "state", initiative_state, &initiative_state_help },
	{ "deliverable", initiative_deliverable, &initiative_deliverable_help },
	{ "list", initiative_list, &initiative_list_help },
	{ "show", initiative_show, &initiative_show_help },
	{ NULL, NULL, NULL },
};

int
cmd_initiative(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_initiative_subs,
	    SYNOPSIS);
}
