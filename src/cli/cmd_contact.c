/* SPDX-License-Identifier: MIT */
/* `tldops contact add|update|remove|list`. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/role.h"
#include "service/directory/cctlds.h"
#include "service/directory/contacts.h"

static const char ADD_USAGE[] =
    "contact add (--cctld C | --affiliation A --kind iana|liaison|staff) "
    "--name N --email E --phone P [--org O] [--role R] [--lang en,fr] "
    "[--pgp FPR]";
static const char UPDATE_USAGE[] =
    "contact update ID [--cctld C | --affiliation A --kind K] [--name N] "
    "[--email E] [--phone P] [--org O] [--role R] [--lang L] [--pgp FPR]";
static const char REMOVE_USAGE[] = "contact remove ID --reason TEXT";
static const char LIST_USAGE[] =
    "contact list [--cctld C | --community] [--generic] [--json]";

/* --generic and --community, for `contact list` only. */
static int generic, community;

#define FIELD_OPTS(what) \
	{ "cctld", required_argument, 'c', "CODE", "the ccTLD" what " (nl, .nl, " \
	    "xn--p1ai or рф)" }, \
	{ "affiliation", required_argument, 'a', "NAME", "instead of --cctld: " \
	    "a community contact, affiliated to NAME (IANA, the " \
	    "secretariat...)" }, \
	{ "kind", required_argument, 'k', "KIND", "with --affiliation: iana, " \
	    "liaison or staff" }, \
	{ "name", required_argument, 'n', "NAME", "the person's full name" }, \
	{ "email", required_argument, 'e', "ADDRESS", "a personal address, " \
	    "not a role address (see tldops exception)" }, \
	{ "phone", required_argument, 'p', "NUMBER", "an international number, " \
	    "+ and country code first (+31 26 352 5500)" }, \
	{ "org", required_argument, 'o', "ORG", "the organisation" }, \
	{ "organisation", required_argument, 'o', "ORG", "the same as --org" }, \
	{ "role", required_argument, 'r', "ROLE", "the role (CISO, NOC lead)" }, \
	{ "lang", required_argument, 'l', "LANGS", "languages spoken, ISO 639-1 " \
	    "codes with commas (en,fr)" }, \
	{ "languages", required_argument, 'l', "LANGS", "the same as --lang" }, \
	{ "pgp", required_argument, 'g', "FPR", "the OpenPGP fingerprint, 40 " \
	    "hex digits" }, \
	{ "json", no_argument, 'j', NULL, "print the stored contact as JSON" }

static const struct cli_opt add_opts[] = {
	FIELD_OPTS(" (required)"),
	CLI_OPT_END,
};
static const struct cli_opt update_opts[] = {
	FIELD_OPTS(" to move the contact to"),
	CLI_OPT_END,
};
static const struct cli_opt list_opts[] = {
	{ "cctld", required_argument, 'c', "CODE", "only the contacts of this ccTLD" },
	{ "community", no_argument, 'C', NULL, "only the community contacts "
	    "(IANA, liaisons, staff)" },
	{ "generic", no_argument, 'G', NULL, "the role addresses instead, each "
	    "with the exception that allows it" },
	{ "json", no_argument, 'j', NULL, "a JSON array instead of text" },
	CLI_OPT_END,
};
static const struct cli_opt remove_opts[] = {
	{ "reason", required_argument, 'r', "TEXT", "why (required; kept in the "
	    "audit log)" },
	CLI_OPT_END,
};

static const struct cli_help add_help = {
	ADD_USAGE, "Add a security contact to a ccTLD, or with --affiliation "
	"and --kind instead of --cctld a community contact (the IANA root "
	"contact, a liaison, the secretariat's staff: on the list, in the "
	"repository mail's \"Community contacts\", never a ccTLD member).  "
	"--name, --email and --phone are required (a community contact with a "
	"role address covered by a generic-contact exception may have no "
	"phone).  Prints the new contact's id.", add_opts, NULL,
	"contact add --cctld nl --name \"Jan Jansen\" --email jan@sidn.nl "
	"--phone \"+31 26 352 5500\" --org SIDN\n"
	"  tldops contact add --affiliation IANA --kind iana --name \"IANA root "
	"contact\" --email root@iana.org",
};
static const struct cli_help update_help = {
	UPDATE_USAGE, "Change the fields given of a contact; the others stay.",
	update_opts, "ID  the contact's number (contact list shows it)",
	"contact update 1 --role CISO",
};
static const struct cli_help remove_help = {
	REMOVE_USAGE, "Remove a contact (it stays in the audit log and in past "
	"statistics).", remove_opts, "ID  the contact's number",
	"contact remove 1 --reason \"left SIDN\"",
};
static const struct cli_help list_help = {
	LIST_USAGE, "List the active contacts by ccTLD.", list_opts, NULL,
	"contact list --cctld nl",
};

