#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The OpenAPI document (GET /api/v1/openapi.json) against the route table.

Run by tests/web/run: every /api/v1 route that GET /api/v1 lists has an
operation with its least role (x-min-role) and the error answers, and no
operation is left over; the served text is src/web/openapi.json.  The
document itself is checked by a real validator in openapi.mjs.
"""
import json
import os
import re
import sys
import urllib.request

BASE = os.environ["WEB_BASE"]
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "src", "web", "openapi.json")
METHODS = {"get", "post", "patch", "delete", "put"}


def get(path):
    with urllib.request.urlopen(BASE + path) as r:
        return r.status, r.headers, r.read()


def main():
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)

    status, headers, body = get("/api/v1/openapi.json")
    check(status == 200, "openapi.json: status %d" % status)
    check(headers["Content-Type"].startswith("application/json"), "content type")
    with open(SRC, "rb") as f:
        check(body == f.read(), "the served document is not src/web/openapi.json")
    doc = json.loads(body)
    check(doc.get("openapi", "").startswith("3.1."), "not OpenAPI 3.1")
    routes = json.loads(get("/api/v1")[2])["routes"]
    table = {(r["method"].lower(), r["path"]): r for r in routes
             if r["kind"] == "api"}
    check(all(p.startswith("/api/v1") for _, p in table), "an API route outside /api/v1")
    ops = {}
    for path, item in doc["paths"].items():
        for m, op in item.items():
            if m in METHODS:
                ops[(m, path)] = op
    for key in sorted(set(table) - set(ops)):
        check(False, "route %s %s has no entry in src/web/openapi.json" % (key[0].upper(), key[1]))
    for key in sorted(set(ops) - set(table)):
        check(False, "src/web/openapi.json has %s %s, which the route table has not" % (key[0].upper(), key[1]))
    errors = doc["components"]["responses"]
    for key in sorted(set(ops) & set(table)):
        op, r = ops[key], table[key]
        name = "%s %s" % (key[0].upper(), key[1])
        check(op.get("x-min-role") == r["min_role"],
              "%s: x-min-role %s, the route table says %s" % (name, op.get("x-min-role"), r["min_role"]))
        resp = op.get("responses", {})
        check(any(s.startswith("2") for s in resp), name + ": no success answer")
        need = {"400", "401"}
        if r["min_role"] != "public":
            need.add("403")
        if "{" in key[1]:
            need.add("404")
        if key[0] in ("post", "patch"):
            need.add("422")
            check("requestBody" in op, name + ": no requestBody")
        for s in sorted(need):
            check(s in resp, "%s: no %s answer" % (name, s))
        for s, v in resp.items():
            if s[0] in "45":
                ref = v.get("$ref", "")
                check(ref.startswith("#/components/responses/") and
                      ref.rsplit("/", 1)[1] in errors, "%s: %s is not an error answer" % (name, s))
        params = set(re.findall(r"\{(\w+)\}", key[1]))
        given = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
        check(params == given, "%s: path parameters %s, described %s" % (name, sorted(params), sorted(given)))
        if r["min_role"] == "public":
            check({} in op.get("security", []), name + ": public but needs credentials")
    check("bearerAuth" in doc["components"]["securitySchemes"], "no bearerAuth")
    err = doc["components"]["schemas"]["Error"]["properties"]["error"]
    check(set(err["required"]) == {"code", "message", "field"},
          "the Error schema")
    # An answer of the server has the Error schema's shape.
    try:
        urllib.request.urlopen(BASE + "/api/v1/contacts/1")
        check(False, "unauthenticated /api/v1/contacts/1 answered 2xx")
    except urllib.error.HTTPError as e:
        o = json.loads(e.read())["error"]
        check(e.code == 401 and o["code"] in err["properties"]["code"]["enum"], "401 shape")
    for f in failures:
        print("FAIL openapi:", f)
    print("openapi: %d operations, %d routes, %d failures" % (len(ops), len(table), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
