# SPDX-License-Identifier: MIT
# CSV import (all-or-nothing, every bad line reported) and the exports that
# keep the other rosters from drifting: csv, json, vcard, mailman.

HEADER=cctld,name,email,phone,organisation,role,languages,pgp_fingerprint

# A small repository with the awkward cases every export must carry.
seed_repository() {
  init_db
  add_contact nl "Jansen, Jan" jan@sidn.nl "+31 26 352 5500" --org 'SIDN "Labs"' \
    --role "CISO; incident lead" --lang en,nl --pgp "$(printf 'ab%.0s' {1..20})" >/dev/null
  add_contact .рф "Иван Иванович Иванов" ivan@cctld.ru "+7 495 730 2971" \
    --org "Координационный центр доменов .RU/.РФ" --lang ru >/dev/null
  add_contact be "Piet O'Neil" piet@dnsbelgium.be "+32 16 28 49 70" >/dev/null
  add_contact de "Hans Müller" hans@bücher.de "+49 69 27235 0" --org DENIC >/dev/null
}

test_import_is_all_or_nothing_and_reports_every_bad_line() {
  init_db
  add_contact se "Existing Person" anna@iis.se "+46 8 452 35 00" >/dev/null
  cat > contacts.csv <<EOF
$HEADER
nl,Jan Jansen,jan@sidn.nl,+31 26 352 5500,SIDN,CISO,"en,nl",
be,Bad Mail,not-an-email,+32 16 28 49 70,DNS Belgium,,,
de,Hans Müller,hans@denic.de,+49 69 27235 0,DENIC,,de,
fr,Bad Phone,marie@afnic.fr,12345,,,,
at,Anna Berger,anna@nic.at,+43 662 46 69 0,nic.at,,,
EOF
  expect_unchanged 1 tldops import contacts contacts.csv
  contains "$ERR" "contacts.csv:3: email:"
  contains "$ERR" "contacts.csv:5: phone:"
  contains "$ERR" "2 bad lines; nothing was imported"
  not_contains "$ERR" "contacts.csv:2:"
  not_contains "$ERR" "contacts.csv:4:"
  not_contains "$ERR" "contacts.csv:6:"
  equals "$OUT" ""
  equals "$(tldops contact list --json | json '[c["email"] for c in d]')" "['anna@iis.se']"
  equals "$(tldops cctld list --members --json | json '[c["code"] for c in d]')" "['se']"
  # Fixed, the same file goes in whole, with the same rules as contact add.
  sed -i 's/not-an-email/bad@dnsbelgium.be/; s/,12345,/,+33 1 39 30 83 00,/' contacts.csv
  expect_status 0 tldops import contacts contacts.csv
  contains "$OUT" "imported 5 contacts"
  equals "$(tldops contact list --json | json 'sorted((c["cctld"], c["email"], c["phone"]) for c in d)')" \
    "[('at', 'anna@nic.at', '+4366246690'), ('be', 'bad@dnsbelgium.be', '+3216284970'), ('de', 'hans@denic.de', '+4969272350'), ('fr', 'marie@afnic.fr', '+33139308300'), ('nl', 'jan@sidn.nl', '+31263525500'), ('se', 'anna@iis.se', '+4684523500')]"
  equals "$(tldops contact list --cctld nl --json | json '(d[0]["organisation"], d[0]["role"], d[0]["languages"])')" \
    "('SIDN', 'CISO', ['en', 'nl'])"
  # Imported ccTLDs are members, and the audit says the rows came from an import.
  equals "$(tldops cctld list --members --json | json 'len(d)')" 6
  equals "$(tldops audit --json | json 'sorted(set(e["after"].get("via") for e in d if e["action"] == "contact.add"))')" \
    "['cli', 'import']"
}

test_import_reads_quoted_fields() {
  init_db
  cat > quoted.csv <<'EOF'
cctld,name,email,phone,organisation,role,languages,pgp_fingerprint
nl,"Jansen, Jan",jan@sidn.nl,"+31 26 352 5500","SIDN ""Labs"", Arnhem","CISO, deputy","en,nl",
рф,"Иванов, Иван",ivan@cctld.ru,+7 495 730 2971,"Coordination Center ""RU""",,ru,
EOF
  expect_status 0 tldops import contacts quoted.csv
  contains "$OUT" "imported 2 contacts"
  equals "$(tldops contact list --json | json '[(c["cctld"], c["name"], c["organisation"], c["role"], c["languages"]) for c in d]')" \
    "[('nl', 'Jansen, Jan', 'SIDN \"Labs\", Arnhem', 'CISO, deputy', ['en', 'nl']), ('xn--p1ai', 'Иванов, Иван', 'Coordination Center \"RU\"', '', ['ru'])]"
}

