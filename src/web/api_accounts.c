/* SPDX-License-Identifier: MIT */
/*
 * The API of revocation, for the secretariat: API tokens listed, created
 * and revoked; accounts disabled and removed (docs/api.md).  The rules and
 * the audit rows are the accounts service's.
 */
#include <sodium.h>
#include <string.h>

#include "service/membership/accounts.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/resp.h"

void
api_tokens(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (accounts_tokens_list_json(rq->ctx, form_get(&rq->query_args, "email"),
	    &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:o}", "tokens", a));
}

void
api_token_create(struct web_req *rq, struct web_resp *rs)
{
	char token[SECRET_TEXT_MAX], until[32];
	struct tld_error err;
	const char *email;
	json_int_t days = 90;
	int64_t expires = 0;
	json_t *o, *d;

	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(rs, 400, err.field, "%s", err.message);
		return;
	}
	if ((d = json_object_get(o, "days")) != NULL) {
		if (!json_is_integer(d)) {
			json_decref(o);
			resp_error(rs, 422, "days", "is not a whole number");
			return;
		}
		days = json_integer_value(d);
	}
	if (json_string_member(o, "email", true, &email, &err) < 0 ||
	    accounts_token_create(rq->ctx, email, days, token, &expires,
	    &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	clock_format_iso(expires, until, sizeof(until));
	resp_json(rs, 201, json_pack("{s:s, s:s}", "token", token,
	    "expires", until));
	sodium_memzero(token, sizeof(token));
}

void
api_token_revoke(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (accounts_token_revoke(rq->ctx, rq->params[0], &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:s, s:s}", "id", rq->params[0],
	    "state", "revoked"));
}

/* POST /api/v1/accounts/{email}/disable and .../remove. */
void
api_account_end(struct web_req *rq, struct web_resp *rs)
{
	bool remove = strstr(rq->route->pattern, "/remove") != NULL;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = remove ? accounts_remove(rq->ctx, rq->params[0], &err) :
	    accounts_disable(rq->ctx, rq->params[0], &err);
	if (rc < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:s, s:s}", "email", rq->params[0],
	    "state", remove ? "removed" : "disabled"));
}
