#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The committee's collateral on the web and in the API (issue 22): action
items and objectives (/committee/actions, /api/v1/actions, /api/v1/objectives).
Each form: a success, a refusal naming the field with nothing stored, CSRF
and role refused.  Run by tests/web/run after test_api.py, against the same
server; the helpers are test_api.py's.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_api as t  # noqa: E402
from test_api import check, error_of, request, TOKENS, post_form, refused_naming  # noqa: E402

COM = TOKENS["committee"]


def actions():
    return t.tldops_json("action", "list")


def objectives():
    return t.tldops_json("objective", "list")


def test_actions_api():
    before = actions()
    error_of(request("POST", "/api/v1/actions", body='{"title": ', token=COM,
                     content_type="application/json"), 400, "body")
    error_of(request("POST", "/api/v1/actions", body={}, token=COM), 422, "title")
    error_of(request("POST", "/api/v1/actions", body={"title": " "}, token=COM), 422, "title")
    error_of(request("POST", "/api/v1/actions", body={"title": "x", "number": "7"}, token=COM),
             422, "number")
    error_of(request("POST", "/api/v1/actions", body={"title": "x", "number": 1}, token=COM),
             409, "number")
    error_of(request("POST", "/api/v1/actions", body={"title": "x", "owner": "a\u0007"},
                     token=COM), 422, "owner")
    error_of(request("POST", "/api/v1/actions", body={"title": "x"}, token=TOKENS["member"]), 403)
    # Signed in by cookie, a change needs the X-CSRF-Token header.
    cookies, csrf = t.session("committee")
    error_of(request("POST", "/api/v1/actions", body={"title": "x"}, cookies=cookies), 403,
             "X-CSRF-Token")
    check(actions() == before, "nothing stored on the refusals")
    r = request("POST", "/api/v1/actions", body={"title": "Survey <the> members",
                                                 "owner": "Kim"}, token=COM)
    check(r.status == 201, "added: %d %s" % (r.status, r.text[:200]))
    a = r.json()
    n = a["number"]
    check(r.header("location") == "/api/v1/actions/%d" % n, "Location")
    check(a["title"] == "Survey <the> members" and a["owner"] == "Kim" and
          a["state"] == "open" and a["notes"] == [], "the item %r" % a)
    r = request("POST", "/api/v1/actions", body={"title": "By cookie"}, cookies=cookies,
                headers={"X-CSRF-Token": csrf})
    check(r.status == 201, "by cookie with the header: %d" % r.status)
    error_of(request("PATCH", "/api/v1/actions/%d" % n, body={}, token=COM), 422, "title")
    error_of(request("PATCH", "/api/v1/actions/%d" % n, body={"title": ""}, token=COM),
             422, "title")
    error_of(request("PATCH", "/api/v1/actions/999999", body={"owner": "x"}, token=COM),
             404, "number")
    error_of(request("PATCH", "/api/v1/actions/abc", body={"owner": "x"}, token=COM),
             404, "number")
    check(request("GET", "/api/v1/actions/%d" % n, token=COM).json() == a, "refusals changed it")
    r = request("PATCH", "/api/v1/actions/%d" % n, body={"owner": "Chris"}, token=COM)
    check(r.status == 200 and r.json()["owner"] == "Chris" and
          r.json()["title"] == a["title"], "owner changed: %s" % r.text[:200])
    error_of(request("POST", "/api/v1/actions/%d/notes" % n, body={}, token=COM), 422, "note")
    r = request("POST", "/api/v1/actions/%d/notes" % n, body={"note": "Asked APTLD"}, token=COM)
    check(r.status == 201 and r.json()["notes"][-1]["text"] == "Asked APTLD", r.text[:200])
    error_of(request("POST", "/api/v1/actions/%d/reopen" % n, body={}, token=COM), 422, "number")
    r = request("POST", "/api/v1/actions/%d/close" % n, body={"note": "Done"}, token=COM)
    check(r.status == 200 and r.json()["state"] == "closed" and r.json()["closed"], r.text[:200])
    error_of(request("POST", "/api/v1/actions/%d/close" % n, body={}, token=COM), 422, "number")
    check([x["number"] for x in request("GET", "/api/v1/actions?state=closed", token=COM).json()]
          == [n], "the closed list")
    check(n not in [x["number"] for x in
                    request("GET", "/api/v1/actions?state=open", token=COM).json()], "not open")
    error_of(request("GET", "/api/v1/actions?state=shut", token=COM), 422, "state")
    r = request("POST", "/api/v1/actions/%d/reopen" % n, body={}, token=COM)
    check(r.status == 200 and r.json()["state"] == "open", r.text[:200])
    check([x["text"] for x in r.json()["notes"]] == ["Asked APTLD", "Done"], "notes kept")
    rows = [x["action"] for x in t.tldops_json("audit") if x["object_type"] == "action" and
            x["object_id"] == str(n)]
    check(rows == ["action.add", "action.edit", "action.note", "action.close", "action.reopen"],
          "audited: %r" % rows)
    check(actions()[-2]["number"] == n, "the CLI lists it")


