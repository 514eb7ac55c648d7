// SPDX-License-Identifier: MIT
// Administration in headless chromium (run by tests/web/run after
// collateral.mjs, against the same server): exceptions and the list's
// allowed senders as the committee, accounts and API tokens, the bounce
// filter and the IANA page as the secretariat; each form with a bad value first and
// then a good one, at 1280 and 390 px with nothing wider than the screen;
// the wrong role refused.
import { chromium } from 'playwright-core';
import { BASE, check, goto, shot, signedIn, sticksOut, runner } from './lib.mjs';

const COM = 'chris@committee.example';
const SEC = 'kim@secretariat.example';
const MEMBER = 'jan@sidn.example';
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

async function submit(p, button) {
  await p.getByRole('button', { name: button, exact: true }).click();
  await p.waitForLoadState();
}

async function notice(p) {
  return (await p.locator('.notice').textContent()) || '';
}

for (const width of [1280, 390]) {
  const tag = width === 390 ? 'phone' : 'desk';
  await test(`exceptions and allowed senders: add, refuse, remove (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, COM, width);
    await goto(p, BASE + '/committee');
    await p.getByRole('link', { name: 'Exceptions and senders' }).first().click();
    await p.waitForURL(/\/committee\/exceptions$/);
    await fits(p, `90-exceptions-${tag}`);
    // An address that is not one: refused naming email, the reason kept.
    await p.locator('#f-exception-email').fill('security at nic');
    await p.locator('#f-exception-reason').fill(`Liaison (${tag})`);
    await submit(p, 'Add the exception');
    check((await p.locator('#exception-error').textContent()).startsWith('email'), 'names email');
    check(await p.locator('#f-exception-email[aria-invalid=true]').count() === 1, 'email marked');
    check(await p.locator('#f-exception-reason').inputValue() === `Liaison (${tag})`, 'reason kept');
    await fits(p, `91-exception-refused-${tag}`);
    const addr = `security@${tag}.example`;
    await p.locator('#f-exception-email').fill(addr);
    await submit(p, 'Add the exception');
    await p.waitForURL(/done=exception#exceptions$/);
    check((await notice(p)).includes('recorded'), 'says it was recorded');
    const row = p.locator('section[aria-labelledby=exceptions] tr', { hasText: addr });
    check(await row.count() === 1, 'listed');
    check((await row.textContent()).includes(`Liaison (${tag})`), 'with its reason');
    // The allowed senders: a reason is required (the browser's check taken off).
    const sender = `noc@${tag}-registry.example`;
    await p.locator('#f-allowed-email').fill(sender);
    await p.locator('#f-allowed-reason').evaluate((e) => e.removeAttribute('required'));
    await submit(p, 'Allow the sender');
    check((await p.locator('#allowed-error').textContent()).startsWith('reason'), 'names reason');
    check(await p.locator('#f-allowed-reason[aria-invalid=true]').count() === 1, 'reason marked');
    check(await p.locator('#f-allowed-email').inputValue() === sender, 'address kept');
    await p.locator('#f-allowed-reason').fill('Registry NOC');
    await submit(p, 'Allow the sender');
    await p.waitForURL(/done=allowed#allowed-senders$/);
    check((await notice(p)).includes('allowed'), 'says it was allowed');
    await fits(p, `92-allowed-${tag}`);
    await p.getByRole('button', { name: `Remove the sender ${sender}` }).click();
    await p.waitForURL(/done=allowed-removed/);
    check(await p.locator('section[aria-labelledby=allowed-senders] tr', { hasText: sender }).count() === 0,
      'the sender is gone');
    await p.getByRole('button', { name: `Remove the exception for ${addr}` }).click();
    await p.waitForURL(/done=exception-removed/);
    check((await notice(p)).includes('removed'), 'says it was removed');
    check(await p.locator('section[aria-labelledby=exceptions] tr', { hasText: addr }).count() === 0,
      'the exception is gone');
    await ctx.close();
  });

  await test(`accounts and tokens: add, token once, revoke, disable, remove (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, SEC, width);
    await goto(p, BASE + '/contacts');
    await p.getByRole('link', { name: 'Accounts and tokens' }).click();
    await p.waitForURL(/\/accounts$/);
    await fits(p, `93-accounts-${tag}`);
    const who = `erin-${tag}@forms.example`;
    await p.locator('#f-account-email').fill('erin at forms');
    await p.locator('#f-account-role').selectOption('committee');
    await submit(p, 'Add the account');
    check((await p.locator('#account-error').textContent()).startsWith('email'), 'names email');
    check(await p.locator('#f-account-email[aria-invalid=true]').count() === 1, 'email marked');
    check(await p.locator('#f-account-role').inputValue() === 'committee', 'role kept');
    await fits(p, `94-account-refused-${tag}`);
    await p.locator('#f-account-email').fill(who);
    await submit(p, 'Add the account');
    await p.waitForURL(/done=added#accounts$/);
    check((await notice(p)).includes('added'), 'says it was added');
    check(await p.locator('section[aria-labelledby=accounts] tr', { hasText: who }).count() === 1, 'listed');
    // A token: a bad number of days first, then one shown once.
    await p.locator('#f-token-email').fill(who);
    await p.locator('#f-token-days').fill('many');
    await submit(p, 'Create the token');
    check((await p.locator('#token-error').textContent()).startsWith('days'), 'names days');
    check(await p.locator('#f-token-email').inputValue() === who, 'address kept');
    await p.locator('#f-token-days').fill('7');
    await submit(p, 'Create the token');
    const secret = await p.locator('#new-token').inputValue();
    check(/^[A-Za-z0-9_-]{43}$/.test(secret), `a token: ${secret.length}`);
    check((await notice(p)).includes(who), 'for whom');
    await fits(p, `95-token-${tag}`);
    await p.getByRole('link', { name: 'Back to the accounts and tokens' }).click();
    await p.waitForLoadState();
    check(!(await p.content()).includes(secret), 'shown once only');
    const row = p.locator('section[aria-labelledby=tokens] tr', { hasText: who });
    check(await row.count() === 1, 'the token listed');
    await row.getByRole('button', { name: /^Revoke token/ }).click();
    await p.waitForURL(/done=revoked#tokens$/);
    check((await notice(p)).includes('revoked'), 'says it was revoked');
    check(await p.locator('section[aria-labelledby=tokens] tr', { hasText: who }).count() === 0, 'gone');
    await p.getByRole('button', { name: `Disable the account of ${who}` }).click();
    await p.waitForURL(/done=disabled#accounts$/);
    check((await notice(p)).includes('disabled'), 'says it was disabled');
    // Listed as disabled, no longer with a Disable button; Remove frees the address.
    const acct = p.locator('section[aria-labelledby=accounts] tr', { hasText: who });
    check(await acct.count() === 1 && (await acct.textContent()).includes('disabled'), 'shown disabled');
    check(await p.getByRole('button', { name: `Disable the account of ${who}` }).count() === 0, 'not active');
    await fits(p, `96-account-disabled-${tag}`);
    await p.getByRole('button', { name: `Remove the account of ${who}` }).click();
    await p.waitForURL(/done=removed#accounts$/);
    check((await notice(p)).includes('removed'), 'says it was removed');
    check(await p.locator('section[aria-labelledby=accounts] tr', { hasText: who }).count() === 0, 'gone');
    await ctx.close();
  });

  await test(`contacts: the bounce filter (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, SEC, width);
    await goto(p, BASE + '/contacts?bounces=bounced');
    check((await p.locator('#filter-error').textContent()).startsWith('bounces'), 'a bad filter named');
    check(await p.locator('#bounces[aria-invalid=true]').count() === 1, 'marked');
    await p.locator('#bounces').selectOption('none');
    await submit(p, 'Show');
    await p.waitForURL(/bounces=none/);
    check(/contacts? match/.test(await p.locator('#count').textContent()), 'a count');
    check((await p.locator('td.bounces').first().textContent()) === 'delivered', 'the mail column');
    await fits(p, `97-contacts-bounces-${tag}`);
    await p.locator('#bounces').selectOption('undeliverable');
    await submit(p, 'Show');
    await p.waitForURL(/bounces=undeliverable/);
    check(await p.locator('#bounces').inputValue() === 'undeliverable', 'the filter kept');
    await ctx.close();
  });

  await test(`IANA: paste whois text, a bad one first; fetch (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, SEC, width);
    const code = width === 390 ? 'lu' : 'ch';
    const rec = (admin) => `domain:       ${code.toUpperCase()}\norganisation: Registry ${code}\n\n` +
      `contact:      administrative\nname:         Admin ${code}\ne-mail:       ${admin}\n\n` +
      `contact:      technical\nname:         Tech ${code}\ne-mail:       tech@${code}-iana.example\n\n` +
      'source:       IANA\n';
    await goto(p, BASE + '/contacts');
    await p.getByRole('link', { name: 'IANA records' }).click();
    await p.waitForURL(/\/iana$/);
    await fits(p, `98-iana-${tag}`);
    await p.locator('#f-import-whois').fill(rec('admin@' + code + '-iana.example').replace('domain:', 'domian:'));
    await submit(p, 'Record');
    check((await p.locator('#import-error').textContent()).startsWith('whois'), 'names whois');
    check(await p.locator('#f-import-whois[aria-invalid=true]').count() === 1, 'marked');
    check((await p.locator('#f-import-whois').inputValue()).includes('domian:'), 'the text kept');
    await fits(p, `99-iana-refused-${tag}`);
    await p.locator('#f-import-whois').fill(rec(`admin@${code}-iana.example`));
    await submit(p, 'Record');
    await p.waitForURL(/done=imported&records=1&changed=1#recent$/);
    check((await notice(p)).includes('1 record read: 1 changed'), 'confirmed');
    const row = p.locator('section[aria-labelledby=recent] tr', { hasText: `.${code}` }).first();
    check((await row.textContent()).includes(`new record: admin admin@${code}-iana.example`), 'shown');
    // Fetch: a ccTLD that is not one first.
    await p.locator('#f-fetch-codes').fill('not-a-tld');
    await submit(p, 'Fetch the records');
    check((await p.locator('#fetch-error').textContent()).startsWith('codes'), 'names codes');
    check(await p.locator('#f-fetch-codes').inputValue() === 'not-a-tld', 'kept');
    await ctx.close();
  });
}
await test('accounts: the committee is refused', async () => {
  const [ctx, p] = await signedIn(browser, COM, 1280);
  const r = await p.goto(BASE + '/accounts');
  check(r.status() === 403, `committee: ${r.status()}`);
  await ctx.close();
});
await test('exceptions: a member is refused', async () => {
  const [ctx, p] = await signedIn(browser, MEMBER, 1280);
  const r = await p.goto(BASE + '/committee/exceptions');
  check(r.status() === 403, `member: ${r.status()}`);
  await ctx.close();
});
await browser.close();
process.exit(done('web admin') ? 1 : 0);
