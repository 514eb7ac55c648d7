# SPDX-License-Identifier: MIT
# Outreach events (invitations, presenters, materials, outcomes; an
# invited ccTLD that joins on or after the event's day counts for it) and
# the recruitment board (per outreach owner, the ccTLDs that joined while
# they owned them, per period).  Bad input refused naming its field,
# storing nothing.

PHONE=+31263525500

at() { local when=$1; shift; faketime "$when" "$TLDOPS_BIN" "$@"; }

# join WHEN CODE NAME EMAIL: the ccTLD's first contact, so it joins then.
join() { at "$1" contact add --cctld "$2" --name "$3" --email "$4" --phone $PHONE >/dev/null; }

docs() {
  printf '# DDoS mitigation\n' > ddos-en.md
  printf '# Atténuation DDoS\n' > ddos-fr.md
  tldops doc add ddos-en.md --title "DDoS mitigation" --slug ddos-mitigation --lang en --visibility public >/dev/null
  tldops doc add ddos-fr.md --title "Atténuation DDoS" --slug ddos-mitigation --lang fr --visibility public >/dev/null
}

test_event_records_invitations_presenters_materials_outcomes() {
  init_db
  docs
  join '2019-05-01 12:00:00' sx "Sx Person" person@nic.sx
  expect_status 0 at '2019-03-10 12:00:00' event add --title "DNS week" --date 2019-08-22 \
    --place "San Juan, Puerto Rico" --organiser "LACTLD and .pr"
  equals "$OUT" 1
  expect_status 0 at '2019-03-10 12:00:00' event add --title "APTLD members meeting" --date 2019-09-10 --place Dhaka
  equals "$OUT" 2
  expect_status 0 at '2019-03-11 12:00:00' event invite 1 ky .MS tc sx
  expect_status 0 at '2019-03-11 12:00:00' event invite 1 рф
  expect_status 0 at '2019-03-12 12:00:00' event presenter 1 "Nacho Amandoz" --mode in-person
  expect_status 0 at '2019-03-12 12:00:00' event presenter 1 "Regis Masse" --mode remote
  expect_status 0 at '2019-03-12 12:00:00' event presenter 1 "Regis Masse" --mode in-person
  expect_status 0 at '2019-03-13 12:00:00' event material 1 --doc ddos-mitigation --lang en,FR
  expect_status 0 at '2019-08-23 12:00:00' event outcome 1 ms interested
  expect_status 0 at '2019-08-23 12:00:00' event outcome 1 tc declined
  expect_status 0 at '2019-08-23 12:00:00' event outcome 1 ky interested
  expect_status 0 at '2019-08-30 12:00:00' event outcome 1 ky joined
  # ky joins after the event: it counts.  sx was a member before: it does not.
  join '2019-09-01 12:00:00' ky "Ky Person" person@icta.ky
  expect_status 0 tldops event show 1 --json
  equals "$(json 'sorted(d)' <<<"$OUT")" \
    "['counts', 'created', 'created_by', 'date', 'id', 'invited', 'materials', 'organiser', 'place', 'presenters', 'title']"
  equals "$(json '(d["title"], d["date"], d["place"], d["organiser"], d["created_by"])' <<<"$OUT")" \
    "('DNS week', '2019-08-22', 'San Juan, Puerto Rico', 'LACTLD and .pr', 'e2e')"
  equals "$(json '[(i["code"], i["unicode"], i["outcome"], i["joined"]) for i in d["invited"]]' <<<"$OUT")" \
    "[('ky', 'ky', 'joined', '2019-09-01T12:00:00Z'), ('ms', 'ms', 'interested', None), ('sx', 'sx', None, None), ('tc', 'tc', 'declined', None), ('xn--p1ai', 'рф', None, None)]"
  equals "$(json 'd["counts"]' <<<"$OUT")" "{'invited': 5, 'joined': 1, 'interested': 1, 'declined': 1}"
  equals "$(json 'd["presenters"]' <<<"$OUT")" \
    "[{'name': 'Nacho Amandoz', 'mode': 'in-person'}, {'name': 'Regis Masse', 'mode': 'in-person'}]"
  equals "$(json 'd["materials"]' <<<"$OUT")" \
    "[{'slug': 'ddos-mitigation', 'lang': 'en'}, {'slug': 'ddos-mitigation', 'lang': 'fr'}]"
  expect_status 0 tldops event show 1
  contains "$OUT" "Event 1: DNS week"
  contains "$OUT" "  organiser   LACTLD and .pr"
  contains "$OUT" "  presenters  Nacho Amandoz (in-person), Regis Masse (in-person)"
  contains "$OUT" "  materials   ddos-mitigation (en), ddos-mitigation (fr)"
  contains "$OUT" "  invited     5: 1 joined since, 1 interested, 1 declined"
  contains "$OUT" "    .ky         joined      Cayman Islands           joined 2019-09-01"
  expect_status 0 tldops event list --json
  equals "$(json '[(e["id"], e["date"], e["organiser"], e["counts"]["invited"]) for e in d]' <<<"$OUT")" \
    "[(1, '2019-08-22', 'LACTLD and .pr', 5), (2, '2019-09-10', None, 0)]"
  expect_status 0 tldops event list
  contains "$OUT" "1     2019-08-22  DNS week (San Juan, Puerto Rico): 5 invited, 1 joined since"
  contains "$OUT" "2     2019-09-10  APTLD members meeting (Dhaka): 0 invited, 0 joined since"
  expect_status 0 tldops audit --json
  equals "$(json '[e["action"] for e in d if e["object_type"] == "event"]' <<<"$OUT")" \
    "['event.add', 'event.add', 'event.invite', 'event.invite', 'event.presenter', 'event.presenter', 'event.presenter', 'event.material', 'event.outcome', 'event.outcome', 'event.outcome', 'event.outcome']"
  equals "$(json '[(e["after"]["change"], len(e["after"]["invited"])) for e in d if e["action"] == "event.invite"]' <<<"$OUT")" \
    "[('invited .ky .ms .tc .sx', 4), ('invited .рф', 5)]"
  equals "$(json '[e for e in d if e["action"] == "event.presenter"][-1]["before"]["presenters"][1]' <<<"$OUT")" \
    "{'name': 'Regis Masse', 'mode': 'remote'}"
}

