/* SPDX-License-Identifier: MIT */
/* `tldops freshness status|run|confirm` and `tldops verify` (the offline copy). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "model/states.h"
#include "service/directory/freshness.h"
#include "service/directory/offline.h"
#include "service/membership/requests.h"
#include "service/outbox.h"
#include "util/clock.h"

static const char SYNOPSIS[] = "freshness status [--json] | run | confirm TOKEN";

/* The mail a run queued goes out at once when the transport works. */
static void
deliver_quietly(struct tld_ctx *ctx)
{
	struct outbox_run_stats st;
	struct tld_error err;

	tld_error_clear(&err);
	if (outbox_run(ctx, false, &st, &err) < 0)
		fprintf(stderr, "warning: mail stays queued: %s\n", err.message);
}

static const char *
day_or_dash(const json_t *v, char out[11])
{
	const char *s = json_string_value(v);

	snprintf(out, 11, "%.10s", s != NULL ? s : "-");
	return out;
}

static void
print_status(const json_t *rows)
{
	int64_t counts[FRESHNESS_STATES] = { 0, 0, 0 };
	size_t i;
	json_t *r;

	printf("%-6s %-10s %-9s %-10s %-10s %-3s %-10s %s\n", "ID", "CCTLD",
	    "STATE", "CONFIRMED", "ASKED", "REM", "STALE", "CONTACT");
	json_array_foreach(rows, i, r) {
		const char *state = json_string_value(json_object_get(r, "state"));
		int k = freshness_state_from(state);
		char a[11], b[11], c[11];

		counts[k < 0 ? FRESHNESS_CONFIRMED : k]++;
		printf("%-6" JSON_INTEGER_FORMAT " .%-9s %-9s %-10s %-10s %-3"
		    JSON_INTEGER_FORMAT " %-10s %s <%s>%s\n",
		    json_integer_value(json_object_get(r, "id")),
		    json_string_value(json_object_get(r, "cctld")), state,
		    day_or_dash(json_object_get(r, "last_confirmed"), a),
		    day_or_dash(json_object_get(r, "asked"), b),
		    json_integer_value(json_object_get(r, "reminders")),
		    day_or_dash(json_object_get(r, "stale_since"), c),
		    json_string_value(json_object_get(r, "name")),
		    json_string_value(json_object_get(r, "email")),
		    json_is_true(json_object_get(r, "correction_pending")) ?
		    "  (correction pending)" : "");
	}
	printf("%zu contacts: %" PRId64 " confirmed, %" PRId64 " asked, %" PRId64
	    " stale\n", json_array_size(rows), counts[FRESHNESS_CONFIRMED], counts[FRESHNESS_ASKED],
	    counts[FRESHNESS_STALE]);
}

static const struct cli_opt status_cmd_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON document instead of text" },
	CLI_OPT_END,
};

static const struct cli_help status_cmd_help = {
	"freshness status [--json]",
	"The freshness report: contacts confirmed, asked, reminded "
	    "and stale.",
	status_cmd_opts,
	NULL,
	"freshness status",
};

static int
status_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "freshness status [--json]";
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *rows = NULL;
	int ch, rc, as_json = 0;

	while ((ch = cli_getopt(argc, argv, status_cmd_opts)) != -1) {
		switch (ch) {
		case 'j': as_json = 1; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(usage, "status takes no arguments");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = freshness_status_json(&ctx, &rows, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (as_json) {
		json_dumpf(rows, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
	} else {
		print_status(rows);
	}
	json_decref(rows);
	return EXIT_OK;
}

static const struct cli_help run_cmd_help = {
	"freshness run",
	"Ask the contacts that are due to confirm their entries, "
	    "remind and mark stale (serve does this daily).",
	NULL,
	NULL,
	"freshness run",
};

static int
run_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct freshness_run_stats st;
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage("freshness run", "run takes no arguments");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	memset(&st, 0, sizeof(st));
	/* A correction that expired unauthorised no longer holds reminders
	 * back: requests first (membership's rule, not freshness's). */
	if ((rc = requests_expire_due(&ctx, &err)) >= 0)
		rc = freshness_run(&ctx, &st, &err);
	/* Even after an error: what was done is committed and its mail queued. */
	deliver_quietly(&ctx);
	cli_close(&ctx);
	printf("asked %zu, reminded %zu, marked stale %zu, keys to renew asked "
	    "%zu, weekly summary %s\n", st.asked, st.reminded, st.stale,
	    st.keys_asked, st.summaries ? "queued" : "not due");
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_help confirm_cmd_help = {
	"freshness confirm TOKEN",
	"Confirm an entry with the token of its mail (what the link"
	    " does).",
	NULL,
	"TOKEN  the token from the mail",
	"freshness confirm 6f1c...",
};

static int
confirm_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id = 0;
	int rc;

	if (argc != 2)
		return cli_usage("freshness confirm TOKEN", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = freshness_confirm(&ctx, argv[1], &id, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("contact %" PRId64 " confirmed\n", id);
	return EXIT_OK;
}

const struct cli_sub cli_freshness_subs[] = {
	{ "status", status_cmd, &status_cmd_help },
	{ "run", run_cmd, &run_cmd_help },
	{ "confirm", confirm_cmd, &confirm_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_freshness(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_freshness_subs,
	    SYNOPSIS);
}

/*
 * Checking an offline copy needs no repository (mail and the database may
 * be what is down): only the configuration, for [mail] signing_key.
 */
static const struct cli_opt cmd_verify_opts[] = {
	{ "signature", required_argument, 's', "FILE.asc",
	    "the detached signature (default: FILE.asc)" },
	{ "key", required_argument, 'k', "FPR",
	    "the signer's fingerprint to expect (default: [mail] "
	    "signing_key)" },
	CLI_OPT_END,
};

const struct cli_help cli_verify_help = {
	"verify FILE [--signature FILE.asc] [--key FPR]",
	"Check an offline copy's signature; needs no repository.",
	cmd_verify_opts,
	"FILE  the offline copy",
	"verify tldops-repository-2026-12-01.json",
};

int
cmd_verify(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "verify FILE [--signature FILE.asc] [--key FPR]";
	const char *sig = NULL, *key = NULL;
	struct pgp_verify_result res;
	struct config cfg;
	struct tld_error err;
	char when[32];
	int ch;

	while ((ch = cli_getopt(argc, argv, cmd_verify_opts)) != -1) {
		switch (ch) {
		case 's': sig = optarg; break;
		case 'k': key = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage(usage, "which file?");
	tld_error_clear(&err);
	config_defaults(&cfg);
	if (g->config != NULL && config_load(&cfg, g->config, &err) < 0)
		return cli_fail(&err);
	if (key == NULL)
		key = cfg.signing_key;
	if (offline_verify(argv[optind], sig, key, &res, &err) < 0) {
		cli_fail(&err);
		fprintf(stderr, "error: %s does NOT verify: do not rely on it\n",
		    argv[optind]);
		return EXIT_FAIL;
	}
	clock_format_iso(res.created, when, sizeof(when));
	printf("%s: good signature by %s%s%s%s, made %s\n", argv[optind], res.fpr,
	    res.uid[0] ? " (" : "", res.uid, res.uid[0] ? ")" : "", when);
	if (key[0] == '\0')
		printf("note: no expected key ([mail] signing_key or --key): any key "
		    "in your keyring was accepted\n");
	return EXIT_OK;
}
