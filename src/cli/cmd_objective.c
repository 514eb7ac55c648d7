/* SPDX-License-Identifier: MIT */
/* `tldops objective add|set|list`: the objectives of each meeting. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "service/collateral/objectives.h"

static const char ADD_USAGE[] = "objective add --meeting NAME --text T";
static const char SET_USAGE[] = "objective set ID met|missed|open";
static const char LIST_USAGE[] = "objective list [--meeting NAME] [--json]";
static const char SYNOPSIS[] = "objective add|set|list ...";

static int
objective_add(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "meeting", required_argument, NULL, 'm' },
		{ "text", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *meeting = NULL, *text = NULL;
	struct objective o;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm': meeting = optarg; break;
		case 't': text = optarg; break;
		default: return cli_usage(ADD_USAGE, NULL);
		}
	}
	if (optind != argc || meeting == NULL || text == NULL)
		return cli_usage(ADD_USAGE, "--meeting and --text are required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = objectives_add(&ctx, meeting, text, &o, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%" PRId64 "\n", o.id);
	return EXIT_OK;
}

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

static int
objective_list(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "meeting", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *meeting = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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

int
cmd_objective(const struct cli_globals *g, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "add", objective_add }, { "set", objective_set },
		{ "list", objective_list },
	};

	return cli_dispatch(g, argc, argv, subs, sizeof(subs) / sizeof(subs[0]),
	    SYNOPSIS);
}
