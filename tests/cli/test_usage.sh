# SPDX-License-Identifier: MIT
# Usage counting (tldops stats --usage, docs/books.md): every emergency
# lookup and search, by the CLI, the web and the API, and downloads of the
# offline copy, counted in the database per day, channel and ccTLD, never
# who looked or what was typed; the counts survive a restart of serve.

PHONE=+31263525500

at() { local when=$1; shift; faketime "$when" "$TLDOPS_BIN" "$@"; }

test_cli_lookups_are_counted_per_cctld_and_day() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  at '2026-10-05 09:00:00' lookup nl >/dev/null
  at '2026-10-05 10:00:00' lookup .NL >/dev/null
  at '2026-10-06 10:00:00' lookup --json nl >/dev/null
  at '2026-11-02 10:00:00' lookup de >/dev/null
  # Not a ccTLD: refused on the command line, so nothing stored (not even
  # a count), and what was typed is not kept.
  faketime '2026-11-02 11:00:00' "$TLDOPS_BIN" lookup secret-typing >/dev/null 2>&1 || true
  expect_status 0 tldops stats --usage --json
  equals "$(json '(d["lookups"], d["lookups_found"], d["found_share"], d["channels"]["cli"])' <<<"$OUT")" \
    "(4, 3, 0.75, 4)"
  equals "$(json '[(m["month"], m["lookups"], m["found"]) for m in d["months"]]' <<<"$OUT")" \
    "[('2026-10', 3, 3), ('2026-11', 1, 0)]"
  equals "$(json '[(c["cctld"], c["lookups"], c["found"]) for c in d["cctlds"]]' <<<"$OUT")" \
    "[('nl', 3, 3), ('de', 1, 0)]"
  ! db_dump | grep -q secret-typing || fail "what was typed is stored"
  # The period: since/until by day.
  expect_status 0 tldops stats --usage --since 2026-11-01 --json
  equals "$(json '(d["lookups"], [c["cctld"] for c in d["cctlds"]])' <<<"$OUT")" "(1, ['de'])"
  expect_status 0 tldops stats --usage --until 2026-10-06 --json
  equals "$(json 'd["lookups"]' <<<"$OUT")" 2
  expect_status 0 tldops stats --usage --since 2026-10-01
  contains "$OUT" "lookups    4 (3 found a contact, 75%)"
  contains "$OUT" "2026-10  lookups 3 (found 3)"
  contains "$OUT" ".nl           3"
}

test_usage_since_a_meeting_and_bad_input() {
  init_db
  at '2026-10-01 09:00:00' meeting add Kobe --date 2026-10-01 --place Kobe >/dev/null
  at '2026-09-20 09:00:00' lookup nl >/dev/null
  at '2026-10-02 09:00:00' lookup nl >/dev/null
  expect_status 0 tldops stats --usage --since-meeting Kobe --json
  equals "$(json '(d["since"], d["lookups"])' <<<"$OUT")" "('2026-10-01T00:00:00Z', 1)"
  expect_unchanged 2 tldops stats --usage --svg
  expect_unchanged 1 tldops stats --usage --since 2026-10-02 --until 2026-10-01
  contains "$ERR" "since"
  expect_unchanged 1 tldops stats --usage --since yesterday
  contains "$ERR" "since"
}

# serve on a free port with an API token; sets PORT, PID, TOKEN.
start_serve() {
  PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  TOKEN=$(tldops token create --email kim@secretariat.example --days 7 2>/dev/null)
  "$TLDOPS_BIN" --mail "maildir:$T/mail" serve --listen "127.0.0.1:$PORT" >"$T/serve.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$T/serve.log"; fail "serve did not start"
}

# web_login EMAIL: a browser's sign-in through a one-time link; cookies in $T/jar.
web_login() {
  local url csrf
  url=$(tldops login-link --email "$1" | sed "s|^http://[^/]*|http://127.0.0.1:$PORT|")
  csrf=$(curl -s -c "$T/jar" -b "$T/jar" "$url" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  [ -n "$csrf" ] || fail "no CSRF field on the sign-in page"
  curl -s -o /dev/null -c "$T/jar" -b "$T/jar" --data "csrf=$csrf" "$url"
}

page() { curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "http://127.0.0.1:$PORT$1"; }

api() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1"; }

test_web_and_api_uses_are_counted_and_survive_a_restart() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  start_serve
  equals "$(api /api/v1/lookup/nl)" 200
  equals "$(api /api/v1/lookup/nl)" 200      # the micro-cached answer counts too
  equals "$(api /api/v1/cctlds/be)" 200
  equals "$(api /api/v1/lookup/nothing-here)" 404
  equals "$(api '/api/v1/search?q=Jansen')" 200
  equals "$(api '/api/v1/search?q=nobody-at-all')" 200
  web_login kim@secretariat.example
  equals "$(page /cctld/nl)" 200
  equals "$(page '/search?q=sidn')" 200
  equals "$(api /api/v1/offline)" 200
  kill $PID; wait $PID || true
  trap - EXIT
  # Written when serve stopped: nothing lived only in memory.
  expect_status 0 tldops stats --usage --json
  equals "$(json '(d["lookups"], d["lookups_found"], d["searches"], d["searches_found"])' <<<"$OUT")" \
    "(5, 3, 3, 2)"
  equals "$(json '(d["channels"]["api"], d["channels"]["web"], d["channels"]["cli"])' <<<"$OUT")" "(6, 2, 0)"
  equals "$(json '[(c["cctld"], c["lookups"]) for c in d["cctlds"]]' <<<"$OUT")" "[('nl', 3), ('be', 1)]"
  equals "$(json '[(x["subject"], x["n"]) for x in d["downloads_by"]]' <<<"$OUT")" "[('offline', 1)]"
  ! db_dump | grep -q 'nobody-at-all\|nothing-here' || fail "what was typed is stored"
  ! db_dump | grep -q 'kim@secretariat.example.*lookup' || fail "who looked is stored"
}

test_the_meeting_pack_has_the_usage_since_the_last_meeting() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  tldops meeting add Kobe --date 2026-03-09 --place Kobe >/dev/null
  tldops meeting add Next --date 2026-10-19 --place Elsewhere >/dev/null
  at '2026-03-01 09:00:00' lookup nl >/dev/null      # before Kobe: not in Next's pack
  at '2026-04-01 09:00:00' lookup nl >/dev/null
  at '2026-05-01 09:00:00' lookup de >/dev/null
  at '2026-10-25 09:00:00' lookup nl >/dev/null      # after Next
  expect_status 0 tldops pack Next --format json
  equals "$(json '(d["usage"]["lookups"], d["usage"]["lookups_found"], [c["cctld"] for c in d["usage"]["cctlds"]])' <<<"$OUT")" \
    "(2, 1, ['de', 'nl'])"
  equals "$(json '[m["month"] for m in d["usage"]["months"]]' <<<"$OUT")" "['2026-04', '2026-05']"
  expect_status 0 tldops pack Next
  contains "$OUT" "Usage of the repository"
  contains "$OUT" "Usage since Kobe: 2 emergency lookups, of which 1 found a contact"
  contains "$OUT" ".nl"
  # The answer to "how often since Kobe, and for which ccTLDs?" from the CLI too.
  expect_status 0 tldops stats --usage --since-meeting Kobe --until 2026-10-19 --json
  equals "$(json '(d["lookups"], [c["cctld"] for c in d["cctlds"]])' <<<"$OUT")" "(2, ['de', 'nl'])"
}
