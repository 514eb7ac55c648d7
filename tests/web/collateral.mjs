// SPDX-License-Identifier: MIT
// The committee's action items and objectives in headless chromium (run by
// tests/web/run after tools.mjs, against the same server): each form as the
// committee, a bad value first and then a good one, at 1280 and 390 px with
// nothing wider than the screen; a member refused.
import { chromium } from 'playwright-core';
import { BASE, check, goto, shot, signedIn, sticksOut, runner } from './lib.mjs';

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

async function submit(p, button) {
  await p.getByRole('button', { name: button, exact: true }).click();
  await p.waitForLoadState();
}

for (const width of [1280, 390]) {
  const tag = width === 390 ? 'phone' : 'desk';
  await test(`action items: add, note, edit, close, reopen (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, COM, width);
    await goto(p, BASE + '/committee/actions');
    await fits(p, `80-actions-${tag}`);
    // A number that is not one: refused naming it, what was typed kept.
    await p.locator('#f-action-title').fill(`Plan the ${tag} workshop`);
    await p.locator('#f-action-number').fill('ninety');
    await submit(p, 'Add the action item');
    check((await p.locator('#action-error').textContent()).startsWith('number'), 'names number');
    check(await p.locator('#f-action-number[aria-invalid=true]').count() === 1, 'number marked');
    check(await p.locator('#f-action-title').inputValue() === `Plan the ${tag} workshop`, 'kept');
    await fits(p, `81-action-refused-${tag}`);
    await p.locator('#f-action-number').fill('');
    await submit(p, 'Add the action item');
    await p.waitForURL(/\/committee\/actions\/\d+\?done=added$/);
    check((await p.locator('.notice').textContent()).includes('added'), 'says it was added');
    // A note, an edit (an empty title first), closing and reopening.
    await p.locator('#f-note-note').fill('Asked the venue');
    await submit(p, 'Add the note');
    await p.waitForURL(/\?done=noted$/);
    check((await p.locator('ul.notes').textContent()).includes('Asked the venue'), 'the note shows');
    await p.locator('#f-edit-title').evaluate((e) => e.removeAttribute('required'));
    await p.locator('#f-edit-title').fill('');
    await submit(p, 'Save the changes');
    check((await p.locator('#edit-error').textContent()).startsWith('title'), 'names title');
    await p.locator('#f-edit-title').fill(`Run the ${tag} workshop`);
    await p.locator('#f-edit-owner').fill('Kim');
    await submit(p, 'Save the changes');
    await p.waitForURL(/\?done=saved$/);
    check((await p.locator('dl.fields').textContent()).includes(`Run the ${tag} workshop`), 'edited');
    await p.locator('#f-close-note').fill('Held in Tokyo');
    await submit(p, 'Close');
    await p.waitForURL(/\?done=closed$/);
    check((await p.locator('#current-state').textContent()) === 'closed', 'closed');
    await fits(p, `82-action-closed-${tag}`);
    await submit(p, 'Reopen');
    await p.waitForURL(/\?done=reopened$/);
    check((await p.locator('#current-state').textContent()) === 'open', 'reopened');
    await ctx.close();
  });

  await test(`objectives: add, state, text (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, COM, width);
    await goto(p, BASE + '/committee/actions');
    await p.locator('#f-objective-meeting').fill('NoSuchMeeting');
    await p.locator('#f-objective-text').fill(`More members (${tag})`);
    await submit(p, 'Add the objective');
    check((await p.locator('#objective-error').textContent()).startsWith('meeting'), 'names meeting');
    await p.locator('#f-objective-meeting').fill('ICANN84');
    await submit(p, 'Add the objective');
    await p.waitForURL(/done=objective/);
    await p.getByRole('link', { name: `More members (${tag})` }).click();
    await p.waitForLoadState();
    await p.locator('#f-state-state').selectOption('met');
    await submit(p, 'Save the state');
    await p.waitForURL(/\?done=state$/);
    check((await p.locator('#current-state').textContent()) === 'met', 'met');
    await fits(p, `83-objective-${tag}`);
    await ctx.close();
  });

  await test(`objectives: one that measures itself (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, COM, width);
    const text = `Three more members (${tag})`;
    await goto(p, BASE + '/committee/actions');
    await p.locator('#f-objective-meeting').fill('ICANN84');
    await p.locator('#f-objective-text').fill(text);
    await p.locator('#f-objective-measure').selectOption('members');
    await p.locator('#f-objective-target').fill('three');
    await submit(p, 'Add the objective');
    const said = await p.locator('#objective-error').textContent();
    check(said.startsWith('target: ') && said.includes('is not +N'), `names target: ${said}`);
    check(await p.locator('#f-objective-target[aria-invalid=true]').count() === 1, 'target marked');
    check(await p.locator('#f-objective-measure').inputValue() === 'members', 'measure kept');
    check(await p.getByRole('link', { name: text }).count() === 0, 'nothing stored');
    await fits(p, `83-objective-target-refused-${tag}`);
    await p.locator('#f-objective-target').fill('+3');
    await submit(p, 'Add the objective');
    await p.waitForURL(/done=objective/);
    const row = p.locator('tr', { has: p.getByRole('link', { name: text }) });
    check((await row.locator('td[data-label=Target]').textContent()) === 'members +3',
      'listed with its target');
    // Its state: as the pack of the meeting after ICANN84 evaluates it.
    const state = await row.locator('td[data-label=State]').textContent();
    check(/^((not yet|met so far): members \d+ → \d+, target \+3 \(by .+\)|not evaluated yet: .+)$/.test(state),
      `evaluated, not marked: ${state}`);
    await p.getByRole('link', { name: text }).click();
    await p.waitForLoadState();
    check((await p.locator('#current-target').textContent()) === 'members +3', 'its target');
    check((await p.locator('#current-state').textContent()) === state, 'the same state on its page');
    check(await p.locator('#f-state-state').count() === 0, 'no state to set by hand');
    check(await p.locator('#measured').isVisible(), 'says it measures itself');
    await fits(p, `83-objective-measured-${tag}`);
    await ctx.close();
  });

  await test(`outreach: filter, pages, owner, state and a note (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, COM, width);
    await goto(p, BASE + '/committee/outreach');
    check(/ccTLDs match; page 1 of \d+/.test(await p.locator('#count').textContent()), 'a count');
    check(await p.locator('section[aria-labelledby=nonmembers] tbody tr').first().isVisible(), 'rows');
    await fits(p, `84-outreach-${tag}`);
    await p.getByRole('link', { name: 'Next page' }).click();
    await p.waitForURL(/page=2/);
    check((await p.locator('#count').textContent()).includes('page 2 of'), 'page 2');
    await p.locator('#region').selectOption('AF');
    await p.locator('#state').selectOption('none');
    await submit(p, 'Show');
    await p.waitForURL(/region=AF/);
    check(!(await p.locator('section[aria-labelledby=nonmembers] table').textContent()).includes('EU'), 'Africa only');
    // A member's state can only be joined: refused naming state.
    await goto(p, BASE + '/committee/outreach/nl');
    await p.locator('#f-outreach-state').selectOption('declined');
    await submit(p, 'Save');
    check((await p.locator('#outreach-error').textContent()).startsWith('state'), 'names state');
    check(await p.locator('#f-outreach-state[aria-invalid=true]').count() === 1, 'state marked');
    await fits(p, `85-outreach-refused-${tag}`);
    // A ccTLD to reach: owner, state, note.
    const code = width === 390 ? 'gh' : 'sn';
    await goto(p, BASE + `/committee/outreach/${code}`);
    await p.locator('#f-outreach-owner').fill('Kim');
    await p.locator('#f-outreach-state').selectOption('contacted');
    await p.locator('#f-outreach-note').fill('Called at <AFTLD>');
    await submit(p, 'Save');
    await p.waitForURL(/\?done=saved$/);
    check((await p.locator('#current-state').textContent()) === 'contacted', 'contacted');
    check((await p.locator('ul.notes').textContent()).includes('Called at <AFTLD>'), 'the note');
    await fits(p, `86-outreach-entry-${tag}`);
    await goto(p, BASE + '/committee/outreach?owner=Kim&state=contacted');
    check((await p.locator('section[aria-labelledby=nonmembers] table').textContent()).includes(`.${code}`), 'found by owner');
    await ctx.close();
  });

  await test(`documents: upload a version, a bad slug first, remove (${width} px)`, async () => {
    const [ctx, p] = await signedIn(browser, COM, width);
    const slug = `guide-${tag}`;
    const file = { name: 'guide.md', mimeType: 'text/markdown', buffer: Buffer.from('# Guide\n\nStep one.\n') };
    await goto(p, BASE + '/committee/docs');
    await fits(p, `87-docs-${tag}`);
    await p.locator('#f-upload-file').setInputFiles(file);
    await p.locator('#f-upload-slug').fill('Not A Slug');
    await p.locator('#f-upload-title').fill(`Guide (${tag})`);
    await p.locator('#f-upload-visibility').selectOption('members');
    await submit(p, 'Upload');
    check((await p.locator('#upload-error').textContent()).startsWith('slug'), 'names slug');
    check(await p.locator('#f-upload-slug[aria-invalid=true]').count() === 1, 'slug marked');
    check(await p.locator('#f-upload-title').inputValue() === `Guide (${tag})`, 'title kept');
    await fits(p, `88-docs-refused-${tag}`);
    await p.locator('#f-upload-file').setInputFiles(file);
    await p.locator('#f-upload-slug').fill(slug);
    await submit(p, 'Upload');
    await p.waitForURL(/\?done=added$/);
    check((await p.locator('.notice').textContent()).includes('added'), 'says it was added');
    const sec = p.locator(`section[aria-labelledby=doc-${slug}-en]`);
    check((await sec.textContent()).includes('1 (current)'), 'version 1 listed');
    await sec.getByLabel('Reason (kept in the history)').fill('a browser test');
    await sec.getByRole('button', { name: 'Remove this language' }).click();
    await p.waitForURL(/\?done=removed$/);
    check((await p.locator(`section[aria-labelledby=doc-${slug}-en]`).textContent()).includes('a browser test'),
      'the removal and its reason show');
    await ctx.close();
  });
}
await test('action items: a member is refused', async () => {
  const [ctx, p] = await signedIn(browser, 'jan@sidn.example', 1280);
  const r = await p.goto(BASE + '/committee/actions/1');
  check(r.status() === 403, `member: ${r.status()}`);
  await ctx.close();
});
await browser.close();
process.exit(done('web collateral') ? 1 : 0);
