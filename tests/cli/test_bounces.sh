# SPDX-License-Identifier: MIT
# The list's archive and bounces behind `tldops deliver` (the MTA's pipe):
# a distributed post is archived once, a TLP:RED one never; a delivery
# status notification to the bounces address is matched to the delivery
# and contact -- 5.1.1 marks undeliverable at once, soft bounces are only
# counted -- and what is no report is kept for the secretariat.  Runs on
# SQLite and PostgreSQL alike.

BLIST=tld-ops@lists.example

bounce_setup() {
  init_db
  cat > "$T/cfg.ini" <<E
[policy]
max_contacts_per_cctld = 0
[mail]
list_address = $BLIST
list_id = tld-ops.lists.example
[web]
base_url = https://tldops.example
E
  export TLDOPS_CONFIG="$T/cfg.ini"
  add_contact nl "Alice Andersen" alice@nl.example +31201234567 >/dev/null
  add_contact de "Bob Becker" bob@de.example +4930123456 >/dev/null
  add_contact fr "Chloé Carré" chloe@fr.example +33123456789 >/dev/null
}

# dsn FILE RECIPIENT ACTION STATUS
dsn() {
  cat > "$1" <<E
From: MAILER-DAEMON@mx.de.example
To: tld-ops-bounces@lists.example
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="R"

--R
Content-Type: text/plain

This is the mail system at host mx.de.example.

--R
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.de.example

Final-Recipient: rfc822; $2
Original-Recipient: rfc822;$2
Action: $3
Status: $4
Diagnostic-Code: smtp; 550 $4 <$2>: Recipient address rejected

--R
Content-Type: text/rfc822-headers

Message-ID: <a1@nl.example>
Subject: [TLD-OPS] Resolver bug

--R--
E
}

test_delivered_posts_are_archived_red_ones_never() {
  bounce_setup
  printf 'From: Alice Andersen <alice@nl.example>\nTo: %s\nSubject: Resolver bug\nMessage-ID: <a1@nl.example>\nDate: Thu, 3 Dec 2026 08:00:00 +0000\n\nPlease patch the zebrafish resolver.\n' "$BLIST" > m
  expect_status 0 tldops deliver "$BLIST" alice@nl.example < m
  expect_status 0 tldops deliver "$BLIST" alice@nl.example < m   # the MTA retried
  equals "$(tldops archive list --json | json '[(p["message_id"], p["from"]) for p in d]')" \
    "[('a1@nl.example', 'alice@nl.example')]"
  equals "$(tldops archive list --json --search zebrafish | json 'len(d)')" 1
  printf 'From: Bob Becker <bob@de.example>\nTo: %s\nSubject: [TLP:RED] incident\nMessage-ID: <r1@de.example>\n\nEyes only.\n' "$BLIST" > red
  tldops deliver "$BLIST" bob@de.example < red >/dev/null 2>&1
  equals "$(tldops archive list --json | json 'len(d)')" 1
}

test_a_dsn_marks_the_contact_soft_ones_are_counted() {
  bounce_setup
  printf 'From: Alice Andersen <alice@nl.example>\nTo: %s\nSubject: Resolver bug\nMessage-ID: <a1@nl.example>\n\nPatch.\n' "$BLIST" > m
  expect_status 0 tldops deliver "$BLIST" alice@nl.example < m
  tldops outbox run >/dev/null  # sent: reports come back for mail that went out
  dsn hard bob@de.example failed 5.1.1
  expect_status 0 tldops deliver tld-ops-bounces@lists.example "" < hard
  dsn soft chloe@fr.example delayed 4.4.1
  expect_status 0 tldops deliver tld-ops-bounces+x@lists.example "" < soft
  expect_status 0 tldops bounces --json
  equals "$(echo "$OUT" | json '[(b["email"], b["hard"], b["soft"], b["undeliverable_since"] is not None) for b in d]')" \
    "[('bob@de.example', 1, 0, True), ('chloe@fr.example', 0, 1, False)]"
  contains "$(echo "$OUT" | json 'd[0]["last_status"]')" "5.1.1 smtp; 550 5.1.1"
  equals "$(tldops audit --json | json '[e["object_id"] for e in d if e["action"] == "contact.undeliverable"]')" "['2']"
  # Counted as stale by freshness, named in the secretariat's weekly summary.
  expect_status 0 tldops freshness status --json
  equals "$(echo "$OUT" | json '[(r["email"], r["state"], r["undeliverable_since"] is not None) for r in d]')" \
    "[('bob@de.example', 'stale', True), ('chloe@fr.example', 'confirmed', False), ('alice@nl.example', 'confirmed', False)]"
  expect_status 0 tldops freshness run
  contains "$OUT" "weekly summary queued"
  grep -rlq "undeliverable since" "$T" || fail "the summary does not name Bob as undeliverable"
  # Never removed: Bob is still a contact and still gets the list.
  expect_status 0 tldops contact list --json
  contains "$OUT" "bob@de.example"
  # Not a report: kept for the secretariat, nobody marked.
  printf 'From: someone@elsewhere.example\nSubject: out of office\n\nAway.\n' > away
  expect_status 0 tldops deliver tld-ops-bounces@lists.example "" < away
  expect_status 0 tldops bounces
  contains "$OUT" "2 contacts with bounces"
  contains "$OUT" "unparsed"
  # A report naming nobody we sent to: kept, unmatched.
  dsn stranger nobody@else.example failed 5.1.1
  expect_status 0 tldops deliver tld-ops-bounces@lists.example "" < stranger
  expect_status 0 tldops bounces
  contains "$OUT" "unmatched nobody@else.example 5.1.1"
}
