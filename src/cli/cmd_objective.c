/* SPDX-License-Identifier: MIT */
/* `tldops objective add|set|edit|list`: the objectives of each meeting. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "service/collateral/objectives.h"

static const char ADD_USAGE[] = "objective add --meeting NAME --text T "
    "[--target-members +N|N | --target-contacts +N|N | --target-milestone I:M]";
static const char SET_USAGE[] = "objective set ID met|missed|open";
static const char EDIT_USAGE[] = "objective edit ID --text T";
static const char LIST_USAGE[] = "objective list [--meeting NAME] [--json]";
static const char SYNOPSIS[] = "objective add|set|edit|list ...";

static const struct cli_opt objective_add_opts[] = {
	{ "meeting", required_argument, 'm', "NAME",
	    "the meeting (required; see meeting list)" },
	{ "text", required_argument, 't', "TEXT",
	    "the objective (required)" },
	{ "target-members", required_argument, 'M', "+N|N",
	    "measured: N more member ccTLDs than at the meeting, or at least N" },
	{ "target-contacts", required_argument, 'C', "+N|N",
	    "measured: N more contacts than at the meeting, or at least N" },
	{ "target-milestone", required_argument, 'S', "I:M",
	    "measured: milestone M of initiative I done" },
	CLI_OPT_END,
};

static const struct cli_help objective_add_help = {
	ADD_USAGE,
	"Set an objective for a meeting.  Prints its id.",
	objective_add_opts,
	NULL,
	"objective add --meeting ICANN85 --text \"Two new members "
	    "from AP\"",
};

static int
objective_add(const struct cli_globals *g, int argc, char **argv)
{
	const char *meeting = NULL, *text = NULL, *measure = NULL, *value = NULL;
	struct objective o;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc, targets = 0;

	while ((ch = cli_getopt(argc, argv, objective_add_opts)) != -1) {
		switch (ch) {
		case 'm': meeting = optarg; break;
		case 't': text = optarg; break;
		case 'M': measure = "members"; value = optarg; targets++; break;
		case 'C': measure = "contacts"; value = optarg; targets++; break;
		case 'S': measure = "milestone"; value = optarg; targets++; break;
		default: return cli_usage(ADD_USAGE, NULL);
		}
	}
	if (optind != argc || meeting == NULL || text == NULL)
		return cli_usage(ADD_USAGE, "--meeting and --text are required");
	if (targets > 1)
		return cli_usage(ADD_USAGE, "an objective has one target");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = objectives_add_target(&ctx, meeting, text, measure, value, &o, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%" PRId64 "\n", o.id);
	return EXIT_OK;
}

static const struct cli_help objective_set_help = {
	SET_USAGE,
	"Say whether an objective was met.",
	NULL,
	"ID     the objective's id\nSTATE  met, missed or open",
	"objective set 1 met",
};

static int
objective_set(const struct cli_globals *g, int argc, char **argv)
{
	struct objective o;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int rc;

	if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-')
		return cli_usage(SET_USAGE, NULL);
	if (!cli_parse_id(argv[1], &id)) {
		fprintf(stderr, "error: id: \"%.20s\" is not an objective's "
		    "number\n", argv[1]);
		return EXIT_FAIL;
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = objectives_set(&ctx, id, argv[2], &o, &err);
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_opt objective_edit_opts[] = {
	{ "text", required_argument, 't', "TEXT",
	    "the objective's new text (required)" },
	CLI_OPT_END,
};

static const struct cli_help objective_edit_help = {
	EDIT_USAGE,
	"Change what an objective says.",
	objective_edit_opts,
	"ID  the objective's id",
	"objective edit 1 --text \"Three new members from AP\"",
};

static int
objective_edit(const struct cli_globals *g, int argc, char **argv)
{
	const char *text = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, objective_edit_opts)) != -1) {
		if (ch != 't')
			return cli_usage(EDIT_USAGE, NULL);
		text = optarg;
	}
	if (optind != argc - 1 || text == NULL)
		return cli_usage(EDIT_USAGE, "give one id and --text");
	if (!cli_parse_id(argv[optind], &id)) {
		fprintf(stderr, "error: id: \"%.20s\" is not an objective's "
		    "number\n", argv[optind]);
		return EXIT_FAIL;
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = objectives_update(&ctx, id, text, NULL, NULL, &err);
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_opt objective_list_opts[] = {
	{ "meeting", required_argument, 'm', "NAME",
	    "only this meeting's objectives" },
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help objective_list_help = {
	LIST_USAGE,
	"List the objectives: id, meeting, state, text.",
	objective_list_opts,
	NULL,
	"objective list --meeting ICANN85",
};

static int
objective_list(const struct cli_globals *g, int argc, char **argv)
{
	const char *meeting = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list;
	int ch, rc, json = 0;

	while ((ch = cli_getopt(argc, argv, objective_list_opts)) != -1) {
		switch (ch) {
		case 'm': meeting = optarg; break;
		case 'j': json = 1; break;
		default: return cli_usage(LIST_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(LIST_USAGE, NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = objectives_list(&ctx, meeting, &list, &err)) == 0) {
		if (json)
			print_json(stdout, list);
		else
			print_objectives(stdout, list);
		json_decref(list);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

const struct cli_sub cli_objective_subs[] = {
	{ "add", objective_add, &objective_add_help },
	{ "set", objective_set, &objective_set_help },
	{ "edit", objective_edit, &objective_edit_help },
	{ "list", objective_list, &objective_list_help },
	{ NULL, NULL, NULL },
};

int
cmd_objective(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_objective_subs,
	    SYNOPSIS);
}
