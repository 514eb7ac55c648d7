#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The public join form (issue 22): /join files a join request through the
service of `tldops request join`; a malformed field is named and nothing is
stored; past that the answer is the same whatever becomes of the request;
every post counts against the client's limit.  Then the committee's
mailings: an alert's preview and confirmation, the list of alerts with their
delivery state, the repository mail's page and "send now" (pages and API).
Run by tests/web/run against the same server as test_api.py, whose helpers
it uses.
"""
import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_api as t  # noqa: E402
from test_api import check, error_of, post_form, TOKENS, refused_naming  # noqa: E402

# From a loopback address of its own (its sign-ins and one-time links too,
# through test_api.request): they do not count against the other tests'
# per-client limit on links.  The join form's own tests pick theirs.
_request = t.request


def request(*args, **kw):
    kw.setdefault("source", "127.0.0.82")
    return _request(*args, **kw)


t.request = request

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
    # Long: after test_api's 1,000-contact import the outbox may be busy.
    token = t.wait_mail("admin@afnic-iana.example", r"/authorize/([A-Za-z0-9_-]{43})", mails,
                        seconds=90)
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
    # .fr has a contact already (the seed's Marie): announce is asked (the
    # default) and the answer says nothing was announced, and why (issue 23).
    check(request("GET", "/api/v1/cctlds/fr", token=COM).json()["member"], ".fr is a member")
    r = request("POST", "/api/v1/requests/%d/approve" % q["id"], {}, token=COM)
    check(r.status == 200 and r.json()["state"] == "approved", r.text)
    check(r.json()["announced"] is False and r.json()["not_announced"] ==
          "not announced: .fr is a member already (only its first contact is announced)",
          "says it announced nothing: %s" % r.text[:300])
    # The committee's form says it the same way after its redirect.
    page = request("GET", "/committee?done=approved-member", cookies=t.session("committee")[0])
    check("Nothing was announced to the list: the ccTLD was a member already" in page.text,
          "the page's note")
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


# ---- alerts ------------------------------------------------------------------

def outbox_messages():
    return request("GET", "/api/v1/outbox", token=COM).json()["messages"]


def alerts():
    r = request("GET", "/api/v1/alerts", token=COM)
    check(r.status == 200, "alerts list: %d" % r.status)
    return r.json()


def active_contacts():
    return len(request("GET", "/api/v1/contacts", token=COM).json())


def wait_delivered(path_list, mid, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        m = [x for x in path_list() if x["id"] == mid][0]
        if m["sent"] == m["recipients"]:
            return m
        time.sleep(0.1)
    raise AssertionError("not delivered: %r" % m)


ALERT = {"subject": "Resolver <flood> wave", "tlp": "amber+strict",
         "body": "Check your resolvers.\nLine two & more.\n"}


def test_alert_is_previewed_then_confirmed_on_the_web():
    before, msgs, n = alerts(), outbox_messages(), active_contacts()
    refused_naming(post_form("/committee/alert", dict(ALERT, subject="")), 422, "alert", "subject")
    refused_naming(post_form("/committee/alert", dict(ALERT, body="")), 422, "alert", "body")
    body = refused_naming(post_form("/committee/alert", dict(ALERT, tlp="pink")), 422, "alert",
                          "tlp")
    check('value="Resolver &lt;flood&gt; wave"' in body, "what was typed kept, escaped")
    # TLP:RED goes only encrypted: without [crypto] list_key the preview says so.
    r = post_form("/committee/alert", dict(ALERT, tlp="red"))
    check(r.status == 422 and 'id="alert-error">list_key:' in r.text, "red: %d" % r.status)
    r = post_form("/committee/alert", ALERT)
    check(r.status == 200 and "<h1>Preview the alert</h1>" in r.text, "preview: %d" % r.status)
    check("Resolver &lt;flood&gt; wave" in r.text and "<flood>" not in r.text, "subject escaped")
    check("TLP:AMBER+STRICT" in r.text and "Line two &amp; more." in r.text, "TLP and text shown")
    check("<strong>%d</strong> active contact" % n in r.text, "the count (%d)" % n)
    check('action="/committee/alert/send"' in r.text and "Send it to %d contact" % n in r.text,
          "the confirm form")
    check('id="f-alert-subject"' in r.text and "Preview the alert</button>" in r.text,
          "the form to change it is on the preview")
    check(alerts() == before and outbox_messages() == msgs, "a preview sent something")
    # The confirmation: CSRF and role first.
    r = post_form("/committee/alert/send", ALERT, csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    r = post_form("/committee/alert/send", ALERT, role="member")
    check(r.status == 403 and "Not for your role" in r.text, "member: %d" % r.status)
    refused_naming(post_form("/committee/alert/send", dict(ALERT, body="")), 422, "alert", "body")
    check(alerts() == before and outbox_messages() == msgs, "a refusal sent something")
    mails = len(t.mails_to("jan@sidn.example"))
    r = post_form("/committee/alert/send", ALERT)
    check(r.status == 303 and r.header("location") == "/committee/alerts?done=sent#sent",
          "sent: %d %s" % (r.status, r.text[:200]))
    t.wait_mail("jan@sidn.example", r"(Check your resolvers\.)", mails, seconds=90)
    new = [x for x in alerts() if x["id"] not in {y["id"] for y in before}]
    check(len(new) == 1 and new[0]["subject"] == ALERT["subject"] and
          new[0]["recipients"] == n and new[0]["sent_by"] == "chris@committee.example",
          "listed: %r" % new)
    m = wait_delivered(alerts, new[0]["id"])
    check(m["failed"] == 0 and m["queued"] == 0, "delivered: %r" % m)
    page = request("GET", "/committee/alerts?done=sent", cookies=t.session("committee")[0])
    check('role="status">The alert is queued' in page.text, "the confirmation")
    check("Resolver &lt;flood&gt; wave" in page.text and 'data-label="Sent">%d<' % n in page.text,
          "the list shows it delivered: %s" % re.findall(r"<tr>.*?</tr>", page.text)[:2])
    r = request("GET", "/committee/alerts", cookies=t.session("member")[0])
    check(r.status == 403, "member: %d" % r.status)


def test_alerts_api_lists_and_previews():
    error_of(request("GET", "/api/v1/alerts", token=TOKENS["member"]), 403)
    error_of(request("GET", "/api/v1/alerts?limit=0", token=COM), 422, "limit")
    error_of(request("GET", "/api/v1/alerts?limit=x", token=COM), 422, "limit")
    listed = alerts()
    check(listed and set(listed[0]) == {"id", "subject", "created", "sent_by", "recipients",
                                        "queued", "sending", "sent", "failed"},
          "the list's fields %r" % (listed[:1],))
    check(len(request("GET", "/api/v1/alerts?limit=1", token=COM).json()) == 1, "limit")
    msgs, n = outbox_messages(), active_contacts()
    error_of(request("POST", "/api/v1/alerts", dict(ALERT, dry_run="yes"), token=COM), 422,
             "dry_run")
    error_of(request("POST", "/api/v1/alerts", dict(ALERT, dry_run=True, subject=""),
                     token=COM), 422, "subject")
    r = request("POST", "/api/v1/alerts", dict(ALERT, dry_run=True), token=COM)
    check(r.status == 200, "dry run: %d %s" % (r.status, r.text))
    check(r.json() == {"dry_run": True, "subject": ALERT["subject"], "tlp": "TLP:AMBER+STRICT",
                       "body": ALERT["body"], "recipients": n}, "the preview %r" % r.json())
    check(outbox_messages() == msgs and alerts() == listed, "a dry run sent something")


# ---- the repository mail -------------------------------------------------------

def digests():
    r = request("GET", "/api/v1/digest", token=COM)
    check(r.status == 200, "digest: %d %s" % (r.status, r.text[:200]))
    return r.json()


def test_digest_page_previews_and_sends_now_after_a_confirmation():
    cookies = t.session("committee")[0]
    n = active_contacts()
    page = request("GET", "/committee/digest", cookies=cookies)
    check(page.status == 200 and "What members receive" in page.text, "page: %d" % page.status)
    check('id="digest-text"' in page.text and "TLD-OPS" in page.text and "Next due" in page.text,
          "the text and the schedule")
    check("send it to %d contact" % n in page.text, "the count")
    check(request("GET", "/committee/digest", cookies=t.session("member")[0]).status == 403,
          "member refused")
    before, msgs = digests()["sent"], outbox_messages()
    r = post_form("/committee/digest/send", {})
    check(r.status == 422 and '<p class="error" role="alert" id="digest-error">confirm:' in r.text,
          "no confirmation: %d" % r.status)
    check('id="f-digest-confirm" name="confirm" value="1" aria-invalid="true"' in r.text,
          "the box marked")
    r = post_form("/committee/digest/send", {"confirm": "1"}, csrf=False)
    check(r.status == 403, "no CSRF: %d" % r.status)
    r = post_form("/committee/digest/send", {"confirm": "1"}, role="member")
    check(r.status == 403, "member: %d" % r.status)
    check(digests()["sent"] == before and outbox_messages() == msgs, "a refusal sent it")
    mails = len(t.mails_to("marie@afnic.example"))
    time.sleep(1.1)   # the server's first check started the schedule this second, perhaps
    r = post_form("/committee/digest/send", {"confirm": "1"})
    check(r.status == 303 and r.header("location") == "/committee/digest?done=sent",
          "sent: %d %s" % (r.status, r.text[:300]))
    t.wait_mail("marie@afnic.example", r"(TLD-OPS contact repository)", mails, seconds=90)
    d = digests()
    check(len(d["sent"]) == len(before) + 1 and d["sent"][0]["recipients"] == n,
          "listed: %r" % d["sent"][:1])
    check(d["last_sent"] is not None and d["next_due"] is not None, "scheduled: %r" % d)
    page = request("GET", "/committee/digest?done=sent", cookies=cookies)
    check('role="status">The repository mail is queued' in page.text, "the confirmation")


def test_digest_api():
    error_of(request("GET", "/api/v1/digest", token=TOKENS["member"]), 403)
    d = digests()
    check(set(d) == {"interval_days", "recipients", "last_sent", "next_due", "tlp", "text",
                     "sent"}, "fields %r" % sorted(d))
    check(d["recipients"] == active_contacts() and "Jan Jansen" in d["text"] and
          d["tlp"] == "TLP:AMBER", "the preview")
    msgs = outbox_messages()
    error_of(request("POST", "/api/v1/digest", {}, token=COM), 422, "confirm")
    error_of(request("POST", "/api/v1/digest", {"confirm": "yes"}, token=COM), 422, "confirm")
    error_of(request("POST", "/api/v1/digest", "{", token=COM, content_type="application/json"),
             400)
    error_of(request("POST", "/api/v1/digest", {"confirm": True}, token=TOKENS["member"]), 403)
    check(outbox_messages() == msgs, "a refusal queued something")
    time.sleep(1.1)   # one repository mail a second at most (the schedule's row)
    r = request("POST", "/api/v1/digest", {"confirm": True}, token=COM)
    check(r.status == 202 and r.json()["recipients"] == d["recipients"] and
          isinstance(r.json()["message_id"], int), "sent: %d %s" % (r.status, r.text))
    check(digests()["sent"][0]["id"] == r.json()["message_id"], "listed")


if __name__ == "__main__":
    sys.exit(t.run_tests(globals(), "web join"))
