# SPDX-License-Identifier: MIT
# Community contacts (issue 24, 2): the IANA root contact, liaisons and the
# secretariat's staff belong to the community instead of a ccTLD.  They are
# in the lookup and the repository mail ("Community contacts"), get the
# list's mail and may post, are never a ccTLD's members in stats, reconcile
# knows them, the generic-contact exception of the root address stands for
# its community contact, and the exports carry them (import takes them back).

LIST=tld-ops@lists.example

# nl: Jan; the IANA root contact (a role address, its exception) and an
# ICANN liaison.
community_seed() {
  init_db
  cat > "$T/cfg.ini" <<E
[mail]
list_address = $LIST
list_id = tld-ops.lists.example
secretariat = secretariat@example.org
[web]
base_url = https://tldops.example
E
  export TLDOPS_CONFIG="$T/cfg.ini"
  add_contact nl "Jan Jansen" jan@sidn.nl +31263525500 --role CISO >/dev/null
  tldops exception add --email root@iana.org \
    --reason "the IANA root contact (meeting, action 97)" >/dev/null
  tldops contact add --affiliation IANA --kind iana --name "IANA root contact" \
    --email root@iana.org --role "Root zone management" >/dev/null
  tldops contact add --affiliation ICANN --kind liaison --name "Kim Liaison" \
    --email kim@icann.example --phone "+1 310 301 5800" --role "Security liaison" >/dev/null
}

test_community_contact_add_and_list() {
  community_seed
  expect_status 0 tldops contact list --community --json
  equals "$(json '[(c["cctld"], c["kind"], c["affiliation"], c["email"], c["phone"]) for c in d]' <<<"$OUT")" \
    "[(None, 'iana', 'IANA', 'root@iana.org', ''), (None, 'liaison', 'ICANN', 'kim@icann.example', '+13103015800')]"
  # The whole list: the ccTLD's contacts first, then the community's.
  expect_status 0 tldops contact list
  contains "$OUT" "IANA (iana)"
  contains "$OUT" "ICANN (liaison)"
  equals "$(tldops contact list --json | json '[c["email"] for c in d]')" \
    "['jan@sidn.nl', 'root@iana.org', 'kim@icann.example']"
  # Of no ccTLD: .nl has one contact, and no ccTLD joined for them.
  equals "$(tldops contact list --cctld nl --json | json 'len(d)')" 1
  equals "$(tldops cctld list --members --json | json '[c["code"] for c in d]')" "['nl']"
  expect_status 0 tldops contact add --affiliation "Secretariat" --kind STAFF \
    --name "Sam Staff" --email sam@secretariat.example --phone +3222222222
  equals "$OUT" 4
  equals "$(tldops contact list --community --json | json '[c["kind"] for c in d]')" \
    "['iana', 'liaison', 'staff']"
  # A community contact moves to a ccTLD and back with contact update.
  id=$(tldops contact list --community --json | json '[c["id"] for c in d if c["kind"] == "staff"][0]')
  expect_status 0 tldops contact update "$id" --cctld be --json
  equals "$(json '(d["cctld"], "kind" in d, "affiliation" in d)' <<<"$OUT")" "('be', False, False)"
  equals "$(tldops cctld list --members --json | json '[c["code"] for c in d]')" "['be', 'nl']"
  expect_status 0 tldops contact update "$id" --affiliation Secretariat --kind staff --json
  equals "$(json '(d["cctld"], d["kind"], d["affiliation"])' <<<"$OUT")" "(None, 'staff', 'Secretariat')"
  equals "$(tldops cctld list --members --json | json '[c["code"] for c in d]')" "['nl']"
}

