/* SPDX-License-Identifier: MIT */
/* `tldops request join|update|leave|authorize|approve|reject|withdraw|list|show`. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/table.h"
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

static const struct cli_opt create_opts[] = {
	{ "cctld", required_argument, 'c', "CODE",
	    "the ccTLD (required)" },
	{ "contact", required_argument, 'i', "ID",
	    "the contact to change or remove (update and leave: "
	    "required)" },
	{ "name", required_argument, 'n', "NAME",
	    "the full name" },
	{ "email", required_argument, 'e', "ADDRESS",
	    "a personal address" },
	{ "phone", required_argument, 'p', "NUMBER",
	    "an international number (+31 26 352 5500)" },
	{ "org", required_argument, 'o', "ORG",
	    "the organisation" },
	{ "organisation", required_argument, 'o', "ORG",
	    "the same as --org" },
	{ "role", required_argument, 'r', "ROLE",
	    "the role" },
	{ "lang", required_argument, 'l', "LANGS",
	    "languages, ISO 639-1 with commas (en,fr)" },
	{ "languages", required_argument, 'l', "LANGS",
	    "the same as --lang" },
	{ "pgp", required_argument, 'g', "FPR",
	    "the OpenPGP fingerprint" },
	CLI_OPT_END,
};

static int
create(const struct cli_globals *g, int argc, char **argv, enum request_kind kind,
    const struct cli_opt *opts)
{
	struct contact_fields f;
	const char *cctld = NULL;
	int64_t contact = 0, id;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	memset(&f, 0, sizeof(f));
	while ((ch = cli_getopt(argc, argv, opts)) != -1) {
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

static const struct cli_help join_cmd_help = {
	"request join --cctld C --name N --email E --phone P [--org O] [--role R] [--lang L] [--pgp FPR]",
	"Ask for a new contact of a ccTLD.  The ccTLD's IANA "
	    "contacts are mailed a link to authorise it; then the "
	    "committee decides.  Prints the request's id.",
	create_opts,
	NULL,
	"request join --cctld nl --name \"Jan Jansen\" --email "
	    "jan@sidn.nl --phone \"+31 26 352 5500\"",
};

static int
join_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return create(g, argc, argv, REQUEST_JOIN, create_opts);
}

static const struct cli_help update_cmd_help = {
	"request update --cctld C --contact ID [--name N] [--email E] [--phone P] ...",
	"Ask for a change to a contact, authorised like a join.",
	create_opts,
	NULL,
	"request update --cctld nl --contact 1 --phone \"+31 26 352 "
	    "5599\"",
};

static int
update_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return create(g, argc, argv, REQUEST_UPDATE, create_opts);
}

static const struct cli_opt leave_opts[] = {
	{ "cctld", required_argument, 'c', "CODE",
	    "the ccTLD (required)" },
	{ "contact", required_argument, 'i', "ID",
	    "the contact to remove (required)" },
	CLI_OPT_END,
};

static const struct cli_help leave_cmd_help = {
	"request leave --cctld C --contact ID",
	"Ask for a contact's removal, authorised like a join.",
	leave_opts,
	NULL,
	"request leave --cctld nl --contact 1",
};

static int
leave_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return create(g, argc, argv, REQUEST_LEAVE, leave_opts);
}

static const struct cli_help authorize_cmd_help = {
	"request authorize TOKEN",
	"Authorise a request with the token of the IANA contact's "
	    "mail (what the link does).",
	NULL,
	"TOKEN  the token from the mail",
	"request authorize 6f1c...",
};

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
    char what, const struct cli_opt *opts)
{
	struct request_approval ap;
	const char *reason = NULL;
	bool announce = false;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, opts)) != -1) {
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
		rc = requests_approve(&ctx, id, announce, &ap, &err);
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
	/* --announce that announced nothing says so (not a failure). */
	if (what == 'a' && ap.not_announced[0] != '\0')
		fprintf(stderr, "note: %s\n", ap.not_announced);
	return EXIT_OK;
}

static const struct cli_opt approve_opts[] = {
	{ "announce", no_argument, 'a', NULL,
	    "announce the new member to the community (a join only)" },
	CLI_OPT_END,
};

static const struct cli_help approve_cmd_help = {
	"request approve ID [--announce]",
	"Approve an authorised request: the change is made.",
	approve_opts,
	"ID  the request's id",
	"request approve 1 --announce",
};

