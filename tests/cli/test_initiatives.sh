# SPDX-License-Identifier: MIT
# Initiatives: a lead, a team, milestones due at meetings, states with a
# note, deliverable documents; the flags (needs a lead, overdue milestone,
# no progress for [policy] initiative_idle_meetings meetings) as the clock
# moves past meetings; every change audited with the whole initiative;
# bad input refused naming its field, storing nothing.

at() { local when=$1; shift; faketime "$when" "$TLDOPS_BIN" "$@"; }

# Three meetings, the clock before the first.
meetings() {
  init_db
  tldops meeting add ICANN64 --date 2019-03-10 --place Kobe >/dev/null
  tldops meeting add ICANN65 --date 2019-06-24 --place Marrakech >/dev/null
  tldops meeting add ICANN66 --date 2019-11-02 --place Montreal >/dev/null
}

playbook() {
  printf '# Disaster recovery\n\nStep one.\n' > dr.md
  tldops doc add dr.md --title "DR playbook" --slug dr-playbook --lang en --visibility members >/dev/null
}

test_initiative_is_added_staffed_and_shown() {
  meetings
  playbook
  expect_status 0 at '2019-01-05 10:00:00' initiative add --title "Disaster recovery / BCP workshop" --kind workshop
  equals "$OUT" 1
  expect_status 0 at '2019-01-05 10:00:00' initiative add --title "DNS week outreach" --kind outreach
  equals "$OUT" 2
  expect_status 0 at '2019-01-06 10:00:00' initiative lead 1 "Jacques Latour"
  expect_status 0 at '2019-01-06 10:00:00' initiative team 1 add "Regis Masse"
  expect_status 0 at '2019-01-06 10:00:00' initiative team 1 add "Kim Carlson"
  expect_status 0 at '2019-01-06 10:00:00' initiative team 1 add "Cristian H"
  expect_status 0 at '2019-01-06 10:00:00' initiative team 1 remove "Cristian H"
  expect_status 0 at '2019-01-07 10:00:00' initiative milestone 1 --text "Drafting team session" --due ICANN64
  equals "$OUT" 1
  expect_status 0 at '2019-01-07 10:00:00' initiative milestone 1 --text "First draft of the playbook" --due " ICANN65 "
  equals "$OUT" 2
  expect_status 0 at '2019-01-07 10:00:00' initiative milestone 2 --text "Presentation at DNS week" --due ICANN66
  equals "$OUT" 1
  expect_status 0 at '2019-01-08 10:00:00' initiative deliverable 1 --doc dr-playbook
  expect_status 0 at '2019-03-01 10:00:00' initiative milestone-done 1 1
  expect_status 0 at '2019-03-02 10:00:00' initiative state 2 paused --note "Waiting for the DNS week date"
  expect_status 0 at '2019-03-05 10:00:00' initiative show 1 --json
  equals "$(json 'sorted(d)' <<<"$OUT")" \
    "['created', 'created_by', 'deliverables', 'flags', 'history', 'id', 'idle_meetings', 'kind', 'last_progress', 'lead', 'milestones', 'state', 'state_note', 'team', 'title', 'updated']"
  equals "$(json '(d["id"], d["title"], d["kind"], d["state"], d["lead"], d["team"], d["deliverables"])' <<<"$OUT")" \
    "(1, 'Disaster recovery / BCP workshop', 'workshop', 'active', 'Jacques Latour', ['Kim Carlson', 'Regis Masse'], ['dr-playbook'])"
  equals "$(json '[(m["number"], m["due"], m["due_date"], m["done"], m["overdue"]) for m in d["milestones"]]' <<<"$OUT")" \
    "[(1, 'ICANN64', '2019-03-10', '2019-03-01T10:00:00Z', False), (2, 'ICANN65', '2019-06-24', None, False)]"
  equals "$(json '(d["flags"], d["last_progress"], d["idle_meetings"], d["created_by"], d["updated"])' <<<"$OUT")" \
    "([], '2019-03-01T10:00:00Z', 0, 'e2e', '2019-03-01T10:00:00Z')"
  equals "$(json '[h["change"] for h in d["history"]]' <<<"$OUT")" \
    "['added: Disaster recovery / BCP workshop (workshop)', 'lead: Jacques Latour', 'team + Regis Masse', 'team + Kim Carlson', 'team + Cristian H', 'team - Cristian H', 'milestone 1 due at ICANN64: Drafting team session', 'milestone 2 due at ICANN65: First draft of the playbook', 'deliverable: dr-playbook', 'milestone 1 done: Drafting team session']"
  equals "$(json '[h["action"] for h in d["history"]][-3:]' <<<"$OUT")" \
    "['initiative.milestone', 'initiative.deliverable', 'initiative.milestone_done']"
  expect_status 0 at '2019-03-05 10:00:00' initiative list --json
  equals "$(json '[(i["id"], i["state"], i["state_note"], i["lead"], i["flags"]) for i in d]' <<<"$OUT")" \
    "[(1, 'active', '', 'Jacques Latour', []), (2, 'paused', 'Waiting for the DNS week date', None, ['needs_lead'])]"
  expect_status 0 at '2019-03-05 10:00:00' initiative list
  contains "$OUT" "1     active   workshop  Disaster recovery / BCP workshop"
  contains "$OUT" "      lead Jacques Latour, team 2, milestones 1 of 2 done"
  contains "$OUT" "2     paused   outreach  DNS week outreach"
  contains "$OUT" "      ! needs a lead"
  expect_status 0 at '2019-03-05 10:00:00' initiative show 1
  contains "$OUT" "Initiative 1: Disaster recovery / BCP workshop"
  contains "$OUT" "  team          Kim Carlson, Regis Masse"
  contains "$OUT" "  deliverables  dr-playbook"
  contains "$OUT" "    2   open            due ICANN65 (2019-06-24): First draft of the playbook"
  contains "$OUT" "  flags         -"
  # Removing the lead is a change too; doing it twice is refused.
  expect_status 0 at '2019-03-06 10:00:00' initiative lead 1 ""
  equals "$(tldops initiative show 1 --json | json '(d["lead"], d["history"][-1]["change"])')" \
    "(None, 'lead removed (was Jacques Latour)')"
  expect_unchanged 1 tldops initiative lead 1 ""
  equals "$ERR" "error: lead: initiative 1 has no lead to remove"
}

