/* SPDX-License-Identifier: MIT */
/* `tldops action add|list|edit|close|reopen|note|export`: the action items. */
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
static const char EDIT_USAGE[] = "action edit N [--title T] [--owner O]";
static const char NOTE_USAGE[] = "action note N TEXT";
static const char EXPORT_USAGE[] = "action export --markdown [--open|--closed]";
static const char SYNOPSIS[] =
    "action add|list|edit|close|reopen|note|export ...";

static const struct cli_opt action_add_opts[] = {
	{ "title", required_argument, 't', "TEXT",
	    "what is to be done (required)" },
	{ "owner", required_argument, 'o', "NAME",
	    "who does it" },
	{ "number", required_argument, 'n', "N",
	    "the item's number (default: the highest + 1)" },
	CLI_OPT_END,
};

static const struct cli_help action_add_help = {
	ADD_USAGE,
	"Open an action item.  Prints its number.",
	action_add_opts,
	NULL,
	"action add --title \"Draft the DDoS playbook\" --owner "
	    "Jacques",
};

static int
action_add(const struct cli_globals *g, int argc, char **argv)
{
	const char *title = NULL, *owner = NULL, *number = NULL;
	struct action_item a;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n = 0;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, action_add_opts)) != -1) {
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
parse_filter(int argc, char **argv, const struct cli_opt *opts,
    enum action_filter *filter, int *flag)
{
	int ch, seen = 0;

	*filter = ACTION_FILTER_ALL;
	while ((ch = cli_getopt(argc, argv, opts)) != -1) {
		switch (ch) {
		case 'o': *filter = ACTION_FILTER_OPEN; seen++; break;
		case 'c': *filter = ACTION_FILTER_CLOSED; seen++; break;
		case 'f': *flag = 1; break;
		default: return -1;
		}
	}
	return seen > 1 || optind != argc ? -1 : 0;
}

static const struct cli_opt action_list_opts[] = {
	{ "open", no_argument, 'o', NULL,
	    "only the open items" },
	{ "closed", no_argument, 'c', NULL,
	    "only the closed items" },
	{ "json", no_argument, 'f', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help action_list_help = {
	LIST_USAGE,
	"List the action items with their notes.",
	action_list_opts,
	NULL,
	"action list --open",
};

static int
action_list(const struct cli_globals *g, int argc, char **argv)
{
	enum action_filter filter;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list;
	int rc, json = 0;

	if (parse_filter(argc, argv, action_list_opts, &filter, &json) < 0)
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

static const struct cli_opt action_export_opts[] = {
	{ "open", no_argument, 'o', NULL,
	    "only the open items" },
	{ "closed", no_argument, 'c', NULL,
	    "only the closed items" },
	{ "markdown", no_argument, 'f', NULL,
	    "a Markdown table for the minutes (required)" },
	CLI_OPT_END,
};

static const struct cli_help action_export_help = {
	EXPORT_USAGE,
	"The items as a Markdown table (number, action, owner, "
	    "state, opened, closed, notes).",
	action_export_opts,
	NULL,
	"action export --markdown --open",
};

static int
action_export(const struct cli_globals *g, int argc, char **argv)
{
	enum action_filter filter;
	struct tld_ctx ctx;
	struct tld_error err;
	struct buf out;
	int rc, markdown = 0;

	if (parse_filter(argc, argv, action_export_opts, &filter, &markdown) < 0 || !markdown)
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

static const struct cli_opt action_close_opts[] = {
	{ "note", required_argument, 'n', "TEXT",
	    "a note saying how it ended" },
	CLI_OPT_END,
};

static const struct cli_help action_close_help = {
	CLOSE_USAGE,
	"Close an open item.",
	action_close_opts,
	"N  the item's number",
	"action close 89 --note \"Done at ICANN64\"",
};

static int
action_close(const struct cli_globals *g, int argc, char **argv)
{
	const char *note = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, action_close_opts)) != -1) {
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
	if (rc < 0)
		return cli_fail(&err);
	cli_done(g, NULL, "action %" PRId64 " closed", n);
	return EXIT_OK;
}

static const struct cli_help action_reopen_help = {
	REOPEN_USAGE,
	"Reopen a closed item.",
	NULL,
	"N  the item's number",
	"action reopen 89",
};

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
	if (rc < 0)
		return cli_fail(&err);
	cli_done(g, NULL, "action %" PRId64 " reopened", n);
	return EXIT_OK;
}

static const struct cli_opt action_edit_opts[] = {
	{ "title", required_argument, 't', "TEXT",
	    "the new title" },
	{ "owner", required_argument, 'o', "NAME",
	    "the new owner (\"\" for nobody)" },
	CLI_OPT_END,
};

static const struct cli_help action_edit_help = {
	EDIT_USAGE,
	"Change an item's title or owner, open or closed.",
	action_edit_opts,
	"N  the item's number",
	"action edit 89 --owner Kim",
};

static int
action_edit(const struct cli_globals *g, int argc, char **argv)
{
	const char *title = NULL, *owner = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, action_edit_opts)) != -1) {
		switch (ch) {
		case 't': title = optarg; break;
		case 'o': owner = optarg; break;
		default: return cli_usage(EDIT_USAGE, NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage(EDIT_USAGE, "give one action item number");
	if (title == NULL && owner == NULL)
		return cli_usage(EDIT_USAGE, "give --title or --owner");
	tld_error_clear(&err);
	if (actions_parse_number(argv[optind], &n, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = actions_edit(&ctx, n, title, owner, NULL, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	cli_done(g, NULL, "action %" PRId64 " changed", n);
	return EXIT_OK;
}

static const struct cli_help action_note_help = {
	NOTE_USAGE,
	"Add a note to an item, open or closed.",
	NULL,
	"N     the item's number\nTEXT  the note",
	"action note 89 \"Waiting for the survey\"",
};

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
	if (rc < 0)
		return cli_fail(&err);
	cli_done(g, NULL, "note added to action %" PRId64, n);
	return EXIT_OK;
}

const struct cli_sub cli_action_subs[] = {
	{ "add", action_add, &action_add_help },
	{ "list", action_list, &action_list_help },
	{ "edit", action_edit, &action_edit_help },
	{ "close", action_close, &action_close_help },
	{ "reopen", action_reopen, &action_reopen_help },
	{ "note", action_note, &action_note_help },
	{ "export", action_export, &action_export_help },
	{ NULL, NULL, NULL },
};

int
cmd_action(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_action_subs,
	    SYNOPSIS);
}
