# SPDX-License-Identifier: MIT
# Membership requests: authorised by the ccTLD's IANA contacts through a
# one-time link read from the Maildir, then decided by the committee.


# token_for ADDRESS: the token of the newest authorisation mail to ADDRESS.
token_for() {
  local f
  f=$(grep -l "^Delivered-To: $1" "$T"/mail/new/* | xargs ls -t | head -1)
  grep -o 'authorize/[A-Za-z0-9_-]*' "$f" | head -1 | cut -d/ -f2
}

join_jan() {
  tldops request join --cctld nl --name "Jan Jansen" --email jan@sidn.example \
    --phone "+31 26 352 5500" --role "Security officer" "$@"
}

test_join_authorised_by_tech_contact_then_approved() {
  init_db; iana_nl
  expect_status 0 join_jan
  id=$OUT
  # Authorisation mail went to both IANA contacts, never to the requester.
  ls "$T"/mail/new | grep -q . || fail "no mail written"
  grep -l "^Delivered-To: admin@sidn.example" "$T"/mail/new/* >/dev/null
  grep -l "^Delivered-To: tech@sidn.example" "$T"/mail/new/* >/dev/null
  ! grep -l "^Delivered-To: jan@sidn.example" "$T"/mail/new/* 2>/dev/null || fail "mail to the requester"
  grep -q "Jan Jansen" "$(grep -l "^Delivered-To: tech@sidn.example" "$T"/mail/new/*)"
  equals "$(tldops request show "$id" --json | json 'd["state"]')" pending-authorisation
  # The token is stored only as a hash (the delivered mail is scrubbed).
  tok=$(token_for tech@sidn.example)
  [ ${#tok} -eq 43 ] || fail "token length ${#tok}"
  ! sqlite3 "$TLDOPS_DB" .dump | grep -q "$tok" || fail "token stored in clear"
  expect_status 0 tldops request authorize "$tok"
  equals "$(tldops request show "$id" --json | json 'd["state"]')" authorised
  equals "$(tldops request show "$id" --json | json 'd["authorised_by"]')" "tech tech@sidn.example"
  expect_status 0 tldops --as committee-kim request approve "$id" --announce
  equals "$(tldops contact list --cctld nl --json | json 'd[0]["email"]')" jan@sidn.example
  equals "$(tldops cctld show nl --json | json 'd["member"]')" True
  # The audit row names the authoriser and the approver.
  tldops audit --json | json '[e for e in d if e["action"]=="request.approve"][0]["after"]' > "$T/a"
  contains "$(cat "$T/a")" "tech tech@sidn.example"
  contains "$(cat "$T/a")" "committee-kim"
  # --announce queued the welcome note to the list for the first contact.
  grep -l "^Subject: Welcome .nl to TLD-OPS" "$T"/mail/new/* >/dev/null || fail "no announcement"
}

# --announce announces a ccTLD's first contact only; any other approval says
# that nothing was announced, and why (issue 23), and is still approved.
test_announce_on_a_member_says_it_announced_nothing() {
  init_db; iana_nl
  add_contact nl "Piet Pieters" piet@sidn.example +31263525501 >/dev/null
  rm -f "$T"/mail/new/*
  expect_status 0 join_jan
  id=$OUT
  tldops request authorize "$(token_for admin@sidn.example)" >/dev/null
  expect_status 0 tldops request approve "$id" --announce
  equals "$OUT" "request $id approved"
  equals "$ERR" "note: not announced: .nl is a member already (only its first contact is announced)"
  equals "$(tldops contact list --cctld nl --json | json 'len(d)')" 2
  ! grep -l "^Subject: Welcome" "$T"/mail/new/* 2>/dev/null || fail "announced a member"
  # An update request is not a join.
  cid=$(tldops contact list --cctld nl --json | json '[c["id"] for c in d if c["email"] == "jan@sidn.example"][0]')
  upd=$(tldops request update --cctld nl --contact "$cid" --role CISO)
  tldops request authorize "$(token_for admin@sidn.example)" >/dev/null
  expect_status 0 tldops request approve "$upd" --announce
  equals "$ERR" "note: not announced: only a join is announced (request $upd is an update)"
  # Without --announce, no note.
  rm -f "$T"/mail/new/*
  lv=$(tldops request leave --cctld nl --contact "$cid")
  tldops request authorize "$(token_for admin@sidn.example)" >/dev/null
  expect_status 0 tldops request approve "$lv"
  equals "$ERR" ""
}

test_token_is_single_use_and_unknown_tokens_fail() {
  init_db; iana_nl
  join_jan >/dev/null
  admin=$(token_for admin@sidn.example); tech=$(token_for tech@sidn.example)
  expect_status 0 tldops request authorize "$admin"
  before=$(db_dump)
  expect_status 1 tldops request authorize "$admin"
  contains "$ERR" "token"; contains "$ERR" "used"
  # Authorising with one contact's link uses up the other's too.
  expect_status 1 tldops request authorize "$tech"
  expect_status 1 tldops request authorize "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
  contains "$ERR" "not valid"
  expect_status 1 tldops request authorize "junk'; DROP TABLE request;--"
  equals "$(db_dump)" "$before"
}

test_expired_token_changes_nothing() {
  init_db; iana_nl
  join_jan >/dev/null
  tok=$(token_for admin@sidn.example)
  before=$(db_dump)
  expect_status 1 faketime -f '+15d' "$TLDOPS_BIN" request authorize "$tok"
  contains "$ERR" "expired"
  equals "$(db_dump)" "$before"
  # Listing later marks the request expired.
  equals "$(faketime -f '+15d' "$TLDOPS_BIN" request list --json | json 'd[0]["state"]')" expired
}

test_admin_only_policy_refuses_the_tech_token() {
  init_db; iana_nl
  join_jan >/dev/null
  tech=$(token_for tech@sidn.example)
  printf '[policy]\nauthorizers = admin\n' > "$T/admin-only.ini"
  expect_status 1 tldops --config "$T/admin-only.ini" request authorize "$tech"
  contains "$ERR" "administrative contact"
  # With that policy a new request mails only the admin contact.
  rm -f "$T"/mail/new/*
  tldops --config "$T/admin-only.ini" request join --cctld nl --name "Piet Pietersen" \
    --email piet@sidn.example --phone "+31263525501" >/dev/null
  ! grep -l "^Delivered-To: tech@sidn.example" "$T"/mail/new/* 2>/dev/null || fail "tech mailed"
  grep -l "^Delivered-To: admin@sidn.example" "$T"/mail/new/* >/dev/null
}

test_cctld_without_iana_record_is_refused() {
  init_db
  before=$(db_dump)
  expect_status 1 join_jan
  contains "$ERR" "cctld"; contains "$ERR" "iana import"
  equals "$(db_dump)" "$before"
}

test_two_concurrent_approvals_one_wins() {
  init_db; iana_nl
  id=$(join_jan)
  tldops request authorize "$(token_for tech@sidn.example)" >/dev/null
  ( rc=0; "$TLDOPS_BIN" request approve "$id" >"$T/o1" 2>&1 || rc=$?; echo $rc >"$T/r1" ) &
  ( rc=0; "$TLDOPS_BIN" request approve "$id" >"$T/o2" 2>&1 || rc=$?; echo $rc >"$T/r2" ) &
  wait
  equals "$(cat "$T/r1" "$T/r2" | sort | tr '\n' ' ')" "0 1 "
  equals "$(tldops contact list --json | json 'len(d)')" 1
  equals "$(tldops audit --json | json 'len([e for e in d if e["action"]=="request.approve"])')" 1
}

test_reject_needs_reason_and_approve_needs_authorisation() {
  init_db; iana_nl
  id=$(join_jan)
  expect_status 1 tldops request approve "$id"
  contains "$ERR" "not authorised"
  expect_status 2 tldops request reject "$id"
  tldops request authorize "$(token_for admin@sidn.example)" >/dev/null
  expect_status 0 tldops request reject "$id" --reason "not a security role"
  equals "$(tldops request list --state rejected --json | json 'd[0]["reason"]')" "not a security role"
  equals "$(tldops contact list --json | json 'len(d)')" 0
}

test_leave_removes_contact_and_last_one_ends_membership() {
  init_db; iana_nl
  cid=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500)
  rm -f "$T"/mail/new/*
  id=$(tldops request leave --cctld nl --contact "$cid")
  tldops request authorize "$(token_for admin@sidn.example)" >/dev/null
  expect_status 0 tldops request approve "$id"
  equals "$(tldops contact list --json | json 'len(d)')" 0
  equals "$(tldops cctld show nl --json | json 'd["member"]')" False
  tldops audit | grep -q "cctld.leave"
}

test_update_request_changes_only_the_given_fields() {
  init_db; iana_nl
  cid=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --role CISO)
  id=$(tldops request update --cctld nl --contact "$cid" --phone "+31 26 352 5599")
  equals "$(tldops request show "$id" --json | json 'd["fields_given"]')" phone
  tldops request authorize "$(token_for admin@sidn.example)" >/dev/null
  tldops request approve "$id" >/dev/null
  equals "$(tldops contact list --json | json 'd[0]["phone"]')" "+31263525599"
  equals "$(tldops contact list --json | json 'd[0]["role"]')" CISO
}

test_approver_sees_flags() {
  init_db; iana_nl
  add_contact be "Jan Jansen" jan@dnsbelgium.example +3222222222 >/dev/null
  id=$(tldops request join --cctld nl --name "Jan Jansen" --email sales@sidn.example \
    --phone "+31263525500" --role "Sales manager")
  flags=$(tldops request show "$id" --json | json '"|".join(d["flags"])')
  contains "$flags" "role address"
  contains "$flags" "already a contact of .be"
  contains "$flags" "not security or operations"
}

test_approver_flags_a_missing_role_and_customer_success() {
  init_db; iana_nl
  local blank cs ok upd
  blank=$(tldops request join --cctld nl --name "Jan Jansen" --email jan@sidn.example \
    --phone "+31263525500")
  cs=$(tldops request join --cctld nl --name "Piet Pieters" --email piet@sidn.example \
    --phone "+31263525501" --role "Customer Success Manager")
  ok=$(tldops request join --cctld nl --name "Anna Smit" --email anna@sidn.example \
    --phone "+31263525502" --role "CSIRT lead")
  equals "$(tldops request show "$blank" --json | json 'd["flags"]')" \
    "['no role or title given: is this a security or operations contact?']"
  equals "$(tldops request show "$cs" --json | json 'd["flags"]')" \
    "['role or title is not security or operations']"
  equals "$(tldops request show "$ok" --json | json 'd["flags"]')" "[]"
  # An update that leaves the role alone is not flagged for it; one that
  # changes it to sales is.
  local id; id=$(add_contact nl "Tom Tech" tom@sidn.example "+31263525503" 2>/dev/null)
  upd=$(tldops request update --cctld nl --contact "$id" --phone "+31263525504")
  equals "$(tldops request show "$upd" --json | json 'd["flags"]')" "[]"
  upd=$(tldops request update --cctld nl --contact "$id" --role "Head of Sales")
  equals "$(tldops request show "$upd" --json | json 'd["flags"]')" \
    "['role or title is not security or operations']"
}

test_withdrawn_request_cannot_be_authorised() {
  init_db; iana_nl
  id=$(join_jan)
  expect_status 0 tldops request withdraw "$id"
  expect_status 1 tldops request authorize "$(token_for admin@sidn.example)"
  equals "$(tldops request show "$id" --json | json 'd["state"]')" withdrawn
}

# While the SMTP server is down the authorisation mail waits in the outbox:
# a copy of the database then holds no link anyone could use (the message is
# sealed with the key beside the database, not in it); once the server is
# back the mail goes out and its link works.
test_queued_links_are_sealed_while_smtp_is_down() {
  local port key=$TLDOPS_DB.queue-key data tok
  if [ "$TLDOPS_TEST_BACKEND" != sqlite ]; then
    # On PostgreSQL the key file is named in the configuration.
    key=$T/queue.key
    printf '[mail]\nqueue_key_file = %s\n' "$key" > "$T/seal.ini"
    export TLDOPS_CONFIG=$T/seal.ini
  fi
  init_db; iana_nl
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  TLDOPS_MAIL="smtp://127.0.0.1:$port" expect_status 0 join_jan
  id=$OUT
  [ -f "$key" ] && [ ! -L "$key" ] || fail "no key file at $key"
  equals "$(stat -c %a "$key")" 600
  # One message per IANA contact (each has its own link), both sealed.
  equals "$(db_query "SELECT count(*) FROM mail_message WHERE kind = 'authorisation' AND data LIKE 'tldops-sealed-v1:%'")" 2
  data=$(db_query "SELECT data FROM mail_message WHERE kind = 'authorisation'")
  not_contains "$data" "authorize/"
  not_contains "$data" "Jan Jansen"
  # Without the key the outbox cannot open it: nothing is sent, it stays queued.
  mv "$key" "$T/key.away"
  expect_status 0 tldops outbox run --all
  equals "$(tldops outbox status --json | json 'd["queued"]')" 2
  ls "$T"/mail/new 2>/dev/null | grep -q . && fail "sent without the key"
  # With it, the mail goes out, its link works, and the stored copy is blanked.
  mv "$T/key.away" "$key"
  expect_status 0 tldops outbox run --all
  tok=$(token_for tech@sidn.example)
  [ ${#tok} -eq 43 ] || fail "token length ${#tok}"
  equals "$(db_query "SELECT count(*) FROM mail_message WHERE kind = 'authorisation' AND data <> ''")" 0
  not_contains "$(db_query "SELECT data FROM mail_message")" "$tok"
  expect_status 0 tldops request authorize "$tok"
  equals "$(tldops request show "$id" --json | json 'd["state"]')" authorised
  # A key file others may read, or a symlink, is refused by name.
  chmod 644 "$key"
  expect_status 1 join_jan --email jan2@sidn.example
  contains "$ERR" "queue_key_file"
  contains "$ERR" "chmod 600"
}
