// SPDX-License-Identifier: MIT
// Browser tests of `tldops serve` in Debian's chromium, headless, driven by
// playwright-core (which never downloads a browser of its own).  Run by
// tests/web/run after test_api.py, against the same server: WEB_BASE,
// WEB_DIR, WEB_BIN.  A screenshot of every page goes to artifacts/.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ART, BASE, BIN, check, checkPage, goto, gotoLink, shot, sticksOut } from './lib.mjs';

const DIR = process.env.WEB_DIR;

let passed = 0, failed = 0;

// The newest mail to addr (from the Maildir) whose body matches re, after `since`.
async function waitMail(addr, re, since, seconds = 15) {
  const dir = path.join(DIR, 'mail', 'new');
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).mtimeMs < since) continue;
      const raw = fs.readFileSync(p, 'utf8');
      if (!raw.includes(`Delivered-To: ${addr}`)) continue;
      const body = raw.replace(/=\r?\n/g, '');   // quoted-printable soft breaks
      const m = body.match(re);
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${addr} matching ${re}`);
}

// Every field and button of the page's forms is on screen and big enough to tap.
async function formsUsable(p) {
  return p.evaluate(() => {
    const w = document.documentElement.clientWidth, bad = [];
    for (const e of document.querySelectorAll('main form input:not([type=hidden]), main form select, main form button')) {
      const r = e.getBoundingClientRect();
      if (r.left < 0 || r.right > w || r.height < 24 || r.width < 40) {
        bad.push(`${e.id || e.textContent.trim()}: ${Math.round(r.left)}..${Math.round(r.right)} x ${Math.round(r.height)}`);
      }
    }
    return bad.slice(0, 5);
  });
}

// A new browser context signed in as the committee, on /committee.
async function committeePage() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const cp = await context.newPage();
  const link = execFileSync(BIN, ['login-link', '--email', 'chris@committee.example'],
    { encoding: 'utf8' }).trim();
  await gotoLink(cp, link);
  await cp.getByRole('button', { name: 'Sign in' }).click();
  await cp.waitForURL(BASE + '/committee');
  return [context, cp];
}

async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // playwright gives the browser a fresh temporary profile (--user-data-dir) itself.
});

let planPages = [];   // an initiative's and an event's page, made by the planning test
const member = await browser.newContext({ viewport: { width: 1100, height: 800 } });
const page = await member.newPage();

await test('public home shows member ccTLDs and how to join', async () => {
  const resp = await goto(page, BASE + '/');
  check(resp.status() === 200, 'status');
  check(await page.getByRole('heading', { name: 'How to join' }).isVisible(), 'join');
  check((await page.textContent('main')).includes('Netherlands'), 'member listed');
  check(!(await page.content()).includes('@sidn.example'), 'no contact data');
  await shot(page, '01-home');
  await goto(page, BASE + '/docs');
  await shot(page, '02-playbooks');
});

await test('sign in with the link from the mail', async () => {
  await goto(page, BASE + '/login');
  await shot(page, '03-login');
  const since = Date.now() - 1000;
  await page.getByLabel('E-mail address').fill('jan@sidn.example');
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await page.waitForSelector('text=Check your mail');
  await shot(page, '04-check-your-mail');
  const link = await waitMail('jan@sidn.example', /(http:\/\/\S+\/login\/[A-Za-z0-9_-]{43})/, since);
  await gotoLink(page, link);
  check((await page.textContent('main')).includes('jan@sidn.example'), 'who');
  await shot(page, '05-login-confirm');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(BASE + '/search');
  const cookies = await member.cookies();
  const sid = cookies.find((c) => c.name === 'tldops_session');
  check(sid && sid.httpOnly && sid.sameSite === 'Strict', 'session cookie flags');
});

await test('search and a ccTLD page', async () => {
  await page.getByLabel('ccTLD, country, person or organisation').fill('afnic');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForSelector('text=Marie Curie');
  await shot(page, '06-search');
  await page.getByLabel('ccTLD, country, person or organisation').fill('.рф');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: /рф/ }).first().click();
  await page.waitForSelector('h1');
  check((await page.textContent('h1')).includes('рф'), 'IDN page');
  check((await page.textContent('main')).includes('Ivan Petrov'), 'contact');
  await shot(page, '07-cctld');
});

let requestSince = 0;
await test('edit my own entry (an update request)', async () => {
  await goto(page, BASE + '/me');
  await shot(page, '08-my-entry');
  requestSince = Date.now() - 1000;
  await page.getByLabel('Role or title').fill('Head of CERT');
  await page.getByRole('button', { name: 'Request this change' }).click();
  await page.waitForSelector('h1:has-text("Change requested")');
  await shot(page, '09-change-requested');
  // A bad phone number: the form comes back with the error, nothing stored.
  await goto(page, BASE + '/me');
  await page.getByLabel(/^Phone/).fill('call me maybe');
  await page.getByRole('button', { name: 'Request this change' }).click();
  await page.waitForSelector('[role=alert]');
  check((await page.textContent('[role=alert]')).startsWith('phone'), 'names the field');
  check(await page.getByLabel(/^Phone/).getAttribute('aria-invalid') === 'true', 'aria-invalid');
  await shot(page, '10-my-entry-error');
});

await test('the IANA contact authorises, the committee approves', async () => {
  const token = await waitMail('admin@sidn-iana.example', /\/authorize\/([A-Za-z0-9_-]{43})/, requestSince);
  const iana = await browser.newContext();
  const ip = await iana.newPage();
  await gotoLink(ip, `${BASE}/authorize/${token}`);
  check((await ip.textContent('main')).includes('Head of CERT'), 'shows the change');
  await shot(ip, '11-authorize');
  await ip.getByRole('button', { name: 'Authorise this request' }).click();
  await ip.waitForSelector('h1:has-text("Thank you")');
  await shot(ip, '12-authorized');
  await iana.close();

  const [committee, cp] = await committeePage();
  await checkPage(cp, await cp.reload());
  const card = cp.locator('article.request', { hasText: 'Head of CERT' });
  check(await card.count() === 1, 'request listed to decide');
  await shot(cp, '13-committee');
  await card.getByRole('button', { name: /^Approve request/ }).click();
  await cp.waitForURL(/\/committee/);
  check(await cp.locator('article.request', { hasText: 'Head of CERT' }).count() === 0, 'decided');
  await shot(cp, '14-committee-approved');
  // The change is in the repository now.
  await goto(page, BASE + '/cctld/nl');
  check((await page.textContent('main')).includes('Head of CERT'), 'applied');
  await shot(page, '15-cctld-updated');
  // A member cannot open the committee page.
  const resp = await page.goto(BASE + '/committee');
  check(resp.status() === 403, 'member kept out of /committee');
  // The planning pages, linked from the dashboard.
  for (const [name, url, text] of [['20-committee-stats', '/committee/stats', 'Figures'],
    ['21-committee-outreach', '/committee/outreach', 'Recruitment board'],
    ['22-committee-actions', '/committee/actions', 'Two new members'],
    ['23-committee-meetings', '/committee/meetings', 'DNSSEC workshop']]) {
    await goto(cp, BASE + '/committee');
    await cp.locator(`a[href="${url}"]`).first().click();
    await cp.waitForURL(BASE + url);
    await checkPage(cp, await cp.reload());
    check((await cp.textContent('main')).includes(text), `${url} shows ${text}`);
    await shot(cp, name);
  }
  await cp.getByRole('link', { name: 'Pack for ICANN84' }).click();
  await cp.waitForURL(BASE + '/committee/pack/ICANN84');
  const pack = await cp.reload();
  check(pack.status() === 200, 'pack served');
  check(pack.headers()['content-security-policy'].startsWith("default-src 'none'"), 'pack CSP');
  await shot(cp, '24-committee-pack');
  await committee.close();
});

// The CLI on the server's repository, `days` ahead (faketime).
function tldopsAt(days, ...args) {
  return execFileSync('faketime', ['-f', `+${days}d`, BIN, ...args],
    { encoding: 'utf8', env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' } });
}

await test('a confirmation link and the freshness panel of the dashboard', async () => {
  // A round 181 days on and the stale marks 60 days after it (the same
  // runs as test_api.py's: a second time they change nothing).
  tldopsAt(181, 'freshness', 'run');
  tldopsAt(242, 'freshness', 'run');
  const committee = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const cp = await committee.newPage();
  const link = execFileSync(BIN, ['login-link', '--email', 'chris@committee.example'],
    { encoding: 'utf8' }).trim();
  await gotoLink(cp, link);
  await cp.getByRole('button', { name: 'Sign in' }).click();
  await cp.waitForURL(BASE + '/committee');
  await checkPage(cp, await cp.reload());
  const panel = cp.locator('section[aria-labelledby=freshness]');
  check(await panel.getByRole('heading', { name: 'Contact freshness' }).isVisible(), 'panel');
  const ivan = panel.locator('tr', { hasText: 'ivan@cctld.example' });
  check(await ivan.count() === 1, 'the stale entry listed');
  check((await ivan.textContent()).includes('Ivan Petrov'), 'with its name');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(ART, '25-committee-freshness.png') });

  // Ivan opens the link from his mail on a phone: the entry and a button.
  const confirm = await waitMail('ivan@cctld.example',
    /(http:\/\/\S+\/confirm\/[A-Za-z0-9_-]{43})/, 0);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const pp = await phone.newPage();
  let resp = await goto(pp, confirm);
  check(resp.status() === 200, `confirm page ${resp.status()}`);
  check((await pp.textContent('main')).includes('Ivan Petrov'), 'shows the entry');
  check(await pp.getByRole('link', { name: 'My entry' }).first().getAttribute('href') === '/me',
    'the portal to correct it');
  const overflow = await pp.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!overflow, 'no horizontal scrolling on a phone');
  await shot(pp, '26-confirm');
  const [done] = await Promise.all([pp.waitForNavigation(),
    pp.getByRole('button', { name: 'This is still correct' }).click()]);
  await checkPage(pp, done);
  check(done.status() === 200 && (await pp.textContent('h1')).includes('Thank you'), 'confirmed');
  await shot(pp, '27-confirmed');
  resp = await goto(pp, confirm);
  check(resp.status() === 409, `used link ${resp.status()}`);
  check((await pp.textContent('h1')).includes('not valid'), 'says the link is not valid');
  await shot(pp, '28-confirm-used');
  await phone.close();

  // The panel no longer lists him.
  await checkPage(cp, await cp.reload());
  check(await cp.locator('section[aria-labelledby=freshness] tr',
    { hasText: 'ivan@cctld.example' }).count() === 0, 'confirmed: not stale any more');
  await committee.close();
});

await test('the offline copy for members', async () => {
  await goto(page, BASE + '/me');
  await page.getByRole('link', { name: 'offline copy' }).click();
  await page.waitForURL(BASE + '/offline');
  await checkPage(page, await page.reload());
  check((await page.textContent('main')).includes('gpg --verify'), 'how to check it');
  await shot(page, '29-offline');
  for (const [name, re] of [['Download the copy', /^tldops-repository-\d{4}-\d{2}-\d{2}\.json$/],
    ['Download its signature', /^tldops-repository-\d{4}-\d{2}-\d{2}\.json\.asc$/]]) {
    const [dl] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('link', { name }).click()]);
    check(re.test(dl.suggestedFilename()), `${name}: ${dl.suggestedFilename()}`);
  }
});

await test('a member reads a thread in the archive and finds a post by search', async () => {
  await goto(page, BASE + '/search');
  await page.getByRole('link', { name: 'Archive', exact: true }).click();
  await page.waitForURL(BASE + '/archive');
  await checkPage(page, await page.reload());
  check((await page.textContent('#month')) === '2026-12', 'the newest month');
  // Script in a subject or a name stays text: nothing ran, the text is there.
  check(await page.evaluate(() => window.pwned) === undefined, 'no script ran on /archive');
  check((await page.textContent('main')).includes('<script>window.pwned=1</script> rollover'),
    'the subject shown as text');
  await shot(page, '30-archive');
  await page.getByRole('link', { name: '[TLD-OPS] Resolver vulnerability advertised', exact: true }).click();
  await page.waitForURL(BASE + '/archive/1');
  await checkPage(page, await page.reload());
  check((await page.textContent('pre.body')).includes('resolver software was advertised'), 'the text');
  await page.getByRole('navigation', { name: 'Thread' })
    .getByRole('link', { name: 'Re: [TLD-OPS] Resolver vulnerability advertised', exact: true }).click();
  await page.waitForURL(BASE + '/archive/2');
  check((await page.textContent('pre.body')).includes('zebrafish patch'), 'the reply');
  await shot(page, '31-archive-post');
  await goto(page, BASE + '/archive');
  await page.getByLabel('Search the archive').fill('zebrafish');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/archive\?q=zebrafish/);
  const found = await page.locator('ul.posts a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(JSON.stringify(found) === '["/archive/2"]', `search found ${found}`);
  await shot(page, '32-archive-search');
  // An HTML-only post and a hostile attachment name: text, and a plain download.
  await goto(page, BASE + '/archive/3');
  check(await page.evaluate(() => window.pwned) === undefined, 'no script ran on the post');
  check(await page.locator('main img, main script').count() === 0, 'no markup from the post');
  check((await page.textContent('pre.body')).includes('<img src=x onerror='), 'the HTML part as text');
  const [dl] = await Promise.all([page.waitForEvent('download'),
    page.locator('ul.attachments a').first().click()]);
  check(!/[<>"]/.test(dl.suggestedFilename()), `a safe file name: ${dl.suggestedFilename()}`);
  check(await page.evaluate(() => window.pwned) === undefined, 'the attachment did not run');
  // Signed out, the archive is not there.
  const anon = await browser.newContext();
  const ap = await anon.newPage();
  for (const url of ['/archive', '/archive/2', '/archive?q=zebrafish']) {
    await ap.goto(BASE + url);
    check(ap.url() === BASE + '/login', `signed out: ${url} -> ${ap.url()}`);
    check(!(await ap.content()).includes('zebrafish'), `nothing of the archive on ${url}`);
  }
  await anon.close();
});

// One post to the list through `tldops deliver`, as Postfix's pipe hands it over.
function deliver(msgid, sender, subject, body) {
  const raw = `From: Someone <${sender}>\nTo: tld-ops@localhost\nSubject: ${subject}\n` +
    `Message-ID: <${msgid}>\n\n${body}\n`;
  return execFileSync(BIN, ['deliver', 'tld-ops@localhost', sender], { input: raw, encoding: 'utf8' });
}

await test('the committee moderates held posts; members are refused', async () => {
  const since = Date.now();
  check(deliver('web-held-1@elsewhere.example', 'oscar@elsewhere.example',
    '<script>window.pwned=1</script> lemur offer', 'Buy our lemurs.').includes('held'), 'first held');
  check(deliver('web-held-2@elsewhere.example', 'pat@elsewhere.example',
    'Narwhal resolver notes', 'The narwhal resolver is patched.').includes('held'), 'second held');
  const [context, cp] = await committeePage();
  await cp.getByRole('link', { name: 'Held posts' }).click();
  await cp.waitForURL(BASE + '/committee/held');
  await checkPage(cp, await cp.reload());
  check(await cp.evaluate(() => window.pwned) === undefined, 'no script ran on /committee/held');
  const spam = cp.locator('article.held', { hasText: 'lemur offer' });
  const good = cp.locator('article.held', { hasText: 'Narwhal resolver notes' });
  check(await spam.count() === 1 && await good.count() === 1, 'both posts listed');
  check((await spam.textContent()).includes('<script>window.pwned=1</script>'), 'the subject as text');
  check((await spam.textContent()).includes('oscar@elsewhere.example'), 'the sender shown');
  await shot(cp, '33-held');
  // Reject without a reason: the browser asks for one and nothing is sent.
  await spam.getByRole('button', { name: /^Reject post/ }).click();
  check(cp.url() === BASE + '/committee/held', 'no reason, no request');
  check(await cp.locator('article.held', { hasText: 'lemur offer' }).count() === 1, 'still held');
  await spam.getByLabel(/Reason for rejecting/).fill('Advertising is off topic');
  await spam.getByRole('button', { name: /^Reject post/ }).click();
  await cp.waitForURL(BASE + '/committee/held');
  check(await cp.locator('article.held', { hasText: 'lemur offer' }).count() === 0, 'rejected post gone');
  await waitMail('oscar@elsewhere.example', /(Advertising is off topic)/, since);
  await good.getByRole('button', { name: /^Distribute post/ }).click();
  await cp.waitForURL(BASE + '/committee/held');
  check(await cp.locator('article.held', { hasText: 'Narwhal' }).count() === 0, 'approved post gone');
  // The approved post reaches the members and the archive; the rejected one neither.
  await waitMail('jan@sidn.example', /(The narwhal resolver is patched)/, since);
  await goto(page, BASE + '/archive?q=narwhal');
  check(await page.locator('ul.posts a').count() === 1, 'the approved post is in the archive');
  await goto(page, BASE + '/archive?q=lemur');
  check(await page.locator('ul.posts a').count() === 0, 'the rejected post is not');
  // A member gets the 403 page and nothing of the held posts.
  const resp = await page.goto(BASE + '/committee/held');
  check(resp.status() === 403, `member /committee/held: ${resp.status()}`);
  check(!(await page.content()).includes('lemur'), 'no held post shown to a member');
  await context.close();
});

await test('the committee plans from the web; members are refused', async () => {
  const [committee, cp] = await committeePage();
  const cli = (...args) => JSON.parse(execFileSync(BIN, [...args, '--json'], { encoding: 'utf8' }));
  const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

  // A day that does not exist: the form comes back naming the field, nothing stored.
  await goto(cp, BASE + '/committee/meetings');
  const before = cli('meeting', 'list');
  await cp.getByLabel('Name (e.g. ICANN85)').fill('ICANN-browser');
  await cp.locator('#f-meeting-date').fill('2027-02-30');
  const [refused] = await Promise.all([
    cp.waitForResponse((r) => r.request().method() === 'POST'),
    cp.getByRole('button', { name: 'Add the meeting' }).click()]);
  await cp.waitForSelector('#meeting-error');
  check(refused.status() === 422, `refused with ${refused.status()}`);
  await checkPage(cp, refused);
  check((await cp.textContent('#meeting-error')).startsWith('date:'), 'the error names the date');
  check(await cp.locator('#f-meeting-date').getAttribute('aria-invalid') === 'true', 'aria-invalid');
  check(await cp.locator('#f-meeting-name').inputValue() === 'ICANN-browser', 'typed name kept');
  check(JSON.stringify(cli('meeting', 'list')) === JSON.stringify(before), 'nothing stored');
  await shot(cp, '31-committee-meeting-error');
  // The right day: stored, and back to the page (POST, redirect, GET).
  await cp.locator('#f-meeting-date').fill(day(300));
  await cp.getByRole('button', { name: 'Add the meeting' }).click();
  await cp.waitForURL(BASE + '/committee/meetings#meetings');
  check(cli('meeting', 'list').some((m) => m.name === 'ICANN-browser' && m.date === day(300)),
    'meeting stored');
  // An initiative with a milestone due at that meeting, then done.
  await cp.locator('#f-initiative-title').fill('Regional DR <workshop>');
  await cp.locator('#f-initiative-kind').selectOption('workshop');
  await cp.getByRole('button', { name: 'Add the initiative' }).click();
  await cp.waitForURL(/\/committee\/initiatives\/\d+$/);
  const initiativePage = cp.url();
  await checkPage(cp, await cp.reload());
  check((await cp.textContent('h1')).includes('Regional DR <workshop>'), 'initiative page');
  await cp.locator('#f-milestone-text').fill('Agenda agreed');
  await cp.locator('#f-milestone-due').selectOption('ICANN-browser');
  await cp.getByRole('button', { name: 'Add the milestone' }).click();
  await cp.waitForURL(/#milestones$/);
  check(await cp.locator('figure.timeline g.tl-mark.tl-open').count() === 1, 'an open mark');
  await shot(cp, '32-committee-initiative');
  await cp.getByRole('button', { name: 'Mark milestone 1 done' }).click();
  await cp.waitForURL(/#milestones$/);
  check(await cp.locator('figure.timeline g.tl-mark.tl-done').count() === 1, 'a done mark');
  await cp.locator('#f-state-state').selectOption('paused');
  await cp.locator('#f-state-note').fill('until the venue is known');
  await cp.getByRole('button', { name: 'Change the state' }).click();
  await cp.waitForURL(/#change$/);
  check((await cp.textContent('main')).includes('until the venue is known'), 'state note');
  // On the meetings page: the timeline of every initiative, this one included.
  await goto(cp, BASE + '/committee/meetings');
  const row = cp.locator('figure.timeline svg text.tl-label', { hasText: 'Regional DR <workshop>' });
  check(await row.count() === 1, 'a row in the timeline');
  check(await cp.locator('figure.timeline svg text.tl-meeting', { hasText: 'ICANN-browser' }).count() === 1,
    'a column for the meeting');
  check(await cp.locator('figure.timeline g.tl-mark.tl-done').count() >= 1, 'its mark');
  await cp.locator('figure.timeline').screenshot({ path: path.join(ART, '33-committee-timeline.png') });
  await shot(cp, '34-committee-meetings-forms');
  // An event, an invitation and what came of it.
  await cp.locator('#f-event-title').fill('AF DNS forum');
  await cp.locator('#f-event-date').fill(day(120));
  await cp.locator('#f-event-place').fill('Kigali');
  await cp.getByRole('button', { name: 'Add the event' }).click();
  await cp.waitForURL(/\/committee\/events\/\d+$/);
  await cp.locator('#f-invite-cctld').fill('rw, .bi');
  await cp.getByRole('button', { name: 'Invite' }).click();
  await cp.waitForURL(/#invited$/);
  await cp.locator('#f-outcome-cctld').selectOption('rw');
  await cp.locator('#f-outcome-outcome').selectOption('interested');
  await cp.getByRole('button', { name: 'Record the outcome' }).click();
  await cp.waitForURL(/#invited$/);
  await checkPage(cp, await cp.reload());
  check((await cp.textContent('main')).includes('interested'), 'outcome shown');
  await shot(cp, '35-committee-event');
  const eventUrl = cp.url().replace(/#.*/, '');
  const eventId = eventUrl.replace(/.*\//, '');
  // A presenter, then a material in a language the document lacks (refused,
  // nothing stored), then in the two it has: each listed, linked.
  await cp.locator('#f-presenter-name').fill('Amani <K.>');
  await cp.locator('#f-presenter-mode').selectOption('remote');
  await cp.getByRole('button', { name: 'Name the presenter' }).click();
  await cp.waitForURL(/#presenters$/);
  check(await cp.locator('#presenters + ul li', { hasText: 'Amani <K.> (remote)' }).count() === 1,
    'presenter listed');
  const evBefore = cli('event', 'show', eventId);
  await cp.locator('#f-material-doc').selectOption('kit');
  await cp.locator('#f-material-lang').fill('en sw');
  const [noSw] = await Promise.all([
    cp.waitForResponse((r) => r.request().method() === 'POST'),
    cp.getByRole('button', { name: 'Add the material' }).click()]);
  await cp.waitForSelector('#material-error');
  check(noSw.status() === 404, `material refused with ${noSw.status()}`);
  await checkPage(cp, noSw);
  check((await cp.textContent('#material-error')).startsWith('lang: kit has no version in sw'),
    'the error names the language');
  check(await cp.locator('#f-material-lang').getAttribute('aria-invalid') === 'true', 'lang aria-invalid');
  check(await cp.locator('#f-material-lang').inputValue() === 'en sw', 'typed languages kept');
  check(await cp.locator('#f-material-doc').inputValue() === 'kit', 'chosen document kept');
  check(JSON.stringify(cli('event', 'show', eventId)) === JSON.stringify(evBefore), 'nothing stored');
  await shot(cp, '37-committee-event-material-error');
  await cp.locator('#f-material-lang').fill('en, fr');
  await cp.getByRole('button', { name: 'Add the material' }).click();
  await cp.waitForURL(/#materials$/);
  check(await cp.locator('#materials + ul a[href="/docs/kit?lang=fr"]').textContent() ===
    'Kit de sensibilisation', 'material linked');
  check(JSON.stringify(cli('event', 'show', eventId).materials) ===
    JSON.stringify([{ slug: 'kit', lang: 'en' }, { slug: 'kit', lang: 'fr' }]), 'materials stored');
  await shot(cp, '38-committee-event-presenters-materials');
  // The initiative of this test gets a document as its deliverable.
  await goto(cp, initiativePage);
  await cp.locator('#f-deliverable-doc').selectOption('kit');
  await cp.getByRole('button', { name: 'Add the deliverable' }).click();
  await cp.waitForURL(/#deliverables$/);
  check(await cp.locator('#deliverables ~ ul a[href="/docs/kit"]').textContent() === 'Outreach kit',
    'deliverable linked');
  const dl = await Promise.all([cp.waitForEvent('download'),
    cp.locator('#deliverables ~ ul a[href="/docs/kit"]').click()]);
  check(dl[0].suggestedFilename().startsWith('kit-en-'), `deliverable downloads: ${dl[0].suggestedFilename()}`);
  await shot(cp, '39-committee-initiative-deliverable');
  planPages = [initiativePage, eventUrl];
  const initiativeUrl = BASE + '/committee/initiatives/1';
  await committee.close();

  // A member gets the 403 page on every committee page, without committee data in it.
  for (const url of ['/committee', '/committee/meetings', '/committee/stats', '/committee/outreach',
    '/committee/actions', '/committee/pack/ICANN84', initiativeUrl.slice(BASE.length),
    eventUrl.slice(BASE.length)]) {
    const resp = await page.goto(BASE + url);
    check(resp.status() === 403, `member ${url}: ${resp.status()}`);
    const html = await page.content();
    check(html.includes('Not for your role'), `member ${url}: the 403 page`);
    for (const secret of ['DNSSEC workshop', 'Regional DR', 'AP roadshow', 'AF DNS forum', 'ICANN84',
      'Two new members', '<svg', 'Mailed the']) {
      check(!html.includes(secret), `member ${url} sees ${secret}`);
    }
  }
  await shot(page, '36-member-refused');
});

await test('the committee plans on a phone', async () => {
  const [committee, cp] = await committeePage();
  await cp.setViewportSize({ width: 390, height: 844 });
  const pages = [['40-phone-meetings', BASE + '/committee/meetings'],
    ['41-phone-initiative', planPages[0]], ['42-phone-event', planPages[1]]];
  check(pages.every(([, url]) => url), 'the pages of the test before');
  for (const [name, url] of pages) {
    await goto(cp, url);
    const out = await sticksOut(cp);
    check(out.length === 0, `${name}: sticks out on a phone: ${out.join('; ')}`);
    const bad = await formsUsable(cp);
    check(bad.length === 0, `${name}: form controls off screen or too small: ${bad.join('; ')}`);
    await shot(cp, name);
  }
  // The timeline scrolls inside its figure, never the page.
  await goto(cp, BASE + '/committee/meetings');
  const fig = await cp.locator('figure.timeline').evaluate((f) => [f.scrollWidth, f.clientWidth]);
  check(fig[1] <= 390, `the timeline's frame fits: ${fig}`);
  // A form works there: a presenter named on the phone.
  await goto(cp, planPages[1]);
  await cp.locator('#f-presenter-name').fill('Phone Presenter');
  await cp.getByRole('button', { name: 'Name the presenter' }).click();
  await cp.waitForURL(/#presenters$/);
  check(await cp.locator('#presenters + ul li', { hasText: 'Phone Presenter (in-person)' }).count() === 1,
    'named from the phone');
  await committee.close();
});

await test('small screens and sign out', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await goto(page, BASE + '/search?q=nl');
  await shot(page, '16-search-mobile');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!overflow, 'no horizontal scrolling on a phone');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(BASE + '/');
  const resp = await page.goto(BASE + '/me');
  check(page.url() === BASE + '/login', `signed out: ${page.url()} ${resp.status()}`);
});

await browser.close();
console.log(`web browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
