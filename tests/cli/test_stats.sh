# SPDX-License-Identifier: MIT
# Meeting statistics (tldops stats): members and contacts at a date, the
# period's plus/minus and counts, as text, JSON, CSV and SVG.  A history is
# seeded at fixed fake times, so every figure of every period is known.

PHONE=+31263525500

# sql STATEMENT: run it on the test database, SQLite or PostgreSQL.
sql() {
  case $TLDOPS_DB in
    postgres://*|postgresql://*) psql -X -q -v ON_ERROR_STOP=1 -d "$TLDOPS_DB" -c "$1" >/dev/null ;;
    *) sqlite3 "$TLDOPS_DB" "$1" ;;
  esac
}

# at 'YYYY-MM-DD HH:MM:SS' ARGS...: run tldops with the clock stopped then.
at() { local when=$1; shift; faketime "$when" "$TLDOPS_BIN" "$@"; }

# The history (contact ids in brackets):
#   01-10 [1] Jan at .nl          nl joins
#   01-20 [2] Piet at .be         be joins
#   02-05 [3] Els at .nl
#   02-10 [4] Ivan at .рф         xn--p1ai joins
#   02-12 alert sent
#   02-15 [3] updated (role)
#   02-20 [2] removed             be leaves
#   03-05 [5] Maria at .br        br joins
#   03-06 [1] moved from .nl to .br
#   03-07 [4] removed             xn--p1ai leaves
seed_history() {
  init_db
  at '2026-01-10 12:00:00' contact add --cctld nl --name "Jan Jansen" --email jan@sidn.nl --phone $PHONE >/dev/null
  at '2026-01-20 12:00:00' contact add --cctld be --name "Piet Peeters" --email piet@dnsbelgium.be --phone $PHONE >/dev/null
  at '2026-02-05 12:00:00' contact add --cctld nl --name "Els de Vries" --email els@sidn.nl --phone $PHONE >/dev/null
  at '2026-02-10 12:00:00' contact add --cctld рф --name "Ivan Ivanov" --email ivan@cctld.ru --phone "+7 495 730 2971" >/dev/null
  echo "Please check your resolvers." > alert.txt
  at '2026-02-12 12:00:00' alert send --subject "DNS amplification" --body-file alert.txt >/dev/null
  at '2026-02-15 12:00:00' contact update 3 --role CISO
  at '2026-02-20 12:00:00' contact remove 2 --reason "left DNS Belgium"
  at '2026-03-05 12:00:00' contact add --cctld br --name "Maria Silva" --email maria@nic.br --phone "+55 11 5509 3500" >/dev/null
  at '2026-03-06 12:00:00' contact update 1 --cctld br
  at '2026-03-07 12:00:00' contact remove 4 --reason "left the registry"
}

test_stats_json_has_the_documented_shape() {
  init_db
  expect_status 0 tldops stats --json
  equals "$(json 'sorted(d)' <<<"$OUT")" "['cctlds', 'contacts', 'period', 'regions']"
  equals "$(json 'sorted(d["cctlds"])' <<<"$OUT")" "['ascii', 'idn', 'members', 'total']"
  equals "$(json '(d["cctlds"]["total"], d["cctlds"]["ascii"], d["cctlds"]["idn"])' <<<"$OUT")" \
    "(309, {'total': 248, 'members': 0}, {'total': 61, 'members': 0})"
  equals "$(json 'list(d["regions"])' <<<"$OUT")" "['AF', 'AP', 'EU', 'LAC', 'NA']"
  equals "$(json 'sorted(d["regions"]["EU"])' <<<"$OUT")" "['contacts', 'members', 'non_members', 'stale', 'total']"
  equals "$(json 'sum(r["total"] for r in d["regions"].values())' <<<"$OUT")" 309
  equals "$(json 'sum(len(r["non_members"]) for r in d["regions"].values())' <<<"$OUT")" 309
  equals "$(json 'sorted(d["period"])' <<<"$OUT")" \
    "['added', 'added_detail', 'alerts', 'contact_additions', 'contact_removals', 'contact_updates', 'list_posts', 'removed', 'removed_detail', 'requests', 'since', 'until']"
  equals "$(json '(d["period"]["since"], d["period"]["added"], d["period"]["requests"])' <<<"$OUT")" \
    "(None, [], {'approved': 0, 'rejected': 0, 'withdrawn': 0, 'expired': 0})"
  # The region totals are those of the reference table.
  equals "$(json 'd["regions"]["NA"]["total"]' <<<"$OUT")" \
    "$(tldops cctld list --region NA --json | json 'len(d)')"
}