test_community_contact_bad_input_is_named_and_stores_nothing() {
  community_seed
  expect_unchanged 1 tldops contact add --affiliation IANA --kind bogus \
    --name "X Y" --email x@iana.example --phone +13105551212
  contains "$ERR" "kind: unknown kind 'bogus': one of iana, liaison, staff"
  expect_unchanged 1 tldops contact add --cctld nl --affiliation IANA --kind iana \
    --name "X Y" --email x@iana.example --phone +13105551212
  contains "$ERR" "affiliation: a contact belongs to a ccTLD or to the community, not both"
  expect_unchanged 1 tldops contact add --affiliation IANA \
    --name "X Y" --email x@iana.example --phone +13105551212
  contains "$ERR" "kind: is required for a community contact"
  expect_unchanged 1 tldops contact add --cctld nl --kind liaison \
    --name "X Y" --email x@sidn.nl --phone +31263525501
  contains "$ERR" "kind: is for community contacts"
  expect_unchanged 1 tldops contact add --affiliation IANA --kind cctld \
    --name "X Y" --email x@iana.example --phone +13105551212
  contains "$ERR" "kind: cctld is not a community kind"
  expect_unchanged 1 tldops contact add --affiliation "   " --kind iana \
    --name "X Y" --email x@iana.example --phone +13105551212
  contains "$ERR" "affiliation: is blank"
  # A person's address needs a phone, community or not; a role address
  # without an exception is refused as before.
  expect_unchanged 1 tldops contact add --affiliation IANA --kind iana \
    --name "X Y" --email x@iana.example
  contains "$ERR" "phone: is required"
  expect_unchanged 1 tldops contact add --affiliation IANA --kind iana \
    --name "IANA NOC" --email noc@iana.example
  contains "$ERR" "email: noc@iana.example is a role address"
  expect_unchanged 2 tldops contact add --name "X Y" --email x@iana.example --phone +13105551212
  contains "$ERR" "--cctld (or --affiliation and --kind"
  expect_unchanged 2 tldops contact list --community --cctld nl
  # The address is taken: the message names whom it belongs to.
  expect_unchanged 1 add_contact nl "Kim Again" kim@icann.example +31263525501
  contains "$ERR" "is already contact 3 of the community (ICANN)"
}

# An import line whose address a community contact has: the message names
# the community, on both backends (PostgreSQL checks a whole file at once,
# after COPY; it said "of .ICANN").
test_import_names_the_community_contact_that_has_the_address() {
  community_seed
  printf 'cctld,name,email,phone\nse,Anna Svensson,anna@iis.se,+46 8 452 35 00\nbe,Kim Again,KIM@icann.example,+32 16 28 49 70\n' >"$T/taken.csv"
  expect_unchanged 1 tldops import contacts "$T/taken.csv"
  contains "$ERR" "taken.csv:3: email: KIM@icann.example is already contact 3 of the community (ICANN)"
  not_contains "$ERR" "of .ICANN"
}

test_lookup_and_repository_mail_have_a_community_section() {
  community_seed
  expect_status 0 tldops lookup nl
  contains "$OUT" "Jan Jansen"
  contains "$OUT" $'\nCommunity contacts\nIANA (iana)\n  IANA root contact\n    email  root@iana.org\n'
  contains "$OUT" "(generic-contact exception: the IANA root contact (meeting, action 97))"
  contains "$OUT" "ICANN (liaison)"
  # A search finds them by their affiliation.
  expect_status 0 tldops lookup ICANN
  contains "$OUT" "ICANN (liaison, community contact)  (matched the"
  # A ccTLD without contacts still shows whom to call beyond it.
  expect_status 0 tldops lookup se
  contains "$OUT" "no contacts: .se is not a member"
  contains "$OUT" "Community contacts"
  expect_status 0 tldops lookup nl --json
  equals "$(json '[c["email"] for c in d["community_contacts"]]' <<<"$OUT")" "['root@iana.org', 'kim@icann.example']"
  equals "$(json 'd["community_contacts"][0]["exception"]["reason"]' <<<"$OUT")" "the IANA root contact (meeting, action 97)"
  # The repository mail: the ccTLDs (1 member, 1 contact), then the community.
  expect_status 0 tldops digest --print
  contains "$OUT" "1 member ccTLDs of"
  contains "$OUT" ", 1 contacts."
  contains "$OUT" $'\nCommunity contacts (not of a ccTLD: the IANA root contact, liaisons, staff)\n  IANA root contact, IANA (iana) (Root zone management)\n    root@iana.org\n  Kim Liaison, ICANN (liaison) (Security liaison)\n    kim@icann.example  +1 310 301 5800\n'
}