test_import_counts_lines_through_quoted_newlines() {
  init_db
  # A quoted field may span lines; it is one record (whose line break is then
  # refused as a control character), and later lines keep their real numbers.
  printf '%s\n' "$HEADER" \
    'nl,Jan Jansen,jan@sidn.nl,+31 26 352 5500,SIDN,,,' \
    'be,Piet Peeters,piet@dnsbelgium.be,+32 16 28 49 70,DNS Belgium,"Head of' \
    'security",,' \
    'de,Hans Müller,hans-at-denic.de,+49 69 27235 0,DENIC,,,' > multi.csv
  expect_unchanged 1 tldops import contacts multi.csv
  contains "$ERR" "multi.csv:3: role:"
  contains "$ERR" "multi.csv:5: email:"
  contains "$ERR" "2 bad lines"
  not_contains "$ERR" "multi.csv:4:"
}

test_import_header_columns_may_come_in_any_order() {
  init_db
  printf 'phone,email,name,cctld\r\n+31 26 352 5500,jan@sidn.nl,Jan Jansen,.NL\r\n+7 495 730 2971,ivan@cctld.ru,Ivan Ivanov,рф\r\n' > reordered.csv
  expect_status 0 tldops import contacts reordered.csv
  contains "$OUT" "imported 2 contacts"
  equals "$(tldops contact list --json | json '[(c["cctld"], c["name"], c["email"], c["phone"]) for c in d]')" \
    "[('nl', 'Jan Jansen', 'jan@sidn.nl', '+31263525500'), ('xn--p1ai', 'Ivan Ivanov', 'ivan@cctld.ru', '+74957302971')]"
  # A spreadsheet's UTF-8 byte-order mark does not spoil the first column name.
  printf '\xef\xbb\xbfcctld,name,email,phone,role\nbe,Piet Peeters,piet@dnsbelgium.be,+32 16 28 49 70,CISO\n' > bom.csv
  expect_status 0 tldops import contacts bom.csv
  equals "$(tldops contact list --cctld be --json | json 'd[0]["role"]')" CISO
}

test_import_refuses_unknown_missing_and_repeated_columns() {
  init_db
  printf 'cctld,name,email,phone,nickname\nnl,Jan Jansen,jan@sidn.nl,+31263525500,JJ\n' > unknown.csv
  expect_unchanged 1 tldops import contacts unknown.csv
  contains "$ERR" "unknown.csv:1: header:"
  contains "$ERR" 'unknown column "nickname"'
  printf 'cctld,name,email\nnl,Jan Jansen,jan@sidn.nl\n' > missing.csv
  expect_unchanged 1 tldops import contacts missing.csv
  contains "$ERR" "missing.csv:1: header:"
  contains "$ERR" '"phone" is missing'
  printf 'cctld,name,email,phone,cctld\nnl,Jan Jansen,jan@sidn.nl,+31263525500,be\n' > repeated.csv
  expect_unchanged 1 tldops import contacts repeated.csv
  contains "$ERR" "repeated.csv:1: header:"
  printf '' > empty.csv
  expect_unchanged 1 tldops import contacts empty.csv
  contains "$ERR" "empty.csv:1: header:"
  expect_unchanged 1 tldops import contacts no-such-file.csv
  contains "$ERR" "file:"
  equals "$(tldops contact list --json)" "[]"
}

test_import_of_a_truncated_file_stores_nothing() {
  init_db
  # The transfer stopped inside a quoted field.
  printf '%s\n%s\n%s' "$HEADER" \
    'nl,Jan Jansen,jan@sidn.nl,+31 26 352 5500,SIDN,,,' \
    'be,"Piet Peet' > truncated.csv
  expect_unchanged 1 tldops import contacts truncated.csv
  contains "$ERR" "truncated.csv:3: csv:"
  contains "$ERR" "unterminated"
  contains "$ERR" "nothing was imported"
  equals "$(tldops contact list --json)" "[]"
  equals "$(tldops cctld list --members --json)" "[]"
}

