# SPDX-License-Identifier: MIT
# Reconciliation (tldops reconcile) of the repository with a Mailman roster,
# the website's member list and the stats spreadsheet: every discrepancy
# with its fix, exports that reconcile clean, and bad rosters refused with
# the file, line and field, nothing compared and nothing stored.

PHONE=+31263525500

# nl: Jan, Els; be: Piet; рф: Ivan.  Members: be, nl, xn--p1ai.
seed() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  add_contact nl "Els de Vries" els@sidn.nl $PHONE >/dev/null
  add_contact be "Peeters, Piet" piet@dnsbelgium.be $PHONE >/dev/null
  add_contact рф "Ivan Ivanov" ivan@cctld.ru "+7 495 730 2971" >/dev/null
}

# kinds: the (source, kind, cctld, email) of each discrepancy of $OUT.
kinds() { json '[(o["source"], o["kind"], o.get("cctld"), o.get("email")) for o in d]' <<<"$OUT"; }

test_exports_reconcile_clean() {
  seed
  tldops export --format mailman --output roster.txt
  tldops stats --csv > sheet.csv
  tldops export --format csv --output contacts.csv
  tldops cctld list --members --json | json '"\n".join(c["unicode"] for c in d)' > website.txt
  expect_status 0 tldops reconcile --mailman roster.txt --website website.txt --spreadsheet sheet.csv
  equals "$OUT" "clean: the sources agree with the repository"
  expect_status 0 tldops reconcile --spreadsheet contacts.csv --json
  equals "$OUT" "[]"
  # The quoted name ("Peeters, Piet") survives the round trip.
  contains "$(cat roster.txt)" '"Peeters, Piet" <piet@dnsbelgium.be>'
}

test_mailman_roster_discrepancies_and_fixes() {
  seed
  cat > roster.txt <<'EOF'
# exported from Mailman 3: mailman members --list sec@lists.example
Jan Jansen <JAN@SIDN.NL>
"Peeters, Piet" <piet@dnsbelgium.be>
Ivan I. <ivan@cctld.ru>
stranger@example.org
Old Friend <old@example.org>
jan@sidn.nl
EOF
  expect_unchanged 1 tldops reconcile --mailman roster.txt --json
  # Jan matches whatever the case of the address; Els is missing; Ivan's
  # name differs; two addresses are not contacts; Jan is listed twice.
  equals "$(kinds)" "[('mailman', 'differs', 'xn--p1ai', 'ivan@cctld.ru'), ('mailman', 'missing_in_repository', None, 'stranger@example.org'), ('mailman', 'missing_in_repository', None, 'old@example.org'), ('mailman', 'differs', 'nl', 'jan@sidn.nl'), ('mailman', 'missing_in_source', 'nl', 'els@sidn.nl')]"
  equals "$(json '[(o["expected"], o["found"], o["line"], o["address"]) for o in d if "expected" in o][0]' <<<"$OUT")" \
    "('Ivan Ivanov', 'Ivan I.', 4, 'ivan@cctld.ru')"
  equals "$(json '[o["line"] for o in d if o["kind"] == "missing_in_repository"]' <<<"$OUT")" "[5, 6]"
  equals "$(json '[o["name"] for o in d if o["kind"] == "missing_in_source"]' <<<"$OUT")" "['Els de Vries']"
  # Every discrepancy has a detail and a fix; roster fixes name the export.
  equals "$(json 'all(o["detail"] and "tldops export --format mailman" in o["fix"] or "remove the subscription" in o["fix"] for o in d)' <<<"$OUT")" True
  # The text form: one discrepancy and its fix each, and a summary.
  expect_status 1 tldops reconcile --mailman roster.txt
  contains "$OUT" "mailman: roster.txt:4: the display name of ivan@cctld.ru is \"Ivan I.\" on the roster and \"Ivan Ivanov\" in the repository"
  contains "$OUT" "    fix: set the display name of ivan@cctld.ru on the list to \"Ivan Ivanov\""
  contains "$OUT" "mailman: roster.txt:5: stranger@example.org is on the roster but is not an active contact"
  contains "$OUT" "    fix: unsubscribe stranger@example.org from the list"
  contains "$OUT" "mailman: Els de Vries <els@sidn.nl>, contact of .nl, is not on the roster"
  contains "$OUT" "    fix: subscribe \"Els de Vries\" <els@sidn.nl> to the list"
  contains "$OUT" "5 discrepancies: mailman 5"
  # After the fix (the export), it is clean.
  tldops export --format mailman --output roster.txt
  expect_status 0 tldops reconcile --mailman roster.txt
}

