/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/contact's owner: a contact belongs to a ccTLD or to the
 * community (an affiliation and a kind: iana, liaison, staff), never both;
 * the kinds by name; moving between the two with contact_apply_fields();
 * what contact_check_complete() asks of each; the JSON form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/contact.h"

static struct tld_error err;

/* Apply f to *c; returns the code, err names the field. */
static int
apply(struct contact *c, const struct contact_fields *f)
{
	tld_error_clear(&err);
	return contact_apply_fields(c, f, &err);
}

static void
expect_refused(struct contact *c, const struct contact_fields *f,
    const char *field, const char *words)
{
	struct contact before = *c;

	assert_int_equal(apply(c, f), TLD_EINVAL);
	assert_string_equal(err.field, field);
	if (strstr(err.message, words) == NULL)
		fail_msg("%s: \"%s\" does not say \"%s\"", field, err.message, words);
	/* All or nothing: a refusal changes nothing. */
	assert_memory_equal(&before, c, sizeof(before));
}

static void
kinds_by_name(void **state)
{
	enum contact_kind k;

	(void)state;
	assert_int_equal(contact_kind_parse("iana", &k, &err), 0);
	assert_int_equal(k, CONTACT_KIND_IANA);
	assert_int_equal(contact_kind_parse("Liaison", &k, &err), 0);
	assert_int_equal(k, CONTACT_KIND_LIAISON);
	assert_int_equal(contact_kind_parse("STAFF", &k, &err), 0);
	assert_int_equal(k, CONTACT_KIND_STAFF);
	assert_int_equal(contact_kind_parse("chair", &k, &err), TLD_EINVAL);
	assert_string_equal(err.field, "kind");
	assert_non_null(strstr(err.message, "iana, liaison, staff"));
	/* A ccTLD's contact is not a community kind. */
	assert_int_equal(contact_kind_parse("cctld", &k, &err), TLD_EINVAL);
	for (int i = CONTACT_KIND_CCTLD; i <= CONTACT_KIND_STAFF; i++)
		assert_int_equal(contact_kind_from_name(contact_kind_name(
		    (enum contact_kind)i)), i);
	assert_int_equal(contact_kind_from_name("nonsense"), CONTACT_KIND_CCTLD);
	assert_string_equal(contact_kind_name((enum contact_kind)99), "cctld");
}

static void
a_community_contact_has_an_affiliation_and_a_kind(void **state)
{
	struct contact c;
	struct contact_fields f = { .affiliation = "  IANA ", .kind = "iana",
	    .name = "IANA root contact", .email = "root@iana.org" };
	char owner[64];

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(apply(&c, &f), 0);
	assert_true(contact_is_community(&c));
	assert_string_equal(c.affiliation, "IANA");
	assert_string_equal(c.cctld, "");
	assert_string_equal(contact_owner_label(&c, owner, sizeof(owner)),
	    "the community (IANA)");
	/* A role address needs no phone (its exception stands for it)... */
	assert_int_equal(contact_check_complete(&c, &err), 0);
	/* ...a person's address does. */
	f.email = "kim@iana.org";
	assert_int_equal(apply(&c, &f), 0);
	assert_int_equal(contact_check_complete(&c, &err), TLD_EINVAL);
	assert_string_equal(err.field, "phone");
}

static void
a_ccTLD_and_an_affiliation_together_are_refused(void **state)
{
	struct contact c;

	(void)state;
	memset(&c, 0, sizeof(c));
	expect_refused(&c, &(struct contact_fields){ .cctld = "nl",
	    .affiliation = "IANA", .kind = "iana" }, "affiliation", "not both");
	expect_refused(&c, &(struct contact_fields){ .affiliation = "IANA" },
	    "kind", "is required");
	expect_refused(&c, &(struct contact_fields){ .affiliation = "IANA",
	    .kind = "chair" }, "kind", "unknown kind 'chair'");
	expect_refused(&c, &(struct contact_fields){ .cctld = "nl",
	    .kind = "liaison" }, "kind", "community contacts");
	expect_refused(&c, &(struct contact_fields){ .kind = "liaison" },
	    "kind", "give an affiliation");
	expect_refused(&c, &(struct contact_fields){ .affiliation = " \t",
	    .kind = "iana" }, "affiliation", "blank");
	assert_int_equal(apply(&c, &(struct contact_fields){ .cctld = "  " }),
	    TLD_EINVAL);
	assert_string_equal(err.field, "cctld");
	/* Neither: the ccTLD is what is missing. */
	assert_int_equal(contact_check_complete(&c, &err), TLD_EINVAL);
	assert_string_equal(err.field, "cctld");
}

