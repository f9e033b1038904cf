import { test, expect, DEMO, signIn, settle, expectAccessible } from './support';

const HEADINGS = 'Employee Number,First Name,Surname,Email,School,Job Title,Staff Category,Line Manager Email\n';

test('an administrator imports staff: reads the problems, fixes the file and applies it', async ({ page }, testInfo) => {
  const tag = testInfo.project.name.replace(/[^a-z0-9]/gi, '').toLowerCase();
  const rows = (academy: string, manager: string) =>
    HEADINGS +
    `IMP-${tag}-1,Rhea,Import${tag},rhea.${tag}@waymark.test,Ashgrove Primary Academy,Teacher of Art,Delivering,${DEMO.manager.email}\n` +
    `IMP-${tag}-2,Theo,Import${tag},theo.${tag}@waymark.test,${academy},Teaching Assistant,Supporting,${manager}\n` +
    `IMP-${tag}-3,Ivy,Import${tag},ivy.${tag}@waymark.test,${academy},Teacher,Delivering,rhea.${tag}@waymark.test\n`;

  await signIn(page, DEMO.admin.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await settle(page, testInfo);
  await page.getByRole('link', { name: 'Import staff from a CSV file' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import staff');
  await expectAccessible(page, testInfo);

  // A file with two bad rows: an academy that does not exist, a manager nobody knows.
  await page.getByLabel('Staff file').setInputFiles({
    name: 'staff.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows('Atlantis Academy', 'ghost@waymark.test')),
  });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check the import');
  const problems = page.getByRole('region', { name: /problems? to fix/ });
  // Rows 3 and 4 name an academy that does not exist; row 3 a manager nobody knows.
  await expect(problems.getByRole('row', { name: /^3 Unknown academy “Atlantis Academy”/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /^4 Unknown academy “Atlantis Academy”/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /^3 Line manager “ghost@waymark.test” is not in the file or in Waymark/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply the import' })).toHaveCount(0);
  await expectAccessible(page, testInfo);

  // The fixed file: previewed, then applied.
  await page.getByRole('link', { name: 'Upload another file' }).click();
  await settle(page, testInfo);
  await page.getByLabel('Staff file').setInputFiles({
    name: 'staff-fixed.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows('Kingsmead Academy', `rhea.${tag}@waymark.test`)),
  });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { name: 'To add (3)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'To add (3)' })).toContainText(`Theo Import${tag}`);
  await expect(page.getByRole('button', { name: 'Apply the import' })).toBeVisible();
  await page.getByRole('button', { name: 'Apply the import' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('3 people added');
  await expectAccessible(page, testInfo);

  // They are in the trust now, with the line management the file gave them.
  await page.goto(`/people?q=Import${tag}`);
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('3 people match');
  await page.getByRole('link', { name: new RegExp(`Ivy Import${tag}`) }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('region', { name: 'Line management' }).getByRole('listitem').first()).toContainText(`Rhea Import${tag}`);
});

test('an empty file is refused with a plain message', async ({ page }, testInfo) => {
  await signIn(page, DEMO.admin.email, testInfo);
  await page.goto('/manage/people/import');
  await settle(page, testInfo);
  await page.getByLabel('Staff file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Choose the staff file');
  await expectAccessible(page, testInfo);
});
