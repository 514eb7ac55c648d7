# SPDX-License-Identifier: MIT
# Meetings as first-class records: added with a day and a place, listed
# by date, named by objectives (an unknown one is refused) and by
# `stats --since-meeting`; bad input refused naming its field, storing
# nothing.

# at 'YYYY-MM-DD HH:MM:SS' ARGS...: run tldops with the clock set then.
at() { local when=$1; shift; faketime "$when" "$TLDOPS_BIN" "$@"; }

test_meetings_are_added_and_listed_by_date() {
  init_db
  expect_status 0 tldops meeting add ICANN65 --date 2019-06-24 --place Marrakech
  equals "$OUT" ICANN65
  expect_status 0 tldops meeting add "  ICANN64 " --date 2019-03-10 --place "Kobe, Japan"
  equals "$OUT" ICANN64
  expect_status 0 tldops meeting add ICANN66 --date 2019-11-02
  expect_status 0 at '2019-07-01 12:00:00' meeting list --json
  equals "$(json '[sorted(m) for m in d][0]' <<<"$OUT")" \
    "['created', 'created_by', 'date', 'name', 'past', 'place']"
  equals "$(json '[(m["name"], m["date"], m["place"], m["past"]) for m in d]' <<<"$OUT")" \
    "[('ICANN64', '2019-03-10', 'Kobe, Japan', True), ('ICANN65', '2019-06-24', 'Marrakech', True), ('ICANN66', '2019-11-02', '', False)]"
  equals "$(json 'd[0]["created_by"]' <<<"$OUT")" e2e
  # A meeting is past once its day is over, not at its start.
  equals "$(at '2019-06-24 23:00:00' meeting list --json | json '[m["past"] for m in d]')" "[True, False, False]"
  equals "$(at '2019-06-25 00:00:01' meeting list --json | json '[m["past"] for m in d]')" "[True, True, False]"
  expect_status 0 tldops meeting list
  equals "$(printf '%s\n' "$OUT" | head -1)" "2019-03-10  ICANN64          Kobe, Japan"
  equals "$(printf '%s\n' "$OUT" | wc -l)" 3
  equals "$(tldops audit --json | json '[(e["action"], e["object_type"], e["object_id"], e["after"]["date"]) for e in d]')" \
    "[('meeting.add', 'meeting', 'ICANN65', '2019-06-24'), ('meeting.add', 'meeting', 'ICANN64', '2019-03-10'), ('meeting.add', 'meeting', 'ICANN66', '2019-11-02')]"
  equals "$(tldops meeting list --json)" "$(tldops meeting list --json)"
}

test_meeting_bad_input_is_refused_naming_the_field() {
  init_db
  tldops meeting add ICANN64 --date 2019-03-10 >/dev/null
  local s
  for s in 2019-02-30 2019-3-10 10/03/2019 tomorrow "" 2019-03-10T00:00:00Z 1969-12-31 "2019-03-10 " 20190310; do
    expect_unchanged 1 tldops meeting add ICANN99 --date "$s"
    contains "$ERR" "error: date:"
  done
  expect_unchanged 1 tldops meeting add ICANN99 --date 2019-02-30
  equals "$ERR" 'error: date: "2019-02-30" is not a date (YYYY-MM-DD)'
  expect_unchanged 1 tldops meeting add ICANN64 --date 2019-06-24
  equals "$ERR" 'error: name: there is a meeting "ICANN64" already'
  expect_unchanged 1 tldops meeting add "Drafting session" --date 2019-03-10
  equals "$ERR" 'error: date: 2019-03-10 is already the day of meeting "ICANN64"; one meeting a day (tldops meeting list)'
  for s in "" "   " "$(printf 'a\nb')" "$(printf 'x%.0s' {1..101})"; do
    expect_unchanged 1 tldops meeting add "$s" --date 2019-06-24
    contains "$ERR" "error: name:"
  done
  expect_unchanged 1 tldops meeting add ICANN65 --date 2019-06-24 --place "$(printf 'x%.0s' {1..201})"
  contains "$ERR" "error: place:"
  expect_unchanged 2 tldops meeting add ICANN65
  expect_unchanged 2 tldops meeting add --date 2019-06-24
  expect_unchanged 2 tldops meeting add ICANN65 ICANN66 --date 2019-06-24
  expect_unchanged 2 tldops meeting add ICANN65 --date 2019-06-24 --bogus
  expect_unchanged 2 tldops meeting list extra
  expect_unchanged 2 tldops meeting frob
  expect_unchanged 2 tldops meeting
  equals "$(tldops meeting list --json | json '[m["name"] for m in d]')" "['ICANN64']"
}

