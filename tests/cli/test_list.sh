# SPDX-License-Identifier: MIT
# The list's inbound side without an MTA: `tldops deliver` fed on stdin as
# Postfix's pipe does, the posting policy, moderation, the copy's headers,
# footer and DMARC rewriting, and bad input.  (test_list_postfix.sh runs
# the same path behind a real Postfix.)

LIST=tld-ops@lists.example

list_setup() {
  [ -e "$T/.list-setup" ] || init_db
  cat > "$T/cfg.ini" <<E
[policy]
max_contacts_per_cctld = 0
[mail]
list_address = $LIST
list_id = tld-ops.lists.example
secretariat = secretariat@example.org
[web]
base_url = https://tldops.example
$*
E
  export TLDOPS_CONFIG="$T/cfg.ini"
  [ -e "$T/.list-setup" ] && return 0
  touch "$T/.list-setup"
  add_contact nl "Alice Andersen" alice@nl.example +31201234567 >/dev/null
  add_contact de "Bob Becker" bob@de.example +4930123456 >/dev/null
  add_contact fr "Chloé Carré" chloe@fr.example +33123456789 >/dev/null
}

# post FILE FROM MSGID [SUBJECT] [extra header lines...]
post() {
  local f=$1 from=$2 id=$3 subject=${4:-Resolver bug}; shift 4 || shift $#
  { printf 'From: %s\nTo: %s\nSubject: %s\nMessage-ID: <%s>\nDate: Thu, 3 Dec 2026 08:00:00 +0000\n' \
      "$from" "$LIST" "$subject" "$id"
    for h in "$@"; do printf '%s\n' "$h"; done
    printf '\nHello all,\nplease patch.\n'; } > "$f"
}

deliveries() { tldops outbox status --json | json 'd["queued"]'; }

test_member_post_is_queued_for_every_member_once() {
  list_setup
  post "$T/m" "Alice Andersen <alice@nl.example>" a1@nl.example
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m"
  contains "$OUT" "distributed (3 deliveries)"
  equals "$(deliveries)" 3
  # The MTA retries after a crash between commit and exit: stored once.
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m"
  contains "$OUT" "came before"
  equals "$(deliveries)" 3
  equals "$(db_query 'SELECT count(*) FROM list_post')" 1
}

# A query on either backend.

test_the_copy_has_list_headers_tag_footer_and_dmarc_from() {
  list_setup
  post "$T/m" "Alice Andersen <alice@nl.example>" a2@nl.example "Re: [TLD-OPS] Resolver bug"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m"
  copy=$(db_query "SELECT data FROM mail_message WHERE kind = 'post'")
  contains "$copy" "From: Alice Andersen via TLD-OPS <$LIST>"
  contains "$copy" "Reply-To: Alice Andersen <alice@nl.example>"
  contains "$copy" "List-Id: TLD-OPS <tld-ops.lists.example>"
  contains "$copy" "List-Post: <mailto:$LIST>"
  contains "$copy" "List-Help: <mailto:tld-ops-request@lists.example?subject=help>"
  contains "$copy" "List-Archive: <https://tldops.example/archive>"
  contains "$copy" "List-Owner: <mailto:tld-ops-owner@lists.example>"
  contains "$copy" "X-Loop: $LIST"
  # The tag is not doubled in a reply.
  contains "$copy" "Subject: Re: [TLD-OPS] Resolver bug"
  not_contains "$copy" "[TLD-OPS] Re:"
  contains "$copy" "Emergency lookup: https://tldops.example/search"
  contains "$copy" "Playbooks: https://tldops.example/docs"
  # VERP: the bounces address names the message.
  mid=$(db_query "SELECT id FROM mail_message WHERE kind = 'post'")
  equals "$(db_query "SELECT sender FROM mail_message WHERE kind = 'post'")" \
    "tld-ops-bounces+m$mid@lists.example"
  # A first post gets the tag; from_rewrite = never keeps From.
  list_setup "[list]
from_rewrite = never
subject_tag = [OPS]"
  post "$T/m2" "Alice Andersen <alice@nl.example>" a3@nl.example "Fresh topic"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m2"
  copy=$(db_query "SELECT data FROM mail_message WHERE subject = 'Fresh topic'")
  contains "$copy" "Subject: [OPS] Fresh topic"
  contains "$copy" "From: Alice Andersen <alice@nl.example>"
}

