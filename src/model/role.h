/* SPDX-License-Identifier: MIT */
/*
 * The approver's guard rails on a contact's role or title: the community is
 * for security and operations people, so a missing role and a role that is
 * not security or operations ("Head of Sales", "Customer success") are
 * flagged.  A flag is a warning for a person to read, never a refusal.  No
 * I/O.
 */
#ifndef TLD_MODEL_ROLE_H
#define TLD_MODEL_ROLE_H

#include <stddef.h>

enum role_flag {
	ROLE_FLAG_NONE,          /* a role that looks like security or operations */
	ROLE_FLAG_MISSING,       /* empty or only blanks */
	ROLE_FLAG_NOT_SECURITY,  /* names one of role_non_security[] */
};

/*
 * The words and phrases of roles that are not security or operations,
 * lower case, matched case-insensitively (ASCII) as whole words: "pr"
 * matches "PR manager", not "product" or "operations".  NULL-terminated.
 */
extern const char *const role_non_security[];

/* What is wrong with role, if anything (NULL counts as missing). */
enum role_flag role_check(const char *role);

/* The text the approver reads for a flag; NULL for ROLE_FLAG_NONE. */
const char *role_flag_text(enum role_flag f);

#endif
