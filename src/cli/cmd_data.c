/* SPDX-License-Identifier: MIT */
/* `tldops init`, `import contacts`, `export`, `iana import`. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/outfile.h"
#include "model/whois.h"
#include "service/directory/cctlds.h"
#include "service/directory/export.h"
#include "service/directory/iana.h"
#include "service/directory/import.h"
#include "service/directory/offline.h"
#include "service/books/stats.h"
#include "service/outbox.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/progress.h"

#define IMPORT_MAX_BYTES (256u * 1024 * 1024)

const struct cli_help cli_init_help = {
	"init",
	"Create the repository (the --db database) or bring it up "
	    "to date, and load the reference table of ccTLDs.  Safe to "
	    "run again.",
	NULL,
	NULL,
	"init",
};

int
cmd_init(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int rc, schema = 0;

	(void)argv;
	if (argc != 1)
		return cli_usage("init", "init takes no arguments");
	if ((rc = cli_open(g, true, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = cctlds_init(&ctx, &schema, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%s: schema %d, %d reference ccTLDs loaded\n", g->db, schema, rc);
	return EXIT_OK;
}

static void
print_problems(const struct import_report *rep, const char *file)
{
	for (size_t i = 0; i < rep->nkept; i++) {
		const struct import_problem *p = &rep->problems[i];

		fprintf(stderr, "%s:%zu: %s%s%s\n", file, p->line, p->field,
		    p->field[0] ? ": " : "", p->message);
	}
	if (rep->nproblems > rep->nkept)
		fprintf(stderr, "... and %zu more problems\n",
		    rep->nproblems - rep->nkept);
	fprintf(stderr, "error: import: %zu bad line%s; nothing was imported\n",
	    rep->nproblems, rep->nproblems == 1 ? "" : "s");
}

/*
 * Lines stored (or to be) with a flag for a person to read: not errors.
 * A flag on a few lines is one line each; one that many lines share (a
 * spreadsheet without roles flags most of its rows) is one line saying how
 * many and the first of them, so the refusals a person must act on are not
 * lost under a thousand warnings.
 */
#define WARN_EACH_UPTO 3
#define WARN_LINES_NAMED 5

static bool
same_flag(const struct import_problem *a, const struct import_problem *b)
{
	return strcmp(a->field, b->field) == 0 &&
	    strcmp(a->message, b->message) == 0;
}

static void
print_warnings(const struct import_report *rep, const char *file)
{
	const struct import_problem *w = rep->warnings;
	size_t n = rep->nwarnkept;

	for (size_t i = 0; i < n; i++) {
		size_t same = 0, named = 0;
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = same_flag(&w[j], &w[i]);
		if (seen)
			continue;
		for (size_t j = i; j < n; j++)
			same += same_flag(&w[j], &w[i]);
		if (same <= WARN_EACH_UPTO) {
			for (size_t j = i; j < n; j++)
				if (same_flag(&w[j], &w[i]))
					fprintf(stderr, "warning: %s:%zu: %s: %s\n",
					    file, w[j].line, w[j].field,
					    w[j].message);
			continue;
		}
		fprintf(stderr, "warning: %s: %s: %s: %zu lines:", file,
		    w[i].field, w[i].message, same);
		for (size_t j = i; j < n && named < WARN_LINES_NAMED; j++)
			if (same_flag(&w[j], &w[i]))
				fprintf(stderr, "%s %zu", named++ ? "," : "",
				    w[j].line);
		fprintf(stderr, " and %zu more\n", same - named);
	}
	if (n > 0 && rep->nwarnings > n)
		fprintf(stderr, "warning: %s: %zu more lines flagged after "
		    "line %zu\n", file, rep->nwarnings - n, w[n - 1].line);
}

static const struct cli_opt cmd_import_opts[] = {
	{ "update", no_argument, 'u', NULL,
	    "match each line on its address: a contact's changed fields "
	    "are updated, new addresses added (without it an address in "
	    "use is refused)" },
	{ "dry-run", no_argument, 'n', NULL,
	    "check every line and say what would be added, changed and "
	    "left; store nothing" },
	CLI_OPT_END,
};

const struct cli_help cli_import_help = {
	"import contacts [--update] [--dry-run] FILE.csv",
	"Import contacts from a CSV file with the columns of export"
	    " --format csv.  All or nothing: any bad line is reported "
	    "with its line number and nothing is imported.  A file whose "
	    "columns are separated by semicolons is refused with a hint.",
	cmd_import_opts,
	"FILE.csv  the file (\"-\" for stdin)",
	"import contacts --update --dry-run contacts.csv",
};