test_non_member_post_is_held_until_approved() {
  list_setup
  post "$T/m" "Eve <eve@elsewhere.example>" e1@elsewhere.example
  expect_status 0 tldops deliver "$LIST" eve@elsewhere.example < "$T/m"
  contains "$OUT" "held: non-member"
  equals "$(deliveries)" 0
  expect_status 0 tldops held list --json
  equals "$(echo "$OUT" | json '(len(d), d[0]["from"], d[0]["subject"], d[0]["reason"][:10])')" \
    "(1, 'eve@elsewhere.example', 'Resolver bug', 'non-member')"
  id=$(echo "$OUT" | json 'd[0]["id"]')
  expect_status 0 tldops held show "$id"
  contains "$OUT" "please patch."
  expect_status 0 tldops held approve "$id"
  contains "$OUT" "queued for 3 members"
  equals "$(deliveries)" 3
  # Decided once.
  expect_status 1 tldops held approve "$id"
  contains "$ERR" "is distributed, not held"
  expect_status 0 tldops held list --json
  equals "$(echo "$OUT" | json 'len(d)')" 0
  expect_status 0 tldops audit --json
  contains "$OUT" "held.approve"
}

test_member_with_foreign_envelope_sender_is_held() {
  list_setup
  post "$T/m" "Alice Andersen <alice@nl.example>" a4@nl.example
  expect_status 0 tldops deliver "$LIST" spoofer@elsewhere.example < "$T/m"
  contains "$OUT" "held: non-member: the envelope sender spoofer@elsewhere.example"
}

test_member_with_an_idn_domain_posts_in_either_form() {
  list_setup
  # Stored as the A-label; GMime hands the From over as the U-label.
  add_contact nl "Ali Bücher" "ali@bücher.example" +31201234568 >/dev/null
  equals "$(db_query "SELECT email FROM contact WHERE name = 'Ali Bücher'")" ali@xn--bcher-kva.example
  post "$T/m" "Ali <ali@xn--bcher-kva.example>" i1@bcher.example
  expect_status 0 tldops deliver "$LIST" ali@xn--bcher-kva.example < "$T/m"
  contains "$OUT" "distributed (4 deliveries)"
  post "$T/m" "Ali <ali@bücher.example>" i2@bcher.example
  expect_status 0 tldops deliver "$LIST" ali@xn--bcher-kva.example < "$T/m"
  contains "$OUT" "distributed (4 deliveries)"
  post "$T/m" "Ali <ali@xn--bcher-kva.example>" i3@bcher.example
  expect_status 0 tldops deliver "$LIST" ali@xn--bcher-kvb.example < "$T/m"
  contains "$OUT" "held: non-member: the envelope sender ali@xn--bcher-kvb.example"
}

test_reject_sends_a_notice_but_never_to_an_auto_reply() {
  list_setup
  post "$T/m" "Eve <eve@elsewhere.example>" e2@elsewhere.example
  tldops deliver "$LIST" eve@elsewhere.example < "$T/m" >/dev/null
  post "$T/v" "Eve <eve@elsewhere.example>" e3@elsewhere.example "Out of Office: back Monday"
  tldops deliver "$LIST" eve@elsewhere.example < "$T/v" >/dev/null
  ids=$(tldops held list --json | json '" ".join(str(p["id"]) for p in d)')
  expect_status 2 tldops held reject 1
  for id in $ids; do
    expect_status 0 tldops held reject "$id" --reason "Off topic"
  done
  # One notice, to the person; none to the responder.
  equals "$(db_query "SELECT count(*) FROM mail_message WHERE kind = 'notice'")" 1
  notice=$(db_query "SELECT data FROM mail_message WHERE kind = 'notice'")
  contains "$notice" "To: eve@elsewhere.example"
  contains "$notice" "Off topic"
}