def test_objectives_api():
    before = objectives()
    error_of(request("POST", "/api/v1/objectives", body={}, token=COM), 422, "meeting")
    error_of(request("POST", "/api/v1/objectives", body={"meeting": "ICANN84"}, token=COM),
             422, "text")
    error_of(request("POST", "/api/v1/objectives", body={"meeting": "NoSuch", "text": "x"},
                     token=COM), 404, "meeting")
    error_of(request("POST", "/api/v1/objectives", body={"meeting": "ICANN84", "text": "x"},
                     token=TOKENS["member"]), 403)
    check(objectives() == before, "nothing stored")
    r = request("POST", "/api/v1/objectives", body={"meeting": "ICANN84", "text": "Three from AF"},
                token=COM)
    check(r.status == 201, "added: %d %s" % (r.status, r.text[:200]))
    o = r.json()
    check(r.header("location") == "/api/v1/objectives/%d" % o["id"], "Location")
    path = "/api/v1/objectives/%d" % o["id"]
    error_of(request("PATCH", path, body={}, token=COM), 422, "text")
    error_of(request("PATCH", path, body={"text": "Four", "state": "done"}, token=COM), 422, "state")
    error_of(request("PATCH", "/api/v1/objectives/999999", body={"state": "met"}, token=COM),
             404, "id")
    check(request("GET", path, token=COM).json() == o, "a refusal changed it")
    r = request("PATCH", path, body={"text": "Four from AF", "state": "met"}, token=COM)
    check(r.status == 200 and r.json()["text"] == "Four from AF" and r.json()["state"] == "met",
          r.text[:200])
    listed = request("GET", "/api/v1/objectives?meeting=ICANN84", token=COM).json()
    check(any(x["id"] == o["id"] and x["state"] == "met" for x in listed), "listed")


