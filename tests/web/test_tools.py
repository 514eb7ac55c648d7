#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""API and page tests of the secretariat's tools (issue 22): the audit
browser, the stats downloads, alerts with a preview, the public join form
and the OpenAPI document.  Run by tests/web/run after test_api.py, against
the same server; the helpers are test_api.py's.
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_api as t  # noqa: E402
from test_api import check, error_of, request, TOKENS  # noqa: E402

COM = TOKENS["committee"]


def test_audit_entries_filters_and_pages():
    sec = TOKENS["secretariat"]
    r = request("POST", "/api/v1/contacts", {"cctld": "lu", "name": "Audit Probe",
                "email": "audit-probe@restena.example", "phone": "+352 424 409 1"}, token=sec)
    check(r.status == 201, r.text[:200])
    cid = r.json()["id"]
    r = request("GET", "/api/v1/audit/entries?object_type=contact&object_id=%d" % cid, token=COM)
    check(r.status == 200, r.text[:200])
    o = r.json()
    check(set(o) == {"entries", "total", "page", "limit"}, "shape %r" % list(o))
    check(o["total"] == 1 and o["entries"][0]["action"] == "contact.add", "one add %r" % o)
    # ccTLD in any spelling finds the contact's rows; actor exactly.  .lu is
    # a ccTLD no other web test touches (secretariat.mjs counts .nl's).
    for code in ("LU", ".lu"):
        o = request("GET", "/api/v1/audit/entries?limit=500&cctld=" + code, token=COM).json()
        check(any(e["object_id"] == str(cid) for e in o["entries"]), "by ccTLD " + code)
    o = request("GET", "/api/v1/audit/entries?actor=nobody%40nowhere.example", token=COM).json()
    check(o["total"] == 0 and o["entries"] == [], "unknown actor: none")
    # Paging: newest first, pages of `limit`.
    a = request("GET", "/api/v1/audit/entries?limit=2", token=COM).json()
    b = request("GET", "/api/v1/audit/entries?limit=2&page=2", token=COM).json()
    check(len(a["entries"]) == 2 and a["entries"][0]["id"] > a["entries"][1]["id"], "newest first")
    check(b["entries"][0]["id"] < a["entries"][1]["id"], "page 2 older than page 1")
    # A date range: everything today, nothing before 2000.
    o = request("GET", "/api/v1/audit/entries?until=2000-01-01", token=COM).json()
    check(o["total"] == 0, "nothing before 2000")
    # Bad filters: 422 naming the field.
    error_of(request("GET", "/api/v1/audit/entries?since=yesterday", token=COM), 422, "since")
    error_of(request("GET", "/api/v1/audit/entries?cctld=not%20a%20code", token=COM), 422, "cctld")
    error_of(request("GET", "/api/v1/audit/entries?object_type=DROP%20TABLE", token=COM), 422,
             "object_type")
    error_of(request("GET", "/api/v1/audit/entries?page=0", token=COM), 422, "page")
    error_of(request("GET", "/api/v1/audit/entries?limit=501", token=COM), 422, "limit")
    error_of(request("GET", "/api/v1/audit/entries?since=2026-12-02&until=2026-12-01",
                     token=COM), 422, "until")
    error_of(request("GET", "/api/v1/audit/entries", token=TOKENS["member"]), 403)


def test_audit_page_filters_and_refusals():
    cookies, _ = t.session("committee")
    r = request("GET", "/committee/audit?object_type=contact", cookies=cookies)
    check(r.status == 200 and "contact.add" in r.text, "the page lists contact rows")
    r = request("GET", "/committee/audit?since=soon", cookies=cookies)
    check(r.status == 422 and 'id="filter-error">since: ' in r.text, "bad date names since")
    check('id="since" name="since" type="text" value="soon"' in r.text, "kept as typed")
    check('aria-invalid="true"' in r.text, "the field is marked")
    cookies, _ = t.session("member")
    r = request("GET", "/committee/audit", cookies=cookies)
    check(r.status == 403, "a member is refused")


def test_stats_downloads():
    for path in ("/api/v1/stats.svg", "/api/v1/stats.csv"):
        r = request("GET", path + "?since=2026-01-01", token=COM)
        check(r.status == 200, "%s: %d %s" % (path, r.status, r.text[:200]))
        check("attachment" in r.header("content-disposition"), path + " is a download")
        check("sandbox" in r.header("content-security-policy"), path + " sandboxed")
        error_of(request("GET", path + "?since=soon", token=COM), 422, "since")
        error_of(request("GET", path, token=TOKENS["member"]), 403)
    r = request("GET", "/api/v1/stats.svg", token=COM)
    check(r.header("content-type") == "image/svg+xml" and r.text.lstrip().startswith("<?xml")
          and "<svg" in r.text, "an SVG")
    # The slide (issue 24, 3): valid XML whose text has the period's counts.
    import xml.etree.ElementTree as ET
    svg_text = " ".join("".join(e.itertext()) for e in
                        ET.fromstring(r.text.encode()).iter("{http://www.w3.org/2000/svg}text"))
    check("contact updates" in svg_text and "security alerts" in svg_text
          and "posts to the list" in svg_text, "the slide's counts: %r" % svg_text[-200:])
    r = request("GET", "/api/v1/stats.csv", token=COM)
    check(r.header("content-type").startswith("text/csv") and "\nnl," in r.text, "a CSV with .nl")
    cookies, _ = t.session("committee")
    page = request("GET", "/committee/stats?since=2026-01-01", cookies=cookies).text
    check('href="/committee/stats.svg?since=2026-01-01"' in page, "the page links the SVG")
    check('href="/committee/stats.csv?since=2026-01-01"' in page, "the page links the CSV")
    check("<dt>Posts to the list</dt>" in page, "the page counts the list's posts apart")
    # The period in words (issue 23), and no "−0" anywhere.
    check("Period from 2026-01-01T00:00:00Z to " in page, "the period from its start")
    page = request("GET", "/committee/stats", cookies=cookies).text
    check("Period from the beginning to " in page and "Period the beginning" not in page,
          "the period from the beginning")
    check("\u22120<" not in page and "+0<" not in page, "a zero is unsigned")
    page = request("GET", '/committee/stats?x="><b>x', cookies=cookies).text
    check('"><b>' not in page, "the query is escaped in the links")
    r = request("GET", "/committee/stats.csv", cookies=cookies)
    check(r.status == 200 and r.header("content-type").startswith("text/csv"), "page CSV")
    r = request("GET", "/committee/stats.svg?until=x", cookies=cookies)
    check(r.status == 422 and r.header("content-type").startswith("text/html"), "HTML refusal")


if __name__ == "__main__":
    sys.exit(t.run_tests(globals(), "web tools"))
