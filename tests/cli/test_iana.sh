# SPDX-License-Identifier: MIT
# Refreshing the IANA administrative and technical contacts from
# whois.iana.org records, and the drift report that tells the committee.

# whois_record DOMAIN ADMIN-EMAIL [ORGANISATION]: one answer of whois.iana.org.
whois_record() {
  local domain=$1 admin=$2 org=${3:-Stichting Internet Domeinregistratie Nederland}
  cat <<EOF
% IANA WHOIS server
% for more information on IANA, visit http://www.iana.org
% This query returned 1 object

domain:       $domain

organisation: $org
address:      P.O. Box 5022
address:      Arnhem 6802 EA
address:      Netherlands

contact:      administrative
name:         Registry Manager
organisation: $org
address:      P.O. Box 5022
phone:        +31 26 352 5500
fax-no:       +31 26 352 5505
e-mail:       $admin

contact:      technical
name:         Technical Manager
organisation: $org
address:      P.O. Box 5022
phone:        +31 26 352 5555
fax-no:
e-mail:       hostmaster@nic.example

nserver:      NS1.DNS.NL 194.0.28.53 2001:678:2c:0:194:0:28:53
nserver:      NS3.DNS.NL 194.0.25.24 2001:678:20:0:0:0:0:24
ds-rdata:     34112 8 2 3C9E3CD1D3F1B3F0FEBA5C5BC3C4A7B1D8D7B3C38CC7EEA0D3CB5B0E0DF4F2F7
whois:        whois.domain-registry.nl

status:       ACTIVE
remarks:      Registration information: http://www.domain-registry.nl

created:      1986-04-25
changed:      2023-01-10
source:       IANA

EOF
}

test_iana_import_stores_new_records() {
  init_db
  { whois_record NL admin@sidn.nl; whois_record XN--P1AI admin@cctld.ru "Coordination Center for TLD RU"; } > iana.txt
  expect_status 0 tldops iana import iana.txt
  contains "$OUT" "nl: new record (admin admin@sidn.nl"
  contains "$OUT" "xn--p1ai: new record (admin admin@cctld.ru"
  contains "$OUT" "imported 2 IANA records"
  expect_status 0 tldops cctld show .NL --json
  equals "$(json '(d["iana"]["organisation"], d["iana"]["admin"]["email"], d["iana"]["admin"]["name"], d["iana"]["admin"]["phone"], d["iana"]["tech"]["email"], d["iana"]["changed"])' <<<"$OUT")" \
    "('Stichting Internet Domeinregistratie Nederland', 'admin@sidn.nl', 'Registry Manager', '+31 26 352 5500', 'hostmaster@nic.example', '2023-01-10')"
  equals "$(tldops cctld show рф --json | json '(d["iana"]["admin"]["email"], d["iana"]["organisation"])')" \
    "('admin@cctld.ru', 'Coordination Center for TLD RU')"
  expect_status 0 tldops cctld show nl
  contains "$OUT" "IANA admin contact: Registry Manager <admin@sidn.nl>"
  # Other ccTLDs have none.
  equals "$(tldops cctld show be --json | json 'd["iana"]')" None
  equals "$(tldops audit --json | json '[(e["action"], e["object_id"]) for e in d]')" \
    "[('iana.add', 'nl'), ('iana.add', 'xn--p1ai')]"
  # IANA contacts are not community contacts: nobody became a member.
  equals "$(tldops cctld list --members --json)" "[]"
}

test_iana_reimport_reports_what_changed() {
  init_db
  whois_record nl a@sidn.nl > first.txt
  tldops iana import first.txt >/dev/null
  # The same record again: nothing to report, nothing to audit.
  expect_status 0 tldops iana import first.txt
  contains "$OUT" "nl: unchanged"
  equals "$(tldops audit --json | json 'len(d)')" 1
  # The admin contact changed at IANA: the authoriser changed.
  whois_record nl b@sidn.nl > second.txt
  expect_status 0 tldops iana import second.txt
  contains "$OUT" 'nl: admin e-mail: "a@sidn.nl" -> "b@sidn.nl"'
  not_contains "$OUT" "tech"
  not_contains "$OUT" "unchanged"
  equals "$(tldops cctld show nl --json | json 'd["iana"]["admin"]["email"]')" b@sidn.nl
  equals "$(tldops audit --json | json '[(e["action"], e["before"]["admin"]["email"], e["after"]["admin"]["email"]) for e in d if e["action"] == "iana.drift"]')" \
    "[('iana.drift', 'a@sidn.nl', 'b@sidn.nl')]"
  # A new manager shows up as an organisation change.
  whois_record nl b@sidn.nl "SIDN B.V." > third.txt
  expect_status 0 tldops iana import third.txt
  contains "$OUT" 'nl: organisation: "Stichting Internet Domeinregistratie Nederland" -> "SIDN B.V."'
}

test_iana_import_refuses_junk_lines() {
  init_db
  whois_record nl a@sidn.nl > ok.txt
  tldops iana import ok.txt >/dev/null
  { whois_record nl changed@sidn.nl; echo "this line is not a whois line"; whois_record xn--p1ai admin@cctld.ru; } > junk.txt
  local junk_line; junk_line=$(grep -n '^this line' junk.txt | cut -d: -f1)
  expect_unchanged 1 tldops iana import junk.txt
  contains "$ERR" "line $junk_line:"
  contains "$ERR" "nothing was imported"
  equals "$(tldops cctld show nl --json | json 'd["iana"]["admin"]["email"]')" a@sidn.nl
  equals "$(tldops cctld show рф --json | json 'd["iana"]')" None
  # Binary junk and a file without any record.
  printf 'domain: nl\ne-mail: \xff\xfe\n' > binary.txt
  expect_unchanged 1 tldops iana import binary.txt
  contains "$ERR" "UTF-8"
  printf '%% nothing but a comment\n\n' > empty.txt
  expect_unchanged 1 tldops iana import empty.txt
  contains "$ERR" "domain"
  expect_unchanged 1 tldops iana import no-such-file.txt
  contains "$ERR" "file:"
}

test_iana_import_refuses_a_record_for_an_unknown_tld() {
  init_db
  { whois_record nl a@sidn.nl; whois_record ZZ admin@zz.example; } > zz.txt
  expect_unchanged 1 tldops iana import zz.txt
  contains "$ERR" "domain:"
  contains "$ERR" '"ZZ"'
  contains "$ERR" "nothing was imported"
  equals "$(tldops cctld show nl --json | json 'd["iana"]')" None
}

test_iana_import_refuses_a_gtld_record() {
  init_db
  { whois_record nl a@sidn.nl; whois_record COM admin@verisign.example; } > com.txt
  expect_unchanged 1 tldops iana import com.txt
  contains "$ERR" "domain:"
  contains "$ERR" '"COM"'
  equals "$(tldops cctld show nl --json | json 'd["iana"]')" None
}

test_refused_iana_import_announces_no_changes() {
  init_db
  whois_record nl a@sidn.nl > ok.txt
  tldops iana import ok.txt >/dev/null
  { whois_record nl changed@sidn.nl; whois_record COM admin@verisign.example; } > com.txt
  expect_unchanged 1 tldops iana import com.txt
  # BUG: the drift report for the records before the bad one goes to stdout
  # although the import was rolled back: got on stdout
  #   nl: admin e-mail: "a@sidn.nl" -> "changed@sidn.nl"
  # with exit 1 and "error: iana: nothing was imported" on stderr, so a
  # drift watch reading stdout announces a change that was not recorded.
  not_contains "$OUT" "changed@sidn.nl"
}