test_every_change_audits_the_whole_initiative() {
  meetings
  at '2019-01-05 10:00:00' initiative add --title "DDoS playbook" --kind playbook >/dev/null
  at '2019-01-06 10:00:00' initiative team 1 add "Regis Masse"
  at '2019-01-07 10:00:00' initiative state 1 stopped --note "No lead after two meetings"
  expect_status 0 tldops audit --json
  equals "$(json '[(e["action"], e["object_type"], e["object_id"]) for e in d if e["object_type"] == "initiative"]' <<<"$OUT")" \
    "[('initiative.add', 'initiative', '1'), ('initiative.team', 'initiative', '1'), ('initiative.state', 'initiative', '1')]"
  equals "$(json '[e for e in d if e["action"] == "initiative.add"][0]["before"]' <<<"$OUT")" None
  equals "$(json '[(e["before"]["team"], e["after"]["team"]) for e in d if e["action"] == "initiative.team"]' <<<"$OUT")" \
    "[([], ['Regis Masse'])]"
  equals "$(json '[(e["before"]["state"], e["after"]["state"], e["after"]["state_note"], e["after"]["change"]) for e in d if e["action"] == "initiative.state"]' <<<"$OUT")" \
    "[('active', 'stopped', 'No lead after two meetings', 'state active -> stopped: No lead after two meetings')]"
  # A stopped initiative raises no flag, though it has no lead.
  equals "$(tldops initiative list --json | json '[(i["state"], i["flags"], i["idle_meetings"]) for i in d]')" "[('stopped', [], 2)]"
  expect_status 0 at '2019-01-08 10:00:00' initiative state 1 active --note "A lead volunteered"
  equals "$(at '2019-01-09 10:00:00' initiative list --json | json 'd[0]["flags"]')" "['needs_lead']"
  # Years later, with no progress since: every flag it can raise.
  equals "$(tldops initiative list --json | json 'd[0]["flags"]')" "['needs_lead', 'idle']"
}

