/* SPDX-License-Identifier: MIT */
/* `tldops stats`, `reconcile` and `outreach`: the committee's books. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "model/roster.h"
#include "service/planning/meetings.h"
#include "service/books/outreach.h"
#include "service/books/reconcile.h"
#include "service/books/stats.h"
#include "service/books/usage.h"
#include "util/clock.h"

static const char STATS_USAGE[] =
    "stats [--since DATE | --since-meeting NAME] [--until DATE] [--json|--csv|--svg]\n"
    "       stats --usage [--since DATE | --since-meeting NAME] [--until DATE] [--json]";
static const char RECONCILE_USAGE[] =
    "reconcile [--mailman FILE] [--website FILE] [--spreadsheet FILE] [--json]";
static const char OUTREACH_USAGE[] =
    "outreach list [--region R] [--state S] [--owner NAME] [--json] | show CODE [--json] | "
    "set CODE [--owner NAME] [--state S] [--note TEXT] | "
    "assign CODE --owner NAME | note CODE TEXT | state CODE S | "
    "board [--since DATE | --since-meeting NAME] [--until DATE] [--json]";

static int
parse_date(const char *field, const char *s, int64_t *out)
{
	if (clock_parse_iso(s, strlen(s), out))
		return 0;
	fprintf(stderr, "error: %s: \"%s\" is not a date (YYYY-MM-DD or "
	    "YYYY-MM-DDTHH:MM:SSZ)\n", field, s);
	return -1;
}

static const struct cli_opt cmd_stats_opts[] = {
	{ "since", required_argument, 's', "DATE",
	    "the period from DATE: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ "
	    "(UTC)" },
	{ "since-meeting", required_argument, 'm', "NAME",
	    "the period from that meeting's first day" },
	{ "until", required_argument, 'u', "DATE",
	    "the period and the counts up to DATE (default: now)" },
	{ "json", no_argument, 'j', NULL,
	    "the figures as JSON" },
	{ "csv", no_argument, 'c', NULL,
	    "the stats spreadsheet: one row per ccTLD" },
	{ "svg", no_argument, 'v', NULL,
	    "a 16:9 chart for a slide (binary-safe text)" },
	{ "usage", no_argument, 'U', NULL,
	    "how the repository was used: lookups, searches and downloads "
	    "per month, the ccTLDs most looked up (text or --json)" },
	CLI_OPT_END,
};

const struct cli_help cli_stats_help = {
	STATS_USAGE,
	"The figures for a meeting: members and contacts per "
	    "region, coverage, and for the period the ccTLDs that "
	    "joined or left, contact changes, alerts and requests.",
	cmd_stats_opts,
	NULL,
	"stats --since-meeting ICANN84",
};

int
cmd_stats(const struct cli_globals *g, int argc, char **argv)
{
	enum { TEXT, JSON, CSV, SVG } fmt = TEXT;
	bool usage = false;
	const char *meeting = NULL;
	struct meeting m;
	int64_t since = 0, until = 0;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *figures;
	int ch, rc, formats = 0;

	while ((ch = cli_getopt(argc, argv, cmd_stats_opts)) != -1) {
		switch (ch) {
		case 's':
			if (parse_date("since", optarg, &since) < 0)
				return EXIT_FAIL;
			break;
		case 'm': meeting = optarg; break;
		case 'u':
			if (parse_date("until", optarg, &until) < 0)
				return EXIT_FAIL;
			break;
		case 'j': fmt = JSON; formats++; break;
		case 'c': fmt = CSV; formats++; break;
		case 'v': fmt = SVG; formats++; break;
		case 'U': usage = true; break;
		default: return cli_usage(STATS_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(STATS_USAGE, "unexpected argument \"%s\"", argv[optind]);
	if (formats > 1)
		return cli_usage(STATS_USAGE, "give one of --json, --csv, --svg");
	if (meeting != NULL && since != 0)
		return cli_usage(STATS_USAGE, "give --since or --since-meeting");
	if (usage && (fmt == CSV || fmt == SVG))
		return cli_usage(STATS_USAGE, "--usage is text or --json");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	/* Since the last meeting: from that meeting's date (docs/meetings.md). */
	if (meeting != NULL && (rc = meetings_get(&ctx, "since-meeting", meeting,
	    &m, &err)) == 0)
		since = m.date;
	if (rc == 0 && usage) {
		if ((rc = usage_json(&ctx, since, until, &figures, &err)) == 0) {
			if (fmt == JSON)
				print_json(stdout, figures);
			else
				print_usage(stdout, figures);
			json_decref(figures);
		}
	} else if (rc == 0 && fmt == CSV)
		rc = stats_render_csv(&ctx, since, until, stdout, &err);
	else if (rc == 0 && (rc = stats_json(&ctx, since, until, &figures,
	    &err)) == 0) {
		if (fmt == JSON) {
			print_json(stdout, figures);
		} else if (fmt == SVG) {
			struct buf svg;

			buf_init(&svg);
			stats_render_svg(figures, &svg);
			fwrite(svg.data, 1, svg.len, stdout);
			buf_fini(&svg);
		} else {
			print_stats(stdout, figures);
		}
		json_decref(figures);
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = tld_error_set(&err, TLD_EIO, "output", "write failed");
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

/* Read one source file; prints the error. */
static int
read_source(const char *path, struct reconcile_source *src)
{
	struct tld_error err;
	char *data;
	size_t len;

	if (path == NULL)
		return 0;
	tld_error_clear(&err);
	if (cli_read_file(path, ROSTER_MAX_INPUT, &data, &len, &err) < 0) {
		cli_fail(&err);
		return -1;
	}
	src->path = path;
	src->data = data;
	src->len = len;
	return 0;
}

static const struct cli_opt cmd_reconcile_opts[] = {
	{ "mailman", required_argument, 'm', "FILE",
	    "the Mailman roster (\"Name <address>\" lines)" },
	{ "website", required_argument, 'w', "FILE",
	    "the website's member list (one \".code\" a line)" },
	{ "spreadsheet", required_argument, 's', "FILE",
	    "the stats spreadsheet (CSV)" },
	{ "json", no_argument, 'j', NULL,
	    "the discrepancies as JSON" },
	CLI_OPT_END,
};

const struct cli_help cli_reconcile_help = {
	RECONCILE_USAGE,
	"Compare the outside lists (Mailman, the website, the "
	    "spreadsheet) with the repository and say how to fix each "
	    "difference.  Exit 1 when they differ.",
	cmd_reconcile_opts,
	NULL,
	"reconcile --mailman roster.txt",
};

int
cmd_reconcile(const struct cli_globals *g, int argc, char **argv)
{
	const char *mm = NULL, *web = NULL, *sheet = NULL;
	struct reconcile_input in;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *report = NULL, *problems = NULL;
	int ch, json = 0, rc = EXIT_FAIL;

	while ((ch = cli_getopt(argc, argv, cmd_reconcile_opts)) != -1) {
		switch (ch) {
		case 'm': mm = optarg; break;
		case 'w': web = optarg; break;
		case 's': sheet = optarg; break;
		case 'j': json = 1; break;
		default: return cli_usage(RECONCILE_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(RECONCILE_USAGE, "unexpected argument \"%s\"",
		    argv[optind]);
	if (mm == NULL && web == NULL && sheet == NULL)
		return cli_usage(RECONCILE_USAGE,
		    "give at least one of --mailman, --website, --spreadsheet");
	memset(&in, 0, sizeof(in));
	if (read_source(mm, &in.mailman) < 0 || read_source(web, &in.website) < 0 ||
	    read_source(sheet, &in.spreadsheet) < 0)
		goto out;
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		goto out;
	tld_error_clear(&err);
	rc = reconcile_run(&ctx, &in, &report, &problems, &err);
	cli_close(&ctx);
	if (rc == TLD_EINVAL && problems != NULL) {
		print_reconcile_problems(stderr, problems);
		fprintf(stderr, "error: reconcile: %s\n", err.message);
		rc = EXIT_FAIL;
	} else if (rc < 0) {
		rc = cli_fail(&err);
	} else {
		if (json) {
			json_dumpf(report, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			print_reconcile(stdout, report);
		}
		rc = rc == 0 ? EXIT_OK : EXIT_FAIL;
	}
out:
	json_decref(report);
	json_decref(problems);
	free((char *)in.mailman.data);
	free((char *)in.website.data);
	free((char *)in.spreadsheet.data);
	return rc;
}

static const struct cli_opt outreach_list_opts[] = {
	{ "region", required_argument, 'r', "REGION",
	    "only AF, AP, EU, LAC or NA" },
	{ "state", required_argument, 's', "STATE",
	    "only none, contacted, interested, declined or joined" },
	{ "owner", required_argument, 'o', "NAME",
	    "only those this owner has (case aside)" },
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help outreach_list_help = {
	"outreach list [--region R] [--state S] [--owner NAME] [--json]",
	"The outreach list: every ccTLD that is not a member (and "
	    "every one with history), its state, owner and newest note.",
	outreach_list_opts,
	NULL,
	"outreach list --region AF",
};

static int
outreach_list(const struct cli_globals *g, int argc, char **argv)
{
	struct outreach_query q = { NULL, NULL, NULL, 0, 0 };
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list = NULL;
	int64_t total;
	int ch, json = 0, rc;

	while ((ch = cli_getopt(argc, argv, outreach_list_opts)) != -1) {
		switch (ch) {
		case 'r': q.region = optarg; break;
		case 's': q.state = optarg; break;
		case 'o': q.owner = optarg; break;
		case 'j': json = 1; break;
		default: return cli_usage(OUTREACH_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(OUTREACH_USAGE, "unexpected argument \"%s\"",
		    argv[optind]);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = outreach_query_json(&ctx, &q, &list, &total, &err)) >= 0) {
		if (json)
			print_json(stdout, list);
		else
			print_outreach(stdout, list);
	}
	json_decref(list);
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_help outreach_show_help = {
	"outreach show CODE [--json]",
	"One ccTLD's outreach: state, owner and every note.",
	cli_json_opts,
	"CODE  the ccTLD",
	"outreach show ke",
};

static int
outreach_show(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	const char *code = NULL;
	json_t *e = NULL;
	int json = 0, rc;

	int first;

	if ((first = cli_json_only(argc, argv, 1, &json)) < 0)
		return cli_usage(OUTREACH_USAGE, "which ccTLD?");
	code = argv[first];
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = outreach_show_json(&ctx, code, &e, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		print_json(stdout, e);
	} else {
		size_t i;
		json_t *n;

		printf(".%s  %s  [%s]\n  state  %s\n  owner  %s\n",
		    json_string_value(json_object_get(e, "unicode")),
		    json_string_value(json_object_get(e, "country")),
		    json_string_value(json_object_get(e, "region")),
		    json_string_value(json_object_get(e, "state")),
		    json_is_null(json_object_get(e, "owner")) ? "-" :
		    json_string_value(json_object_get(e, "owner")));
		json_array_foreach(json_object_get(e, "note_list"), i, n)
			printf("  %.10s %s: %s\n",
			    json_string_value(json_object_get(n, "at")),
			    json_string_value(json_object_get(n, "author")),
			    json_string_value(json_object_get(n, "text")));
	}
	json_decref(e);
	return EXIT_OK;
}

static int
apply_change(const struct cli_globals *g, const char *code,
    const struct outreach_change *chg)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *e = NULL;
	int rc;

	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = outreach_set(&ctx, code, chg, &e, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf(".%s: %s%s%s\n", json_string_value(json_object_get(e, "unicode")),
	    json_string_value(json_object_get(e, "state")),
	    json_is_null(json_object_get(e, "owner")) ? "" : ", owner ",
	    json_is_null(json_object_get(e, "owner")) ? "" :
	    json_string_value(json_object_get(e, "owner")));
	json_decref(e);
	return EXIT_OK;
}

static const struct cli_opt outreach_set_cmd_opts[] = {
	{ "owner", required_argument, 'o', "NAME",
	    "who works on it" },
	{ "state", required_argument, 's', "STATE",
	    "none, contacted, interested, declined or joined" },
	{ "note", required_argument, 'n', "TEXT",
	    "a note to add" },
	CLI_OPT_END,
};

static const struct cli_help outreach_set_cmd_help = {
	"outreach set CODE [--owner NAME] [--state S] [--note TEXT]",
	"Change a ccTLD's outreach owner, state or add a note.",
	outreach_set_cmd_opts,
	"CODE  the ccTLD",
	"outreach set ke --state contacted --note \"Met at ICANN85\"",
};

static int
outreach_set_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct outreach_change chg = { NULL, NULL, NULL };
	int ch;

	while ((ch = cli_getopt(argc, argv, outreach_set_cmd_opts)) != -1) {
		switch (ch) {
		case 'o': chg.owner = optarg; break;
		case 's': chg.state = optarg; break;
		case 'n': chg.note = optarg; break;
		default: return cli_usage(OUTREACH_USAGE, NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage(OUTREACH_USAGE, "give one ccTLD");
	if (chg.owner == NULL && chg.state == NULL && chg.note == NULL)
		return cli_usage(OUTREACH_USAGE, "give --owner, --state or --note");
	return apply_change(g, argv[optind], &chg);
}

static const struct cli_opt outreach_assign_opts[] = {
	{ "owner", required_argument, 'o', "NAME",
	    "who works on it (required)" },
	CLI_OPT_END,
};

static const struct cli_help outreach_assign_help = {
	"outreach assign CODE --owner NAME",
	"Give a ccTLD to an owner.",
	outreach_assign_opts,
	"CODE  the ccTLD",
	"outreach assign ke --owner Barbara",
};

static int
outreach_assign(const struct cli_globals *g, int argc, char **argv)
{
	struct outreach_change chg = { NULL, NULL, NULL };
	int ch;

	while ((ch = cli_getopt(argc, argv, outreach_assign_opts)) != -1) {
		if (ch != 'o')
			return cli_usage(OUTREACH_USAGE, NULL);
		chg.owner = optarg;
	}
	if (optind != argc - 1 || chg.owner == NULL)
		return cli_usage(OUTREACH_USAGE, "outreach assign CODE --owner NAME");
	return apply_change(g, argv[optind], &chg);
}

/* `outreach note CODE TEXT` and `outreach state CODE S`. */
static const struct cli_help outreach_note_help = {
	"outreach note CODE TEXT",
	"Add a note to a ccTLD's outreach.",
	NULL,
	"CODE  the ccTLD\nTEXT  the note",
	"outreach note ke \"Sent the playbook\"",
};

static const struct cli_help outreach_state_help = {
	"outreach state CODE STATE",
	"Set a ccTLD's outreach state.",
	NULL,
	"CODE   the ccTLD\nSTATE  none, contacted, interested, "
	    "declined or joined",
	"outreach state ke interested",
};

static int
outreach_positional(const struct cli_globals *g, int argc, char **argv)
{
	struct outreach_change chg = { NULL, NULL, NULL };
	int is_note = strcmp(argv[0], "note") == 0;

	if (argc != 3)
		return cli_usage(OUTREACH_USAGE, is_note ? "outreach note CODE TEXT" :
		    "outreach state CODE none|contacted|interested|declined|joined");
	if (is_note)
		chg.note = argv[2];
	else
		chg.state = argv[2];
	return apply_change(g, argv[1], &chg);
}

const struct cli_sub cli_outreach_subs[] = {
	{ "list", outreach_list, &outreach_list_help },
	{ "show", outreach_show, &outreach_show_help },
	{ "set", outreach_set_cmd, &outreach_set_cmd_help },
	{ "assign", outreach_assign, &outreach_assign_help },
	{ "note", outreach_positional, &outreach_note_help },
	{ "state", outreach_positional, &outreach_state_help },
	{ "board", cmd_outreach_board, &cli_outreach_board_help },
	{ NULL, NULL, NULL },
};

int
cmd_outreach(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_outreach_subs,
	    OUTREACH_USAGE);
}
