# SPDX-License-Identifier: MIT
# The meeting pack (tldops pack MEETING): over a seeded history, every
# figure checked against what happened; two packs of a meeting are the
# same bytes, made before the meeting or months after it with more
# history recorded since; the Markdown links nothing; the HTML is one
# self-contained file that parses, escapes stored text and prints.

PHONE=+31263525500

at() { local when=$1; shift; faketime "$when" "$TLDOPS_BIN" "$@"; }
contact() { at "$1" contact add --cctld "$2" --name "$3" --email "$4" --phone $PHONE >/dev/null; }

# The history (contact ids in brackets).  Meetings: ICANN64 2019-03-10,
# ICANN65 2019-06-24, ICANN66 2019-11-02.
#   before ICANN64: [1] nl joins, [2] be joins, actions 89 and 90,
#     initiatives 1 (no lead; milestone 1 due ICANN64, done 03-01;
#     milestone 2 due ICANN65), 2 (lead Regis; milestone due ICANN65),
#     3 (done before ICANN64), an alert, outreach owners, the objectives
#     of ICANN64 (set on its day)
#   ICANN64 to ICANN65: [3] nl, [4] sx joins (Jacques), two alerts,
#     [3] updated, [2] removed (be leaves), 89 closed, 97 opened, Kim on
#     initiative 2's team, events 1 (upcoming) and 2 (held; ai invited),
#     [5] ai joins (Regis), objectives of ICANN64 marked, one set for
#     ICANN65
#   after ICANN65's date (must not change its pack): 90 closed, a
#     deliverable, an objective marked, event 1 changed, [6] vi joins,
#     sx reassigned, a new initiative
seed() {
  init_db
  tldops meeting add ICANN64 --date 2019-03-10 --place Kobe >/dev/null
  tldops meeting add ICANN65 --date 2019-06-24 --place Marrakech >/dev/null
  tldops meeting add ICANN66 --date 2019-11-02 --place Montréal >/dev/null
  printf '# DDoS\n' > en.md
  printf '# DDoS (fr)\n' > fr.md
  at '2019-01-02 10:00:00' doc add en.md --title "DDoS mitigation" --slug ddos-mitigation --lang en --visibility public >/dev/null
  at '2019-01-02 10:00:00' doc add fr.md --title "Atténuation DDoS" --slug ddos-mitigation --lang fr --visibility public >/dev/null
  contact '2019-01-10 12:00:00' nl "Jan Jansen" jan@sidn.nl
  contact '2019-01-20 12:00:00' be "Piet Peeters" piet@dnsbelgium.be
  at '2019-02-01 12:00:00' action add --title "Fix member discrepancies" --owner Jacques --number 89 >/dev/null
  at '2019-02-01 12:00:00' action add --title "Review the DDoS playbook" --owner Regis --number 90 >/dev/null
  at '2019-02-10 12:00:00' initiative add --title "DR/BCP workshop" --kind workshop >/dev/null
  at '2019-02-10 12:00:00' initiative milestone 1 --text "Drafting team session" --due ICANN64 >/dev/null
  at '2019-02-10 12:00:00' initiative milestone 1 --text "First draft" --due ICANN65 >/dev/null
  at '2019-02-10 12:00:00' initiative add --title "DDoS playbook in French" --kind playbook >/dev/null
  at '2019-02-10 12:00:00' initiative lead 2 "Regis Masse"
  at '2019-02-10 12:00:00' initiative milestone 2 --text "French version" --due ICANN65 >/dev/null
  at '2019-02-15 12:00:00' initiative add --title "Old workshop" --kind other >/dev/null
  at '2019-02-20 12:00:00' initiative state 3 done --note "Held in Barcelona"
  at '2019-03-01 12:00:00' initiative milestone-done 1 1
  echo "Old news." > alert.txt
  at '2019-03-01 12:00:00' alert send --subject "Before the period" --body-file alert.txt >/dev/null
  at '2019-03-05 12:00:00' outreach set sx --owner Jacques --state contacted >/dev/null
  at '2019-03-05 12:00:00' outreach set ai --owner Regis --state interested >/dev/null
  at '2019-03-05 12:00:00' outreach set ky --owner Kim --state contacted >/dev/null
  at '2019-03-10 15:00:00' objective add --meeting ICANN64 --text "+3 ccTLDs by the next meeting" >/dev/null
  at '2019-03-10 15:00:00' objective add --meeting ICANN64 --text "Drafting team for the DR workshop" >/dev/null
  at '2019-03-10 15:00:00' objective add --meeting ICANN64 --text "Update the procedure" >/dev/null
  # The period ICANN64 to ICANN65.
  contact '2019-03-20 12:00:00' nl "Els de Vries" els@sidn.nl
  contact '2019-04-01 12:00:00' sx "Sx Person" person@nic.sx
  at '2019-04-02 12:00:00' alert send --subject "DNS hijacking <wave> & more" --body-file alert.txt --tlp amber >/dev/null
  at '2019-04-03 12:00:00' alert send --subject "Resolver bug" --body-file alert.txt >/dev/null
  at '2019-04-10 12:00:00' contact update 3 --role CISO
  at '2019-04-15 12:00:00' contact remove 2 --reason "left DNS Belgium"
  at '2019-04-20 12:00:00' action close 89 --note "done at ICANN64"
  at '2019-04-21 12:00:00' action add --title "Find a lead for the DR | BCP workshop" --owner Kim --number 97 >/dev/null
  at '2019-05-01 12:00:00' initiative team 2 add "Kim Carlson"
  at '2019-05-02 12:00:00' event add --title "DNS week" --date 2019-08-22 --place "San Juan" --organiser LACTLD >/dev/null
  at '2019-05-02 12:00:00' event invite 1 ky ms
  at '2019-05-02 12:00:00' event presenter 1 "Nacho Amandoz" --mode in-person
  at '2019-05-02 12:00:00' event material 1 --doc ddos-mitigation --lang en,fr
  at '2019-05-03 12:00:00' event add --title "CENTR meeting" --date 2019-05-20 --place Lisbon >/dev/null
  at '2019-05-03 12:00:00' event invite 2 ai
  contact '2019-05-25 12:00:00' ai "Ai Person" person@nic.ai
  at '2019-06-01 12:00:00' objective set 1 missed
  at '2019-06-01 12:00:00' objective set 2 met
  at '2019-06-01 12:00:00' objective set 3 met
  at '2019-06-10 12:00:00' objective add --meeting ICANN65 --text "A lead for the DR workshop" >/dev/null
}

