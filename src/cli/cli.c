/* SPDX-License-Identifier: MIT */
/* Global options, the command table, and helpers shared by the commands. */
#include "cli/cli.h"
#include "cli/print.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/utf8.h"
#include "util/xalloc.h"

#define DEFAULT_DB "var/tldops.db"

const struct cli_cmd cli_commands[] = {
	{ "init", cmd_init, "init", "Create the repository or refresh its ccTLD reference table.", NULL, &cli_init_help },
	{ "cctld", cmd_cctld, "cctld list|show ...", "The delegated ccTLDs and their membership.", cli_cctld_subs, NULL },
	{ "lookup", cmd_lookup, "lookup CODE|COUNTRY|ORGANISATION|ADDRESS", "Find a ccTLD's security contacts in a hurry.", NULL, &cli_lookup_help },
	{ "contact", cmd_contact, "contact add|update|remove|list ...", "The security contacts of the member ccTLDs.", cli_contact_subs, NULL },
	{ "import", cmd_import, "import contacts FILE.csv", "Load contacts from a CSV file, all or nothing.", NULL, &cli_import_help },
	{ "export", cmd_export, "export --format csv|json|vcard|mailman|website|spreadsheet [--output FILE] [--sign]", "Write the contacts (or member ccTLDs) in a file format.", NULL, &cli_export_help },
	{ "verify", cmd_verify, "verify FILE [--signature FILE.asc] [--key FPR]", "Check the signature of an offline copy.", NULL, &cli_verify_help },
	{ "iana", cmd_iana, "iana import FILE | fetch CODE...", "IANA's records of the ccTLDs' managers and contacts.", cli_iana_subs, NULL },
	{ "exception", cmd_exception, "exception add --email E --reason TEXT | remove ID | list", "Role addresses allowed as contacts, with the reason.", cli_exception_subs, NULL },
	{ "audit", cmd_audit, "audit [--since DATE] [--until DATE] [--cctld CODE] [--json]", "Every change, who made it and what it changed.", NULL, &cli_audit_help },
	{ "config", cmd_config, "config show|check", "Show or check the configuration file.", NULL, &cli_config_help },
	{ "alert", cmd_alert, "alert send --subject S --body-file F [--tlp clear|green|amber|amber+strict|red]", "Mail an alert to every active contact.", cli_alert_subs, NULL },
	{ "digest", cmd_digest, "digest --print | --send", "The repository mail: every member's contacts.", NULL, &cli_digest_help },
	{ "deliver", cmd_deliver, "deliver RECIPIENT [SENDER] < message", "The MTA's pipe into the list: 0 stored, 75 retry, 67/65 refused.", NULL, &cli_deliver_help },
	{ "held", cmd_held, "held list [--json] | show ID | approve ID | reject ID --reason TEXT", "Posts to the list held for the moderators.", cli_held_subs, NULL },
	{ "list", cmd_list, "list allow add ADDRESS --reason TEXT | remove ADDRESS | list [--json]", "Who may post to the list besides the members.", cli_list_subs, NULL },
	{ "outbox", cmd_outbox, "outbox status [--json] | run [--all]", "The queue of outgoing mail.", cli_outbox_subs, NULL },
	{ "doc", cmd_doc, "doc add FILE --title T --slug S --lang L --visibility V [--version V] | list | show SLUG | remove SLUG", "The committee's documents (playbooks).", cli_doc_subs, NULL },
	{ "action", cmd_action, "action add --title T [--owner O] [--number N] | list | edit N | close N | reopen N | note N TEXT | export --markdown", "The committee's action items.", cli_action_subs, NULL },
	{ "objective", cmd_objective, "objective add --meeting NAME --text T | set ID met|missed|open | edit ID --text T | list [--meeting NAME]", "What a meeting set out to do.", cli_objective_subs, NULL },
	{ "meeting", cmd_meeting, "meeting add NAME --date YYYY-MM-DD [--place P] | list [--json]", "The meetings' calendar.", cli_meeting_subs, NULL },
	{ "initiative", cmd_initiative, "initiative add --title T --kind K | lead ID NAME | team ID add|remove NAME | milestone ID --text T --due MEETING | milestone-done ID MID | state ID S --note N | deliverable ID --doc SLUG | list | show ID", "The community's initiatives and their milestones.", cli_initiative_subs, NULL },
	{ "event", cmd_event, "event add --title T --date D --place P [--organiser O] | invite ID CODE... | presenter ID NAME --mode M | material ID --doc SLUG --lang L... | outcome ID CODE O | list | show ID", "Outreach events and who they brought in.", cli_event_subs, NULL },
	{ "pack", cmd_pack, "pack MEETING [--format md|html|json] [--output FILE]", "The meeting pack: figures, actions, objectives, initiatives.", NULL, &cli_pack_help },
	{ "backup", cmd_backup, "backup FILE", "Copy the SQLite repository, consistent while in use.", NULL, &cli_backup_help },
	{ "migrate", cmd_migrate, "migrate --from sqlite:FILE --to postgresql://URI", "Copy a SQLite repository into PostgreSQL and verify it.", NULL, &cli_migrate_help },
	{ "request", cmd_request, "request join|update|leave|authorize|approve|reject|withdraw|list|show ...", "Requests to join, change or leave, and their authorisation.", cli_request_subs, NULL },
	{ "serve", cmd_serve, "serve [--listen HOST:PORT]", "Run the web site and the housekeeping.", NULL, &cli_serve_help },
	{ "account", cmd_account, "account add --email E --role secretariat|committee|member | list [--json] | disable EMAIL | remove EMAIL", "The web site's accounts.", cli_account_subs, NULL },
	{ "token", cmd_token, "token create --email E [--days N] | list [--email E] [--json] | revoke ID", "API tokens for an account.", cli_token_subs, NULL },
	{ "login-link", cmd_login_link, "login-link --email E", "Mail a one-time sign-in link.", NULL, &cli_login_link_help },
	{ "stats", cmd_stats, "stats [--since DATE | --since-meeting NAME] [--until DATE] [--json|--csv|--svg]", "The figures for a meeting.", NULL, &cli_stats_help },
	{ "reconcile", cmd_reconcile, "reconcile [--mailman FILE] [--website FILE] [--spreadsheet FILE] [--json]", "Compare the outside lists with the repository.", NULL, &cli_reconcile_help },
	{ "outreach", cmd_outreach, "outreach list [--region R] [--state S] [--owner NAME] [--json] | show CODE | set CODE [--owner NAME] [--state S] [--note TEXT] | board [--since-meeting NAME]", "Recruiting the ccTLDs that are not members yet.", cli_outreach_subs, NULL },
	{ "freshness", cmd_freshness, "freshness status [--json] | run | confirm TOKEN", "Asking contacts to confirm their entries.", cli_freshness_subs, NULL },
	{ "key", cmd_key, "key import --contact ID FILE | list [--json]", "The members' OpenPGP keys for the encrypted list.", cli_key_subs, NULL },
	{ "archive", cmd_archive, "archive list [--json] [--search Q] [--month YYYY-MM] [--before ID] | show ID [--json|--raw] | import FILE.mbox | export --mbox [--output FILE]", "The list's archive.", cli_archive_subs, NULL },
	{ "bounces", cmd_bounces, "bounces [--json]", "Addresses whose mail bounces.", NULL, &cli_bounces_help },
	{ "help", NULL, "help [COMMAND [SUBCOMMAND]]", "This overview, or the help of one command.", NULL, NULL },
};
const size_t cli_ncommands = sizeof(cli_commands) / sizeof(cli_commands[0]);

