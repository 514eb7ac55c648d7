/* SPDX-License-Identifier: MIT */
/*
 * The command-line front end: global options, dispatch to subcommands, and
 * the helpers they share.  Exit status: 0 ok, 1 refused or failed (message
 * on stderr naming the field and the reason), 2 usage error.
 */
#ifndef TLD_CLI_CLI_H
#define TLD_CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "util/error.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Global options, read before the command. */
struct cli_globals {
	const char *db;     /* --db or $TLDOPS_DB or var/tldops.db */
	const char *mail;   /* --mail or $TLDOPS_MAIL */
	const char *config; /* --config or $TLDOPS_CONFIG, may be NULL */
	const char *actor;  /* --as or $TLDOPS_ACTOR, may be NULL */
	bool quiet;         /* --quiet: no success messages */
};

/*
 * One option of a command: the parser's table and its help in one place,
 * so they cannot drift.  A table ends with CLI_OPT_END.
 */
struct cli_opt {
	const char *name;   /* long name, without "--" */
	int has_arg;        /* no_argument or required_argument (getopt.h) */
	int val;            /* what cli_getopt() returns for it */
	const char *arg;    /* the argument's name ("FILE"), NULL for a flag */
	const char *help;   /* what it does, with the allowed values */
};
#define CLI_OPT_END { NULL, 0, 0, NULL, NULL }

/* What `tldops X --help`, `tldops help X` and tldops(1) say about X. */
struct cli_help {
	const char *usage;          /* the synopsis, after "tldops " */
	const char *about;          /* what it does, one or two sentences */
	const struct cli_opt *opts; /* the parser's options; NULL: none */
	const char *args;           /* the operands ("ID  the contact's id\n..."), or NULL */
	const char *example;        /* one command line, after "tldops " */
};

/* A second-level command ("contact add"); a table ends with { NULL }. */
struct cli_sub {
	const char *name;
	int (*run)(const struct cli_globals *g, int argc, char **argv);
	const struct cli_help *help;
};

/* A command: a group of subcommands (subs) or one command (help). */
struct cli_cmd {
	const char *name;
	int (*run)(const struct cli_globals *g, int argc, char **argv);
	const char *synopsis;
	const char *about;               /* one line, for `tldops help` */
	const struct cli_sub *subs;      /* a group, or NULL */
	const struct cli_help *help;     /* a single command, or NULL */
};

/* {--json}: the table of commands whose only option is --json. */
extern const struct cli_opt cli_json_opts[];

/*
 * Parse argv with cli_json_opts: *json is set by --json and exactly npos
 * operands must remain.  Returns the index of the first operand, or -1 on
 * a usage error.
 */
int cli_json_only(int argc, char **argv, int npos, int *json);

/* getopt_long() over a cli_opt table (long options only). */
int cli_getopt(int argc, char **argv, const struct cli_opt *opts);

/*
 * Run the sub named by argv[1] with argv shifted by one: `--help` or `-h`
 * anywhere in its arguments prints its help (exit 0); an unknown name is a
 * usage error with the nearest name.
 */
int cli_dispatch(const struct cli_globals *g, int argc, char **argv,
    const struct cli_sub *subs, const char *synopsis);

/* True when args (after the command's name) ask for --help or -h. */
bool cli_wants_help(int argc, char **argv);

/* The help of one command ("contact add" and its help) to out. */
void cli_help_print(FILE *out, const char *name, const struct cli_help *h);

/* `tldops help [COMMAND [SUB]]`, and the man page and option lists. */
int cli_help_main(int argc, char **argv);

/* `tldops help` alone: the global options and every command (cli.c). */
void cli_print_overview(FILE *out);
/* The help of the group name (`tldops contact --help`). */
void cli_group_help(FILE *out, const char *name, const char *synopsis,
    const struct cli_sub *subs);
/* An unknown command or subcommand: the nearest name and a hint; EXIT_USAGE. */
int cli_unknown_command(const char *name);
int cli_unknown_sub(const char *group, const char *name,
    const struct cli_sub *subs, const char *synopsis);

/* The command table (cli.c). */
extern const struct cli_cmd cli_commands[];
extern const size_t cli_ncommands;

/* The name of names[] nearest to s, or NULL when none is close. */
const char *cli_nearest(const char *s, const char *const *names, size_t n);

/* The subcommand tables and single commands' help, each in its cmd_*.c. */
extern const struct cli_sub cli_action_subs[], cli_exception_subs[],
    cli_outreach_subs[], cli_cctld_subs[], cli_contact_subs[], cli_iana_subs[],
    cli_doc_subs[], cli_event_subs[], cli_freshness_subs[],
    cli_initiative_subs[], cli_alert_subs[], cli_outbox_subs[],
    cli_meeting_subs[], cli_objective_subs[], cli_request_subs[],
    cli_account_subs[], cli_token_subs[], cli_held_subs[], cli_list_subs[],
    cli_allow_subs[], cli_key_subs[], cli_archive_subs[];
extern const struct cli_help cli_init_help, cli_lookup_help, cli_export_help,
    cli_verify_help, cli_audit_help, cli_digest_help, cli_pack_help,
    cli_backup_help, cli_migrate_help, cli_serve_help, cli_login_link_help,
    cli_stats_help, cli_reconcile_help, cli_import_help, cli_config_help,
    cli_outreach_board_help, cli_deliver_help, cli_bounces_help;