# Everything recorded after ICANN65's date.
later() {
  at '2019-06-24 10:00:00' action close 90
  at '2019-06-25 12:00:00' initiative deliverable 1 --doc ddos-mitigation
  at '2019-06-30 12:00:00' objective set 4 met
  at '2019-07-01 12:00:00' event invite 1 tc
  at '2019-07-01 12:00:00' event presenter 1 "Kim Carlson" --mode remote
  contact '2019-07-01 12:00:00' vi "Vi Person" person@nic.vi
  at '2019-07-02 12:00:00' outreach assign sx --owner Regis >/dev/null
  at '2019-07-03 12:00:00' initiative add --title "New work" --kind other >/dev/null
}

test_pack_figures_come_from_the_history() {
  seed
  later
  expect_status 0 tldops pack ICANN65 --format json
  local p=$OUT
  j() { json "$1" <<<"$p"; }
  equals "$(j 'sorted(d)')" \
    "['actions', 'alerts', 'contacts', 'events', 'initiatives', 'meeting', 'members', 'next_objectives', 'objectives', 'outreach', 'period', 'previous', 'stats', 'usage']"
  equals "$(j '(d["meeting"], d["previous"]["name"], d["previous"]["date"])')" \
    "({'name': 'ICANN65', 'date': '2019-06-24', 'place': 'Marrakech'}, 'ICANN64', '2019-03-10')"
  equals "$(j 'd["period"]')" "{'since': '2019-03-10T00:00:00Z', 'until': '2019-06-24T00:00:00Z'}"
  # Statistics: those of the period, as tldops stats gives them.
  # (without the contacts' current stale marks, which are not history)
  equals "$(j 'd["stats"]')" "$(tldops stats --since-meeting ICANN64 --until 2019-06-24 --json |
    json '[r.pop("stale", None) for r in d["regions"].values()] and d')"
  equals "$(j '[sorted(r) for r in d["stats"]["regions"].values()][0]')" "['contacts', 'members', 'non_members', 'total']"
  equals "$(j '(d["stats"]["cctlds"]["members"], d["stats"]["contacts"], d["stats"]["period"]["added"], d["stats"]["period"]["removed"])')" \
    "(3, 4, ['ai', 'sx'], ['be'])"
  # Alerts of the period only, in order.
  equals "$(j '[(a["at"], a["subject"], a["tlp"], a["recipients"]) for a in d["alerts"]]')" \
    "[('2019-04-02T12:00:00Z', 'DNS hijacking <wave> & more', 'TLP:AMBER', 4), ('2019-04-03T12:00:00Z', 'Resolver bug', '', 4)]"
  # New members and contact changes.
  equals "$(j '[(c["code"], c["country"], c["region"]) for c in d["members"]["joined"]]')" \
    "[('ai', 'Anguilla', 'EU'), ('sx', 'Sint Maarten (Dutch part)', 'LAC')]"
  equals "$(j '[(c["code"], c["country"]) for c in d["members"]["left"]]')" "[('be', 'Belgium')]"
  equals "$(j 'd["contacts"]')" "{'added': 3, 'updated': 1, 'removed': 1}"
  # Action items: 90 was closed on the meeting's day, after its date.
  equals "$(j '[[a["number"] for a in d["actions"][k]] for k in ("opened", "closed", "open")]')" \
    "[[97], [89], [90, 97]]"
  equals "$(j '[(a["title"], a["owner"], a["state"], a["closed"]) for a in d["actions"]["open"]]')" \
    "[('Review the DDoS playbook', 'Regis', 'open', None), ('Find a lead for the DR | BCP workshop', 'Kim', 'open', None)]"
  # Objectives of the previous meeting, as marked by then.
  equals "$(j '(d["objectives"]["meeting"], d["objectives"]["met"], d["objectives"]["missed"], d["objectives"]["open"])')" \
    "('ICANN64', 2, 1, 0)"
  equals "$(j '[(o["id"], o["state"]) for o in d["objectives"]["items"]]')" "[(1, 'missed'), (2, 'met'), (3, 'met')]"
  equals "$(j '[(o["id"], o["text"], o["state"]) for o in d["next_objectives"]]')" \
    "[(4, 'A lead for the DR workshop', 'open')]"
  # Initiatives as they were: 3 finished before the period, 4 is later.
  equals "$(j '[(i["id"], i["state"], i["lead"], i["team"], i["deliverables"], i["flags"]) for i in d["initiatives"]]')" \
    "[(1, 'active', None, [], [], ['needs_lead']), (2, 'active', 'Regis Masse', ['Kim Carlson'], [], [])]"
  equals "$(j '[(m["number"], m["done"], m["overdue"]) for m in d["initiatives"][0]["milestones"]]')" \
    "[(1, '2019-03-01T12:00:00Z', False), (2, None, False)]"
  equals "$(j '[(i["last_progress"], i["idle_meetings"], [c["change"] for c in i["changes"]]) for i in d["initiatives"]]')" \
    "[('2019-03-01T12:00:00Z', 1, []), ('2019-05-01T12:00:00Z', 0, ['team + Kim Carlson'])]"
  # Events: held in the period (ai invited, then joined), and to come.
  equals "$(j '[(e["id"], e["date"], e["counts"]) for e in d["events"]["since"]]')" \
    "[(2, '2019-05-20', {'invited': 1, 'joined': 1, 'interested': 0, 'declined': 0})]"
  equals "$(j '[(e["id"], [i["code"] for i in e["invited"]], e["presenters"], len(e["materials"])) for e in d["events"]["upcoming"]]')" \
    "[(1, ['ky', 'ms'], [{'name': 'Nacho Amandoz', 'mode': 'in-person'}], 2)]"
  # Outreach standings: who owned each ccTLD when it joined.
  equals "$(j '[(o["owner"], o["joined"], o["total"], o["working"]) for o in d["outreach"]["owners"]]')" \
    "[('Jacques', ['sx'], 1, 0), ('Regis', ['ai'], 1, 0), ('Kim', [], 0, 1)]"
  equals "$(j 'd["outreach"]["unowned"]')" "[]"
}

