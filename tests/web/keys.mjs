// SPDX-License-Identifier: MIT
// The members' keys on /committee (docs/crypto.md, "Key lifecycle") in
// headless chromium, on a repository of its own (run by tests/web/run):
// a list key and four members' keys made with real gpg in a throwaway
// GNUPGHOME — one usable, one expiring in 10 days, one expired (made 400
// days ago under faketime), one revoked by its revocation certificate
// (tldops key import).  The table lists the last three, each with its
// state, and not the usable one, at 1280 and 390 px; GET /api/v1/keys
// agrees.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BIN, check, checkPage, shot, sticksOut, runner } from './lib.mjs';

const T = fs.mkdtempSync(path.join(os.tmpdir(), 'tldops-web-keys.'));
const GNUPGHOME = path.join(T, 'gnupg');
const env = { ...process.env, GNUPGHOME, TLDOPS_DB: path.join(T, 'tldops.db'),
  TLDOPS_CONFIG: path.join(T, 'tldops.ini'), TLDOPS_MAIL: 'maildir:' + path.join(T, 'mail'),
  TLDOPS_ACTOR: 'web-keys-test' };
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
const tldops = (...args) => run(BIN, args).trim();

// A key in its own home; its fingerprint.  pre: e.g. ['faketime', '-f', '-400d'].
function genKey(home, uid, expiry, pre = []) {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const argv = [...pre, 'gpg', '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '',
    '--quick-gen-key', uid, 'future-default', 'default', expiry];
  run(argv[0], argv.slice(1), { env: { ...env, GNUPGHOME: home }, stdio: ['ignore', 'pipe', 'ignore'] });
  const colons = run('gpg', ['--batch', '--with-colons', '--list-keys'],
    { env: { ...env, GNUPGHOME: home }, stdio: ['ignore', 'pipe', 'ignore'] });
  return colons.split('\n').find((l) => l.startsWith('fpr')).split(':')[9];
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

const listFpr = genKey(GNUPGHOME, 'TLD-OPS list <tld-ops@localhost>', '1y');
const members = [
  ['nl', 'Jan Jansen', 'jan@sidn.example', '+31263525500', '1y', []],
  ['se', 'Sven Svensson', 'sven@iis.example', '+46812345678', '10d', []],
  ['de', 'Kurt Kurz', 'kurt@denic.example', '+496927235000', '1y', ['faketime', '-f', '-400d']],
  ['at', 'Rita Revoked', 'rita@nic.example', '+4315127151', '1y', []],
];
const port = await freePort();
const BASE = `http://127.0.0.1:${port}`;
fs.writeFileSync(env.TLDOPS_CONFIG, `[web]\nbase_url = ${BASE}\nlisten = 127.0.0.1:${port}\n` +
  `[crypto]\nlist_key = ${listFpr}\n`);
tldops('init');
const fprs = {};
for (const [i, [cc, name, email, phone, expiry, pre]] of members.entries()) {
  const home = path.join(T, `m${i}`);
  const fpr = genKey(home, `${name} <${email}>`, expiry, pre);
  fprs[email] = fpr;
  const id = tldops('contact', 'add', '--cctld', cc, '--name', name, '--email', email,
    '--phone', phone, '--pgp', fpr);
  const asc = path.join(T, `m${i}.asc`);
  fs.writeFileSync(asc, run('gpg', ['--batch', '--armor', '--export', fpr], { env: { ...env, GNUPGHOME: home } }));
  tldops('key', 'import', '--contact', id, asc);
  if (email === 'rita@nic.example') {
    const rev = path.join(T, 'rita.rev');
    fs.writeFileSync(rev, fs.readFileSync(path.join(home, 'openpgp-revocs.d', `${fpr}.rev`), 'utf8')
      .replace(/^:-----/m, '-----'));
    check(tldops('key', 'import', '--contact', id, rev).includes('NOT usable: revoked'), 'Rita revoked');
  }
}
tldops('account', 'add', '--email', 'chris@committee.example', '--role', 'committee');
const server = spawn(BIN, ['serve'], { env, stdio: ['ignore', 'ignore', 'ignore'] });
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(BASE + '/healthz')).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 50));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const { test, done } = runner();

async function committee(width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const p = await context.newPage();
  const link = execFileSync(BIN, ['login-link', '--email', 'chris@committee.example'],
    { env, encoding: 'utf8' }).trim();
  await checkPage(p, await p.goto(link));
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL(BASE + '/committee');
  return [context, p];
}

for (const width of [1280, 390]) {
  await test(`committee: expired, revoked and expiring keys (${width} px)`, async () => {
    const [ctx, p] = await committee(width);
    await checkPage(p, await p.goto(BASE + '/committee'));
    const h = await p.locator('h3#keys').textContent();
    check(h.includes('OpenPGP keys expired, revoked or expiring (3)'), `heading: ${h}`);
    const rows = await p.locator('h3#keys + table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));
    const by = Object.fromEntries(rows.map((r) => [r[2], r]));
    check(rows.length === 3 && !by['jan@sidn.example'], `rows: ${JSON.stringify(rows)}`);
    check(/^expires on \d{4}-\d\d-\d\d \(asked to renew\)$/.test(by['sven@iis.example'][4]),
      `Sven: ${by['sven@iis.example'][4]}`);
    check(by['kurt@denic.example'][4].startsWith('expired on'), `Kurt: ${by['kurt@denic.example'][4]}`);
    check(by['rita@nic.example'][4] === 'revoked', `Rita: ${by['rita@nic.example'][4]}`);
    for (const email of Object.keys(by))
      check(by[email][3] === fprs[email], `${email}: fingerprint ${by[email][3]}`);
    check(by['kurt@denic.example'][0] === '.de', 'the ccTLD column');
    const out = await sticksOut(p);
    check(out.length === 0, `wider than the screen: ${out.join('; ')}`);
    await p.locator('h3#keys').scrollIntoViewIfNeeded();
    await shot(p, `75-committee-keys-${width === 390 ? 'phone' : 'desk'}`);
    await ctx.close();
  });
}
await test('committee: GET /api/v1/keys says the same', async () => {
  const token = tldops('token', 'create', '--email', 'chris@committee.example', '--days', '1');
  const r = await fetch(BASE + '/api/v1/keys', { headers: { Authorization: `Bearer ${token}` } });
  check(r.ok, `GET /api/v1/keys: ${r.status}`);
  const j = await r.json();
  const keys = Array.isArray(j) ? j : j.keys;
  const by = Object.fromEntries(keys.map((k) => [k.email, k]));
  check(by['jan@sidn.example'].usable && by['sven@iis.example'].usable, 'Jan and Sven usable');
  check(!by['kurt@denic.example'].usable && /expired/.test(by['kurt@denic.example'].why),
    `Kurt: ${JSON.stringify(by['kurt@denic.example'])}`);
  check(!by['rita@nic.example'].usable && /revoked/.test(by['rita@nic.example'].why),
    `Rita: ${JSON.stringify(by['rita@nic.example'])}`);
});
await browser.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
run('gpgconf', ['--kill', 'all']);
for (const d of fs.readdirSync(T).filter((d) => /^m\d$/.test(d)))
  execFileSync('gpgconf', ['--kill', 'all'], { env: { ...env, GNUPGHOME: path.join(T, d) } });
if (process.env.KEEP !== '1') fs.rmSync(T, { recursive: true, force: true });
process.exit(done('web keys') ? 1 : 0);
