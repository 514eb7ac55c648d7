#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The secretariat's and the committee's administration on the web and in
the API (issue 22): exceptions and the list's allowed senders
(/committee/exceptions, /api/v1/exceptions, /api/v1/list/allowed); the
secretariat's accounts and API tokens (/accounts); the contacts filtered by
bounce state (/contacts, GET /api/v1/contacts?bounces=); IANA records pasted
or fetched (/iana, POST /api/v1/iana).  Each
form: a success with its confirmation, a refusal naming the field with
nothing stored, CSRF and role refused.  Run by tests/web/run after
test_collateral.py, against the same server; the helpers are test_api.py's.
"""
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_api as t  # noqa: E402
from test_api import check, error_of, request, TOKENS, post_form, refused_naming  # noqa: E402

COM = TOKENS["committee"]
SEC = TOKENS["secretariat"]


def exceptions():
    return t.tldops_json("exception", "list")


def allowed():
    return t.tldops_json("list", "allow", "list")


def audit_actions(object_type):
    return [a["action"] for a in t.tldops_json("audit") if a["object_type"] == object_type]


def test_exceptions_api():
    before = exceptions()
    error_of(request("POST", "/api/v1/exceptions", body='{"email": ', token=COM,
                     content_type="application/json"), 400, "body")
    error_of(request("POST", "/api/v1/exceptions", body={"email": "not an address",
                                                         "reason": "x"}, token=COM), 422, "email")
    error_of(request("POST", "/api/v1/exceptions", body={"email": "noc@api.example"},
                     token=COM), 422, "reason")
    error_of(request("POST", "/api/v1/exceptions", body={"email": "noc@api.example",
                                                         "reason": "x"},
                     token=TOKENS["member"]), 403)
    check(exceptions() == before, "nothing stored on the refusals")
    r = request("POST", "/api/v1/exceptions", body={"email": "noc@API.example",
                                                    "reason": "the registry's NOC"}, token=COM)
    check(r.status == 201, "added: %d %s" % (r.status, r.text[:200]))
    e = r.json()
    check(e["email"] == "noc@api.example" and e["approved_by"] == "chris@committee.example", e)
    error_of(request("POST", "/api/v1/exceptions", body={"email": "NOC@api.example",
                                                         "reason": "again"}, token=COM),
             409, "email")
    path = "/api/v1/exceptions/%d" % e["id"]
    error_of(request("DELETE", path, body={}, token=TOKENS["member"]), 403)
    error_of(request("DELETE", path, body={"reason": "a\u0007b"}, token=COM), 422, "reason")
    error_of(request("DELETE", "/api/v1/exceptions/999999", body={}, token=COM), 404, "id")
    error_of(request("DELETE", "/api/v1/exceptions/abc", body={}, token=COM), 404, "id")
    error_of(request("DELETE", path, body="[", token=COM, content_type="application/json"),
             400, "body")
    check(any(x["id"] == e["id"] for x in exceptions()), "a refused removal removed it")
    r = request("DELETE", path, body={"reason": "liaison ended"}, token=COM)
    check(r.status == 200 and r.json()["state"] == "removed", r.text[:200])
    check(all(x["id"] != e["id"] for x in exceptions()), "removed")
    check(all(x["id"] != e["id"] for x in request("GET", "/api/v1/exceptions", token=COM).json()),
          "not listed")
    error_of(request("DELETE", path, body={}, token=COM), 404, "id")
    # Without a body at all (no Content-Type): a DELETE is JSON like every change.
    r = request("POST", "/api/v1/exceptions", body={"email": "noc@api.example",
                                                    "reason": "back"}, token=COM)
    check(r.status == 201, "the address may be allowed again: %d" % r.status)
    r2 = request("DELETE", "/api/v1/exceptions/%d" % r.json()["id"], body="",
                 content_type="application/json", token=COM)
    check(r2.status == 200, "an empty body is no reason: %d %s" % (r2.status, r2.text[:200]))
    rows = audit_actions("exception")
    check(rows[-4:] == ["exception.add", "exception.remove", "exception.add", "exception.remove"],
          "audited: %r" % rows)


def test_allowed_senders_api():
    before = allowed()
    error_of(request("GET", "/api/v1/list/allowed", token=TOKENS["member"]), 403)
    error_of(request("POST", "/api/v1/list/allowed", body={"email": "x", "reason": "y"},
                     token=COM), 422, "email")
    error_of(request("POST", "/api/v1/list/allowed", body={"email": "cert@api.example"},
                     token=COM), 422, "reason")
    error_of(request("POST", "/api/v1/list/allowed", body={"email": "cert@api.example",
                                                           "reason": 3}, token=COM), 422, "reason")
    error_of(request("POST", "/api/v1/list/allowed", body={"email": "cert@api.example",
                                                           "reason": "x"},
                     token=TOKENS["member"]), 403)
    check(allowed() == before, "nothing stored on the refusals")
    r = request("POST", "/api/v1/list/allowed", body={"email": "cert@API.example",
                                                      "reason": "the national CERT"}, token=COM)
    check(r.status == 201, "added: %d %s" % (r.status, r.text[:200]))
    check(r.json()["email"] == "cert@api.example" and r.json()["reason"] == "the national CERT"
          and r.json()["added_by"] == "chris@committee.example", r.json())
    error_of(request("POST", "/api/v1/list/allowed", body={"email": "cert@api.example",
                                                           "reason": "again"}, token=COM),
             409, "email")
    listed = request("GET", "/api/v1/list/allowed", token=COM).json()
    check([x["email"] for x in listed] == [x["email"] for x in allowed()], "the CLI's list")
    check(any(x["email"] == "cert@api.example" for x in listed), "listed")
    error_of(request("DELETE", "/api/v1/list/allowed/nobody%40api.example", body={}, token=COM),
             404, "email")
    error_of(request("DELETE", "/api/v1/list/allowed/cert%40api.example", body={},
                     token=TOKENS["member"]), 403)
    r = request("DELETE", "/api/v1/list/allowed/cert%40api.example", body={}, token=COM)
    check(r.status == 200 and r.json() == {"email": "cert@api.example", "state": "removed"},
          r.text[:200])
    check(allowed() == before, "removed")
    check(audit_actions("list_allow")[-2:] == ["list.allow.add", "list.allow.remove"], "audited")


def test_exception_and_allowed_forms():
    cookies = t.session("committee")[0]
    ex_before, al_before = exceptions(), allowed()
    fields = {"email": "abuse@form.example", "reason": "the abuse desk of the registry"}
    for path in ("/committee/exceptions", "/committee/allowed"):
        r = post_form(path, fields, csrf=False)
        check(r.status == 403 and "Form expired" in r.text, "%s no CSRF: %d" % (path, r.status))
        r = post_form(path, fields, csrf="0" * 64)
        check(r.status == 403 and "Form expired" in r.text, "%s wrong CSRF" % path)
        r = post_form(path, fields, role="member")
        check(r.status == 403 and "Not for your role" in r.text, "%s member" % path)
        r = request("POST", path, urllib.parse.urlencode(fields))
        check(r.status == 303 and r.header("location") == "/login", "%s public" % path)
    # Bad values: the page again, the field named and marked, the text kept (escaped).
    text = refused_naming(post_form("/committee/exceptions",
                                    {"email": "<b>nope", "reason": "x"}), 422, "exception", "email")
    check('value="&lt;b&gt;nope"' in text and "<b>nope" not in text, "kept, escaped")
    check('id="f-exception-email" name="email" value="&lt;b&gt;nope" required maxlength="254" '
          'placeholder="security@nic.example" aria-invalid="true"' in text, "email marked")
    refused_naming(post_form("/committee/exceptions", {"email": "abuse@form.example",
                                                       "reason": ""}), 422, "exception", "reason")
    refused_naming(post_form("/committee/allowed", {"email": "", "reason": "x"}),
                   422, "allowed", "email")
    refused_naming(post_form("/committee/allowed", {"email": "abuse@form.example",
                                                    "reason": "x" * 501}), 422, "allowed", "reason")
    refused_naming(post_form("/committee/allowed/remove", {"email": "nobody@form.example"}),
                   404, "allowed-remove", "email")
    for path in ("/committee/exceptions/999999/remove", "/committee/exceptions/x/remove"):
        r = post_form(path, {})
        check(r.status == 404 and "Not found" in r.text, "%s: %d" % (path, r.status))
    check(exceptions() == ex_before and allowed() == al_before, "a refused form stored something")
    # Add each, with the confirmation; the pages list them.
    r = post_form("/committee/exceptions", fields)
    check(r.status == 303 and r.header("location") ==
          "/committee/exceptions?done=exception#exceptions", "added: %d %s" % (r.status, r.text[:200]))
    page = request("GET", "/committee/exceptions?done=exception", cookies=cookies).text
    check('role="status">The exception was recorded' in page, "confirmed")
    check("abuse@form.example" in page and "the abuse desk of the registry" in page, "listed")
    ex = [x for x in exceptions() if x["email"] == "abuse@form.example"]
    check(len(ex) == 1 and ex[0]["approved_by"] == "chris@committee.example", ex)
    refused_naming(post_form("/committee/exceptions", fields), 409, "exception", "email")
    r = post_form("/committee/allowed", fields)
    check(r.status == 303 and r.header("location") ==
          "/committee/exceptions?done=allowed#allowed-senders", "allowed: %d" % r.status)
    check(any(x["email"] == "abuse@form.example" for x in allowed()), "stored")
    refused_naming(post_form("/committee/allowed", fields), 409, "allowed", "email")
    page = request("GET", "/committee/exceptions", cookies=cookies).text
    check('action="/committee/exceptions/%d/remove"' % ex[0]["id"] in page, "a remove button")
    check('<input type="hidden" name="email" value="abuse@form.example">' in page, "sender's")
    # Remove each.
    r = post_form("/committee/exceptions/%d/remove" % ex[0]["id"], {})
    check(r.status == 303 and r.header("location") ==
          "/committee/exceptions?done=exception-removed#exceptions", "removed: %d" % r.status)
    r = post_form("/committee/allowed/remove", {"email": "abuse@form.example"})
    check(r.status == 303 and r.header("location") ==
          "/committee/exceptions?done=allowed-removed#allowed-senders", "removed: %d" % r.status)
    check(exceptions() == ex_before and allowed() == al_before, "both removed")
    page = request("GET", "/committee/exceptions?done=allowed-removed", cookies=cookies).text
    check('role="status">The sender was taken off' in page, "confirmed")
    dash = request("GET", "/committee", cookies=cookies).text
    check('href="/committee/exceptions"' in dash, "linked from the dashboard")



def accounts():
    return t.tldops_json("account", "list")


def tokens_of(email):
    return request("GET", "/api/v1/tokens?email=" + urllib.parse.quote(email),
                   token=SEC).json()["tokens"]


def test_account_and_token_forms():
    cookies = t.session("secretariat")[0]
    who = "dana@forms.example"
    before = accounts()
    fields = {"email": who, "role": "committee"}
    # CSRF and roles: the committee may not manage accounts.
    r = post_form("/accounts", fields, role="secretariat", csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    for role in ("committee", "member"):
        r = post_form("/accounts", fields, role=role)
        check(r.status == 403 and "Not for your role" in r.text, "%s: %d" % (role, r.status))
        r = request("GET", "/accounts", cookies=t.session(role)[0])
        check(r.status == 403, "%s reads /accounts: %d" % (role, r.status))
    r = request("POST", "/accounts", urllib.parse.urlencode(fields))
    check(r.status == 303 and r.header("location") == "/login", "public: %d" % r.status)
    # Bad values: named, marked, kept, nothing stored.
    text = refused_naming(post_form("/accounts", {"email": "<i>dana", "role": "committee"},
                                    role="secretariat"), 422, "account", "email")
    check('value="&lt;i&gt;dana"' in text and "<i>dana" not in text, "kept, escaped")
    refused_naming(post_form("/accounts", {"email": who, "role": "king"}, role="secretariat"),
                   422, "account", "role")
    refused_naming(post_form("/accounts", {"email": "kim@secretariat.example",
                                           "role": "committee"}, role="secretariat"),
                   409, "account", "email")
    check(accounts() == before, "a refused form stored something")
    r = post_form("/accounts", fields, role="secretariat")
    check(r.status == 303 and r.header("location") == "/accounts?done=added#accounts",
          "added: %d %s" % (r.status, r.text[:200]))
    page = request("GET", "/accounts?done=added", cookies=cookies).text
    check('role="status">The account was added.' in page and who in page, "confirmed, listed")
    check([a["role"] for a in accounts() if a["email"] == who] == ["committee"], "stored")
    # Tokens: a bad number of days, an unknown address; then one, shown once.
    n_tokens = len(tokens_of(who))
    refused_naming(post_form("/accounts/tokens", {"email": who, "days": "ninety"},
                             role="secretariat"), 422, "token", "days")
    refused_naming(post_form("/accounts/tokens", {"email": who, "days": "0"},
                             role="secretariat"), 422, "token", "days")
    refused_naming(post_form("/accounts/tokens", {"email": "nobody@forms.example", "days": "5"},
                             role="secretariat"), 404, "token", "email")
    check(len(tokens_of(who)) == n_tokens, "a refused token was made")
    r = post_form("/accounts/tokens", {"email": who, "days": "5"}, role="secretariat")
    check(r.status == 200 and "shown only this once" in r.text, "made: %d %s" % (r.status, r.text[:300]))
    check((r.header("cache-control") or "") == "no-store", "no-store: %r" % r.header("cache-control"))
    m = t.re.search(r'id="new-token" readonly value="([A-Za-z0-9_-]{43})"', r.text)
    check(m, "the token on the page")
    secret = m.group(1)
    check(request("GET", "/api/v1/me", token=secret).json()["role"] == "committee", "it works")
    live = tokens_of(who)
    check(len(live) == n_tokens + 1, "listed")
    page = request("GET", "/accounts", cookies=cookies).text
    check(secret not in page, "the secret is shown once only")
    tid = live[-1]["id"]
    check('action="/accounts/tokens/%s/revoke"' % tid in page, "a revoke button")
    refused_naming(post_form("/accounts/tokens/xyz/revoke", {}, role="secretariat"),
                   422, "token-revoke", "id")
    r = post_form("/accounts/tokens/000000000000/revoke", {}, role="secretariat")
    check(r.status == 404, "unknown token: %d" % r.status)
    r = post_form("/accounts/tokens/%s/revoke" % tid, {}, role="secretariat")
    check(r.status == 303 and r.header("location") == "/accounts?done=revoked#tokens",
          "revoked: %d" % r.status)
    error_of(request("GET", "/api/v1/me", token=secret), 401)
    # Disable (a new token first: it stops with the account), then remove.
    r = post_form("/accounts/tokens", {"email": who, "days": "5"}, role="secretariat")
    secret = t.re.search(r'id="new-token" readonly value="([^"]+)"', r.text).group(1)
    enc = urllib.parse.quote(who, safe="")
    check('action="/accounts/%s/disable"' % enc in request("GET", "/accounts", cookies=cookies).text,
          "a disable button")
    r = post_form("/accounts/%s/disable" % enc, {}, role="secretariat")
    check(r.status == 303 and r.header("location") == "/accounts?done=disabled#accounts",
          "disabled: %d" % r.status)
    error_of(request("GET", "/api/v1/me", token=secret), 401)
    check([a["disabled"] is not None for a in accounts() if a["email"] == who] == [True],
          "listed as disabled, no longer active")
    page = request("GET", "/accounts", cookies=cookies).text
    check('action="/accounts/%s/disable"' % enc not in page and
          'action="/accounts/%s/remove"' % enc in page, "only a remove button left")
    r = post_form("/accounts/%s/disable" % enc, {}, role="secretariat")
    check(r.status == 404, "disabled twice: %d" % r.status)
    r = post_form("/accounts/%s/remove" % enc, {}, role="secretariat")
    check(r.status == 303 and r.header("location") == "/accounts?done=removed#accounts",
          "removed: %d" % r.status)
    r = post_form("/accounts/%s/remove" % enc, {}, role="secretariat")
    check(r.status == 404, "removed twice: %d" % r.status)
    rows = [a["action"] for a in t.tldops_json("audit")
            if who in t.json.dumps(a) or a["object_id"] == tid]
    check(rows[0] == "account.add" and "token.create" in rows and "token.revoke" in rows
          and "account.disable" in rows and rows[-1] == "account.remove", "audited: %r" % rows)
    check(accounts() == before, "back as it was")



DSN = """From: MAILER-DAEMON@mx.bounce.example
To: tld-ops-bounces@localhost
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="R"