test_objectives_name_a_meeting_that_exists() {
  init_db
  expect_unchanged 1 tldops objective add --meeting ICANN65 --text "+3 ccTLDs"
  equals "$ERR" 'error: meeting: there is no meeting "ICANN65" (tldops meeting list)'
  tldops meeting add ICANN65 --date 2019-06-24 >/dev/null
  expect_status 0 tldops objective add --meeting " ICANN65" --text "+3 ccTLDs"
  equals "$(tldops objective list --json | json '[(o["meeting"], o["text"]) for o in d]')" "[('ICANN65', '+3 ccTLDs')]"
  # Names are exact: a meeting is not found by another spelling.
  expect_unchanged 1 tldops objective add --meeting icann65 --text "+3 ccTLDs"
  contains "$ERR" "error: meeting:"
}

test_stats_since_a_meeting_is_since_its_date() {
  init_db
  tldops meeting add ICANN64 --date 2026-01-15 >/dev/null
  at '2026-01-10 12:00:00' contact add --cctld nl --name "Jan Jansen" --email jan@sidn.nl --phone +31263525500 >/dev/null
  at '2026-01-20 12:00:00' contact add --cctld be --name "Piet Peeters" --email piet@dnsbelgium.be --phone +31263525500 >/dev/null
  expect_status 0 tldops stats --since-meeting ICANN64 --until 2026-02-01 --json
  equals "$(json '(d["period"]["since"], d["period"]["added"], d["period"]["contact_additions"])' <<<"$OUT")" \
    "('2026-01-15T00:00:00Z', ['be'], 1)"
  equals "$OUT" "$(tldops stats --since 2026-01-15 --until 2026-02-01 --json)"
  expect_status 0 tldops stats --since-meeting ICANN64 --svg
  contains "$OUT" "2026-01-15 to"
  expect_status 1 tldops stats --since-meeting ICANN99
  equals "$ERR" 'error: since-meeting: there is no meeting "ICANN99" (tldops meeting list)'
  expect_status 2 tldops stats --since 2026-01-01 --since-meeting ICANN64
}

test_idle_meetings_option_is_in_the_configuration() {
  init_db
  expect_status 0 tldops config show
  contains "$OUT" "initiative_idle_meetings = 2"
  printf '[policy]\ninitiative_idle_meetings = 101\n' > bad.ini
  expect_status 1 tldops --config bad.ini config check
  contains "$ERR" "initiative_idle_meetings"
  printf '[policy]\ninitiative_idle_meetings = 0\n' > off.ini
  expect_status 0 tldops --config off.ini config check
}

# One meeting a day (issue 23): the message names the day and the meeting
# that has it; only the date is compared, so the days around it are free
# (a meeting is recorded by one day, whatever its length).
test_meeting_one_a_day_compares_the_date_only() {
  init_db
  tldops meeting add ICANN85 --date 2026-03-07 --place Mumbai >/dev/null
  expect_unchanged 1 tldops meeting add ICANN99 --date 2026-03-07
  equals "$ERR" 'error: date: 2026-03-07 is already the day of meeting "ICANN85"; one meeting a day (tldops meeting list)'
  equals "$OUT" ""
  expect_status 0 tldops meeting add ICANN99 --date 2026-03-09
  expect_status 0 tldops meeting add "Before" --date 2026-03-06
  equals "$(tldops meeting list --json | json '[m["name"] for m in d]')" "['Before', 'ICANN85', 'ICANN99']"
}
