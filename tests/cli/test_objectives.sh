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
    "['created', 'id', 'meeting', 'state', 'text', 'updated']"
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
