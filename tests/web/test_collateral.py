#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The committee's collateral on the web and in the API (issue 22): action
items and objectives (/committee/actions, /api/v1/actions, /api/v1/objectives).
Each form: a success, a refusal naming the field with nothing stored, CSRF
and role refused.  Run by tests/web/run after test_api.py, against the same
server; the helpers are test_api.py's.
"""
import html
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
    # Measured objectives (issue 24, 4): bad targets named, nothing stored.
    error_of(request("POST", "/api/v1/objectives", body={"meeting": "ICANN84", "text": "x",
             "target_members": "three"}, token=COM), 422, "target_members")
    error_of(request("POST", "/api/v1/objectives", body={"meeting": "ICANN84", "text": "x",
             "target_members": "+3", "target_contacts": "9"}, token=COM), 422, "target_contacts")
    error_of(request("POST", "/api/v1/objectives", body={"meeting": "ICANN84", "text": "x",
             "target_milestone": "999:1"}, token=COM), 404, "target_milestone")
    check(objectives() == before, "nothing stored")
    r = request("POST", "/api/v1/objectives", body={"meeting": "ICANN84", "text": "+3 ccTLDs",
                "target_members": "+3"}, token=COM)
    check(r.status == 201 and r.json()["target"] == "members +3", "measured: %s" % r.text[:200])
    error_of(request("PATCH", "/api/v1/objectives/%d" % r.json()["id"], body={"state": "met"},
             token=COM), 422, "state")
    before = objectives()
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
    rows = [a["action"] for a in t.tldops_json("audit") if a["object_type"] == "objective"
            and a["object_id"] == str(o["id"])]
    check(rows == ["objective.add", "objective.edit"], "one change, one row: %r" % rows)
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


def test_measured_objective_form():
    """The form's measure (issue 24, 4): objectives_add_target() as the API."""
    before = objectives()
    add = {"meeting": "ICANN84", "text": "Three more members"}
    r = post_form("/committee/objectives", dict(add, measure="members", target="+3"), csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    for fields, status, field, says in [
            ({"measure": "members", "target": "three"}, 422, "target", '"three" is not +N'),
            ({"measure": "contacts", "target": "+0"}, 422, "target", "+0 is no target"),
            ({"measure": "members", "target": ""}, 422, "target", '"" is not +N'),
            ({"measure": "milestone", "target": "3"}, 422, "target", "is not INITIATIVE:MILESTONE"),
            ({"measure": "milestone", "target": "999:1"}, 404, "target", "no initiative 999"),
            ({"measure": "milestone", "target": "1:99"}, 404, "target", "has no milestone 99"),
            ({"measure": "", "target": "+3"}, 422, "measure", "choose what the target measures"),
            ({"measure": "ccTLDs", "target": "+3"}, 422, "measure", "is not members"),
            ({"measure": "members", "target": "+3", "text": ""}, 422, "text", "")]:
        text = refused_naming(post_form("/committee/objectives", dict(add, **fields)),
                              status, "objective", field)
        check(html.escape(says) in text, "%r: says %r" % (fields, says))
        check(re.search(r'name="%s"[^>]*aria-invalid="true"' % field, text) and
              text.count('aria-invalid="true"') == 1, "%r: %s marked" % (fields, field))
        if fields.get("measure") in ("members", "contacts", "milestone"):
            check('<option value="%s" selected>' % fields["measure"] in text, "measure kept")
    check(objectives() == before, "a refused target stored something")
    r = post_form("/committee/objectives", dict(add, measure="members", target="+3"))
    check(r.status == 303 and r.header("location") ==
          "/committee/actions?done=objective#objectives", "added: %d %s" % (r.status, r.text[:300]))
    o = objectives()[-1]
    check(o["text"] == "Three more members" and o["target"] == "members +3" and
          o["state"] == "open", "stored %r" % o)
    r = post_form("/committee/objectives", {"meeting": "ICANN84", "text": "Free text",
                                            "measure": "", "target": ""})
    check(r.status == 303 and objectives()[-1]["target"] is None, "no measure: free text")
    cookies = t.session("committee")[0]
    listing = request("GET", "/committee/actions", cookies=cookies).text
    row = listing.split('href="/committee/objectives/%d"' % o["id"])[1].split("</tr>")[0]
    check('data-label="Target">members +3</td>' in row, "listed with its target: %r" % row)
    base = "/committee/objectives/%d" % o["id"]
    page = request("GET", base, cookies=cookies).text
    check('id="current-target">members +3<' in page, "the page shows the target")
    check('action="%s/state"' % base not in page and 'id="measured"' in page,
          "no state form for a measured objective")
    # A state posted anyway: the service's refusal, shown, nothing changed.
    refused_naming(post_form(base + "/state", {"state": "met"}), 422, "state", "state")
    check(objectives()[-1]["state"] == "open", "the state was not set by hand")
    r = post_form(base, {"text": "Three more members by ICANN85"})
    check(r.status == 303, "its text still changes: %d" % r.status)


def test_measured_objective_standing():
    """How a measured objective stands: as the pack of the next meeting says."""
    cookies = t.session("committee")[0]
    # Two meetings of their own, far off (no other test's day): A then B.
    a, b = t.day_from_now(700), t.day_from_now(701)
    t.tldops("meeting", "add", "Measure-A", "--date", a)
    ids = {}
    for text, measure, target in [("More members", "members", "+3"),
                                  ("At least one member", "members", "1"),
                                  ("Many contacts", "contacts", "100000")]:
        r = post_form("/committee/objectives", {"meeting": "Measure-A", "text": text,
                                                "measure": measure, "target": target})
        check(r.status == 303, "%s: %d %s" % (text, r.status, r.text[:300]))
        ids[text] = objectives()[-1]["id"]
    page = request("GET", "/committee/objectives/%d" % ids["More members"], cookies=cookies).text
    check("not evaluated yet: the pack of the meeting after Measure-A evaluates it "
          "(none is planned)" in page, "no next meeting yet")
    t.tldops("meeting", "add", "Measure-B", "--date", b)
    stats = t.tldops_json("stats")
    members, contacts = stats["cctlds"]["members"], stats["contacts"]
    want = {"More members": "not yet: members %d \u2192 %d, target +3 (by Measure-B, %s)"
            % (members, members, b),
            "At least one member": "met so far: members %d \u2192 %d, target 1 (by Measure-B, %s)"
            % (members, members, b),
            "Many contacts": "not yet: contacts %d \u2192 %d, target 100000 (by Measure-B, %s)"
            % (contacts, contacts, b)}
    listing = request("GET", "/committee/actions", cookies=cookies).text
    for text, i in ids.items():
        row = listing.split('href="/committee/objectives/%d"' % i)[1].split("</tr>")[0]
        check('data-label="State">%s</td>' % html.escape(want[text]) in row,
              "%s listed as %r: %r" % (text, want[text], row))
        page = request("GET", "/committee/objectives/%d" % i, cookies=cookies).text
        check('id="current-state">%s<' % html.escape(want[text]) in page,
              "%s: the page says %r" % (text, want[text]))
        check('href="/committee/pack/Measure-B">the pack for Measure-B</a>' in page,
              "%s: links the pack that evaluates it" % text)
    # The pack of Measure-B says the same (its verdict at the meeting's day).
    r = request("GET", "/committee/pack/Measure-B", cookies=cookies)
    check(r.status == 200 and "members %d \u2192 %d, target +3: missed" % (members, members)
          in r.text, "the pack's figure")


# ---- outreach -----------------------------------------------------------------

def outreach_of(code):
    return t.tldops_json("outreach", "show", code)


def test_outreach_api_filters_and_pages():
    r = request("GET", "/api/v1/outreach", token=COM)
    check(r.status == 200, r.text[:200])
    o = r.json()
    check(set(o) == {"entries", "total", "page", "limit"}, "shape %r" % list(o))
    check(o["total"] > 100 and len(o["entries"]) == 50 and o["page"] == 1 and o["limit"] == 50,
          "a first page of 50 of %d" % o["total"])
    every = request("GET", "/api/v1/outreach?limit=500", token=COM).json()["entries"]
    check(len(every) == o["total"], "limit=500 gives all")
    p2 = request("GET", "/api/v1/outreach?page=2", token=COM).json()["entries"]
    check([e["code"] for e in p2] == [e["code"] for e in every[50:100]], "page 2 follows page 1")
    eu = request("GET", "/api/v1/outreach?region=EU&limit=500", token=COM).json()
    check(eu["total"] > 0 and all(e["region"] == "EU" for e in eu["entries"]), "by region")
    de = request("GET", "/api/v1/outreach?state=contacted&owner=chris", token=COM).json()
    check("de" in [e["code"] for e in de["entries"]] and
          all(e["state"] == "contacted" and e["owner"].lower() == "chris" for e in de["entries"]),
          "by state and owner %r" % de)
    for q, field in (("region=XX", "region"), ("state=asleep", "state"), ("page=0", "page"),
                     ("limit=501", "limit"), ("limit=0", "limit")):
        error_of(request("GET", "/api/v1/outreach?" + q, token=COM), 422, field)
    error_of(request("GET", "/api/v1/outreach", token=TOKENS["member"]), 403)


def test_outreach_api_changes():
    before = outreach_of("ke")
    error_of(request("PATCH", "/api/v1/outreach/ke", body={"state": "asleep", "note": "x"},
                     token=COM), 422, "state")
    error_of(request("PATCH", "/api/v1/outreach/ke", body={"owner": "a\u0001"}, token=COM),
             422, "owner")
    error_of(request("PATCH", "/api/v1/outreach/ke", body={"note": 5}, token=COM), 422, "note")
    error_of(request("PATCH", "/api/v1/outreach/ke", body={}, token=COM), 422)
    error_of(request("PATCH", "/api/v1/outreach/nl", body={"state": "contacted"}, token=COM),
             422, "state")
    error_of(request("PATCH", "/api/v1/outreach/zz", body={"owner": "Kim"}, token=COM), 404, "cctld")
    error_of(request("PATCH", "/api/v1/outreach/ke", body={"owner": "Kim"},
                     token=TOKENS["member"]), 403)
    check(outreach_of("ke") == before, "nothing stored on the refusals")
    r = request("PATCH", "/api/v1/outreach/KE", body={"owner": "Kim", "state": "interested",
                                                    "note": "Met at <ICANN85>"}, token=COM)
    check(r.status == 200, r.text[:200])
    e = r.json()
    check(e["owner"] == "Kim" and e["state"] == "interested" and
          e["note_list"][-1]["text"] == "Met at <ICANN85>", "changed %r" % e)
    check(request("GET", "/api/v1/outreach/ke", token=COM).json() == e, "GET shows the same")
    check(outreach_of("ke")["state"] == "interested", "the CLI sees it")


def test_outreach_pages():
    cookies = t.session("committee")[0]
    r = request("GET", "/committee/outreach", cookies=cookies)
    check(r.status == 200 and 'id="count">' in r.text, "the page")
    check(r.text.count('<tr><th scope="row"><a href="/committee/outreach/') == 50, "50 a page")
    check('rel="next" href="/committee/outreach?region=&state=&owner=&page=2"'
          in r.text, "a next page")
    r = request("GET", "/committee/outreach?region=XX", cookies=cookies)
    check(r.status == 422 and 'id="filter-error">region: ' in r.text, "bad region named")
    check('id="region" name="region" aria-invalid="true"' in r.text, "marked")
    r = request("GET", "/committee/outreach?state=contacted&owner=Chris", cookies=cookies)
    check('href="/committee/outreach/de">.de</a>' in r.text and
          "Mailed the &lt;CISO&gt;" in r.text, "filtered, escaped")
    # The form: CSRF, role, a bad value first, then a good one.
    before = outreach_of("ky")
    r = post_form("/committee/outreach/ky", {"owner": "Kim", "state": "interested"}, csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    r = post_form("/committee/outreach/ky", {"owner": "Kim", "state": "interested"}, role="member")
    check(r.status == 403 and "Not for your role" in r.text, "member: %d" % r.status)
    text = refused_naming(post_form("/committee/outreach/ky", {"owner": "<b>Kim</b>",
                                                              "state": "asleep", "note": ""}),
                          422, "outreach", "state")
    check('value="&lt;b&gt;Kim&lt;/b&gt;"' in text and "<b>Kim" not in text, "kept, escaped")
    refused_naming(post_form("/committee/outreach/nl", {"owner": "", "state": "declined"}),
                   422, "outreach", "state")
    r = post_form("/committee/outreach/zz", {"owner": "Kim", "state": "none"})
    check(r.status == 404, "unknown ccTLD: %d" % r.status)
    check(outreach_of("ky") == before, "a refused form stored something")
    r = post_form("/committee/outreach/ky", {"owner": "Kim", "state": "contacted",
                                            "note": "Called the <CEO>"})
    check(r.status == 303 and r.header("location") == "/committee/outreach/ky?done=saved",
          "saved: %d %s" % (r.status, r.text[:300]))
    e = outreach_of("ky")
    check(e["owner"] == "Kim" and e["state"] == "contacted" and
          e["note_list"][-1]["author"] == "chris@committee.example", "stored %r" % e)
    page = request("GET", "/committee/outreach/ky?done=saved", cookies=cookies).text
    check('role="status">The outreach was saved.' in page and "Called the &lt;CEO&gt;" in page,
          "confirmation and the note")


# ---- documents ----------------------------------------------------------------

def multipart(fields, file=None):
    """A multipart/form-data body: fields a dict, file (name, bytes) or None."""
    boundary = "tldops-test-boundary-7d1f"
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                % (boundary, k, v)).encode()
    if file is not None:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (boundary, file[0])).encode()
        out += file[1] + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary


