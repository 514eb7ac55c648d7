# SPDX-License-Identifier: MIT
# The first things a newcomer does: init, add a contact, look it up.

test_init_loads_every_delegated_cctld() {
  expect_status 0 tldops init
  contains "$OUT" "309 reference ccTLDs"
  equals "$(tldops cctld list --json | json 'len(d)')" 309
  equals "$(tldops cctld list --json | json '[c["kind"] for c in d].count("idn")')" 61
  # init twice keeps what is there
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" >/dev/null
  expect_status 0 tldops init
  equals "$(tldops contact list --json | json 'len(d)')" 1
}

test_lookup_answers_with_every_contact() {
  init_db
  add_contact .NL "Jan Jansen" Jan@SIDN.NL "+31 (0)26 352 5500" --org SIDN --role CISO >/dev/null
  add_contact nl "Piet Pietersen" piet@sidn.nl "0031 26 352 5501" >/dev/null
  expect_status 0 tldops lookup nl
  contains "$OUT" "Jan Jansen"
  contains "$OUT" "Jan@sidn.nl"
  # Grouped for reading as typed, the trunk (0) dropped (docs/membership.md).
  contains "$OUT" "+31 26 352 5500"
  contains "$OUT" "+31 26 352 5501"
  expect_status 0 tldops lookup .рф
  contains "$OUT" "not a member"
  expect_status 1 tldops lookup zz
  contains "$ERR" "cctld"
}

test_missing_database_says_to_init() {
  expect_status 1 tldops lookup nl
  contains "$ERR" "tldops init"
}

test_lookup_by_country_organisation_or_address() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" --org SIDN --role CISO >/dev/null
  add_contact be "Piet Peeters" piet@dnsbelgium.be "+32 16 28 49 70" --role "Security officer" >/dev/null
  expect_status 0 tldops lookup Netherlands
  contains "$OUT" '"Netherlands" matched the country of .nl'
  contains "$OUT" "Jan Jansen"
  expect_status 0 tldops lookup SIDN
  contains "$OUT" ".nl  (matched the"
  contains "$OUT" "Jan Jansen"
  not_contains "$OUT" "Piet"
  expect_status 0 tldops lookup jan@
  contains "$OUT" "(matched the email)"
  contains "$OUT" "jan@sidn.nl"
  expect_status 0 tldops lookup --json sidn
  equals "$(printf '%s' "$OUT" | json 'd["contacts"][0]["matched"]')" email
  # the role is not shown as the organisation
  expect_status 0 tldops lookup be
  contains "$OUT" "role   Security officer"
  not_contains "$OUT" "org    Security officer"
  expect_status 1 tldops lookup Atlantis
  contains "$ERR" "cctld"
  contains "$ERR" "Atlantis"
}
