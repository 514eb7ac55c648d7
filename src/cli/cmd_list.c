/* SPDX-License-Identifier: MIT */
/*
 * `tldops deliver` (the MTA's pipe), `held list|show|approve|reject` and
 * `list allow add|remove|list`.  deliver speaks sysexits, not 0/1/2: the
 * MTA reads its status (0 stored, 75 try again, 67 no such address, 65 a
 * message beyond repair).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "service/list/inbound.h"
#include "util/buf.h"
#include "util/clock.h"

/* sysexits.h's values, named here so the contract is visible. */
enum {
	DELIVER_OK = 0,
	DELIVER_DATAERR = 65,   /* EX_DATAERR: the message is beyond repair */
	DELIVER_NOUSER = 67,    /* EX_NOUSER: the list has no such address */
	DELIVER_TEMPFAIL = 75,  /* EX_TEMPFAIL: keep it and try again */
};

static int
deliver_fail(int status, const struct tld_error *err)
{
	const char *what = status == DELIVER_TEMPFAIL ? "not stored, try again" :
	    status == DELIVER_NOUSER ? "no such address" : "refused";

	fprintf(stderr, "deliver: %s: %s%s%s\n", what, err->field,
	    err->field[0] ? ": " : "",
	    err->message[0] ? err->message : tld_strerror(err->code));
	return status;
}

const struct cli_help cli_deliver_help = {
	"deliver RECIPIENT [SENDER] < message",
	"The MTA's pipe into the list (Postfix pipe(8)): read one "
	    "message on stdin and store it.  Exit 0 stored, 75 try "
	    "again later, 67 or 65 refused.",
	NULL,
	"RECIPIENT  the list address the message was sent to\nSENDER"
	    "     the envelope sender",
	"deliver tld-ops@example.org bounce@sidn.nl < message.eml",
};

int
cmd_deliver(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "deliver RECIPIENT [SENDER] < message";
	struct list_deliver_result res;
	struct tld_ctx ctx;
	struct tld_error err;
	char *raw = NULL;
	size_t len = 0;
	int rc, status;

	if (argc < 2 || argc > 3 || argv[1][0] == '-') {
		cli_usage(usage, NULL);
		return DELIVER_TEMPFAIL; /* a broken pipe(8) line: keep the mail */
	}
	tld_error_clear(&err);
	/* Unable to open the database (locked, down, misconfigured): retry. */
	if (cli_open(g, false, &ctx) != EXIT_OK) {
		fprintf(stderr, "deliver: not stored, try again: the repository "
		    "cannot be opened\n");
		return DELIVER_TEMPFAIL;
	}
	rc = cli_read_file("-", (size_t)list_deliver_limit(&ctx.cfg), &raw, &len,
	    &err);
	if (rc == TLD_ELIMIT) {
		snprintf(err.field, sizeof(err.field), "message");
		snprintf(err.message, sizeof(err.message), "larger than %" PRId64
		    " bytes (4 x [list] max_message_size): not stored",
		    list_deliver_limit(&ctx.cfg));
		cli_close(&ctx);
		return deliver_fail(DELIVER_DATAERR, &err);
	}
	if (rc < 0) {
		cli_close(&ctx);
		return deliver_fail(DELIVER_TEMPFAIL, &err);
	}
	rc = list_deliver(&ctx, argv[1], argc == 3 ? argv[2] : NULL, raw, len,
	    &res, &err);
	free(raw);
	cli_close(&ctx);
	if (rc == 0) {
		if (res.duplicate)
			printf("%s: came before, stored once\n", res.address);
		else if (res.post_id == 0)
			printf("%s: %s\n", res.address, res.state);
		else
			printf("%s: post %" PRId64 " %s%s%s (%d deliveries)\n",
			    res.address, res.post_id, res.state,
			    res.reason[0] ? ": " : "", res.reason, res.recipients);
		return DELIVER_OK;
	}
	if (rc == TLD_ENOTFOUND && strcmp(err.field, "recipient") == 0)
		status = DELIVER_NOUSER;
	else if (rc == TLD_EINVAL || rc == TLD_ELIMIT)
		status = DELIVER_DATAERR;
	else
		status = DELIVER_TEMPFAIL;
	return deliver_fail(status, &err);
}

/* ---- held ---------------------------------------------------------------- */

struct held_out {
	FILE *out;
	json_t *array;
};

