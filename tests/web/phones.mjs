// SPDX-License-Identifier: MIT
// Nothing wider than the screen (issue 22): every GET page of the route
// table (GET /api/v1, kind "page"), visited in headless chromium as the
// committee -- and the secretariat's own pages as the secretariat -- at
// 390 px (a phone) and 1280 px; document.scrollWidth must not pass the
// window.  Downloads (not text/html) are skipped; a page a role may not
// see is its 403 page, which must fit too.  Run by tests/web/run.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { BASE, BIN, check, shot, signedIn, sticksOut, runner } from './lib.mjs';

const COM = 'chris@committee.example';
const SEC = 'kim@secretariat.example';
// A value for each path parameter: records the seed has (tests/web/run).
const PARAMS = {
  '{code}': 'nl', '{meeting}': 'ICANN85', '{slug}': 'ddos', '{format}': 'csv',
  '{number}': '1', '{id}': '1', '{n}': '1', '{token}': 'A'.repeat(43),
  '{email}': 'chris%40committee.example',
};
const SHOTS = ['/committee/stats', '/committee/actions', '/committee/pack/{meeting}', '/search'];
const QUERY = { '/search': '?q=nl', '/archive': '?q=resolver' };

// Long words the pages must wrap, not scroll: an action item, an objective,
// an outreach note and a contact (the seed's records are short).
const LONG = 'https://www.example.org/a/very/long/address/that/does/not/break/' + 'x'.repeat(60);
const cli = (...a) => execFileSync(BIN, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
// A meeting to come, so that its pack covers every record below.
cli('meeting', 'add', 'ICANN85', '--date', '2027-03-01', '--place', 'San Juan');
cli('action', 'add', '--title', `Read ${LONG} before the meeting`, '--owner', 'Bartholomew-Maximilian Featherstonehaugh');
cli('objective', 'add', '--meeting', 'ICANN85', '--text', `Ship ${LONG}`);
cli('outreach', 'set', 'be', '--owner', 'Chris', '--state', 'interested', '--note', `See ${LONG}`);
cli('contact', 'add', '--cctld', 'de', '--name', 'Wilhelmina Konstantinopoulou-Schwarzenegger',
  '--email', 'wilhelmina.konstantinopoulou-schwarzenegger@security-operations.denic.example',
  '--phone', '+49 69 27235 0', '--org', 'DENIC Internationale Sicherheitsabteilung', '--role', 'CSIRT lead');

const routes = (await (await fetch(BASE + '/api/v1')).json()).routes
  .filter((r) => r.method === 'GET' && r.kind === 'page');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const { test, done } = runner();

function url(pattern) {
  let p = pattern;
  for (const [k, v] of Object.entries(PARAMS)) p = p.replaceAll(k, v);
  return p + (QUERY[p] || '');
}

// One sign-in per role, both widths in it (one-time links are limited per
// client address: lib.mjs's gotoLink).
for (const [who, email, pick] of [
  ['committee', COM, () => true],
  ['secretariat', SEC, (r) => r.min_role === 'secretariat'],
]) {
  let ctx = null, p = null;
  for (const width of [390, 1280]) {
    await test(`every page fits ${width} px as the ${who}`, async () => {
      if (p === null) [ctx, p] = await signedIn(browser, email, 390);
      await p.setViewportSize({ width, height: 900 });
      const wide = [];
      let seen = 0;
      for (const r of routes.filter(pick)) {
        const path = url(r.path);
        const resp = await p.goto(BASE + path).catch(() => null);
        // A download starts no page (goto fails) or is not HTML.
        if (resp === null || !(resp.headers()['content-type'] || '').startsWith('text/html')) continue;
        seen++;
        const sw = await p.evaluate(() => document.documentElement.scrollWidth);
        // The pages the issue measured too wide (593, 538, 555, 398 px), as pictures.
        if (who === 'committee' && SHOTS.includes(r.path)) {
          await shot(p, `91-${width}-${r.path.replace(/[^a-z0-9]+/gi, '_')}`);
        }
        if (sw > width) {
          wide.push(`${path} (${resp.status()}) is ${sw} px: ${(await sticksOut(p)).join('; ')}`);
          await shot(p, `90-wide-${width}-${path.replace(/[^a-z0-9]+/gi, '_')}`);
        }
      }
      check(seen >= (who === 'committee' ? 20 : 5), `only ${seen} pages seen`);
      check(wide.length === 0, `wider than ${width} px:\n  ${wide.join('\n  ')}`);
      console.log(`     ${seen} pages at ${width} px as the ${who}`);
    });
  }
  if (ctx !== null) await ctx.close();
}

await browser.close();
process.exit(done('web phones') ? 1 : 0);
