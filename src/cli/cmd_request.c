/* SPDX-License-Identifier: MIT */
/* `tldops request join|update|leave|authorize|approve|reject|withdraw|list|show`. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "service/outbox.h"
#include "service/membership/requests.h"

static const char SYNOPSIS[] =
    "request join|update|leave|authorize|approve|reject|withdraw|list|show ...";
static const char CREATE_USAGE[] =
    "request join --cctld C --name N --email E --phone P [--org O] [--role R] "
    "[--lang L] [--pgp FPR]\n"
    "       tldops request update --cctld C --contact ID [--name N] [--email E] ...\n"
    "       tldops request leave --cctld C --contact ID";

/* Requests mail their authorisation links at once when the transport works. */
static void
deliver_quietly(struct tld_ctx *ctx)
{
	struct outbox_run_stats st;
	struct tld_error err;

	tld_error_clear(&err);
	if (outbox_run(ctx, false, &st, &err) < 0)
		fprintf(stderr, "warning: mail stays queued: %s\n", err.message);
}

static int
create(const struct cli_globals *g, int argc, char **argv, enum request_kind kind)
{
	static const struct option opts[] = {
		{ "cctld", required_argument, NULL, 'c' },
		{ "contact", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "email", required_argument, NULL, 'e' },
		{ "phone", required_argument, NULL, 'p' },
		{ "org", required_argument, NULL, 'o' },
		{ "organisation", required_argument, NULL, 'o' },
		{ "role", required_argument, NULL, 'r' },
		{ "lang", required_argument, NULL, 'l' },
		{ "languages", required_argument, NULL, 'l' },
		{ "pgp", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	struct contact_fields f;
	const char *cctld = NULL;
	int64_t contact = 0, id;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	memset(&f, 0, sizeof(f));
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': cctld = optarg; break;
		case 'i':
			if (!cli_parse_id(optarg, &contact))
				return cli_usage(CREATE_USAGE, "--contact takes a contact id");
			break;
		case 'n': f.name = optarg; break;
		case 'e': f.email = optarg; break;
		case 'p': f.phone = optarg; break;
		case 'o': f.organisation = optarg; break;
		case 'r': f.role = optarg; break;
		case 'l': f.languages = optarg; break;
		case 'g': f.pgp_fingerprint = optarg; break;
		default: return cli_usage(CREATE_USAGE, NULL);
		}
	}
	if (optind != argc || cctld == NULL)
		return cli_usage(CREATE_USAGE, "--cctld is required");
	if (kind == REQUEST_LEAVE && (f.name || f.email || f.phone ||
	    f.organisation || f.role || f.languages || f.pgp_fingerprint))
		return cli_usage(CREATE_USAGE, "a leave request takes no contact fields");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = requests_create(&ctx, kind, cctld, contact, &f, &id, &err);
	if (rc < 0) {
		cli_close(&ctx);
		return cli_fail(&err);
	}
	printf("%" PRId64 "\n", id);
	deliver_quietly(&ctx);
	cli_close(&ctx);
	return EXIT_OK;
}

static int
join_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return create(g, argc, argv, REQUEST_JOIN);
}

static int
update_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return create(g, argc, argv, REQUEST_UPDATE);
}

static int
leave_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return create(g, argc, argv, REQUEST_LEAVE);
}

static int
authorize_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int rc;

	if (argc != 2)
		return cli_usage("request authorize TOKEN", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = requests_authorize(&ctx, argv[1], &id, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("request %" PRId64 " authorised; it now waits for the committee\n", id);
	return EXIT_OK;
}

/* ID [--announce] or ID --reason TEXT: the decisions. */
static int
decide(const struct cli_globals *g, int argc, char **argv, const char *usage,
    char what)
{
	static const struct option opts[] = {
		{ "announce", no_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	bool announce = false;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'a' && what == 'a')
			announce = true;
		else if (ch == 'r' && what == 'r')
			reason = optarg;
		else
			return cli_usage(usage, NULL);
	}
	if (optind != argc - 1 || !cli_parse_id(argv[optind], &id))
		return cli_usage(usage, "give the request's numeric id");
	if (what == 'r' && reason == NULL)
		return cli_usage(usage, "--reason is required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (what == 'a')
		rc = requests_approve(&ctx, id, announce, &err);
	else if (what == 'r')
		rc = requests_reject(&ctx, id, reason, &err);
	else
		rc = requests_withdraw(&ctx, id, &err);
	if (rc == 0 && what == 'a')
		deliver_quietly(&ctx);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("request %" PRId64 " %s\n", id, what == 'a' ? "approved" :
	    what == 'r' ? "rejected" : "withdrawn");
	return EXIT_OK;
}

static int
approve_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return decide(g, argc, argv, "request approve ID [--announce]", 'a');
}

static int
reject_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return decide(g, argc, argv, "request reject ID --reason TEXT", 'r');
}

