#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Watch for pauses of the whole machine while a load test runs.

Wakes every 100 ms; a wake more than 2 s late means nothing on the machine
ran meanwhile (a virtual machine paused for a snapshot: this happens on the
machines the tests run on). Writes one line per pause to the file it is
given ("pause 10.2"), until SIGTERM.
  tests/load/pauses.py FILE
"""
import signal
import sys
import time

PERIOD, LATE = 0.1, 2.0


def main():
    out = open(sys.argv[1], "a", encoding="ascii")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    last = time.monotonic()
    while True:
        time.sleep(PERIOD)
        now = time.monotonic()
        if now - last - PERIOD > LATE:
            out.write("pause %.1f\n" % (now - last))
            out.flush()
        last = now


if __name__ == "__main__":
    main()