test_stats_at_a_past_date_replays_the_history() {
  seed_history
  tldops stats --until 2026-02-01 --json > feb.json
  equals "$(json '(d["cctlds"]["members"], d["contacts"])' < feb.json)" "(2, 2)"
  equals "$(json '(d["period"]["since"], d["period"]["until"], d["period"]["added"], d["period"]["removed"])' < feb.json)" \
    "(None, '2026-02-01T00:00:00Z', ['be', 'nl'], [])"
  equals "$(json '(d["period"]["contact_additions"], d["period"]["contact_updates"], d["period"]["contact_removals"], d["period"]["alerts"])' < feb.json)" \
    "(2, 0, 0, 0)"
  equals "$(json 'd["regions"]["EU"]["members"], d["regions"]["EU"]["contacts"]' < feb.json)" "(2, 2)"
  # Before anything happened: nobody.
  equals "$(tldops stats --until 2026-01-01 --json | json '(d["cctlds"]["members"], d["contacts"], d["period"]["added"])')" \
    "(0, 0, [])"
  # One second after the first join, and at it (until is exclusive).
  equals "$(tldops stats --until 2026-01-10T12:00:01Z --json | json 'd["period"]["added"]')" "['nl']"
  equals "$(tldops stats --until 2026-01-10T12:00:00Z --json | json 'd["period"]["added"]')" "[]"
}

test_stats_period_gives_exact_plus_minus_and_counts() {
  seed_history
  tldops stats --since 2026-02-01 --until 2026-03-01 --json > p.json
  equals "$(json '(d["period"]["added"], d["period"]["removed"])' < p.json)" "(['xn--p1ai'], ['be'])"
  equals "$(json '(d["period"]["contact_additions"], d["period"]["contact_updates"], d["period"]["contact_removals"], d["period"]["alerts"])' < p.json)" \
    "(2, 1, 1, 1)"
  # Members and contacts at 03-01: nl (Jan, Els) and рф (Ivan).  Jan moved
  # to .br only later, so he still counts for .nl here.
  equals "$(json '(d["cctlds"]["members"], d["cctlds"]["ascii"]["members"], d["cctlds"]["idn"]["members"], d["contacts"])' < p.json)" \
    "(2, 1, 1, 3)"
  equals "$(json '[(r, v["members"], v["contacts"]) for r, v in d["regions"].items() if v["members"]]' < p.json)" \
    "[('EU', 2, 3)]"
  equals "$(json '"be" in d["regions"]["EU"]["non_members"], "nl" in d["regions"]["EU"]["non_members"]' < p.json)" "(True, False)"
  # Members at the end = members at the start + added - removed.
  tldops stats --until 2026-02-01 --json > start.json
  equals "$(json 'd["cctlds"]["members"]' < start.json)" 2

  # Since 03-01 until now: br joined, рф left; Jan counts for .br now.
  tldops stats --since 2026-03-01 --json > now.json
  equals "$(json '(d["period"]["added"], d["period"]["removed"])' < now.json)" "(['br'], ['xn--p1ai'])"
  equals "$(json '(d["period"]["contact_additions"], d["period"]["contact_updates"], d["period"]["contact_removals"], d["period"]["alerts"])' < now.json)" \
    "(1, 1, 1, 0)"
  equals "$(json '(d["cctlds"]["members"], d["contacts"], d["regions"]["LAC"]["members"], d["regions"]["LAC"]["contacts"], d["regions"]["EU"]["contacts"])' < now.json)" \
    "(2, 3, 1, 2, 1)"
  # The whole history: everyone who is a member now was added.
  equals "$(tldops stats --json | json '(d["period"]["added"], d["period"]["removed"], d["period"]["contact_additions"])')" \
    "(['br', 'nl'], [], 5)"
  # A ccTLD that joined and left inside the period is neither.
  equals "$(tldops stats --since 2026-01-15 --until 2026-03-01 --json | json '(d["period"]["added"], d["period"]["removed"])')" \
    "(['xn--p1ai'], [])"
  # The figures agree with the live listing.
  equals "$(json 'd["cctlds"]["members"]' < now.json)" "$(tldops cctld list --members --json | json 'len(d)')"
}

