/* SPDX-License-Identifier: MIT */
/* `tldops doc add|list|show|remove`: the committee's documents. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/print.h"
#include "util/outfile.h"
#include "service/collateral/documents.h"

static const char ADD_USAGE[] =
    "doc add FILE --title T --slug S --lang L "
    "--visibility public|members|committee [--version V]";
static const char LIST_USAGE[] =
    "doc list [--all] [--role public|members|committee] [--json]";
static const char SHOW_USAGE[] =
    "doc show SLUG [--lang L] [--version V] [--output FILE] [--json] "
    "[--role public|members|committee]";
static const char REMOVE_USAGE[] = "doc remove SLUG [--lang L] --reason TEXT";
static const char SYNOPSIS[] = "doc add|list|show|remove ...";

/*
 * --role: see what a reader of that role would (the CLI itself may read
 * everything).  The names are those of the visibility levels.
 */
static int
parse_role(const char *s, enum doc_role *out)
{
	struct tld_error err;
	enum doc_visibility v;

	tld_error_clear(&err);
	if (document_visibility_parse(s, strlen(s), &v, &err) < 0) {
		fprintf(stderr, "error: role: \"%s\" is not public, members or "
		    "committee\n", s);
		return -1;
	}
	*out = v == DOC_VISIBILITY_PUBLIC ? DOC_ROLE_PUBLIC :
	    v == DOC_VISIBILITY_MEMBERS ? DOC_ROLE_MEMBER : DOC_ROLE_COMMITTEE;
	return 0;
}

static const struct cli_opt doc_add_opts[] = {
	{ "title", required_argument, 't', "TITLE",
	    "the title (required)" },
	{ "slug", required_argument, 's', "SLUG",
	    "the short name in links: a-z, 0-9 and - (required)" },
	{ "lang", required_argument, 'l', "LANG",
	    "the language, ISO 639-1 (en, fr) (required)" },
	{ "visibility", required_argument, 'v', "LEVEL",
	    "who may read it: public, members or committee (required)" },
	{ "version", required_argument, 'V', "V",
	    "the version (default: the next number)" },
	CLI_OPT_END,
};

static const struct cli_help doc_add_help = {
	ADD_USAGE,
	"Add a document or a new version of one: PDF, DOCX, ODT, "
	    "Markdown or text, at most [docs] max_size_mib.",
	doc_add_opts,
	"FILE  the document",
	"doc add ddos.pdf --title \"DDoS mitigation\" --slug "
	    "ddos-mitigation --lang en --visibility members",
};

