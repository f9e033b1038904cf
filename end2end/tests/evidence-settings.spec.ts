import { test, expect, DEMO, signIn, settle, expectAccessible, exclusively } from './support';

test('an administrator adds an activity type that staff can then choose', async ({ page }, testInfo) => {
  const name = `Led a subject network meeting (${testInfo.project.name})`;
  await signIn(page, DEMO.admin.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence settings' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Evidence settings');
  await expectAccessible(page, testInfo);

  await page.getByRole('link', { name: 'Add an activity type' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add an activity type');
  await expectAccessible(page, testInfo);
  // Nothing filled in: told what is missing, next to each field.
  await page.getByRole('button', { name: 'Save activity type' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Enter a name for the activity type');
  await expect(page.getByRole('alert')).toContainText('Describe the activity');
  await expectAccessible(page, testInfo);

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Description').fill('Chaired a meeting of one of the trust subject networks.');
  await page.getByLabel('Happens at a host academy').check();
  await page.getByLabel('B2 Communicating with clarity').check();
  await page.getByRole('button', { name: 'Save activity type' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Activity type saved');
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('B2 Communicating with clarity');

  // Staff find it in the form, explained.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.staff.email, testInfo);
  await page.goto('/evidence/new');
  await settle(page, testInfo);
  await page.getByLabel('Type of activity').selectOption({ label: name });
  if (testInfo.project.name === 'hydrated') {
    await expect(page.locator('#activity-type-about')).toContainText('Often shows: B2 Communicating with clarity');
  }

  // Retired, it is no longer offered.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.admin.email, testInfo);
  await page.goto('/manage/evidence');
  await settle(page, testInfo);
  await page.getByRole('button', { name: `Retire ${name}` }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Activity type retired');
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Retired');
});

test('an administrator arranges cover while a line manager is away, then ends it', async ({ page }, testInfo) => {
  // Both projects arrange cover for the same manager, so they take turns.
  await exclusively('cover', async () => {
    await signIn(page, DEMO.admin.email, testInfo);
    await page.goto('/manage/evidence');
    await settle(page, testInfo);
    const cover = page.getByRole('region', { name: 'Cover while a line manager is away' });
    await cover.locator('summary', { hasText: 'Arrange cover' }).click();
    await cover.getByLabel('Line manager who is away').fill(DEMO.admin.email);
    await cover.getByLabel('Covered by').fill(DEMO.admin.email);
    await cover.getByRole('button', { name: 'Arrange cover' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('alert')).toContainText('Choose someone other than the manager who is away');
    await expect(page.getByRole('alert')).toContainText('Enter the last day of the cover');
    await expectAccessible(page, testInfo);

    const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await cover.getByLabel('Line manager who is away').fill(DEMO.admin.email);
    await cover.getByLabel('Covered by').fill(DEMO.hr.email);
    await cover.getByLabel('Until the end of').fill(until);
    await cover.getByRole('button', { name: 'Arrange cover' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('status')).toContainText('Cover arranged');
    const row = page.getByRole('row').filter({ hasText: DEMO.hr.name });
    await expect(row).toContainText(DEMO.admin.name);
    await expectAccessible(page, testInfo);
    await row.getByRole('button', { name: `End cover for ${DEMO.admin.name}` }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('status')).toContainText('Cover ended');
    await expect(page.getByRole('row').filter({ hasText: DEMO.hr.name })).toHaveCount(0);
  });
});

test('staff cannot reach the evidence settings', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence settings' })).toHaveCount(0);
  const response = await page.goto('/manage/evidence');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Evidence settings');
});
