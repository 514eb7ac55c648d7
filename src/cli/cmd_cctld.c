/* SPDX-License-Identifier: MIT */
/* `tldops cctld list|show` and `tldops lookup`. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "cli/table.h"
#include "model/cctld.h"
#include "service/books/usage.h"
#include "service/directory/cctlds.h"
#include "service/directory/search.h"
#include "util/json_util.h"

static const char LIST_USAGE[] =
    "cctld list [--members|--non-members] [--region AF|AP|EU|LAC|NA] [--json]";
static const char SHOW_USAGE[] = "cctld show CODE [--json]";
static const char LOOKUP_USAGE[] = "lookup CODE|TEXT [--json]";

static const struct cli_opt list_opts[] = {
	{ "members", no_argument, 'm', NULL, "only the member ccTLDs" },
	{ "non-members", no_argument, 'n', NULL, "only those not members yet" },
	{ "region", required_argument, 'r', "REGION", "only the ICANN region: "
	    "AF, AP, EU, LAC or NA" },
	{ "json", no_argument, 'j', NULL, "a JSON array instead of text" },
	CLI_OPT_END,
};
static const struct cli_opt show_opts[] = {
	{ "json", no_argument, 'j', NULL, "a JSON object instead of text" },
	CLI_OPT_END,
};

static const struct cli_help list_help = {
	LIST_USAGE, "List the delegated ccTLDs: code, U-label, region, ISO 3166 "
	"code, membership, country.", list_opts, NULL,
	"cctld list --members --region EU",
};
static const struct cli_help show_help = {
	SHOW_USAGE, "Show a ccTLD: membership, its IANA record and its contacts.",
	show_opts, "CODE  the ccTLD: nl, .nl, xn--p1ai or рф",
	"cctld show nl",
};
const struct cli_help cli_lookup_help = {
	LOOKUP_USAGE, "The emergency lookup: every active contact of a ccTLD "
	"with email, phone, organisation, languages and PGP key; stale entries "
	"are marked.  Not a code: a country, organisation, name, role or "
	"address (part of it) finds the ccTLDs and contacts it matches, each "
	"with the field it matched.", show_opts,
	"CODE  the ccTLD: nl, .nl, xn--p1ai or рф; TEXT  Netherlands, SIDN, jan@",
	"lookup SIDN",
};

struct list_ctx {
	json_t *array;
	struct cli_table *table;
	int n;
};

static int
list_one(void *p, const struct cctld *c)
{
	struct list_ctx *lc = p;

	lc->n++;
	if (lc->array != NULL) {
		json_array_append_new(lc->array, cctlds_to_json(c));
		return 0;
	}
	cli_table_row(lc->table, (const char *[]){ c->code, c->unicode,
	    c->region, c->iso3166, c->member_since ? "member" : "-", c->country });
	return 0;
}

static int
cctld_list(const struct cli_globals *g, int argc, char **argv)
{
	struct cctld_filter f = { 0, NULL };
	struct list_ctx lc = { NULL, NULL, 0 };
	struct cli_table table;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, json = 0, rc;

	while ((ch = cli_getopt(argc, argv, list_opts)) != -1) {
		switch (ch) {
		case 'm': f.members = 1; break;
		case 'n': f.members = -1; break;
		case 'r': f.region = optarg; break;
		case 'j': json = 1; break;
		default: return cli_usage(LIST_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(LIST_USAGE, "unexpected argument \"%s\"", argv[optind]);
	if (f.region != NULL && !region_valid(f.region)) {
		fprintf(stderr, "error: region: \"%s\" is not one of AF, AP, EU, LAC, NA\n",
		    f.region);
		return EXIT_FAIL;
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if (json)
		lc.array = json_array();
	cli_table_init(&table, 6, (const char *[]){ "CODE", "U-LABEL", "REGION",
	    "ISO", "MEMBER", "COUNTRY" });
	lc.table = &table;
	rc = cctlds_each(&ctx, &f, list_one, &lc, &err);
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

static int
print_show_text(const json_t *o)
{
	const json_t *iana = json_object_get(o, "iana");
	const json_t *list = json_object_get(o, "contact_list");
	const json_t *c;
	size_t i;

	printf(".%s (%s) — %s, %s, region %s, %s\n",
	    json_string_value(json_object_get(o, "unicode")),
	    json_string_value(json_object_get(o, "code")),
	    json_string_value(json_object_get(o, "country")),
	    json_string_value(json_object_get(o, "iso3166")),
	    json_string_value(json_object_get(o, "region")),
	    json_is_true(json_object_get(o, "member")) ? "member" : "not a member");
	if (json_is_object(iana)) {
		printf("IANA manager: %s\n", json_string_value(json_object_get(iana, "organisation")));
		for (int k = 0; k < 2; k++) {
			const json_t *p = json_object_get(iana, k == 0 ? "admin" : "tech");

			printf("IANA %s contact: %s <%s> %s\n", k == 0 ? "admin" : "tech",
			    json_string_value(json_object_get(p, "name")),
			    json_string_value(json_object_get(p, "email")),
			    json_string_value(json_object_get(p, "phone")));
		}
	} else {
		printf("IANA record: none imported\n");
	}
	printf("contacts: %zu\n", json_array_size(list));
	json_array_foreach(list, i, c) {
		printf("  [%lld] %s <%s> %s\n",
		    (long long)json_integer_value(json_object_get(c, "id")),
		    json_string_value(json_object_get(c, "name")),
		    json_string_value(json_object_get(c, "email")),
		    json_string_value(json_object_get(c, "phone_display")));
	}
	return EXIT_OK;
}

/* `cctld show`, and `lookup --json` when lookup (then it is counted). */
static int
show(const struct cli_globals *g, int argc, char **argv, bool lookup)
{
	struct tld_ctx ctx;
	struct tld_error err;
	struct cctld c;
	json_t *o = NULL;
	int ch, json = 0, rc;

	while ((ch = cli_getopt(argc, argv, show_opts)) != -1) {
		if (ch != 'j')
			return cli_usage(SHOW_USAGE, NULL);
		json = 1;
	}
	if (optind != argc - 1)
		return cli_usage(SHOW_USAGE, "give one ccTLD code");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = cctlds_resolve(&ctx, argv[optind], &c, &err);
	/* A refusal stores nothing: only a ccTLD that is one counts. */
	if (lookup && rc == 0)
		(void)usage_lookup(&ctx, USAGE_CLI, &c);
	if (rc == 0)
		rc = cctlds_show_json(&ctx, &c, &o, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (json) {
		json_dumpf(o, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		print_show_text(o);
	}
	json_decref(o);
	return EXIT_OK;
}

static int
cctld_show(const struct cli_globals *g, int argc, char **argv)
{
	return show(g, argc, argv, false);
}

const struct cli_sub cli_cctld_subs[] = {
	{ "list", cctld_list, &list_help },
	{ "show", cctld_show, &show_help },
	{ NULL, NULL, NULL },
};

int
cmd_cctld(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_cctld_subs, "cctld list|show ...");
}

/*
 * Not a ccTLD code: the repository search (country, organisation, name,
 * address).  One ccTLD found and no contact: its lookup, saying how it was
 * matched; otherwise what matched, each with the field it matched in.
 */
static int
lookup_search(struct tld_ctx *ctx, const char *q, int json,
    struct tld_error *err)
{
	json_t *found, *one, *o = NULL;
	const json_t *cctlds;
	struct cctld c;
	int rc;

	tld_error_clear(err);
	if ((rc = search_json(ctx, q, &found, err)) < 0)
		return rc;
	cctlds = json_object_get(found, "cctlds");
	if (json_array_size(cctlds) == 0 &&
	    json_array_size(json_object_get(found, "contacts")) == 0) {
		json_decref(found);
		return tld_error_set(err, TLD_ENOTFOUND, "cctld", "\"%s\" is no "
		    "ccTLD code, and no country, organisation, name, role or "
		    "address matches it", q);
	}
	if (json) {
		json_dumpf(found, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(found);
		return 0;
	}
	one = json_array_get(cctlds, 0);
	if (json_array_size(cctlds) == 1 &&
	    json_array_size(json_object_get(found, "contacts")) == 0 &&
	    (rc = cctlds_resolve(ctx, json_str(one, "code"), &c, err)) == 0 &&
	    (rc = cctlds_lookup(ctx, &c, &o, err)) == 0) {
		printf("\"%s\" matched the %s of .%s\n", json_str(found, "query"),
		    json_str(one, "matched"), json_str(one, "unicode"));
		print_lookup(stdout, o);
		json_decref(o);
	} else if (rc == 0) {
		print_lookup_search(stdout, found);
	}
	json_decref(found);
	return rc;
}

int
cmd_lookup(const struct cli_globals *g, int argc, char **argv)
{
	struct tld_ctx ctx;
	struct tld_error err;
	struct cctld c;
	json_t *o;
	const char *q;
	int rc, json = 0;

	if (argc == 3 && (strcmp(argv[1], "--json") == 0 ||
	    strcmp(argv[2], "--json") == 0)) {
		json = 1;
		q = strcmp(argv[1], "--json") == 0 ? argv[2] : argv[1];
	} else if (argc == 2 && argv[1][0] != '-') {
		q = argv[1];
	} else {
		return cli_usage(LOOKUP_USAGE, NULL);
	}
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = cctlds_resolve(&ctx, q, &c, &err);
	/* A refusal stores nothing: only a ccTLD that is one counts. */
	if (rc == 0)
		(void)usage_lookup(&ctx, USAGE_CLI, &c);
	if (rc == 0 && json) {
		cli_close(&ctx);
		return cctld_show(g, argc, argv);
	}
	if (rc == 0) {
		if ((rc = cctlds_lookup(&ctx, &c, &o, &err)) == 0) {
			print_lookup(stdout, o);
			json_decref(o);
		}
	} else if (rc != TLD_ESTORE) {
		rc = lookup_search(&ctx, q, json, &err);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
