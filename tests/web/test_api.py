#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""API and page tests of `tldops serve` over real HTTP on loopback.

Run by tests/web/run, which seeds the repository and starts the server;
reads WEB_BASE, WEB_DIR and the TOKEN_* variables.  Each test_* function
is independent of the others' order except where noted; the route walk
(test_route_walk) is the leak test: it calls every route as the public,
a member, the committee and the secretariat and checks what each may read
and do.
"""
import email
import email.policy
import glob
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

BASE = os.environ["WEB_BASE"]
DIR = os.environ["WEB_DIR"]
HOST, PORT = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port
TOKENS = {
    "member": os.environ["TOKEN_MEMBER"],
    "committee": os.environ["TOKEN_COMMITTEE"],
    "secretariat": os.environ["TOKEN_SECRETARIAT"],
}
JOIN_ID = int(os.environ["JOIN_ID"])
EMAILS = {"member": "jan@sidn.example", "committee": "chris@committee.example",
          "secretariat": "kim@secretariat.example"}
ROLES = ["public", "member", "committee", "secretariat"]
RANK = {r: i for i, r in enumerate(ROLES)}

# Contact data that must never reach the public: contacts and IANA contacts.
SECRET_DATA = [
    "jan@sidn.example", "Jan Jansen", "+31263525500", "marie@afnic.example",
    "Marie Curie", "ivan@cctld.example", "Ivan Petrov", "admin@sidn-iana.example",
    "tech@sidn-iana.example", "Alice Admin", "Tom Tech", "paul@afnic.example",
    "Paul Durand", "admin@afnic-iana.example",
]

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name lower, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def request(method, path, body=None, headers=None, token=None, cookies=None,
            content_type=None, port=None, source=None):
    """source: the client address (any 127.0.0.0/8 address reaches the server)."""
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if cookies:
        h["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    if body is not None:
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            content_type = content_type or "application/json"
        elif isinstance(body, str):
            body = body.encode()
        h["Content-Type"] = content_type or "application/x-www-form-urlencoded"
    conn = http.client.HTTPConnection(HOST, port or PORT, timeout=20,
                                      source_address=(source, 0) if source else None)
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    hdrs = [(k.lower(), v) for k, v in r.getheaders()]
    conn.close()
    resp = Resp(r.status, hdrs, data)
    for name, value in SECURITY_HEADERS.items():
        assert resp.header(name) == value, (method, path, name, resp.header(name))
    csp = resp.header("content-security-policy") or ""
    assert "frame-ancestors 'none'" in csp, (method, path, csp)
    return resp


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def error_of(resp, status, field=None):
    check(resp.status == status, "expected %d, got %d: %s" % (status, resp.status, resp.text[:300]))
    e = resp.json()["error"]
    check(set(e) == {"code", "message", "field"}, "error shape %r" % e)
    check(isinstance(e["message"], str) and e["message"], "error message")
    if field is not None:
        check(e["field"] == field, "error field %r, wanted %r" % (e["field"], field))
    return e


# ---- mail and sessions ----------------------------------------------------

def mails_to(addr):
    out = []
    for path in sorted(glob.glob(os.path.join(DIR, "mail", "new", "*")), key=os.path.getmtime):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        if msg["Delivered-To"] == addr:
            out.append(msg.get_body(("plain",)).get_content())
    return out


def wait_mail(addr, pattern, before=0, seconds=15):
    """The first match of pattern in a mail to addr newer than the first `before` mails."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        bodies = mails_to(addr)
        for b in bodies[before:]:
            m = re.search(pattern, b)
            if m:
                return m.group(1)
        time.sleep(0.1)
    raise AssertionError("no mail to %s matching %s" % (addr, pattern))


def cookie_from(resp, name):
    for v in resp.headers_all("set-cookie"):
        if v.startswith(name + "="):
            return v.split(";")[0].split("=", 1)[1], v
    return None, None


def csrf_in(html):
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    check(m, "no CSRF field in the page")
    return m.group(1)


def link_csrf(pre, token):
    """The CSRF value of a one-time link's form: BLAKE2b-256 of the cookie and the token."""
    return hashlib.blake2b(("csrf-link:%s:%s" % (pre, token)).encode(), digest_size=32).hexdigest()


# The one-time links of each test script come from an address of its own:
# the server allows 60 a minute per client address, and the scripts of one
# run sign in again and again within a minute.
LINK_SOURCE = "127.0.1.%d" % (20 + sum(os.path.basename(sys.argv[0]).encode()) % 200)


def login_session(who_email):
    """Sign in through a one-time link as a browser would: GET then POST."""
    import subprocess
    url = subprocess.run([os.environ["WEB_BIN"], "login-link", "--email", who_email],
                         check=True, capture_output=True, text=True).stdout.strip()
    path = urllib.parse.urlsplit(url).path
    r = request("GET", path, source=LINK_SOURCE)
    check(r.status == 200, "login link page %d" % r.status)
    pre, _ = cookie_from(r, "tldops_csrf")
    csrf = csrf_in(r.text)
    # On a one-time link's page the form value is bound to the link's token,
    # so the cookie alone (which a sibling site could plant) is refused.
    check(csrf == link_csrf(pre, path.rsplit("/", 1)[1]) and csrf != pre,
          "the form value is H(cookie, token)")
    r = request("POST", path, "csrf=" + pre, cookies={"tldops_csrf": pre}, source=LINK_SOURCE)
    check(r.status == 403, "the cookie's own value signs in: %d" % r.status)
    r = request("POST", path, "csrf=" + csrf, cookies={"tldops_csrf": pre}, source=LINK_SOURCE)
    check(r.status == 303, "sign in %d %s" % (r.status, r.text[:200]))
    sid, raw = cookie_from(r, "tldops_session")
    check(sid and len(sid) == 43, "session cookie")
    check("HttpOnly" in raw and "SameSite=Strict" in raw and "Path=/" in raw, raw)
    check("Secure" not in raw, "no Secure on http")
    cookies = {"tldops_session": sid}
    page = request("GET", "/me", cookies=cookies)
    check(page.status == 200, "signed in /me %d" % page.status)
    return cookies, csrf_in(page.text)


SESSIONS = {}


def session(role):
    if role not in SESSIONS:
        SESSIONS[role] = login_session(EMAILS[role])
    return SESSIONS[role]


# ---- the route walk: who may read and do what -------------------------------

# Every route with the least role that may call it.  The server's own list
# (GET /api/v1) must be exactly this, so a new route cannot skip the walk.
ROUTES = [
    ("GET", "/healthz", "public"), ("GET", "/metrics", "public"),
    ("GET", "/static/style.css", "public"),
    ("GET", "/", "public"), ("GET", "/login", "public"), ("POST", "/login", "public"),
    ("GET", "/login/{token}", "public"), ("POST", "/login/{token}", "public"),
    ("POST", "/logout", "member"), ("GET", "/join", "public"), ("POST", "/join", "public"),
    ("GET", "/search", "member"),
    ("GET", "/cctld/{code}", "member"), ("GET", "/me", "member"), ("POST", "/me", "member"),
    ("POST", "/me/key", "member"),
    ("GET", "/committee", "committee"),
    ("POST", "/committee/requests/{id}/approve", "committee"),
    ("POST", "/committee/requests/{id}/reject", "committee"),
    ("POST", "/committee/alert", "committee"), ("POST", "/committee/alert/send", "committee"),
    ("GET", "/committee/alerts", "committee"), ("GET", "/committee/digest", "committee"),
    ("POST", "/committee/digest/send", "committee"),
    ("GET", "/committee/held", "committee"),
    ("POST", "/committee/held/{id}/approve", "committee"),
    ("POST", "/committee/held/{id}/reject", "committee"),
    ("GET", "/committee/stats", "committee"), ("GET", "/committee/outreach", "committee"),
    ("GET", "/committee/actions", "committee"), ("GET", "/committee/meetings", "committee"),
    ("GET", "/committee/pack/{meeting}", "committee"),
    ("GET", "/committee/docs", "committee"), ("POST", "/committee/docs", "committee"),
    ("POST", "/committee/docs/{slug}/remove", "committee"),
    ("POST", "/api/v1/docs", "committee"), ("DELETE", "/api/v1/docs/{slug}", "committee"),
    ("GET", "/committee/outreach/{code}", "committee"),
    ("POST", "/committee/outreach/{code}", "committee"),
    ("GET", "/api/v1/outreach", "committee"), ("GET", "/api/v1/outreach/{code}", "committee"),
    ("PATCH", "/api/v1/outreach/{code}", "committee"),
    ("POST", "/committee/actions", "committee"), ("GET", "/committee/actions/{number}", "committee"),
    ("POST", "/committee/actions/{number}", "committee"),
    ("POST", "/committee/actions/{number}/close", "committee"),
    ("POST", "/committee/actions/{number}/reopen", "committee"),
    ("POST", "/committee/actions/{number}/notes", "committee"),
    ("POST", "/committee/objectives", "committee"),
    ("GET", "/committee/objectives/{id}", "committee"),
    ("POST", "/committee/objectives/{id}", "committee"),
    ("POST", "/committee/objectives/{id}/state", "committee"),
    ("POST", "/committee/meetings", "committee"), ("POST", "/committee/initiatives", "committee"),
    ("GET", "/committee/initiatives/{id}", "committee"),
    ("POST", "/committee/initiatives/{id}/lead", "committee"),
    ("POST", "/committee/initiatives/{id}/team", "committee"),
    ("POST", "/committee/initiatives/{id}/milestones", "committee"),
    ("POST", "/committee/initiatives/{id}/done", "committee"),
    ("POST", "/committee/initiatives/{id}/state", "committee"),
    ("POST", "/committee/initiatives/{id}/deliverables", "committee"),
    ("POST", "/committee/events", "committee"), ("GET", "/committee/events/{id}", "committee"),
    ("POST", "/committee/events/{id}/invite", "committee"),
    ("POST", "/committee/events/{id}/outcome", "committee"),
    ("POST", "/committee/events/{id}/presenters", "committee"),
    ("POST", "/committee/events/{id}/materials", "committee"),
    ("GET", "/contacts", "secretariat"), ("GET", "/contacts/new", "secretariat"),
    ("POST", "/contacts", "secretariat"), ("GET", "/contacts/{id}", "secretariat"),
    ("POST", "/contacts/{id}", "secretariat"), ("POST", "/contacts/{id}/remove", "secretariat"),
    ("GET", "/committee/audit", "committee"),
    ("GET", "/committee/stats.svg", "committee"), ("GET", "/committee/stats.csv", "committee"),
    ("GET", "/import", "secretariat"), ("POST", "/import/check", "secretariat"),
    ("POST", "/import/apply", "secretariat"),
    ("GET", "/exports", "secretariat"), ("GET", "/exports/{format}", "secretariat"),
    ("GET", "/accounts", "secretariat"), ("POST", "/accounts", "secretariat"),
    ("POST", "/accounts/{email}/disable", "secretariat"),
    ("POST", "/accounts/{email}/remove", "secretariat"),
    ("POST", "/accounts/tokens", "secretariat"),
    ("POST", "/accounts/tokens/{id}/revoke", "secretariat"),
    ("GET", "/iana", "secretariat"), ("POST", "/iana/import", "secretariat"),
    ("POST", "/iana/fetch", "secretariat"), ("POST", "/api/v1/iana", "secretariat"),
    ("GET", "/docs", "public"), ("GET", "/docs/{slug}", "public"),
    ("GET", "/authorize/{token}", "public"), ("POST", "/authorize/{token}", "public"),
    ("GET", "/confirm/{token}", "public"), ("POST", "/confirm/{token}", "public"),
    ("GET", "/archive", "member"), ("GET", "/archive/{id}", "member"),
    ("GET", "/archive/{id}/attachments/{n}", "member"),
    ("GET", "/offline", "member"), ("GET", "/offline/tldops.json", "member"),
    ("GET", "/offline/tldops.json.asc", "member"),
    ("GET", "/api/v1", "public"), ("GET", "/api/v1/openapi.json", "public"),
    ("POST", "/api/v1/login", "public"),
    ("GET", "/api/v1/docs", "public"),
    ("GET", "/api/v1/me", "member"), ("GET", "/api/v1/cctlds", "public"),
    ("GET", "/api/v1/me/key", "member"), ("POST", "/api/v1/me/key", "member"),
    ("GET", "/api/v1/keys", "committee"),
    ("POST", "/api/v1/contacts/{id}/key", "secretariat"),
    ("GET", "/api/v1/cctlds/{code}", "member"), ("GET", "/api/v1/lookup/{code}", "member"),
    ("GET", "/api/v1/search", "member"), ("GET", "/api/v1/contacts", "member"),
    ("POST", "/api/v1/contacts", "secretariat"), ("GET", "/api/v1/contacts/{id}", "member"),
    ("PATCH", "/api/v1/contacts/{id}", "secretariat"),
    ("DELETE", "/api/v1/contacts/{id}", "secretariat"),
    ("GET", "/api/v1/contacts/{id}/history", "secretariat"),
    ("POST", "/api/v1/imports", "secretariat"),
    ("GET", "/api/v1/exports/{format}", "secretariat"),
    ("GET", "/api/v1/offline", "member"),
    ("GET", "/api/v1/archive", "member"), ("GET", "/api/v1/archive/{id}", "member"),
    ("GET", "/api/v1/requests", "committee"), ("POST", "/api/v1/requests", "member"),
    ("GET", "/api/v1/requests/{id}", "committee"),
    ("POST", "/api/v1/requests/{id}/approve", "committee"),
    ("POST", "/api/v1/requests/{id}/reject", "committee"),
    ("POST", "/api/v1/authorize/{token}", "public"),
    ("GET", "/api/v1/exceptions", "committee"), ("POST", "/api/v1/exceptions", "committee"),
    ("DELETE", "/api/v1/exceptions/{id}", "committee"),
    ("GET", "/api/v1/list/allowed", "committee"), ("POST", "/api/v1/list/allowed", "committee"),
    ("DELETE", "/api/v1/list/allowed/{email}", "committee"),
    ("GET", "/committee/exceptions", "committee"), ("POST", "/committee/exceptions", "committee"),
    ("POST", "/committee/exceptions/{id}/remove", "committee"),
    ("POST", "/committee/allowed", "committee"), ("POST", "/committee/allowed/remove", "committee"),
    ("GET", "/api/v1/audit", "committee"), ("GET", "/api/v1/stats", "committee"),
    ("GET", "/api/v1/audit/entries", "committee"),
    ("GET", "/api/v1/stats.svg", "committee"), ("GET", "/api/v1/stats.csv", "committee"),
    ("GET", "/api/v1/alerts", "committee"), ("POST", "/api/v1/alerts", "committee"),
    ("GET", "/api/v1/digest", "committee"), ("POST", "/api/v1/digest", "committee"), ("GET", "/api/v1/outbox", "committee"),
    ("GET", "/api/v1/actions", "committee"), ("POST", "/api/v1/actions", "committee"),
    ("GET", "/api/v1/actions/{number}", "committee"),
    ("PATCH", "/api/v1/actions/{number}", "committee"),
    ("POST", "/api/v1/actions/{number}/close", "committee"),
    ("POST", "/api/v1/actions/{number}/reopen", "committee"),
    ("POST", "/api/v1/actions/{number}/notes", "committee"),
    ("GET", "/api/v1/objectives", "committee"), ("POST", "/api/v1/objectives", "committee"),
    ("GET", "/api/v1/objectives/{id}", "committee"),
    ("PATCH", "/api/v1/objectives/{id}", "committee"),
    ("GET", "/api/v1/held", "committee"), ("POST", "/api/v1/held/{id}/approve", "committee"),
    ("POST", "/api/v1/held/{id}/reject", "committee"),
    ("GET", "/api/v1/accounts", "secretariat"), ("POST", "/api/v1/accounts", "secretariat"),
    ("POST", "/api/v1/accounts/{email}/disable", "secretariat"),
    ("POST", "/api/v1/accounts/{email}/remove", "secretariat"),
    ("GET", "/api/v1/tokens", "secretariat"), ("POST", "/api/v1/tokens", "secretariat"),
    ("POST", "/api/v1/tokens/{id}/revoke", "secretariat"),
]

