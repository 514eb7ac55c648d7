/* SPDX-License-Identifier: MIT */
/*
 * `tldops serve`, `account add|list|disable|remove`, `token
 * create|list|revoke`, `login-link`.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "service/membership/accounts.h"
#include "util/clock.h"
#include "util/log.h"
#include "web/web.h"

static const struct cli_opt cmd_serve_opts[] = {
	{ "listen", required_argument, 'l', "HOST:PORT",
	    "where to listen (default: [web] listen)" },
	CLI_OPT_END,
};

const struct cli_help cli_serve_help = {
	"serve [--listen HOST:PORT]",
	"Run the web site and the API, and the housekeeping: the "
	    "outbox, the repository mail, freshness, expiring requests.",
	cmd_serve_opts,
	NULL,
	"serve --listen 127.0.0.1:8080",
};

int
cmd_serve(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "serve [--listen HOST:PORT]";
	struct web_options o;
	struct tld_ctx ctx;
	struct tld_error err;
	const char *listen = NULL;
	char host[256];
	unsigned port;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, cmd_serve_opts)) != -1) {
		if (ch != 'l')
			return cli_usage(usage, NULL);
		listen = optarg;
	}
	if (optind != argc)
		return cli_usage(usage, "unexpected argument \"%s\"", argv[optind]);
	if (listen != NULL && !web_parse_listen(listen, host, sizeof(host), &port))
		return cli_usage(usage, "--listen: \"%s\" is not HOST:PORT", listen);
	/*
	 * A server's log has its routine counts (freshness, the repository
	 * mail) at info level; --quiet keeps it to warnings and errors.
	 */
	if (!g->quiet)
		log_set_level(LOG_LEVEL_INFO);
	/* Open once to apply migrations and check the configuration. */
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	cli_close(&ctx);
	memset(&o, 0, sizeof(o));
	o.db = g->db;
	o.mail = ctx.mail;
	o.cfg = &ctx.cfg;
	o.listen = listen != NULL ? listen : ctx.cfg.listen;
	tld_error_clear(&err);
	if (web_serve(&o, &err) < 0)
		return cli_fail(&err);
	return EXIT_OK;
}

static const struct cli_opt account_add_opts[] = {
	{ "email", required_argument, 'e', "ADDRESS",
	    "the account's address (required)" },
	{ "role", required_argument, 'r', "ROLE",
	    "secretariat, committee or member (required)" },
	CLI_OPT_END,
};

static const struct cli_help account_add_help = {
	"account add --email E --role secretariat|committee|member",
	"Create a web account.  Prints its id.",
	account_add_opts,
	NULL,
	"account add --email jan@sidn.nl --role committee",
};