test_csv_syntax_errors_name_the_line_they_are_on() {
  init_db
  printf '%s\n' 'cctld,name,email,phone' \
    'nl,"Jan"sen,jan@sidn.nl,+31263525500' \
    'be,Piet Peeters,piet@dnsbelgium.be,+3216284970' \
    'de,Hans Müller,hans-at-denic.de,+4969272350' > syntax.csv
  expect_unchanged 1 tldops import contacts syntax.csv
  contains "$ERR" "syntax.csv:4: email:"
  # BUG: a CSV syntax error is reported with the number of the line after
  # the bad one: got "syntax.csv:3: csv: line 2: text after the closing
  # quote ..." (src/service/import.c passes r.line, already advanced past
  # the bad line by csv_fail, to add_problem).
  contains "$ERR" "syntax.csv:2: csv:"
  not_contains "$ERR" "syntax.csv:3:"
}

test_import_refuses_duplicates_within_the_file_and_with_the_repository() {
  init_db
  add_contact se "Anna Svensson" anna@iis.se "+46 8 452 35 00" >/dev/null
  printf '%s\n' 'cctld,name,email,phone' \
    'nl,Jan Jansen,jan@sidn.nl,+31263525500' \
    'be,Piet Peeters,piet@dnsbelgium.be,+3216284970' \
    'de,Jan again,JAN@SIDN.NL,+4969272350' \
    'at,Anna again,Anna@IIS.se,+43662466900' > dups.csv
  expect_unchanged 1 tldops import contacts dups.csv
  contains "$ERR" "dups.csv:4: email:"
  contains "$ERR" "dups.csv:5: email:"
  contains "$ERR" "2 bad lines"
}

test_import_applies_the_rules_of_contact_add() {
  init_db
  printf '%s\n' 'cctld,name,email,phone' \
    'nl,One,one@sidn.nl,+31263525500' \
    'nl,Two,two@sidn.nl,+31263525500' \
    'nl,Three,three@sidn.nl,+31263525500' \
    'nl,Four,four@sidn.nl,+31263525500' \
    'be,DNS Belgium,security@dnsbelgium.be,+3216284970' \
    'zz,Nobody,nobody@example.org,+3216284970' \
    'com,Nobody,nobody2@example.org,+3216284970' \
    ',Nobody,nobody3@example.org,+3216284970' > rules.csv
  expect_unchanged 1 tldops import contacts rules.csv
  contains "$ERR" "rules.csv:5: cctld:"        # the 4th contact of .nl
  contains "$ERR" "rules.csv:6: email:"        # a role address
  contains "$ERR" "rules.csv:7: cctld:"
  contains "$ERR" "rules.csv:8: cctld:"
  contains "$ERR" "rules.csv:9: cctld:"
  contains "$ERR" "5 bad lines"
  not_contains "$ERR" "rules.csv:4:"
  # With an exception and a config that lifts the cap the same file passes
  # once the unknown ccTLDs are gone.
  tldops exception add --email security@dnsbelgium.be --reason "liaison" >/dev/null
  head -6 rules.csv > rules-ok.csv
  printf '[policy]\nmax_contacts_per_cctld = 0\n' > nocap.ini
  expect_status 0 tldops --config nocap.ini import contacts rules-ok.csv
  contains "$OUT" "imported 5 contacts"
}

