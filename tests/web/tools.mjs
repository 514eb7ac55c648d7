// SPDX-License-Identifier: MIT
// The committee's tools in headless chromium (run by tests/web/run after
// secretariat.mjs): the audit log's filters, a bad one first, at 1280 and
// 390 px with nothing wider than the screen; a member refused.
import { chromium } from 'playwright-core';
import { BASE, check, goto, shot, signedIn, sticksOut, runner } from './lib.mjs';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const { test, done } = runner();

for (const width of [1280, 390]) {
  await test(`audit log: filters and pages (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, 'chris@committee.example', width);
    await goto(p, BASE + '/committee/audit');
    await p.locator('#since').fill('soon');
    await p.getByRole('button', { name: 'Show' }).click();
    await p.waitForLoadState();
    check((await p.locator('#filter-error').textContent()).startsWith('since'), 'names since');
    check(await p.locator('#since[aria-invalid=true]').count() === 1, 'since marked');
    await p.locator('#since').fill('');
    await p.locator('#object_type').fill('contact');
    await p.getByRole('button', { name: 'Show' }).click();
    await p.waitForURL(/object_type=contact/);
    check(/entr(y|ies) match/.test(await p.locator('#count').textContent()), 'a count');
    check((await p.locator('table.fold').textContent()).includes('contact.add'), 'contact rows');
    const out = await sticksOut(p);
    check(out.length === 0, `wider than the screen: ${out.join('; ')}`);
    await shot(p, `70-audit-${width === 390 ? 'phone' : 'desk'}`);
    await ctx.close();
  });
}
await test('audit log: a member is refused', async () => {
  const [ctx, p] = await signedIn(browser, 'jan@sidn.example', 1280);
  const r = await p.goto(BASE + '/committee/audit');
  check(r.status() === 403, `member: ${r.status()}`);
  await ctx.close();
});
await browser.close();
process.exit(done('web tools') ? 1 : 0);