test_the_offline_copy_has_the_community_contacts_apart() {
  community_seed
  export GNUPGHOME="$T/gnupg"; mkdir -m 700 "$GNUPGHOME"
  trap 'gpgconf --kill all 2>/dev/null || true' EXIT
  gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "TLD-OPS test <tld-ops@localhost>" ed25519 sign 1d 2>/dev/null
  fpr=$(gpg --batch --with-colons --list-secret-keys "TLD-OPS test" | awk -F: '/^fpr/ {print $10; exit}')
  printf '[mail]\nsigning_key = %s\n' "$fpr" > "$T/sign.ini"
  expect_status 0 tldops --config "$T/sign.ini" export --format json --sign --output offline.json
  equals "$(json '(d["members"], d["contacts"], [c["code"] for c in d["cctlds"]], [(c["affiliation"], c["kind"]) for c in d["community_contacts"]])' < offline.json)" \
    "(1, 1, ['nl'], [('IANA', 'iana'), ('ICANN', 'liaison')])"
}

test_community_contacts_get_the_lists_mail_and_may_post() {
  community_seed
  echo "Patch now." > "$T/body"
  expect_status 0 tldops --mail "maildir:$T/mail" alert send --subject "Resolver bug" --body-file "$T/body"
  equals "$(db_query "SELECT count(*) FROM mail_delivery")" 3
  equals "$(db_query "SELECT recipient FROM mail_delivery ORDER BY recipient")" \
    "$(printf 'jan@sidn.nl\nkim@icann.example\nroot@iana.org')"
  # A post from the liaison is a member's: distributed, not held.
  { printf 'From: Kim Liaison <kim@icann.example>\nTo: %s\nSubject: Feedback wanted\nMessage-ID: <k1@icann.example>\nDate: Thu, 3 Dec 2026 08:00:00 +0000\n\nHello all.\n' "$LIST"; } > "$T/m"
  expect_status 0 tldops deliver "$LIST" kim@icann.example < "$T/m"
  contains "$OUT" "distributed (3 deliveries)"
}

test_stats_never_count_community_contacts_as_members() {
  community_seed
  expect_status 0 tldops stats --json
  equals "$(json '(d["cctlds"]["members"], d["contacts"], d["regions"]["EU"]["contacts"])' <<<"$OUT")" "(1, 1, 1)"
  expect_status 0 tldops stats --csv
  not_contains "$OUT" "ICANN"
  not_contains "$OUT" "IANA"
}

test_reconcile_knows_the_community_contacts() {
  community_seed
  tldops export --format mailman --output roster.txt
  contains "$(cat roster.txt)" "IANA root contact <root@iana.org>"
  contains "$(cat roster.txt)" "Kim Liaison <kim@icann.example>"
  tldops stats --csv > sheet.csv
  printf '.nl\n' > website.txt
  expect_status 0 tldops reconcile --mailman roster.txt --website website.txt --spreadsheet sheet.csv
  equals "$OUT" "clean: the sources agree with the repository"
  # Not subscribed: subscribe them (never "unsubscribe the root address").
  grep -v iana roster.txt > roster2.txt
  expect_status 1 tldops reconcile --mailman roster2.txt --json
  equals "$(json '[(o["kind"], o.get("cctld"), o.get("affiliation"), o["email"]) for o in d]' <<<"$OUT")" \
    "[('missing_in_source', None, 'IANA', 'root@iana.org')]"
  expect_status 1 tldops reconcile --mailman roster2.txt
  contains "$OUT" "IANA root contact <root@iana.org>, community contact (IANA), is not on the roster"
  contains "$OUT" "fix: subscribe \"IANA root contact\" <root@iana.org> to the list"
  not_contains "$OUT" "unsubscribe"
}

test_the_root_address_exception_stands_for_its_community_contact() {
  community_seed
  expect_status 0 tldops exception list --json
  equals "$(json '[(e["email"], e["contact"]["kind"], e["contact"]["affiliation"]) for e in d]' <<<"$OUT")" \
    "[('root@iana.org', 'iana', 'IANA')]"
  expect_status 0 tldops exception list
  contains "$OUT" "for community contact 2 (IANA, iana)"
  expect_status 0 tldops contact list --generic --json
  equals "$(json '[(c["email"], c["affiliation"], c["exception"]["reason"]) for c in d]' <<<"$OUT")" \
    "[('root@iana.org', 'IANA', 'the IANA root contact (meeting, action 97)')]"
}

