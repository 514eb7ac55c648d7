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

static int
meeting_add(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "place", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date = NULL, *place = NULL;
	struct meeting m;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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

static int
meeting_list(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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

int
cmd_meeting(const struct cli_globals *g, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "add", meeting_add }, { "list", meeting_list },
	};

	return cli_dispatch(g, argc, argv, subs, sizeof(subs) / sizeof(subs[0]),
	    SYNOPSIS);
}

int
cmd_pack(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "md", *output = NULL;
	enum pack_format fmt;
	struct tld_ctx ctx;
	struct tld_error err;
	struct buf b;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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

int
cmd_outreach_board(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "since-meeting", required_argument, NULL, 'm' },
		{ "until", required_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *meeting = NULL;
	int64_t since = 0, until = 0;
	struct tld_ctx ctx;
	struct tld_error err;
	struct meeting m;
	json_t *board;
	int ch, rc, json = 0, given_since = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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