test_pack_is_the_same_before_the_meeting_and_long_after() {
  seed
  local f
  for f in md html json; do
    at '2019-06-23 18:00:00' pack ICANN65 --format $f > "before.$f"
  done
  later
  for f in md html json; do
    at '2020-01-15 09:00:00' pack ICANN65 --format $f > "after.$f"
    tldops pack ICANN65 --format $f > "now.$f"
    tldops pack ICANN65 --format $f > "again.$f"
    cmp "before.$f" "after.$f" || fail "the $f pack changed after the meeting"
    cmp "after.$f" "now.$f" || fail "the $f pack depends on the clock"
    cmp "now.$f" "again.$f" || fail "two $f packs differ"
  done
  # Default format and --output write the same bytes; the file is the committee's.
  tldops pack ICANN65 > default.md
  cmp default.md now.md
  expect_status 0 tldops pack ICANN65 --format html --output pack.html
  equals "$OUT" ""
  cmp pack.html now.html
  equals "$(stat -c %a pack.html)" 600
  ls pack.html.tmp.* 2>/dev/null && fail "a temporary file was left"
  # A later meeting's pack sees the later history.
  expect_status 0 tldops pack ICANN66 --format json
  equals "$(json '(d["previous"]["name"], d["actions"]["closed"][0]["number"], d["stats"]["period"]["added"])' <<<"$OUT")" \
    "('ICANN65', 90, ['vi'])"
  equals "$(json '[(i["id"], i["flags"], i["idle_meetings"]) for i in d["initiatives"]]' <<<"$OUT")" \
    "[(1, ['needs_lead', 'overdue_milestone', 'idle'], 2), (2, ['overdue_milestone'], 1), (4, ['needs_lead'], 0)]"
  equals "$(json '[(o["owner"], o["joined"], o["total"]) for o in d["outreach"]["owners"]]' <<<"$OUT")" \
    "[('Jacques', [], 1), ('Regis', [], 1), ('Kim', [], 0)]"
  equals "$(json '(d["outreach"]["unowned"], d["objectives"]["met"], [e["id"] for e in d["events"]["since"]], d["events"]["upcoming"])' <<<"$OUT")" \
    "(['vi'], 1, [1], [])"
  equals "$(json '[(i["code"], i["joined"]) for i in d["events"]["since"][0]["invited"]]' <<<"$OUT")" \
    "[('ky', None), ('ms', None), ('tc', None)]"
}