test_a_join_counts_for_the_event_only_after_its_day() {
  init_db
  at '2019-03-10 12:00:00' event add --title "DNS week" --date 2019-08-22 --place "San Juan" >/dev/null
  at '2019-03-10 12:00:00' event invite 1 ky ms tc
  join '2019-08-21 23:59:59' ms "Ms Person" person@nic.ms
  join '2019-08-22 00:00:00' ky "Ky Person" person@icta.ky
  join '2019-08-23 12:00:00' vi "Vi Person" person@nic.vi
  equals "$(tldops event show 1 --json | json '([(i["code"], i["joined"]) for i in d["invited"]], d["counts"]["joined"])')" \
    "([('ky', '2019-08-22T00:00:00Z'), ('ms', None), ('tc', None)], 1)"
  # ms leaves and joins again after the event: that join counts.
  at '2019-09-01 12:00:00' contact remove 1 --reason "left"
  join '2019-10-01 12:00:00' ms "Ms Other" other@nic.ms
  equals "$(tldops event show 1 --json | json '[(i["code"], i["joined"]) for i in d["invited"]]')" \
    "[('ky', '2019-08-22T00:00:00Z'), ('ms', '2019-10-01T12:00:00Z'), ('tc', None)]"
}

test_event_bad_input_is_refused_naming_the_field() {
  init_db
  docs
  tldops event add --title "DNS week" --date 2019-08-22 --place "San Juan" >/dev/null
  tldops event invite 1 ky >/dev/null
  local s
  for s in 2019-08-32 22/08/2019 august "" 2019-08-22T10:00:00Z; do
    expect_unchanged 1 tldops event add --title T --date "$s" --place P
    contains "$ERR" "error: date:"
  done
  expect_unchanged 1 tldops event add --title "" --date 2019-08-22 --place P
  contains "$ERR" "error: title:"
  expect_unchanged 1 tldops event add --title T --date 2019-08-22 --place " "
  contains "$ERR" "error: place:"
  expect_unchanged 1 tldops event add --title T --date 2019-08-22 --place P --organiser "$(printf 'a\x07b')"
  contains "$ERR" "error: organiser:"
  # Unknown event, for every command that names one.
  expect_unchanged 1 tldops event invite 9 ms
  equals "$ERR" "error: event: there is no event 9"
  expect_unchanged 1 tldops event presenter 9 Kim --mode remote
  contains "$ERR" "error: event:"
  expect_unchanged 1 tldops event material 9 --doc ddos-mitigation --lang en
  contains "$ERR" "error: event:"
  expect_unchanged 1 tldops event outcome 9 ky joined
  contains "$ERR" "error: event:"
  expect_unchanged 1 tldops event show 9 --json
  contains "$ERR" "error: event:"
  expect_unchanged 1 tldops event show x
  equals "$ERR" 'error: event: "x" is not an event'"'"'s number'
  # Invitations: all or none.
  expect_unchanged 1 tldops event invite 1 ms zz tc
  equals "$ERR" 'error: cctld: "zz" is not a delegated ccTLD'
  expect_unchanged 1 tldops event invite 1 ms .KY
  equals "$ERR" "error: cctld: .ky is invited to event 1 already"
  expect_unchanged 1 tldops event invite 1 ms MS
  equals "$ERR" "error: cctld: .ms is given twice"
  expect_unchanged 1 tldops event invite 1 "not a tld"
  contains "$ERR" "error: cctld:"
  # Presenters.
  expect_unchanged 1 tldops event presenter 1 Kim --mode video
  equals "$ERR" "error: mode: is not in-person or remote"
  expect_unchanged 1 tldops event presenter 1 "" --mode remote
  contains "$ERR" "error: name:"
  tldops event presenter 1 Kim --mode remote
  expect_unchanged 1 tldops event presenter 1 Kim --mode remote
  equals "$ERR" "error: name: Kim presents remote already"
  # Materials.
  expect_unchanged 1 tldops event material 1 --doc dr-playbook --lang en
  equals "$ERR" 'error: doc: there is no document "dr-playbook" (tldops doc list)'
  expect_unchanged 1 tldops event material 1 --doc ddos-mitigation --lang en --lang es
  equals "$ERR" "error: lang: ddos-mitigation has no version in es"
  expect_unchanged 1 tldops event material 1 --doc ddos-mitigation --lang english
  contains "$ERR" "error: lang:"
  expect_unchanged 1 tldops event material 1 --doc "DDoS!" --lang en
  contains "$ERR" "error: doc:"
  tldops event material 1 --doc ddos-mitigation --lang en
  expect_unchanged 1 tldops event material 1 --doc ddos-mitigation --lang fr,en
  equals "$ERR" "error: lang: ddos-mitigation (en) is a material of event 1 already"
  # Outcomes.
  expect_unchanged 1 tldops event outcome 1 ms joined
  equals "$ERR" "error: cctld: .ms is not invited to event 1 (tldops event invite)"
  expect_unchanged 1 tldops event outcome 1 zz joined
  contains "$ERR" "error: cctld:"
  expect_unchanged 1 tldops event outcome 1 ky maybe
  equals "$ERR" "error: outcome: is not joined, interested or declined"
  tldops event outcome 1 ky interested
  expect_unchanged 1 tldops event outcome 1 ky interested
  equals "$ERR" "error: outcome: the outcome for .ky is interested already"
  # Usage.
  expect_unchanged 2 tldops event add --title T --date 2019-08-22
  expect_unchanged 2 tldops event add --title T --place P
  expect_unchanged 2 tldops event add --date 2019-08-22 --place P
  expect_unchanged 2 tldops event invite 1
  expect_unchanged 2 tldops event presenter 1 Kim
  expect_unchanged 2 tldops event presenter 1 --mode remote
  expect_unchanged 2 tldops event material 1 --doc ddos-mitigation
  expect_unchanged 2 tldops event material 1 --lang en
  expect_unchanged 2 tldops event outcome 1 ky
  expect_unchanged 2 tldops event list extra
  expect_unchanged 2 tldops event show
  expect_unchanged 2 tldops event frob
}