test_flags_follow_the_meetings_as_time_passes() {
  meetings
  at '2019-01-05 10:00:00' initiative add --title "DR workshop" --kind workshop >/dev/null
  at '2019-01-05 10:00:00' initiative lead 1 "Jacques Latour"
  at '2019-01-05 10:00:00' initiative milestone 1 --text "Drafting team" --due ICANN64 >/dev/null
  at '2019-01-05 10:00:00' initiative milestone 1 --text "First draft" --due ICANN65 >/dev/null
  at '2019-02-01 10:00:00' initiative milestone-done 1 1
  flags() { at "$1" initiative show 1 --json | json '(d["flags"], d["idle_meetings"], [m["overdue"] for m in d["milestones"]])'; }
  # Before ICANN64: on track.
  equals "$(flags '2019-03-01 12:00:00')" "([], 0, [False, False])"
  # ICANN64 reports the progress, so it is not idle; ICANN65 is due.
  equals "$(flags '2019-06-24 12:00:00')" "([], 1, [False, False])"
  # The day of ICANN65 is over: its milestone is overdue.
  equals "$(flags '2019-06-25 00:00:00')" "(['overdue_milestone'], 1, [False, True])"
  # ICANN66 went by too: two meetings without progress.
  equals "$(flags '2019-11-03 12:00:00')" "(['overdue_milestone', 'idle'], 2, [False, True])"
  expect_status 0 at '2019-11-03 12:00:00' initiative list
  contains "$OUT" "! 1 overdue milestone; no progress for 2 meetings"
  expect_status 0 at '2019-11-03 12:00:00' initiative show 1
  contains "$OUT" "    2   OVERDUE         due ICANN65 (2019-06-24): First draft"
  contains "$OUT" "  flags         1 overdue milestone; no progress for 2 meetings"
  # The committee's own threshold.
  printf '[policy]\ninitiative_idle_meetings = 3\n' > three.ini
  equals "$(faketime '2019-11-03 12:00:00' "$TLDOPS_BIN" --config three.ini initiative show 1 --json | json 'd["flags"]')" "['overdue_milestone']"
  printf '[policy]\ninitiative_idle_meetings = 1\n' > one.ini
  equals "$(faketime '2019-07-01 12:00:00' "$TLDOPS_BIN" --config one.ini initiative show 1 --json | json 'd["flags"]')" "['overdue_milestone', 'idle']"
  printf '[policy]\ninitiative_idle_meetings = 0\n' > never.ini
  equals "$(faketime '2019-11-03 12:00:00' "$TLDOPS_BIN" --config never.ini initiative show 1 --json | json '(d["flags"], d["idle_meetings"])')" "(['overdue_milestone'], 2)"
  # Progress (a team change) resets the count; a done milestone is not overdue.
  at '2019-11-03 12:00:00' initiative team 1 add "Kim Carlson"
  equals "$(flags '2019-11-04 12:00:00')" "(['overdue_milestone'], 0, [False, True])"
  at '2019-11-04 12:00:00' initiative milestone-done 1 2
  equals "$(flags '2019-11-05 12:00:00')" "([], 0, [False, False])"
  # Lead removed: needs a lead.
  at '2019-11-05 12:00:00' initiative lead 1 ""
  equals "$(flags '2019-11-06 12:00:00')" "(['needs_lead'], 0, [False, False])"
}

test_adding_a_milestone_and_a_deliverable_checks_what_they_name() {
  meetings
  playbook
  at '2019-01-05 10:00:00' initiative add --title "DR workshop" --kind workshop >/dev/null
  expect_unchanged 1 at '2019-04-01 10:00:00' initiative milestone 1 --text "Draft" --due ICANN64
  equals "$ERR" "error: due: ICANN64 was on 2019-03-10: a milestone is due at a meeting to come"
  expect_unchanged 1 at '2019-04-01 10:00:00' initiative milestone 1 --text "Draft" --due ICANN99
  equals "$ERR" 'error: due: there is no meeting "ICANN99" (tldops meeting list)'
  # On the meeting's day it is not past yet.
  expect_status 0 at '2019-03-10 18:00:00' initiative milestone 1 --text "Session" --due ICANN64
  expect_unchanged 1 tldops initiative deliverable 1 --doc ddos-mitigation
  equals "$ERR" 'error: doc: there is no document "ddos-mitigation" (tldops doc list)'
  expect_unchanged 1 tldops initiative deliverable 1 --doc "DR Playbook"
  contains "$ERR" "error: doc:"
  expect_status 0 tldops initiative deliverable 1 --doc dr-playbook
  expect_unchanged 1 tldops initiative deliverable 1 --doc dr-playbook
  equals "$ERR" "error: doc: dr-playbook is a deliverable of initiative 1 already"
  # A removed document cannot become a deliverable.
  tldops doc remove dr-playbook --reason "superseded" >/dev/null
  tldops initiative add --title "Other" --kind other >/dev/null
  expect_unchanged 1 tldops initiative deliverable 2 --doc dr-playbook
  contains "$ERR" "error: doc: there is no document"
}

