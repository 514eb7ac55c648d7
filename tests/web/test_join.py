#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The public join form (issue 22): /join files a join request through the
service of `tldops request join`; a malformed field is named and nothing is
stored; past that the answer is the same whatever becomes of the request;
every post counts against the client's limit.  Run by tests/web/run against
the same server as test_api.py, whose helpers it uses.
"""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_api as t  # noqa: E402
from test_api import check, request, TOKENS, refused_naming  # noqa: E402

COM = TOKENS["committee"]


def requests_all():
    return request("GET", "/api/v1/requests", token=COM).json()


def public_form(source):
    """GET /join from source: the CSRF cookie and the form's value."""
    page = request("GET", "/join", source=source)
    check(page.status == 200, "/join: %d" % page.status)
    pre, _ = t.cookie_from(page, "tldops_csrf")
    check(pre is not None and t.csrf_in(page.text) == pre, "the form's CSRF cookie")
    return pre, page.text


def join(fields, source, csrf):
    data = dict(fields, csrf=csrf)
    return request("POST", "/join", urllib.parse.urlencode(data),
                   cookies={"tldops_csrf": csrf}, source=source)


GOOD = {"cctld": "fr", "name": "Luc Besson", "email": "luc@afnic.example",
        "phone": "+33 1 39 30 83 07", "role": "Incident handler"}


def test_join_form_is_public_and_linked_from_home():
    home = request("GET", "/")
    check(home.status == 200 and 'href="/join"' in home.text, "the home page links /join")
    pre, text = public_form("127.0.0.70")
    for f in ("cctld", "name", "email", "phone", "role", "organisation"):
        check('id="f-join-%s" name="%s"' % (f, f) in text, "field " + f)
    check('action="/join"' in text, "posts to /join")


def test_join_refuses_without_csrf_and_names_a_bad_field():
    before = requests_all()
    src = "127.0.0.71"
    pre, _ = public_form(src)
    r = request("POST", "/join", urllib.parse.urlencode(GOOD), source=src,
                cookies={"tldops_csrf": pre})
    check(r.status == 403 and "Form expired" in r.text, "no CSRF field: %d" % r.status)
    body = refused_naming(join(dict(GOOD, email="not-an-address"), src, pre), 422, "join", "email")
    check('id="f-join-email" name="email" value="not-an-address"' in body and
          'aria-invalid="true"' in body, "email kept and marked")
    check('value="Luc Besson"' in body, "what was typed is kept")
    refused_naming(join(dict(GOOD, name=""), src, pre), 422, "join", "name")
    refused_naming(join(dict(GOOD, phone="call me"), src, pre), 422, "join", "phone")
    refused_naming(join(dict(GOOD, role=" "), src, pre), 422, "join", "role")
    refused_naming(join(dict(GOOD, cctld="not a tld!"), src, pre), 422, "join", "cctld")
    body = refused_naming(join(dict(GOOD, name="<b>x</b>", email="bad"), src, pre), 422,
                          "join", "email")
    check("<b>x</b>" not in body and "&lt;b&gt;x&lt;/b&gt;" in body, "typed text escaped")
    check(requests_all() == before, "a refused form stored a request")


def test_join_files_a_request_and_the_iana_contact_gets_the_link():
    before = requests_all()
    mails = len(t.mails_to("admin@afnic-iana.example"))
    src = "127.0.0.72"
    pre, _ = public_form(src)
    r = join(GOOD, src, pre)
    check(r.status == 303 and r.header("location") == "/join?done=sent",
          "filed: %d %s" % (r.status, r.text[:300]))
    page = request("GET", "/join?done=sent", source=src)
    check('class="notice" role="status">Thank you' in page.text, "the confirmation")
    token = t.wait_mail("admin@afnic-iana.example", r"/authorize/([A-Za-z0-9_-]{43})", mails)
    new = [x for x in requests_all() if x["id"] not in {y["id"] for y in before}]
    check(len(new) == 1, "one request: %r" % new)
    q = new[0]
    check(q["kind"] == "join" and q["cctld"] == "fr" and
          q["state"] == "pending-authorisation", "the request %r" % q)
    check(q["proposed"]["email"] == "luc@afnic.example" and
          q["proposed"]["role"] == "Incident handler", "its fields %r" % q["proposed"])
    auth = request("GET", "/authorize/" + token)
    check(auth.status == 200 and "Luc Besson" in auth.text and "the public join form" in auth.text,
          "the authorisation page: %d" % auth.status)
    # The committee's way, through the API here (the browser test does it on the web).
    r = request("POST", "/api/v1/authorize/" + token, {})
    check(r.status == 200, "authorised: %s" % r.text)
    r = request("POST", "/api/v1/requests/%d/approve" % q["id"], {"announce": False}, token=COM)
    check(r.status == 200 and r.json()["state"] == "approved", r.text)
    fr = request("GET", "/api/v1/cctlds/fr", token=COM).json()
    check(any(c["email"] == "luc@afnic.example" for c in fr["contact_list"]), "the contact is there")
    rows = [(a["actor"], a["action"]) for a in t.tldops_json("audit")]
    check(("the public join form", "request.create") in rows, "audited as the join form")


def answer(fields, src, pre):
    r = join(fields, src, pre)
    heads = sorted((k, v) for k, v in r.headers if k != "date")
    follow = request("GET", r.header("location") or "/", source=src,
                     cookies={"tldops_csrf": pre})
    return r.status, heads, r.text, follow.status, follow.text


def test_join_answers_the_same_whatever_happens():
    """Filed, an unknown ccTLD, one without an IANA record, a duplicate: one answer."""
    src = "127.0.0.73"
    pre, _ = public_form(src)
    before = requests_all()
    filed = answer(dict(GOOD, email="ana@afnic.example", name="Ana Lima"), src, pre)
    dup = answer(dict(GOOD, email="ana@afnic.example", name="Ana Lima"), src, pre)
    member = answer(dict(GOOD, email="marie@afnic.example", name="Marie Curie"), src, pre)
    no_iana = answer(dict(GOOD, cctld="de", email="x@denic.example"), src, pre)
    unknown = answer(dict(GOOD, cctld="zz", email="y@zz.example"), src, pre)
    check(filed[0] == 303, "filed: %r" % (filed[:1],))
    for name, other in (("duplicate", dup), ("already a member", member),
                        ("no IANA record", no_iana), ("unknown ccTLD", unknown)):
        check(other == filed, "%s answers differently: %r vs %r" % (name, other[:2], filed[:2]))
    after = requests_all()
    new = [x["cctld"] for x in after if x["id"] not in {y["id"] for y in before}]
    check(sorted(new) == ["fr", "fr", "fr"], "filed for fr only: %r" % new)


def test_join_is_rate_limited_per_client():
    src = "127.0.0.74"
    pre, _ = public_form(src)
    bad = dict(GOOD, email="nope")
    for i in range(10):
        r = join(bad, src, pre)
        check(r.status == 422, "post %d: %d" % (i, r.status))
    r = join(GOOD, src, pre)
    check(r.status == 429 and "Too many requests" in r.text, "limited: %d" % r.status)
    check('id="join-error"' in r.text, "said on the form")
    # Another client is not.
    other = "127.0.0.75"
    pre2, _ = public_form(other)
    check(join(bad, other, pre2).status == 422, "another client is not limited")


if __name__ == "__main__":
    sys.exit(t.run_tests(globals(), "web join"))
