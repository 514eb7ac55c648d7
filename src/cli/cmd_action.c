/* SPDX-License-Identifier: MIT */
/* `tldops action add|list|close|reopen|note|export`: the action items. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "service/collateral/actions.h"
#include "util/buf.h"

static const char ADD_USAGE[] = "action add --title T [--owner O] [--number N]";
static const char LIST_USAGE[] = "action list [--open|--closed] [--json]";
static const char CLOSE_USAGE[] = "action close N [--note TEXT]";
static const char REOPEN_USAGE[] = "action reopen N";
static const char NOTE_USAGE[] = "action note N TEXT";
static const char EXPORT_USAGE[] = "action export --markdown [--open|--closed]";
static const char SYNOPSIS[] =
    "action add|list|close|reopen|note|export ...";

static int
action_add(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "owner", required_argument, NULL, 'o' },
		{ "number", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *title = NULL, *owner = NULL, *number = NULL;
	struct action_item a;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n = 0;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 't': title = optarg; break;
		case 'o': owner = optarg; break;
		case 'n': number = optarg; break;
		default: return cli_usage(ADD_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(ADD_USAGE, "unexpected argument \"%s\"", argv[optind]);
	if (title == NULL)
		return cli_usage(ADD_USAGE, "--title is required");
	tld_error_clear(&err);
	if (number != NULL && actions_parse_number(number, &n, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = actions_add(&ctx, title, owner, n, &a, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%" PRId64 "\n", a.number);
	return EXIT_OK;
}

/* --open / --closed; -1 on a usage error. */
static int
parse_filter(int argc, char **argv, const struct option *opts,
    enum action_filter *filter, int *flag)
{
	int ch, seen = 0;

	*filter = ACTION_FILTER_ALL;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': *filter = ACTION_FILTER_OPEN; seen++; break;
		case 'c': *filter = ACTION_FILTER_CLOSED; seen++; break;
		case 'f': *flag = 1; break;
		default: return -1;
		}
	}
	return seen > 1 || optind != argc ? -1 : 0;
}

static int
action_list(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "closed", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum action_filter filter;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list;
	int rc, json = 0;

	if (parse_filter(argc, argv, opts, &filter, &json) < 0)
		return cli_usage(LIST_USAGE, NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = actions_list(&ctx, filter, &list, &err)) == 0) {
		if (json)
			print_json(stdout, list);
		else
			print_actions(stdout, list);
		json_decref(list);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static int
action_export(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "closed", no_argument, NULL, 'c' },
		{ "markdown", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum action_filter filter;
	struct tld_ctx ctx;
	struct tld_error err;
	struct buf out;
	int rc, markdown = 0;

	if (parse_filter(argc, argv, opts, &filter, &markdown) < 0 || !markdown)
		return cli_usage(EXPORT_USAGE, markdown ? NULL :
		    "--markdown is the format there is");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	buf_init(&out);
	rc = actions_markdown(&ctx, filter, &out, &err);
	cli_close(&ctx);
	if (rc == 0)
		fputs(buf_str(&out), stdout);
	buf_fini(&out);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static int
action_close(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'n')
			return cli_usage(CLOSE_USAGE, NULL);
		note = optarg;
	}
	if (optind != argc - 1)
		return cli_usage(CLOSE_USAGE, "give one action item number");
	tld_error_clear(&err);
	if (actions_parse_number(argv[optind], &n, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = actions_close(&ctx, n, note, &err);
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static int
action_reopen(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(REOPEN_USAGE, NULL);
	tld_error_clear(&err);
	if (actions_parse_number(argv[1], &n, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = actions_reopen(&ctx, n, &err);
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static int
action_note(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n;
	int rc;

	if (argc != 3 || argv[1][0] == '-')
		return cli_usage(NOTE_USAGE, NULL);
	tld_error_clear(&err);
	if (actions_parse_number(argv[1], &n, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = actions_note(&ctx, n, argv[2], &err);
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

int
cmd_action(const struct cli_globals *g, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "add", action_add }, { "list", action_list },
		{ "close", action_close }, { "reopen", action_reopen },
		{ "note", action_note }, { "export", action_export },
	};

	return cli_dispatch(g, argc, argv, subs, sizeof(subs) / sizeof(subs[0]),
	    SYNOPSIS);
}
