# SPDX-License-Identifier: MIT
# Outreach (tldops outreach): per non-member ccTLD, who is reaching out, the
# state and the notes; a ccTLD that becomes a member shows as joined; every
# change is audited; bad input changes nothing.

PHONE=+31263525500

test_outreach_list_is_every_non_member() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  expect_status 0 tldops outreach list --json
  equals "$(json 'len(d)' <<<"$OUT")" 308
  equals "$(json '"nl" in [e["code"] for e in d]' <<<"$OUT")" False
  equals "$(json 'sorted(set(e["state"] for e in d)), set(e["owner"] for e in d), set(e["note"] for e in d)' <<<"$OUT")" \
    "(['none'], {None}, {None})"
  equals "$(json 'sorted(d[0])' <<<"$OUT")" \
    "['code', 'country', 'member', 'note', 'note_at', 'note_by', 'notes', 'owner', 'region', 'state', 'unicode', 'updated', 'updated_by']"
  # Per region, the same ccTLDs as the non-member listing.
  for r in AF AP EU LAC NA; do
    equals "$(tldops outreach list --region $r --json | json '[e["code"] for e in d]')" \
      "$(tldops cctld list --non-members --region $r --json | json '[c["code"] for c in d]')"
  done
  expect_status 0 tldops outreach list --region NA
  equals "$(wc -l <<<"$OUT")" 7
  contains "$OUT" ".us          NA   none        -                    United States"
}

test_outreach_set_owner_state_and_notes_with_audit() {
  init_db
  expect_status 0 tldops --as kim outreach set ao --owner "Kim (secretariat)" --state contacted --note "Met at ICANN64"
  equals "$OUT" ".ao: contacted, owner Kim (secretariat)"
  faketime '2030-01-02 10:00:00' "$TLDOPS_BIN" --as lee outreach note .AO "Second call, they will ask the board"
  tldops outreach state ao interested >/dev/null
  tldops outreach assign bf --owner Lee >/dev/null
  expect_status 0 tldops outreach list --region AF --json
  equals "$(json '[(e["code"], e["state"], e["owner"], e["note"], e["note_by"], e["notes"]) for e in d if e["owner"]]' <<<"$OUT")" \
    "[('ao', 'interested', 'Kim (secretariat)', 'Second call, they will ask the board', 'lee', 2), ('bf', 'none', 'Lee', None, None, 0)]"
  equals "$(json '[e["note_at"] for e in d if e["code"] == "ao"]' <<<"$OUT")" "['2030-01-02T10:00:00Z']"
  expect_status 0 tldops outreach show ao --json
  equals "$(json '[(n["author"], n["text"]) for n in d["note_list"]]' <<<"$OUT")" \
    "[('kim', 'Met at ICANN64'), ('lee', 'Second call, they will ask the board')]"
  expect_status 0 tldops outreach show ao
  contains "$OUT" "state  interested"
  contains "$OUT" "kim: Met at ICANN64"
  # The text list shows the newest note under its ccTLD.
  expect_status 0 tldops outreach list --region AF
  contains "$OUT" ".ao          AF   interested  Kim (secretariat)    Angola"
  contains "$OUT" "    2030-01-02 lee: Second call, they will ask the board"
  # Every change is an audit row with the row before and after.
  equals "$(tldops audit --json | json '[(e["actor"], e["action"], e["object_id"], e["before"] and e["before"]["state"], e["after"]["state"], e["after"].get("note")) for e in d]')" \
    "[('kim', 'outreach.update', 'ao', None, 'contacted', 'Met at ICANN64'), ('lee', 'outreach.update', 'ao', 'contacted', 'contacted', 'Second call, they will ask the board'), ('e2e', 'outreach.update', 'ao', 'contacted', 'interested', None), ('e2e', 'outreach.update', 'bf', None, 'none', None)]"
  # An empty owner unassigns.
  tldops outreach set bf --owner "" >/dev/null
  equals "$(tldops outreach list --region AF --json | json '[e["owner"] for e in d if e["code"] == "bf"]')" "[None]"
}

