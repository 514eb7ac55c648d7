/* SPDX-License-Identifier: MIT */
/*
 * Members' OpenPGP keys in the API (docs/crypto.md, docs/api.md), at
 * parity with /me and `tldops key import|list`: the same service calls,
 * the same checks and audit rows.  A body that is not a JSON object is a
 * 400; a refused key a 422 naming "key", nothing stored.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "service/directory/contacts.h"
#include "service/list/keys.h"
#include "service/membership/accounts.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/parse.h"
#include "web/resp.h"

void
api_keys(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (key_list_json(rq->ctx, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

/* The signed-in member's contact; false with a 404 set. */
static bool
my_contact(struct web_req *rq, struct contact *c)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (accounts_contact(rq->ctx, &rq->who, c, &err) == 0)
		return true;
	resp_error(&rq->resp, 404, "contact", "%s is not a contact in the "
	    "repository", rq->who.email);
	return false;
}

void
api_me_key(struct web_req *rq, struct web_resp *rs)
{
	struct pgp_key_info info;
	struct tld_error err;
	struct contact c;

	if (!my_contact(rq, &c))
		return;
	tld_error_clear(&err);
	if (key_status(rq->ctx, &c, &info, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, key_row_json(&c, &info));
}

/* {"key": armour} of the body, imported for contact c. */
static void
import_from_body(struct web_req *rq, const struct contact *c)
{
	struct pgp_key_info info;
	struct tld_error err;
	const char *key;
	json_t *o, *v;

	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(&rq->resp, 400, err.field, "%s", err.message);
		return;
	}
	v = json_object_get(o, "key");
	if (v == NULL || json_is_null(v))
		tld_error_set(&err, TLD_EINVAL, "key", "is missing: the ASCII-"
		    "armoured public key");
	else if (!json_is_string(v))
		tld_error_set(&err, TLD_EINVAL, "key", "must be a string (the "
		    "ASCII-armoured public key)");
	else if ((key = json_string_value(v))[0] == '\0')
		tld_error_set(&err, TLD_EINVAL, "key", "is empty: the ASCII-"
		    "armoured public key");
	else
		key_import(rq->ctx, c->id, key, json_string_length(v), &info, &err);
	json_decref(o);
	if (err.code != 0) {
		resp_tld_error(&rq->resp, &err);
		return;
	}
	resp_json(&rq->resp, 200, key_row_json(c, &info));
}

void
api_me_key_post(struct web_req *rq, struct web_resp *rs)
{
	struct contact c;

	(void)rs;
	if (my_contact(rq, &c))
		import_from_body(rq, &c);
}

void
api_contact_key_post(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	struct contact c;
	int64_t id;

	if (!page_parse_id(rq->params[0], &id)) {
		resp_error(rs, 404, "id", "\"%s\" is not a contact id", rq->params[0]);
		return;
	}
	tld_error_clear(&err);
	if (contacts_get(rq->ctx, id, &c, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	import_from_body(rq, &c);
}
