import { test, expect, DEMO, signIn, visit, settle, expectAccessible } from './support';

test('a line manager sees their team', async ({ page }, testInfo) => {
  await signIn(page, DEMO.manager.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My team' }).click();
  await settle(page, testInfo);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My team');
  await expect(page.getByRole('row', { name: /Sam Taylor/ })).toBeVisible();
  await expectAccessible(page, testInfo);
});

test('HR search the whole trust by name and academy', async ({ page }, testInfo) => {
  await signIn(page, DEMO.hr.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 2 })).toContainText(/\d+ people/);
  await expectAccessible(page, testInfo);

  await page.getByLabel('Name, e-mail or job title').fill('sam taylor');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row', { name: /Sam Taylor/ })).toBeVisible();
  await expect(page).toHaveURL(/q=sam\+taylor/);

  await page.getByLabel('Name, e-mail or job title').fill('');
  const larkspur = await page.locator('#academy option', { hasText: 'Larkspur Special School' }).getAttribute('value');
  await page.getByLabel('Academy').selectOption(larkspur!);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('cell', { name: 'Larkspur Special School' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Ashgrove Primary Academy' })).toHaveCount(0);

  await page.getByLabel('Name, e-mail or job title').fill('zzzz-nobody');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: 'No one matches “zzzz-nobody”' })).toBeVisible();
  await expectAccessible(page, testInfo);
});

test('staff are refused the directory, politely', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  const response = await visit(page, '/people', testInfo);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');
  await expectAccessible(page, testInfo);
});

test('an unknown address shows a real 404 page', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  const response = await visit(page, '/no-such-page', testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found – Waymark');
  await expectAccessible(page, testInfo);
});

test('the skip link takes keyboard users to the content', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});