/* Entry point: returns the process exit status. */
int cli_main(int argc, char **argv);

/*
 * Load configuration, open the repository (creating it when create) and
 * fill ctx.  Prints the error and returns EXIT_FAIL on failure.
 */
int cli_open(const struct cli_globals *g, bool create, struct tld_ctx *ctx);
void cli_close(struct tld_ctx *ctx);

/*
 * A success in one line: on a terminal the sentence (fmt), else id alone
 * (NULL: nothing), as scripts read it; --quiet: id alone or nothing.
 */
void cli_done(const struct cli_globals *g, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Print "error: field: message" for err; returns EXIT_FAIL (or EXIT_USAGE). */
int cli_fail(const struct tld_error *err);
/* Print "usage: tldops synopsis" and a hint; returns EXIT_USAGE. */
int cli_usage(const char *synopsis, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse a positive decimal id; false when it is not one. */
bool cli_parse_id(const char *s, int64_t *out);

/*
 * Parse the positive id s of a `field` ("event"); on failure print
 * `error: field: "s" is not <what>` and return -1.
 */
int cli_parse_id_arg(const char *field, const char *what, const char *s,
    int64_t *out);

/* What `X list [--json]` and `X show ID [--json]` call for one kind of record. */
struct cli_listing {
	const char *list_usage, *show_usage;
	const char *field, *what;        /* for cli_parse_id_arg() */
	void (*print)(FILE *out, const json_t *list);     /* the text of list_json */
	void (*show_print)(FILE *out, const json_t *one); /* of show_json */
	int (*list_json)(struct tld_ctx *ctx, json_t **out, struct tld_error *err);
	int (*show_json)(struct tld_ctx *ctx, int64_t id, json_t **out,
	    struct tld_error *err);
};

/* Run `list` (show false) or `show ID`, each with --json. */
int cli_listing_run(const struct cli_globals *g, int argc, char **argv,
    bool show, const struct cli_listing *l);

/* Read a whole file ("-" for stdin) up to max bytes; caller frees *out. */
int cli_read_file(const char *path, size_t max, char **out, size_t *len,
    struct tld_error *err);

/* The subcommands, each in its own file. */
int cmd_init(const struct cli_globals *g, int argc, char **argv);
int cmd_cctld(const struct cli_globals *g, int argc, char **argv);
int cmd_lookup(const struct cli_globals *g, int argc, char **argv);
int cmd_contact(const struct cli_globals *g, int argc, char **argv);
int cmd_import(const struct cli_globals *g, int argc, char **argv);
int cmd_export(const struct cli_globals *g, int argc, char **argv);
int cmd_iana(const struct cli_globals *g, int argc, char **argv);
int cmd_exception(const struct cli_globals *g, int argc, char **argv);
int cmd_audit(const struct cli_globals *g, int argc, char **argv);
int cmd_config(const struct cli_globals *g, int argc, char **argv);
int cmd_alert(const struct cli_globals *g, int argc, char **argv);
int cmd_digest(const struct cli_globals *g, int argc, char **argv);
int cmd_outbox(const struct cli_globals *g, int argc, char **argv);
int cmd_doc(const struct cli_globals *g, int argc, char **argv);
int cmd_action(const struct cli_globals *g, int argc, char **argv);
int cmd_objective(const struct cli_globals *g, int argc, char **argv);
int cmd_meeting(const struct cli_globals *g, int argc, char **argv);
int cmd_initiative(const struct cli_globals *g, int argc, char **argv);
int cmd_event(const struct cli_globals *g, int argc, char **argv);
int cmd_pack(const struct cli_globals *g, int argc, char **argv);
/* `outreach board` (cmd_meeting.c), a sub of cmd_outreach. */
int cmd_outreach_board(const struct cli_globals *g, int argc, char **argv);
int cmd_backup(const struct cli_globals *g, int argc, char **argv);
int cmd_migrate(const struct cli_globals *g, int argc, char **argv);
int cmd_request(const struct cli_globals *g, int argc, char **argv);
int cmd_serve(const struct cli_globals *g, int argc, char **argv);
int cmd_account(const struct cli_globals *g, int argc, char **argv);
int cmd_token(const struct cli_globals *g, int argc, char **argv);
int cmd_login_link(const struct cli_globals *g, int argc, char **argv);
int cmd_stats(const struct cli_globals *g, int argc, char **argv);
int cmd_reconcile(const struct cli_globals *g, int argc, char **argv);
int cmd_outreach(const struct cli_globals *g, int argc, char **argv);
int cmd_freshness(const struct cli_globals *g, int argc, char **argv);
int cmd_key(const struct cli_globals *g, int argc, char **argv);
int cmd_deliver(const struct cli_globals *g, int argc, char **argv);
int cmd_held(const struct cli_globals *g, int argc, char **argv);
int cmd_list(const struct cli_globals *g, int argc, char **argv);
int cmd_archive(const struct cli_globals *g, int argc, char **argv);
int cmd_bounces(const struct cli_globals *g, int argc, char **argv);
int cmd_verify(const struct cli_globals *g, int argc, char **argv);

#endif
