# SPDX-License-Identifier: MIT
# Meeting objectives: set per meeting, marked met, missed or open again,
# listed per meeting, audited, and bad input refused naming its field.

test_objectives_are_set_per_meeting_and_marked() {
  init_db
  tldops meeting add ICANN64 --date 2019-03-10 >/dev/null
  tldops meeting add ICANN65 --date 2019-06-24 >/dev/null
  expect_status 0 tldops objective add --meeting ICANN64 --text "Drafting team session for the DR workshop"
  equals "$OUT" 1
  tldops objective add --meeting ICANN64 --text "+3 ccTLDs by the next meeting" >/dev/null
  tldops objective add --meeting "  ICANN65 " --text "First draft of the DR playbook" >/dev/null
  expect_status 0 tldops objective set 1 met
  expect_status 0 tldops objective set 2 missed
  expect_status 0 tldops objective list --json
  equals "$(json '[sorted(o.keys()) for o in d][0]' <<<"$OUT")" \
    "['created', 'id', 'meeting', 'state', 'target', 'text', 'updated']"
  equals "$(json '[(o["id"], o["meeting"], o["state"]) for o in d]' <<<"$OUT")" \
    "[(1, 'ICANN64', 'met'), (2, 'ICANN64', 'missed'), (3, 'ICANN65', 'open')]"
  equals "$(tldops objective list --meeting ICANN64 --json | json '[o["id"] for o in d]')" "[1, 2]"
  equals "$(tldops objective list --meeting " ICANN65" --json | json '[o["text"] for o in d]')" "['First draft of the DR playbook']"
  equals "$(tldops objective list --meeting ICANN99 --json)" "[]"
  expect_status 0 tldops objective set 2 open
  expect_status 0 tldops objective list --meeting ICANN64
  contains "$OUT" "met    Drafting team session"
  contains "$OUT" "open   +3 ccTLDs"
  equals "$(tldops audit --json | json '[(e["action"], e["object_id"]) for e in d if e["object_type"] == "objective"]')" \
    "[('objective.add', '1'), ('objective.add', '2'), ('objective.add', '3'), ('objective.set', '1'), ('objective.set', '2'), ('objective.set', '2')]"
  equals "$(tldops audit --json | json '(d[-1]["before"]["state"], d[-1]["after"]["state"])')" "('missed', 'open')"
}

test_objective_bad_input_is_refused_naming_the_field() {
  init_db
  tldops meeting add ICANN64 --date 2019-03-10 >/dev/null
  tldops objective add --meeting ICANN64 --text "+3 ccTLDs" >/dev/null
  local s
  for s in done MET "" "met " yes; do
    expect_unchanged 1 tldops objective set 1 "$s"
    contains "$ERR" "error: state:"
  done
  expect_unchanged 1 tldops objective set 2 met
  equals "$ERR" "error: id: there is no objective 2"
  for s in abc 0 1.5 99999999999999999999; do
    expect_unchanged 1 tldops objective set "$s" met
    contains "$ERR" "error: id:"
  done
  for s in "" "   " "$(printf 'a\nb')" "$(printf 'x%.0s' {1..101})"; do
    expect_unchanged 1 tldops objective add --meeting "$s" --text T
    contains "$ERR" "error: meeting:"
  done
  for s in "" "$(printf 'a\x1bb')" "$(printf 'x%.0s' {1..501})"; do
    expect_unchanged 1 tldops objective add --meeting ICANN65 --text "$s"
    contains "$ERR" "error: text:"
  done
  expect_status 1 tldops objective list --meeting ""
  contains "$ERR" "error: meeting:"
  expect_unchanged 2 tldops objective add --meeting ICANN65
  expect_unchanged 2 tldops objective add --text T
  expect_unchanged 2 tldops objective set 1
  expect_unchanged 2 tldops objective set 1 met extra
  expect_unchanged 2 tldops objective list --bogus
  expect_unchanged 2 tldops objective frob
  equals "$(tldops audit --json | json '[e["action"] for e in d]')" "['meeting.add', 'objective.add']"
}

test_objective_edit_changes_the_text() {
  init_db
  tldops meeting add ICANN64 --date 2019-03-10 >/dev/null
  tldops objective add --meeting ICANN64 --text "+3 ccTLDs" >/dev/null
  expect_status 0 tldops objective edit 1 --text "+4 ccTLDs by ICANN65"
  equals "$(tldops objective list --json | json '[(o["text"], o["state"]) for o in d]')" \
    "[('+4 ccTLDs by ICANN65', 'open')]"
  equals "$(tldops audit --json | json '(d[-1]["action"], d[-1]["before"]["text"], d[-1]["after"]["text"])')" \
    "('objective.edit', '+3 ccTLDs', '+4 ccTLDs by ICANN65')"
  expect_unchanged 1 tldops objective edit 1 --text ""
  contains "$ERR" "error: text:"
  expect_unchanged 1 tldops objective edit 2 --text x
  equals "$ERR" "error: id: there is no objective 2"
  expect_unchanged 1 tldops objective edit abc --text x
  contains "$ERR" "error: id:"
  expect_unchanged 2 tldops objective edit 1
}