# The import checks a line's address with its insert (one statement less per
# line); the report must still be what contact add says, rule for rule: a
# taken address before the cap and before a role address, and a ccTLD's
# count including the file's own earlier lines.  (On PostgreSQL a refused
# insert takes an id from the sequence: ids named here may skip.)
test_import_reports_a_taken_address_before_the_other_rules() {
  init_db
  add_contact se "Anna Svensson" anna@iis.se "+46 8 452 35 00" >/dev/null
  tldops exception add --email noc@dnsbelgium.be --reason "liaison" >/dev/null
  printf '%s\n' 'cctld,name,email,phone' \
    'nl,One,one@sidn.nl,+31263525500' \
    'nl,Two,two@sidn.nl,+31263525500' \
    'nl,Three,three@sidn.nl,+31263525500' \
    'nl,One again,ONE@sidn.nl,+31263525500' \
    'nl,Four,four@sidn.nl,+31263525500' \
    'se,Anna again,Anna@IIS.se,+46845235000' \
    'be,NOC,noc@dnsbelgium.be,+3216284970' \
    'be,NOC again,noc@dnsbelgium.be,+3216284970' \
    'be,Security,security@dnsbelgium.be,+3216284970' \
    'be,Piet,piet@dnsbelgium.be,+3216284970' > order.csv
  expect_unchanged 1 tldops import contacts order.csv
  contains "$ERR" "order.csv:5: email: ONE@sidn.nl is already contact 2 of .nl"
  contains "$ERR" "order.csv:6: cctld: .nl has 3 contacts already"
  contains "$ERR" "order.csv:7: email: Anna@iis.se is already contact 1 of .se"
  # The id of the file's own NOC line (PostgreSQL's sequence may skip).
  [[ "$ERR" =~ "order.csv:9: email: noc@dnsbelgium.be is already contact "[0-9]+" of .be" ]] ||
    fail "no taken-address error for line 9 in <<$ERR>>"
  contains "$ERR" "order.csv:10: email: security@dnsbelgium.be is a role address"
  contains "$ERR" "5 bad lines; nothing was imported"
  not_contains "$ERR" "order.csv:8:"
  not_contains "$ERR" "order.csv:11:"
  equals "$(tldops contact list --json | json '[c["email"] for c in d]')" "['anna@iis.se']"
}

test_import_refuses_a_line_with_more_fields_than_the_header() {
  init_db
  # BUG: the fields beyond the header are silently dropped and the import
  # succeeds ("imported 1 contacts"): SIDN and CISO are lost without a word.
  # Expected: exit 1 naming line 2, nothing stored.
  printf '%s\n' 'cctld,name,email,phone' \
    'nl,Jan Jansen,jan@sidn.nl,+31263525500,SIDN,CISO' > extra.csv
  expect_unchanged 1 tldops import contacts extra.csv
  contains "$ERR" "extra.csv:2:"
}

test_export_csv_round_trips_into_a_fresh_database() {
  seed_repository
  tldops export --format csv > export.csv
  equals "$(head -1 export.csv)" "$HEADER,affiliation,kind"$'\r'
  # The contacts as the repository sees them, without ids and times, nor
  # the phone's grouping for reading (CSV holds E.164 only: docs/membership.md).
  local strip='sorted(json.dumps({k: v for k, v in c.items() if k not in ("id", "created", "updated", "phone_display")}, sort_keys=True, ensure_ascii=False) for c in d)'
  local before; before=$(tldops contact list --json | json "$strip")
  TLDOPS_DB=$T/fresh.db tldops init >/dev/null
  TLDOPS_DB=$T/fresh.db expect_status 0 tldops import contacts export.csv
  contains "$OUT" "imported 4 contacts"
  equals "$(TLDOPS_DB=$T/fresh.db tldops contact list --json | json "$strip")" "$before"
  # The re-exported file is the same file.
  equals "$(TLDOPS_DB=$T/fresh.db tldops export --format csv | od -c)" "$(od -c < export.csv)"
}

test_export_json_is_an_array_of_contact_objects() {
  init_db
  equals "$(tldops export --format json | json 'd')" "[]"
  seed_repository
  local gone; gone=$(add_contact se "Anna Svensson" anna@iis.se "+46 8 452 35 00")
  tldops contact remove "$gone" --reason "left"
  tldops export --format json > export.json
  equals "$(json 'type(d).__name__' < export.json)" list
  equals "$(json 'len(d)' < export.json)" 4
  equals "$(json 'sorted(set(tuple(sorted(c.keys())) for c in d))' < export.json)" \
    "[('cctld', 'created', 'email', 'id', 'languages', 'name', 'organisation', 'pgp_fingerprint', 'phone', 'phone_display', 'role', 'updated')]"
  equals "$(json '[c for c in d if c["cctld"] == "nl"][0]["languages"]' < export.json)" "['en', 'nl']"
  equals "$(json '[c for c in d if c["cctld"] == "de"][0]["email"]' < export.json)" "hans@xn--bcher-kva.de"
  equals "$(json '[c["name"] for c in d if c["cctld"] == "xn--p1ai"]' < export.json)" "['Иван Иванович Иванов']"
  # The same objects as contact list --json.
  equals "$(json 'sorted(json.dumps(c, sort_keys=True) for c in d)' < export.json)" \
    "$(tldops contact list --json | json 'sorted(json.dumps(c, sort_keys=True) for c in d)')"
}