static void
moving_between_a_ccTLD_and_the_community(void **state)
{
	struct contact c;
	char owner[64];

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(apply(&c, &(struct contact_fields){ .cctld = ".NL" }), 0);
	assert_false(contact_is_community(&c));
	assert_string_equal(contact_owner_label(&c, owner, sizeof(owner)), ".nl");
	/* To the community: the ccTLD goes, a kind is needed. */
	expect_refused(&c, &(struct contact_fields){ .affiliation = "ICANN" },
	    "kind", "is required");
	assert_int_equal(apply(&c, &(struct contact_fields){
	    .affiliation = "ICANN", .kind = "liaison" }), 0);
	assert_int_equal(c.kind, CONTACT_KIND_LIAISON);
	assert_string_equal(c.cctld, "");
	/* A new kind alone keeps the affiliation. */
	assert_int_equal(apply(&c, &(struct contact_fields){ .kind = "staff" }), 0);
	assert_int_equal(c.kind, CONTACT_KIND_STAFF);
	assert_string_equal(c.affiliation, "ICANN");
	/* Back to a ccTLD: the affiliation and kind go. */
	assert_int_equal(apply(&c, &(struct contact_fields){ .cctld = "be" }), 0);
	assert_int_equal(c.kind, CONTACT_KIND_CCTLD);
	assert_string_equal(c.affiliation, "");
	assert_string_equal(c.cctld, "be");
}

static void
the_json_form(void **state)
{
	struct contact c;
	json_t *o;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(apply(&c, &(struct contact_fields){
	    .affiliation = "IANA", .kind = "iana", .name = "IANA root contact",
	    .email = "root@iana.org" }), 0);
	o = contact_to_json(&c);
	assert_true(json_is_null(json_object_get(o, "cctld")));
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "iana");
	assert_string_equal(json_string_value(json_object_get(o, "affiliation")),
	    "IANA");
	json_decref(o);
	assert_int_equal(apply(&c, &(struct contact_fields){ .cctld = "nl" }), 0);
	o = contact_to_json(&c);
	assert_string_equal(json_string_value(json_object_get(o, "cctld")), "nl");
	assert_null(json_object_get(o, "kind"));
	assert_null(json_object_get(o, "affiliation"));
	json_decref(o);
}

/* The text jansson writes for o (JSON_COMPACT), to compare. */
static char *
dump(const json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);

	assert_non_null(s);
	return s;
}

/*
 * contact_json_set() (one tree, refilled) gives what contact_to_json()
 * gives, contact after contact: ccTLD and community contacts in turn,
 * the same and other values, languages growing and shrinking, removed,
 * updated after created, a time not set; a key the caller added stays
 * while the tree is kept.
 */
