import { test, expect, DEMO, signIn, settle, visit, expectAccessible } from './support';

test('an administrator adds an academy, renames it, closes it and reads its history', async ({ page }, testInfo) => {
  const name = `Riverside Academy (${testInfo.project.name})`;
  await signIn(page, DEMO.admin.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Academies' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Academies');
  await expect(page.getByRole('row').filter({ hasText: 'Ashgrove Primary Academy' })).toContainText('Open');
  await expectAccessible(page, testInfo);

  await page.getByRole('link', { name: 'Add an academy' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add an academy');
  // Nothing filled in: told what is missing, next to each field.
  await page.getByRole('button', { name: 'Save academy' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText("Enter the academy's name");
  await expect(page.getByRole('alert')).toContainText("Choose the academy's phase");
  await expectAccessible(page, testInfo);

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Phase').selectOption({ label: 'Secondary' });
  await page.getByRole('button', { name: 'Save academy' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Academy saved');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  // A name another academy has is refused.
  await page.getByLabel('Name', { exact: true }).fill('Kingsmead Academy');
  await page.getByRole('button', { name: 'Save academy' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Another academy is already called Kingsmead Academy');

  await page.getByLabel('Name', { exact: true }).fill(`${name} and Sixth Form`);
  await page.getByLabel('Short name (optional)').fill('Riverside');
  await page.getByRole('button', { name: 'Save academy' }).click();
  await settle(page, testInfo);
  const history = page.getByRole('region', { name: 'Changes' });
  await expect(history.getByRole('row').filter({ hasText: 'Short name' })).toContainText('Riverside');
  const renamed = history.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Name', exact: true }) });
  await expect(renamed.first()).toContainText(`${name} and Sixth Form`);

  // Closing is confirmed first.
  await page.locator('summary', { hasText: 'Close this academy' }).click();
  await page.getByRole('button', { name: 'Yes, close it' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Academy closed');
  await expect(history.getByRole('row').filter({ hasText: 'Status' })).toContainText('Closed on');
  await expectAccessible(page, testInfo);

  await visit(page, '/manage/academies', testInfo);
  await expect(page.getByRole('row').filter({ hasText: `${name} and Sixth Form` })).toContainText('Closed on');
});

test('an academy where staff still work cannot be closed', async ({ page }, testInfo) => {
  await signIn(page, DEMO.admin.email, testInfo);
  await visit(page, '/manage/academies', testInfo);
  await page.getByRole('link', { name: 'Ashgrove Primary Academy' }).click();
  await settle(page, testInfo);
  await page.locator('summary', { hasText: 'Close this academy' }).click();
  await page.getByRole('button', { name: 'Yes, close it' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('still work at Ashgrove Primary Academy');
  await expect(page.getByRole('heading', { level: 2, name: 'Close this academy' })).toBeVisible();
});

test('staff and HR cannot reach the academies', async ({ page }, testInfo) => {
  for (const person of [DEMO.staff, DEMO.hr]) {
    await signIn(page, person.email, testInfo);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Academies' })).toHaveCount(0);
    const response = await page.goto('/manage/academies');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Academies');
    await page.context().clearCookies();
  }
});