# Parameters for the walk: none of them changes anything when called.
WALK_PARAMS = {"{token}": "A" * 43, "{code}": "nl", "{id}": "999999", "{slug}": "ddos",
               "{meeting}": "ICANN84", "{email}": "nobody%40unknown.example", "{n}": "1",
               "{format}": "csv", "{number}": "999999"}
WALK_QUERY = {"/search": "?q=nl", "/api/v1/search": "?q=nl", "/archive": "?q=resolver",
              "/api/v1/archive": "?q=resolver"}


def fill(pattern):
    for k, v in WALK_PARAMS.items():
        pattern = pattern.replace(k, v)
    return pattern + WALK_QUERY.get(pattern, "")


def call_as(role, method, path, kind):
    """Call as role: API with a bearer token, pages with a session cookie."""
    token = cookies = None
    if role != "public":
        if kind == "api":
            token = TOKENS[role]
        else:
            cookies = session(role)[0]
    body = None
    if method == "POST":
        body = {} if kind == "api" else "nothing=1"  # pages: no CSRF field
    # One client address per role: one-time links are limited per address.
    return request(method, path, body=body, token=token, cookies=cookies,
                   source="127.0.0.%d" % (10 + ROLES.index(role)))


def test_route_table_is_the_walked_one():
    r = request("GET", "/api/v1")
    check(r.status == 200, "route list")
    served = [(x["method"], x["path"], x["min_role"]) for x in r.json()["routes"]]
    check(sorted(served) == sorted(ROUTES),
          "the server's routes differ from the walk's table: +%s -%s" % (
              sorted(set(served) - set(ROUTES)), sorted(set(ROUTES) - set(served))))


def test_route_walk():
    kinds = {(x["method"], x["path"]): x["kind"] for x in request("GET", "/api/v1").json()["routes"]}
    public_bodies = []
    seen = 0
    for method, pattern, least in ROUTES:
        kind = kinds[(method, pattern)]
        path = fill(pattern)
        for role in ROLES:
            r = call_as(role, method, path, kind)
            seen += 1
            where = "%s %s as %s: %d" % (method, path, role, r.status)
            allowed = RANK[role] >= RANK[least]
            if not allowed and role == "public":
                if kind == "page":
                    check(r.status == 303 and r.header("location") == "/login", where)
                else:
                    error_of(r, 401)
                    check(r.header("www-authenticate", ) is not None, where + " WWW-Authenticate")
            elif not allowed:
                check(r.status == 403, where)
                if kind == "api":
                    error_of(r, 403)
                else:
                    check("Not for your role" in r.text, where)
            else:
                check(r.status not in (401, 500), where + " " + r.text[:200])
                if method == "POST" and kind == "page":
                    # Allowed, but the form carries no CSRF token: refused.
                    check(r.status == 403 and "Form expired" in r.text, where)
                elif method == "POST" and kind == "api":
                    # An empty object is never enough to change anything.
                    # (415: an upload route takes a form, not JSON.)
                    check(r.status in (400, 404, 409, 415, 422), where + " " + r.text[:200])
                    error_of(r, r.status)
                else:
                    check(r.status != 403, where)
            if role == "public":
                public_bodies.append((where, r.text))
    check(seen == 4 * len(ROUTES), "walked everything")
    for where, text in public_bodies:
        for secret in SECRET_DATA:
            check(secret not in text, "contact data %r reached the public: %s" % (secret, where))


PLAN_PAGES = ["/committee/stats", "/committee/outreach", "/committee/actions",
              "/committee/meetings", "/committee/pack/ICANN84"]


