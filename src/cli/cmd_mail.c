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

static int
alert_send_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] =
	    "alert send --subject S --body-file F [--tlp clear|green|amber|amber+strict|red]";
	static const struct option opts[] = {
		{ "subject", required_argument, NULL, 's' },
		{ "body-file", required_argument, NULL, 'b' },
		{ "tlp", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *subject = NULL, *file = NULL, *tlp_name = NULL;
	enum tlp tlp = TLP_NONE;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t msg;
	char *body;
	size_t len;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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

int
cmd_alert(const struct cli_globals *g, int argc, char **argv)
{
	static const struct cli_sub subs[] = { { "send", alert_send_cmd } };

	return cli_dispatch(g, argc, argv, subs, 1,
	    "alert send --subject S --body-file F [--tlp LEVEL]");
}

int
cmd_digest(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "digest --print | --send";
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t msg = 0;
	int rc;

	if (argc != 2 || (strcmp(argv[1], "--print") != 0 &&
	    strcmp(argv[1], "--send") != 0))
		return cli_usage(usage, NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (strcmp(argv[1], "--print") == 0) {
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

static int
outbox_status_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int json = argc == 2 && strcmp(argv[1], "--json") == 0;
	json_t *status;
	int rc;

	if (argc > 2 || (argc == 2 && !json))
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

static int
outbox_run_cmd(const struct cli_globals *g, int argc, char **argv)
{
	bool all = argc == 2 && strcmp(argv[1], "--all") == 0;
	struct tld_ctx ctx;
	int rc;

	if (argc > 2 || (argc == 2 && !all))
		return cli_usage("outbox run [--all]", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = deliver_now(&ctx, all);
	cli_close(&ctx);
	return rc;
}

int
cmd_outbox(const struct cli_globals *g, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "status", outbox_status_cmd }, { "run", outbox_run_cmd },
	};

	return cli_dispatch(g, argc, argv, subs, 2, "outbox status [--json] | run [--all]");
}
