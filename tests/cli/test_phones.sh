# SPDX-License-Identifier: MIT
# Phone numbers grouped for reading (issue 23): people read the grouping a
# number was entered with ("+31 26 352 5500"); a number entered in one
# piece shows as stored; machine formats (CSV, JSON's phone, vCard, API)
# keep E.164.  docs/membership.md "Phone numbers".

seed_phones() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 (0)26 352 5500" --org SIDN --role CISO >/dev/null
  add_contact nl "Piet Pietersen" piet@sidn.nl "+31263525501" --role CSIRT >/dev/null
  add_contact be "Els Peeters" els@dnsbelgium.be "0032 16-28-49-70" --role CSIRT >/dev/null
}

test_people_read_the_grouping_the_number_was_entered_with() {
  seed_phones
  expect_status 0 tldops lookup nl
  contains "$OUT" "phone  +31 26 352 5500"
  # Entered in one piece: shown as stored.
  contains "$OUT" "phone  +31263525501"
  expect_status 0 tldops lookup be
  contains "$OUT" "phone  +32 16 28 49 70"
  expect_status 0 tldops cctld show nl
  contains "$OUT" "+31 26 352 5500"
  expect_status 0 tldops contact list
  contains "$OUT" "+31 26 352 5500"
  contains "$OUT" "+32 16 28 49 70"
  contains "$OUT" "+31263525501"
  # The repository mail (the copy people keep for an emergency).
  expect_status 0 tldops digest --print
  contains "$OUT" "jan@sidn.nl  +31 26 352 5500"
  contains "$OUT" "piet@sidn.nl  +31263525501"
  not_contains "$OUT" "+31263525500"
}

test_machine_formats_keep_e164() {
  seed_phones
  equals "$(tldops contact list --json | json '[(c["phone"], c["phone_display"]) for c in d]')" \
    "[('+3216284970', '+32 16 28 49 70'), ('+31263525500', '+31 26 352 5500'), ('+31263525501', '+31263525501')]"
  equals "$(tldops lookup nl --json | json '[c["phone"] for c in d["contact_list"]]')" "['+31263525500', '+31263525501']"
  tldops export --format csv > "$T/c.csv"
  grep -q '^nl,Jan Jansen,jan@sidn.nl,+31263525500,' "$T/c.csv" || fail "csv: $(cat "$T/c.csv")"
  ! grep -q '+31 26' "$T/c.csv" || fail "grouped number in the csv"
  tldops export --format vcard > "$T/c.vcf"
  grep -q '^TEL;.*+31263525500' "$T/c.vcf" || grep -q 'tel:+31263525500' "$T/c.vcf" || fail "vcard: $(grep TEL "$T/c.vcf")"
  ! grep -q '+31 26' "$T/c.vcf" || fail "grouped number in the vCard"
  tldops export --format json > "$T/c.json"
  equals "$(json '[c["phone"] for c in d if c["cctld"] == "nl"]' < "$T/c.json")" "['+31263525500', '+31263525501']"
}

test_update_regroups_and_the_same_number_in_one_piece_keeps_it() {
  seed_phones
  expect_status 0 tldops contact update 1 --phone "+31 26 3525 500"
  equals "$(tldops contact list --json | json '[c["phone_display"] for c in d if c["id"] == 1][0]')" "+31 26 3525 500"
  # The audit says it as people read it (the rows keep both forms).
  expect_status 0 tldops audit
  contains "$OUT" 'phone: "+31 26 352 5500" -> "+31 26 3525 500"'
  # The same number in one piece (as an E.164 CSV brings it back) keeps it.
  expect_status 0 tldops contact update 1 --phone "+31263525500"
  equals "$(tldops contact list --json | json '[c["phone_display"] for c in d if c["id"] == 1][0]')" "+31 26 3525 500"
  # Another number in one piece: shown as stored.
  expect_status 0 tldops contact update 1 --phone "+31263525599"
  equals "$(tldops contact list --json | json '[c["phone_display"] for c in d if c["id"] == 1][0]')" "+31263525599"
  # Bad input is named and stores nothing, grouping included.
  expect_unchanged 1 tldops contact update 2 --phone "+31 26 35x 5501"
  contains "$ERR" "phone"
  expect_unchanged 1 tldops contact add --cctld nl --name "Kim Klaassen" --email kim@sidn.nl --phone "+31 26"
  contains "$ERR" "phone"
  contains "$ERR" "digits"
}

