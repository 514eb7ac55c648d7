// SPDX-License-Identifier: MIT
// The public join form end to end in headless chromium (run by
// tests/web/run against the same server as the other browser tests): from
// the home page to /join, a bad address first (named, nothing filed), then
// a good request; the IANA contact's authorisation link from the Maildir,
// authorised in the browser; the committee approves on the web and the new
// contact is on the ccTLD's page.  At 1280 and 390 px, nothing wider than
// the screen.  The committee's alert (preview, confirm, the list of alerts)
// and the repository mail page follow.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, BIN, check, goto, gotoLink, shot, signedIn, sticksOut, runner } from './lib.mjs';

const DIR = process.env.WEB_DIR;
const COM = 'chris@committee.example';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const { test, done } = runner();

async function fits(p, name) {
  const out = await sticksOut(p);
  check(out.length === 0, `${name}: wider than the screen: ${out.join('; ')}`);
  await shot(p, name);
}

// The authorisation link in a mail to addr that names `who`, newer than since.
async function waitLink(addr, who, since, seconds = 15) {
  const dir = path.join(DIR, 'mail', 'new');
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).mtimeMs < since) continue;
      const raw = fs.readFileSync(p, 'utf8');
      if (!raw.includes(`Delivered-To: ${addr}`)) continue;
      const body = raw.replace(/=\r?\n/g, '');   // quoted-printable soft breaks
      const m = body.match(/\/authorize\/([A-Za-z0-9_-]{43})/);
      if (m && body.includes(who)) return m[1];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no authorisation mail to ${addr} about ${who}`);
}

for (const width of [1280, 390]) {
  await test(`join: the form, authorised by IANA, approved on the web (${width} px)`, async () => {
    const tag = width === 390 ? 'phone' : 'desk';
    const name = `Nadia Join${width}`;
    const email = `nadia-${width}@afnic.example`;
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const p = await ctx.newPage();
    await goto(p, BASE + '/');
    await p.getByRole('link', { name: 'Ask to join' }).click();
    await p.waitForURL(/\/join$/);
    await fits(p, `80-join-${tag}`);
    // A bad address: named on the form, what was typed kept, nothing filed.
    await p.locator('#f-join-cctld').fill('fr');
    await p.locator('#f-join-name').fill(name);
    await p.locator('#f-join-email').fill('not-an-address');
    await p.locator('#f-join-phone').fill('+33 1 39 30 83 09');
    await p.locator('#f-join-role').fill('CSIRT lead');
    await p.getByRole('button', { name: 'Ask to join' }).click();
    await p.waitForLoadState();
    check((await p.locator('#join-error').textContent()).startsWith('email'), 'the refusal names email');
    check(await p.locator('#f-join-email[aria-invalid=true]').count() === 1, 'email marked');
    check(await p.locator('#f-join-name').inputValue() === name, 'what was typed is kept');
    await fits(p, `81-join-refused-${tag}`);
    const since = Date.now() - 1000;
    await p.locator('#f-join-email').fill(email);
    await p.getByRole('button', { name: 'Ask to join' }).click();
    await p.waitForURL(/\/join\?done=sent$/);
    check((await p.locator('.notice').textContent()).startsWith('Thank you'), 'the confirmation');
    check(await p.locator('#join-error').count() === 0, 'no refusal');
    await fits(p, `82-join-sent-${tag}`);
    // The IANA administrative contact of .fr opens the link and authorises.
    const token = await waitLink('admin@afnic-iana.example', name, since);
    await gotoLink(p, `${BASE}/authorize/${token}`);
    check((await p.textContent('main')).includes(email), 'the page shows the new contact');
    await fits(p, `83-join-authorise-${tag}`);
    await p.getByRole('button', { name: 'Authorise this request' }).click();
    await p.waitForSelector('h1:has-text("Thank you")');
    await ctx.close();
    // The committee approves it on the web.
    const [cctx, cp] = await signedIn(browser, COM, width);
    await goto(cp, BASE + '/committee');
    const card = cp.locator('article.request', { hasText: email });
    check(await card.count() === 1, 'the request is there to decide');
    await card.locator('input[name=announce]').uncheck();
    await card.getByRole('button', { name: /^Approve request/ }).click();
    await cp.waitForURL(/\/committee\?done=approved/);
    check((await cp.locator('#requests ~ .notice, .notice').first().textContent()).includes('approved'),
      'says it was approved');
    check(await cp.locator('article.request', { hasText: email }).count() === 0, 'decided');
    await fits(cp, `84-join-approved-${tag}`);
    await goto(cp, BASE + '/cctld/fr');
    check((await cp.textContent('main')).includes(name), 'the contact is in the repository');
    await cctx.close();
  });
}


for (const width of [1280, 390]) {
  await test(`alerts: preview, change, confirm, the list; the repository mail (${width} px)`, async () => {
    const tag = width === 390 ? 'phone' : 'desk';
    const subject = `Resolver flood ${width}`;
    const [ctx, p] = await signedIn(browser, COM, width);
    await goto(p, BASE + '/committee/alerts');
    await fits(p, `85-alerts-${tag}`);
    // A bad value first: no subject (the browser's own check taken off).
    await p.locator('#f-alert-subject').evaluate((e) => e.removeAttribute('required'));
    await p.locator('#f-alert-body').fill('Check your resolvers.');
    await p.getByRole('button', { name: 'Preview the alert' }).click();
    await p.waitForLoadState();
    check((await p.locator('#alert-error').textContent()).startsWith('subject'), 'the refusal names subject');
    check(await p.locator('#f-alert-subject[aria-invalid=true]').count() === 1, 'subject marked');
    check(await p.locator('#f-alert-body').inputValue() === 'Check your resolvers.', 'the text is kept');
    // The preview, then a change, then the confirmation.
    await p.locator('#f-alert-subject').fill(subject + ' (draft)');
    await p.locator('#f-alert-tlp').selectOption('green');
    await p.getByRole('button', { name: 'Preview the alert' }).click();
    await p.waitForLoadState();
    check(await p.locator('h1').textContent() === 'Preview the alert', 'the preview');
    const count = (await p.locator('#preview-count').textContent()).match(/goes to (\d+) active/);
    check(count && Number(count[1]) > 0, 'says how many it goes to');
    check((await p.locator('#preview').textContent()).includes('TLP:GREEN'), 'the TLP');
    check((await p.locator('#preview-body').textContent()) === 'Check your resolvers.', 'the text as text');
    await fits(p, `86-alert-preview-${tag}`);
    await p.locator('#f-alert-subject').fill(subject);
    await p.getByRole('button', { name: 'Preview the alert' }).click();
    await p.waitForLoadState();
    check((await p.locator('#preview').textContent()).includes(subject), 'changed');
    check(!(await p.locator('#preview').textContent()).includes('(draft)'), 'the draft is gone');
    await p.getByRole('button', { name: /^Send it to \d+ contact/ }).click();
    await p.waitForURL(/\/committee\/alerts\?done=sent/);
    check((await p.locator('.notice').textContent()).includes('queued'), 'says it is queued');
    const row = p.locator('#sent ~ table tbody tr', { hasText: subject });
    check(await row.count() === 1, 'the alert is listed');
    check(await row.locator('td[data-label=Recipients]').textContent() === count[1], 'its recipients');
    await fits(p, `87-alerts-sent-${tag}`);
    // The repository mail: preview, a confirmation required, then sent.
    await goto(p, BASE + '/committee/digest');
    // The page shows the text tldops digest --print composes, cut at a line
    // past 64 KiB (the API has it whole): after test_api's bulk import
    // Jan Jansen of .nl is beyond the cut, so compare the text itself.
    const shown = await p.locator('#digest-text').textContent();
    const full = execFileSync(BIN, ['digest', '--print'], { encoding: 'utf8' });
    check(shown.length > 0 && full.startsWith(shown) && (shown.length === full.length ||
      (await p.textContent('main')).includes('more bytes')), 'the preview is the mail');
    await fits(p, `88-digest-${tag}`);
    await p.getByRole('button', { name: 'Send the repository mail now' }).click();
    await p.waitForLoadState();
    check((await p.locator('#digest-error').textContent()).startsWith('confirm'), 'the box is required');
    await new Promise((r) => setTimeout(r, 1100));   // at most one a second
    await p.locator('#f-digest-confirm').check();
    await p.getByRole('button', { name: 'Send the repository mail now' }).click();
    await p.waitForURL(/\/committee\/digest\?done=sent$/);
    check((await p.locator('.notice').textContent()).includes('queued'), 'says it is queued');
    check(await p.locator('#sent ~ table tbody tr').count() >= 1, 'listed as sent');
    await fits(p, `89-digest-sent-${tag}`);
    await ctx.close();
    // A member is refused both pages.
    const [mctx, mp] = await signedIn(browser, 'jan@sidn.example', width);
    for (const path of ['/committee/alerts', '/committee/digest']) {
      const resp = await mp.goto(BASE + path);
      check(resp.status() === 403, `${path} for a member: ${resp.status()}`);
    }
    await mctx.close();
  });
}

await browser.close();
process.exit(done('web join') ? 1 : 0);
