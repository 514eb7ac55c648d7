# SPDX-License-Identifier: MIT
# The configuration file: defaults, overrides, and refusal of anything it
# does not understand (a typo must not silently keep the default).

PHONE=+31263525500

test_config_show_lists_the_defaults() {
  expect_status 0 tldops config show
  contains "$OUT" "[policy]"
  contains "$OUT" "max_contacts_per_cctld = 3"
  contains "$OUT" "[mail]"
  contains "$OUT" "[web]"
  expect_status 0 tldops config check
  contains "$OUT" "ok"
}

test_config_file_values_are_used() {
  printf '# community policy\n[policy]\nmax_contacts_per_cctld = 0\n\n[mail]\ndigest_interval_days = 7\n' > tldops.ini
  expect_status 0 tldops --config tldops.ini config check
  contains "$OUT" "tldops.ini: ok"
  expect_status 0 tldops --config tldops.ini config show
  contains "$OUT" "max_contacts_per_cctld = 0"
  contains "$OUT" "digest_interval_days = 7"
  not_contains "$OUT" "max_contacts_per_cctld = 3"
  # $TLDOPS_CONFIG when --config is absent.
  TLDOPS_CONFIG=tldops.ini expect_status 0 tldops config show
  contains "$OUT" "max_contacts_per_cctld = 0"
}

test_config_cap_is_applied_by_the_commands() {
  init_db
  printf '[policy]\nmax_contacts_per_cctld = 1\n' > one.ini
  tldops --config one.ini contact add --cctld nl --name One --email one@sidn.nl --phone $PHONE >/dev/null
  expect_unchanged 1 tldops --config one.ini contact add --cctld nl --name Two --email two@sidn.nl --phone $PHONE
  contains "$ERR" "cctld:"
  TLDOPS_CONFIG=one.ini expect_unchanged 1 add_contact nl Two two@sidn.nl $PHONE
  contains "$ERR" "cctld:"
  printf 'cctld,name,email,phone\nbe,A,a@dnsbelgium.be,+3216284970\nbe,B,b@dnsbelgium.be,+3216284970\n' > two.csv
  expect_unchanged 1 tldops --config one.ini import contacts two.csv
  contains "$ERR" "two.csv:3: cctld:"
  # No cap.
  printf '[policy]\nmax_contacts_per_cctld = 0\n' > none.ini
  for i in 2 3 4 5 6; do
    tldops --config none.ini contact add --cctld nl --name "P$i" --email "p$i@sidn.nl" --phone $PHONE >/dev/null
  done
  equals "$(tldops contact list --cctld nl --json | json 'len(d)')" 6
}

test_config_unknown_key_is_refused_naming_it() {
  init_db
  printf '[policy]\nmax_contact_per_cctld = 0\n' > typo.ini
  expect_status 1 tldops --config typo.ini config check
  contains "$ERR" "max_contact_per_cctld"
  contains "$ERR" "unknown"
  expect_status 1 tldops --config typo.ini config show
  contains "$ERR" "max_contact_per_cctld"
  # A known key in the wrong section is unknown there.
  printf '[mail]\nmax_contacts_per_cctld = 0\n' > section.ini
  expect_status 1 tldops --config section.ini config check
  contains "$ERR" "mail.max_contacts_per_cctld"
  # Commands refuse to run on a configuration they do not understand.
  expect_unchanged 1 tldops --config typo.ini contact add --cctld nl --name X --email x@sidn.nl --phone $PHONE
  contains "$ERR" "max_contact_per_cctld"
  equals "$(tldops contact list --json)" "[]"
}

test_config_out_of_range_value_is_refused_naming_the_key() {
  init_db
  for value in 5000 -1 lots "" 3.5 "3 contacts"; do
    printf '[policy]\nmax_contacts_per_cctld = %s\n' "$value" > bad.ini
    expect_status 1 tldops --config bad.ini config check
    contains "$ERR" "max_contacts_per_cctld"
    not_contains "$OUT" "ok"
    expect_unchanged 1 tldops --config bad.ini contact add --cctld nl --name X --email x@sidn.nl --phone $PHONE
    contains "$ERR" "max_contacts_per_cctld"
  done
  printf '[mail]\nmax_attempts = 0\n' > attempts.ini
  expect_status 1 tldops --config attempts.ini config check
  contains "$ERR" "max_attempts"
}

test_config_syntax_errors_and_missing_files() {
  printf '[policy\nmax_contacts_per_cctld = 3\n' > broken.ini
  expect_status 1 tldops --config broken.ini config check
  contains "$ERR" "config:"
  contains "$ERR" "line 1"
  printf '[policy]\nmax_contacts_per_cctld\n' > nokey.ini
  expect_status 1 tldops --config nokey.ini config check
  contains "$ERR" "line 2"
  expect_status 1 tldops --config no-such.ini config check
  contains "$ERR" "config:"
  contains "$ERR" "no-such.ini"
  expect_status 2 tldops config frob
  expect_status 2 tldops config
}