test_pack_markdown_says_it_all_and_links_nothing() {
  seed
  later
  at '2019-06-01 12:00:00' initiative add --title '<script>alert(1)</script> & "x" | [y](http://evil.example) *z* #1' --kind other >/dev/null
  expect_status 0 tldops pack ICANN65
  local md=$OUT
  contains "$md" "# Meeting pack: ICANN65"
  contains "$md" "2019-06-24, Marrakech."
  contains "$md" "Since the previous meeting, ICANN64 (2019-03-10): the period from 2019-03-10 to 2019-06-24 (00:00 UTC)."
  contains "$md" "3 of 309 ccTLDs are members (ASCII 3 of 248, IDN 0 of 61), with 4 contacts."
  contains "$md" "| EU | 89 | 2 | 3 |"
  contains "$md" "| LAC | 34 | 1 | 1 |"
  contains "$md" "| total | 309 | 3 | 4 |"
  contains "$md" "Plus/minus since ICANN64: +2 (.ai .sx), -1 (.be)."
  contains "$md" "| .sx | Sint Maarten (Dutch part) | LAC |"
  contains "$md" "Contacts since ICANN64: 3 added, 1 updated, 1 removed."
  contains "$md" "## Alerts sent since ICANN64: 2"
  contains "$md" "| 2019-04-02 | DNS hijacking \\<wave\\> \\& more | TLP:AMBER | 4 |"
  contains "$md" "| 2019-04-03 | Resolver bug | - | 4 |"
  contains "$md" "### Opened since ICANN64: 1"
  contains "$md" "### Closed since ICANN64: 1"
  contains "$md" "| 89 | Fix member discrepancies | Jacques | 2019-02-01 | 2019-04-20 |"
  contains "$md" "### Open now: 2"
  contains "$md" "| 97 | Find a lead for the DR \\| BCP workshop | Kim | 2019-04-21 | - |"
  contains "$md" "## Objectives of ICANN64: 2 met, 1 missed, 0 open"
  contains "$md" "| 1 | +3 ccTLDs by the next meeting | missed |"
  contains "$md" "### Objectives set for ICANN65"
  contains "$md" "## Initiatives: 3"
  contains "$md" "### 1. DR/BCP workshop (workshop, active)"
  contains "$md" "- **Lead:** none"
  contains "$md" "- **Flags:** needs a lead"
  contains "$md" "- **Progress:** 1 of 2 milestones done; last progress 2019-03-01, 1 meeting without progress since"
  contains "$md" "| 2 | First draft | ICANN65 (2019-06-24) | open |"
  contains "$md" "- **Team:** Kim Carlson"
  contains "$md" "- **Changes:** none since ICANN64"
  contains "$md" "- **Changes:** 1 since ICANN64"
  contains "$md" "- 2019-05-01 team + Kim Carlson"
  contains "$md" "### Held since ICANN64: 1"
  contains "$md" "| 2019-05-20 | CENTR meeting | Lisbon | - | - | .ai | .ai |"
  contains "$md" "| 2019-08-22 | DNS week (by LACTLD) | San Juan | Nacho Amandoz (in-person) | ddos-mitigation (en), ddos-mitigation (fr) | .ky .ms | - |"
  contains "$md" "| Jacques | 1: .sx | 1 | 0 |"
  contains "$md" "| Kim | 0 | 0 | 1 |"
  contains "$md" "Every figure comes from the tldops records as of 2019-06-24 00:00 UTC."
  # Stored text is escaped: no tag, link, emphasis or cell border from it.
  contains "$md" '### 5. \<script\>alert(1)\</script\> \& "x" \| \[y\](http://evil.example) \*z\* \#1 (other, active)'
  not_contains "$md" "<script>"
  # No link syntax once the escaped brackets are taken out.
  not_contains "$(sed 's/\\\]//g' <<<"$md")" "]("
  not_contains "$md" "<svg"
  not_contains "$md" "Old workshop"
  not_contains "$md" "New work"
  not_contains "$md" "Before the period"
}