# The board's history (owner at the time of each join in brackets):
#   04-01 sx Jacques contacted, ai Regis interested, vi Regis contacted,
#         ky Kim declined, bb Kim interested
#   05-01 sx joins [Jacques]
#   05-05 ai reassigned to Jacques
#   05-10 ai joins [Jacques]
#   06-01 sx reassigned to Regis (after it joined: the score stays)
#   07-01 vi joins [Regis]
#   07-02 pr joins [nobody]
board_history() {
  init_db
  tldops meeting add ICANN65 --date 2019-06-24 >/dev/null
  at '2019-04-01 12:00:00' outreach set sx --owner Jacques --state contacted >/dev/null
  at '2019-04-01 12:00:00' outreach set ai --owner Regis --state interested >/dev/null
  at '2019-04-01 12:00:00' outreach set vi --owner Regis --state contacted >/dev/null
  at '2019-04-01 12:00:00' outreach set ky --owner Kim --state declined >/dev/null
  at '2019-04-01 12:00:00' outreach set bb --owner Kim --state interested >/dev/null
  join '2019-05-01 12:00:00' sx "Sx Person" person@nic.sx
  at '2019-05-05 12:00:00' outreach assign ai --owner Jacques >/dev/null
  join '2019-05-10 12:00:00' ai "Ai Person" person@nic.ai
  at '2019-06-01 12:00:00' outreach assign sx --owner Regis >/dev/null
  join '2019-07-01 12:00:00' vi "Vi Person" person@nic.vi
  join '2019-07-02 12:00:00' pr "Pr Person" person@nic.pr
}

