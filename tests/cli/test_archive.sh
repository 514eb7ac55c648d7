# SPDX-License-Identifier: MIT
# The list's archive: an mbox (Mailman's archive) imported in one
# transaction with duplicates skipped and TLP:RED left out; list, search,
# show and export; the same results on SQLite and PostgreSQL (this file
# runs on both); --output written 0600, never through a symlink or over a
# device.

# archive_mbox FILE: four threads' worth of posts, one TLP:RED, one
# duplicate, an HTML-only post with an attachment whose name holds markup.
archive_mbox() {
  cat >"$1" <<'MBOX'
From renee@nic.example Tue Dec  1 10:00:00 2026
From: =?UTF-8?Q?Ren=C3=A9e_Dupont?= <renee@nic.example>
To: tld-ops@lists.example
Subject: [TLD-OPS] Resolver vulnerability advertised
Date: Tue, 01 Dec 2026 10:00:00 +0000
Message-ID: <root@nic.example>

A vulnerability in DNS resolver software was advertised on the list.
>From the vendor: upgrade to 9.18.20.

From bob@nic.test Tue Dec  1 11:00:00 2026
From: Bob Smith <bob@nic.test>
To: tld-ops@lists.example
Subject: Re: [TLD-OPS] Resolver vulnerability advertised
Date: Tue, 01 Dec 2026 11:00:00 +0000
Message-ID: <reply@nic.test>
In-Reply-To: <root@nic.example>
References: <root@nic.example>

We upgraded all our resolvers, thanks.

From eve@nic.test Tue Dec  1 12:00:00 2026
From: eve@nic.test
Subject: [TLP:RED] incident at a registry
Date: Tue, 01 Dec 2026 12:00:00 +0000
Message-ID: <red@nic.test>

For the recipients' eyes only.

From carol@nic.example Wed Jan  6 09:00:00 2027
From: Carol <carol@nic.example>
Subject: <script>alert(1)</script> DNSSEC rollover
Date: Wed, 06 Jan 2027 09:00:00 +0000
Message-ID: <html@nic.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/html; charset=utf-8

<p onclick="x()">Our KSK rollover is <b>scheduled</b>.</p><script>alert(2)</script>
--b
Content-Type: text/html; name="<img src=x onerror=alert(3)>.html"
Content-Disposition: attachment; filename="<img src=x onerror=alert(3)>.html"

<script>alert(4)</script>
--b--

From renee@nic.example Tue Dec  1 10:00:00 2026
From: Renee <renee@nic.example>
Subject: [TLD-OPS] Resolver vulnerability advertised
Date: Tue, 01 Dec 2026 10:00:00 +0000
Message-ID: <root@nic.example>

the same post, delivered twice
MBOX
}

test_archive_import_list_show() {
  init_db
  archive_mbox a.mbox
  expect_status 0 tldops archive import a.mbox
  equals "$OUT" "imported 3 of 5 messages (1 duplicates skipped, 1 TLP:RED left out)"
  expect_status 0 tldops archive list
  contains "$OUT" "3 posts"
  not_contains "$OUT" "TLP:RED"
  equals "$(tldops archive list --json | json '[(p["id"], p["thread"], p["from"], p["date"]) for p in d]')" \
    "[(3, 3, 'carol@nic.example', '2027-01-06T09:00:00Z'), (2, 1, 'bob@nic.test', '2026-12-01T11:00:00Z'), (1, 1, 'renee@nic.example', '2026-12-01T10:00:00Z')]"
  equals "$(tldops archive list --json --month 2026-12 | json 'len(d)')" 2
  equals "$(tldops archive list --json --before 2 | json '[p["id"] for p in d]')" "[1]"
  expect_status 0 tldops archive show 1
  contains "$OUT" "From: Renée Dupont <renee@nic.example>"
  contains "$OUT" "From the vendor: upgrade"   # the mbox's >From quoting undone
  # An HTML part is kept as its source text; the attachment by name and size.
  expect_status 0 tldops archive show 3 --json
  equals "$(echo "$OUT" | json 'd["text_is_html"]')" True
  contains "$(echo "$OUT" | json 'd["text"]')" '<script>alert(2)</script>'
  equals "$(echo "$OUT" | json '[(a["filename"], a["content_type"], a["size"]) for a in d["attachments"]]')" \
    "[('<img src=x onerror=alert(3)>.html', 'text/html', 25)]"
  expect_status 0 tldops archive show 2 --raw
  contains "$OUT" "In-Reply-To: <root@nic.example>"
  expect_status 1 tldops archive show 99
  contains "$ERR" "error: id: there is no archived post 99"
  expect_status 2 tldops archive show
  # Imported once: a second import adds nothing, one audit row each.
  expect_status 0 tldops archive import a.mbox
  equals "$OUT" "imported 0 of 5 messages (4 duplicates skipped, 1 TLP:RED left out)"
  equals "$(tldops audit --json | json '[e["action"] for e in d]')" "['archive.import', 'archive.import']"
}