test_allowed_sender_posts_without_moderation() {
  list_setup
  expect_status 0 tldops list allow add Root@IANA.example --reason "IANA root zone contact"
  expect_status 1 tldops list allow add root@iana.example --reason again
  contains "$ERR" "may post already"
  expect_status 1 tldops list allow add not-an-address --reason x
  contains "$ERR" "email"
  expect_status 0 tldops list allow list --json
  equals "$(echo "$OUT" | json 'd[0]["email"]')" "root@iana.example"
  post "$T/m" "IANA <Root@iana.example>" r1@iana.example
  expect_status 0 tldops deliver "$LIST" root@iana.example < "$T/m"
  contains "$OUT" "distributed"
  expect_status 0 tldops list allow remove root@iana.example
  post "$T/m2" "IANA <root@iana.example>" r2@iana.example
  expect_status 0 tldops deliver "$LIST" root@iana.example < "$T/m2"
  contains "$OUT" "held"
}

test_moderate_all_and_none() {
  list_setup "[list]
moderate = all"
  post "$T/m" "Alice Andersen <alice@nl.example>" a5@nl.example
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m"
  contains "$OUT" "held: moderated"
  list_setup "[list]
moderate = none"
  post "$T/m2" "Eve <eve@elsewhere.example>" e5@elsewhere.example
  expect_status 0 tldops deliver "$LIST" eve@elsewhere.example < "$T/m2"
  contains "$OUT" "distributed"
  printf '[list]\nmoderate = some\n' > "$T/bad.ini"
  expect_status 1 tldops --config "$T/bad.ini" held list
  contains "$ERR" "list.moderate"
}

test_loops_and_auto_replies_are_never_distributed() {
  list_setup
  post "$T/loop" "Alice Andersen <alice@nl.example>" l1@nl.example "Hi" \
    "List-Id: TLD-OPS <tld-ops.lists.example>"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/loop"
  contains "$OUT" "dropped: a loop"
  contains "$ERR" "dropped"
  post "$T/xloop" "Alice Andersen <alice@nl.example>" l2@nl.example "Hi" "X-Loop: $LIST"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/xloop"
  contains "$OUT" "dropped: a loop"
  post "$T/as" "Alice Andersen <alice@nl.example>" l3@nl.example "Hi" "Auto-Submitted: auto-replied"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/as"
  contains "$OUT" "held: auto-reply: Auto-Submitted"
  post "$T/pr" "Alice Andersen <alice@nl.example>" l4@nl.example "Hi" "Precedence: bulk"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/pr"
  contains "$OUT" "held: auto-reply or bulk mail: Precedence: bulk"
  post "$T/vac" "Alice Andersen <alice@nl.example>" l5@nl.example "Automatic reply: Resolver bug"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/vac"
  contains "$OUT" "held: auto-reply: a vacation"
  post "$T/null" "Alice Andersen <alice@nl.example>" l6@nl.example
  expect_status 0 tldops deliver "$LIST" "" < "$T/null"
  contains "$OUT" "held: auto-reply: the null envelope sender"
  post "$T/no" "Alice Andersen <alice@nl.example>" l7@nl.example "Hi" "Auto-Submitted: no"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/no"
  contains "$OUT" "distributed"
  equals "$(deliveries)" 3
}