test_import_keeps_the_grouping_and_csv_round_trips_in_e164() {
  init_db
  printf 'cctld,name,email,phone,organisation,role,languages,pgp_fingerprint\r\n' > "$T/in.csv"
  printf 'nl,Jan Jansen,jan@sidn.nl,+31 26 352 5500,SIDN,CISO,en,\r\n' >> "$T/in.csv"
  printf 'be,Els Peeters,els@dnsbelgium.be,+3216284970,,CSIRT,,\r\n' >> "$T/in.csv"
  printf 'de,Hans Huber,hans@denic.de,"0049 (0)69 27235-0",,CSIRT,,\r\n' >> "$T/in.csv"
  expect_status 0 tldops import contacts "$T/in.csv"
  expect_status 0 tldops lookup nl
  contains "$OUT" "phone  +31 26 352 5500"
  expect_status 0 tldops lookup de
  contains "$OUT" "phone  +49 69 27235 0"
  expect_status 0 tldops lookup be
  contains "$OUT" "phone  +3216284970"
  # Export (E.164) and import into a fresh repository: the same contacts
  # and numbers; the grouping for reading stays with the first one.
  tldops export --format csv > "$T/out.csv"
  grep -q ',+31263525500,' "$T/out.csv" || fail "csv: $(cat "$T/out.csv")"
  TLDOPS_DB=$T/fresh.db init_db
  TLDOPS_DB=$T/fresh.db expect_status 0 tldops import contacts "$T/out.csv"
  TLDOPS_DB=$T/fresh.db tldops export --format csv > "$T/again.csv"
  cmp "$T/out.csv" "$T/again.csv" || fail "round trip: $(diff "$T/out.csv" "$T/again.csv")"
  # An update import of that E.164 file leaves the grouping as it was.
  expect_status 0 tldops import contacts --update "$T/out.csv"
  expect_status 0 tldops lookup nl
  contains "$OUT" "phone  +31 26 352 5500"
  # A bad number is named with its line, and nothing is stored.
  printf 'cctld,name,email,phone,organisation,role,languages,pgp_fingerprint\r\n' > "$T/bad.csv"
  printf 'fr,Marie Martin,marie@afnic.fr,+33 1 39 30 83 01,,CSIRT,,\r\n' >> "$T/bad.csv"
  printf 'se,Sven Svensson,sven@iis.se,+46 8 452 35 00 ext 1,,CSIRT,,\r\n' >> "$T/bad.csv"
  expect_unchanged 1 tldops import contacts "$T/bad.csv"
  contains "$ERR" "bad.csv:3: phone"
  contains "$ERR" "phone"
}

