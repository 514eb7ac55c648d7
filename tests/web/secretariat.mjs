// SPDX-License-Identifier: MIT
// The secretariat's pages in headless chromium (run by tests/web/run after
// browser.mjs, against the same server): each form as the right role, the
// wrong role refused, a bad value first and then a good one, at 1280 and
// at 390 px with nothing wider than the screen.
import { chromium } from 'playwright-core';
import { BASE, check, goto, shot, signedIn, sticksOut, runner } from './lib.mjs';

const SEC = 'kim@secretariat.example';
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

for (const width of [1280, 390]) {
  await test(`contacts: list, filter, add, edit, remove, history (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, SEC, width);
    const tag = width === 390 ? 'phone' : 'desk';
    await goto(p, BASE + '/contacts');
    check(await p.locator('table.fold tbody tr').count() >= 3, 'the contacts are listed');
    await fits(p, `60-contacts-${tag}`);
    // A filter that is not one: refused naming the field, the list still offered.
    let resp = await goto(p, BASE + '/contacts?cctld=zz-nope');
    check(resp.status() === 404 || resp.status() === 422, `bad ccTLD filter: ${resp.status()}`);
    check((await p.locator('#filter-error').textContent()).startsWith('cctld'), 'the alert names cctld');
    check(await p.locator('#cctld[aria-invalid=true]').count() === 1, 'the field is marked');
    // By region and ccTLD, with the form.
    await goto(p, BASE + '/contacts');
    await p.locator('#region').selectOption('EU');
    await p.locator('#cctld').fill('nl');
    await p.getByRole('button', { name: 'Show' }).click();
    await p.waitForURL(/cctld=nl/);
    check((await p.locator('#count').textContent()).startsWith('1 contact match'), 'one Dutch contact');
    // Add: a bad address first (nothing stored, the field named), then a good one.
    await goto(p, BASE + '/contacts/new');
    const email = `new-${width}@sidn.example`;
    await p.locator('#f-add-cctld').fill('nl');
    await p.locator('#f-add-name').fill('Nieuw Contact');
    await p.locator('#f-add-email').fill('not-an-address');
    await p.locator('#f-add-phone').fill('+31 26 352 5599');
    await p.getByRole('button', { name: 'Add the contact' }).click();
    await p.waitForLoadState();
    check((await p.locator('#add-error').textContent()).startsWith('email'), 'the refusal names email');
    check(await p.locator('#f-add-email[aria-invalid=true]').count() === 1, 'email marked');
    check(await p.locator('#f-add-name').inputValue() === 'Nieuw Contact', 'what was typed is kept');
    await fits(p, `61-contact-add-refused-${tag}`);
    await p.locator('#f-add-email').fill(email);
    await p.getByRole('button', { name: 'Add the contact' }).click();
    await p.waitForURL(/\/contacts\/\d+\?done=added$/);
    check((await p.locator('.notice').textContent()).includes('added'), 'says it was added');
    const url = p.url().replace(/\?.*/, '');
    // Edit: a bad phone, then a good one.
    await p.locator('#f-edit-phone').fill('12');
    await p.getByRole('button', { name: 'Save the changes' }).click();
    await p.waitForLoadState();
    check((await p.locator('#edit-error').textContent()).startsWith('phone'), 'the refusal names phone');
    await p.locator('#f-edit-phone').fill('+31 26 352 5598');
    await p.locator('#f-edit-role').fill('Incident handler');
    await p.getByRole('button', { name: 'Save the changes' }).click();
    await p.waitForURL(/\?done=saved$/);
    check((await p.locator('dl.fields').textContent()).includes('Incident handler'), 'the change shows');
    check(await p.locator('#history ~ table tbody tr').count() === 2, 'history: added, updated');
    check((await p.locator('#history ~ table').textContent()).includes('phone, role'), 'history names the fields');
    await fits(p, `62-contact-${tag}`);
    // Remove: no reason is refused, with one it goes.
    await p.locator('#f-remove-reason').evaluate((e) => e.removeAttribute('required'));
    await p.getByRole('button', { name: 'Remove' }).click();
    await p.waitForLoadState();
    check((await p.locator('#remove-error').textContent()).startsWith('reason'), 'the refusal names reason');
    check((await goto(p, url)).status() === 200, 'still there after the refusal');
    await p.locator('#f-remove-reason').fill('left SIDN');
    await p.getByRole('button', { name: 'Remove' }).click();
    await p.waitForURL(/\/contacts\?done=removed$/);
    check((await p.locator('.notice').textContent()).includes('removed'), 'says it was removed');
    resp = await goto(p, url);
    check(resp.status() === 404, `gone: ${resp.status()}`);
    await ctx.close();
  });
}

for (const width of [1280, 390]) {
  await test(`import: a dry run names the bad lines, then apply (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, SEC, width);
    const tag = width === 390 ? 'phone' : 'desk';
    const n = width;  // distinct addresses per run
    const cc = width === 390 ? 'at' : 'de';  // a ccTLD has at most [policy] max_contacts_per_cctld
    const bad = `cctld,name,email,phone\n${cc},Anna ${n},anna${n}@denic.example,+49 69 27235 ${n}\n` +
      `${cc},Bert ${n},not-an-address,+49 69 27235 1${n}\nxx,Carl ${n},carl${n}@denic.example,+49 69 27235 2${n}\n`;
    await goto(p, BASE + '/import');
    await p.locator('#csv').fill(bad);
    await p.getByRole('button', { name: 'Check (dry run)' }).click();
    await p.waitForLoadState();
    const alert = await p.locator('#import-error').textContent();
    check(alert.startsWith('2 bad lines'), `the alert: ${alert}`);
    const rows = await p.locator('table.fold tbody tr').allTextContents();
    check(rows.length === 2 && rows[0].startsWith('3') && rows[0].includes('email') &&
      rows[1].startsWith('4') && rows[1].includes('cctld'), `the lines: ${rows}`);
    check(await p.getByRole('button', { name: 'Apply the import' }).count() === 0, 'no apply while bad');
    await fits(p, `63-import-refused-${tag}`);
    const good = `cctld,name,email,phone\n${cc},Anna ${n},anna${n}@denic.example,+49 69 27235 ${n}\n` +
      `${cc},Bert ${n},bert${n}@denic.example,+49 69 27235 1${n}\n`;
    await p.locator('#csv').fill(good);
    await p.getByRole('button', { name: 'Check (dry run)' }).click();
    await p.waitForLoadState();
    check((await p.locator('#import-plan').textContent()).includes('add 2 contacts'), 'the plan');
    await fits(p, `64-import-plan-${tag}`);
    await p.getByRole('button', { name: 'Apply the import' }).click();
    await p.waitForURL(/\/import\?done=applied/);
    check((await p.locator('.notice').textContent()).includes('2 added'), 'says what it did');
    await goto(p, BASE + `/contacts?cctld=${cc}`);
    check((await p.locator('table.fold').textContent()).includes(`Bert ${n}`), 'listed');
    await ctx.close();
  });
}

await test('contacts: the committee is refused, a browser gets HTML errors', async () => {
  const [ctx, p] = await signedIn(browser, COM, 1280);
  for (const url of ['/contacts', '/contacts/new', '/import']) {
    const r = await goto(p, BASE + url);
    check(r.status() === 403, `committee on ${url}: ${r.status()}`);
  }
  const resp = await goto(p, BASE + '/contacts');
  check((await p.locator('h1').textContent()).includes('Not for your role'), 'says why');
  check(await p.locator('a[href="/contacts"]').count() === 0, 'no Contacts link for the committee');
  const nf = await goto(p, BASE + '/no/such/page');
  check(nf.status() === 404 && nf.headers()['content-type'].startsWith('text/html'), 'an HTML 404');
  await ctx.close();
});

await browser.close();
process.exit(done('web secretariat') ? 1 : 0);