test_export_vcard_is_valid_vcard_4() {
  seed_repository
  local long; long="Александр Константинович Бестужев-Рюмин-Долгоруков"   # 90+ octets
  add_contact se "$long" alex@iis.se "+46 8 452 35 00" \
    --org "Internetstiftelsen i Sverige, avdelningen för säkerhet; incidenthantering och driftsäkerhet" >/dev/null
  tldops export --format vcard > export.vcf
  cat > check_vcard.py <<'EOF'
import sys
raw = open(sys.argv[1], "rb").read()
expected = int(sys.argv[2])
long_name = sys.argv[3]
assert raw.endswith(b"\r\n"), "the file does not end with CRLF"
lines = raw[:-2].split(b"\r\n")
for l in lines:
    assert b"\n" not in l and b"\r" not in l, "bare CR or LF in %r" % l
    assert len(l) <= 75, "line of %d octets: %r" % (len(l), l)
    l.decode("utf-8")
# Unfold (RFC 6350 3.2): a line starting with a space continues the previous.
logical = []
for l in lines:
    if l.startswith(b" "):
        logical[-1] += l[1:]
    else:
        logical.append(l)
logical = [l.decode("utf-8") for l in logical]
cards, card = [], None
for l in logical:
    if l == "BEGIN:VCARD":
        assert card is None, "nested BEGIN"
        card = []
    elif l == "END:VCARD":
        cards.append(card)
        card = None
    else:
        assert card is not None, "property outside a card: %r" % l
        card.append(l)
assert card is None, "unterminated card"
assert len(cards) == expected, "%d cards, expected %d" % (len(cards), expected)
def unescape(v):
    out, i = "", 0
    while i < len(v):
        if v[i] == "\\" and i + 1 < len(v):
            out += "\n" if v[i + 1] in "nN" else v[i + 1]
            i += 2
        else:
            out += v[i]
            i += 1
    return out
fns = []
for c in cards:
    assert c[0] == "VERSION:4.0", "VERSION:4.0 must follow BEGIN: %r" % c[0]
    names = [p.split(":", 1)[0].split(";")[0] for p in c]
    for need in ("FN", "EMAIL", "TEL"):
        assert names.count(need) >= 1, "card without %s: %r" % (need, c)
    fn = [p for p in c if p.startswith("FN:")][0][3:]
    fns.append(unescape(fn))
    tel = [p for p in c if p.startswith("TEL")][0]
    assert tel.split(":", 1)[1].startswith("tel:+"), tel
assert long_name in fns, "long name not found after unfolding: %r" % fns
assert "Jansen, Jan" in fns, fns
print("ok")
EOF
  equals "$(python3 check_vcard.py export.vcf 5 "$long")" ok
  # Folding really happened (the long name needs more than one line).
  grep -q $'^ ' export.vcf || fail "no folded line in the vCard export"
  grep -q 'EMAIL[^:]*:hans@xn--bcher-kva.de' export.vcf || fail "no EMAIL for hans"
}

test_export_mailman_roster() {
  seed_repository
  expect_status 0 tldops export --format mailman
  # One "Full Name <address>" line per contact; specials are quoted.
  equals "$(printf '%s\n' "$OUT" | sort)" "$(printf '%s\n' \
    '"Jansen, Jan" <jan@sidn.nl>' \
    'Hans Müller <hans@xn--bcher-kva.de>' \
    "Piet O'Neil <piet@dnsbelgium.be>" \
    'Иван Иванович Иванов <ivan@cctld.ru>' | sort)"
  add_contact se 'Anna "AJ" Svensson' anna@iis.se "+46 8 452 35 00" >/dev/null
  contains "$(tldops export --format mailman)" '"Anna \"AJ\" Svensson" <anna@iis.se>'
}

test_export_output_writes_the_file() {
  seed_repository
  for fmt in csv json vcard mailman; do
    expect_status 0 tldops export --format $fmt --output "out.$fmt"
    equals "$OUT" ""
    [ -f "out.$fmt" ] || fail "no out.$fmt"
    [ ! -e "out.$fmt.tmp" ] || fail "out.$fmt.tmp left behind"
    equals "$(od -c < "out.$fmt")" "$(tldops export --format $fmt | od -c)"
  done
  # Overwrites an older export.
  echo stale > out.csv
  tldops export --format csv --output out.csv
  not_contains "$(cat out.csv)" stale
  expect_unchanged 1 tldops export --format csv --output "$T/no/such/dir/out.csv"
  contains "$ERR" "output"
}