static int
doc_add(const struct cli_globals *g, int argc, char **argv)
{
	struct document_input in;
	struct document d;
	struct tld_ctx ctx;
	struct tld_error err;
	char *data = NULL;
	size_t len = 0, max;
	int ch, rc;

	memset(&in, 0, sizeof(in));
	while ((ch = cli_getopt(argc, argv, doc_add_opts)) != -1) {
		switch (ch) {
		case 't': in.title = optarg; break;
		case 's': in.slug = optarg; break;
		case 'l': in.lang = optarg; break;
		case 'v': in.visibility = optarg; break;
		case 'V': in.version = optarg; break;
		default: return cli_usage(ADD_USAGE, NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage(ADD_USAGE, "give one FILE");
	if (in.title == NULL || in.slug == NULL || in.lang == NULL ||
	    in.visibility == NULL)
		return cli_usage(ADD_USAGE,
		    "--title, --slug, --lang and --visibility are required");
	in.filename = argv[optind];
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	max = (size_t)ctx.cfg.doc_max_size_mib * 1024 * 1024;
	rc = cli_read_file(argv[optind], max, &data, &len, &err);
	if (rc == TLD_ELIMIT)
		tld_error_set(&err, TLD_ELIMIT, "file", "%s is larger than the "
		    "limit of %" PRId64 " MiB ([docs] max_size_mib)",
		    argv[optind], ctx.cfg.doc_max_size_mib);
	if (rc == 0)
		rc = documents_add(&ctx, &in, data, len, &d, &err);
	free(data);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("%s (%s) version %s: %s, %" PRId64 " bytes, sha256 %s\n", d.slug,
	    d.lang, d.version, doc_format_name(d.format), d.size, d.sha256);
	return EXIT_OK;
}

static const struct cli_opt doc_list_opts[] = {
	{ "all", no_argument, 'a', NULL,
	    "also the removed versions" },
	{ "role", required_argument, 'r', "ROLE",
	    "see what a reader of ROLE would: public, members or "
	    "committee (default)" },
	{ "json", no_argument, 'j', NULL,
	    "a JSON array instead of text" },
	CLI_OPT_END,
};

static const struct cli_help doc_list_help = {
	LIST_USAGE,
	"List the documents, one line per version; * marks the "
	    "current one.",
	doc_list_opts,
	NULL,
	"doc list --role members",
};

static int
doc_list(const struct cli_globals *g, int argc, char **argv)
{
	enum doc_role role = DOC_ROLE_COMMITTEE;
	struct tld_ctx ctx;
	struct tld_error err;
	json_t *list = NULL;
	int ch, rc, all = 0, json = 0;

	while ((ch = cli_getopt(argc, argv, doc_list_opts)) != -1) {
		switch (ch) {
		case 'a': all = 1; break;
		case 'r':
			if (parse_role(optarg, &role) < 0)
				return EXIT_FAIL;
			break;
		case 'j': json = 1; break;
		default: return cli_usage(LIST_USAGE, NULL);
		}
	}
	if (optind != argc)
		return cli_usage(LIST_USAGE, NULL);
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	if ((rc = documents_list(&ctx, role, all, &list, &err)) == 0) {
		if (json)
			print_json(stdout, list);
		else
			print_documents(stdout, list);
		json_decref(list);
	}
	cli_close(&ctx);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_opt doc_show_opts[] = {
	{ "lang", required_argument, 'l', "LANG",
	    "the version in LANG (default: English, else the first)" },
	{ "version", required_argument, 'V', "V",
	    "that version (default: the current one)" },
	{ "output", required_argument, 'o', "FILE",
	    "write the document to FILE (mode 0600)" },
	{ "role", required_argument, 'r', "ROLE",
	    "see what a reader of ROLE would: public, members or "
	    "committee (default)" },
	{ "json", no_argument, 'j', NULL,
	    "the version's details as JSON, not the bytes" },
	CLI_OPT_END,
};

static const struct cli_help doc_show_help = {
	SHOW_USAGE,
	"Write a document's bytes to stdout or --output FILE.  "
	    "Binary formats are not written to a terminal.",
	doc_show_opts,
	"SLUG  the document's short name",
	"doc show ddos-mitigation --output ddos.pdf",
};

static int
doc_show(const struct cli_globals *g, int argc, char **argv)
{
	const char *lang = NULL, *version = NULL, *output = NULL;
	enum doc_role role = DOC_ROLE_COMMITTEE;
	struct document_file f;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc, json = 0;

	while ((ch = cli_getopt(argc, argv, doc_show_opts)) != -1) {
		switch (ch) {
		case 'l': lang = optarg; break;
		case 'V': version = optarg; break;
		case 'o': output = optarg; break;
		case 'r':
			if (parse_role(optarg, &role) < 0)
				return EXIT_FAIL;
			break;
		case 'j': json = 1; break;
		default: return cli_usage(SHOW_USAGE, NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage(SHOW_USAGE, "give one SLUG");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = documents_get(&ctx, argv[optind], lang, version, role, &f, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	if (f.fallback)
		fprintf(stderr, "note: %s has no %s version%s; this is the %s one\n",
		    f.doc.slug, lang, role == DOC_ROLE_COMMITTEE ? "" :
		    " for this role", f.doc.lang);
	if (!json && output == NULL && isatty(STDOUT_FILENO) &&
	    strcmp(doc_format_name(f.doc.format), "markdown") != 0 &&
	    strcmp(doc_format_name(f.doc.format), "text") != 0) {
		fprintf(stderr, "error: output: %s is a %s file: not written to "
		    "a terminal; use --output FILE or > file\n", f.doc.slug,
		    doc_format_name(f.doc.format));
		documents_file_fini(&f);
		return EXIT_FAIL;
	}
	if (json) {
		json_t *o = documents_version_json(&f.doc);

		json_object_set_new(o, "fallback", json_boolean(f.fallback));
		json_object_set_new(o, "download_name",
		    json_string(f.download_name));
		json_dumpf(o, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(o);
	}
	if (output != NULL) {
		rc = outfile_write(output, "output", 0, f.data, f.len, &err);
		if (rc == 0 && !json)
			printf("%s: %s (%s) version %s, %zu bytes, sha256 %s\n",
			    output, f.doc.slug, f.doc.lang, f.doc.version, f.len,
			    f.doc.sha256);
	} else if (!json && f.len > 0 && (fwrite(f.data, 1, f.len, stdout) !=
	    f.len || fflush(stdout) != 0)) {
		rc = tld_error_set(&err, TLD_EIO, "output",
		    "cannot write to standard output: %s", strerror(errno));
	}
	documents_file_fini(&f);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}

static const struct cli_opt doc_remove_opts[] = {
	{ "lang", required_argument, 'l', "LANG",
	    "only the versions in LANG" },
	{ "reason", required_argument, 'r', "TEXT",
	    "why (required; kept in the history)" },
	CLI_OPT_END,
};

static const struct cli_help doc_remove_help = {
	REMOVE_USAGE,
	"Remove a document's versions (kept in the history).",
	doc_remove_opts,
	"SLUG  the document's short name",
	"doc remove ddos-mitigation --reason \"superseded by v2\"",
};

static int
doc_remove(const struct cli_globals *g, int argc, char **argv)
{
	const char *lang = NULL, *reason = NULL;
	struct tld_ctx ctx;
	struct tld_error err;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, doc_remove_opts)) != -1) {
		switch (ch) {
		case 'l': lang = optarg; break;
		case 'r': reason = optarg; break;
		default: return cli_usage(REMOVE_USAGE, NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage(REMOVE_USAGE, "give one SLUG");
	if (reason == NULL)
		return cli_usage(REMOVE_USAGE, "--reason is required");
	if ((rc = cli_open(g, false, &ctx)) != EXIT_OK)
		return rc;
	tld_error_clear(&err);
	rc = documents_remove(&ctx, argv[optind], lang, reason, &err);
	cli_close(&ctx);
	if (rc < 0)
		return cli_fail(&err);
	printf("removed %d version%s of %s%s%s (kept in the history)\n", rc,
	    rc == 1 ? "" : "s", argv[optind], lang ? " in " : "",
	    lang ? lang : "");
	return EXIT_OK;
}

const struct cli_sub cli_doc_subs[] = {
	{ "add", doc_add, &doc_add_help },
	{ "list", doc_list, &doc_list_help },
	{ "show", doc_show, &doc_show_help },
	{ "remove", doc_remove, &doc_remove_help },
	{ NULL, NULL, NULL },
};

int
cmd_doc(const struct cli_globals *g, int argc, char **argv)
{
	return cli_dispatch(g, argc, argv, cli_doc_subs,
	    SYNOPSIS);
}
