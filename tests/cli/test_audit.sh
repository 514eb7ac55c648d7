# SPDX-License-Identifier: MIT
# The audit log: every change is a row saying who did what, with the object
# before and after; --since/--until select a period.

PHONE=+31263525500

test_every_change_writes_an_audit_row() {
  init_db
  equals "$(tldops audit --json)" "[]"
  local id; id=$(add_contact nl "Jan Jansen" jan@sidn.nl $PHONE)
  tldops contact update "$id" --role CISO
  tldops exception add --email security@sidn.nl --reason "IANA root contact" >/dev/null
  tldops contact remove "$id" --reason "left SIDN"
  equals "$(tldops audit --json | json '[(e["action"], e["object_type"], e["object_id"]) for e in d]')" \
    "[('contact.add', 'contact', '$id'), ('cctld.join', 'cctld', 'nl'), ('contact.update', 'contact', '$id'), ('exception.add', 'exception', '1'), ('contact.remove', 'contact', '$id'), ('cctld.leave', 'cctld', 'nl')]"
  # Reading changes nothing and writes no row.
  tldops contact list >/dev/null
  tldops lookup nl >/dev/null
  tldops export --format json >/dev/null
  equals "$(tldops audit --json | json 'len(d)')" 6
  # The text form has a header and one line per row.
  expect_status 0 tldops audit
  equals "$(printf '%s\n' "$OUT" | wc -l)" 7
  contains "$OUT" "contact.remove"
}

test_refused_changes_write_no_audit_row() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  expect_status 1 add_contact nl "Jan Jansen" jan@sidn.nl $PHONE
  expect_status 1 add_contact nl "SIDN CERT" security@sidn.nl $PHONE
  expect_status 1 tldops contact update 1 --phone nope
  expect_status 1 tldops contact remove 2 --reason x
  equals "$(tldops audit --json | json '[e["action"] for e in d]')" "['contact.add', 'cctld.join']"
}

test_audit_actor_is_as_else_tldops_actor() {
  init_db
  local id; id=$(add_contact nl "Jan Jansen" jan@sidn.nl $PHONE)      # TLDOPS_ACTOR=e2e
  tldops --as alice contact update "$id" --role CISO
  TLDOPS_ACTOR=bob tldops contact update "$id" --role CTO
  TLDOPS_ACTOR=bob tldops --as carol contact update "$id" --role CEO
  equals "$(tldops audit --json | json '[(e["actor"], e["action"]) for e in d]')" \
    "[('e2e', 'contact.add'), ('e2e', 'cctld.join'), ('alice', 'contact.update'), ('bob', 'contact.update'), ('carol', 'contact.update')]"
  expect_status 0 tldops audit
  contains "$OUT" "carol"
  # An actor that could forge a log line is refused, and nothing happens.
  expect_unchanged 1 tldops --as "$(printf 'mallory\n2024-01-01T00:00:00Z  alice')" contact update "$id" --role X
  contains "$ERR" "as:"
}

test_audit_json_has_the_object_before_and_after() {
  init_db
  local id; id=$(add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" --org SIDN)
  tldops contact update "$id" --phone "+31 26 352 5599" --name "Jan J. Jansen"
  tldops contact remove "$id" --reason "left SIDN"
  tldops audit --json > audit.json
  # add: nothing before, the whole contact after.
  equals "$(json '[(e["before"], e["after"]["name"], e["after"]["email"], e["after"]["organisation"]) for e in d if e["action"] == "contact.add"]' < audit.json)" \
    "[(None, 'Jan Jansen', 'jan@sidn.nl', 'SIDN')]"
  # update: the old and the new values.
  equals "$(json '[(e["before"]["phone"], e["after"]["phone"], e["before"]["name"], e["after"]["name"]) for e in d if e["action"] == "contact.update"]' < audit.json)" \
    "[('+31263525500', '+31263525599', 'Jan Jansen', 'Jan J. Jansen')]"
  # remove: the contact as it was, and the reason.
  equals "$(json '[(e["before"]["name"], e["before"]["id"], e["after"]["reason"]) for e in d if e["action"] == "contact.remove"]' < audit.json)" \
    "[('Jan J. Jansen', $id, 'left SIDN')]"
  # Every row has a time.
  equals "$(json 'all(__import__("re").match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", e["at"]) for e in d)' < audit.json)" True
}

