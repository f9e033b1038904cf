import { test, expect, DEMO, signIn, visit, settle, expectAccessible, hydrated, exclusively } from './support';

test('an administrator edits a descriptor in a new draft, sees the change and publishes it', async ({ page }, testInfo) => {
  // A long journey over big pages, with a turn to wait for.
  test.setTimeout(120_000);
  const words = `Builds trust between academies by keeping every promise (${testInfo.project.name}).`;
  const name = `Meridian Leadership Framework 2025 (revised, ${testInfo.project.name})`;
  await signIn(page, DEMO.admin.email, testInfo);

  // Publishing changes what everyone reads, so the two projects take turns.
  await exclusively('publishing', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manage framework' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Manage the framework');
    await expectAccessible(page, testInfo);

    await page.getByRole('button', { name: 'Start a new draft' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('status')).toContainText('Your new draft is ready');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Draft');
    await expectAccessible(page, testInfo);

    // Rename it, as a revision of this year's framework.
    await page.getByRole('region', { name: 'Name and introduction' }).getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Save name and introduction' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);

    await page.getByRole('link', { name: 'Building relationships and trust' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit B1 Building relationships and trust');
    await expectAccessible(page, testInfo);

    // A code another element has is refused, next to the field, and nothing is lost.
    await page.getByLabel('Code').fill('B2');
    await page.getByRole('button', { name: 'Save element' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('alert')).toContainText('Another element already has the code B2');
    await expectAccessible(page, testInfo);
    await page.getByLabel('Code').fill('B1');

    const trust = page.getByRole('group', { name: 'Level 4: Trust' });
    await trust.getByLabel('For everyone').fill(`**${words}**`);
    if (hydrated(testInfo)) {
      await trust.getByRole('button', { name: 'Preview For everyone' }).click();
      await expect(trust.locator('.preview strong')).toHaveText(words);
    }
    await page.getByRole('button', { name: 'Save element' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('status')).toContainText('Your changes have been saved');
    await expect(page.getByRole('group', { name: 'Level 4: Trust' }).locator('.preview strong')).toHaveText(words);

    await page.getByRole('link', { name: 'Back to the draft' }).click();
    await settle(page, testInfo);
    await page.getByRole('link', { name: /See the 2 changes from the published version/ }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changed');
    await expect(page.getByRole('main')).toContainText('Descriptor at Trust (for everyone) reworded');
    await expect(page.getByRole('main')).toContainText(`→ “${name}”`);
    await expectAccessible(page, testInfo);

    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name }).click();
    await settle(page, testInfo);
    await page.getByRole('button', { name: 'Publish this version' }).click();
    await settle(page, testInfo);
    await expect(page.getByRole('status')).toContainText('Published');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Published');

    // Everyone now reads the new wording.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, DEMO.staff.email, testInfo);
    await visit(page, '/framework/B1?for=all', testInfo);
    await expect(page.getByRole('main')).toContainText(words);
  });
});

test('staff cannot reach the framework administration', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manage framework' })).toHaveCount(0);
  const response = await visit(page, '/manage/framework', testInfo);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');
});