# check_html FILE [SVGS]: parses, balanced, nothing fetched from elsewhere;
# SVGS pictures (default 2: the statistics chart and the milestone timeline).
check_html() {
  /usr/bin/python3 - "$1" "${2:-2}" <<'EOF'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.errors, self.style = [], {}, [], ""
        self.in_style = False
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k in ("src", "href", "srcset", "action", "xlink:href", "formaction", "poster", "data") or k.startswith("on"):
                self.errors.append("attribute %s=%s on <%s>" % (k, v, tag))
            if k == "xmlns" and v != "http://www.w3.org/2000/svg":
                self.errors.append("namespace %s" % v)
        if tag in ("script", "link", "iframe", "img", "object", "embed", "base", "image", "use", "foreignobject"):
            self.errors.append("<%s>" % tag)
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag in ("script", "img", "image", "use"):
            self.errors.append("<%s/>" % tag)
    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
        else:
            self.stack.pop()
    def handle_data(self, data):
        if self.in_style:
            self.style += data
c = Check()
c.feed(open(sys.argv[1], encoding="utf-8").read())
c.close()
if c.stack:
    c.errors.append("unclosed %s" % c.stack)
for bad in ("url(", "@import", "http:", "https:"):
    if bad in c.style:
        c.errors.append("style has %s" % bad)
for need in ("html", "head", "body", "style", "svg", "table", "h1"):
    if need not in c.tags:
        c.errors.append("no <%s>" % need)
if c.tags.get("svg") != int(sys.argv[2]) or c.tags.get("h1") != 1:
    c.errors.append("tags %s" % c.tags)
print("\n".join(c.errors) if c.errors else "ok")
EOF
}

