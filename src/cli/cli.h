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
};

struct cli_cmd {
	const char *name;
	int (*run)(const struct cli_globals *g, int argc, char **argv);
	const char *synopsis;
};

/* A second-level command ("contact add"). */
struct cli_sub {
	const char *name;
	int (*run)(const struct cli_globals *g, int argc, char **argv);
};

/* Run the sub named by argv[1] with argv shifted by one, or print usage. */
int cli_dispatch(const struct cli_globals *g, int argc, char **argv,
    const struct cli_sub *subs, size_t nsubs, const char *synopsis);

/* Entry point: returns the process exit status. */
int cli_main(int argc, char **argv);

/*
 * Load configuration, open the repository (creating it when create) and
 * fill ctx.  Prints the error and returns EXIT_FAIL on failure.
 */
int cli_open(const struct cli_globals *g, bool create, struct tld_ctx *ctx);
void cli_close(struct tld_ctx *ctx);

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
