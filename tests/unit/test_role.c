/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/role: the approver's guard rails.  A blank role is
 * missing; the committee's examples ("Account Manager", "Head of Sales",
 * "Customer success", "Sales manager") and their kin are not security; the
 * security and operations roles the community has, and words that only
 * contain a listed one ("Salesforce", "product", "operations"), pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/role.h"

static void
check(const char *role, enum role_flag want)
{
	enum role_flag got = role_check(role);

	if (got != want)
		fail_msg("\"%s\": flag %d, want %d", role ? role : "(null)", got,
		    want);
}

static void
a_blank_role_is_missing(void **state)
{
	(void)state;
	check(NULL, ROLE_FLAG_MISSING);
	check("", ROLE_FLAG_MISSING);
	check("   ", ROLE_FLAG_MISSING);
	check("\t\r\n", ROLE_FLAG_MISSING);
	assert_non_null(strstr(role_flag_text(ROLE_FLAG_MISSING), "no role"));
}

static void
the_committees_examples_are_flagged(void **state)
{
	static const char *const roles[] = {
		"Account Manager", "Head of Sales", "Customer success",
		"Sales manager", "SALES", "Customer Success Manager",
		"Marketing & Communications", "Business Development Director",
		"PR officer", "Head of PR", "Press and media relations",
		"Key Account Manager", "Customer service", "Registrar Relations",
		"Directeur commercial", "Jefe de ventas", "Leiter Vertrieb",
		"Responsable des ventes", "Pre-sales engineer", "sales/marketing",
		NULL,
	};

	(void)state;
	for (size_t i = 0; roles[i] != NULL; i++)
		check(roles[i], ROLE_FLAG_NOT_SECURITY);
	assert_string_equal(role_flag_text(ROLE_FLAG_NOT_SECURITY),
	    "role or title is not security or operations");
}

static void
security_and_operations_roles_pass(void **state)
{
	static const char *const roles[] = {
		"CISO", "Security officer", "Head of Operations", "CSIRT lead",
		"Incident response", "DNS operations", "Abuse desk",
		"Network engineer", "Technical contact", "CTO", "Product security",
		"Salesforce administrator", "Express response team", "Approver",
		"Responsable sécurité", "Sicherheitsbeauftragter",
		"Jefe de seguridad", "Brand protection", "Security events analyst",
		NULL,
	};

	(void)state;
	for (size_t i = 0; roles[i] != NULL; i++)
		check(roles[i], ROLE_FLAG_NONE);
	assert_null(role_flag_text(ROLE_FLAG_NONE));
}

static void
the_table_is_lower_case_unique_and_each_entry_matches(void **state)
{
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; role_non_security[i] != NULL; i++, n++) {
		for (const char *p = role_non_security[i]; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				fail_msg("\"%s\" is not lower case", role_non_security[i]);
		for (j = 0; j < i; j++)
			if (strcmp(role_non_security[i], role_non_security[j]) == 0)
				fail_msg("\"%s\" twice", role_non_security[i]);
		check(role_non_security[i], ROLE_FLAG_NOT_SECURITY);
	}
	assert_true(n >= 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_blank_role_is_missing),
		cmocka_unit_test(the_committees_examples_are_flagged),
		cmocka_unit_test(security_and_operations_roles_pass),
		cmocka_unit_test(the_table_is_lower_case_unique_and_each_entry_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
