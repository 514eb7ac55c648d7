/* SPDX-License-Identifier: MIT */
/* `tldops exception`, `audit` and `config`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "service/audit.h"
#include "service/directory/cctlds.h"
#include "service/directory/exceptions.h"
#include "util/buf.h"
#include "util/clock.h"

static const struct cli_opt exception_add_opts[] = {
	{ "email", required_argument, 'e', "ADDRESS",
	    "the role address (required)" },
	{ "reason", required_argument, 'r', "TEXT",
	    "why it may stand for a contact (required)" },
	CLI_OPT_END,
};

static const struct cli_help exception_add_help = {
	"exception add --email E --reason TEXT",
	"Allow a role address (security@, noc@) as a contact, for a"
	    " documented reason.  Recorded with who approved it.",
	exception_add_opts,
	NULL,
	"exception add --email security@dnsbelgium.be --reason "
	    "\"liaison of DNS Belgium\"",
};

static int
exception_add(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "exception add --email E --reason TEXT";
	const char *email = NULL, *reason = NULL;
	struct generic_exception e;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, exception_add_opts)) != -1) {
		switch (ch) {
		case 'e': email = optarg; break;
		case 'r': reason = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc || email == NULL || reason == NULL)
		return cli_usage(usage, "--email and --reason are required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = exceptions_add(&ctx, email, reason, &e, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("exception %lld: %s may be a contact (approved by %s)\n",
	    (long long)e.id, e.email, e.approved_by);
	return EXIT_OK;
}

static const struct cli_help exception_list_help = {
	"exception list [--json]",
	"List the generic-contact exceptions.",
	cli_json_opts,
	NULL,
	"exception list",
};

static int
exception_list(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list;
	int json, rc;

	if (cli_json_only(argc, argv, 0, &json) < 0)
		return cli_usage("exception list [--json]", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = exceptions_list(&ctx, &list, &err)) == 0) {
		if (json)
			print_json(stdout, list);
		else
			print_exceptions(stdout, list);
		json_decref(list);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_opt exception_remove_opts[] = {
	{ "reason", required_argument, 'r', "TEXT",
	    "why it is no longer allowed (kept in the audit log)" },
	CLI_OPT_END,
};

static const struct cli_help exception_remove_help = {
	"exception remove ID [--reason TEXT]",
	"Revoke a generic-contact exception (its ID from exception list):"
	    " the address is a role address again for new contacts.",
	exception_remove_opts,
	"ID  the exception's number",
	"exception remove 3 --reason \"the liaison ended\"",
};

static int
exception_remove(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "exception remove ID [--reason TEXT]";
	const char *reason = NULL;
	struct generic_exception e;
	struct tld_ctx ctx;
	struct tld_error err;
	long long id;
	char *end;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, exception_remove_opts)) != -1) {
		switch (ch) {
		case 'r': reason = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage(usage, "the exception's ID is required");
	id = strtoll(argv[optind], &end, 10);
	if (argv[optind][0] < '1' || argv[optind][0] > '9' || *end != '\0' ||
	    id <= 0) {
		fprintf(stderr, "error: id: \"%s\" is not an exception number\n",
		    argv[optind]);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = exceptions_remove(&ctx, (int64_t)id, reason, &e, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("exception %lld removed: %s is a role address again\n",
	    (long long)e.id, e.email);
	return EXIT_OK;
}

const struct cli_sub cli_exception_subs[] = {
	{ "add", exception_add, &exception_add_help },
	{ "remove", exception_remove, &exception_remove_help },
	{ "list", exception_list, &exception_list_help },
	{ NULL, NULL, NULL },
};

int
cmd_exception(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_exception_subs,
	    "exception add --email E --reason TEXT | remove ID | list [--json]");
}

static int
parse_date_opt(const char *field, const char *s, int64_t *out)
{
	if (clock_parse_iso(s, strlen(s), out))
		return 0;
	fprintf(stderr, "error: %s: \"%s\" is not a date (YYYY-MM-DD or "
	    "YYYY-MM-DDTHH:MM:SSZ)\n", field, s);
	return -1;
}

static const struct cli_opt cmd_audit_opts[] = {
	{ "since", required_argument, 's', "DATE",
	    "changes from DATE on: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ "
	    "(UTC)" },
	{ "until", required_argument, 'u', "DATE",
	    "changes before DATE" },
	{ "cctld", required_argument, 'c', "CODE",
	    "the history of one ccTLD: its joins and leaves, its IANA "
	    "record, its outreach, every change of its contacts (also those "
	    "since removed) and of its requests" },
	{ "json", no_argument, 'j', NULL,
	    "a JSON array with each change's object before and after" },
	CLI_OPT_END,
};

#define AUDIT_USAGE "audit [--since DATE] [--until DATE] [--cctld CODE] [--json]"

const struct cli_help cli_audit_help = {
	AUDIT_USAGE,
	"The audit log: one line per change with when, who, what "
	    "and what changed.",
	cmd_audit_opts,
	NULL,
	"audit --since 2026-01-01\naudit --cctld nl --since 2026-03-09",
};

int
cmd_audit(const struct cli_globals *g, int argc, char **argv)
{
	struct audit_query q = { 0 };
	const char *cctld = NULL;
	struct cctld c;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list = NULL;
	int ch, json = 0, rc;

	while ((ch = cli_getopt(argc, argv, cmd_audit_opts)) != -1) {
		switch (ch) {
		case 's':
			if (parse_date_opt("since", optarg, &q.since) < 0)
				return EXIT_FAIL;
			break;
		case 'u':
			if (parse_date_opt("until", optarg, &q.until) < 0)
				return EXIT_FAIL;
			break;
		case 'c': cctld = optarg; break;
		case 'j': json = 1; break;
		default: return cli_usage(AUDIT_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(AUDIT_USAGE, NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	/* A ccTLD that does not exist is refused, not an empty history. */
	if (cctld != NULL && (rc = cctlds_resolve(&ctx, cctld, &c, &err)) == 0)
		q.cctld = c.code;
	if (rc == 0)
		rc = audit_history(&ctx, &q, &list, &err);
	if (rc == 0) {
		if (json)
			print_json(stdout, list);
		else
			print_audit(stdout, list);
		json_decref(list);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

const struct cli_help cli_config_help = {
	"config show|check",
	"show: every setting with its value (the defaults when no "
	    "--config); check: read the --config file and say whether "
	    "it is valid.",
	NULL,
	"show   print the settings\ncheck  validate the file",
	"--config tldops.ini config check",
};

int
cmd_config(const struct cli_globals *g, int argc, char **argv)
{
	struct config cfg;
	struct tld_error err;
	struct buf out;

	if (argc != 2 || (strcmp(argv[1], "show") != 0 && strcmp(argv[1], "check") != 0))
		return cli_usage("config show|check", NULL);
	config_defaults(&cfg);
	tld_error_clear(&err);
	if (g->config != NULL && config_load(&cfg, g->config, &err) < 0)
		return cli_fail(&err);
	if (strcmp(argv[1], "check") == 0) {
		printf("%s: ok\n", g->config ? g->config : "(defaults)");
		return EXIT_OK;
	}
	buf_init(&out);
	config_show(&cfg, &out);
	fputs(buf_str(&out), stdout);
	buf_fini(&out);
	return EXIT_OK;
}
