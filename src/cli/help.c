/* SPDX-License-Identifier: MIT */
/*
 * Help: `tldops X --help`, `tldops help X`, the man page tldops(1) and the
 * option lists the tests check, all from the one table each command's
 * parser uses (struct cli_opt), so the help cannot drift from the parser.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLI_OPTS_MAX 32

int
cli_getopt(int argc, char **argv, const struct cli_opt *opts)
{
	static const struct cli_opt *cached;
	static struct option lo[CLI_OPTS_MAX + 1];

	if (cached != opts) {
		size_t n = 0;

		for (; opts != NULL && opts[n].name != NULL; n++) {
			if (n == CLI_OPTS_MAX)
				abort(); /* a table this long is a bug */
			lo[n] = (struct option){ opts[n].name, opts[n].has_arg, NULL,
			    opts[n].val };
		}
		lo[n] = (struct option){ NULL, 0, NULL, 0 };
		cached = opts;
	}
	return getopt_long(argc, argv, "", lo, NULL);
}

const struct cli_opt cli_json_opts[] = {
	{ "json", no_argument, 'j', NULL, "JSON instead of text" },
	CLI_OPT_END,
};

int
cli_json_only(int argc, char **argv, int npos, int *json)
{
	int ch;

	*json = 0;
	while ((ch = cli_getopt(argc, argv, cli_json_opts)) != -1) {
		if (ch != 'j')
			return -1;
		*json = 1;
	}
	return argc - optind == npos ? optind : -1;
}

bool
cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

