import { test, expect, DEMO, signIn, settle, visit, expectAccessible } from './support';

test('an administrator adds a person, sets their line manager, reads their record and marks them as a leaver', async ({ page }, testInfo) => {
  const email = `nia.${testInfo.project.name}@waymark.test`;
  const name = `Nia Newton ${testInfo.project.name}`;
  await signIn(page, DEMO.admin.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await settle(page, testInfo);
  await page.getByRole('link', { name: 'Add a person' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a person');
  await expectAccessible(page, testInfo);

  // Nothing filled in: told what is missing.
  await page.getByRole('button', { name: 'Add person' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert').first()).toContainText('Enter a name');
  await expect(page.getByRole('alert').first()).toContainText('Enter their job title');

  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Job title').fill('Teacher of Geography');
  await page.getByLabel('Works at').selectOption({ label: 'Ashgrove Primary Academy' });
  await page.getByLabel('Role category').selectOption({ label: 'Delivering Education' });
  await page.getByLabel('Line manager’s e-mail address (optional)').fill('nobody@waymark.test');
  await page.getByRole('button', { name: 'Add person' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert').first()).toContainText('No one working for the trust has the e-mail address nobody@waymark.test');
  await expectAccessible(page, testInfo);

  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Job title').fill('Teacher of Geography');
  await page.getByLabel('Works at').selectOption({ label: 'Ashgrove Primary Academy' });
  await page.getByLabel('Role category').selectOption({ label: 'Delivering Education' });
  await page.getByLabel('Line manager’s e-mail address (optional)').fill(DEMO.manager.email);
  await page.getByRole('button', { name: 'Add person' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Person added');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const line = page.getByRole('region', { name: 'Line management' });
  await expect(line.getByRole('listitem').first()).toContainText(DEMO.manager.name);
  const history = page.getByRole('region', { name: 'Changes' });
  await expect(history.getByRole('row').filter({ hasText: 'Line manager' })).toContainText(DEMO.manager.name);
  await expectAccessible(page, testInfo);

  // Their manager cannot be made to report to them: a loop is refused, nothing changes.
  await line.getByRole('link', { name: DEMO.manager.name }).click();
  await settle(page, testInfo);
  await page.getByRole('link', { name: 'Change their record' }).click();
  await settle(page, testInfo);
  await page.getByLabel('Line manager’s e-mail address (optional)').fill(email);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert').first()).toContainText(`${name} already reports to this person`);

  // Marking the new person as a leaver is confirmed first.
  await visit(page, `/people?q=${encodeURIComponent(name)}`, testInfo);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await settle(page, testInfo);
  await page.getByRole('link', { name: 'Change their record' }).click();
  await settle(page, testInfo);
  await page.locator('summary', { hasText: 'Mark as a leaver' }).click();
  await page.getByRole('button', { name: `Yes, ${name} has left` }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Marked as a leaver');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Left the trust on');

  // Gone from the people working here; found among the leavers.
  await visit(page, `/people?q=${encodeURIComponent(name)}`, testInfo);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('No one matches');
  await page.getByLabel('Status').selectOption({ label: 'Left the trust' });
  await page.getByRole('button', { name: 'Search' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('left on');
  await expectAccessible(page, testInfo);
});

test('staff read their own record from the home page and nobody else’s', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  await page.getByRole('link', { name: 'Your record and every change made to it' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO.staff.name);
  await expect(page.getByRole('heading', { name: 'Changes' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Change their record' })).toHaveCount(0);
  await expectAccessible(page, testInfo);
  const manager = page.getByRole('region', { name: 'Line management' }).getByRole('link').first();
  const href = await manager.getAttribute('href');
  const response = await page.goto(href!);
  expect(response?.status()).toBe(403);
  const form = await page.goto('/manage/people/new');
  expect(form?.status()).toBe(403);
});

test('HR reads anyone’s record and its changes but cannot change it', async ({ page }, testInfo) => {
  await signIn(page, DEMO.hr.email, testInfo);
  await visit(page, `/people?q=${encodeURIComponent(DEMO.manager.name)}`, testInfo);
  await page.getByRole('link', { name: new RegExp(DEMO.manager.name) }).first().click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO.manager.name);
  await expect(page.getByRole('heading', { name: /direct reports?/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Change their record' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Add a person' })).toHaveCount(0);
  await expectAccessible(page, testInfo);
});
