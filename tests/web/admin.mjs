// SPDX-License-Identifier: MIT
// Administration in headless chromium (run by tests/web/run after
// collateral.mjs, against the same server): exceptions and the list's
// allowed senders as the committee; each form with a bad value first and
// then a good one, at 1280 and 390 px with nothing wider than the screen;
// the wrong role refused.
import { chromium } from 'playwright-core';
import { BASE, check, goto, shot, signedIn, sticksOut, runner } from './lib.mjs';

const COM = 'chris@committee.example';
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
}
await test('exceptions: a member is refused', async () => {
  const [ctx, p] = await signedIn(browser, MEMBER, 1280);
  const r = await p.goto(BASE + '/committee/exceptions');
  check(r.status() === 403, `member: ${r.status()}`);
  await ctx.close();
});
await browser.close();
process.exit(done('web admin') ? 1 : 0);
