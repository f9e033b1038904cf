import { test as base, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const PASSWORD = 'waymark-demo';

export const DEMO = {
  // The head of systems also line-manages the trust's IT technicians.
  admin: { email: 'admin@waymark.test', name: 'Priya Shah', nav: ['Home', 'My evidence', 'My portfolio', 'To verify', 'Framework', 'Pathways', 'Celebrate', 'My team', 'People', 'Manage framework', 'Evidence settings', 'Recognition', 'Academies'] },
  hr: { email: 'hr@waymark.test', name: 'Marcus Bennett', nav: ['Home', 'My evidence', 'My portfolio', 'Framework', 'Pathways', 'Celebrate', 'People', 'Recognition'] },
  manager: { email: 'manager@waymark.test', name: 'Hannah Okafor', nav: ['Home', 'My evidence', 'My portfolio', 'To verify', 'Framework', 'Pathways', 'Celebrate', 'My team'] },
  staff: { email: 'staff@waymark.test', name: 'Sam Taylor', nav: ['Home', 'My evidence', 'My portfolio', 'Framework', 'Pathways', 'Celebrate'] },
} as const;

/**
 * The link to `path` (such as `/password/`) in the latest e-mail to `address` that arrived
 * after `since` (a `Date.now()`), read from the local SMTP sink; waits up to ten seconds.
 */
export async function linkInMail(address: string, path: string, since: number): Promise<string> {
  const port = process.env.WAYMARK_E2E_MAIL_PORT ?? '3126';
  for (let tries = 0; tries < 50; tries++) {
    const messages: { to: string[]; data: string; at: number }[] = await (
      await fetch(`http://127.0.0.1:${port}/messages`)
    ).json();
    const mail = messages.reverse().find((m) => m.at >= since && m.to.includes(address));
    if (mail) {
      // Quoted-printable folds long lines with "=" at the end.
      const body = mail.data.replace(/=\r\n/g, '').replace(/=3D/g, '=');
      const found = body.match(new RegExp(`https?://[^\\s]*${path}[A-Za-z0-9]+`));
      if (found) return new URL(found[0]).pathname;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no e-mail to ${address} with a ${path} link`);
}

/** Whether this run has JavaScript (and so hydration). */
export function hydrated(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/**
 * A page that fails the test on any script error, console error or failed sub-resource
 * (a missing stylesheet, wasm or favicon), so a broken hydration cannot pass unnoticed.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use, testInfo) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A document answered with 403/404 is logged by Chromium; tests check statuses themselves.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      // A server function refusing bad input answers 4xx on purpose; anything else failing
      // (5xx anywhere, or a missing stylesheet, script or wasm) is a problem.
      const refusal = response.url().includes('/api/') && response.status() < 500;
      if (response.request().resourceType() !== 'document' && response.status() >= 400 && !refusal) {
        problems.push(`${response.status()} for ${response.url()}`);
      }
    });
    await use(page);
    expect(problems, `problems on ${testInfo.title}`).toEqual([]);
  },
});
export { expect };

/** Opens `path` and, when JavaScript is on, waits until the page has hydrated. */
export async function visit(page: Page, path: string, testInfo: TestInfo) {
  const response = await page.goto(path);
  await settle(page, testInfo);
  return response;
}

/** Waits for hydration after a navigation (no-op without JavaScript). */
export async function settle(page: Page, testInfo: TestInfo) {
  if (hydrated(testInfo)) {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, testInfo: TestInfo, password = PASSWORD) {
  await visit(page, '/sign-in', testInfo);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  await settle(page, testInfo);
}

/**
 * Fails on any WCAG 2.2 A/AA violation axe-core can find on the page as it is now.
 *
 * axe runs as a script, so for a page opened with JavaScript off it scans the very same HTML
 * in a second, script-enabled page whose app bundle is blocked (so nothing hydrates).
 */
export async function expectAccessible(page: Page, testInfo: TestInfo) {
  let target = page;
  let scratch: BrowserContext | undefined;
  if (!hydrated(testInfo)) {
    const html = await page.content();
    const url = page.url();
    scratch = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    target = await scratch.newPage();
    await target.route('**/pkg/*.js', (route) => route.abort());
    await target.route('**/pkg/*.wasm', (route) => route.abort());
    await target.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await target.goto(url);
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  await scratch?.close();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}


/**
 * Runs `work` while holding a lock shared by every worker, for journeys that change what
 * everyone sees (publishing a framework version) and must not interleave.
 */
export async function exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
  // Inside the server's data folder, which every run starts afresh, so a lock left by an
  // interrupted run never blocks the next.
  const dir = path.resolve('..', 'target', 'e2e', `lock-${name}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await fs.mkdir(dir);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited too long for the ${name} lock`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rmdir(dir);
  }
}
