import type { Page, TestInfo } from '@playwright/test';
import { test, expect, DEMO, signIn, settle, visit, expectAccessible, linkInMail } from './support';

const PASSWORD = 'wobbly lighthouse marmalade';

/** An administrator adds someone new and sends them an invitation; returns when it is sent. */
async function addAndInvite(page: Page, testInfo: TestInfo, name: string, email: string) {
  await signIn(page, DEMO.admin.email, testInfo);
  await visit(page, '/manage/people/new', testInfo);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Job title').fill('Teacher of History');
  await page.getByLabel('Works at').selectOption({ label: 'Kingsmead Academy' });
  await page.getByLabel('Role category').selectOption({ label: 'Delivering Education' });
  await page.getByRole('button', { name: 'Add person' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Person added');
  const signingIn = page.getByRole('region', { name: 'Signing in' });
  await expect(signingIn).toContainText('no password yet');
  await signingIn.getByRole('button', { name: 'Send an invitation' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText(`Invitation sent to ${email}`);
  await expect(page.getByRole('region', { name: 'Signing in' })).toContainText('Invited');
  await page.context().clearCookies();
}

/** Follows a password link and sets `password`, first trying one that is too short. */
async function setPassword(page: Page, testInfo: TestInfo, link: string, heading: RegExp) {
  await visit(page, link, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expectAccessible(page, testInfo);
  await page.getByLabel('New password').fill('too short');
  await page.getByLabel('Type it again').fill('too short');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert').first()).toContainText('at least 12 characters');
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Type it again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set my password' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Your password is set');
}

test('a new person follows the invitation in their e-mail, sets a password and signs in', async ({ page }, testInfo) => {
  const email = `ines.${testInfo.project.name}@waymark.test`;
  const since = Date.now();
  await addAndInvite(page, testInfo, `Ines Invited ${testInfo.project.name}`, email);
  const link = await linkInMail(email, '/password/', since);
  await setPassword(page, testInfo, link, /Welcome to Waymark, Ines/);
  await signIn(page, email, testInfo, PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Ines');

  // The link is spent.
  await page.context().clearCookies();
  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
});

test('someone who forgot their password resets it from the sign-in page', async ({ page }, testInfo) => {
  const email = `rory.${testInfo.project.name}@waymark.test`;
  let since = Date.now();
  await addAndInvite(page, testInfo, `Rory Reset ${testInfo.project.name}`, email);
  await setPassword(page, testInfo, await linkInMail(email, '/password/', since), /Welcome to Waymark/);

  await visit(page, '/sign-in', testInfo);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
  await expectAccessible(page, testInfo);
  since = Date.now();
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('If that address belongs to someone in the trust');
  await expectAccessible(page, testInfo);
  await setPassword(page, testInfo, await linkInMail(email, '/password/', since), /Choose a new password, Rory/);
  await signIn(page, email, testInfo, PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Rory');
});