test_export_refuses_an_unknown_format() {
  seed_repository
  expect_unchanged 1 tldops export --format xml
  contains "$ERR" "format:"
  contains "$ERR" '"xml"'
  equals "$OUT" ""
  expect_unchanged 1 tldops export --format CSV --output x.csv
  contains "$ERR" "format:"
  [ ! -e x.csv ] || fail "x.csv written for a refused export"
  expect_unchanged 2 tldops export
  contains "$ERR" "--format"
}

# CSV formula injection (issue 21, item 4): text a spreadsheet would run is
# prefixed with ' in csv exports, and importing the export gives it back.
test_export_neutralises_formulas_and_round_trips() {
  init_db
  add_contact nl '=HYPERLINK("http://evil.example","Jan")' jan@sidn.example "+31 26 352 5500" \
    --org '@SUM(1+1)' --role '-2+3' >/dev/null
  add_contact fr "'=already quoted" marie@afnic.example "+33 1 39 30 83 00" --org "+AFNIC" >/dev/null
  expect_status 0 tldops export --format csv --output out.csv
  grep -q "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Jan\"\")\"" out.csv || fail "name not neutralised: $(cat out.csv)"
  contains "$(cat out.csv)" ",'@SUM(1+1),'-2+3,"
  contains "$(cat out.csv)" "''=already quoted"
  contains "$(cat out.csv)" ",'+AFNIC,"
  contains "$(cat out.csv)" ",+31263525500,"
  # No cell of the file starts like a formula.
  ! /usr/bin/python3 -c 'import csv,sys; sys.exit(any(c[:1] in "=+-@\t\r" for r in csv.reader(open("out.csv")) for c in r[1:3] + r[4:6]))' || fail "a cell starts like a formula"
  before=$(tldops contact list --json | json '[(c["name"], c["organisation"], c["role"]) for c in d]')
  TLDOPS_DB=$T/copy.db "$TLDOPS_BIN" init >/dev/null
  TLDOPS_DB=$T/copy.db expect_status 0 "$TLDOPS_BIN" import contacts out.csv
  after=$(TLDOPS_DB=$T/copy.db "$TLDOPS_BIN" contact list --json | json '[(c["name"], c["organisation"], c["role"]) for c in d]')
  equals "$after" "$before"
  contains "$after" "'=already quoted"
}

test_import_dry_run_and_update_mode() {
  seed_repository
  tldops export --format csv --output roster.csv
  # The tour's own export is refused as it is (the addresses are in use)...
  expect_unchanged 1 tldops import contacts roster.csv
  contains "$ERR" "roster.csv:2: email:"
  # ...and goes back in with --update: nothing changed, so nothing to do.
  expect_status 0 tldops import contacts --update roster.csv
  contains "$OUT" "added 0, changed 0, 4 unchanged"
  # A corrected role and a new line: the dry run says so and stores nothing.
  sed -i 's/CISO; incident lead/Deputy CISO/' roster.csv
  echo 'at,Anna Berger,anna@nic.at,+43 662 46 69 0,nic.at,,,,,' >> roster.csv
  expect_unchanged 0 tldops import contacts --update --dry-run roster.csv
  contains "$OUT" "dry run: would add 1, change 1, leave 3 unchanged; nothing was stored"
  expect_status 0 tldops import contacts --dry-run --update roster.csv
  expect_status 0 tldops import contacts --update roster.csv
  contains "$OUT" "added 1, changed 1, 3 unchanged"
  equals "$(tldops contact list --cctld nl --json | json 'd[0]["role"]')" "Deputy CISO"
  equals "$(tldops audit --json | json 'len([e for e in d if e["action"] == "contact.update"])')" 1
  # A contact does not move between ccTLDs through an import.
  sed -i 's/^be,/fr,/' roster.csv
  expect_unchanged 1 tldops import contacts --update roster.csv
  contains "$ERR" "cctld: piet@dnsbelgium.be is a contact of .be, not .fr"
  # A semicolon CSV gets a hint about the delimiter.
  printf 'cctld;name;email;phone\nse;Eva;eva@iis.se;+46 8 452 35 00\n' > semi.csv
  expect_unchanged 1 tldops import contacts semi.csv
  contains "$ERR" "semi.csv:1: header: the columns are separated by semicolons"
  expect_status 2 tldops import contacts --bogus roster.csv
}