def docs_all():
    return t.tldops_json("doc", "list", "--all")


def upload(fields, file, token=COM, cookies=None, headers=None, path="/api/v1/docs"):
    body, ct = multipart(fields, file)
    return request("POST", path, body, token=token, cookies=cookies, headers=headers,
                   content_type=ct)


RUNBOOK = {"slug": "runbook", "title": "Incident <runbook>", "lang": "en",
           "visibility": "members"}


def test_documents_api_upload_and_remove():
    before = docs_all()
    md = ("# Runbook\n\nCall the registry first.\n").encode()
    error_of(upload(RUNBOOK, None), 422, "file")
    error_of(upload(dict(RUNBOOK, slug="Not a slug"), ("r.md", md)), 422, "slug")
    error_of(upload(dict(RUNBOOK, lang="english"), ("r.md", md)), 422, "lang")
    error_of(upload(dict(RUNBOOK, visibility="friends"), ("r.md", md)), 422, "visibility")
    error_of(upload(dict(RUNBOOK, title=""), ("r.md", md)), 422, "title")
    error_of(upload(RUNBOOK, ("r.pdf", md)), 422, "file")
    error_of(upload(RUNBOOK, ("r.md", md), token=TOKENS["member"]), 403)
    cookies = t.session("committee")[0]
    error_of(upload(RUNBOOK, ("r.md", md), token=None, cookies=cookies), 403, "X-CSRF-Token")
    r = request("POST", "/api/v1/docs", body=RUNBOOK, token=COM)
    check(r.status == 415, "JSON is not an upload: %d" % r.status)
    check(docs_all() == before, "nothing stored on the refusals")
    r = upload(RUNBOOK, ("runbook.md", md))
    check(r.status == 201, "uploaded: %d %s" % (r.status, r.text[:300]))
    d = r.json()
    check(d["slug"] == "runbook" and d["lang"] == "en" and d["version"] == "1" and
          d["visibility"] == "members" and d["size"] == len(md) and d["filename"] == "runbook.md",
          "the version %r" % d)
    check(r.header("location") == "/docs/runbook?lang=en&version=1", r.header("location"))
    got = request("GET", "/docs/runbook", token=None, cookies=t.session("member")[0])
    check(got.status == 200 and got.body == md, "a member downloads it: %d" % got.status)
    check(request("GET", "/docs/runbook").status == 404, "not for the public")
    # A second version, and a French one, by cookie with the header.
    md2 = md + b"\nThen the CERT.\n"
    r = upload(dict(RUNBOOK, version="2.0"), ("runbook.md", md2), token=None, cookies=cookies,
               headers={"X-CSRF-Token": t.session("committee")[1]})
    check(r.status == 201 and r.json()["version"] == "2.0", r.text[:200])
    fr = "# Procédure\n\nAppeler le registre.\n".encode()
    r = upload(dict(RUNBOOK, lang="fr", title="Procédure d'incident"), ("procedure.md", fr))
    check(r.status == 201 and r.json()["lang"] == "fr", r.text[:200])
    got = request("GET", "/docs/runbook?lang=fr", cookies=t.session("member")[0])
    check(got.body == fr, "the French version")
    check(request("GET", "/docs/runbook", cookies=t.session("member")[0]).body == md2,
          "the new version is the current one")
    # Remove the French one with a reason.
    error_of(request("DELETE", "/api/v1/docs/runbook", body={"lang": "fr"}, token=COM),
             422, "reason")
    error_of(request("DELETE", "/api/v1/docs/nosuch", body={"reason": "x"}, token=COM),
             404, "slug")
    r = request("DELETE", "/api/v1/docs/runbook", body={"lang": "fr", "reason": "outdated"},
                token=COM)
    check(r.status == 200 and r.json() == {"slug": "runbook", "lang": "fr", "removed": 1},
          r.text[:200])
    langs = {(x["slug"], x["lang"]) for x in request("GET", "/api/v1/docs", token=COM).json()}
    check(("runbook", "en") in langs and ("runbook", "fr") not in langs, "fr gone %r" % langs)
    rows = [a["action"] for a in t.tldops_json("audit") if a["object_type"] == "document"
            and a["object_id"].startswith("runbook")]
    check(rows[-4:] == ["document.add", "document.add", "document.add", "document.remove"],
          "audited %r" % rows)