# Objectives that measure themselves (issue 24, 4): the pack of the next
# meeting evaluates each from the records at its date.
test_measured_objectives_are_evaluated_by_the_pack() {
  init_db
  local P=+31263525500
  faketime '2026-01-01 12:00:00' "$TLDOPS_BIN" meeting add ICANN85 --date 2026-03-09 >/dev/null
  faketime '2026-01-01 12:00:00' "$TLDOPS_BIN" meeting add ICANN86 --date 2026-06-15 >/dev/null
  faketime '2026-02-01 12:00:00' "$TLDOPS_BIN" contact add --cctld nl --name "Jan J" --email jan@sidn.nl --phone $P --role CISO >/dev/null
  faketime '2026-03-01 12:00:00' "$TLDOPS_BIN" initiative add --title "DNSSEC workshop" --kind workshop >/dev/null
  faketime '2026-03-01 12:00:00' "$TLDOPS_BIN" initiative milestone 1 --text "Slides" --due ICANN86 >/dev/null
  faketime '2026-03-01 12:00:00' "$TLDOPS_BIN" initiative milestone 1 --text "Recording" --due ICANN86 >/dev/null
  expect_status 0 faketime '2026-03-10 12:00:00' "$TLDOPS_BIN" objective add --meeting ICANN85 --text "+2 ccTLDs by ICANN86" --target-members +2
  expect_status 0 faketime '2026-03-10 12:00:00' "$TLDOPS_BIN" objective add --meeting ICANN85 --text "10 contacts" --target-contacts 10
  expect_status 0 faketime '2026-03-10 12:00:00' "$TLDOPS_BIN" objective add --meeting ICANN85 --text "Workshop slides" --target-milestone 1:1
  expect_status 0 faketime '2026-03-10 12:00:00' "$TLDOPS_BIN" objective add --meeting ICANN85 --text "Recording" --target-milestone 1:2
  expect_status 0 faketime '2026-03-10 12:00:00' "$TLDOPS_BIN" objective add --meeting ICANN85 --text "Be nice"
  expect_status 0 tldops objective list --json
  equals "$(json '[o["target"] for o in d]' <<<"$OUT")" "['members +2', 'contacts 10', 'milestone 1:1', 'milestone 1:2', None]"
  # Between the meetings: two ccTLDs join, slides done; after ICANN86 a third.
  faketime '2026-04-01 12:00:00' "$TLDOPS_BIN" contact add --cctld be --name "Piet P" --email piet@dns.be --phone $P --role CISO >/dev/null
  faketime '2026-05-01 12:00:00' "$TLDOPS_BIN" contact add --cctld sx --name "Sam S" --email sam@nic.sx --phone $P --role CISO >/dev/null
  faketime '2026-05-02 12:00:00' "$TLDOPS_BIN" initiative milestone-done 1 1 >/dev/null
  faketime '2026-06-20 12:00:00' "$TLDOPS_BIN" initiative milestone-done 1 2 >/dev/null
  expect_status 0 tldops pack ICANN86 --format json
  equals "$(json '[(o["text"], o["state"], o.get("figure")) for o in d["objectives"]["items"]]' <<<"$OUT")" \
    "[('+2 ccTLDs by ICANN86', 'met', 'members 1 → 3, target +2: met'), ('10 contacts', 'missed', 'contacts 1 → 3, target 10: missed'), ('Workshop slides', 'met', 'milestone 1 of initiative 1 done 2026-05-02, target done: met'), ('Recording', 'missed', 'milestone 2 of initiative 1 not done, target done: missed'), ('Be nice', 'open', None)]"
  equals "$(json '(d["objectives"]["met"], d["objectives"]["missed"], d["objectives"]["open"])' <<<"$OUT")" "(2, 2, 1)"
  expect_status 0 tldops pack ICANN86
  contains "$OUT" "members 1 → 3, target +2: met"
  # The free-text one is marked by hand; a measured one is not.
  expect_status 0 tldops objective set 5 met
  contains "$(tldops objective list)" "[target: members +2]"
  expect_unchanged 1 tldops objective set 1 met
  contains "$ERR" "state: objective 1 measures itself (members +2)"
  # Bad targets: named, nothing stored.
  expect_unchanged 1 tldops objective add --meeting ICANN86 --text x --target-members three
  contains "$ERR" "target_members:"
  expect_unchanged 1 tldops objective add --meeting ICANN86 --text x --target-members +0
  contains "$ERR" "target_members: +0 is no target"
  expect_unchanged 1 tldops objective add --meeting ICANN86 --text x --target-contacts -5
  contains "$ERR" "target_contacts:"
  expect_unchanged 1 tldops objective add --meeting ICANN86 --text x --target-milestone 1:9
  contains "$ERR" "target_milestone: initiative 1 has no milestone 9"
  expect_unchanged 1 tldops objective add --meeting ICANN86 --text x --target-milestone 7:1
  contains "$ERR" "target_milestone: there is no initiative 7"
  expect_unchanged 1 tldops objective add --meeting ICANN86 --text x --target-milestone slides
  contains "$ERR" "target_milestone:"
  expect_unchanged 2 tldops objective add --meeting ICANN86 --text x --target-members 3 --target-contacts 4
}
