import { test, expect, DEMO, signIn, visit, settle, expectAccessible } from './support';

test('staff feedback on a draft reaches the framework team, grouped by element', async ({ page }, testInfo) => {
  const words = `Level 2 needs an example for office teams (${testInfo.project.name}).`;

  await signIn(page, DEMO.staff.email, testInfo);
  await visit(page, '/framework', testInfo);
  await page.getByRole('link', { name: 'Read the draft and have your say' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Have your say');
  await expectAccessible(page, testInfo);

  // Sending nothing is refused, plainly.
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Enter your feedback');
  await expectAccessible(page, testInfo);

  await page.getByLabel('What is your feedback about?').selectOption({ label: 'S6 Digital fluency' });
  await page.getByLabel('Your feedback', { exact: true }).fill(words);
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await settle(page, testInfo);
  await expect(page.getByText('Your feedback has been recorded.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your feedback so far' })).toContainText(words);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.admin.email, testInfo);
  await visit(page, '/consultation', testInfo);
  const received = page.getByRole('region', { name: 'Feedback received' });
  const group = received.locator('details').filter({ hasText: 'S6 Digital fluency' });
  await expect(group.locator('summary')).toHaveText(/S6 Digital fluency \(\d+\)/);
  await expect(group).toContainText(words);
  await expect(group).toContainText('Sam Taylor');
  await expectAccessible(page, testInfo);
});