test_owner_and_request_addresses() {
  list_setup
  tldops account add --email sec1@example.org --role secretariat >/dev/null
  tldops account add --email sec2@example.org --role secretariat >/dev/null
  # A disabled account (still listed until removed) is nobody's owner.
  tldops account add --email gone@example.org --role secretariat >/dev/null
  tldops account disable gone@example.org >/dev/null 2>&1
  post "$T/o" "Eve <eve@elsewhere.example>" o1@elsewhere.example "Question for the owners"
  expect_status 0 tldops deliver tld-ops-owner@lists.example eve@elsewhere.example < "$T/o"
  contains "$OUT" "owner: post 1 forwarded (2 deliveries)"
  equals "$(db_query "SELECT count(*) FROM mail_delivery WHERE recipient = 'gone@example.org'")" 0
  fwd=$(db_query "SELECT data FROM mail_message WHERE kind = 'owner'")
  contains "$fwd" "X-Loop: $LIST"
  contains "$fwd" "From: Eve <eve@elsewhere.example>"
  post "$T/r" "Eve <eve@elsewhere.example>" q1@elsewhere.example "subscribe"
  expect_status 0 tldops deliver tld-ops-request@lists.example eve@elsewhere.example < "$T/r"
  contains "$OUT" "answered (1 deliveries)"
  answer=$(db_query "SELECT data FROM mail_message WHERE kind = 'request'")
  contains "$answer" "To: eve@elsewhere.example"
  contains "$answer" "https://tldops.example/"
  # An auto-reply to -request gets no answer (no mail loop between robots).
  post "$T/r2" "Robot <robot@elsewhere.example>" q2@elsewhere.example "Re: How to join" "Auto-Submitted: auto-replied"
  expect_status 0 tldops deliver tld-ops-request@lists.example robot@elsewhere.example < "$T/r2"
  contains "$OUT" "dropped"
  equals "$(db_query "SELECT count(*) FROM mail_message WHERE kind = 'request'")" 1
}

test_tlp_is_kept() {
  list_setup
  post "$T/m" "Alice Andersen <alice@nl.example>" t1@nl.example "[TLP:RED] Incident"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m"
  equals "$(db_query "SELECT tlp FROM list_post")" "TLP:RED"
  # TLP:RED goes only encrypted; without [crypto] list_key it waits for a
  # moderator (test_crypto.sh distributes one, encrypted).
  equals "$(db_query "SELECT state FROM list_post")" held
  contains "$(db_query "SELECT reason FROM list_post")" "TLP:RED: cannot be encrypted: list_key"
  { printf 'From: alice@nl.example\nSubject: hi\nMessage-ID: <t2@nl.example>\n\nTLP:AMBER+STRICT\nText\n'; } > "$T/m2"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m2"
  equals "$(db_query "SELECT tlp FROM list_post WHERE message_id = 't2@nl.example'")" "TLP:AMBER+STRICT"
}

test_exit_statuses_for_the_mta() {
  list_setup
  post "$T/m" "Alice Andersen <alice@nl.example>" x1@nl.example
  expect_unchanged 67 tldops deliver nobody@lists.example alice@nl.example < "$T/m"
  contains "$ERR" "recipient"
  equals "$(echo "$ERR" | wc -l)" 1
  expect_unchanged 65 tldops deliver "$LIST" alice@nl.example < /dev/null
  contains "$ERR" "message: is empty"
  printf 'this is not mail\n' > "$T/junk"
  expect_unchanged 65 tldops deliver "$LIST" alice@nl.example < "$T/junk"
  contains "$ERR" "header field"
  # A repository that cannot be opened: try again later.
  expect_status 75 tldops --db "$T/missing/dir/x.db" deliver "$LIST" alice@nl.example < "$T/m"
  contains "$ERR" "try again"
  expect_status 75 tldops deliver
}