--R
Content-Type: text/plain

The mail system.

--R
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.bounce.example

Final-Recipient: rfc822; %(to)s
Action: %(action)s
Status: %(status)s
Diagnostic-Code: smtp; 550 %(status)s <%(to)s>: no

--R--
"""


def cli_input(args, data):
    r = t.subprocess.run([os.environ["WEB_BIN"], *args], input=data.encode(),
                         capture_output=True)
    check(r.returncode == 0, "%s: %s" % (args, r.stderr.decode()))
    return r.stdout.decode()


def test_contacts_filtered_by_bounces():
    people = [("Una Bounce", "una@bounce.example"), ("Sam Bounce", "sam@bounce.example"),
              ("Nora Bounce", "nora@bounce.example")]
    ids = []
    for name, addr in people:
        ids.append(t.tldops("contact", "add", "--cctld", "de", "--name", name, "--email", addr,
                            "--phone", "+49 30 1234567", "--role", "CERT").strip())
    # A post to the list reaches them; then a hard bounce for Una, a soft one for Sam.
    t.deliver("bounce-test@sidn.example", "jan@sidn.example", "Resolver patch")
    t.tldops("outbox", "run")  # sent: reports come back for mail that went out
    cli_input(["deliver", "tld-ops-bounces@localhost", ""],
              DSN % {"to": "una@bounce.example", "action": "failed", "status": "5.1.1"})
    cli_input(["deliver", "tld-ops-bounces@localhost", ""],
              DSN % {"to": "sam@bounce.example", "action": "delayed", "status": "4.4.1"})
    try:
        def api(state, token=COM):
            return request("GET", "/api/v1/contacts?cctld=de&bounces=" + state, token=token)
        r = api("undeliverable")
        check(r.status == 200, r.text[:200])
        check([(c["email"], c["undeliverable"] is not None) for c in r.json()] ==
              [("una@bounce.example", True)], "undeliverable: %r" % r.json())
        r = api("soft")
        check([(c["email"], c["bounces"], c["undeliverable"]) for c in r.json()] ==
              [("sam@bounce.example", 1, None)], "soft: %r" % r.json())
        r = api("none", token=SEC)
        check([c["email"] for c in r.json()] == ["nora@bounce.example"], "none: %r" % r.json())
        check({c["email"] for c in request("GET", "/api/v1/contacts?bounces=undeliverable",
                                           token=COM).json()} >= {"una@bounce.example"}, "all")
        error_of(api("undeliverable", token=TOKENS["member"]), 403, "bounces")
        error_of(api("bounced"), 422, "bounces")
        error_of(request("GET", "/api/v1/contacts?cctld=zz&bounces=none", token=COM), 404)
        check(len(request("GET", "/api/v1/contacts?cctld=de", token=TOKENS["member"]).json()) == 3,
              "members still list contacts without the filter")
        # The secretariat's page: the filter, the column, a bad value named.
        cookies = t.session("secretariat")[0]
        page = request("GET", "/contacts?cctld=de&bounces=undeliverable", cookies=cookies)
        check(page.status == 200 and "una@bounce.example" in page.text and
              "sam@bounce.example" not in page.text, "the page filters")
        check('1 contact match' in page.text, "counted")
        check('<option value="undeliverable" selected>' in page.text, "the filter kept")
        check('data-label="Mail" class="bounces">undeliverable<' in page.text, "the column")
        page = request("GET", "/contacts?cctld=de&bounces=soft", cookies=cookies).text
        check("sam@bounce.example" in page and "1 bounce lately" in page, "soft on the page")
        page = request("GET", "/contacts?cctld=de&bounces=none", cookies=cookies).text
        check("nora@bounce.example" in page and "una@bounce.example" not in page, "none")
        page = request("GET", "/contacts?bounces=bounced", cookies=cookies)
        check(page.status == 422 and 'id="filter-error">bounces: ' in page.text and
              'id="bounces" name="bounces" aria-invalid="true"' in page.text, "refused, named")
        page = request("GET", "/contacts?cctld=de&bounces=soft&page=1", cookies=cookies).text
        check("bounces=soft" in page or "No contact" not in page, "pager keeps the filter")
    finally:
        for i in ids:
            t.tldops("contact", "remove", i, "--reason", "bounce filter test")



def whois(code, admin, tech, phone="+32 16 28 49 70"):
    return ("domain:       %s\norganisation: Registry of %s\n\ncontact:      administrative\n"
            "name:         Admin %s\ne-mail:       %s\nphone:        %s\n\n"
            "contact:      technical\nname:         Tech %s\ne-mail:       %s\n\n"
            "status:       ACTIVE\nsource:       IANA\n" % (code.upper(), code, code, admin, phone,
                                                          code, tech))


def iana_of(code):
    return t.tldops_json("cctld", "show", code)["iana"]


def test_iana_page_paste_and_fetch():
    cookies = t.session("secretariat")[0]
    good = whois("be", "admin@dnsbelgium-iana.example", "tech@dnsbelgium-iana.example")
    check(iana_of("be") is None, "be has no record yet")
    # Roles and CSRF.
    r = post_form("/iana/import", {"whois": good}, role="secretariat", csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    for role in ("committee", "member"):
        r = post_form("/iana/import", {"whois": good}, role=role)
        check(r.status == 403 and "Not for your role" in r.text, "%s: %d" % (role, r.status))
        check(request("GET", "/iana", cookies=t.session(role)[0]).status == 403, role + " reads")
    # Refusals: the field named, the text kept (escaped), nothing stored.
    text = refused_naming(post_form("/iana/import", {"whois": "<b>not whois</b>"},
                                    role="secretariat"), 422, "import", "whois")
    check("&lt;b&gt;not whois&lt;/b&gt;</textarea>" in text, "kept, escaped")
    check('name="whois" rows="12" required aria-invalid="true"' in text, "marked")
    refused_naming(post_form("/iana/import", {"whois": "  "}, role="secretariat"),
                   422, "import", "whois")
    bad = good + "\n" + whois("zz", "a@zz.example", "t@zz.example")
    text = refused_naming(post_form("/iana/import", {"whois": bad}, role="secretariat"),
                          404, "import", "whois")
    check("whois: domain: line" in text, "the line named: %s" % text[text.find("import-error"):][:200])
    check(iana_of("be") is None, "all or nothing: be not stored")
    refused_naming(post_form("/iana/fetch", {"codes": ""}, role="secretariat"), 422, "fetch", "codes")
    refused_naming(post_form("/iana/fetch", {"codes": "zz"}, role="secretariat"), 404, "fetch", "codes")
    refused_naming(post_form("/iana/fetch", {"codes": "at"}, role="secretariat"),
                   422, "fetch", "codes")  # the server has no answer for .at
    # Paste: recorded, confirmed, shown field by field.
    r = post_form("/iana/import", {"whois": good}, role="secretariat")
    check(r.status == 303 and r.header("location") ==
          "/iana?done=imported&records=1&changed=1#recent", "recorded: %d %s %r" % (
              r.status, r.text[:200], r.header("location")))
    check(iana_of("be")["admin"]["email"] == "admin@dnsbelgium-iana.example", "stored")
    page = request("GET", r.header("location").split("#")[0], cookies=cookies).text
    check('role="status">1 record read: 1 changed, 0 as before.' in page, "confirmed")
    check('href="/cctld/be">.be</a>' in page and "new record: admin admin@dnsbelgium-iana.example"
          in page, "the recent change")
    changed = whois("be", "admin@dnsbelgium-iana.example", "tech@dnsbelgium-iana.example",
                    phone="+32 16 28 49 71")
    r = post_form("/iana/import", {"whois": changed}, role="secretariat")
    check(r.header("location") == "/iana?done=imported&records=1&changed=1#recent", "updated")
    page = request("GET", "/iana", cookies=cookies).text
    check("admin phone: +3216284970 → +3216284971" in page or
          "admin phone: +32 16 28 49 70 → +32 16 28 49 71" in page, "the field shown: %s" %
          page[page.find('class="changes"'):][:200])
    r = post_form("/iana/import", {"whois": changed}, role="secretariat")
    check(r.header("location") == "/iana?done=imported&records=1&changed=0#recent", "unchanged")
    # Fetch from the whois server (tests/web/run's responder).
    with open(os.path.join(os.environ["WEB_DIR"], "whois", "se.txt"), "w") as f:
        f.write(whois("se", "admin@iis-iana.example", "tech@iis-iana.example"))
    r = post_form("/iana/fetch", {"codes": ".SE"}, role="secretariat")
    check(r.status == 303 and r.header("location") ==
          "/iana?done=imported&records=1&changed=1#recent", "fetched: %d %s" % (r.status, r.text[:300]))
    check(iana_of("se")["tech"]["email"] == "tech@iis-iana.example", "stored")
    acts = [(a["action"], a["object_id"], a["actor"]) for a in t.tldops_json("audit")
            if a["object_type"] == "iana" and a["object_id"] in ("be", "se")]
    check(acts == [("iana.add", "be", "kim@secretariat.example"),
                   ("iana.update", "be", "kim@secretariat.example"),
                   ("iana.add", "se", "kim@secretariat.example")], "audited: %r" % acts)
    check('href="/iana"' in request("GET", "/contacts", cookies=cookies).text, "linked")


def test_iana_api():
    rec = whois("dk", "admin@dk-iana.example", "tech@dk-iana.example")
    error_of(request("POST", "/api/v1/iana", body={"whois": rec}, token=COM), 403)
    error_of(request("POST", "/api/v1/iana", body="{", token=SEC,
                     content_type="application/json"), 400, "body")
    error_of(request("POST", "/api/v1/iana", body={}, token=SEC), 422, "whois")
    error_of(request("POST", "/api/v1/iana", body={"whois": rec, "fetch": ["dk"]}, token=SEC),
             422, "fetch")
    error_of(request("POST", "/api/v1/iana", body={"whois": 7}, token=SEC), 422, "whois")
    error_of(request("POST", "/api/v1/iana", body={"whois": "junk"}, token=SEC), 422, "whois")
    error_of(request("POST", "/api/v1/iana", body={"fetch": "dk"}, token=SEC), 422, "fetch")
    error_of(request("POST", "/api/v1/iana", body={"fetch": [1]}, token=SEC), 422, "fetch")
    error_of(request("POST", "/api/v1/iana", body={"fetch": ["zz"]}, token=SEC), 404, "fetch")
    check(iana_of("dk") is None, "nothing stored")
    r = request("POST", "/api/v1/iana", body={"whois": rec}, token=SEC)
    check(r.status == 200 and r.json() == {"records": 1, "changed": 1, "report": [
        "dk: new record (admin admin@dk-iana.example, tech tech@dk-iana.example)"]},
        "recorded: %d %s" % (r.status, r.text[:300]))
    r = request("POST", "/api/v1/iana", body={"whois": rec}, token=SEC)
    check(r.json() == {"records": 1, "changed": 0, "report": ["dk: unchanged"]}, r.text[:200])
    for code, text in (("no", whois("no", "admin@norid-iana.example", "tech@norid-iana.example")),
                       ("dk", rec)):
        with open(os.path.join(os.environ["WEB_DIR"], "whois", code + ".txt"), "w") as f:
            f.write(text)
    r = request("POST", "/api/v1/iana", body={"fetch": ["no", "dk"]}, token=SEC)
    check(r.status == 200 and r.json()["records"] == 2 and r.json()["changed"] == 1,
          "fetched: %d %s" % (r.status, r.text[:300]))
    check(iana_of("no")["admin"]["email"] == "admin@norid-iana.example", "stored")
    # fi has no answer on the server: the empty answer is refused.
    error_of(request("POST", "/api/v1/iana", body={"fetch": ["fi"]}, token=SEC), 422, "fetch")


if __name__ == "__main__":
    sys.exit(t.run_tests(globals(), "web admin"))