/* Parse the field options; returns -1 on a usage error. */
static int
parse_fields(int argc, char **argv, const struct cli_opt *opts,
    struct contact_fields *f, int *json)
{
	int ch;

	generic = community = 0;
	memset(f, 0, sizeof(*f));
	while ((ch = cli_getopt(argc, argv, opts)) != -1) {
		switch (ch) {
		case 'c': f->cctld = optarg; break;
		case 'a': f->affiliation = optarg; break;
		case 'k': f->kind = optarg; break;
		case 'C': community = 1; break;
		case 'n': f->name = optarg; break;
		case 'e': f->email = optarg; break;
		case 'p': f->phone = optarg; break;
		case 'o': f->organisation = optarg; break;
		case 'r': f->role = optarg; break;
		case 'l': f->languages = optarg; break;
		case 'g': f->pgp_fingerprint = optarg; break;
		case 'j': *json = 1; break;
		case 'G': generic = 1; break;
		default: return -1;
		}
	}
	return 0;
}

static void
print_contact(const struct contact *c, int json)
{
	if (json) {
		json_t *o = contact_to_json(c);

		json_dumpf(o, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(o);
	} else {
		printf("%" PRId64 "\n", c->id);
	}
}

/* The approver's role flags on a direct change: a warning, never a refusal. */
static void
warn_role(const struct contact *c)
{
	const char *why = role_flag_text(role_check(c->role));

	if (why != NULL)
		fprintf(stderr, "warning: contact %" PRId64 ": role: %s\n", c->id,
		    why);
}

static int
contact_add(const struct cli_globals *g, int argc, char **argv)
{
	struct contact_fields f;
	struct contact c;
	struct tld_ctx ctx;
	struct tld_error err;
	int json = 0, rc;

	if (parse_fields(argc, argv, add_opts, &f, &json) < 0)
		return cli_usage(ADD_USAGE, NULL);
	if (optind != argc)
		return cli_usage(ADD_USAGE, "unexpected argument \"%s\"", argv[optind]);
	if (f.cctld == NULL && f.affiliation == NULL)
		return cli_usage(ADD_USAGE, "--cctld (or --affiliation and --kind "
		    "for a community contact) is required");
	if (f.name == NULL || f.email == NULL)
		return cli_usage(ADD_USAGE, "--name and --email are required");
	if (f.phone == NULL && f.cctld != NULL)
		return cli_usage(ADD_USAGE, "--phone is required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = contacts_add(&ctx, &f, &c, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	warn_role(&c);
	if (json) {
		print_contact(&c, json);
	} else {
		char id[24];

		char owner[TEXT_MAX_BYTES + 32];

		snprintf(id, sizeof(id), "%" PRId64, c.id);
		cli_done(g, id, "contact %" PRId64 " added to %s: %s <%s>", c.id,
		    contact_owner_label(&c, owner, sizeof(owner)), c.name, c.email);
	}
	return EXIT_OK;
}

static int
contact_update(const struct cli_globals *g, int argc, char **argv)
{
	struct contact_fields f;
	struct contact c;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int json = 0, rc;

	if (parse_fields(argc, argv, update_opts, &f, &json) < 0)
		return cli_usage(UPDATE_USAGE, NULL);
	if (optind != argc - 1 || !cli_parse_id(argv[optind], &id))
		return cli_usage(UPDATE_USAGE, "give the contact's numeric id");
	if (!f.cctld && !f.affiliation && !f.kind && !f.name && !f.email &&
	    !f.phone && !f.organisation &&
	    !f.role && !f.languages && !f.pgp_fingerprint)
		return cli_usage(UPDATE_USAGE, "nothing to change");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = contacts_update(&ctx, id, &f, &c, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (f.role != NULL)
		warn_role(&c);
	if (json) {
		print_contact(&c, json);
	} else {
		char owner[TEXT_MAX_BYTES + 32];

		cli_done(g, NULL, "contact %" PRId64 " updated: %s <%s>, %s", c.id,
		    c.name, c.email, contact_owner_label(&c, owner, sizeof(owner)));
	}
	return EXIT_OK;
}

static int
contact_remove(const struct cli_globals *g, int argc, char **argv)
{
	const char *reason = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int64_t id;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, remove_opts)) != -1) {
		if (ch != 'r')
			return cli_usage(REMOVE_USAGE, NULL);
		reason = optarg;
	}
	if (optind != argc - 1 || !cli_parse_id(argv[optind], &id))
		return cli_usage(REMOVE_USAGE, "give the contact's numeric id");
	if (reason == NULL)
		return cli_usage(REMOVE_USAGE, "--reason is required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = contacts_remove(&ctx, id, reason, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	cli_done(g, NULL, "contact %" PRId64 " removed (%s); it stays in the "
	    "audit log", id, reason);
	return EXIT_OK;
}