def test_action_forms():
    before = actions()
    # No CSRF, a wrong one, a member, the public: refused, nothing stored.
    r = post_form("/committee/actions", {"title": "No CSRF"}, csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    r = post_form("/committee/actions", {"title": "No CSRF"}, csrf="0" * 64)
    check(r.status == 403 and "Form expired" in r.text, "wrong CSRF: %d" % r.status)
    r = post_form("/committee/actions", {"title": "Member"}, role="member")
    check(r.status == 403 and "Not for your role" in r.text, "member: %d" % r.status)
    r = request("POST", "/committee/actions", "title=x")
    check(r.status == 303 and r.header("location") == "/login", "public: %d" % r.status)
    # Bad values: the page again, the field named and marked, the text kept.
    text = refused_naming(post_form("/committee/actions", {"title": "", "owner": "<i>Kim</i>"}),
                          422, "action", "title")
    check('value="&lt;i&gt;Kim&lt;/i&gt;"' in text and "<i>Kim" not in text, "kept, escaped")
    check('id="f-action-title" name="title" value="" required maxlength="200" '
          'aria-invalid="true"' in text, "title marked")
    refused_naming(post_form("/committee/actions", {"title": "x", "number": "ninety"}),
                   422, "action", "number")
    refused_naming(post_form("/committee/actions", {"title": "x", "number": "1"}),
                   409, "action", "number")
    refused_naming(post_form("/committee/objectives", {"meeting": "NoSuch", "text": "x"}),
                   404, "objective", "meeting")
    check(actions() == before, "a refused form stored something")
    # Add, then each change on the item's page.
    r = post_form("/committee/actions", {"title": "Write the <b>FAQ</b>", "owner": "Kim"})
    check(r.status == 303, "added: %d %s" % (r.status, r.text[:300]))
    m = re.fullmatch(r"/committee/actions/(\d+)\?done=added", r.header("location") or "")
    check(m, "redirect to the item: %r" % r.header("location"))
    n = m.group(1)
    base = "/committee/actions/" + n
    page = request("GET", r.header("location"), cookies=t.session("committee")[0]).text
    check('role="status">The action item was added.' in page, "a confirmation")
    check("Write the &lt;b&gt;FAQ&lt;/b&gt;" in page and "<b>FAQ" not in page, "escaped")
    item = actions()[-1]
    refused_naming(post_form(base, {"title": " ", "owner": "Kim"}), 422, "edit", "title")
    refused_naming(post_form(base + "/notes", {"note": ""}), 422, "note", "note")
    refused_naming(post_form(base + "/reopen", {}), 422, "reopen", "number")
    refused_naming(post_form(base + "/close", {"note": "x" * 1001}), 422, "close", "note")
    check(actions()[-1] == item, "a refused change stored something")
    for path in ("/committee/actions/999999", "/committee/actions/abc/close"):
        r = post_form(path, {"title": "x"})
        check(r.status == 404 and "Not found" in r.text, "%s: %d" % (path, r.status))
    steps = [(base, {"title": "Write the FAQ", "owner": ""}, "saved"),
             (base + "/notes", {"note": "First draft <sent>"}, "noted"),
             (base + "/close", {"note": "Published"}, "closed"),
             (base + "/reopen", {}, "reopened")]
    for path, fields, done in steps:
        r = post_form(path, fields)
        check(r.status == 303 and r.header("location") == "%s?done=%s" % (base, done),
              "%s: %d %s" % (path, r.status, r.text[:300]))
    item = actions()[-1]
    check(item["title"] == "Write the FAQ" and item["owner"] == "" and item["state"] == "open",
          "changed %r" % item)
    check([x["text"] for x in item["notes"]] == ["First draft <sent>", "Published"], "notes")
    check(all(x["author"] == "chris@committee.example" for x in item["notes"]), "by the web user")
    page = request("GET", base + "?done=reopened", cookies=t.session("committee")[0]).text
    check("First draft &lt;sent&gt;" in page and 'action="%s/close"' % base in page,
          "the page shows the notes and the close form")
    listing = request("GET", "/committee/actions?state=open", cookies=t.session("committee")[0])
    check(listing.status == 200 and 'href="%s"' % base in listing.text, "listed as open")


def test_objective_forms():
    before = objectives()
    r = post_form("/committee/objectives", {"meeting": "ICANN84", "text": "x"}, csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    refused_naming(post_form("/committee/objectives", {"meeting": "ICANN84", "text": ""}),
                   422, "objective", "text")
    check(objectives() == before, "nothing stored")
    r = post_form("/committee/objectives", {"meeting": "ICANN84", "text": "A <new> member"})
    check(r.status == 303 and r.header("location") == "/committee/actions?done=objective#objectives",
          "added: %d %s" % (r.status, r.text[:200]))
    o = objectives()[-1]
    base = "/committee/objectives/%d" % o["id"]
    refused_naming(post_form(base + "/state", {"state": "done"}), 422, "state", "state")
    refused_naming(post_form(base, {"text": ""}), 422, "edit", "text")
    check(objectives()[-1] == o, "a refused change stored something")
    r = post_form(base + "/state", {"state": "missed"})
    check(r.status == 303 and r.header("location") == base + "?done=state", "state: %d" % r.status)
    r = post_form(base, {"text": "Two <new> members"})
    check(r.status == 303 and r.header("location") == base + "?done=saved", "text: %d" % r.status)
    o = objectives()[-1]
    check(o["state"] == "missed" and o["text"] == "Two <new> members", "changed %r" % o)
    page = request("GET", base, cookies=t.session("committee")[0]).text
    check("Two &lt;new&gt; members" in page and '<option value="missed" selected>' in page, "page")
    r = request("GET", base, cookies=t.session("member")[0])
    check(r.status == 403, "member: %d" % r.status)


if __name__ == "__main__":
    sys.exit(t.run_tests(globals(), "web collateral"))