void
cli_print_overview(FILE *out)
{
	fprintf(out,
	    "usage: tldops [--db PATH|postgresql://URI] [--mail maildir:DIR|smtp://HOST:PORT]\n"
	    "              [--config FILE] [--as ACTOR] [--quiet] COMMAND ...\n\n"
	    "The contact repository and operations platform of the ccTLD security community.\n\n"
	    "commands:\n");
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(out, "  %-11s %s\n", cli_commands[i].name,
		    cli_commands[i].about);
	fprintf(out, "\n\"tldops COMMAND --help\" (or \"tldops help COMMAND\") says more.\n"
	    "Environment: TLDOPS_DB, TLDOPS_MAIL, TLDOPS_CONFIG, TLDOPS_ACTOR.\n"
	    "Default database: %s.  Exit status: 0 ok, 1 refused or failed, 2 usage.\n",
	    DEFAULT_DB);
}

void
cli_done(const struct cli_globals *g, const char *id, const char *fmt, ...)
{
	va_list ap;

	if (g->quiet || !isatty(STDOUT_FILENO)) {
		if (id != NULL)
			printf("%s\n", id);
		return;
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int
cli_fail(const struct tld_error *err)
{
	if (err->field[0] != '\0')
		fprintf(stderr, "error: %s: %s\n", err->field, err->message);
	else if (err->message[0] != '\0')
		fprintf(stderr, "error: %s\n", err->message);
	else
		fprintf(stderr, "error: %s\n", tld_strerror(err->code));
	return err->code == TLD_EUSAGE ? EXIT_USAGE : EXIT_FAIL;
}

int
cli_usage(const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		fputs("tldops: ", stderr);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fprintf(stderr, "usage: tldops %s\n", synopsis);
	return EXIT_USAGE;
}

int
cli_dispatch(const struct cli_globals *g, int argc, char **argv,
    const struct cli_sub *subs, const char *synopsis)
{
	if (argc < 2)
		return cli_usage(synopsis, "which %s command?", argv[0]);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_group_help(stdout, argv[0], synopsis, subs);
		return EXIT_OK;
	}
	for (const struct cli_sub *s = subs; s->name != NULL; s++) {
		if (strcmp(argv[1], s->name) != 0)
			continue;
		if (cli_wants_help(argc - 1, argv + 1)) {
			cli_help_print(stdout, s->name, s->help);
			return EXIT_OK;
		}
		return s->run(g, argc - 1, argv + 1);
	}
	return cli_unknown_sub(argv[0], argv[1], subs, synopsis);
}

bool
cli_parse_id(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return false;
	*out = v;
	return true;
}

int
cli_parse_id_arg(const char *field, const char *what, const char *s,
    int64_t *out)
{
	bool plain = true;

	if (cli_parse_id(s, out))
		return 0;
	/* Echo the input only when it is short printable text. */
	for (size_t k = 0; s[k] != '\0' && k < 20; k++)
		if (s[k] < ' ' || s[k] > '~' || s[k] == '"')
			plain = false;
	fprintf(stderr, "error: %s: \"%.20s\" is not %s\n", field,
	    plain ? s : "?", what);
	return -1;
}

int
cli_listing_run(const struct cli_globals *g, int argc, char **argv, bool show,
    const struct cli_listing *l)
{
	const char *usage = show ? l->show_usage : l->list_usage;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id = 0;
	json_t *j;
	int ch, rc, json = 0;

	while ((ch = cli_getopt(argc, argv, cli_json_opts)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind + (show ? 1 : 0) != argc)
		return cli_usage(usage, NULL);
	if (show && cli_parse_id_arg(l->field, l->what, argv[optind], &id) < 0)
		return EXIT_FAIL;
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = show ? l->show_json(&ctx, id, &j, &err) :
	    l->list_json(&ctx, &j, &err)) == 0) {
		if (json)
			print_json(stdout, j);
		else if (show)
			l->show_print(stdout, j);
		else
			l->print(stdout, j);
		json_decref(j);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

int
cli_read_file(const char *path, size_t max, char **out, size_t *len,
    struct tld_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0;
	char *data;

	if (f == NULL)
		return tld_error_set(err, TLD_EIO, "file", "cannot open %s: %s",
		    path, strerror(errno));
	data = xmalloc(cap + 1);
	for (;;) {
		size_t got;

		if (n == cap) {
			if (cap >= max)
				break;
			cap = cap * 2 > max ? max : cap * 2;
			data = xrealloc(data, cap + 1);
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f) || (n == max && fgetc(f) != EOF)) {
		int too_big = !ferror(f);

		if (f != stdin)
			fclose(f);
		free(data);
		return too_big ? tld_error_set(err, TLD_ELIMIT, "file",
		    "%s is larger than %zu bytes", path, max) :
		    tld_error_set(err, TLD_EIO, "file", "cannot read %s", path);
	}
	if (f != stdin)
		fclose(f);
	data[n] = '\0';
	*out = data;
	*len = n;
	return 0;
}

static void
resolve_actor(const struct cli_globals *g, char *out, size_t outlen)
{
	const char *a = g->actor;
	struct passwd *pw;

	if (a == NULL || *a == '\0')
		a = getenv("TLDOPS_ACTOR");
	if (a != NULL && *a != '\0') {
		snprintf(out, outlen, "%s", a);
		return;
	}
	pw = getpwuid(getuid());
	if (pw != NULL)
		snprintf(out, outlen, "%s", pw->pw_name);
	else
		snprintf(out, outlen, "uid:%u", (unsigned)getuid());
}

/* --mail, $TLDOPS_MAIL, or a Maildir beside the SQLite database. */
static void
default_mail(const struct cli_globals *g, char *out, size_t outlen)
{
	const char *slash;

	if (g->mail != NULL) {
		snprintf(out, outlen, "%s", g->mail);
		return;
	}
	slash = strrchr(g->db, '/');
	if (strstr(g->db, "://") != NULL || slash == NULL)
		snprintf(out, outlen, "maildir:mail");
	else
		snprintf(out, outlen, "maildir:%.*s/mail", (int)(slash - g->db), g->db);
}

int
cli_open(const struct cli_globals *g, bool create, struct tld_ctx *ctx)
{
	struct tld_error err;

	tld_error_clear(&err);
	memset(ctx, 0, sizeof(*ctx));
	config_defaults(&ctx->cfg);
	if (g->config != NULL && config_load(&ctx->cfg, g->config, &err) < 0)
		return cli_fail(&err);
	/* GnuPG (run by GPGME) reads its home from the environment. */
	if (ctx->cfg.gnupg_home[0] != '\0' &&
	    setenv("GNUPGHOME", ctx->cfg.gnupg_home, 1) != 0) {
		fprintf(stderr, "error: crypto.gnupg_home: cannot set GNUPGHOME\n");
		return EXIT_FAIL;
	}
	resolve_actor(g, ctx->actor, sizeof(ctx->actor));
	if (!utf8_valid(ctx->actor, strlen(ctx->actor)) ||
	    utf8_has_control(ctx->actor, strlen(ctx->actor))) {
		fprintf(stderr, "error: as: the actor name has control characters or is not UTF-8\n");
		return EXIT_FAIL;
	}
	default_mail(g, ctx->mail, sizeof(ctx->mail));
	if (store_open(g->db, create, &ctx->store, &err) < 0)
		return cli_fail(&err);
	/*
	 * Sealed queued mail (service/outbox_seal.h): by default the key lives
	 * beside an SQLite file; a PostgreSQL URL (store.h) has no such place.
	 */
	if (ctx->cfg.queue_key_file[0] == '\0' &&
	    strncmp(g->db, "postgresql://", 13) != 0 &&
	    strncmp(g->db, "postgres://", 11) != 0) {
		const char *path = strncmp(g->db, "sqlite:", 7) == 0 ? g->db + 7 : g->db;

		snprintf(ctx->cfg.queue_key_file, sizeof(ctx->cfg.queue_key_file),
		    "%s.queue-key", path);
	}
	return EXIT_OK;
}

void
cli_close(struct tld_ctx *ctx)
{
	store_close(ctx->store);
	ctx->store = NULL;
}

static const char *
env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : fallback;
}

int
cli_main(int argc, char **argv)
{
	struct cli_globals g = {
		.db = env_or("TLDOPS_DB", DEFAULT_DB),
		.mail = env_or("TLDOPS_MAIL", NULL),
		.config = env_or("TLDOPS_CONFIG", NULL),
		.actor = NULL,
		.quiet = false,
	};
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "mail", required_argument, NULL, 'm' },
		{ "config", required_argument, NULL, 'c' },
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	/* "+": stop at the command name; its own options come after it. */
	while ((ch = getopt_long(argc, argv, "+hq", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': g.db = optarg; break;
		case 'm': g.mail = optarg; break;
		case 'c': g.config = optarg; break;
		case 'a': g.actor = optarg; break;
		case 'h': cli_print_overview(stdout); return EXIT_OK;
		case 'V': printf("tldops 0.1.0\n"); return EXIT_OK;
		case 'q': g.quiet = true; break;
		default: cli_print_overview(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_print_overview(stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_cmd *c = &cli_commands[i];
		int sub_argc = argc - optind;
		char **sub_argv = argv + optind;

		if (strcmp(argv[optind], c->name) != 0)
			continue;
		optind = 0; /* reset getopt for the subcommand (GNU) */
		if (c->run == NULL)
			return cli_help_main(sub_argc, sub_argv);
		if (c->help != NULL && cli_wants_help(sub_argc, sub_argv)) {
			cli_help_print(stdout, c->name, c->help);
			return EXIT_OK;
		}
		return c->run(&g, sub_argc, sub_argv);
	}
	return cli_unknown_command(argv[optind]);
}