test_a_ccTLD_that_joins_shows_as_joined() {
  init_db
  tldops outreach set br --owner Maria --state interested --note "Board meets in May" >/dev/null
  equals "$(tldops outreach list --region LAC --json | json '[(e["state"], e["member"]) for e in d if e["code"] == "br"]')" \
    "[('interested', False)]"
  add_contact br "Maria Silva" maria@nic.br "+55 11 5509 3500" >/dev/null
  # Still on the list (its outreach succeeded), now joined.
  equals "$(tldops outreach list --region LAC --json | json '[(e["state"], e["member"], e["owner"]) for e in d if e["code"] == "br"]')" \
    "[('joined', True, 'Maria')]"
  # A member with no outreach history is not on the list.
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  equals "$(tldops outreach list --json | json '"nl" in [e["code"] for e in d]')" False
  # A member's state can only be joined; notes are still welcome.
  expect_unchanged 1 tldops outreach set br --state declined
  contains "$ERR" "state: .br is a member: its outreach state is joined"
  expect_status 0 tldops outreach set br --note "Welcome mail sent"
  expect_status 0 tldops outreach set br --state joined
  # When it leaves again, the stored state shows.
  tldops contact remove 1 --reason "left" >/dev/null
  equals "$(tldops outreach list --region LAC --json | json '[(e["state"], e["member"]) for e in d if e["code"] == "br"]')" \
    "[('joined', False)]"
}

test_outreach_refuses_bad_input_and_stores_nothing() {
  init_db
  expect_unchanged 1 tldops outreach list --region XX
  contains "$ERR" 'region: "XX" is not one of AF, AP, EU, LAC, NA'
  expect_unchanged 1 tldops outreach list --region eu --json
  equals "$OUT" ""
  expect_unchanged 1 tldops outreach set zz --state contacted
  contains "$ERR" "cctld:"
  expect_unchanged 1 tldops outreach set ao --state maybe
  contains "$ERR" 'state: "maybe" is not one of none, contacted, interested, declined, joined'
  expect_unchanged 1 tldops outreach note ao "   "
  contains "$ERR" "note:"
  expect_unchanged 1 tldops outreach set ao --owner "$(printf 'Kim\nBcc: x')"
  contains "$ERR" "owner: contains a control character"
  expect_unchanged 1 tldops outreach set ao --owner "$(head -c 129 /dev/zero | tr '\0' x)"
  contains "$ERR" "owner: is longer than 128 bytes"
  expect_unchanged 1 tldops outreach note ao "$(head -c 1001 /dev/zero | tr '\0' x)"
  contains "$ERR" "note: is longer than 1000 bytes"
  # A bad field refuses the whole change, the good ones included.
  expect_unchanged 1 tldops outreach set ao --owner Kim --state nope --note "fine"
  # Usage errors.
  expect_unchanged 2 tldops outreach set ao
  expect_unchanged 2 tldops outreach set --owner Kim
  expect_unchanged 2 tldops outreach assign ao
  expect_unchanged 2 tldops outreach note ao
  expect_unchanged 2 tldops outreach fly
  expect_unchanged 2 tldops outreach
  # Reading writes nothing.
  expect_unchanged 0 tldops outreach list
  expect_unchanged 0 tldops outreach show ao --json
}

test_outreach_list_by_state_and_owner() {
  init_db
  tldops outreach set ao --owner "Kim" --state contacted >/dev/null
  tldops outreach set bf --owner "Lee" --state contacted >/dev/null
  tldops outreach set ke --owner "kim" --state interested >/dev/null
  equals "$(tldops outreach list --state contacted --json | json '[e["code"] for e in d]')" "['ao', 'bf']"
  equals "$(tldops outreach list --owner KIM --json | json '[e["code"] for e in d]')" "['ao', 'ke']"
  equals "$(tldops outreach list --owner kim --state interested --region AF --json | json '[e["code"] for e in d]')" "['ke']"
  expect_status 0 tldops outreach list --state declined --json
  equals "$OUT" "[]"
  expect_status 1 tldops outreach list --state asleep
  contains "$ERR" "error: state:"
  expect_status 1 tldops outreach list --owner ""
  contains "$ERR" "error: owner:"
}