static int
held_row(void *arg, const struct list_post *p)
{
	struct held_out *h = arg;
	char date[32];

	if (h->array != NULL) {
		json_array_append_new(h->array, held_post_json(p));
		return 0;
	}
	clock_format_iso(p->received, date, sizeof(date));
	fprintf(h->out, "%" PRId64 "\t%s\t%s\t%s\t%s\n", p->id, date,
	    p->from_addr[0] ? p->from_addr : "-", p->subject, p->reason);
	return 0;
}

static const struct cli_opt held_list_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help held_list_cmd_help = {
	"held list [--json]",
	"The posts held for the moderators.",
	held_list_opts,
	NULL,
	"held list",
};

static int
held_list_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct held_out h = { stdout, NULL };
	struct tld_ctx ctx;
	struct tld_error err;
	int json, rc;

	if (cli_json_only(argc, argv, 0, &json) < 0)
		return cli_usage("held list [--json]", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (json)
		h.array = json_array();
	rc = held_each(&ctx, held_row, &h, &err);
	cli_close(&ctx);
	if (rc >= 0 && json) {
		json_dumpf(h.array, stdout, JSON_INDENT(2));
		putchar('\n');
	}
	json_decref(h.array);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_help held_show_cmd_help = {
	"held show ID [--json]",
	"One held post: author, subject, why it is held, the text.",
	cli_json_opts,
	"ID  the post's id",
	"held show 1",
};

static int
held_show_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "held show ID [--json]";
	struct list_post p;
	struct tld_ctx ctx;
	struct tld_error err;
	int json = argc == 3 && strcmp(argv[2], "--json") == 0;
	char *raw = NULL, date[32];
	size_t len = 0;
	int64_t id;
	int rc;

	if (argc < 2 || argc > 3 || (argc == 3 && !json))
		return cli_usage(usage, NULL);
	if (cli_parse_id_arg("id", "a post id", argv[1], &id) < 0)
		return EXIT_FAIL;
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = held_get(&ctx, id, &p, &raw, &len, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		json_t *j = held_post_json(&p);

		json_object_set_new(j, "envelope_from", json_string(p.envelope_from));
		json_object_set_new(j, "message_id", json_string(p.message_id));
		json_object_set_new(j, "decided_by", json_string(p.decided_by));
		json_object_set_new(j, "note", json_string(p.note));
		/* Raw bytes that are not UTF-8 are not JSON text: null. */
		{
			json_t *r = json_stringn(raw, len);

			json_object_set_new(j, "raw", r != NULL ? r : json_null());
		}
		json_dumpf(j, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(j);
	} else {
		clock_format_iso(p.received, date, sizeof(date));
		printf("post %" PRId64 " (%s)\nreceived: %s\nfrom: %s%s%s%s\n"
		    "envelope sender: %s\nsubject: %s\nmessage-id: <%s>\n"
		    "state: %s%s%s\nsize: %" PRId64 " bytes\n",
		    p.id, p.address, date, p.from_name, p.from_name[0] ? " <" : "",
		    p.from_addr, p.from_name[0] ? ">" : "",
		    p.envelope_from[0] ? p.envelope_from : "<>", p.subject,
		    p.message_id, p.state, p.reason[0] ? ": " : "", p.reason,
		    p.size);
		if (p.tlp[0] != '\0')
			printf("tlp: %s\n", p.tlp);
		if (p.decided_by[0] != '\0')
			printf("decided by: %s%s%s\n", p.decided_by,
			    p.note[0] ? ": " : "", p.note);
		printf("\n");
		fwrite(raw, 1, len, stdout);
	}
	free(raw);
	return EXIT_OK;
}

static const struct cli_help held_approve_cmd_help = {
	"held approve ID",
	"Send a held post to the list.",
	NULL,
	"ID  the post's id",
	"held approve 1",
};

static int
held_approve_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int rc;

	if (argc != 2)
		return cli_usage("held approve ID", NULL);
	if (cli_parse_id_arg("id", "a post id", argv[1], &id) < 0)
		return EXIT_FAIL;
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = held_approve(&ctx, id, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("post %" PRId64 " approved: queued for %d members\n", id, rc);
	return EXIT_OK;
}

static const struct cli_opt held_reject_cmd_opts[] = {
	{ "reason", required_argument, 'r', "TEXT",
	    "why (required; told to the author)" },
	CLI_OPT_END,
};

static const struct cli_help held_reject_cmd_help = {
	"held reject ID --reason TEXT",
	"Refuse a held post, telling its author why.",
	held_reject_cmd_opts,
	"ID  the post's id",
	"held reject 1 --reason \"off topic\"",
};

static int
held_reject_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "held reject ID --reason TEXT";
	const char *reason = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, held_reject_cmd_opts)) != -1) {
		switch (ch) {
		case 'r': reason = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind + 1 != argc || reason == NULL)
		return cli_usage(usage, "ID and --reason are required");
	if (cli_parse_id_arg("id", "a post id", argv[optind], &id) < 0)
		return EXIT_FAIL;
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = held_reject(&ctx, id, reason, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("post %" PRId64 " rejected\n", id);
	return EXIT_OK;
}

const struct cli_sub cli_held_subs[] = {
	{ "list", held_list_cmd, &held_list_cmd_help },
	{ "show", held_show_cmd, &held_show_cmd_help },
	{ "approve", held_approve_cmd, &held_approve_cmd_help },
	{ "reject", held_reject_cmd, &held_reject_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_held(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_held_subs,
	    "held list [--json] | show ID | approve ID | reject ID --reason TEXT");
}

/* ---- list allow ---------------------------------------------------------- */

static const struct cli_opt allow_add_cmd_opts[] = {
	{ "reason", required_argument, 'r', "TEXT",
	    "why this address may post (required)" },
	CLI_OPT_END,
};

static const struct cli_help allow_add_cmd_help = {
	"list allow add ADDRESS --reason TEXT",
	"Let an address that is not a member post to the list.",
	allow_add_cmd_opts,
	"ADDRESS  the sender",
	"list allow add noc@example.net --reason \"registry NOC\"",
};

static int
allow_add_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "list allow add ADDRESS --reason TEXT";
	const char *reason = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, allow_add_cmd_opts)) != -1) {
		switch (ch) {
		case 'r': reason = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (optind + 1 != argc || reason == NULL)
		return cli_usage(usage, "ADDRESS and --reason are required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = list_allow_add(&ctx, argv[optind], reason, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%s may post to the list\n", argv[optind]);
	return EXIT_OK;
}

static const struct cli_help allow_remove_cmd_help = {
	"list allow remove ADDRESS",
	"Take an address off the allow list.",
	NULL,
	"ADDRESS  the sender",
	"list allow remove noc@example.net",
};

static int
allow_remove_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if (argc != 2)
		return cli_usage("list allow remove ADDRESS", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = list_allow_remove(&ctx, argv[1], &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%s no longer posts without a moderator\n", argv[1]);
	return EXIT_OK;
}

static int
allow_row(void *arg, const struct list_allow *a)
{
	struct held_out *h = arg;
	char date[32];

	clock_format_iso(a->added, date, sizeof(date));
	if (h->array != NULL)
		json_array_append_new(h->array, json_pack("{s:s, s:s, s:s, s:s}",
		    "email", a->email, "reason", a->reason, "added", date,
		    "added_by", a->added_by));
	else
		fprintf(h->out, "%s\t%s\t%s\t%s\n", a->email, date, a->added_by,
		    a->reason);
	return 0;
}

static const struct cli_opt allow_list_opts[] = {
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help allow_list_cmd_help = {
	"list allow list [--json]",
	"The addresses that may post besides the members.",
	allow_list_opts,
	NULL,
	"list allow list",
};

static int
allow_list_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct held_out h = { stdout, NULL };
	struct tld_ctx ctx;
	struct tld_error err;
	int json, rc;

	if (cli_json_only(argc, argv, 0, &json) < 0)
		return cli_usage("list allow list [--json]", NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (json)
		h.array = json_array();
	rc = list_allow_each(&ctx, allow_row, &h, &err);
	cli_close(&ctx);
	if (rc >= 0 && json) {
		json_dumpf(h.array, stdout, JSON_INDENT(2));
		putchar('\n');
	}
	json_decref(h.array);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_help list_allow_cmd_help = {
	"list allow add ADDRESS --reason TEXT | remove ADDRESS | list [--json]",
	"The allow list: addresses that may post besides the "
	    "members (list allow add --reason TEXT, remove, list).",
	allow_add_cmd_opts,
	"ADDRESS  the sender",
	"list allow add noc@example.net --reason \"registry NOC\"",
};

const struct cli_sub cli_allow_subs[] = {
	{ "add", allow_add_cmd, &allow_add_cmd_help },
	{ "remove", allow_remove_cmd, &allow_remove_cmd_help },
	{ "list", allow_list_cmd, &allow_list_cmd_help },
	{ NULL, NULL, NULL },
};

static int
list_allow_cmd(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_allow_subs,
	    "list allow add ADDRESS --reason TEXT | remove ADDRESS | list [--json]");
}

const struct cli_sub cli_list_subs[] = {
	{ "allow", list_allow_cmd, &list_allow_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_list(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_list_subs,
	    "list allow add ADDRESS --reason TEXT | remove ADDRESS | list [--json]");
}