test_bad_input_is_held_or_refused_never_a_crash() {
  list_setup
  # No From.
  printf 'To: %s\nSubject: who am I\nMessage-ID: <b1@x>\n\nbody\n' "$LIST" > "$T/b1"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b1"
  contains "$OUT" "held: no From address"
  # A header line of 5000 bytes.
  { printf 'From: alice@nl.example\nSubject: '; head -c 5000 /dev/zero | tr '\0' a
    printf '\nMessage-ID: <b2@x>\n\nbody\n'; } > "$T/b2"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b2"
  contains "$OUT" "held: malformed: header line longer than 998 bytes"
  # 8-bit Latin-1 in a header.
  printf 'From: alice@nl.example\nSubject: caf\xe9\nMessage-ID: <b3@x>\n\nbody\n' > "$T/b3"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b3"
  contains "$OUT" "held: malformed: headers that are neither ASCII nor UTF-8"
  # NUL bytes in the headers and in the body.
  printf 'From: alice@nl.example\nSubject: a\0b\nMessage-ID: <b4@x>\n\nbody\n' > "$T/b4"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b4"
  contains "$OUT" "held: malformed: NUL byte in the headers"
  printf 'From: alice@nl.example\nSubject: nul body\nMessage-ID: <b5@x>\n\nbo\0dy\n' > "$T/b5"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b5"
  contains "$OUT" "held: malformed: NUL byte in the body"
  # Latin-1 text in an 8-bit body is re-encoded, not refused.
  printf 'From: alice@nl.example\nSubject: latin\nMessage-ID: <b6@x>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\ncaf\xe9\n' > "$T/b6"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b6"
  contains "$OUT" "distributed"
  # Malformed MIME: a multipart without its boundary, a truncated part.
  printf 'From: alice@nl.example\nSubject: mime\nMessage-ID: <b7@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nhalf' > "$T/b7"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b7"
  printf 'From: alice@nl.example\nSubject: mime\nMessage-ID: <b8@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain; charset="\n\n' > "$T/b8"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b8"
  # Over max_message_size (here 64 KiB): held; over four times it: refused unread.
  list_setup "[list]
max_message_size = 65536"
  { printf 'From: alice@nl.example\nSubject: big\nMessage-ID: <b9@x>\n\n'; head -c 100000 /dev/zero | tr '\0' 'x' | fold -w 76; } > "$T/b9"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/b9"
  contains "$OUT" "held: too large"
  { printf 'From: alice@nl.example\nSubject: huge\nMessage-ID: <b10@x>\n\n'; head -c 52428800 /dev/zero | tr '\0' 'x' | fold -w 76; } > "$T/b10"
  expect_unchanged 65 tldops deliver "$LIST" alice@nl.example < "$T/b10"
  contains "$ERR" "message: larger than 262144 bytes"
}

# The four a bad-input walk found distributed: a multipart without its
# boundary parameter (the copy said "--(null)"), one whose body never uses
# its boundary, one cut short before the closing boundary, a NUL in the
# body (the copy was cut there).  Each is held with a reason naming it, no
# member gets it, and a member's normal post still goes.
test_broken_mime_and_nul_bodies_are_held_with_the_reason() {
  list_setup
  local hdr='From: Alice Andersen <alice@nl.example>\nTo: tld-ops@lists.example\nSubject: broken\nMIME-Version: 1.0\n'
  printf "${hdr}Message-ID: <m1@nl.example>\nContent-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nhello\n--x--\n" > "$T/m1"
  printf "${hdr}Message-ID: <m2@nl.example>\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n--x\nContent-Type: text/plain\n\nhello\n--x--\n" > "$T/m2"
  printf "${hdr}Message-ID: <m3@nl.example>\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\nContent-Type: text/plain\n\nhello, and then the line went dead\n" > "$T/m3"
  printf "${hdr}Message-ID: <m4@nl.example>\nContent-Type: text/plain\n\nfirst half\0second half\n" > "$T/m4"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m1"
  contains "$OUT" "held: malformed: multipart/mixed without a boundary parameter"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m2"
  contains "$OUT" 'held: malformed: multipart/mixed whose body never uses its boundary "zz"'
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m3"
  contains "$OUT" "held: malformed: truncated: a multipart without its closing boundary"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m4"
  contains "$OUT" "held: malformed: NUL byte in the body"
  equals "$(deliveries)" 0
  equals "$(db_query "SELECT count(*) FROM mail_message WHERE kind = 'post'")" 0
  expect_status 0 tldops held list --json
  equals "$(echo "$OUT" | json '[r["reason"] for r in d]' | tr -d "'\"" | tr ',' '\n' | grep -c malformed)" 4
  # Approving the one GMime cannot write out is refused with the reason.
  id=$(echo "$OUT" | json '[r["id"] for r in d if "boundary parameter" in r["reason"]][0]')
  expect_status 1 tldops held approve "$id"
  contains "$ERR" "without a boundary parameter: it cannot be passed on"
  expect_status 0 tldops held list --json
  id=$(echo "$OUT" | json '[r["id"] for r in d if "NUL" in r["reason"]][0]')
  expect_status 1 tldops held approve "$id"
  contains "$ERR" "NUL byte in the body: it cannot be passed on"
  equals "$(deliveries)" 0
  # A member's well-formed multipart still goes to everyone.
  printf "${hdr}Message-ID: <m5@nl.example>\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\nContent-Type: text/plain\n\nhello\n--zz--\n" > "$T/m5"
  expect_status 0 tldops deliver "$LIST" alice@nl.example < "$T/m5"
  contains "$OUT" "distributed (3 deliveries)"
  equals "$(deliveries)" 3
}

