#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""One address holding thousands of connections (tests/load/run, part c).

trickle.py PORT [CONNECTIONS] [NORMAL] [BOUND_S] [SLOW_ADDR] [NORMAL_ADDR]

From SLOW_ADDR (default 127.0.0.3) opens CONNECTIONS (default 2000)
connections to 127.0.0.1:PORT, keeps reopening those that are refused or
closed, and trickles a request header into each, one byte per connection
every second; meanwhile, from NORMAL_ADDR (default 127.0.0.2), NORMAL
(default 50) sequential GET /healthz, each on a new connection with a 5 s
timeout.  Before issue 21 such a client kept /healthz from answering for
52 s.  Prints one summary line

  trickle: attempts A, accepted B, held at most H at once; normal: ok K of N, p50 X ms, p99 Y ms, max Z ms

and exits 0 when every normal request got 200 and each took less than
BOUND_S (default 1.0) seconds, 1 otherwise.  Python standard library only.
"""
import http.client
import selectors
import socket
import sys
import threading
import time

port = int(sys.argv[1])
n_conn = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
n_normal = int(sys.argv[3]) if len(sys.argv) > 3 else 50
bound = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
slow_addr = sys.argv[5] if len(sys.argv) > 5 else "127.0.0.3"
normal_addr = sys.argv[6] if len(sys.argv) > 6 else "127.0.0.2"

HEADER = (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: trickle-test\r\n"
          + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"a" * 40) for i in range(60)))

stop = threading.Event()
stats = {"attempts": 0, "accepted": 0, "held": 0}


def is_open(s):
    try:
        return s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def trickler():
    socks = []  # [socket, position]

    def top_up():
        while len(socks) < n_conn and not stop.is_set():
            stats["attempts"] += 1
            s = socket.socket()
            s.setblocking(False)
            try:
                s.bind((slow_addr, 0))
                s.connect_ex(("127.0.0.1", port))
            except OSError:
                s.close()
                return
            socks.append([s, 0])
    top_up()
    while not stop.is_set():
        alive = []
        for entry in socks:
            s, pos = entry
            if not is_open(s):
                s.close()
                continue
            try:
                if pos < len(HEADER):
                    s.send(HEADER[pos:pos + 1])
                    entry[1] = pos + 1
                    if pos == 0:
                        stats["accepted"] += 1
                alive.append(entry)
            except BlockingIOError:
                alive.append(entry)  # still connecting
            except OSError:
                s.close()
        socks[:] = alive
        stats["held"] = max(stats["held"], len(socks))
        top_up()
        stop.wait(1.0)
    for s, _ in socks:
        s.close()


t = threading.Thread(target=trickler, daemon=True)
t.start()
time.sleep(3)  # every connection tried, the server's share held

lat, ok, failures = [], 0, []
for i in range(n_normal):
    t0 = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5,
                                       source_address=(normal_addr, 0))
        c.request("GET", "/healthz")
        r = c.getresponse()
        r.read()
        c.close()
        if r.status == 200:
            ok += 1
        else:
            failures.append("request %d: status %d" % (i, r.status))
    except OSError as e:
        failures.append("request %d: %s" % (i, e))
    lat.append(time.monotonic() - t0)
    time.sleep(0.1)
stop.set()
t.join(10)
lat.sort()


def pct(p):
    return lat[min(len(lat) - 1, int(round(p / 100.0 * len(lat) + 0.5)) - 1)]


print("trickle: attempts %d, accepted %d, held at most %d at once; normal from %s: "
      "ok %d of %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
      % (stats["attempts"], stats["accepted"], stats["held"], normal_addr, ok, n_normal,
         pct(50) * 1e3, pct(99) * 1e3, lat[-1] * 1e3))
for f in failures[:10]:
    print("  " + f)
sys.exit(0 if ok == n_normal and lat[-1] < bound else 1)
