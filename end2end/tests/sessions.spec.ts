import type { Browser, Page, TestInfo } from '@playwright/test';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect, DEMO, signIn, visit, settle, expectAccessible } from './support';

// People no other test signs in as (one per project, which run side by side): signing out
// everywhere ends every one of their sessions.
const PERSON = {
  hydrated: { email: 'amir.price@meridian.test', name: 'Amir Price' },
  'no-js': { email: 'oscar.shaw@meridian.test', name: 'Oscar Shaw' },
} as const;

/** A second browser (another device) signed in as `email`. */
async function anotherDevice(browser: Browser, email: string, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const page = await context.newPage();
  await signIn(page, email, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  return page;
}

async function stillSignedIn(page: Page, testInfo: TestInfo): Promise<boolean> {
  await visit(page, '/', testInfo);
  return !new URL(page.url()).pathname.startsWith('/sign-in');
}

test('someone signs out on every device from their record, and an administrator can do it for them', async ({ page, browser }, testInfo) => {
  const person = PERSON[testInfo.project.name as keyof typeof PERSON];
  await signIn(page, person.email, testInfo);
  const phone = await anotherDevice(browser, person.email, testInfo);

  await page.getByRole('link', { name: 'Your record and every change made to it' }).click();
  await settle(page, testInfo);
  const signingIn = page.getByRole('region', { name: 'Signing in' });
  await expect(signingIn).toContainText('ends your sign-in on every device');
  await expectAccessible(page, testInfo);
  await signingIn.getByRole('button', { name: 'Sign out everywhere' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toHaveText('You have signed out on every device.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  expect(await stillSignedIn(phone, testInfo)).toBe(false);

  // Signed in again, and signed out by an administrator.
  await signIn(page, person.email, testInfo);
  const admin = await anotherDevice(browser, DEMO.admin.email, testInfo);
  await visit(admin, `/people?q=${encodeURIComponent(person.name)}`, testInfo);
  await admin.getByRole('link', { name: person.name }).first().click();
  await settle(admin, testInfo);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(person.name);
  await admin.getByRole('button', { name: 'Sign them out everywhere' }).click();
  await settle(admin, testInfo);
  await expect(admin.getByRole('status')).toContainText('Signed out on every device (1 session ended).');
  await expectAccessible(admin, testInfo);
  expect(await stillSignedIn(page, testInfo)).toBe(false);
  expect(await stillSignedIn(admin, testInfo)).toBe(true);

  await phone.context().close();
  await admin.context().close();
});

// People no other test signs in as (one per project).
const IDLE = {
  hydrated: { email: 'aisha.hussain@meridian.test' },
  'no-js': { email: 'hannah.bell@meridian.test' },
} as const;

/**
 * Makes the session behind `page` look unused for `minutes`, as if its person had walked away:
 * its last use is moved back in the test server's database (rather than waiting half an hour).
 */
function ageSession(token: string, minutes: number) {
  const id = createHash('sha256').update(token).digest('hex');
  const lastSeen = new Date(Date.now() - minutes * 60_000).toISOString().replace('Z', '+00:00');
  const db = path.resolve('..', 'target', 'e2e', 'waymark.db');
  const script =
    'import sqlite3, sys\n' +
    'c = sqlite3.connect(sys.argv[1], timeout=10)\n' +
    'n = c.execute("UPDATE session SET last_seen_at = ? WHERE id = ?", (sys.argv[2], sys.argv[3])).rowcount\n' +
    'c.commit()\n' +
    'sys.exit(0 if n == 1 else 1)\n';
  execFileSync('python3', ['-c', script, db, lastSeen, id]);
}

test('a session left unused for half an hour ends, and the next visit asks to sign in again', async ({ page }, testInfo) => {
  const person = IDLE[testInfo.project.name as keyof typeof IDLE];
  await signIn(page, person.email, testInfo);
  await visit(page, '/portfolio', testInfo);
  expect(new URL(page.url()).pathname).toBe('/portfolio');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'waymark_session');
  expect(cookie, 'a session cookie').toBeTruthy();

  // Twenty-nine minutes away: still signed in (and that use counts as use).
  ageSession(cookie!.value, 29);
  await visit(page, '/portfolio', testInfo);
  expect(new URL(page.url()).pathname).toBe('/portfolio');

  // Thirty-one minutes away: the session has ended.
  ageSession(cookie!.value, 31);
  await visit(page, '/portfolio', testInfo);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  expect(new URL(page.url()).searchParams.get('next')).toBe('/portfolio');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expectAccessible(page, testInfo);
});
