/* SPDX-License-Identifier: MIT */
/* `tldops backup FILE` and `tldops migrate --from sqlite:FILE --to URI`. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "service/maintenance.h"
#include "util/progress.h"

const struct cli_help cli_backup_help = {
	"backup FILE",
	"Copy the SQLite repository to FILE, consistent while "
	    "tldops runs (on PostgreSQL use pg_dump).",
	NULL,
	"FILE  the copy to write",
	"backup var/tldops-2026-12-01.db",
};

int
cmd_backup(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("backup FILE", "which file?");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = maintenance_backup(&ctx, g->db, argv[1], &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("backed up to %s\n", argv[1]);
	return EXIT_OK;
}

static const struct cli_opt cmd_migrate_opts[] = {
	{ "from", required_argument, 'f', "sqlite:FILE",
	    "the SQLite repository (required)" },
	{ "to", required_argument, 't', "URI",
	    "the empty PostgreSQL database, postgresql://... (required)" },
	CLI_OPT_END,
};

const struct cli_help cli_migrate_help = {
	"migrate --from sqlite:FILE --to postgresql://URI",
	"Copy every table of a SQLite repository into an empty "
	    "PostgreSQL database and verify row counts and checksums.",
	cmd_migrate_opts,
	NULL,
	"migrate --from sqlite:var/tldops.db --to "
	    "postgresql://tldops@localhost/tldops",
};

int
cmd_migrate(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "migrate --from sqlite:FILE --to postgresql://URI";
	const char *from = NULL, *to = NULL;
	struct store_copy_report rep;
	struct progress_line pl = { 0 };
	struct progress prog = { 0 };
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, cmd_migrate_opts)) != -1) {
		switch (ch) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc || from == NULL || to == NULL)
		return cli_usage(usage, "--from and --to are required");
	tld_error_clear(&err);
	/* A progress line on stderr when it is a terminal (util/progress.h). */
	if (!g->quiet)
		progress_line_open(&pl, stderr, "migrate", &prog);
	rc = maintenance_migrate(from, to, &prog, &rep, &err);
	progress_line_close(&pl);
	if (rc < 0)
		return cli_fail(&err);
	for (size_t i = 0; i < rep.ntables; i++) {
		const struct store_copy_table *t = &rep.tables[i];

		printf("%-24s %8lld rows  sha256 ", t->name, (long long)t->rows);
		for (size_t k = 0; k < sizeof(t->sha256); k++)
			printf("%02x", t->sha256[k]);
		printf("  ok\n");
	}
	/* Not the URI: it may hold a password. */
	printf("migrated %zu tables, %lld rows to PostgreSQL; counts and checksums match\n",
	    rep.ntables, (long long)rep.rows);
	maintenance_report_fini(&rep);
	return EXIT_OK;
}