test_initiative_bad_input_is_refused_naming_the_field() {
  meetings
  at '2019-01-05 10:00:00' initiative add --title "DR workshop" --kind workshop >/dev/null
  at '2019-01-05 10:00:00' initiative milestone 1 --text "Draft" --due ICANN65 >/dev/null
  at '2019-01-05 10:00:00' initiative team 1 add "Regis Masse"
  at '2019-01-06 10:00:00' initiative milestone-done 1 1
  local s
  for s in course Workshop "" "workshop "; do
    expect_unchanged 1 tldops initiative add --title T --kind "$s"
    contains "$ERR" "error: kind:"
  done
  for s in "" "  " "$(printf 'a\x1bb')" "$(printf 'x%.0s' {1..201})"; do
    expect_unchanged 1 tldops initiative add --title "$s" --kind other
    contains "$ERR" "error: title:"
  done
  # Unknown initiative, for every command that names one.
  expect_unchanged 1 tldops initiative lead 7 Jacques
  equals "$ERR" "error: initiative: there is no initiative 7"
  expect_unchanged 1 tldops initiative team 7 add Jacques
  contains "$ERR" "error: initiative: there is no initiative 7"
  expect_unchanged 1 at '2019-01-06 10:00:00' initiative milestone 7 --text T --due ICANN65
  contains "$ERR" "error: initiative:"
  expect_unchanged 1 tldops initiative milestone-done 7 1
  contains "$ERR" "error: initiative:"
  expect_unchanged 1 tldops initiative state 7 paused --note N
  contains "$ERR" "error: initiative:"
  expect_unchanged 1 tldops initiative deliverable 7 --doc x
  contains "$ERR" "error: initiative:"
  expect_unchanged 1 tldops initiative show 7
  contains "$ERR" "error: initiative:"
  for s in abc 0 1x 1.5 99999999999999999999; do
    expect_unchanged 1 tldops initiative show "$s" --json
    contains "$ERR" "error: initiative:"
  done
  expect_unchanged 1 tldops initiative lead abc Jacques
  equals "$ERR" 'error: initiative: "abc" is not an initiative'"'"'s number'
  # Milestones.
  expect_unchanged 1 tldops initiative milestone-done 1 1
  equals "$ERR" "error: milestone: milestone 1 of initiative 1 was done on 2019-01-06"
  expect_unchanged 1 tldops initiative milestone-done 1 2
  equals "$ERR" "error: milestone: initiative 1 has no milestone 2"
  expect_unchanged 1 tldops initiative milestone-done 1 x
  contains "$ERR" "error: milestone:"
  expect_unchanged 1 at '2019-01-06 10:00:00' initiative milestone 1 --text "" --due ICANN65
  contains "$ERR" "error: text:"
  expect_unchanged 1 at '2019-01-06 10:00:00' initiative milestone 1 --text T --due ""
  contains "$ERR" "error: due:"
  # Team and lead.
  expect_unchanged 1 tldops initiative team 1 add "Regis Masse"
  equals "$ERR" "error: name: Regis Masse is on the team already"
  expect_unchanged 1 tldops initiative team 1 remove "Kim Carlson"
  equals "$ERR" "error: name: Kim Carlson is not on the team of initiative 1"
  expect_unchanged 1 tldops initiative team 1 add ""
  contains "$ERR" "error: name:"
  expect_unchanged 1 tldops initiative lead 1 "$(printf 'x%.0s' {1..129})"
  contains "$ERR" "error: lead:"
  tldops initiative lead 1 Jacques
  expect_unchanged 1 tldops initiative lead 1 " Jacques "
  equals "$ERR" "error: lead: Jacques leads initiative 1 already"
  # State.
  expect_unchanged 1 tldops initiative state 1 active --note "Still going"
  equals "$ERR" "error: state: initiative 1 is active already"
  for s in finished ACTIVE ""; do
    expect_unchanged 1 tldops initiative state 1 "$s" --note N
    contains "$ERR" "error: state:"
  done
  expect_unchanged 1 tldops initiative state 1 paused --note ""
  contains "$ERR" "error: note:"
  # Usage.
  expect_unchanged 2 tldops initiative add --title T
  expect_unchanged 2 tldops initiative add --kind other
  expect_unchanged 2 tldops initiative add --title T --kind other extra
  expect_unchanged 2 tldops initiative lead 1
  expect_unchanged 2 tldops initiative team 1 join Kim
  expect_unchanged 2 tldops initiative team 1 add
  expect_unchanged 2 tldops initiative milestone 1 --text T
  expect_unchanged 2 tldops initiative milestone --text T --due ICANN65
  expect_unchanged 2 tldops initiative milestone-done 1
  expect_unchanged 2 tldops initiative state 1 paused
  expect_unchanged 2 tldops initiative state 1 --note N
  expect_unchanged 2 tldops initiative deliverable 1
  expect_unchanged 2 tldops initiative list extra
  expect_unchanged 2 tldops initiative show
  expect_unchanged 2 tldops initiative show 1 --bogus
  expect_unchanged 2 tldops initiative frob
}
