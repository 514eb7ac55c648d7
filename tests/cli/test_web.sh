# SPDX-License-Identifier: MIT
# The web's accounts and secrets from the command line: accounts with a
# role, API tokens shown once and stored hashed, local sign-in links, and
# `serve` refusing a bad address.  The HTTP side is tests/web/.

test_account_add_and_list() {
  init_db
  expect_status 0 tldops account add --email Kim@Secretariat.Example --role secretariat
  equals "$OUT" 1
  expect_status 0 tldops account add --email chris@committee.example --role committee
  expect_status 0 tldops account list
  contains "$OUT" "secretariat  Kim@secretariat.example"
  contains "$OUT" "committee    chris@committee.example"
  equals "$(tldops account list --json | json 'd[1]["role"]')" committee
  tldops audit | grep -q "account.add" || fail "not audited"
}

test_account_bad_input_names_the_field() {
  init_db
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  expect_unchanged 1 tldops account add --email kim@SECRETARIAT.example --role member
  contains "$ERR" "error: email:"
  expect_unchanged 1 tldops account add --email kim@secretariat.example --role king
  contains "$ERR" "error: role:"
  expect_unchanged 1 tldops account add --email not-an-address --role member
  contains "$ERR" "error: email:"
  expect_unchanged 2 tldops account add --email x@example.org
  expect_unchanged 2 tldops account frobnicate
}

test_token_is_shown_once_and_stored_hashed() {
  init_db
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  expect_status 0 tldops token create --email kim@secretariat.example --days 7
  tok=$OUT
  [[ "$tok" =~ ^[A-Za-z0-9_-]{43}$ ]] || fail "token format: $tok"
  contains "$ERR" "valid until"
  ! db_dump | grep -q "$tok" || fail "token stored in clear"
  ! tldops audit --json | grep -q "$tok" || fail "token in the audit log"
}

test_token_only_for_people_with_a_role() {
  init_db
  expect_unchanged 1 tldops token create --email stranger@example.org
  contains "$ERR" "error: email:"
  add_contact nl "Jan Jansen" jan@sidn.example "+31 26 352 5500" >/dev/null
  expect_status 0 tldops token create --email JAN@sidn.example
  expect_unchanged 1 tldops token create --email jan@sidn.example --days 4000
  contains "$ERR" "error: days:"
  expect_unchanged 2 tldops token create --email jan@sidn.example --days soon
}