test_mailman_accepts_every_roster_form() {
  seed
  printf '%s\r\n' '"Jan Jansen" <jan@sidn.nl>' 'Els de Vries  <ELS@sidn.nl>' \
    'piet@dnsbelgium.be (Peeters, Piet)' '' '<ivan@cctld.ru>' > roster.txt
  expect_status 1 tldops reconcile --mailman roster.txt --json
  # A bare address has no display name: that is the only difference.
  equals "$(json '[(o["kind"], o["email"], o["expected"], o["found"]) for o in d]' <<<"$OUT")" \
    "[('differs', 'ivan@cctld.ru', 'Ivan Ivanov', '')]"
}

test_website_list_in_every_form() {
  seed
  add_contact br "Maria Silva" maria@nic.br "+55 11 5509 3500" >/dev/null
  printf '%s\n' '# our members' '.NL' 'xn--p1ai' '' 'Brazil' 'france' 'nl' > website.txt
  expect_unchanged 1 tldops reconcile --website website.txt --json
  # Lists nl, рф, br, fr (nl twice); the repository has be, br, nl, рф:
  # as many, so the count is not a discrepancy here.
  equals "$(kinds)" "[('website', 'missing_in_repository', 'fr', None), ('website', 'differs', 'nl', None), ('website', 'missing_in_source', 'be', None)]"
  expect_status 1 tldops reconcile --website website.txt
  contains "$OUT" "website: website.txt:6: .fr (France) is listed as a member but has no active contact in the repository"
  contains "$OUT" "    fix: remove .fr (France) from the website's member list"
  contains "$OUT" "website: .be (Belgium) is a member but is not on the website's list"
  contains "$OUT" "    fix: add .be (Belgium) to the website's member list"
  contains "$OUT" "website: website.txt:7: .nl (Netherlands) is listed twice (lines 2 and 7)"
  # Three listed for four members: the count differs too.
  printf '%s\n' nl рф Brazil > website.txt
  expect_status 1 tldops reconcile --website website.txt --json
  equals "$(json '[(o["kind"], o.get("cctld"), o.get("expected"), o.get("found")) for o in d]' <<<"$OUT")" \
    "[('differs', None, 4, 3), ('missing_in_source', 'be', None, None)]"
  printf '%s\n' nl рф Brazil Belgium > website.txt
  expect_status 0 tldops reconcile --website website.txt
}

test_spreadsheet_columns_by_header() {
  seed
  cat > sheet.csv <<'EOF'
Country,ccTLD,Member?,Contacts
Netherlands,.nl,yes,2
Belgium,be,no,1
France,fr,YES,0
"Korea, Republic of",kr,0,0
Russia,рф,true,3
,,,
EOF
  expect_unchanged 1 tldops reconcile --spreadsheet sheet.csv --json
  equals "$(json '[(o["kind"], o.get("cctld"), o.get("line"), o.get("expected"), o.get("found")) for o in d]' <<<"$OUT")" \
    "[('differs', 'be', 3, 'yes', 'no'), ('missing_in_repository', 'fr', 4, None, None), ('differs', 'xn--p1ai', 6, 1, 3)]"
  equals "$(json 'd[1]["fix"]' <<<"$OUT")" "set member to no for .fr; \`tldops stats --csv\` writes the spreadsheet as it should be"
  # Without a member column, every ccTLD listed is taken as a member.
  printf 'tld\nnl\nbe\nnl\n' > plain.csv
  expect_status 1 tldops reconcile --spreadsheet plain.csv --json
  equals "$(kinds)" "[('spreadsheet', 'differs', None, None), ('spreadsheet', 'missing_in_source', 'xn--p1ai', None)]"
  equals "$(json 'd[1]["fix"]' <<<"$OUT")" \
    "add a row for .рф with member yes; \`tldops stats --csv\` writes the spreadsheet as it should be (\`tldops export --format csv\` gives one row per contact)"
}

