#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Content negotiation of errors (issue 22): a browser (Accept: text/html)
gets an HTML page for 400, 403, 404, 405, 413, 422 and 500 on any path
outside /api/; /api/ answers JSON always, and so does every path for a
client that does not ask for HTML.  Run by tests/web/run (api, all).
"""
import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time

import test_api
from test_api import DIR, HOST, PORT, TOKENS, Resp, check, error_of, run_tests, session

# From a loopback address of its own (and its sign-ins too, through
# test_api.request): the one-time links opened here do not count against
# the tests that run after (20 a client a minute).
_request = test_api.request


def request(*args, **kw):
    kw.setdefault("source", "127.0.0.81")
    return _request(*args, **kw)


test_api.request = request

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def html_error(r, status, title, words=()):
    """An HTML error page: the status, a page of the site, its h1, the words."""
    check(r.status == status, "expected %d, got %d: %s" % (status, r.status, r.text[:200]))
    check(r.header("content-type").startswith("text/html"), "%d as %s" % (status, r.header("content-type")))
    t = r.text
    check(t.startswith("<!doctype html>") and '<main id="main">' in t and
          '<link rel="stylesheet" href="/static/style.css">' in t, "a page of the site")
    check(title is None or "<h1>%s</h1>" % title in t, "h1 %r in %s" % (title, t[t.find("<h1"):t.find("</h1>") + 5]))
    for w in words:
        check(w in t, "%r on the page" % w)
    check('"error"' not in t, "JSON text on the page")
    return t


def test_browser_gets_html_404_and_405():
    html_error(request("GET", "/no/such/page", headers=BROWSER), 404, "Not found",
               ["There is no such page"])
    r = request("DELETE", "/search", headers=BROWSER)
    html_error(r, 405, "Not allowed")
    check(r.header("allow") == "GET, HEAD", "Allow: %s" % r.header("allow"))
    c, _ = session("member")
    # A handler's own 404 (a JSON error inside) as a page naming the field.
    html_error(request("GET", "/archive/999999", cookies=c, headers=BROWSER), 404,
               "Not found", ["id: "])


def test_browser_gets_html_400_403_413_422():
    c, _ = session("member")
    # A malformed query string (routes.c answers before any handler).
    html_error(request("GET", "/search?q=%ZZ", cookies=c, headers=BROWSER), 400, "Bad request")
    # A member on a committee page; the committee on a secretariat page.
    html_error(request("GET", "/committee", cookies=c, headers=BROWSER), 403, "Not for your role")
    cc, _ = session("committee")
    html_error(request("GET", "/contacts", cookies=cc, headers=BROWSER), 403, "Not for your role")
    # A body over the limit, refused before it is read.
    conn = http.client.HTTPConnection(HOST, PORT, timeout=20)
    conn.putrequest("POST", "/me")
    conn.putheader("Accept", BROWSER["Accept"])
    conn.putheader("Cookie", "tldops_session=" + c["tldops_session"])
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Content-Length", str(2 * 1024 * 1024))
    conn.endheaders()
    r = conn.getresponse()
    html_error(Resp(r.status, [(k.lower(), v) for k, v in r.getheaders()], r.read()),
               413, "Too large", ["body: "])
    conn.close()
    cs, _ = session("secretariat")
    html_error(request("GET", "/exports/pdf", cookies=cs, headers=BROWSER), 422, None,
               ["format"])
    html_error(request("GET", "/committee/stats.csv?since=yesterday", cookies=cc,
                       headers=BROWSER), 422, None, ["since: "])


def test_signed_out_browser_is_sent_to_sign_in():
    """No 401 page: a page asks for a session, so it sends the browser to /login."""
    r = request("GET", "/committee", headers=BROWSER)
    check(r.status == 303 and r.header("location") == "/login", "303 to /login: %d" % r.status)


def test_api_and_scripts_get_json():
    # /api/ answers JSON even to a browser.
    error_of(request("GET", "/api/v1/nothing", headers=BROWSER), 404)
    error_of(request("GET", "/api/v1/me", headers=BROWSER), 401)
    error_of(request("DELETE", "/api/v1/cctlds", headers=BROWSER), 405)
    error_of(request("GET", "/api/v1/keys", token=TOKENS["member"], headers=BROWSER), 403)
    error_of(request("GET", "/api/v1/search?q=%ZZ", token=TOKENS["member"], headers=BROWSER), 400)
    error_of(request("GET", "/api/v1/exports/pdf", token=TOKENS["secretariat"],
                     headers=BROWSER), 422, "format")
    # Outside /api/, a client that does not ask for HTML keeps JSON.
    for accept in (None, "application/json", "*/*"):
        h = {"Accept": accept} if accept else {}
        error_of(request("GET", "/no/such/page", headers=h), 404)
        error_of(request("DELETE", "/search", headers=h), 405)
    c, _ = session("member")
    error_of(request("GET", "/search?q=%ZZ", cookies=c, headers={"Accept": "application/json"}),
             400, "q")


def test_api_bodies_malformed_400_unknown_field_422():
    """Every API write with a JSON body (from the OpenAPI document), as a
    role that may call it: malformed JSON, a body that is not an object and
    a duplicate key are a 400 naming the body; a member the route does not
    take a 422 naming it, with the fields it takes.  Refused before the
    handler: nothing is done."""
    import json as _json
    doc = request("GET", "/api/v1/openapi.json").json()
    params = {"{id}": "999999", "{number}": "999999", "{code}": "zz", "{slug}": "nothing",
              "{email}": "nobody%40unknown.example", "{token}": "A" * 43}
    seen = 0
    for path, item in doc["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if method == "get" or body is None:
                continue
            url = path
            for k, v in params.items():
                url = url.replace(k, v)
            role = op["x-min-role"]
            token = TOKENS.get(role)
            where = "%s %s" % (method.upper(), path)
            for text in ("{", "[1, 2]", '{"a": 1, "a": 2}', "nul"):
                r = request(method.upper(), url, text, token=token, content_type="application/json")
                check(r.status == 400, "%s %r: %d %s" % (where, text, r.status, r.text[:200]))
                e = r.json()["error"]
                check(e["field"] == "body" and e["message"], "%s %r: %r" % (where, text, e))
            r = request(method.upper(), url, {"zz_not_a_field": 1}, token=token)
            check(r.status == 422, "%s unknown field: %d %s" % (where, r.status, r.text[:200]))
            e = r.json()["error"]
            names = sorted(body["schema"].get("properties", {}))
            check(e["field"] == "zz_not_a_field" and "not a field" in e["message"] and
                  all(n in e["message"] for n in names), "%s: %r" % (where, e))
            seen += 1
    check(seen >= 25, "only %d routes with a JSON body" % seen)
    # A good body still reaches the handler (which names its own problems).
    error_of(request("POST", "/api/v1/actions", {"title": ""}, token=TOKENS["committee"]),
             422, "title")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_browser_gets_html_500():
    """A second server on a copy of the repository whose document table is
    gone: the database fails under a page (HTML) and under the API (JSON)."""
    db = os.environ.get("TLDOPS_DB", "")
    if db.startswith("postgresql:"):
        print("     (skipped on PostgreSQL: the copy is of a SQLite file)")
        return
    copy = os.path.join(DIR, "broken.db")
    src = sqlite3.connect(db)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.execute("ALTER TABLE document RENAME TO document_gone")
    dst.commit()
    dst.close()
    port = free_port()
    ini = os.path.join(DIR, "broken.ini")
    with open(os.environ["TLDOPS_CONFIG"]) as f:
        conf = f.read()
    with open(ini, "w") as f:
        f.write(re.sub(r"(?m)^listen = .*$", "listen = 127.0.0.1:%d" % port, conf))
    env = dict(os.environ, TLDOPS_CONFIG=ini, TLDOPS_DB=copy)
    log = open(os.path.join(DIR, "serve-broken.log"), "wb")
    p = subprocess.Popen([os.environ["WEB_BIN"], "serve"], env=env, stdout=log, stderr=log)
    try:
        for _ in range(100):
            try:
                request("GET", "/healthz", port=port)
                break
            except OSError:
                time.sleep(0.05)
        r = request("GET", "/docs/ddos", headers=BROWSER, port=port)
        t = html_error(r, 500, "Something went wrong", ["operator"])
        check("document" not in t.split("<main")[1].lower(), "no database details on the page")
        check(r.header("content-disposition") is None, "no download of the error")
        check("sandbox" not in r.header("content-security-policy"), "the page's own CSP")
        e = error_of(request("GET", "/api/v1/docs", headers=BROWSER, port=port), 500)
        check(e["code"] == "internal" and "document" not in e["message"], "JSON 500 %r" % e)
    finally:
        p.send_signal(signal.SIGTERM)
        check(p.wait(timeout=15) == 0, "the second server stopped cleanly")
        log.close()
        os.unlink(copy)


if __name__ == "__main__":
    raise SystemExit(run_tests(globals(), "web errors"))
