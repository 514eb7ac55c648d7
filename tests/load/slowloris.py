#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Slow clients next to a normal one (tests/load/run, part b).

slowloris.py PORT [SLOW] [NORMAL] [BOUND_S]

Opens SLOW (default 200) connections to 127.0.0.1:PORT that each send a
GET request header one byte at a time, one byte per connection every
second (never finishing the header within the test), while a normal
client makes NORMAL (default 100) sequential GET /healthz requests, each
on a new connection with a 5 s timeout.  Prints one summary line

  slow: opened O of S, still open A; normal: ok K of N, p50 X ms, p99 Y ms, max Z ms

and exits 0 when every normal request got 200 and p99 < BOUND_S
(default 1.0) seconds, 1 otherwise.  Python standard library only.
"""
import http.client
import socket
import sys
import threading
import time

port = int(sys.argv[1])
n_slow = int(sys.argv[2]) if len(sys.argv) > 2 else 200
n_normal = int(sys.argv[3]) if len(sys.argv) > 3 else 100
bound = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0

# Long enough that no slow client finishes its header during the test.
HEADER = (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris-test\r\n"
          + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"a" * 40) for i in range(40)))

stop = threading.Event()
socks = []
opened = 0


def slow_clients():
    global opened
    for _ in range(n_slow):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            socks.append([s, 0])
            opened += 1
        except OSError:
            pass
    while not stop.is_set():
        for entry in list(socks):
            s, pos = entry
            if pos >= len(HEADER):
                continue
            try:
                s.send(HEADER[pos:pos + 1])
                entry[1] = pos + 1
            except OSError:
                socks.remove(entry)
                s.close()
        stop.wait(1.0)


t = threading.Thread(target=slow_clients, daemon=True)
t.start()
# Let every slow connection be open and have started its header.
deadline = time.monotonic() + 10
while opened < n_slow and time.monotonic() < deadline:
    time.sleep(0.05)
time.sleep(1.5)

lat = []
ok = 0
failures = []
for i in range(n_normal):
    t0 = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
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
    time.sleep(0.02)

still_open = len(socks)
stop.set()
for s, _ in socks:
    s.close()

lat.sort()


def pct(p):
    return lat[min(len(lat) - 1, int(round(p / 100.0 * len(lat) + 0.5)) - 1)]


p50, p99, mx = pct(50), pct(99), lat[-1]
print("slow: opened %d of %d, still open %d; normal: ok %d of %d, "
      "p50 %.1f ms, p99 %.1f ms, max %.1f ms"
      % (opened, n_slow, still_open, ok, n_normal, p50 * 1e3, p99 * 1e3, mx * 1e3))
for f in failures[:10]:
    print("  " + f)
sys.exit(0 if ok == n_normal and p99 < bound else 1)
