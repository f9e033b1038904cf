import type { Browser, Page, TestInfo } from '@playwright/test';
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