def test_committee_plan_pages():
    # Each page as each role: the public is sent to sign in, members refused.
    for path in PLAN_PAGES:
        r = request("GET", path)
        check(r.status == 303 and r.header("location") == "/login", path + " public")
        r = request("GET", path, cookies=session("member")[0])
        check(r.status == 403 and "Not for your role" in r.text, path + " member")
        for role in ("committee", "secretariat"):
            r = request("GET", path, cookies=session(role)[0])
            check(r.status == 200, "%s %s: %d" % (path, role, r.status))
            check(r.header("content-type").startswith("text/html"), path + " html")
    c = session("committee")[0]
    r = request("GET", "/committee", cookies=c)
    for path in PLAN_PAGES[:4]:
        check('href="%s"' % path in r.text, "dashboard links " + path)
    # Stats: the chart inline (no XML declaration, no inline <style>), figures.
    r = request("GET", "/committee/stats?since=2020-01-01&until=2030-01-01", cookies=c)
    check(r.status == 200 and "<svg" in r.text and "<?xml" not in r.text, "chart inline")
    check("<style" not in r.text and "Figures" in r.text, "no inline style; figures")
    check("default-src 'self'" in r.header("content-security-policy"), "site CSP")
    for field in ("since", "until"):
        r = request("GET", "/committee/stats?%s=yesterday" % field, cookies=c)
        check(r.status == 400 and field + ":" in r.text, "bad %s: %d" % (field, r.status))
    # Outreach, actions: stored text escaped.
    r = request("GET", "/committee/outreach?owner=Chris", cookies=c)
    check("Mailed the &lt;CISO&gt;" in r.text and "<CISO>" not in r.text, "note escaped")
    check("Recruitment board" in r.text and "Chris" in r.text, "board")
    r = request("GET", "/committee/actions", cookies=c)
    check("&lt;b&gt;workshop&lt;/b&gt;" in r.text and "<b>workshop" not in r.text,
          "action escaped")
    check("Two new members" in r.text, "objective listed")
    r = request("GET", "/committee/meetings", cookies=c)
    check('href="/committee/pack/ICANN84"' in r.text, "pack linked")
    check("DNSSEC workshop" in r.text and "needs a lead" in r.text, "initiative flags")
    check("AP roadshow" in r.text, "event listed")
    # The pack: a whole page under its own CSP; an unknown meeting is a 404.
    r = request("GET", "/committee/pack/ICANN84", cookies=c)
    check(r.text.lstrip().startswith("<!DOCTYPE html>"), "pack is a whole page")
    check(r.header("content-security-policy").startswith(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"), "pack CSP")
    r = request("GET", "/committee/pack/NoSuchMeeting", cookies=c)
    check(r.status == 404, "unknown meeting: %d" % r.status)


# ---- the committee's planning forms ---------------------------------------

def tldops_json(*args):
    import subprocess
    out = subprocess.run([os.environ["WEB_BIN"], *args, "--json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def plan_records():
    """Everything the planning forms can change, as the CLI lists it."""
    return {
        "meetings": tldops_json("meeting", "list"),
        "initiatives": tldops_json("initiative", "list"),
        "events": tldops_json("event", "list"),
        # The seeded initiative 1 and event 1, which the bad input is aimed at.
        "initiative": tldops_json("initiative", "show", "1"),
        "event": tldops_json("event", "show", "1"),
        "audit": len(tldops_json("audit")),
    }


def day_from_now(days):
    import datetime
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


def post_form(path, fields, role="committee", csrf=True):
    cookies, token = session(role)
    data = dict(fields)
    if csrf is True:
        data["csrf"] = token
    elif csrf:
        data["csrf"] = csrf
    return request("POST", path, urllib.parse.urlencode(data), cookies=cookies)


def refused_naming(r, status, form, field):
    where = "%s %s" % (form, field)
    check(r.status == status, "%s: %d %s" % (where, r.status, r.text[:300]))
    m = re.search(r'<p class="error" role="alert" id="%s-error">([^<]*)</p>' % form, r.text)
    check(m, where + ": no alert for the form")
    check(m.group(1).startswith(field + ": "), where + ": alert says " + m.group(1))
    check(r.text.count('role="alert"') == 1, where + ": one alert")
    return r.text


def test_plan_forms_refuse_without_csrf_or_role():
    before = plan_records()
    fields = {"name": "NoCsrf", "date": day_from_now(150)}
    r = post_form("/committee/meetings", fields, csrf=False)
    check(r.status == 403 and "Form expired" in r.text, "no CSRF: %d" % r.status)
    r = post_form("/committee/meetings", fields, csrf="0" * 64)
    check(r.status == 403 and "Form expired" in r.text, "wrong CSRF: %d" % r.status)
    r = post_form("/committee/initiatives", {"title": "x", "kind": "other"}, role="member")
    check(r.status == 403 and "Not for your role" in r.text, "member: %d" % r.status)
    r = request("POST", "/committee/events", "title=x&date=2030-01-01&place=y")
    check(r.status == 303 and r.header("location") == "/login", "public: %d" % r.status)
    # The deliverable, presenter and material forms: the same gate.
    for path, fields in (("/committee/initiatives/1/deliverables", {"doc": "ddos"}),
                         ("/committee/events/1/presenters", {"name": "Ana", "mode": "remote"}),
                         ("/committee/events/1/materials", {"doc": "kit", "lang": "en"})):
        r = post_form(path, fields, csrf=False)
        check(r.status == 403 and "Form expired" in r.text, "%s no CSRF: %d" % (path, r.status))
        r = post_form(path, fields, csrf="0" * 64)
        check(r.status == 403 and "Form expired" in r.text, "%s wrong CSRF: %d" % (path, r.status))
        r = post_form(path, fields, role="member")
        check(r.status == 403 and "Not for your role" in r.text, "%s member: %d" % (path, r.status))
        r = request("POST", path, urllib.parse.urlencode(fields))
        check(r.status == 303 and r.header("location") == "/login", "%s public: %d" % (path, r.status))
    check(plan_records() == before, "a refused form stored something")


def test_plan_forms_bad_input_names_the_field_and_stores_nothing():
    before = plan_records()
    # A date that is no calendar day: the page again, the field marked, the typed text kept.
    text = refused_naming(post_form("/committee/meetings", {"name": "ICANN-bad", "date": "2026-02-30",
                                                             "place": "<b>Nowhere</b>"}),
                          422, "meeting", "date")
    check('id="f-meeting-date" name="date" value="2026-02-30" required placeholder="YYYY-MM-DD" '
          'aria-invalid="true" aria-describedby="meeting-error"' in text, "date marked")
    check('value="&lt;b&gt;Nowhere&lt;/b&gt;"' in text and "<b>Nowhere" not in text, "kept, escaped")
    check(text.count('aria-invalid="true"') == 1, "only the date is marked")
    refused_naming(post_form("/committee/meetings", {"name": "", "date": day_from_now(160)}),
                   422, "meeting", "name")
    refused_naming(post_form("/committee/meetings", {"name": "ICANN84", "date": day_from_now(161)}),
                   409, "meeting", "name")
    refused_naming(post_form("/committee/initiatives", {"title": "Party", "kind": "party"}),
                   422, "initiative", "kind")
    refused_naming(post_form("/committee/events", {"title": "E", "date": "soon", "place": "P"}),
                   422, "event", "date")
    # The seeded initiative 1 and event 1.
    base = "/committee/initiatives/1/"
    refused_naming(post_form(base + "milestones", {"text": "x", "due": "NoSuchMeeting"}),
                   404, "milestone", "due")
    refused_naming(post_form(base + "milestones", {"text": "", "due": "ICANN84"}),
                   422, "milestone", "text")
    refused_naming(post_form(base + "state", {"state": "stopped", "note": ""}), 422, "state", "note")
    refused_naming(post_form(base + "state", {"state": "asleep", "note": "x"}), 422, "state", "state")
    refused_naming(post_form(base + "lead", {"lead": ""}), 422, "lead", "lead")
    refused_naming(post_form(base + "team", {"name": "Kim", "change": "swap"}), 422, "team", "change")
    refused_naming(post_form(base + "team", {"name": "Nobody", "change": "remove"}),
                   404, "team", "name")
    refused_naming(post_form(base + "done", {"milestone": "abc"}), 422, "done", "milestone")
    refused_naming(post_form(base + "done", {"milestone": "7"}), 404, "done", "milestone")
    refused_naming(post_form("/committee/events/1/invite", {"cctld": "ky zz"}), 404, "invite", "cctld")
    refused_naming(post_form("/committee/events/1/invite", {"cctld": " , "}), 422, "invite", "cctld")
    refused_naming(post_form("/committee/events/1/outcome", {"cctld": "ky", "outcome": "joined"}),
                   404, "outcome", "cctld")
    # A deliverable: an existing document, by slug.
    text = refused_naming(post_form(base + "deliverables", {"doc": "no-such-doc"}),
                          404, "deliverable", "doc")
    check('id="f-deliverable-doc" name="doc" required aria-invalid="true"' in text, "doc marked")
    refused_naming(post_form(base + "deliverables", {"doc": "Not a <slug>"}), 422, "deliverable", "doc")
    refused_naming(post_form(base + "deliverables", {"doc": ""}), 422, "deliverable", "doc")
    # A presenter: a name and in-person or remote.
    text = refused_naming(post_form("/committee/events/1/presenters",
                                    {"name": "Ana <b>P</b>", "mode": "in person"}),
                          422, "presenter", "mode")
    check('value="Ana &lt;b&gt;P&lt;/b&gt;"' in text and "<b>P" not in text, "name kept, escaped")
    refused_naming(post_form("/committee/events/1/presenters", {"name": " ", "mode": "remote"}),
                   422, "presenter", "name")
    refused_naming(post_form("/committee/events/1/presenters", {"name": "x" * 129, "mode": "remote"}),
                   422, "presenter", "name")
    # A material: a document in languages that each have a version of it.
    text = refused_naming(post_form("/committee/events/1/materials", {"doc": "kit", "lang": "en es"}),
                          404, "material", "lang")
    check("kit has no version in es" in text, "says which language")
    check('id="f-material-lang" name="lang" value="en es" required aria-invalid="true"' in text,
          "lang marked, kept")
    refused_naming(post_form("/committee/events/1/materials", {"doc": "kit", "lang": " , "}),
                   422, "material", "lang")
    refused_naming(post_form("/committee/events/1/materials", {"doc": "kit", "lang": "english"}),
                   422, "material", "lang")
    refused_naming(post_form("/committee/events/1/materials", {"doc": "kit", "lang": " ".join(["en"] * 33)}),
                   422, "material", "lang")
    refused_naming(post_form("/committee/events/1/materials", {"doc": "nope", "lang": "en"}),
                   404, "material", "doc")
    # An unknown initiative or event, or no number at all: not found.
    for path in ("/committee/initiatives/999999/lead", "/committee/initiatives/abc/state",
                 "/committee/events/999999/outcome", "/committee/initiatives/999999/deliverables",
                 "/committee/events/999999/presenters", "/committee/events/abc/materials"):
        r = post_form(path, {"lead": "x", "state": "done", "note": "x", "doc": "kit", "lang": "en",
                             "name": "Ana", "mode": "remote"})
        check(r.status == 404 and "Not found" in r.text, "%s: %d" % (path, r.status))
    check(plan_records() == before, "a refused form stored something")


def test_plan_forms_change_things_and_redirect():
    due = day_from_now(200)
    r = post_form("/committee/meetings", {"name": "ICANN-web", "date": due, "place": "Online"})
    check(r.status == 303 and r.header("location") == "/committee/meetings#meetings",
          "meeting added: %d %s" % (r.status, r.text[:200]))
    check(any(m["name"] == "ICANN-web" and m["date"] == due and m["place"] == "Online"
              for m in tldops_json("meeting", "list")), "meeting stored")
    r = post_form("/committee/initiatives", {"title": "Web <i>form</i> work", "kind": "playbook"})
    check(r.status == 303, "initiative added: %d" % r.status)
    loc = r.header("location")
    m = re.fullmatch(r"/committee/initiatives/(\d+)", loc or "")
    check(m, "redirect to the initiative: %r" % loc)
    iid = m.group(1)
    steps = [("milestones", {"text": "Draft", "due": "ICANN-web"}, "#milestones"),
             ("milestones", {"text": "Review", "due": "ICANN-web"}, "#milestones"),
             ("lead", {"lead": "Chris"}, "#change"),
             ("team", {"name": "Kim Carlson", "change": "add"}, "#change"),
             ("team", {"name": "Jo", "change": "add"}, "#change"),
             ("team", {"name": "Jo", "change": "remove"}, "#change"),
             ("done", {"milestone": "1"}, "#milestones"),
             ("state", {"state": "paused", "note": "waiting for the <venue>"}, "#change"),
             ("deliverables", {"doc": "kit"}, "#deliverables"),
             ("deliverables", {"doc": "ddos"}, "#deliverables")]
    for verb, fields, anchor in steps:
        r = post_form("%s/%s" % (loc, verb), fields)
        check(r.status == 303 and r.header("location") == loc + anchor,
              "%s: %d %s" % (verb, r.status, r.text[:300]))
    show = tldops_json("initiative", "show", iid)
    check(show["lead"] == "Chris" and show["team"] == ["Kim Carlson"], "lead and team")
    check(show["state"] == "paused" and show["state_note"] == "waiting for the <venue>", "state")
    check([(x["number"], x["due"], x["done"] is not None) for x in show["milestones"]] ==
          [(1, "ICANN-web", True), (2, "ICANN-web", False)], "milestones %r" % show["milestones"])
    actors = {(h["actor"], h["action"]) for h in show["history"]}
    check(("chris@committee.example", "initiative.milestone_done") in actors, "audit names the web user")
    check(show["deliverables"] == ["ddos", "kit"], "deliverables %r" % show["deliverables"])
    check(("chris@committee.example", "initiative.deliverable") in actors, "deliverable audited")
    # The same document twice: refused naming it, nothing stored.
    refused_naming(post_form(loc + "/deliverables", {"doc": "kit"}), 409, "deliverable", "doc")
    check(tldops_json("initiative", "show", iid) == show, "a refused deliverable stored something")
    # The pages show it: the initiative's own timeline, the overall one, escaped text.
    c = session("committee")[0]
    page = request("GET", loc, cookies=c)
    check(page.status == 200 and "Web &lt;i&gt;form&lt;/i&gt; work" in page.text, "initiative page")
    check(page.text.count('class="tl-mark tl-done"') == 1 and
          page.text.count('class="tl-mark tl-open"') == 1, "its timeline")
    check("<style" not in page.text and " style=" not in page.text, "no inline style")
    check("waiting for the &lt;venue&gt;" in page.text, "note escaped")
    check('<a href="/docs/kit">Outreach kit</a>' in page.text and
          '<a href="/docs/ddos">DDoS mitigation</a>' in page.text, "deliverables linked")
    check('<option value="notes">Committee notes (notes: en)</option>' in page.text and
          '<option value="kit">Outreach kit (kit: en, fr)</option>' in page.text, "documents offered")
    page = request("GET", "/committee/meetings", cookies=c)
    check('<figure class="timeline">' in page.text and "Web &lt;i&gt;form&lt;/i&gt; work" in page.text,
          "overall timeline")
    check('href="%s"' % loc in page.text, "initiative linked")
    # An event, its invitations and an outcome.
    r = post_form("/committee/events", {"title": "LAC <DNS> forum", "date": day_from_now(90),
                                        "place": "Panama", "organiser": ""})
    check(r.status == 303, "event added: %d %s" % (r.status, r.text[:200]))
    eloc = r.header("location")
    m = re.fullmatch(r"/committee/events/(\d+)", eloc or "")
    check(m, "redirect to the event: %r" % eloc)
    r = post_form(eloc + "/invite", {"cctld": "ky, .MS"})
    check(r.status == 303 and r.header("location") == eloc + "#invited", "invited: %d" % r.status)
    r = post_form(eloc + "/outcome", {"cctld": "ms", "outcome": "interested"})
    check(r.status == 303, "outcome: %d %s" % (r.status, r.text[:300]))
    # Presenters (naming one again changes how they present) and materials.
    steps = [("presenters", {"name": "Ana <Pérez>", "mode": "remote"}, "#presenters"),
             ("presenters", {"name": "Bo", "mode": "in-person"}, "#presenters"),
             ("presenters", {"name": "Ana <Pérez>", "mode": "in-person"}, "#presenters"),
             ("materials", {"doc": "kit", "lang": "fr, EN"}, "#materials"),
             ("materials", {"doc": "ddos", "lang": "en"}, "#materials")]
    for verb, fields, anchor in steps:
        r = post_form("%s/%s" % (eloc, verb), fields)
        check(r.status == 303 and r.header("location") == eloc + anchor,
              "%s: %d %s" % (verb, r.status, r.text[:300]))
    ev = tldops_json("event", "show", m.group(1))
    check(sorted((p["name"], p["mode"]) for p in ev["presenters"]) ==
          [("Ana <Pérez>", "in-person"), ("Bo", "in-person")], "presenters %r" % ev["presenters"])
    check(sorted((x["slug"], x["lang"]) for x in ev["materials"]) ==
          [("ddos", "en"), ("kit", "en"), ("kit", "fr")], "materials %r" % ev["materials"])
    rows = [(a["actor"], a["action"]) for a in tldops_json("audit")
            if a["object_type"] == "event" and a["object_id"] == m.group(1)]
    check(rows.count(("chris@committee.example", "event.presenter")) == 3 and
          rows.count(("chris@committee.example", "event.material")) == 2, "audited as the web user")
    # Refusals after it: nothing changes.
    refused_naming(post_form(eloc + "/presenters", {"name": "Bo", "mode": "in-person"}),
                   422, "presenter", "name")
    refused_naming(post_form(eloc + "/materials", {"doc": "kit", "lang": "fr"}), 409, "material", "lang")
    check(tldops_json("event", "show", m.group(1)) == ev, "a refused form changed the event")
    check(ev["organiser"] is None and ev["place"] == "Panama", "event stored")
    check([(i["code"], i["outcome"]) for i in ev["invited"]] == [("ky", None), ("ms", "interested")],
          "invitations %r" % ev["invited"])
    page = request("GET", eloc, cookies=c)
    check(page.status == 200 and "LAC &lt;DNS&gt; forum" in page.text and "interested" in page.text,
          "event page")
    check("<li>Ana &lt;Pérez&gt; (in-person)</li>" in page.text, "presenter listed, escaped")
    check('<a href="/docs/kit?lang=fr">Kit de sensibilisation</a>' in page.text and
          '<a href="/docs/ddos?lang=en">DDoS mitigation</a>' in page.text, "materials linked")


def test_members_see_contacts_public_sees_counts():
    r = request("GET", "/api/v1/cctlds/nl", token=TOKENS["member"])
    check(r.status == 200, "member lookup")
    d = r.json()
    check(d["contact_list"][0]["email"] == "jan@sidn.example", "contacts shown")
    check(d["iana"]["admin"]["email"] == "admin@sidn-iana.example", "IANA contacts shown")
    r = request("GET", "/api/v1/lookup/.%D1%80%D1%84", token=TOKENS["member"])
    check(r.status == 200 and r.json()["contact_list"][0]["name"] == "Ivan Petrov", "IDN lookup")
    r = request("GET", "/api/v1/cctlds?members=true")
    check(r.status == 200, "public list")
    codes = {c["code"]: c for c in r.json()}
    check(set(codes) == {"nl", "fr", "xn--p1ai"}, "member ccTLDs %s" % sorted(codes))
    check(codes["nl"]["contacts"] == 1 and "contact_list" not in codes["nl"], "counts only")
    home = request("GET", "/")
    check(home.status == 200 and ".nl" in home.text and "Netherlands" in home.text, "home lists members")
    check("<strong>3</strong> of" in home.text, "home total")
    check("DDoS mitigation" in home.text and "Incident handbook" not in home.text, "public playbooks only")


def test_documents_follow_their_visibility():
    check(request("GET", "/docs/ddos").status == 200, "public doc")
    r = request("GET", "/docs/handbook")
    check(r.status == 404, "members' doc hidden from the public: %d" % r.status)
    c, _ = session("member")
    r = request("GET", "/docs/handbook", cookies=c)
    check(r.status == 200 and b"For members only" in r.body, "member reads members' doc")
    check("attachment" in (r.header("content-disposition") or ""), "download")
    check("sandbox" in r.header("content-security-policy"), "sandboxed")
    # One answer for a hidden document, a missing one and a missing or hidden
    # version: the same status and the same page, so nothing tells them apart.
    def answer(path, cookies=None):
        r = request("GET", path, cookies=cookies)
        return r.status, r.body.replace(path.encode(), b"")
    public = {p: answer(p) for p in ("/docs/handbook", "/docs/notes", "/docs/nothing-here",
                                      "/docs/ddos?version=7", "/docs/kit", "/docs/kit?lang=fr")}
    check(len(set(public.values())) == 1, "the public tells them apart: %r" % public)
    check(public["/docs/handbook"][0] == 404, "404 for the public")
    member = {p: answer(p, c) for p in ("/docs/notes", "/docs/nothing-here", "/docs/kit",
                                         "/docs/handbook?version=9")}
    check(len(set(member.values())) == 1, "a member tells them apart: %r" % member)
    check(member["/docs/notes"][0] == 404 and b"committee" not in member["/docs/notes"][1].lower(),
          "nothing of the committee's document")
    check(request("GET", "/docs/notes", cookies=session("committee")[0]).status == 200, "committee doc")
    titles = [d["title"] for d in request("GET", "/api/v1/docs", token=TOKENS["member"]).json()]
    check(sorted(titles) == ["DDoS mitigation", "Incident handbook"], titles)


def test_errors_are_json_with_field():
    error_of(request("GET", "/api/v1/cctlds/zz", token=TOKENS["member"]), 404, "cctld")
    error_of(request("GET", "/api/v1/cctlds?region=XX"), 422, "region")
    error_of(request("GET", "/api/v1/search", token=TOKENS["member"]), 400, "q")
    error_of(request("GET", "/api/v1/search?q=%ZZ", token=TOKENS["member"]), 400)
    error_of(request("GET", "/api/v1/me", token="A" * 43), 401, "token")
    error_of(request("GET", "/api/v1/me", token="not a token"), 401, "token")
    error_of(request("GET", "/api/v1/cctlds", token="A" * 43), 401, "token")
    error_of(request("DELETE", "/api/v1/cctlds"), 405)
    error_of(request("GET", "/nowhere"), 404)
    error_of(request("POST", "/api/v1/alerts", "{", token=TOKENS["committee"],
                     content_type="application/json"), 400, "body")
    error_of(request("POST", "/api/v1/alerts", '{"subject": "a", "subject": "b"}',
                     token=TOKENS["committee"], content_type="application/json"), 400, "body")
    error_of(request("POST", "/api/v1/alerts", "[]", token=TOKENS["committee"],
                     content_type="application/json"), 400, "body")
    error_of(request("POST", "/api/v1/alerts", "subject=x", token=TOKENS["committee"],
                     content_type="text/plain"), 415, "content-type")
    error_of(request("POST", "/api/v1/alerts", {"subject": 3, "body": "x"},
                     token=TOKENS["committee"]), 422, "subject")
    error_of(request("POST", "/api/v1/alerts", {"subject": "s", "body": "b", "tlp": "pink"},
                     token=TOKENS["committee"]), 422, "tlp")
    error_of(request("POST", "/api/v1/accounts", {"email": "x@example.org", "role": "king"},
                     token=TOKENS["secretariat"]), 422, "role")
    error_of(request("POST", "/api/v1/accounts", {"email": "kim@secretariat.example",
                                                  "role": "member"},
                     token=TOKENS["secretariat"]), 409, "email")
    error_of(request("GET", "/api/v1/audit?since=yesterday", token=TOKENS["committee"]), 422, "since")


def test_body_and_header_limits():
    # A declared length over 1 MiB is refused before the body is read.
    conn = http.client.HTTPConnection(HOST, PORT, timeout=20)
    conn.putrequest("POST", "/api/v1/alerts")
    conn.putheader("Authorization", "Bearer " + TOKENS["committee"])
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(1024 * 1024 + 1))
    conn.endheaders()
    r = conn.getresponse()
    body = r.read()
    conn.close()
    check(r.status == 413, "declared too large: %d" % r.status)
    check(json.loads(body)["error"]["field"] == "body", "413 names the body")
    # Exactly 1 MiB is read (and then refused for what it says).
    exact = '{"subject": "s", "body": "' + "x" * (1024 * 1024 - 30) + '"}'
    r = request("POST", "/api/v1/alerts", exact.ljust(1024 * 1024), token=TOKENS["member"],
                content_type="application/json")
    check(r.status == 403, "1 MiB body accepted for reading: %d" % r.status)
    # Chunked, no Content-Length: counted as it arrives.
    conn = http.client.HTTPConnection(HOST, PORT, timeout=20)
    conn.putrequest("POST", "/api/v1/alerts")
    conn.putheader("Authorization", "Bearer " + TOKENS["committee"])
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    chunk = b"x" * 65536
    try:
        for _ in range(20):
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
        r = conn.getresponse()
        check(r.status == 413, "chunked over the limit: %d" % r.status)
    except (ConnectionError, http.client.HTTPException):
        pass  # the server may also just close the connection
    conn.close()
    # A header larger than the connection's memory: refused, not a crash.
    r = None
    try:
        conn = http.client.HTTPConnection(HOST, PORT, timeout=20)
        conn.request("GET", "/healthz", headers={"X-Big": "y" * 100000})
        r = conn.getresponse()
        check(r.status in (413, 431), "huge header: %d" % r.status)
    except (ConnectionError, http.client.HTTPException):
        pass
    check(request("GET", "/healthz").status == 200, "still serving")


def test_login_by_mail_single_use_and_no_enumeration():
    before = len(mails_to("jan@sidn.example"))
    r = request("POST", "/api/v1/login", {"email": "jan@sidn.example"})
    check(r.status == 202, "login request %d" % r.status)
    answer = r.json()
    token = wait_mail("jan@sidn.example", r"/login/([A-Za-z0-9_-]{43})", before)
    r = request("POST", "/api/v1/login", {"email": "nobody@unknown.example"})
    check(r.status == 202 and r.json() == answer, "same answer for an unknown address")
    error_of(request("POST", "/api/v1/login", {"email": "not-an-address"}), 422, "email")
    # The page form gives the same answer for both.
    page = request("GET", "/login")
    pre, _ = cookie_from(page, "tldops_csrf")
    known = request("POST", "/login", "csrf=%s&email=marie%%40afnic.example" % pre,
                    cookies={"tldops_csrf": pre})
    unknown = request("POST", "/login", "csrf=%s&email=marie%%40elsewhere.example" % pre,
                      cookies={"tldops_csrf": pre})
    check(known.status == unknown.status == 200, "form answers")
    check(known.text.replace("marie@afnic.example", "X") ==
          unknown.text.replace("marie@elsewhere.example", "X"), "indistinguishable pages")
    time.sleep(1.5)
    check(mails_to("nobody@unknown.example") == [] and mails_to("marie@elsewhere.example") == [],
          "nothing mailed to strangers")
    # GET shows a button and changes nothing; POST signs in, once.
    path = "/login/" + token
    r = request("GET", path)
    check(r.status == 200 and "jan@sidn.example" in r.text, "confirm page")
    check(request("GET", path).status == 200, "GET did not use the link up")
    csrf = csrf_in(r.text)
    pre, _ = cookie_from(r, "tldops_csrf")
    bad = request("POST", path, "csrf=" + "0" * 64, cookies={"tldops_csrf": pre})
    check(bad.status == 403, "wrong CSRF refused")
    r = request("POST", path, "csrf=" + csrf, cookies={"tldops_csrf": pre})
    check(r.status == 303, "signed in %d" % r.status)
    sid, _ = cookie_from(r, "tldops_session")
    again = request("POST", path, "csrf=" + csrf, cookies={"tldops_csrf": pre})
    check(again.status == 404 and "not valid" in again.text, "second use refused")
    me = request("GET", "/api/v1/me", cookies={"tldops_session": sid})
    check(me.status == 200 and me.json()["email"] == "jan@sidn.example", "session works on the API")
    check(me.json()["role"] == "member" and me.json()["contact"]["cctld"] == "nl", "member by contact")
    # A cookie-authenticated API write needs the CSRF header.
    error_of(request("POST", "/api/v1/requests", {"kind": "leave"},
                     cookies={"tldops_session": sid}), 403, "X-CSRF-Token")
    # Sign out ends the session in the database.
    page = request("GET", "/me", cookies={"tldops_session": sid})
    r = request("POST", "/logout", "csrf=" + csrf_in(page.text), cookies={"tldops_session": sid})
    check(r.status == 303, "logout")
    check(request("GET", "/api/v1/me", cookies={"tldops_session": sid}).status == 401, "ended")
    # The secrets are stored hashed only.
    # Sessions and API tokens are never written anywhere, not even in the
    # files' free pages; the sign-in link lives in its mail until delivery,
    # then the stored copy is blanked (SQLite may keep residue of it in free
    # pages or the WAL until they are reused: the link is single-use and
    # short-lived, so the logical content is what is checked for it).
    import subprocess
    db = os.environ.get("TLDOPS_DB", "")
    if "://" in db:
        logical = subprocess.run(["pg_dump", "--data-only", db], check=True,
                                 capture_output=True).stdout
        raw = logical
    else:
        logical = subprocess.run(["sqlite3", db, ".dump"], check=True,
                                 capture_output=True).stdout
        raw = open(db, "rb").read()
        if os.path.exists(db + "-wal"):
            raw += open(db + "-wal", "rb").read()
    check(sid.encode() not in raw and TOKENS["member"].encode() not in raw,
          "a session id or API token was written to the database files")
    check(token.encode() not in logical, "the sign-in link is stored in clear")


def test_tokens_revoked_and_accounts_disabled_at_once():
    sec = TOKENS["secretariat"]
    who = "leaver@committee.example"
    r = request("POST", "/api/v1/accounts", {"email": who, "role": "committee"}, token=sec)
    check(r.status == 201, "account added %d" % r.status)
    error_of(request("POST", "/api/v1/tokens", {"email": who, "days": 366}, token=sec),
             422, "days")  # [web] token_max_days defaults to 365
    made = [request("POST", "/api/v1/tokens", {"email": who, "days": 30}, token=sec)
            for _ in range(2)]
    check(all(m.status == 201 for m in made), "tokens made")
    t1, t2 = (m.json()["token"] for m in made)
    check(request("GET", "/api/v1/requests", token=t1).status == 200, "token works")
    lst = request("GET", "/api/v1/tokens?email=" + who, token=sec)
    check(lst.status == 200, "token list %d" % lst.status)
    toks = lst.json()["tokens"]
    check(len(toks) == 2 and set(toks[0]) == {"id", "email", "created", "expires", "last_used"},
          "listing %r" % toks)
    check(t1 not in lst.text and t2 not in lst.text, "listing shows no secret")
    used = [t for t in toks if t["last_used"] is not None]
    check(len(used) == 1, "last use noted for the one used: %r" % toks)
    # Revoke the used one: it stops at once, the other goes on.
    r = request("POST", "/api/v1/tokens/%s/revoke" % used[0]["id"], {}, token=sec)
    check(r.status == 200, "revoked %d %s" % (r.status, r.text))
    error_of(request("GET", "/api/v1/requests", token=t1), 401, "token")
    error_of(request("POST", "/api/v1/tokens/%s/revoke" % used[0]["id"], {}, token=sec), 404, "id")
    check(request("GET", "/api/v1/requests", token=t2).status == 200, "the other works")
    # Disabling the account ends its tokens and sessions at once.
    cookies, _ = login_session(who)
    check(request("GET", "/api/v1/me", cookies=cookies).status == 200, "session works")
    r = request("POST", "/api/v1/accounts/%s/disable" % who, {}, token=sec)
    check(r.status == 200 and r.json()["state"] == "disabled", "disabled %s" % r.text)
    error_of(request("GET", "/api/v1/requests", token=t2), 401, "token")
    check(request("GET", "/api/v1/me", cookies=cookies).status == 401, "session ended")
    check(request("GET", "/api/v1/tokens?email=" + who, token=sec).json()["tokens"] == [],
          "no live token left")
    error_of(request("POST", "/api/v1/accounts/%s/disable" % who, {}, token=sec), 404, "email")
    r = request("POST", "/api/v1/accounts/%s/remove" % who, {}, token=sec)
    check(r.status == 200 and r.json()["state"] == "removed", "removed %s" % r.text)
    error_of(request("POST", "/api/v1/accounts/%s/remove" % who, {}, token=sec), 404, "email")
    actions = [a["action"] for a in request("GET", "/api/v1/audit", token=sec).json()]
    for a in ("token.create", "token.revoke", "account.disable", "account.remove"):
        check(a in actions, "audited: " + a)
    # Members may not see or revoke anyone's tokens.
    check(request("GET", "/api/v1/tokens", token=TOKENS["committee"]).status == 403, "committee")


def test_login_rate_limited():
    codes = [request("POST", "/api/v1/login", {"email": "ratelimit@unknown.example"}).status
             for _ in range(7)]
    check(codes[:5] == [202] * 5 and codes[5] == 429, "per address: %s" % codes)
    error_of(request("POST", "/api/v1/login", {"email": "ratelimit@unknown.example"}), 429, "email")
    # The limit is per address *from one client*: from elsewhere the owner
    # still gets in; nobody can lock a person out from one machine.
    check(request("POST", "/api/v1/login", {"email": "ratelimit@unknown.example"},
                  source="127.0.0.9").status == 202, "another client is not locked out")


def test_login_mails_at_most_one_link_per_minute():
    # Asked for from many clients (each under its own limit), the address is
    # not refused, but past 5 in the window it gets one mail a minute.
    addr = "kim@secretariat.example"
    if time.time() % 60 > 45:      # the interval is a clock minute: start inside one
        time.sleep(61 - time.time() % 60)
    before = len(mails_to(addr))
    for i in range(9):
        check(request("POST", "/api/v1/login", {"email": addr},
                      source="127.0.0.%d" % (21 + i)).status == 202, "client %d" % i)
    deadline = time.time() + 15
    while len(mails_to(addr)) < before + 6 and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(2)                  # the outbox would have sent any more by now
    check(len(mails_to(addr)) == before + 6,
          "nine requests from nine clients gave %d mails, not 5 + 1" % (len(mails_to(addr)) - before))


def test_one_time_links_limited_per_client_address():
    link = "/confirm/" + "B" * 43
    # The limit counts per clock minute: start well inside one.
    if time.time() % 60 > 45:
        time.sleep(61 - time.time() % 60)
    # 60 a minute from one address, then 429; another address is not held up.
    codes = [request("GET", link, source="127.0.0.2").status for _ in range(61)]
    check(codes[:60] == [404] * 60 and codes[60] == 429, "one address: %s" % codes)
    check("Too many requests" in request("GET", link, source="127.0.0.2").text, "429 page")
    error_of(request("POST", "/api/v1/authorize/" + "B" * 43, {}, source="127.0.0.2"),
             429, "client")
    check(request("GET", link, source="127.0.0.3").status == 404, "another address")
    # X-Forwarded-For is believed only from [web] trusted_proxies (127.0.0.4
    # here): from it each forwarded client has its own count...
    fwd = [request("GET", link, source="127.0.0.4",
                   headers={"X-Forwarded-For": "203.0.113.9, 192.0.2.1"}).status
           for _ in range(61)]
    check(fwd[60] == 429 and 429 not in fwd[:60], "forwarded client: %s" % fwd)
    check(request("GET", link, source="127.0.0.4",
                  headers={"X-Forwarded-For": "192.0.2.2"}).status == 404,
          "another forwarded client")
    # ...from anyone else the header changes nothing: still the exhausted 127.0.0.2.
    check(request("GET", link, source="127.0.0.2",
                  headers={"X-Forwarded-For": "192.0.2.77"}).status == 429,
          "a forged X-Forwarded-For escaped the limit")


def test_member_requests_own_update_committee_approves():
    # A member may only ask about their own entry.
    mine = request("GET", "/api/v1/me", token=TOKENS["member"]).json()["contact"]
    marie = [c for c in request("GET", "/api/v1/contacts?cctld=fr", token=TOKENS["member"]).json()]
    error_of(request("POST", "/api/v1/requests", {"kind": "update", "contact_id": marie[0]["id"],
                                                  "cctld": "fr", "phone": "+33 1 00 00 00 00"},
                     token=TOKENS["member"]), 403, "contact_id")
    error_of(request("POST", "/api/v1/requests", {"kind": "join", "cctld": "nl", "name": "X",
                                                  "email": "x@sidn.example", "phone": "+31 1"},
                     token=TOKENS["member"]), 403)
    error_of(request("POST", "/api/v1/requests", {"kind": "update", "contact_id": mine["id"],
                                                  "phone": "call me"},
                     token=TOKENS["member"]), 422, "phone")
    before = len(mails_to("admin@sidn-iana.example"))
    r = request("POST", "/api/v1/requests", {"kind": "update", "contact_id": mine["id"],
                                             "phone": "+31 26 352 5599"}, token=TOKENS["member"])
    check(r.status == 201, "request created %d %s" % (r.status, r.text))
    rid = r.json()["id"]
    token = wait_mail("admin@sidn-iana.example", r"/authorize/([A-Za-z0-9_-]{43})", before)
    # The committee sees it with its state; members do not see requests.
    error_of(request("GET", "/api/v1/requests/%d" % rid, token=TOKENS["member"]), 403)
    r = request("GET", "/api/v1/requests?state=pending-authorisation", token=TOKENS["committee"])
    check(any(x["id"] == rid for x in r.json()), "listed as pending")
    # The authorisation page shows it and changes nothing.
    page = request("GET", "/authorize/" + token)
    check(page.status == 200 and "+31 26 352 5599" in page.text, "authorise page")
    check(request("GET", "/api/v1/requests/%d" % rid, token=TOKENS["committee"]).json()["state"]
          == "pending-authorisation", "GET changed nothing")
    error_of(request("POST", "/api/v1/requests/%d/approve" % rid, {}, token=TOKENS["committee"]),
             409, "id")
    r = request("POST", "/api/v1/authorize/" + token, {})
    check(r.status == 200 and r.json() == {"id": rid, "state": "authorised"}, r.text)
    error_of(request("POST", "/api/v1/authorize/" + token, {}), 409, "token")
    r = request("POST", "/api/v1/requests/%d/approve" % rid, {"announce": False},
                token=TOKENS["committee"])
    check(r.status == 200 and r.json()["state"] == "approved", r.text)
    check(r.json()["announced"] is False and "not_announced" not in r.json(),
          "not asked, no reason: %s" % r.text[:300])
    error_of(request("POST", "/api/v1/requests/%d/approve" % rid, {}, token=TOKENS["committee"]),
             409)
    me = request("GET", "/api/v1/me", token=TOKENS["member"]).json()
    check(me["contact"]["phone"] == "+31263525599", "applied")
    audit = request("GET", "/api/v1/audit", token=TOKENS["committee"]).json()
    actions = [(a["actor"], a["action"]) for a in audit]
    check(("jan@sidn.example", "request.create") in actions, "audit names the member")
    check(("chris@committee.example", "request.approve") in actions, "audit names the approver")


def test_committee_rejects_and_sends_alert():
    r = request("GET", "/api/v1/requests/%d" % JOIN_ID, token=TOKENS["secretariat"])
    check(r.status == 200 and r.json()["kind"] == "join", "the seeded join request")
    error_of(request("POST", "/api/v1/requests/%d/reject" % JOIN_ID, {},
                     token=TOKENS["committee"]), 422, "reason")
    error_of(request("POST", "/api/v1/alerts", {"subject": "x", "body": "y"},
                     token=TOKENS["member"]), 403)
    r = request("POST", "/api/v1/alerts", {"subject": "Resolver flood", "body": "Check.\n",
                                           "tlp": "amber"}, token=TOKENS["committee"])
    check(r.status == 202 and r.json()["recipients"] == 3, r.text)
    wait_mail("marie@afnic.example", r"(Check\.)")
    o = request("GET", "/api/v1/outbox", token=TOKENS["committee"]).json()
    check(o["messages"] >= 1 and "queued" in o, "outbox status")
    s = request("GET", "/api/v1/stats", token=TOKENS["committee"]).json()
    check(s["cctlds"]["members"] == 3, "stats %r" % s.get("cctlds"))
    ex = request("POST", "/api/v1/exceptions", {"email": "security@sidn.example",
                                                "reason": "IANA root contact"},
                 token=TOKENS["committee"])
    check(ex.status == 201, ex.text)
    lst = request("GET", "/api/v1/exceptions", token=TOKENS["committee"]).json()
    check(lst[0]["email"] == "security@sidn.example", "exception listed")
    acc = request("POST", "/api/v1/accounts", {"email": "new@committee.example", "role": "committee"},
                  token=TOKENS["secretariat"])
    check(acc.status == 201, acc.text)
    check(any(a["email"] == "new@committee.example" for a in
              request("GET", "/api/v1/accounts", token=TOKENS["secretariat"]).json()), "listed")


def deliver(msgid, sender, subject):
    """One post to the list through `tldops deliver`, as Postfix's pipe."""
    import subprocess
    raw = ("From: Someone <%s>\nTo: tld-ops@localhost\nSubject: %s\n"
           "Message-ID: <%s>\n\nA post.\n" % (sender, subject, msgid)).encode()
    r = subprocess.run([os.environ["WEB_BIN"], "deliver", "tld-ops@localhost", sender],
                       input=raw, capture_output=True)
    check(r.returncode == 0, r.stderr.decode())
    return r.stdout.decode()


def test_held_posts_approved_and_rejected():
    out = deliver("held-1@elsewhere.example", "eve@elsewhere.example", "<script>x</script> news")
    check("held" in out, out)
    deliver("held-2@elsewhere.example", "mallory@elsewhere.example", "Second")
    error_of(request("GET", "/api/v1/held", token=TOKENS["member"]), 403)
    held = request("GET", "/api/v1/held", token=TOKENS["committee"]).json()
    by_subject = {p["subject"]: p for p in held}
    first = by_subject["<script>x</script> news"]
    check(first["from"] == "eve@elsewhere.example" and first["reason"].startswith("non-member"),
          repr(first))
    # The page shows it as text, with both forms.
    c, _ = session("committee")
    page = request("GET", "/committee/held", cookies=c).text
    check("&lt;script&gt;x&lt;/script&gt; news" in page and "<script>x" not in page, "escaped")
    check('action="/committee/held/%d/approve"' % first["id"] in page, "approve form")
    error_of(request("POST", "/api/v1/held/%d/reject" % first["id"], {},
                     token=TOKENS["committee"]), 422, "reason")
    r = request("POST", "/api/v1/held/%d/reject" % first["id"], {"reason": "Off topic"},
                token=TOKENS["committee"])
    check(r.status == 200 and r.json()["state"] == "rejected", r.text)
    error_of(request("POST", "/api/v1/held/%d/approve" % first["id"], {},
                     token=TOKENS["committee"]), 409)
    second = by_subject["Second"]
    r = post_form("/committee/held/%d/approve" % second["id"], {})
    check(r.status == 303, "approve redirects: %d" % r.status)
    left = request("GET", "/api/v1/held", token=TOKENS["committee"]).json()
    check(all(p["id"] not in (first["id"], second["id"]) for p in left), repr(left))
    wait_mail("jan@sidn.example", r"(A post\.)")
    # Leave the outbox empty for the tests that count what it holds.
    deadline = time.time() + 15
    while time.time() < deadline:
        o = request("GET", "/api/v1/outbox", token=TOKENS["committee"]).json()
        if o.get("queued", 0) == 0 and o.get("sending", 0) == 0:
            break
        time.sleep(0.1)


def test_search_pages_and_escaping():
    c, _ = session("member")
    r = request("GET", "/search?q=jansen", cookies=c)
    check(r.status == 200 and "Jan Jansen" in r.text, "search page")
    r = request("GET", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", cookies=c)
    check("<script>alert(1)" not in r.text and "&lt;script&gt;" in r.text, "query escaped")
    r = request("GET", "/cctld/xn--p1ai", cookies=c)
    check(r.status == 200 and "Ivan Petrov" in r.text, "IDN page")
    s = request("GET", "/api/v1/search?q=AFNIC", token=TOKENS["member"]).json()
    check([x["name"] for x in s["contacts"]] == ["Marie Curie"], "API search %r" % s)


def test_archive_members_only_search_and_escaping():
    # The public and a signed-out client see nothing of it.
    for path in ("/archive", "/archive?q=resolver", "/archive/1", "/archive/3/attachments/1"):
        r = request("GET", path)
        check(r.status in (302, 303, 401, 403) and "Resolver" not in r.text and
              "zebrafish" not in r.text, "public refused %s: %d" % (path, r.status))
    for path in ("/api/v1/archive", "/api/v1/archive/1", "/api/v1/archive?q=zebrafish"):
        r = request("GET", path)
        check(r.status == 401 and "zebrafish" not in r.text, "API refused %s: %d" % (path, r.status))
    c, _ = session("member")
    r = request("GET", "/archive", cookies=c)
    check(r.status == 200 and "Resolver vulnerability" in r.text and "2026-12" in r.text,
          "the month's threads")
    check("<script>window" not in r.text and "&lt;script&gt;window.pwned=1" in r.text,
          "a subject's script is text")
    check("<b>Eve</b>" not in r.text, "a name's markup is text")
    r = request("GET", "/archive?q=zebrafish", cookies=c)
    check(r.status == 200 and "/archive/2" in r.text and "/archive/1\"" not in r.text,
          "search finds the post: %s" % r.text[-600:])
    r = request("GET", "/archive/2", cookies=c)
    check(r.status == 200 and "zebrafish patch" in r.text and "/archive/1" in r.text,
          "a post and its thread")
    r = request("GET", "/archive/3", cookies=c)
    check(r.status == 200 and "<script>window" not in r.text and "<img src=x" not in r.text and
          "&lt;img src=x onerror=" in r.text, "an HTML part shown as text")
    r = request("GET", "/archive/3/attachments/1", cookies=c)
    check(r.status == 200 and r.header("content-type") == "application/octet-stream" and
          (r.header("content-disposition") or "").startswith("attachment; filename=\"") and
          "<" not in r.header("content-disposition"), "attachment download: %r %r" % (
              r.header("content-type"), r.header("content-disposition")))
    check("sandbox" in (r.header("content-security-policy") or ""), "attachment sandboxed")
    check(request("GET", "/archive/3/attachments/9", cookies=c).status == 404, "no attachment 9")
    check(request("GET", "/archive/99", cookies=c).status == 404, "no post 99")
    # The API: the same posts, newest first; a cursor; one post in full.
    a = request("GET", "/api/v1/archive", token=TOKENS["member"]).json()
    # (Other tests approve held posts, which the archive then keeps too.)
    check([p["id"] for p in a["posts"] if p["id"] <= 3] == [3, 2, 1], "API listing %r" % a)
    a = request("GET", "/api/v1/archive?q=resolver", token=TOKENS["member"]).json()
    check([p["id"] for p in a["posts"]] == [2, 1], "API search %r" % a)
    a = request("GET", "/api/v1/archive?q=resolver&limit=1", token=TOKENS["member"]).json()
    check([p["id"] for p in a["posts"]] == [2] and a["next_before"] == 2, "a page %r" % a)
    a = request("GET", "/api/v1/archive?q=resolver&before=2", token=TOKENS["member"]).json()
    check([p["id"] for p in a["posts"]] == [1], "the next page %r" % a)
    p = request("GET", "/api/v1/archive/3", token=TOKENS["member"]).json()
    check(p["text_is_html"] and p["attachments"][0]["filename"].startswith("<img"), "post %r" % p)
    error_of(request("GET", "/api/v1/archive?before=x", token=TOKENS["member"]), 400, "before")
    error_of(request("GET", "/api/v1/archive/99", token=TOKENS["member"]), 404, "id")


def test_metrics():
    r = request("GET", "/metrics")
    check(r.status == 200, "metrics")
    t = r.text
    check('tldops_http_requests_total{method="GET",route="/api/v1/cctlds/{code}",status="200"}' in t,
          "requests by route")
    check("tldops_http_request_duration_seconds_bucket" in t, "histogram")
    check(re.search(r"^tldops_contacts 3$", t, re.M), "contacts gauge")
    check(re.search(r"^tldops_member_cctlds 3$", t, re.M), "members gauge")
    check('tldops_outbox_deliveries{state="failed"}' in t, "outbox gauge")
    # The route walk called every route: each has its own counter.
    for x in request("GET", "/api/v1").json()["routes"]:
        check('method="%s",route="%s"' % (x["method"], x["path"]) in t,
              "no counter for %s %s" % (x["method"], x["path"]))


def outbox_figure(text):
    """All deliveries ever queued: the sum over every state."""
    n = re.findall(r'^tldops_outbox_deliveries\{state="\w+"\} (\d+)$', text, re.M)
    return sum(int(x) for x in n) if len(n) == 4 else None


def test_metrics_tell_the_public_nothing_about_accounts():
    """Issue 21, item 1: ask for a link, read /metrics, see whether it moved."""
    fwd = {"X-Forwarded-For": "203.0.113.9"}
    # The public reaches the server through the proxy (127.0.0.4, trusted).
    pub = request("GET", "/metrics", headers=fwd, source="127.0.0.4")
    check(pub.status == 200 and "tldops_metrics_authorised 0" in pub.text, "public scrape")
    for leak in ("tldops_outbox", "tldops_contacts", "tldops_member_cctlds",
                 "tldops_http_requests_total", "tldops_http_request_duration"):
        check(leak not in pub.text, "the public scrape shows %s" % leak)
    # A proxy on loopback that is not listed forwards the public too.
    check("tldops_outbox" not in request("GET", "/metrics", headers=fwd).text, "via proxy")
    before = outbox_figure(request("GET", "/metrics").text)
    check(before is not None, "the loopback scraper sees the outbox")
    for addr in ("marie@afnic.example", "nobody@elsewhere.example"):
        r = request("POST", "/api/v1/login", {"email": addr}, headers=fwd, source="127.0.0.4")
        check(r.status == 202, "login %d" % r.status)
        pub = request("GET", "/metrics", headers=fwd, source="127.0.0.4")
        check("tldops_outbox" not in pub.text, "nothing moves for the public")
    after = outbox_figure(request("GET", "/metrics").text)
    check(after == before + 1,
          "the authorised scraper does see the one link queued: %s -> %s" % (before, after))


def open_trickling(n, source):
    import socket
    out = []
    for _ in range(n):
        s = socket.create_connection((HOST, PORT), timeout=5, source_address=(source, 0))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # the headers never end
        out.append(s)
    return out


def closed_by_server(s, wait):
    import socket
    s.settimeout(wait)
    try:
        return s.recv(1) == b""
    except socket.timeout:
        return False
    except OSError:
        return True


def test_one_address_holds_few_connections_and_headers_have_a_deadline():
    """Issue 21, item 3 (tests/web/run: max_connections_per_ip 16, header_timeout_seconds 3)."""
    t0 = time.monotonic()
    held = open_trickling(20, "127.0.0.21")
    time.sleep(0.5)
    refused = sum(1 for s in held if closed_by_server(s, 0.02))
    check(refused == 4, "16 of 20 connections held, %d refused" % refused)
    # Another address is served meanwhile, and so is the trusted proxy with as many.
    check(request("GET", "/healthz", source="127.0.0.22").status == 200, "other address")
    proxied = open_trickling(20, "127.0.0.4")
    time.sleep(0.5)
    check(not any(closed_by_server(s, 0.02) for s in proxied), "the proxy is exempt")
    # Headers not finished within 3 s: the server hangs up (the old 30 s idle
    # limit was reset by every byte).
    for s in held + proxied:
        if not closed_by_server(s, max(0.1, t0 + 5.5 - time.monotonic())):
            raise AssertionError("a connection with unfinished headers is still open after 5 s")
    for s in held + proxied:
        s.close()
    check(request("GET", "/healthz", source="127.0.0.21").status == 200, "the address is served again")


class OwnServer:
    """A second `tldops serve` on the same repository, on a free port, with
    [web] settings of its own (`web`: ini lines after base_url and listen);
    stopped with SIGTERM on leaving, when it must exit 0. .port, .process and
    .log (the path of its stderr)."""

    def __init__(self, name, web):
        import socket
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.name = name
        ini = os.path.join(DIR, name + ".ini")
        with open(ini, "w") as f:
            f.write("[web]\nbase_url = http://127.0.0.1:%d\nlisten = 127.0.0.1:%d\n%s"
                    % (self.port, self.port, web))
        self.log = os.path.join(DIR, "serve-%s.log" % name)
        self._log = open(self.log, "wb")
        self.process = subprocess.Popen([os.environ["WEB_BIN"], "serve"],
                                        env=dict(os.environ, TLDOPS_CONFIG=ini),
                                        stdout=self._log, stderr=self._log)

    def __enter__(self):
        for _ in range(100):
            try:
                if request("GET", "/healthz", port=self.port).status == 200:
                    break
            except OSError:
                time.sleep(0.05)
        return self

    def __exit__(self, kind, value, tb):
        import signal
        self.process.send_signal(signal.SIGCONT)  # in case a test left it stopped
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=15)
        self._log.close()
        if kind is None:
            check(code == 0, "the %s server stopped cleanly" % self.name)
        return False


def test_a_paused_server_does_not_blame_its_clients():
    """A request sent while the server did not run (a virtual machine paused for
    a snapshot: CI saw 512 keep-alive connections shut at once) is answered, not
    hung up on for missing the header deadline; an idle connection still is."""
    import signal
    with OwnServer("paused", "header_timeout_seconds = 2\ntrusted_proxies = 127.0.0.1\n") as srv:
        port, p = srv.port, srv.process
        conns = []
        for _ in range(50):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/healthz")
            r = c.getresponse()
            r.read()
            check(r.status == 200, "a first request on each connection")
            conns.append(c)
        p.send_signal(signal.SIGSTOP)
        try:
            time.sleep(0.3)
            for c in conns:
                c.request("GET", "/healthz")  # into the socket while nothing runs
            time.sleep(4)  # twice the header deadline
        finally:
            p.send_signal(signal.SIGCONT)
        answered = 0
        for c in conns:
            try:
                r = c.getresponse()
                r.read()
                answered += r.status == 200
            except (OSError, http.client.HTTPException):
                pass
        check(answered == len(conns), "%d of %d requests sent during the pause answered"
              % (answered, len(conns)))
        # The deadline still holds for a client that sends nothing.
        t0 = time.monotonic()
        check(closed_by_server(conns[0].sock, 5), "an idle connection is shut after the pause")
        waited = time.monotonic() - t0
        check(1.5 < waited < 4, "shut after about 2 s idle, not %.1f s" % waited)
        for c in conns:
            c.close()
    with open(srv.log, encoding="utf-8", errors="replace") as f:
        check("did not run for" in f.read(), "the pause is in the log")


def test_metrics_token():
    """With [web] metrics_token, only its bearer gets the figures, loopback or not."""
    with OwnServer("metrics", "metrics_token = scrape-me-0123456789\n") as srv:
        port = srv.port
        r = request("GET", "/metrics", port=port)
        check("tldops_metrics_authorised 0" in r.text and "tldops_outbox" not in r.text,
              "loopback alone is not enough once a token is set")
        r = request("GET", "/metrics", port=port, token="scrape-me-012345678X")
        check("tldops_outbox" not in r.text, "a wrong token gets nothing")
        r = request("GET", "/metrics", port=port, token="scrape-me-0123456789",
                    headers={"X-Forwarded-For": "203.0.113.9"})
        check("tldops_metrics_authorised 1" in r.text and "tldops_outbox" in r.text,
              "the token's bearer does")


# ---- contact freshness: the confirmation link and the dashboard -------------

def tldops(*args, days=0):
    """The CLI on the server's repository, `days` ahead (faketime); stdout."""
    import subprocess
    cmd = [os.environ["WEB_BIN"], *args]
    env = dict(os.environ)
    if days:
        cmd = ["faketime", "-f", "+%dd" % days, *cmd]
        env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
    return subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout


def freshness_of(addr):
    rows = json.loads(tldops("freshness", "status", "--json"))
    return [r for r in rows if r["email"] == addr][0]


def confirm_tokens(addr):
    """The tokens of the confirmation mails to addr, oldest first."""
    out = []
    for path in sorted(glob.glob(os.path.join(DIR, "mail", "new", "*")), key=os.path.getmtime):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        if msg["Delivered-To"] == addr and "confirm your TLD-OPS entry" in msg["Subject"]:
            m = re.search(r"/confirm/([A-Za-z0-9_-]{43})\s", msg.get_body(("plain",)).get_content())
            check(m, "a confirmation mail without its link")
            out.append(m.group(1))
    return out


def test_confirm_link_shows_then_confirms_once():
    # 181 days on, a round opens: every contact gets the ask, by mail.
    check(freshness_of("marie@afnic.example")["state"] == "confirmed", "fresh to begin with")
    tldops("freshness", "run", days=181)
    tokens = confirm_tokens("marie@afnic.example")
    check(len(tokens) == 1, "one ask to marie: %d" % len(tokens))
    token, path = tokens[0], "/confirm/" + tokens[0]
    asked = freshness_of("marie@afnic.example")
    check(asked["state"] == "asked" and asked["asked"], "asked: %r" % asked)
    # GET shows the entry and a button, and changes nothing (link scanners).
    for _ in range(2):
        r = request("GET", path)
        check(r.status == 200, "confirm page %d" % r.status)
        check("Marie Curie" in r.text and "AFNIC" in r.text and "marie@afnic.example" in r.text,
              "the entry is shown")
        check("This is still correct" in r.text and 'href="/me"' in r.text, "button and portal")
    check(freshness_of("marie@afnic.example") == asked, "GET changed nothing")
    check("<form method=\"post\" action=\"%s\">" % path in r.text, "the button POSTs to the link")
    csrf = csrf_in(r.text)
    pre, _ = cookie_from(r, "tldops_csrf")
    check(csrf == link_csrf(pre, token), "the form value is bound to the link's token")
    # A POST without the page's CSRF value is refused and changes nothing.
    for wrong in ("0" * 64, pre):
        bad = request("POST", path, "csrf=" + wrong, cookies={"tldops_csrf": pre})
        check(bad.status == 403 and "Form expired" in bad.text, "wrong CSRF: %d" % bad.status)
    check(request("POST", path, "csrf=" + csrf).status == 403, "CSRF without its cookie")
    check(freshness_of("marie@afnic.example") == asked, "refused POSTs changed nothing")
    # The button confirms.
    r = request("POST", path, "csrf=" + csrf, cookies={"tldops_csrf": pre})
    check(r.status == 200 and "Thank you" in r.text, "confirmed: %d %s" % (r.status, r.text[:200]))
    now = freshness_of("marie@afnic.example")
    check(now["state"] == "confirmed" and now["confirmed_via"] == "link", "state %r" % now)
    check(now["asked"] is None, "the round is closed")
    audit = request("GET", "/api/v1/audit", token=TOKENS["committee"]).json()
    check(any(a["action"] == "freshness.confirm" for a in audit), "audited")
    # Used: refused, on GET and POST alike, and nothing changes.
    for method, body in (("POST", "csrf=" + csrf), ("GET", None)):
        r = request(method, path, body, cookies={"tldops_csrf": pre})
        check(r.status == 409 and "This link is not valid" in r.text and
              "used already" in r.text, "used link %s: %d" % (method, r.status))
        check("Marie Curie" not in r.text, "a used link shows no entry")
    check(freshness_of("marie@afnic.example") == now, "reuse changed nothing")
    # Unknown and malformed links: not valid, 404.
    check(request("GET", "/confirm/%00").status == 404, "a NUL in the link")
    for bogus in ("A" * 43, token[:-1] + ("A" if token[-1] != "A" else "B"), "short"):
        r = request("GET", "/confirm/" + bogus)
        check(r.status == 404 and "This link is not valid" in r.text, "bogus %r: %d" % (bogus, r.status))
        r = request("POST", "/confirm/" + bogus, "csrf=" + csrf, cookies={"tldops_csrf": pre})
        check(r.status == 403, "another link's CSRF value: %d" % r.status)
        r = request("POST", "/confirm/" + bogus, "csrf=" + link_csrf(pre, bogus),
                    cookies={"tldops_csrf": pre})
        check(r.status == 404 and "not valid" in r.text, "bogus POST %r: %d" % (bogus, r.status))
    check(freshness_of("marie@afnic.example") == now, "bogus links changed nothing")
    # The others are still asked: one person's link confirms only their entry.
    check(freshness_of("ivan@cctld.example")["state"] == "asked", "ivan still asked")


def test_committee_dashboard_shows_freshness():
    # 60 days after the ask of 181 days on (the test above), the entries not
    # confirmed are stale; those confirmed since are asked again.
    tldops("freshness", "run", days=242)
    check(freshness_of("ivan@cctld.example")["state"] == "stale", "ivan stale")
    d = {r["email"]: r for r in json.loads(tldops("freshness", "status", "--json"))}
    stale = sorted(a for a, r in d.items() if r["state"] == "stale")
    fresh = sorted(a for a, r in d.items() if r["state"] != "stale")
    check(stale and fresh, "stale and other entries: %r %r" % (stale, fresh))
    r = request("GET", "/committee", cookies=session("committee")[0])
    check(r.status == 200, "dashboard %d" % r.status)
    m = re.search(r'<section aria-labelledby="freshness">(.*?)</section>', r.text, re.S)
    check(m, "a freshness section")
    sec = m.group(1)
    counts = {s: sum(1 for x in d.values() if x["state"] == s) for s in ("confirmed", "asked", "stale")}
    for label, key in (("Confirmed", "confirmed"), ("Asked, not yet confirmed", "asked"),
                       ("Stale", "stale")):
        check(re.search(r"<th scope=\"row\">%s</th><td>%d</td>" % (re.escape(label), counts[key]), sec),
              "%s count %d" % (label, counts[key]))
    check("every 180 days" in sec and "60 days after the ask" in sec, "the policy")
    check("Stale entries (%d)" % len(stale) in sec, "stale heading")
    for addr in stale:
        row = re.search(r"<tr><td><a href=\"/cctld/%s\">.*?</tr>" % re.escape(d[addr]["cctld"]), sec)
        check(row and addr in row.group(0) and d[addr]["name"] in row.group(0), "row of " + addr)
        check(d[addr]["stale_since"][:10] in row.group(0), "stale since of " + addr)
    for addr in fresh:
        check(addr not in sec, "%s is not stale and not listed" % addr)
    check('href="#freshness"' in r.text, "in the section list")
    # Members do not see the dashboard.
    check(request("GET", "/committee", cookies=session("member")[0]).status == 403, "member")


# ---- the offline copy ----------------------------------------------------------

def links_of(html):
    import html as htmllib
    return [htmllib.unescape(h) for h in re.findall(r'href="(/offline/[^"]+)"', html)]


def gpg_verify(data, sig):
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        f = os.path.join(d, "tldops-repository.json")
        with open(f, "wb") as out:
            out.write(data)
        with open(f + ".asc", "wb") as out:
            out.write(sig)
        r = subprocess.run(["gpg", "--batch", "--status-fd", "1", "--verify", f + ".asc", f],
                           capture_output=True, text=True)
        return r.returncode == 0 and "[GNUPG:] VALIDSIG %s" % os.environ["SIGNING_KEY"] in r.stdout


def test_offline_copy_download_verifies():
    import hashlib
    c, _ = session("member")
    page = request("GET", "/offline", cookies=c)
    check(page.status == 200, "offline page %d" % page.status)
    check(os.environ["SIGNING_KEY"] in page.text and "gpg --verify" in page.text, "how to check")
    check("Not signed" not in page.text, "signed")
    links = links_of(page.text)
    check(len(links) == 2 and links[0].startswith("/offline/tldops.json?at=") and
          links[1].startswith("/offline/tldops.json.asc?at="), "two links: %r" % links)
    j = request("GET", links[0], cookies=c)
    check(j.status == 200 and j.header("content-type") == "application/json", "copy %d" % j.status)
    day = time.strftime("%Y-%m-%d", time.gmtime())
    check(j.header("content-disposition") ==
          'attachment; filename="tldops-repository-%s.json"' % day, j.header("content-disposition"))
    check(j.header("cache-control") == "no-store", "not cached")
    doc = j.json()
    check(doc["contacts"] == 3 and {x["code"] for x in doc["cctlds"]} == {"nl", "fr", "xn--p1ai"},
          "the repository")
    sha = urllib.parse.parse_qs(urllib.parse.urlsplit(links[0]).query)["sha256"][0]
    check(hashlib.sha256(j.body).hexdigest() == sha, "the bytes the page named")
    check(sha in page.text, "the page shows the digest")
    sig = request("GET", links[1], cookies=c)
    check(sig.status == 200 and sig.header("content-type") == "application/pgp-signature",
          "signature %d" % sig.status)
    check(sig.header("content-disposition") ==
          'attachment; filename="tldops-repository-%s.json.asc"' % day, "signature name")
    check(sig.header("cache-control") == "no-store", "signature not cached")
    check(sig.body.startswith(b"-----BEGIN PGP SIGNATURE-----"), "armoured")
    check(gpg_verify(j.body, sig.body), "gpg --verify accepts the pair")
    check(not gpg_verify(j.body.replace(b"Marie Curie", b"Marie Curry"), sig.body),
          "gpg refuses a changed copy")
    # Fetched again, the pinned copy is the same bytes.
    check(request("GET", links[0], cookies=c).body == j.body, "pinned copy is stable")
    # A pin that does not match, is stale or from the future: nothing served.
    at = int(urllib.parse.parse_qs(urllib.parse.urlsplit(links[0]).query)["at"][0])
    for q, status in (("at=%d&sha256=%s" % (at, "0" * 64), 409),
                      ("at=%d&sha256=%s" % (at - 1, sha), 409),
                      ("at=%d&sha256=%s" % (at - 7200, sha), 410),
                      ("at=%d&sha256=%s" % (at + 86400, sha), 422),
                      ("at=%d&sha256=%s" % (at, sha.upper()), 422),
                      ("at=soon&sha256=%s" % sha, 400)):
        for base in ("/offline/tldops.json?", "/offline/tldops.json.asc?"):
            r = request("GET", base + q, cookies=c)
            check(r.status == status, "%s%s: %d, wanted %d" % (base, q, r.status, status))
            check(b"BEGIN PGP" not in r.body and b"Marie" not in r.body, "nothing served")
    r = request("GET", "/offline/tldops.json.asc", cookies=c)
    check(r.status == 400 and "/offline" in r.text, "a signature names its copy: %d" % r.status)
    # Not for the public.
    for path in ["/offline"] + links:
        r = request("GET", path)
        check(r.status == 303 and r.header("location") == "/login", "public %s: %d" % (path, r.status))
    error_of(request("GET", "/api/v1/offline"), 401)
    # The API: the copy and its signature in one answer.
    a = request("GET", "/api/v1/offline", token=TOKENS["member"])
    check(a.status == 200, "api %d" % a.status)
    o = a.json()
    copy = o["copy"].encode("utf-8")
    check(hashlib.sha256(copy).hexdigest() == o["sha256"], "api digest")
    check(o["signing_key"] == os.environ["SIGNING_KEY"] and o["contacts"] == 3, "api fields")
    check(o["filename"] == "tldops-repository-%s.json" % day, "api name")
    check(gpg_verify(copy, o["signature"].encode()), "api pair verifies")


def test_offline_copy_without_a_signing_key():
    """A second server on the same repository, configured without a key."""
    import signal
    import socket
    import subprocess
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    ini = os.path.join(DIR, "nokey.ini")
    with open(ini, "w") as f:
        f.write("[web]\nbase_url = http://127.0.0.1:%d\nlisten = 127.0.0.1:%d\n"
                "[mail]\nsecretariat = kim@secretariat.example\n" % (port, port))
    env = dict(os.environ, TLDOPS_CONFIG=ini)
    log = open(os.path.join(DIR, "serve-nokey.log"), "wb")
    p = subprocess.Popen([os.environ["WEB_BIN"], "serve"], env=env, stdout=log, stderr=log)
    try:
        for _ in range(100):
            try:
                if request("GET", "/healthz", port=port).status == 200:
                    break
            except OSError:
                time.sleep(0.05)
        c, _ = session("member")  # sessions live in the repository: valid here too
        page = request("GET", "/offline", cookies=c, port=port)
        check(page.status == 200 and "Not signed" in page.text and "signing_key" in page.text,
              "says so plainly")
        links = links_of(page.text)
        check(len(links) == 1 and links[0].startswith("/offline/tldops.json?"), "copy only: %r" % links)
        j = request("GET", links[0], cookies=c, port=port)
        check(j.status == 200 and j.json()["contacts"] == 3, "the unsigned copy")
        r = request("GET", links[0].replace("tldops.json?", "tldops.json.asc?"), cookies=c, port=port)
        check(r.status == 503 and "no signing key" in r.text, "no signature: %d" % r.status)
        check(b"BEGIN PGP" not in r.body, "nothing signed")
        o = request("GET", "/api/v1/offline", token=TOKENS["member"], port=port).json()
        check(o["signature"] is None and o["signing_key"] is None and o["contacts"] == 3,
              "the API says unsigned")
    finally:
        p.send_signal(signal.SIGTERM)
        check(p.wait(timeout=15) == 0, "the second server stopped cleanly")
        log.close()


# ---- the member's OpenPGP key (docs/crypto.md) --------------------------------

def test_member_uploads_own_key():
    import subprocess
    import tempfile
    cookies, _ = session("member")
    mine = request("GET", "/api/v1/me", token=TOKENS["member"]).json()["contact"]
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, GNUPGHOME=home)
        g = lambda *a: subprocess.run(["gpg", "--batch", "--pinentry-mode", "loopback",
                                       "--passphrase", "", *a], env=env, check=True,
                                      capture_output=True, text=True).stdout
        g("--quick-gen-key", "Jan Jansen <jan@sidn.example>", "future-default", "default", "1y")
        fpr = [l.split(":")[9] for l in g("--with-colons", "--list-keys").splitlines()
               if l.startswith("fpr:")][0]
        pub = g("--armor", "--export", fpr)
        sec = g("--armor", "--export-secret-keys", fpr)
        subprocess.run(["gpgconf", "--kill", "all"], env=env)
    page = request("GET", "/me", cookies=cookies)
    check("has no OpenPGP fingerprint" in page.text, "no fingerprint yet")
    # Without the CSRF field: refused.
    r = post_form("/me/key", {"key": pub}, role="member", csrf=False)
    check(r.status == 403, "no CSRF: %d" % r.status)
    tldops("contact", "update", str(mine["id"]), "--pgp", fpr)
    try:
        page = request("GET", "/me", cookies=cookies)
        check("not in the keyring" in page.text and 'action="/me/key"' in page.text, "upload form")
        # A secret key pasted by mistake: refused, not stored, not shown back.
        text = refused_naming(post_form("/me/key", {"key": sec}, role="member"), 422, "key", "key")
        check("secret (private) key" in text and "PRIVATE KEY BLOCK" not in text, "secret refused")
        listed = subprocess.run(["gpg", "--batch", "--list-secret-keys", fpr], capture_output=True)
        check(listed.returncode != 0, "the secret key reached the keyring")
        refused_naming(post_form("/me/key", {"key": "not a key"}, role="member"), 422, "key", "key")
        refused_naming(post_form("/me/key", {"key": ""}, role="member"), 422, "key", "key")
        r = post_form("/me/key", {"key": pub}, role="member")
        check(r.status == 200 and "Your key %s is stored" % fpr in r.text, r.text[-600:])
        page = request("GET", "/me", cookies=cookies)
        check("Mail from the list is encrypted to your key" in page.text, "usable key shown")
        rows = json.loads(tldops("key", "list", "--json"))
        check([x["usable"] for x in rows if x["fingerprint"] == fpr] == [True], "key list")
    finally:
        tldops("contact", "update", str(mine["id"]), "--pgp", "")


def test_key_api():
    """GET/POST /api/v1/me/key, GET /api/v1/keys, POST /api/v1/contacts/{id}/key:
    400 for malformed JSON, 422 naming "key" for what is not the member's
    public key, nothing stored; the same checks as /me and `key import`."""
    import subprocess
    import tempfile
    mem, com, sec = TOKENS["member"], TOKENS["committee"], TOKENS["secretariat"]
    mine = request("GET", "/api/v1/me", token=mem).json()["contact"]
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, GNUPGHOME=home)
        g = lambda *a: subprocess.run(["gpg", "--batch", "--pinentry-mode", "loopback",
                                       "--passphrase", "", *a], env=env, check=True,
                                      capture_output=True, text=True).stdout
        g("--quick-gen-key", "Jan Jansen (api) <jan@sidn.example>", "future-default",
          "default", "20d")
        g("--quick-gen-key", "Someone Else <else@example.org>", "future-default", "default", "1y")
        lines = g("--with-colons", "--list-keys").splitlines()
        fprs = [lines[i + 1].split(":")[9] for i, l in enumerate(lines)
                if l.startswith("pub:")]   # the primary keys', not the subkeys'
        fpr, other = fprs[0], fprs[1]
        pub, other_pub = g("--armor", "--export", fpr), g("--armor", "--export", other)
        sec_key = g("--armor", "--export-secret-keys", fpr)
        subprocess.run(["gpgconf", "--kill", "all"], env=env)
    in_keyring = lambda f: subprocess.run(["gpg", "--batch", "--list-keys", f],
                                          capture_output=True).returncode == 0
    tldops("contact", "update", str(mine["id"]), "--pgp", fpr)
    try:
        r = request("GET", "/api/v1/me/key", token=mem)
        check(r.status == 200 and r.json()["in_keyring"] is False and
              r.json()["why"] == "not in the keyring", r.text)
        r = request("POST", "/api/v1/me/key", body='{"key": ', token=mem,
                    content_type="application/json")
        error_of(r, 400, "body")
        error_of(request("POST", "/api/v1/me/key", body={}, token=mem), 422, "key")
        error_of(request("POST", "/api/v1/me/key", body={"key": 5}, token=mem), 422, "key")
        error_of(request("POST", "/api/v1/me/key", body={"key": ""}, token=mem), 422, "key")
        e = error_of(request("POST", "/api/v1/me/key", body={"key": "garbage"}, token=mem),
                     422, "key")
        check("ASCII-armoured" in e["message"], e["message"])
        e = error_of(request("POST", "/api/v1/me/key", body={"key": sec_key}, token=mem),
                     422, "key")
        check("secret (private) key" in e["message"], e["message"])
        check(subprocess.run(["gpg", "--batch", "--list-secret-keys", fpr],
                             capture_output=True).returncode != 0, "a secret key was stored")
        e = error_of(request("POST", "/api/v1/me/key", body={"key": other_pub}, token=mem),
                     422, "key")
        check("does not match" in e["message"], e["message"])
        check(not in_keyring(fpr) and not in_keyring(other), "a refused key was stored")
        # The secretariat's import: the same checks; no such contact is a 404.
        error_of(request("POST", "/api/v1/contacts/%d/key" % mine["id"],
                         body={"key": other_pub}, token=sec), 422, "key")
        error_of(request("POST", "/api/v1/contacts/999999/key", body={"key": pub},
                         token=sec), 404)
        check(request("POST", "/api/v1/contacts/%d/key" % mine["id"], body={"key": pub},
                      token=mem).status == 403, "a member imports for a contact")
        r = request("POST", "/api/v1/me/key", body={"key": pub}, token=mem)
        check(r.status == 200 and r.json()["fingerprint"] == fpr and r.json()["usable"],
              r.text)
        r = request("GET", "/api/v1/me/key", token=mem)
        check(r.json()["usable"] is True and r.json()["expires"], r.text)
        check(request("GET", "/api/v1/keys", token=mem).status == 403, "members list keys")
        rows = request("GET", "/api/v1/keys", token=com).json()
        check([x["usable"] for x in rows if x["fingerprint"] == fpr] == [True], rows)
        r = request("POST", "/api/v1/contacts/%d/key" % mine["id"], body={"key": pub}, token=sec)
        check(r.status == 200 and r.json()["contact"] == mine["id"], r.text)
    finally:
        tldops("contact", "update", str(mine["id"]), "--pgp", "")


def test_contacts_api():
    """POST/PATCH/DELETE /api/v1/contacts[/{id}]: 400 for malformed JSON, 422
    naming the field, nothing stored on a refusal; members may not change."""
    sec, mem = TOKENS["secretariat"], TOKENS["member"]
    before = len(request("GET", "/api/v1/contacts", token=sec).json())
    r = request("POST", "/api/v1/contacts", body='{"cctld": "nl",', token=sec,
                content_type="application/json")
    error_of(r, 400, "body")
    r = request("POST", "/api/v1/contacts", body=[1], token=sec)
    error_of(r, 400)
    new = {"cctld": "nl", "name": "Api Contact", "email": "api@sidn.example",
           "phone": "+31 26 352 5577"}
    error_of(request("POST", "/api/v1/contacts", body=dict(new, email="nope"), token=sec),
             422, "email")
    error_of(request("POST", "/api/v1/contacts", body=dict(new, phone=12), token=sec),
             422, "phone")
    error_of(request("POST", "/api/v1/contacts", body=new, token=mem), 403)
    check(len(request("GET", "/api/v1/contacts", token=sec).json()) == before,
          "nothing stored on the refusals")
    r = request("POST", "/api/v1/contacts", body=new, token=sec)
    check(r.status == 201, "added: %d %s" % (r.status, r.text[:200]))
    cid = r.json()["id"]
    # No role: stored, with the approver's flag as a warning.
    check([(w["field"], "no role" in w["message"]) for w in r.json()["warnings"]] ==
          [("role", True)], "the warning: %s" % r.text[:300])
    check(r.header("location") == "/api/v1/contacts/%d" % cid, "Location")
    check(request("GET", "/api/v1/contacts/%d" % cid, token=mem).json()["name"] == "Api Contact",
          "a member reads it")
    error_of(request("PATCH", "/api/v1/contacts/%d" % cid, body={"phone": "x"}, token=sec),
             422, "phone")
    error_of(request("PATCH", "/api/v1/contacts/%d" % cid, body={"cctld": "fr"}, token=sec),
             422, "cctld")
    r = request("PATCH", "/api/v1/contacts/%d" % cid, body={"role": "CSIRT lead"}, token=sec)
    check(r.status == 200 and r.json()["role"] == "CSIRT lead" and "warnings" not in r.json(),
          "changed: %s" % r.text[:200])
    r = request("PATCH", "/api/v1/contacts/%d" % cid, body={"role": "Customer success"}, token=sec)
    check(r.status == 200 and [w["field"] for w in r.json()["warnings"]] == ["role"],
          "a non-security role is flagged, and stored: %s" % r.text[:200])
    r = request("PATCH", "/api/v1/contacts/%d" % cid, body={"role": "CSIRT lead"}, token=sec)
    error_of(request("PATCH", "/api/v1/contacts/999999", body={"role": "x"}, token=sec), 404)
    error_of(request("DELETE", "/api/v1/contacts/%d" % cid, body={}, token=sec), 422, "reason")
    r = request("DELETE", "/api/v1/contacts/%d" % cid, body={"reason": "a test"}, token=sec)
    check(r.status == 200 and r.json() == {"id": cid, "removed": True}, r.text[:200])
    error_of(request("GET", "/api/v1/contacts/%d" % cid, token=sec), 404)
    h = request("GET", "/api/v1/contacts/%d/history" % cid, token=sec).json()
    check([e["action"] for e in h["entries"]] ==
          ["contact.remove", "contact.update", "contact.update", "contact.update",
           "contact.add"], "history %r" % h)
    check(h["entries"][0]["after"]["reason"] == "a test", "the reason is kept")
    # A browser gets an HTML 404 outside /api/, a script JSON.
    r = request("GET", "/no/such/page", headers={"Accept": "text/html,*/*"})
    check(r.status == 404 and r.header("content-type").startswith("text/html"), "HTML 404")
    error_of(request("GET", "/api/v1/nothing", headers={"Accept": "text/html"}), 404)
    error_of(request("GET", "/no/such/page"), 404)


def test_community_contacts_api():
    """A community contact (the IANA root contact, a liaison): POST with
    affiliation and kind instead of cctld, refusals naming the field and
    storing nothing, ?community=1, PATCH of its kind only, the ccTLD page and
    GET /api/v1/cctlds/{code} show it apart; removed again at the end."""
    sec, mem = TOKENS["secretariat"], TOKENS["member"]
    before = len(request("GET", "/api/v1/contacts", token=sec).json())
    new = {"affiliation": "ICANN", "kind": "liaison", "name": "Api Liaison",
           "email": "liaison@icann-api.example", "phone": "+1 310 301 5800",
           "role": "Security liaison"}
    error_of(request("POST", "/api/v1/contacts", body=dict(new, cctld="nl"), token=sec),
             422, "affiliation")
    error_of(request("POST", "/api/v1/contacts", body=dict(new, kind="chair"), token=sec),
             422, "kind")
    error_of(request("POST", "/api/v1/contacts", body=dict(new, kind=None), token=sec),
             422, "kind")
    check(len(request("GET", "/api/v1/contacts", token=sec).json()) == before,
          "nothing stored on the refusals")
    r = request("POST", "/api/v1/contacts", body=new, token=sec)
    check(r.status == 201, "added: %d %s" % (r.status, r.text[:200]))
    c = r.json()
    check((c["cctld"], c["kind"], c["affiliation"]) == (None, "liaison", "ICANN"),
          "a community contact: %r" % c)
    listed = request("GET", "/api/v1/contacts?community=1", token=mem).json()
    check([x["email"] for x in listed] == ["liaison@icann-api.example"],
          "?community=1: %r" % listed)
    error_of(request("GET", "/api/v1/contacts?community=1&cctld=nl", token=mem), 400,
             "community")
    error_of(request("GET", "/api/v1/contacts?community=maybe", token=mem), 400, "community")
    r = request("PATCH", "/api/v1/contacts/%d" % c["id"], body={"kind": "staff"}, token=sec)
    check(r.status == 200 and r.json()["kind"] == "staff", "kind changed: %s" % r.text[:200])
    error_of(request("PATCH", "/api/v1/contacts/%d" % c["id"], body={"kind": "bogus"},
                     token=sec), 422, "kind")
    ccs = [x for x in request("GET", "/api/v1/contacts", token=sec).json() if x["cctld"]]
    if ccs:
        error_of(request("PATCH", "/api/v1/contacts/%d" % ccs[0]["id"],
                         body={"affiliation": "IANA"}, token=sec), 422, "affiliation")
    o = request("GET", "/api/v1/cctlds/nl", token=mem).json()
    check([x["email"] for x in o["community_contacts"]] == ["liaison@icann-api.example"],
          "the lookup has it apart: %r" % o.get("community_contacts"))
    check("liaison@icann-api.example" not in [x["email"] for x in o["contact_list"]],
          "not a contact of .nl")
    page = request("GET", "/cctld/nl", cookies=session("member")[0],
                   headers={"Accept": "text/html"}).text
    check("Community contacts (1)" in page and "Api Liaison" in page, "the ccTLD page")
    page = request("GET", "/contacts?cctld=community", cookies=session("secretariat")[0],
                   headers={"Accept": "text/html"}).text
    check("1 contact match" in page and "ICANN (staff)" in page, "the filter: %s" % page[-800:])
    error_of(request("POST", "/api/v1/requests", body={"kind": "join", "cctld": "nl",
             "affiliation": "IANA", "name": "X Y", "email": "x@sidn.example",
             "phone": "+31 26 352 5599"}, token=sec), 422, "affiliation")
    # Signed in, the liaison is a member whose entry the secretariat keeps:
    # no update form (there is no ccTLD IANA contact to authorise one).
    cookies, csrf = login_session("liaison@icann-api.example")
    page = request("GET", "/me", cookies=cookies).text
    check("community contact of the list (ICANN, staff)" in page and
          'href="/cctld/"' not in page and 'action="/me"' not in page, "the portal: %s" % page[-900:])
    r = request("POST", "/me", "csrf=%s&name=Someone+Else" % csrf, cookies=cookies)
    check(r.status == 403 and "secretariat keeps it" in r.text, "no change request: %d" % r.status)
    check(request("GET", "/api/v1/contacts/%d" % c["id"], token=sec).json()["name"] == "Api Liaison",
          "the entry unchanged")
    r = request("DELETE", "/api/v1/contacts/%d" % c["id"], body={"reason": "a test"}, token=sec)
    check(r.status == 200, r.text[:200])


def big_csv(n, bad=()):
    """n contact lines, 8 per ccTLD (tests/web/run allows 10), over ccTLDs without
    contacts that no browser test (*.mjs) uses -- phones.mjs sets the
    outreach of one, which a member ccTLD refuses; lines in bad get a planted error."""
    here = os.path.dirname(os.path.abspath(__file__))
    used = set()
    pages = sorted(n for n in os.listdir(here) if n.endswith(".mjs"))
    for name in pages + ["test_collateral.py"]:
        with open(os.path.join(here, name), encoding="utf-8") as f:
            used |= set(re.findall(r"['\"=/]([a-z]{2})\b", f.read()))
    codes = [c["code"] for c in request("GET", "/api/v1/cctlds").json()
             if c["kind"] == "ascii" and c["contacts"] == 0 and c["code"] not in used]
    check(len(codes) * 8 >= n, "enough ccTLDs for %d lines: %d" % (n, len(codes)))
    rows = ["cctld,name,email,phone,role"]
    for i in range(n):
        line = i + 2  # the header is line 1
        email = "person%d@bulk-%d.example" % (i, i // 8)
        phone = "+31 26 35%05d" % i
        if line in bad:
            email = "no-at-sign-%d" % i if line % 2 else email
            phone = phone if line % 2 else "12"
        rows.append("%s,Person %d,%s,%s,Analyst" % (codes[i // 8], i, email, phone))
    return "\n".join(rows) + "\n"


def test_import_api():
    """POST /api/v1/imports: a 1,000-line CSV with 5 planted errors: every bad
    line named, nothing stored; then the dry run and the import; update mode."""
    sec = TOKENS["secretariat"]
    before = len(request("GET", "/api/v1/contacts", token=sec).json())
    bad = (17, 200, 333, 640, 999)
    r = request("POST", "/api/v1/imports", body={"csv": big_csv(1000, bad), "dry_run": True},
                token=sec)
    error_of(r, 422, "csv")
    j = r.json()
    check(j["bad_lines"] == 5 and [p["line"] for p in j["problems"]] == list(bad),
          "every planted line named: %r" % j["problems"])
    check({p["field"] for p in j["problems"]} == {"email", "phone"}, "fields named")
    error_of(request("POST", "/api/v1/imports", body={"csv": big_csv(1000, bad)}, token=sec), 422)
    check(len(request("GET", "/api/v1/contacts", token=sec).json()) == before, "nothing stored")
    good = big_csv(1000)
    r = request("POST", "/api/v1/imports", body={"csv": good, "dry_run": True}, token=sec)
    check(r.status == 200 and r.json() == {"stored": False, "added": 1000, "changed": 0,
                                           "unchanged": 0, "warned": 0, "warnings": []}, r.text[:300])
    check(len(request("GET", "/api/v1/contacts", token=sec).json()) == before, "a dry run stores nothing")
    r = request("POST", "/api/v1/imports", body={"csv": good}, token=sec)
    check(r.status == 201 and r.json()["added"] == 1000, r.text[:300])
    check(len(request("GET", "/api/v1/contacts", token=sec).json()) == before + 1000, "imported")
    # Update mode: the same file with two roles changed and one new line.
    lines = good.splitlines()
    lines[5] = lines[5].replace("Analyst", "Lead")
    lines[6] = lines[6].replace("Analyst", "Lead")
    lines.append(lines[1].replace("person0@", "newcomer@").replace("35000", "39999"))
    upd = "\n".join(lines) + "\n"
    error_of(request("POST", "/api/v1/imports", body={"csv": upd}, token=sec), 422, "csv")
    r = request("POST", "/api/v1/imports", body={"csv": upd, "update": True}, token=sec)
    check(r.status == 201 and r.json() == {"stored": True, "added": 1, "changed": 2,
                                           "unchanged": 998, "warned": 0, "warnings": []}, r.text[:300])
    # The approver's role flags: warnings on good lines, stored all the same.
    flagged = lines[0] + "\n" + "\n".join(
        l.replace("person", "warned") for l in (
            lines[9].replace("Analyst", "Head of Sales"), lines[17].replace(",Analyst", ","),
            lines[25])) + "\n"
    r = request("POST", "/api/v1/imports", body={"csv": flagged, "dry_run": True}, token=sec)
    j = r.json()
    check(r.status == 200 and j["added"] == 3 and j["warned"] == 2, r.text[:300])
    check([(w["line"], w["field"]) for w in j["warnings"]] == [(2, "role"), (3, "role")] and
          "not security" in j["warnings"][0]["message"] and
          "no role" in j["warnings"][1]["message"], "the flags: %r" % j["warnings"])
    # A semicolon CSV is refused with a hint; malformed JSON and bad flags too.
    r = request("POST", "/api/v1/imports", body={"csv": "cctld;name;email;phone\n"}, token=sec)
    error_of(r, 422, "csv")
    check("semicolons" in r.json()["problems"][0]["message"], "the hint")
    error_of(request("POST", "/api/v1/imports", body={"csv": good, "update": "yes"}, token=sec),
             422, "update")
    error_of(request("POST", "/api/v1/imports", body="{", token=sec,
                     content_type="application/json"), 400)
    error_of(request("POST", "/api/v1/imports", body={"csv": good}, token=TOKENS["committee"]), 403)


def test_exports_download():
    """The exports page's files: attachments, never cached, the bytes of
    tldops export; the CSV goes back in with update mode and changes nothing."""
    sec = TOKENS["secretariat"]
    c, _ = session("secretariat")
    page = request("GET", "/exports", cookies=c)
    check(page.status == 200, "exports page %d" % page.status)
    want = {"csv": ("text/csv; charset=utf-8", "tldops-contacts.csv"),
            "json": ("application/json", "tldops-contacts.json"),
            "vcard": ("text/vcard; charset=utf-8", "tldops-contacts.vcf"),
            "mailman": ("text/plain; charset=utf-8", "tldops-mailman-roster.txt"),
            "website": ("text/plain; charset=utf-8", "tldops-members.txt"),
            "spreadsheet": ("text/csv; charset=utf-8", "tldops-stats.csv")}
    links = re.findall(r'href="(/(?:exports|offline|contacts)[^"]*)"', page.text)
    check(sorted(set(links)) == sorted(["/exports/" + f for f in want] +
                                       ["/offline", "/contacts"]),
          "the links: %r" % links)
    for fmt, (ctype, name) in want.items():
        for r in (request("GET", "/exports/" + fmt, cookies=c),
                  request("GET", "/api/v1/exports/" + fmt, token=sec)):
            check(r.status == 200 and r.header("content-type") == ctype,
                  "%s: %d %s" % (fmt, r.status, r.header("content-type")))
            check(r.header("content-disposition") == 'attachment; filename="%s"' % name,
                  r.header("content-disposition"))
            check(r.header("cache-control") == "no-store", fmt + " not cached")
            check("sandbox" in (r.header("content-security-policy") or ""), fmt + " sandboxed")
        out = subprocess.run([os.environ["WEB_BIN"], "export", "--format", fmt],
                             capture_output=True, check=True).stdout
        if fmt != "spreadsheet":  # its "since" figures move with the clock
            check(r.body == out, fmt + ": the bytes of tldops export")
    csv = request("GET", "/api/v1/exports/csv", token=sec)
    check(b"jan@sidn.example" in csv.body and b"vCard" not in csv.body, "the contacts")
    vcf = request("GET", "/api/v1/exports/vcard", token=sec).body
    check(vcf.startswith(b"BEGIN:VCARD\r\nVERSION:4.0"), "a vCard")
    n = len(request("GET", "/api/v1/contacts", token=sec).json())
    r = request("POST", "/api/v1/imports", body={"csv": csv.body.decode(), "update": True,
                                                 "dry_run": True}, token=sec)
    check(r.status == 200 and r.json() == {"stored": False, "added": 0, "changed": 0,
                                           "unchanged": n, "warned": 0, "warnings": []}, "the export goes back in: " + r.text[:300])
    error_of(request("GET", "/api/v1/exports/pdf", token=sec), 422, "format")
    bad = request("GET", "/exports/pdf", cookies=c, headers={"Accept": "text/html"})
    check(bad.status == 422 and "format" in bad.text and
          "text/html" in bad.header("content-type"), "a page naming the format")
    error_of(request("GET", "/api/v1/exports/csv", token=TOKENS["committee"]), 403)
    check(request("GET", "/exports/csv", cookies=session("committee")[0]).status == 403,
          "the committee gets no export")


def run_tests(namespace, label):
    """Run every test_* function of namespace (a module's globals()), in order,
    and print one line each and a total; 1 if any failed."""
    tests = [(n, f) for n, f in namespace.items() if n.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        try:
            fn()
            passed += 1
            print("ok   " + name)
        except Exception as e:  # noqa: BLE001 - report every failure
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    print("%s: %d passed, %d failed" % (label, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run_tests(globals(), "web api"))