test_stats_counts_request_outcomes_from_the_audit_log() {
  seed_history
  # Decisions are audit rows request.approve / request.reject / ...; count them.
  local d2 d3 d4 m2
  d2=$(date -u -d 2026-02-02 +%s) d3=$(date -u -d 2026-02-03 +%s)
  d4=$(date -u -d 2026-02-04 +%s) m2=$(date -u -d 2026-03-02 +%s)
  sql "INSERT INTO audit (at, actor, action, object_type, object_id) VALUES
    ($d2, 'e2e', 'request.approve', 'request', '1'),
    ($d3, 'e2e', 'request.reject', 'request', '2'),
    ($d4, 'e2e', 'request.reject', 'request', '3'),
    ($m2, 'e2e', 'request.expire', 'request', '4')"
  equals "$(tldops stats --since 2026-02-01 --until 2026-03-01 --json | json 'd["period"]["requests"]')" \
    "{'approved': 1, 'rejected': 2, 'withdrawn': 0, 'expired': 0}"
  equals "$(tldops stats --since 2026-03-01 --json | json 'd["period"]["requests"]["expired"]')" 1
}

test_stats_text_report() {
  seed_history
  expect_status 0 tldops stats --since 2026-02-01 --until 2026-03-01
  contains "$OUT" "Members at 2026-03-01T00:00:00Z"
  contains "$OUT" "ccTLDs       2 of 309 (0.6%)"
  contains "$OUT" "IDN          1 of 61"
  contains "$OUT" "Period from 2026-02-01T00:00:00Z to 2026-03-01T00:00:00Z"
  contains "$OUT" "ccTLDs added    1"
  contains "$OUT" ".рф"
  contains "$OUT" "ccTLDs removed  1"
  contains "$OUT" "contacts        2 added, 1 updated, 1 removed"
  contains "$OUT" "alerts sent     1"
  contains "$OUT" "EU          89        2         3"
  contains "$OUT" "Not members (307)"
  # Without --since the period is said in words (issue 23), not "Period the beginning".
  expect_status 0 tldops stats --until 2026-03-01
  contains "$OUT" "Period from the beginning to 2026-03-01T00:00:00Z"
}

test_stats_csv_is_the_spreadsheet() {
  seed_history
  tldops stats --until 2026-03-01 --csv > s.csv
  equals "$(head -1 s.csv | tr -d '\r')" "code,country,region,member,since,contacts,period"
  equals "$(($(wc -l < s.csv) - 1))" 309
  equals "$(grep -E '^(be|br|nl|xn--p1ai|kr),' s.csv | tr -d '\r')" "$(printf '%s\n' \
    'be,Belgium,EU,no,,0,' \
    'br,Brazil,LAC,no,,0,' \
    'kr,"Korea, Republic of",AP,no,,0,' \
    'nl,Netherlands,EU,yes,2026-01-10T12:00:00Z,2,joined' \
    'xn--p1ai,Russian Federation,EU,yes,2026-02-10T12:00:00Z,1,joined')"
  # It reads back with Python's csv module to the same figures as --json.
  equals "$(python3 -c 'import csv,sys; r=list(csv.DictReader(open("s.csv"))); print(sum(x["member"]=="yes" for x in r), sum(int(x["contacts"]) for x in r))')" "2 3"
}

