/* SPDX-License-Identifier: MIT */
/* `tldops alert send`, `digest`, `outbox status|run`. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "service/list/mailing.h"
#include "service/outbox.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json_util.h"

#define ALERT_FILE_MAX (1024 * 1024)

/* Deliver what is due now and say how it went (a failure leaves mail queued). */
static int
deliver_now(struct tld_ctx *ctx, bool all)
{
	struct outbox_run_stats st;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = outbox_run(ctx, all, &st, &err);
	if (rc < 0) {
		cli_fail(&err);
		return EXIT_FAIL;
	}
	printf("delivered %zu, retry later %zu, failed %zu (via %s)\n", st.sent,
	    st.retried, st.failed, ctx->mail);
	return EXIT_OK;
}

static const struct cli_opt alert_send_cmd_opts[] = {
	{ "subject", required_argument, 's', "TEXT",
	    "the subject (required)" },
	{ "body-file", required_argument, 'b', "FILE",
	    "the message text (\"-\" for stdin) (required)" },
	{ "tlp", required_argument, 't', "LEVEL",
	    "the Traffic Light Protocol marking: clear, green, amber, "
	    "amber+strict or red" },
	CLI_OPT_END,
};

static const struct cli_help alert_send_cmd_help = {
	"alert send --subject S --body-file F [--tlp clear|green|amber|amber+strict|red]",
	"Mail an alert to every active contact of every member "
	    "ccTLD.",
	alert_send_cmd_opts,
	NULL,
	"alert send --subject \"DDoS on .nl\" --body-file alert.txt "
	    "--tlp amber",
};

static int
alert_send_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] =
	    "alert send --subject S --body-file F [--tlp clear|green|amber|amber+strict|red]";
	const char *subject = NULL, *file = NULL, *tlp_name = NULL;
	enum tlp tlp = TLP_NONE;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t msg;
	char *body;
	size_t len;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, alert_send_cmd_opts)) != -1) {
		switch (ch) {
		case 's': subject = optarg; break;
		case 'b': file = optarg; break;
		case 't': tlp_name = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc || subject == NULL || file == NULL)
		return cli_usage(usage, "--subject and --body-file are required");
	tld_error_clear(&err);
	if (tlp_name != NULL && tlp_parse(tlp_name, &tlp, &err) < 0)
		return cli_fail(&err);
	if (cli_read_file(file, ALERT_FILE_MAX, &body, &len, &err) < 0)
		return cli_fail(&err);
	if (strlen(body) != len) {
		free(body);
		fprintf(stderr, "error: body: contains a NUL byte\n");
		return EXIT_FAIL;
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK) {
		free(body);
		return rc;
	}
	rc = alert_send(&ctx, subject, body, tlp, &msg, &err);
	free(body);
	if (rc < 0) {
		cli_close(&ctx);
		return cli_fail(&err);
	}
	printf("alert %" PRId64 " queued for %d recipients\n", msg, rc);
	rc = deliver_now(&ctx, false);
	cli_close(&ctx);
	return rc;
}