int
cmd_import(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "import contacts [--update] [--dry-run] FILE.csv";
	struct import_options opt = { .dry_run = false };
	struct progress_line pl = { 0 };
	struct import_report rep;
	struct tld_ctx ctx;
	struct tld_error err;
	const char *file;
	char *data;
	size_t len;
	int ch, rc;

	if (argc < 2 || strcmp(argv[1], "contacts") != 0)
		return cli_usage(usage, NULL);
	argc--;
	argv++;
	optind = 0; /* getopt anew for the shifted argv (GNU) */
	while ((ch = cli_getopt(argc, argv, cmd_import_opts)) != -1) {
		if (ch == 'u')
			opt.update = true;
		else if (ch == 'n')
			opt.dry_run = true;
		else
			return cli_usage(usage, NULL);
	}
	if (optind != argc - 1)
		return cli_usage(usage, NULL);
	file = argv[optind];
	tld_error_clear(&err);
	if (cli_read_file(file, IMPORT_MAX_BYTES, &data, &len, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK) {
		free(data);
		return rc;
	}
	/* A progress line on stderr when it is a terminal (util/progress.h). */
	if (!g->quiet)
		progress_line_open(&pl, stderr, "import", &opt.progress);
	rc = import_contacts(&ctx, data, len, &opt, &rep, &err);
	progress_line_close(&pl);
	cli_close(&ctx);
	free(data);
	if (rc >= 0)
		print_warnings(&rep, file);
	if (rc == TLD_EINVAL)
		print_problems(&rep, file);
	else if (rc < 0)
		cli_fail(&err);
	else if (opt.dry_run)
		printf("dry run: would add %zu, change %zu, leave %zu unchanged; "
		    "nothing was stored\n", rep.added, rep.changed, rep.unchanged);
	else if (opt.update)
		printf("imported %d contact%s: added %zu, changed %zu, %zu "
		    "unchanged\n", rc, rc == 1 ? "" : "s", rep.added, rep.changed,
		    rep.unchanged);
	else
		printf("imported %d contact%s\n", rc, rc == 1 ? "" : "s");
	import_report_fini(&rep);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

/* --sign: the offline copy and its detached signature FILE.asc. */
static int
export_signed(struct tld_ctx *ctx, enum export_format fmt, const char *output)
{
	struct tld_error err;
	char def[64], now[32];
	int rc;

	if (output == NULL) {
		clock_format_iso(clock_now(), now, sizeof(now));
		snprintf(def, sizeof(def), "tldops-repository-%.10s.%s", now,
		    fmt == EXPORT_CSV ? "csv" : fmt == EXPORT_VCARD ? "vcf" : "json");
		output = def;
	}
	tld_error_clear(&err);
	rc = offline_export_signed(ctx, fmt, output, &err);
	cli_close(ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("wrote %s (%d contact%s) and its signature %s.asc\n", output, rc,
	    rc == 1 ? "" : "s", output);
	return EXIT_OK;
}

static const struct cli_opt cmd_export_opts[] = {
	{ "format", required_argument, 'f', "FORMAT",
	    "csv (re-importable), json, vcard, mailman (a roster), "
	    "website (member ccTLDs) or spreadsheet (the stats "
	    "spreadsheet) (required)" },
	{ "output", required_argument, 'o', "FILE",
	    "write to FILE (mode 0600) instead of stdout" },
	{ "sign", no_argument, 's', NULL,
	    "an offline copy signed with the [signing] key, and "
	    "FILE.asc (csv, json or vcard)" },
	CLI_OPT_END,
};

const struct cli_help cli_export_help = {
	"export --format csv|json|vcard|mailman|website|spreadsheet [--output FILE] [--sign]",
	"Write every active contact (or the member ccTLDs) in a "
	    "file format.",
	cmd_export_opts,
	NULL,
	"export --format vcard --output contacts.vcf",
};

int
cmd_export(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] =
	    "export --format csv|json|vcard|mailman|website|spreadsheet [--output FILE] [--sign]";
	const char *format = NULL, *output = NULL;
	bool sign = false;
	enum export_format fmt;
	struct tld_ctx ctx;
	struct tld_error err;
	struct outfile o;
	struct progress_line pl = { 0 };
	struct progress prog = { 0 };
	int ch, n, rc;

	while ((ch = cli_getopt(argc, argv, cmd_export_opts)) != -1) {
		switch (ch) {
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 's': sign = true; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc || format == NULL)
		return cli_usage(usage, "--format is required");
	tld_error_clear(&err);
	if (export_format_parse(format, &fmt, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	if (sign)
		return export_signed(&ctx, fmt, output);
	/* util/outfile.h: never half an export, never over a device node. */
	if ((rc = outfile_open(&o, output != NULL ? output : "-", "output", 0,
	    &err)) < 0) {
		cli_close(&ctx);
		return cli_fail(&err);
	}
	/*
	 * A progress line on stderr when it is a terminal, unless the rows
	 * themselves go to that terminal (util/progress.h).
	 */
	if (!g->quiet && ((output != NULL && strcmp(output, "-") != 0) ||
	    !isatty(STDOUT_FILENO)))
		progress_line_open(&pl, stderr, "export", &prog);
	/* The stats spreadsheet is the books' writer, not a contact export. */
	rc = fmt == EXPORT_SPREADSHEET ?
	    stats_render_csv(&ctx, 0, clock_now() + 1, o.f, &err) :
	    export_render(&ctx, fmt, o.f, &prog, &err);
	progress_line_close(&pl);
	cli_close(&ctx);
	if (rc < 0) {
		outfile_abort(&o);
		return cli_fail(&err);
	}
	n = rc;
	if ((rc = outfile_commit(&o, &err)) < 0)
		return cli_fail(&err);
	if (output != NULL)
		cli_done(g, NULL, "exported %d %s to %s", n, fmt == EXPORT_WEBSITE || fmt == EXPORT_SPREADSHEET ?
		    (n == 1 ? "ccTLD" : "ccTLDs") : (n == 1 ? "contact" : "contacts"),
		    output);
	return EXIT_OK;
}

/* Deliver the committee's note about changed IANA contacts, if any. */
static void
deliver_notes(struct tld_ctx *ctx)
{
	struct outbox_run_stats st;
	struct tld_error err;

	tld_error_clear(&err);
	if (outbox_run(ctx, false, &st, &err) < 0)
		fprintf(stderr, "warning: mail stays queued: %s\n", err.message);
}

static const struct cli_help iana_import_cmd_help = {
	"iana import FILE",
	"Import IANA whois records (domain:, organisation:, "
	    "contact: blocks) from a file; changed authorisers are "
	    "reported to the committee.",
	NULL,
	"FILE  the records (\"-\" for stdin)",
	"iana import contrib/tour/nl.whois",
};

static int
iana_import_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct buf report;
	struct tld_ctx ctx;
	struct tld_error err;
	char *data;
	size_t len;
	int rc;

	if (argc != 2)
		return cli_usage("iana import FILE", NULL);
	tld_error_clear(&err);
	if (cli_read_file(argv[1], WHOIS_MAX_INPUT, &data, &len, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK) {
		free(data);
		return rc;
	}
	buf_init(&report);
	rc = iana_import(&ctx, data, len, &report, &err);
	if (rc >= 0)
		deliver_notes(&ctx);
	cli_close(&ctx);
	free(data);
	fputs(buf_str(&report), stdout);
	buf_fini(&report);
	if (rc < 0) {
		cli_fail(&err);
		fprintf(stderr, "error: iana: nothing was imported\n");
		return EXIT_FAIL;
	}
	printf("imported %d IANA record%s\n", rc, rc == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct cli_help iana_fetch_cmd_help = {
	"iana fetch CODE...",
	"Fetch the IANA records of the ccTLDs from whois.iana.org "
	    "and import them.",
	NULL,
	"CODE...  one or more ccTLDs",
	"iana fetch nl be",
};

static int
iana_fetch_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct buf report;
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage("iana fetch CODE...", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	buf_init(&report);
	rc = iana_fetch(&ctx, (const char *const *)argv + 1, (size_t)argc - 1,
	    &report, &err);
	if (rc >= 0)
		deliver_notes(&ctx);
	cli_close(&ctx);
	fputs(buf_str(&report), stdout);
	buf_fini(&report);
	if (rc < 0) {
		cli_fail(&err);
		fprintf(stderr, "error: iana: nothing was imported\n");
		return EXIT_FAIL;
	}
	printf("imported %d IANA record%s\n", rc, rc == 1 ? "" : "s");
	return EXIT_OK;
}

const struct cli_sub cli_iana_subs[] = {
	{ "import", iana_import_cmd, &iana_import_cmd_help },
	{ "fetch", iana_fetch_cmd, &iana_fetch_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_iana(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_iana_subs, "iana import FILE | fetch CODE...");
}