static int
approve_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return decide(g, argc, argv, "request approve ID [--announce]", 'a',
	    approve_opts);
}

static const struct cli_opt reject_opts[] = {
	{ "reason", required_argument, 'r', "TEXT",
	    "why (required)" },
	CLI_OPT_END,
};

static const struct cli_help reject_cmd_help = {
	"request reject ID --reason TEXT",
	"Reject a request, saying why.",
	reject_opts,
	"ID  the request's id",
	"request reject 1 --reason \"not a security contact\"",
};

static int
reject_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return decide(g, argc, argv, "request reject ID --reason TEXT", 'r',
	    reject_opts);
}

static const struct cli_opt withdraw_opts[] = {
	CLI_OPT_END,
};

static const struct cli_help withdraw_cmd_help = {
	"request withdraw ID",
	"Withdraw a request that is not decided yet.",
	withdraw_opts,
	"ID  the request's id",
	"request withdraw 1",
};

static int
withdraw_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return decide(g, argc, argv, "request withdraw ID", 'w',
	    withdraw_opts);
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

static const struct cli_opt list_cmd_opts[] = {
	{ "state", required_argument, 's', "STATE",
	    "only pending-authorisation, authorised, approved, "
	    "rejected, expired or withdrawn" },
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help list_cmd_help = {
	"request list [--state S] [--json]",
	"List the requests with their flags (e.g. a sales title).",
	list_cmd_opts,
	NULL,
	"request list --state authorised",
};

/* A request as a row of the listing, its flags as lines under it. */
static void
request_row(struct cli_table *t, const json_t *r)
{
	const json_t *p = json_object_get(r, "proposed");
	const json_t *f;
	char id[24], who[1024];
	size_t i;

	snprintf(id, sizeof(id), "%lld",
	    (long long)json_integer_value(json_object_get(r, "id")));
	snprintf(who, sizeof(who), "%s <%s>",
	    json_string_value(json_object_get(p, "name")),
	    json_string_value(json_object_get(p, "email")));
	cli_table_row(t, (const char *[]){ id,
	    json_string_value(json_object_get(r, "kind")),
	    json_string_value(json_object_get(r, "cctld")),
	    json_string_value(json_object_get(r, "state")), who });
	json_array_foreach(json_object_get(r, "flags"), i, f) {
		snprintf(who, sizeof(who), "      ! %s", json_string_value(f));
		cli_table_line(t, who);
	}
}

static int
list_cmd(const struct cli_globals *g, int argc, char **argv)
{
	enum request_state state;
	bool have_state = false;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list = NULL, *r;
	size_t i;
	int ch, json = 0, rc;

	tld_error_clear(&err);
	while ((ch = cli_getopt(argc, argv, list_cmd_opts)) != -1) {
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
		struct cli_table t;

		cli_table_init(&t, 5, (const char *[]){ "ID", "KIND", "CCTLD",
		    "STATE", "CONTACT" });
		json_array_foreach(list, i, r)
			request_row(&t, r);
		cli_table_print(&t, stdout);
		cli_table_fini(&t);
	}
	json_decref(list);
	return EXIT_OK;
}

static const struct cli_help show_cmd_help = {
	"request show ID [--json]",
	"One request: who asked, who authorised, who decided and "
	    "why.",
	cli_json_opts,
	"ID  the request's id",
	"request show 1",
};

static int
show_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *o = NULL;
	int64_t id;
	int json = 0, rc;

	int first;

	if ((first = cli_json_only(argc, argv, 1, &json)) < 0)
		return cli_usage("request show ID [--json]", NULL);
	if (!cli_parse_id(argv[first], &id))
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

const struct cli_sub cli_request_subs[] = {
	{ "join", join_cmd, &join_cmd_help },
	{ "update", update_cmd, &update_cmd_help },
	{ "leave", leave_cmd, &leave_cmd_help },
	{ "authorize", authorize_cmd, &authorize_cmd_help },
	{ "authorise", authorize_cmd, &authorize_cmd_help },
	{ "approve", approve_cmd, &approve_cmd_help },
	{ "reject", reject_cmd, &reject_cmd_help },
	{ "withdraw", withdraw_cmd, &withdraw_cmd_help },
	{ "list", list_cmd, &list_cmd_help },
	{ "show", show_cmd, &show_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_request(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_request_subs,
	    SYNOPSIS);
}