# Every reader of all contacts (exports, the repository mail, the offline
# copy) gets them by ccTLD, then by id, and the community's last by
# affiliation, whatever the order they were added in.
test_all_contacts_come_by_cctld_then_the_community() {
  community_seed
  add_contact be "Piet Peeters" piet@dnsbelgium.be +3216284970 >/dev/null
  add_contact nl "Anna de Vries" anna@sidn.nl +31263525501 >/dev/null
  tldops contact add --affiliation APTLD --kind liaison --name "Lee Liaison" \
    --email lee@aptld.example --phone "+60 3 2711 1111" --role "Security liaison" >/dev/null
  tldops export --format json --output all.json
  equals "$(json '[c["email"] for c in d]' < all.json)" \
    "['piet@dnsbelgium.be', 'jan@sidn.nl', 'anna@sidn.nl', 'lee@aptld.example', 'root@iana.org', 'kim@icann.example']"
  expect_status 0 tldops digest --print
  [[ "$OUT" == *piet@dnsbelgium.be*jan@sidn.nl*anna@sidn.nl*lee@aptld.example*root@iana.org*kim@icann.example* ]] ||
    fail "the repository mail's order: $OUT"
}

test_exports_carry_community_contacts_and_import_takes_them_back() {
  community_seed
  tldops export --format csv --output all.csv
  equals "$(head -1 all.csv)" $'cctld,name,email,phone,organisation,role,languages,pgp_fingerprint,affiliation,kind\r'
  contains "$(cat all.csv)" $',IANA root contact,root@iana.org,,,Root zone management,,,IANA,iana\r'
  contains "$(cat all.csv)" $'nl,Jan Jansen,jan@sidn.nl,+31263525500,,CISO,,,,\r'
  tldops export --format json --output all.json
  equals "$(json '[(c["cctld"], c.get("kind"), c.get("affiliation")) for c in d]' < all.json)" \
    "[('nl', None, None), (None, 'iana', 'IANA'), (None, 'liaison', 'ICANN')]"
  tldops export --format vcard --output all.vcf
  contains "$(cat all.vcf)" "CATEGORIES:community"
  contains "$(cat all.vcf)" "NOTE:Community contact (iana) of TLD-OPS: IANA"
  # Into an empty repository, the CSV gives back the same contacts.
  # --update: the community contacts are unchanged, like the others.
  expect_status 0 tldops import contacts --update all.csv
  contains "$OUT" "added 0, changed 0, 3 unchanged"
  # Removed, the CSV gives back the same contacts.
  for id in 1 2 3; do tldops contact remove $id --reason "round trip" >/dev/null; done
  equals "$(tldops contact list --json | json 'len(d)')" 0
  expect_status 0 tldops import contacts all.csv
  contains "$OUT" "imported 3 contacts"
  equals "$(tldops contact list --json | json '[(c["cctld"], c.get("kind"), c.get("affiliation"), c["email"], c["phone"]) for c in d]')" \
    "[('nl', None, None, 'jan@sidn.nl', '+31263525500'), (None, 'iana', 'IANA', 'root@iana.org', ''), (None, 'liaison', 'ICANN', 'kim@icann.example', '+13103015800')]"
  equals "$(tldops cctld list --members --json | json '[c["code"] for c in d]')" "['nl']"
}

