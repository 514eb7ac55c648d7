/* SPDX-License-Identifier: MIT */
/*
 * `tldops meeting add|list`, `tldops pack MEETING` and `tldops outreach
 * board`: the meetings, what the committee presents at one, and the
 * recruitment scoreboard (docs/meetings.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "util/outfile.h"
#include "service/planning/meetings.h"
#include "service/planning/pack.h"
#include "service/books/recruitment.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xalloc.h"

static const char ADD_USAGE[] =
    "meeting add NAME --date YYYY-MM-DD [--place P]";
static const char LIST_USAGE[] = "meeting list [--json]";
static const char SYNOPSIS[] = "meeting add|list ...";
static const char PACK_USAGE[] =
    "pack MEETING [--format md|html|json] [--output FILE]";
static const char BOARD_USAGE[] =
    "outreach board [--since DATE | --since-meeting NAME] [--until DATE] [--json]";

static const struct cli_opt meeting_add_opts[] = {
	{ "date", required_argument, 'd', "YYYY-MM-DD",
	    "the meeting's first day (required)" },
	{ "place", required_argument, 'p', "PLACE",
	    "where it is" },
	CLI_OPT_END,
};

static const struct cli_help meeting_add_help = {
	ADD_USAGE,
	"Add a meeting to the calendar.",
	meeting_add_opts,
	"NAME  the meeting's name (ICANN85)",
	"meeting add ICANN85 --date 2026-03-07 --place Mumbai",
};

static int
meeting_add(const struct cli_globals *g, int argc, char **argv)
{
	const char *date = NULL, *place = NULL;
	struct meeting m;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, meeting_add_opts)) != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'p': place = optarg; break;
		default: return cli_usage(ADD_USAGE, NULL);
		}
	}
	if (optind + 1 != argc || date == NULL)
		return cli_usage(ADD_USAGE, "a NAME and --date are required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = meetings_add(&ctx, argv[optind], date, place, &m, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%s\n", m.name);
	return EXIT_OK;
}

static const struct cli_opt meeting_list_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help meeting_list_help = {
	LIST_USAGE,
	"List the meetings by date: day, name, place.",
	meeting_list_opts,
	NULL,
	"meeting list",
};

static int
meeting_list(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list;
	int ch, rc, json = 0;

	while ((ch = cli_getopt(argc, argv, meeting_list_opts)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		default: return cli_usage(LIST_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(LIST_USAGE, NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = meetings_list_json(&ctx, &list, &err)) == 0) {
		if (json)
			print_json(stdout, list);
		else
			print_meetings(stdout, list);
		json_decref(list);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

const struct cli_sub cli_meeting_subs[] = {
	{ "add", meeting_add, &meeting_add_help },
	{ "list", meeting_list, &meeting_list_help },
	{ NULL, NULL, NULL },
};

int
cmd_meeting(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_meeting_subs,
	    SYNOPSIS);
}

static const struct cli_opt cmd_pack_opts[] = {
	{ "format", required_argument, 'f', "FORMAT",
	    "md (default), html or json" },
	{ "output", required_argument, 'o', "FILE",
	    "write to FILE (mode 0600) instead of stdout" },
	CLI_OPT_END,
};

const struct cli_help cli_pack_help = {
	PACK_USAGE,
	"The meeting pack: the figures since the meeting before, "
	    "the actions, objectives and initiatives, for the "
	    "committee's slides.",
	cmd_pack_opts,
	"MEETING  the meeting (see meeting list)",
	"pack ICANN85 --format html --output pack.html",
};

int
cmd_pack(const struct cli_globals *g, int argc, char **argv)
{
	const char *format = "md", *output = NULL;
	enum pack_format fmt;
	struct tld_ctx ctx;
	struct tld_error err;
	struct buf b;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, cmd_pack_opts)) != -1) {
		switch (ch) {
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		default: return cli_usage(PACK_USAGE, NULL);
		}
	}
	if (optind + 1 != argc)
		return cli_usage(PACK_USAGE, "which MEETING?");
	tld_error_clear(&err);
	if (pack_format_parse(format, &fmt, &err) < 0)
		return cli_fail(&err);
	if (output != NULL && output[0] == '\0') {
		tld_error_set(&err, TLD_EINVAL, "output", "is empty");
		return cli_fail(&err);
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	buf_init(&b);
	rc = pack_render(&ctx, argv[optind], fmt, &b, &err);
	cli_close(&ctx);
	if (rc == 0 && output != NULL)
		rc = outfile_write(output, "output", 0, b.data ? b.data : "", b.len, &err);
	else if (rc == 0 && (fwrite(b.data, 1, b.len, stdout) != b.len ||
	    fflush(stdout) != 0))
		rc = tld_error_set(&err, TLD_EIO, "output", "write failed");
	buf_fini(&b);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static int
parse_date(const char *field, const char *s, int64_t *out)
{
	if (clock_parse_iso(s, strlen(s), out))
		return 0;
	fprintf(stderr, "error: %s: \"%.40s\" is not a date (YYYY-MM-DD or "
	    "YYYY-MM-DDTHH:MM:SSZ)\n", field, s);
	return -1;
}

static const struct cli_opt cmd_outreach_board_opts[] = {
	{ "since", required_argument, 's', "DATE",
	    "joins from DATE (YYYY-MM-DD)" },
	{ "since-meeting", required_argument, 'm', "NAME",
	    "joins since that meeting's first day" },
	{ "until", required_argument, 'u', "DATE",
	    "joins before DATE (default: now)" },
	{ "json", no_argument, 'j', NULL,
	    "a JSON object instead of text" },
	CLI_OPT_END,
};

const struct cli_help cli_outreach_board_help = {
	BOARD_USAGE,
	"The recruitment board: per owner, the ccTLDs that joined "
	    "in the period and those still being worked on.",
	cmd_outreach_board_opts,
	NULL,
	"outreach board --since-meeting ICANN84",
};

int
cmd_outreach_board(const struct cli_globals *g, int argc, char **argv)
{
	const char *meeting = NULL;
	int64_t since = 0, until = 0;
	struct tld_ctx ctx;
	struct tld_error err;
	struct meeting m;
	json_t *board;
	int ch, rc, json = 0, given_since = 0;

	while ((ch = cli_getopt(argc, argv, cmd_outreach_board_opts)) != -1) {
		switch (ch) {
		case 's':
			if (parse_date("since", optarg, &since) < 0)
				return EXIT_FAIL;
			given_since = 1;
			break;
		case 'm': meeting = optarg; break;
		case 'u':
			if (parse_date("until", optarg, &until) < 0)
				return EXIT_FAIL;
			break;
		case 'j': json = 1; break;
		default: return cli_usage(BOARD_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(BOARD_USAGE, "unexpected argument \"%s\"",
		    argv[optind]);
	if (given_since && meeting != NULL)
		return cli_usage(BOARD_USAGE, "give --since or --since-meeting");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (meeting != NULL && (rc = meetings_get(&ctx, "since-meeting", meeting,
	    &m, &err)) == 0)
		since = m.date;
	if (rc < 0)
		;
	else if ((rc = recruitment_board_json(&ctx, since, until, &board,
	    &err)) == 0) {
		if (json)
			print_json(stdout, board);
		else
			print_recruitment_board(stdout, board);
		json_decref(board);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