test_an_approved_join_keeps_the_grouping_it_was_requested_with() {
  init_db; iana_nl
  expect_status 0 tldops request join --cctld nl --name "Jan Jansen" --email jan@sidn.example \
    --phone "0031 26 352 5500" --role "Security officer"
  id=$OUT
  equals "$(tldops request show "$id" --json | json 'd["proposed"]["phone"], d["proposed"]["phone_display"]')" \
    "('+31263525500', '+31 26 352 5500')"
  f=$(grep -l "^Delivered-To: tech@sidn.example" "$T"/mail/new/* | head -1)
  tok=$(grep -o 'authorize/[A-Za-z0-9_-]*' "$f" | head -1 | cut -d/ -f2)
  expect_status 0 tldops request authorize "$tok"
  expect_status 0 tldops --as committee-kim request approve "$id"
  expect_status 0 tldops lookup nl
  contains "$OUT" "phone  +31 26 352 5500"
}

test_a_repository_from_before_the_migration_shows_numbers_as_stored() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" --role CISO >/dev/null
  latest=$(db_query "SELECT max(version) FROM schema_migration")
  # Back to schema 19: the column gone, as a repository of the last release
  # (and what later migrations made: 021's index, 023's table).
  db_query "ALTER TABLE contact DROP COLUMN phone_grouped" >/dev/null
  db_query "ALTER TABLE request DROP COLUMN phone_grouped" >/dev/null
  db_query "DROP INDEX contact_active_address" >/dev/null
  db_query "DROP TABLE mail_fan_out" >/dev/null
  db_query "DELETE FROM schema_migration WHERE version >= 20" >/dev/null
  expect_status 0 tldops lookup nl
  contains "$OUT" "phone  +31263525500"
  equals "$(db_query "SELECT max(version) FROM schema_migration")" "$latest"
  expect_status 0 tldops contact update 1 --phone "+31 26 352 5500"
  expect_status 0 tldops lookup nl
  contains "$OUT" "phone  +31 26 352 5500"
}

test_web_pages_show_the_grouping_the_api_e164() {
  seed_phones
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf '[web]\nlisten = 127.0.0.1:%s\n' "$port" > "$T/web.ini"
  export TLDOPS_CONFIG=$T/web.ini
  token=$(tldops token create --email kim@secretariat.example --days 1 2>/dev/null)
  "$TLDOPS_BIN" --mail "maildir:$T/mail" serve >"$T/serve.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  local base=http://127.0.0.1:$port hdr=$T/h.txt page=$T/p.html cookie form link sid
  for _ in $(seq 100); do curl -s -o /dev/null "$base/healthz" && break; sleep 0.1; done
  # The API: E.164 as stored, phone_display beside it.
  curl -s -H "Authorization: Bearer $token" "$base/api/v1/lookup/nl" > "$T/api.json"
  equals "$(json '[(c["phone"], c["phone_display"]) for c in d["contact_list"]]' < "$T/api.json")" \
    "[('+31263525500', '+31 26 352 5500'), ('+31263525501', '+31263525501')]"
  # The pages, signed in through a one-time link.
  curl -s -D "$hdr" -o /dev/null "$base/login"
  cookie=$(sed -n 's/^Set-Cookie: tldops_csrf=\([0-9a-f]\{64\}\);.*/\1/p' "$hdr" | tr -d '\r')
  link=$(tldops login-link --email kim@secretariat.example)
  curl -s -o "$page" -b "tldops_csrf=$cookie" "$base/login/${link##*/login/}"
  form=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$page" | head -1)
  curl -s -D "$hdr" -o /dev/null -b "tldops_csrf=$cookie" --data "csrf=$form" "$base/login/${link##*/login/}"
  sid=$(sed -n 's/^Set-Cookie: tldops_session=\([A-Za-z0-9_-]*\);.*/\1/p' "$hdr" | tr -d '\r')
  [ -n "$sid" ] || fail "no session: $(cat "$hdr")"
  curl -s -b "tldops_session=$sid" "$base/cctld/nl" > "$page"
  contains "$(cat "$page")" '<a href="tel:+31263525500">+31 26 352 5500</a>'
  contains "$(cat "$page")" '<a href="tel:+31263525501">+31263525501</a>'
  curl -s -b "tldops_session=$sid" "$base/contacts" > "$page"
  contains "$(cat "$page")" '>+31 26 352 5500<'
  contains "$(cat "$page")" '>+32 16 28 49 70<'
  curl -s -b "tldops_session=$sid" "$base/contacts/1" > "$page"
  contains "$(cat "$page")" '+31 26 352 5500'
  kill $pid; wait $pid || true
}