test_import_refuses_bad_community_lines_naming_them() {
  init_db
  cat > c.csv <<'EOF'
cctld,name,email,phone,affiliation,kind
,Kim Liaison,kim@icann.example,+13103015800,ICANN,liaison
nl,Both Ways,both@sidn.nl,+31263525500,IANA,iana
,No Kind,nokind@icann.example,+13103015801,ICANN,
,Bad Kind,badkind@icann.example,+13103015802,ICANN,chair
,Nobody,nobody@icann.example,+13103015803,,
nl,Kind Only,kindonly@sidn.nl,+31263525501,,liaison
EOF
  expect_unchanged 1 tldops import contacts c.csv
  contains "$ERR" "c.csv:3: affiliation: a contact belongs to a ccTLD or to the community, not both"
  contains "$ERR" "c.csv:4: kind: is required for a community contact"
  contains "$ERR" "c.csv:5: kind: unknown kind 'chair'"
  contains "$ERR" "c.csv:6: cctld:"
  contains "$ERR" "c.csv:7: kind: is for community contacts"
  not_contains "$ERR" "c.csv:2:"
  contains "$ERR" "5 bad lines; nothing was imported"
  sed -i '3,7d' c.csv
  expect_status 0 tldops import contacts c.csv
  contains "$OUT" "imported 1 contact"
  equals "$(tldops contact list --community --json | json '[(c["affiliation"], c["kind"]) for c in d]')" "[('ICANN', 'liaison')]"
  equals "$(tldops cctld list --members --json | json 'len(d)')" 0
}

# Migration 022 (SQLite): the kind CHECK written as ORs, the table rebuilt
# with every row, id and reference kept; the CHECK still refuses a bad kind.
test_migration_022_keeps_the_contacts_and_the_kind_check() {
  case $TLDOPS_DB in postgres://*|postgresql://*) skip "SQLite only (no change on PostgreSQL)" ;; esac
  community_seed
  tldops contact remove 1 --reason "left" >/dev/null
  add_contact nl "Jan Jansen" jan@sidn.nl +31263525500 --role CISO >/dev/null
  db_query "INSERT OR REPLACE INTO contact_freshness (contact_id, confirmed) VALUES (3, 5)" >/dev/null
  # Back to schema 21: the IN list of 018 in the table's definition (and
  # what later migrations made gone: 023's table).
  db_query "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql,
    'CHECK (kind = ''cctld'' OR kind = ''iana'' OR kind = ''liaison'' OR kind = ''staff'')',
    'CHECK (kind IN (''cctld'', ''iana'', ''liaison'', ''staff''))') WHERE name = 'contact';
    PRAGMA writable_schema = OFF; DROP TABLE mail_fan_out;
    DELETE FROM schema_migration WHERE version >= 22" >/dev/null
  contains "$(db_query "SELECT sql FROM sqlite_master WHERE name = 'contact'")" "kind IN ("
  local before indexes fresh
  before=$(db_query "SELECT * FROM contact ORDER BY id")
  fresh=$(db_query "SELECT * FROM contact_freshness ORDER BY contact_id")
  contains "$fresh" "3|5|"
  indexes=$(db_query "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'contact' AND type = 'index' ORDER BY name")
  expect_status 0 tldops lookup nl
  equals "$(db_query "SELECT count(*) FROM schema_migration WHERE version = 22")" 1
  contains "$(db_query "SELECT sql FROM sqlite_master WHERE name = 'contact'")" \
    "CHECK (kind = 'cctld' OR kind = 'iana' OR kind = 'liaison' OR kind = 'staff')"
  equals "$(db_query "SELECT * FROM contact ORDER BY id")" "$before"
  equals "$(db_query "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'contact' AND type = 'index' ORDER BY name")" "$indexes"
  equals "$(db_query "PRAGMA foreign_key_check")" ""
  equals "$(db_query "PRAGMA integrity_check")" "ok"
  equals "$(db_query "SELECT * FROM contact_freshness ORDER BY contact_id")" "$fresh"
  # (sqlite3's exit status for it differs between versions: not 0.)
  if sqlite3 "$TLDOPS_DB" "INSERT INTO contact (cctld, name, email, phone,
    created, updated, kind, affiliation) VALUES (NULL, 'X', 'x@example.org', '', 1, 1,
    'friend', 'X')" 2>"$T/check.err"; then fail "a contact of kind 'friend' was stored"; fi
  contains "$(cat "$T/check.err")" "CHECK constraint failed: kind = 'cctld' OR"
  expect_status 0 tldops contact add --affiliation ICANN --kind staff --name "Sam Staff" \
    --email sam@icann.example --phone "+1 310 301 5801" --role "Secretariat"
}