test_archive_search_same_on_both_backends() {
  init_db
  archive_mbox a.mbox
  tldops archive import a.mbox >/dev/null
  equals "$(tldops archive list --json --search resolver | json '[p["id"] for p in d]')" "[2, 1]"
  equals "$(tldops archive list --json --search 'RESOLVERS' | json '[p["id"] for p in d]')" "[2]"
  equals "$(tldops archive list --json --search 'resolver vendor' | json '[p["id"] for p in d]')" "[1]"
  equals "$(tldops archive list --json --search 'renée' | json '[p["id"] for p in d]')" "[1]"
  equals "$(tldops archive list --json --search '9.18.20' | json '[p["id"] for p in d]')" "[1]"
  equals "$(tldops archive list --json --search 'nic.test' | json '[p["id"] for p in d]')" "[2]"
  equals "$(tldops archive list --json --search 'script' | json '[p["id"] for p in d]')" "[3]"
  equals "$(tldops archive list --json --search 'incident' | json 'd')" "[]"
  equals "$(tldops archive list --json --search '\"); DROP TABLE archive_post; --' | json 'd')" "[]"
  equals "$(tldops archive list --json --search 'OR AND NOT NEAR *' | json 'd')" "[]"
  expect_status 1 tldops archive list --search "$(printf 'x%.0s' $(seq 1 401))"
  contains "$ERR" "error: q: is over 400 bytes"
  equals "$(tldops archive list --json | json 'len(d)')" 3
}

test_archive_bad_mbox_stores_nothing() {
  init_db
  printf 'Subject: not an mbox\n\nbody\n' >bad.mbox
  expect_unchanged 1 tldops archive import bad.mbox
  contains "$ERR" 'error: mbox: does not start with a "From " line'
  expect_status 1 tldops archive import missing.mbox
  expect_status 2 tldops archive import
}

test_archive_export_mbox() {
  init_db
  archive_mbox a.mbox
  tldops archive import a.mbox >/dev/null
  expect_status 0 tldops archive export --mbox --output out.mbox
  contains "$ERR" "wrote out.mbox (3 posts)"
  equals "$(stat -c %a out.mbox)" 600
  equals "$(grep -c '^From ' out.mbox)" 3
  contains "$(cat out.mbox)" ">From the vendor"
  # What was exported imports as the same archive elsewhere.
  local db2=$TLDOPS_DB
  expect_status 0 tldops archive import out.mbox
  equals "$OUT" "imported 0 of 3 messages (3 duplicates skipped, 0 TLP:RED left out)"
  # To stdout; never through a symlink, never over a device.
  expect_status 0 tldops archive export --mbox
  equals "$(printf '%s\n' "$OUT" | grep -c '^From ')" 3
  ln -s target.mbox link.mbox
  expect_status 1 tldops archive export --mbox --output link.mbox
  contains "$ERR" "link.mbox"
  [ ! -e target.mbox ] || fail "wrote through a symlink"
  # A device is written in place, never replaced.
  expect_status 0 tldops archive export --mbox --output /dev/null
  [ -c /dev/null ] || fail "/dev/null replaced"
  mkdir adir
  expect_status 1 tldops archive export --mbox --output adir
  contains "$ERR" "output"
  expect_status 2 tldops archive export --output x.mbox
  : "$db2"
}

test_bounces_empty() {
  init_db
  expect_status 0 tldops bounces --json
  equals "$OUT" "[]"
  expect_status 0 tldops bounces
  contains "$OUT" "0 contacts with bounces"
  contains "$OUT" "none"
}
