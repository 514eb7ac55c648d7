/* SPDX-License-Identifier: MIT */
/*
 * `tldops archive list|show|import|export`: the list's archive
 * (service/list/archive.h), and `tldops bounces` (service/list/bounces.h).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "service/list/archive.h"
#include "service/list/bounces.h"
#include "util/clock.h"
#include "util/outfile.h"

static const char SYNOPSIS[] =
    "archive list [--json] [--search Q] [--month YYYY-MM] [--before ID] "
    "[--limit N] | show ID [--json|--raw] | import FILE.mbox | "
    "export --mbox [--output FILE]";
static const char LIST_USAGE[] =
    "archive list [--json] [--search Q] [--month YYYY-MM] [--before ID] [--limit N]";
static const char SHOW_USAGE[] = "archive show ID [--json|--raw]";
static const char IMPORT_USAGE[] = "archive import FILE.mbox";
static const char EXPORT_USAGE[] = "archive export --mbox [--output FILE]";

#define MBOX_MAX ((size_t)2 * 1024 * 1024 * 1024 - 1)

struct list_out {
	json_t *array; /* --json */
	size_t n;
};

static int
print_entry(void *arg, const struct archive_entry *e)
{
	struct list_out *lo = arg;
	char date[32];

	lo->n++;
	if (lo->array != NULL) {
		json_array_append_new(lo->array, archive_entry_json(e));
		return 0;
	}
	clock_format_iso(e->posted, date, sizeof(date));
	printf("%-6" PRId64 " %.16s  %-6" PRId64 " %-28.28s %s%s\n", e->id, date,
	    e->thread_id, e->from_addr, e->subject,
	    e->attachments > 0 ? "  [attachments]" : "");
	return 0;
}

static const struct cli_opt archive_list_cmd_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	{ "search", required_argument, 's', "Q",
	    "only posts whose subject, author or text has Q" },
	{ "month", required_argument, 'm', "YYYY-MM",
	    "only that month" },
	{ "before", required_argument, 'b', "ID",
	    "the page before post ID" },
	{ "limit", required_argument, 'l', "N",
	    "at most N posts" },
	CLI_OPT_END,
};

static const struct cli_help archive_list_cmd_help = {
	LIST_USAGE,
	"List the list's archived posts, newest first.",
	archive_list_cmd_opts,
	NULL,
	"archive list --month 2026-11",
};