test_stats_svg_is_valid_xml_for_a_slide() {
  seed_history
  tldops stats --since 2026-02-01 --until 2026-03-01 --svg > s.svg
  equals "$(python3 -c '
import xml.dom.minidom as m
d = m.parse("s.svg").documentElement
def text(n): return "".join(c.data if c.nodeType == c.TEXT_NODE else text(c) for c in n.childNodes)
texts = " ".join(text(t) for t in d.getElementsByTagName("text"))
print(d.tagName, d.getAttribute("viewBox"), "AF" in texts, "LAC" in texts, ".рф" in texts, "2 of 89" in texts)
')" "svg 0 0 1280 720 True True True True"
  # The plus/minus: +1 (рф) and −1 (be).
  contains "$(cat s.svg)" ">+1<tspan"
  contains "$(cat s.svg)" ">−1<tspan"
  contains "$(cat s.svg)" ".be"
  contains "$(cat s.svg)" ">From 2026-02-01 to 2026-03-01<"
  # Nobody left (issue 23): "0", unsigned and not red, never "−0".
  tldops stats --since 2026-03-08 --svg > none.svg
  contains "$(cat none.svg)" 'fill="#1b1f24">0<tspan class="sub" dx="14">left'
  contains "$(cat none.svg)" 'fill="#1b1f24">0<tspan class="sub" dx="14">joined'
  not_contains "$(cat none.svg)" "−0"
  not_contains "$(cat none.svg)" "+0"
  tldops stats --until 2026-03-01 --svg > all.svg
  contains "$(cat all.svg)" ">From the beginning to 2026-03-01<"
  # Many codes are cut to a few lines, still valid XML.
  init_many() { for c in de fr ch at dk se fi no it es pt pl cz sk hu ar cl jp cn kr au nz ca us mx \
      ie is lt lv ee si hr rs ro bg gr cy mt lu li; do
    tldops contact add --cctld $c --name "P $c" --email "p@nic.$c" --phone $PHONE >/dev/null; done; }
  init_many
  tldops stats --svg > many.svg
  equals "$(python3 -c 'import xml.dom.minidom as m; m.parse("many.svg"); print("ok")')" ok
  contains "$(cat many.svg)" "more</text>"
}

test_stats_refuses_bad_dates_and_changes_nothing() {
  seed_history
  for bad in yesterday 2026-13-01 2026-02-30 26-01-01 "2026-01-01 12:00" ""; do
    expect_unchanged 1 tldops stats --since "$bad"
    contains "$ERR" "since:"
    contains "$ERR" "not a date"
    equals "$OUT" ""
  done
  expect_unchanged 1 tldops stats --until tomorrow --json
  contains "$ERR" "until:"
  expect_unchanged 1 tldops stats --since 2026-03-01 --until 2026-02-01 --json
  contains "$ERR" "since: 2026-03-01T00:00:00Z is not before until (2026-02-01T00:00:00Z)"
  equals "$OUT" ""
  expect_unchanged 1 tldops stats --since 2026-03-01 --until 2026-03-01
  contains "$ERR" "since:"
  expect_unchanged 2 tldops stats --json --csv
  contains "$ERR" "usage:"
  expect_unchanged 2 tldops stats extra
  # Reading the figures writes nothing, not even an audit row.
  expect_unchanged 0 tldops stats --json
  expect_unchanged 0 tldops stats --svg
}

# The slide (issue 24, 3): each added/removed ccTLD with its region, the
# contact updates, the alerts and the posts to the list counted apart.
LIST=tld-ops@lists.example
list_post_at() { # WHEN FROM MSGID SUBJECT
  printf 'From: %s\nTo: %s\nSubject: %s\nMessage-ID: <%s>\nDate: Thu, 12 Feb 2026 08:00:00 +0000\n\nWhat do you all use for DNSSEC signing?\n' \
    "$2" "$LIST" "$4" "$3" > "$T/post"
  faketime "$1" "$TLDOPS_BIN" deliver "$LIST" "$2" < "$T/post" >/dev/null
}

