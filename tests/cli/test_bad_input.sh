# SPDX-License-Identifier: MIT
# Usage errors exit 2, refusals exit 1 with "error: FIELD: reason", and
# neither ever changes a stored row.

PHONE=+31263525500

# A repository with a bit of everything, for the "unchanged" checks.
seed() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE --org SIDN >/dev/null
  add_contact nl "Piet Pietersen" piet@sidn.nl $PHONE >/dev/null
  add_contact nl "Kees de Vries" kees@sidn.nl $PHONE >/dev/null
  add_contact .рф "Ivan Ivanov" ivan@cctld.ru "+7 495 730 2971" >/dev/null
  tldops exception add --email security@dnsbelgium.be --reason "liaison" >/dev/null
  printf 'domain: nl\norganisation: SIDN\ncontact: administrative\ne-mail: a@sidn.nl\n' > iana.txt
  tldops iana import iana.txt >/dev/null
}

test_unknown_commands_and_options_are_usage_errors() {
  seed
  expect_unchanged 2 tldops frobnicate
  contains "$ERR" 'unknown command "frobnicate"'
  contains "$ERR" "usage:"
  expect_unchanged 2 tldops
  contains "$ERR" "usage:"
  expect_unchanged 2 tldops --bogus init
  contains "$ERR" "usage:"
  expect_unchanged 2 tldops contact frob
  contains "$ERR" 'unknown contact command "frob"'
  expect_unchanged 2 tldops contact
  expect_unchanged 2 tldops cctld frob
  expect_unchanged 2 tldops iana export x
  expect_unchanged 2 tldops import people x.csv
  expect_unchanged 2 tldops exception revoke 1
  for cmd in "contact add --cctld nl --name X --email x@sidn.nl --phone $PHONE --bogus" \
             "contact update 1 --bogus x" "contact remove 1 --reason x --force" \
             "contact list --bogus" "cctld list --bogus" "cctld show nl --bogus" \
             "lookup nl --bogus" "export --format csv --bogus" "audit --bogus" \
             "exception add --email a@b.nl --reason r --bogus" "exception list --bogus" \
             "config show --bogus"; do
    # shellcheck disable=SC2086
    expect_unchanged 2 tldops $cmd
    contains "$ERR" "usage: tldops"
  done
}

test_missing_required_options_are_usage_errors() {
  seed
  expect_unchanged 2 tldops contact add --cctld nl --name X --email x@sidn.nl
  contains "$ERR" "--phone"
  expect_unchanged 2 tldops contact add --name X --email x@sidn.nl --phone $PHONE
  expect_unchanged 2 tldops contact remove 1
  contains "$ERR" "--reason"
  expect_unchanged 2 tldops contact remove --reason "left"
  expect_unchanged 2 tldops contact update --name X
  expect_unchanged 2 tldops contact update 1
  contains "$ERR" "nothing to change"
  expect_unchanged 2 tldops exception add --email security@sidn.nl
  contains "$ERR" "--reason"
  expect_unchanged 2 tldops exception add --reason "why"
  expect_unchanged 2 tldops export
  contains "$ERR" "--format"
  expect_unchanged 2 tldops export --output x.csv
  expect_unchanged 2 tldops import contacts
  expect_unchanged 2 tldops iana import
  expect_unchanged 2 tldops cctld show
  expect_unchanged 2 tldops lookup
  expect_unchanged 2 tldops config
  # Stray arguments are usage errors too, not silently ignored.
  expect_unchanged 2 tldops init now
  expect_unchanged 2 tldops contact add --cctld nl --name X --email x@sidn.nl --phone $PHONE extra
  expect_unchanged 2 tldops contact list nl
  expect_unchanged 2 tldops lookup nl be
  expect_unchanged 2 tldops audit yesterday
  expect_unchanged 2 tldops import contacts a.csv b.csv
}

test_ids_must_be_positive_numbers() {
  seed
  for id in 0 -1 abc 1x "" 99999999999999999999999; do
    expect_unchanged 2 tldops contact update "$id" --name X
    expect_unchanged 2 tldops contact remove "$id" --reason x
  done
  expect_unchanged 1 tldops contact update 4242 --name X
  contains "$ERR" "id:"
  expect_unchanged 1 tldops contact remove 4242 --reason x
  contains "$ERR" "id:"
}

test_every_refusal_names_the_field_and_changes_nothing() {
  seed
  local before n=0; before=$(db_dump)
  # field and command, one refusal a line.
  while IFS='|' read -r field cmd; do
    [ -n "$field" ] || continue
    n=$((n + 1))
    eval "expect_unchanged 1 tldops $cmd"
    contains "$ERR" "error: $field:"
    equals "$OUT" ""
  done <<'EOF'
cctld|contact add --cctld zz --name X --email x@sidn.nl --phone +31263525500
cctld|contact add --cctld com --name X --email x@sidn.nl --phone +31263525500
cctld|contact add --cctld nl --name X --email x@sidn.nl --phone +31263525500
name|contact add --cctld be --name "" --email x@sidn.nl --phone +31263525500
name|contact add --cctld be --name "$(printf 'X\rY')" --email x@sidn.nl --phone +31263525500
name|contact add --cctld be --name "$(printf '\xff')" --email x@sidn.nl --phone +31263525500
email|contact add --cctld be --name X --email x.sidn.nl --phone +31263525500
email|contact add --cctld be --name X --email JAN@sidn.nl --phone +31263525500
email|contact add --cctld be --name X --email noc@dnsbelgium.be --phone +31263525500
phone|contact add --cctld be --name X --email x@sidn.nl --phone 1234567
phone|contact add --cctld be --name X --email x@sidn.nl --phone "+32 FOUR"
languages|contact add --cctld be --name X --email x@sidn.nl --phone +31263525500 --lang "english"
pgp_fingerprint|contact add --cctld be --name X --email x@sidn.nl --phone +31263525500 --pgp "ABCD"
organisation|contact add --cctld be --name X --email x@sidn.nl --phone +31263525500 --org "$(printf 'A\nB')"
role|contact add --cctld be --name X --email x@sidn.nl --phone +31263525500 --role "$(printf 'A\033[31mB')"
email|contact update 1 --email piet@sidn.nl
phone|contact update 1 --phone abc
cctld|contact update 4 --cctld nl
id|contact update 999 --name X
reason|contact remove 1 --reason ""
id|contact remove 999 --reason x
cctld|contact list --cctld zz
cctld|cctld show zz
cctld|cctld show xn--zz
cctld|lookup .com
region|cctld list --region EUR
email|exception add --email security@dnsbelgium.be --reason again
reason|exception add --email abuse@dnsbelgium.be --reason ""
format|export --format pdf
since|audit --since never
until|audit --until never
file|import contacts does-not-exist.csv
file|iana import does-not-exist.txt
config|--config does-not-exist.ini contact list
as|--as "$(printf 'a\nb')" contact remove 1 --reason x
EOF
  equals "$n" 35
  equals "$(db_dump)" "$before"
}

test_refusals_of_a_missing_database_create_nothing() {
  expect_status 1 tldops contact add --cctld nl --name X --email x@sidn.nl --phone $PHONE
  contains "$ERR" "tldops init"
  expect_status 1 tldops import contacts /dev/null
  expect_status 1 tldops export --format csv
  [ ! -e "$TLDOPS_DB" ] || fail "a refused command created $TLDOPS_DB"
}