test_login_link_for_local_setup() {
  init_db
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  expect_status 0 tldops login-link --email kim@secretariat.example
  [[ "$OUT" =~ ^http://127.0.0.1:8080/login/[A-Za-z0-9_-]{43}$ ]] || fail "link: $OUT"
  expect_unchanged 1 tldops login-link --email nobody@example.org
  ls "$T"/mail/new 2>/dev/null | grep -q . && fail "login-link mailed something"
  true
}

test_serve_refuses_a_bad_listen_address() {
  init_db
  expect_status 2 tldops serve --listen nonsense
  expect_status 2 tldops serve --listen 127.0.0.1:99999
  expect_status 1 tldops serve --listen example.org:8080
  contains "$ERR" "error: listen:"
}

test_first_serve_starts_the_digest_clock_instead_of_mailing_everyone() {
  [ "$TLDOPS_TEST_BACKEND" = sqlite ] || skip "reads the SQLite file directly"
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl +31263525500 >/dev/null
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$TLDOPS_BIN" --mail "maildir:$T/mail" serve --listen "127.0.0.1:$port" >"$T/serve.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    [ "$(sqlite3 "$TLDOPS_DB" "SELECT count(*) FROM schedule WHERE name = 'digest'" 2>/dev/null)" = 1 ] && break
    sleep 0.1
  done
  kill $pid; wait $pid || true
  equals "$(sqlite3 "$TLDOPS_DB" "SELECT count(*) FROM schedule WHERE name = 'digest' AND last_run > 0")" 1
  equals "$(sqlite3 "$TLDOPS_DB" "SELECT count(*) FROM mail_message WHERE kind = 'digest'")" 0
}

test_token_list_and_revoke() {
  init_db
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  add_contact nl "Jan Jansen" jan@sidn.example "+31 26 352 5500" >/dev/null
  faketime '2026-03-01 12:00:00' "$TLDOPS_BIN" token create --email kim@secretariat.example --days 30 >/dev/null 2>&1
  tok=$(tldops token create --email jan@sidn.example 2>/dev/null)
  expect_status 0 tldops token list
  contains "$OUT" "LAST USED"
  contains "$OUT" "jan@sidn.example"
  contains "$OUT" "never"
  not_contains "$OUT" "$tok"
  expect_status 0 tldops token list --email JAN@sidn.example --json
  equals "$(echo "$OUT" | json 'len(d)')" 1
  equals "$(echo "$OUT" | json 'sorted(d[0])')" "['created', 'email', 'expires', 'id', 'last_used']"
  id=$(echo "$OUT" | json 'd[0]["id"]')
  [[ "$id" =~ ^[0-9a-f]{12}$ ]] || fail "token id: $id"
  # The March token expired long ago: not listed.
  equals "$(tldops token list --json | json 'len(d)')" 1
  expect_unchanged 1 tldops token revoke 000000000000
  contains "$ERR" "error: id:"
  expect_unchanged 1 tldops token revoke nonsense
  contains "$ERR" "error: id:"
  expect_unchanged 2 tldops token revoke
  expect_status 0 tldops token revoke "$id"
  equals "$(tldops token list --json | json 'len(d)')" 0
  expect_unchanged 1 tldops token revoke "$id"
  contains "$(tldops audit)" token.revoke
}

test_token_lifetime_capped_by_config() {
  init_db
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  expect_unchanged 1 tldops token create --email kim@secretariat.example --days 366
  contains "$ERR" "error: days:"
  contains "$ERR" "token_max_days"
  expect_status 0 tldops token create --email kim@secretariat.example --days 365
  printf '[web]\ntoken_max_days = 7\n' >cfg.ini
  expect_unchanged 1 tldops --config cfg.ini token create --email kim@secretariat.example --days 8
  expect_status 0 tldops --config cfg.ini token create --email kim@secretariat.example --days 7
}

test_account_disable_and_remove() {
  init_db
  tldops account add --email chris@committee.example --role committee >/dev/null
  tldops token create --email chris@committee.example >/dev/null 2>&1
  tldops login-link --email chris@committee.example >/dev/null
  expect_status 0 tldops account disable Chris@Committee.example
  contains "$ERR" "no longer work"
  # Listed as disabled until removed (the web's remove button needs it).
  equals "$(tldops account list --json | json '[(a["email"], a["role"], a["disabled"] is not None) for a in d]')" \
    "[('chris@committee.example', 'committee', True)]"
  equals "$(tldops token list --json | json 'len(d)')" 0
  expect_unchanged 1 tldops account disable chris@committee.example
  contains "$ERR" "error: email:"
  expect_unchanged 1 tldops login-link --email chris@committee.example
  expect_unchanged 1 tldops account disable not-an-address
  contains "$ERR" "error: email:"
  expect_unchanged 2 tldops account disable
  # Disabled rows stay for history until removed; then nothing is left.
  expect_status 0 tldops account add --email chris@committee.example --role member
  equals "$(tldops account list --json | json '[(a["role"], a["disabled"] is not None) for a in d]')" \
    "[('member', False), ('committee', True)]"
  expect_status 0 tldops account list
  contains "$(head -1 <<<"$OUT")" "ROLE"
  contains "$OUT" "DISABLED"
  [[ "$OUT" =~ committee\ +chris@committee\.example\ +20[0-9-]+T ]] || fail "the disabled row shows when: $OUT"
  expect_status 0 tldops account remove chris@committee.example
  equals "$(tldops account list --json | json 'len(d)')" 0
  expect_unchanged 1 tldops account remove chris@committee.example
  contains "$ERR" "error: email:"
  contains "$(tldops audit)" account.disable
  contains "$(tldops audit)" account.remove
  if [ "$TLDOPS_TEST_BACKEND" = sqlite ]; then
    equals "$(sqlite3 "$TLDOPS_DB" "SELECT count(*) FROM account")" 0
    equals "$(sqlite3 "$TLDOPS_DB" "SELECT count(*) FROM web_secret")" 0
  fi
}

# Over HTTPS (base_url https, TLS at the proxy) the cookies carry the
# __Host- prefix, so a sibling subdomain cannot plant one; on a one-time
# link's page the form's CSRF value is bound to the link's token, so a
# planted cookie is of no use without the mail.
test_https_cookies_are_host_prefixed_and_link_forms_bound_to_the_token() {
  init_db
  tldops account add --email kim@secretariat.example --role secretariat >/dev/null
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf '[web]\nbase_url = https://tldops.example\nlisten = 127.0.0.1:%s\n' "$port" > "$T/https.ini"
  export TLDOPS_CONFIG=$T/https.ini
  "$TLDOPS_BIN" --mail "maildir:$T/mail" serve >"$T/serve.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
  local base=http://127.0.0.1:$port hdr=$T/h.txt page=$T/p.html csrf cookie link token form
  curl -s -D "$hdr" -o "$page" "$base/login"
  cookie=$(sed -n 's/^Set-Cookie: __Host-tldops_csrf=\([0-9a-f]\{64\}\); Path=\/; HttpOnly; SameSite=Strict; Secure\r$/\1/p' "$hdr")
  [ -n "$cookie" ] || fail "no __Host- CSRF cookie: $(grep -i set-cookie "$hdr")"
  csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$page" | head -1)
  equals "$csrf" "$cookie"
  # The unprefixed name, as a sibling site could set it, counts for nothing.
  equals "$(curl -s -o /dev/null -w '%{http_code}' -b "tldops_csrf=$cookie" \
    --data "csrf=$cookie&email=kim@secretariat.example" "$base/login")" 403
  equals "$(curl -s -o /dev/null -w '%{http_code}' -b "__Host-tldops_csrf=$cookie" \
    --data "csrf=$cookie&email=kim@secretariat.example" "$base/login")" 200
  # The mailed link is one 7-bit line in the Maildir file, to copy as is
  # (issue 23: a quoted-printable soft break cut it in two).
  local mailed=
  for _ in $(seq 100); do mailed=$(grep -l "^Subject: Your TLD-OPS sign-in link" "$T"/mail/new/* 2>/dev/null) && break; sleep 0.1; done
  [ -n "$mailed" ] || fail "no sign-in mail"
  grep -q "^Content-Transfer-Encoding: 7bit" "$mailed" || fail "sign-in mail not 7bit"
  grep -Eq "^  https://tldops\.example/login/[A-Za-z0-9_-]{43}"$'\r'"?\$" "$mailed" || fail "the link is cut: $(cat "$mailed")"
  # A sign-in link's form: the value is not the cookie but bound to the token.
  link=$(tldops login-link --email kim@secretariat.example)
  token=${link##*/login/}
  curl -s -o "$page" -b "__Host-tldops_csrf=$cookie" "$base/login/$token"
  form=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$page" | head -1)
  [ ${#form} = 64 ] && [ "$form" != "$cookie" ] || fail "link form value: '$form'"
  # The cookie's own value (all a planter knows) is refused, the link unused...
  equals "$(curl -s -o /dev/null -w '%{http_code}' -b "__Host-tldops_csrf=$cookie" \
    --data "csrf=$cookie" "$base/login/$token")" 403
  # ...and the page's value signs in, with a __Host- session cookie.
  curl -s -D "$hdr" -o /dev/null -b "__Host-tldops_csrf=$cookie" --data "csrf=$form" "$base/login/$token"
  grep -q '^HTTP/1.1 303' "$hdr" || fail "sign-in: $(head -1 "$hdr")"
  grep -q '^Set-Cookie: __Host-tldops_session=[A-Za-z0-9_-]\{43\}; Path=/; HttpOnly; SameSite=Strict; Max-Age=[0-9]*; Secure' "$hdr" ||
    fail "session cookie: $(grep -i set-cookie "$hdr")"
  kill $pid; wait $pid || true
}