test_stats_slide_has_regions_updates_alerts_and_list_posts() {
  seed_history
  printf '[policy]\nmax_contacts_per_cctld = 0\n[mail]\nlist_address = %s\nlist_id = tld-ops.lists.example\n' "$LIST" > "$T/cfg.ini"
  export TLDOPS_CONFIG="$T/cfg.ini"
  # Two posts by a member in the period (a feedback request is not an alert),
  # one after it; a stranger's post is held, not distributed: not counted.
  list_post_at '2026-02-13 10:00:00' jan@sidn.nl q1@sidn.nl "Feedback wanted: DNSSEC signers"
  list_post_at '2026-02-14 10:00:00' els@sidn.nl q2@sidn.nl "Re: Feedback wanted: DNSSEC signers"
  list_post_at '2026-02-16 10:00:00' someone@example.com q3@example.com "Buy now & <save>"
  list_post_at '2026-03-10 10:00:00' jan@sidn.nl q4@sidn.nl "Meeting notes"
  equals "$(db_query "SELECT count(*) FROM mail_message WHERE kind = 'post'")" 3
  tldops stats --since 2026-02-01 --until 2026-03-01 --json > p.json
  equals "$(json '(d["period"]["alerts"], d["period"]["list_posts"], d["period"]["contact_updates"])' < p.json)" "(1, 2, 1)"
  equals "$(json '(d["period"]["added_detail"], d["period"]["removed_detail"])' < p.json)" \
    "([{'code': 'xn--p1ai', 'country': 'Russian Federation', 'region': 'EU'}], [{'code': 'be', 'country': 'Belgium', 'region': 'EU'}])"
  equals "$(tldops stats --since 2026-03-01 --json | json '(d["period"]["added_detail"], d["period"]["list_posts"], d["period"]["alerts"])')" \
    "([{'code': 'br', 'country': 'Brazil', 'region': 'LAC'}], 1, 0)"
  # The text report, the same period.
  expect_status 0 tldops stats --since 2026-02-01 --until 2026-03-01
  contains "$OUT" "ccTLDs added    1
    EU   .рф"
  contains "$OUT" "ccTLDs removed  1
    EU   .be"
  contains "$OUT" "alerts sent     1"
  contains "$OUT" "list posts      2 (posts to the list, alerts apart)"
  # The CSV marks each ccTLD that joined or left in the period.
  tldops stats --since 2026-02-01 --until 2026-03-01 --csv > p.csv
  equals "$(grep -E '^(be|nl|xn--p1ai),' p.csv | tr -d '\r')" "$(printf '%s\n' \
    'be,Belgium,EU,no,,0,left' \
    'nl,Netherlands,EU,yes,2026-01-10T12:00:00Z,2,' \
    'xn--p1ai,Russian Federation,EU,yes,2026-02-10T12:00:00Z,1,joined')"
  # The slide: valid XML, the regions beside the codes, the three counts.
  tldops stats --since 2026-02-01 --until 2026-03-01 --svg > p.svg
  equals "$(python3 -c '
import xml.etree.ElementTree as E
root = E.parse("p.svg").getroot()
ns = "{http://www.w3.org/2000/svg}"
texts = ["".join(t.itertext()) for t in root.iter(ns + "text")]
print([t for t in texts if t.startswith("EU .")])
print([t for t in texts if "contact updates" in t])
')" "['EU .рф', 'EU .be']
['1 contact updates (2 added, 1 removed)1 security alerts2 posts to the list']"
  # Both periods on the web's download are the same renderer; many changes in
  # several regions stay valid XML and name each region.
  for c in de fr sx cw jp kr ca us za ke; do
    tldops contact add --cctld $c --name "P $c" --email "p@nic.$c" --phone $PHONE >/dev/null 2>&1
  done
  tldops stats --since 2026-03-01 --svg > many.svg
  equals "$(python3 -c '
import xml.etree.ElementTree as E
root = E.parse("many.svg").getroot()
t = " ".join("".join(x.itertext()) for x in root.iter("{http://www.w3.org/2000/svg}text"))
print(all(r + " ." in t for r in ("AF", "AP", "LAC")), "more" in t or "NA ." in t)
')" "True True"
}