const struct cli_sub cli_alert_subs[] = {
	{ "send", alert_send_cmd, &alert_send_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_alert(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_alert_subs,
	    "alert send --subject S --body-file F [--tlp LEVEL]");
}

static const struct cli_opt digest_opts[] = {
	{ "print", no_argument, 'p', NULL,
	    "write the repository mail to stdout" },
	{ "send", no_argument, 's', NULL,
	    "queue it for every active contact and deliver it" },
	{ "next", no_argument, 'n', NULL,
	    "when `serve` sends the next one, and to how many" },
	{ "json", no_argument, 'j', NULL, "with --next: as JSON" },
	CLI_OPT_END,
};

const struct cli_help cli_digest_help = {
	"digest --print | --send | --next [--json]",
	"The repository mail: every member ccTLD with its contacts,"
	    " the emergency copy people keep.  `serve` sends it every"
	    " [mail] digest_interval_days; its first start only starts the clock.",
	digest_opts,
	NULL,
	"digest --next",
};

/* `digest --next`: the schedule as the running `serve` will follow it. */
static int
digest_next_print(struct tld_ctx *ctx, int json, struct tld_error *err)
{
	struct digest_schedule d;
	char last[32], next[32];
	int rc;

	if ((rc = digest_next(ctx, &d, err)) < 0)
		return rc;
	if (d.last != 0) {
		clock_format_iso(d.last, last, sizeof(last));
		clock_format_iso(d.next, next, sizeof(next));
	}
	if (json) {
		json_t *o = json_pack("{s:b, s:o, s:o, s:I, s:b, s:i}",
		    "started", d.last != 0, "last_run", json_time(d.last),
		    "next", json_time(d.next),
		    "interval_days", (json_int_t)d.interval_days,
		    "due", d.due, "recipients", d.recipients);

		print_json(stdout, o);
		json_decref(o);
		return 0;
	}
	if (d.last == 0)
		printf("next repository mail: not scheduled yet; the first "
		    "`tldops serve` starts the clock and the first mail goes "
		    "%lld days later, to %d recipients as of now\n",
		    (long long)d.interval_days, d.recipients);
	else if (d.due)
		printf("next repository mail: due since %s (every %lld days, "
		    "last run %s): a running `tldops serve` sends it within a "
		    "minute, to %d recipients\n", next,
		    (long long)d.interval_days, last, d.recipients);
	else
		printf("next repository mail: %s (every %lld days, last run "
		    "%s), to %d recipients as of now\n", next,
		    (long long)d.interval_days, last, d.recipients);
	return 0;
}

int
cmd_digest(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "digest --print | --send | --next [--json]";
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t msg = 0;
	int ch, rc, print = 0, send = 0, next = 0, json = 0;

	while ((ch = cli_getopt(argc, argv, digest_opts)) != -1) {
		switch (ch) {
		case 'p': print = 1; break;
		case 's': send = 1; break;
		case 'n': next = 1; break;
		case 'j': json = 1; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc || print + send + next != 1 || (json && !next))
		return cli_usage(usage, NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (next) {
		rc = digest_next_print(&ctx, json, &err);
		cli_close(&ctx);
		return rc < 0 ? cli_fail(&err) : EXIT_OK;
	}
	if (print) {
		struct buf out;

		buf_init(&out);
		rc = digest_render(&ctx, &out, &err);
		if (rc == 0)
			fwrite(out.data, 1, out.len, stdout);
		buf_fini(&out);
		cli_close(&ctx);
		return rc < 0 ? cli_fail(&err) : EXIT_OK;
	}
	rc = digest_send(&ctx, false, &msg, &err);
	if (rc < 0) {
		cli_close(&ctx);
		return cli_fail(&err);
	}
	printf("repository mail %" PRId64 " queued for %d recipients\n", msg, rc);
	rc = deliver_now(&ctx, false);
	cli_close(&ctx);
	return rc;
}

static const struct cli_help outbox_status_cmd_help = {
	"outbox status [--json]",
	"Messages and deliveries per state, and each delivery with "
	    "a problem.",
	cli_json_opts,
	NULL,
	"outbox status",
};

static int
outbox_status_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *status;
	int json, rc;

	if (cli_json_only(argc, argv, 0, &json) < 0)
		return cli_usage("outbox status [--json]", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = outbox_status(&ctx, &status, &err)) == 0) {
		if (json)
			print_json(stdout, status);
		else
			print_outbox_status(stdout, status);
		json_decref(status);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_opt outbox_run_opts[] = {
	{ "all", no_argument, 'a', NULL,
	    "also the deliveries still backing off after a failure" },
	CLI_OPT_END,
};

static const struct cli_help outbox_run_cmd_help = {
	"outbox run [--all]",
	"Deliver what is due now through --mail.",
	outbox_run_opts,
	NULL,
	"outbox run",
};

static int
outbox_run_cmd(const struct cli_globals *g, int argc, char **argv)
{
	bool all = false;
	struct tld_ctx ctx;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, outbox_run_opts)) != -1) {
		if (ch != 'a')
			return cli_usage("outbox run [--all]", NULL);
		all = true;
	}
	if (optind != argc)
		return cli_usage("outbox run [--all]", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = deliver_now(&ctx, all);
	cli_close(&ctx);
	return rc;
}

const struct cli_sub cli_outbox_subs[] = {
	{ "status", outbox_status_cmd, &outbox_status_cmd_help },
	{ "run", outbox_run_cmd, &outbox_run_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_outbox(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_outbox_subs, "outbox status [--json] | run [--all]");
}
