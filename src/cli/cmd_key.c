/* SPDX-License-Identifier: MIT */
/* `tldops key import --contact ID FILE | list [--json]`: members' OpenPGP keys. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "service/list/keys.h"
#include "util/clock.h"

static void
expiry_text(int64_t t, char *out, size_t outlen)
{
	if (t == 0)
		snprintf(out, outlen, "never");
	else
		clock_format_iso(t, out, outlen);
}

static const struct cli_opt key_import_cmd_opts[] = {
	{ "contact", required_argument, 'c', "ID",
	    "the contact whose key it is (required; the key must match "
	    "its pgp fingerprint and address)" },
	CLI_OPT_END,
};

static const struct cli_help key_import_cmd_help = {
	"key import --contact ID FILE",
	"Import a member's armoured OpenPGP public key for the "
	    "encrypted list.",
	key_import_cmd_opts,
	"FILE  the armoured public key (\"-\" for stdin)",
	"key import --contact 1 jan.asc",
};

static int
key_import_cmd(const struct cli_globals *g, int argc, char **argv)
{
	static const char usage[] = "key import --contact ID FILE";
	const char *contact = NULL;
	struct pgp_key_info info;
	struct tld_ctx ctx;
	struct tld_error err;
	char *armour, when[32];
	size_t len;
	int64_t id;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, key_import_cmd_opts)) != -1) {
		switch (ch) {
		case 'c': contact = optarg; break;
		default: return cli_usage(usage, NULL);
		}
	}
	if (contact == NULL || optind != argc - 1)
		return cli_usage(usage, "--contact and one armoured key file are required");
	if (cli_parse_id_arg("contact", "a contact id", contact, &id) < 0)
		return EXIT_FAIL;
	tld_error_clear(&err);
	if (cli_read_file(argv[optind], PGP_KEY_ARMOUR_MAX + 1, &armour, &len,
	    &err) < 0)
		return cli_fail(&err);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK) {
		free(armour);
		return rc;
	}
	rc = key_import(&ctx, id, armour, len, &info, &err);
	/* It may be a secret key pasted by mistake: leave no copy in memory. */
	memset(armour, 0, len);
	free(armour);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	expiry_text(info.expires, when, sizeof(when));
	printf("key %s imported for contact %" PRId64 " (%s), expires %s: %s%s\n",
	    info.fpr, id, info.uid, when, info.usable ? "usable" : "NOT usable: ",
	    info.usable ? "" : info.why);
	return EXIT_OK;
}

struct list_out {
	json_t *array;
	size_t n;
};

static int
list_row(void *arg, const struct key_row *r)
{
	struct list_out *lo = arg;
	char when[32];

	expiry_text(r->key.expires, when, sizeof(when));
	lo->n++;
	if (lo->array != NULL) {
		json_array_append_new(lo->array, key_row_json(&r->contact, &r->key));
		return 0;
	}
	printf("%-6" PRId64 " %-4s %-28s %s\n       expires %s: %s%s\n",
	    r->contact.id, r->contact.cctld, r->contact.email, r->key.fpr, when,
	    r->key.usable ? "usable" : "NOT usable: ", r->key.usable ? "" : r->key.why);
	return 0;
}

static const struct cli_help key_list_cmd_help = {
	"key list [--json]",
	"The members' keys: contact, fingerprint, expiry, whether "
	    "usable.",
	cli_json_opts,
	NULL,
	"key list",
};

static int
key_list_cmd(const struct cli_globals *g, int argc, char **argv)
{
	struct list_out lo = { NULL, 0 };
	struct tld_ctx ctx;
	struct tld_error err;
	int rc;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json") != 0))
		return cli_usage("key list [--json]", NULL);
	if (argc == 2)
		lo.array = json_array();
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK) {
		json_decref(lo.array);
		return rc;
	}
	tld_error_clear(&err);
	rc = key_each(&ctx, list_row, &lo, &err);
	cli_close(&ctx);
	if (rc < 0) {
		json_decref(lo.array);
		return cli_fail(&err);
	}
	if (lo.array != NULL) {
		json_dumpf(lo.array, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(lo.array);
	} else if (lo.n == 0) {
		printf("no contact has a pgp_fingerprint\n");
	}
	return EXIT_OK;
}

const struct cli_sub cli_key_subs[] = {
	{ "import", key_import_cmd, &key_import_cmd_help },
	{ "list", key_list_cmd, &key_list_cmd_help },
	{ NULL, NULL, NULL },
};

int
cmd_key(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_key_subs,
	    "key import --contact ID FILE | list [--json]");
}