test_pack_html_is_one_file_that_prints() {
  seed
  later
  at '2019-06-01 12:00:00' initiative add --title '<script>alert(1)</script> & "x" <img src=x onerror=y>' --kind other >/dev/null
  at '2019-06-01 12:00:00' initiative team 5 add "</td></tr></table><a href='http://evil.example'>"
  expect_status 0 tldops pack ICANN65 --format html --output pack.html
  equals "$(check_html pack.html)" ok
  local html
  html=$(cat pack.html)
  contains "$html" "<!DOCTYPE html>"
  contains "$html" "<title>Meeting pack: ICANN65</title>"
  contains "$html" "@media print{"
  contains "$html" "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1280 720\""
  contains "$html" "<title>ccTLD members per ICANN region at 2019-06-24</title>"
  not_contains "$html" "<?xml"
  contains "$html" "<h3>5. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &lt;img src=x onerror=y&gt; (other, active)</h3>"
  contains "$html" "<li><b>Team:</b> &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;a href=&#39;http://evil.example&#39;&gt;</li>"
  contains "$html" "<td data-label=\"subject\">DNS hijacking &lt;wave&gt; &amp; more</td>"
  contains "$html" "<li class=\"pk-warn\"><b>Flags:</b> needs a lead</li>"
  # A table of 4 columns folds on a phone: each cell carries its column's name.
  contains "$html" "<tr><td>total</td><td data-label=\"ccTLDs\">309</td>"
  contains "$html" "<footer>Every figure comes from the tldops records as of 2019-06-24 00:00 UTC.</footer>"
  # The milestone timeline: the meetings the pack knows, a mark per milestone, the
  # line at the meeting's date; stored text escaped in it too.
  contains "$html" '<figure class="pk-timeline">'
  contains "$html" "<desc>3 milestones: 1 done, 2 open, 0 overdue.</desc>"
  equals "$(grep -o 'class="tl-mark tl-[a-z]*"' pack.html | sort | uniq -c | tr -s ' ')" \
    "$(printf ' 1 class="tl-mark tl-done"\n 2 class="tl-mark tl-open"')"
  equals "$(grep -o 'class="tl-meeting[a-z -]*"[^>]*><title>[A-Z0-9]*' pack.html | sed 's/.*<title>//' | tr '\n' ' ')" \
    "ICANN64 ICANN65 "
  contains "$html" ">as of 2019-06-24</text>"
  contains "$html" "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &lt;img src=x onerror=y&gt;</title>5. "
  # Every meeting's pack parses, the first one too.
  local m
  for m in ICANN64 ICANN66; do
    tldops pack $m --format html > $m.html
    equals "$(check_html $m.html)" ok
  done
}

test_first_meeting_pack_covers_everything_before_it() {
  seed
  expect_status 0 tldops pack ICANN64 --format json
  equals "$(json '(d["previous"], d["period"]["since"], d["stats"]["period"]["added"], d["objectives"]["meeting"])' <<<"$OUT")" \
    "(None, None, ['be', 'nl'], None)"
  equals "$(json '([a["subject"] for a in d["alerts"]], [a["number"] for a in d["actions"]["opened"]])' <<<"$OUT")" \
    "(['Before the period'], [89, 90])"
  equals "$(json '[(i["id"], i["state"]) for i in d["initiatives"]]' <<<"$OUT")" \
    "[(1, 'active'), (2, 'active'), (3, 'done')]"
  expect_status 0 tldops pack ICANN64
  contains "$OUT" "The first meeting on record: the figures cover everything before 2019-03-10."
  contains "$OUT" "No previous meeting, so no objectives to look back on."
  contains "$OUT" "Plus/minus since the beginning: +2 (.be .nl), -0 (none)."
}

test_pack_of_an_empty_repository() {
  init_db
  tldops meeting add ICANN70 --date 2021-03-22 >/dev/null
  expect_status 0 tldops pack ICANN70 --format html --output empty.html
  equals "$(check_html empty.html 1)" ok
  expect_status 0 tldops pack ICANN70
  contains "$OUT" "## Initiatives: 0"
  contains "$OUT" "Nobody owns any outreach yet."
}

test_pack_bad_input_is_refused_naming_the_field() {
  seed
  expect_unchanged 1 tldops pack ICANN99
  equals "$ERR" 'error: meeting: there is no meeting "ICANN99" (tldops meeting list)'
  expect_unchanged 1 tldops pack ""
  contains "$ERR" "error: meeting:"
  expect_unchanged 1 tldops pack ICANN65 --format pdf
  equals "$ERR" "error: format: is not md, html or json"
  expect_unchanged 1 tldops pack ICANN65 --output no/such/dir/pack.md
  contains "$ERR" "error: output: cannot create no/such/dir/pack.md"
  expect_unchanged 1 tldops pack ICANN65 --output ""
  contains "$ERR" "error: output:"
  expect_unchanged 1 tldops pack ICANN99 --output pack.md
  [ ! -e pack.md ] || fail "a refused pack wrote its file"
  expect_unchanged 2 tldops pack
  expect_unchanged 2 tldops pack ICANN64 ICANN65
  expect_unchanged 2 tldops pack ICANN65 --bogus
}