static int
account_add(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] =
	    "account add --email E --role secretariat|committee|member";
	const char *email = NULL, *role_s = NULL;
	enum account_role role;
	struct account a;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, account_add_opts)) != -1) {
		switch (ch) {
		case 'e': email = optarg; break;
		case 'r': role_s = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc || email == NULL || role_s == NULL)
		return cli_usage(usage, "--email and --role are required");
	tld_error_clear(&err);
	if (account_role_parse(role_s, &role, &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	rc = accounts_add(&ctx, email, role, &a, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%" PRId64 "\n", a.id);
	return EXIT_OK;
}

static const struct cli_opt account_list_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help account_list_help = {
	"account list [--json]",
	"List the web accounts: id, role, address; a disabled one until removed.",
	account_list_opts,
	NULL,
	"account list",
};

static int
account_list(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *a, *o;
	size_t i;
	int ch, json = 0, rc;

	while ((ch = cli_getopt(argc, argv, account_list_opts)) != -1) {
		if (ch != 'j')
			return cli_usage("account list [--json]", NULL);
		json = 1;
	}
	if (optind != argc)
		return cli_usage("account list [--json]", "unexpected argument");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = accounts_list_json(&ctx, &a, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		json_dumpf(a, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		struct cli_table t;

		cli_table_init(&t, 4, (const char *[]){ "ID", "ROLE", "ADDRESS",
		    "DISABLED" });
		json_array_foreach(a, i, o) {
			char id[24];

			snprintf(id, sizeof(id), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(json_object_get(o, "id")));
			cli_table_row(&t, (const char *[]){ id,
			    json_string_value(json_object_get(o, "role")),
			    json_string_value(json_object_get(o, "email")),
			    json_string_value(json_object_get(o, "disabled")) });
		}
		cli_table_print(&t, stdout);
		cli_table_fini(&t);
	}
	json_decref(a);
	return EXIT_OK;
}

/* `account disable EMAIL` and `account remove EMAIL`. */
static int
account_end(const struct cli_globals *g, int argc, char **argv, bool remove)
{
	const char *usage = remove ? "account remove EMAIL" :
	    "account disable EMAIL";
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(usage, "which address?");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = remove ? accounts_remove(&ctx, argv[1], &err) :
	    accounts_disable(&ctx, argv[1], &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	fprintf(stderr, "%s %s; its sessions, sign-in links and API tokens no "
	    "longer work.\n", remove ? "Removed the account of" :
	    "Disabled the account of", argv[1]);
	return EXIT_OK;
}

static const struct cli_help account_disable_help = {
	"account disable EMAIL",
	"Disable an account: its sessions, sign-in links and tokens"
	    " end at once.",
	NULL,
	"EMAIL  the account's address",
	"account disable jan@sidn.nl",
};

static int
account_disable(const struct cli_globals *g, int argc, char **argv)
{
	return account_end(g, argc, argv, false);
}

static const struct cli_help account_remove_help = {
	"account remove EMAIL",
	"Remove an account (kept in the audit log); its sessions, "
	    "links and tokens end.",
	NULL,
	"EMAIL  the account's address",
	"account remove jan@sidn.nl",
};

static int
account_remove(const struct cli_globals *g, int argc, char **argv)
{
	return account_end(g, argc, argv, true);
}

const struct cli_sub cli_account_subs[] = {
	{ "add", account_add, &account_add_help },
	{ "list", account_list, &account_list_help },
	{ "disable", account_disable, &account_disable_help },
	{ "remove", account_remove, &account_remove_help },
	{ NULL, NULL, NULL },
};

int
cmd_account(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_account_subs,
	    "account add|list|disable|remove ...");
}

static const struct cli_opt token_create_opts[] = {
	{ "email", required_argument, 'e', "ADDRESS",
	    "the account (required)" },
	{ "days", required_argument, 'd', "N",
	    "valid for N days (default 90, at most [web] "
	    "token_max_days)" },
	CLI_OPT_END,
};

static const struct cli_help token_create_help = {
	"token create --email E [--days N]",
	"Create an API token for an account; it is shown only once.",
	token_create_opts,
	NULL,
	"token create --email jan@sidn.nl --days 30",
};

static int
token_create(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "token create --email E [--days N]";
	const char *email = NULL;
	char token[SECRET_TEXT_MAX], until[32];
	int64_t days = 90, expires;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, token_create_opts)) != -1) {
		switch (ch) {
		case 'e': email = optarg; break;
		case 'd':
			if (!cli_parse_id(optarg, &days))
				return cli_usage(usage, "--days: \"%s\" is not a positive "
				    "number", optarg);
			break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc || email == NULL)
		return cli_usage(usage, "--email is required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = accounts_token_create(&ctx, email, days, token, &expires, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	clock_format_iso(expires, until, sizeof(until));
	/* The token on stdout alone (for scripts); the rest on stderr. */
	printf("%s\n", token);
	fprintf(stderr, "API token for %s, valid until %s. It is shown only now: "
	    "send it as \"Authorization: Bearer <token>\".\n", email, until);
	sodium_memzero(token, sizeof(token));
	return EXIT_OK;
}

static const struct cli_opt token_list_opts[] = {
	{ "email", required_argument, 'e', "ADDRESS",
	    "only this account's tokens" },
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help token_list_help = {
	"token list [--email E] [--json]",
	"List the API tokens (never the secrets): id, account, "
	    "expiry, last use.",
	token_list_opts,
	NULL,
	"token list --email jan@sidn.nl",
};

static int
token_list(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "token list [--email E] [--json]";
	const char *email = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *a, *o;
	size_t i;
	int ch, json = 0, rc;

	while ((ch = cli_getopt(argc, argv, token_list_opts)) != -1) {
		switch (ch) {
		case 'e': email = optarg; break;
		case 'j': json = 1; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(usage, "unexpected argument \"%s\"", argv[optind]);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = accounts_tokens_list_json(&ctx, email, &a, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		json_dumpf(a, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		if (json_array_size(a) > 0)
			printf("%-12s  %-20s  %-20s  %-20s  %s\n", "ID", "CREATED",
			    "EXPIRES", "LAST USED", "EMAIL");
		json_array_foreach(a, i, o) {
			const char *used = json_string_value(json_object_get(o,
			    "last_used"));

			printf("%-12s  %-20s  %-20s  %-20s  %s\n",
			    json_string_value(json_object_get(o, "id")),
			    json_string_value(json_object_get(o, "created")),
			    json_string_value(json_object_get(o, "expires")),
			    used != NULL ? used : "never",
			    json_string_value(json_object_get(o, "email")));
		}
	}
	json_decref(a);
	return EXIT_OK;
}

static const struct cli_help token_revoke_help = {
	"token revoke ID",
	"Revoke an API token.",
	NULL,
	"ID  the token's id (token list)",
	"token revoke 3",
};

static int
token_revoke(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("token revoke ID", "which token? (an ID from "
		    "`tldops token list`)");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = accounts_token_revoke(&ctx, argv[1], &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	fprintf(stderr, "Revoked API token %s; it no longer works.\n", argv[1]);
	return EXIT_OK;
}

const struct cli_sub cli_token_subs[] = {
	{ "create", token_create, &token_create_help },
	{ "list", token_list, &token_list_help },
	{ "revoke", token_revoke, &token_revoke_help },
	{ NULL, NULL, NULL },
};

int
cmd_token(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_token_subs,
	    "token create|list|revoke ...");
}

static const struct cli_opt cmd_login_link_opts[] = {
	{ "email", required_argument, 'e', "ADDRESS",
	    "the account (required)" },
	CLI_OPT_END,
};

const struct cli_help cli_login_link_help = {
	"login-link --email E",
	"Make a one-time sign-in link for an account and print it.",
	cmd_login_link_opts,
	NULL,
	"login-link --email jan@sidn.nl",
};

int
cmd_login_link(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "login-link --email E";
	const char *email = NULL;
	char url[1024];
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, cmd_login_link_opts)) != -1) {
		if (ch != 'e')
			return cli_usage(usage, NULL);
		email = optarg;
	}
	if (optind != argc || email == NULL)
		return cli_usage(usage, "--email is required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = accounts_login_link(&ctx, email, url, sizeof(url), &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%s\n", url);
	sodium_memzero(url, sizeof(url));
	return EXIT_OK;
}