test_recruitment_board_scores_the_owner_at_the_join() {
  board_history
  expect_status 0 tldops outreach board --json
  equals "$(json 'sorted(d)' <<<"$OUT")" "['owners', 'since', 'unowned', 'until']"
  equals "$(json '(d["since"], d["until"], d["unowned"])' <<<"$OUT")" "(None, None, ['pr'])"
  equals "$(json '[(o["owner"], o["joined"], o["working"]) for o in d["owners"]]' <<<"$OUT")" \
    "[('Jacques', ['ai', 'sx'], []), ('Regis', ['vi'], []), ('Kim', [], ['bb'])]"
  # Per period: --since/--until, or since a meeting.
  equals "$(tldops outreach board --until 2019-05-07 --json | json '[(o["owner"], o["joined"], o["working"]) for o in d["owners"]]')" \
    "[('Jacques', ['sx'], ['ai']), ('Kim', [], ['bb']), ('Regis', [], ['vi'])]"
  equals "$(tldops outreach board --since 2019-05-05 --until 2019-06-30 --json | json '([(o["owner"], o["joined"]) for o in d["owners"]], d["since"], d["until"])')" \
    "([('Jacques', ['ai']), ('Kim', []), ('Regis', [])], '2019-05-05T00:00:00Z', '2019-06-30T00:00:00Z')"
  expect_status 0 tldops outreach board --since-meeting ICANN65 --json
  equals "$(json '([(o["owner"], o["joined"]) for o in d["owners"]], d["unowned"])' <<<"$OUT")" \
    "([('Regis', ['vi']), ('Kim', [])], ['pr'])"
  equals "$OUT" "$(tldops outreach board --since 2019-06-24 --json)"
  expect_status 0 tldops outreach board
  contains "$OUT" "Joined from the beginning to now"
  contains "$OUT" "Jacques                       2        0  .ai .sx"
  contains "$OUT" "(nobody)                      1        -  .pr"
  expect_status 1 tldops outreach board --since-meeting ICANN99
  equals "$ERR" 'error: since-meeting: there is no meeting "ICANN99" (tldops meeting list)'
  expect_status 1 tldops outreach board --since 2019-07-01 --until 2019-06-01
  contains "$ERR" "error: since:"
  expect_status 1 tldops outreach board --since yesterday
  contains "$ERR" "error: since:"
  expect_status 1 tldops outreach board --until 2019-13-01
  contains "$ERR" "error: until:"
  expect_status 2 tldops outreach board --since 2019-01-01 --since-meeting ICANN65
  expect_status 2 tldops outreach board extra
}