static int
archive_list_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct archive_query q;
	struct list_out lo = { NULL, 0 };
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t n;
	int ch, rc, json = 0;

	memset(&q, 0, sizeof(q));
	while ((ch = cli_getopt(argc, argv, archive_list_cmd_opts)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 's': q.words = optarg; break;
		case 'm': q.month = optarg; break;
		case 'b':
			if (cli_parse_id_arg("before", "an archive id", optarg,
			    &q.before_id) < 0)
				return EXIT_FAIL;
			break;
		case 'l':
			if (cli_parse_id_arg("limit", "a positive number", optarg,
			    &n) < 0)
				return EXIT_FAIL;
			q.limit = (size_t)n;
			break;
		default: return cli_usage(LIST_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(LIST_USAGE, "list takes no arguments");
	if (q.month != NULL && (strlen(q.month) != 7 || q.month[4] != '-')) {
		fprintf(stderr, "error: month: \"%s\" is not YYYY-MM\n", q.month);
		return EXIT_FAIL;
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (json)
		lo.array = json_array();
	else
		printf("%-6s %-17s %-6s %-28s %s\n", "ID", "DATE", "THREAD", "FROM",
		    "SUBJECT");
	rc = archive_list(&ctx, &q, print_entry, &lo, &err);
	cli_close(&ctx);
	if (rc < 0) {
		json_decref(lo.array);
		return cli_fail(&err);
	}
	if (json) {
		json_dumpf(lo.array, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(lo.array);
	} else {
		printf("%zu post%s\n", lo.n, lo.n == 1 ? "" : "s");
	}
	return EXIT_OK;
}

static const struct cli_opt archive_show_cmd_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON object instead of text" },
	{ "raw", no_argument, 'r', NULL,
	    "the message as received (RFC 5322)" },
	CLI_OPT_END,
};

static const struct cli_help archive_show_cmd_help = {
	SHOW_USAGE,
	"One archived post.",
	archive_show_cmd_opts,
	"ID  the post's id",
	"archive show 1",
};

static int
archive_show_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *o = NULL, *a;
	struct buf raw;
	int64_t id;
	size_t i;
	int ch, rc, json = 0, as_raw = 0;

	while ((ch = cli_getopt(argc, argv, archive_show_cmd_opts)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'r': as_raw = 1; break;
		default: return cli_usage(SHOW_USAGE, NULL);
		}
	}
	if (optind != argc - 1 || (json && as_raw))
		return cli_usage(SHOW_USAGE, "give one ID, and --json or --raw");
	if (cli_parse_id_arg("id", "an archive id", argv[optind], &id) < 0)
		return EXIT_FAIL;
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	buf_init(&raw);
	if (as_raw)
		rc = archive_raw(&ctx, id, &raw, &err);
	else
		rc = archive_post_json(&ctx, id, &o, &err);
	cli_close(&ctx);
	if (rc < 0) {
		buf_fini(&raw);
		return cli_fail(&err);
	}
	if (as_raw) {
		fwrite(raw.data != NULL ? raw.data : "", 1, raw.len, stdout);
	} else if (json) {
		json_dumpf(o, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
	} else {
		printf("Archive: %" JSON_INTEGER_FORMAT " (thread %" JSON_INTEGER_FORMAT ")\n",
		    json_integer_value(json_object_get(o, "id")),
		    json_integer_value(json_object_get(o, "thread")));
		printf("Date: %s\n", json_string_value(json_object_get(o, "date")));
		printf("From: %s <%s>\n",
		    json_string_value(json_object_get(o, "from_name")),
		    json_string_value(json_object_get(o, "from")));
		printf("Subject: %s\n", json_string_value(json_object_get(o, "subject")));
		printf("Message-ID: <%s>\n",
		    json_string_value(json_object_get(o, "message_id")));
		json_array_foreach(json_object_get(o, "attachments"), i, a)
			printf("Attachment %" JSON_INTEGER_FORMAT ": %s (%s, %"
			    JSON_INTEGER_FORMAT " bytes)\n",
			    json_integer_value(json_object_get(a, "n")),
			    json_string_value(json_object_get(a, "filename")),
			    json_string_value(json_object_get(a, "content_type")),
			    json_integer_value(json_object_get(a, "size")));
		printf("\n%s", json_string_value(json_object_get(o, "text")));
		if (json_string_length(json_object_get(o, "text")) == 0 ||
		    json_string_value(json_object_get(o, "text"))[
		    json_string_length(json_object_get(o, "text")) - 1] != '\n')
			putchar('\n');
	}
	json_decref(o);
	buf_fini(&raw);
	return EXIT_OK;
}

static const struct cli_help archive_import_cmd_help = {
	IMPORT_USAGE,
	"Import an mbox file into the archive.",
	NULL,
	"FILE.mbox  the mbox file",
	"archive import old-list.mbox",
};

static int
archive_import_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct archive_import_stats st;
	struct tld_ctx ctx;
	struct tld_error err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (argc != 2)
		return cli_usage(IMPORT_USAGE, "give one FILE.mbox");
	tld_error_clear(&err);
	if ((rc = cli_read_file(argv[1], MBOX_MAX, &data, &len, &err)) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK) {
		free(data);
		return rc;
	}
	rc = archive_import_mbox(&ctx, data, len, &st, &err);
	free(data);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("imported %zu of %zu messages (%zu duplicates skipped, %zu TLP:RED "
	    "left out)\n", st.imported, st.messages, st.duplicates, st.red);
	return EXIT_OK;
}

static const struct cli_opt archive_export_cmd_opts[] = {
	{ "mbox", no_argument, 'm', NULL,
	    "an mbox file (required)" },
	{ "output", required_argument, 'o', "FILE",
	    "write to FILE (mode 0600) instead of stdout" },
	CLI_OPT_END,
};

static const struct cli_help archive_export_cmd_help = {
	EXPORT_USAGE,
	"Export the archive as an mbox file.",
	archive_export_cmd_opts,
	NULL,
	"archive export --mbox --output list.mbox",
};

static int
archive_export_cmd(const struct cli_globals *g, int argc, char **argv)
{
	const char *output = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	struct buf out;
	int ch, rc, mbox = 0;

	while ((ch = cli_getopt(argc, argv, archive_export_cmd_opts)) != -1) {
		switch (ch) {
		case 'm': mbox = 1; break;
		case 'o': output = optarg; break;
		default: return cli_usage(EXPORT_USAGE, NULL);
		}
	}
	if (optind != argc || !mbox)
		return cli_usage(EXPORT_USAGE, "--mbox is the format");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	buf_init(&out);
	rc = archive_export_mbox(&ctx, &out, &err);
	cli_close(&ctx);
	if (rc >= 0) {
		if (output != NULL) {
			int n = rc;

			if ((rc = outfile_write(output, "output", 0,
			    out.data != NULL ? out.data : "", out.len, &err)) == 0)
				fprintf(stderr, "wrote %s (%d post%s)\n", output, n,
				    n == 1 ? "" : "s");
		} else {
			fwrite(out.data != NULL ? out.data : "", 1, out.len, stdout);
			rc = 0;
		}
	}
	buf_fini(&out);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

const struct cli_sub cli_archive_subs[] = {
	{ "list", archive_list_cmd, &archive_list_cmd_help },
	{ "show", archive_show_cmd, &archive_show_cmd_help },
	{ "import", archive_import_cmd, &archive_import_cmd_help },
	{ "export", archive_export_cmd, &archive_export_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_archive(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_archive_subs,
	    SYNOPSIS);
}

/* ---- bounces ------------------------------------------------------------- */

static int
bounce_row(void *arg, const struct bounce_summary *b)
{
	json_t *array = arg;
	char last[32] = "-", since[32] = "-";

	if (b->last != 0)
		clock_format_iso(b->last, last, sizeof(last));
	if (b->undeliverable != 0)
		clock_format_iso(b->undeliverable, since, sizeof(since));
	if (array != NULL) {
		json_array_append_new(array, json_pack(
		    "{s:I, s:s, s:s, s:s, s:I, s:I, s:s?, s:s, s:s?, s:s}",
		    "contact", (json_int_t)b->contact_id, "cctld", b->cctld,
		    "name", b->name, "email", b->email, "hard", (json_int_t)b->hard,
		    "soft", (json_int_t)b->soft,
		    "last_bounce", b->last != 0 ? last : NULL,
		    "last_status", b->last_status,
		    "undeliverable_since", b->undeliverable != 0 ? since : NULL,
		    "reason", b->reason));
		return 0;
	}
	printf("%-6" PRId64 " .%-9s %-4" PRId64 " %-4" PRId64 " %-10.10s %-28.28s %s\n",
	    b->contact_id, b->cctld, b->hard, b->soft, since, b->email,
	    b->last_status);
	return 0;
}

static int
kept_row(void *arg, const struct bounce_kept *b)
{
	char when[32];

	(void)arg;
	clock_format_iso(b->received, when, sizeof(when));
	printf("  #%-5" PRId64 " %.16s %-9s %s %s%s%s\n", b->id, when, b->kind,
	    b->recipient[0] != '\0' ? b->recipient : "-", b->status,
	    b->diagnostic[0] != '\0' ? " " : "", b->diagnostic);
	return 0;
}

static const struct cli_opt cmd_bounces_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

const struct cli_help cli_bounces_help = {
	"bounces [--json]",
	"The addresses whose mail bounced, with the last reason.",
	cmd_bounces_opts,
	NULL,
	"bounces",
};

int
cmd_bounces(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "bounces [--json]";
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *array = NULL;
	int ch, rc, json = 0;

	while ((ch = cli_getopt(argc, argv, cmd_bounces_opts)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(usage, "bounces takes no arguments");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (json)
		array = json_array();
	else
		printf("%-6s %-10s %-4s %-4s %-10s %-28s %s\n", "ID", "CCTLD", "HARD",
		    "SOFT", "UNDELIV.", "EMAIL", "LAST STATUS");
	rc = bounces_summary(&ctx, bounce_row, array, &err);
	if (rc >= 0 && !json) {
		printf("%d contact%s with bounces\n", rc, rc == 1 ? "" : "s");
		printf("kept for the secretariat:\n");
		rc = bounces_kept(&ctx, kept_row, NULL, &err);
		if (rc == 0)
			printf("  none\n");
	}
	cli_close(&ctx);
	if (rc < 0) {
		json_decref(array);
		return cli_fail(&err);
	}
	if (json) {
		json_dumpf(array, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(array);
	}
	return EXIT_OK;
}