test_audit_since_and_until_select_a_period() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  sleep 1
  add_contact be "Piet Peeters" piet@dnsbelgium.be $PHONE >/dev/null
  tldops audit --json > all.json
  equals "$(json 'len(d)' < all.json)" 4
  # A date in the future: nothing.
  equals "$(tldops audit --since 2099-01-01 --json)" "[]"
  expect_status 0 tldops audit --since 2099-01-01
  equals "$OUT" ""
  equals "$(tldops audit --until 2000-01-01 --json)" "[]"
  equals "$(tldops audit --since 2000-01-01 --json | json 'len(d)')" 4
  # Since the moment of the last change: only what happened from then on.
  local last; last=$(json 'd[-1]["at"]' < all.json)
  equals "$(tldops audit --since "$last" --json | json '[e["object_id"] for e in d]')" \
    "$(json '[e["object_id"] for e in d if e["at"] >= "'"$last"'"]' < all.json)"
  equals "$(tldops audit --since "$last" --json | json '"nl" in [e["object_id"] for e in d]')" False
}

test_audit_refuses_a_bad_date_naming_the_option() {
  init_db
  for bad in yesterday 2024-13-01 2024-02-30 24-01-01 "2024-01-01 12:00" ""; do
    expect_status 1 tldops audit --since "$bad"
    contains "$ERR" "since:"
    contains "$ERR" "not a date"
  done
  expect_status 1 tldops audit --until tomorrow --json
  contains "$ERR" "until:"
  equals "$OUT" ""
}

test_audit_cctld_is_the_history_of_one_cctld() {
  init_db; iana_nl
  local jan hans req
  jan=$(add_contact nl "Jan Jansen" jan@sidn.example $PHONE)
  hans=$(add_contact de "Hans Müller" hans@denic.example "+49 69 27235 0")
  tldops contact update "$jan" --role CISO
  tldops contact update "$hans" --role CTO
  req=$(tldops request join --cctld nl --name "Piet Pieters" --email piet@sidn.example \
    --phone "+31 26 352 5501" --role "Security officer")
  # Half a year on the request has expired and Jan is asked to reconfirm
  # (that row keeps only the contact's id, not its ccTLD).
  faketime -f '+181d' "$TLDOPS_BIN" freshness run >/dev/null
  tldops contact remove "$jan" --reason "left SIDN"
  tldops audit --cctld NL --json > nl.json
  equals "$(json '[(e["action"], e["object_type"], e["object_id"]) for e in d]' < nl.json)" \
    "[('iana.add', 'iana', 'nl'), ('contact.add', 'contact', '$jan'), ('cctld.join', 'cctld', 'nl'), ('contact.update', 'contact', '$jan'), ('request.create', 'request', '$req'), ('request.expire', 'request', '$req'), ('freshness.ask', 'contact', '$jan'), ('contact.remove', 'contact', '$jan'), ('cctld.leave', 'cctld', 'nl')]"
  # Any spelling, the same rows; none of .de's.
  equals "$(tldops audit --cctld .nl --json)" "$(cat nl.json)"
  equals "$(tldops audit --cctld de --json | json '[e["object_id"] for e in d if e["object_type"] == "contact"]')" \
    "['$hans', '$hans', '$hans']"
  # With a period, and as text: a header and one line a row.
  equals "$(tldops audit --cctld nl --until 2000-01-01 --json)" "[]"
  expect_status 0 tldops audit --cctld nl
  equals "$(printf '%s\n' "$OUT" | wc -l)" 10
  contains "$OUT" "freshness.ask"
  not_contains "$OUT" "Müller"
  # A ccTLD that is not one, or not a code at all: refused, naming the field.
  expect_status 1 tldops audit --cctld zz
  contains "$ERR" "cctld:"
  expect_status 1 tldops audit --cctld "nl; DROP TABLE audit" --json
  contains "$ERR" "cctld:"
  equals "$OUT" ""
}
