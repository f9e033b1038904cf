import { test, expect, DEMO, signIn, visit, settle, expectAccessible } from './support';

test('a person reads an element at every level, in their own role\'s words', async ({ page }, testInfo) => {
  // HR staff are Enabling Education: A1 has descriptors tailored to them.
  await signIn(page, DEMO.hr.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Framework' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Meridian Leadership Framework 2025');
  await expect(page.getByRole('heading', { name: 'Attitudes' })).toBeVisible();
  await expectAccessible(page, testInfo);

  await page.getByLabel('Search the framework').fill('coach');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: /B3 Developing others/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /A1 Moral purpose/ })).toHaveCount(0);

  await visit(page, '/framework', testInfo);
  await page.getByRole('link', { name: /A1 Moral purpose/ }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A1 Moral purpose');
  const ladder = page.getByRole('list', { name: 'What it looks like at each level' });
  await expect(ladder.getByRole('listitem')).toHaveCount(4);
  await expect(ladder).toContainText('makes learning possible');
  await expect(ladder.getByText('For Enabling Education').first()).toBeVisible();
  await expectAccessible(page, testInfo);

  await page.getByRole('navigation', { name: 'Descriptors for' }).getByRole('link', { name: 'Everyone' }).click();
  await settle(page, testInfo);
  await expect(ladder).toContainText('whatever your role');
  await expect(ladder).not.toContainText('makes learning possible');
});

test('a person follows a pathway and stops following it', async ({ page }, testInfo) => {
  // Nobody else's test follows pathways as the administrator.
  await signIn(page, DEMO.admin.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pathways' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pathways');
  await expectAccessible(page, testInfo);

  const name = testInfo.project.name === 'no-js' ? 'Instructional coach' : 'Enabling Education essentials';
  await page.getByRole('link', { name }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, testInfo);

  await page.getByRole('button', { name: 'Follow this pathway' }).click();
  await settle(page, testInfo);
  await expect(page.getByText('Following this pathway')).toBeVisible();
  await visit(page, '/pathways', testInfo);
  await expect(page.getByRole('listitem').filter({ hasText: name }).getByText('Following')).toBeVisible();

  await page.getByRole('link', { name }).click();
  await settle(page, testInfo);
  await page.getByRole('button', { name: 'Stop following' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('button', { name: 'Follow this pathway' })).toBeVisible();
});