/* Print text with every line indented by indent spaces. */
static void
indented(FILE *out, const char *text, int indent)
{
	while (*text != '\0') {
		size_t n = strcspn(text, "\n");

		fprintf(out, "%*s%.*s\n", indent, "", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

void
cli_help_print(FILE *out, const char *name, const struct cli_help *h)
{
	(void)name;
	fprintf(out, "usage: tldops %s\n\n", h->usage);
	indented(out, h->about, 0);
	if (h->args != NULL) {
		fprintf(out, "\narguments:\n");
		indented(out, h->args, 2);
	}
	if (h->opts != NULL && h->opts[0].name != NULL) {
		fprintf(out, "\noptions:\n");
		for (const struct cli_opt *o = h->opts; o->name != NULL; o++) {
			char left[64];

			snprintf(left, sizeof(left), "--%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
			if (strlen(left) > 22)
				fprintf(out, "  %s\n  %-22s  %s\n", left, "", o->help);
			else
				fprintf(out, "  %-22s  %s\n", left, o->help);
		}
	}
	fprintf(out, "  %-22s  %s\n", "--help, -h", "this help");
	fprintf(out, "\nexample:\n  tldops %s\n", h->example);
}

/* ---- the nearest name ----------------------------------------------------- */

/* Optimal string alignment distance (a swap of neighbours counts one). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[34][34];

	if (la > 32 || lb > 32)
		return 99;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

const char *
cli_nearest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bestd = 99, len = strlen(s);
	/* One edit for short names, two from six letters, three from ten. */
	size_t limit = len < 6 ? 1 : len < 10 ? 2 : 3;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(s, names[i]);

		/* A prefix is a good guess too ("ini" -> "init"). */
		if (len >= 3 && strncmp(s, names[i], len) == 0)
			d = 1;
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

/* ---- tldops help ---------------------------------------------------------- */

static const struct cli_cmd *
find_command(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

static const struct cli_sub *
find_sub(const struct cli_sub *subs, const char *name)
{
	for (; subs->name != NULL; subs++)
		if (strcmp(subs->name, name) == 0)
			return subs;
	return NULL;
}

/* The help of a group: its synopsis and each subcommand's. */
void
cli_group_help(FILE *out, const char *name, const char *synopsis,
    const struct cli_sub *subs)
{
	const struct cli_cmd *c = find_command(name);

	fprintf(out, "usage: tldops %s\n\n", synopsis);
	if (c != NULL && c->subs == subs)
		fprintf(out, "%s\n\n", c->about);
	fprintf(out, "commands:\n");
	for (const struct cli_sub *s = subs; s->name != NULL; s++) {
		if (s > subs && s->help == s[-1].help)
			continue; /* an alias ("authorise") */
		fprintf(out, "  tldops %s\n", s->help->usage);
	}
	fprintf(out, "\nRun \"tldops %s SUBCOMMAND --help\" for one of them.\n",
	    name);
}

static void
group_help(FILE *out, const struct cli_cmd *c)
{
	cli_group_help(out, c->name, c->synopsis, c->subs);
}

/* The commands' names, for the nearest one. */
static size_t
command_names(const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < cli_ncommands && n < max; i++)
		names[n++] = cli_commands[i].name;
	return n;
}

int
cli_unknown_command(const char *name)
{
	const char *names[64];
	size_t n = command_names(names, 64);
	const char *near = cli_nearest(name, names, n);

	if (near != NULL)
		fprintf(stderr, "tldops: unknown command \"%s\"; did you mean "
		    "\"%s\"?\n", name, near);
	else
		fprintf(stderr, "tldops: unknown command \"%s\"\n", name);
	fprintf(stderr, "usage: tldops [OPTIONS] COMMAND ... (\"tldops help\" "
	    "lists the commands)\n");
	return EXIT_USAGE;
}

/* Write s for roff: a leading "." or "'" and every "\" escaped. */
static void
roff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
		if (*s == '\n' && (s[1] == '.' || s[1] == '\''))
			fputs("\\&", out);
	}
}

static void
man_entry(FILE *out, const struct cli_help *h)
{
	fputs(".SS \"", out);
	roff(out, h->usage);
	fputs("\"\n", out);
	roff(out, h->about);
	fputs("\n", out);
	if (h->args != NULL) {
		fputs(".PP\n.nf\n", out);
		roff(out, h->args);
		fputs("\n.fi\n", out);
	}
	for (const struct cli_opt *o = h->opts; o != NULL && o->name != NULL;
	    o++) {
		fputs(".TP\n.B \\-\\-", out);
		roff(out, o->name);
		if (o->arg != NULL) {
			fputs(" ", out);
			roff(out, o->arg);
		}
		fputs("\n", out);
		roff(out, o->help);
		fputs("\n", out);
	}
	fputs(".PP\nExample:\n.RS\n.nf\ntldops ", out);
	roff(out, h->example);
	fputs("\n.fi\n.RE\n", out);
}

/* tldops(1) in roff (man(7)), generated at build time. */
static void
man_page(FILE *out)
{
	fputs(".TH TLDOPS 1 \"\" \"tldops\" \"User Commands\"\n"
	    ".SH NAME\ntldops \\- the contact repository and operations platform "
	    "of the ccTLD security community\n"
	    ".SH SYNOPSIS\n.B tldops\n[\\-\\-db PATH|postgresql://URI] "
	    "[\\-\\-mail maildir:DIR|smtp://HOST:PORT] [\\-\\-config FILE] "
	    "[\\-\\-as ACTOR] [\\-\\-quiet]\n.I COMMAND\n...\n"
	    ".SH DESCRIPTION\nEvery command and subcommand answers \\-\\-help; "
	    "\\fBtldops help\\fR COMMAND says the same.\n"
	    "Exit status: 0 ok, 1 refused or failed (the message names the "
	    "field and the reason), 2 usage error.\n"
	    ".SH ENVIRONMENT\nTLDOPS_DB, TLDOPS_MAIL, TLDOPS_CONFIG, "
	    "TLDOPS_ACTOR: the global options' defaults.\n"
	    ".SH COMMANDS\n", out);
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_cmd *c = &cli_commands[i];

		if (c->help != NULL) {
			man_entry(out, c->help);
			continue;
		}
		for (const struct cli_sub *s = c->subs; s != NULL && s->name != NULL;
		    s++)
			if (s == c->subs || s->help != s[-1].help)
				man_entry(out, s->help);
	}
}

/* `--options CMD [SUB]`: "name<TAB>help" of each option, for the tests. */
static int
list_options(const struct cli_help *h)
{
	for (const struct cli_opt *o = h->opts; o != NULL && o->name != NULL;
	    o++)
		printf("%s\t%s\n", o->name, o->help ? o->help : "");
	return EXIT_OK;
}

int
cli_help_main(int argc, char **argv)
{
	const struct cli_cmd *c;
	const struct cli_sub *s;
	bool options = false;

	if (argc == 1) {
		cli_print_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--man") == 0 && argc == 2) {
		man_page(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--commands") == 0 && argc == 2) {
		for (size_t i = 0; i < cli_ncommands; i++) {
			c = &cli_commands[i];
			if (c->help != NULL)
				printf("%s\n", c->name);
			for (s = c->subs; s != NULL && s->name != NULL; s++)
				printf("%s %s\n", c->name, s->name);
		}
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--options") == 0) {
		options = true;
		argc--;
		argv++;
	}
	if (argc < 2 || argc > 3)
		return cli_usage("help [COMMAND [SUBCOMMAND]]", NULL);
	if ((c = find_command(argv[1])) == NULL)
		return cli_unknown_command(argv[1]);
	if (c->help != NULL && argc == 2) {
		if (options)
			return list_options(c->help);
		cli_help_print(stdout, c->name, c->help);
		return EXIT_OK;
	}
	if (c->subs == NULL)
		return cli_usage("help [COMMAND [SUBCOMMAND]]", "%s has no "
		    "subcommands", c->name);
	if (argc == 2 && !options) {
		group_help(stdout, c);
		return EXIT_OK;
	}
	if (argc == 2 || (s = find_sub(c->subs, argv[2])) == NULL)
		return cli_unknown_sub(c->name, argc == 3 ? argv[2] : "",
		    c->subs, c->synopsis);
	if (options)
		return list_options(s->help);
	cli_help_print(stdout, s->name, s->help);
	return EXIT_OK;
}

int
cli_unknown_sub(const char *group, const char *name,
    const struct cli_sub *subs, const char *synopsis)
{
	const char *names[64];
	const char *near;
	size_t n = 0;

	for (; subs->name != NULL && n < 64; subs++)
		names[n++] = subs->name;
	near = cli_nearest(name, names, n);
	if (near != NULL)
		fprintf(stderr, "tldops: unknown %s command \"%s\"; did you mean "
		    "\"%s\"?\n", group, name, near);
	else
		fprintf(stderr, "tldops: unknown %s command \"%s\"\n", group, name);
	fprintf(stderr, "usage: tldops %s (\"tldops %s --help\" says more)\n",
	    synopsis, group);
	return EXIT_USAGE;
}