# A large import (on PostgreSQL: COPY into a staging table, then one INSERT):
# a bad line deep in the file and an address taken by an earlier line are
# named by their line numbers and nothing is stored; fixed, it all goes in
# with its audit rows and memberships.
test_large_import_names_the_bad_lines_and_stores_nothing() {
  init_db
  printf '[policy]\nmax_contacts_per_cctld = 0\n' > big.ini
  /usr/bin/python3 "$TLDOPS_ROOT/bench/gen-community" --seed 7 --output big.csv 20000 >/dev/null
  equals "$(wc -l < big.csv)" 20001
  good15=$(sed -n 15000p big.csv)
  good19=$(sed -n 19000p big.csv)
  addr3=$(sed -n 3p big.csv | /usr/bin/python3 -c 'import csv,sys; print(next(csv.reader(sys.stdin))[2].upper())')
  # Line 15000: a bad phone; line 19000: line 3's address in capitals.
  /usr/bin/python3 - big.csv "$addr3" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
rows[14999][3] = "12345"
rows[18999][2] = sys.argv[2]
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
  expect_unchanged 1 tldops --config big.ini import contacts big.csv
  contains "$ERR" "big.csv:15000: phone:"
  # Named as the insert of line 3 would have it: contact 2 (line 2 is 1).
  contains "$ERR" "big.csv:19000: email: ${addr3%@*}"
  contains "$ERR" "is already contact 2 of ."
  contains "$ERR" "2 bad lines; nothing was imported"
  equals "$(db_query 'SELECT count(*) FROM contact')" 0
  equals "$(db_query 'SELECT count(*) FROM audit')" 0
  # A dry run of the same file says the same and stores nothing either.
  expect_unchanged 1 tldops --config big.ini import contacts --dry-run big.csv
  contains "$ERR" "big.csv:15000: phone:"
  contains "$ERR" "big.csv:19000: email:"
  # Fixed, it goes in whole: every contact, one audit row each, the memberships.
  /usr/bin/python3 - big.csv "$good15" "$good19" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
lines[14999], lines[18999] = sys.argv[2], sys.argv[3]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines))
PY
  expect_status 0 tldops --config big.ini import contacts big.csv
  contains "$OUT" "imported 20000 contacts"
  equals "$(db_query 'SELECT count(*) FROM contact WHERE removed IS NULL')" 20000
  equals "$(db_query "SELECT count(*) FROM audit WHERE action = 'contact.add' AND object_type = 'contact'")" 20000
  equals "$(db_query "SELECT count(*) FROM audit a JOIN contact c ON CAST(c.id AS TEXT) = a.object_id AND a.action = 'contact.add'")" 20000
  equals "$(db_query 'SELECT count(DISTINCT cctld) FROM contact')" \
    "$(db_query 'SELECT count(*) FROM cctld WHERE member_since IS NOT NULL')"
  equals "$(db_query 'SELECT count(DISTINCT cctld) FROM contact')" \
    "$(db_query "SELECT count(*) FROM audit WHERE action = 'cctld.join'")"
  # Line 2 is the first contact, with the fields of its line.
  equals "$(tldops contact list --json | json 'sorted(d, key=lambda c: c["id"])[0]["email"]')" \
    "$(sed -n 2p big.csv | /usr/bin/python3 -c 'import csv,sys; print(next(csv.reader(sys.stdin))[2])')"
  # Again: every address is taken now, each line says by whom.
  expect_unchanged 1 tldops --config big.ini import contacts big.csv
  contains "$ERR" "big.csv:2: email:"
  contains "$ERR" "... and 19000 more problems"
  contains "$ERR" "20000 bad lines; nothing was imported"
}

