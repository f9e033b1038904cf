import type { Page, TestInfo } from '@playwright/test';
import { test, expect, DEMO, signIn, visit, settle, expectAccessible } from './support';

// People no other test signs in as (one per project, which run side by side).
const PERSON = {
  hydrated: { email: 'natalie.kaur@meridian.test', name: 'Natalie Kaur' },
  'no-js': { email: 'joseph.nowak@meridian.test', name: 'Joseph Nowak' },
} as const;

const providerPort = process.env.WAYMARK_E2E_OIDC_PORT ?? '3127';

/** At the provider's own sign-in page (npm oidc-provider, started by the test run): signs in as `account`. */
async function atProvider(page: Page, account: string) {
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${providerPort}/interaction/`));
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('not checked');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.port !== providerPort);
}

test('a member of staff signs in with Microsoft and lands where they were going', async ({ page }, testInfo) => {
  const person = PERSON[testInfo.project.name as keyof typeof PERSON];
  await visit(page, '/portfolio', testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByText('Use your trust account, or your e-mail address and Waymark password.')).toBeVisible();
  await expectAccessible(page, testInfo);

  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await atProvider(page, person.email);
  await settle(page, testInfo);
  expect(new URL(page.url()).pathname).toBe('/portfolio');
  await expect(page.getByRole('banner')).toContainText(person.name);

  // Signing out and in again: the account is now linked and recognised at once.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toHaveText('You have signed out.');
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  // The provider may remember them (its own session) and send them straight back.
  await page.waitForURL(
    (url) => (url.port === providerPort && url.pathname.startsWith('/interaction/')) || (url.port !== providerPort && url.pathname === '/'),
  );
  if (new URL(page.url()).port === providerPort) await atProvider(page, person.email);
  await settle(page, testInfo);
  expect(new URL(page.url()).pathname).toBe('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
});

test('someone Waymark does not know is asked to see their administrator, and a leaver too', async ({ page }, testInfo) => {
  for (const account of [`new.starter.${testInfo.project.name}@meridian.test`, 'george.atkinson@meridian.test']) {
    await page.context().clearCookies();
    await visit(page, '/sign-in', testInfo);
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await atProvider(page, account);
    await settle(page, testInfo);
    expect(new URL(page.url()).pathname).toBe('/ask-your-administrator');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask your administrator');
    await expect(page.getByText('Waymark does not create accounts by itself.')).toBeVisible();
    await expectAccessible(page, testInfo);
    // Still nobody signed in.
    await visit(page, '/', testInfo);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  }
});

test('an account from another tenant or without a verified e-mail is refused with a plain message', async ({ page }, testInfo) => {
  for (const [account, message] of [
    ['outsider.someone@elsewhere.test', 'That account belongs to another organisation.'],
    [`unverified.${testInfo.project.name}@meridian.test`, 'Your account did not confirm an e-mail address'],
  ]) {
    await page.context().clearCookies();
    await visit(page, '/sign-in', testInfo);
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await atProvider(page, account);
    await settle(page, testInfo);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('You are not signed in');
    await expect(alert).toContainText(message);
    await expectAccessible(page, testInfo);
  }
});

test('an administrator cannot switch passwords off before signing in with Microsoft themselves', async ({ page }, testInfo) => {
  await signIn(page, DEMO.admin.email, testInfo);
  await visit(page, '/people', testInfo);
  await page.getByRole('link', { name: 'Sign-in settings' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in settings');
  await expect(page.getByText('Set up on this server: Microsoft.')).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole('button', { name: 'Require trust accounts for everyone' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Sign in with Microsoft or Google yourself first');
  await expect(page.getByText('People can sign in with their trust account or with a Waymark password.')).toBeVisible();
});
