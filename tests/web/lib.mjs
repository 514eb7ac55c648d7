// SPDX-License-Identifier: MIT
// Helpers of the browser tests (secretariat.mjs): the checks every page
// gets, what sticks out on a phone, signing in as an account.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const BASE = process.env.WEB_BASE;
export const BIN = process.env.WEB_BIN;
export const ART = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');
fs.mkdirSync(ART, { recursive: true });

export function check(cond, what) { if (!cond) throw new Error(what); }

export async function shot(page, name) {
  await page.screenshot({ path: path.join(ART, `${name}.png`), fullPage: true });
}

// Every page: security headers, one h1, a main landmark, labelled inputs.
export async function checkPage(page, resp) {
  const h = resp.headers();
  check(h['content-security-policy'].includes("default-src 'self'"), 'CSP');
  check(h['x-content-type-options'] === 'nosniff', 'nosniff');
  check(await page.locator('main').count() === 1, 'one <main>');
  check(await page.locator('h1').count() === 1, 'one <h1>');
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((e) => !(e.labels && e.labels.length) && !e.closest('label')).length);
  check(unlabelled === 0, `${unlabelled} form fields without a label`);
}

export async function goto(page, url) {
  const resp = await page.goto(url);
  await checkPage(page, resp);
  return resp;
}

// What is wider than the window: the page scrolling sideways, or an element of main past the edge.
export async function sticksOut(p) {
  return p.evaluate(() => {
    const w = document.documentElement.clientWidth, out = [];
    if (document.documentElement.scrollWidth > w + 1) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    for (const e of document.querySelectorAll('main *')) {
      if (e.closest('figure.timeline') && e.tagName !== 'FIGURE') continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && (r.right > w + 1 || r.left < -1)) {
        out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 5);
  });
}

// A one-time link (sign-in, authorisation): the server takes 20 a minute
// from one client address, and every browser test is the same client
// (127.0.0.1), so a refused one (429) is opened again in the next minute
// (the limit counts per minute of the clock).
export async function gotoLink(page, url) {
  let resp = await page.goto(url);
  if (resp.status() === 429) {
    await new Promise((r) => setTimeout(r, 61000 - (Date.now() % 60000)));
    resp = await page.goto(url);
  }
  await checkPage(page, resp);
  return resp;
}

// A new browser context of the given width, signed in as email (a login link from the CLI).
export async function signedIn(browser, email, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const p = await context.newPage();
  const link = execFileSync(BIN, ['login-link', '--email', email], { encoding: 'utf8' }).trim();
  await gotoLink(p, link);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForLoadState();
  return [context, p];
}

export function runner() {
  let passed = 0, failed = 0;
  return {
    async test(name, fn) {
      try {
        await fn();
        passed++;
        console.log(`ok   ${name}`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${name}: ${e.message}`);
      }
    },
    done(what) {
      console.log(`${what}: ${passed} passed, ${failed} failed`);
      return failed;
    },
  };
}