test_held_posts_expire() {
  list_setup
  post "$T/m" "Eve <eve@elsewhere.example>" ex1@elsewhere.example
  faketime '2026-01-01 12:00:00' "$TLDOPS_BIN" deliver "$LIST" eve@elsewhere.example < "$T/m" >/dev/null
  expect_status 0 faketime '2026-01-10 12:00:00' "$TLDOPS_BIN" held list --json
  equals "$(echo "$OUT" | json 'len(d)')" 1
  expect_status 0 faketime '2026-01-16 12:00:00' "$TLDOPS_BIN" held list --json
  equals "$(echo "$OUT" | json 'len(d)')" 0
  expect_status 1 faketime '2026-01-16 12:00:00' "$TLDOPS_BIN" held approve 1
  contains "$ERR" "is expired"
}

test_distributed_posts_go_to_the_archive_but_never_tlp_red() {
  list_setup
  post "$T/m" "Alice Andersen <alice@nl.example>" ar1@nl.example "Resolver bug"
  tldops deliver "$LIST" alice@nl.example < "$T/m" >/dev/null
  post "$T/r" "Alice Andersen <alice@nl.example>" ar2@nl.example "[TLP:RED] Incident"
  tldops deliver "$LIST" alice@nl.example < "$T/r" >/dev/null
  post "$T/h" "Eve <eve@elsewhere.example>" ar3@elsewhere.example "Held one"
  tldops deliver "$LIST" eve@elsewhere.example < "$T/h" >/dev/null
  expect_status 0 tldops archive list --json
  contains "$OUT" "Resolver bug"
  not_contains "$OUT" "Incident"
  not_contains "$OUT" "Held one"
  tldops held approve "$(tldops held list --json | json 'd[0]["id"]')" >/dev/null
  expect_status 0 tldops archive list --json
  contains "$OUT" "Held one"
}

test_bounces_address_reaches_the_bounce_handler() {
  list_setup
  post "$T/m" "Alice Andersen <alice@nl.example>" bo1@nl.example
  tldops deliver "$LIST" alice@nl.example < "$T/m" >/dev/null
  tldops outbox run >/dev/null  # sent: a report comes back for mail that went out
  mid=$(db_query "SELECT id FROM mail_message WHERE kind = 'post'")
  printf '%s\n' "From: MAILER-DAEMON@de.example" "To: tld-ops-bounces+m$mid@lists.example" \
    "Subject: Undelivered Mail Returned to Sender" "Message-ID: <dsn1@de.example>" \
    "MIME-Version: 1.0" \
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"' "" \
    "--b" "Content-Type: text/plain" "" "Your message could not be delivered." \
    "--b" "Content-Type: message/delivery-status" "" "Reporting-MTA: dns; mx.de.example" "" \
    "Final-Recipient: rfc822; bob@de.example" "Original-Recipient: rfc822;bob@de.example" \
    "Action: failed" "Status: 5.1.1" "Diagnostic-Code: smtp; 550 5.1.1 no such user" "" \
    "--b--" > "$T/dsn"
  expect_status 0 tldops deliver "tld-ops-bounces+m$mid@lists.example" "" < "$T/dsn"
  contains "$OUT" "bounces: bounce"
  expect_status 0 tldops bounces --json
  contains "$OUT" "bob@de.example"
}
