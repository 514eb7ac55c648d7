#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Helpers of bench/mailman/run (standard library only, Debian's /usr/bin/python3).

    peers.py ports N                      N free TCP ports on 127.0.0.1, one a line
    peers.py members CSV                  an addmembers file ("Name" <addr>) from a contact CSV
    peers.py measure [options] -- CMD...  run CMD under GNU time, sample processes, wait for the sink
    peers.py idle --watch PID --seconds S --out FILE    memory of a process tree at rest
    peers.py wait-http URL [--basic U:P] [--timeout S]  until URL answers 200
    peers.py api-get URL [--basic U:P | --bearer-file F] [--page-size N] [--emails-out F]
    peers.py lmtp-post HOST PORT FROM RCPT FILE
    peers.py emails JSONFILE OUT          lower-cased, sorted addresses of a tldops JSON export
    peers.py compare A B                  do two address files hold the same set?
    peers.py collect RAWDIR META.json     medians of the raw measurements -> results JSON
    peers.py report RESULTS.json          the Markdown tables of docs/benchmarks.md
"""

import argparse
import base64
import csv
import glob
import http.client
import json
import os
import smtplib
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

TICK = os.sysconf("SC_CLK_TCK")


def die(msg):
    print(f"peers: {msg}", file=sys.stderr)
    sys.exit(1)


# ---- processes ------------------------------------------------------------

def children(pid):
    kids = []
    for task in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(task) as f:
                kids += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return kids


def tree(roots):
    """Every live process under roots (the roots included)."""
    seen, todo = set(), [r for r in roots if r]
    while todo:
        p = todo.pop()
        if p in seen or not os.path.exists(f"/proc/{p}"):
            continue
        seen.add(p)
        todo += children(p)
    return seen


def cpu_ticks(pid):
    """utime + stime + cutime + cstime of pid, in clock ticks (None if gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return sum(int(x) for x in rest[11:15])


def memory_kb(pid):
    """(RSS, PSS) of pid in KiB from smaps_rollup; (0, 0) if gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss = pss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except OSError:
            pass
    return rss, pss


class Sampler:
    """Peak summed RSS/PSS of process trees, and the CPU their processes use."""

    def __init__(self, watch):
        self.watch = watch
        self.first, self.last = {}, {}
        self.peak_rss = self.peak_pss = 0
        self.samples = 0
        for p in tree(watch):
            t = cpu_ticks(p)
            if t is not None:
                self.first[p] = self.last[p] = t

    def sample(self, extra_roots=()):
        rss = pss = 0
        for p in tree(list(self.watch) + list(extra_roots)):
            r, s = memory_kb(p)
            rss += r
            pss += s
        for p in tree(self.watch):
            t = cpu_ticks(p)
            if t is not None:
                self.last[p] = t
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.samples += 1
        return rss, pss

    def cpu_s(self):
        # Processes that started during the phase count from zero.
        return sum(t - self.first.get(p, 0) for p, t in self.last.items()) / TICK


# ---- the sink -------------------------------------------------------------

class SinkWatch:
    """Counts the recipients smtp-sink appends to its -D dump file."""

    def __init__(self, path):
        self.path = path
        self.offset = os.path.getsize(path) if os.path.exists(path) else 0
        self.rcpts = 0
        self.partial = b""

    def poll(self, chunk=1 << 20):
        try:
            f = open(self.path, "rb")
        except FileNotFoundError:
            return self.rcpts
        with f:
            f.seek(self.offset)
            data = f.read(chunk)
        self.offset += len(data)
        lines = (self.partial + data).split(b"\n")
        self.partial = lines.pop()
        if len(self.partial) > 4096:  # a long body line: no header in it
            self.partial = self.partial[-64:]
        self.rcpts += sum(1 for ln in lines if ln.startswith(b"X-Rcpt-Args:"))
        return self.rcpts

    def settle(self, quiet=0.3, limit=10.0):
        """Wait until the file stops growing; return its mtime (ns)."""
        end = time.monotonic() + limit
        size = -1
        while time.monotonic() < end:
            st = os.stat(self.path)
            if st.st_size == size:
                return st.st_mtime_ns
            size = st.st_size
            time.sleep(quiet)
        return os.stat(self.path).st_mtime_ns


def cmd_measure(a):
    watch = [int(p) for p in a.watch]
    samp = Sampler(watch)
    sink = SinkWatch(a.sink) if a.sink else None
    tfile = a.out + ".time"
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tfile] + a.cmd
    out = open(a.stdout or os.devnull, "wb")
    err = open(a.out + ".stderr", "wb")
    t0 = time.time_ns()
    m0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    rc = rusage = None
    next_sample = 0.0
    timed_out = False
    while True:
        now = time.monotonic()
        if now >= next_sample:
            samp.sample([] if a.client or rc is not None else [p.pid])
            next_sample = now + a.interval
        if rc is None:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                cmd_s = time.monotonic() - m0
                rc = p.returncode = os.waitstatus_to_exitcode(status)
                rusage = ru
                if rc != 0:
                    break
        got = sink.poll() if sink else 0
        if rc is not None and (sink is None or got >= a.expect):
            break
        if now - m0 > a.timeout:
            timed_out = True
            break
        time.sleep(0.002)
    if rc is None:  # timed out while the command still ran
        p.kill()
        _, status, rusage = os.wait4(p.pid, 0)
        rc = p.returncode = os.waitstatus_to_exitcode(status)
        cmd_s = time.monotonic() - m0
    samp.sample()
    out.close()
    err.close()
    res = {"cmd": a.cmd, "exit": rc, "timed_out": timed_out,
           "cmd_wall_s": round(cmd_s, 4)}
    try:
        with open(tfile) as f:
            last = f.read().strip().splitlines()[-1].split()
        res.update(wall_s=float(last[0]), user_s=float(last[1]),
                   sys_s=float(last[2]), maxrss_kb=int(last[3]))
    except (OSError, IndexError, ValueError):
        res.update(wall_s=None, user_s=None, sys_s=None, maxrss_kb=None)
    # GNU time prints CPU seconds to 10 ms; the same rusage, to the microsecond
    # (that of /usr/bin/time itself, a few hundred microseconds, included).
    res["ru_user_s"] = round(rusage.ru_utime, 6)
    res["ru_sys_s"] = round(rusage.ru_stime, 6)
    res["watched_cpu_s"] = round(samp.cpu_s(), 3)
    res["client"] = a.client
    cmd_cpu = 0.0 if a.client else rusage.ru_utime + rusage.ru_stime
    res["cpu_s"] = round(cmd_cpu + res["watched_cpu_s"], 4)
    res["peak_rss_kb"] = samp.peak_rss
    res["peak_pss_kb"] = samp.peak_pss
    res["samples"] = samp.samples
    # A client may say when its own work began and how long it took
    # ("start_ns N", "elapsed_s X" lines): its interpreter's start-up is not
    # the server's time.
    marks = {}
    if a.stdout:
        with open(a.stdout, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        res["stdout_tail"] = text[-200:].strip()
        for line in text.splitlines():
            k, _, v = line.partition(" ")
            if k in ("start_ns", "elapsed_s"):
                marks[k] = v.strip()
    if "elapsed_s" in marks:
        res["client_s"] = float(marks["elapsed_s"])
    if sink:
        res["rcpts"] = sink.rcpts
        res["expect"] = a.expect
        start = int(marks.get("start_ns", t0))
        res["start_from"] = "client" if "start_ns" in marks else "exec"
        if sink.rcpts >= a.expect and not timed_out:
            res["done_s"] = round((sink.settle() - start) / 1e9, 4)
            while sink.offset < os.path.getsize(sink.path):  # count the rest
                sink.poll()
            res["rcpts"] = sink.rcpts
        else:
            res["done_s"] = None
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    if sink and res["rcpts"] > a.expect:
        print(f"peers: warning: the sink accepted {res['rcpts']} recipients, "
              f"{a.expect} expected", file=sys.stderr)
    if rc != 0 or timed_out or (sink and res["done_s"] is None):
        with open(a.out + ".stderr", "rb") as f:
            sys.stderr.write(f.read()[-2000:].decode("utf-8", "replace"))
        die(f"{' '.join(a.cmd[:4])}...: exit {rc}"
            + (", timed out" if timed_out else "")
            + (f", sink saw {sink.rcpts} of {a.expect} recipients" if sink else ""))


def cmd_idle(a):
    samp = Sampler([int(a.watch)])
    rss = pss = 0
    end = time.monotonic() + a.seconds
    n = 0
    while time.monotonic() < end:
        r, s = samp.sample()
        rss, pss, n = rss + r, pss + s, n + 1
        time.sleep(0.2)
    res = {"processes": len(tree([int(a.watch)])), "rss_kb": rss // max(n, 1),
           "pss_kb": pss // max(n, 1), "cpu_s": round(samp.cpu_s(), 3),
           "seconds": a.seconds}
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)


# ---- clients --------------------------------------------------------------

def http_get(url, headers):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    path = u.path + ("?" + u.query if u.query else "")
    c.request("GET", path, headers=headers)
    r = c.getresponse()
    body = r.read()
    c.close()
    if r.status != 200:
        die(f"GET {url}: HTTP {r.status} {body[:200]!r}")
    return body


def auth_headers(a):
    h = {"Accept": "application/json"}
    if a.basic:
        h["Authorization"] = "Basic " + base64.b64encode(a.basic.encode()).decode()
    if a.bearer_file:
        with open(a.bearer_file) as f:
            h["Authorization"] = "Bearer " + f.read().strip()
    return h


def cmd_wait_http(a):
    end = time.monotonic() + a.timeout
    h = auth_headers(a)
    while True:
        try:
            http_get(a.url, h)
            return
        except (OSError, SystemExit, http.client.HTTPException):
            if time.monotonic() > end:
                die(f"{a.url} did not answer within {a.timeout} s")
            time.sleep(0.2)


def cmd_api_get(a):
    h = auth_headers(a)
    entries = []
    m0 = time.monotonic()
    if a.page_size:
        page = 1
        while True:
            sep = "&" if "?" in a.url else "?"
            doc = json.loads(http_get(f"{a.url}{sep}count={a.page_size}&page={page}", h))
            got = doc.get("entries", [])
            entries += got
            if not got or len(entries) >= doc.get("total_size", 0):
                break
            page += 1
    else:
        doc = json.loads(http_get(a.url, h))
        entries = doc if isinstance(doc, list) else doc.get("entries", doc.get("contacts", []))
    elapsed = time.monotonic() - m0
    print(len(entries))
    print(f"elapsed_s {elapsed:.6f}")
    if a.emails_out:
        with open(a.emails_out, "w") as f:
            for e in sorted(x["email"].lower() for x in entries):
                f.write(e + "\n")


def cmd_lmtp_post(a):
    with open(a.file, "rb") as f:
        msg = f.read()
    start = time.time_ns()
    s = smtplib.LMTP(a.host, int(a.port))
    refused = s.sendmail(a.sender, [a.rcpt], msg)
    s.quit()
    print(f"start_ns {start}")
    if refused:
        die(f"LMTP refused: {refused}")


# ---- data -----------------------------------------------------------------

def cmd_members(a):
    """`"Display Name" <local@a-label-domain>` per contact, for addmembers."""
    out = sys.stdout
    with open(a.csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            local, _, domain = r["email"].strip().rpartition("@")
            domain = domain.encode("idna").decode("ascii").lower()
            name = r["name"].strip().replace("\\", "\\\\").replace('"', '\\"')
            out.write(f'"{name}" <{local}@{domain}>\n')


def cmd_emails(a):
    with open(a.json, encoding="utf-8") as f:
        doc = json.load(f)
    if isinstance(doc, dict):
        doc = doc.get("contacts", [])
    with open(a.out, "w") as f:
        for e in sorted(c["email"].lower() for c in doc):
            f.write(e + "\n")


def cmd_compare(a):
    with open(a.a) as f:
        x = set(f.read().split())
    with open(a.b) as f:
        y = set(f.read().split())
    if x == y:
        print(f"same {len(x)}")
    else:
        print(f"differ: {len(x)} vs {len(y)}, {len(x - y)} only in the first, "
              f"{len(y - x)} only in the second, e.g. {sorted(x ^ y)[:3]}")
        sys.exit(3)


def cmd_ports(a):
    socks = []
    for _ in range(a.n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    for s in socks:
        print(s.getsockname()[1])
        s.close()


# ---- results --------------------------------------------------------------

def med(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 4) if xs else None


def cmd_collect(a):
    with open(a.meta) as f:
        meta = json.load(f)
    results = {}
    for path in sorted(glob.glob(os.path.join(a.rawdir, "*", "*.json"))):
        size = os.path.basename(os.path.dirname(path))
        name = os.path.basename(path)[:-5]
        parts = name.split(".")
        with open(path) as f:
            doc = json.load(f)
        r = results.setdefault(size, {})
        if len(parts) == 2:          # side.idle, side.check ...
            r.setdefault(parts[0], {})[parts[1]] = doc
            continue
        side, step, _run = parts
        r.setdefault(side, {}).setdefault(step, []).append(doc)
    for size, sides in results.items():
        for side, steps in sides.items():
            for step, runs in list(steps.items()):
                if not isinstance(runs, list):
                    continue
                time_key = ("done_s" if any("done_s" in x for x in runs) else
                            "client_s" if any("client_s" in x for x in runs) else "cmd_wall_s")
                steps[step] = {
                    "runs": len(runs),
                    "time_key": time_key,
                    "time_s": med(x.get(time_key) for x in runs),
                    "time_s_runs": [x.get(time_key) for x in runs],
                    "cpu_s": med(x["cpu_s"] for x in runs),
                    "maxrss_kb": max((x.get("maxrss_kb") or 0) for x in runs),
                    "peak_rss_kb": max(x["peak_rss_kb"] for x in runs),
                    "peak_pss_kb": max(x["peak_pss_kb"] for x in runs),
                    "raw": runs,
                }
    meta["results"] = results
    json.dump(meta, sys.stdout, indent=1, ensure_ascii=False)
    print()


def fmt_s(x):
    if x is None:
        return "—"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"



def fmt_mb(kb):
    return "—" if not kb else f"{kb / 1024:.1f} MiB"


def ratio(m, t):
    if not m or not t:
        return "—"
    r = m / t
    return f"{r:.0f}×" if r >= 10 else f"{r:.1f}×"


def tldops_mem(step):
    """A tldops CLI: GNU time's peak RSS; the server: its sampled peak."""
    return step["maxrss_kb"] if not step["raw"][0].get("client") else step["peak_rss_kb"]


def cmd_report(a):
    with open(a.results) as f:
        doc = json.load(f)
    res = doc["results"]
    sizes = sorted(res, key=int)
    w = sys.stdout.write

    def table(title, tl_step, mm_step, tl_name, mm_name, what):
        w(f"\n### {title}\n\n")
        w(f"{what}\n\n")
        w("| members | tldops | Mailman | Mailman / tldops | tldops CPU | Mailman CPU "
          "| CPU Mailman / tldops | tldops peak memory | Mailman peak memory (PSS / RSS) |\n")
        w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        for n in sizes:
            t = res[n].get("tldops", {}).get(tl_step)
            m = res[n].get("mailman", {}).get(mm_step)
            if not t and not m:
                continue
            t = t or {"time_s": None, "cpu_s": None, "maxrss_kb": 0, "peak_rss_kb": 0, "raw": [{}]}
            m = m or {"time_s": None, "cpu_s": None, "peak_pss_kb": 0, "peak_rss_kb": 0}
            w(f"| {int(n):,} | {fmt_s(t['time_s'])} | {fmt_s(m['time_s'])} "
              f"| **{ratio(m['time_s'], t['time_s'])}** | {fmt_s(t['cpu_s'])} "
              f"| {fmt_s(m['cpu_s'])} | {ratio(m['cpu_s'], t['cpu_s'])} "
              f"| {fmt_mb(tldops_mem(t))} "
              f"| {fmt_mb(m['peak_pss_kb'])} / {fmt_mb(m['peak_rss_kb'])} |\n")
        w(f"\ntldops: {tl_name}. Mailman: {mm_name}.\n")

    table("Roster: add the members", "add", "add",
          "`tldops import contacts FILE.csv` into a fresh database",
          "`mailman addmembers FILE LIST` on a fresh list, runners running",
          "Wall time of the command (median of the tldops runs; one Mailman run).")
    table("Roster: read it back, CLI", "export", "read",
          "`tldops export --format json --output FILE`",
          f"GET `/3.1/lists/<list>/roster/member` with paging "
          f"(count={doc.get('page_size')}) until every member is read",
          "Wall time until the whole roster is in hand.")
    if any("api" in res[n].get("tldops", {}) for n in sizes):
        table("Roster: read it back, web API", "api", "read",
              "GET `/api/v1/contacts` of `tldops serve` (one response, Bearer token)",
              f"GET `/3.1/lists/<list>/roster/member` with paging "
              f"(count={doc.get('page_size')})",
              "Wall time of the same Python client for both; CPU and memory are the "
              "server's only.")
    table("Delivery: one message to every member", "deliver", "deliver",
          "`tldops --mail smtp://127.0.0.1:SINK alert send ...`",
          "the post handed to Mailman's LMTP runner (as Postfix would), "
          "then Mailman's in, pipeline and out runners",
          "Time from submission until the smtp-sink has accepted the last recipient "
          "(mtime of its dump file once every recipient is counted).")
    table("The list: a member's post", "list", "list",
          "`tldops deliver LIST MEMBER < post` (as Postfix's pipe: stored, queued "
          "once for every member, committed), then `tldops --mail smtp://127.0.0.1:SINK "
          "outbox run` (the members' deliveries made, then sent); the same figure as bench/list's \"post until the sink has the "
          "last recipient\"",
          "the same post from a member handed to Mailman's LMTP runner (as Postfix "
          "would), then its in runner, posting pipeline (member accepted) and out runner",
          "Time from submission until the smtp-sink has accepted the last recipient "
          "(mtime of its dump file once every recipient is counted).")
    w("\n### Targets: tldops at least 10× faster, with less memory\n\n"
      "| figure | members | time Mailman / tldops | faster | peak memory: tldops (RSS) / Mailman (PSS) | less memory |\n"
      "| --- | ---: | ---: | :---: | ---: | :---: |\n")
    for label, ts, ms in (("roster add", "add", "add"), ("roster read (CLI)", "export", "read"),
                          ("roster read (web API)", "api", "read"),
                          ("delivery", "deliver", "deliver"),
                          ("list: a member's post", "list", "list")):
        for n in sizes:
            t = res[n].get("tldops", {}).get(ts)
            m = res[n].get("mailman", {}).get(ms)
            if not t or not m or not t["time_s"] or not m["time_s"]:
                continue
            r = m["time_s"] / t["time_s"]
            tm, mm = tldops_mem(t), m["peak_pss_kb"]
            w(f"| {label} | {int(n):,} | {ratio(m['time_s'], t['time_s'])} "
              f"| {'PASS' if r >= 10 else 'MISS'} | {fmt_mb(tm)} / {fmt_mb(mm)} "
              f"| {'PASS' if tm < mm else 'MISS'} |\n")
    w("\n### At rest\n\n| members | Mailman processes | Mailman memory (PSS / RSS) "
      "| tldops serve memory (RSS) |\n| ---: | ---: | ---: | ---: |\n")
    for n in sizes:
        mi = res[n].get("mailman", {}).get("idle")
        ti = res[n].get("tldops", {}).get("idle")
        if mi:
            w(f"| {int(n):,} | {mi['processes']} | {fmt_mb(mi['pss_kb'])} / "
              f"{fmt_mb(mi['rss_kb'])} | {fmt_mb(ti['rss_kb']) if ti else '—'} |\n")


def main():
    ap = argparse.ArgumentParser(prog="peers.py")
    sub = ap.add_subparsers(dest="cmd_name", required=True)
    p = sub.add_parser("ports")
    p.add_argument("n", type=int)
    p.set_defaults(fn=cmd_ports)
    p = sub.add_parser("members")
    p.add_argument("csv")
    p.set_defaults(fn=cmd_members)
    p = sub.add_parser("measure")
    p.add_argument("--out", required=True)
    p.add_argument("--stdout")
    p.add_argument("--watch", action="append", default=[])
    p.add_argument("--client", action="store_true",
                   help="CMD only asks: count neither its CPU nor its memory")
    p.add_argument("--sink")
    p.add_argument("--expect", type=int, default=0)
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    p.set_defaults(fn=cmd_measure)
    p = sub.add_parser("idle")
    p.add_argument("--watch", required=True)
    p.add_argument("--seconds", type=float, default=2)
    p.add_argument("--out", required=True)
    p.set_defaults(fn=cmd_idle)
    for name, fn in (("wait-http", cmd_wait_http), ("api-get", cmd_api_get)):
        p = sub.add_parser(name)
        p.add_argument("url")
        p.add_argument("--basic")
        p.add_argument("--bearer-file")
        p.add_argument("--timeout", type=float, default=60)
        p.add_argument("--page-size", type=int, default=0)
        p.add_argument("--emails-out")
        p.set_defaults(fn=fn)
    p = sub.add_parser("lmtp-post")
    for x in ("host", "port", "sender", "rcpt", "file"):
        p.add_argument(x)
    p.set_defaults(fn=cmd_lmtp_post)
    p = sub.add_parser("emails")
    p.add_argument("json")
    p.add_argument("out")
    p.set_defaults(fn=cmd_emails)
    p = sub.add_parser("compare")
    p.add_argument("a")
    p.add_argument("b")
    p.set_defaults(fn=cmd_compare)
    p = sub.add_parser("collect")
    p.add_argument("rawdir")
    p.add_argument("meta")
    p.set_defaults(fn=cmd_collect)
    p = sub.add_parser("report")
    p.add_argument("results")
    p.set_defaults(fn=cmd_report)
    a = ap.parse_args()
    if getattr(a, "cmd", None) and a.cmd and a.cmd[0] == "--":
        a.cmd = a.cmd[1:]
    a.fn(a)


if __name__ == "__main__":
    main()