static void
the_json_form_refilled(void **state)
{
	static const struct {
		const char *cctld, *affiliation, *kind, *name, *email, *phone,
		    *role, *languages;
		int64_t created, updated, removed;
	} rows[] = {
		{ "nl", NULL, NULL, "Jan", "jan@sidn.nl", "+31 26 352 5500", "CISO", "en", 100, 100, 0 },
		{ "nl", NULL, NULL, "Jan", "jan@sidn.nl", "+31 26 352 5500", "CISO", "en", 100, 100, 0 },
		{ "be", NULL, NULL, "Ana \"Q\" \\ Ω", "ana@dns.be", "+3225459900", "", "en,fr,nl", 100, 100, 0 },
		{ "be", NULL, NULL, "Ана", "ana2@dns.be", "+32 2 545 99 01", "", "", 101, 101, 0 },
		{ NULL, "IANA", "iana", "IANA root", "root@iana.org", "+1 310 301 5800", "", "en", 101, 101, 0 },
		{ NULL, "ICANN", "staff", "Kim", "kim@icann.org", "+13103015801", "Staff", "en,es", 102, 102, 0 },
		{ "рф", NULL, NULL, "Иван", "ivan@cctld.ru", "+74957374999", "CTO", "ru", 102, 103, 0 },
		{ "nl", NULL, NULL, "Jan", "jan@sidn.nl", "+31 26 352 5500", "CISO", "en", 102, 104, 0 },
		{ "nl", NULL, NULL, "Jan", "jan@sidn.nl", "+31 26 352 5500", "CISO", "en", 102, 104, 105 },
		{ "nl", NULL, NULL, "Jan", "jan@sidn.nl", "+31 26 352 5500", "CISO", "en", 102, 104, 106 },
		{ "nl", NULL, NULL, "Jan", "jan@sidn.nl", "+31 26 352 5500", "CISO", "en", 0, 0, 0 },
		{ "nl", NULL, NULL, "Jan", "jan@sidn.nl", "+31 26 352 5500", "CISO", "en", 107, 107, 0 },
	};
	struct contact_json cj;
	json_t *via = NULL;

	(void)state;
	memset(&cj, 0, sizeof(cj));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct contact c;
		json_t *want, *got;
		char *w, *g;

		memset(&c, 0, sizeof(c));
		assert_int_equal(apply(&c, &(struct contact_fields){
		    .cctld = rows[i].cctld, .affiliation = rows[i].affiliation,
		    .kind = rows[i].kind, .name = rows[i].name,
		    .email = rows[i].email, .phone = rows[i].phone,
		    .role = rows[i].role, .languages = rows[i].languages }), 0);
		c.id = (int64_t)i + 1;
		c.created = rows[i].created;
		c.updated = rows[i].updated;
		c.removed = rows[i].removed;
		want = contact_to_json(&c);
		json_object_set_new(want, "via", json_string("import"));
		got = contact_json_set(&cj, &c);
		if (cj.fresh)
			json_object_set_new(got, "via", json_string("import"));
		else
			assert_ptr_equal(json_object_get(got, "via"), via);
		via = json_object_get(got, "via");
		w = dump(want);
		g = dump(got);
		assert_string_equal(g, w);
		free(w);
		free(g);
		json_decref(want);
	}
	contact_json_fini(&cj);
	assert_null(cj.o);
}

/*
 * The phone's grouping for reading: as typed; the same number in one piece
 * (an E.164 CSV coming back) keeps it; another number in one piece has
 * none; a bad number changes nothing.
 */
static void
the_phone_keeps_its_grouping(void **state)
{
	struct contact c;
	struct contact_fields f;

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	f.cctld = "nl";
	f.name = "Jan Jansen";
	f.email = "jan@sidn.nl";
	f.phone = "+31 (0)26 352 5500";
	assert_int_equal(apply(&c, &f), 0);
	assert_string_equal(c.phone, "+31263525500");
	assert_string_equal(c.phone_grouped, "+31 26 352 5500");
	memset(&f, 0, sizeof(f));
	f.phone = "+31263525500";
	assert_int_equal(apply(&c, &f), 0);
	assert_string_equal(c.phone_grouped, "+31 26 352 5500");
	f.phone = "0031 26 3525 501";
	assert_int_equal(apply(&c, &f), 0);
	assert_string_equal(c.phone, "+31263525501");
	assert_string_equal(c.phone_grouped, "+31 26 3525 501");
	f.phone = "+31263525502";
	assert_int_equal(apply(&c, &f), 0);
	assert_string_equal(c.phone, "+31263525502");
	assert_string_equal(c.phone_grouped, "");
	f.phone = "+31 26 35x";
	expect_refused(&c, &f, "phone", "letters");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_by_name),
		cmocka_unit_test(a_community_contact_has_an_affiliation_and_a_kind),
		cmocka_unit_test(a_ccTLD_and_an_affiliation_together_are_refused),
		cmocka_unit_test(moving_between_a_ccTLD_and_the_community),
		cmocka_unit_test(the_json_form),
		cmocka_unit_test(the_json_form_refilled),
		cmocka_unit_test(the_phone_keeps_its_grouping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