test_reconcile_refuses_bad_rosters_naming_file_line_and_field() {
  seed
  printf '%s\n' 'Jan Jansen <jan@sidn.nl>' 'no address here' '"Unterminated <x@example.org>' 'Jan <a@b.org> <c@d.org>' > bad.txt
  expect_unchanged 1 tldops reconcile --mailman bad.txt --json
  equals "$OUT" ""
  contains "$ERR" 'bad.txt:2: email: "no address here" has no @'
  contains "$ERR" "bad.txt:3: name: the quoted name does not end"
  contains "$ERR" "bad.txt:4: name:"
  contains "$ERR" "error: reconcile: 3 bad lines: nothing was compared"
  printf '%s\n' nl 'Atlantis' 'United Kingdom' "$(printf 'be\tfr')" > web.txt
  expect_unchanged 1 tldops reconcile --website web.txt
  equals "$OUT" ""
  contains "$ERR" 'web.txt:2: cctld: "Atlantis" is neither a delegated ccTLD nor a country of the reference table'
  contains "$ERR" 'web.txt:3: cctld: "United Kingdom" is the country of .gb and .uk: write the ccTLD'
  contains "$ERR" 'web.txt:4: cctld: has a tab'
  printf 'name,email\nx,y\n' > s1.csv
  expect_unchanged 1 tldops reconcile --spreadsheet s1.csv
  contains "$ERR" "s1.csv:1: header: no ccTLD column"
  printf 'cctld,member\nnl,maybe\nbe,"unterminated\n' > s2.csv
  expect_unchanged 1 tldops reconcile --spreadsheet s2.csv
  contains "$ERR" 's2.csv:2: member: "maybe" is not yes, no, true, false, 1 or 0'
  contains "$ERR" "s2.csv:3: csv: unterminated quoted field"
  # Problems of all sources are reported together, in order.
  expect_unchanged 1 tldops reconcile --mailman bad.txt --website web.txt --spreadsheet s2.csv
  equals "$(grep -c '^bad.txt:\|^web.txt:\|^s2.csv:' <<<"$ERR")" 8
  # A missing file and no source at all.
  expect_unchanged 1 tldops reconcile --mailman nope.txt
  contains "$ERR" "file: cannot open nope.txt"
  expect_unchanged 2 tldops reconcile
  contains "$ERR" "usage:"
  expect_unchanged 2 tldops reconcile --json extra
}

test_reconcile_an_empty_repository_and_empty_sources() {
  init_db
  : > empty.txt
  expect_status 0 tldops reconcile --mailman empty.txt --website empty.txt --json
  equals "$OUT" "[]"
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  expect_status 1 tldops reconcile --mailman empty.txt --website empty.txt --json
  equals "$(kinds)" "[('mailman', 'missing_in_source', 'nl', 'jan@sidn.nl'), ('website', 'differs', None, None), ('website', 'missing_in_source', 'nl', None)]"
  # An empty spreadsheet has no header: that is a bad file.
  expect_status 1 tldops reconcile --spreadsheet empty.txt
  contains "$ERR" "empty.txt:1: header: the file is empty"
}

test_exports_for_the_external_lists_reconcile_clean() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl +31263525500 >/dev/null
  add_contact рф "Иван Петров" ivan@cctld.ru +74959400000 >/dev/null
  expect_status 0 tldops export --format website
  equals "$OUT" "$(printf '.nl\n.рф')"
  tldops export --format website --output "$T/w.txt"
  tldops export --format spreadsheet --output "$T/s.csv"
  tldops export --format mailman --output "$T/m.txt"
  head -1 "$T/s.csv" | grep -q "^code,country,region,member"
  expect_status 0 tldops reconcile --website "$T/w.txt" --spreadsheet "$T/s.csv" --mailman "$T/m.txt"
}

test_generic_contacts_are_listed_with_their_exception() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl +31263525500 >/dev/null
  tldops exception add --email security@sidn.nl --reason "IANA root contact" >/dev/null
  add_contact nl "SIDN CERT" security@sidn.nl +31263525501 >/dev/null
  tldops exception add --email noc@dns.be --reason "liaison" >/dev/null
  add_contact be "DNS Belgium NOC" noc@dns.be +3222222222 >/dev/null
  equals "$(tldops contact list --generic --json | json '[(c["email"], c["exception"]["reason"]) for c in d]')" \
    "[('noc@dns.be', 'liaison'), ('security@sidn.nl', 'IANA root contact')]"
  expect_status 0 tldops contact list --generic
  contains "$OUT" "security@sidn.nl"
  not_contains "$OUT" "jan@sidn.nl"
}