def test_documents_upload_limit():
    """A body over [docs] max_size_mib is refused at once from its Content-Length."""
    import socket
    s = socket.create_connection((t.HOST, t.PORT), timeout=10)
    s.sendall(("POST /api/v1/docs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
               "Content-Type: multipart/form-data; boundary=b\r\n"
               "Content-Length: %d\r\n\r\n" % (COM, 21 * 1024 * 1024)).encode())
    head = s.recv(4096).decode("latin-1")
    s.close()
    check(head.startswith("HTTP/1.1 413"), "413 at once: %r" % head[:80])
    check("max_size_mib" in head, "says which limit")


def test_documents_pages():
    before = docs_all()
    cookies, csrf = t.session("committee")
    page = request("GET", "/committee/docs", cookies=cookies)
    check(page.status == 200 and 'enctype="multipart/form-data"' in page.text and
          'type="file"' in page.text, "the upload form")
    check("Incident &lt;runbook&gt;" in page.text, "escaped titles")
    kit = dict(RUNBOOK, slug="web-kit", lang="en", visibility="committee", title="Web kit")
    text = "# Kit\n\nSlides.\n".encode()
    # CSRF, role, a bad value first.
    r = upload(dict(kit), ("kit.md", text), token=None, cookies=cookies, path="/committee/docs")
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    r = upload(dict(kit, csrf=t.session("member")[1]), ("kit.md", text), token=None,
               cookies=t.session("member")[0], path="/committee/docs")
    check(r.status == 403 and "Not for your role" in r.text, "member: %d" % r.status)
    refused_naming(upload(dict(kit, csrf=csrf, lang="english"), ("kit.md", text), token=None,
                          cookies=cookies, path="/committee/docs"), 422, "upload", "lang")
    body = refused_naming(upload(dict(kit, csrf=csrf, title="<b>Kit</b>"), None, token=None,
                                 cookies=cookies, path="/committee/docs"), 422, "upload", "file")
    check('value="&lt;b&gt;Kit&lt;/b&gt;"' in body, "typed title kept, escaped")
    check(docs_all() == before, "a refused upload stored something")
    r = upload(dict(kit, csrf=csrf), ("kit.md", text), token=None, cookies=cookies,
               path="/committee/docs")
    check(r.status == 303 and r.header("location") == "/committee/docs?done=added",
          "uploaded: %d %s" % (r.status, r.text[:300]))
    page = request("GET", "/committee/docs?done=added", cookies=cookies).text
    check('role="status">The version was added.' in page and "Web kit" in page, "confirmed")
    # Remove: a reason is required.
    refused_naming(post_form("/committee/docs/web-kit/remove", {"lang": "en", "reason": ""}),
                   422, "remove-web-kit-en", "reason")
    r = post_form("/committee/docs/nosuch/remove", {"lang": "en", "reason": "x"})
    check(r.status == 404, "unknown document: %d" % r.status)
    r = post_form("/committee/docs/web-kit/remove", {"lang": "en", "reason": "a test"})
    check(r.status == 303 and r.header("location") == "/committee/docs?done=removed",
          "removed: %d %s" % (r.status, r.text[:300]))
    gone = [x for x in docs_all() if x["slug"] == "web-kit"]
    check(gone and all(x.get("removed") for x in gone), "removed, kept %r" % gone)
    page = request("GET", "/committee/docs", cookies=cookies).text
    check("removed" in page and "a test" in page, "the page shows the removal")


if __name__ == "__main__":
    sys.exit(t.run_tests(globals(), "web collateral"))