test_import_warns_on_roles_the_approver_would_flag() {
  init_db
  cat > contacts.csv <<EOF2
$HEADER
nl,Jan Jansen,jan@sidn.nl,+31 26 352 5500,SIDN,Head of Sales,,
be,Piet Peeters,piet@dnsbelgium.be,+32 16 28 49 70,DNS Belgium,,,
de,Hans Müller,hans@denic.de,+49 69 27235 0,DENIC,CISO,de,
EOF2
  # A dry run names the lines to look at; nothing stored.
  expect_unchanged 0 tldops import contacts --dry-run contacts.csv
  contains "$OUT" "would add 3"
  equals "$ERR" "warning: contacts.csv:2: role: role or title is not security or operations
warning: contacts.csv:3: role: no role or title given: is this a security or operations contact?"
  # The import stores all three, warnings and all.
  expect_status 0 tldops import contacts contacts.csv
  equals "$OUT" "imported 3 contacts"
  contains "$ERR" "contacts.csv:2: role:"
  equals "$(tldops contact list --json | json 'len(d)')" 3
  # Update mode: only a changed role is looked at again.
  sed -i 's/,CISO,/,Account Manager,/' contacts.csv
  expect_status 0 tldops import contacts --update contacts.csv
  equals "$ERR" "warning: contacts.csv:4: role: role or title is not security or operations"
  # A bad line: the problems, not the warnings of the good ones.
  printf 'fr,Bad Phone,marie@afnic.fr,12345,,Sales,,\n' >> contacts.csv
  expect_unchanged 1 tldops import contacts --update contacts.csv
  not_contains "$ERR" "warning:"
  contains "$ERR" "contacts.csv:5: phone:"
}

test_import_groups_a_flag_many_lines_share() {
  init_db
  { echo "$HEADER"
    # 40 people with no role, at most 3 per ccTLD ([policy] max_contacts_per_cctld).
    codes=(nl de fr lu at ch dk se fi no pl cz sk hu)
    for i in $(seq 1 40); do
      echo "${codes[$(( (i - 1) / 3 ))]},Person $i,p$i@example.org,+31 26 352 $(printf %04d "$i"),,,,"
    done
    echo "be,Piet Peeters,piet@dnsbelgium.be,+32 16 28 49 70,DNS Belgium,Head of Sales,,"
  } > many.csv
  expect_status 0 tldops import contacts many.csv
  equals "$OUT" "imported 41 contacts"
  # Forty blank roles are one line with the first lines named; the one
  # sales role keeps its own line.
  equals "$ERR" "warning: many.csv: role: no role or title given: is this a security or operations contact?: 40 lines: 2, 3, 4, 5, 6 and 35 more
warning: many.csv:42: role: role or title is not security or operations"
}

test_a_first_large_import_builds_its_indexes_once_and_keeps_them() {
  case $TLDOPS_DB in postgres*://*) skip "SQLite only (PostgreSQL imports through COPY)";; esac
  command -v sqlite3 >/dev/null || skip "needs sqlite3"
  init_db
  printf '[policy]\nmax_contacts_per_cctld = 0\n' > big.ini
  indexes() { sqlite3 "$TLDOPS_DB" "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('contact', 'audit') AND sql IS NOT NULL ORDER BY name"; }
  local before
  before=$(indexes)
  { echo "$HEADER"
    for i in $(seq 6000); do echo "nl,Person $i,person$i@sidn.nl,+31 26 352 $(printf %04d "$i"),SIDN,,,"; done
    echo "be,Bad Mail,not-an-email,+32 16 28 49 70,DNS Belgium,,,"
  } > big.csv
  # Refused (one bad line): nothing stored, every index as it was.
  expect_unchanged 1 tldops --config big.ini import contacts big.csv
  contains "$ERR" "big.csv:6002: email:"
  equals "$(indexes)" "$before"
  # Taken: the indexes the import dropped are back, the same definitions,
  # and they hold every row (integrity_check compares each index with its table).
  sed -i '$d' big.csv
  expect_status 0 tldops --config big.ini import contacts big.csv
  contains "$OUT" "imported 6000 contacts"
  equals "$(indexes)" "$before"
  equals "$(sqlite3 "$TLDOPS_DB" "PRAGMA integrity_check")" "ok"
  contains "$(sqlite3 "$TLDOPS_DB" "EXPLAIN QUERY PLAN SELECT email FROM contact WHERE removed IS NULL ORDER BY email")" \
    "COVERING INDEX contact_active_address"
  equals "$(sqlite3 "$TLDOPS_DB" "SELECT count(*) FROM audit INDEXED BY audit_object WHERE object_type = 'contact'")" "6000"
}
