# SPDX-License-Identifier: MIT
# Keeping the IANA records true: `iana fetch` from a whois server, and the
# drift watch when a ccTLD's authorisers change.

record() { # record CODE ADMIN-EMAIL TECH-EMAIL
  printf 'domain:       %s\norganisation: Registry\n\ncontact:      administrative\nname:         Admin %s\ne-mail:       %s\n\ncontact:      technical\nname:         Tech %s\ne-mail:       %s\n\nstatus:       ACTIVE\nsource:       IANA\n' \
    "$(echo "$1" | tr a-z A-Z)" "$2" "$2" "$3" "$3"
}

start_whois() {
  mkdir -p "$T/whois"
  "$TLDOPS_ROOT/tests/tools/whois-responder" "$T/whois" "$T/whois.port" \
    >"$T/whois.out" 2>&1 &
  WHOIS_PID=$!
  trap 'kill $WHOIS_PID 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [ -s "$T/whois.port" ] && break; sleep 0.1; done
  printf '[iana]\nwhois_server = 127.0.0.1:%s\nwhois_timeout_seconds = 2\n' \
    "$(cat "$T/whois.port")" > "$T/whois.ini"
}

test_fetch_imports_answers_from_the_whois_server() {
  init_db; start_whois
  record nl a@sidn.example t@sidn.example > "$T/whois/nl.txt"
  record xn--p1ai a@cctld.example t@cctld.example > "$T/whois/xn--p1ai.txt"
  expect_status 0 tldops --config "$T/whois.ini" iana fetch .NL рф
  contains "$OUT" "nl: new record"
  contains "$OUT" "xn--p1ai: new record"
  equals "$(tldops cctld show рф --json | json 'd["iana"]["tech"]["email"]')" t@cctld.example
}

test_fetch_refuses_truncated_oversized_and_silent_answers() {
  init_db; start_whois
  record nl a@sidn.example t@sidn.example > "$T/whois/nl.txt"
  record be a@dns.example t@dns.example > "$T/whois/be.big"
  record de a@denic.example t@denic.example > "$T/whois/de.cut"
  echo x > "$T/whois/fr.slow"
  before=$(db_dump)
  expect_status 1 tldops --config "$T/whois.ini" iana fetch nl be
  contains "$ERR" "larger than"
  expect_status 1 tldops --config "$T/whois.ini" iana fetch nl fr
  contains "$ERR" "within 2000 ms"
  expect_status 1 tldops --config "$T/whois.ini" iana fetch zz
  contains "$ERR" "cctld"
  # A cut answer lacks its contacts: refused or imported without them, never half a record.
  rc=0; tldops --config "$T/whois.ini" iana fetch de >/dev/null 2>&1 || rc=$?
  if [ $rc -eq 0 ]; then
    fail "a truncated whois answer was accepted"
  fi
  equals "$(db_dump)" "$before"
  # Nothing listens: a clear error naming the server.
  printf '[iana]\nwhois_server = 127.0.0.1:1\n' > "$T/none.ini"
  expect_status 1 tldops --config "$T/none.ini" iana fetch nl
  contains "$ERR" "server"
}

test_changed_authorisers_are_reported_and_old_links_stop_working() {
  init_db
  record nl old@sidn.example tech@sidn.example > "$T/r1"
  tldops iana import "$T/r1" >/dev/null
  id=$(tldops request join --cctld nl --name "Jan Jansen" --email jan@sidn.example --phone +31263525500)
  old_link=$(grep -l "^Delivered-To: old@sidn.example" "$T"/mail/new/* | xargs grep -o 'authorize/[A-Za-z0-9_-]*' | cut -d/ -f2)
  # A second request gets authorised by the tech contact before the change.
  id2=$(tldops request join --cctld nl --name "Piet Pietersen" --email piet@sidn.example --phone +31263525501)
  tech_link=$(ls -t "$T"/mail/new/* | xargs grep -l "^Delivered-To: tech@sidn.example" | head -1 | xargs grep -o 'authorize/[A-Za-z0-9_-]*' | cut -d/ -f2)
  tldops request authorize "$tech_link" >/dev/null
  # IANA now lists new admin and tech contacts.
  record nl new@sidn.example newtech@sidn.example > "$T/r2"
  expect_status 0 tldops iana import "$T/r2"
  equals "$(tldops audit --json | json '[e["action"] for e in d if e["object_type"] == "iana"]')" "['iana.add', 'iana.drift']"
  # The committee is told.
  f=$(grep -l "^Delivered-To: committee@localhost" "$T"/mail/new/*)
  grep -q "old@sidn.example" "$f"; grep -q "new@sidn.example" "$f"
  # The former admin's link no longer authorises anything.
  expect_status 1 tldops request authorize "$old_link"
  contains "$ERR" "no longer the IANA admin contact"
  equals "$(tldops request show "$id" --json | json 'd["state"]')" pending-authorisation
  # The request the former tech contact authorised is flagged for the approver.
  contains "$(tldops request show "$id2" --json | json '"|".join(d["flags"])')" "no longer an IANA contact"
}