struct list_ctx {
	json_t *array;
	struct cli_table *table;
};

static int
list_one(void *p, const struct contact *c)
{
	struct list_ctx *lc = p;

	if (lc->array != NULL)
		json_array_append_new(lc->array, contact_to_json(c));
	else {
		char id[24];

		char owner[TEXT_MAX_BYTES + 32];

		snprintf(id, sizeof(id), "%" PRId64, c->id);
		if (contact_is_community(c))
			snprintf(owner, sizeof(owner), "%s (%s)", c->affiliation,
			    contact_kind_name(c->kind));
		else
			snprintf(owner, sizeof(owner), "%s", c->cctld);
		cli_table_row(lc->table, (const char *[]){ id, owner, c->name,
		    c->email, phone_display(c->phone, c->phone_grouped) });
	}
	return 0;
}

/* `contact list --generic`: role addresses and the exception covering each. */
static int
list_generic(struct tld_ctx *ctx, int json)
{
	struct tld_error err;
	json_t *list = NULL, *c, *ex;
	struct cli_table table;
	size_t i;
	int rc;

	tld_error_clear(&err);
	rc = contacts_generic_json(ctx, &list, &err);
	cli_close(ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		json_dumpf(list, stdout, JSON_INDENT(2));
		putchar('\n');
	}
	cli_table_init(&table, 4, (const char *[]){ "ID", "CCTLD", "EMAIL",
	    "EXCEPTION" });
	json_array_foreach(list, i, c) {
		char id[24];

		if (json)
			break;
		ex = json_object_get(c, "exception");
		snprintf(id, sizeof(id), "%lld",
		    (long long)json_integer_value(json_object_get(c, "id")));
		cli_table_row(&table, (const char *[]){ id,
		    json_is_string(json_object_get(c, "cctld")) ?
		    json_string_value(json_object_get(c, "cctld")) :
		    json_string_value(json_object_get(c, "affiliation")),
		    json_string_value(json_object_get(c, "email")),
		    json_is_object(ex) ? json_string_value(json_object_get(ex,
		    "reason")) : "NO EXCEPTION" });
	}
	if (!json)
		cli_table_print(&table, stdout);
	cli_table_fini(&table);
	json_decref(list);
	return EXIT_OK;
}

static int
contact_list(const struct cli_globals *g, int argc, char **argv)
{
	struct contact_fields f;
	struct list_ctx lc = { NULL, NULL };
	struct cli_table table;
	struct tld_ctx ctx;
	struct tld_error err;
	struct cctld cc;
	int json = 0, rc;

	if (parse_fields(argc, argv, list_opts, &f, &json) < 0 || optind != argc ||
	    f.name || f.email || f.phone || f.organisation || f.role ||
	    f.languages || f.pgp_fingerprint || f.affiliation || f.kind)
		return cli_usage(LIST_USAGE, NULL);
	if (community && f.cctld != NULL)
		return cli_usage(LIST_USAGE, "--cctld or --community, not both");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (generic)
		return list_generic(&ctx, json);
	if (f.cctld != NULL && (rc = cctlds_resolve(&ctx, f.cctld, &cc, &err)) < 0) {
		cli_close(&ctx);
		return cli_fail(&err);
	}
	if (json)
		lc.array = json_array();
	cli_table_init(&table, 5, (const char *[]){ "ID", "CCTLD", "NAME",
	    "EMAIL", "PHONE" });
	lc.table = &table;
	rc = contacts_each(&ctx, community ? STORE_CONTACT_COMMUNITY :
	    f.cctld ? cc.code : NULL, list_one, &lc, &err);
	if (rc >= 0 && json) {
		json_dumpf(lc.array, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (rc >= 0) {
		cli_table_print(&table, stdout);
	}
	cli_table_fini(&table);
	json_decref(lc.array);
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

const struct cli_sub cli_contact_subs[] = {
	{ "add", contact_add, &add_help },
	{ "update", contact_update, &update_help },
	{ "remove", contact_remove, &remove_help },
	{ "list", contact_list, &list_help },
	{ NULL, NULL, NULL },
};

int
cmd_contact(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_contact_subs,
	    "contact add|update|remove|list ...");
}