static int
withdraw_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return decide(g, argc, argv, "request withdraw ID", 'w');
}

static void
print_request_line(const json_t *r)
{
	const json_t *p = json_object_get(r, "proposed");
	const json_t *flags = json_object_get(r, "flags");
	const json_t *f;
	size_t i;

	printf("%-5lld %-6s %-10s %-22s %s <%s>\n",
	    (long long)json_integer_value(json_object_get(r, "id")),
	    json_string_value(json_object_get(r, "kind")),
	    json_string_value(json_object_get(r, "cctld")),
	    json_string_value(json_object_get(r, "state")),
	    json_string_value(json_object_get(p, "name")),
	    json_string_value(json_object_get(p, "email")));
	json_array_foreach(flags, i, f)
		printf("      ! %s\n", json_string_value(f));
}

static int
list_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	enum request_state state;
	bool have_state = false;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list = NULL, *r;
	size_t i;
	int ch, json = 0, rc;

	tld_error_clear(&err);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (request_state_parse(optarg, &state, &err) < 0)
				return cli_fail(&err);
			have_state = true;
			break;
		case 'j': json = 1; break;
		default: return cli_usage("request list [--state S] [--json]", NULL);
		}
	}
	if (optind != argc)
		return cli_usage("request list [--state S] [--json]", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = requests_expire_due(&ctx, &err);
	if (rc >= 0)
		rc = requests_list_json(&ctx, have_state ? &state : NULL, &list, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		json_dumpf(list, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		json_array_foreach(list, i, r)
			print_request_line(r);
	}
	json_decref(list);
	return EXIT_OK;
}

static int
show_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *o = NULL;
	int64_t id;
	int json = 0, rc;

	if (argc == 3 && strcmp(argv[2], "--json") == 0)
		json = 1;
	else if (argc != 2)
		return cli_usage("request show ID [--json]", NULL);
	if (!cli_parse_id(argv[1], &id))
		return cli_usage("request show ID [--json]", "give the request's numeric id");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = requests_expire_due(&ctx, &err);
	if (rc >= 0)
		rc = requests_show_json(&ctx, id, &o, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		json_dumpf(o, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		print_request_line(o);
		printf("      requested by %s on %s, expires %s\n",
		    json_string_value(json_object_get(o, "requested_by")),
		    json_string_value(json_object_get(o, "created")),
		    json_string_value(json_object_get(o, "expires")));
		if (json_is_string(json_object_get(o, "authorised_by")))
			printf("      authorised by %s\n",
			    json_string_value(json_object_get(o, "authorised_by")));
		if (json_is_string(json_object_get(o, "decided_by")))
			printf("      decided by %s: %s\n",
			    json_string_value(json_object_get(o, "decided_by")),
			    json_string_value(json_object_get(o, "reason")));
	}
	json_decref(o);
	return EXIT_OK;
}

int
cmd_request(const struct cli_globals *g, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "join", join_cmd }, { "update", update_cmd }, { "leave", leave_cmd },
		{ "authorize", authorize_cmd }, { "authorise", authorize_cmd },
		{ "approve", approve_cmd }, { "reject", reject_cmd },
		{ "withdraw", withdraw_cmd }, { "list", list_cmd }, { "show", show_cmd },
	};

	return cli_dispatch(g, argc, argv, subs, sizeof(subs) / sizeof(subs[0]),
	    SYNOPSIS);
}
