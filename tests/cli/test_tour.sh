# SPDX-License-Identifier: MIT
# The README's tour, run as written: the ```sh block under "## A five-minute
# tour" is taken from README.md itself and run top to bottom in a scratch
# directory, on a fresh database, with the example files of contrib/tour/.
# Every command must succeed (set -e; the ERR trap names the line that did
# not), so the README cannot rot.  The one change: the tour's port 8080
# becomes a free one (several test runs share this machine).

# tour_block: the tour's commands, from README.md.
tour_block() {
  awk '/^## A five-minute tour/ { f = 1; next }
       f && /^```sh/ { b = 1; next }
       b && /^```/ { exit }
       b' "$TLDOPS_ROOT/README.md"
}

test_readme_tour_runs_top_to_bottom() {
  [ "${TLDOPS_TEST_BACKEND:-sqlite}" = sqlite ] || skip "the tour runs on its own SQLite file"
  local port src=$T/src
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # A source tree as the tour expects it: build/tldops (the binary under
  # test, through a wrapper so that valgrind's works too) and contrib/tour.
  mkdir -p "$src/build" "$src/contrib" "$T/tmp"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$TLDOPS_BIN" > "$src/build/tldops"
  chmod +x "$src/build/tldops"
  cp -r "$TLDOPS_ROOT/contrib/tour" "$src/contrib/tour"
  tour_block | sed "s/127\.0\.0\.1:8080/127.0.0.1:$port/g" > "$T/tour.sh"
  [ "$(grep -c '^\$T ' "$T/tour.sh")" -gt 40 ] || fail "the tour block of README.md was not found (or is short)"
  {
    echo 'set -eEuo pipefail'
    echo 'trap '\''echo "tour: line $LINENO failed (exit $?): $BASH_COMMAND" >&2'\'' ERR'
    echo 'trap '\''kill $(jobs -p) 2>/dev/null || true'\'' EXIT'
    cat "$T/tour.sh"
    echo 'echo "tour: done in $PWD"'
  } > "$T/run-tour.sh"
  local rc=0
  (cd "$src" && unset TLDOPS_DB && TMPDIR=$T/tmp bash "$T/run-tour.sh") > "$T/tour.out" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || fail "the README tour stopped: $(grep '^tour: line' "$T/tour.out" || tail -5 "$T/tour.out")"
  contains "$(cat "$T/tour.out")" "tour: done in $T/tmp/"
  # What the tour did, looked at afterwards: the files it wrote, the mail.
  local dir
  dir=$(sed -n 's/^tour: done in //p' "$T/tour.out")
  [ -s "$dir/contacts.csv" ] && [ -s "$dir/pack.html" ] && [ -s "$dir/slide.svg" ] || fail "tour files missing in $dir"
  equals "$(head -c 5 "$dir/ddos.pdf")" "%PDF-"
  cmp -s "$dir/ddos.pdf" "$src/contrib/tour/ddos.pdf" || fail "doc show gave other bytes than doc add stored"
  contains "$(cat "$T/tour.out")" '"code":"nl"'
}
